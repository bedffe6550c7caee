#include "main/access_statement_runner.h"

#include <algorithm>

#include "catalog/catalog.h"
#include "catalog/external_schema_store.h"
#include "common/exception.h"
#include "main/client_context.h"
#include "main/database.h"
#include "parser/ast.h"
#include "security/access_control.h"
#include "security/privilege_checker.h"
#include "transaction/transaction.h"

namespace tributary {

namespace {

std::unique_ptr<QueryResult> Tag(std::string tag) {
  auto result = std::make_unique<QueryResult>();
  result->SetCommandTag(std::move(tag));
  return result;
}

bool IsHex(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c); });
}

// The verifier to store for PASSWORD 'text'. Never puts `text` in an error.
ScramVerifier VerifierFor(const std::string& text) {
  if (text.size() == 35 && text.rfind("md5", 0) == 0 && IsHex(text.substr(3))) {
    throw Exception(sqlstate::kFeatureNotSupported, "MD5 password hashes are not accepted")
        .WithDetail(
            "Passwords are kept only as SCRAM-SHA-256 verifiers, which cannot be made "
            "from an MD5 hash.")
        .WithHint("Give the password itself, or a SCRAM-SHA-256 verifier.");
  }
  if (text.rfind("sha256|", 0) == 0) {
    throw Exception(sqlstate::kFeatureNotSupported, "SHA-256 password hashes are not accepted")
        .WithDetail(
            "Passwords are kept only as SCRAM-SHA-256 verifiers, which cannot be made "
            "from a SHA-256 hash.")
        .WithHint("Give the password itself, or a SCRAM-SHA-256 verifier.");
  }
  if (auto verifier = ScramVerifier::Parse(text))
    return *verifier;
  // Redshift's rules for a plain-text password.
  bool upper = false, lower = false, digit = false, allowed = true;
  for (unsigned char c : text) {
    upper = upper || std::isupper(c);
    lower = lower || std::islower(c);
    digit = digit || std::isdigit(c);
    allowed = allowed && c >= 33 && c <= 126 && c != '\'' && c != '"' && c != '\\' && c != '/' &&
              c != '@';
  }
  if (text.size() < 8 || text.size() > 64 || !upper || !lower || !digit || !allowed) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "the password does not meet the password rules")
        .WithDetail(
            "A password has 8 to 64 characters, at least one upper-case letter, one lower-case "
            "letter and one digit, and only printable ASCII characters other than ' \" \\ / @ "
            "and space.");
  }
  return ScramVerifier::FromPassword(text);
}

Exception UserMissing(const std::string& name) {
  return Exception(sqlstate::kUndefinedObject, "user \"" + name + "\" does not exist");
}

}  // namespace

std::unique_ptr<QueryResult> AccessStatementRunner::RunRole(RoleStatement& statement) {
  switch (statement.kind) {
    case RoleStatement::Kind::kCreateUser:
      CreateUser(statement);
      return Tag("CREATE USER");
    case RoleStatement::Kind::kAlterUser:
      AlterUser(statement);
      return Tag("ALTER USER");
    case RoleStatement::Kind::kDropUser:
      DropUsers(statement);
      return Tag("DROP USER");
    default:
      RunGroup(statement);
      return Tag(statement.kind == RoleStatement::Kind::kCreateGroup  ? "CREATE GROUP"
                 : statement.kind == RoleStatement::Kind::kAlterGroup ? "ALTER GROUP"
                                                                      : "DROP GROUP");
  }
}

void AccessStatementRunner::CreateUser(RoleStatement& s) {
  auto& access = context_.db.access_control();
  PrivilegeChecker(access, context_.current_user).RequireSuperuser("create user");
  CheckRoleName(s.names[0], "user");
  if (access.users().Find(s.names[0]))
    throw Exception(sqlstate::kDuplicateObject, "user \"" + s.names[0] + "\" already exists");
  UserRecord user;
  user.name = s.names[0];
  user.superuser = s.superuser.value_or(false);
  user.createdb = s.createdb.value_or(false) || user.superuser;
  user.session_timeout = s.session_timeout.value_or(0);
  user.connection_limit = s.connection_limit.value_or(-1);
  if (s.password)
    user.verifier = VerifierFor(*s.password);
  if (s.password_disable && user.superuser) {
    throw Exception(sqlstate::kInvalidParameterValue, "a superuser's password cannot be disabled");
  }
  access.users().CreateUser(std::move(user), s.groups);
}

