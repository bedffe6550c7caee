#include "execution/copy/compressed_file_writer.h"

#include <bzlib.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <sys/stat.h>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/exception.h"

namespace tributary {

struct CompressedFileWriter::State {
  FILE* file = nullptr;
  ZSTD_CCtx* zstd = nullptr;
  z_stream gzip{};
  bool gzip_open = false;
  bz_stream bzip2{};
  bool bzip2_open = false;
  std::string out;
};

namespace {

Exception IoError(const std::string& what, const std::string& path) {
  int error = errno;
  return Exception(error == EACCES ? sqlstate::kInsufficientPrivilege : sqlstate::kIoError,
                   "could not " + what + " file \"" + path + "\": " + std::strerror(error));
}

}  // namespace

const char* CompressedFileWriter::Extension(CopyCompression compression) {
  switch (compression) {
    case CopyCompression::kGzip:
      return ".gz";
    case CopyCompression::kZstd:
      return ".zst";
    case CopyCompression::kBzip2:
      return ".bz2";
    case CopyCompression::kNone:
      break;
  }
  return "";
}

CompressedFileWriter::CompressedFileWriter(std::string path, CopyCompression compression,
                                           bool overwrite)
    : path_(std::move(path)), compression_(compression), state_(std::make_unique<State>()) {
  struct stat st;
  if (!overwrite && ::stat(path_.c_str(), &st) == 0) {
    throw Exception(sqlstate::kIoError, "file \"" + path_ + "\" already exists")
        .WithHint("Use ALLOWOVERWRITE to replace it.");
  }
  temporary_ = path_ + ".tmp" + std::to_string(::getpid());
  state_->file = std::fopen(temporary_.c_str(), "wb");
  if (!state_->file)
    throw IoError("open", path_);
  state_->out.resize(1 << 20);
  switch (compression_) {
    case CopyCompression::kZstd:
      state_->zstd = ZSTD_createCCtx();
      ZSTD_CCtx_setParameter(state_->zstd, ZSTD_c_compressionLevel, 3);
      break;
    case CopyCompression::kGzip:
      // 15 + 16: gzip headers.
      if (deflateInit2(&state_->gzip, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                       Z_DEFAULT_STRATEGY) != Z_OK) {
        throw Exception(sqlstate::kOutOfMemory, "could not start gzip compression");
      }
      state_->gzip_open = true;
      break;
    case CopyCompression::kBzip2:
      if (BZ2_bzCompressInit(&state_->bzip2, 9, 0, 0) != BZ_OK)
        throw Exception(sqlstate::kOutOfMemory, "could not start bzip2 compression");
      state_->bzip2_open = true;
      break;
    case CopyCompression::kNone:
      break;
  }
}

CompressedFileWriter::~CompressedFileWriter() {
  if (state_->zstd)
    ZSTD_freeCCtx(state_->zstd);
  if (state_->gzip_open)
    deflateEnd(&state_->gzip);
  if (state_->bzip2_open)
    BZ2_bzCompressEnd(&state_->bzip2);
  if (state_->file)
    std::fclose(state_->file);
  if (!finished_)
    std::remove(temporary_.c_str());
}

void CompressedFileWriter::WriteRaw(const char* data, size_t size) {
  if (size > 0 && std::fwrite(data, 1, size, state_->file) != size)
    throw IoError("write", path_);
}

void CompressedFileWriter::Write(std::string_view bytes) {
  auto& s = *state_;
  switch (compression_) {
    case CopyCompression::kNone:
      WriteRaw(bytes.data(), bytes.size());
      return;
    case CopyCompression::kZstd: {
      ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
      while (in.pos < in.size) {
        ZSTD_outBuffer out{s.out.data(), s.out.size(), 0};
        size_t rc = ZSTD_compressStream2(s.zstd, &out, &in, ZSTD_e_continue);
        if (ZSTD_isError(rc))
          throw Exception(sqlstate::kInternalError, ZSTD_getErrorName(rc));
        WriteRaw(s.out.data(), out.pos);
      }
      return;
    }
    case CopyCompression::kGzip: {
      s.gzip.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
      s.gzip.avail_in = static_cast<uInt>(bytes.size());
      while (s.gzip.avail_in > 0) {
        s.gzip.next_out = reinterpret_cast<Bytef*>(s.out.data());
        s.gzip.avail_out = static_cast<uInt>(s.out.size());
        deflate(&s.gzip, Z_NO_FLUSH);
        WriteRaw(s.out.data(), s.out.size() - s.gzip.avail_out);
      }
      return;
    }
    case CopyCompression::kBzip2: {
      s.bzip2.next_in = const_cast<char*>(bytes.data());
      s.bzip2.avail_in = static_cast<unsigned>(bytes.size());
      while (s.bzip2.avail_in > 0) {
        s.bzip2.next_out = s.out.data();
        s.bzip2.avail_out = static_cast<unsigned>(s.out.size());
        BZ2_bzCompress(&s.bzip2, BZ_RUN);
        WriteRaw(s.out.data(), s.out.size() - s.bzip2.avail_out);
      }
      return;
    }
  }
}

void CompressedFileWriter::Finish() {
  auto& s = *state_;
  switch (compression_) {
    case CopyCompression::kNone:
      break;
    case CopyCompression::kZstd: {
      ZSTD_inBuffer in{nullptr, 0, 0};
      size_t rc;
      do {
        ZSTD_outBuffer out{s.out.data(), s.out.size(), 0};
        rc = ZSTD_compressStream2(s.zstd, &out, &in, ZSTD_e_end);
        if (ZSTD_isError(rc))
          throw Exception(sqlstate::kInternalError, ZSTD_getErrorName(rc));
        WriteRaw(s.out.data(), out.pos);
      } while (rc != 0);
      break;
    }
    case CopyCompression::kGzip: {
      int rc;
      do {
        s.gzip.next_out = reinterpret_cast<Bytef*>(s.out.data());
        s.gzip.avail_out = static_cast<uInt>(s.out.size());
        rc = deflate(&s.gzip, Z_FINISH);
        WriteRaw(s.out.data(), s.out.size() - s.gzip.avail_out);
      } while (rc != Z_STREAM_END);
      break;
    }
    case CopyCompression::kBzip2: {
      int rc;
      do {
        s.bzip2.next_out = s.out.data();
        s.bzip2.avail_out = static_cast<unsigned>(s.out.size());
        rc = BZ2_bzCompress(&s.bzip2, BZ_FINISH);
        WriteRaw(s.out.data(), s.out.size() - s.bzip2.avail_out);
      } while (rc != BZ_STREAM_END);
      break;
    }
  }
  if (std::fclose(s.file) != 0) {
    s.file = nullptr;
    throw IoError("write", path_);
  }
  s.file = nullptr;
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0)
    throw IoError("rename into place", path_);
  finished_ = true;
}

}  // namespace tributary
