// The tokens file: loading, every kind of bad line (with its line number),
// AddToken, and bearer-token authentication.
#include "api/token_store.h"

#include <sys/stat.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/common/sha256.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::api {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

std::string HashOf(const std::string& token) { return HashToHex(Sha256(token)); }

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

using Metadata = std::multimap<grpc::string_ref, grpc::string_ref>;

TEST(TokenStoreTest, LoadsEntriesSkippingCommentsAndBlankLines) {
  testing::TempDir dir;
  std::string path = dir.Sub("tokens");
  WriteFile(path, "# comment\n\n" + HashOf("a") + " admin - ops\n   \t\n" + HashOf("b") +
                      "\tngo\torg-hyvinvointiyhdistys\tportal  \r\n# end");
  absl::StatusOr<TokenStore> store = TokenStore::Load(path);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_EQ(store->entries().size(), 2u);
  EXPECT_EQ(store->entries()[0].role, Role::kAdmin);
  EXPECT_EQ(store->entries()[0].organisation_id, "");
  EXPECT_EQ(store->entries()[0].name, "ops");
  EXPECT_EQ(store->entries()[0].line, 3);
  EXPECT_EQ(store->entries()[1].role, Role::kNgo);
  EXPECT_EQ(store->entries()[1].organisation_id, "org-hyvinvointiyhdistys");
  EXPECT_EQ(store->entries()[1].name, "portal");
  EXPECT_EQ(store->entries()[1].line, 5);
  EXPECT_EQ(store->Find("b"), &store->entries()[1]);
  EXPECT_EQ(store->Find("c"), nullptr);
}

TEST(TokenStoreTest, EmptyFileHasNoTokens) {
  absl::StatusOr<TokenStore> store = TokenStore::Parse("", "tokens");
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_TRUE(store->entries().empty());
}

TEST(TokenStoreTest, MissingFileIsNotFoundNamingIt) {
  testing::TempDir dir;
  absl::StatusOr<TokenStore> store = TokenStore::Load(dir.Sub("absent"));
  EXPECT_EQ(store.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(store.status().message()), HasSubstr(dir.Sub("absent")));
}

struct BadLine {
  std::string line;
  std::string expected;  // in the message
};

TEST(TokenStoreTest, BadLinesAreRejectedNamingFileLineAndRule) {
  const std::string h = HashOf("x");
  const std::vector<BadLine> cases = {
      {h + " admin -", "expected 4 fields"},
      {h + " admin - ops extra", "expected 4 fields"},
      {"kpn_abcdefghijklmnop", "looks like a clear token"},
      {"abc admin - ops", "hash: must be 64 hex digits"},
      {std::string(64, 'g') + " admin - ops", "hash: must be 64 hex digits"},
      {h + " root - ops", "role: must be one of admin, recorder, ngo, auditor, public"},
      {h + " Admin - ops", "role: must be one of"},
      {h + " ngo - portal", "an ngo token must name its organisation"},
      {h + " ngo regionx portal", "must be \"org-<slug>\""},
      {h + " ngo org- portal", "must be \"org-<slug>\""},
      {h + " recorder org-x staff", "only an ngo token is scoped"},
      {h + " admin - bad/name", "name: must consist of [A-Za-z0-9._-]"},
      {h + " admin - " + std::string(65, 'n'), "name: must be 1..64 bytes"},
  };
  for (const BadLine& bad : cases) {
    absl::StatusOr<TokenStore> store = TokenStore::Parse(
        "# header\n" + HashOf("ok") + " admin - ok\n" + bad.line + "\n", "/etc/kumppani/tokens");
    ASSERT_FALSE(store.ok()) << bad.line;
    EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(store.status().message()),
                HasSubstr("tokens file /etc/kumppani/tokens line 3: "))
        << bad.line;
    EXPECT_THAT(std::string(store.status().message()), HasSubstr(bad.expected)) << bad.line;
  }
}

TEST(TokenStoreTest, MessagesNeverEchoAClearToken) {
  absl::StatusOr<TokenStore> store = TokenStore::Parse("kpn_secretsecret\n", "t");
  ASSERT_FALSE(store.ok());
  EXPECT_THAT(std::string(store.status().message()), Not(HasSubstr("secretsecret")));
}

