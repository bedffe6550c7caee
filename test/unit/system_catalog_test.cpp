// Catalog OIDs and the SystemCatalog's name resolution, search_path and
// type formatting (the parts SQL reaches only indirectly).
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/system_catalog.h"

namespace tributary {
namespace {

std::shared_ptr<TableCatalogEntry> Table(const std::string& schema, const std::string& name) {
  return std::make_shared<TableCatalogEntry>(
      schema, name, std::vector<ColumnDefinition>{{"a", LogicalTypeId::kInteger, true, "", ""}});
}

TEST(SystemCatalogTest, OidsAreStableAndRestoredOnesKept) {
  Catalog catalog;
  EXPECT_EQ(catalog.GetSchema("public")->oid, Catalog::kPublicOid);
  EXPECT_EQ(catalog.GetSchema("pg_catalog")->oid, Catalog::kPgCatalogOid);
  catalog.CreateEntry("public", Table("public", "t1"), false);
  auto t1 = catalog.GetEntry("public", "t1")->oid;
  EXPECT_GE(t1, Catalog::kFirstUserOid);
  auto restored = Table("public", "t2");
  restored->oid = 20000;
  catalog.CreateEntry("public", restored, false);
  EXPECT_EQ(catalog.GetEntry("public", "t2")->oid, 20000u);
  catalog.CreateEntry("public", Table("public", "t3"), false);
  EXPECT_GT(catalog.GetEntry("public", "t3")->oid, 20000u);
  EXPECT_EQ(catalog.GetEntry("public", "t1")->oid, t1);  // unchanged by later entries
}

TEST(SystemCatalogTest, SearchPathAndVisibility) {
  Catalog catalog;
  catalog.CreateSchema("s", false);
  catalog.CreateSchema("awsuser", false);
  catalog.CreateEntry("public", Table("public", "t"), false);
  catalog.CreateEntry("s", Table("s", "t"), false);
  CatalogSession session;
  session.user = "awsuser";
  session.search_path = "\"$user\", public";
  session.roles = {{"awsuser", 100, true}};
  SystemCatalog system(catalog, session);
  EXPECT_EQ(system.SearchPath(), (std::vector<std::string>{"awsuser", "public"}));
  auto public_t = catalog.GetEntry("public", "t")->oid;
  auto s_t = catalog.GetEntry("s", "t")->oid;
  EXPECT_EQ(system.RelationOid("t"), public_t);
  EXPECT_EQ(system.RelationOid("s.t"), s_t);
  EXPECT_EQ(system.RelationOid("\"s\".\"t\""), s_t);
  EXPECT_EQ(system.RelationOid("S.T"), s_t);  // unquoted names fold
  EXPECT_EQ(system.RelationOid("pg_class"), 1259u);
  EXPECT_FALSE(system.RelationOid("missing"));
  EXPECT_EQ(system.RelationNames()[s_t], "s.t");
  EXPECT_EQ(system.RelationNames()[public_t], "t");
  session.search_path = "s, public";
  SystemCatalog shadowed(catalog, session);
  EXPECT_EQ(shadowed.RelationOid("t"), s_t);
}

TEST(SystemCatalogTest, FormatTypeMatchesPostgres) {
  EXPECT_EQ(SystemCatalog::FormatType(1043, 14), "character varying(10)");
  EXPECT_EQ(SystemCatalog::FormatType(1043, std::nullopt), "character varying");
  EXPECT_EQ(SystemCatalog::FormatType(1700, ((12 << 16) | 3) + 4), "numeric(12,3)");
  EXPECT_EQ(SystemCatalog::FormatType(1042, 7), "character(3)");
  EXPECT_EQ(SystemCatalog::FormatType(1114, -1), "timestamp without time zone");
  EXPECT_EQ(SystemCatalog::FormatType(1009, std::nullopt), "text[]");
  EXPECT_EQ(SystemCatalog::FormatType(18, std::nullopt), "\"char\"");
  EXPECT_EQ(SystemCatalog::FormatType(424242, std::nullopt), "???");
  auto [oid, typmod] = SystemCatalog::PgType(LogicalType::Decimal(8, 2));
  EXPECT_EQ(SystemCatalog::FormatType(oid, typmod), "numeric(8,2)");
}

}  // namespace
}  // namespace tributary
