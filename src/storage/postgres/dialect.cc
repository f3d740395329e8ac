#include "storage/postgres/dialect.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace linli::storage::postgres {

namespace {

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string upper(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// A piece of the SQL text: a word (keyword or identifier), or anything else
// copied as is (punctuation, spaces, literals, comments, placeholders).
struct Piece {
  std::string text;
  bool word = false;
};

// Splits the SQL into pieces; placeholders are renumbered here, since a `?`
// inside a literal or a comment is not one.
std::vector<Piece> split(std::string_view sql, int& parameters) {
  std::vector<Piece> out;
  auto other = [&](std::string_view s) {
    if (out.empty() || out.back().word) out.push_back({});
    out.back().text.append(s);
  };
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {  // a literal or a quoted identifier; '' and "" escape
      size_t j = i + 1;
      while (j < sql.size()) {
        if (sql[j] == c) {
          if (j + 1 < sql.size() && sql[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      j = std::min(j + 1, sql.size());
      other(sql.substr(i, j - i));
      i = j;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t j = sql.find('\n', i);
      j = j == std::string_view::npos ? sql.size() : j;
      other(sql.substr(i, j - i));
      i = j;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      size_t j = sql.find("*/", i + 2);
      j = j == std::string_view::npos ? sql.size() : j + 2;
      other(sql.substr(i, j - i));
      i = j;
    } else if (c == '?') {
      size_t j = i + 1;
      while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
      int number =
          j > i + 1 ? std::stoi(std::string(sql.substr(i + 1, j - i - 1))) : parameters + 1;
      parameters = std::max(parameters, number);
      other("$" + std::to_string(number));
      i = j;
    } else if (isWordChar(c)) {
      size_t j = i;
      while (j < sql.size() && isWordChar(sql[j])) ++j;
      out.push_back({std::string(sql.substr(i, j - i)), true});
      i = j;
    } else {
      other(sql.substr(i, 1));
      ++i;
    }
  }
  return out;
}

// The next word after pieces[i] if only spaces lie between, upper-cased.
std::string nextWord(const std::vector<Piece>& pieces, size_t i) {
  size_t j = i + 1;
  if (j < pieces.size() && !pieces[j].word) {
    if (pieces[j].text.find_first_not_of(" \t\r\n") != std::string::npos) return {};
    ++j;
  }
  return j < pieces.size() && pieces[j].word ? upper(pieces[j].text) : std::string();
}

// A column SQLite numbers itself (`INTEGER PRIMARY KEY`: NULL or left out
// takes the largest id + 1). An identity column would not do: the registry
// inserts explicit ids in bulk, which no sequence hears of. Writes are
// serialized (one writer at a time, see pg_db.h), so MAX + 1 is safe.
struct RowId {
  std::string table, column;
};

std::string rowIdTriggers(const std::vector<RowId>& ids) {
  std::string out;
  for (const RowId& r : ids) {
    const std::string name = "linli_next_" + r.table + "_" + r.column;
    out += ";\nCREATE OR REPLACE FUNCTION " + name +
           "() RETURNS trigger LANGUAGE plpgsql AS $linli$ BEGIN IF NEW." + r.column +
           " IS NULL THEN SELECT COALESCE(MAX(" + r.column + "), 0) + 1 INTO NEW." + r.column +
           " FROM " + r.table + "; END IF; RETURN NEW; END $linli$;\nCREATE OR REPLACE TRIGGER " +
           name + " BEFORE INSERT ON " + r.table + " FOR EACH ROW EXECUTE FUNCTION " + name + "()";
  }
  return out;
}

// The previous word before pieces[i], skipping one piece of spaces or a comma/paren.
std::string previousWord(const std::vector<Piece>& pieces, size_t i) {
  if (i >= 2 && pieces[i - 2].word) return pieces[i - 2].text;
  return {};
}

// Whether a placeholder follows pieces[i + skip] (skip: words and spaces in between).
bool isBeforePlaceholder(const std::vector<Piece>& pieces, size_t i, size_t skip) {
  size_t j = i + skip + 1;
  if (j >= pieces.size() || pieces[j].word) return false;
  const std::string& t = pieces[j].text;
  size_t k = t.find_first_not_of(" \t\r\n");
  return k != std::string::npos && k > 0 && t[k] == '$';
}

// `json_each(?N)`: the one engine function the repos use, over a JSON array of
// integers (column `value`, as storage/db.h says).
bool jsonEachOf(const std::vector<Piece>& pieces, size_t i, std::string& placeholder) {
  if (upper(pieces[i].text) != "JSON_EACH" || i + 1 >= pieces.size() || pieces[i + 1].word)
    return false;
  const std::string& rest = pieces[i + 1].text;  // "($7) j ..." up to the next word
  if (rest.size() < 4 || rest[0] != '(' || rest[1] != '$') return false;
  size_t close = rest.find(')');
  if (close == std::string::npos) return false;
  placeholder = rest.substr(1, close - 1);
  return true;
}

std::string translate(std::string_view sql, bool schema, int& parameters) {
  std::vector<Piece> pieces = split(sql, parameters);
  std::string out;
  out.reserve(sql.size() + 16);
  std::string table;
  std::vector<RowId> row_ids;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const Piece& p = pieces[i];
    if (!p.word) {
      out += p.text;
      continue;
    }
    std::string w = upper(p.text);
    std::string placeholder;
    if (w == "TABLE" && schema) {
      size_t j = i;  // the name follows, after IF NOT EXISTS if there
      while (j + 2 < pieces.size() && pieces[j + 2].word) {
        j += 2;
        std::string u = upper(pieces[j].text);
        if (u != "IF" && u != "NOT" && u != "EXISTS") break;
      }
      table = j > i ? pieces[j].text : std::string();
      out += p.text;
    } else if (jsonEachOf(pieces, i, placeholder)) {
      out += "(SELECT CAST(value AS BIGINT) AS value FROM json_array_elements_text(CAST(" +
             placeholder + " AS JSON)))";
      out += pieces[i + 1].text.substr(pieces[i + 1].text.find(')') + 1);
      ++i;
    } else if (w == "IS" && isBeforePlaceholder(pieces, i, 0)) {
      out += "IS NOT DISTINCT FROM";  // SQLite's `IS ?` matches NULL to NULL
    } else if (w == "IS" && nextWord(pieces, i) == "NOT" && isBeforePlaceholder(pieces, i, 2)) {
      out += "IS DISTINCT FROM";
      i += 2;
    } else if (w == "LIKE") {
      out += "ILIKE";
    } else if (w == "INTEGER") {
      out += "BIGINT";
      if (schema && nextWord(pieces, i) == "PRIMARY" && !table.empty())
        row_ids.push_back({table, previousWord(pieces, i)});
    } else if (w == "REAL") {
      out += "DOUBLE PRECISION";
    } else if (w == "BLOB") {
      out += "BYTEA";
    } else {
      out += p.text;
    }
  }
  if (!row_ids.empty()) {
    while (!out.empty() &&
           (std::isspace(static_cast<unsigned char>(out.back())) || out.back() == ';'))
      out.pop_back();
    out += rowIdTriggers(row_ids) + ";\n";
  }
  return out;
}

}  // namespace

Translated toPostgresStatement(std::string_view sql) {
  Translated t;
  t.sql = translate(sql, false, t.parameters);
  return t;
}

std::string toPostgresScript(std::string_view sql) {
  int parameters = 0;
  return translate(sql, true, parameters);
}

}  // namespace linli::storage::postgres
