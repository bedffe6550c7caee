// SystemCatalog: the snapshot, name resolution and type formatting shared by
// the pg_catalog, information_schema and Redshift catalog tables.
#include "catalog/system_catalog.h"

#include <algorithm>
#include <set>

#include "catalog/system_table_builder.h"
#include "catalog/table_catalog_entry.h"
#include "catalog/view_catalog_entry.h"

namespace tributary {

namespace {

// The catalog tables themselves, with PostgreSQL 15's column lists (types
// by their PostgreSQL names; see SystemTableBuilder). Clients send the
// queries of the server version we report (9.0), so pg_class and pg_proc
// also keep the columns PostgreSQL had then (relhasoids, proisagg,
// proiswindow) after the current ones.
struct TableSpec {
  const char* schema;
  const char* name;
  uint32_t oid;
  char relkind;
  const char* columns;
  bool external = false;  // lists the external schemas' relations
};

constexpr TableSpec kTables[] = {
    {"pg_catalog", "pg_namespace", 2615, 'r', "oid:oid nspname:name nspowner:oid nspacl:aclitem[]"},
    {"pg_catalog", "pg_class", 1259, 'r',
     "oid:oid relname:name relnamespace:oid reltype:oid reloftype:oid relowner:oid relam:oid "
     "relfilenode:oid reltablespace:oid relpages:int4 reltuples:float4 relallvisible:int4 "
     "reltoastrelid:oid relhasindex:bool relisshared:bool relpersistence:char relkind:char "
     "relnatts:int2 relchecks:int2 relhasrules:bool relhastriggers:bool relhassubclass:bool "
     "relrowsecurity:bool relforcerowsecurity:bool relispopulated:bool relreplident:char "
     "relispartition:bool relrewrite:oid relfrozenxid:xid relminmxid:xid relacl:aclitem[] "
     "reloptions:text[] relpartbound:pg_node_tree relhasoids:bool"},
    {"pg_catalog", "pg_attribute", 1249, 'r',
     "attrelid:oid attname:name atttypid:oid attstattarget:int4 attlen:int2 attnum:int2 "
     "attndims:int4 attcacheoff:int4 atttypmod:int4 attbyval:bool attalign:char attstorage:char "
     "attcompression:char attnotnull:bool atthasdef:bool atthasmissing:bool attidentity:char "
     "attgenerated:char attisdropped:bool attislocal:bool attinhcount:int4 attcollation:oid "
     "attacl:aclitem[] attoptions:text[] attfdwoptions:text[] attmissingval:anyarray"},
    {"pg_catalog", "pg_type", 1247, 'r',
     "oid:oid typname:name typnamespace:oid typowner:oid typlen:int2 typbyval:bool typtype:char "
     "typcategory:char typispreferred:bool typisdefined:bool typdelim:char typrelid:oid "
     "typsubscript:regproc typelem:oid typarray:oid typinput:regproc typoutput:regproc "
     "typreceive:regproc typsend:regproc typmodin:regproc typmodout:regproc typanalyze:regproc "
     "typalign:char typstorage:char typnotnull:bool typbasetype:oid typtypmod:int4 typndims:int4 "
     "typcollation:oid typdefaultbin:pg_node_tree typdefault:text typacl:aclitem[]"},
    {"pg_catalog", "pg_proc", 1255, 'r',
     "oid:oid proname:name pronamespace:oid proowner:oid prolang:oid procost:float4 "
     "prorows:float4 provariadic:oid prosupport:regproc prokind:char prosecdef:bool "
     "proleakproof:bool proisstrict:bool proretset:bool provolatile:char proparallel:char "
     "pronargs:int2 pronargdefaults:int2 prorettype:oid proargtypes:oidvector "
     "proallargtypes:oid[] proargmodes:char[] proargnames:text[] proargdefaults:pg_node_tree "
     "protrftypes:oid[] prosrc:text probin:text prosqlbody:pg_node_tree proconfig:text[] "
     "proacl:aclitem[] proisagg:bool proiswindow:bool"},
    {"pg_catalog", "pg_database", 1262, 'r',
     "oid:oid datname:name datdba:oid encoding:int4 datlocprovider:char datistemplate:bool "
     "datallowconn:bool datconnlimit:int4 datfrozenxid:xid datminmxid:xid dattablespace:oid "
     "datcollate:text datctype:text daticulocale:text datcollversion:text datacl:aclitem[]"},
    {"pg_catalog", "pg_roles", 12001, 'v',
     "rolname:name rolsuper:bool rolinherit:bool rolcreaterole:bool rolcreatedb:bool "
     "rolcanlogin:bool rolreplication:bool rolconnlimit:int4 rolpassword:text "
     "rolvaliduntil:timestamptz rolbypassrls:bool rolconfig:text[] oid:oid"},
    {"pg_catalog", "pg_user", 12002, 'v',
     "usename:name usesysid:oid usecreatedb:bool usesuper:bool userepl:bool usebypassrls:bool "
     "passwd:text valuntil:timestamptz useconfig:text[]"},
    {"pg_catalog", "pg_group", 12003, 'v', "groname:name grosysid:oid grolist:oid[]"},
    {"pg_catalog", "pg_auth_members", 1261, 'r',
     "roleid:oid member:oid grantor:oid admin_option:bool"},
    {"pg_catalog", "pg_settings", 12004, 'v',
     "name:text setting:text unit:text category:text short_desc:text extra_desc:text "
     "context:text vartype:text source:text min_val:text max_val:text enumvals:text[] "
     "boot_val:text reset_val:text sourcefile:text sourceline:int4 pending_restart:bool"},
    {"pg_catalog", "pg_description", 2609, 'r',
     "objoid:oid classoid:oid objsubid:int4 description:text"},
    {"pg_catalog", "pg_shdescription", 2396, 'r', "objoid:oid classoid:oid description:text"},
    {"pg_catalog", "pg_index", 2610, 'r',
     "indexrelid:oid indrelid:oid indnatts:int2 indnkeyatts:int2 indisunique:bool "
     "indnullsnotdistinct:bool indisprimary:bool indisexclusion:bool indimmediate:bool "
     "indisclustered:bool indisvalid:bool indcheckxmin:bool indisready:bool indislive:bool "
     "indisreplident:bool indkey:int2vector indcollation:oidvector indclass:oidvector "
     "indoption:int2vector indexprs:pg_node_tree indpred:pg_node_tree"},
    {"pg_catalog", "pg_constraint", 2606, 'r',
     "oid:oid conname:name connamespace:oid contype:char condeferrable:bool condeferred:bool "
     "convalidated:bool conrelid:oid contypid:oid conindid:oid conparentid:oid confrelid:oid "
     "confupdtype:char confdeltype:char confmatchtype:char conislocal:bool coninhcount:int4 "
     "connoinherit:bool conkey:int2[] confkey:int2[] conpfeqop:oid[] conppeqop:oid[] "
     "conffeqop:oid[] confdelsetcols:int2[] conexclop:oid[] conbin:pg_node_tree"},
    {"pg_catalog", "pg_am", 2601, 'r', "oid:oid amname:name amhandler:regproc amtype:char"},
    {"pg_catalog", "pg_tablespace", 1213, 'r',
     "oid:oid spcname:name spcowner:oid spcacl:aclitem[] spcoptions:text[]"},
    {"pg_catalog", "pg_inherits", 2611, 'r',
     "inhrelid:oid inhparent:oid inhseqno:int4 inhdetachpending:bool"},
    {"pg_catalog", "pg_attrdef", 2604, 'r', "oid:oid adrelid:oid adnum:int2 adbin:pg_node_tree"},
    {"pg_catalog", "pg_collation", 3456, 'r',
     "oid:oid collname:name collnamespace:oid collowner:oid collprovider:char "
     "collisdeterministic:bool collencoding:int4 collcollate:text collctype:text "
     "colliculocale:text collversion:text"},
    {"pg_catalog", "pg_extension", 3079, 'r',
     "oid:oid extname:name extowner:oid extnamespace:oid extrelocatable:bool extversion:text "
     "extconfig:oid[] extcondition:text[]"},
    {"pg_catalog", "pg_tables", 12005, 'v',
     "schemaname:name tablename:name tableowner:name tablespace:name hasindexes:bool "
     "hasrules:bool hastriggers:bool rowsecurity:bool"},
    {"pg_catalog", "pg_views", 12006, 'v',
     "schemaname:name viewname:name viewowner:name definition:text"},
    {"pg_catalog", "pg_policy", 3256, 'r',
     "oid:oid polname:name polrelid:oid polcmd:char polpermissive:bool polroles:oid[] "
     "polqual:pg_node_tree polwithcheck:pg_node_tree"},
    {"pg_catalog", "pg_trigger", 2620, 'r',
     "oid:oid tgrelid:oid tgparentid:oid tgname:name tgfoid:oid tgtype:int2 tgenabled:char "
     "tgisinternal:bool tgconstrrelid:oid tgconstrindid:oid tgconstraint:oid tgdeferrable:bool "
     "tginitdeferred:bool tgnargs:int2 tgattr:int2vector tgargs:bytea tgqual:pg_node_tree "
     "tgoldtable:name tgnewtable:name"},
    {"pg_catalog", "pg_rewrite", 2618, 'r',
     "oid:oid rulename:name ev_class:oid ev_type:char ev_enabled:char is_instead:bool "
     "ev_qual:pg_node_tree ev_action:pg_node_tree"},
    {"pg_catalog", "pg_statistic_ext", 3381, 'r',
     "oid:oid stxrelid:oid stxname:name stxnamespace:oid stxowner:oid stxstattarget:int4 "
     "stxkeys:int2vector stxkind:char[] stxexprs:pg_node_tree"},
    {"pg_catalog", "pg_publication", 6104, 'r',
     "oid:oid pubname:name pubowner:oid puballtables:bool pubinsert:bool pubupdate:bool "
     "pubdelete:bool pubtruncate:bool pubviaroot:bool"},
    {"pg_catalog", "pg_operator", 2617, 'r',
     "oid:oid oprname:name oprnamespace:oid oprowner:oid oprkind:char oprcanmerge:bool "
     "oprcanhash:bool oprleft:oid oprright:oid oprresult:oid oprcom:oid oprnegate:oid "
     "oprcode:regproc oprrest:regproc oprjoin:regproc"},
    {"pg_catalog", "pg_cast", 2605, 'r',
     "oid:oid castsource:oid casttarget:oid castfunc:oid castcontext:char castmethod:char"},
    {"pg_catalog", "pg_foreign_table", 3118, 'r', "ftrelid:oid ftserver:oid ftoptions:text[]"},
    {"pg_catalog", "pg_sequence", 2224, 'r',
     "seqrelid:oid seqtypid:oid seqstart:int8 seqincrement:int8 seqmax:int8 seqmin:int8 "
     "seqcache:int8 seqcycle:bool"},
    {"information_schema", "schemata", 13300, 'v',
     "catalog_name:sql_identifier schema_name:sql_identifier schema_owner:sql_identifier "
     "default_character_set_catalog:sql_identifier default_character_set_schema:sql_identifier "
     "default_character_set_name:sql_identifier sql_path:character_data"},
    {"information_schema", "tables", 13301, 'v',
     "table_catalog:sql_identifier table_schema:sql_identifier table_name:sql_identifier "
     "table_type:character_data self_referencing_column_name:sql_identifier "
     "reference_generation:character_data user_defined_type_catalog:sql_identifier "
     "user_defined_type_schema:sql_identifier user_defined_type_name:sql_identifier "
     "is_insertable_into:yes_or_no is_typed:yes_or_no commit_action:character_data"},
    {"information_schema", "columns", 13302, 'v',
     "table_catalog:sql_identifier table_schema:sql_identifier table_name:sql_identifier "
     "column_name:sql_identifier ordinal_position:cardinal_number column_default:character_data "
     "is_nullable:yes_or_no data_type:character_data character_maximum_length:cardinal_number "
     "character_octet_length:cardinal_number numeric_precision:cardinal_number "
     "numeric_precision_radix:cardinal_number numeric_scale:cardinal_number "
     "datetime_precision:cardinal_number interval_type:character_data "
     "interval_precision:cardinal_number character_set_catalog:sql_identifier "
     "character_set_schema:sql_identifier character_set_name:sql_identifier "
     "collation_catalog:sql_identifier collation_schema:sql_identifier "
     "collation_name:sql_identifier domain_catalog:sql_identifier domain_schema:sql_identifier "
     "domain_name:sql_identifier udt_catalog:sql_identifier udt_schema:sql_identifier "
     "udt_name:sql_identifier scope_catalog:sql_identifier scope_schema:sql_identifier "
     "scope_name:sql_identifier maximum_cardinality:cardinal_number "
     "dtd_identifier:sql_identifier is_self_referencing:yes_or_no is_identity:yes_or_no "
     "identity_generation:character_data identity_start:character_data "
     "identity_increment:character_data identity_maximum:character_data "
     "identity_minimum:character_data identity_cycle:yes_or_no is_generated:character_data "
     "generation_expression:character_data is_updatable:yes_or_no"},
    {"information_schema", "views", 13303, 'v',
     "table_catalog:sql_identifier table_schema:sql_identifier table_name:sql_identifier "
     "view_definition:character_data check_option:character_data is_updatable:yes_or_no "
     "is_insertable_into:yes_or_no is_trigger_updatable:yes_or_no "
     "is_trigger_deletable:yes_or_no is_trigger_insertable_into:yes_or_no"},
    {"pg_catalog", "pg_table_def", 12101, 'v',
     "schemaname:name tablename:name column:name type:text encoding:char[] distkey:bool "
     "sortkey:int4 notnull:bool"},
    {"pg_catalog", "svv_table_info", 12102, 'v',
     "database:text schema:text table_id:oid table:text encoded:text diststyle:text "
     "sortkey1:text max_varchar:int4 sortkey1_enc:char[] sortkey_num:int4 size:int8 "
     "pct_used:numeric empty:int8 unsorted:numeric stats_off:numeric tbl_rows:numeric "
     "skew_sortkey1:numeric skew_rows:numeric estimated_visible_rows:numeric risk_event:text "
     "vacuum_sort_benefit:numeric create_time:timestamp"},
    {"pg_catalog", "svv_all_schemas", 12103, 'v',
     "database_name:name schema_name:name schema_owner:int4 schema_type:text schema_acl:text "
     "source_database:name schema_option:text"},
    {"pg_catalog", "svv_all_tables", 12104, 'v',
     "database_name:name schema_name:name table_name:name table_type:text table_acl:text "
     "remarks:text",
     true},
    {"pg_catalog", "svv_all_columns", 12105, 'v',
     "database_name:name schema_name:name table_name:name column_name:name "
     "ordinal_position:int4 column_default:text is_nullable:text data_type:text "
     "character_maximum_length:cardinal_number numeric_precision:cardinal_number "
     "numeric_scale:cardinal_number remarks:text",
     true},
};

const TableSpec* FindSpec(const std::string& schema, const std::string& name) {
  for (auto& spec : kTables) {
    if (name == spec.name &&
        (schema == spec.schema || (schema.empty() && std::string(spec.schema) == "pg_catalog")))
      return &spec;
  }
  return nullptr;
}

struct TypeRow {
  uint32_t oid;
  const char* name;
  int16_t length;
  char category;
  uint32_t array;  // the array type's OID (0: none)
  uint32_t element = 0;
  char type = 'b';
};

constexpr TypeRow kTypes[] = {
    {16, "bool", 1, 'B', 1000},
    {17, "bytea", -1, 'U', 1001},
    {18, "char", 1, 'Z', 1002},
    {19, "name", 64, 'S', 1003},
    {20, "int8", 8, 'N', 1016},
    {21, "int2", 2, 'N', 1005},
    {22, "int2vector", -1, 'A', 1006, 21},
    {23, "int4", 4, 'N', 1007},
    {24, "regproc", 4, 'N', 1008},
    {25, "text", -1, 'S', 1009},
    {26, "oid", 4, 'N', 1028},
    {28, "xid", 4, 'U', 1011},
    {30, "oidvector", -1, 'A', 1013, 26},
    {194, "pg_node_tree", -1, 'Z', 0},
    {700, "float4", 4, 'N', 1021},
    {701, "float8", 8, 'N', 1022},
    {705, "unknown", -2, 'X', 0, 0, 'p'},
    {869, "inet", -1, 'I', 1041},
    {1033, "aclitem", 12, 'U', 1034},
    {1042, "bpchar", -1, 'S', 1014},
    {1043, "varchar", -1, 'S', 1015},
    {1082, "date", 4, 'D', 1182},
    {1083, "time", 8, 'D', 1183},
    {1114, "timestamp", 8, 'D', 1115},
    {1184, "timestamptz", 8, 'D', 1185},
    {1186, "interval", 16, 'T', 1187},
    {1700, "numeric", -1, 'N', 1231},
    {2205, "regclass", 4, 'N', 2210},
    {2206, "regtype", 4, 'N', 2211},
    {2249, "record", -1, 'P', 2287, 0, 'p'},
    {2276, "any", 4, 'P', 0, 0, 'p'},
    {2277, "anyarray", -1, 'P', 0, 0, 'p'},
    {2278, "void", 4, 'P', 0, 0, 'p'},
    {2279, "trigger", 4, 'P', 0, 0, 'p'},
    {2283, "anyelement", 4, 'P', 0, 0, 'p'},
    {1000, "_bool", -1, 'A', 0, 16},
    {1001, "_bytea", -1, 'A', 0, 17},
    {1002, "_char", -1, 'A', 0, 18},
    {1003, "_name", -1, 'A', 0, 19},
    {1005, "_int2", -1, 'A', 0, 21},
    {1007, "_int4", -1, 'A', 0, 23},
    {1009, "_text", -1, 'A', 0, 25},
    {1014, "_bpchar", -1, 'A', 0, 1042},
    {1015, "_varchar", -1, 'A', 0, 1043},
    {1016, "_int8", -1, 'A', 0, 20},
    {1021, "_float4", -1, 'A', 0, 700},
    {1022, "_float8", -1, 'A', 0, 701},
    {1028, "_oid", -1, 'A', 0, 26},
    {1034, "_aclitem", -1, 'A', 0, 1033},
    {1115, "_timestamp", -1, 'A', 0, 1114},
    {1182, "_date", -1, 'A', 0, 1082},
    {1185, "_timestamptz", -1, 'A', 0, 1184},
    {1187, "_interval", -1, 'A', 0, 1186},
    {1231, "_numeric", -1, 'A', 0, 1700},
};

const TypeRow* FindType(int64_t oid) {
  for (auto& t : kTypes) {
    if (t.oid == oid)
      return &t;
  }
  return nullptr;
}

// Splits "a.b" (with optional double quotes) into parts; lower-cases
// unquoted parts as PostgreSQL's name parsing does.
std::vector<std::string> SplitQualifiedName(const std::string& text) {
  std::vector<std::string> parts;
  std::string current;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < text.size(); i++) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          current += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        current += c;
      }
    } else if (c == '"') {
      quoted = was_quoted = true;
    } else if (c == '.') {
      parts.push_back(current);
      current.clear();
    } else if (c != ' ') {
      current += was_quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  parts.push_back(current);
  return parts;
}

}  // namespace

