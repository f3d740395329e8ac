#include <algorithm>
#include <sstream>

#include "registry/repo.h"
#include "storage/place_filter.h"

namespace linli::registry::repo {

using storage::Row;
using storage::Value;

namespace {

Value emptyAsNull(const std::string& s) { return s.empty() ? Value(nullptr) : Value(s); }

std::vector<std::string> splitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

std::string joinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

const char* kResidentSelect =
    "SELECT r.id, r.household_id, r.building_id, r.street_id, r.community_id, r.grid_id, g.name, "
    "b.address, h.unit, h.room, r.name, r.id_last4, r.birth_date, r.sex, r.ethnicity, "
    "r.phone_last4, r.relation, r.residence_status, r.tags, r.skills, r.notes, r.status, "
    "(SELECT COUNT(*) FROM residents m WHERE m.household_id = r.household_id "
    "AND m.status = 'active') ";
const char* kResidentFrom =
    "FROM residents r JOIN households h ON h.id = r.household_id "
    "JOIN buildings b ON b.id = r.building_id JOIN grids g ON g.id = r.grid_id ";

Resident residentFrom(const Row& row) {
  Resident r;
  r.id = row.i64(0);
  r.household_id = row.i64(1);
  r.building_id = row.i64(2);
  r.place = {row.i64(3), row.i64(4), row.i64(5)};
  r.grid_name = row.str(6);
  r.address = row.str(7) + " " + row.str(8) + "单元" + row.str(9) + "室";
  r.name = row.str(10);
  r.id_last4 = row.str(11);
  r.birth_date = parseDate(row.str(12)).value_or(CivilDate{});
  r.sex = row.str(13) == "female" ? Sex::kFemale : Sex::kMale;
  r.ethnicity = row.str(14);
  r.phone_last4 = row.str(15);
  r.relation = row.str(16);
  r.residence_status = row.str(17);
  r.tags = splitList(row.str(18));
  r.skills = splitList(row.str(19));
  r.notes = row.str(20);
  r.status = row.str(21);
  r.household_size = static_cast<int>(row.i64(22));
  return r;
}

Status insertTags(storage::Tx& tx, int64_t id, const std::vector<std::string>& tags) {
  for (const auto& t : tags)
    LINLI_TRY(tx.exec("INSERT INTO resident_tags (resident_id, tag) VALUES (?, ?) "
                      "ON CONFLICT (resident_id, tag) DO NOTHING",
                      {id, t})
                  .status());
  return Status::Ok();
}

Status writeTags(storage::Tx& tx, int64_t id, const std::vector<std::string>& tags) {
  LINLI_TRY(tx.exec("DELETE FROM resident_tags WHERE resident_id = ?", {id}).status());
  return insertTags(tx, id, tags);
}

constexpr const char* kInsertColumns =
    "household_id, street_id, community_id, grid_id, building_id, name, id_hash, id_sealed, "
    "id_last4, birth_date, sex, ethnicity, phone_sealed, phone_hash, phone_last4, relation, "
    "residence_status, tags, skills, notes, status, created_at, updated_at";
constexpr const char* kInsertPlaceholders =
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

// R and S are a Resident and ResidentSecrets, const (copied) or rvalues (moved).
template <class R, class S>
void appendInsertValues(std::vector<Value>& v, R&& r, S&& s, TimeMs now) {
  // emplace_back one by one: an initializer list would copy every string.
  v.emplace_back(r.household_id);
  v.emplace_back(r.place.street_id);
  v.push_back(storage::optionalValue(r.place.community_id));
  v.push_back(storage::optionalValue(r.place.grid_id));
  v.emplace_back(r.building_id);
  v.emplace_back(std::forward<R>(r).name);
  v.emplace_back(std::forward<S>(s).id_hash);
  v.emplace_back(std::forward<S>(s).id_sealed);
  v.emplace_back(r.id_last4);
  v.emplace_back(formatDate(r.birth_date));
  v.emplace_back(std::string(r.sex == Sex::kFemale ? "female" : "male"));
  v.emplace_back(std::forward<R>(r).ethnicity);
  if constexpr (std::is_const_v<std::remove_reference_t<S>> || std::is_lvalue_reference_v<S>) {
    v.push_back(storage::optionalValue(s.phone_sealed));
    v.push_back(storage::optionalValue(s.phone_hash));
  } else {
    v.push_back(s.phone_sealed ? Value(std::move(*s.phone_sealed)) : Value(nullptr));
    v.push_back(s.phone_hash ? Value(std::move(*s.phone_hash)) : Value(nullptr));
  }
  v.push_back(emptyAsNull(r.phone_last4));
  v.emplace_back(std::forward<R>(r).relation);
  v.emplace_back(std::forward<R>(r).residence_status);
  v.emplace_back(joinList(r.tags));
  v.emplace_back(joinList(r.skills));
  v.emplace_back(std::forward<R>(r).notes);
  v.emplace_back(std::forward<R>(r).status);
  v.emplace_back(now);
  v.emplace_back(now);
}

}  // namespace

Result<std::optional<Registry::Contact>> residentContact(storage::Tx& tx, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT name, phone_sealed, COALESCE(phone_last4, '') FROM residents "
                          "WHERE id = ? AND status = 'active'",
                          {id}));
  if (rows.empty()) return std::optional<Registry::Contact>();
  Registry::Contact c{.name = rows.front().str(0), .phone_last4 = rows.front().str(2)};
  if (!rows.front().isNull(1)) c.phone_sealed = rows.front().str(1);
  return std::optional(c);
}

