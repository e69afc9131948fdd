// The role/action table, and the messages of denials.
#include "api/permissions.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace kumppani::api {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Principal As(Role role, std::string organisation = "") {
  Principal principal;
  principal.role = role;
  principal.organisation_id = std::move(organisation);
  principal.actor = "token:test";
  return principal;
}

constexpr Role kAdmin = Role::kAdmin;
constexpr Role kRecorder = Role::kRecorder;
constexpr Role kNgo = Role::kNgo;
constexpr Role kAuditor = Role::kAuditor;
constexpr Role kPublic = Role::kPublic;

TEST(PermissionsTest, TheTable) {
  EXPECT_THAT(AllowedRoles(Action::kReadPublic),
              ElementsAre(kAdmin, kRecorder, kNgo, kAuditor, kPublic));
  EXPECT_THAT(AllowedRoles(Action::kReadAll), ElementsAre(kAdmin, kRecorder, kNgo, kAuditor));
  EXPECT_THAT(AllowedRoles(Action::kReadPersonalData), ElementsAre(kAdmin, kRecorder, kAuditor));
  EXPECT_THAT(AllowedRoles(Action::kRecord), ElementsAre(kAdmin, kRecorder));
  EXPECT_THAT(AllowedRoles(Action::kSubmitForOrganisation), ElementsAre(kAdmin, kRecorder, kNgo));
  EXPECT_THAT(AllowedRoles(Action::kVerify), ElementsAre(kAdmin, kAuditor));
  EXPECT_THAT(AllowedRoles(Action::kProve), ElementsAre(kAdmin, kRecorder, kAuditor));
  EXPECT_THAT(AllowedRoles(Action::kAppendEvents), ElementsAre(kAdmin));
  EXPECT_THAT(AllowedRoles(Action::kAdminister), ElementsAre(kAdmin));
}

TEST(PermissionsTest, RequireDeniesNamingRoleMethodAndAllowedRoles) {
  EXPECT_TRUE(Require(As(kRecorder), Action::kRecord, "/kumppani.v1.Commands/RecordDecision").ok());
  absl::Status denied =
      Require(As(kPublic), Action::kRecord, "/kumppani.v1.Commands/RecordDecision");
  EXPECT_EQ(denied.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(denied.message(),
            "role public may not record domain commands (method "
            "/kumppani.v1.Commands/RecordDecision; allowed: admin, recorder)");
}

TEST(PermissionsTest, RequireRole) {
  EXPECT_TRUE(RequireRole(As(kAuditor), {kAdmin, kAuditor}, "/m").ok());
  absl::Status denied = RequireRole(As(kNgo, "org-a"), {kAdmin, kAuditor}, "/kumppani.v1.X/Y");
  EXPECT_EQ(denied.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(denied.message(), "role ngo may not call /kumppani.v1.X/Y (allowed: admin, auditor)");
}

TEST(PermissionsTest, NgoActsOnlyForItsOwnOrganisation) {
  EXPECT_TRUE(RequireOrganisation(As(kNgo, "org-a"), "org-a", "statement.organisation_id").ok());
  absl::Status other = RequireOrganisation(As(kNgo, "org-a"), "org-b", "statement.organisation_id");
  EXPECT_EQ(other.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(other.message(),
            "statement.organisation_id: an ngo token acts only for its own organisation "
            "\"org-a\", got \"org-b\"");
  // An ngo principal without an organisation matches nothing, not even "".
  EXPECT_EQ(RequireOrganisation(As(kNgo, ""), "", "f").code(), absl::StatusCode::kPermissionDenied);
  // Roles without a scope pass the scope check.
  EXPECT_TRUE(RequireOrganisation(As(kAdmin), "org-b", "f").ok());
  EXPECT_TRUE(RequireOrganisation(As(kRecorder), "org-b", "f").ok());
}

TEST(PermissionsTest, RequireSubmitForChecksActionThenScope) {
  EXPECT_TRUE(RequireSubmitFor(As(kRecorder), "org-b", "f", "/m").ok());
  EXPECT_TRUE(RequireSubmitFor(As(kNgo, "org-b"), "org-b", "f", "/m").ok());
  EXPECT_EQ(RequireSubmitFor(As(kNgo, "org-a"), "org-b", "f", "/m").code(),
            absl::StatusCode::kPermissionDenied);
  absl::Status auditor = RequireSubmitFor(As(kAuditor), "org-b", "f", "/m");
  EXPECT_EQ(auditor.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(auditor.message()), HasSubstr("role auditor may not submit"));
  EXPECT_EQ(RequireSubmitFor(As(kPublic), "org-b", "f", "/m").code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(PermissionsTest, RoleNamesRoundTrip) {
  for (Role role : {kAdmin, kRecorder, kNgo, kAuditor, kPublic}) {
    absl::StatusOr<Role> parsed = ParseRole(RoleName(role));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, role);
  }
  EXPECT_EQ(ParseRole("root").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kumppani::api
