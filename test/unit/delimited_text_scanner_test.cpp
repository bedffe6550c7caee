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

}  // namespace
}  // namespace tributary
