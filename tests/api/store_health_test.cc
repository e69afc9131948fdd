// kumppanid's StoreHealth: the health service turns NOT_SERVING once the
// store stops accepting appends, whether that happens before the server has
// started or while it serves, and a stopped server is left alone.
#include "tools/kumppanid/store_health.h"

#include <memory>

#include "api/server.h"
#include "gtest/gtest.h"
#include "tests/api/grpc_probe.h"

namespace kumppani::kumppanid {
namespace {

using ::kumppani::testing::CheckHealth;
using ::kumppani::testing::kNotServing;
using ::kumppani::testing::kServing;

std::unique_ptr<api::Server> StartServer() {
  api::ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<api::Server>> server =
      api::Server::Start(options, api::ServiceSet());
  EXPECT_TRUE(server.ok()) << server.status();
  return server.ok() ? *std::move(server) : nullptr;
}

int Health(api::Server& server) {
  absl::StatusOr<int> health = CheckHealth(server.InProcessChannel());
  EXPECT_TRUE(health.ok()) << health.status();
  return health.ok() ? *health : -1;
}

const absl::Status kDiskFull = absl::ResourceExhaustedError("No space left on device");

TEST(StoreHealthTest, FailureWhileServingTurnsHealthNotServing) {
  std::unique_ptr<api::Server> server = StartServer();
  ASSERT_NE(server, nullptr);
  StoreHealth health;
  health.Attach(server.get());
  EXPECT_EQ(Health(*server), kServing);
  health.OnStoreFailure(kDiskFull);
  EXPECT_EQ(Health(*server), kNotServing);
  health.Attach(nullptr);
}

TEST(StoreHealthTest, FailureBeforeTheServerStartedShowsOnceItIsAttached) {
  StoreHealth health;
  health.OnStoreFailure(kDiskFull);
  std::unique_ptr<api::Server> server = StartServer();
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(Health(*server), kServing);
  health.Attach(server.get());
  EXPECT_EQ(Health(*server), kNotServing);
  health.Attach(nullptr);
}

TEST(StoreHealthTest, DetachedServerIsLeftAlone) {
  std::unique_ptr<api::Server> server = StartServer();
  ASSERT_NE(server, nullptr);
  StoreHealth health;
  health.Attach(server.get());
  health.Attach(nullptr);
  health.OnStoreFailure(kDiskFull);
  EXPECT_EQ(Health(*server), kServing);
}

}  // namespace
}  // namespace kumppani::kumppanid