Result<std::optional<Resident>> findResident(storage::Tx& tx, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query(std::string(kResidentSelect) + kResidentFrom + "WHERE r.id = ?", {id}));
  if (rows.empty()) return std::optional<Resident>();
  return std::optional<Resident>(residentFrom(rows.front()));
}

Result<std::vector<Resident>> findResidents(storage::Tx& tx, const std::vector<int64_t>& ids) {
  std::vector<Resident> out;
  constexpr size_t kBatch = 500;
  for (size_t start = 0; start < ids.size(); start += kBatch) {
    size_t end = std::min(ids.size(), start + kBatch);
    std::string in = "?";
    std::vector<Value> params = {ids[start]};
    for (size_t i = start + 1; i < end; ++i) {
      in += ", ?";
      params.emplace_back(ids[i]);
    }
    LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(std::string(kResidentSelect) + kResidentFrom +
                                                   "WHERE r.id IN (" + in + ") ORDER BY r.id",
                                               params));
    for (const Row& r : rows) out.push_back(residentFrom(r));
  }
  return out;
}

Result<std::optional<int64_t>> residentIdByIdHash(storage::Tx& tx, const std::string& id_hash) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query("SELECT id FROM residents WHERE id_hash = ?", {id_hash}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows.front().i64(0));
}

Result<std::optional<IdHolder>> idHolder(storage::Tx& tx, const std::string& id_hash) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT id, street_id, community_id, grid_id FROM residents WHERE id_hash = ?",
               {id_hash}));
  if (rows.empty()) return std::optional<IdHolder>();
  const Row& r = rows.front();
  return std::optional<IdHolder>(IdHolder{r.i64(0), {r.i64(1), r.optI64(2), r.optI64(3)}});
}

Result<Page<Resident>> listResidents(storage::Tx& tx, const PlacePath& within,
                                     const ResidentQuery& q,
                                     const std::optional<std::string>& id_hash) {
  std::vector<Value> params;
  std::string where =
      storage::placeFilter("r", within.street_id, within.community_id, within.grid_id, params);
  where += " AND r.status = ?";
  params.emplace_back(q.status.value_or("active"));
  auto eq = [&](const char* column, const std::optional<int64_t>& v) {
    if (!v) return;
    where += std::string(" AND ") + column + " = ?";
    params.emplace_back(*v);
  };
  eq("r.community_id", q.community_id);
  eq("r.grid_id", q.grid_id);
  eq("r.building_id", q.building_id);
  eq("r.household_id", q.household_id);
  if (q.q) {
    where +=
        " AND (r.name LIKE ? ESCAPE '\\' OR b.address LIKE ? ESCAPE '\\' OR b.name LIKE ? "
        "ESCAPE '\\')";
    for (int i = 0; i < 3; ++i) params.emplace_back(storage::likeContains(*q.q));
  }
  if (q.phone_last4) {
    where += " AND r.phone_last4 = ?";
    params.emplace_back(*q.phone_last4);
  }
  if (id_hash) {
    where += " AND r.id_hash = ?";
    params.emplace_back(*id_hash);
  }
  LINLI_ASSIGN_OR_RETURN(
      auto count,
      tx.query(std::string("SELECT COUNT(*) ") + kResidentFrom + "WHERE " + where, params));
  params.emplace_back(int64_t{q.page_size});
  params.emplace_back(int64_t{q.page - 1} * q.page_size);
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query(std::string(kResidentSelect) + kResidentFrom + "WHERE " + where +
                                      " ORDER BY r.id LIMIT ? OFFSET ?",
                                  params));
  Page<Resident> page;
  page.total = count.front().i64(0);
  for (const Row& r : rows) page.items.push_back(residentFrom(r));
  return page;
}

