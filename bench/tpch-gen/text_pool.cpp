#include "text_pool.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace tpch_gen {

namespace {

constexpr size_t kHugePageSize = size_t{2} << 20;
// Room past the requested size for the sentence that crosses it.
constexpr size_t kSentenceRoom = 4096;

}  // namespace

WeightedPicker::WeightedPicker(std::span<const WeightedWord> words) : words_(words) {
  for (size_t i = 0; i < words.size(); ++i) {
    slots_.insert(slots_.end(), static_cast<size_t>(words[i].weight), static_cast<uint16_t>(i));
  }
}

void TextPool::FreeDeleter::operator()(char* p) const {
  std::free(p);
}

TextPool::TextPool(RandomStream rng, size_t size)
    : nouns_(kNouns),
      verbs_(kVerbs),
      adjectives_(kAdjectives),
      adverbs_(kAdverbs),
      prepositions_(kPrepositions),
      auxiliaries_(kAuxiliaries),
      terminators_(kTerminators),
      sentence_forms_(kSentenceForms),
      noun_phrase_forms_(kNounPhraseForms),
      verb_phrase_forms_(kVerbPhraseForms) {
  // Longer than any text string the tables ask for (the longest is PS_COMMENT, 198).
  if (size < 1024) {
    throw std::invalid_argument("text pool must hold at least 1024 characters");
  }
  capacity_ = (size + kSentenceRoom + kHugePageSize - 1) / kHugePageSize * kHugePageSize;
  storage_.reset(static_cast<char*>(std::aligned_alloc(kHugePageSize, capacity_)));
  if (storage_ == nullptr) {
    throw std::bad_alloc();
  }
  text_ = storage_.get();
#if defined(MADV_HUGEPAGE)
  madvise(text_, capacity_, MADV_HUGEPAGE);  // only a hint: failure is harmless
#endif
  while (size_ < size) {
    AppendSentence(rng);
  }
  size_ = size;
}

void TextPool::Append(std::string_view text) {
  std::memcpy(text_ + size_, text.data(), text.size());
  size_ += text.size();
}

void TextPool::AppendWord(std::string_view word) {
  if (size_ > 0 && text_[size_ - 1] != ' ') {
    text_[size_++] = ' ';
  }
  Append(word);
}

void TextPool::AppendSentence(RandomStream& rng) {
  for (char symbol : sentence_forms_.Pick(rng)) {
    switch (symbol) {
      case 'N':
        AppendNounPhrase(rng);
        break;
      case 'V':
        AppendVerbPhrase(rng);
        break;
      case 'P':
        AppendWord(prepositions_.Pick(rng));
        AppendWord("the");
        AppendNounPhrase(rng);
        break;
      case 'T':
        // The terminator sticks to the last word; one space separates sentences.
        Append(terminators_.Pick(rng));
        text_[size_++] = ' ';
        break;
    }
  }
}

void TextPool::AppendNounPhrase(RandomStream& rng) {
  for (char symbol : noun_phrase_forms_.Pick(rng)) {
    switch (symbol) {
      case 'N':
        AppendWord(nouns_.Pick(rng));
        break;
      case 'J':
        AppendWord(adjectives_.Pick(rng));
        break;
      case 'D':
        AppendWord(adverbs_.Pick(rng));
        break;
      case ',':
        text_[size_++] = ',';
        break;
    }
  }
}

void TextPool::AppendVerbPhrase(RandomStream& rng) {
  for (char symbol : verb_phrase_forms_.Pick(rng)) {
    switch (symbol) {
      case 'V':
        AppendWord(verbs_.Pick(rng));
        break;
      case 'X':
        AppendWord(auxiliaries_.Pick(rng));
        break;
      case 'D':
        AppendWord(adverbs_.Pick(rng));
        break;
    }
  }
}

}  // namespace tpch_gen
