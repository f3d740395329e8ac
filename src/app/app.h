// App: the composition root shared by every subcommand. Opens the data
// directory (creating it, the secret key file and the database), applies
// migrations, installs the permission table the rooms declare, builds the
// rooms of app/modules.cc in the order their needs dictate and registers
// every room's jobs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "auth/auth.h"
#include "common/clock.h"
#include "crypto/keys.h"
#include "module/module.h"
#include "notices/notices.h"
#include "notify/notify.h"
#include "registry/registry.h"
#include "reminders/reminders.h"
#include "reports/reports.h"
#include "requests/requests.h"
#include "scheduler/scheduler.h"
#include "storage/db.h"
#include "visits/visits.h"

namespace linli::app {

struct AppOptions {
  std::string data_dir = "./data";  // the secret key, and the SQLite database
  std::string db_url;               // postgresql://…: PostgreSQL instead of SQLite in data_dir
  int db_pool = 4;
  auth::AuthOptions auth;
};

struct App {
  std::unique_ptr<Clock> clock;
  std::unique_ptr<crypto::Keys> keys;
  std::unique_ptr<storage::Db> db;
  std::unique_ptr<scheduler::Scheduler> scheduler;
  module::Doors doors;
  std::vector<std::string> room_order;                   // as built
  std::vector<std::unique_ptr<module::Module>> modules;  // in build order
  // The doors subcommands, benchmarks and tests use, owned by `modules`.
  audit::AuditLog* audit = nullptr;
  registry::Registry* registry = nullptr;
  auth::AuthService* auth = nullptr;
  reports::ReportService* reports = nullptr;
  requests::RequestService* requests = nullptr;
  notify::NotificationService* notify = nullptr;
  notices::NoticeService* notices = nullptr;
  reminders::ReminderService* reminders = nullptr;
  visits::VisitService* visits = nullptr;

  template <class Door>
  Door& door() const {
    return doors.get<Door>();
  }
  App() = default;
  App(const App&) = delete;
  App& operator=(const App&) = delete;
  // Rooms go in reverse build order: none outlives a door it was given.
  ~App() {
    while (!modules.empty()) modules.pop_back();
  }
};

// `clock` may be null (the system clock is used).
Result<std::unique_ptr<App>> openApp(const AppOptions& options, std::unique_ptr<Clock> clock = {});

}  // namespace linli::app