SystemCatalog::SystemCatalog(const Catalog& catalog, CatalogSession session)
    : session_(std::move(session)), snapshot_(catalog.Snapshot()) {
  for (auto& s : snapshot_) {
    Namespace n;
    n.oid = s.schema->oid;
    n.name = s.schema->name;
    n.owner = s.schema->owner;
    n.external = s.schema->external != nullptr;
    n.definition = s.schema->external.get();
    namespaces_.push_back(n);
  }
  std::sort(namespaces_.begin(), namespaces_.end(),
            [](const Namespace& a, const Namespace& b) { return a.oid < b.oid; });
  for (auto& spec : kTables) {
    Relation r;
    r.oid = spec.oid;
    r.schema = spec.schema;
    r.namespace_oid =
        r.schema == "pg_catalog" ? Catalog::kPgCatalogOid : Catalog::kInformationSchemaOid;
    r.name = spec.name;
    r.relkind = spec.relkind;
    r.system = true;
    SystemTableBuilder builder(spec.columns);
    for (idx_t i = 0; i < builder.names().size(); i++) {
      Relation::Column c;
      c.name = builder.names()[i];
      c.type = builder.types()[i];
      c.pg_type_oid = builder.pg_type_oids()[i];
      r.columns.push_back(c);
    }
    relations_.push_back(std::move(r));
  }
  for (auto& s : snapshot_) {
    for (auto& entry : s.entries) {
      Relation r;
      r.oid = entry->oid;
      r.namespace_oid = s.schema->oid;
      r.schema = s.schema->name;
      r.name = entry->name;
      r.owner = entry->owner;
      if (entry->type == CatalogType::kTable) {
        auto& table = entry->Cast<TableCatalogEntry>();
        r.relkind = 'r';
        r.table = &table;
        for (auto& column : table.columns)
          r.columns.push_back({column.name, column.type, 0, column.not_null, column.default_sql});
        if (table.storage)
          r.rows = static_cast<int64_t>(table.storage->RowCount());
      } else if (entry->type == CatalogType::kView) {
        auto& view = entry->Cast<ViewCatalogEntry>();
        r.relkind = 'v';
        r.view = &view;
        // Late-binding views have no columns until a query binds them.
        for (size_t i = 0; i < view.column_names.size() && i < view.column_types.size(); i++)
          r.columns.push_back({view.column_names[i], view.column_types[i], 0, false, ""});
      } else {
        continue;
      }
      relations_.push_back(std::move(r));
    }
  }
  BuildConstraints();
}

