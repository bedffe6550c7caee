#include "execution/copy/compressed_file_reader.h"

#include <bzlib.h>
#include <zlib.h>
#include <zstd.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "common/exception.h"
#include "storage/parallel_for.h"

namespace tributary {

namespace {

constexpr const char* kUndefinedFile = "58P01";
constexpr const char* kBadCopyFileFormat = "22P04";

struct FileCloser {
  void operator()(FILE* f) const {
    if (f)
      std::fclose(f);
  }
};

Exception OpenError(const std::string& path) {
  int error = errno;
  std::string state = error == ENOENT   ? kUndefinedFile
                      : error == EACCES ? sqlstate::kInsufficientPrivilege
                                        : sqlstate::kIoError;
  std::string message = "could not open file \"" + path + "\" for reading: " + std::strerror(error);
  if (error == ENOENT)
    message = "could not open file \"" + path + "\" for reading: No such file or directory";
  return Exception(state, message);
}

Exception Corrupt(const std::string& path, const char* kind, const std::string& why) {
  return Exception(kBadCopyFileFormat,
                   "could not decompress " + std::string(kind) + " file \"" + path + "\": " + why);
}

constexpr size_t kMapGranule = size_t(2) << 20;

// A plain regular file of `size` bytes (as fstat said) read into a mapped
// buffer, 16 MB pieces on several threads. False when the file turns out
// shorter or longer than `size` (it changed meanwhile): the caller reads it
// sequentially instead.
bool ReadPlainFile(int fd, const std::string& path, size_t size, FileContents& out,
                   const CompressedFileReader::ProgressFn& on_progress) {
  constexpr size_t kPiece = size_t(16) << 20;
  FileContents contents = FileContents::Mapped(size);
  char* data = contents.mapped_data();
  size_t pieces = (size + kPiece - 1) / kPiece;
  std::atomic<size_t> done{0};
  std::atomic<bool> short_read{false};
  ParallelFor(pieces, [&](idx_t k) {
    size_t begin = k * kPiece, end = std::min(size, begin + kPiece);
#ifdef MADV_POPULATE_WRITE
    // The piece's pages in one call rather than a fault per page (advice:
    // ignored by kernels without it).
    ::madvise(data + begin, end - begin, MADV_POPULATE_WRITE);
#endif
    while (begin < end && !short_read.load()) {
      ssize_t n = ::pread(fd, data + begin, end - begin, static_cast<off_t>(begin));
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0) {
        throw Exception(sqlstate::kIoError,
                        "could not read file \"" + path + "\": " + std::strerror(errno));
      }
      if (n == 0) {
        short_read = true;
        return;
      }
      begin += static_cast<size_t>(n);
      size_t total = done += static_cast<size_t>(n);
      if (on_progress)
        on_progress(total, size);
    }
  });
  char probe;
  if (short_read.load() || ::pread(fd, &probe, 1, static_cast<off_t>(size)) != 0)
    return false;
  out = std::move(contents);
  return true;
}

}  // namespace

FileContents FileContents::Mapped(size_t size) {
  FileContents contents;
  size_t rounded = (std::max<size_t>(size, 1) + kMapGranule - 1) / kMapGranule * kMapGranule;
  void* p = ::mmap(nullptr, rounded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    throw Exception(sqlstate::kOutOfMemory,
                    "out of memory: could not map " + std::to_string(size) + " bytes");
  }
  contents.mapped_ = static_cast<char*>(p);
  contents.size_ = size;
  contents.mapped_size_ = rounded;
  return contents;
}

FileContents::FileContents(FileContents&& other) noexcept
    : string_(std::move(other.string_)),
      mapped_(other.mapped_),
      size_(other.size_),
      mapped_size_(other.mapped_size_) {
  other.mapped_ = nullptr;
  other.size_ = other.mapped_size_ = 0;
}

FileContents& FileContents::operator=(FileContents&& other) noexcept {
  if (this != &other) {
    Release();
    string_ = std::move(other.string_);
    mapped_ = other.mapped_;
    size_ = other.size_;
    mapped_size_ = other.mapped_size_;
    other.mapped_ = nullptr;
    other.size_ = other.mapped_size_ = 0;
  }
  return *this;
}

FileContents::~FileContents() {
  Release();
}

void FileContents::Release() {
  if (mapped_)
    ::munmap(mapped_, mapped_size_);
  mapped_ = nullptr;
  size_ = mapped_size_ = 0;
}

CopyCompression CompressedFileReader::FromExtension(const std::string& path) {
  auto ends = [&](const char* suffix) {
    size_t n = std::strlen(suffix);
    return path.size() >= n && path.compare(path.size() - n, n, suffix) == 0;
  };
  if (ends(".gz"))
    return CopyCompression::kGzip;
  if (ends(".zst"))
    return CopyCompression::kZstd;
  if (ends(".bz2"))
    return CopyCompression::kBzip2;
  return CopyCompression::kNone;
}

