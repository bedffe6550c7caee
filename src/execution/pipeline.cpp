#include "execution/pipeline.h"

namespace tributary {

std::string Pipeline::ToString() const {
  std::string result = source ? source->GetName() : "?";
  for (auto* op : operators)
    result += " -> " + op->GetName();
  result += " => " + (sink ? sink->GetName() : std::string("?"));
  return result;
}

}  // namespace tributary
