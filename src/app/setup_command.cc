#include "app/setup_command.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace linli::app {

namespace {

// One line from the terminal; without echo for a password.
std::string ask(const std::string& prompt, bool secret) {
  std::cerr << prompt << std::flush;
  termios before{};
  const bool hide = secret && tcgetattr(STDIN_FILENO, &before) == 0;
  if (hide) {
    termios quiet = before;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (hide) {
    tcsetattr(STDIN_FILENO, TCSANOW, &before);
    std::cerr << "\n";
  }
  return line;
}

// Fills what the flags left out, from the terminal; false when one is missing
// and there is no terminal to ask.
bool complete(SetupCommand& c) {
  const bool tty = isatty(STDIN_FILENO);
  struct Field {
    std::string& value;
    const char *flag, *prompt;
    bool secret;
  };
  for (Field f :
       {Field{c.street_name, "--street-name", "街道名称 (street name): ", false},
        Field{c.street_code, "--street-code",
              "街道统计用区划代码, 12 位 (street's area code, 12 digits): ", false},
        Field{c.admin_username, "--admin-username", "街道管理员登录名 (admin username): ", false},
        Field{c.admin_password, "--admin-password",
              "街道管理员密码, 至少 10 位 (admin password, 10+ characters): ", true}}) {
    if (!f.value.empty()) continue;
    if (!tty) {
      std::cerr << "linli setup: " << f.flag << " is required (or run it on a terminal)\n";
      return false;
    }
    f.value = ask(f.prompt, f.secret);
    if (f.secret && !f.value.empty() && ask("再输入一次 (again): ", true) != f.value) {
      std::cerr << "linli setup: the passwords differ\n";
      return false;
    }
  }
  return true;
}

}  // namespace

int runSetup(const SetupCommand& command) {
  SetupCommand c = command;
  auto opened = openApp({.data_dir = c.data_dir, .db_url = c.db_url});
  if (!opened.ok()) {
    std::cerr << "linli: " << opened.status().toString() << "\n";
    return 1;
  }
  App& app = **opened;
  auto existing = app.registry->firstStreetId();
  if (!existing.ok()) {
    std::cerr << "linli: " << existing.status().toString() << "\n";
    return 1;
  }
  if (*existing) {
    std::cerr << "linli setup: a street exists already in " << c.data_dir
              << "; setup runs once. Log in as its street admin, or add users with "
                 "`linli user add`.\n";
    return 1;
  }
  if (!complete(c)) return 2;
  int64_t street_id = 0;
  auto user = app.auth->addUserWithPlace(
      {c.admin_username, c.admin_username, c.admin_password, "street_admin", {}},
      [&](storage::Tx& tx) -> Result<Scope> {
        LINLI_ASSIGN_OR_RETURN(street_id,
                               app.registry->setupStreet(tx, c.street_code, c.street_name));
        return Scope{ScopeKind::kStreet, street_id};
      });
  if (!user.ok()) {
    std::cerr << "linli setup: " << user.status().toString() << "\nNothing was written.\n";
    return user.status().code() == Code::kInvalidArgument ? 2 : 1;
  }
  std::cout << "Created the street " << c.street_name << " (" << c.street_code << ", id "
            << street_id << ") and its street admin " << user->username << ".\n\n"
            << "Next:\n"
            << "  1. linli serve --data-dir " << c.data_dir << "   (without --demo)\n"
            << "  2. Open the web UI and log in as " << user->username << ".\n"
            << "  3. 管理 → 社区与网格 (Places): add the communities (area codes beginning "
            << c.street_code.substr(0, 9) << ") and their grids,\n"
            << "     or import them from a spreadsheet with the columns 街道, 社区, 网格, "
               "区划代码.\n"
            << "  4. Add the grid workers and community admins (用户管理, or linli user add),\n"
            << "     set each grid's worker, then import residents (居民导入, or linli import "
               "residents FILE).\n";
  return 0;
}

Result<Scope> operatorScope(App& app) {
  LINLI_ASSIGN_OR_RETURN(auto street, app.registry->firstStreetId());
  if (!street)
    return Status(Code::kFailedPrecondition,
                  "there is no street yet: run `linli setup --data-dir DIR` first (it creates the "
                  "street and its first admin)");
  return Scope{ScopeKind::kStreet, *street};
}

}  // namespace linli::app
