// How load_soak's clients reach the server: a channel of each client
// thread's own (a separate HTTP/2 connection, as separate client processes
// would have), and the per-call context with the bearer token and a
// deadline.
#ifndef KUMPPANI_BENCH_LOAD_SOAK_CLIENT_H_
#define KUMPPANI_BENCH_LOAD_SOAK_CLIENT_H_

#include <chrono>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace kumppani::bench {

// Deadline of a unary call. A call that takes longer is an error
// (DEADLINE_EXCEEDED), not a slow figure.
inline constexpr int kCallDeadlineSeconds = 30;

// A connected channel to `address` with a subchannel of its own; `client`
// only makes its arguments distinct. UNAVAILABLE when it cannot connect
// within 10 s.
absl::StatusOr<std::shared_ptr<grpc::Channel>> NewChannel(const std::string& address, int client);

// Adds "authorization: Bearer <token>" (unless `token` is empty) and, when
// `deadline_seconds` > 0, a deadline.
void PrepareContext(grpc::ClientContext& context, const std::string& token,
                    int deadline_seconds = kCallDeadlineSeconds);

// Microseconds since `start` on the steady clock.
inline double MicrosSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace kumppani::bench

#endif  // KUMPPANI_BENCH_LOAD_SOAK_CLIENT_H_
