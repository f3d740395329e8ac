// Reports storage port: saved templates. Only reports/ includes this.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/reports.h"

namespace linli::reports::repo {

struct TemplateRow {
  int64_t id = 0;
  std::string name, filter, group_by;
  TimeMs created_at = 0;
  bool shared = false;
  int64_t owner_id = 0;
  std::string owner;  // username
};

// The caller's own templates and those shared by someone whose area holds the
// caller's (`me`), newest first.
Result<std::vector<TemplateRow>> visibleTemplates(storage::Tx& tx, int64_t user_id,
                                                  const registry::PlacePath& me);
Result<std::optional<TemplateRow>> findVisibleTemplate(storage::Tx& tx, int64_t user_id,
                                                       const registry::PlacePath& me, int64_t id);
Result<int64_t> insertTemplate(storage::Tx& tx, int64_t owner_id, const std::string& name,
                               const std::string& filter, const std::string& group_by, bool shared,
                               TimeMs now);
// Own templates only; false: no such template of this owner.
Result<bool> deleteTemplate(storage::Tx& tx, int64_t owner_id, int64_t id);
Result<bool> setShared(storage::Tx& tx, int64_t owner_id, int64_t id, bool shared);

// The roles a street gave the call list export to (repo_call_list.cc).
Result<std::vector<std::string>> callListRoles(storage::Tx& tx, int64_t street_id);
Status setCallListRoles(storage::Tx& tx, int64_t street_id, const std::vector<std::string>& roles,
                        int64_t by, TimeMs now);

}  // namespace linli::reports::repo
