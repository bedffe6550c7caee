// The pseudo-text pool of TPC-H clause 4.2.2.10: one long string generated from the grammar of
// clause 4.2.2.14. A "text string [min, max]" is a substring of the pool at a random offset with
// a random length in [min, max].
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "random_stream.h"
#include "spec_domains.h"

namespace tpch_gen {

// Picks words from a weighted list in O(1): every word occupies `weight` slots of a table.
class WeightedPicker {
 public:
  explicit WeightedPicker(std::span<const WeightedWord> words);

  std::string_view Pick(RandomStream& rng) const {
    int64_t slot = rng.Uniform(0, static_cast<int64_t>(slots_.size()) - 1);
    return words_[slots_[static_cast<size_t>(slot)]].word;
  }

 private:
  std::span<const WeightedWord> words_;
  std::vector<uint16_t> slots_;
};

class TextPool {
 public:
  // The specification's pool size: 300 MB.
  static constexpr size_t kDefaultSize = size_t{300} * 1024 * 1024;

  TextPool(RandomStream rng, size_t size);

  // A substring of length uniform in [min_len, max_len] at a uniform random offset.
  std::string_view Text(RandomStream& rng, int min_len, int max_len) const {
    int64_t length = rng.Uniform(min_len, max_len);
    int64_t offset = rng.Uniform(0, static_cast<int64_t>(size_) - max_len);
    return std::string_view(text_ + offset, static_cast<size_t>(length));
  }

  // Starts loading a text string into the cache. Comments come from random offsets in a pool far
  // larger than the caches; prefetching them when drawn and copying them out a little later
  // hides most of the memory latency.
  static void Prefetch(std::string_view text) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(text.data());
    __builtin_prefetch(text.data() + text.size() - 1);
#endif
  }

  size_t size() const {
    return size_;
  }

 private:
  void AppendSentence(RandomStream& rng);
  void AppendNounPhrase(RandomStream& rng);
  void AppendVerbPhrase(RandomStream& rng);
  void AppendWord(std::string_view word);
  void Append(std::string_view text);

  struct FreeDeleter {
    void operator()(char* p) const;
  };

  WeightedPicker nouns_;
  WeightedPicker verbs_;
  WeightedPicker adjectives_;
  WeightedPicker adverbs_;
  WeightedPicker prepositions_;
  WeightedPicker auxiliaries_;
  WeightedPicker terminators_;
  WeightedPicker sentence_forms_;
  WeightedPicker noun_phrase_forms_;
  WeightedPicker verb_phrase_forms_;
  // The pool lives in its own 2 MiB aligned allocation so that the kernel can back it with huge
  // pages: comments are copied from random offsets, and 4 KiB pages would make nearly every
  // copy a TLB miss.
  std::unique_ptr<char, FreeDeleter> storage_;
  char* text_ = nullptr;
  size_t size_ = 0;      // the pool's size once built
  size_t capacity_ = 0;  // bytes allocated (the size plus room for one sentence)
};

}  // namespace tpch_gen
