#include "app/app.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <filesystem>

#include "storage/migrations.h"
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
  LINLI_ASSIGN_OR_RETURN(app->db, storage::openSqlite({.path = options.data_dir + "/linli.db",
                                                       .pool_size = options.db_pool}));
  LINLI_ASSIGN_OR_RETURN(auto applied, storage::migrate(*app->db, storage::embeddedMigrations()));
  for (const auto& name : applied) spdlog::info("applied migration {}", name);
  app->audit = std::make_unique<audit::AuditLog>(*app->db, *app->clock);
  app->registry = std::make_unique<registry::Registry>(*app->db, *app->clock, app->keys.get(),
                                                       app->audit.get());
  app->auth = std::make_unique<auth::AuthService>(*app->db, *app->clock, *app->keys, *app->registry,
                                                  *app->audit, options.auth);
  app->reports = std::make_unique<reports::ReportService>(*app->db, *app->clock, *app->registry,
                                                          app->audit.get());
  app->scheduler = std::make_unique<scheduler::Scheduler>(*app->db, *app->clock);
  app->requests = std::make_unique<requests::RequestService>(
      *app->db, *app->clock, *app->registry, *app->auth, app->keys.get(), app->audit.get(),
      app->scheduler.get());
  requests::registerJobs(*app->scheduler, *app->requests);
  app->notify = std::make_unique<notify::NotificationService>(
      *app->db, *app->clock, app->keys.get(), *app->registry, *app->reports, app->audit.get());
  app->requests->setNotifier(app->notify.get());
  app->reminders = std::make_unique<reminders::ReminderService>(
      *app->db, *app->clock, *app->auth, *app->registry, *app->notify, *app->reports);
  app->visits =
      std::make_unique<visits::VisitService>(*app->db, *app->clock, *app->auth, *app->registry,
                                             *app->reports, *app->requests, *app->notify);
  return app;
}

}  // namespace linli::app
