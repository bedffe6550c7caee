#include "execution/copy/delimited_text_scanner.h"

#include <cstring>

#include "execution/copy/stop_byte_cursor.h"

namespace tributary {

namespace {

constexpr const char* kBadCopyFileFormat = "22P04";

bool IsOctal(char c) {
  return c >= '0' && c <= '7';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// Scratch space for fields that must be rebuilt; one per thread.
std::string& Scratch() {
  thread_local std::string scratch;
  scratch.clear();
  return scratch;
}

}  // namespace

void TextBatch::Reset(idx_t column_count) {
  rows = 0;
  columns = column_count;
  fields.resize(kVectorSize * columns);
  record.resize(kVectorSize);
  line_begin.resize(kVectorSize);
  line_end.resize(kVectorSize);
  ok.assign(kVectorSize, 1);
  problems.clear();
  arena = std::make_unique<StringHeap>();
}

DelimitedTextScanner::DelimitedTextScanner(std::string_view data, const CopyOptions& options,
                                           std::vector<std::string> column_names)
    : data_(data),
      options_(options),
      names_(std::move(column_names)),
      csv_(options.format == CopyFormat::kCsv) {
  stops_[static_cast<unsigned char>(options_.delimiter)] = true;
  stops_[static_cast<unsigned char>('\n')] = true;
  stops_[static_cast<unsigned char>('\r')] = true;
  if (options_.backslash_escapes)
    stops_[static_cast<unsigned char>('\\')] = true;
  const char d = options_.delimiter;
  fast_text_ = !csv_ && !options_.remove_quotes && d != '\n' && d != '\r' && d != '\\';
}

void DelimitedTextScanner::DisableFastPathForTesting() {
  fast_text_ = false;
}

const char* DelimitedTextScanner::ReadField(const char* p, const char* end, TextField& field,
                                            RawField& raw, StringHeap& arena,
                                            bool& unterminated) const {
  const char delimiter = options_.delimiter;
  const char* start = p;
  field.quoted = false;
  field.missing = false;
  if (!csv_) {
    if (options_.remove_quotes && p < end && *p == '"') {
      // Redshift's REMOVEQUOTES: "a|b" is one field, without its quotes.
      const char* close =
          static_cast<const char*>(std::memchr(p + 1, '"', static_cast<size_t>(end - p - 1)));
      if (close) {
        field.data = p + 1;
        field.size = static_cast<uint32_t>(close - p - 1);
        field.quoted = true;
        const char* q = close + 1;
        while (q < end && *q != delimiter && *q != '\n' &&
               !(*q == '\r' && (q + 1 == end || q[1] == '\n')))
          q++;
        raw.data = start;
        raw.size = static_cast<uint32_t>(q - start);
        return q;
      }
    }
    for (;;) {
      while (p < end && !stops_[static_cast<unsigned char>(*p)])
        p++;
      // A carriage return ends the field only before a newline (or at the end).
      if (p < end && *p == '\r' && *p != delimiter && p + 1 < end && p[1] != '\n') {
        p++;
        continue;
      }
      break;
    }
    if (p == end || *p != '\\') {
      field.data = raw.data = start;
      field.size = raw.size = static_cast<uint32_t>(p - start);
      return p;
    }
    // Backslash escapes: rebuild the field.
    std::string& out = Scratch();
    out.append(start, p);
    while (p < end) {
      char c = *p;
      if (c == delimiter || c == '\n')
        break;
      if (c == '\r' && (p + 1 == end || p[1] == '\n'))
        break;
      if (c != '\\' || p + 1 == end) {
        out += c;
        p++;
        continue;
      }
      char n = p[1];
      p += 2;
      if (options_.redshift) {
        out += n;  // Redshift's ESCAPE: the next character is data
        continue;
      }
      switch (n) {
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'v':
          out += '\v';
          break;
        case 'x': {
          int v = p < end ? HexValue(*p) : -1;
          if (v < 0) {
            out += 'x';
            break;
          }
          p++;
          int w = p < end ? HexValue(*p) : -1;
          if (w >= 0) {
            v = v * 16 + w;
            p++;
          }
          out += static_cast<char>(v);
          break;
        }
        default:
          if (IsOctal(n)) {
            int v = n - '0';
            for (int k = 0; k < 2 && p < end && IsOctal(*p); k++, p++)
              v = v * 8 + (*p - '0');
            out += static_cast<char>(v & 0xFF);
          } else {
            out += n;
          }
      }
    }
    char* copy = arena.Allocate(out.size());
    std::memcpy(copy, out.data(), out.size());
    field.data = copy;
    field.size = static_cast<uint32_t>(out.size());
    raw.data = start;
    raw.size = static_cast<uint32_t>(p - start);
    return p;
  }

  // CSV.
  const char quote = options_.quote;
  const char escape = options_.escape;
  if (p < end && *p == quote) {
    // Common case: "text" with no quote inside.
    const char* close =
        static_cast<const char*>(std::memchr(p + 1, quote, static_cast<size_t>(end - p - 1)));
    if (close && (escape == quote || !std::memchr(p + 1, escape, close - p - 1))) {
      const char* after = close + 1;
      if (after == end || *after == delimiter || *after == '\n' ||
          (*after == '\r' && (after + 1 == end || after[1] == '\n'))) {
        field.data = p + 1;
        field.size = static_cast<uint32_t>(close - p - 1);
        field.quoted = true;
        raw.data = start;
        raw.size = static_cast<uint32_t>(after - start);
        return after;
      }
    }
  } else {
    while (p < end) {
      char c = *p;
      if (c == delimiter || c == '\n' || c == quote)
        break;
      if (c == '\r' && (p + 1 == end || p[1] == '\n'))
        break;
      p++;
    }
    if (p == end || *p != quote) {
      field.data = raw.data = start;
      field.size = raw.size = static_cast<uint32_t>(p - start);
      return p;
    }
  }
  // General case: quotes anywhere, doubled quotes, escapes.
  std::string& out = Scratch();
  p = start;
  bool in_quote = false;
  while (p < end) {
    char c = *p;
    if (in_quote) {
      if (escape != quote && c == escape && p + 1 < end && (p[1] == quote || p[1] == escape)) {
        out += p[1];
        p += 2;
      } else if (c == quote) {
        if (escape == quote && p + 1 < end && p[1] == quote) {
          out += quote;
          p += 2;
        } else {
          in_quote = false;
          p++;
        }
      } else {
        out += c;
        p++;
      }
    } else {
      if (c == delimiter || c == '\n')
        break;
      if (c == '\r' && (p + 1 == end || p[1] == '\n'))
        break;
      if (c == quote) {
        in_quote = true;
        field.quoted = true;
      } else {
        out += c;
      }
      p++;
    }
  }
  if (in_quote)
    unterminated = true;
  char* copy = arena.Allocate(out.size());
  std::memcpy(copy, out.data(), out.size());
  field.data = copy;
  field.size = static_cast<uint32_t>(out.size());
  raw.data = start;
  raw.size = static_cast<uint32_t>(p - start);
  return p;
}

const char* DelimitedTextScanner::ReadFullField(const char* p, const char* end, TextBatch& batch,
                                                idx_t row, idx_t column, TextField& field,
                                                bool& unterminated) const {
  RawField raw;
  const char* stop = ReadField(p, end, field, raw, *batch.arena, unterminated);
  if (column < batch.columns && (raw.data != field.data || raw.size != field.size)) {
    if (batch.raws.size() < batch.fields.size())
      batch.raws.resize(batch.fields.size());
    batch.raws[column * kVectorSize + row] = raw;
    field.own_raw = true;
  }
  return stop;
}

void DelimitedTextScanner::Read(idx_t& pos, idx_t end, idx_t& record, TextBatch& batch) const {
  const char* base = data_.data();
  const char* e = base + end;
  const idx_t columns = batch.columns;
  TextField extra;
  StopByteCursor cursor(stops_, options_.delimiter, options_.backslash_escapes ? '\\' : '\n');
  while (batch.rows < kVectorSize && pos < end) {
    idx_t r = batch.rows;
    const char* p = base + pos;
    if (options_.ignore_blank_lines && (*p == '\n' || (*p == '\r' && p + 1 < e && p[1] == '\n'))) {
      pos += *p == '\n' ? 1 : 2;
      record++;  // still a line of the input
      continue;
    }
    TextField* row = &batch.fields[r];  // column f at row[f * kVectorSize]
    idx_t f = 0;
    bool unterminated = false;
    bool extra_ok = true;
    const char* stop;
    for (;;) {
      TextField& target = f < columns ? row[f * kVectorSize] : extra;
      target.own_raw = false;
      if (fast_text_) {
        // Text format: the field ends at the first stop byte, unless that
        // is a carriage return inside the line (data) or a backslash (then
        // the full reader unescapes the field).
        stop = cursor.Next(p, e);
        while (stop < e && *stop == '\r' && stop + 1 < e && stop[1] != '\n')
          stop = cursor.Next(stop + 1, e);
        if (stop < e && *stop == '\\') {
          stop = ReadFullField(p, e, batch, r, f, target, unterminated);
        } else {
          target.data = p;
          target.size = static_cast<uint32_t>(stop - p);
          target.quoted = target.missing = false;
        }
      } else {
        stop = ReadFullField(p, e, batch, r, f, target, unterminated);
      }
      if (f >= columns && (f > columns || target.size > 0 || target.quoted || !options_.redshift))
        extra_ok = false;
      f++;
      if (stop < e && *stop == options_.delimiter) {
        p = stop + 1;
        continue;
      }
      break;
    }
    idx_t line_end = static_cast<idx_t>(stop - base);
    if (stop < e && *stop == '\r')
      stop++;
    if (stop < e && *stop == '\n')
      stop++;
    batch.record[r] = record++;
    batch.line_begin[r] = pos;
    batch.line_end[r] = line_end;
    batch.ok[r] = 1;
    pos = static_cast<idx_t>(stop - base);
    if (unterminated) {
      batch.ok[r] = 0;
      batch.problems.push_back(
          {r, kBadCopyFileFormat, "unterminated CSV quoted field", kInvalidIndex});
    } else if (f < columns && options_.fill_record) {
      for (; f < columns; f++) {
        row[f * kVectorSize] = TextField();
        row[f * kVectorSize].missing = true;
      }
    } else if (f < columns) {
      batch.ok[r] = 0;
      batch.problems.push_back(
          {r, kBadCopyFileFormat, "missing data for column \"" + names_[f] + "\"", f});
    } else if (f > columns && !extra_ok) {
      batch.ok[r] = 0;
      batch.problems.push_back(
          {r, kBadCopyFileFormat, "extra data after last expected column", kInvalidIndex});
    }
    batch.rows++;
  }
}

idx_t DelimitedTextScanner::SkipRecords(idx_t begin, idx_t lines) const {
  const char* base = data_.data();
  const char* end = base + data_.size();
  const char* p = base + begin;
  for (idx_t i = 0; i < lines && p < end; i++)
    p = RecordEnd(p, end);
  return static_cast<idx_t>(p - base);
}

const char* DelimitedTextScanner::RecordEnd(const char* p, const char* end) const {
  bool in_quote = false;
  for (; p < end; p++) {
    char c = *p;
    if (csv_ && c == options_.quote) {
      in_quote = !in_quote;
    } else if (!csv_ && c == '\\' && options_.backslash_escapes) {
      p++;
    } else if (c == '\n' && !in_quote) {
      return p + 1;
    }
  }
  return end;
}

std::vector<idx_t> DelimitedTextScanner::SplitPoints(idx_t begin, idx_t parts) const {
  std::vector<idx_t> points = {begin};
  idx_t size = data_.size() - begin;
  constexpr idx_t kMinimumRange = 1 << 20;
  if (parts > size / kMinimumRange)
    parts = size / kMinimumRange;
  if (parts <= 1)
    return points;
  const char* base = data_.data();
  const char* end = base + data_.size();
  idx_t target = size / parts;
  bool quotes = csv_ && std::memchr(base + begin, options_.quote, size) != nullptr;
  if (quotes && options_.escape != options_.quote)
    return points;
  if (!quotes) {
    for (idx_t k = 1; k < parts; k++) {
      const char* from = base + std::max(begin + k * target, points.back());
      const char* nl;
      for (;;) {
        nl = static_cast<const char*>(std::memchr(from, '\n', end - from));
        if (!nl)
          return points;
        // A newline after an odd number of backslashes is data.
        idx_t backslashes = 0;
        if (!csv_ && options_.backslash_escapes) {
          for (const char* b = nl - 1; b >= base + begin && *b == '\\'; b--)
            backslashes++;
        }
        if (backslashes % 2 == 0)
          break;
        from = nl + 1;
      }
      if (nl + 1 < end)
        points.push_back(static_cast<idx_t>(nl + 1 - base));
    }
    return points;
  }
  // CSV with quotes: a newline ends a record when an even number of quotes
  // precede it (doubled quotes count twice, so they keep the parity).
  const char* p = base + begin;
  bool in_quote = false;
  idx_t next = begin + target;
  while (p < end && points.size() < parts) {
    const char* q = static_cast<const char*>(std::memchr(p, options_.quote, end - p));
    const char* segment_end = q ? q : end;
    if (!in_quote) {
      while (base + next < segment_end) {
        const char* from = std::max(p, base + next);
        const char* nl = static_cast<const char*>(std::memchr(from, '\n', segment_end - from));
        if (!nl)
          break;
        if (nl + 1 < end)
          points.push_back(static_cast<idx_t>(nl + 1 - base));
        next = static_cast<idx_t>(nl + 1 - base) + target;
        if (points.size() >= parts)
          break;
      }
    }
    if (!q)
      break;
    in_quote = !in_quote;
    p = q + 1;
  }
  return points;
}

}  // namespace tributary
