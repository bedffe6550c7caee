#include "execution/operator/persistent/physical_insert.h"

#include "catalog/catalog.h"
#include "main/client_context.h"
#include "main/database.h"
#include "transaction/transaction.h"

namespace tributary {

PhysicalInsert::PhysicalInsert(PhysicalOperatorPtr child, std::shared_ptr<TableCatalogEntry> table,
                               bool create_table, bool if_not_exists)
    : PhysicalOperator(
          create_table ? PhysicalOperatorType::kCreateTableAs : PhysicalOperatorType::kInsert,
          {LogicalTypeId::kBigInt}, 1),
      table(std::move(table)),
      create_table(create_table),
      if_not_exists(if_not_exists) {
  children.push_back(std::move(child));
}

std::unique_ptr<GlobalSinkState> PhysicalInsert::GetGlobalSinkState(ClientContext&) const {
  return std::make_unique<InsertGlobalState>();
}

DataChunk PhysicalInsert::PrepareRows(const TableCatalogEntry& table_entry,
                                      const DataChunk& chunk) {
  const auto* table = &table_entry;
  // NOT NULL constraints.
  for (idx_t c = 0; c < table->columns.size(); c++) {
    if (!table->columns[c].not_null)
      continue;
    auto& column = chunk.column(c);
    for (idx_t r = 0; r < chunk.size(); r++) {
      if (column.IsNull(r)) {
        throw Exception(sqlstate::kNotNullViolation,
                        "null value in column \"" + table->columns[c].name + "\" of relation \"" +
                            table->name + "\" violates not-null constraint");
      }
    }
  }
  DataChunk copy;
  copy.Initialize(table->Types(), chunk.size());
  for (idx_t c = 0; c < table->columns.size(); c++) {
    const auto& type = table->columns[c].type;
    auto& target = copy.column(c);
    if (!type.IsString() || type.width() == 0) {
      target.CopyFrom(chunk.column(c), SelectionVector(), chunk.size(), 0);
      continue;
    }
    // Assignment to CHAR(n)/VARCHAR(n): too long is an error unless the
    // excess is blanks (PostgreSQL); CHAR pads with blanks.
    auto& source = chunk.column(c);
    auto out = target.Data<string_t>();
    for (idx_t r = 0; r < chunk.size(); r++) {
      if (source.IsNull(r)) {
        target.SetNull(r);
        continue;
      }
      auto value = source.Data<string_t>()[source.IsConstant() ? 0 : r].View();
      idx_t chars = 0, cut = value.size();
      for (idx_t b = 0; b < value.size(); b++) {
        if ((static_cast<unsigned char>(value[b]) & 0xC0) != 0x80) {
          if (chars == static_cast<idx_t>(type.width())) {
            cut = b;
            break;
          }
          chars++;
        }
      }
      if (cut < value.size()) {
        if (value.find_first_not_of(' ', cut) != std::string_view::npos) {
          throw Exception(sqlstate::kStringDataRightTruncation,
                          "value too long for type " + type.ToString());
        }
        value = value.substr(0, cut);
      }
      std::string stored(value);
      if (type.id() == LogicalTypeId::kChar && chars < static_cast<idx_t>(type.width())) {
        stored.append(type.width() - chars, ' ');
      }
      out[r] = target.AddString(stored);
    }
  }
  copy.SetCardinality(chunk.size());
  return copy;
}

SinkResultType PhysicalInsert::Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState& gstate,
                                    LocalSinkState&) const {
  auto& state = static_cast<InsertGlobalState&>(gstate);
  auto copy = PrepareRows(*table, chunk);
  state.row_count += chunk.size();
  std::lock_guard<std::mutex> guard(state.lock);
  state.pending.push_back(std::move(copy));
  return SinkResultType::kNeedMoreInput;
}

void PhysicalInsert::Finalize(ClientContext& context, GlobalSinkState& gstate) const {
  auto& state = static_cast<InsertGlobalState&>(gstate);
  if (!context.transaction)
    throw InternalException("INSERT outside a transaction");
  if (create_table) {
    if (!context.db.catalog().CreateEntry(table->schema_name, table, if_not_exists)) {
      state.skipped = true;
      return;
    }
    context.transaction->RecordCreateEntry(table->schema_name, table);
  }
  context.transaction->Append(*table, std::move(state.pending));
  state.pending.clear();
}

}  // namespace tributary
