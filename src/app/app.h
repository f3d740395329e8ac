// App: the composition root shared by every subcommand. Opens the data
// directory (creating it, the secret key file and the database), applies
// migrations, and builds the modules with their dependencies injected.
#pragma once

#include <memory>
#include <string>

#include "audit/audit.h"
#include "auth/auth.h"
#include "common/clock.h"
#include "crypto/keys.h"
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
  std::string data_dir = "./data";
  int db_pool = 4;
  auth::AuthOptions auth;
};

struct App {
  std::unique_ptr<Clock> clock;
  std::unique_ptr<crypto::Keys> keys;
  std::unique_ptr<storage::Db> db;
  std::unique_ptr<registry::Registry> registry;
  std::unique_ptr<audit::AuditLog> audit;
  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<reports::ReportService> reports;  // index filled by reports->start()
  std::unique_ptr<requests::RequestService> requests;
  std::unique_ptr<scheduler::Scheduler> scheduler;
  std::unique_ptr<notify::NotificationService> notify;
  std::unique_ptr<reminders::ReminderService> reminders;
  std::unique_ptr<visits::VisitService> visits;
};

// `clock` may be null (the system clock is used).
Result<std::unique_ptr<App>> openApp(const AppOptions& options, std::unique_ptr<Clock> clock = {});

}  // namespace linli::app
