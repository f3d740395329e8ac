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
};

Result<std::vector<TemplateRow>> templatesOf(storage::Tx& tx, int64_t owner_id);
Result<std::optional<TemplateRow>> findTemplate(storage::Tx& tx, int64_t owner_id, int64_t id);
Result<int64_t> insertTemplate(storage::Tx& tx, int64_t owner_id, const std::string& name,
                               const std::string& filter, const std::string& group_by, TimeMs now);
Result<bool> deleteTemplate(storage::Tx& tx, int64_t owner_id, int64_t id);

}  // namespace linli::reports::repo
