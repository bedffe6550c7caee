#include "storage/storage_manager.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>

#include "common/exception.h"
#include "storage/checksum.h"
#include "storage/durable_file.h"
#include "storage/parallel_for.h"

namespace tributary {

namespace {

constexpr const char* kManifestName = "MANIFEST";
constexpr const char* kManifestMagic = "TRIBUTARY-MANIFEST";
constexpr uint32_t kMaskMagic = 0x31564454;  // "TDV1"

void MakeDirectory(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
    ThrowFileError("create directory", path, errno);
}

// Deletion mask file: magic, CRC of the rest, row count, zstd(bits).
std::string EncodeMask(const DeleteMask& mask, idx_t rows) {
  std::string raw(reinterpret_cast<const char*>(mask.bits.data()),
                  mask.bits.size() * sizeof(uint64_t));
  std::string compressed(ZSTD_compressBound(raw.size()), '\0');
  size_t n = ZSTD_compress(compressed.data(), compressed.size(), raw.data(), raw.size(), 3);
  if (ZSTD_isError(n))
    throw InternalException("zstd failed on a deletion mask");
  compressed.resize(n);
  std::string out(16, '\0');
  uint64_t count = rows;
  std::memcpy(out.data(), &kMaskMagic, 4);
  std::memcpy(out.data() + 8, &count, 8);
  out += compressed;
  uint32_t crc = Checksum(out.data() + 8, out.size() - 8);
  std::memcpy(out.data() + 4, &crc, 4);
  return out;
}

std::shared_ptr<DeleteMask> DecodeMask(const std::string& bytes, idx_t rows,
                                       const std::string& path) {
  uint32_t magic = 0, crc = 0;
  uint64_t count = 0;
  if (bytes.size() < 16)
    ThrowCorrupted("\"" + path + "\"", "deletion mask is truncated");
  std::memcpy(&magic, bytes.data(), 4);
  std::memcpy(&crc, bytes.data() + 4, 4);
  std::memcpy(&count, bytes.data() + 8, 8);
  if (magic != kMaskMagic || Checksum(bytes.data() + 8, bytes.size() - 8) != crc)
    ThrowCorrupted("\"" + path + "\"", "checksum mismatch");
  if (count != rows)
    ThrowCorrupted("\"" + path + "\"", "row count does not match the manifest");
  auto mask = std::make_shared<DeleteMask>(rows);
  size_t n = ZSTD_decompress(mask->bits.data(), mask->bits.size() * sizeof(uint64_t),
                             bytes.data() + 16, bytes.size() - 16);
  if (ZSTD_isError(n) || n != mask->bits.size() * sizeof(uint64_t))
    ThrowCorrupted("\"" + path + "\"", "compressed data is damaged");
  for (idx_t r = 0; r < rows; r++)
    mask->deleted += mask->IsDeleted(r);
  return mask;
}

SegmentEncoding EncodingFromName(const std::string& name) {
  for (auto e : {SegmentEncoding::kPlain, SegmentEncoding::kRle, SegmentEncoding::kDictionary,
                 SegmentEncoding::kBitPacked}) {
    if (name == SegmentEncodingName(e))
      return e;
  }
  return SegmentEncoding::kPlain;
}

}  // namespace

StorageManager::StorageManager(const std::string& data_directory, bool read_only)
    : data_directory_(data_directory),
      directory_(data_directory + "/storage"),
      read_only_(read_only) {
  if (read_only_)
    return;
  MakeDirectory(data_directory_);
  std::string lock_path = data_directory_ + "/tributary.lock";
  lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd_ < 0)
    ThrowFileError("open", lock_path, errno);
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    char pid[32] = {0};
    ssize_t n = ::pread(lock_fd_, pid, sizeof(pid) - 1, 0);
    ::close(lock_fd_);
    lock_fd_ = -1;
    if (error == EWOULDBLOCK) {
      std::string holder = n > 0 ? std::string(pid, n) : std::string();
      while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\0'))
        holder.pop_back();
      throw Exception(sqlstate::kObjectInUse, "data directory \"" + data_directory_ +
                                                  "\" is in use by another Tributary process" +
                                                  (holder.empty() ? "" : " (pid " + holder + ")"))
          .WithHint("Stop the other shell or server, or open another data directory.");
    }
    ThrowFileError("lock", lock_path, error);
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(lock_fd_, 0) == 0 && ::pwrite(lock_fd_, pid.data(), pid.size(), 0) < 0) {
    // The pid is only for the message another process shows.
  }
  MakeDirectory(directory_);
}

StorageManager::~StorageManager() {
  if (lock_fd_ >= 0)
    ::close(lock_fd_);  // releases the flock
}