TEST(TokenStoreTest, DuplicateHashOrNameIsRejectedNamingBothLines) {
  absl::StatusOr<TokenStore> same_hash =
      TokenStore::Parse(HashOf("a") + " admin - one\n" + HashOf("a") + " auditor - two\n", "t");
  EXPECT_EQ(same_hash.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(same_hash.status().message()),
              HasSubstr("line 2: hash: the same token as line 1"));

  absl::StatusOr<TokenStore> same_name =
      TokenStore::Parse(HashOf("a") + " admin - one\n\n" + HashOf("b") + " auditor - one\n", "t");
  EXPECT_EQ(same_name.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(same_name.status().message()),
              HasSubstr("line 3: name: \"one\" is already used on line 1"));
}

TEST(AddTokenTest, CreatesTheFileWithMode0600AndTheHashOnly) {
  testing::TempDir dir;
  std::string path = dir.Sub("tokens");
  absl::StatusOr<std::string> token = AddToken(path, Role::kRecorder, "", "case-system");
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_THAT(*token, MatchesRegex("kpn_[A-Za-z0-9_-]{43}"));

  struct stat info {};
  ASSERT_EQ(stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  std::string text = ReadFile(path);
  EXPECT_THAT(text, Not(HasSubstr(*token)));
  EXPECT_THAT(text, HasSubstr(HashOf(*token) + " recorder - case-system\n"));
  EXPECT_EQ(text[0], '#');

  absl::StatusOr<TokenStore> store = TokenStore::Load(path);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_EQ(store->entries().size(), 1u);
  EXPECT_EQ(store->Find(*token), &store->entries()[0]);
}

TEST(AddTokenTest, AppendsToAnExistingFileEvenWithoutTrailingNewline) {
  testing::TempDir dir;
  std::string path = dir.Sub("tokens");
  WriteFile(path, HashOf("old") + " admin - ops");
  absl::StatusOr<std::string> token = AddToken(path, Role::kNgo, "org-yhdistys", "portal");
  ASSERT_TRUE(token.ok()) << token.status();
  absl::StatusOr<TokenStore> store = TokenStore::Load(path);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_EQ(store->entries().size(), 2u);
  EXPECT_EQ(store->entries()[1].organisation_id, "org-yhdistys");
  EXPECT_NE(*token, *AddToken(path, Role::kAuditor, "", "auditor-2"));
}

TEST(AddTokenTest, RefusesBadArgumentsAndTakenNamesWithoutWriting) {
  testing::TempDir dir;
  std::string path = dir.Sub("tokens");
  ASSERT_TRUE(AddToken(path, Role::kAdmin, "", "ops").ok());
  std::string before = ReadFile(path);

  absl::StatusOr<std::string> taken = AddToken(path, Role::kAuditor, "", "ops");
  EXPECT_EQ(taken.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(taken.status().message()), HasSubstr("\"ops\" is already used on line"));
  EXPECT_EQ(AddToken(path, Role::kNgo, "", "portal").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(AddToken(path, Role::kAdmin, "org-x", "boss").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(AddToken(path, Role::kAdmin, "", "has space").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadFile(path), before);

  WriteFile(path, "garbage\n");
  absl::StatusOr<std::string> broken = AddToken(path, Role::kAdmin, "", "new");
  EXPECT_EQ(broken.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(broken.status().message()), HasSubstr("line 1"));
  EXPECT_EQ(ReadFile(path), "garbage\n");
}

class TokenAuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ngo_token_ = *AddToken(dir_.Sub("tokens"), Role::kNgo, "org-yhdistys", "portal");
    auditor_token_ = *AddToken(dir_.Sub("tokens"), Role::kAuditor, "", "researcher");
    absl::StatusOr<TokenStore> store = TokenStore::Load(dir_.Sub("tokens"));
    ASSERT_TRUE(store.ok()) << store.status();
    authenticator_ = std::make_unique<TokenAuthenticator>(std::move(*store), dir_.Sub("tokens"));
  }

  absl::StatusOr<Principal> WithHeader(const std::string& value) {
    Metadata metadata;
    metadata.emplace("authorization", value);
    return authenticator_->AuthenticateMetadata(metadata);
  }

  testing::TempDir dir_;
  std::string ngo_token_;
  std::string auditor_token_;
  std::unique_ptr<TokenAuthenticator> authenticator_;
};

TEST_F(TokenAuthenticatorTest, KnownTokensGiveTheirPrincipal) {
  absl::StatusOr<Principal> ngo = WithHeader("Bearer " + ngo_token_);
  ASSERT_TRUE(ngo.ok()) << ngo.status();
  EXPECT_EQ(ngo->role, Role::kNgo);
  EXPECT_EQ(ngo->organisation_id, "org-yhdistys");
  EXPECT_EQ(ngo->actor, "token:portal");

  absl::StatusOr<Principal> auditor = WithHeader("bearer " + auditor_token_);
  ASSERT_TRUE(auditor.ok()) << auditor.status();
  EXPECT_EQ(auditor->role, Role::kAuditor);
  EXPECT_EQ(auditor->organisation_id, "");
  EXPECT_EQ(auditor->actor, "token:researcher");
}

TEST_F(TokenAuthenticatorTest, WrongTokenIsUnauthenticatedWithoutEchoingIt) {
  std::string wrong = ngo_token_;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  absl::StatusOr<Principal> principal = WithHeader("Bearer " + wrong);
  EXPECT_EQ(principal.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(principal.status().message(), "authorization: unknown bearer token");
}

TEST_F(TokenAuthenticatorTest, MissingMalformedOrRepeatedHeaderIsUnauthenticated) {
  Metadata none;
  absl::StatusOr<Principal> missing = authenticator_->AuthenticateMetadata(none);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("authorization: missing"));

  for (const std::string& value :
       {std::string("Basic abc"), std::string("Bearer "), std::string("Bearer"), ngo_token_}) {
    absl::StatusOr<Principal> bad = WithHeader(value);
    EXPECT_EQ(bad.status().code(), absl::StatusCode::kUnauthenticated) << value;
    EXPECT_THAT(std::string(bad.status().message()), Not(HasSubstr(ngo_token_)));
  }

  Metadata twice;
  std::string header = "Bearer " + ngo_token_;
  twice.emplace("authorization", header);
  twice.emplace("authorization", header);
  EXPECT_EQ(authenticator_->AuthenticateMetadata(twice).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST_F(TokenAuthenticatorTest, ReloadAddsAndRevokesTokens) {
  std::string added = *AddToken(dir_.Sub("tokens"), Role::kRecorder, "", "staff");
  EXPECT_EQ(WithHeader("Bearer " + added).status().code(), absl::StatusCode::kUnauthenticated);
  ASSERT_TRUE(authenticator_->Reload().ok());
  EXPECT_TRUE(WithHeader("Bearer " + added).ok());

  // Revoking: the line is removed from the file.
  std::string text = ReadFile(dir_.Sub("tokens"));
  std::string line = HashOf(ngo_token_) + " ngo org-yhdistys portal\n";
  ASSERT_NE(text.find(line), std::string::npos);
  text.erase(text.find(line), line.size());
  WriteFile(dir_.Sub("tokens"), text);
  ASSERT_TRUE(authenticator_->Reload().ok());
  EXPECT_EQ(WithHeader("Bearer " + ngo_token_).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(authenticator_->tokens()->entries().size(), 2u);
}

TEST_F(TokenAuthenticatorTest, FailedReloadKeepsTheTokensInForce) {
  WriteFile(dir_.Sub("tokens"), "broken\n");
  absl::Status status = authenticator_->Reload();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("line 1"));
  EXPECT_TRUE(WithHeader("Bearer " + ngo_token_).ok());
}

TEST(TokenAuthenticatorWithoutFileTest, ReloadIsFailedPrecondition) {
  TokenAuthenticator authenticator(*TokenStore::Parse("", "inline"));
  EXPECT_EQ(authenticator.Reload().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(TokenAuthenticator::FromFile("/nonexistent/tokens").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace kumppani::api
