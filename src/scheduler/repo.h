// Scheduler storage port: the jobs table. Only scheduler/ includes this.
#pragma once

#include <optional>
#include <vector>

#include "scheduler/scheduler.h"

namespace linli::scheduler::repo {

Result<bool> insert(storage::Tx& tx, const std::string& kind, const std::string& key, TimeMs due,
                    const std::string& payload);
Result<bool> hasOpen(storage::Tx& tx, const std::string& kind);
// Atomically takes one due job of the given kinds (pending and due, or running
// with an expired lease) for `node` until `lease_until`.
Result<std::optional<Job>> claim(storage::Tx& tx, const std::vector<std::string>& kinds,
                                 const std::string& node, TimeMs now, TimeMs lease_until);
// Marks done; false if this node no longer holds the job.
Result<bool> markDone(storage::Tx& tx, int64_t id, const std::string& node, TimeMs now);
Status markRetry(storage::Tx& tx, int64_t id, const std::string& node, TimeMs run_after,
                 const std::string& error);
Status markFailed(storage::Tx& tx, int64_t id, const std::string& node, TimeMs now,
                  const std::string& error);

}  // namespace linli::scheduler::repo
