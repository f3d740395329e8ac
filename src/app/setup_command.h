// `linli setup --data-dir DIR [--street-name N --street-code C --admin-username U
// --admin-password P]`: a real street's first start. Creates the database, the
// street (its 12-digit area code checked; its first 6 digits fix the county of
// every community) and its first street_admin (the password policy applies),
// in one transaction; asks on a terminal for whatever the flags left out.
// Refuses when a street exists already. Prints what to do next.
// `operatorScope` is `linli user add`'s default scope: the only street, or a
// clear error telling the operator to run setup first.
#pragma once

#include <string>

#include "app/app.h"

namespace linli::app {

struct SetupCommand {
  std::string data_dir = "./data";
  std::string db_url;  // empty: SQLite in data_dir
  std::string street_name, street_code, admin_username, admin_password;
};

int runSetup(const SetupCommand& command);

Result<Scope> operatorScope(App& app);

}  // namespace linli::app
