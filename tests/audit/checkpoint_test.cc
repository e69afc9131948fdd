// Signed checkpoints: exact format, sign/verify round trips, a known answer,
// and rejection of every kind of tampering, wrong key and malformed body.
#include "ledger/audit/checkpoint.h"

#include <limits>
#include <string>

#include "absl/strings/str_replace.h"
#include "ledger/common/sha256.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace kumppani::audit {
namespace {

using ::testing::HasSubstr;

constexpr char kOrigin[] = "kumppani.example/ledger";

// RFC 8032 section 7.1 TEST 1 secret key.
Ed25519KeyPair TestKey() {
  std::string seed;
  const char hex[] = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  for (size_t i = 0; i < 64; i += 2) {
    seed.push_back(static_cast<char>(std::stoi(std::string(hex + i, 2), nullptr, 16)));
  }
  return *Ed25519KeyPair::FromSeed(seed);
}

Checkpoint Sample() {
  Checkpoint c;
  c.origin = kOrigin;
  c.tree_size = 8;
  // Root of the 8-leaf RFC 6962 test tree (tests/testing/merkle_vectors.h).
  c.root_hash = *HashFromHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
                             "root");
  c.timestamp_ms = 1718000000123;
  return c;
}

// Computed independently with Python's `cryptography` package (Ed25519 over
// the body text, key ID per c2sp.org/signed-note) for TestKey() and Sample().
constexpr char kSampleNote[] =
    "kumppani.example/ledger\n"
    "8\n"
    "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"
    "timestamp 1718000000123\n"
    "\n"
    "\xE2\x80\x94 kumppani.example/ledger "
    "+Nk6NP2LeS4u+JdsiwcL45MbjqIHO8MmafxnHhCGG3y96+mTqFK2F1EupapBv9JUy4E3uDQ9GeQEPnyFKOf43HFFjAw=\n";
constexpr char kSampleVkey[] =
    "kumppani.example/ledger+f8d93a34+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea";

TEST(CheckpointTest, FormatIsExact) {
  auto text = FormatCheckpoint(Sample());
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text,
            "kumppani.example/ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"
            "timestamp 1718000000123\n");
}

TEST(CheckpointTest, KnownAnswer) {
  auto note = SignCheckpoint(Sample(), TestKey());
  ASSERT_TRUE(note.ok()) << note.status();
  EXPECT_EQ(*note, kSampleNote);
  EXPECT_EQ(*FormatVerifierKey(kOrigin, TestKey().public_key()), kSampleVkey);
  auto verified = VerifyCheckpoint(kSampleNote, *ParseVerifierKey(kSampleVkey));
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(*verified, Sample());
}

TEST(CheckpointTest, SignThenVerifyRoundTrips) {
  auto key = Ed25519KeyPair::Generate();
  ASSERT_TRUE(key.ok());
  for (Checkpoint c : {Sample(), Checkpoint{kOrigin, 0, Sha256(""), 0},
                       Checkpoint{kOrigin, std::numeric_limits<uint64_t>::max(), Sha256("x"),
                                  std::numeric_limits<int64_t>::max()}}) {
    auto note = SignCheckpoint(c, *key);
    ASSERT_TRUE(note.ok()) << note.status();
    auto verified = VerifyCheckpoint(*note, kOrigin, key->public_key());
    ASSERT_TRUE(verified.ok()) << verified.status();
    EXPECT_EQ(*verified, c);
    auto parsed = ParseCheckpoint(*note);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, c);
  }
}

TEST(CheckpointTest, TamperingIsRejected) {
  const VerifierKey key = *ParseVerifierKey(kSampleVkey);
  const std::string note = kSampleNote;
  const std::string other_root = absl::StrReplaceAll(
      note, {{"XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=",
              "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc="}});
  const std::string tampered[] = {
      absl::StrReplaceAll(note, {{"\n8\n", "\n9\n"}}),                      // size
      other_root,                                                           // root
      absl::StrReplaceAll(note, {{"1718000000123", "1718000000124"}}),      // timestamp
      absl::StrReplaceAll(note, {{"kumppani.example/ledger\n8", "kumppani.example/ledgex\n8"}}),
      absl::StrReplaceAll(note, {{"+Nk6NP2LeS4u", "+Nk6NP2LeS4v"}}),        // signature
  };
  for (const std::string& bad : tampered) {
    ASSERT_NE(bad, note);
    auto verified = VerifyCheckpoint(bad, key);
    EXPECT_EQ(verified.status().code(), absl::StatusCode::kFailedPrecondition) << bad;
    EXPECT_EQ(verified.status().message(),
              "note: the signature by key kumppani.example/ledger+f8d93a34 does not verify");
  }
}

