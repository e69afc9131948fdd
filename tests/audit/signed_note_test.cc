// C2SP signed notes against the published known answers of Go's
// golang.org/x/mod/sumdb/note (note_test.go: the PeterNeumann and EnochRoot
// keys, their vkeys and signatures), plus its malformed-note cases.
#include "ledger/audit/signed_note.h"

#include <string>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace kumppani::audit {
namespace {

using ::testing::HasSubstr;

// From golang.org/x/mod/sumdb/note/note_test.go.
constexpr char kPeterVkey[] = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
// The signer key "PRIVATE+KEY+PeterNeumann+c74f20a3+<base64(0x01 || seed)>".
constexpr char kPeterSeedBase64[] = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr char kEnochVkey[] = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
constexpr char kText[] =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr char kPeterSig[] =
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
constexpr char kEnochSig[] =
    "\xE2\x80\x94 EnochRoot "
    "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

Ed25519KeyPair PeterKey() {
  std::string raw;
  EXPECT_TRUE(absl::Base64Unescape(kPeterSeedBase64, &raw));
  EXPECT_EQ(raw[0], '\x01');
  return *Ed25519KeyPair::FromSeed(raw.substr(1));
}

VerifierKey Peter() { return *ParseVerifierKey(kPeterVkey); }

TEST(SignedNoteTest, GoVerifierKeysParse) {
  auto peter = ParseVerifierKey(kPeterVkey);
  ASSERT_TRUE(peter.ok()) << peter.status();
  EXPECT_EQ(peter->name, "PeterNeumann");
  EXPECT_EQ(Ed25519KeyId(peter->name, peter->public_key), 0xc74f20a3u);
  EXPECT_EQ(*FormatVerifierKey(peter->name, peter->public_key), kPeterVkey);
  auto enoch = ParseVerifierKey(kEnochVkey);
  ASSERT_TRUE(enoch.ok()) << enoch.status();
  EXPECT_EQ(Ed25519KeyId(enoch->name, enoch->public_key), 0xaf0cfe78u);
}

TEST(SignedNoteTest, GoSignerKeyHasTheVerifierKeysPublicKey) {
  EXPECT_EQ(PeterKey().public_key(), Peter().public_key);
}

// Ed25519 is deterministic, so signing Go's text with Go's key must give
// Go's note byte for byte.
TEST(SignedNoteTest, SignMatchesGo) {
  auto note = SignNote(kText, "PeterNeumann", PeterKey());
  ASSERT_TRUE(note.ok()) << note.status();
  EXPECT_EQ(*note, std::string(kText) + "\n" + kPeterSig);
}

TEST(SignedNoteTest, OpenGoNotes) {
  const std::string both = std::string(kText) + "\n" + kPeterSig + kEnochSig;
  auto text = OpenNote(both, Peter());
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, kText);
  auto by_enoch = OpenNote(both, *ParseVerifierKey(kEnochVkey));
  ASSERT_TRUE(by_enoch.ok()) << by_enoch.status();

  auto parsed = ParseNote(both);
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->signatures.size(), 2u);
  EXPECT_EQ(parsed->signatures[0].key_name, "PeterNeumann");
  EXPECT_EQ(parsed->signatures[0].key_id, 0xc74f20a3u);
  EXPECT_EQ(parsed->signatures[0].signature.size(), 64u);
  EXPECT_EQ(parsed->signatures[1].key_name, "EnochRoot");
}

