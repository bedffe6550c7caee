#include "main/copy_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "binder/binder.h"
#include "binder/expression_binder.h"
#include "catalog/catalog.h"
#include "catalog/table_catalog_entry.h"
#include "execution/copy/compressed_file_reader.h"
#include "execution/copy/compressed_file_writer.h"
#include "execution/copy/delimited_text_scanner.h"
#include "execution/copy/delimited_text_writer.h"
#include "execution/copy/load_error_log.h"
#include "execution/copy/text_field_decoder.h"
#include "execution/expression_executor.h"
#include "execution/task_scheduler.h"
#include "main/client_context.h"
#include "main/database.h"
#include "main/statement_runner.h"
#include "parser/parser.h"
#include "parser/statement/copy_statement.h"
#include "planner/expression/bound_constant_expression.h"
#include "security/access_control.h"
#include "security/privilege_checker.h"
#include "transaction/transaction.h"
#include "types/cast.h"

namespace tributary {

namespace {

constexpr idx_t kMaxLoggedErrors = 1000;
constexpr idx_t kMaxLoggedText = 1024;

// Reports progress at most five times a second, one thread at a time.
class ProgressReporter {
 public:
  ProgressReporter(ClientContext& context, std::string table)
      : context_(context), table_(std::move(table)) {}

  void Report(LoadProgress::Phase phase, idx_t done, idx_t total, idx_t rows, bool force = false) {
    if (!context_.progress)
      return;
    std::unique_lock<std::mutex> guard(lock_, std::try_to_lock);
    if (!guard.owns_lock())
      return;
    auto now = std::chrono::steady_clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(200))
      return;
    last_ = now;
    LoadProgress progress;
    progress.phase = phase;
    progress.table = table_;
    progress.bytes_done = done;
    progress.bytes_total = total;
    progress.rows = rows;
    context_.progress(progress);
  }

