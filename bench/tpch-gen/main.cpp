// tpch-gen: writes the eight TPC-H tables as dbgen-style pipe-delimited .tbl files.
//
//   tpch-gen --sf 0.1 --out DIR [--seed N] [--tables lineitem,orders,...]
//   tpch-gen --sf 1 --out - --tables lineitem | psql -c "\copy lineitem from stdin ..."

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "random_stream.h"
#include "table_generators.h"
#include "table_writer.h"
#include "text_pool.h"

namespace tpch_gen {
namespace {

constexpr std::array<std::string_view, 8> kTableNames = {
    "region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"};

constexpr uint64_t kDefaultSeed = 19920101;
constexpr double kMaxScaleFactor = 10000;

struct Options {
  double scale_factor = 0;
  std::filesystem::path out_dir;
  uint64_t seed = kDefaultSeed;
  std::array<bool, kTableNames.size()> tables{};
  size_t text_pool_bytes = TextPool::kDefaultSize;
  bool quiet = false;
};

void PrintUsage(std::FILE* stream) {
  std::fprintf(stream,
               "Usage: tpch-gen --sf SF --out DIR [--seed N] [--tables T1,T2,...] [--quiet]\n"
               "\n"
               "Writes the TPC-H tables as pipe-delimited DIR/<table>.tbl files (the dbgen\n"
               "layout: every field followed by '|', one row per line).\n"
               "\n"
               "  --sf SF            scale factor, e.g. 0.01, 0.1, 1, 10 (fractions allowed)\n"
               "  --out DIR          output directory (created if missing); '-' writes the one\n"
               "                     table --tables names to standard output, for loading\n"
               "                     directly (e.g. piped into psql's \\copy ... from stdin)\n"
               "  --seed N           random seed (default %llu); the output is a function of\n"
               "                     the seed and the scale factor only\n"
               "  --tables LIST      comma-separated subset of: region, nation, supplier,\n"
               "                     customer, part, partsupp, orders, lineitem (default: all)\n"
               "  --text-pool-mb N   size of the comment text pool in MiB (default 300, as in\n"
               "                     the specification); changes the generated comments\n"
               "  --quiet            do not report progress on stderr\n"
               "  --help             show this help\n",
               static_cast<unsigned long long>(kDefaultSeed));
}

[[noreturn]] void UsageError(const std::string& message) {
  std::fprintf(stderr, "tpch-gen: %s\n\n", message.c_str());
  PrintUsage(stderr);
  std::exit(2);
}

bool ParseDouble(const std::string& text, double* value) {
  char* end = nullptr;
  *value = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size();
}

bool ParseUnsigned(const std::string& text, uint64_t* value) {
  if (text.empty() || text[0] == '-') {
    return false;
  }
  char* end = nullptr;
  *value = std::strtoull(text.c_str(), &end, 10);
  return end == text.c_str() + text.size();
}

void ParseTables(const std::string& list, Options* options) {
  options->tables.fill(false);
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) {
      comma = list.size();
    }
    std::string_view name = std::string_view(list).substr(start, comma - start);
    bool known = false;
    for (size_t i = 0; i < kTableNames.size(); ++i) {
      if (kTableNames[i] == name) {
        options->tables[i] = true;
        known = true;
      }
    }
    if (!known) {
      UsageError("unknown table '" + std::string(name) + "'");
    }
    start = comma + 1;
  }
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  options.tables.fill(true);
  bool have_sf = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_inline_value = false;
    if (size_t equals = arg.find('='); arg.rfind("--", 0) == 0 && equals != std::string::npos) {
      value = arg.substr(equals + 1);
      arg.resize(equals);
      has_inline_value = true;
    }
    auto next_value = [&]() -> std::string {
      if (has_inline_value) {
        return value;
      }
      if (i + 1 >= argc) {
        UsageError(arg + " needs a value");
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      PrintUsage(stdout);
      std::exit(0);
    } else if (arg == "--sf") {
      if (!ParseDouble(next_value(), &options.scale_factor) || !(options.scale_factor > 0) ||
          options.scale_factor > kMaxScaleFactor) {
        UsageError("--sf needs a number in (0, 10000]");
      }
      have_sf = true;
    } else if (arg == "--out") {
      options.out_dir = next_value();
    } else if (arg == "--seed") {
      if (!ParseUnsigned(next_value(), &options.seed)) {
        UsageError("--seed needs a non-negative integer");
      }
    } else if (arg == "--tables") {
      ParseTables(next_value(), &options);
    } else if (arg == "--text-pool-mb") {
      uint64_t megabytes = 0;
      if (!ParseUnsigned(next_value(), &megabytes) || megabytes < 1 || megabytes > 4000) {
        UsageError("--text-pool-mb needs an integer in [1, 4000]");
      }
      options.text_pool_bytes = static_cast<size_t>(megabytes) << 20;
    } else if (arg == "--quiet") {
      options.quiet = true;
    } else {
      UsageError("unknown argument '" + arg + "'");
    }
  }
  if (!have_sf) {
    UsageError("--sf is required");
  }
  if (options.out_dir.empty()) {
    UsageError("--out is required");
  }
  if (options.out_dir == TableWriter::kStandardOutput) {
    int count = 0;
    for (bool wanted : options.tables) {
      count += wanted ? 1 : 0;
    }
    if (count != 1) {
      UsageError("--out - writes one table: name it with --tables");
    }
  }
  return options;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int Run(const Options& options) {
  const auto start = std::chrono::steady_clock::now();
  ScaleCounts::ForScaleFactor(options.scale_factor);  // rejects unusable scale factors early
  const bool to_stdout = options.out_dir == TableWriter::kStandardOutput;
  if (!to_stdout) {
    std::filesystem::create_directories(options.out_dir);
  }

  const TextPool text_pool(RandomStream::ForPurpose(options.seed, "text_pool"),
                           options.text_pool_bytes);
  if (!options.quiet) {
    std::fprintf(stderr, "text pool: %zu bytes, %.2f s\n", text_pool.size(), SecondsSince(start));
  }
  const TableGenerator generator(options.scale_factor, options.seed, text_pool);

  auto open = [&](std::string_view name) {
    return std::make_unique<TableWriter>(
        to_stdout ? options.out_dir : options.out_dir / (std::string(name) + ".tbl"));
  };
  auto wanted = [&](std::string_view name) {
    for (size_t i = 0; i < kTableNames.size(); ++i) {
      if (kTableNames[i] == name) {
        return options.tables[i];
      }
    }
    return false;
  };
  auto finish = [&](TableWriter* writer, std::chrono::steady_clock::time_point table_start) {
    if (writer == nullptr) {
      return;
    }
    writer->Close();
    if (!options.quiet) {
      std::fprintf(stderr, "%s: %lld rows, %.2f s\n", writer->path().c_str(),
                   static_cast<long long>(writer->rows()), SecondsSince(table_start));
    }
  };

  using Generate = void (TableGenerator::*)(TableWriter&) const;
  constexpr std::array<std::pair<std::string_view, Generate>, 6> kSingleTables = {{
      {"region", &TableGenerator::Region},
      {"nation", &TableGenerator::Nation},
      {"supplier", &TableGenerator::Supplier},
      {"customer", &TableGenerator::Customer},
      {"part", &TableGenerator::Part},
      {"partsupp", &TableGenerator::PartSupp},
  }};
  for (const auto& [name, generate] : kSingleTables) {
    if (wanted(name)) {
      const auto table_start = std::chrono::steady_clock::now();
      std::unique_ptr<TableWriter> writer = open(name);
      (generator.*generate)(*writer);
      finish(writer.get(), table_start);
    }
  }
  if (wanted("orders") || wanted("lineitem")) {
    const auto table_start = std::chrono::steady_clock::now();
    std::unique_ptr<TableWriter> orders = wanted("orders") ? open("orders") : nullptr;
    std::unique_ptr<TableWriter> lineitem = wanted("lineitem") ? open("lineitem") : nullptr;
    generator.OrdersAndLineitem(orders.get(), lineitem.get());
    finish(orders.get(), table_start);
    finish(lineitem.get(), table_start);
  }
  if (!options.quiet) {
    std::fprintf(stderr, "done: SF %g, seed %llu, %.2f s\n", options.scale_factor,
                 static_cast<unsigned long long>(options.seed), SecondsSince(start));
  }
  return 0;
}

}  // namespace
}  // namespace tpch_gen

int main(int argc, char** argv) {
  tpch_gen::Options options = tpch_gen::ParseOptions(argc, argv);
  try {
    return tpch_gen::Run(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tpch-gen: %s\n", e.what());
    return 1;
  }
}
