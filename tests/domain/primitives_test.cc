// Y-tunnus and association numbers, Finnish civil dates, the personal data
// cipher and the event codec.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/event_codec.h"
#include "ledger/domain/personal_data_cipher.h"
#include "ledger/domain/validation.h"
#include "ledger/domain/ytunnus.h"

namespace kumppani::domain {
namespace {

using ::testing::HasSubstr;

TEST(BusinessIdTest, AcceptsKnownGoodIds) {
  for (const char* id : {"1572860-0", "0155628-9", "0116297-6", "0201256-6"}) {
    EXPECT_TRUE(ValidateBusinessId(id, "f").ok()) << id;
  }
}

TEST(BusinessIdTest, RejectsWrongCheckDigitNamingTheExpectedOne) {
  absl::Status s = ValidateBusinessId("0155628-8", "identifiers[0].value");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "identifiers[0].value: business id \"0155628-8\" has check digit 8, expected 9");
  EXPECT_EQ(ValidateBusinessId("1572860-1", "f").message(),
            "f: business id \"1572860-1\" has check digit 1, expected 0");
}

TEST(BusinessIdTest, RejectsRemainderOne) {
  // 0000006: the weighted sum is 2 * 6 = 12, and 12 mod 11 = 1.
  absl::Status s = ValidateBusinessId("0000006-0", "f");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), HasSubstr("remainder 1"));
  // Whatever the check digit, a remainder-1 body is invalid.
  for (char d = '0'; d <= '9'; ++d) {
    std::string id = std::string("0000006-") + d;
    EXPECT_THAT(std::string(ValidateBusinessId(id, "f").message()), HasSubstr("remainder 1")) << id;
  }
}

TEST(BusinessIdTest, RejectsWrongFormat) {
  for (const char* id : {"", "155628-9", "01556289", "0155628-", "0155628-99", "01556a8-9",
                         "0155628_9", " 0155628-9", "FI01556289"}) {
    absl::Status s = ValidateBusinessId(id, "f");
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << id;
    EXPECT_THAT(std::string(s.message()), HasSubstr("must be 7 digits, '-' and a check digit")) << id;
  }
}

