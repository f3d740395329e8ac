// Use cases for residents: registration, edits, moves, moving out, deaths,
// reveal of personal data, tags.
#include <set>

#include "common/json_input.h"
#include "common/text_check.h"
#include "common/text_normalize.h"
#include "personal/personal_data.h"
#include "registry/guard.h"
#include "registry/repo.h"

namespace linli::registry {

namespace {

Status checkCodes(const std::optional<std::vector<std::string>>& items, const std::string& field,
                  const std::function<bool(const std::string&)>& known) {
  if (!items) return Status::Ok();
  if (items->size() > 32) return invalidArgument(field, field + " has too many entries");
  for (const auto& item : *items)
    if (!known(item)) return invalidArgument(field, "unknown " + field + " entry " + item);
  return Status::Ok();
}

std::vector<std::string> unique(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& i : items)
    if (seen.insert(i).second) out.push_back(i);
  return out;
}

struct CheckedIdentity {
  IdNumber id;
  std::optional<std::string> phone;
};

// Validates the ID number and that sex and birth date, when also entered, agree with it.
Result<IdNumber> checkedIdNumber(const ResidentInput& in, const CivilDate& today) {
  LINLI_ASSIGN_OR_RETURN(IdNumber id, parseIdNumber(normalizedInput(*in.id_number), today));
  if (in.sex && !in.sex->empty()) {
    if (*in.sex != "male" && *in.sex != "female")
      return invalidArgument("sex", "sex must be male or female");
    if ((*in.sex == "female") != (id.sex == Sex::kFemale))
      return invalidArgument("sex", "sex does not match the ID number");
  }
  if (in.birth_date && !in.birth_date->empty()) {
    auto d = parseDate(*in.birth_date);
    if (!d) return invalidArgument("birth_date", "birth_date must be a date like 1950-03-01");
    if (*d != id.birth_date)
      return invalidArgument("birth_date", "birth_date does not match the ID number (" +
                                               formatDate(id.birth_date) + ")");
  }
  return id;
}

Status validateCommon(const ResidentInput& in, const std::set<std::string>& custom_tags) {
  auto len = [](const std::optional<std::string>& v, const char* field, size_t lo, size_t hi) {
    if (!v) return Status::Ok();
    size_t n = json_input::utf8Length(*v);
    if (n < lo || n > hi)
      return invalidArgument(field, std::string(field) + " must have " + std::to_string(lo) +
                                        " to " + std::to_string(hi) + " characters");
    return Status::Ok();
  };
  LINLI_TRY(len(in.name, "name", 1, 32));
  LINLI_TRY(len(in.ethnicity, "ethnicity", 0, 16));
  LINLI_TRY(len(in.notes, "notes", 0, 2000));
  for (auto [value, field] : {std::pair{&in.name, "name"}, std::pair{&in.ethnicity, "ethnicity"}})
    if (*value) LINLI_TRY(checkName(**value, field));
  if (in.notes) {
    LINLI_ASSIGN_OR_RETURN(std::string clean, cleanFreeText(*in.notes, "notes"));
    if (clean != *in.notes)
      return invalidArgument("notes", "notes must not contain direction-changing characters");
  }
  if (in.relation && !oneOf(relationCodes(), *in.relation))
    return invalidArgument("relation", "unknown relation " + *in.relation);
  if (in.residence_status && !oneOf(residenceStatusCodes(), *in.residence_status))
    return invalidArgument("residence_status",
                           "residence_status must be registered, permanent, floating or nominal");
  LINLI_TRY(checkCodes(in.tags, "tags", [&](const std::string& t) {
    return oneOf(builtinTags(), t) || custom_tags.count(t) > 0;
  }));
  LINLI_TRY(
      checkCodes(in.skills, "skills", [](const std::string& s) { return oneOf(skillCodes(), s); }));
  return Status::Ok();
}

Result<std::set<std::string>> customTagCodes(storage::Tx& tx, int64_t street_id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, repo::customTags(tx, street_id));
  std::set<std::string> out;
  for (const auto& r : rows) out.insert(r.code);
  return out;
}

Result<Household> householdFor(storage::Tx& tx, Guard& guard, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto h, repo::findHousehold(tx, id));
  if (!h || !guard.within(h->place, "household", id).ok())
    return invalidArgument("household_id", "no such household");
  return std::move(*h);
}

Result<Resident> visibleResident(storage::Tx& tx, Guard& guard, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto r, repo::findResident(tx, id));
  if (!r) return notFound("resident not found");
  LINLI_TRY(guard.within(r->place, "resident", id));
  return std::move(*r);
}

