// Deterministic serialization of messages and event envelopes.
#include "ledger/store/canonical_bytes.h"

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace kumppani::store {

std::string DeterministicBytes(const google::protobuf::Message& message) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    // Serializing an in-memory message to a string cannot fail.
    static_cast<void>(message.SerializeToCodedStream(&coded));
  }
  return out;
}

}  // namespace kumppani::store
