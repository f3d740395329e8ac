#include "common/scope.h"

namespace linli {

std::string_view scopeKindName(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::kStreet:
      return "street";
    case ScopeKind::kCommunity:
      return "community";
    case ScopeKind::kGrid:
      return "grid";
  }
  return "street";
}

std::optional<ScopeKind> parseScopeKind(std::string_view name) {
  if (name == "street") return ScopeKind::kStreet;
  if (name == "community") return ScopeKind::kCommunity;
  if (name == "grid") return ScopeKind::kGrid;
  return std::nullopt;
}

}  // namespace linli