// A write may give a resident an ID number only when no one else holds it. A
// holder outside the caller's area is not confirmed: the answer names no one,
// the meeting is audited, and it counts as an exact look-up.
Status checkIdFree(storage::Tx& tx, Guard& guard, IdLookups& lookups, const Caller& caller,
                   const std::string& id_hash, std::optional<int64_t> self) {
  LINLI_ASSIGN_OR_RETURN(auto holder, repo::idHolder(tx, id_hash));
  if (!holder || holder->id == self) return Status::Ok();
  if (covers(placeOf(*caller.principal), holder->place))
    return conflict("a resident with this ID number is already registered", "id_number");
  guard.denials.push_back({.action = "registry.id_collision",
                           .target_type = "resident",
                           .outcome = "denied",
                           .detail = {{"wanted", "out of scope"}}});
  LINLI_TRY(lookups.take(caller.principal->user_id));
  return conflict(
      "this ID number is registered outside your area; if the person lives here, ask the "
      "community that holds their record to move them",
      "id_number");
}

}  // namespace

void Registry::addResidentListener(ResidentListener listener) {
  listeners_.push_back(std::move(listener));
}

void Registry::notify(const Resident& r) {
  for (const auto& l : listeners_) l(r);
}

Status Registry::notifyChanged(const std::vector<int64_t>& ids) {
  constexpr size_t kChunk = 5000;
  for (size_t start = 0; start < ids.size(); start += kChunk) {
    std::vector<int64_t> chunk(ids.begin() + start,
                               ids.begin() + std::min(ids.size(), start + kChunk));
    LINLI_ASSIGN_OR_RETURN(
        auto residents, (storage::readResult<std::vector<Resident>>(
                            db_, [&](storage::Tx& tx) { return repo::findResidents(tx, chunk); })));
    for (const auto& r : residents) notify(r);
  }
  return Status::Ok();
}

Status Registry::forEachResident(const std::function<void(const Resident&)>& fn) const {
  return db_.read([&](storage::Tx& tx) { return repo::forEachResident(tx, fn); });
}

Result<Resident> Registry::createResident(const Caller& caller, const ResidentInput& in) {
  if (!keys_) return internalError("registry has no keys");
  for (auto [value, field] : {std::pair{&in.name, "name"}, std::pair{&in.id_number, "id_number"}})
    if (!*value || (*value)->empty())
      return invalidArgument(field, std::string(field) + " is required");
  if (!in.household_id) return invalidArgument("household_id", "household_id is required");
  const CivilDate today = dateAt(clock_.now());
  LINLI_ASSIGN_OR_RETURN(IdNumber id, checkedIdNumber(in, today));
  std::optional<std::string> phone;
  if (in.phone && !in.phone->empty()) {
    LINLI_ASSIGN_OR_RETURN(phone, personal::normalizePhone(*in.phone));
  }
  auto created = guarded<Resident>(
      db_, audit_, caller, "registry.write", true,
      [&](storage::Tx& tx, Guard& guard) -> Result<Resident> {
        LINLI_ASSIGN_OR_RETURN(auto custom, customTagCodes(tx, caller.principal->street_id));
        LINLI_TRY(validateCommon(in, custom));
        LINLI_ASSIGN_OR_RETURN(Household h, householdFor(tx, guard, *in.household_id));
        Resident r;
        r.household_id = h.id;
        r.building_id = h.building_id;
        r.place = h.place;
        r.name = *in.name;
        r.id_last4 = id.last4();
        r.birth_date = id.birth_date;
        r.sex = id.sex;
        r.ethnicity = in.ethnicity.value_or("");
        r.relation = in.relation.value_or("other");
        r.residence_status = in.residence_status.value_or("permanent");
        r.tags = unique(in.tags.value_or(std::vector<std::string>{}));
        r.skills = unique(in.skills.value_or(std::vector<std::string>{}));
        r.notes = in.notes.value_or("");
        r.status = "active";
        personal::StoredSecret sid = personal::storeSecret(*keys_, personal::kIdPurpose, id.number);
        LINLI_TRY(checkIdFree(tx, guard, id_lookups_, caller, sid.hash, std::nullopt));
        repo::ResidentSecrets secrets{sid.sealed, sid.hash, std::nullopt, std::nullopt};
        if (phone) {
          personal::StoredSecret sp =
              personal::storeSecret(*keys_, personal::kPhonePurpose, *phone);
          secrets.phone_sealed = sp.sealed;
          secrets.phone_hash = sp.hash;
          r.phone_last4 = sp.last4;
        }
        LINLI_ASSIGN_OR_RETURN(int64_t rid, repo::insertResident(tx, r, secrets, clock_.now()));
        LINLI_TRY(repo::addHistory(tx, rid, clock_.now(), today, "created",
                                   nlohmann::json{{"household_id", std::to_string(h.id)}}.dump(),
                                   caller.principal->user_id));
        LINLI_TRY(guard.audited(tx, "registry.resident.create", "resident", std::to_string(rid)));
        LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findResident(tx, rid));
        return std::move(*fresh);
      });
  if (created.ok()) notify(*created);
  return created;
}

