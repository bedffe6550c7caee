// DelimitedTextScanner: split points fall only on record boundaries (never
// inside a quoted CSV field or after an escaped newline), and every range
// scanned on its own gives back exactly the records of the whole input.
#include <gtest/gtest.h>

#include <string>

#include "execution/copy/delimited_text_scanner.h"

namespace tributary {
namespace {

// Reads [begin, end) and returns the first field of each record.
std::vector<std::string> FirstFields(const DelimitedTextScanner& scanner, idx_t begin, idx_t end,
                                     idx_t columns, idx_t& problems) {
  std::vector<std::string> out;
  idx_t pos = begin, record = 0;
  TextBatch batch;
  while (pos < end) {
    batch.Reset(columns);
    scanner.Read(pos, end, record, batch);
    problems += batch.problems.size();
    for (idx_t r = 0; r < batch.rows; r++) {
      auto& f = batch.Field(r, 0);
      out.emplace_back(f.data, f.size);
    }
  }
  return out;
}

void CheckSplits(const std::string& data, const CopyOptions& options, idx_t columns,
                 idx_t expected_records) {
  DelimitedTextScanner scanner(data, options, std::vector<std::string>(columns, "c"));
  idx_t problems = 0;
  auto whole = FirstFields(scanner, 0, data.size(), columns, problems);
  ASSERT_EQ(problems, 0u);
  ASSERT_EQ(whole.size(), expected_records);
  auto points = scanner.SplitPoints(0, 16);
  ASSERT_GT(points.size(), 4u) << "the input should be split";
  std::vector<std::string> pieces;
  for (idx_t i = 0; i < points.size(); i++) {
    idx_t end = i + 1 < points.size() ? points[i + 1] : data.size();
    ASSERT_LT(points[i], end);
    auto part = FirstFields(scanner, points[i], end, columns, problems);
    pieces.insert(pieces.end(), part.begin(), part.end());
  }
  EXPECT_EQ(problems, 0u);
  EXPECT_EQ(pieces, whole);
}

TEST(DelimitedTextScannerTest, CsvSplitsNeverFallInsideQuotes) {
  // Long quoted fields full of newlines and doubled quotes, so that most
  // evenly spaced split targets land inside quotes.
  std::string data;
  idx_t records = 0;
  while (data.size() < (20u << 20)) {
    data += std::to_string(records) + ",\"line one\nline \"\"two\"\"\n";
    data += std::string(1000, 'x') + "\n\",tail\n";
    records++;
  }
  CopyOptions options;
  options.format = CopyFormat::kCsv;
  options.delimiter = ',';
  options.null_string = "";
  CheckSplits(data, options, 3, records);
}

TEST(DelimitedTextScannerTest, TextSplitsSkipEscapedNewlines) {
  std::string data;
  idx_t records = 0;
  while (data.size() < (20u << 20)) {
    data += std::to_string(records) + "\tescaped\\\n" + std::string(500, 'y') + "\\\\\tz\n";
    records++;
  }
  CopyOptions options;  // PostgreSQL's text format
  CheckSplits(data, options, 3, records);
}

TEST(DelimitedTextScannerTest, RedshiftTrailingDelimiterAndCounts) {
  std::string data = "1|a|\n2|b\n3|c|d|\n";
  CopyOptions options;
  options.redshift = true;
  options.delimiter = '|';
  options.backslash_escapes = false;
  DelimitedTextScanner scanner(data, options, {"x", "y"});
  TextBatch batch;
  batch.Reset(2);
  idx_t pos = 0, record = 0;
  scanner.Read(pos, data.size(), record, batch);
  ASSERT_EQ(batch.rows, 3u);
  EXPECT_TRUE(batch.ok[0]);  // one trailing delimiter is allowed
  EXPECT_TRUE(batch.ok[1]);
  EXPECT_FALSE(batch.ok[2]);  // a real third field is not
  ASSERT_EQ(batch.problems.size(), 1u);
  EXPECT_EQ(batch.problems[0].message, "extra data after last expected column");
}

// The text format's field scan (a table of stop bytes): a carriage return
// ends a record only before a newline or at the end, a backslash starts an
// escape only when escapes are on, and any delimiter byte works.
TEST(DelimitedTextScannerTest, TextFieldStopsAtDelimiterNewlineAndCrLf) {
  auto fields = [](const std::string& data, const CopyOptions& options) {
    DelimitedTextScanner scanner(data, options, {"a", "b"});
    TextBatch batch;
    batch.Reset(2);
    idx_t pos = 0, record = 0;
    scanner.Read(pos, data.size(), record, batch);
    std::vector<std::string> out;
    for (idx_t r = 0; r < batch.rows; r++) {
      for (idx_t c = 0; c < 2; c++) {
        auto& f = batch.Field(r, c);
        out.emplace_back(f.data, f.size);
      }
    }
    EXPECT_TRUE(batch.problems.empty());
    return out;
  };
  CopyOptions options;
  options.format = CopyFormat::kText;
  options.delimiter = '|';
  options.backslash_escapes = true;
  EXPECT_EQ(fields("a|b\r\nc\rd|e\r", options), (std::vector<std::string>{"a", "b", "c\rd", "e"}));
  EXPECT_EQ(fields("x\\|y|z\n", options), (std::vector<std::string>{"x|y", "z"}));
  options.backslash_escapes = false;
  EXPECT_EQ(fields("x\\|y\n", options), (std::vector<std::string>{"x\\", "y"}));
  options.delimiter = '\t';
  options.backslash_escapes = true;
  EXPECT_EQ(fields("p|q\tr\n", options), (std::vector<std::string>{"p|q", "r"}));
}

// Everything Read reports about a range, as text: fields (data and raw,
// flags), record numbers, line bounds, ok flags and problems.
std::string Describe(const DelimitedTextScanner& scanner, const std::string& data, idx_t columns) {
  std::string out;
  idx_t pos = 0, record = 0;
  TextBatch batch;
  while (pos < data.size()) {
    batch.Reset(columns);
    scanner.Read(pos, data.size(), record, batch);
    for (idx_t r = 0; r < batch.rows; r++) {
      out += std::to_string(batch.record[r]) + "@" + std::to_string(batch.line_begin[r]) + "-" +
             std::to_string(batch.line_end[r]) + (batch.ok[r] ? " ok:" : " bad:");
      if (batch.ok[r]) {
        for (idx_t c = 0; c < columns; c++) {
          auto& f = batch.Field(r, c);
          RawField raw = batch.Raw(r, c);
          out += "[" + std::string(f.data, f.size) + "|" + std::string(raw.data, raw.size) + "|" +
                 (f.quoted ? "q" : "") + (f.missing ? "m" : "") + "]";
        }
      }
      out += "\n";
    }
    for (auto& p : batch.problems)
      out += "problem " + std::to_string(p.row) + " " + p.sql_state + " " + p.message + "\n";
  }
  return out;
}

// The block-wise text scan (StopByteCursor) gives exactly what the
// byte-at-a-time reader gives, on inputs built to hit its edges: fields
// and records across 64-byte blocks, CR inside fields and before LF, a
// CR at the very end, backslash escapes, empty fields, missing and extra
// fields, a missing final newline, and an empty last line.
TEST(DelimitedTextScannerTest, BlockwiseTextScanMatchesByteReader) {
  const std::vector<std::string> pieces = {
      "a",
      "bb",
      "",
      "0123456789012345678901234567890123456789012345678901234567890123456789",
      "\r",
      "x\ry",
      "\\|",
      "\\\\",
      "\\n",
      "\\",
      "12.50",
      "1996-02-29",
      "\xc3\xa9t\xc3\xa9"};
  const std::vector<std::string> ends = {"\n", "\r\n", "|\n", "||\n", ""};
  uint64_t state = 7;
  auto next = [&](uint64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % n;
  };
  for (int trial = 0; trial < 400; trial++) {
    std::string data;
    idx_t records = 1 + next(40);
    for (idx_t r = 0; r < records; r++) {
      idx_t fields = 1 + next(5);
      for (idx_t f = 0; f < fields; f++) {
        if (f > 0)
          data += '|';
        data += pieces[next(pieces.size())];
      }
      std::string end = ends[next(ends.size())];
      if (end.empty() && r + 1 < records)
        end = "\n";
      data += end;
      if (next(10) == 0)
        data += "\n";  // an empty line
    }
    for (bool redshift : {false, true}) {
      for (bool escapes : {true, false}) {
        CopyOptions options;
        options.delimiter = '|';
        options.redshift = redshift;
        options.backslash_escapes = escapes;
        options.fill_record = redshift && trial % 3 == 0;
        options.ignore_blank_lines = redshift && trial % 4 == 0;
        DelimitedTextScanner fast(data, options, {"a", "b", "c"});
        DelimitedTextScanner slow(data, options, {"a", "b", "c"});
        slow.DisableFastPathForTesting();
        ASSERT_EQ(Describe(fast, data, 3), Describe(slow, data, 3))
            << "input: " << data << " redshift " << redshift << " escapes " << escapes;
      }
    }
  }
}

// Fields whose quotes or escapes were removed keep their bytes as written
// aside (TextBatch::Raw): NULL matching and STL_LOAD_ERRORS see them.
TEST(DelimitedTextScannerTest, RawBytesOfQuotedAndEscapedFields) {
  auto raws = [](const std::string& data, const CopyOptions& options) {
    DelimitedTextScanner scanner(data, options, {"a", "b"});
    TextBatch batch;
    batch.Reset(2);
    idx_t pos = 0, record = 0;
    scanner.Read(pos, data.size(), record, batch);
    std::vector<std::string> out;
    for (idx_t r = 0; r < batch.rows; r++) {
      for (idx_t c = 0; c < 2; c++) {
        auto& f = batch.Field(r, c);
        RawField raw = batch.Raw(r, c);
        out.push_back(std::string(f.data, f.size) + "=" + std::string(raw.data, raw.size) +
                      (f.quoted ? "q" : ""));
      }
    }
    return out;
  };
  CopyOptions csv;
  csv.format = CopyFormat::kCsv;
  csv.delimiter = ',';
  csv.null_string = "";
  EXPECT_EQ(raws("\"x,y\",\"\"\n\"a\"\"b\",c\r\n", csv),
            (std::vector<std::string>{"x,y=\"x,y\"q", "=\"\"q", "a\"b=\"a\"\"b\"q", "c=c"}));
  CopyOptions text;
  text.delimiter = '|';
  EXPECT_EQ(raws("a\\tb|\\N\n", text), (std::vector<std::string>{"a\tb=a\\tb", "N=\\N"}));
  CopyOptions quotes;
  quotes.redshift = true;
  quotes.delimiter = '|';
  quotes.backslash_escapes = false;
  quotes.remove_quotes = true;
  EXPECT_EQ(raws("\"p|q\"|r\n", quotes), (std::vector<std::string>{"p|q=\"p|q\"q", "r=r"}));
}

}  // namespace
}  // namespace tributary