std::vector<SystemCatalog::PgTypeInfo> SystemCatalog::PgTypes() {
  std::vector<PgTypeInfo> result;
  for (auto& t : kTypes)
    result.push_back({t.oid, t.name, t.length, t.category, t.array, t.element, t.type});
  return result;
}

const char* SystemCatalog::SpecColumns(const std::string& schema, const std::string& name) {
  auto* spec = FindSpec(schema, name);
  return spec ? spec->columns : "";
}

bool SystemCatalog::IsSystemTable(const std::string& schema, const std::string& name,
                                  bool* needs_external) {
  auto* spec = FindSpec(schema, name);
  if (needs_external)
    *needs_external = spec && spec->external;
  return spec != nullptr;
}

std::optional<SystemTable> SystemCatalog::Table(const std::string& schema,
                                                const std::string& name) const {
  auto* spec = FindSpec(schema, name);
  if (!spec)
    return std::nullopt;
  if (std::string(spec->schema) == "information_schema")
    return InformationSchemaTable(name);
  if (auto redshift = RedshiftTable(name))
    return redshift;
  return PgCatalogTable(name);
}

std::vector<std::string> SystemCatalog::SearchPath() const {
  std::vector<std::string> result;
  // search_path is a comma-separated list of (possibly quoted) names.
  std::string item;
  auto flush = [&]() {
    auto parts = SplitQualifiedName(item);
    item.clear();
    if (parts.size() != 1 || parts[0].empty())
      return;
    std::string name = parts[0] == "$user" ? session_.user : parts[0];
    for (auto& n : namespaces_) {
      if (n.name == name && !n.external &&
          std::find(result.begin(), result.end(), name) == result.end())
        result.push_back(name);
    }
  };
  bool quoted = false;
  for (char c : session_.search_path) {
    if (c == '"')
      quoted = !quoted;
    if (c == ',' && !quoted) {
      flush();
      continue;
    }
    item += c;
  }
  flush();
  return result;
}

