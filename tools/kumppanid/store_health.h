// Ties the health service to the event store: once the store stops
// accepting appends (a failed disk write, e.g. a full disk), the server
// answers health checks NOT_SERVING until it is restarted. The store fails
// on its commit or sync thread, possibly before the server has started or
// while it stops; both are covered.
#ifndef KUMPPANI_TOOLS_KUMPPANID_STORE_HEALTH_H_
#define KUMPPANI_TOOLS_KUMPPANID_STORE_HEALTH_H_

#include <mutex>

#include "absl/status/status.h"
#include "api/server.h"

namespace kumppani::kumppanid {

class StoreHealth {
 public:
  // store::StoreOptions::on_failure.
  void OnStoreFailure(const absl::Status&) {
    std::lock_guard<std::mutex> lock(mu_);
    failed_ = true;
    if (server_ != nullptr) server_->SetServing(false);
  }

  // The server to tell, from its start until (with nullptr) its shutdown.
  void Attach(api::Server* server) {
    std::lock_guard<std::mutex> lock(mu_);
    server_ = server;
    if (server_ != nullptr && failed_) server_->SetServing(false);
  }

 private:
  std::mutex mu_;
  bool failed_ = false;            // guarded by mu_
  api::Server* server_ = nullptr;  // guarded by mu_
};

}  // namespace kumppani::kumppanid

#endif  // KUMPPANI_TOOLS_KUMPPANID_STORE_HEALTH_H_
