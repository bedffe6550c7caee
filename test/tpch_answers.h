// Shared by the TPC-H tests (local tables and over an external schema):
// locating ../shared/tpch, reading its zstd files, and comparing a result
// with PostgreSQL's answers (answers/sfX/qNN.csv): numbers within 1e-9
// relative or to two decimal places (see Tolerance; PostgreSQL's NUMERIC
// scales differ from ours), text exactly but for trailing blanks (CHAR
// padding).
#pragma once

#include <zstd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "main/query_result.h"

namespace tributary {
namespace tpch {

inline std::string TpchDirectory() {
  if (const char* env = std::getenv("TRIBUTARY_TPCH_DIR"))
    return env;
  for (const char* candidate :
       {"../shared/tpch", "../../shared/tpch", "../../../shared/tpch", "/work/shared/tpch"}) {
    std::ifstream probe(std::string(candidate) + "/schema.sql");
    if (probe)
      return candidate;
  }
  return "";
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string Decompress(const std::string& compressed) {
  std::string result;
  ZSTD_DStream* stream = ZSTD_createDStream();
  ZSTD_initDStream(stream);
  ZSTD_inBuffer in{compressed.data(), compressed.size(), 0};
  std::string buffer(ZSTD_DStreamOutSize(), '\0');
  while (in.pos < in.size) {
    ZSTD_outBuffer out{buffer.data(), buffer.size(), 0};
    size_t rc = ZSTD_decompressStream(stream, &out, &in);
    if (ZSTD_isError(rc)) {
      ZSTD_freeDStream(stream);
      throw std::runtime_error(ZSTD_getErrorName(rc));
    }
    result.append(buffer.data(), out.pos);
  }
  ZSTD_freeDStream(stream);
  return result;
}

inline std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); i++) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        i++;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

inline std::string TrimRight(std::string s) {
  s.erase(s.find_last_not_of(' ') + 1);
  return s;
}

// How numbers are compared: within 1e-9 relative, or (the federation
// tests) to two decimal places.
enum class Tolerance { kRelative1e9, kCents };

// Text must be equal (trailing blanks aside: CHAR padding); numbers equal
// within the tolerance (PostgreSQL's NUMERIC scales differ from ours, so
// "0.0500" and "0.05" are the same value).
inline bool SameValue(const std::string& expected, const std::string& actual,
                      Tolerance tolerance = Tolerance::kCents) {
  if (TrimRight(expected) == TrimRight(actual))
    return true;
  char* end1 = nullptr;
  char* end2 = nullptr;
  double a = std::strtod(expected.c_str(), &end1);
  double b = std::strtod(actual.c_str(), &end2);
  if (expected.empty() || actual.empty() || *end1 != '\0' || *end2 != '\0')
    return false;
  if (tolerance == Tolerance::kCents) {
    return std::fabs(a - b) <= 0.01 * std::max(1.0, std::fabs(a) * 1e-9) + 1e-9 ||
           std::round(a * 100) == std::round(b * 100);
  }
  return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

// The first difference between `result` and the expected CSV, or "".
inline std::string Compare(const QueryResult& result,
                           const std::vector<std::vector<std::string>>& csv,
                           Tolerance tolerance = Tolerance::kCents) {
  idx_t expected_rows = csv.size() - 1;
  if (result.RowCount() != expected_rows) {
    return "expected " + std::to_string(expected_rows) + " rows, got " +
           std::to_string(result.RowCount());
  }
  if (result.ColumnCount() != csv[0].size())
    return "expected " + std::to_string(csv[0].size()) + " columns";
  for (idx_t r = 0; r < expected_rows; r++) {
    for (idx_t c = 0; c < result.ColumnCount(); c++) {
      Value v = result.GetValue(c, r);
      std::string actual = v.IsNull() ? "" : v.ToString();
      if (!SameValue(csv[r + 1][c], actual, tolerance)) {
        return "row " + std::to_string(r + 1) + " column " + csv[0][c] + ": expected \"" +
               csv[r + 1][c] + "\", got \"" + actual + "\"";
      }
    }
  }
  return "";
}

// Qualifies the table names of a TPC-H query (those after FROM, JOIN or a
// comma in a FROM list) with `schema`, except the ones in `local`.
inline std::string Qualify(const std::string& sql, const std::string& schema,
                           const std::vector<std::string>& local) {
  static const std::regex table(
      R"(\b(from|join|,)(\s+)(region|nation|supplier|customer|partsupp|part|orders|lineitem)\b)",
      std::regex::icase);
  std::string result;
  auto begin = std::sregex_iterator(sql.begin(), sql.end(), table);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    auto& m = *it;
    result += sql.substr(last, m.position() - last);
    std::string name = m[3].str();
    bool is_local = std::find(local.begin(), local.end(), name) != local.end();
    result += m[1].str() + m[2].str() + (is_local ? "" : schema + ".") + name;
    last = m.position() + m.length();
  }
  return result + sql.substr(last);
}

}  // namespace tpch
}  // namespace tributary
