// Row generators for the eight TPC-H tables, following the population rules of clause 4.2.3 of
// the TPC-H specification.
#pragma once

#include <cstdint>

#include "table_writer.h"
#include "text_pool.h"

namespace tpch_gen {

// Table cardinalities and other quantities that depend on the scale factor.
struct ScaleCounts {
  int64_t suppliers = 0;  // SF * 10,000
  int64_t parts = 0;      // SF * 200,000 (PARTSUPP has 4 rows per part)
  int64_t customers = 0;  // SF * 150,000
  int64_t orders = 0;     // SF * 1,500,000 (LINEITEM has 1..7 rows per order)
  int64_t clerks = 0;     // O_CLERK is drawn from Clerk#1..clerks
  // Number of supplier comments with "Customer%Complaints", and as many with
  // "Customer%Recommends".
  int64_t supplier_complaints = 0;

  // Throws std::invalid_argument when the scale factor leaves fewer than 4 suppliers.
  static ScaleCounts ForScaleFactor(double scale_factor);
};

class TableGenerator {
 public:
  TableGenerator(double scale_factor, uint64_t seed, const TextPool& text_pool);

  const ScaleCounts& counts() const { return counts_; }

  void Region(TableWriter& out) const;
  void Nation(TableWriter& out) const;
  void Supplier(TableWriter& out) const;
  void Customer(TableWriter& out) const;
  void Part(TableWriter& out) const;
  void PartSupp(TableWriter& out) const;
  // ORDERS and LINEITEM are generated together because an order's status and total price are
  // derived from its line items. Either writer may be null; the rows are the same either way.
  void OrdersAndLineitem(TableWriter* orders, TableWriter* lineitem) const;

 private:
  ScaleCounts counts_;
  uint64_t seed_;
  const TextPool& text_pool_;
};

// P_RETAILPRICE of a part, in cents.
int64_t RetailPriceCents(int64_t part_key);

// The key of the i-th supplier (i in 0..3) of a part: PS_SUPPKEY, and L_SUPPKEY for a random i.
int64_t PartSupplierKey(int64_t part_key, int64_t i, int64_t suppliers);

// The sparse O_ORDERKEY of the n-th order (n >= 1): the first 8 of every 32 keys are used.
int64_t SparseOrderKey(int64_t n);

}  // namespace tpch_gen
