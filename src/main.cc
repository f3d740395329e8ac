// linli: one binary, subcommands for serving, operations and benchmarks.
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "app/app.h"
#include "app/backup_command.h"
#include "app/config_file.h"
#include "app/import_command.h"
#include "app/serve.h"
#include "app/setup_command.h"
#include "bench/http_bench.h"
#include "bench/notify_bench.h"
#include "bench/reports_bench.h"
#include "bench/requests_bench.h"
#include "bench/spreadsheet_bench.h"
#include "bench/today_bench.h"
#include "demo/demo.h"
#include "storage/migrations.h"
#include "storage/postgres/pg_db.h"

namespace {

using namespace linli;

// "127.0.0.1:8080" → host, port.
bool parseListen(const std::string& text, http::ServerOptions& out) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  try {
    int port = std::stoi(text.substr(colon + 1));
    if (port < 0 || port > 65535) return false;
    out.host = text.substr(0, colon);
    out.port = static_cast<uint16_t>(port);
  } catch (...) {
    return false;
  }
  return !out.host.empty();
}

// Thousands of keep-alive connections need more descriptors than the usual soft limit.
void raiseFileLimit() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
  }
}

int fail(const Status& st) {
  std::cerr << "linli: " << st.toString() << "\n";
  return st.code() == Code::kInvalidArgument ? 2 : 1;
}

}  // namespace

// --data-dir (the secret key, and the SQLite database unless --db names another) and --db.
void addDataOptions(CLI::App* c, std::string& data_dir, std::string& db_url) {
  c->add_option("--data-dir", data_dir, "Data directory (secret key; the SQLite database)")
      ->envname("LINLI_DATA_DIR")
      ->capture_default_str();
  c->add_option("--db", db_url,
                "postgresql://user@host:port/database to use PostgreSQL (default: SQLite in the "
                "data directory)")
      ->envname("LINLI_DB");
}

