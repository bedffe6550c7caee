#include "security/privilege.h"

namespace tributary {

namespace {

struct PrivilegeInfo {
  Privilege privilege;
  const char* name;
  char letter;
};

constexpr PrivilegeInfo kPrivileges[] = {
    {Privilege::kInsert, "INSERT", 'a'},       {Privilege::kSelect, "SELECT", 'r'},
    {Privilege::kUpdate, "UPDATE", 'w'},       {Privilege::kDelete, "DELETE", 'd'},
    {Privilege::kUsage, "USAGE", 'U'},         {Privilege::kCreate, "CREATE", 'C'},
    {Privilege::kTemporary, "TEMPORARY", 'T'},
};

}  // namespace

const char* PrivilegeName(Privilege privilege) {
  for (auto& p : kPrivileges) {
    if (p.privilege == privilege)
      return p.name;
  }
  return "?";
}

std::string PrivilegeSetName(PrivilegeSet privileges) {
  std::string result;
  for (auto& p : kPrivileges) {
    if (privileges & Bits(p.privilege)) {
      if (!result.empty())
        result += ", ";
      result += p.name;
    }
  }
  return result;
}

std::string PrivilegeLetters(PrivilegeSet privileges) {
  std::string result;
  for (auto& p : kPrivileges) {
    if (privileges & Bits(p.privilege)) {
      result += p.letter;
      if (privileges & GrantOptionOf(Bits(p.privilege)))
        result += '*';
    }
  }
  return result;
}

}  // namespace tributary