TEST(CheckpointTest, WrongKeyIsRejected) {
  auto other = Ed25519KeyPair::Generate();
  ASSERT_TRUE(other.ok());
  auto wrong_key = VerifyCheckpoint(kSampleNote, kOrigin, other->public_key());
  EXPECT_EQ(wrong_key.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(wrong_key.status().message(),
              HasSubstr("note: has no signature by key kumppani.example/ledger+"));
  auto wrong_name = VerifyCheckpoint(kSampleNote, "other.example/log", TestKey().public_key());
  EXPECT_EQ(wrong_name.status().code(), absl::StatusCode::kFailedPrecondition);

  // Signed by another key under our name: ignored as an unknown key.
  auto forged = SignNote(*FormatCheckpoint(Sample()), kOrigin, *other);
  ASSERT_TRUE(forged.ok());
  EXPECT_EQ(VerifyCheckpoint(*forged, kOrigin, TestKey().public_key()).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(CheckpointTest, ExtraSignaturesOfOtherKeysAreIgnored) {
  auto witness = Ed25519KeyPair::Generate();
  ASSERT_TRUE(witness.ok());
  auto cosigned = SignNote(*FormatCheckpoint(Sample()), "witness.example/w1", *witness);
  ASSERT_TRUE(cosigned.ok());
  // Our signature line appended after the witness's.
  std::string ours = kSampleNote;
  ours = ours.substr(ours.find("\n\n") + 2);
  auto verified = VerifyCheckpoint(*cosigned + ours, kOrigin, TestKey().public_key());
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(*verified, Sample());
}

TEST(CheckpointTest, MalformedBodiesAreRejectedByLine) {
  const Ed25519KeyPair key = TestKey();
  const std::string root = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=";
  struct Case {
    std::string body;
    std::string message;
  };
  const Case cases[] = {
      {"kumppani.example/ledger\n8\n" + root + "\n",
       "checkpoint: must have 4 lines (origin, tree size, root hash, timestamp), got 3"},
      {"kumppani.example/ledger\n8\n" + root + "\ntimestamp 1\nextra\n",
       "checkpoint: must have 4 lines (origin, tree size, root hash, timestamp), got 5"},
      {"kumppani.example/ledger\n08\n" + root + "\ntimestamp 1\n",
       "checkpoint: line 2 (tree size) must be a decimal number without leading zeros"},
      {"kumppani.example/ledger\n-8\n" + root + "\ntimestamp 1\n",
       "checkpoint: line 2 (tree size) must be a decimal number without leading zeros"},
      {"kumppani.example/ledger\n18446744073709551616\n" + root + "\ntimestamp 1\n",
       "checkpoint: line 2 (tree size) must be a decimal number without leading zeros"},
      {"kumppani.example/ledger\n8\nnot base64\ntimestamp 1\n",
       "checkpoint: line 3 (root hash): must be non-empty, canonical, padded standard base64"},
      {"kumppani.example/ledger\n8\nAAAA\ntimestamp 1\n",
       "checkpoint: line 3 (root hash): must be a 32-byte SHA-256 hash, got 3 bytes"},
      {"kumppani.example/ledger\n8\n" + root + "\ntime 1\n",
       "checkpoint: line 4 (timestamp) must be \"timestamp \" and the milliseconds since the "
       "Unix epoch, decimal without leading zeros"},
      {"kumppani.example/ledger\n8\n" + root + "\ntimestamp -1\n",
       "checkpoint: line 4 (timestamp) must be \"timestamp \" and the milliseconds since the "
       "Unix epoch, decimal without leading zeros"},
      {"kumppani.example/ledger\n8\n" + root + "\ntimestamp 9223372036854775808\n",
       "checkpoint: line 4 (timestamp) must be \"timestamp \" and the milliseconds since the "
       "Unix epoch, decimal without leading zeros"},
  };
  for (const Case& c : cases) {
    auto note = SignNote(c.body, kOrigin, key);
    ASSERT_TRUE(note.ok()) << note.status();
    auto verified = VerifyCheckpoint(*note, kOrigin, key.public_key());
    EXPECT_EQ(verified.status().code(), absl::StatusCode::kInvalidArgument) << c.body;
    EXPECT_EQ(verified.status().message(), c.message) << c.body;
    EXPECT_EQ(ParseCheckpoint(*note).status().message(), c.message) << c.body;
  }
  // An empty origin line, and (found by the proof fuzz target) an origin
  // with a '+', which parsed although it cannot name a key and
  // FormatCheckpoint refuses it.
  const std::string sample = kSampleNote;
  const std::string signature = sample.substr(sample.find("\xE2\x80\x94"));
  const std::string origin_rule =
      "checkpoint: line 1 (origin) must be non-empty UTF-8 without spaces, control characters "
      "or '+' (it is also the key name)";
  for (const std::string origin : {"", "kumppani+example/ledger", "kumppani example/ledger"}) {
    EXPECT_EQ(ParseCheckpoint(origin + "\n8\n" + root + "\ntimestamp 1\n\n" + signature)
                  .status()
                  .message(),
              origin_rule)
        << origin;
  }
}

TEST(CheckpointTest, FormatRejectsBadFields) {
  Checkpoint c = Sample();
  c.origin = "has space";
  EXPECT_EQ(FormatCheckpoint(c).status().code(), absl::StatusCode::kInvalidArgument);
  c.origin = "";
  EXPECT_EQ(FormatCheckpoint(c).status().code(), absl::StatusCode::kInvalidArgument);
  c.origin = "a+b";
  EXPECT_THAT(FormatCheckpoint(c).status().message(), HasSubstr("origin:"));
  c = Sample();
  c.timestamp_ms = -1;
  EXPECT_EQ(FormatCheckpoint(c).status().message(), "timestamp_ms: must not be negative, got -1");
  EXPECT_EQ(SignCheckpoint(c, TestKey()).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kumppani::audit