nlohmann::json StorageManager::ReadManifest() {
  std::string path = directory_ + "/" + kManifestName;
  std::string contents;
  if (!ReadWholeFile(path, contents))
    return nullptr;
  auto newline = contents.find('\n');
  char magic[32] = {0};
  unsigned long long crc = 0, length = 0;
  if (newline == std::string::npos ||
      std::sscanf(contents.substr(0, newline).c_str(), "%31s crc=%llu length=%llu", magic, &crc,
                  &length) != 3 ||
      std::string(magic) != kManifestMagic) {
    ThrowCorrupted("\"" + path + "\"", "not a manifest");
  }
  std::string_view body(contents.data() + newline + 1, contents.size() - newline - 1);
  if (body.size() != length)
    ThrowCorrupted("\"" + path + "\"", "manifest is truncated");
  if (Checksum(body.data(), body.size()) != crc)
    ThrowCorrupted("\"" + path + "\"", "checksum mismatch");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(body);
  } catch (const std::exception& e) {
    ThrowCorrupted("\"" + path + "\"", e.what());
  }
  next_file_id_ = json.value("next_file_id", uint64_t(1));
  if (read_only_)
    return json;
  // Files left by a commit that crashed after writing them may use ids
  // past the manifest's counter.
  if (DIR* dir = ::opendir(directory_.c_str())) {
    while (auto* entry = ::readdir(dir)) {
      unsigned long long id = 0;
      if (std::sscanf(entry->d_name, "%*[a-z]-%llu.", &id) == 1 && id >= next_file_id_)
        next_file_id_ = id + 1;
    }
    ::closedir(dir);
  }
  return json;
}

namespace {

std::string ToHex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) {
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  return hex;
}

std::string FromHex(const std::string& hex) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9')
      return c - '0';
    if (c >= 'a' && c <= 'f')
      return c - 'a' + 10;
    ThrowCorrupted("the manifest", "bad hex string in a zone map");
  };
  if (hex.size() % 2 != 0)
    ThrowCorrupted("the manifest", "bad hex string in a zone map");
  std::string bytes;
  for (size_t i = 0; i < hex.size(); i += 2)
    bytes += static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1]));
  return bytes;
}

uint64_t DoubleBits(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof(bits));
  return bits;
}

double BitsDouble(uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof(d));
  return d;
}

// Zone map items of a segment: "min"/"max" (integers), "fmin"/"fmax"
// (IEEE bits: JSON has no NaN or infinity) with "nan", "smin"/"smax" (hex:
// a prefix may cut a UTF-8 character) with "smax_cut".
void WriteZoneMap(const SegmentStatistics& stats, nlohmann::json& segment) {
  if (stats.has_min_max) {
    segment["min"] = stats.min;
    segment["max"] = stats.max;
  }
  if (stats.has_float_range) {
    segment["nan"] = stats.has_nan;
    if (stats.has_float_number) {
      segment["fmin"] = DoubleBits(stats.float_min);
      segment["fmax"] = DoubleBits(stats.float_max);
    }
  }
  if (stats.has_string_range) {
    segment["smin"] = ToHex(stats.string_min);
    segment["smax"] = ToHex(stats.string_max);
    segment["smax_cut"] = stats.string_max_truncated;
  }
}

void ReadZoneMap(const nlohmann::json& segment, SegmentStatistics& stats) {
  if (segment.contains("min")) {
    stats.has_min_max = true;
    stats.min = segment.at("min").get<int64_t>();
    stats.max = segment.at("max").get<int64_t>();
  }
  if (segment.contains("nan")) {
    stats.has_float_range = true;
    stats.has_nan = segment.at("nan").get<bool>();
    if (segment.contains("fmin")) {
      stats.has_float_number = true;
      stats.float_min = BitsDouble(segment.at("fmin").get<uint64_t>());
      stats.float_max = BitsDouble(segment.at("fmax").get<uint64_t>());
    }
  }
  if (segment.contains("smin")) {
    stats.has_string_range = true;
    stats.string_min = FromHex(segment.at("smin").get<std::string>());
    stats.string_max = FromHex(segment.at("smax").get<std::string>());
    stats.string_max_truncated = segment.at("smax_cut").get<bool>();
  }
}

}  // namespace

std::shared_ptr<TableSnapshot> StorageManager::LoadTable(const nlohmann::json& data,
                                                         const std::vector<LogicalType>& types) {
  auto snapshot = std::make_shared<TableSnapshot>();
  try {
    for (auto& group : data.at("row_groups")) {
      idx_t rows = group.at("rows").get<idx_t>();
      std::vector<SegmentPointer> segments;
      for (auto& s : group.at("segments")) {
        SegmentPointer pointer;
        pointer.offset = s.at("offset").get<uint64_t>();
        pointer.size = s.at("size").get<uint64_t>();
        pointer.encoding = EncodingFromName(s.value("encoding", "plain"));
        pointer.stats.null_count = s.value("nulls", idx_t(0));
        ReadZoneMap(s, pointer.stats);
        segments.push_back(pointer);
      }
      if (segments.size() != types.size())
        ThrowCorrupted("the manifest", "a row group has the wrong number of columns");
      auto row_group = std::make_shared<const RowGroup>(
          types, rows, directory_, group.at("file").get<std::string>(), std::move(segments));
      std::shared_ptr<const DeleteMask> mask;
      if (group.contains("deletes") && !group["deletes"].is_null()) {
        std::string file = group["deletes"].get<std::string>();
        std::string path = directory_ + "/" + file;
        std::string bytes;
        if (!ReadWholeFile(path, bytes))
          ThrowCorrupted("\"" + path + "\"", "the file is missing");
        auto decoded = DecodeMask(bytes, rows, path);
        decoded->file = file;
        mask = decoded;
      }
      snapshot->AddRowGroup(std::move(row_group), std::move(mask));
    }
  } catch (const nlohmann::json::exception& e) {
    ThrowCorrupted("the manifest", e.what());
  }
  return snapshot;
}