bool SystemCatalog::Visible(const Relation& relation) const {
  std::vector<std::string> path = {"pg_catalog"};
  for (auto& s : SearchPath())
    path.push_back(s);
  for (auto& schema : path) {
    for (auto& r : relations_) {
      if (r.schema == schema && r.name == relation.name)
        return r.oid == relation.oid;
    }
  }
  return false;
}

std::optional<uint32_t> SystemCatalog::RelationOid(const std::string& name) const {
  auto parts = SplitQualifiedName(name);
  if (parts.size() == 2) {
    for (auto& r : relations_) {
      if (r.schema == parts[0] && r.name == parts[1])
        return r.oid;
    }
    return std::nullopt;
  }
  if (parts.size() != 1)
    return std::nullopt;
  for (auto& r : relations_) {
    if (r.name == parts[0] && Visible(r))
      return r.oid;
  }
  return std::nullopt;
}

std::optional<uint32_t> SystemCatalog::TypeOid(const std::string& name) const {
  auto parts = SplitQualifiedName(name);
  if (parts.empty() || parts.size() > 2 || (parts.size() == 2 && parts[0] != "pg_catalog"))
    return std::nullopt;
  std::string n = parts.back();
  static const std::map<std::string, std::string> kAliases = {
      {"integer", "int4"},
      {"int", "int4"},
      {"smallint", "int2"},
      {"bigint", "int8"},
      {"real", "float4"},
      {"double precision", "float8"},
      {"boolean", "bool"},
      {"character varying", "varchar"},
      {"character", "bpchar"},
      {"decimal", "numeric"},
      {"timestamp without time zone", "timestamp"},
      {"timestamp with time zone", "timestamptz"}};
  auto alias = kAliases.find(n);
  if (alias != kAliases.end())
    n = alias->second;
  for (auto& t : kTypes) {
    if (n == t.name)
      return t.oid;
  }
  return std::nullopt;
}

