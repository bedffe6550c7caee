#include "calendar.h"

#include <vector>

namespace tpch_gen {

namespace {

void PutDigits(char* out, int value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

std::vector<DayText> BuildDayTexts() {
  std::vector<DayText> texts;
  texts.reserve(kEndDay + 1);
  int year = 1992;
  int month = 1;
  int day = 1;
  for (int n = kStartDay; n <= kEndDay; ++n) {
    DayText text;
    PutDigits(text.data(), year, 4);
    text[4] = '-';
    PutDigits(text.data() + 5, month, 2);
    text[7] = '-';
    PutDigits(text.data() + 8, day, 2);
    texts.push_back(text);
    if (++day > DaysInMonth(year, month)) {
      day = 1;
      if (++month > 12) {
        month = 1;
        ++year;
      }
    }
  }
  return texts;
}

}  // namespace

const DayText* DayTexts() {
  static const std::vector<DayText> texts = BuildDayTexts();
  return texts.data();
}

}  // namespace tpch_gen
