// Flags made from protobuf messages (tools/kumppani/message_flags.h): the
// names offered, what each field type accepts, and the errors naming the
// flag and the rule.
#include "tools/kumppani/message_flags.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_join.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "kumppani/v1/audit_service.pb.h"
#include "kumppani/v1/commands.pb.h"
#include "kumppani/v1/registry_service.pb.h"

namespace kumppani::cli {
namespace {

template <typename T>
T Parse(const std::string& text) {
  T message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

// Parses `args` with flags of T's type; returns the Fill status and sets
// `message`.
template <typename T>
absl::Status ParseFlags(const std::string& args, T& message, MessageFlagsOptions options = {}) {
  CLI::App app("test");
  MessageFlags flags(app, *T::descriptor(), std::move(options));
  app.parse(args, false);
  return flags.Fill(message);
}

TEST(MessageFlagsTest, NamesFollowTheFieldsWithNestedPrefixesAndNoRepeatedMessages) {
  CLI::App app("test");
  MessageFlags flags(app, *v1::OpenConsultation::descriptor());
  EXPECT_EQ(absl::StrJoin(flags.Names(), " "),
            "--consultation-id --organiser-organisation-id --body-id --subject-fi --subject-sv "
            "--subject-en --subject-authoritative --subject-document-uri "
            "--subject-document-title-fi --subject-document-title-sv "
            "--subject-document-title-en --subject-document-title-authoritative "
            "--subject-document-version --subject-document-sha256 --method --channels "
            "--invited-organisation-ids --opens-on --deadline --late-submissions-allowed");
  CLI::App decision_app("test");
  MessageFlags decision(decision_app, *v1::RecordDecision::descriptor());
  for (const std::string& name : decision.Names()) {
    EXPECT_EQ(name.find("considered"), std::string::npos) << name;  // repeated messages
  }
}

TEST(MessageFlagsTest, FillsEveryKindOfField) {
  v1::OpenConsultation command;
  ASSERT_TRUE(ParseFlags("--consultation-id consultation-x --subject-fi 'Palvelustrategia' "
                         "--subject-sv Tjänstestrategi --subject-authoritative fi "
                         "--method statement_request --channels email,OTAKANTAA "
                         "--channels channel_post --invited-organisation-ids org-a "
                         "--opens-on 2022-05-02 --deadline 2022-05-31 "
                         "--late-submissions-allowed",
                         command)
                  .ok());
  auto expected = Parse<v1::OpenConsultation>(R"pb(
    consultation_id: "consultation-x"
    subject { fi: "Palvelustrategia" sv: "Tjänstestrategi" authoritative: LANGUAGE_FI }
    method: CONSULTATION_METHOD_STATEMENT_REQUEST
    channels: [ CHANNEL_EMAIL, CHANNEL_OTAKANTAA, CHANNEL_POST ]
    invited_organisation_ids: "org-a"
    opens_on { year: 2022 month: 5 day: 2 }
    deadline { year: 2022 month: 5 day: 31 }
    late_submissions_allowed: true
  )pb");
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(command, expected))
      << command.DebugString();
}

TEST(MessageFlagsTest, TimestampsBoolsFalseAndOneLanguageWithoutAuthoritative) {
  v1::ReceiveSubmission submission;
  ASSERT_TRUE(ParseFlags("--submission-id submission-x --received-at 2019-02-15T12:00:00+02:00 "
                         "--document-title-en Statement --language sv",
                         submission)
                  .ok());
  EXPECT_EQ(submission.received_at().seconds(), 1550224800);
  EXPECT_EQ(submission.document().title().en(), "Statement");
  EXPECT_EQ(submission.document().title().authoritative(), v1::LANGUAGE_EN);
  EXPECT_EQ(submission.language(), v1::LANGUAGE_SV);

  v1::OpenConsultation consultation;
  consultation.set_late_submissions_allowed(true);
  consultation.set_body_id("body-kept");
  ASSERT_TRUE(ParseFlags("--late-submissions-allowed=false", consultation).ok());
  EXPECT_FALSE(consultation.late_submissions_allowed());
  EXPECT_EQ(consultation.body_id(), "body-kept");  // flags not given leave fields alone
}

TEST(MessageFlagsTest, ErrorsNameTheFlagAndTheRule) {
  v1::RecordDecision decision;
  absl::Status status = ParseFlags("--decided-on 22.3.2019", decision);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "--decided-on: must be YYYY-MM-DD, got \"22.3.2019\"");

