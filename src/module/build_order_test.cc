#include <gtest/gtest.h>

#include "module/module.h"
#include "scheduler/scheduler.h"
#include "storage/sqlite/sqlite_db.h"
#include "testing/temp_dir.h"

namespace linli::module {
namespace {

struct Low {
  int value = 1;
};
struct Mid {
  Low& low;
};
struct High {
  Mid& mid;
};
struct Port {
  virtual ~Port() = default;
  virtual int answer() const = 0;
};
struct Served final : Port {
  int answer() const override { return 42; }
};

template <class T>
struct Owning final : Module {
  explicit Owning(T v) : value(std::move(v)) {}
  T value;
};

RoomDef low() {
  return room<Low>("low", nullptr, [](const Base&) {
    auto m = std::make_unique<Owning<Low>>(Low{});
    Low* door = &m->value;
    return std::pair{std::move(m), door};
  });
}
RoomDef mid() {
  return room<Mid, Low>("mid", nullptr, [](const Base&, Low& l) {
    auto m = std::make_unique<Owning<Mid>>(Mid{l});
    Mid* door = &m->value;
    return std::pair{std::move(m), door};
  });
}
RoomDef high() {
  return room<High, Mid>("high", nullptr, [](const Base&, Mid& m) {
    auto built = std::make_unique<Owning<High>>(High{m});
    High* door = &built->value;
    return std::pair{std::move(built), door};
  });
}

// What every room is given: a real database, clock, keys and scheduler.
class Infrastructure {
 public:
  Infrastructure()
      : clock_(0),
        keys_(crypto::Keys::fromBytes({})),
        db_(storage::openSqlite({.path = dir_.path() + "/t.db", .pool_size = 1}).value()),
        scheduler_(*db_, clock_) {}
  Base base() { return {*db_, clock_, keys_, scheduler_}; }

 private:
  testing::TempDir dir_;
  SimulatedClock clock_;
  crypto::Keys keys_;
  std::unique_ptr<storage::Db> db_;
  scheduler::Scheduler scheduler_;
};

const Base& noBase() {
  static Infrastructure infra;
  static Base base = infra.base();
  return base;
}

TEST(BuildOrder, RoomsAreBuiltAfterWhatTheyNeedWhateverTheListOrder) {
  Doors doors;
  auto built = buildAll({high(), low(), mid()}, noBase(), doors);
  ASSERT_TRUE(built.ok()) << built.status().toString();
  EXPECT_EQ(built->order, (std::vector<std::string>{"low", "mid", "high"}));
  EXPECT_EQ(doors.get<High>().mid.low.value, 1);
}

TEST(BuildOrder, ANeedNobodyOffersIsRefusedNamingTheRoom) {
  Doors doors;
  auto built = buildAll({high(), low()}, noBase(), doors);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(built.status().message().find("high"), std::string::npos);
}

TEST(BuildOrder, RoomsThatNeedEachOtherAreACycle) {
  RoomDef a = room<Low, Mid>("a", nullptr, [](const Base&, Mid&) {
    auto m = std::make_unique<Owning<Low>>(Low{});
    Low* door = &m->value;
    return std::pair{std::move(m), door};
  });
  Doors doors;
  auto built = buildAll({a, mid()}, noBase(), doors);
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.status().message().find("need each other"), std::string::npos);
}

TEST(BuildOrder, TwoRoomsOfferingOneDoorAreRefused) {
  Doors doors;
  EXPECT_EQ(buildAll({low(), low()}, noBase(), doors).status().code(), Code::kFailedPrecondition);
}

TEST(BuildOrder, ADoorServesThePortItImplements) {
  RoomDef served = alsoServes<Port, Served>(room<Served>("served", nullptr, [](const Base&) {
    auto m = std::make_unique<Owning<Served>>(Served{});
    Served* door = &m->value;
    return std::pair{std::move(m), door};
  }));
  RoomDef user = room<Low, Port>("user", nullptr, [](const Base&, Port& p) {
    auto m = std::make_unique<Owning<Low>>(Low{p.answer()});
    Low* door = &m->value;
    return std::pair{std::move(m), door};
  });
  Doors doors;
  auto built = buildAll({user, served}, noBase(), doors);
  ASSERT_TRUE(built.ok()) << built.status().toString();
  EXPECT_EQ(doors.get<Low>().value, 42);
}

}  // namespace
}  // namespace linli::module