Result<Resident> Registry::updateResident(const Caller& caller, int64_t id,
                                          const ResidentInput& in) {
  if (!keys_) return internalError("registry has no keys");
  if (in.household_id)
    return invalidArgument("household_id", "use the move action to change a resident's household");
  const CivilDate today = dateAt(clock_.now());
  std::optional<IdNumber> new_id;
  if (in.id_number) {
    LINLI_ASSIGN_OR_RETURN(new_id, checkedIdNumber(in, today));
  }
  std::optional<std::string> phone;
  if (in.phone && !in.phone->empty()) {
    LINLI_ASSIGN_OR_RETURN(phone, personal::normalizePhone(*in.phone));
  }
  auto updated = guarded<Resident>(
      db_, audit_, caller, "registry.write", true,
      [&](storage::Tx& tx, Guard& guard) -> Result<Resident> {
        LINLI_ASSIGN_OR_RETURN(auto custom, customTagCodes(tx, caller.principal->street_id));
        LINLI_TRY(validateCommon(in, custom));
        LINLI_ASSIGN_OR_RETURN(Resident r, visibleResident(tx, guard, id));
        if (!new_id && ((in.sex && !in.sex->empty()) || (in.birth_date && !in.birth_date->empty())))
          return invalidArgument("sex",
                                 "sex and birth date follow the ID number; change the ID number");
        nlohmann::json changed = nlohmann::json::array();  // field names only, never values
        auto set = [&](auto& field, const auto& value, const char* name) {
          if (value && field != *value) {
            field = *value;
            changed.push_back(name);
          }
        };
        set(r.name, in.name, "name");
        set(r.ethnicity, in.ethnicity, "ethnicity");
        set(r.relation, in.relation, "relation");
        set(r.residence_status, in.residence_status, "residence_status");
        set(r.notes, in.notes, "notes");
        if (in.tags) set(r.tags, std::optional(unique(*in.tags)), "tags");
        if (in.skills) set(r.skills, std::optional(unique(*in.skills)), "skills");
        if (new_id) {  // birth date and sex follow the ID number
          r.birth_date = new_id->birth_date;
          r.sex = new_id->sex;
          changed.push_back("id_number");
        }
        LINLI_TRY(repo::updateResident(tx, r, clock_.now()));
        if (new_id) {
          personal::StoredSecret sid =
              personal::storeSecret(*keys_, personal::kIdPurpose, new_id->number);
          LINLI_TRY(checkIdFree(tx, guard, id_lookups_, caller, sid.hash, id));
          LINLI_TRY(repo::setIdNumber(tx, id, sid.sealed, sid.hash, sid.last4));
        }
        if (in.phone) {  // "" clears the phone
          changed.push_back("phone");
          if (phone) {
            personal::StoredSecret sp =
                personal::storeSecret(*keys_, personal::kPhonePurpose, *phone);
            LINLI_TRY(repo::setPhone(tx, id, sp.sealed, sp.hash, sp.last4));
          } else {
            LINLI_TRY(repo::setPhone(tx, id, std::nullopt, std::nullopt, ""));
          }
        }
        LINLI_TRY(repo::addHistory(tx, id, clock_.now(), today, "updated",
                                   nlohmann::json{{"fields", changed}}.dump(),
                                   caller.principal->user_id));
        LINLI_TRY(guard.audited(tx, "registry.resident.update", "resident", std::to_string(id),
                                {{"fields", changed}}));
        LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findResident(tx, id));
        return std::move(*fresh);
      });
  if (updated.ok()) notify(*updated);
  return updated;
}

Result<Resident> Registry::getResident(const Caller& caller, int64_t id) {
  return guarded<Resident>(
      db_, audit_, caller, "registry.read", false,
      [&](storage::Tx& tx, Guard& guard) { return visibleResident(tx, guard, id); });
}

