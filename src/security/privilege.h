// Privilege: what GRANT and REVOKE give and take (PostgreSQL's names), as a
// bit set, and the kinds of objects and grantees they apply to.
#pragma once

#include <cstdint>
#include <string>

namespace tributary {

enum class Privilege : uint32_t {
  kNone = 0,
  kSelect = 1u << 0,
  kInsert = 1u << 1,
  kUpdate = 1u << 2,
  kDelete = 1u << 3,
  kUsage = 1u << 4,   // schemas
  kCreate = 1u << 5,  // schemas, databases
  kTemporary = 1u << 6,
};

using PrivilegeSet = uint32_t;

constexpr PrivilegeSet Bits(Privilege p) {
  return static_cast<PrivilegeSet>(p);
}

// WITH GRANT OPTION: the right to grant a privilege on, held as the
// privilege's bit shifted up by kGrantOptionShift in the same set (a grant
// option always comes with its privilege). Owners and superusers hold
// every grant option implicitly.
constexpr int kGrantOptionShift = 16;
constexpr PrivilegeSet kPrivilegeMask = (1u << kGrantOptionShift) - 1;
constexpr PrivilegeSet GrantOptionOf(PrivilegeSet privileges) {
  return (privileges & kPrivilegeMask) << kGrantOptionShift;
}
// The privileges whose grant options `set` holds.
constexpr PrivilegeSet GrantOptionsIn(PrivilegeSet set) {
  return set >> kGrantOptionShift;
}

// ALL [PRIVILEGES] for each object kind. ALL on an external schema is
// USAGE only (it cannot hold objects of our own).
constexpr PrivilegeSet kAllTablePrivileges = Bits(Privilege::kSelect) | Bits(Privilege::kInsert) |
                                             Bits(Privilege::kUpdate) | Bits(Privilege::kDelete);
constexpr PrivilegeSet kAllSchemaPrivileges = Bits(Privilege::kUsage) | Bits(Privilege::kCreate);
constexpr PrivilegeSet kAllDatabasePrivileges =
    Bits(Privilege::kCreate) | Bits(Privilege::kTemporary);

enum class GrantObjectKind : uint8_t { kTable, kSchema, kDatabase };

enum class GranteeKind : uint8_t { kUser, kGroup, kPublic };

struct Grantee {
  GranteeKind kind = GranteeKind::kPublic;
  std::string name;  // empty for PUBLIC
};

// "SELECT", "USAGE", ...; for one bit.
const char* PrivilegeName(Privilege privilege);
// "SELECT, INSERT" for a set, in PostgreSQL's order.
std::string PrivilegeSetName(PrivilegeSet privileges);
// PostgreSQL's aclitem letters: r (SELECT), a (INSERT), w (UPDATE),
// d (DELETE), U (USAGE), C (CREATE), T (TEMPORARY), each followed by * when
// the set holds its grant option.
std::string PrivilegeLetters(PrivilegeSet privileges);

}  // namespace tributary