std::optional<uint32_t> SystemCatalog::NamespaceOid(const std::string& name) const {
  auto parts = SplitQualifiedName(name);
  for (auto& n : namespaces_) {
    if (parts.size() == 1 && n.name == parts[0])
      return n.oid;
  }
  return std::nullopt;
}

std::optional<uint32_t> SystemCatalog::RoleOid(const std::string& name) const {
  auto parts = SplitQualifiedName(name);
  for (auto& r : session_.roles) {
    if (parts.size() == 1 && r.name == parts[0])
      return r.oid;
  }
  for (auto& g : session_.groups) {
    if (parts.size() == 1 && g.name == parts[0])
      return RoleOidOfGroup(g.oid);
  }
  return std::nullopt;
}

std::map<int64_t, std::string> SystemCatalog::RelationNames() const {
  std::map<int64_t, std::string> result;
  for (auto& r : relations_)
    result[r.oid] = Visible(r) ? r.name : r.schema + "." + r.name;
  return result;
}

std::map<int64_t, std::string> SystemCatalog::TypeNames() const {
  std::map<int64_t, std::string> result;
  for (auto& t : kTypes)
    result[t.oid] = FormatType(t.oid, std::nullopt);
  return result;
}

std::map<int64_t, std::string> SystemCatalog::NamespaceNames() const {
  std::map<int64_t, std::string> result;
  for (auto& n : namespaces_)
    result[n.oid] = n.name;
  return result;
}

