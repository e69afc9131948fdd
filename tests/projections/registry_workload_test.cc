// The registry read models against the domain's own folds on a generated
// workload (mergers, dissolutions, seat changes, resignations, erasures,
// ~1% corrections and retractions): for every registry stream, what the
// queries show "as of now" equals the aggregate state the domain folds from
// the stream's effective events; and every projection equals a rebuild.
#include <iostream>
#include <map>
#include <set>

#include "ledger/domain/states.h"
#include "ledger/domain/stream_reader.h"
#include "ledger/projections/registry/body_queries.h"
#include "ledger/projections/registry/call_queries.h"
#include "ledger/projections/registry/meeting_queries.h"
#include "ledger/projections/registry/organisation_queries.h"
#include "ledger/projections/registry/person_queries.h"
#include "tests/projections/registry_fixture.h"
#include "tests/testing/workload.h"

namespace kumppani::projections::testing {
namespace {

bool HasPrefix(const std::string& text, std::string_view prefix) {
  return std::string_view(text).substr(0, prefix.size()) == prefix;
}

v1::OrganisationStatus StatusOf(const domain::OrganisationState& state) {
  switch (state.status) {
    case domain::OrganisationState::Status::kActive:
      return v1::ORGANISATION_STATUS_ACTIVE;
    case domain::OrganisationState::Status::kMerged:
      return v1::ORGANISATION_STATUS_MERGED;
    case domain::OrganisationState::Status::kDissolved:
      return v1::ORGANISATION_STATUS_DISSOLVED;
  }
  return v1::ORGANISATION_STATUS_UNSPECIFIED;
}

class RegistryWorkloadTest : public RegistryTest {
 protected:
  std::set<std::string> Streams() {
    std::set<std::string> streams;
    for (Position from(1);;) {
      auto batch = store_->ReadAll(from, 10000);
      EXPECT_TRUE(batch.ok()) << batch.status();
      if (!batch.ok() || batch->empty()) break;
      for (const v1::EventEnvelope& envelope : *batch) streams.insert(envelope.stream_id());
      from = Position(batch->back().position() + 1);
    }
    return streams;
  }

  void CheckOrganisation(const std::string& id, const domain::OrganisationState& state) {
    v1::OrganisationView view = Value(GetOrganisation(Organisations(), id));
    EXPECT_EQ(view.kind(), state.registered.kind()) << id;
    EXPECT_EQ(view.name().SerializeAsString(), state.name.SerializeAsString()) << id;
    EXPECT_EQ(view.status(), StatusOf(state)) << id;
    EXPECT_EQ(view.merged_into_organisation_id(), state.merged_into) << id;
    EXPECT_EQ(view.successor_organisation_id(), state.successor) << id;
  }

