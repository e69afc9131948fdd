// A test fixture for the domain layer: a real EventStore in a unique temp
// directory, a ManualClock at 2024-01-01T00:00:00Z and a CommandHandler, with
// helpers to run commands written in protobuf text format and to compare the
// resulting events exactly.
#ifndef KUMPPANI_TESTS_DOMAIN_DOMAIN_FIXTURE_H_
#define KUMPPANI_TESTS_DOMAIN_DOMAIN_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "ledger/common/clock.h"
#include "ledger/domain/command_handler.h"
#include "ledger/domain/stream_reader.h"
#include "ledger/store/event_store.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::domain::testing {

inline constexpr int64_t k2024Micros = 1704067200LL * 1000000;

template <typename M>
M ParseText(const std::string& text) {
  M message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

class DomainTest : public ::testing::Test {
 protected:
  DomainTest() : clock_(k2024Micros) { Open(); }

  void Open() {
    handler_.reset();
    store_.reset();
    store::StoreOptions options;
    options.path = dir_.Sub("db");
    options.clock = &clock_;
    auto opened = store::EventStore::Open(options);
    ASSERT_TRUE(opened.ok()) << opened.status();
    store_ = *std::move(opened);
    handler_ = std::make_unique<CommandHandler>(*store_, clock_);
  }

  // Runs a command given in text format (a kumppani.v1.Command body). A
  // request id is made up unless the text has one.
  absl::StatusOr<CommandResult> Run(const std::string& text) {
    v1::Command command = ParseText<v1::Command>(text);
    if (command.request_id().empty()) command.set_request_id(absl::StrCat("req-", ++counter_));
    return handler_->Execute(command, "tester");
  }

  // Runs a command that must succeed.
  CommandResult Ok(const std::string& text) {
    absl::StatusOr<CommandResult> result = Run(text);
    EXPECT_TRUE(result.ok()) << result.status() << "\nfor: " << text;
    return result.ok() ? *result : CommandResult{};
  }

  // Runs a command that must fail with `code` and a message containing each
  // of `parts`; checks that nothing was written.
  void Fails(const std::string& text, absl::StatusCode code, std::vector<std::string> parts) {
    Position head = store_->HeadPosition();
    absl::StatusOr<CommandResult> result = Run(text);
    ASSERT_FALSE(result.ok()) << "expected " << absl::StatusCodeToString(code) << " for: " << text;
    EXPECT_EQ(result.status().code(), code) << result.status();
    for (const std::string& part : parts) {
      EXPECT_THAT(std::string(result.status().message()), ::testing::HasSubstr(part));
    }
    EXPECT_EQ(store_->HeadPosition(), head) << "a rejected command wrote events";
  }

  // The events of `result` equal `expected` (each a kumppani.v1.Event in text
  // format), field by field.
  static void ExpectEvents(const CommandResult& result, const std::vector<std::string>& expected) {
    ASSERT_EQ(result.events.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      v1::Event want = ParseText<v1::Event>(expected[i]);
      std::string diff;
      google::protobuf::util::MessageDifferencer differencer;
      differencer.ReportDifferencesToString(&diff);
      EXPECT_TRUE(differencer.Compare(want, result.events[i])) << "event " << i << ": " << diff;
    }
  }

  // The stored effective events of a stream.
  std::vector<v1::Event> Effective(const std::string& stream_id) {
    auto loaded = ReadLoadedStream(*store_, stream_id);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return loaded.ok() ? loaded->effective : std::vector<v1::Event>{};
  }

  // Common fixtures.
  void RegisterOrg(const std::string& id, const std::string& kind = "ORGANISATION_KIND_ASSOCIATION") {
    Ok(absl::StrCat("register_organisation { organisation_id: \"", id, "\" kind: ", kind,
                    " name { fi: \"", id, "\" authoritative: LANGUAGE_FI } }"));
  }
  void RegisterPersonNamed(const std::string& id, const std::string& name) {
    Ok(absl::StrCat("register_person { person_id: \"", id, "\" personal_data { full_name: \"",
                    name, "\" } }"));
  }
  void EstablishBody(const std::string& id, const std::string& org, const std::string& date = "year: 2019 month: 1 day: 10") {
    Ok(absl::StrCat("establish_body { body_id: \"", id, "\" kind: BODY_KIND_PARTNERSHIP_TABLE ",
                    "name { fi: \"Kumppanuuspöytä\" authoritative: LANGUAGE_FI } ",
                    "parent_organisation_id: \"", org, "\" ",
                    "mandate { fi: \"Yhteistyö\" authoritative: LANGUAGE_FI } established_on { ", date,
                    " } }"));
  }
  void AddSeat(const std::string& body, const std::string& seat, const std::string& post = "POST_KIND_MEMBER") {
    Ok(absl::StrCat("add_seat { body_id: \"", body, "\" seat_id: \"", seat, "\" post: ", post, " }"));
  }

  kumppani::testing::TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<CommandHandler> handler_;
  int counter_ = 0;
};

}  // namespace kumppani::domain::testing

#endif  // KUMPPANI_TESTS_DOMAIN_DOMAIN_FIXTURE_H_
