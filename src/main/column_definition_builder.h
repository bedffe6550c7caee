// ColumnDefinitionBuilder: a parsed column definition (CREATE TABLE, ALTER
// TABLE ADD COLUMN) -> the catalog's ColumnDefinition, with Redshift's
// defaults for unsized types and the DEFAULT expression checked now (it is
// stored as SQL text and bound again by each INSERT).
#pragma once

#include "catalog/column_definition.h"
#include "parser/statement/sql_statement.h"

namespace tributary {

class ClientContext;

class ColumnDefinitionBuilder {
 public:
  // Throws what binding the DEFAULT throws (42703, 42804, ...).
  static ColumnDefinition Build(ClientContext& context, const ColumnDefinitionNode& node);
  // Redshift's ENCODE names (RAW, AZ64, BYTEDICT, DELTA, DELTA32K, LZO,
  // MOSTLY8/16/32, RUNLENGTH, TEXT255, TEXT32K, ZSTD); throws 42704 for
  // another.
  static void CheckEncoding(const std::string& column, const std::string& encoding);
  // The columns of CREATE TABLE's LIKE source (a table, materialized view
  // or normal view): names, types, NOT NULL and ENCODE, and with INCLUDING
  // DEFAULTS the defaults. Sets `attributes` to the source table's
  // DISTSTYLE/DISTKEY/SORTKEY (Redshift's LIKE inherits them).
  static std::vector<ColumnDefinition> FromLike(ClientContext& context, const TableLikeNode& like,
                                                TableAttributes& attributes);
  // DISTKEY and SORTKEY must name columns of the table; DISTKEY implies
  // DISTSTYLE KEY and is refused with EVEN or ALL. Throws 42703 / 42601.
  static void CheckAttributes(TableAttributes& attributes,
                              const std::vector<ColumnDefinition>& columns);
};

}  // namespace tributary