  void CheckBody(const std::string& id, const domain::BodyState& state) {
    v1::BodyRoster roster = Value(Roster(Bodies(), Persons(), id));
    EXPECT_EQ(roster.convener_organisation_id(), state.convener_organisation_id) << id;
    EXPECT_EQ(roster.status(), state.dissolved ? v1::BODY_STATUS_DISSOLVED : v1::BODY_STATUS_ACTIVE)
        << id;
    if (!state.dissolved) {
      ASSERT_EQ(static_cast<size_t>(roster.seats_size()), state.seats.size()) << id;
      for (const v1::RosterSeat& seat : roster.seats()) {
        ASSERT_TRUE(state.seats.contains(seat.seat().seat_id()))
            << id << " " << seat.seat().seat_id();
        EXPECT_EQ(seat.seat().post(), state.seats.at(seat.seat().seat_id()).post);
        const domain::Membership* holder = state.HolderOf(seat.seat().seat_id());
        if (holder == nullptr) {
          EXPECT_TRUE(seat.vacant()) << id << " " << seat.seat().seat_id();
        } else {
          ASSERT_EQ(seat.holders_size(), 1) << id << " " << seat.seat().seat_id();
          EXPECT_EQ(seat.holders(0).membership_id(), holder->appointed.membership_id());
          EXPECT_EQ(seat.holders(0).person_id(), holder->appointed.person_id());
        }
      }
    }
    for (const auto& [membership_id, membership] : state.memberships) {
      v1::MembershipView row;
      ASSERT_TRUE(Value(Bodies().GetMessage(id, registry::MembershipRow(membership_id), &row)))
          << id << " " << membership_id;
      EXPECT_EQ(row.end() == v1::MEMBERSHIP_END_UNSPECIFIED, membership.active)
          << id << " " << membership_id;
      if (!membership.active) {
        EXPECT_EQ(row.ended_on().SerializeAsString(), membership.ended_on.SerializeAsString());
      }
    }
  }
};

TEST_F(RegistryWorkloadTest, QueriesAgreeWithTheDomainFoldsAndRebuilds) {
  kumppani::testing::WorkloadOptions options;
  options.regions = 2;
  options.ngos_per_region = 10;
  options.commands = 8000;
  kumppani::testing::Workload workload(options);
  absl::StatusOr<kumppani::testing::WorkloadRun> run =
      kumppani::testing::RunWorkload(*handler_, workload);
  ASSERT_TRUE(run.ok()) << run.status();

  std::map<std::string, int> checked;
  int corrected_streams = 0;
  int erased = 0;
  for (const std::string& stream : Streams()) {
    absl::StatusOr<domain::LoadedStream> loaded = domain::ReadLoadedStream(*store_, stream);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    const std::vector<v1::Event>& events = loaded->effective;
    if (HasPrefix(stream, registry::kOrganisationPrefix)) {
      CheckOrganisation(stream, domain::Fold<domain::OrganisationState>(events));
    } else if (HasPrefix(stream, registry::kPersonPrefix)) {
      domain::PersonState state = domain::Fold<domain::PersonState>(events);
      EXPECT_EQ(Value(GetPerson(Persons(), stream)).erased(), state.erased) << stream;
      erased += state.erased;
    } else if (HasPrefix(stream, registry::kBodyPrefix)) {
      CheckBody(stream, domain::Fold<domain::BodyState>(events));
    } else if (HasPrefix(stream, registry::kCallPrefix)) {
      domain::CallState state = domain::Fold<domain::CallState>(events);
      v1::CallView call = Value(GetCall(Calls(), stream));
      EXPECT_EQ(static_cast<size_t>(call.entries_size()), state.entries.size()) << stream;
      EXPECT_EQ(call.closed(), state.closed) << stream;
    } else if (HasPrefix(stream, registry::kMeetingPrefix)) {
      domain::MeetingState state = domain::Fold<domain::MeetingState>(events);
      v1::MeetingView meeting = Value(GetMeeting(Meetings(), stream));
      EXPECT_EQ(meeting.held_on().SerializeAsString(), state.held.held_on().SerializeAsString());
      EXPECT_EQ(meeting.has_minutes_approval(), state.minutes_approved) << stream;
    } else {
      continue;
    }
    ++checked[stream.substr(0, stream.find('-'))];
    if (loaded->envelopes.size() != events.size()) ++corrected_streams;
  }
  std::cout << "checked: " << checked["org"] << " organisations, " << checked["person"]
            << " persons, " << checked["body"] << " bodies, " << checked["call"] << " calls, "
            << checked["meeting"] << " meetings; " << corrected_streams << " of them corrected; "
            << erased << " erased\n";
  // The workload exercised what the check is about.
  EXPECT_GT(checked["org"], 20);
  EXPECT_GT(checked["person"], 20);
  EXPECT_GT(checked["body"], 2);
  EXPECT_GT(checked["call"], 0);
  EXPECT_GT(checked["meeting"], 10);
  EXPECT_GT(corrected_streams, 0);
  EXPECT_GT(erased, 0);
  for (std::string_view name : {registry::kOrganisations, registry::kPersons, registry::kBodies,
                                registry::kCalls, registry::kMeetings}) {
    absl::Status verified = engine_->VerifyRebuild(name);
    EXPECT_TRUE(verified.ok()) << name << ": " << verified;
  }
}

}  // namespace
}  // namespace kumppani::projections::testing
