// Shared by the column segment tests (column_segment_test.cpp,
// segment_scanner_test.cpp): columns made from a function of the row
// number, their encoded segments, segments assembled by hand (to stand for
// what earlier versions wrote), and a temporary data directory.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "storage/checksum.h"
#include "storage/column_segment.h"

namespace tributary::column_segment_fixture {

using MakeValue = std::function<Value(idx_t)>;

// `count` rows of `type`, row i being make(i), in vectors of kVectorSize.
inline std::vector<Vector> MakeColumn(const LogicalType& type, idx_t count, const MakeValue& make) {
  std::vector<Vector> vectors;
  for (idx_t start = 0; start < count; start += kVectorSize) {
    vectors.emplace_back(type, kVectorSize);
    idx_t n = std::min(kVectorSize, count - start);
    for (idx_t r = 0; r < n; r++)
      vectors.back().SetValue(r, make(start + r));
  }
  return vectors;
}

inline EncodedSegment EncodeColumn(const LogicalType& type, idx_t count, const MakeValue& make) {
  auto column = MakeColumn(type, count, make);
  std::vector<const Vector*> pointers;
  for (auto& v : column)
    pointers.push_back(&v);
  return EncodeColumnSegment(type, pointers, count);
}

// A "TSG2" segment of `count` rows holding `body` uncompressed (has-NULLs
// byte, validity, encoding byte, the encoding's data), with its CRC.
inline std::string AssembleSegment(SegmentEncoding encoding, bool has_nulls, idx_t count,
                                   const std::string& body) {
  std::string bytes = "TSG2";
  bytes += std::string(4, '\0');  // CRC
  bytes += static_cast<char>(encoding);
  bytes += static_cast<char>(has_nulls);
  bytes += '\1';  // codec: none
  auto put = [&](auto value) {
    bytes.append(reinterpret_cast<const char*>(&value), sizeof(value));
  };
  put(static_cast<uint32_t>(count));
  put(static_cast<uint64_t>(body.size()));
  put(static_cast<uint64_t>(body.size()));
  bytes += body;
  uint32_t crc = Checksum(bytes.data() + 8, bytes.size() - 8);
  std::memcpy(bytes.data() + 4, &crc, 4);
  return bytes;
}

// The codec byte of an encoded segment: 1 none, 2 lz4.
inline int SegmentCodec(const std::string& bytes) {
  return bytes.size() > 10 ? bytes[10] : -1;
}

// A fresh directory for a Database, removed after the test.
class TempDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/tributary-segment-test-XXXXXX";
    ASSERT_NE(mkdtemp(name), nullptr);
    dir_ = name;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

}  // namespace tributary::column_segment_fixture
