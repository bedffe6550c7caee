#include "table_writer.h"

#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace tpch_gen {

namespace {

[[noreturn]] void ThrowIoError(const std::string& what, const std::filesystem::path& path) {
  throw std::runtime_error(what + " " + path.string() + ": " +
                           std::generic_category().message(errno));
}

}  // namespace

TableWriter::TableWriter(const std::filesystem::path& path)
    : path_(path),
      buffer_(new char[kFlushSize + kRowSlack]),
      cursor_(buffer_.get()),
      flush_mark_(buffer_.get() + kFlushSize),
      day_texts_(DayTexts()) {
  file_ = path == kStandardOutput ? stdout : std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    ThrowIoError("cannot create", path);
  }
}

TableWriter::~TableWriter() {
  if (file_ != nullptr && file_ != stdout) {
    std::fclose(file_);
  }
}

void TableWriter::Flush() {
  size_t size = static_cast<size_t>(cursor_ - buffer_.get());
  if (size > 0 && std::fwrite(buffer_.get(), 1, size, file_) != size) {
    ThrowIoError("cannot write", path_);
  }
  cursor_ = buffer_.get();
}

void TableWriter::Close() {
  if (file_ == nullptr) {
    return;
  }
  Flush();
  std::FILE* file = file_;
  file_ = nullptr;
  if ((file == stdout ? std::fflush(file) : std::fclose(file)) != 0) {
    ThrowIoError("cannot close", path_);
  }
}

}  // namespace tpch_gen
