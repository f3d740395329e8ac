#include "app/app.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <filesystem>

#include "app/modules.h"
#include "storage/migrations.h"
#include "storage/postgres/pg_db.h"
#include "storage/sqlite/sqlite_db.h"

namespace linli::app {

Result<std::unique_ptr<App>> openApp(const AppOptions& options, std::unique_ptr<Clock> clock) {
  LINLI_TRY(crypto::initialize());
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec)
    return Status(Code::kUnavailable,
                  "cannot create data directory " + options.data_dir + ": " + ec.message());
  ::chmod(options.data_dir.c_str(), 0700);

  auto app = std::make_unique<App>();
  app->clock = clock ? std::move(clock) : std::make_unique<SystemClock>();
  LINLI_ASSIGN_OR_RETURN(auto keys, crypto::Keys::loadOrCreate(options.data_dir + "/secret.key"));
  app->keys = std::make_unique<crypto::Keys>(keys);
  if (options.db_url.empty()) {
    LINLI_ASSIGN_OR_RETURN(app->db, storage::openSqlite({.path = options.data_dir + "/linli.db",
                                                         .pool_size = options.db_pool}));
  } else if (storage::isPostgresUrl(options.db_url)) {
    LINLI_ASSIGN_OR_RETURN(
        app->db, storage::openPostgres({.url = options.db_url, .pool_size = options.db_pool}));
  } else {
    return invalidArgument("db", "--db must be a postgresql:// URL (or left out for SQLite)");
  }
  LINLI_ASSIGN_OR_RETURN(auto applied, storage::migrate(*app->db, storage::embeddedMigrations()));
  for (const auto& name : applied) spdlog::info("applied migration {}", name);
  app->scheduler = std::make_unique<scheduler::Scheduler>(*app->db, *app->clock);
  LINLI_TRY(access::install(allGrants()));
  // The registry is the places port auth resolves scopes through.
  const module::Base base{*app->db, *app->clock, *app->keys, *app->scheduler};
  auto rooms = allRooms(options);
  LINLI_ASSIGN_OR_RETURN(auto built, module::buildAll(rooms, base, app->doors));
  app->room_order = std::move(built.order);
  app->modules = std::move(built.modules);
  app->audit = &app->door<audit::AuditLog>();
  app->registry = &app->door<registry::Registry>();
  app->auth = &app->door<auth::AuthService>();
  app->reports = &app->door<reports::ReportService>();
  app->requests = &app->door<requests::RequestService>();
  app->notify = &app->door<notify::NotificationService>();
  app->notices = &app->door<notices::NoticeService>();
  app->reminders = &app->door<reminders::ReminderService>();
  app->visits = &app->door<visits::VisitService>();
  for (auto& m : app->modules) LINLI_TRY(m->addJobs(*app->scheduler, app->clock->now()));
  return app;
}

}  // namespace linli::app
