#include "main/column_definition_builder.h"

#include "binder/binder.h"
#include "binder/expression_binder.h"
#include "catalog/catalog.h"
#include "catalog/view_catalog_entry.h"
#include "common/exception.h"
#include "main/client_context.h"
#include "main/database.h"

namespace tributary {

ColumnDefinition ColumnDefinitionBuilder::Build(ClientContext& context,
                                                const ColumnDefinitionNode& node) {
  ColumnDefinition column;
  column.name = node.name;
  column.type = node.type;
  // Redshift's defaults for types declared without a size.
  if (node.unconstrained_numeric)
    column.type = LogicalType::Decimal(18, 0);
  if (column.type.id() == LogicalTypeId::kVarchar && column.type.width() == 0)
    column.type = LogicalType::Varchar(256);
  column.not_null = node.not_null || node.primary_key;
  if (node.default_value) {
    // Bind now so a bad DEFAULT fails at CREATE time.
    Binder binder(context);
    BindContext empty;
    ExpressionBinder expression_binder(binder, empty, "DEFAULT expressions");
    ExpressionBinder::Coerce(expression_binder.Bind(*node.default_value), column.type);
    column.default_sql = node.default_value->ToString();
  }
  if (!node.encoding.empty()) {
    CheckEncoding(node.name, node.encoding);
    column.encoding = node.encoding;
  }
  return column;
}

void ColumnDefinitionBuilder::CheckEncoding(const std::string& column,
                                            const std::string& encoding) {
  static const char* kEncodings[] = {"raw",     "az64",    "bytedict", "delta",    "delta32k",
                                     "lzo",     "mostly8", "mostly16", "mostly32", "runlength",
                                     "text255", "text32k", "zstd"};
  for (const char* known : kEncodings) {
    if (encoding == known)
      return;
  }
  throw Exception(sqlstate::kUndefinedObject,
                  "invalid encoding \"" + encoding + "\" for column \"" + column + "\"")
      .WithHint(
          "Use RAW, AZ64, BYTEDICT, DELTA, DELTA32K, LZO, MOSTLY8, MOSTLY16, MOSTLY32, RUNLENGTH, "
          "TEXT255, TEXT32K or ZSTD.");
}

std::vector<ColumnDefinition> ColumnDefinitionBuilder::FromLike(ClientContext& context,
                                                                const TableLikeNode& like,
                                                                TableAttributes& attributes) {
  auto& catalog = context.db.catalog();
  std::string schema = like.schema.empty() ? Catalog::kDefaultSchema : like.schema;
  auto schema_entry = catalog.GetSchema(schema);
  if (schema_entry && schema_entry->external) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "CREATE TABLE ... LIKE a table of an external schema is not supported")
        .WithHint("Use CREATE TABLE ... AS SELECT * FROM " + schema + "." + like.table +
                  " WHERE false.")
        .WithPosition(like.location);
  }
  auto entry = catalog.GetEntry(schema, like.table);
  if (!entry) {
    throw Exception(sqlstate::kUndefinedTable,
                    "relation \"" + (like.schema.empty() ? like.table : schema + "." + like.table) +
                        "\" does not exist")
        .WithPosition(like.location);
  }
  std::vector<ColumnDefinition> columns;
  if (entry->type == CatalogType::kView) {
    auto& view = entry->Cast<ViewCatalogEntry>();
    if (view.no_schema_binding) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "CREATE TABLE ... LIKE a late-binding view is not supported")
          .WithPosition(like.location);
    }
    for (size_t i = 0; i < view.column_names.size(); i++) {
      ColumnDefinition column;
      column.name = view.column_names[i];
      column.type = view.column_types[i];
      columns.push_back(std::move(column));
    }
    return columns;
  }
  auto& table = entry->Cast<TableCatalogEntry>();
  attributes = table.attributes;
  for (auto column : table.columns) {
    if (!like.including_defaults)
      column.default_sql.clear();
    columns.push_back(std::move(column));
  }
  return columns;
}

void ColumnDefinitionBuilder::CheckAttributes(TableAttributes& attributes,
                                              const std::vector<ColumnDefinition>& columns) {
  auto exists = [&](const std::string& name) {
    for (auto& c : columns) {
      if (c.name == name)
        return true;
    }
    return false;
  };
  if (!attributes.dist_key.empty()) {
    if (!exists(attributes.dist_key)) {
      throw Exception(sqlstate::kUndefinedColumn,
                      "column \"" + attributes.dist_key + "\" named in DISTKEY does not exist");
    }
    if (attributes.dist_style == DistStyle::kEven || attributes.dist_style == DistStyle::kAll) {
      throw Exception(sqlstate::kSyntaxError,
                      std::string("DISTKEY cannot be used with DISTSTYLE ") +
                          TableAttributes::DistStyleName(attributes.dist_style))
          .WithHint("Use DISTSTYLE KEY (or leave DISTSTYLE out) with a DISTKEY.");
    }
    attributes.dist_style = DistStyle::kKey;
  } else if (attributes.dist_style == DistStyle::kKey) {
    throw Exception(sqlstate::kSyntaxError, "DISTSTYLE KEY requires a DISTKEY column")
        .WithHint("Add DISTKEY (column).");
  }
  for (size_t i = 0; i < attributes.sort_key.size(); i++) {
    if (!exists(attributes.sort_key[i])) {
      throw Exception(sqlstate::kUndefinedColumn,
                      "column \"" + attributes.sort_key[i] + "\" named in SORTKEY does not exist");
    }
    for (size_t j = 0; j < i; j++) {
      if (attributes.sort_key[j] == attributes.sort_key[i]) {
        throw Exception(sqlstate::kDuplicateColumn,
                        "column \"" + attributes.sort_key[i] + "\" appears twice in SORTKEY");
      }
    }
  }
}

}  // namespace tributary
