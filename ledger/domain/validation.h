// Building blocks for checking commands: the error constructors every rule
// uses (so that messages read the same everywhere) and validators for the
// shared field types (aggregate ids, local ids, localized texts, documents,
// amounts).
//
// Message formats:
//   INVALID_ARGUMENT     "<field>: <rule>[, got <value>]"
//   NOT_FOUND            "<field>: <kind> \"<id>\" does not exist"
//   FAILED_PRECONDITION  "<field>: <rule> (<state>)" or "<kind> \"<id>\" <state>; <rule>"
//   ALREADY_EXISTS       "<field>: <kind> \"<id>\" already exists"
#ifndef KUMPPANI_LEDGER_DOMAIN_VALIDATION_H_
#define KUMPPANI_LEDGER_DOMAIN_VALIDATION_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "kumppani/v1/domain.pb.h"

namespace kumppani::domain {

// "<prefix>.<name>".
inline std::string Field(absl::string_view prefix, absl::string_view name) {
  return absl::StrCat(prefix, ".", name);
}

absl::Status Invalid(absl::string_view field, absl::string_view rule);
absl::Status Precondition(absl::string_view message);
absl::Status NotFound(absl::string_view field, absl::string_view kind, absl::string_view id);
absl::Status AlreadyExists(absl::string_view field, absl::string_view kind, absl::string_view id);

// An aggregate id: "<category>-<slug>" with the given category, valid as a
// stream id. Required unless `required` is false and `id` is empty.
absl::Status ValidateAggregateId(absl::string_view id, absl::string_view category,
                                 absl::string_view field, bool required = true);

// An id local to an aggregate (a seat, membership, application):
// 1..64 of [A-Za-z0-9._:~-]. Required unless `required` is false.
absl::Status ValidateLocalId(absl::string_view id, absl::string_view field, bool required = true);

// A localized text: at most 100,000 bytes per language; when any version is
// given (or `required`), `authoritative` must be set and its version
// non-empty.
absl::Status ValidateText(const v1::LocalizedText& text, absl::string_view field, bool required);

// A document reference: sha256 must be 64 lower-case hex digits. An unset
// reference is OK unless `required`.
absl::Status ValidateDocument(const v1::DocumentRef& document, bool present,
                              absl::string_view field, bool required);

// A plain text field: at most `max_bytes` bytes, non-empty when `required`.
absl::Status ValidatePlain(absl::string_view value, absl::string_view field, bool required,
                           size_t max_bytes = 1000);

// An amount of euro cents that must be positive.
absl::Status ValidatePositiveCents(int64_t cents, absl::string_view field);

// Renders an amount for messages, e.g. "1234567 cents (12345.67 EUR)".
std::string FormatCents(int64_t cents);

// True when a LocalizedText has any version or an authoritative language.
bool HasText(const v1::LocalizedText& text);

// Every enum field set in `message`, at any depth (repeated ones included),
// holds a value of its enum. proto3 enums are open, so a number outside the
// enum parses and would otherwise be recorded; INVALID_ARGUMENT naming the
// first such field under `field` (empty: the message is the root), e.g.
// "register_organisation.kind: 4242 is not a valid OrganisationKind".
absl::Status ValidateEnumValues(const google::protobuf::Message& message, absl::string_view field);

}  // namespace kumppani::domain

#endif  // KUMPPANI_LEDGER_DOMAIN_VALIDATION_H_
