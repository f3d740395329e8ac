// Mass notice use cases: who an audience reaches, sending, and the delivery
// report of each notice.
#include <nlohmann/json.hpp>
#include <set>

#include "access/access.h"
#include "notices/notices.h"
#include "notices/repo.h"

namespace linli::notices {

namespace {
std::string idsJson(const std::vector<int64_t>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "]";
}

}  // namespace

NoticeService::NoticeService(storage::Db& db, const Clock& clock,
                             const registry::Registry& registry, reports::ReportService& reports,
                             notify::NotificationService& notify, audit::AuditLog* audit)
    : db_(db),
      clock_(clock),
      registry_(registry),
      reports_(reports),
      notify_(notify),
      audit_(audit) {}

Result<std::vector<int64_t>> NoticeService::residentsOf(const Caller& caller, const Audience& a) {
  if (!a.report_id && !a.community_id && !a.grid_id && a.building_ids.empty())
    return invalidArgument("audience", "choose a saved report or a place");
  LINLI_TRY(checkPlaces(caller, a));
  std::set<int64_t> ids;
  auto add = [&](const reports::Filter& f) -> Status {
    LINLI_ASSIGN_OR_RETURN(auto found, reports_.residentIds(caller, f));
    ids.insert(found.begin(), found.end());
    return Status::Ok();
  };
  if (a.report_id) {
    auto f = reports_.templateFilter(caller, *a.report_id);
    if (!f.ok())
      return f.status().code() == Code::kNotFound
                 ? invalidArgument("audience.report_id", "no such saved report")
                 : f.status();
    LINLI_TRY(add(*f));
  }
  if (a.community_id || a.grid_id) {
    reports::Filter f;
    f.community_id = a.community_id;
    f.grid_id = a.grid_id;
    LINLI_TRY(add(f));
  }
  for (int64_t b : a.building_ids) {
    reports::Filter f;
    f.building_id = b;
    LINLI_TRY(add(f));
  }
  return std::vector<int64_t>(ids.begin(), ids.end());
}

Status NoticeService::checkPlaces(const Caller& caller, const Audience& a) {
  const access::PlacePath mine = access::placeOf(*caller.principal);
  return db_.read([&](storage::Tx& tx) -> Status {
    auto check = [&](ScopeKind kind, int64_t id, const std::string& field,
                     const char* what) -> Status {
      auto found = registry_.resolve(tx, {kind, id}, field);
      if (found.ok() && access::covers(mine, found->path)) return Status::Ok();
      if (!found.ok() && found.status().code() != Code::kNotFound) return found.status();
      return invalidArgument(
          field, std::string("no such ") + what + " in your area: " + std::to_string(id));
    };
    if (a.community_id)
      LINLI_TRY(
          check(ScopeKind::kCommunity, *a.community_id, "audience.community_id", "community"));
    if (a.grid_id) LINLI_TRY(check(ScopeKind::kGrid, *a.grid_id, "audience.grid_id", "grid"));
    for (int64_t b : a.building_ids) {
      LINLI_ASSIGN_OR_RETURN(auto at, registry_.locate(tx, b, std::nullopt));
      if (!at || !access::covers(mine, at->place))
        return invalidArgument("audience.building_ids",
                               "no such building in your area: " + std::to_string(b));
    }
    return Status::Ok();
  });
}

Result<AudienceCount> NoticeService::preview(const Caller& caller, const Audience& a) {
  LINLI_TRY(access::require(caller, "notices.send"));
  LINLI_ASSIGN_OR_RETURN(auto ids, residentsOf(caller, a));
  const std::string json = idsJson(ids);
  return storage::readResult<AudienceCount>(
      db_, [&](storage::Tx& tx) { return repo::countAudience(tx, json); });
}

Result<Notice> NoticeService::sendNotice(const Caller& caller, const std::string& title,
                                         const std::string& body, const Audience& a, bool urgent) {
  LINLI_TRY(access::require(caller, "notices.send"));
  LINLI_ASSIGN_OR_RETURN(auto ids, residentsOf(caller, a));
  return storage::writeResult<Notice>(
      db_, [&](storage::Tx& tx) { return queueNotice(tx, caller, title, body, ids, a, urgent); });
}

Result<Notice> NoticeService::queueNotice(storage::Tx& tx, const Caller& caller,
                                          const std::string& title, const std::string& body,
                                          const std::vector<int64_t>& ids, const Audience& a,
                                          bool urgent) {
  LINLI_TRY(access::require(caller, "notices.send"));
  if (ids.empty()) return invalidArgument("audience", "nobody matches this audience");
  const std::string json = idsJson(ids);
  nlohmann::json audience = {{"residents", ids.size()}};
  if (a.report_id) audience["report_id"] = *a.report_id;
  if (a.community_id) audience["community_id"] = *a.community_id;
  if (a.grid_id) audience["grid_id"] = *a.grid_id;
  if (!a.building_ids.empty()) audience["building_ids"] = a.building_ids;
  const Principal& me = *caller.principal;
  const TimeMs now = clock_.now();
  Notice n{.title = title, .body = body, .urgent = urgent, .created_at = now};
  LINLI_ASSIGN_OR_RETURN(
      n.id, repo::insertNotice(tx, n, audience.dump(), access::placeOf(me), me.user_id));
  LINLI_ASSIGN_OR_RETURN(std::string place, repo::placeName(tx, access::placeOf(me)));
  const notify::Vars vars = {{"title", title}, {"body", body}, {"community", place}};
  LINLI_ASSIGN_OR_RETURN(auto text, notify_.renderTemplate(tx, "notice", "zh-CN", vars));
  // Residents have no quiet-hours setting of their own: the default window holds.
  repo::NoticeText t{.subject = text.first,
                     .body = text.second,
                     .urgent = urgent,
                     .next_at = notify::releaseAt(now, notify::QuietHours{}, urgent),
                     .now = now};
  LINLI_ASSIGN_OR_RETURN(auto queued, repo::queueNoticeMessages(tx, n.id, json, t));
  LINLI_TRY(repo::saveVisits(tx, n.id, json));
  LINLI_ASSIGN_OR_RETURN(auto counts, repo::countAudience(tx, json));
  LINLI_TRY(repo::setNoticeCounts(tx, n.id, counts.residents, counts.without_phone));
  n.recipients = counts.residents;
  n.without_phone = counts.without_phone;
  n.created_by_name = me.username;
  n.progress.queued = queued.first;
  n.progress.sent = queued.second;
  if (audit_)
    LINLI_TRY(audit_->record(
        tx, caller,
        {.action = "notices.send",
         .target_type = "notice",
         .target_id = std::to_string(n.id),
         .detail = {
             {"residents", counts.residents}, {"sms", queued.first}, {"in_app", queued.second}}}));
  return n;
}

Result<Notice> NoticeService::visibleNotice(storage::Tx& tx, const Caller& caller, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto found, repo::notices(tx, access::placeOf(*caller.principal), id));
  if (found.empty()) return notFound("no such notice");
  return std::move(found.front());
}

