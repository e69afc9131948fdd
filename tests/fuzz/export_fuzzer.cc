// Fuzz target: the open-data converters (tools/kumppani/export) given
// whatever a server could answer the gatherer: a ViewsInput
// (fuzz_inputs.proto) becomes a Popolo document, a 360Giving package and
// OCDS release and record packages. Invariants: nothing crashes; every file
// is valid JSON (whatever bytes the ledger's texts hold); the bytes are the
// same when made twice.
#include <string>
#include <vector>

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "tests/fuzz/fuzz_inputs.pb.h"
#include "tests/fuzz/fuzz_target.h"
#include "tools/kumppani/export/ocds.h"
#include "tools/kumppani/export/popolo.h"
#include "tools/kumppani/export/threesixty_giving.h"

namespace kumppani::fuzz {
namespace {

template <typename T>
std::vector<T> Listed(const google::protobuf::RepeatedPtrField<T>& field) {
  return std::vector<T>(field.begin(), field.end());
}

exports::ReadPoint PointOf(const ViewsInput& in) {
  exports::ReadPoint point;
  point.position = in.position();
  point.recorded_at = in.recorded_at();
  point.as_of = in.as_of();
  point.region_organisation_id = in.region_organisation_id();
  return point;
}

std::string Files(const ViewsInput& in) {
  exports::ReadPoint point = PointOf(in);
  exports::PopoloInput popolo;
  popolo.organisations = Listed(in.organisations());
  popolo.bodies = Listed(in.bodies());
  popolo.memberships = Listed(in.memberships());
  popolo.meetings = Listed(in.meetings());
  exports::GrantsInput grants;
  grants.grants = Listed(in.grants());
  grants.programmes = Listed(in.programmes());
  grants.organisations = Listed(in.organisations());
  exports::OcdsInput ocds;
  ocds.consultations = Listed(in.consultations());
  ocds.grants = Listed(in.grants());
  ocds.programmes = Listed(in.programmes());
  ocds.organisations = Listed(in.organisations());
  ocds.bodies = Listed(in.bodies());
  std::string all;
  for (const exports::Json& file :
       {exports::PopoloDocument(popolo, point), exports::ThreeSixtyGivingPackage(grants, point),
        exports::OcdsReleasePackage(ocds, point), exports::OcdsRecordPackage(ocds, point)}) {
    std::string json = file.Serialize();
    google::protobuf::Struct parsed;
    auto valid = google::protobuf::util::JsonStringToMessage(json, &parsed);
    FuzzCheck(valid.ok(), "an export is not valid JSON", valid.ToString() + "\n" + json);
    all += json;
    all += '\f';
  }
  return all;
}

}  // namespace
}  // namespace kumppani::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kumppani::fuzz::ViewsInput input;
  if (!input.ParseFromArray(data, static_cast<int>(size))) return 0;
  std::string first = kumppani::fuzz::Files(input);
  kumppani::fuzz::FuzzCheck(kumppani::fuzz::Files(input) == first,
                            "an export differs between two runs");
  return 0;
}
