// Requests door (诉求工单): residents, hotline staff and integrations file
// requests; each is numbered (category code, date, serial), placed, routed to
// the least-loaded person of its handling unit, timed against its category's
// deadlines and moved through the lifecycle (lifecycle.h) until closed. Every
// change is an event of its timeline, written in the same transaction.
// Scopes: staff see requests of their place; a department what is assigned to
// it; a resident only what they filed (and never internal notes).
// RequestService's use cases live one concern a file: filing.cc (with its
// cache and idempotency), reading.cc (lists and the one-transaction detail),
// actions.cc (one handler per action), escalation.cc (the deadline jobs),
// calendar.cc, followups.cc, duplicates.cc, photos.cc, workload.cc,
// classify.cc; service.cc holds scope and routing, which they share.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.h"
#include "audit/audit.h"
#include "auth/auth.h"
#include "common/clock.h"
#include "common/generation_cache.h"
#include "common/result.h"
#include "common/scope.h"
#include "crypto/keys.h"
#include "module/module.h"
#include "notify/notify.h"
#include "registry/registry.h"
#include "requests/business_calendar.h"
#include "requests/classifier.h"
#include "scheduler/scheduler.h"
#include "storage/db.h"

namespace linli::http {
class Router;
}

namespace linli::requests {

struct Category {
  std::string code;
  std::optional<std::string> parent;
  std::string name, name_en, unit;
  int response_hours = 0, resolve_hours = 0;
};

struct NewRequest {
  std::optional<std::string> category;
  std::string description;
  std::optional<int64_t> building_id, household_id;
  std::string address;
  std::optional<double> lat, lng;
  std::string priority = "normal";
  std::string contact_name;
  std::optional<std::string> contact_phone;
  std::string contact_method = "phone";
  std::optional<std::string> idempotency_key;
};

struct Request {
  int64_t id = 0;
  std::string number, status;
  std::optional<std::string> category;
  std::string category_name, priority, description, channel;
  registry::PlacePath place;
  std::optional<int64_t> building_id, household_id;
  std::string address;
  std::optional<double> lat, lng;
  std::string contact_name, contact_phone_last4, contact_method;
  std::optional<int64_t> filed_by, assignee_id;
  std::string assignee_name, unit;
  TimeMs created_at = 0, response_due = 0, resolve_due = 0, updated_at = 0;
  std::optional<TimeMs> paused_at, resolved_at, closed_at;
  // 签收: when its handler marked it received; none while it is new to them.
  std::optional<TimeMs> received_at;
  std::optional<int> rating;
  std::string rating_comment;
  int escalation_level = 0;
  std::string escalation_color;  // of the level reached; empty at 0
  std::optional<TimeMs> next_escalation_at;
  bool reported_in = false;  // the level reached has had its report-in (报到)
  bool warned = false;
  std::optional<int64_t> duplicate_of;
};

// An open request that looks like the same problem reported again.
struct DuplicateCandidate {
  int64_t id = 0;
  std::string number;
};

// One level of escalation (吹哨): configuration, not code.
struct EscalationLevel {
  int level = 0;
  std::string color, called, called_en;
  int report_in_hours = 0;
};

// A level called on one request, and whether the person called reported in (报到).
struct Escalation {
  int64_t id = 0;
  int level = 0;
  std::string color, called;
  TimeMs at = 0, report_in_due = 0;
  std::optional<TimeMs> reported_at;
};

struct Event {
  int64_t id = 0;
  TimeMs at = 0;
  std::string kind;
  std::optional<std::string> from, to;
  std::optional<int64_t> actor_id;
  std::string actor_name, note;
  bool internal = false;
};

struct ActionInput {
  std::string note, reason, comment;
  std::optional<std::string> category;  // categorize
  std::optional<int64_t> duplicate_of;  // link
  std::optional<int64_t> assignee_id;
  std::optional<int> rating;
  bool internal = false;
};

struct RequestQuery {
  std::optional<std::string> status;
  bool mine = false, overdue = false;
  std::optional<int64_t> grid_id;
  std::optional<std::string> q;
  // For Open311 clients: a category, open (true) or finished (false), a filing window, ids.
  std::optional<std::string> category;
  std::optional<bool> open;
  std::optional<TimeMs> created_from, created_to;
  std::vector<int64_t> ids;
  std::optional<int64_t> assignee_id;
  std::optional<TimeMs> updated_after;  // what changed since an open page last looked
  // For the home page's counts: open and escalated; assigned and not yet received (签收); a
  // community.
  bool escalated = false, unreceived = false;
  bool awaiting_report_in = false;  // escalated, and the level called has not reported in (报到)
  std::optional<int64_t> community_id;
  int page = 1, page_size = 20;
};

struct RequestPage {
  std::vector<Request> items;
  int64_t total = 0;
};

// Closing the loop: how long a resolved request waits for the resident's
// rating before it closes by itself, how long the resident may reopen it, and
// which rating calls for a follow-up visit (回访) within how many days.
struct LoopOptions {
  int auto_close_days = 7;
  int reopen_days = 7;
  int low_rating = 2;  // this or lower
  int followup_days = 3;
  int duplicate_window_hours = 72;  // a report this recent of the same kind nearby is suggested
};

struct Followup {
  int64_t id = 0, request_id = 0;
  std::string number;
  std::optional<int64_t> assignee_id;
  TimeMs created_at = 0, due_at = 0;
  std::optional<TimeMs> done_at;
  std::string note;
};

// A photo of a request, checked and stripped of metadata (photo_check.h).
struct PhotoInfo {
  int64_t id = 0;
  std::string content_type;
  int64_t size = 0;
  TimeMs created_at = 0;
};
struct Photo {
  PhotoInfo info;
  std::string bytes;
};
constexpr int kMaxPhotosPerRequest = 6;

// Everything the request's page shows, read in one transaction: the request,
// its current escalation level, open requests it may repeat (not for
// residents), its timeline (internal notes only for staff), its photos, and
// whether the caller may add one now (the photo limit included).
struct RequestDetail {
  Request request;
  std::optional<Escalation> escalation;
  std::vector<DuplicateCandidate> possible_duplicates;
  std::vector<Event> timeline;
  std::vector<PhotoInfo> photos;
  bool can_add_photo = false;
};

// Days away (inclusive); nobody on leave is given new requests.
struct Leave {
  CivilDate from, until;
  std::string note;
};
// One person's open work, for the community admin's workload view.
struct Workload {
  int64_t user_id = 0;
  std::string display_name, role, scope_name;
  int64_t open = 0, overdue = 0;
  double weight = 0;  // open requests, each weighing 1 plus 1 per week open
  std::optional<Leave> leave;
  bool on_leave = false;  // today lies in the leave
};

// A leaf category's keywords (关键词), which lean the classifier towards it.
struct CategoryKeywords {
  std::string code, name;
  std::vector<std::string> keywords;
};

// The steps of a request someone is told of (RequestService::speak).
enum class LoopStep { kNewWork, kHandedBack, kReceived, kResolved, kClosed, kReopened, kRatedLow };

// One community's requests at a glance, for the street's home page: open,
// overdue, escalated and waiting for a report-in now; this month's ratings.
struct CommunityLoad {
  int64_t community_id = 0;
  int64_t open = 0, overdue = 0, escalated = 0, awaiting_report_in = 0;
  int64_t rated = 0;        // closed this month with a rating
  double satisfaction = 0;  // their mean rating, 0 when none
};

// What the classifier suggests for a text.
struct Suggestion {
  struct Pick {
    std::string code, name;
    double confidence = 0;
  };
  std::vector<Pick> categories;  // best first, at most 3
  std::optional<Pick> priority;  // code = low | normal | high | urgent
};

// A request of the past (demo history), already handled: filed at
// created_at, started, resolved, and closed (with its rating, if any) or, when
// closed_at is empty, resolved and awaiting its rating. Every time lies before now.
struct PastRequest {
  registry::PlacePath place;
  std::string category, priority, description, address, channel = "hotline", contact_name;
  std::optional<int64_t> assignee_id;  // none: handled by someone without an account
  std::string assignee_name;
  TimeMs created_at = 0, started_at = 0, resolved_at = 0;
  std::optional<TimeMs> closed_at;
  std::optional<int> rating;  // 1–5, given when it was closed
  std::string resolve_note, rating_comment;
};

class RequestService {
 public:
  // `scheduler` may be null (tools): then nothing is warned or escalated.
  RequestService(storage::Db& db, const Clock& clock, registry::Registry& registry,
                 auth::AuthService& auth, const crypto::Keys* keys, audit::AuditLog* audit,
                 scheduler::Scheduler* scheduler, LoopOptions loop = {});