void AccessStatementRunner::AlterUser(RoleStatement& s) {
  auto& access = context_.db.access_control();
  auto& name = s.names[0];
  PrivilegeChecker checker(access, context_.current_user);
  // A user may change their own password; everything else is for superusers.
  bool own_password = name == context_.current_user && s.password && !s.superuser && !s.createdb &&
                      !s.session_timeout && !s.connection_limit && s.new_name.empty() &&
                      !s.password_disable;
  if (!own_password)
    checker.RequireSuperuser("alter user");
  auto existing = access.users().Find(name);
  if (!existing)
    throw UserMissing(name);
  std::optional<ScramVerifier> verifier;
  if (s.password)
    verifier = VerifierFor(*s.password);
  bool superuser = s.superuser.value_or(existing->superuser);
  if (s.password_disable && superuser) {
    throw Exception(sqlstate::kInvalidParameterValue, "a superuser's password cannot be disabled");
  }
  if (!s.new_name.empty()) {
    if (name == context_.session_user || name == context_.authenticated_user)
      throw Exception("0A000", "session user cannot be renamed");
    if (access.users().Find(s.new_name)) {
      throw Exception(sqlstate::kDuplicateObject, "user \"" + s.new_name + "\" already exists");
    }
  }
  access.users().UpdateUser(name, [&](UserRecord& user) {
    if (s.superuser) {
      user.superuser = *s.superuser;
      if (user.superuser)
        user.createdb = true;
    }
    if (s.createdb)
      user.createdb = *s.createdb;
    if (s.session_timeout)
      user.session_timeout = *s.session_timeout;
    if (s.connection_limit)
      user.connection_limit = *s.connection_limit;
    if (verifier)
      user.verifier = verifier;
    if (s.password_disable)
      user.verifier.reset();
  });
  if (!s.new_name.empty()) {
    access.users().RenameUser(name, s.new_name);
    access.grants().RenameGrantee({GranteeKind::kUser, name}, s.new_name);
    // External schemas' owners are stored at commit (TransactionManager).
    context_.db.catalog().RenameOwner(name, s.new_name);
  }
}

void AccessStatementRunner::DropUsers(RoleStatement& s) {
  auto& access = context_.db.access_control();
  PrivilegeChecker(access, context_.current_user).RequireSuperuser("drop user");
  for (auto& name : s.names) {
    if (!access.users().Find(name)) {
      if (s.if_exists) {
        context_.notices.push_back("user \"" + name + "\" does not exist, skipping");
        continue;
      }
      throw UserMissing(name);
    }
    if (name == context_.current_user)
      throw Exception("55006", "current user cannot be dropped");
    if (name == context_.session_user || name == context_.authenticated_user)
      throw Exception("55006", "session user cannot be dropped");
    if (name == access.DatabaseOwner()) {
      throw Exception(sqlstate::kDependentObjectsStillExist,
                      "user \"" + name + "\" cannot be dropped because the user owns the database");
    }
    if (context_.db.catalog().OwnsObjects(name)) {
      throw Exception(sqlstate::kDependentObjectsStillExist,
                      "user \"" + name + "\" cannot be dropped because the user owns some object")
          .WithHint("Drop its objects or give them to another user with ALTER ... OWNER TO.");
    }
    if (access.grants().HasGrants({GranteeKind::kUser, name})) {
      throw Exception(
          sqlstate::kDependentObjectsStillExist,
          "user \"" + name + "\" cannot be dropped because the user has a privilege on some object")
          .WithHint("REVOKE its privileges first.");
    }
    access.users().DropUser(name, s.if_exists);
  }
}