int main(int argc, char** argv) {
  raiseFileLimit();
  CLI::App cli{"linli (邻里): community governance and services"};
  cli.require_subcommand(1);
  spdlog::set_level(spdlog::level::warn);

  // serve
  app::ServeOptions serve;
  std::string listen = "127.0.0.1:8080";
  long read_timeout_ms = 30000;
  auto* s = cli.add_subcommand("serve", "Serve the web UI and the API");
  std::string config_path;  // read by expandConfigFile before CLI11 parses
  s->add_option("--config", config_path, "File of key = value lines for any of these options");
  s->add_option("--listen", listen, "Address:port to listen on")
      ->envname("LINLI_LISTEN")
      ->capture_default_str();
  addDataOptions(s, serve.app.data_dir, serve.app.db_url);
  s->add_option("--web-dir", serve.web_dir, "Directory of the web build")
      ->envname("LINLI_WEB_DIR")
      ->capture_default_str();
  s->add_option("--threads", serve.server.threads, "Server io threads (0: two per core)")
      ->envname("LINLI_THREADS")
      ->capture_default_str();
  s->add_option("--max-body-bytes", serve.server.max_body_bytes, "Largest request body")
      ->envname("LINLI_MAX_BODY_BYTES")
      ->capture_default_str();
  s->add_option("--max-header-bytes", serve.server.max_header_bytes, "Largest request header")
      ->envname("LINLI_MAX_HEADER_BYTES")
      ->capture_default_str();
  s->add_option("--read-timeout-ms", read_timeout_ms, "Time allowed to receive a whole request")
      ->envname("LINLI_READ_TIMEOUT_MS")
      ->capture_default_str();
  s->add_option("--max-connections", serve.server.max_connections, "Open connections before 503")
      ->envname("LINLI_MAX_CONNECTIONS")
      ->capture_default_str();
  s->add_option(
       "--login-account-failures", serve.app.auth.account_failures,
       "Failed logins on an account (from anywhere) before addresses that failed on it wait "
       "between attempts (1 s, doubling per failure)")
      ->envname("LINLI_LOGIN_ACCOUNT_FAILURES")
      ->capture_default_str();
  s->add_option("--login-address-failures", serve.app.auth.address_failures,
                "Failed logins of one address on one account before that address is refused for it")
      ->envname("LINLI_LOGIN_ADDRESS_FAILURES")
      ->capture_default_str();
  s->add_option("--login-window-s", serve.app.auth.window_s,
                "Seconds without failures after which failed logins are forgotten")
      ->envname("LINLI_LOGIN_WINDOW_S")
      ->capture_default_str();
  s->add_option("--trusted-proxy", serve.trusted_proxies,
                "Reverse proxy address or CIDR (repeatable, or comma-separated) whose "
                "X-Forwarded-For names the client; without it X-Forwarded-For is ignored")
      ->envname("LINLI_TRUSTED_PROXY");
  s->add_option("--log-level", serve.log_level, "trace, debug, info, warn, error")
      ->envname("LINLI_LOG_LEVEL")
      ->capture_default_str();
  s->add_option("--public-url", serve.public_url,
                "Address users reach linli at; https://… (a TLS proxy in front) makes cookies "
                "Secure and sends Strict-Transport-Security")
      ->envname("LINLI_PUBLIC_URL");
  s->add_option("--metrics-token", serve.metrics_token,
                "GET /metrics then needs Authorization: Bearer TOKEN (without: loopback only)")
      ->envname("LINLI_METRICS_TOKEN");
  s->add_flag("--demo", serve.demo, "Load demo data and accounts into an empty database")
      ->envname("LINLI_DEMO");
  s->add_option("--demo-requests", serve.demo_requests,
                "Resident requests in the demo data (on an empty database)")
      ->capture_default_str();
  s->add_option("--demo-residents", serve.demo_residents,
                "Residents in the demo street made by --demo")
      ->envname("LINLI_DEMO_RESIDENTS")
      ->capture_default_str();
  s->add_option("--sms-url", serve.notify.sms_url,
                "SMS gateway: POST {id, to, text} (with --demo and none given: a local fake)")
      ->envname("LINLI_SMS_URL");
  s->add_option("--sms-token", serve.notify.sms_token, "Bearer token for the SMS gateway")
      ->envname("LINLI_SMS_TOKEN");
  s->add_option("--smtp-url", serve.notify.smtp_url,
                "SMTP server, smtp://host:port (with --demo and none given: a local fake)")
      ->envname("LINLI_SMTP_URL");
  s->add_option("--smtp-from", serve.notify.smtp_from, "Sender address of email")
      ->envname("LINLI_SMTP_FROM")
      ->capture_default_str();
  s->add_option("--smtp-user", serve.notify.smtp_username, "SMTP user name")
      ->envname("LINLI_SMTP_USER");
  s->add_option("--smtp-password", serve.notify.smtp_password, "SMTP password")
      ->envname("LINLI_SMTP_PASSWORD");

  s->add_option("--clock-start", serve.clock_start,
                "Tests: start the clock at this ISO 8601 time, e.g. 2026-12-04T18:30:00+08:00");
  s->add_flag("--test-clock", serve.test_clock,
              "Tests: POST /api/v1/testing/clock moves the server's time forward");

  // migrate
  std::string data_dir = "./data";
  std::string db_url;
  auto* m = cli.add_subcommand("migrate", "Create or upgrade the database schema");
  addDataOptions(m, data_dir, db_url);

  // demo
  auto* d = cli.add_subcommand(
      "demo", "Build a demo street (accounts, residents, assets) in an empty database");
  int64_t demo_residents = demo::kDefaultResidents;
  addDataOptions(d, data_dir, db_url);
  d->add_option("--residents", demo_residents, "How many residents")->capture_default_str();
  int64_t demo_requests = 300;
  d->add_option("--requests", demo_requests, "How many resident requests (most of them handled)")
      ->capture_default_str();

  // setup
  app::SetupCommand setup_cmd;
  auto* setup = cli.add_subcommand(
      "setup",
      "A real street's first start: the street and its first admin (asks what is left out)");
  addDataOptions(setup, setup_cmd.data_dir, setup_cmd.db_url);
  setup->add_option("--street-name", setup_cmd.street_name, "The street's name, e.g. 幸福街道");
  setup->add_option("--street-code", setup_cmd.street_code,
                    "The street's 12-digit statistical area code, e.g. 330106001000");
  setup->add_option("--admin-username", setup_cmd.admin_username, "The street admin's login name");
  setup->add_option("--admin-password", setup_cmd.admin_password,
                    "The street admin's password (10 characters or more)");

  // user add
  auto* user = cli.add_subcommand("user", "Manage users as an operator");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Create a user");
  std::string username, password, role, scope_text, display_name;
  addDataOptions(user_add, data_dir, db_url);
  user_add->add_option("--username", username, "Login name")->required();
  user_add
      ->add_option("--password", password,
                   "Password (10 characters or more, not containing the username, not a "
                   "common one)")
      ->required();
  user_add
      ->add_option("--role", role,
                   "Role: street_admin, community_admin, community_staff, grid_worker, department, "
                   "org, volunteer, resident")
      ->required();
  user_add->add_option("--scope", scope_text, "KIND:ID, e.g. community:2 (default: the street)");
  user_add->add_option("--name", display_name, "Display name (default: the username)");

  // token add
  auto* token = cli.add_subcommand("token", "Manage API tokens");
  token->require_subcommand(1);
  auto* token_add = token->add_subcommand("add", "Create an API token for a user; prints it once");
  std::string token_name = "integration";
  addDataOptions(token_add, data_dir, db_url);
  token_add->add_option("--username", username, "The user the token acts as")->required();
  token_add->add_option("--name", token_name, "What the token is for")->capture_default_str();

  auto* token_list = token->add_subcommand("list", "List API tokens (never the tokens themselves)");
  bool token_all = false;
  addDataOptions(token_list, data_dir, db_url);
  token_list->add_option("--username", username, "Only this user's tokens");
  token_list->add_flag("--all", token_all, "Revoked tokens too");
  auto* token_revoke =
      token->add_subcommand("revoke", "Revoke API tokens by id (see token list); for good");
  std::vector<int64_t> token_ids;
  addDataOptions(token_revoke, data_dir, db_url);
  token_revoke->add_option("ID", token_ids, "Token ids")->required();

  // import
  auto* import = cli.add_subcommand("import", "Import data from spreadsheets");
  import->require_subcommand(1);
  auto* import_residents = import->add_subcommand(
      "residents", "Import residents from a CSV or XLSX file (all or nothing)");
  app::ImportCommand import_cmd;
  int64_t import_grid = 0;
  import_residents->add_option("FILE", import_cmd.file, "The CSV or XLSX file")->required();
  addDataOptions(import_residents, data_dir, db_url);
  import_residents->add_flag("--dry-run", import_cmd.dry_run, "Check every row; write nothing");
  import_residents->add_flag("--json", import_cmd.json, "Print one JSON object");
  import_residents->add_option("--grid", import_grid, "Grid id for rows without a grid column");
  import_residents->add_option("--map", import_cmd.mappings,
                               "列名=field (repeatable) to override the suggested mapping");

  // backup, restore
  app::BackupCommand backup_cmd;
  auto* backup = cli.add_subcommand(
      "backup", "Copy the database while serving (one consistent snapshot) and its secret key");
  backup->add_option("--data-dir", backup_cmd.data_dir, "Data directory")
      ->envname("LINLI_DATA_DIR")
      ->capture_default_str();
  backup->add_option("--out", backup_cmd.out, "The backup file (the key goes to FILE.key)")
      ->required();
  bool without_key = false;
  backup->add_flag("--without-key", without_key,
                   "Do not write FILE.key (the key is kept elsewhere; restore needs it)");
  backup->add_flag("--json", backup_cmd.json, "Print one JSON object");
  app::RestoreCommand restore_cmd;
  auto* restore = cli.add_subcommand(
      "restore",
      "Replace the data directory's database with a backup (the server must be stopped)");
  restore->add_option("--data-dir", restore_cmd.data_dir, "Data directory")
      ->envname("LINLI_DATA_DIR")
      ->capture_default_str();
  restore->add_option("--from", restore_cmd.from, "The backup file")->required();
  restore->add_option("--key", restore_cmd.key, "The backup's secret key (default FILE.key)");

  // bench
  auto* bench = cli.add_subcommand("bench", "Benchmarks that print their figures");
  bench->require_subcommand(1);
  auto* bench_http = bench->add_subcommand("http", "Requests/s and latency of the HTTP server");
  bench::HttpBenchOptions hb;
  bench_http->add_flag("--json", hb.json, "Print one JSON object");
  bench_http->add_option("--seconds", hb.seconds, "Seconds per measurement")->capture_default_str();
  bench_http->add_option("--threads", hb.server_threads, "Server io threads (0: two per core)")
      ->capture_default_str();

  auto* bench_notify = bench->add_subcommand(
      "notify", "Queueing a 100,000-recipient notice, SMS delivery rate, the reminder scan");
  bench::NotifyBenchOptions nb;
  bench_notify->add_flag("--json", nb.json, "Print one JSON object");
  bench_notify->add_option("--residents", nb.residents, "Residents in the demo street")
      ->capture_default_str();
  bench_notify->add_option("--seconds", nb.seconds, "Seconds of delivery")->capture_default_str();
  bench_notify->add_option("--assets", nb.assets, "Assets for the reminder scan")
      ->capture_default_str();

  auto* bench_requests = bench->add_subcommand(
      "requests", "Request creation over HTTP, the escalation tick, classifier accuracy");
  bench::RequestsBenchOptions qb;
  bench_requests->add_flag("--json", qb.json, "Print one JSON object");
  bench_requests->add_option("--seconds", qb.seconds, "Seconds per HTTP measurement")
      ->capture_default_str();
  bench_requests->add_option("--open", qb.open, "Open requests for the escalation tick")
      ->capture_default_str();
  bench_requests->add_option("--threads", qb.server_threads, "Server io threads (0: two per core)")
      ->capture_default_str();
  auto* bench_today = bench->add_subcommand("today", "The home page's API per role: p50, p95, p99");
  bench::TodayBenchOptions tb;
  bench_today->add_flag("--json", tb.json, "Print one JSON object");
  bench_today->add_option("--seconds", tb.seconds, "Seconds per role")->capture_default_str();
  bench_today->add_option("--residents", tb.residents, "Residents in the demo street")
      ->capture_default_str();
  bench_today->add_option("--open", tb.open, "Open requests over its grids")->capture_default_str();
  bench_today->add_option("--connections", tb.connections, "Keep-alive connections")
      ->capture_default_str();
  auto* bench_reports =
      bench->add_subcommand("reports", "Smart-report queries vs plain SQL, import rate, memory");
  bench::ReportsBenchOptions rb;
  bench_reports->add_option("--residents", rb.residents, "Residents to build")
      ->capture_default_str();
  bench_reports->add_option("--repeats", rb.repeats, "Runs per query")->capture_default_str();
  bench_reports->add_flag("--json", rb.json, "Print one JSON object");

  auto* bench_spreadsheet = bench->add_subcommand(
      "spreadsheet", "Reading back an XLSX written by writeXlsx (and the same table as CSV)");
  bench::SpreadsheetBenchOptions sb;
  bench_spreadsheet->add_option("--rows", sb.rows, "Rows of the table")->capture_default_str();
  bench_spreadsheet->add_option("--repeats", sb.repeats, "Runs per measurement")
      ->capture_default_str();
  bench_spreadsheet->add_flag("--json", sb.json, "Print one JSON object");

  std::vector<std::string> words(argv + 1, argv + argc);
  auto expanded = app::expandConfigFile(words);
  if (!expanded.ok()) return fail(expanded.status());
  std::vector<std::string> reversed(expanded->rbegin(), expanded->rend());
  try {
    cli.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  if (s->parsed()) {
    if (!parseListen(listen, serve.server)) {
      std::cerr << "linli: --listen must be HOST:PORT, e.g. 127.0.0.1:8080\n";
      return 2;
    }
    serve.server.read_timeout = std::chrono::milliseconds(read_timeout_ms);
    const std::string& pub = serve.public_url;
    const bool https = pub.rfind("https://", 0) == 0 && pub.size() > 8;
    if (!pub.empty() && !https && !(pub.rfind("http://", 0) == 0 && pub.size() > 7)) {
      std::cerr << "linli: --public-url must start with https:// or http://\n";
      return 2;
    }
    serve.server.https = https;
    return app::runServe(serve);
  }

  if (backup->parsed()) {
    backup_cmd.with_key = !without_key;
    return app::runBackup(backup_cmd);
  }
  if (restore->parsed()) return app::runRestore(restore_cmd);
  if (setup->parsed()) return app::runSetup(setup_cmd);
  if (bench_http->parsed()) return bench::runHttpBench(hb);
  if (bench_spreadsheet->parsed()) return bench::runSpreadsheetBench(sb);
  if (bench_reports->parsed()) return bench::runReportsBench(rb);
  if (bench_requests->parsed()) return bench::runRequestsBench(qb);
  if (bench_today->parsed()) return bench::runTodayBench(tb);
  if (bench_notify->parsed()) return bench::runNotifyBench(nb);

  auto opened = app::openApp({.data_dir = data_dir, .db_url = db_url});
  if (!opened.ok()) return fail(opened.status());
  app::App& a = **opened;

  if (m->parsed()) {
    std::cout << "database is up to date in "
              << (db_url.empty() ? data_dir : storage::redactedUrl(db_url)) << "\n";
    return 0;
  }
  if (d->parsed()) {
    auto has = a.auth->hasUsers();
    if (!has.ok()) return fail(has.status());
    if (*has) {
      std::cout << "database already has users; demo data not loaded\n";
      return 0;
    }
    auto started = std::chrono::steady_clock::now();
    auto loaded = demo::loadDemo(*a.db, *a.registry, *a.auth, *a.clock, demo_residents, a.requests,
                                 demo_requests);
    if (!loaded.ok()) return fail(loaded.status());
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    std::printf(
        "demo street built in %.1f s: %lld residents, %lld assets, %lld requests, "
        "%lld past requests\n",
        took.count(), static_cast<long long>(loaded->residents),
        static_cast<long long>(loaded->assets), static_cast<long long>(loaded->requests),
        static_cast<long long>(loaded->history));
    std::cout << "Demo accounts (password " << demo::kDemoPassword << "):\n";
    for (const auto& acc : loaded->accounts)
      std::cout << "  " << acc.username << "\t" << acc.role << "\t" << acc.scope_name << "\n";
    return 0;
  }
  if (user_add->parsed()) {
    auto street = app::operatorScope(a);
    if (!street.ok()) return fail(street.status());
    Scope scope = *street;
    if (!scope_text.empty()) {
      size_t colon = scope_text.find(':');
      auto kind = parseScopeKind(scope_text.substr(0, colon));
      if (colon == std::string::npos || !kind) {
        std::cerr << "linli: --scope must be street:ID, community:ID or grid:ID\n";
        return 2;
      }
      try {
        scope = {*kind, std::stoll(scope_text.substr(colon + 1))};
      } catch (...) {
        std::cerr << "linli: --scope id must be a number\n";
        return 2;
      }
    }
    auto created = a.auth->addUserAsOperator(
        {username, display_name.empty() ? username : display_name, password, role, scope});
    if (!created.ok()) return fail(created.status());
    std::cout << "created user " << created->username << " (id " << created->id << ", "
              << created->role << ", " << created->scope_name << ")\n";
    return 0;
  }
  if (import_residents->parsed()) {
    if (import_grid > 0) import_cmd.grid_id = import_grid;
    return app::runImport(a, import_cmd);
  }
  if (token_add->parsed()) {
    auto t = a.auth->addApiToken(username, token_name);
    if (!t.ok()) return fail(t.status());
    std::cout << *t << "\n";
    std::cerr << "Store this token now: it is not shown again.\n";
    return 0;
  }
  if (token_list->parsed()) {
    auth::TokenQuery q{.include_revoked = token_all, .page_size = 100000};
    if (!username.empty()) q.q = username;
    auto page = a.auth->listTokensAsOperator(q);
    if (!page.ok()) return fail(page.status());
    std::cout << "id\tuser\tname\tcreated\tlast used\tstate\n";
    for (const auto& t : page->items) {
      if (!username.empty() && t.user.username != username) continue;
      std::cout << t.id << "\t" << t.user.username << "\t" << t.name << "\t"
                << formatIso8601(t.created_at) << "\t"
                << (t.last_used_at ? formatIso8601(*t.last_used_at) : "-") << "\t"
                << (t.revoked ? "revoked (" + t.revoked_reason + ")" : "active") << "\n";
    }
    return 0;
  }
  if (token_revoke->parsed()) {
    for (int64_t id : token_ids) {
      auto t = a.auth->revokeTokenAsOperator(id);
      if (!t.ok()) return fail(t.status());
      std::cout << "revoked token " << t->id << " (" << t->user.username << ", " << t->name
                << ")\n";
    }
    std::cerr << "A running server stops accepting them within 10 seconds.\n";
    return 0;
  }
  return 0;
}
