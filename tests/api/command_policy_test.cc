// The command policy table: which role records which command, and the ngo
// organisation scope, with owners of existing aggregates from a fake.
#include "api/command_policy.h"

#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace kumppani::api {
namespace {

using ::testing::HasSubstr;

class FakeOwners final : public AggregateOwners {
 public:
  absl::StatusOr<std::string> SubmissionOrganisation(absl::string_view id,
                                                     absl::string_view field) const override {
    return Find(submissions_, id, field);
  }
  absl::StatusOr<std::string> GrantApplicant(absl::string_view id,
                                             absl::string_view field) const override {
    return Find(grants_, id, field);
  }
  std::map<std::string, std::string, std::less<>> submissions_ = {
      {"submission-own", "org-ngo"}, {"submission-other", "org-b"}, {"submission-person", ""}};
  std::map<std::string, std::string, std::less<>> grants_ = {{"grant-own", "org-ngo"},
                                                             {"grant-other", "org-b"}};

 private:
  static absl::StatusOr<std::string> Find(const std::map<std::string, std::string, std::less<>>& m,
                                          absl::string_view id, absl::string_view field) {
    auto it = m.find(std::string(id));
    if (it == m.end()) return absl::NotFoundError(absl::StrCat(field, ": missing"));
    return it->second;
  }
};

v1::Command Parse(const std::string& text) {
  v1::Command command;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &command)) << text;
  return command;
}

const Principal kNgo = {Role::kNgo, "org-ngo", "token:ngo"};
const Principal kRecorder = {Role::kRecorder, "", "token:recorder"};
const Principal kAdmin = {Role::kAdmin, "", "token:admin"};
const Principal kAuditor = {Role::kAuditor, "", "token:auditor"};
const Principal kPublic = {Role::kPublic, "", "token:public"};

absl::StatusCode Code(const Principal& principal, const std::string& text) {
  return AuthorizeCommand(principal, Parse(text), FakeOwners(), "/m").code();
}

constexpr absl::StatusCode kOk = absl::StatusCode::kOk;
constexpr absl::StatusCode kDenied = absl::StatusCode::kPermissionDenied;

TEST(CommandPolicyTest, RegionCommandsAreForAdminAndRecorder) {
  const std::string establish = R"pb(establish_body { body_id: "body-1" })pb";
  EXPECT_EQ(Code(kAdmin, establish), kOk);
  EXPECT_EQ(Code(kRecorder, establish), kOk);
  EXPECT_EQ(Code(kNgo, establish), kDenied);
  EXPECT_EQ(Code(kAuditor, establish), kDenied);
  EXPECT_EQ(Code(kPublic, establish), kDenied);
  absl::Status status = AuthorizeCommand(kNgo, Parse(establish), FakeOwners(), "/m");
  EXPECT_EQ(std::string(status.message()),
            "role ngo may not record domain commands (method /m; allowed: admin, recorder)");
}

TEST(CommandPolicyTest, ErasureIsForAdminOnly) {
  const std::string erase = R"pb(erase_person { person_id: "person-1" })pb";
  EXPECT_EQ(Code(kAdmin, erase), kOk);
  EXPECT_EQ(Code(kRecorder, erase), kDenied);
  EXPECT_EQ(Code(kNgo, erase), kDenied);
}

TEST(CommandPolicyTest, AnEmptyCommandIsInvalid) {
  absl::Status status = AuthorizeCommand(kAdmin, v1::Command(), FakeOwners(), "/m");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(status.message()), "command: no command is set");
}

TEST(CommandPolicyTest, NgoScopeByTheCommandsOwnFields) {
  struct Case {
    std::string own;
    std::string other;
  };
  const Case cases[] = {
      {R"pb(receive_submission { submitter_organisation_id: "org-ngo" })pb",
       R"pb(receive_submission { submitter_organisation_id: "org-b" })pb"},
      {R"pb(nominate_member { nominating_organisation_id: "org-ngo" })pb",
       R"pb(nominate_member { nominating_organisation_id: "org-b" })pb"},
      {R"pb(apply_for_membership { organisation_id: "org-ngo" })pb",
       R"pb(apply_for_membership { person_id: "person-1" })pb"},
      {R"pb(apply_for_grant { applicant_organisation_id: "org-ngo" })pb",
       R"pb(apply_for_grant { applicant_organisation_id: "org-b" })pb"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Code(kNgo, c.own), kOk) << c.own;
    EXPECT_EQ(Code(kNgo, c.other), kDenied) << c.other;
    EXPECT_EQ(Code(kRecorder, c.other), kOk) << c.other;
    EXPECT_EQ(Code(kAuditor, c.own), kDenied) << c.own;
  }
  EXPECT_EQ(Code(kNgo, R"pb(receive_submission {
                              submitter_organisation_id: "org-ngo"
                              on_behalf_of_organisation_ids: [ "org-ngo", "org-b" ]
                            })pb"),
            kDenied);
  EXPECT_EQ(Code(kNgo, R"pb(receive_submission { submitter_person_id: "person-1" })pb"), kDenied);
}

TEST(CommandPolicyTest, NgoScopeByTheOwnerOfAnExistingAggregate) {
  EXPECT_EQ(Code(kNgo, R"pb(withdraw_submission { submission_id: "submission-own" })pb"), kOk);
  EXPECT_EQ(Code(kNgo, R"pb(withdraw_submission { submission_id: "submission-other" })pb"),
            kDenied);
  EXPECT_EQ(Code(kNgo, R"pb(withdraw_submission { submission_id: "submission-person" })pb"),
            kDenied);
  EXPECT_EQ(Code(kNgo, R"pb(withdraw_submission { submission_id: "submission-none" })pb"),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(Code(kNgo, R"pb(submit_grant_report { grant_id: "grant-own" })pb"), kOk);
  EXPECT_EQ(Code(kNgo, R"pb(submit_grant_report { grant_id: "grant-other" })pb"), kDenied);
  EXPECT_EQ(Code(kNgo, R"pb(return_unused_grant { grant_id: "grant-own" })pb"), kOk);
  EXPECT_EQ(Code(kNgo, R"pb(return_unused_grant { grant_id: "grant-other" })pb"), kDenied);
  // Other roles are not looked up at all.
  EXPECT_EQ(Code(kRecorder, R"pb(withdraw_submission { submission_id: "submission-none" })pb"),
            kOk);
}

}  // namespace
}  // namespace kumppani::api
