// Deterministic protobuf serialization: the same message always gives the
// same bytes. An event's canonical bytes (docs/verification.md) are this
// serialization of its EventEnvelope.
#ifndef KUMPPANI_TOOLS_KUMPPANI_DETERMINISTIC_BYTES_H_
#define KUMPPANI_TOOLS_KUMPPANI_DETERMINISTIC_BYTES_H_

#include <string>

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/message.h"

namespace kumppani::cli {

inline std::string DeterministicBytes(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return bytes;
}

}  // namespace kumppani::cli

#endif  // KUMPPANI_TOOLS_KUMPPANI_DETERMINISTIC_BYTES_H_
