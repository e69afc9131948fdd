// kumppani's output formats (tools/kumppani/output.h) and value forms
// (proto_values.h): exact text, JSON and CSV of real kumppani.v1 views.
#include "tools/kumppani/output.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/text_format.h"
#include "kumppani/v1/command_service.pb.h"
#include "kumppani/v1/grants_views.pb.h"
#include "kumppani/v1/participation_service.pb.h"
#include "kumppani/v1/registry_views.pb.h"
#include "tools/kumppani/proto_values.h"

namespace kumppani::cli {
namespace {

template <typename T>
T Parse(const std::string& text) {
  T message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

std::string Print(const google::protobuf::Message& message, OutputFormat format) {
  std::ostringstream out;
  PrintMessage(message, format, out);
  return out.str();
}

std::string PrintAll(const std::vector<const google::protobuf::Message*>& items,
                     OutputFormat format, const TableOptions& table = {}) {
  std::ostringstream out;
  PrintList(items, format, out, table);
  return out.str();
}

v1::OrganisationView KeskiSuomenLiitto() {
  return Parse<v1::OrganisationView>(R"pb(
    organisation_id: "org-keski-suomen-liitto"
    kind: ORGANISATION_KIND_REGIONAL_COUNCIL
    name {
      fi: "Keski-Suomen liitto"
      sv: "Landskapsförbundet i Mellersta Finland"
      authoritative: LANGUAGE_FI
    }
    name_history {
      name { fi: "Keski-Suomen liitto" authoritative: LANGUAGE_FI }
      effective_on { year: 1994 month: 1 day: 1 }
    }
    identifiers { scheme: IDENTIFIER_SCHEME_BUSINESS_ID value: "0155628-9" }
    founded_on { year: 1994 month: 1 day: 1 }
    status: ORGANISATION_STATUS_ACTIVE
    as_of { year: 2019 month: 3 day: 22 }
  )pb");
}

TEST(OutputTextTest, OneMessageIsFieldLinesWithNestedIndentedAndShortEnums) {
  EXPECT_EQ(Print(KeskiSuomenLiitto(), OutputFormat::kText),
            "organisation_id: org-keski-suomen-liitto\n"
            "kind: REGIONAL_COUNCIL\n"
            "name: Keski-Suomen liitto\n"
            "  sv: Landskapsförbundet i Mellersta Finland\n"
            "name_history:\n"
            "  - name: Keski-Suomen liitto\n"
            "    effective_on: 1994-01-01\n"
            "identifiers:\n"
            "  - scheme: BUSINESS_ID\n"
            "    value: 0155628-9\n"
            "founded_on: 1994-01-01\n"
            "status: ACTIVE\n"
            "as_of: 2019-03-22\n");
}

TEST(OutputTextTest, AuthoritativeLanguageComesFirstAndTranslationsFollow) {
  auto body = Parse<v1::BodyView>(R"pb(
    body_id: "body-x"
    name {
      fi: "Kumppanuuspöytä"
      sv: "Partnerskapsbord"
      en: "Partnership table"
      authoritative: LANGUAGE_SV
    }
  )pb");
  EXPECT_EQ(Print(body, OutputFormat::kText),
            "body_id: body-x\n"
            "name: Partnerskapsbord\n"
            "  fi: Kumppanuuspöytä\n"
            "  en: Partnership table\n");
}

TEST(OutputTextTest, BytesTimestampsRepeatedScalarsAndMultiLineText) {
  v1::CommandResponse response;
  response.set_stream_id("org-a");
  response.set_first_position(5);
  response.add_event_ids(
      std::string("\x01\x23\x45\x67\x89\xab\xcd\xef\x00\x11\x22\x33\x44\x55\x66\x77", 16));
  response.add_event_ids(std::string("\xff\x01", 2));
  response.add_event_types("OrganisationRegistered");
  response.set_replayed(true);
  EXPECT_EQ(Print(response, OutputFormat::kText),
            "stream_id: org-a\n"
            "first_position: 5\n"
            "event_ids:\n"
            "  - 01234567-89ab-cdef-0011-223344556677\n"
            "  - ff01\n"
            "event_types:\n"
            "  - OrganisationRegistered\n"
            "replayed: true\n");
}

TEST(OutputTextTest, SubmissionWithTimestampAndMultiLineText) {
  auto response = Parse<v1::GetSubmissionResponse>(R"pb(
    submission {
      summary {
        submission_id: "submission-ks-kyt"
        channel: CHANNEL_OTAKANTAA
        received_at { seconds: 1550224800 }
        received_on { year: 2019 month: 2 day: 15 }
        on_behalf_of_organisation_ids: "org-a"
        on_behalf_of_organisation_ids: "org-b"
      }
      text: "Ensimmäinen rivi.\nToinen rivi."
    }
    read_position: 127
  )pb");
  EXPECT_EQ(Print(response, OutputFormat::kText),
            "submission:\n"
            "  summary:\n"
            "    submission_id: submission-ks-kyt\n"
            "    on_behalf_of_organisation_ids:\n"
            "      - org-a\n"
            "      - org-b\n"
            "    channel: OTAKANTAA\n"
            "    received_at: 2019-02-15T10:00:00Z\n"
            "    received_on: 2019-02-15\n"
            "  text: Ensimmäinen rivi.\n"
            "    Toinen rivi.\n"
            "read_position: 127\n");
}

std::vector<v1::MembershipView> Memberships() {
  return {Parse<v1::MembershipView>(R"pb(
            body_id: "body-ks-kumppanuuspoyta"
            membership_id: "m-1"
            post: POST_KIND_CHAIR
            person_id: "person-ks-0001"
            on_behalf_of_organisation_id: "org-kyt"
            term { start { year: 2019 month: 2 day: 1 } }
          )pb"),
          Parse<v1::MembershipView>(R"pb(
            body_id: "body-ks-kumppanuuspoyta"
            membership_id: "m-2"
            post: POST_KIND_MEMBER
            person_id: "person-ks-0002"
            term {
              start { year: 2019 month: 2 day: 1 }
              end { year: 2019 month: 12 day: 31 }
            }
            end_reason { fi: "Tehtävä päättyi" authoritative: LANGUAGE_FI }
          )pb")};
}

TEST(OutputTextTest, ListIsAnAlignedTableOfTheColumnsSetInSomeRow) {
  std::vector<v1::MembershipView> memberships = Memberships();
  EXPECT_EQ(PrintAll({&memberships[0], &memberships[1]}, OutputFormat::kText),
            "body_id                  membership_id  post    person_id       "
            "on_behalf_of_organisation_id  term                   end_reason\n"
            "body-ks-kumppanuuspoyta  m-1            CHAIR   person-ks-0001  "
            "org-kyt                       2019-02-01/..\n"
            "body-ks-kumppanuuspoyta  m-2            MEMBER  person-ks-0002  "
            "                              2019-02-01/2019-12-31  Tehtävä päättyi\n");
}

TEST(OutputTextTest, ChosenColumnsNestedPathsCountsAndLongCellsCut) {
  auto grant = Parse<v1::GrantView>(R"pb(
    grant_id: "grant-1"
    purpose {
      fi: "Järjestöjen yhteistyön vahvistaminen koko maakunnassa vuosina 2019-2020 ja sen jälkeen"
      authoritative: LANGUAGE_FI
    }
    payments { instalment: 1 amount_cents: 100 }
    payments { instalment: 2 amount_cents: 200 }
    amounts { awarded_cents: 300 }
  )pb");
  TableOptions table;
  table.text_columns = {"grant_id", "purpose", "payments", "amounts.awarded_cents",
                        "decision.decided_on"};
  // decision.decided_on is empty in every row: a default column, left out.
  EXPECT_EQ(PrintAll({&grant}, OutputFormat::kText, table),
            "grant_id  purpose                                                       payments  "
            "amounts.awarded_cents\n"
            "grant-1   Järjestöjen yhteistyön vahvistaminen koko maakunnassa vuosi…  2         "
            "300\n");
  // Columns asked for by name stay even when empty in every row.
  TableOptions named;
  named.columns = {"grant_id", "decision.decided_on", "year"};
  EXPECT_EQ(PrintAll({&grant}, OutputFormat::kText, named),
            "grant_id  decision.decided_on  year\n"
            "grant-1                        0\n");
}

TEST(OutputTextTest, EmptyListPrintsNothing) {
  EXPECT_EQ(PrintAll({}, OutputFormat::kText), "");
  EXPECT_EQ(PrintAll({}, OutputFormat::kJson), "[]\n");
  EXPECT_EQ(PrintAll({}, OutputFormat::kCsv), "");
  TableOptions table;
  table.item_type = v1::GrantPayment::descriptor();
  EXPECT_EQ(PrintAll({}, OutputFormat::kCsv, table), "instalment,amount_cents,paid_on\r\n");
}

TEST(OutputJsonTest, ProtoFieldNamesOneItemALine) {
  std::vector<v1::MembershipView> memberships = Memberships();
  EXPECT_EQ(Print(memberships[0], OutputFormat::kJson),
            "{\"body_id\":\"body-ks-kumppanuuspoyta\",\"membership_id\":\"m-1\","
            "\"post\":\"POST_KIND_CHAIR\",\"person_id\":\"person-ks-0001\","
            "\"on_behalf_of_organisation_id\":\"org-kyt\","
            "\"term\":{\"start\":{\"year\":2019,\"month\":2,\"day\":1}}}\n");
  v1::GrantPayment a, b;
  a.set_instalment(1);
  b.set_amount_cents(int64_t{1} << 40);
  EXPECT_EQ(PrintAll({&a, &b}, OutputFormat::kJson),
            "[\n{\"instalment\":1},\n{\"amount_cents\":\"1099511627776\"}\n]\n");
}

TEST(OutputCsvTest, HeaderIsEveryFlattenedFieldWhateverTheData) {
  EXPECT_EQ(absl::StrJoin(CsvColumns(*v1::MembershipView::descriptor()), ","),
            "body_id,membership_id,seat_id,post,person_id,on_behalf_of_organisation_id,"
            "deputy_of_person_id,term.start,term.end,appointing_decision_id,call_id,"
            "application_id,end,ended_on,ending_decision_id,end_reason.fi,end_reason.sv,"
            "end_reason.en,end_reason.authoritative,person_erased");
}

TEST(OutputCsvTest, RowsQuoteAsRfc4180AndFlattenNestedAndRepeated) {
  auto organisation = KeskiSuomenLiitto();
  organisation.mutable_name()->set_en("Regional Council of \"Central\" Finland, the");
  TableOptions table;
  table.columns = {"organisation_id",
                   "name.fi",
                   "name.en",
                   "name.authoritative",
                   "kind",
                   "identifiers",
                   "founded_on",
                   "successor_organisation_id",
                   "succeeded_on"};
  ASSERT_TRUE(CheckColumns(*v1::OrganisationView::descriptor(), table.columns).ok());
  EXPECT_EQ(PrintAll({&organisation}, OutputFormat::kCsv, table),
            "organisation_id,name.fi,name.en,name.authoritative,kind,identifiers,founded_on,"
            "successor_organisation_id,succeeded_on\r\n"
            "org-keski-suomen-liitto,Keski-Suomen liitto,"
            "\"Regional Council of \"\"Central\"\" Finland, the\",FI,REGIONAL_COUNCIL,"
            "\"[{\"\"scheme\"\":\"\"IDENTIFIER_SCHEME_BUSINESS_ID\"\",\"\"value\"\":\"\"0155628-9"
            "\"\"}]\",1994-01-01,,\r\n");
}

TEST(OutputCsvTest, RepeatedScalarsJoinedBySemicolonAndMultiLineQuoted) {
  auto consultation = Parse<v1::ConsultationSummary>(R"pb(
    consultation_id: "consultation-ks-jarjestamissuunnitelma"
    subject { fi: "Palvelujen\njärjestämissuunnitelma" authoritative: LANGUAGE_FI }
    channels: CHANNEL_OTAKANTAA
    channels: CHANNEL_LAUSUNTOPALVELU
    deadline { year: 2019 month: 2 day: 15 }
    status: CONSULTATION_STATUS_CLOSED
  )pb");
  EXPECT_EQ(Print(consultation, OutputFormat::kCsv),
            "consultation_id,organiser_organisation_id,body_id,subject.fi,subject.sv,subject.en,"
            "subject.authoritative,method,channels,opens_on,deadline,closed_on,status\r\n"
            "consultation-ks-jarjestamissuunnitelma,,,\"Palvelujen\njärjestämissuunnitelma\",,,"
            "FI,,OTAKANTAA;LAUSUNTOPALVELU,,2019-02-15,,CLOSED\r\n");
}

TEST(OutputCsvTest, NumbersAndBooleansOfASetMessagePrintEvenWhenZero) {
  v1::GrantPayment payment;
  payment.set_instalment(2);
  EXPECT_EQ(Print(payment, OutputFormat::kCsv), "instalment,amount_cents,paid_on\r\n2,0,\r\n");
}

TEST(OutputColumnsTest, UnknownColumnIsNamed) {
  absl::Status status =
      CheckColumns(*v1::OrganisationView::descriptor(), {"organisation_id", "name.xx"});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "column \"name.xx\": kumppani.v1.OrganisationView has no field \"name.xx\"");
}

TEST(ProtoValuesTest, EveryEnumValueOfTheApiHasItsTypesPrefix) {
  const google::protobuf::FileDescriptor* files[] = {
      v1::OrganisationView::descriptor()->file(), v1::GrantView::descriptor()->file(),
      v1::ConsultationSummary::descriptor()->file(), v1::LocalizedText::descriptor()->file()};
  int checked = 0;
  for (const google::protobuf::FileDescriptor* file : files) {
    for (int e = 0; e < file->enum_type_count(); ++e) {
      const google::protobuf::EnumDescriptor& type = *file->enum_type(e);
      for (int v = 0; v < type.value_count(); ++v) {
        EXPECT_EQ(type.value(v)->name().rfind(EnumPrefix(type), 0), 0u) << type.value(v)->name();
        ++checked;
      }
      EXPECT_EQ(EnumShortName(type, 0), "") << type.full_name();
    }
  }
  EXPECT_GT(checked, 50);
}

TEST(ProtoValuesTest, FormsAndParsers) {
  EXPECT_EQ(FormatDate(2019, 3, 22), "2019-03-22");
  EXPECT_EQ(FormatDate(0, 0, 0), "");
  EXPECT_EQ(FormatTimestamp(1550224800, 500000000), "2019-02-15T10:00:00.5Z");
  EXPECT_EQ(EnumShortName(*v1::ConsultationStatus_descriptor(), 99), "99");
  EXPECT_EQ(
      EnumShortName(*v1::ConsultationStatus_descriptor(), v1::CONSULTATION_STATUS_PAST_DEADLINE),
      "PAST_DEADLINE");

  ASSERT_TRUE(ParseDate("2020-02-29").ok());
  EXPECT_EQ(ParseDate("2020-02-29")->day, 29);
  EXPECT_EQ(ParseDate("2019-02-29").status().message(),
            "must be a real day in YYYY-MM-DD, got \"2019-02-29\"");
  EXPECT_EQ(ParseDate("22.3.2019").status().message(), "must be YYYY-MM-DD, got \"22.3.2019\"");
  auto time = ParseTimestamp("2019-02-15T12:00:00+02:00");
  ASSERT_TRUE(time.ok());
  EXPECT_EQ(time->first, 1550224800);
  EXPECT_FALSE(ParseTimestamp("2019-02-15").ok());

  EXPECT_EQ(*ParseEnum(*v1::ConsultationStatus_descriptor(), "past-deadline"),
            v1::CONSULTATION_STATUS_PAST_DEADLINE);
  EXPECT_EQ(*ParseEnum(*v1::ConsultationStatus_descriptor(), "Consultation_Status_Open"),
            v1::CONSULTATION_STATUS_OPEN);
  EXPECT_EQ(ParseEnum(*v1::ConsultationStatus_descriptor(), "unspecified").status().message(),
            "must be one of NOT_YET_OPEN|OPEN|PAST_DEADLINE|CLOSED, got \"unspecified\"");
  EXPECT_EQ(*ParseBytes("01234567-89ab-cdef-0011-223344556677"),
            std::string("\x01\x23\x45\x67\x89\xab\xcd\xef\x00\x11\x22\x33\x44\x55\x66\x77", 16));
  EXPECT_FALSE(ParseBytes("0g").ok());
}

}  // namespace
}  // namespace kumppani::cli