Result<int64_t> insertResident(storage::Tx& tx, const Resident& r, const ResidentSecrets& s,
                               TimeMs now) {
  std::vector<Value> values;
  appendInsertValues(values, r, s, now);
  auto rows = tx.query(std::string("INSERT INTO residents (") + kInsertColumns + ") VALUES (" +
                           kInsertPlaceholders + ") RETURNING id",
                       values);
  if (!rows.ok() && rows.status().code() == Code::kConflict)
    return conflict("a resident with this ID number is already registered", "id_number");
  if (!rows.ok()) return rows.status();
  int64_t id = rows->front().i64(0);
  LINLI_TRY(writeTags(tx, id, r.tags));
  return id;
}

Result<int64_t> nextResidentId(storage::Tx& tx) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT COALESCE(MAX(id), 0) + 1 FROM residents", {}));
  return rows.front().i64(0);
}

ResidentInsert residentInsert(Resident r, ResidentSecrets s, TimeMs now) {
  ResidentInsert row;
  row.values.reserve(24);
  row.values.emplace_back(int64_t{0});
  appendInsertValues(row.values, std::move(r), std::move(s), now);
  row.tags = std::move(r.tags);  // untouched by the values, which took its joined copy
  return row;
}

Result<bool> insertResidentIfNew(storage::Tx& tx, int64_t id, int64_t household_id,
                                 int64_t building_id, ResidentInsert& row) {
  static const std::string sql = std::string("INSERT INTO residents (id, ") + kInsertColumns +
                                 ") VALUES (?, " + kInsertPlaceholders +
                                 ") ON CONFLICT (id_hash) DO NOTHING";
  // The three ids are the only values set here: slots 0, 1 and 5 of the row.
  row.values[0] = id;
  row.values[1] = household_id;
  row.values[5] = building_id;
  LINLI_ASSIGN_OR_RETURN(int64_t changed, tx.exec(sql, row.values));
  if (changed == 0) return false;
  LINLI_TRY(insertTags(tx, id, row.tags));
  return true;
}

Status updateResident(storage::Tx& tx, const Resident& r, TimeMs now) {
  LINLI_TRY(
      tx.exec("UPDATE residents SET household_id = ?, street_id = ?, community_id = ?, "
              "grid_id = ?, building_id = ?, name = ?, birth_date = ?, sex = ?, "
              "ethnicity = ?, relation = ?, residence_status = ?, tags = ?, skills = ?, "
              "notes = ?, status = ?, updated_at = ? WHERE id = ?",
              {r.household_id, r.place.street_id, storage::optionalValue(r.place.community_id),
               storage::optionalValue(r.place.grid_id), r.building_id, r.name,
               formatDate(r.birth_date), std::string(r.sex == Sex::kFemale ? "female" : "male"),
               r.ethnicity, r.relation, r.residence_status, joinList(r.tags), joinList(r.skills),
               r.notes, r.status, now, r.id})
          .status());
  return writeTags(tx, r.id, r.tags);
}

Status setIdNumber(storage::Tx& tx, int64_t id, const std::string& sealed, const std::string& hash,
                   const std::string& last4) {
  auto st = tx.exec("UPDATE residents SET id_sealed = ?, id_hash = ?, id_last4 = ? WHERE id = ?",
                    {sealed, hash, last4, id});
  if (!st.ok() && st.status().code() == Code::kConflict)
    return conflict("a resident with this ID number is already registered", "id_number");
  return st.status();
}

