// MySqlCatalog::MapType: REDSHIFT.md's MySQL type table, from
// information_schema's DATA_TYPE and COLUMN_TYPE.
#include "connector/mysql/mysql_catalog.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

std::string Map(const std::string& data_type, const std::string& column_type, int64_t precision = 0,
                int64_t scale = 0, int64_t length = 0) {
  auto mapped = MySqlCatalog::MapType(data_type, column_type, precision, scale, length);
  return mapped.type.ToString() + "/" + std::to_string(static_cast<int>(mapped.wire));
}

TEST(MySqlCatalogTest, MapsEveryType) {
  EXPECT_EQ(Map("tinyint", "tinyint(1)"), "boolean/1");
  EXPECT_EQ(Map("tinyint", "tinyint(1) unsigned"), "boolean/1");
  EXPECT_EQ(Map("tinyint", "tinyint(4)"), "smallint/0");
  EXPECT_EQ(Map("tinyint", "tinyint(3) unsigned"), "smallint/0");
  EXPECT_EQ(Map("smallint", "smallint(6)"), "smallint/0");
  EXPECT_EQ(Map("smallint", "smallint(5) unsigned"), "integer/0");
  EXPECT_EQ(Map("mediumint", "mediumint(9)"), "integer/0");
  EXPECT_EQ(Map("mediumint", "mediumint(8) unsigned"), "integer/0");
  EXPECT_EQ(Map("int", "int(11)"), "integer/0");
  EXPECT_EQ(Map("int", "int(10) unsigned"), "bigint/0");
  EXPECT_EQ(Map("bigint", "bigint(20)"), "bigint/0");
  EXPECT_EQ(Map("bigint", "bigint(20) unsigned"), "numeric(20,0)/0");
  EXPECT_EQ(Map("decimal", "decimal(15,2)", 15, 2), "numeric(15,2)/0");
  EXPECT_EQ(Map("decimal", "decimal(38,10)", 38, 10), "numeric(38,10)/0");
  // Wider than ours: the exact text.
  EXPECT_EQ(Map("decimal", "decimal(65,30)", 65, 30), "character varying(65535)/0");
  EXPECT_EQ(Map("float", "float"), "real/2");
  EXPECT_EQ(Map("double", "double"), "double precision/0");
  EXPECT_EQ(Map("char", "char(10)", 0, 0, 10), "character(10)/0");
  EXPECT_EQ(Map("varchar", "varchar(300)", 0, 0, 300), "character varying(300)/0");
  EXPECT_EQ(Map("date", "date"), "date/0");
  EXPECT_EQ(Map("datetime", "datetime(6)"), "timestamp without time zone/0");
  EXPECT_EQ(Map("timestamp", "timestamp"), "timestamp without time zone/0");
  EXPECT_EQ(Map("year", "year(4)"), "character varying(4)/3");
  EXPECT_EQ(Map("time", "time"), "character varying(65535)/4");
  EXPECT_EQ(Map("bit", "bit(8)"), "character varying(65535)/6");
  for (const char* binary : {"binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"})
    EXPECT_EQ(Map(binary, binary), "character varying(65535)/5") << binary;
  for (const char* text : {"tinytext", "text", "mediumtext", "longtext", "enum", "set", "json"})
    EXPECT_EQ(Map(text, text), "character varying(65535)/0") << text;
  for (const char* spatial : {"geometry", "point", "linestring", "polygon", "multipoint",
                              "multilinestring", "multipolygon", "geometrycollection"})
    EXPECT_EQ(Map(spatial, spatial), "character varying(65535)/7") << spatial;
}

TEST(MySqlCatalogTest, SelectExpressions) {
  RemoteColumn column;
  column.wire_cast = "float";
  EXPECT_EQ(MySqlCatalog::SelectExpression(column, "`f`"), "(`f` + 0e0)");
  column.wire_cast = "hex";
  EXPECT_EQ(MySqlCatalog::SelectExpression(column, "`b`"), "HEX(`b`)");
  column.wire_cast = "";
  EXPECT_EQ(MySqlCatalog::SelectExpression(column, "`x`"), "`x`");
}

}  // namespace
}  // namespace tributary
