// JsonMerge: a three-way merge of JSON documents, for transactions that
// changed a shared document (the grants) while others committed changes
// to it (JsonDocument kMerge).
//
// MergeJsonChanges(base, changed, stored) applies what changed from `base`
// to `changed` onto `stored` (`base` with other commits applied):
//  - objects merge by key, recursively (a key one side removed whose
//    value was an object is removed, with whatever the other side added
//    under it: dropping an object takes its grants along);
//  - arrays of strings are sets: the strings added are added, the strings
//    removed are removed, each one by itself (a missing key counts as an
//    empty set), so two transactions granting and revoking different
//    privileges to one grantee on one object both take effect;
//  - an object the other side removed while this change changed what is
//    under it does not merge (grants on a table dropped or renamed by
//    another commit meanwhile), nor does any other value changed on both
//    sides to different values: returns false.
// Returns true and sets `out` when the changes merge.
#pragma once

#include <nlohmann/json.hpp>

namespace tributary {

bool MergeJsonChanges(const nlohmann::json& base, const nlohmann::json& changed,
                      const nlohmann::json& stored, nlohmann::json& out);

}  // namespace tributary
