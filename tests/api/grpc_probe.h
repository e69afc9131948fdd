// Minimal clients of the two standard services every Kumppani server offers,
// grpc.health.v1.Health and grpc.reflection.v1alpha.ServerReflection, over a
// generic stub with hand-encoded messages: Debian's gRPC installs neither
// service's generated C++ code. For tests only.
#ifndef KUMPPANI_TESTS_API_GRPC_PROBE_H_
#define KUMPPANI_TESTS_API_GRPC_PROBE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"

namespace kumppani::testing {

// HealthCheckResponse.ServingStatus values.
inline constexpr int kServing = 1;
inline constexpr int kNotServing = 2;

// Calls Health/Check for `service` ("" for the whole server) and returns the
// serving status; the call's error otherwise. Waits up to 10 s.
absl::StatusOr<int> CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                                const std::string& service = "");

// Lists the server's services through reflection (ListServices).
absl::StatusOr<std::vector<std::string>> ListServices(
    const std::shared_ptr<grpc::Channel>& channel);

}  // namespace kumppani::testing

#endif  // KUMPPANI_TESTS_API_GRPC_PROBE_H_
