#include "result_printer.h"

#include <vector>

namespace tributary {

size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80;
  return n;
}

namespace {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos)
    return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"')
      out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Footer(idx_t rows) {
  return "(" + std::to_string(rows) + (rows == 1 ? " row)" : " rows)");
}

}  // namespace

void PrintResult(const QueryResult& result, const PrintOptions& options, std::ostream& out) {
  idx_t columns = result.ColumnCount();
  idx_t rows = result.RowCount();
  std::vector<std::vector<std::string>> cells(rows, std::vector<std::string>(columns));
  std::vector<std::vector<bool>> nulls(rows, std::vector<bool>(columns));
  for (idx_t r = 0; r < rows; r++) {
    for (idx_t c = 0; c < columns; c++) {
      Value v = result.GetValue(c, r);
      nulls[r][c] = v.IsNull();
      cells[r][c] = v.IsNull() ? options.null_string : v.ToString();
    }
  }
  switch (options.format) {
    case PrintOptions::Format::kCsv: {
      if (!options.tuples_only) {
        for (idx_t c = 0; c < columns; c++)
          out << (c ? "," : "") << CsvField(result.ColumnName(c));
        out << "\n";
      }
      for (idx_t r = 0; r < rows; r++) {
        for (idx_t c = 0; c < columns; c++) {
          out << (c ? "," : "");
          if (!nulls[r][c])
            out << (cells[r][c].empty() ? "\"\"" : CsvField(cells[r][c]));
        }
        out << "\n";
      }
      return;
    }
    case PrintOptions::Format::kUnaligned: {
      if (!options.tuples_only) {
        for (idx_t c = 0; c < columns; c++)
          out << (c ? options.field_separator : "") << result.ColumnName(c);
        out << "\n";
      }
      for (idx_t r = 0; r < rows; r++) {
        for (idx_t c = 0; c < columns; c++)
          out << (c ? options.field_separator : "") << cells[r][c];
        out << "\n";
      }
      if (!options.tuples_only)
        out << Footer(rows) << "\n";
      return;
    }
    case PrintOptions::Format::kAligned: {
      std::vector<size_t> width(columns, 0);
      for (idx_t c = 0; c < columns; c++) {
        width[c] = options.tuples_only ? 0 : DisplayWidth(result.ColumnName(c));
        for (idx_t r = 0; r < rows; r++)
          width[c] = std::max(width[c], DisplayWidth(cells[r][c]));
      }
      auto pad = [&](const std::string& s, size_t w, bool right) {
        size_t n = DisplayWidth(s);
        std::string fill(w > n ? w - n : 0, ' ');
        return right ? fill + s : s + fill;
      };
      if (!options.tuples_only) {
        for (idx_t c = 0; c < columns; c++) {
          const std::string& name = result.ColumnName(c);
          size_t n = DisplayWidth(name);
          size_t left = (width[c] - n) / 2;
          std::string cell = std::string(left, ' ') + name + std::string(width[c] - n - left, ' ');
          out << (c ? " | " : " ") << cell;
        }
        out << (columns ? " \n" : "\n");
        for (idx_t c = 0; c < columns; c++)
          out << (c ? "-+-" : "-") << std::string(width[c], '-');
        out << (columns ? "-\n" : "\n");
      }
      for (idx_t r = 0; r < rows; r++) {
        std::string line;
        for (idx_t c = 0; c < columns; c++) {
          bool numeric = result.ColumnType(c).IsNumeric();
          bool last = c + 1 == columns;
          std::string cell = pad(cells[r][c], width[c], numeric);
          if (last && !numeric) {
            // psql does not pad the last column with trailing blanks.
            while (!cell.empty() && cell.back() == ' ' &&
                   DisplayWidth(cell) > DisplayWidth(cells[r][c])) {
              cell.pop_back();
            }
          }
          line += (c ? " | " : " ") + cell;
        }
        out << line << "\n";
      }
      if (!options.tuples_only)
        out << Footer(rows) << "\n\n";
      return;
    }
  }
}

}  // namespace tributary