  // The handler hears of warnings and escalations through it (optional).
  void setNotifier(notify::NotificationService* n) { notifier_ = n; }
  Result<std::vector<Category>> categories(const Caller& caller);
  // The same without a caller: the taxonomy is public (Open311 services).
  Result<std::vector<Category>> publicCategories();
  // A retry with the same idempotency key (per filer) returns the first request.
  // Waits for fileAsync; not to be called on a database thread.
  Result<Request> file(const Caller& caller, const NewRequest& in);
  // The same without holding the thread while the commit is flushed: the
  // checks and reads run now, and `done` gets the outcome on a database
  // thread once it is durable (keep `done` short).
  void fileAsync(const Caller& caller, NewRequest in, std::function<void(Result<Request>)> done);
  Result<Request> get(const Caller& caller, int64_t id);
  Result<std::vector<Event>> timeline(const Caller& caller, int64_t id);
  // The request's page: one permission check, one transaction, one visibility check.
  Result<RequestDetail> detail(const Caller& caller, int64_t id);
  Result<RequestPage> list(const Caller& caller, const RequestQuery& q);
  // Each community of the caller's area (summary.cc); the counts are those
  // list() gives with community_id and open, overdue, escalated, awaiting_report_in.
  Result<std::vector<CommunityLoad>> byCommunity(const Caller& caller);
  Result<Request> act(const Caller& caller, int64_t id, const std::string& action,
                      const ActionInput& in);
  // What the caller may do next with the request (drives the page's buttons).
  std::vector<std::string> allowedActions(const Caller& caller, const Request& r) const;
  bool overdue(const Request& r) const;
  TimeMs now() const { return clock_.now(); }

