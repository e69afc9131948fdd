// Throw-away X.509 certificates for TLS tests, made with OpenSSL: a CA, and
// leaf certificates it signs for "localhost" / 127.0.0.1.
#ifndef KUMPPANI_TESTS_API_TEST_CERTIFICATES_H_
#define KUMPPANI_TESTS_API_TEST_CERTIFICATES_H_

#include <string>

namespace kumppani::testing {

struct PemPair {
  std::string certificate;
  std::string private_key;
};

// A self-signed CA certificate (P-256) named `common_name`.
PemPair MakeCertificateAuthority(const std::string& common_name);

// A certificate for `common_name` with subjectAltName DNS:localhost and
// IP:127.0.0.1, signed by `issuer`. Aborts the test binary on OpenSSL failure.
PemPair MakeLeafCertificate(const std::string& common_name, const PemPair& issuer);

}  // namespace kumppani::testing

#endif  // KUMPPANI_TESTS_API_TEST_CERTIFICATES_H_