void AccessStatementRunner::RunGroup(RoleStatement& s) {
  auto& access = context_.db.access_control();
  auto& users = access.users();
  const char* action = s.kind == RoleStatement::Kind::kCreateGroup  ? "create group"
                       : s.kind == RoleStatement::Kind::kAlterGroup ? "alter group"
                                                                    : "drop group";
  PrivilegeChecker(access, context_.current_user).RequireSuperuser(action);
  switch (s.kind) {
    case RoleStatement::Kind::kCreateGroup:
      users.CreateGroup(s.names[0], s.users);
      return;
    case RoleStatement::Kind::kAlterGroup:
      if (!s.new_name.empty()) {
        users.RenameGroup(s.names[0], s.new_name);
        access.grants().RenameGrantee({GranteeKind::kGroup, s.names[0]}, s.new_name);
      } else {
        users.AlterGroup(s.names[0], s.users, s.add_users);
      }
      return;
    default:
      for (auto& name : s.names) {
        if (!users.FindGroup(name)) {
          if (s.if_exists) {
            context_.notices.push_back("group \"" + name + "\" does not exist, skipping");
            continue;
          }
          throw Exception(sqlstate::kUndefinedObject, "group \"" + name + "\" does not exist");
        }
        if (access.grants().HasGrants({GranteeKind::kGroup, name})) {
          throw Exception(
              sqlstate::kDependentObjectsStillExist,
              "group \"" + name +
                  "\" cannot be dropped because the group has a privilege on some object")
              .WithHint("REVOKE its privileges first.");
        }
        users.DropGroup(name, true);
      }
  }
}

