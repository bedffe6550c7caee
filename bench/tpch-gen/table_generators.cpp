#include "table_generators.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "calendar.h"
#include "random_stream.h"
#include "spec_domains.h"

namespace tpch_gen {

namespace {

// The characters of a "random v-string" (clause 4.2.2.7): 64 symbols.
constexpr std::string_view kVStringAlphabet =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ, ";
static_assert(kVStringAlphabet.size() == 64);

// Text string lengths [min, max] of clause 4.2.3.
constexpr int kRegionCommentMin = 31, kRegionCommentMax = 115;
constexpr int kNationCommentMin = 31, kNationCommentMax = 114;
constexpr int kSupplierCommentMin = 25, kSupplierCommentMax = 100;
constexpr int kCustomerCommentMin = 29, kCustomerCommentMax = 116;
constexpr int kPartCommentMin = 5, kPartCommentMax = 22;
constexpr int kPartSuppCommentMin = 49, kPartSuppCommentMax = 198;
constexpr int kOrderCommentMin = 19, kOrderCommentMax = 78;
constexpr int kLineitemCommentMin = 10, kLineitemCommentMax = 43;
// S_ADDRESS and C_ADDRESS: random v-string [10, 40].
constexpr int kAddressMin = 10, kAddressMax = 40;

// Days after O_ORDERDATE and L_SHIPDATE (clause 4.2.3).
constexpr int kLastOrderDay = kEndDay - 151;
constexpr int kShipDelayMin = 1, kShipDelayMax = 121;
constexpr int kCommitDelayMin = 30, kCommitDelayMax = 90;
constexpr int kReceiptDelayMin = 1, kReceiptDelayMax = 30;

constexpr int kMaxLinesPerOrder = 7;

template <typename Container>
std::string_view PickFrom(RandomStream& rng, const Container& values) {
  return values[static_cast<size_t>(rng.Uniform(0, static_cast<int64_t>(values.size()) - 1))];
}

// A random v-string with a length uniform in [min_len, max_len]: 6 random bits per character.
std::string_view RandomVString(RandomStream& rng, int min_len, int max_len, char* buffer) {
  int length = static_cast<int>(rng.Uniform(min_len, max_len));
  uint64_t bits = 0;
  int bits_left = 0;
  for (int i = 0; i < length; ++i) {
    if (bits_left == 0) {
      bits = rng.NextBits();
      bits_left = 10;
    }
    buffer[i] = kVStringAlphabet[bits & 63];
    bits >>= 6;
    --bits_left;
  }
  return std::string_view(buffer, static_cast<size_t>(length));
}

void PutDigits(char* out, int64_t value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

// A phone number (clause 4.2.2.9): country code (nation key + 10), then local number
// [100..999]-[100..999]-[1000..9999].
std::string_view RandomPhone(RandomStream& rng, int64_t nation_key, char* buffer) {
  PutDigits(buffer, nation_key + 10, 2);
  buffer[2] = '-';
  PutDigits(buffer + 3, rng.Uniform(100, 999), 3);
  buffer[6] = '-';
  PutDigits(buffer + 7, rng.Uniform(100, 999), 3);
  buffer[10] = '-';
  PutDigits(buffer + 11, rng.Uniform(1000, 9999), 4);
  return std::string_view(buffer, 15);
}

// Account balances: random value [-999.99 .. 9,999.99], in cents.
int64_t RandomAccountBalance(RandomStream& rng) {
  return rng.Uniform(-99999, 999999);
}

// Builds "first second" (or "first second third") into `buffer`.
std::string_view JoinWords(std::initializer_list<std::string_view> words, char* buffer) {
  char* out = buffer;
  for (std::string_view word : words) {
    if (out != buffer) {
      *out++ = ' ';
    }
    std::memcpy(out, word.data(), word.size());
    out += word.size();
  }
  return std::string_view(buffer, static_cast<size_t>(out - buffer));
}

enum class SupplierRemark : uint8_t { kNone, kComplaints, kRecommends };

}  // namespace

ScaleCounts ScaleCounts::ForScaleFactor(double scale_factor) {
  auto scaled = [scale_factor](double base) {
    return static_cast<int64_t>(std::llround(scale_factor * base));
  };
  ScaleCounts counts;
  counts.suppliers = scaled(10'000);
  counts.parts = scaled(200'000);
  counts.customers = scaled(150'000);
  counts.orders = scaled(1'500'000);
  // The specification says SF * 1,000 clerks, but the reference data (dbgen) has Clerk#1..1000
  // at SF 0.01 and 0.1 alike: follow it and never use fewer than 1,000.
  counts.clerks = std::max<int64_t>(1'000, scaled(1'000));
  // SF * 5 rows of each kind; at least one so that small scale factors still exercise Q16.
  counts.supplier_complaints = std::max<int64_t>(1, scaled(5));
  if (counts.suppliers < 4) {
    throw std::invalid_argument("scale factor too small: fewer than 4 suppliers");
  }
  counts.supplier_complaints = std::min(counts.supplier_complaints, counts.suppliers / 2);
  return counts;
}

int64_t RetailPriceCents(int64_t part_key) {
  return 90000 + ((part_key / 10) % 20001) + 100 * (part_key % 1000);
}

int64_t PartSupplierKey(int64_t part_key, int64_t i, int64_t suppliers) {
  return (part_key + i * (suppliers / 4 + (part_key - 1) / suppliers)) % suppliers + 1;
}

int64_t SparseOrderKey(int64_t n) {
  return ((n >> 3) << 5) | (n & 7);
}

TableGenerator::TableGenerator(double scale_factor, uint64_t seed, const TextPool& text_pool)
    : counts_(ScaleCounts::ForScaleFactor(scale_factor)), seed_(seed), text_pool_(text_pool) {}

void TableGenerator::Region(TableWriter& out) const {
  RandomStream rng = RandomStream::ForPurpose(seed_, "region");
  for (size_t key = 0; key < kRegions.size(); ++key) {
    out.Int(static_cast<int64_t>(key));
    out.Text(kRegions[key]);
    out.Text(text_pool_.Text(rng, kRegionCommentMin, kRegionCommentMax));
    out.EndRow();
  }
}

void TableGenerator::Nation(TableWriter& out) const {
  RandomStream rng = RandomStream::ForPurpose(seed_, "nation");
  for (size_t key = 0; key < kNations.size(); ++key) {
    out.Int(static_cast<int64_t>(key));
    out.Text(kNations[key].name);
    out.Int(kNations[key].region_key);
    out.Text(text_pool_.Text(rng, kNationCommentMin, kNationCommentMax));
    out.EndRow();
  }
}

void TableGenerator::Supplier(TableWriter& out) const {
  RandomStream rng = RandomStream::ForPurpose(seed_, "supplier");
  const int64_t suppliers = counts_.suppliers;

  // Pick the suppliers whose comments carry the Better Business Bureau remarks Q16 looks for.
  std::vector<SupplierRemark> remarks(static_cast<size_t>(suppliers) + 1, SupplierRemark::kNone);
  for (SupplierRemark remark : {SupplierRemark::kComplaints, SupplierRemark::kRecommends}) {
    for (int64_t placed = 0; placed < counts_.supplier_complaints;) {
      size_t key = static_cast<size_t>(rng.Uniform(1, suppliers));
      if (remarks[key] == SupplierRemark::kNone) {
        remarks[key] = remark;
        ++placed;
      }
    }
  }

  char address[kAddressMax];
  char phone[16];
  char comment[kSupplierCommentMax];
  for (int64_t key = 1; key <= suppliers; ++key) {
    int64_t nation_key = rng.Uniform(0, static_cast<int64_t>(kNations.size()) - 1);
    out.Int(key);
    out.PaddedInt("Supplier#", key, 9);
    out.Text(RandomVString(rng, kAddressMin, kAddressMax, address));
    out.Int(nation_key);
    out.Text(RandomPhone(rng, nation_key, phone));
    out.Cents(RandomAccountBalance(rng));
    std::string_view text = text_pool_.Text(rng, kSupplierCommentMin, kSupplierCommentMax);
    const SupplierRemark remark = remarks[static_cast<size_t>(key)];
    if (remark != SupplierRemark::kNone) {
      // "Customer " and "Complaints"/"Recommends" overwrite the comment at random positions,
      // in that order, with the comment's own text (possibly none) in between.
      constexpr std::string_view kLead = "Customer ";
      std::string_view tail = remark == SupplierRemark::kComplaints ? "Complaints" : "Recommends";
      int64_t length = static_cast<int64_t>(text.size());
      int64_t fixed = static_cast<int64_t>(kLead.size() + tail.size());
      int64_t gap = rng.Uniform(0, length - fixed);
      int64_t start = rng.Uniform(0, length - fixed - gap);
      std::memcpy(comment, text.data(), text.size());
      std::memcpy(comment + start, kLead.data(), kLead.size());
      std::memcpy(comment + start + kLead.size() + gap, tail.data(), tail.size());
      text = std::string_view(comment, text.size());
    }
    out.Text(text);
    out.EndRow();
  }
}

void TableGenerator::Customer(TableWriter& out) const {
  RandomStream rng = RandomStream::ForPurpose(seed_, "customer");
  char address[kAddressMax];
  char phone[16];
  for (int64_t key = 1; key <= counts_.customers; ++key) {
    int64_t nation_key = rng.Uniform(0, static_cast<int64_t>(kNations.size()) - 1);
    out.Int(key);
    out.PaddedInt("Customer#", key, 9);
    out.Text(RandomVString(rng, kAddressMin, kAddressMax, address));
    out.Int(nation_key);
    out.Text(RandomPhone(rng, nation_key, phone));
    out.Cents(RandomAccountBalance(rng));
    out.Text(PickFrom(rng, kSegments));
    out.Text(text_pool_.Text(rng, kCustomerCommentMin, kCustomerCommentMax));
    out.EndRow();
  }
}

void TableGenerator::Part(TableWriter& out) const {
  RandomStream rng = RandomStream::ForPurpose(seed_, "part");
  constexpr int kNameWords = 5;
  char name[kNameWords * 16];
  char type[32];
  char container[16];
  for (int64_t key = 1; key <= counts_.parts; ++key) {
    // P_NAME: five distinct color words.
    std::array<size_t, kNameWords> words;
    for (size_t i = 0; i < words.size(); ++i) {
      bool repeated;
      do {
        words[i] = static_cast<size_t>(rng.Uniform(0, kColors.size() - 1));
        auto end = words.begin() + static_cast<std::ptrdiff_t>(i);
        repeated = std::find(words.begin(), end, words[i]) != end;
      } while (repeated);
    }
    int64_t manufacturer = rng.Uniform(1, 5);
    int64_t brand = manufacturer * 10 + rng.Uniform(1, 5);

    out.Int(key);
    out.Text(JoinWords({kColors[words[0]], kColors[words[1]], kColors[words[2]], kColors[words[3]],
                        kColors[words[4]]},
                       name));
    out.PaddedInt("Manufacturer#", manufacturer, 1);
    out.PaddedInt("Brand#", brand, 2);
    std::string_view type1 = PickFrom(rng, kTypeSyllable1);
    std::string_view type2 = PickFrom(rng, kTypeSyllable2);
    std::string_view type3 = PickFrom(rng, kTypeSyllable3);
    out.Text(JoinWords({type1, type2, type3}, type));
    out.Int(rng.Uniform(1, 50));
    std::string_view container1 = PickFrom(rng, kContainerSyllable1);
    std::string_view container2 = PickFrom(rng, kContainerSyllable2);
    out.Text(JoinWords({container1, container2}, container));
    out.Cents(RetailPriceCents(key));
    out.Text(text_pool_.Text(rng, kPartCommentMin, kPartCommentMax));
    out.EndRow();
  }
}

void TableGenerator::PartSupp(TableWriter& out) const {
  RandomStream rng = RandomStream::ForPurpose(seed_, "partsupp");
  struct Row {
    int64_t available_quantity;
    int64_t supply_cost;  // cents
    std::string_view comment;
  };
  std::array<Row, 4> rows;
  for (int64_t part_key = 1; part_key <= counts_.parts; ++part_key) {
    // Draw a part's four rows before writing them, so that their comments can be prefetched.
    for (Row& row : rows) {
      row.available_quantity = rng.Uniform(1, 9999);
      row.supply_cost = rng.Uniform(100, 100'000);  // 1.00 .. 1,000.00
      row.comment = text_pool_.Text(rng, kPartSuppCommentMin, kPartSuppCommentMax);
      TextPool::Prefetch(row.comment);
    }
    for (size_t i = 0; i < rows.size(); ++i) {
      out.Int(part_key);
      out.Int(PartSupplierKey(part_key, static_cast<int64_t>(i), counts_.suppliers));
      out.Int(rows[i].available_quantity);
      out.Cents(rows[i].supply_cost);
      out.Text(rows[i].comment);
      out.EndRow();
    }
  }
}

void TableGenerator::OrdersAndLineitem(TableWriter* orders, TableWriter* lineitem) const {
  RandomStream rng = RandomStream::ForPurpose(seed_, "orders");

  struct Line {
    int64_t part_key;
    int64_t supp_key;
    int64_t quantity;
    int64_t extended_price;  // cents
    int64_t discount;        // hundredths
    int64_t tax;             // hundredths
    int ship_day;
    int commit_day;
    int receipt_day;
    char return_flag;
    char line_status;
    std::string_view ship_instruction;
    std::string_view ship_mode;
    std::string_view comment;
  };
  std::array<Line, kMaxLinesPerOrder> lines;

  // Customers whose key is a multiple of 3 place no orders: draw from the other keys only.
  const int64_t ordering_customers = counts_.customers - counts_.customers / 3;

  for (int64_t n = 1; n <= counts_.orders; ++n) {
    const int64_t order_key = SparseOrderKey(n);
    int64_t pick = rng.Uniform(0, ordering_customers - 1);
    const int64_t cust_key = pick / 2 * 3 + pick % 2 + 1;
    const int order_day = static_cast<int>(rng.Uniform(kStartDay, kLastOrderDay));
    const std::string_view priority = PickFrom(rng, kPriorities);
    const int64_t clerk = rng.Uniform(1, counts_.clerks);
    const std::string_view order_comment = text_pool_.Text(rng, kOrderCommentMin, kOrderCommentMax);
    TextPool::Prefetch(order_comment);

    const size_t line_count = static_cast<size_t>(rng.Uniform(1, kMaxLinesPerOrder));
    // Sum of extendedprice * (1 + tax) * (1 - discount), in units of 1e-6.
    int64_t total_micros = 0;
    size_t open_lines = 0;
    for (size_t i = 0; i < line_count; ++i) {
      Line& line = lines[i];
      line.part_key = rng.Uniform(1, counts_.parts);
      line.supp_key = PartSupplierKey(line.part_key, rng.Uniform(0, 3), counts_.suppliers);
      line.quantity = rng.Uniform(1, 50);
      line.extended_price = line.quantity * RetailPriceCents(line.part_key);
      line.discount = rng.Uniform(0, 10);
      line.tax = rng.Uniform(0, 8);
      line.ship_day = order_day + static_cast<int>(rng.Uniform(kShipDelayMin, kShipDelayMax));
      line.commit_day = order_day + static_cast<int>(rng.Uniform(kCommitDelayMin, kCommitDelayMax));
      line.receipt_day =
          line.ship_day + static_cast<int>(rng.Uniform(kReceiptDelayMin, kReceiptDelayMax));
      if (line.receipt_day <= kCurrentDay) {
        line.return_flag = rng.Uniform(0, 1) == 0 ? 'R' : 'A';
      } else {
        line.return_flag = 'N';
      }
      line.line_status = line.ship_day > kCurrentDay ? 'O' : 'F';
      open_lines += line.line_status == 'O' ? 1 : 0;
      line.ship_instruction = PickFrom(rng, kShipInstructions);
      line.ship_mode = PickFrom(rng, kShipModes);
      line.comment = text_pool_.Text(rng, kLineitemCommentMin, kLineitemCommentMax);
      TextPool::Prefetch(line.comment);
      total_micros += line.extended_price * (100 + line.tax) * (100 - line.discount);
    }

    if (orders != nullptr) {
      char status = open_lines == line_count ? 'O' : (open_lines == 0 ? 'F' : 'P');
      orders->Int(order_key);
      orders->Int(cust_key);
      orders->Char(status);
      orders->Cents((total_micros + 5'000) / 10'000);
      orders->Date(order_day);
      orders->Text(priority);
      orders->PaddedInt("Clerk#", clerk, 9);
      orders->Int(0);  // O_SHIPPRIORITY
      orders->Text(order_comment);
      orders->EndRow();
    }
    if (lineitem != nullptr) {
      for (size_t i = 0; i < line_count; ++i) {
        const Line& line = lines[i];
        lineitem->Int(order_key);
        lineitem->Int(line.part_key);
        lineitem->Int(line.supp_key);
        lineitem->Int(static_cast<int64_t>(i) + 1);
        lineitem->Int(line.quantity);
        lineitem->Cents(line.extended_price);
        lineitem->Cents(line.discount);
        lineitem->Cents(line.tax);
        lineitem->Char(line.return_flag);
        lineitem->Char(line.line_status);
        lineitem->Date(line.ship_day);
        lineitem->Date(line.commit_day);
        lineitem->Date(line.receipt_day);
        lineitem->Text(line.ship_instruction);
        lineitem->Text(line.ship_mode);
        lineitem->Text(line.comment);
        lineitem->EndRow();
      }
    }
  }
}

}  // namespace tpch_gen