std::string StorageManager::NextFileName(const char* prefix, const char* suffix) {
  return std::string(prefix) + "-" + std::to_string(next_file_id_++) + suffix;
}

nlohmann::json StorageManager::PersistTable(const TableSnapshot& snapshot,
                                            std::vector<std::string>& written) {
  if (read_only_) {
    throw Exception(sqlstate::kReadOnlySqlTransaction,
                    "cannot commit: data directory \"" + data_directory_ + "\" is open read-only");
  }
  auto groups = nlohmann::json::array();
  // New row groups are encoded and written in parallel (names in order).
  std::vector<std::pair<const RowGroup*, std::string>> pending;
  for (auto& group : snapshot.row_groups) {
    if (!group->persisted())
      pending.emplace_back(group.get(), NextFileName("rg", ".seg"));
  }
  std::vector<uint8_t> done(pending.size(), 0);
  try {
    ParallelFor(pending.size(), [&](idx_t k) {
      pending[k].first->Persist(directory_, pending[k].second);
      done[k] = 1;
    });
  } catch (...) {
    for (idx_t k = 0; k < pending.size(); k++) {
      if (done[k])
        written.push_back(pending[k].second);
    }
    throw;
  }
  for (auto& p : pending)
    written.push_back(p.second);
  for (idx_t i = 0; i < snapshot.row_groups.size(); i++) {
    auto& group = *snapshot.row_groups[i];
    nlohmann::json item;
    item["file"] = group.file();
    item["rows"] = group.count();
    auto segments = nlohmann::json::array();
    for (auto& s : group.segments()) {
      nlohmann::json segment = {{"offset", s.offset},
                                {"size", s.size},
                                {"encoding", SegmentEncodingName(s.encoding)},
                                {"nulls", s.stats.null_count}};
      WriteZoneMap(s.stats, segment);
      segments.push_back(std::move(segment));
    }
    item["segments"] = std::move(segments);
    auto& mask = snapshot.deletes[i];
    if (mask && mask->deleted > 0) {
      if (mask->file.empty()) {
        std::string file = NextFileName("dv", ".del");
        WriteNewFile(directory_ + "/" + file, EncodeMask(*mask, group.count()));
        written.push_back(file);
        mask->file = file;
      }
      item["deletes"] = mask->file;
    } else {
      item["deletes"] = nullptr;
    }
    groups.push_back(std::move(item));
  }
  return {{"row_groups", std::move(groups)}};
}

void StorageManager::WriteManifest(nlohmann::json body) {
  if (read_only_) {
    throw Exception(sqlstate::kReadOnlySqlTransaction,
                    "cannot commit: data directory \"" + data_directory_ + "\" is open read-only");
  }
  // New files must be durable in the directory before the manifest names
  // them.
  SyncDirectory(directory_);
  body["next_file_id"] = next_file_id_;
  std::string text = body.dump();
  char header[128];
  std::snprintf(header, sizeof(header), "%s crc=%u length=%zu\n", kManifestMagic,
                Checksum(text.data(), text.size()), text.size());
  ReplaceFileAtomically(directory_, kManifestName, std::string(header) + text);
}

void StorageManager::RemoveFiles(const std::vector<std::string>& names) {
  if (read_only_)
    return;
  for (auto& name : names)
    ::unlink((directory_ + "/" + name).c_str());
}

void StorageManager::RemoveUnreferencedFiles(const nlohmann::json& body) {
  if (read_only_)
    return;
  std::set<std::string> referenced;
  if (!body.is_null()) {
    for (auto& entry : body.value("entries", nlohmann::json::array())) {
      if (!entry.contains("data"))
        continue;
      for (auto& group : entry["data"].value("row_groups", nlohmann::json::array())) {
        referenced.insert(group.value("file", ""));
        if (group.contains("deletes") && group["deletes"].is_string())
          referenced.insert(group["deletes"].get<std::string>());
      }
    }
  }
  DIR* dir = ::opendir(directory_.c_str());
  if (!dir)
    return;
  std::vector<std::string> garbage;
  while (auto* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    bool data_file = name.size() > 4 && (name.ends_with(".seg") || name.ends_with(".del"));
    if ((data_file && !referenced.count(name)) || name == std::string(kManifestName) + ".tmp" ||
        name == std::string(kManifestName) + ".prev")
      garbage.push_back(name);
  }
  ::closedir(dir);
  RemoveFiles(garbage);
}

}  // namespace tributary