std::unique_ptr<QueryResult> AccessStatementRunner::RunGrant(GrantStatement& s) {
  auto& access = context_.db.access_control();
  auto& catalog = context_.db.catalog();
  PrivilegeChecker checker(access, context_.current_user);
  const char* verb = s.is_grant ? "GRANT" : "REVOKE";
  if (s.grant_option && s.is_grant) {
    for (auto& g : s.grantees) {
      if (g.kind == GrantStatement::Grantee::Kind::kPublic)
        throw Exception("0LP01", "grant options can only be granted to roles");
    }
  }
  // Grantees must exist.
  std::vector<Grantee> grantees;
  for (auto& g : s.grantees) {
    switch (g.kind) {
      case GrantStatement::Grantee::Kind::kUser:
        if (!access.users().Find(g.name))
          throw UserMissing(g.name);
        grantees.push_back({GranteeKind::kUser, g.name});
        break;
      case GrantStatement::Grantee::Kind::kGroup:
        if (!access.users().FindGroup(g.name))
          throw Exception(sqlstate::kUndefinedObject, "group \"" + g.name + "\" does not exist");
        grantees.push_back({GranteeKind::kGroup, g.name});
        break;
      case GrantStatement::Grantee::Kind::kPublic:
        grantees.push_back({GranteeKind::kPublic, ""});
        break;
    }
  }
  // The privileges, checked against the kind of object.
  bool on_tables = s.target == GrantStatement::Target::kTables ||
                   s.target == GrantStatement::Target::kAllTablesInSchema;
  const char* object_kind = on_tables                                      ? "table"
                            : s.target == GrantStatement::Target::kSchemas ? "schema"
                                                                           : "database";
  PrivilegeSet valid = on_tables                                      ? kAllTablePrivileges
                       : s.target == GrantStatement::Target::kSchemas ? kAllSchemaPrivileges
                                                                      : kAllDatabasePrivileges;
  PrivilegeSet privileges = s.all ? valid : 0;
  for (auto& name : s.privileges) {
    Privilege p = Privilege::kNone;
    for (auto candidate :
         {Privilege::kSelect, Privilege::kInsert, Privilege::kUpdate, Privilege::kDelete,
          Privilege::kUsage, Privilege::kCreate, Privilege::kTemporary}) {
      if (name == PrivilegeName(candidate))
        p = candidate;
    }
    if (p == Privilege::kNone) {
      throw Exception(sqlstate::kFeatureNotSupported, "privilege " + name + " is not supported yet")
          .WithPosition(s.target_location);
    }
    if (!(valid & Bits(p))) {
      throw Exception("0LP01", "invalid privilege type " + name + " for " + object_kind)
          .WithPosition(s.target_location);
    }
    privileges |= Bits(p);
  }

  // Who may grant or revoke: the owner, a superuser, or (PostgreSQL's
  // WITH GRANT OPTION) a user holding the grant option of each privilege.
  // `held` is what the current user holds on the object.
  auto may_grant = [&](PrivilegeSet held, PrivilegeSet wanted) {
    return (GrantOptionsIn(held) & wanted) == wanted;
  };
  auto denied_detail = [&](const std::string& object) {
    return "Only the owner of " + object + ", a superuser or a user holding " +
           PrivilegeSetName(privileges) + " WITH GRANT OPTION may " + verb + " " +
           (privileges == Bits(Privilege::kSelect) ? "it" : "them") + ".";
  };
  std::vector<GrantObject> objects;
  std::vector<GrantObject> external_schemas;
  // Column privileges (GRANT SELECT (a, b) ON t): SELECT, INSERT and UPDATE
  // of tables, granted on each column named; privileges named without a
  // column list go on the table.
  std::vector<std::pair<PrivilegeSet, std::vector<std::string>>> column_grants;
  for (size_t i = 0; i < s.columns.size() && i < s.privileges.size(); i++) {
    if (s.columns[i].empty())
      continue;
    Privilege p = Privilege::kNone;
    for (auto candidate : {Privilege::kSelect, Privilege::kInsert, Privilege::kUpdate}) {
      if (s.privileges[i] == PrivilegeName(candidate))
        p = candidate;
    }
    if (s.target != GrantStatement::Target::kTables || p == Privilege::kNone) {
      throw Exception("0LP01", "invalid privilege type " + s.privileges[i] + " for column")
          .WithPosition(s.target_location);
    }
    column_grants.emplace_back(Bits(p), s.columns[i]);
    bool whole = false;
    for (size_t j = 0; j < s.privileges.size() && j < s.columns.size(); j++)
      whole = whole || (s.privileges[j] == s.privileges[i] && s.columns[j].empty());
    if (!whole)
      privileges &= ~Bits(p);
  }
  std::vector<std::pair<GrantObject, PrivilegeSet>> column_objects;
  PrivilegeSet column_privileges = 0;
  for (auto& [p, _] : column_grants)
    column_privileges |= p;
  auto external_table_error = [&](const std::string& schema, const std::string& table) {
    std::string who =
        s.grantees.empty() || s.grantees[0].kind == GrantStatement::Grantee::Kind::kPublic
            ? "PUBLIC"
            : (s.grantees[0].kind == GrantStatement::Grantee::Kind::kGroup
                   ? "GROUP " + s.grantees[0].name
                   : s.grantees[0].name);
    return Exception(sqlstate::kFeatureNotSupported,
                     std::string(verb) + " on external table \"" + schema + "." + table +
                         "\" is not supported: privileges on external tables come from their "
                         "schema")
        .WithHint(std::string(verb) + " USAGE ON SCHEMA " + schema +
                  (s.is_grant ? " TO " : " FROM ") + who +
                  "; USAGE on an external schema lets a user read every table in it.")
        .WithPosition(s.target_location);
  };
  switch (s.target) {
    case GrantStatement::Target::kTables:
      for (auto& name : s.objects) {
        std::string schema_name = name.schema.empty() ? Catalog::kDefaultSchema : name.schema;
        auto schema = catalog.GetSchema(schema_name);
        if (!schema) {
          throw Exception(sqlstate::kInvalidSchemaName,
                          "schema \"" + schema_name + "\" does not exist")
              .WithPosition(s.target_location);
        }
        if (schema->external)
          throw external_table_error(schema_name, name.name);
        auto entry = catalog.GetEntry(schema_name, name.name);
        if (!entry) {
          throw Exception(sqlstate::kUndefinedTable,
                          "relation \"" +
                              (name.schema.empty() ? name.name : name.schema + "." + name.name) +
                              "\" does not exist")
              .WithPosition(s.target_location);
        }
        if (!may_grant(access.TablePrivileges(context_.current_user, *schema, *entry),
                       privileges | column_privileges)) {
          throw Exception(sqlstate::kInsufficientPrivilege, std::string("permission denied for ") +
                                                                CatalogTypeName(entry->type) + " " +
                                                                entry->name)
              .WithDetail(denied_detail(schema_name + "." + entry->name));
        }
        if (privileges || column_grants.empty())
          objects.push_back({GrantObjectKind::kTable, schema_name, entry->name, ""});
        for (auto& [p, columns] : column_grants) {
          for (auto& column : columns) {
            if (entry->type != CatalogType::kTable ||
                entry->Cast<TableCatalogEntry>().ColumnIndex(column) == kInvalidIndex) {
              throw Exception(
                  sqlstate::kUndefinedColumn,
                  "column \"" + column + "\" of relation \"" + entry->name + "\" does not exist");
            }
            column_objects.push_back(
                {{GrantObjectKind::kTable, schema_name, entry->name, column}, p});
          }
        }
      }
      break;
    case GrantStatement::Target::kAllTablesInSchema:
      for (auto& name : s.objects) {
        auto schema = catalog.GetSchema(name.name);
        if (!schema) {
          throw Exception(sqlstate::kInvalidSchemaName,
                          "schema \"" + name.name + "\" does not exist")
              .WithPosition(s.target_location);
        }
        if (schema->external)
          throw external_table_error(name.name, "*");
        for (auto& entry : catalog.Entries(name.name)) {
          if (!may_grant(access.TablePrivileges(context_.current_user, *schema, *entry),
                         privileges)) {
            throw Exception(sqlstate::kInsufficientPrivilege,
                            std::string("permission denied for ") + CatalogTypeName(entry->type) +
                                " " + entry->name)
                .WithDetail(denied_detail(name.name + "." + entry->name));
          }
          objects.push_back({GrantObjectKind::kTable, name.name, entry->name, ""});
        }
      }
      break;
    case GrantStatement::Target::kSchemas:
      for (auto& name : s.objects) {
        auto schema = catalog.GetSchema(name.name);
        if (!schema) {
          throw Exception(sqlstate::kInvalidSchemaName,
                          "schema \"" + name.name + "\" does not exist")
              .WithPosition(s.target_location);
        }
        if (schema->external && !s.all && (privileges & Bits(Privilege::kCreate))) {
          throw Exception(
              sqlstate::kFeatureNotSupported,
              "external schema \"" + name.name + "\" is read-only: only USAGE can be granted on it")
              .WithPosition(s.target_location);
        }
        if (!may_grant(access.SchemaPrivileges(context_.current_user, *schema),
                       schema->external ? privileges & Bits(Privilege::kUsage) : privileges)) {
          throw Exception(sqlstate::kInsufficientPrivilege,
                          "permission denied for schema " + name.name)
              .WithDetail(denied_detail("schema " + name.name));
        }
        // ALL on an external schema is USAGE: it cannot hold our own tables.
        (schema->external ? external_schemas : objects)
            .push_back({GrantObjectKind::kSchema, "", name.name, ""});
      }
      break;
    case GrantStatement::Target::kDatabase:
      for (auto& name : s.objects) {
        if (name.name != GrantStore::kDatabaseName) {
          throw Exception("3D000", "database \"" + name.name + "\" does not exist")
              .WithPosition(s.target_location);
        }
        if (!may_grant(access.DatabasePrivileges(context_.current_user), privileges)) {
          throw Exception(sqlstate::kInsufficientPrivilege,
                          "permission denied for database " + name.name)
              .WithDetail(denied_detail("database " + name.name));
        }
        objects.push_back({GrantObjectKind::kDatabase, "", name.name, ""});
      }
      break;
  }
  // GRANT ... WITH GRANT OPTION adds the options; REVOKE takes privileges
  // and their options, REVOKE GRANT OPTION FOR the options only.
  PrivilegeSet stored = s.is_grant ? privileges | (s.grant_option ? GrantOptionOf(privileges) : 0)
                        : s.grant_option ? GrantOptionOf(privileges)
                                         : privileges | GrantOptionOf(privileges);
  PrivilegeSet usage = Bits(Privilege::kUsage) | GrantOptionOf(Bits(Privilege::kUsage));
  // COMMIT fails when another transaction dropped or renamed these tables
  // meanwhile (the grants would name no table).
  for (auto& object : objects) {
    if (object.kind == GrantObjectKind::kTable)
      context_.transaction->RecordGrantTarget(object.schema, object.name);
  }
  for (auto& [object, _] : column_objects)
    context_.transaction->RecordGrantTarget(object.schema, object.name);
  for (auto& [object, p] : column_objects) {
    PrivilegeSet set = s.is_grant       ? p | (s.grant_option ? GrantOptionOf(p) : 0)
                       : s.grant_option ? GrantOptionOf(p)
                                        : p | GrantOptionOf(p);
    if (s.is_grant)
      access.grants().Grant({object}, grantees, set);
    else
      access.grants().Revoke({object}, grantees, set);
  }
  if (s.is_grant) {
    access.grants().Grant(objects, grantees, stored);
    access.grants().Grant(external_schemas, grantees, stored & usage);
  } else {
    access.grants().Revoke(objects, grantees, stored);
    access.grants().Revoke(external_schemas, grantees, stored & usage);
  }
  return Tag(verb);
}