Result<std::vector<Resident>> Registry::residentsByIds(const Caller& caller,
                                                       const std::vector<int64_t>& ids) {
  return guarded<std::vector<Resident>>(
      db_, audit_, caller, "registry.read", false,
      [&](storage::Tx& tx, Guard&) -> Result<std::vector<Resident>> {
        LINLI_ASSIGN_OR_RETURN(auto all, repo::findResidents(tx, ids));
        std::vector<Resident> mine;
        const PlacePath scope = placeOf(*caller.principal);
        for (auto& r : all)
          if (covers(scope, r.place)) mine.push_back(std::move(r));
        return mine;
      });
}

Result<std::vector<HistoryEntry>> Registry::residentHistory(const Caller& caller, int64_t id) {
  return guarded<std::vector<HistoryEntry>>(
      db_, audit_, caller, "registry.read", false,
      [&](storage::Tx& tx, Guard& guard) -> Result<std::vector<HistoryEntry>> {
        LINLI_TRY(visibleResident(tx, guard, id).status());
        return repo::history(tx, id);
      });
}

Result<Page<Resident>> Registry::listResidents(const Caller& caller, const ResidentQuery& query) {
  std::optional<std::string> id_hash;
  if (query.id_number) {
    auto id = parseIdNumber(normalizedInput(*query.id_number), dateAt(clock_.now()));
    if (!id.ok()) return id.status();
    if (!keys_) return internalError("registry has no keys");
    id_hash = personal::lookupHash(*keys_, personal::kIdPurpose, id->number);
  }
  if (query.phone_last4) {
    std::string digits = normalizedInput(*query.phone_last4);
    if (digits.size() != 4 || digits.find_first_not_of("0123456789") != std::string::npos)
      return invalidArgument("phone_last4", "phone_last4 must be 4 digits");
  }
  if (query.status && *query.status != "active" && *query.status != "moved_out" &&
      *query.status != "deceased")
    return invalidArgument("status", "status must be active, moved_out or deceased");
  auto page = guarded<Page<Resident>>(db_, audit_, caller, "registry.read", false,
                                      [&](storage::Tx& tx, Guard&) -> Result<Page<Resident>> {
                                        // An exact look-up confirms a number: limited per user and
                                        // audited.
                                        if (id_hash)
                                          LINLI_TRY(id_lookups_.take(caller.principal->user_id));
                                        ResidentQuery q = query;
                                        if (q.phone_last4)
                                          q.phone_last4 = normalizedInput(*q.phone_last4);
                                        return repo::listResidents(tx, placeOf(*caller.principal),
                                                                   q, id_hash);
                                      });
  if (id_hash && page.ok() && audit_)
    audit_->recordNow(caller, {.action = "registry.id_lookup",
                               .target_type = "residents",
                               .detail = {{"found", page->total}}});
  return page;
}

Result<Resident> Registry::recordLifeEvent(const Caller& caller, int64_t id,
                                           const std::string& kind,
                                           std::optional<int64_t> household_id,
                                           const CivilDate& date, const std::string& note) {
  static const std::set<std::string> kKinds = {"moved", "moved_out", "returned", "deceased"};
  if (!kKinds.count(kind))
    return invalidArgument("kind", "kind must be moved, moved_out, returned or deceased");
  bool needs_household = kind == "moved" || kind == "returned";
  if (needs_household && !household_id)
    return invalidArgument("household_id", "household_id is required to " + kind);
  if (date > dateAt(clock_.now())) return invalidArgument("date", "date lies in the future");
  if (json_input::utf8Length(note) > 500) return invalidArgument("note", "note is too long");
  auto changed = guarded<Resident>(
      db_, audit_, caller, "registry.write", true,
      [&](storage::Tx& tx, Guard& guard) -> Result<Resident> {
        LINLI_ASSIGN_OR_RETURN(Resident r, visibleResident(tx, guard, id));
        if (r.status == "deceased")
          return Status(Code::kConflict, "the resident is recorded as deceased", "kind");
        if (kind == "moved" && r.status != "active")
          return Status(Code::kConflict, "only an active resident can move; record a return",
                        "kind");
        if (kind == "moved_out" && r.status != "active")
          return Status(Code::kConflict, "the resident has already moved out", "kind");
        if (kind == "returned" && r.status != "moved_out")
          return Status(Code::kConflict, "only a resident who moved out can return", "kind");
        nlohmann::json detail = {{"from_household_id", std::to_string(r.household_id)}};
        if (needs_household) {
          LINLI_ASSIGN_OR_RETURN(Household h, householdFor(tx, guard, *household_id));
          r.household_id = h.id;
          r.building_id = h.building_id;
          r.place = h.place;
          detail["to_household_id"] = std::to_string(h.id);
        }
        r.status = kind == "moved_out" ? "moved_out" : kind == "deceased" ? "deceased" : "active";
        if (!note.empty()) detail["note"] = note;
        LINLI_TRY(repo::updateResident(tx, r, clock_.now()));
        LINLI_TRY(repo::addHistory(tx, id, clock_.now(), date, kind, detail.dump(),
                                   caller.principal->user_id));
        LINLI_TRY(guard.audited(tx, "registry.resident." + kind, "resident", std::to_string(id)));
        LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findResident(tx, id));
        return std::move(*fresh);
      });
  if (changed.ok()) notify(*changed);
  return changed;
}

