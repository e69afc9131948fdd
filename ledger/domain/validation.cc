// Error constructors and shared field validators for commands.
#include "ledger/domain/validation.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/descriptor.h"
#include "ledger/store/append_validation.h"

namespace kumppani::domain {
namespace {

bool IsSlugChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '.' || c == '_' || c == ':' || c == '~' || c == '-';
}

constexpr size_t kMaxTextBytes = 100000;

}  // namespace

absl::Status Invalid(absl::string_view field, absl::string_view rule) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", rule));
}

absl::Status Precondition(absl::string_view message) {
  return absl::FailedPreconditionError(message);
}

absl::Status NotFound(absl::string_view field, absl::string_view kind, absl::string_view id) {
  return absl::NotFoundError(absl::StrCat(field, ": ", kind, " \"", id, "\" does not exist"));
}

absl::Status AlreadyExists(absl::string_view field, absl::string_view kind, absl::string_view id) {
  return absl::AlreadyExistsError(absl::StrCat(field, ": ", kind, " \"", id, "\" already exists"));
}

absl::Status ValidateAggregateId(absl::string_view id, absl::string_view category,
                                 absl::string_view field, bool required) {
  if (id.empty()) {
    if (!required) return absl::OkStatus();
    return Invalid(field, "is required");
  }
  std::string prefix = absl::StrCat(category, "-");
  if (!absl::StartsWith(id, prefix) || id.size() == prefix.size()) {
    return Invalid(field, absl::StrCat("must be \"", prefix, "<slug>\", got \"", id, "\""));
  }
  std::string as_string(id);
  return store::ValidateStreamId(as_string, field);
}

absl::Status ValidateLocalId(absl::string_view id, absl::string_view field, bool required) {
  if (id.empty()) return required ? Invalid(field, "is required") : absl::OkStatus();
  if (id.size() > 64) return Invalid(field, absl::StrCat("must be at most 64 bytes, got ", id.size()));
  for (char c : id) {
    if (!IsSlugChar(c)) {
      return Invalid(field, absl::StrCat("must consist of [A-Za-z0-9._:~-], got \"", id, "\""));
    }
  }
  return absl::OkStatus();
}

bool HasText(const v1::LocalizedText& text) {
  return !text.fi().empty() || !text.sv().empty() || !text.en().empty() ||
         text.authoritative() != v1::LANGUAGE_UNSPECIFIED;
}

absl::Status ValidateText(const v1::LocalizedText& text, absl::string_view field, bool required) {
  if (!HasText(text)) return required ? Invalid(field, "is required") : absl::OkStatus();
  for (const auto& [lang, value] : {std::pair<const char*, const std::string*>{"fi", &text.fi()},
                                    {"sv", &text.sv()},
                                    {"en", &text.en()}}) {
    if (value->size() > kMaxTextBytes) {
      return Invalid(absl::StrCat(field, ".", lang),
                     absl::StrCat("must be at most ", kMaxTextBytes, " bytes"));
    }
  }
  const std::string* authoritative = nullptr;
  switch (text.authoritative()) {
    case v1::LANGUAGE_FI: authoritative = &text.fi(); break;
    case v1::LANGUAGE_SV: authoritative = &text.sv(); break;
    case v1::LANGUAGE_EN: authoritative = &text.en(); break;
    default:
      return Invalid(absl::StrCat(field, ".authoritative"),
                     "must name the authoritative language (LANGUAGE_FI, LANGUAGE_SV or LANGUAGE_EN)");
  }
  if (authoritative->empty()) {
    return Invalid(field, absl::StrCat("the authoritative version (",
                                       v1::Language_Name(text.authoritative()),
                                       ") must not be empty"));
  }
  return absl::OkStatus();
}

absl::Status ValidateDocument(const v1::DocumentRef& document, bool present,
                              absl::string_view field, bool required) {
  if (!present) return required ? Invalid(field, "is required") : absl::OkStatus();
  const std::string& hash = document.sha256();
  bool ok = hash.size() == 64;
  for (char c : hash) ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!ok) {
    return Invalid(absl::StrCat(field, ".sha256"),
                   absl::StrCat("must be 64 lower-case hexadecimal digits, got \"", hash, "\""));
  }
  if (absl::Status s = ValidateText(document.title(), absl::StrCat(field, ".title"), false); !s.ok()) {
    return s;
  }
  if (absl::Status s = ValidatePlain(document.uri(), absl::StrCat(field, ".uri"), false, 2000);
      !s.ok()) {
    return s;
  }
  return ValidatePlain(document.version(), absl::StrCat(field, ".version"), false, 200);
}

absl::Status ValidatePlain(absl::string_view value, absl::string_view field, bool required,
                           size_t max_bytes) {
  if (value.empty()) return required ? Invalid(field, "is required") : absl::OkStatus();
  if (value.size() > max_bytes) {
    return Invalid(field, absl::StrCat("must be at most ", max_bytes, " bytes, got ", value.size()));
  }
  return absl::OkStatus();
}

absl::Status ValidatePositiveCents(int64_t cents, absl::string_view field) {
  if (cents <= 0) return Invalid(field, absl::StrCat("must be a positive number of euro cents, got ", cents));
  return absl::OkStatus();
}

absl::Status ValidateEnumValues(const google::protobuf::Message& message, absl::string_view field) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* inner : fields) {
    std::string name = field.empty() ? inner->name() : Field(field, inner->name());
    int count = inner->is_repeated() ? reflection->FieldSize(message, inner) : 1;
    for (int i = 0; i < count; ++i) {
      std::string element = inner->is_repeated() ? absl::StrCat(name, "[", i, "]") : name;
      if (inner->type() == FieldDescriptor::TYPE_ENUM) {
        int value = inner->is_repeated() ? reflection->GetRepeatedEnumValue(message, inner, i)
                                         : reflection->GetEnumValue(message, inner);
        if (inner->enum_type()->FindValueByNumber(value) == nullptr) {
          return Invalid(element,
                         absl::StrCat(value, " is not a valid ", inner->enum_type()->name()));
        }
      } else if (inner->type() == FieldDescriptor::TYPE_MESSAGE) {
        const google::protobuf::Message& nested =
            inner->is_repeated() ? reflection->GetRepeatedMessage(message, inner, i)
                                 : reflection->GetMessage(message, inner);
        if (absl::Status status = ValidateEnumValues(nested, element); !status.ok()) return status;
      }
    }
  }
  return absl::OkStatus();
}

std::string FormatCents(int64_t cents) {
  int64_t abs = cents < 0 ? -cents : cents;
  return absl::StrFormat("%d cents (%s%d.%02d EUR)", cents, cents < 0 ? "-" : "", abs / 100,
                         abs % 100);
}

}  // namespace kumppani::domain
