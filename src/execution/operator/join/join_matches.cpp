#include "execution/operator/join/join_matches.h"

#include <algorithm>

#include "common/exception.h"

namespace tributary {

JoinOutput::JoinOutput(JoinType type, const Expression* residual, idx_t left_columns,
                       const std::vector<LogicalType>& right_types)
    : type_(type), residual_(residual), left_columns_(left_columns), right_types_(right_types) {
  if (residual_)
    residual_executor_ = std::make_unique<ExpressionExecutor>(*residual_);
}

void JoinOutput::Start(DataChunk& probe, JoinMatches& matches, const JoinRowCollection& build,
                       std::atomic<uint8_t>* build_matched, const std::vector<bool>& probe_null_key,
                       bool build_has_null_key) {
  out_probe_.clear();
  out_build_.clear();
  out_mark_.clear();
  position_ = 0;
  // Residual: evaluate on the candidate pairs, a chunk at a time.
  if (residual_ && !matches.probe.empty()) {
    JoinMatches kept;
    std::vector<LogicalType> types = probe.Types();
    types.insert(types.end(), right_types_.begin(), right_types_.end());
    DataChunk pairs;
    pairs.Initialize(types);
    SelectionVector passing(kVectorSize);
    for (idx_t start = 0; start < matches.probe.size(); start += kVectorSize) {
      idx_t n = std::min<idx_t>(kVectorSize, matches.probe.size() - start);
      pairs.Reset();
      SelectionVector probe_sel(matches.probe.data() + start);
      for (idx_t c = 0; c < probe.ColumnCount(); c++) {
        pairs.column(c).CopyFrom(probe.column(c), probe_sel, n, 0);
      }
      build.Gather(matches.build.data() + start, n, pairs, probe.ColumnCount());
      pairs.SetCardinality(n);
      idx_t pass = residual_executor_->Select(pairs, passing);
      for (idx_t i = 0; i < pass; i++) {
        idx_t k = start + passing.get_index(i);
        kept.Add(matches.probe[k], matches.build[k]);
      }
    }
    matches = std::move(kept);
  }
  if (build_matched) {
    // Probe threads share the flags: a load first keeps the cache line of
    // an already matched row shared instead of written again.
    for (auto b : matches.build) {
      if (!build_matched[b].load(std::memory_order_relaxed))
        build_matched[b].store(1, std::memory_order_relaxed);
    }
  }
  idx_t count = probe.size();
  switch (type_) {
    case JoinType::kRightSemi:
    case JoinType::kRightAnti:
      return;  // the build rows are emitted after the probe
    case JoinType::kInner:
    case JoinType::kRight:
      out_probe_ = matches.probe;
      out_build_ = matches.build;
      return;
    case JoinType::kLeft:
    case JoinType::kFull:
    case JoinType::kSingle: {
      // Matches grouped by probe row, in probe order, then unmatched rows.
      std::vector<idx_t> per_row(count, 0);
      for (auto p : matches.probe)
        per_row[p]++;
      if (type_ == JoinType::kSingle) {
        for (idx_t i = 0; i < count; i++) {
          if (per_row[i] > 1) {
            throw Exception(sqlstate::kCardinalityViolation,
                            "more than one row returned by a subquery used as an expression");
          }
        }
      }
      out_probe_ = matches.probe;
      out_build_ = matches.build;
      for (idx_t i = 0; i < count; i++) {
        if (per_row[i] == 0) {
          out_probe_.push_back(static_cast<sel_t>(i));
          out_build_.push_back(kInvalidIndex);
        }
      }
      return;
    }
    case JoinType::kSemi:
    case JoinType::kAnti: {
      std::vector<bool> matched(count, false);
      for (auto p : matches.probe)
        matched[p] = true;
      for (idx_t i = 0; i < count; i++) {
        if (matched[i] == (type_ == JoinType::kSemi))
          out_probe_.push_back(static_cast<sel_t>(i));
      }
      return;
    }
    case JoinType::kMark: {
      std::vector<bool> matched(count, false);
      for (auto p : matches.probe)
        matched[p] = true;
      bool build_empty = build.Count() == 0;
      for (idx_t i = 0; i < count; i++) {
        out_probe_.push_back(static_cast<sel_t>(i));
        int8_t mark = matched[i] ? 1 : 0;
        if (!matched[i] && !build_empty && (build_has_null_key || probe_null_key[i]))
          mark = -1;
        out_mark_.push_back(mark);
      }
      return;
    }
  }
}

bool JoinOutput::Next(DataChunk& probe, const JoinRowCollection& build, DataChunk& out) {
  if (position_ >= out_probe_.size())
    return false;
  idx_t n = std::min<idx_t>(kVectorSize, out_probe_.size() - position_);
  SelectionVector probe_sel(out_probe_.data() + position_);
  for (idx_t c = 0; c < left_columns_; c++)
    out.column(c).CopyFrom(probe.column(c), probe_sel, n, 0);
  if (type_ == JoinType::kMark) {
    auto& mark = out.column(left_columns_);
    for (idx_t i = 0; i < n; i++) {
      int8_t m = out_mark_[position_ + i];
      if (m < 0) {
        mark.SetNull(i);
      } else {
        mark.Data<bool>()[i] = m == 1;
      }
    }
  } else if (type_ != JoinType::kSemi && type_ != JoinType::kAnti) {
    build.Gather(out_build_.data() + position_, n, out, left_columns_);
  }
  out.SetCardinality(n);
  position_ += n;
  return true;
}

}  // namespace tributary
