// What a server from Server::Start answers to requests it cannot use, over a
// real socket: bytes that do not parse as the request (INVALID_ARGUMENT
// naming the request type, not gRPC's empty UNIMPLEMENTED), and errors whose
// messages echo a huge value (still their own code, not a client-side
// metadata limit). Both were found by tests/reliability/hostile_input_test.py.
#include <future>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "api/server.h"
#include "api/status_mapping.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "kumppani/v1/ledger_service.grpc.pb.h"

namespace kumppani::api {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// ReadStream answers stream_version 7, or INVALID_ARGUMENT echoing a
// stream_id over 1,000 bytes; Subscribe ends at once; the rest is not
// implemented.
class FakeLedger : public v1::LedgerService::CallbackService {
 public:
  grpc::ServerUnaryReactor* ReadStream(grpc::CallbackServerContext* context,
                                       const v1::ReadStreamRequest* request,
                                       v1::ReadStreamResponse* response) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    if (request->stream_id().size() > 1000) {
      reactor->Finish(ToGrpcStatus(absl::InvalidArgumentError(absl::StrCat(
          "stream_id: must be at most 1000 bytes, got \"", request->stream_id(), "\""))));
      return reactor;
    }
    response->set_stream_version(7);
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  grpc::ServerWriteReactor<v1::SubscribeResponse>* Subscribe(grpc::CallbackServerContext*,
                                                             const v1::SubscribeRequest*) override {
    class Ended : public grpc::ServerWriteReactor<v1::SubscribeResponse> {
     public:
      Ended() { Finish(grpc::Status::OK); }
      void OnDone() override { delete this; }
    };
    return new Ended();
  }
};

class HostileRequestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.shutdown_grace = absl::Seconds(2);
    ServiceSet services;
    services.services.push_back(std::make_unique<FakeLedger>());
    absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options, std::move(services));
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                   grpc::InsecureChannelCredentials());
  }

  // Sends `bytes` as they are to `method`; the reply's bytes go to `reply`.
  grpc::Status Call(const std::string& method, const std::string& bytes,
                    std::string* reply = nullptr) {
    grpc::GenericStub stub(channel_);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                   [&done](grpc::Status status) { done.set_value(status); });
    grpc::Status status = done.get_future().get();
    if (status.ok() && reply != nullptr) {
      std::vector<grpc::Slice> slices;
      EXPECT_TRUE(response.Dump(&slices).ok());
      reply->clear();
      for (const grpc::Slice& s : slices) {
        reply->append(reinterpret_cast<const char*>(s.begin()), s.size());
      }
    }
    return status;
  }

  // A ReadStreamRequest whose stream_id is `stream_id`, serialized.
  static std::string ReadStreamBytes(const std::string& stream_id) {
    v1::ReadStreamRequest request;
    request.set_stream_id(stream_id);
    return request.SerializeAsString();
  }

  // An unknown field of `depth` nested groups (field 127, wire type 3/4).
  static std::string NestedGroups(int depth) {
    std::string bytes;
    for (int i = 0; i < depth; ++i) bytes += "\xfb\x07";
    for (int i = 0; i < depth; ++i) bytes += "\xfc\x07";
    return bytes;
  }

  std::unique_ptr<Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

constexpr char kReadStream[] = "/kumppani.v1.LedgerService/ReadStream";

TEST_F(HostileRequestsTest, ParsableRequestsReachTheService) {
  std::string reply;
  grpc::Status status = Call(kReadStream, ReadStreamBytes("note-1"), &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::ReadStreamResponse response;
  ASSERT_TRUE(response.ParseFromString(reply));
  EXPECT_EQ(response.stream_version(), 7u);
  // Unknown fields nested within protobuf's recursion limit are ignored.
  EXPECT_TRUE(Call(kReadStream, ReadStreamBytes("note-1") + NestedGroups(50)).ok());
}

TEST_F(HostileRequestsTest, UnparsableRequestsAreInvalidArgumentNamingTheType) {
  const std::string not_utf8 =
      absl::StrReplaceAll(ReadStreamBytes("note-MARK"), {{"MARK", "\xff\xfe\xc3\x28"}});
  for (const std::string& bytes :
       {not_utf8, std::string("\xff\xff\xff\xff"), std::string("\x0a\x05\x61\x62", 4),
        ReadStreamBytes("note-1") + NestedGroups(200)}) {
    grpc::Status status = Call(kReadStream, bytes);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(),
                StartsWith("request: does not parse as kumppani.v1.ReadStreamRequest ("));
  }
  // A server-streaming method: the stream ends with the same status.
  grpc::Status status = Call("/kumppani.v1.LedgerService/Subscribe", "\xff\xff");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("kumppani.v1.SubscribeRequest"));
}

TEST_F(HostileRequestsTest, MethodsNotImplementedStayUnimplemented) {
  v1::ReadAllRequest request;
  request.set_page_size(1);
  grpc::Status status = Call("/kumppani.v1.LedgerService/ReadAll", request.SerializeAsString());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  status = Call("/kumppani.v1.NoSuchService/Method", "");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(HostileRequestsTest, ErrorsEchoingHugeValuesKeepTheirCode) {
  for (size_t size : {2'000, 100'000, 1'000'000}) {
    grpc::Status status = Call(kReadStream, ReadStreamBytes(std::string(size, 'x')));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << size;
    EXPECT_THAT(status.error_message(),
                StartsWith("stream_id: must be at most 1000 bytes, got \"xxx"));
    EXPECT_THAT(status.error_message(), EndsWith(" more bytes left out)"));
    EXPECT_LE(status.error_message().size(), 1100u);
  }
}

}  // namespace
}  // namespace kumppani::api
