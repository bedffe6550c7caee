// RelationReferences: the relations a query names, read from PostgreSQL's
// parse tree (every RangeVar, in subqueries and CTEs too), without binding.
// CREATE VIEW ... WITH NO SCHEMA BINDING uses it to require schema-qualified
// names, as Redshift does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tributary {

struct RelationReference {
  std::string schema;  // empty when not qualified
  std::string name;
};

class RelationReferences {
 public:
  // The relations `query` (one SELECT) names, CTE references excluded.
  // Throws 42601 when it does not parse.
  static std::vector<RelationReference> Of(std::string_view query);
};

}  // namespace tributary
