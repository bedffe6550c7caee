#include "execution/copy/delimited_text_writer.h"

#include <charconv>

namespace tributary {

void DelimitedTextWriter::WriteValue(std::string_view text, std::string& out) const {
  const char delimiter = options_.delimiter;
  if (options_.format == CopyFormat::kCsv) {
    const char quote = options_.quote;
    bool needs_quotes = text == options_.null_string;
    for (char c : text) {
      if (c == delimiter || c == quote || c == '\n' || c == '\r' || c == options_.escape) {
        needs_quotes = true;
        break;
      }
    }
    // PostgreSQL also quotes "\." so it cannot read as the end marker.
    if (!needs_quotes && text == "\\.")
      needs_quotes = true;
    if (!needs_quotes) {
      out.append(text);
      return;
    }
    out += quote;
    for (char c : text) {
      if (c == quote || c == options_.escape)
        out += options_.escape;
      out += c;
    }
    out += quote;
    return;
  }
  if (!options_.backslash_escapes) {
    out.append(text);
    return;
  }
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += delimiter == '\t' ? "\\t" : "\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\v':
        out += "\\v";
        break;
      default:
        if (c == delimiter)
          out += '\\';
        out += c;
    }
  }
}

void DelimitedTextWriter::WriteHeader(const std::vector<std::string>& names,
                                      std::string& out) const {
  for (idx_t i = 0; i < names.size(); i++) {
    if (i)
      out += options_.delimiter;
    WriteValue(names[i], out);
  }
  out += '\n';
}

void DelimitedTextWriter::WriteRows(const DataChunk& chunk, const std::vector<idx_t>& columns,
                                    idx_t count, std::string& out) const {
  // Each column as text once (type dispatch per column), then rows.
  std::vector<std::vector<std::string>> texts(columns.size());
  std::vector<const Vector*> vectors;
  for (idx_t c = 0; c < columns.size(); c++) {
    const Vector& v = chunk.column(columns[c]);
    vectors.push_back(&v);
    auto& column = texts[c];
    column.resize(count);
    auto id = v.type().id();
    bool constant = v.IsConstant();
    for (idx_t r = 0; r < count; r++) {
      idx_t row = constant ? 0 : r;
      if (v.IsNull(row))
        continue;
      if (id == LogicalTypeId::kVarchar || id == LogicalTypeId::kChar) {
        column[r] = v.Data<string_t>()[row].View();
      } else if (id == LogicalTypeId::kInteger || id == LogicalTypeId::kBigInt ||
                 id == LogicalTypeId::kSmallInt) {
        int64_t x = id == LogicalTypeId::kInteger  ? v.Data<int32_t>()[row]
                    : id == LogicalTypeId::kBigInt ? v.Data<int64_t>()[row]
                                                   : v.Data<int16_t>()[row];
        char buffer[24];
        auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), x);
        column[r].assign(buffer, end);
      } else {
        column[r] = v.GetValue(row).ToString();
      }
    }
  }
  for (idx_t r = 0; r < count; r++) {
    for (idx_t c = 0; c < columns.size(); c++) {
      if (c)
        out += options_.delimiter;
      const Vector& v = *vectors[c];
      if (v.IsNull(v.IsConstant() ? 0 : r))
        out.append(options_.null_string);
      else
        WriteValue(texts[c][r], out);
    }
    out += '\n';
  }
}

}  // namespace tributary
