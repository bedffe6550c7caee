// TextFieldDecoder: the inline fast paths (ISO dates, decimals with the
// column's scale, integers, the NULL test) give exactly what the general
// path (the engine's casts) gives, values and errors alike.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/exception.h"
#include "execution/copy/delimited_text_scanner.h"
#include "execution/copy/text_field_decoder.h"
#include "types/cast.h"
#include "types/date.h"

namespace tributary {
namespace {

struct Decoded {
  std::vector<std::string> values;  // the value, or "ERROR <state> <message>"
};

// Decodes one column of `lines` (one field per line) as `type`.
Decoded DecodeLines(const std::vector<std::string>& lines, const LogicalType& type,
                    CopyOptions options = {}) {
  std::string data;
  for (auto& l : lines)
    data += l + "\n";
  DelimitedTextScanner scanner(data, options, {"v"});
  TextFieldDecoder decoder("v", "t", type, false, options);
  Decoded out;
  idx_t pos = 0, record = 0;
  TextBatch batch;
  while (pos < data.size()) {
    batch.Reset(1);
    scanner.Read(pos, data.size(), record, batch);
    Vector vector(type);
    std::vector<FieldError> errors;
    decoder.Decode(batch, 0, vector, errors);
    std::vector<std::string> rows(batch.rows);
    for (idx_t r = 0; r < batch.rows; r++)
      rows[r] = vector.GetValue(r).ToString();
    for (auto& e : errors)
      rows[e.row] = "ERROR " + e.sql_state + " " + e.message;
    out.values.insert(out.values.end(), rows.begin(), rows.end());
  }
  return out;
}

// What the engine's cast from text makes of `text`.
std::string Cast(const std::string& text, const LogicalType& type) {
  try {
    return CastValue(Value::Varchar(text), type).ToString();
  } catch (const Exception& e) {
    return "ERROR " + e.SqlState() + " " + e.Message();
  }
}

void ExpectSameAsCast(const std::vector<std::string>& inputs, const LogicalType& type) {
  auto decoded = DecodeLines(inputs, type);
  ASSERT_EQ(decoded.values.size(), inputs.size());
  for (size_t i = 0; i < inputs.size(); i++)
    EXPECT_EQ(decoded.values[i], Cast(inputs[i], type)) << "input \"" << inputs[i] << "\"";
}

TEST(TextFieldDecoderTest, IsoDatesMatchTheCastOnEveryDayOfSomeYears) {
  std::vector<std::string> inputs;
  char buf[40];  // room for any int, so the format cannot truncate
  for (int year :
       {1, 4, 99, 100, 400, 1582, 1899, 1900, 1970, 1999, 2000, 2001, 2024, 2100, 9999}) {
    for (int month = 1; month <= 12; month++) {
      for (int day = 1; day <= Date::DaysInMonth(year, month); day++) {
        std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
        inputs.push_back(buf);
      }
    }
  }
  ExpectSameAsCast(inputs, LogicalType(LogicalTypeId::kDate));
}

TEST(TextFieldDecoderTest, BadDatesFailAsTheCastFails) {
  ExpectSameAsCast(
      {"2021-02-29", "2100-02-29", "2000-02-30", "2021-04-31", "2021-13-01", "2021-00-10",
       "2021-01-00", "0000-01-01", "2021-1-01", "2021-01-1", "20a1-01-01", "2021/01/01",
       "2021-01-01x", " 2021-01-01", "2021-01-01 BC", "99999-01-01"},
      LogicalType(LogicalTypeId::kDate));
}

TEST(TextFieldDecoderTest, DecimalsMatchTheCast) {
  ExpectSameAsCast({"12.34",
                    "0.00",
                    "-12.34",
                    "+1.50",
                    "1234567890123.45",
                    "0001234567890123.45",
                    "12345678901234.00",
                    "99999999999999.99",
                    "1.5",
                    "1.",
                    ".5",
                    "1.555",
                    "1.554",
                    "-0.005",
                    "1e3",
                    "abc",
                    "1.2a",
                    "12.3.4",
                    "-",
                    ".",
                    "00.10"},
                   LogicalType::Decimal(15, 2));
  ExpectSameAsCast({"1.234", "12.34", "123.4567", "99.999", "100.000"}, LogicalType::Decimal(5, 3));
}

TEST(TextFieldDecoderTest, IntegersMatchTheCast) {
  ExpectSameAsCast({"0", "-1", "2147483647", "2147483648", "-2147483648", "-2147483649", "007",
                    "12a", "", "-", "+5", " 5", "99999999999999999999"},
                   LogicalType(LogicalTypeId::kInteger));
}

// The inline NULL test: the NULL string (text), and Redshift's empty
// fields (NULL for non-string columns; for strings only with EMPTYASNULL).
TEST(TextFieldDecoderTest, NullStringsAndEmptyFields) {
  CopyOptions options;
  options.delimiter = '|';
  EXPECT_EQ(DecodeLines({"\\N", "1"}, LogicalType(LogicalTypeId::kInteger), options).values,
            (std::vector<std::string>{"NULL", "1"}));
  options.redshift = true;
  options.backslash_escapes = false;
  EXPECT_EQ(DecodeLines({"", "\\N", "7"}, LogicalType(LogicalTypeId::kInteger), options).values,
            (std::vector<std::string>{"NULL", "NULL", "7"}));
  EXPECT_EQ(DecodeLines({"", "x"}, LogicalType(LogicalTypeId::kVarchar), options).values,
            (std::vector<std::string>{"", "x"}));
  options.empty_as_null = true;
  EXPECT_EQ(DecodeLines({"", "x"}, LogicalType(LogicalTypeId::kVarchar), options).values,
            (std::vector<std::string>{"NULL", "x"}));
  options.null_string = "NA";
  EXPECT_EQ(DecodeLines({"NA", "NB", "N"}, LogicalType(LogicalTypeId::kVarchar), options).values,
            (std::vector<std::string>{"NULL", "NB", "N"}));
}

}  // namespace
}  // namespace tributary
