// Ed25519 keys, signatures and the private key file, via OpenSSL EVP.
#include "ledger/audit/ed25519.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace kumppani::audit {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

// Private key files are a few hundred bytes; refuse to read anything huge.
constexpr off_t kMaxKeyFileBytes = 64 * 1024;

// Closes a file descriptor when it goes out of scope.
class ScopedFd {
 public:
  explicit ScopedFd(int fd) : fd_(fd) {}
  ~ScopedFd() {
    if (fd_ >= 0) close(fd_);
  }
  ScopedFd(const ScopedFd&) = delete;
  ScopedFd& operator=(const ScopedFd&) = delete;
  int get() const { return fd_; }
  // Closes now and reports a failure (e.g. a delayed write error).
  absl::Status Close(absl::string_view path) {
    int fd = fd_;
    fd_ = -1;
    if (close(fd) != 0) return absl::ErrnoToStatus(errno, absl::StrCat("closing ", path));
    return absl::OkStatus();
  }

 private:
  int fd_;
};

PkeyPtr PrivateKeyFromSeed(const std::array<uint8_t, Ed25519KeyPair::kSeedSize>& seed) {
  return PkeyPtr(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
}

absl::Status WriteAll(int fd, std::string_view bytes, absl::string_view path) {
  while (!bytes.empty()) {
    ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::ErrnoToStatus(errno, absl::StrCat("writing ", path));
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

// "0644" for a file's permission bits.
std::string OctalMode(mode_t mode) {
  std::string out = "0";
  for (int shift : {6, 3, 0}) out.push_back(static_cast<char>('0' + ((mode >> shift) & 7)));
  return out;
}

// Refuses encrypted PEM files instead of letting OpenSSL prompt on a terminal.
int NoPassphrase(char*, int, int, void*) { return -1; }

}  // namespace

absl::StatusOr<Ed25519KeyPair> Ed25519KeyPair::Generate() {
  std::array<uint8_t, kSeedSize> seed;
  if (RAND_priv_bytes(seed.data(), static_cast<int>(seed.size())) != 1) {
    return absl::InternalError("Ed25519 key generation: OpenSSL's random generator failed");
  }
  auto key = FromSeed(std::string_view(reinterpret_cast<const char*>(seed.data()), seed.size()));
  OPENSSL_cleanse(seed.data(), seed.size());
  return key;
}

absl::StatusOr<Ed25519KeyPair> Ed25519KeyPair::FromSeed(std::string_view seed) {
  if (seed.size() != kSeedSize) {
    return absl::InvalidArgumentError(absl::StrCat(
        "seed: an Ed25519 private key is 32 bytes, got ", seed.size()));
  }
  Ed25519KeyPair pair;
  std::memcpy(pair.seed_.data(), seed.data(), kSeedSize);
  PkeyPtr pkey = PrivateKeyFromSeed(pair.seed_);
  size_t size = pair.public_key_.size();
  if (pkey == nullptr ||
      EVP_PKEY_get_raw_public_key(pkey.get(), pair.public_key_.data(), &size) != 1 ||
      size != pair.public_key_.size()) {
    return absl::InternalError("Ed25519: OpenSSL could not derive the public key");
  }
  return pair;
}

absl::StatusOr<Ed25519KeyPair> Ed25519KeyPair::LoadPrivateKeyPem(const std::string& path) {
  // Symbolic links are followed (secret mounts use them); the mode checked is
  // that of the file itself.
  ScopedFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return absl::ErrnoToStatus(errno, absl::StrCat("opening ", path));
  struct stat st;
  if (fstat(fd.get(), &st) != 0) return absl::ErrnoToStatus(errno, absl::StrCat("stat ", path));
  if (!S_ISREG(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": not a regular file"));
  }
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, ": private key file is accessible to group or others (mode ",
        OctalMode(st.st_mode), "); run chmod 600 on it"));
  }
  if (st.st_size > kMaxKeyFileBytes) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": too large for a private key file"));
  }
  std::string pem(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  while (got < pem.size()) {
    ssize_t n = read(fd.get(), pem.data() + got, pem.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return absl::ErrnoToStatus(errno, absl::StrCat("reading ", path));
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  pem.resize(got);
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  PkeyPtr pkey(bio == nullptr ? nullptr
                              : PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  OPENSSL_cleanse(pem.data(), pem.size());
  if (pkey == nullptr || EVP_PKEY_get_base_id(pkey.get()) != EVP_PKEY_ED25519) {
    ERR_clear_error();
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a PEM (PKCS#8) Ed25519 private key"));
  }
  std::array<uint8_t, kSeedSize> seed;
  size_t size = seed.size();
  if (EVP_PKEY_get_raw_private_key(pkey.get(), seed.data(), &size) != 1 || size != seed.size()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": unreadable Ed25519 private key"));
  }
  auto pair = FromSeed(std::string_view(reinterpret_cast<const char*>(seed.data()), seed.size()));
  OPENSSL_cleanse(seed.data(), seed.size());
  return pair;
}

Ed25519KeyPair::Ed25519KeyPair(Ed25519KeyPair&& other) noexcept
    : seed_(other.seed_), public_key_(other.public_key_) {
  other.Wipe();
}

Ed25519KeyPair& Ed25519KeyPair::operator=(Ed25519KeyPair&& other) noexcept {
  if (this != &other) {
    seed_ = other.seed_;
    public_key_ = other.public_key_;
    other.Wipe();
  }
  return *this;
}

Ed25519KeyPair::~Ed25519KeyPair() { Wipe(); }

void Ed25519KeyPair::Wipe() { OPENSSL_cleanse(seed_.data(), seed_.size()); }

absl::Status Ed25519KeyPair::SavePrivateKeyPem(const std::string& path) const {
  PkeyPtr pkey = PrivateKeyFromSeed(seed_);
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (pkey == nullptr || bio == nullptr ||
      PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
          1) {
    return absl::InternalError("Ed25519: OpenSSL could not encode the private key");
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  std::string_view pem(data, static_cast<size_t>(size));

  // O_EXCL: never replace an existing key. The mode is set again with fchmod
  // because open's mode is filtered through the umask.
  ScopedFd fd(open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0) return absl::ErrnoToStatus(errno, absl::StrCat("creating ", path));
  absl::Status status = fchmod(fd.get(), 0600) == 0
                            ? absl::OkStatus()
                            : absl::ErrnoToStatus(errno, absl::StrCat("chmod ", path));
  if (status.ok()) status = WriteAll(fd.get(), pem, path);
  if (status.ok() && fsync(fd.get()) != 0) {
    status = absl::ErrnoToStatus(errno, absl::StrCat("syncing ", path));
  }
  if (status.ok()) status = fd.Close(path);
  // The memory BIO held the key in clear; wipe it before it is freed.
  OPENSSL_cleanse(data, static_cast<size_t>(size));
  if (!status.ok()) unlink(path.c_str());
  return status;
}

absl::StatusOr<Ed25519Signature> Ed25519KeyPair::Sign(std::string_view message) const {
  PkeyPtr pkey = PrivateKeyFromSeed(seed_);
  MdCtxPtr ctx(EVP_MD_CTX_new());
  Ed25519Signature signature;
  size_t size = signature.size();
  if (pkey == nullptr || ctx == nullptr ||
      EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1 ||
      EVP_DigestSign(ctx.get(), signature.data(), &size,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
      size != signature.size()) {
    return absl::InternalError("Ed25519: OpenSSL could not sign");
  }
  return signature;
}

bool VerifyEd25519(const Ed25519PublicKey& public_key, std::string_view message,
                   const Ed25519Signature& signature) {
  PkeyPtr pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(),
                                           public_key.size()));
  MdCtxPtr ctx(EVP_MD_CTX_new());
  const bool valid =
      pkey != nullptr && ctx != nullptr &&
      EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  // A bad signature leaves an entry on OpenSSL's thread-local error queue.
  if (!valid) ERR_clear_error();
  return valid;
}

}  // namespace kumppani::audit
