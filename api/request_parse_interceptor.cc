// INVALID_ARGUMENT instead of gRPC's empty UNIMPLEMENTED for requests that do
// not parse.
#include "api/request_parse_interceptor.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"

namespace kumppani::api {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::ServerRpcInfo;

// "kumppani.v1.GetOrganisationRequest" for "/kumppani.v1.RegistryService/
// GetOrganisation", from the generated descriptors; the method path when
// the method is not a protobuf one.
std::string RequestTypeName(absl::string_view method) {
  absl::string_view path = method;
  if (absl::ConsumePrefix(&path, "/")) {
    std::string full_name = absl::StrReplaceAll(path, {{"/", "."}});
    const google::protobuf::MethodDescriptor* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(full_name);
    if (descriptor != nullptr) return descriptor->input_type()->full_name();
  }
  return absl::StrCat("the request of ", method);
}

class RequestParseInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit RequestParseInterceptor(const char* method) : method_(method) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    // The server deserializes the request before POST_RECV_MESSAGE; a
    // request that did not parse is a null message here.
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      unparsable_ = true;
    }
    if (unparsable_ &&
        methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
        !methods->GetSendStatus().ok()) {
      methods->ModifySendStatus(grpc::Status(
          grpc::StatusCode::INVALID_ARGUMENT,
          absl::StrCat("request: does not parse as ", RequestTypeName(method_),
                       " (malformed protobuf, a string field that is not valid UTF-8, or nesting "
                       "deeper than 100 levels)")));
    }
    methods->Proceed();
  }

 private:
  const char* const method_;
  bool unparsable_ = false;
};

}  // namespace

grpc::experimental::Interceptor* RequestParseInterceptorFactory::CreateServerInterceptor(
    ServerRpcInfo* info) {
  // Only these types receive exactly one message before the handler runs.
  if (info->type() != ServerRpcInfo::Type::UNARY &&
      info->type() != ServerRpcInfo::Type::SERVER_STREAMING) {
    return nullptr;
  }
  return new RequestParseInterceptor(info->method());
}

}  // namespace kumppani::api
