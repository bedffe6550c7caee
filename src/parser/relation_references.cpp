#include "parser/relation_references.h"

#include <pg_query.h>

#include <nlohmann/json.hpp>
#include <set>

#include "common/exception.h"

namespace tributary {

namespace {

void Collect(const nlohmann::json& node, std::set<std::string>& ctes,
             std::vector<RelationReference>& out) {
  if (node.is_array()) {
    for (auto& item : node)
      Collect(item, ctes, out);
    return;
  }
  if (!node.is_object())
    return;
  for (auto& [key, value] : node.items()) {
    if (key == "CommonTableExpr" && value.contains("ctename"))
      ctes.insert(value["ctename"].get<std::string>());
    if (key == "RangeVar" && value.is_object()) {
      RelationReference ref;
      if (value.contains("schemaname"))
        ref.schema = value["schemaname"].get<std::string>();
      if (value.contains("relname"))
        ref.name = value["relname"].get<std::string>();
      out.push_back(std::move(ref));
      continue;
    }
    Collect(value, ctes, out);
  }
}

}  // namespace

std::vector<RelationReference> RelationReferences::Of(std::string_view query) {
  std::string text(query);
  PgQueryParseResult parsed = pg_query_parse(text.c_str());
  if (parsed.error) {
    Exception error(sqlstate::kSyntaxError, parsed.error->message);
    pg_query_free_parse_result(parsed);
    throw error;
  }
  auto tree = nlohmann::json::parse(parsed.parse_tree, nullptr, false);
  pg_query_free_parse_result(parsed);
  std::set<std::string> ctes;
  std::vector<RelationReference> all, result;
  Collect(tree, ctes, all);
  for (auto& ref : all) {
    if (ref.schema.empty() && ctes.count(ref.name))
      continue;
    result.push_back(std::move(ref));
  }
  return result;
}

}  // namespace tributary