  // The business calendar of the caller's street: exceptions in a year, and
  // setting one (kind: holiday | workday | normal to drop the exception).
  Result<std::vector<std::pair<CivilDate, std::string>>> businessDays(const Caller& caller,
                                                                      int year);
  Status setBusinessDay(const Caller& caller, const CivilDate& date, const std::string& kind);
  Result<std::vector<EscalationLevel>> escalationLevels(const Caller& caller);

  // The classifier learns from every labelled request in the database, then
  // from each new one and each correction (`categorize`).
  // It starts from the seed corpus (corpus.h) and the street's keywords.
  Status startClassifier();
  // History (history.cc): writes past requests in bulk, in one transaction,
  // each numbered by its filing day, with its deadlines, rating and timeline
  // (submitted, assign, start, resolve, rate or close). No deadline is
  // scheduled, nobody is told, no audit line or load is written per row: it is
  // history, not live filing. Refuses a time after now or an open outcome.
  // Returns how many were written; startClassifier (after it) learns from them.
  Result<int64_t> recordHistory(const std::vector<PastRequest>& past);
  Result<Suggestion> classify(const Caller& caller, const std::string& text);
  // Category keywords (keywords.cc), action requests.keywords: every leaf
  // category with its keywords, and replacing one category's (each 1–16
  // characters, at most 30, repeats dropped); the classifier uses them at once.
  Result<std::vector<CategoryKeywords>> keywords(const Caller& caller);
  Result<CategoryKeywords> setKeywords(const Caller& caller, const std::string& code,
                                       const std::vector<std::string>& words);