std::map<int64_t, std::string> SystemCatalog::RoleNames() const {
  std::map<int64_t, std::string> result;
  for (auto& r : session_.roles)
    result[r.oid] = r.name;
  for (auto& g : session_.groups)
    result[RoleOidOfGroup(g.oid)] = g.name;
  return result;
}

int64_t SystemCatalog::EstimatedBytes(const Relation& relation) {
  int64_t width = 0;
  for (auto& c : relation.columns)
    width += c.type.IsString() ? std::max(c.type.width(), 16) : 8;
  return relation.rows * width;
}

std::map<int64_t, int64_t> SystemCatalog::RelationSizes() const {
  std::map<int64_t, int64_t> result;
  for (auto& r : relations_)
    result[r.oid] = r.system ? 0 : EstimatedBytes(r);
  return result;
}

std::vector<int64_t> SystemCatalog::VisibleRelations() const {
  std::vector<int64_t> result;
  for (auto& r : relations_) {
    if (Visible(r))
      result.push_back(r.oid);
  }
  return result;
}

bool SystemCatalog::IsSuperuser() const {
  for (auto& r : session_.roles) {
    if (r.name == session_.user)
      return r.superuser;
  }
  return false;
}

uint32_t SystemCatalog::OwnerOid(const std::string& owner) const {
  for (auto& r : session_.roles) {
    if (r.name == owner)
      return r.oid;
  }
  // Objects without a recorded owner belong to the first superuser.
  for (auto& r : session_.roles) {
    if (r.superuser)
      return r.oid;
  }
  return 100;
}

