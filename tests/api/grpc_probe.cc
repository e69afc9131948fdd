// Health and reflection calls over grpc::GenericStub, decoded with protobuf's
// wire-format reader.
#include "tests/api/grpc_probe.h"

#include <chrono>
#include <future>

#include "absl/strings/str_cat.h"
#include "api/status_mapping.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/client_callback.h"

namespace kumppani::testing {
namespace {

using google::protobuf::internal::WireFormatLite;

std::string EncodeStringField(int number, const std::string& value) {
  std::string out;
  out.push_back(static_cast<char>((number << 3) | 2));
  size_t length = value.size();
  do {  // varint
    uint8_t byte = length & 0x7F;
    length >>= 7;
    out.push_back(static_cast<char>(length != 0 ? byte | 0x80 : byte));
  } while (length != 0);
  out += value;
  return out;
}

std::string ToString(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const grpc::Slice& slice : slices) {
    out.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return out;
}

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
}

// Calls `visit(number, payload)` for every length-delimited field of
// `message`; false when the bytes are not a protobuf message.
template <typename Visit>
bool ForEachBytesField(const std::string& message, Visit visit) {
  google::protobuf::io::CodedInputStream input(reinterpret_cast<const uint8_t*>(message.data()),
                                               static_cast<int>(message.size()));
  while (uint32_t tag = input.ReadTag()) {
    if (WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      std::string payload;
      if (!WireFormatLite::ReadBytes(&input, &payload)) return false;
      visit(WireFormatLite::GetTagFieldNumber(tag), payload);
    } else if (!WireFormatLite::SkipField(&input, tag)) {
      return false;
    }
  }
  return input.ConsumedEntireMessage();
}

// One request, one response, on a bidi stream.
class OneShotBidi : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  OneShotBidi(grpc::GenericStub& stub, const std::string& method, const std::string& request)
      : request_(ToBuffer(request)) {
    SetDeadline(context_);
    stub.PrepareBidiStreamingCall(&context_, method, grpc::StubOptions(), this);
    StartWrite(&request_);
    StartRead(&response_);
    StartCall();
  }
  void OnWriteDone(bool) override { StartWritesDone(); }
  void OnReadDone(bool ok) override { got_response_ = ok; }
  void OnDone(const grpc::Status& status) override { done_.set_value(status); }

  absl::StatusOr<std::string> Wait() {
    grpc::Status status = done_.get_future().get();
    if (!status.ok()) return api::FromGrpcStatus(status);
    if (!got_response_) return absl::DataLossError("the stream ended without a response");
    return ToString(response_);
  }

 private:
  grpc::ClientContext context_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
  bool got_response_ = false;
  std::promise<grpc::Status> done_;
};

}  // namespace

absl::StatusOr<int> CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                                const std::string& service) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  SetDeadline(context);
  grpc::ByteBuffer request = ToBuffer(service.empty() ? "" : EncodeStringField(1, service));
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(status); });
  grpc::Status status = done.get_future().get();
  if (!status.ok()) return api::FromGrpcStatus(status);
  // HealthCheckResponse { ServingStatus status = 1; }; absent means 0 (UNKNOWN).
  std::string bytes = ToString(response);
  google::protobuf::io::CodedInputStream input(reinterpret_cast<const uint8_t*>(bytes.data()),
                                               static_cast<int>(bytes.size()));
  int serving = 0;
  while (uint32_t tag = input.ReadTag()) {
    uint32_t value = 0;
    if (tag == WireFormatLite::MakeTag(1, WireFormatLite::WIRETYPE_VARINT) &&
        input.ReadVarint32(&value)) {
      serving = static_cast<int>(value);
    } else if (!WireFormatLite::SkipField(&input, tag)) {
      return absl::DataLossError("malformed HealthCheckResponse");
    }
  }
  return serving;
}

absl::StatusOr<std::vector<std::string>> ListServices(
    const std::shared_ptr<grpc::Channel>& channel) {
  grpc::GenericStub stub(channel);
  // ServerReflectionRequest { string list_services = 7; } set to "".
  OneShotBidi call(stub, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                   EncodeStringField(7, ""));
  absl::StatusOr<std::string> response = call.Wait();
  if (!response.ok()) return response.status();
  // ServerReflectionResponse { ListServiceResponse list_services_response = 6; }
  // ListServiceResponse { repeated ServiceResponse service = 1; }
  // ServiceResponse { string name = 1; }
  std::vector<std::string> names;
  bool well_formed = ForEachBytesField(*response, [&](int number, const std::string& list) {
    if (number != 6) return;
    ForEachBytesField(list, [&](int service_field, const std::string& service) {
      if (service_field != 1) return;
      ForEachBytesField(service, [&](int name_field, const std::string& name) {
        if (name_field == 1) names.push_back(name);
      });
    });
  });
  if (!well_formed) return absl::DataLossError("malformed ServerReflectionResponse");
  return names;
}

}  // namespace kumppani::testing
