// Answers a request that does not parse with INVALID_ARGUMENT.
//
// When a unary or server-streaming request message fails to parse (bytes
// that are not protobuf, a string field that is not UTF-8, nesting beyond
// protobuf's recursion limit of 100), gRPC's callback handlers never call
// the service and finish the call as UNIMPLEMENTED with an empty message,
// which tells the client the method does not exist. This interceptor notes
// the failed parse and replaces that status with
//   INVALID_ARGUMENT "request: does not parse as kumppani.v1.GetOrganisationRequest
//   (malformed protobuf, a string field that is not valid UTF-8, or nesting
//   deeper than 100 levels)".
// Calls whose request parsed are left alone, as are streaming requests from
// the client (whose end of stream also leaves no message).
//
// Thread safety: the factory is stateless; each call gets its own
// interceptor.
#ifndef KUMPPANI_API_REQUEST_PARSE_INTERCEPTOR_H_
#define KUMPPANI_API_REQUEST_PARSE_INTERCEPTOR_H_

#include "grpcpp/support/server_interceptor.h"

namespace kumppani::api {

class RequestParseInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace kumppani::api

#endif  // KUMPPANI_API_REQUEST_PARSE_INTERCEPTOR_H_
