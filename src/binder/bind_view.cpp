// Binding of views: a view named in FROM is re-parsed from its SQL text and
// bound like a derived table, in a scope of its own (it sees neither the
// query's CTEs nor its columns). BindViewQuery is CREATE VIEW's check.
#include <algorithm>

#include "binder/binder.h"
#include "binder/cte_registry.h"
#include "main/client_context.h"
#include "main/database.h"
#include "parser/parser.h"
#include "security/access_control.h"

namespace tributary {

namespace {

void ApplyAliases(const std::vector<std::string>& aliases, std::vector<std::string>& names,
                  const std::string& relation, int location) {
  if (aliases.size() > names.size()) {
    throw Exception(sqlstate::kInvalidColumnReference,
                    "table \"" + relation + "\" has " + std::to_string(names.size()) +
                        " columns available but " + std::to_string(aliases.size()) +
                        " columns specified")
        .WithPosition(location);
  }
  for (idx_t i = 0; i < aliases.size(); i++)
    names[i] = aliases[i];
}

}  // namespace

void Binder::RecordDependency(const std::string& schema, const std::string& name) {
  auto& state = *view_state_;
  if (!state.dependencies || !state.expanding.empty())
    return;
  CatalogDependency dependency{schema, name};
  if (std::find(state.dependencies->begin(), state.dependencies->end(), dependency) ==
      state.dependencies->end()) {
    state.dependencies->push_back(std::move(dependency));
  }
}

void Binder::CheckExternalAllowed(const std::string& schema, const std::string& name,
                                  int location) {
  auto& state = *view_state_;
  if (state.reject_external && state.expanding.empty()) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "external tables are not supported in views: \"" + schema + "." + name +
                        "\" is a table of an external schema")
        .WithHint(
            "Create a late-binding view: CREATE VIEW ... AS SELECT ... WITH NO SCHEMA BINDING.")
        .WithPosition(location);
  }
}

BoundStatement Binder::BindViewQuery(SelectStatement& query, bool reject_external,
                                     std::vector<CatalogDependency>& dependencies) {
  view_state_->dependencies = &dependencies;
  view_state_->reject_external = reject_external;
  try {
    auto bound = BindSelect(query);
    view_state_->dependencies = nullptr;
    view_state_->reject_external = false;
    return bound;
  } catch (...) {
    view_state_->dependencies = nullptr;
    view_state_->reject_external = false;
    throw;
  }
}

void Binder::DescribeView(std::shared_ptr<const ViewCatalogEntry> view,
                          std::vector<std::string>& names, std::vector<LogicalType>& types) {
  if (!view->no_schema_binding) {
    names = view->column_names;
    types = view->column_types;
    return;
  }
  BaseTableRef ref;
  ref.schema = view->schema_name;
  ref.table = view->name;
  Binder child(context_, this);
  child.BindView(std::move(view), ref);
  auto& binding = child.bind_context_.bindings().back();
  names = binding.names;
  types = binding.types;
}

LogicalOperatorPtr Binder::BindView(std::shared_ptr<const ViewCatalogEntry> view,
                                    BaseTableRef& ref) {
  std::string key = view->schema_name + "." + view->name;
  auto& expanding = view_state_->expanding;
  if (std::find(expanding.begin(), expanding.end(), key) != expanding.end()) {
    throw Exception(sqlstate::kInvalidObjectDefinition,
                    "infinite recursion detected in rules for relation \"" + view->name + "\"")
        .WithPosition(ref.location);
  }
  ParserOptions options;
  options.case_sensitive_identifiers = view->case_sensitive_identifiers;
  auto statements = Parser::Parse(view->sql, options);
  if (statements.size() != 1 || statements[0]->type != StatementType::kSelect)
    throw InternalException("the definition of view \"" + view->name + "\" is not a query");
  auto& select = static_cast<SelectStatement&>(*statements[0]);

  // Reading a view needs SELECT on it; its query then runs with the view
  // owner's privileges (PostgreSQL's rule), so a user may be given a view
  // without the tables under it.
  CheckPrivilege(view->schema_name, *view, Privilege::kSelect);
  // The view's own scope: no outer columns, no CTEs of the query naming it.
  Binder child(context_, this);
  child.parent_ = nullptr;
  child.ctes_.clear();
  expanding.push_back(key);
  BoundStatement bound;
  try {
    CurrentUserScope as_owner(context_, context_.db.access_control().OwnerOf(view->owner));
    bound = child.BindSelect(select);
  } catch (...) {
    expanding.pop_back();
    throw;
  }
  expanding.pop_back();
  cte_registry_->view_definitions.push_back(std::move(statements[0]));

  TableBinding binding;
  binding.alias = ref.alias.empty() ? view->name : ref.alias;
  binding.schema = ref.alias.empty() ? view->schema_name : "";
  auto bindings = bound.plan->GetColumnBindings();
  if (view->no_schema_binding) {
    binding.names = bound.names;
    ApplyAliases(view->column_aliases, binding.names, view->name, ref.location);
    binding.types = bound.types;
    binding.bindings = bindings;
  } else {
    // A normal view keeps the columns it had when it was created (a table
    // it reads may have gained columns since: `*` does not widen it).
    idx_t count = view->column_names.size();
    for (idx_t i = 0; i < count; i++) {
      if (i >= bound.types.size() || bound.types[i] != view->column_types[i]) {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "view \"" + view->name + "\" no longer matches the relations it reads: " +
                            "column \"" + view->column_names[i] + "\" changed")
            .WithHint("Recreate the view with CREATE OR REPLACE VIEW.")
            .WithPosition(ref.location);
      }
    }
    binding.names = view->column_names;
    binding.types.assign(bound.types.begin(), bound.types.begin() + count);
    binding.bindings.assign(bindings.begin(), bindings.begin() + count);
  }
  ApplyAliases(ref.column_aliases, binding.names, binding.alias, ref.location);
  bind_context_.AddBinding(std::move(binding));
  return std::move(bound.plan);
}

}  // namespace tributary