TEST(AssociationRegisterNumberTest, FormatOnly) {
  for (const char* ok : {"1", "192473", "192.473", "1.234.567", "9999999"}) {
    EXPECT_TRUE(ValidateAssociationRegisterNumber(ok, "f").ok()) << ok;
  }
  for (const char* bad : {"", "0123", "12.34", "12345678", "1.2345", ".123", "123.", "12a"}) {
    EXPECT_EQ(ValidateAssociationRegisterNumber(bad, "f").code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

v1::Date D(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

TEST(DatesTest, ValidatesCalendarDays) {
  EXPECT_TRUE(ValidateDate(D(2024, 2, 29), "f", true).ok());
  EXPECT_EQ(ValidateDate(D(2023, 2, 29), "f", true).message(), "f.day: 29 is not a day of 2023-02");
  EXPECT_EQ(ValidateDate(D(2023, 13, 1), "f", true).message(), "f.month: must be in 1..12, got 13");
  EXPECT_EQ(ValidateDate(v1::Date(), "f", true).message(), "f: is required");
  EXPECT_TRUE(ValidateDate(v1::Date(), "f", false).ok());
  v1::DateRange range;
  *range.mutable_start() = D(2019, 1, 1);
  *range.mutable_end() = D(2018, 12, 31);
  EXPECT_EQ(ValidateDateRange(range, "appoint_member.term").message(),
            "appoint_member.term.end: must not be before appoint_member.term.start (2019-01-01), "
            "got 2018-12-31");
}

TEST(DatesTest, HelsinkiCivilTime) {
  // 2019-02-15 21:59:59Z is 23:59:59 EET; 22:00:00Z is the next day.
  EXPECT_EQ(FormatDate(HelsinkiDate(1550267999)), "2019-02-15");
  EXPECT_EQ(FormatDate(HelsinkiDate(1550268000)), "2019-02-16");
  // Summer time: 2022-08-08 20:59:59Z is 23:59:59 EEST.
  EXPECT_EQ(FormatDate(HelsinkiDate(1659992399)), "2022-08-08");
  EXPECT_EQ(FormatDate(HelsinkiDate(1659992400)), "2022-08-09");
  EXPECT_EQ(HelsinkiStartOfDay(D(2019, 2, 15)).seconds(), 1550181600);  // 2019-02-14T22:00Z
  EXPECT_EQ(HelsinkiStartOfDay(D(2022, 8, 8)).seconds(), 1659906000);   // 2022-08-07T21:00Z
  // The DST switch days (2022-03-27 and 2022-10-30) begin at +2 and +3.
  EXPECT_EQ(HelsinkiStartOfDay(D(2022, 3, 27)).seconds(), 1648332000);  // 2022-03-26T22:00Z
  EXPECT_EQ(HelsinkiStartOfDay(D(2022, 10, 30)).seconds(), 1667077200);  // 2022-10-29T21:00Z
}

TEST(ValidationTest, LocalizedTextNeedsItsAuthoritativeVersion) {
  v1::LocalizedText text;
  text.set_sv("Text");
  EXPECT_EQ(ValidateText(text, "name", true).message(),
            "name.authoritative: must name the authoritative language (LANGUAGE_FI, LANGUAGE_SV or "
            "LANGUAGE_EN)");
  text.set_authoritative(v1::LANGUAGE_FI);
  EXPECT_EQ(ValidateText(text, "name", true).message(),
            "name: the authoritative version (LANGUAGE_FI) must not be empty");
  text.set_fi("Teksti");
  EXPECT_TRUE(ValidateText(text, "name", true).ok());
  EXPECT_EQ(ValidateText(v1::LocalizedText(), "name", true).message(), "name: is required");
  EXPECT_EQ(ValidateAggregateId("body-x", "org", "f").message(),
            "f: must be \"org-<slug>\", got \"body-x\"");
}

TEST(PersonalDataCipherTest, RoundTripAndAuthentication) {
  std::string key = NewPersonKey();
  ASSERT_EQ(key.size(), 32u);
  v1::PersonalData data;
  data.set_full_name("Aino Esimerkki");
  data.set_email("aino@example.org");
  auto sealed = SealPersonalData(key, "person-1", data);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->find("aino@example.org"), std::string::npos);
  EXPECT_EQ(sealed->size(), 12 + data.ByteSizeLong() + 16);
  auto opened = OpenPersonalData(key, "person-1", *sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->email(), "aino@example.org");
  // Another subject, another key or one flipped bit: DATA_LOSS.
  EXPECT_EQ(OpenPersonalData(key, "person-2", *sealed).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(OpenPersonalData(NewPersonKey(), "person-1", *sealed).status().code(),
            absl::StatusCode::kDataLoss);
  std::string flipped = *sealed;
  flipped[20] ^= 1;
  EXPECT_EQ(OpenPersonalData(key, "person-1", flipped).status().code(), absl::StatusCode::kDataLoss);
  // Two seals of the same data differ (fresh nonce).
  EXPECT_NE(*SealPersonalData(key, "person-1", data), *sealed);
  EXPECT_EQ(SealBytes("short", "x", "").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(EventCodecTest, RoundTripsAndNamesTypes) {
  v1::Event event;
  event.mutable_meeting_held()->set_meeting_id("meeting-1");
  *event.mutable_meeting_held()->mutable_held_on() = D(2022, 6, 14);
  v1::EventEnvelope envelope = EncodeEvent(event);
  EXPECT_EQ(envelope.event_type(), "MeetingHeld");
  EXPECT_EQ(envelope.content_type(), "application/x-protobuf");
  EXPECT_EQ(envelope.schema_version(), 1u);
  auto decoded = DecodeEvent(envelope);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->meeting_held().meeting_id(), "meeting-1");
  EXPECT_EQ(EffectiveAt(event)->seconds(), HelsinkiStartOfDay(D(2022, 6, 14)).seconds());
  envelope.set_event_type("Nope");
  EXPECT_EQ(DecodeEvent(envelope).status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace kumppani::domain
