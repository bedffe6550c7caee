// The pseudo-text pool of TPC-H clause 4.2.2.10: one long string generated from the grammar of
// clause 4.2.2.14. A "text string [min, max]" is a substring of the pool at a random offset with
// a random length in [min, max].
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
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
    return words_[slots_[rng.Uniform(0, static_cast<int64_t>(slots_.size()) - 1)]].word;
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
    int64_t offset = rng.Uniform(0, static_cast<int64_t>(text_.size()) - max_len);
    return std::string_view(text_.data() + offset, static_cast<size_t>(length));
  }

  size_t size() const { return text_.size(); }

 private:
  void AppendSentence(RandomStream& rng);
  void AppendNounPhrase(RandomStream& rng);
  void AppendVerbPhrase(RandomStream& rng);
  void AppendWord(std::string_view word);

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
  std::string text_;
};

}  // namespace tpch_gen
