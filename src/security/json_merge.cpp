#include "security/json_merge.h"

#include <algorithm>

namespace tributary {

namespace {

using nlohmann::json;

bool IsStringSet(const json& value) {
  return value.is_array() &&
         std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); });
}

bool Contains(const json& set, const json& value) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

// (stored + (changed - base)) - (base - changed), in stored's order then
// the additions'.
json MergeSets(const json& base, const json& changed, const json& stored) {
  json result = json::array();
  for (auto& v : stored) {
    bool removed = Contains(base, v) && !Contains(changed, v);
    if (!removed && !Contains(result, v))
      result.push_back(v);
  }
  for (auto& v : changed) {
    if (!Contains(base, v) && !Contains(result, v))
      result.push_back(v);
  }
  return result;
}

const json& EmptySet() {
  static const json empty = json::array();
  return empty;
}

const json& EmptyObject() {
  static const json empty = json::object();
  return empty;
}

// `b`, `c`, `s`: the value under one key in base, changed and stored (null
// pointer: the key is absent). Sets `out_present` and `out`.
bool MergeValue(const json* b, const json* c, const json* s, bool& out_present, json& out) {
  bool b_set = !b || IsStringSet(*b), c_set = !c || IsStringSet(*c), s_set = !s || IsStringSet(*s);
  if ((b || c) && b_set && c_set && s_set) {
    if (b && c && *b == *c) {
      out_present = s != nullptr;
      if (s)
        out = *s;
      return true;
    }
    out = MergeSets(b ? *b : EmptySet(), c ? *c : EmptySet(), s ? *s : EmptySet());
    // A key the change removed stays removed once its set is empty.
    out_present = !out.empty() || (c && s);
    return true;
  }
  if ((b == nullptr) == (c == nullptr) && (!b || *b == *c)) {
    out_present = s != nullptr;
    if (s)
      out = *s;
    return true;
  }
  if (!c) {
    // Removed by this change: gone, unless another commit changed a
    // scalar meanwhile.
    if (s && !s->is_object() && *s != *b)
      return false;
    out_present = false;
    return true;
  }
  // An object another commit removed while this change changed what is
  // under it (grants on a table dropped or renamed meanwhile).
  if (b && !s && b->is_object() && c->is_object())
    return false;
  if (c->is_object() && (!b || b->is_object()) && (!s || s->is_object())) {
    out_present = true;
    return MergeJsonChanges(b ? *b : EmptyObject(), *c, s ? *s : EmptyObject(), out);
  }
  // A value this change set: the others must not have set another.
  if (s && (!b || *s != *b) && *s != *c)
    return false;
  out_present = true;
  out = *c;
  return true;
}

}  // namespace

bool MergeJsonChanges(const json& base, const json& changed, const json& stored, json& out) {
  if (base == changed) {
    out = stored;
    return true;
  }
  if (!base.is_object() || !changed.is_object() || !stored.is_object()) {
    bool present = false;
    json value;
    if (!MergeValue(&base, &changed, &stored, present, value))
      return false;
    out = present ? value : json();
    return true;
  }
  json result = stored;
  auto find = [](const json& object, const std::string& key) -> const json* {
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  };
  std::vector<std::string> keys;
  for (auto& [key, _] : base.items())
    keys.push_back(key);
  for (auto& [key, _] : changed.items()) {
    if (!base.contains(key))
      keys.push_back(key);
  }
  for (auto& key : keys) {
    bool present = false;
    json value;
    if (!MergeValue(find(base, key), find(changed, key), find(stored, key), present, value))
      return false;
    if (present)
      result[key] = std::move(value);
    else
      result.erase(key);
  }
  out = std::move(result);
  return true;
}

}  // namespace tributary