Result<std::vector<Notice>> NoticeService::notices(const Caller& caller) {
  LINLI_TRY(access::require(caller, "notices.send"));
  return storage::readResult<std::vector<Notice>>(db_, [&](storage::Tx& tx) {
    return repo::notices(tx, access::placeOf(*caller.principal), std::nullopt);
  });
}

Result<Notice> NoticeService::notice(const Caller& caller, int64_t id) {
  LINLI_TRY(access::require(caller, "notices.send"));
  return storage::readResult<Notice>(
      db_, [&](storage::Tx& tx) { return visibleNotice(tx, caller, id); });
}

Result<std::vector<DeliveryFailure>> NoticeService::failures(const Caller& caller, int64_t id) {
  LINLI_TRY(access::require(caller, "notices.send"));
  return storage::readResult<std::vector<DeliveryFailure>>(
      db_, [&](storage::Tx& tx) -> Result<std::vector<DeliveryFailure>> {
        LINLI_TRY(visibleNotice(tx, caller, id).status());
        return repo::failures(tx, id);
      });
}

Result<std::vector<VisitHousehold>> NoticeService::visits(const Caller& caller, int64_t id) {
  LINLI_TRY(access::require(caller, "notices.send"));
  return storage::readResult<std::vector<VisitHousehold>>(
      db_, [&](storage::Tx& tx) -> Result<std::vector<VisitHousehold>> {
        LINLI_TRY(visibleNotice(tx, caller, id).status());
        return repo::visits(tx, id);
      });
}

}  // namespace linli::notices
