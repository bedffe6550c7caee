#include "server/deallocate_statement.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

namespace tributary {

std::optional<DeallocateStatement> ParseDeallocate(const std::string& sql) {
  PgQueryProtobufParseResult parsed = pg_query_parse_protobuf(sql.c_str());
  std::optional<DeallocateStatement> result;
  if (!parsed.error) {
    auto* tree = pg_query__parse_result__unpack(
        nullptr, parsed.parse_tree.len, reinterpret_cast<const uint8_t*>(parsed.parse_tree.data));
    if (tree && tree->n_stmts == 1 && tree->stmts[0]->stmt &&
        tree->stmts[0]->stmt->node_case == PG_QUERY__NODE__NODE_DEALLOCATE_STMT) {
      auto* stmt = tree->stmts[0]->stmt->deallocate_stmt;
      result = DeallocateStatement{stmt->name ? stmt->name : ""};
    }
    if (tree)
      pg_query__parse_result__free_unpacked(tree, nullptr);
  }
  pg_query_free_protobuf_parse_result(parsed);
  return result;
}

}  // namespace tributary
