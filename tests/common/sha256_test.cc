// SHA-256 known answers (FIPS 180-4 examples) and the hex form of digests.
#include "ledger/common/sha256.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace kumppani {
namespace {

using ::testing::HasSubstr;

TEST(Sha256Test, KnownAnswers) {
  EXPECT_EQ(HashToHex(Sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HashToHex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HashToHex(Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(HashToHex(Sha256(std::string(1000000, 'a'))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, IncrementalEqualsOneShot) {
  const std::string data = std::string("\x00", 1) + "abc" + std::string(200, 'x');
  Hash one_shot = Sha256(data);
  Hash pieces = Sha256Hasher().UpdateByte(0).Update("abc").Update(std::string(200, 'x')).Finish();
  EXPECT_EQ(one_shot, pieces);
  Hash h = Sha256("abc");
  EXPECT_EQ(Sha256Hasher().Update(h).Finish(), Sha256(HashBytes(h)));
}

TEST(Sha256Test, HexRoundTrip) {
  Hash h = Sha256("abc");
  auto parsed = HashFromHex(HashToHex(h), "root");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, h);
  auto upper = HashFromHex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", "root");
  ASSERT_TRUE(upper.ok());
  EXPECT_EQ(*upper, h);
}

TEST(Sha256Test, RejectsMalformedHex) {
  auto short_hex = HashFromHex("abcd", "root_hash");
  EXPECT_EQ(short_hex.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(short_hex.status().message(),
            "root_hash: must be 64 hex digits (a SHA-256 hash), got 4 characters");
  std::string bad = HashToHex(Sha256("abc"));
  bad[10] = 'g';
  auto not_hex = HashFromHex(bad, "root_hash");
  EXPECT_EQ(not_hex.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(not_hex.status().message(), HasSubstr("non-hex character"));
}

TEST(Sha256Test, FromBytesChecksLength) {
  Hash h = Sha256("abc");
  EXPECT_EQ(*HashFromBytes(HashBytes(h), "leaf_hash"), h);
  EXPECT_EQ(HashFromBytes("short", "leaf_hash").status().message(),
            "leaf_hash: must be a 32-byte SHA-256 hash, got 5 bytes");
}

}  // namespace
}  // namespace kumppani
