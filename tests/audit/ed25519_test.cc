// Ed25519 keys: the RFC 8032 known answer, signing and verifying, and the
// private key file (PKCS#8 PEM, created 0600, never overwritten, refused when
// readable by others).
#include "ledger/audit/ed25519.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ledger/common/sha256.h"
#include "tests/testing/temp_dir.h"

namespace kumppani::audit {
namespace {

using ::testing::HasSubstr;

std::string Unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::string Hex(const uint8_t* data, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kHex[data[i] >> 4]);
    out.push_back(kHex[data[i] & 15]);
  }
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFile(const std::string& path, const std::string& text, mode_t mode) {
  std::ofstream(path) << text;
  ASSERT_EQ(chmod(path.c_str(), mode), 0);
}

// RFC 8032 section 7.1, TEST 1.
constexpr char kRfc8032Seed[] = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr char kRfc8032Public[] =
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr char kRfc8032Signature[] =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
    "1cf9b46bd25bf5f0595bbe24655141438e7a100b";
// The same key as PKCS#8 PEM (what `openssl pkey` prints for it).
constexpr char kRfc8032Pem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
    "-----END PRIVATE KEY-----\n";

Ed25519KeyPair Rfc8032Key() { return *Ed25519KeyPair::FromSeed(Unhex(kRfc8032Seed)); }

TEST(Ed25519Test, Rfc8032KnownAnswer) {
  Ed25519KeyPair key = Rfc8032Key();
  EXPECT_EQ(Hex(key.public_key().data(), 32), kRfc8032Public);
  auto signature = key.Sign("");
  ASSERT_TRUE(signature.ok()) << signature.status();
  EXPECT_EQ(Hex(signature->data(), 64), kRfc8032Signature);
  EXPECT_TRUE(VerifyEd25519(key.public_key(), "", *signature));
}

TEST(Ed25519Test, VerifyRejectsTampering) {
  auto key = Ed25519KeyPair::Generate();
  ASSERT_TRUE(key.ok()) << key.status();
  auto signature = key->Sign("checkpoint body\n");
  ASSERT_TRUE(signature.ok());
  EXPECT_TRUE(VerifyEd25519(key->public_key(), "checkpoint body\n", *signature));
  EXPECT_FALSE(VerifyEd25519(key->public_key(), "checkpoint body!\n", *signature));
  Ed25519Signature bad = *signature;
  bad[10] ^= 1;
  EXPECT_FALSE(VerifyEd25519(key->public_key(), "checkpoint body\n", bad));
  EXPECT_FALSE(VerifyEd25519(Rfc8032Key().public_key(), "checkpoint body\n", *signature));
}

TEST(Ed25519Test, GeneratedKeysDiffer) {
  auto a = Ed25519KeyPair::Generate();
  auto b = Ed25519KeyPair::Generate();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->public_key(), b->public_key());
}

TEST(Ed25519Test, FromSeedChecksLength) {
  auto short_seed = Ed25519KeyPair::FromSeed("too short");
  EXPECT_EQ(short_seed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(short_seed.status().message(), "seed: an Ed25519 private key is 32 bytes, got 9");
}

TEST(Ed25519Test, SavesPkcs8PemWithMode0600EvenUnderPermissiveUmask) {
  testing::TempDir dir;
  const std::string path = dir.Sub("checkpoint.key");
  const mode_t old_umask = umask(0);
  absl::Status saved = Rfc8032Key().SavePrivateKeyPem(path);
  umask(old_umask);
  ASSERT_TRUE(saved.ok()) << saved;
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(ReadFile(path), kRfc8032Pem);

  auto loaded = Ed25519KeyPair::LoadPrivateKeyPem(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->public_key(), Rfc8032Key().public_key());
}

TEST(Ed25519Test, NeverOverwritesAKeyFile) {
  testing::TempDir dir;
  const std::string path = dir.Sub("checkpoint.key");
  ASSERT_TRUE(Rfc8032Key().SavePrivateKeyPem(path).ok());
  auto other = Ed25519KeyPair::Generate();
  ASSERT_TRUE(other.ok());
  absl::Status again = other->SavePrivateKeyPem(path);
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(Ed25519KeyPair::LoadPrivateKeyPem(path)->public_key(), Rfc8032Key().public_key());
}

TEST(Ed25519Test, LoadsOpensslPemAndRefusesBadFiles) {
  testing::TempDir dir;
  const std::string good = dir.Sub("good.key");
  WriteFile(good, kRfc8032Pem, 0400);
  auto loaded = Ed25519KeyPair::LoadPrivateKeyPem(good);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(Hex(loaded->public_key().data(), 32), kRfc8032Public);

  const std::string open = dir.Sub("open.key");
  WriteFile(open, kRfc8032Pem, 0644);
  auto refused = Ed25519KeyPair::LoadPrivateKeyPem(open);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("(mode 0644); run chmod 600 on it"));

  const std::string garbage = dir.Sub("garbage.key");
  WriteFile(garbage, "not a key\n", 0600);
  auto bad = Ed25519KeyPair::LoadPrivateKeyPem(garbage);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("not a PEM (PKCS#8) Ed25519 private key"));

  EXPECT_EQ(Ed25519KeyPair::LoadPrivateKeyPem(dir.Sub("missing.key")).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(Ed25519Test, MoveKeepsTheKey) {
  Ed25519KeyPair key = Rfc8032Key();
  Ed25519KeyPair moved = std::move(key);
  EXPECT_EQ(Hex(moved.public_key().data(), 32), kRfc8032Public);
  auto signature = moved.Sign("");
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(Hex(signature->data(), 64), kRfc8032Signature);
}

}  // namespace
}  // namespace kumppani::audit