void AccessStatementRunner::CheckTarget(SQLStatement& statement) {
  const std::string* schema_name = nullptr;
  const std::string* table_name = nullptr;
  Privilege privilege;
  std::vector<std::string> columns;  // UPDATE: the columns SET assigns
  if (statement.type == StatementType::kUpdate) {
    auto& update = static_cast<UpdateStatement&>(statement);
    schema_name = &update.schema;
    table_name = &update.table;
    privilege = Privilege::kUpdate;
    for (auto& [name, _] : update.set)
      columns.push_back(name);
  } else if (statement.type == StatementType::kDelete) {
    auto& del = static_cast<DeleteStatement&>(statement);
    schema_name = &del.schema;
    table_name = &del.table;
    privilege = Privilege::kDelete;
  } else {
    return;
  }
  auto& catalog = context_.db.catalog();
  std::string schema = schema_name->empty() ? Catalog::kDefaultSchema : *schema_name;
  auto schema_entry = catalog.GetSchema(schema);
  auto entry = schema_entry ? catalog.GetEntry(schema, *table_name) : nullptr;
  if (!entry)
    return;  // the statement reports what is missing
  PrivilegeChecker checker(context_.db.access_control(), context_.current_user);
  // SELECT, when the statement reads the target's columns, is checked by
  // the binder (PostgreSQL requires it only then).
  if (privilege == Privilege::kUpdate && entry->type == CatalogType::kTable) {
    auto& table = entry->Cast<TableCatalogEntry>();
    columns.erase(
        std::remove_if(columns.begin(), columns.end(),
                       [&](const std::string& c) { return table.ColumnIndex(c) == kInvalidIndex; }),
        columns.end());
    checker.RequireColumns(*schema_entry, *entry, privilege, columns);
    return;
  }
  checker.RequireTable(*schema_entry, *entry, privilege);
}

