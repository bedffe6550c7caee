#include "text_pool.h"

#include <stdexcept>

namespace tpch_gen {

WeightedPicker::WeightedPicker(std::span<const WeightedWord> words) : words_(words) {
  for (size_t i = 0; i < words.size(); ++i) {
    slots_.insert(slots_.end(), static_cast<size_t>(words[i].weight), static_cast<uint16_t>(i));
  }
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
  text_.reserve(size + 256);
  while (text_.size() < size) {
    AppendSentence(rng);
  }
  text_.resize(size);
}

void TextPool::AppendWord(std::string_view word) {
  if (!text_.empty() && text_.back() != ' ') {
    text_.push_back(' ');
  }
  text_.append(word);
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
        text_.append(terminators_.Pick(rng));
        text_.push_back(' ');
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
        text_.push_back(',');
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