  // Scheduled work (jobs.cc): warn the handler before the deadline; at a
  // breach call the next escalation level. Each runs once per due time and
  // re-checks the request, so a moved deadline or a closed request is a no-op.
  // They write in the scheduler's transaction (exactly once with the job).
  Status warnDue(storage::Tx& tx, int64_t request_id);
  Status escalateDue(storage::Tx& tx, int64_t request_id);
  // A resolved request nobody rated closes itself after LoopOptions::auto_close_days.
  Status autoCloseDue(storage::Tx& tx, int64_t request_id);

  // Follow-up visits in the caller's scope (mine: assigned to me); `done` records one.
  Result<std::vector<Followup>> followups(const Caller& caller, bool mine, bool open_only);
  Status finishFollowup(const Caller& caller, int64_t followup_id, const std::string& note);

  // Photos (photos.cc): the filer and the handlers add them while the request
  // is open or resolved, up to kMaxPhotosPerRequest; whoever sees the request
  // sees them (listed in `detail`).
  Result<PhotoInfo> addPhoto(const Caller& caller, int64_t id, std::string_view bytes,
                             std::string_view content_type);
  Result<Photo> photo(const Caller& caller, int64_t id, int64_t photo_id);

  // Workload (workload.cc), for those who assign: the people who handle
  // requests in the caller's area with their open and overdue work, heaviest
  // first; leave; and handing all of one person's open work to colleagues.
  Result<std::vector<Workload>> workload(const Caller& caller);
  Result<Workload> setLeave(const Caller& caller, int64_t user_id,
                            const std::optional<Leave>& leave);
  Result<int> handover(const Caller& caller, int64_t user_id);
  // Calling back (contact.cc): the contact's phone in full for the request's
  // handler, with a reason from a short list (callback 回访, verify 核实,
  // handle 处置); audited. NotFound when no phone is on file.
  Result<std::string> revealContact(const Caller& caller, int64_t id, const std::string& reason);
  // Whom the caller may hand request `id` to — decided by mayTake, the rule
  // `assign` applies — with their open work and leave; free hands first.
  Result<std::vector<Workload>> assignees(const Caller& caller, int64_t id);
  // Whether `who` may take work handed over by someone whose area is `area`:
  // a person who handles requests inside it (a community admin may hand a
  // grid's request to the next grid's worker), or a department of the street.
  static bool mayTake(const auth::User& who, const registry::PlacePath& area);

 private:
  friend struct ActionStep;  // the action handlers (actions.cc) use the helpers below

  // Scope (service.cc): whether the caller sees the request (NotFound if not),
  // and whether they handle it (staff of its place, or its assignee).
  Result<Request> visible(storage::Tx& tx, const Caller& caller, int64_t id) const;
  bool sees(const Caller& caller, const Request& r) const;
  bool handles(const Caller& caller, const Request& r) const;

  // Routing (service.cc). Who may take a unit's work at a place: the first role
  // of the unit that has anyone not on leave (nor `except`); then the least
  // loaded of them.
  Result<std::vector<auth::User>> candidates(storage::Tx& tx, const std::string& unit,
                                             const registry::PlacePath& place,
                                             std::optional<int64_t> except = std::nullopt);
  Result<std::optional<auth::User>> leastLoaded(storage::Tx& tx,
                                                const std::vector<auth::User>& people);
  // The least-loaded person of the unit at the place who is not on leave (nor `except`).
  Result<std::optional<auth::User>> pickAssignee(storage::Tx& tx, const std::string& unit,
                                                 const registry::PlacePath& place,
                                                 std::optional<int64_t> except = std::nullopt);