std::unique_ptr<QueryResult> AccessStatementRunner::RunAlterOwner(AlterOwnerStatement& s) {
  auto& access = context_.db.access_control();
  auto& catalog = context_.db.catalog();
  CatalogType type = s.view ? CatalogType::kView : CatalogType::kTable;
  std::string schema_name = s.schema.empty() ? Catalog::kDefaultSchema : s.schema;
  auto schema = catalog.GetSchema(schema_name);
  if (schema && schema->external) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "tables of external schema \"" + schema_name + "\" have no owner of their own")
        .WithHint("Change the owner of the schema: ALTER SCHEMA " + schema_name + " OWNER TO " +
                  s.new_owner + ";");
  }
  auto entry = schema ? catalog.GetEntry(schema_name, s.name) : nullptr;
  if (!entry) {
    throw Exception(sqlstate::kUndefinedTable,
                    "relation \"" + (s.schema.empty() ? s.name : s.schema + "." + s.name) +
                        "\" does not exist");
  }
  PrivilegeChecker checker(access, context_.current_user);
  checker.RequireOwner(*entry, CatalogTypeName(entry->type));
  if (!access.users().Find(s.new_owner))
    throw UserMissing(s.new_owner);
  // A user owns what it creates; only a superuser gives things away.
  if (s.new_owner != context_.current_user)
    checker.RequireSuperuser(std::string("give a ") + CatalogTypeName(type) + " to another user");
  catalog.SetEntryOwner(schema_name, s.name, type, s.new_owner);
  return Tag(s.view ? "ALTER VIEW" : "ALTER TABLE");
}

std::unique_ptr<QueryResult> AccessStatementRunner::RunSessionAuthorization(SetStatement& s) {
  auto& access = context_.db.access_control();
  // Allowed when the user who logged in is a superuser (as in PostgreSQL),
  // so a superuser can switch back after switching to anyone.
  if (!access.IsSuperuser(context_.authenticated_user)) {
    throw Exception(sqlstate::kInsufficientPrivilege,
                    "permission denied to set session authorization")
        .WithDetail("Only a superuser may change the session user.");
  }
  std::string user = context_.authenticated_user;
  if (s.kind == SetStatement::Kind::kSet && s.value != "default" && !s.value.empty())
    user = s.value;
  auto record = access.users().Find(user);
  if (!record)
    throw UserMissing(user);
  context_.user_id = static_cast<int32_t>(record->id);
  context_.session_user = user;
  context_.current_user = user;
  return Tag(s.kind == SetStatement::Kind::kSet ? "SET" : "RESET");
}

}  // namespace tributary