FileContents CompressedFileReader::ReadAll(const std::string& path, CopyCompression compression,
                                           const ProgressFn& on_progress) {
  std::unique_ptr<FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file)
    throw OpenError(path);
  struct stat st;
  bool regular = false;
  if (::fstat(::fileno(file.get()), &st) == 0) {
    if (S_ISDIR(st.st_mode))
      throw Exception("42809", "\"" + path + "\" is a directory");
    regular = S_ISREG(st.st_mode);
  }
  if (std::fseek(file.get(), 0, SEEK_END) != 0) {
    throw Exception(sqlstate::kIoError, "could not read file \"" + path + "\": not a regular file");
  }
  long size = std::ftell(file.get());
  std::fseek(file.get(), 0, SEEK_SET);
  idx_t total = size > 0 ? static_cast<idx_t>(size) : 0;
  if (compression == CopyCompression::kNone && regular && total > 0) {
    FileContents contents;
    if (ReadPlainFile(::fileno(file.get()), path, total, contents, on_progress))
      return contents;
  }

  constexpr idx_t kChunk = 4 << 20;
  std::string input(kChunk, '\0');
  std::string result;
  if (compression == CopyCompression::kNone)
    result.reserve(total);
  idx_t read_total = 0;
  auto read_some = [&]() -> idx_t {
    idx_t n = std::fread(input.data(), 1, kChunk, file.get());
    if (n == 0 && std::ferror(file.get())) {
      throw Exception(sqlstate::kIoError,
                      "could not read file \"" + path + "\": " + std::strerror(errno));
    }
    read_total += n;
    if (on_progress)
      on_progress(read_total, total);
    return n;
  };

  switch (compression) {
    case CopyCompression::kNone: {
      while (idx_t n = read_some())
        result.append(input.data(), n);
      break;
    }
    case CopyCompression::kZstd: {
      std::unique_ptr<ZSTD_DStream, size_t (*)(ZSTD_DStream*)> stream(ZSTD_createDStream(),
                                                                      ZSTD_freeDStream);
      ZSTD_initDStream(stream.get());
      std::string out(ZSTD_DStreamOutSize() * 8, '\0');
      size_t last = 0;
      while (idx_t n = read_some()) {
        ZSTD_inBuffer in{input.data(), n, 0};
        bool full = true;
        while (in.pos < in.size || full) {
          ZSTD_outBuffer o{out.data(), out.size(), 0};
          last = ZSTD_decompressStream(stream.get(), &o, &in);
          if (ZSTD_isError(last))
            throw Corrupt(path, "zstd", ZSTD_getErrorName(last));
          result.append(out.data(), o.pos);
          full = o.pos == o.size;
        }
      }
      if (last != 0)
        throw Corrupt(path, "zstd", "the file is truncated");
      break;
    }
    case CopyCompression::kGzip: {
      z_stream z{};
      // 15 + 32: zlib or gzip headers, detected.
      if (inflateInit2(&z, 15 + 32) != Z_OK)
        throw Exception(sqlstate::kOutOfMemory, "could not start gzip decompression");
      std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&z, inflateEnd);
      std::string out(1 << 20, '\0');
      int rc = Z_OK;
      while (idx_t n = read_some()) {
        if (rc == Z_STREAM_END)
          inflateReset(&z);
        z.next_in = reinterpret_cast<Bytef*>(input.data());
        z.avail_in = static_cast<uInt>(n);
        for (;;) {
          z.next_out = reinterpret_cast<Bytef*>(out.data());
          z.avail_out = static_cast<uInt>(out.size());
          rc = inflate(&z, Z_NO_FLUSH);
          if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
            throw Corrupt(path, "gzip", z.msg ? z.msg : "invalid data");
          result.append(out.data(), out.size() - z.avail_out);
          if (rc == Z_STREAM_END) {
            // Concatenated gzip members (as `cat a.gz b.gz` makes).
            if (z.avail_in == 0)
              break;
            inflateReset(&z);
          }
          if (z.avail_in == 0 && z.avail_out != 0)
            break;
        }
      }
      if (rc != Z_STREAM_END)
        throw Corrupt(path, "gzip", "the file is truncated");
      break;
    }
    case CopyCompression::kBzip2: {
      bz_stream bz{};
      if (BZ2_bzDecompressInit(&bz, 0, 0) != BZ_OK)
        throw Exception(sqlstate::kOutOfMemory, "could not start bzip2 decompression");
      std::unique_ptr<bz_stream, int (*)(bz_stream*)> guard(&bz, BZ2_bzDecompressEnd);
      std::string out(1 << 20, '\0');
      int rc = BZ_OK;
      while (idx_t n = read_some()) {
        if (rc == BZ_STREAM_END) {
          BZ2_bzDecompressEnd(&bz);
          BZ2_bzDecompressInit(&bz, 0, 0);
        }
        bz.next_in = input.data();
        bz.avail_in = static_cast<unsigned>(n);
        for (;;) {
          bz.next_out = out.data();
          bz.avail_out = static_cast<unsigned>(out.size());
          rc = BZ2_bzDecompress(&bz);
          if (rc != BZ_OK && rc != BZ_STREAM_END)
            throw Corrupt(path, "bzip2", "invalid data (error " + std::to_string(rc) + ")");
          result.append(out.data(), out.size() - bz.avail_out);
          if (rc == BZ_STREAM_END) {
            if (bz.avail_in == 0)
              break;
            BZ2_bzDecompressEnd(&bz);
            BZ2_bzDecompressInit(&bz, 0, 0);
          }
          if (bz.avail_in == 0 && bz.avail_out != 0)
            break;
        }
      }
      if (rc != BZ_STREAM_END)
        throw Corrupt(path, "bzip2", "the file is truncated");
      break;
    }
  }
  return FileContents(std::move(result));
}

}  // namespace tributary