 private:
  ClientContext& context_;
  std::string table_;
  std::mutex lock_;
  std::chrono::steady_clock::time_point last_{};
};

// A rejected row, located in its range.
struct RowError {
  idx_t record = 0;              // record number within the range
  idx_t column = kInvalidIndex;  // input column
  std::string sql_state;
  std::string message;
  idx_t line_begin = 0, line_end = 0;  // bytes of the record in the input
  const char* field = nullptr;
  idx_t field_size = 0;
};

struct RangeResult {
  std::vector<DataChunk> chunks;
  idx_t records = 0;
  idx_t rows = 0;
  std::vector<RowError> errors;
};

// Redshift's STL_LOAD_ERRORS codes for PostgreSQL's SQLSTATEs.
int32_t RedshiftErrorCode(const std::string& state, const std::string& message) {
  if (state == "22P04")
    return message.rfind("missing data", 0) == 0 ? 1214
           : message.rfind("extra data", 0) == 0 ? 1202
                                                 : 1216;
  if (state == sqlstate::kInvalidTextRepresentation)
    return 1207;  // invalid digit
  if (state == sqlstate::kInvalidDatetimeFormat || state == sqlstate::kDatetimeFieldOverflow)
    return 1205;  // invalid date
  if (state == sqlstate::kNumericValueOutOfRange || state == sqlstate::kStringDataRightTruncation)
    return 1204;  // exceeds the range / the DDL length
  if (state == "22021")
    return 1220;  // invalid UTF-8
  if (state == sqlstate::kNotNullViolation)
    return 1213;  // missing data for a NOT NULL field
  return 9000;
}

std::string ColumnLength(const LogicalType& type) {
  if (type.id() == LogicalTypeId::kDecimal)
    return std::to_string(type.width()) + "," + std::to_string(type.scale());
  if (type.IsString())
    return std::to_string(type.width());
  return "0";
}

// What a column not in the COPY column list gets: its DEFAULT, bound once
// (NULL without one). A constant is computed once; anything else (random(),
// GETDATE()) is evaluated for every chunk of rows.
ExpressionPtr BindDefault(ClientContext& context, const ColumnDefinition& column) {
  if (column.default_sql.empty())
    return std::make_unique<BoundConstantExpression>(Value::Null(column.type));
  auto statements = Parser::Parse("SELECT " + column.default_sql);
  auto& select = static_cast<SelectStatement&>(*statements[0]);
  auto& node = static_cast<SelectNode&>(*select.node);
  Binder binder(context);
  BindContext empty;
  ExpressionBinder expression_binder(binder, empty, "DEFAULT");
  auto bound = ExpressionBinder::Coerce(expression_binder.Bind(*node.select_list[0]), column.type);
  if (bound->IsFoldable()) {
    return std::make_unique<BoundConstantExpression>(
        CastValue(ExpressionExecutor::EvaluateConstant(*bound), column.type));
  }
  return bound;
}

// The files COPY FROM 'path' reads: the file itself, or every file whose
// name starts with `path` (a prefix, sorted by name). 58P01 when none.
std::vector<std::string> MatchingFiles(const std::string& path) {
  std::error_code error;
  if (std::filesystem::exists(path, error))
    return {path};
  std::filesystem::path prefix(path);
  auto directory = prefix.parent_path().empty() ? std::filesystem::path(".") : prefix.parent_path();
  std::string stem = prefix.filename().string();
  std::vector<std::string> files;
  if (!stem.empty() && std::filesystem::is_directory(directory, error)) {
    for (auto& entry : std::filesystem::directory_iterator(directory, error)) {
      std::string name = entry.path().filename().string();
      if (entry.is_regular_file(error) && name.compare(0, stem.size(), stem) == 0)
        files.push_back((prefix.parent_path() / name).string());
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    throw Exception("58P01",
                    "could not open file \"" + path + "\" for reading: No such file or directory");
  }
  return files;
}

}  // namespace

// Files are read and written with the server's rights, so only superusers
// name them (PostgreSQL's rule); STDIN/STDOUT need only the table privilege.
void CopyRunner::RequireFileAccess(const std::string& action) {
  PrivilegeChecker(context_.db.access_control(), context_.current_user).RequireSuperuser(action);
}

std::unique_ptr<QueryResult> CopyRunner::Run(CopyStatement& statement) {
  switch (statement.direction) {
    case CopyStatement::Direction::kFrom: {
      Binder binder(context_);
      // Check the table before reading what may be a large file.
      auto table = binder.GetTable(statement.schema, statement.table, 0);
      binder.CheckPrivilege(table->schema_name, *table, Privilege::kInsert);
      if (!statement.stdio)
        RequireFileAccess("COPY from a file");
      if (statement.stdio) {
        if (!context_.copy_in) {
          throw Exception(sqlstate::kFeatureNotSupported,
                          "COPY FROM STDIN needs a client that sends the data (psql, a driver's "
                          "copy API); from the shell, COPY FROM a file");
        }
        idx_t columns =
            statement.columns.empty() ? table->columns.size() : statement.columns.size();
        std::string data = context_.copy_in(columns);
        // psql may send the end marker "\." as the last line.
        auto strip = [&](const char* marker) {
          size_t n = std::strlen(marker);
          if (data.size() >= n && data.compare(data.size() - n, n, marker) == 0 &&
              (data.size() == n || data[data.size() - n - 1] == '\n')) {
            data.resize(data.size() - n);
            return true;
          }
          return false;
        };
        strip("\\.\n") || strip("\\.\r\n") || strip("\\.");
        return Load(statement, {{"STDIN", data}});
      }
      ProgressReporter progress(context_, statement.table);
      // A path that names no file is a prefix, as an S3 key prefix is in
      // Redshift: every file that starts with it is loaded.
      auto paths = MatchingFiles(statement.path);
      std::vector<FileContents> contents;
      idx_t before = 0;
      for (auto& path : paths) {
        contents.push_back(CompressedFileReader::ReadAll(
            path, statement.options.compression, [&](idx_t done, idx_t total) {
              progress.Report(LoadProgress::Phase::kReading, before + done, before + total, 0);
            }));
        before += contents.back().view().size();
      }
      std::vector<LoadInput> inputs;
      for (idx_t i = 0; i < paths.size(); i++)
        inputs.push_back({paths[i], contents[i].view()});
      return Load(statement, inputs, &contents);
    }
    case CopyStatement::Direction::kTo:
      if (!statement.stdio)
        RequireFileAccess("COPY to a file");
      if (statement.stdio) {
        if (!context_.copy_out) {
          throw Exception(sqlstate::kFeatureNotSupported,
                          "COPY TO STDOUT needs a client that receives the data (psql, a driver's "
                          "copy API); from the shell, COPY TO a file");
        }
        auto result = Rows(statement);
        std::string data = Format(statement, *result);
        context_.copy_out(result->ColumnCount(), data);
        auto tag = std::make_unique<QueryResult>();
        tag->SetCommandTag("COPY " + std::to_string(result->RowCount()));
        return tag;
      }
      return CopyTo(statement);
    case CopyStatement::Direction::kUnload:
      RequireFileAccess("UNLOAD to a file");
      return Unload(statement);
  }
  return nullptr;
}

std::unique_ptr<QueryResult> CopyRunner::Load(CopyStatement& statement,
                                              const std::vector<LoadInput>& inputs,
                                              std::vector<FileContents>* owned) {
  Binder binder(context_);
  auto table = binder.GetTable(statement.schema, statement.table, 0);
  const auto& columns = table->columns;
  const CopyOptions& options = statement.options;

  // Input columns -> table columns.
  std::vector<idx_t> targets = table->TargetColumns(statement.columns);
  // Columns the input does not fill, and their DEFAULTs.
  std::vector<idx_t> fill_columns;
  std::vector<ExpressionPtr> fill_values;
  for (idx_t i = 0; i < columns.size(); i++) {
    if (std::find(targets.begin(), targets.end(), i) == targets.end()) {
      fill_columns.push_back(i);
      fill_values.push_back(BindDefault(context_, columns[i]));
    }
  }

  std::vector<std::string> input_names;
  for (idx_t t : targets)
    input_names.push_back(columns[t].name);
  for (auto* list : {&statement.force_not_null, &statement.force_null}) {
    for (auto& name : *list) {
      if (std::find(input_names.begin(), input_names.end(), name) == input_names.end()) {
        throw Exception(
            sqlstate::kInvalidColumnReference,
            std::string(list == &statement.force_null ? "FORCE_NULL" : "FORCE_NOT_NULL") +
                " column \"" + name + "\" not referenced by COPY");
      }
    }
  }
  auto listed = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  std::vector<TextFieldDecoder> decoders;
  for (idx_t t : targets) {
    decoders.emplace_back(columns[t].name, table->name, columns[t].type, columns[t].not_null,
                          options, listed(statement.force_not_null, columns[t].name),
                          listed(statement.force_null, columns[t].name));
  }
  auto types = table->Types();

  // Each input is cut into ranges of whole records (after its header).
  auto& scheduler = context_.db.scheduler();
  std::vector<DelimitedTextScanner> scanners;
  struct Range {
    idx_t input, begin, end;
  };
  std::vector<Range> splits;
  idx_t total_bytes = 0;
  for (idx_t f = 0; f < inputs.size(); f++) {
    scanners.emplace_back(inputs[f].data, options, input_names);
    idx_t begin = scanners.back().SkipRecords(0, options.skip_lines);
    total_bytes += inputs[f].data.size() - begin;
    // Many more ranges than threads (each at least 1 MB): the last range
    // to finish leaves the other threads idle for at most its own time.
    auto points = scanners.back().SplitPoints(begin, scheduler.NumberOfThreads() * 16);
    for (idx_t k = 0; k < points.size(); k++) {
      idx_t end = k + 1 < points.size() ? points[k + 1] : inputs[f].data.size();
      if (points[k] < end)
        splits.push_back({f, points[k], end});
    }
  }
  idx_t ranges = splits.size();
  std::vector<RangeResult> results(ranges);
  std::atomic<idx_t> first_failed{ranges};
  std::atomic<idx_t> error_count{0};
  std::atomic<idx_t> bytes_parsed{0};
  std::atomic<idx_t> rows_parsed{0};
  ProgressReporter progress(context_, table->name);

  scheduler.RunParallel(ranges, [&](idx_t i) {
    auto& result = results[i];
    auto& scanner = scanners[splits[i].input];
    idx_t pos = splits[i].begin;
    idx_t end = splits[i].end;
    TextBatch batch;
    std::vector<FieldError> field_errors;
    ExpressionExecutor defaults(fill_values);
    DataChunk no_columns;
    while (pos < end) {
      context_.CheckInterrupted();
      // Stop early when the load fails anyway: an earlier range failed
      // (its error is the one reported), or MAXERROR is exceeded.
      if (options.max_errors == 0 ? first_failed.load() < i
                                  : error_count.load() > options.max_errors) {
        return;
      }
      batch.Reset(targets.size());
      idx_t start = pos;
      scanner.Read(pos, end, result.records, batch);
      DataChunk chunk;
      chunk.Initialize(types);
      field_errors.clear();
      for (idx_t c = 0; c < targets.size(); c++)
        decoders[c].Decode(batch, c, chunk.column(targets[c]), field_errors);
      no_columns.SetCardinality(batch.rows);
      for (idx_t k = 0; k < fill_columns.size(); k++) {
        auto& v = chunk.column(fill_columns[k]);
        defaults.ExecuteExpression(k, no_columns, v);
        v.Flatten(batch.rows);
      }
      chunk.SetCardinality(batch.rows);
      idx_t failed = batch.problems.size() + field_errors.size();
      if (failed > 0) {
        auto add = [&](idx_t row, idx_t column, std::string state, std::string message) {
          RowError e;
          e.record = batch.record[row];
          e.column = column;
          e.sql_state = std::move(state);
          e.message = std::move(message);
          e.line_begin = batch.line_begin[row];
          e.line_end = batch.line_end[row];
          if (column != kInvalidIndex && column < batch.columns) {
            RawField f = batch.Raw(row, column);
            e.field = f.data;
            e.field_size = f.size;
          }
          result.errors.push_back(std::move(e));
        };
        for (auto& p : batch.problems)
          add(p.row, p.column, p.sql_state, std::move(p.message));
        for (auto& f : field_errors)
          add(f.row, f.column, std::move(f.sql_state), std::move(f.message));
        SelectionVector keep(kVectorSize);
        idx_t kept = 0;
        for (idx_t r = 0; r < batch.rows; r++) {
          if (batch.ok[r])
            keep.set_index(kept++, r);
        }
        chunk.Slice(keep, kept);
        if (options.max_errors == 0) {
          idx_t current = first_failed.load();
          while (i < current && !first_failed.compare_exchange_weak(current, i)) {
          }
          return;
        }
        error_count += failed;
      }
      result.rows += chunk.size();
      if (chunk.size() > 0)
        result.chunks.push_back(std::move(chunk));
      idx_t parsed = bytes_parsed += pos - start;
      idx_t rows = rows_parsed += batch.rows;
      progress.Report(LoadProgress::Phase::kParsing, parsed, total_bytes, rows);
    }
  });

  // Line numbers: header lines, then records of earlier ranges.
  // Line numbers count from each input's start: its header, then the
  // records of its earlier ranges.
  std::vector<idx_t> first_line(ranges);
  for (idx_t i = 0, line = 0; i < ranges; i++) {
    if (i == 0 || splits[i].input != splits[i - 1].input)
      line = options.skip_lines;
    first_line[i] = line;
    line += results[i].records;
  }
  struct Located {
    idx_t input, line;
    const RowError* error;
  };
  std::vector<Located> errors;
  for (idx_t i = 0; i < ranges; i++) {
    for (auto& e : results[i].errors)
      errors.push_back({splits[i].input, first_line[i] + e.record + 1, &e});
  }
  std::sort(errors.begin(), errors.end(), [](const Located& a, const Located& b) {
    return a.input != b.input ? a.input < b.input : a.line < b.line;
  });
  bool failed = options.max_errors == 0 ? !errors.empty() : error_count.load() > options.max_errors;
  if (!errors.empty()) {
    std::vector<LoadErrorRecord> records;
    auto now = std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    for (idx_t k = 0; k < errors.size() && k < kMaxLoggedErrors; k++) {
      auto& e = *errors[k].error;
      std::string_view data = inputs[errors[k].input].data;
      LoadErrorRecord r;
      r.session = context_.session_id;
      r.query = context_.query_id;
      r.starttime = now;
      r.filename = inputs[errors[k].input].name;
      r.line_number = static_cast<int64_t>(errors[k].line);
      if (e.column != kInvalidIndex) {
        auto& column = columns[targets[e.column]];
        r.colname = column.name;
        r.type = column.type.ToString();
        r.col_length = ColumnLength(column.type);
      }
      if (e.field)
        r.position = static_cast<int32_t>(e.field - (data.data() + e.line_begin));
      r.raw_line = std::string(
          data.substr(e.line_begin, std::min(e.line_end - e.line_begin, kMaxLoggedText)));
      if (e.field)
        r.raw_field_value = std::string(e.field, std::min(e.field_size, kMaxLoggedText));
      r.err_code = RedshiftErrorCode(e.sql_state, e.message);
      r.err_reason = e.message;
      records.push_back(std::move(r));
    }
    context_.db.load_error_log().Add(std::move(records));
  }
  // Nothing reads the input from here on.
  if (owned)
    owned->clear();
  if (failed) {
    const RowError* e = errors.front().error;
    std::string where = "COPY " + table->name + ", line " + std::to_string(errors.front().line);
    if (inputs.size() > 1)
      where += " of \"" + inputs[errors.front().input].name + "\"";
    if (e->column != kInvalidIndex)
      where += ", column " + columns[targets[e->column]].name;
    Exception error(e->sql_state, where + ": " + e->message);
    if (options.max_errors > 0 || options.redshift) {
      error.WithHint(std::to_string(error_count.load() > 0 ? error_count.load() : errors.size()) +
                     " bad row(s), MAXERROR " + std::to_string(options.max_errors) +
                     "; nothing was loaded. Check 'stl_load_errors' system table for details.");
    }
    throw error;
  }
  // Full chunks are adopted by the table as they are; a partial one (the
  // end of a range, or where bad rows were skipped) makes every later chunk
  // be copied. So full chunks go first, in file order, then the partial
  // ones: rows keep the file's order within each range's full chunks.
  idx_t rows = 0;
  std::vector<DataChunk> chunks, partial;
  for (auto& r : results) {
    rows += r.rows;
    for (auto& c : r.chunks)
      (c.size() == kVectorSize ? chunks : partial).push_back(std::move(c));
  }
  for (auto& c : partial)
    chunks.push_back(std::move(c));
  // A NOT NULL column the input does not fill must have a DEFAULT.
  for (idx_t k = 0; k < fill_columns.size() && rows > 0; k++) {
    auto* constant = dynamic_cast<BoundConstantExpression*>(fill_values[k].get());
    auto& column = columns[fill_columns[k]];
    if (constant && constant->value.IsNull() && column.not_null) {
      throw Exception(sqlstate::kNotNullViolation, "null value in column \"" + column.name +
                                                       "\" of relation \"" + table->name +
                                                       "\" violates not-null constraint");
    }
  }
  context_.transaction->Append(*table, std::move(chunks));
  progress.Report(LoadProgress::Phase::kDone, total_bytes, total_bytes, rows, true);
  auto result = std::make_unique<QueryResult>();
  if (!errors.empty()) {
    result->AddNotice("Load into table '" + table->name + "' completed, " + std::to_string(rows) +
                      " record(s) loaded successfully.");
    result->AddNotice(std::to_string(errors.size()) +
                      " record(s) could not be loaded. Check 'stl_load_errors' system table for "
                      "details.");
  }
  result->SetCommandTag("COPY " + std::to_string(rows));
  return result;
}

std::unique_ptr<QueryResult> CopyRunner::Rows(CopyStatement& statement) {
  if (statement.query) {
    StatementRunner runner(context_);
    return runner.Run(*statement.query);
  }
  Binder binder(context_);
  auto table = binder.GetTable(statement.schema, statement.table, 0);
  binder.CheckPrivilege(table->schema_name, *table, Privilege::kSelect);
  std::vector<idx_t> indexes;
  if (statement.columns.empty()) {
    for (idx_t i = 0; i < table->columns.size(); i++)
      indexes.push_back(i);
  } else {
    for (auto& name : statement.columns) {
      idx_t index = table->ColumnIndex(name);
      if (index == kInvalidIndex) {
        throw Exception(sqlstate::kUndefinedColumn, "column \"" + name + "\" of relation \"" +
                                                        table->name + "\" does not exist");
      }
      indexes.push_back(index);
    }
  }
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  for (idx_t i : indexes) {
    names.push_back(table->columns[i].name);
    types.push_back(table->columns[i].type);
  }
  auto result = std::make_unique<QueryResult>();
  result->SetColumns(names, types);
  auto snapshot = VisibleSnapshot(context_.transaction.get(), *table->storage);
  for (auto& source : VisibleChunks(*snapshot)) {
    idx_t count = source.size();
    DataChunk chunk;
    chunk.Initialize(types, count);
    for (idx_t k = 0; k < indexes.size(); k++)
      chunk.column(k).Reference(source.column(indexes[k]));
    chunk.SetCardinality(count);
    result->Append(std::move(chunk));
  }
  return result;
}

std::string CopyRunner::Format(CopyStatement& statement, const QueryResult& result) {
  DelimitedTextWriter writer(statement.options);
  std::vector<idx_t> columns;
  for (idx_t i = 0; i < result.ColumnCount(); i++)
    columns.push_back(i);
  std::string out;
  if (statement.options.header)
    writer.WriteHeader(result.names(), out);
  for (auto& chunk : result.chunks())
    writer.WriteRows(chunk, columns, chunk.size(), out);
  return out;
}

std::unique_ptr<QueryResult> CopyRunner::CopyTo(CopyStatement& statement) {
  auto result = Rows(statement);
  DelimitedTextWriter writer(statement.options);
  std::vector<idx_t> columns;
  for (idx_t i = 0; i < result->ColumnCount(); i++)
    columns.push_back(i);
  CompressedFileWriter file(statement.path, statement.options.compression, true);
  std::string out;
  if (statement.options.header)
    writer.WriteHeader(result->names(), out);
  for (auto& chunk : result->chunks()) {
    context_.CheckInterrupted();
    writer.WriteRows(chunk, columns, chunk.size(), out);
    if (out.size() > (1 << 20)) {
      file.Write(out);
      out.clear();
    }
  }
  file.Write(out);
  file.Finish();
  auto tag = std::make_unique<QueryResult>();
  tag->SetCommandTag("COPY " + std::to_string(result->RowCount()));
  return tag;
}

std::unique_ptr<QueryResult> CopyRunner::Unload(CopyStatement& statement) {
  auto result = Rows(statement);
  const auto& options = statement.options;
  DelimitedTextWriter writer(options);
  std::vector<idx_t> columns;
  for (idx_t i = 0; i < result->ColumnCount(); i++)
    columns.push_back(i);
  const auto& chunks = result->chunks();
  // Redshift's names: PARALLEL ON writes one file per slice
  // (<prefix>0000_part_00, <prefix>0001_part_00, ...), PARALLEL OFF one
  // file <prefix>000.
  idx_t files = 1;
  if (options.parallel)
    files = std::max<idx_t>(
        1, std::min<idx_t>(context_.db.scheduler().NumberOfThreads(), chunks.size()));
  const char* extension = CompressedFileWriter::Extension(options.compression);
  std::vector<std::string> paths;
  for (idx_t f = 0; f < files; f++) {
    char name[32];
    if (options.parallel)
      std::snprintf(name, sizeof(name), "%04zu_part_00", static_cast<size_t>(f));
    else
      std::snprintf(name, sizeof(name), "000");
    paths.push_back(statement.path + name + extension);
  }
  // S3 has no directories: a prefix's directory is made as needed.
  auto directory = std::filesystem::path(statement.path).parent_path();
  std::error_code error;
  if (!directory.empty() && !std::filesystem::is_directory(directory, error) &&
      !std::filesystem::create_directories(directory, error)) {
    throw Exception(sqlstate::kIoError, "could not create directory \"" + directory.string() +
                                            "\": " + error.message());
  }
  std::vector<std::unique_ptr<CompressedFileWriter>> writers;
  for (auto& path : paths)
    writers.push_back(
        std::make_unique<CompressedFileWriter>(path, options.compression, options.allow_overwrite));
  context_.db.scheduler().RunParallel(files, [&](idx_t f) {
    std::string out;
    if (options.header)
      writer.WriteHeader(result->names(), out);
    // Chunks are dealt out in contiguous runs, keeping the query's order
    // within each file.
    idx_t per_file = (chunks.size() + files - 1) / files;
    idx_t first = f * per_file;
    idx_t last = std::min<idx_t>(chunks.size(), first + per_file);
    for (idx_t c = first; c < last; c++) {
      context_.CheckInterrupted();
      writer.WriteRows(chunks[c], columns, chunks[c].size(), out);
      if (out.size() > (1 << 20)) {
        writers[f]->Write(out);
        out.clear();
      }
    }
    writers[f]->Write(out);
  });
  for (auto& w : writers)
    w->Finish();
  auto tag = std::make_unique<QueryResult>();
  tag->SetCommandTag("UNLOAD");
  return tag;
}

}  // namespace tributary
