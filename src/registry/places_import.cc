// Importing places from a spreadsheet (街道, 社区, 网格, 区划代码; 网格编码
// optional): every row is checked against the database and the rows before
// it, then, when none is bad and it is not a dry run, the new communities and
// grids are written in the same transaction. Errors name row and column.
#include <map>
#include <set>

#include "common/json_input.h"
#include "common/text_check.h"
#include "common/text_normalize.h"
#include "registry/area_code.h"
#include "registry/guard.h"
#include "registry/repo.h"
#include "spreadsheet/spreadsheet.h"

namespace linli::registry {

namespace {

constexpr size_t kMaxPlaceRows = 5000;

struct Columns {
  int street = -1, community = -1, grid = -1, code = -1, grid_code = -1;
};

Result<Columns> columnsOf(const std::vector<std::string>& headers) {
  Columns c;
  for (size_t i = 0; i < headers.size(); ++i) {
    const std::string h = normalizedInput(headers[i]);
    const int at = static_cast<int>(i);
    if (h == "街道") c.street = at;
    if (h == "社区") c.community = at;
    if (h == "网格") c.grid = at;
    if (h == "区划代码" || h == "统计用区划代码") c.code = at;
    if (h == "网格编码" || h == "网格代码") c.grid_code = at;
  }
  for (auto [col, name] :
       {std::pair{c.street, "街道"}, {c.community, "社区"}, {c.grid, "网格"}, {c.code, "区划代码"}})
    if (col < 0) return invalidArgument("file", std::string("the file has no column ") + name);
  return c;
}

struct NewCommunity {
  std::string code, name;
};
struct NewGrid {
  std::string community_code, code, name;
};

}  // namespace

Result<PlacesImportSummary> Registry::importPlaces(const Caller& caller, const std::string& bytes,
                                                   bool dry_run) {
  LINLI_TRY(access::require(caller, "places.manage"));
  if (bytes.empty()) return invalidArgument("file", "the file is empty");
  LINLI_ASSIGN_OR_RETURN(spreadsheet::Table table, spreadsheet::readAny(bytes));
  LINLI_ASSIGN_OR_RETURN(Columns col, columnsOf(table.headers));
  if (table.rows.size() > kMaxPlaceRows)
    return invalidArgument("file", "at most 5000 rows of places per file");
  const bool street_level = !placeOf(*caller.principal).community_id;
  return guarded<PlacesImportSummary>(
      db_, audit_, caller, "places.manage", !dry_run,
      [&](storage::Tx& tx, Guard& guard) -> Result<PlacesImportSummary> {
        PlacesImportSummary s;
        LINLI_ASSIGN_OR_RETURN(auto found, repo::findPlace(tx, ScopeKind::kStreet,
                                                           placeOf(*caller.principal).street_id));
        if (!found) return notFound("street not found");
        const Place street = *found;
        std::map<std::string, int64_t> community_ids;  // code → id, of existing ones
        std::map<std::string, std::string> new_names;  // code → name, of new ones
        std::vector<NewCommunity> communities;
        std::vector<NewGrid> grids;
        std::set<std::string> grid_keys, grid_codes;  // community code + name; codes taken here
        for (size_t i = 0; i < table.rows.size(); ++i) {
          const auto& cells = table.rows[i];
          const int row = table.row_numbers[i];
          auto cell = [&](int c) {
            return c >= 0 && static_cast<size_t>(c) < cells.size() ? normalizedInput(cells[c])
                                                                   : std::string();
          };
          auto bad = [&](const std::string& column, const std::string& reason) {
            s.errors.push_back({row, column, reason});
          };
          ++s.rows;
          const std::string street_name = cell(col.street), name = cell(col.community),
                            code = cell(col.code), grid = cell(col.grid),
                            grid_code_cell = cell(col.grid_code);
          if (!street_name.empty() && street_name != street.name && street_name != street.code) {
            bad("街道", "this is " + street.name + ", not " + street_name);
            continue;
          }
          if (name.empty()) {
            bad("社区", "the community's name is missing");
            continue;
          }
          if (Status st = checkName(name, "社区"); !st.ok() || json_input::utf8Length(name) > 32) {
            bad("社区", st.ok() ? "name must have 1 to 32 characters" : st.message());
            continue;
          }
          if (Status st = checkCommunityCode(code, street.code, "区划代码"); !st.ok()) {
            bad("区划代码", st.message());
            continue;
          }
          // The community: in the database, earlier in this file, or new.
          bool fresh = false;
          if (!community_ids.count(code) && !new_names.count(code)) {
            LINLI_ASSIGN_OR_RETURN(auto held, repo::placeByCode(tx, ScopeKind::kCommunity, code));
            if (held) {
              if (held->name != name) {
                bad("区划代码", code + " is " + held->name + "'s code, not " + name + "'s");
                continue;
              }
              if (!guard.within({street.id, held->id, std::nullopt}, "community", held->id).ok()) {
                bad("社区", name + " lies outside your area");
                continue;
              }
              LINLI_ASSIGN_OR_RETURN(auto p, repo::findPlace(tx, ScopeKind::kCommunity, held->id));
              if (p && p->retired_at) {
                bad("社区", name + " is retired");
                continue;
              }
              community_ids[code] = held->id;
            } else {
              if (!street_level) {
                bad("社区", "only the street adds communities");
                continue;
              }
              new_names[code] = name;
              communities.push_back({code, name});
              fresh = true;
            }
          } else if (new_names.count(code) ? new_names[code] != name : false) {
            bad("社区", "row names " + name + " but an earlier row gave " + code + " to " +
                            new_names[code]);
            continue;
          }
          if (grid.empty()) {
            if (!fresh) ++s.existing;
            continue;
          }
          if (Status st = checkName(grid, "网格"); !st.ok() || json_input::utf8Length(grid) > 32) {
            bad("网格", st.ok() ? "name must have 1 to 32 characters" : st.message());
            continue;
          }
          if (!grid_keys.insert(code + "/" + grid).second) {
            bad("网格", grid + " appears twice in the file");
            continue;
          }
          if (auto id = community_ids.find(code); id != community_ids.end()) {
            LINLI_ASSIGN_OR_RETURN(auto same, repo::gridByName(tx, id->second, grid));
            if (same) {
              ++s.existing;
              continue;
            }
          }
          std::string grid_code = grid_code_cell;
          if (!grid_code.empty()) {
            if (Status st = checkGridCode(grid_code, "网格编码"); !st.ok()) {
              bad("网格编码", st.message());
              continue;
            }
            LINLI_ASSIGN_OR_RETURN(auto taken, repo::placeByCode(tx, ScopeKind::kGrid, grid_code));
            if (taken || grid_codes.count(grid_code)) {
              bad("网格编码", "the code " + grid_code + " is taken");
              continue;
            }
          } else {
            // The community's code and the next free number, as the demo street numbers them.
            for (int n = 1;; ++n) {
              grid_code = code + "-" + std::to_string(n);
              if (grid_codes.count(grid_code)) continue;
              LINLI_ASSIGN_OR_RETURN(auto taken,
                                     repo::placeByCode(tx, ScopeKind::kGrid, grid_code));
              if (!taken) break;
            }
          }
          grid_codes.insert(grid_code);
          grids.push_back({code, grid_code, grid});
        }
        s.communities_created = static_cast<int64_t>(communities.size());
        s.grids_created = static_cast<int64_t>(grids.size());
        if (dry_run || !s.errors.empty()) return s;
        for (const auto& c : communities) {
          LINLI_ASSIGN_OR_RETURN(community_ids[c.code],
                                 addCommunity(tx, street.id, c.code, c.name));
        }
        for (const auto& g : grids)
          LINLI_TRY(addGrid(tx, community_ids.at(g.community_code), g.code, g.name).status());
        LINLI_TRY(guard.audited(tx, "places.import", "street", std::to_string(street.id),
                                {{"rows", s.rows},
                                 {"communities", s.communities_created},
                                 {"grids", s.grids_created}}));
        s.committed = true;
        return s;
      });
}

}  // namespace linli::registry