std::pair<uint32_t, int32_t> SystemCatalog::PgType(const LogicalType& type) {
  switch (type.id()) {
    case LogicalTypeId::kBoolean:
      return {16, -1};
    case LogicalTypeId::kSmallInt:
      return {21, -1};
    case LogicalTypeId::kInteger:
      return {23, -1};
    case LogicalTypeId::kBigInt:
      return {20, -1};
    case LogicalTypeId::kDecimal:
      return {1700, ((type.width() << 16) | type.scale()) + 4};
    case LogicalTypeId::kReal:
      return {700, -1};
    case LogicalTypeId::kDouble:
      return {701, -1};
    case LogicalTypeId::kChar:
      return {1042, type.width() > 0 ? type.width() + 4 : -1};
    case LogicalTypeId::kVarchar:
      if (type.width() == 0)
        return {25, -1};
      return {1043, type.width() + 4};
    case LogicalTypeId::kDate:
      return {1082, -1};
    case LogicalTypeId::kTimestamp:
      return {1114, -1};
    case LogicalTypeId::kTimestampTz:
      return {1184, -1};
    case LogicalTypeId::kInterval:
      return {1186, -1};
    default:
      return {25, -1};
  }
}

std::string SystemCatalog::FormatType(int64_t oid, std::optional<int32_t> typmod) {
  int32_t mod = typmod.value_or(-1);
  switch (oid) {
    case 16:
      return "boolean";
    case 18:
      return "\"char\"";
    case 20:
      return "bigint";
    case 21:
      return "smallint";
    case 23:
      return "integer";
    case 700:
      return "real";
    case 701:
      return "double precision";
    case 1042:
      return mod >= 4 ? "character(" + std::to_string(mod - 4) + ")"
                      : (typmod ? "bpchar" : "character");
    case 1043:
      return mod >= 4 ? "character varying(" + std::to_string(mod - 4) + ")" : "character varying";
    case 1700:
      if (mod >= 4) {
        return "numeric(" + std::to_string(((mod - 4) >> 16) & 0xffff) + "," +
               std::to_string((mod - 4) & 0xffff) + ")";
      }
      return "numeric";
    case 1083:
      return "time without time zone";
    case 1114:
      return "timestamp without time zone";
    case 1184:
      return "timestamp with time zone";
    default:
      break;
  }
  auto* t = FindType(oid);
  if (!t)
    return "???";
  if (t->category == 'A' && t->element && t->name[0] == '_')
    return FormatType(t->element, std::nullopt) + "[]";
  return t->name;
}

}  // namespace tributary
