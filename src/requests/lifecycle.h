// The request state machine (诉求工单的生命周期). One table says, for every
// action, from which statuses it is legal and where it leads; every other pair
// is illegal (the API answers 409). Pure: no storage, no time.
//
//   submitted → accepted → assigned → in_progress → resolved → closed
//   in_progress ⇄ waiting_on_resident (the clock pauses while waiting)
//   reject (early statuses) · cancel (any open status) · reopen (resolved, closed)
//   decline (assigned → assigned: 退回, back to whoever handed it over)
//   receive (assigned: 签收, the handler has seen new work; the status stays)
//   note (any status) · report_in, categorize, link (open statuses): the status stays
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli::requests {

const std::vector<std::string_view>& statuses();
// Every action, in the table's order; `note` (any status), `report_in` (报到
// on an escalated, open request), `categorize` (a corrected category) and
// `link` (a duplicate of another request), both on open requests, keep the status.
const std::vector<std::string_view>& actions();

// The status `action` leads to from `from`, or nullopt when it is not allowed.
std::optional<std::string> nextStatus(std::string_view from, std::string_view action);

// Open: someone still has to act (the deadlines run, the request shows in queues).
bool isOpen(std::string_view status);

}  // namespace linli::requests
