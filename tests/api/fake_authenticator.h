// A fixed token → principal table for in-process service tests: one token
// per role, an ngo token scoped to "org-ngo" and a second public token.
#ifndef KUMPPANI_TESTS_API_FAKE_AUTHENTICATOR_H_
#define KUMPPANI_TESTS_API_FAKE_AUTHENTICATOR_H_

#include <map>
#include <memory>
#include <string>

#include "api/authenticator.h"
#include "grpcpp/client_context.h"

namespace kumppani::api::testing {

inline constexpr char kAdmin[] = "admin-token";
inline constexpr char kRecorder[] = "recorder-token";
inline constexpr char kNgo[] = "ngo-token";
inline constexpr char kAuditor[] = "auditor-token";
inline constexpr char kPublic[] = "public-token";
inline constexpr char kPublic2[] = "public-token-2";

// Maps "authorization: Bearer <token>" to a fixed principal; actors are
// "token:<role>" ("token:public-2" for kPublic2).
class FakeAuthenticator final : public Authenticator {
 public:
  FakeAuthenticator() {
    principals_[kAdmin] = {Role::kAdmin, "", "token:admin"};
    principals_[kRecorder] = {Role::kRecorder, "", "token:recorder"};
    principals_[kNgo] = {Role::kNgo, "org-ngo", "token:ngo"};
    principals_[kAuditor] = {Role::kAuditor, "", "token:auditor"};
    principals_[kPublic] = {Role::kPublic, "", "token:public"};
    principals_[kPublic2] = {Role::kPublic, "", "token:public-2"};
  }

  // Scopes the ngo token to another organisation.
  void SetNgoOrganisation(const std::string& organisation_id) {
    principals_[kNgo].organisation_id = organisation_id;
  }

  absl::StatusOr<Principal> Authenticate(const grpc::ServerContextBase& context) const override {
    auto header = context.client_metadata().find("authorization");
    if (header == context.client_metadata().end()) {
      return absl::UnauthenticatedError("authorization: no bearer token");
    }
    std::string value(header->second.data(), header->second.size());
    auto principal = value.starts_with("Bearer ") ? principals_.find(value.substr(7))
                                                  : principals_.end();
    if (principal == principals_.end()) return absl::UnauthenticatedError("unknown token");
    return principal->second;
  }

 private:
  std::map<std::string, Principal> principals_;
};

// A client context carrying `token` (none when empty) and a 60 s deadline.
inline std::unique_ptr<grpc::ClientContext> Context(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  return context;
}

}  // namespace kumppani::api::testing

#endif  // KUMPPANI_TESTS_API_FAKE_AUTHENTICATOR_H_