TEST(SignedNoteTest, UnknownKeysAreIgnoredButOneKnownSignatureIsRequired) {
  const std::string enoch_only = std::string(kText) + "\n" + kEnochSig;
  auto text = OpenNote(enoch_only, Peter());
  EXPECT_EQ(text.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(text.status().message(), "note: has no signature by key PeterNeumann+c74f20a3");
}

TEST(SignedNoteTest, InvalidSignatureRejectsTheNote) {
  // Go's TestOpen: four characters inserted into the signature.
  const std::string sig = kPeterSig;
  const std::string bad = std::string(kText) + "\n" + sig.substr(0, 60) + "ABCD" + sig.substr(60);
  auto text = OpenNote(bad, Peter());
  EXPECT_EQ(text.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(text.status().message(), HasSubstr("PeterNeumann+c74f20a3"));
  // A valid and an invalid line by the same key: the whole note is rejected.
  std::string flipped = sig;
  flipped[40] = flipped[40] == 'A' ? 'B' : 'A';
  auto mixed = OpenNote(std::string(kText) + "\n" + kPeterSig + flipped, Peter());
  EXPECT_EQ(mixed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(mixed.status().message(),
            "note: the signature by key PeterNeumann+c74f20a3 does not verify");
}

TEST(SignedNoteTest, MalformedNotes) {
  const std::string text = kText;
  const std::string sig = kPeterSig;
  // Go's TestOpen bad messages, and a few more.
  const std::string bad[] = {
      text,
      text + "\n",
      text + "\n" + sig.substr(0, sig.size() - 1),
      "\x01" + text + "\n" + sig,
      "\xff" + text + "\n" + sig,
      text + "\n" + "\xE2\x80\x94 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
      text + "\n" + sig + "Unexpected line.\n",
      text + "\n" + "- PeterNeumann " + sig.substr(sig.find(' ', 5) + 1),
      text + "\n" + "\xE2\x80\x94 Peter+Neumann AAAAAAA=\n",
      text + "\n" + "\xE2\x80\x94 PeterNeumann AAAA\n",  // 3 bytes: too short
      text + "\n" + "\xE2\x80\x94 PeterNeumann AAAAAAA\n",  // unpadded base64
      text + "\r\n" + sig,
  };
  for (const std::string& note : bad) {
    auto parsed = OpenNote(note, Peter());
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << note;
  }
  std::string many = text + "\n";
  for (int i = 0; i < 101; ++i) many += sig;
  auto too_many = OpenNote(many, Peter());
  EXPECT_EQ(too_many.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(too_many.status().message(), "note: more than 100 signature lines");
}

TEST(SignedNoteTest, MangledVerifierKeysAreRejected) {
  // Go's TestNewVerifier: every proper substring and every one-byte change.
  const std::string vkey = kPeterVkey;
  for (size_t i = 0; i <= vkey.size(); ++i) {
    for (size_t j = i + 1; j <= vkey.size(); ++j) {
      if (i == 0 && j == vkey.size()) continue;
      EXPECT_FALSE(ParseVerifierKey(vkey.substr(i, j - i)).ok()) << vkey.substr(i, j - i);
    }
  }
  for (size_t i = 0; i < vkey.size(); ++i) {
    std::string changed = vkey;
    ++changed[i];
    EXPECT_FALSE(ParseVerifierKey(changed).ok()) << changed;
  }
  // Wrong key length and unknown algorithm, with adjusted key hashes.
  EXPECT_FALSE(
      ParseVerifierKey("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")
          .ok());
  auto unknown = ParseVerifierKey("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  EXPECT_EQ(unknown.status().message(),
            "vkey: key: only Ed25519 keys (signature type 0x01) are supported");
}

TEST(SignedNoteTest, KeyNames) {
  EXPECT_TRUE(IsValidKeyName("kumppani.example.fi/ledger"));
  EXPECT_TRUE(IsValidKeyName("P\xC3\xA4ij\xC3\xA4t-H\xC3\xA4me"));  // Päijät-Häme
  EXPECT_FALSE(IsValidKeyName(""));
  EXPECT_FALSE(IsValidKeyName("a b"));
  EXPECT_FALSE(IsValidKeyName("a+b"));
  EXPECT_FALSE(IsValidKeyName("a\tb"));
  EXPECT_FALSE(IsValidKeyName("a\xC2\xA0" "b"));      // U+00A0 no-break space
  EXPECT_FALSE(IsValidKeyName("a\xE3\x80\x80" "b"));  // U+3000 ideographic space
  EXPECT_FALSE(IsValidKeyName("a\xC0\xAF"));           // overlong '/'
  EXPECT_FALSE(IsValidKeyName("a\xED\xA0\x80"));       // surrogate
  EXPECT_EQ(FormatVerifierKey("a b", Peter().public_key).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(SignedNoteTest, SignRejectsBadText) {
  Ed25519KeyPair key = PeterKey();
  EXPECT_EQ(SignNote("", "PeterNeumann", key).status().message(),
            "text: must be non-empty and end in a newline");
  EXPECT_EQ(SignNote("no newline", "PeterNeumann", key).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SignNote("tab\there\n", "PeterNeumann", key).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SignNote("ok\n", "Peter Neumann", key).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(SignedNoteTest, TextMayContainBlankLines) {
  Ed25519KeyPair key = PeterKey();
  auto note = SignNote("first\n\nsecond\n", "PeterNeumann", key);
  ASSERT_TRUE(note.ok());
  auto text = OpenNote(*note, Peter());
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "first\n\nsecond\n");
}

TEST(SignedNoteTest, DecodeBase64IsStrict) {
  EXPECT_EQ(*DecodeBase64("AAEC", "f"), std::string("\x00\x01\x02", 3));
  EXPECT_FALSE(DecodeBase64("", "f").ok());
  EXPECT_FALSE(DecodeBase64("AAE", "f").ok());       // unpadded
  EXPECT_FALSE(DecodeBase64("AAF=", "f").ok());      // non-canonical final bits
  EXPECT_FALSE(DecodeBase64("AA-_", "f").ok());      // URL alphabet
  EXPECT_FALSE(DecodeBase64("AA EC", "f").ok());     // whitespace
  EXPECT_EQ(DecodeBase64("A", "root").status().message(),
            "root: must be non-empty, canonical, padded standard base64");
}

}  // namespace
}  // namespace kumppani::audit
