// CopyRunner: runs COPY ... FROM (parallel parse of a local file into the
// table, all or nothing), COPY ... TO and UNLOAD (local files) for one
// statement of a Connection.
//
// Loading: the file is read (and decompressed) into memory, cut into
// ranges at record boundaries, and the ranges are parsed on the database's
// TaskScheduler straight into typed vectors. The rows become visible with
// one DataTable::AppendAll when every range has parsed, so a failed load
// changes nothing. A bad row fails the load with the line number, column
// and value; with MAXERROR n up to n bad rows are skipped and each is
// recorded in STL_LOAD_ERRORS.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "execution/copy/compressed_file_reader.h"
#include "main/query_result.h"

namespace tributary {

class ClientContext;
class CopyStatement;

class CopyRunner {
 public:
  explicit CopyRunner(ClientContext& context) : context_(context) {}

  std::unique_ptr<QueryResult> Run(CopyStatement& statement);
  // COPY ... FROM with the input already in memory, one or more files
  // (`name` names each in errors and STL_LOAD_ERRORS: a file name, or
  // "STDIN"). The inputs must outlive the call.
  struct LoadInput {
    std::string name;
    std::string_view data;
  };
  // `owned`, when given, holds the inputs' bytes: they are released as soon
  // as the rows are parsed (before the rows are added to the table), so a
  // load does not keep its input file in memory through the commit.
  std::unique_ptr<QueryResult> Load(CopyStatement& statement, const std::vector<LoadInput>& inputs,
                                    std::vector<FileContents>* owned = nullptr);

 private:
  std::unique_ptr<QueryResult> CopyTo(CopyStatement& statement);
  std::unique_ptr<QueryResult> Unload(CopyStatement& statement);
  std::unique_ptr<QueryResult> Rows(CopyStatement& statement);
  // `result` as COPY TO text (header and rows).
  static std::string Format(CopyStatement& statement, const QueryResult& result);
  // 42501 unless the current user is a superuser (COPY/UNLOAD with a file).
  void RequireFileAccess(const std::string& action);

  ClientContext& context_;
};

}  // namespace tributary
