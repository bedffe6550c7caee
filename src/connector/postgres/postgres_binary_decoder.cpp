#include "connector/postgres/postgres_binary_decoder.h"

#include <cstring>

#include "common/exception.h"
#include "types/decimal.h"

namespace tributary {

namespace {

[[noreturn]] void Malformed(const std::string& what) {
  throw Exception(sqlstate::kProtocolViolation,
                  "malformed COPY BINARY data from the source: " + what);
}

uint16_t Be16(const char* p) {
  return static_cast<uint16_t>((static_cast<uint8_t>(p[0]) << 8) | static_cast<uint8_t>(p[1]));
}
uint32_t Be32(const char* p) {
  return (uint32_t(static_cast<uint8_t>(p[0])) << 24) |
         (uint32_t(static_cast<uint8_t>(p[1])) << 16) |
         (uint32_t(static_cast<uint8_t>(p[2])) << 8) | uint32_t(static_cast<uint8_t>(p[3]));
}
uint64_t Be64(const char* p) {
  return (uint64_t(Be32(p)) << 32) | Be32(p + 4);
}

void ExpectLength(int32_t length, int32_t expected, const LogicalType& type) {
  if (length != expected) {
    Malformed("a " + type.ToString() + " field has " + std::to_string(length) +
              " bytes, expected " + std::to_string(expected));
  }
}

void DecodeInt16(const char* d, int32_t n, Vector& out, idx_t row, const LogicalType& t) {
  ExpectLength(n, 2, t);
  out.Data<int16_t>()[row] = static_cast<int16_t>(Be16(d));
}
void DecodeInt32(const char* d, int32_t n, Vector& out, idx_t row, const LogicalType& t) {
  ExpectLength(n, 4, t);
  out.Data<int32_t>()[row] = static_cast<int32_t>(Be32(d));
}
void DecodeInt64(const char* d, int32_t n, Vector& out, idx_t row, const LogicalType& t) {
  ExpectLength(n, 8, t);
  out.Data<int64_t>()[row] = static_cast<int64_t>(Be64(d));
}
void DecodeFloat(const char* d, int32_t n, Vector& out, idx_t row, const LogicalType& t) {
  ExpectLength(n, 4, t);
  uint32_t bits = Be32(d);
  std::memcpy(out.Data<float>() + row, &bits, 4);
}
void DecodeDouble(const char* d, int32_t n, Vector& out, idx_t row, const LogicalType& t) {
  ExpectLength(n, 8, t);
  uint64_t bits = Be64(d);
  std::memcpy(out.Data<double>() + row, &bits, 8);
}
void DecodeBool(const char* d, int32_t n, Vector& out, idx_t row, const LogicalType& t) {
  ExpectLength(n, 1, t);
  out.Data<bool>()[row] = d[0] != 0;
}
void DecodeText(const char* d, int32_t n, Vector& out, idx_t row, const LogicalType&) {
  out.Data<string_t>()[row] = out.AddString(std::string_view(d, n));
}

// NUMERIC: int16 ndigits, int16 weight, uint16 sign, int16 dscale, then
// ndigits base-10000 digits; value = sum(digit[i] * 10000^(weight - i)).
void DecodeNumeric(const char* d, int32_t n, Vector& out, idx_t row, const LogicalType& type) {
  if (n < 8)
    Malformed("a numeric field is shorter than its header");
  int ndigits = static_cast<int16_t>(Be16(d));
  int weight = static_cast<int16_t>(Be16(d + 2));
  uint16_t sign = Be16(d + 4);
  if (ndigits < 0 || n != 8 + 2 * ndigits)
    Malformed("a numeric field has an inconsistent length");
  if (sign == 0xC000) {
    throw Exception(sqlstate::kNumericValueOutOfRange,
                    "NaN in a NUMERIC column cannot be stored as " + type.ToString());
  }
  if (sign != 0x0000 && sign != 0x4000)
    Malformed("a numeric field has an unknown sign");
  // Accumulate the digits, then place the decimal point at the column scale.
  hugeint_t value = 0;
  for (int i = 0; i < ndigits; i++) {
    uint16_t digit = Be16(d + 8 + 2 * i);
    if (digit >= 10000)
      Malformed("a numeric digit is out of range");
    if (__builtin_mul_overflow(value, hugeint_t(10000), &value) ||
        __builtin_add_overflow(value, hugeint_t(digit), &value)) {
      throw Exception(sqlstate::kNumericValueOutOfRange,
                      "a NUMERIC value does not fit " + type.ToString());
    }
  }
  // value currently has 4 * (ndigits - 1 - weight) digits after the point.
  int fraction = 4 * (ndigits - 1 - weight);
  int scale = type.scale();
  if (ndigits == 0) {
    value = 0;
  } else if (fraction > scale) {
    value = Decimal::DivideRound(value, Decimal::PowerOfTen(std::min(fraction - scale, 38)));
  } else if (fraction < scale) {
    int shift = scale - fraction;
    if (shift > 38 || __builtin_mul_overflow(value, Decimal::PowerOfTen(shift), &value)) {
      throw Exception(sqlstate::kNumericValueOutOfRange,
                      "a NUMERIC value does not fit " + type.ToString());
    }
  }
  if (sign == 0x4000)
    value = -value;
  if (type.physical() == PhysicalType::kInt64) {
    out.Data<int64_t>()[row] = static_cast<int64_t>(value);
  } else {
    out.Data<hugeint_t>()[row] = value;
  }
}

}  // namespace

PostgresBinaryDecoder::PostgresBinaryDecoder(std::vector<LogicalType> types)
    : types_(std::move(types)) {
  for (auto& t : types_) {
    switch (t.id()) {
      case LogicalTypeId::kSmallInt:
        decoders_.push_back(DecodeInt16);
        break;
      case LogicalTypeId::kInteger:
      case LogicalTypeId::kDate:
        decoders_.push_back(DecodeInt32);
        break;
      case LogicalTypeId::kBigInt:
      case LogicalTypeId::kTimestamp:
      case LogicalTypeId::kTimestampTz:
        decoders_.push_back(DecodeInt64);
        break;
      case LogicalTypeId::kReal:
        decoders_.push_back(DecodeFloat);
        break;
      case LogicalTypeId::kDouble:
        decoders_.push_back(DecodeDouble);
        break;
      case LogicalTypeId::kBoolean:
        decoders_.push_back(DecodeBool);
        break;
      case LogicalTypeId::kDecimal:
        decoders_.push_back(DecodeNumeric);
        break;
      case LogicalTypeId::kChar:
      case LogicalTypeId::kVarchar:
        decoders_.push_back(DecodeText);
        break;
      default:
        throw InternalException("no binary decoder for " + t.ToString());
    }
  }
}

void PostgresBinaryDecoder::Feed(const char* data, size_t length) {
  if (position_ > 0 && position_ == buffer_.size()) {
    buffer_.clear();
    position_ = 0;
  } else if (position_ > (1 << 20)) {
    buffer_.erase(0, position_);
    position_ = 0;
  }
  buffer_.append(data, length);
}

void PostgresBinaryDecoder::Decode(DataChunk& out) {
  static const char kSignature[] = "PGCOPY\n\377\r\n";
  if (!header_done_) {
    if (buffer_.size() - position_ < 19)
      return;
    if (std::memcmp(buffer_.data() + position_, kSignature, 11) != 0)
      Malformed("bad signature");
    uint32_t extension = Be32(buffer_.data() + position_ + 15);
    if (buffer_.size() - position_ < 19 + extension)
      return;
    position_ += 19 + extension;
    header_done_ = true;
  }
  idx_t row = out.size();
  idx_t columns = types_.size();
  while (!finished_ && row < kVectorSize) {
    size_t start = position_;
    size_t available = buffer_.size() - position_;
    if (available < 2)
      break;
    int16_t fields = static_cast<int16_t>(Be16(buffer_.data() + position_));
    if (fields == -1) {
      position_ += 2;
      finished_ = true;
      break;
    }
    if (fields != static_cast<int16_t>(columns)) {
      Malformed("a row has " + std::to_string(fields) + " fields, expected " +
                std::to_string(columns));
    }
    size_t p = position_ + 2;
    bool complete = true;
    for (idx_t c = 0; c < columns; c++) {
      if (buffer_.size() - p < 4) {
        complete = false;
        break;
      }
      int32_t length = static_cast<int32_t>(Be32(buffer_.data() + p));
      p += 4;
      if (length == -1) {
        out.column(c).SetNull(row);
        continue;
      }
      if (length < 0)
        Malformed("negative field length");
      if (buffer_.size() - p < static_cast<size_t>(length)) {
        complete = false;
        break;
      }
      out.column(c).validity().SetValid(row);
      decoders_[c](buffer_.data() + p, length, out.column(c), row, types_[c]);
      p += length;
    }
    if (!complete) {
      position_ = start;  // wait for the rest of the row
      break;
    }
    position_ = p;
    row++;
  }
  out.SetCardinality(row);
}

void PostgresBinaryDecoder::CheckComplete() const {
  if (!finished_)
    Malformed("the stream ended before the end-of-data marker (truncated)");
  if (position_ != buffer_.size())
    Malformed("data after the end-of-data marker");
}

}  // namespace tributary