  EXPECT_EQ(ParseFlags("--decided-on 2019-02-30", decision).message(),
            "--decided-on: must be a real day in YYYY-MM-DD, got \"2019-02-30\"");
  EXPECT_EQ(ParseFlags("--outcome yes", decision).message(),
            "--outcome: must be one of ADOPTED|AMENDED|REJECTED|TABLED|RETURNED, got \"yes\"");
  EXPECT_EQ(ParseFlags("--title-fi a --title-sv b", decision).message(),
            "--title-authoritative: required when more than one language is given "
            "(--title-fi, --title-sv)");

  v1::ListBodiesRequest list;
  EXPECT_EQ(ParseFlags("--page-size 3000000000", list).message(),
            "--page-size: must be an integer from -2147483648 to 2147483647, got \"3000000000\"");
  v1::ReceiveSubmission submission;
  EXPECT_EQ(ParseFlags("--received-at 2019-02-15", submission).message(),
            "--received-at: must be an RFC 3339 time such as 2024-05-01T12:00:00Z, got "
            "\"2019-02-15\"");
  v1::GetPersonRequest person;
  EXPECT_EQ(ParseFlags("--known-at-position -1", person).message(),
            "--known-at-position: must be an integer, 0 or more, got \"-1\"");
}

TEST(MessageFlagsTest, ExcludedUnprefixedAndAliasedFields) {
  MessageFlagsOptions options;
  options.exclude = {"known_at", "page_token"};
  options.unprefixed = {"filter"};
  v1::ListMembershipsRequest request;
  ASSERT_TRUE(ParseFlags("--organisation-id org-kyt --page-size 5", request, options).ok());
  EXPECT_EQ(request.filter().organisation_id(), "org-kyt");
  EXPECT_EQ(request.page_size(), 5);

  CLI::App app("test");
  MessageFlags flags(app, *v1::ListMembershipsRequest::descriptor(), options);
  EXPECT_EQ(absl::StrJoin(flags.Names(), " "),
            "--person-id --organisation-id --body-id --page-size");

  // Two members of one oneof.
  EXPECT_EQ(ParseFlags("--person-id person-a --body-id body-b", request, options).message(),
            "--person-id and --body-id: give only one of them (they are one choice, subject)");

  MessageFlagsOptions coverage;
  coverage.aliases = {
      {"region_organisation_id", {"region"}}, {"period.start", {"from"}}, {"period.end", {"to"}}};
  v1::GetCoverageStatisticsRequest statistics;
  ASSERT_TRUE(
      ParseFlags("--region org-ph --from 2022-01-01 --period-end 2022-12-31", statistics, coverage)
          .ok());
  EXPECT_EQ(statistics.region_organisation_id(), "org-ph");
  EXPECT_EQ(statistics.period().start().year(), 2022);
  EXPECT_EQ(statistics.period().end().month(), 12);
}

TEST(MessageFlagsTest, AnyGivenAndWrongMessageType) {
  CLI::App app("test");
  MessageFlags flags(app, *v1::GetPersonRequest::descriptor());
  app.parse("", false);
  EXPECT_FALSE(flags.AnyGiven());
  v1::GetBodyRequest other;
  EXPECT_EQ(flags.Fill(other).message(),
            "flags of kumppani.v1.GetPersonRequest cannot fill a kumppani.v1.GetBodyRequest");
}

TEST(MessageFlagsTest, EveryCommandRegistersWithoutCollidingNames) {
  const google::protobuf::OneofDescriptor* commands =
      v1::Command::descriptor()->FindOneofByName("command");
  ASSERT_NE(commands, nullptr);
  ASSERT_GT(commands->field_count(), 30);
  CLI::App app("test");
  app.add_option("--server");
  app.add_option("--token");
  app.add_option("-o,--output");
  for (int i = 0; i < commands->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = commands->field(i);
    CLI::App* sub = app.add_subcommand(field->name());
    EXPECT_NO_THROW({ MessageFlags flags(*sub, *field->message_type()); }) << field->name();
  }
}

}  // namespace
}  // namespace kumppani::cli