Result<std::string> Registry::reveal(const Caller& caller, int64_t id, const std::string& field,
                                     const std::string& reason) {
  if (field != "id_number" && field != "phone")
    return invalidArgument("field", "field must be id_number or phone");
  size_t n = json_input::utf8Length(reason);
  if (n < 2 || n > 200) return invalidArgument("reason", "say why you need the full number");
  if (!keys_) return internalError("registry has no keys");
  return guarded<std::string>(
      db_, audit_, caller, "registry.reveal", true,
      [&](storage::Tx& tx, Guard& guard) -> Result<std::string> {
        LINLI_TRY(visibleResident(tx, guard, id).status());
        LINLI_ASSIGN_OR_RETURN(auto sealed, repo::sealedField(tx, id, field));
        if (!sealed) return notFound("the resident has no " + field);
        LINLI_ASSIGN_OR_RETURN(
            std::string plain,
            keys_->open(field == "phone" ? personal::kPhonePurpose : personal::kIdPurpose,
                        *sealed));
        LINLI_TRY(guard.audited(tx, "registry.reveal", "resident", std::to_string(id),
                                {{"field", field}, {"reason", reason}}));
        return plain;
      });
}

Result<std::map<int64_t, std::string>> Registry::phonesForExport(const Caller& caller,
                                                                 const std::vector<int64_t>& ids) {
  if (!keys_) return internalError("registry has no keys");
  return guarded<std::map<int64_t, std::string>>(
      db_, audit_, caller, "registry.read", false,
      [&](storage::Tx& tx, Guard&) -> Result<std::map<int64_t, std::string>> {
        LINLI_ASSIGN_OR_RETURN(auto sealed, repo::sealedPhones(tx, ids));
        const PlacePath scope = placeOf(*caller.principal);
        std::map<int64_t, std::string> out;
        for (const auto& p : sealed) {
          if (!covers(scope, p.place)) continue;
          LINLI_ASSIGN_OR_RETURN(out[p.id], keys_->open(personal::kPhonePurpose, p.sealed));
        }
        return out;
      });
}

Result<nlohmann::json> Registry::tagsVisibleTo(const Caller& caller) {
  return guarded<nlohmann::json>(
      db_, audit_, caller, "registry.read", false,
      [&](storage::Tx& tx, Guard&) -> Result<nlohmann::json> {
        nlohmann::json out = nlohmann::json::array();
        for (auto t : builtinTags()) out.push_back({{"code", t}, {"builtin", true}});
        LINLI_ASSIGN_OR_RETURN(auto custom, repo::customTags(tx, caller.principal->street_id));
        for (const auto& t : custom) {
          if (t.community_id && caller.principal->community_id &&
              *t.community_id != *caller.principal->community_id)
            continue;
          out.push_back({{"code", t.code}, {"name", t.name}, {"builtin", false}});
        }
        return out;
      });
}

Result<nlohmann::json> Registry::createTag(const Caller& caller, const std::string& code,
                                           const std::string& name) {
  if (code.size() < 2 || code.size() > 32 ||
      code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    return invalidArgument("code", "code must have 2 to 32 characters a-z, 0-9 or _");
  if (oneOf(builtinTags(), code)) return conflict("tag " + code + " exists already", "code");
  size_t n = json_input::utf8Length(name);
  if (n < 1 || n > 32) return invalidArgument("name", "name must have 1 to 32 characters");
  return guarded<nlohmann::json>(
      db_, audit_, caller, "tags.manage", true,
      [&](storage::Tx& tx, Guard& guard) -> Result<nlohmann::json> {
        const Principal& p = *caller.principal;
        LINLI_TRY(repo::insertTag(tx, code, name, p.street_id, p.community_id, clock_.now()));
        LINLI_TRY(guard.audited(tx, "registry.tag.create", "tag", code));
        return nlohmann::json{{"code", code}, {"name", name}, {"builtin", false}};
      });
}

Result<std::optional<Registry::Contact>> Registry::residentContact(storage::Tx& tx,
                                                                   int64_t resident_id) const {
  return repo::residentContact(tx, resident_id);
}

}  // namespace linli::registry
