// Test fixture for the registry read models: the projection fixture running
// RegistryProjections, with helpers to register organisations, persons and
// bodies, take the registry views, and compare query results exactly with
// messages written in text format.
#ifndef KUMPPANI_TESTS_PROJECTIONS_REGISTRY_FIXTURE_H_
#define KUMPPANI_TESTS_PROJECTIONS_REGISTRY_FIXTURE_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "ledger/projections/registry/registry_keys.h"
#include "ledger/projections/registry/registry_projections.h"
#include "tests/projections/projection_fixture.h"

namespace kumppani::projections::testing {

// The value of `result`, failing the test (and returning T{}) on an error.
template <typename T>
T Value(const absl::StatusOr<T>& result) {
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *result : T{};
}

// `actual` equals the message of its type written as `expected` in text
// format, field by field (repeated fields in order).
inline void ExpectProto(const google::protobuf::Message& actual, const std::string& expected) {
  std::unique_ptr<google::protobuf::Message> want(actual.New());
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(expected, want.get())) << expected;
  std::string diff;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(*want, actual)) << diff << "\nactual:\n" << actual.DebugString();
}

inline v1::Date D(int year, int month, int day) {
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

class RegistryTest : public ProjectionTest {
 protected:
  RegistryTest() : ProjectionTest(RegistryProjections) {}

  // Registers `id` with its id as Finnish name; `extra` adds fields.
  domain::CommandResult RegisterOrg(const std::string& id,
                                    const std::string& kind = "ORGANISATION_KIND_ASSOCIATION",
                                    const std::string& extra = "") {
    return Ok(absl::StrCat("register_organisation { organisation_id: \"", id, "\" kind: ", kind,
                           " name { fi: \"", id, "\" authoritative: LANGUAGE_FI } ", extra, " }"));
  }
  domain::CommandResult RegisterPerson(const std::string& id, const std::string& name) {
    return Ok(absl::StrCat("register_person { person_id: \"", id,
                           "\" personal_data { full_name: \"", name, "\" } }"));
  }
  domain::CommandResult EstablishBody(const std::string& id, const std::string& parent,
                                      const std::string& date) {
    return Ok(absl::StrCat("establish_body { body_id: \"", id,
                           "\" kind: BODY_KIND_PARTNERSHIP_TABLE name { fi: \"Pöytä\" "
                           "authoritative: LANGUAGE_FI } parent_organisation_id: \"",
                           parent, "\" mandate { fi: \"Alkuperäinen\" authoritative: LANGUAGE_FI }",
                           " established_on { ", date, " } }"));
  }
  domain::CommandResult AddSeat(const std::string& body, const std::string& seat,
                                const std::string& post, const std::string& extra = "") {
    return Ok(absl::StrCat("add_seat { body_id: \"", body, "\" seat_id: \"", seat,
                           "\" post: ", post, " ", extra, " }"));
  }

  RowView Organisations(std::optional<Position> at = std::nullopt) {
    return View(registry::kOrganisations, at);
  }
  RowView Persons(std::optional<Position> at = std::nullopt) {
    return View(registry::kPersons, at);
  }
  RowView Bodies(std::optional<Position> at = std::nullopt) { return View(registry::kBodies, at); }
  RowView Calls(std::optional<Position> at = std::nullopt) { return View(registry::kCalls, at); }
  RowView Meetings(std::optional<Position> at = std::nullopt) {
    return View(registry::kMeetings, at);
  }
};

}  // namespace kumppani::projections::testing

#endif  // KUMPPANI_TESTS_PROJECTIONS_REGISTRY_FIXTURE_H_