Status setPhone(storage::Tx& tx, int64_t id, const std::optional<std::string>& sealed,
                const std::optional<std::string>& hash, const std::string& last4) {
  return tx
      .exec("UPDATE residents SET phone_sealed = ?, phone_hash = ?, phone_last4 = ? WHERE id = ?",
            {storage::optionalValue(sealed), storage::optionalValue(hash), emptyAsNull(last4), id})
      .status();
}

Result<std::optional<std::string>> sealedField(storage::Tx& tx, int64_t id,
                                               const std::string& field) {
  const char* sql = field == "phone" ? "SELECT phone_sealed FROM residents WHERE id = ?"
                                     : "SELECT id_sealed FROM residents WHERE id = ?";
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(sql, {id}));
  if (rows.empty() || rows.front().isNull(0)) return std::optional<std::string>();
  return std::optional<std::string>(rows.front().str(0));
}

Result<std::vector<SealedPhone>> sealedPhones(storage::Tx& tx, const std::vector<int64_t>& ids) {
  std::vector<SealedPhone> out;
  constexpr size_t kBatch = 500;
  for (size_t start = 0; start < ids.size(); start += kBatch) {
    const size_t end = std::min(ids.size(), start + kBatch);
    std::string in = "?";
    std::vector<Value> params = {ids[start]};
    for (size_t i = start + 1; i < end; ++i) {
      in += ", ?";
      params.emplace_back(ids[i]);
    }
    LINLI_ASSIGN_OR_RETURN(
        auto rows, tx.query("SELECT id, street_id, community_id, grid_id, phone_sealed FROM "
                            "residents WHERE phone_sealed IS NOT NULL AND id IN (" +
                                in + ") ORDER BY id",
                            params));
    for (const Row& r : rows) out.push_back({r.i64(0), {r.i64(1), r.i64(2), r.i64(3)}, r.str(4)});
  }
  return out;
}

Status addHistory(storage::Tx& tx, int64_t resident_id, TimeMs at, const CivilDate& effective,
                  const std::string& kind, const std::string& detail,
                  std::optional<int64_t> actor) {
  return tx
      .exec(
          "INSERT INTO resident_history (resident_id, at, effective_date, kind, detail, "
          "actor_id) VALUES (?, ?, ?, ?, ?, ?)",
          {resident_id, at, formatDate(effective), kind, detail, storage::optionalValue(actor)})
      .status();
}

Result<std::vector<HistoryEntry>> history(storage::Tx& tx, int64_t resident_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT id, at, effective_date, kind, detail FROM resident_history "
                          "WHERE resident_id = ? ORDER BY id",
                          {resident_id}));
  std::vector<HistoryEntry> out;
  for (const Row& r : rows) out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4)});
  return out;
}

Status forEachResident(storage::Tx& tx, const std::function<void(const Resident&)>& fn) {
  int64_t after = 0;
  for (;;) {
    LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(std::string(kResidentSelect) + kResidentFrom +
                                                   "WHERE r.id > ? ORDER BY r.id LIMIT 10000",
                                               {after}));
    if (rows.empty()) return Status::Ok();
    for (const Row& row : rows) fn(residentFrom(row));
    after = rows.back().i64(0);
  }
}

Result<std::vector<TagRow>> customTags(storage::Tx& tx, int64_t street_id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT code, name, community_id FROM tags WHERE "
                                             "street_id = ? ORDER BY code",
                                             {street_id}));
  std::vector<TagRow> out;
  for (const Row& r : rows) out.push_back({r.str(0), r.str(1), r.optI64(2)});
  return out;
}

Status insertTag(storage::Tx& tx, const std::string& code, const std::string& name,
                 int64_t street_id, std::optional<int64_t> community_id, TimeMs now) {
  auto st = tx.exec(
      "INSERT INTO tags (code, name, street_id, community_id, created_at) VALUES (?, ?, ?, ?, ?)",
      {code, name, street_id, storage::optionalValue(community_id), now});
  if (!st.ok() && st.status().code() == Code::kConflict)
    return conflict("tag " + code + " exists already", "code");
  return st.status();
}

}  // namespace linli::registry::repo
