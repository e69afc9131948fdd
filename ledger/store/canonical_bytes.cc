// Deterministic serialization of messages and event envelopes.
#include "ledger/store/canonical_bytes.h"

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace kumppani::store {

std::string DeterministicBytes(const google::protobuf::Message& message) {
  std::string out;
  DeterministicBytesInto(message, out);
  return out;
}

void DeterministicBytesInto(const google::protobuf::Message& message, std::string& out) {
  // Sized first, then written in one go into exactly that room.
  out.resize(message.ByteSizeLong());
  google::protobuf::io::ArrayOutputStream array(out.data(), static_cast<int>(out.size()));
  google::protobuf::io::CodedOutputStream coded(&array);
  coded.SetSerializationDeterministic(true);
  message.SerializeWithCachedSizes(&coded);
}

}  // namespace kumppani::store