  // Filing (filing.cc).
  struct FilingPlan {
    Request request;  // placed, categorized and timed; no number or assignee yet
    std::optional<std::string> contact_phone_sealed;
    std::vector<auth::User> candidates;
  };
  Result<FilingPlan> planFiling(const Caller& caller, const NewRequest& in);
  // What filing in a category at a place reads that rarely changes: the
  // category, the street's calendar and the unit's people not on leave today.
  struct FilingReference {
    std::optional<Category> category;
    BusinessCalendar calendar;
    std::vector<auth::User> candidates;
  };
  Result<std::shared_ptr<const FilingReference>> filingReference(
      const std::optional<std::string>& category, const registry::PlacePath& place);
  // The filing's writes; `fresh` tells whether a request was made (not an
  // idempotent repeat).
  Result<Request> writeFiling(storage::Tx& tx, const Caller& caller, const NewRequest& in,
                              const FilingPlan& plan, bool& fresh);

  // Deadlines (escalation.cc): the warning and the next escalation level on the scheduler.
  Status scheduleDeadlines(storage::Tx& tx, const Request& r);

  // Duplicates (duplicates.cc). Open requests of the same category at the same
  // building (or within about 100 m) filed within the duplicate window before
  // `r`, in the caller's scope; none for residents.
  Result<std::vector<DuplicateCandidate>> duplicatesOf(storage::Tx& tx, const Caller& caller,
                                                       const Request& r) const;
  // Linked duplicates follow their first request to resolved or closed.
  Status settleDuplicates(storage::Tx& tx, const Request& first, TimeMs now);

  // Follow-ups (followups.cc): after a low rating, someone of the community
  // visits (回访); plans it with its timeline event.
  Status planFollowup(storage::Tx& tx, const Request& r, TimeMs now);

  // Photos (photos.cc): Ok when the caller may add one more to a request that
  // has `count`: PermissionDenied (not theirs, or not now) or Conflict (full).
  Status photoAllowed(const Caller& caller, const Request& r, int64_t count) const;

  // Workload (workload.cc).
  Result<Workload> workloadOf(storage::Tx& tx, const auth::User& u, TimeMs now);

  // The loop speaks (loop_messages.cc): one message for each step to whoever
  // must act next (the handler: new work, handed back, reopened, rated low)
  // or is waiting (the resident in-app, a hotline caller by SMS: received,
  // resolved, closed); never to the one who took the step (`actor`).
  Status speak(storage::Tx& tx, const Request& r, LoopStep step, std::optional<int64_t> actor,
               notify::Vars vars = {});
  Status tellWaiting(storage::Tx& tx, const Request& r, const std::string& what,
                     std::optional<int64_t> actor, const notify::Vars& vars);

  // Classifier (classify.cc): learns a labelled text.
  void learn(const std::string& text, const std::optional<std::string>& category,
             const std::string& priority);
  // Hands the stored keywords to the classifier.
  Status loadKeywords(storage::Tx& tx);

  storage::Db& db_;
  const Clock& clock_;
  registry::Registry& registry_;
  auth::AuthService& auth_;
  const crypto::Keys* keys_;
  audit::AuditLog* audit_;
  scheduler::Scheduler* scheduler_;
  notify::NotificationService* notifier_ = nullptr;
  LoopOptions loop_;
  // Filing references by category, place and day (and the version of the
  // users they name); dropped when a calendar or a leave changes.
  GenerationCache<std::string, std::shared_ptr<const FilingReference>> filing_references_{10000,
                                                                                          4096};
  std::mutex classifier_mu_;
  TextClassifier by_category_, by_priority_;
};

// Registers the warn and escalation job kinds with the scheduler.
void registerJobs(scheduler::Scheduler& scheduler, RequestService& requests);

void registerRoutes(http::Router& router, RequestService& requests);

// The actions this module checks and which roles hold them (permissions.cc).
std::vector<access::Rule> grants();
// This module as a room of the composition root (module.cc).
module::RoomDef room();

}  // namespace linli::requests
