// Scan of an external PostgreSQL table: one connection, `COPY (SELECT
// <needed columns> FROM <table>) TO STDOUT (FORMAT binary)` decoded into
// vectors as the bytes arrive. The remote SQL quotes every identifier
// (libpq's PQescapeIdentifier); types without a binary mapping are cast to
// text remotely. The connection closes when the scan ends, fails or is
// cancelled.
#pragma once

#include "connector/remote_table.h"
#include "execution/physical_operator.h"

namespace tributary {

class PhysicalRemoteScan : public PhysicalOperator {
 public:
  PhysicalRemoteScan(std::vector<LogicalType> types, std::shared_ptr<const RemoteTable> table,
                     std::vector<idx_t> column_ids, idx_t estimated_cardinality);

  std::shared_ptr<const RemoteTable> table;
  std::vector<idx_t> column_ids;

  std::string GetName() const override { return "REMOTE_SCAN"; }
  std::string ParamsToString() const override;
  // The SELECT sent to the source (also shown by EXPLAIN).
  std::string RemoteQuery(const std::function<std::string(const std::string&)>& quote) const;

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;
};

}  // namespace tributary
