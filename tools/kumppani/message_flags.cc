// Flags made from a protobuf message type, and the message they fill (see
// message_flags.h).
#include "tools/kumppani/message_flags.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/kumppani/proto_values.h"

namespace kumppani::cli {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr size_t kMaxDepth = 6;

std::string DottedPath(const std::vector<const FieldDescriptor*>& path) {
  std::vector<std::string> names;
  for (const FieldDescriptor* field : path) names.push_back(field->name());
  return absl::StrJoin(names, ".");
}

std::string Dashed(std::string name) {
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

bool IsFlagValueMessage(const Descriptor& type) {
  return type.full_name() == kDateType || type.full_name() == kTimestampType;
}

// What a field takes, for --help: the type's name and its rule.
std::pair<std::string, std::string> Describe(const FieldDescriptor& field) {
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
      return {"INT", "an integer"};
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      return {"UINT", "an integer, 0 or more"};
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
      return {"NUMBER", "a number"};
    case FieldDescriptor::CPPTYPE_BOOL:
      return {"", "a flag (--name=false to set false)"};
    case FieldDescriptor::CPPTYPE_ENUM:
      return {"ENUM", absl::StrCat("one of ", EnumChoices(*field.enum_type()))};
    case FieldDescriptor::CPPTYPE_STRING:
      if (field.type() == FieldDescriptor::TYPE_BYTES) return {"HEX", "hex digits"};
      return {"TEXT", "text"};
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (field.message_type()->full_name() == kDateType) return {"DATE", "a day, YYYY-MM-DD"};
      return {"TIME", "an RFC 3339 time, e.g. 2024-05-01T12:00:00Z"};
  }
  return {"", ""};
}

absl::Status Invalid(const std::string& rule, const std::string& text) {
  return absl::InvalidArgumentError(absl::StrCat(rule, ", got \"", text, "\""));
}

// Sets (or, for a repeated field, adds) one value of `field` from `text`.
// The error is the rule alone; the caller names the flag.
absl::Status SetValue(Message& message, const FieldDescriptor& field, const std::string& text) {
  const Reflection* reflection = message.GetReflection();
  const bool add = field.is_repeated();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t value;
      if (!absl::SimpleAtoi(text, &value)) {
        return Invalid("must be an integer from -2147483648 to 2147483647", text);
      }
      add ? reflection->AddInt32(&message, &field, value)
          : reflection->SetInt32(&message, &field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t value;
      if (!absl::SimpleAtoi(text, &value)) return Invalid("must be a 64-bit integer", text);
      add ? reflection->AddInt64(&message, &field, value)
          : reflection->SetInt64(&message, &field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t value;
      if (text.empty() || text[0] == '-' || !absl::SimpleAtoi(text, &value)) {
        return Invalid("must be an integer from 0 to 4294967295", text);
      }
      add ? reflection->AddUInt32(&message, &field, value)
          : reflection->SetUInt32(&message, &field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t value;
      if (text.empty() || text[0] == '-' || !absl::SimpleAtoi(text, &value)) {
        return Invalid("must be an integer, 0 or more", text);
      }
      add ? reflection->AddUInt64(&message, &field, value)
          : reflection->SetUInt64(&message, &field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double value;
      if (!absl::SimpleAtod(text, &value)) return Invalid("must be a number", text);
      if (field.cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        add ? reflection->AddFloat(&message, &field, static_cast<float>(value))
            : reflection->SetFloat(&message, &field, static_cast<float>(value));
      } else {
        add ? reflection->AddDouble(&message, &field, value)
            : reflection->SetDouble(&message, &field, value);
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool value;
      if (!absl::SimpleAtob(text, &value)) return Invalid("must be true or false", text);
      add ? reflection->AddBool(&message, &field, value)
          : reflection->SetBool(&message, &field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      absl::StatusOr<int> value = ParseEnum(*field.enum_type(), text);
      if (!value.ok()) return value.status();
      add ? reflection->AddEnumValue(&message, &field, *value)
          : reflection->SetEnumValue(&message, &field, *value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string value = text;
      if (field.type() == FieldDescriptor::TYPE_BYTES) {
        absl::StatusOr<std::string> bytes = ParseBytes(text);
        if (!bytes.ok()) return bytes.status();
        value = *std::move(bytes);
      }
      add ? reflection->AddString(&message, &field, std::move(value))
          : reflection->SetString(&message, &field, std::move(value));
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      Message* value = add ? reflection->AddMessage(&message, &field)
                           : reflection->MutableMessage(&message, &field);
      const Descriptor* type = value->GetDescriptor();
      const Reflection* value_reflection = value->GetReflection();
      if (type->full_name() == kDateType) {
        absl::StatusOr<ParsedDate> date = ParseDate(text);
        if (!date.ok()) return date.status();
        value_reflection->SetInt32(value, type->FindFieldByName("year"), date->year);
        value_reflection->SetInt32(value, type->FindFieldByName("month"), date->month);
        value_reflection->SetInt32(value, type->FindFieldByName("day"), date->day);
        return absl::OkStatus();
      }
      absl::StatusOr<std::pair<int64_t, int32_t>> time = ParseTimestamp(text);
      if (!time.ok()) return time.status();
      value_reflection->SetInt64(value, type->FindFieldByName("seconds"), time->first);
      value_reflection->SetInt32(value, type->FindFieldByName("nanos"), time->second);
      return absl::OkStatus();
    }
  }
  return absl::InternalError("unknown field type");
}

}  // namespace

struct MessageFlags::Flag {
  // From the message down to the field the flag sets.
  std::vector<const FieldDescriptor*> path;
  std::string name;  // "--decided-on"
  CLI::Option* option = nullptr;
  std::string value;                // a singular non-bool field
  std::vector<std::string> values;  // a repeated field
  bool flag_value = false;          // a bool field
};

MessageFlags::MessageFlags(CLI::App& app, const Descriptor& type, MessageFlagsOptions options)
    : type_(&type), options_(std::move(options)) {
  std::vector<const FieldDescriptor*> path;
  AddFields(app, type, path, "");
}

MessageFlags::~MessageFlags() = default;

void MessageFlags::AddFields(CLI::App& app, const Descriptor& type,
                             std::vector<const FieldDescriptor*>& path,
                             const std::string& name_prefix) {
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor* field = type.field(i);
    path.push_back(field);
    const std::string dotted = DottedPath(path);
    const std::string name = name_prefix + Dashed(field->name());
    if (options_.exclude.count(dotted) == 0) {
      if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
        AddFlag(app, path, name);
      } else if (IsFlagValueMessage(*field->message_type())) {
        AddFlag(app, path, name);
      } else if (!field->is_repeated() && path.size() < kMaxDepth &&
                 field->message_type()->file()->package() != "google.protobuf") {
        const bool bare = options_.unprefixed.count(dotted) > 0;
        AddFields(app, *field->message_type(), path, bare ? name_prefix : name + "-");
      }
    }
    path.pop_back();
  }
}

void MessageFlags::AddFlag(CLI::App& app, std::vector<const FieldDescriptor*> path,
                           const std::string& name) {
  auto flag = std::make_unique<Flag>();
  const FieldDescriptor& field = *path.back();
  const std::string dotted = DottedPath(path);
  flag->name = "--" + name;
  std::string names = flag->name;
  if (auto aliases = options_.aliases.find(dotted); aliases != options_.aliases.end()) {
    for (const std::string& alias : aliases->second) names += ",--" + alias;
  }
  auto [type_name, rule] = Describe(field);
  std::string help;
  if (auto given = options_.help.find(dotted); given != options_.help.end()) {
    help = given->second;
  } else {
    help = absl::StrCat(dotted, ": ", rule,
                        field.is_repeated() ? "; repeat the flag or separate by commas" : "");
  }
  if (field.is_repeated()) {
    flag->option = app.add_option(names, flag->values, help)->delimiter(',');
  } else if (field.cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
    flag->option = app.add_flag(names, flag->flag_value, help);
  } else {
    flag->option = app.add_option(names, flag->value, help);
  }
  if (!type_name.empty()) flag->option->type_name(type_name);
  flag->option->group(options_.group);
  flag->path = std::move(path);
  flags_.push_back(std::move(flag));
}

absl::Status MessageFlags::Fill(Message& message) const {
  if (message.GetDescriptor() != type_) {
    return absl::InvalidArgumentError(absl::StrCat(
        "flags of ", type_->full_name(), " cannot fill a ", message.GetDescriptor()->full_name()));
  }
  // The oneof member chosen in each message (by the message's path), and
  // the flag that chose it.
  std::map<std::string, std::pair<const FieldDescriptor*, std::string>> chosen;
  // The LocalizedTexts a flag wrote to, with their flags' common prefix.
  std::vector<std::pair<Message*, std::string>> texts;
  for (const auto& flag : flags_) {
    if (flag->option->count() == 0) continue;
    for (size_t i = 0; i < flag->path.size(); ++i) {
      const google::protobuf::OneofDescriptor* oneof = flag->path[i]->real_containing_oneof();
      if (oneof == nullptr) continue;
      const std::string key =
          absl::StrCat(DottedPath(std::vector<const FieldDescriptor*>(
                           flag->path.begin(), flag->path.begin() + static_cast<long>(i))),
                       "/", oneof->name());
      auto [it, inserted] = chosen.try_emplace(key, flag->path[i], flag->name);
      if (!inserted && it->second.first != flag->path[i]) {
        return absl::InvalidArgumentError(absl::StrCat(it->second.second, " and ", flag->name,
                                                       ": give only one of them (they are one "
                                                       "choice, ",
                                                       oneof->name(), ")"));
      }
    }
    Message* parent = &message;
    for (size_t i = 0; i + 1 < flag->path.size(); ++i) {
      parent = parent->GetReflection()->MutableMessage(parent, flag->path[i]);
    }
    const FieldDescriptor& field = *flag->path.back();
    absl::Status status;
    if (field.is_repeated()) {
      parent->GetReflection()->ClearField(parent, &field);
      for (const std::string& value : flag->values) {
        status = SetValue(*parent, field, value);
        if (!status.ok()) break;
      }
    } else if (field.cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
      parent->GetReflection()->SetBool(parent, &field, flag->flag_value);
    } else {
      status = SetValue(*parent, field, flag->value);
    }
    if (!status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(flag->name, ": ", status.message()));
    }
    if (parent->GetDescriptor()->full_name() == kLocalizedTextType) {
      texts.emplace_back(parent, flag->name.substr(0, flag->name.size() - field.name().size()));
    }
  }
  // A LocalizedText with one language given needs no --…-authoritative.
  for (const auto& [text, prefix] : texts) {
    const Descriptor* type = text->GetDescriptor();
    const Reflection* reflection = text->GetReflection();
    const FieldDescriptor* authoritative = type->FindFieldByName("authoritative");
    if (reflection->GetEnumValue(*text, authoritative) != 0) continue;
    std::vector<std::string> given;
    for (const char* language : {"fi", "sv", "en"}) {
      if (!reflection->GetString(*text, type->FindFieldByName(language)).empty()) {
        given.push_back(language);
      }
    }
    if (given.size() > 1) {
      return absl::InvalidArgumentError(
          absl::StrCat(prefix, "authoritative: required when more than one language is given (",
                       prefix, absl::StrJoin(given, ", " + prefix), ")"));
    }
    if (given.size() == 1) {
      absl::StatusOr<int> language = ParseEnum(*authoritative->enum_type(), given[0]);
      if (language.ok()) reflection->SetEnumValue(text, authoritative, *language);
    }
  }
  return absl::OkStatus();
}

bool MessageFlags::AnyGiven() const {
  return std::any_of(flags_.begin(), flags_.end(),
                     [](const auto& flag) { return flag->option->count() > 0; });
}

std::vector<std::string> MessageFlags::Names() const {
  std::vector<std::string> names;
  for (const auto& flag : flags_) names.push_back(flag->name);
  return names;
}

}  // namespace kumppani::cli
