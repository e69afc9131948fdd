// Query subcommands from QuerySpecs: flags → request → RPC (and its pages)
// → output (see query_runner.h).
#include "tools/kumppani/query_runner.h"

#include <algorithm>
#include <cctype>
#include <ostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tools/kumppani/output.h"
#include "tools/kumppani/proto_values.h"

namespace kumppani::cli {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr int kDefaultPageSize = 100;

struct QueryArgs {
  std::string id;
  std::string known_at;
  int64_t limit = 0;
  std::vector<std::string> columns;
  std::string only;
  std::unique_ptr<MessageFlags> flags;
};

bool IsListing(const QuerySpec& spec) { return !spec.item_fields.empty(); }

// The message holding the last field of `dotted` and that field; null when
// a part does not exist or is not a singular message.
std::pair<Message*, const FieldDescriptor*> MutableLeaf(Message& message,
                                                        const std::string& dotted) {
  Message* current = &message;
  const std::vector<std::string> parts = absl::StrSplit(dotted, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* field = current->GetDescriptor()->FindFieldByName(parts[i]);
    if (field == nullptr) return {nullptr, nullptr};
    if (i + 1 == parts.size()) return {current, field};
    if (field->is_repeated() || field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      return {nullptr, nullptr};
    }
    current = current->GetReflection()->MutableMessage(current, field);
  }
  return {nullptr, nullptr};
}

// True when the field at `dotted` holds something (a non-empty string or
// list, a set message, a non-zero number).
bool IsGiven(const Message& message, const std::string& dotted) {
  const Message* current = &message;
  const std::vector<std::string> parts = absl::StrSplit(dotted, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* field = current->GetDescriptor()->FindFieldByName(parts[i]);
    if (field == nullptr) return false;
    const Reflection* reflection = current->GetReflection();
    if (field->is_repeated()) return reflection->FieldSize(*current, field) > 0;
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (!reflection->HasField(*current, field)) return false;
      current = &reflection->GetMessage(*current, field);
      continue;
    }
    return i + 1 == parts.size() && !FormatField(*current, *field).empty() &&
           FormatField(*current, *field) != "0" && FormatField(*current, *field) != "false";
  }
  return true;
}

absl::Status SetKnownAt(Message& request, const std::string& text) {
  const FieldDescriptor* field = request.GetDescriptor()->FindFieldByName("known_at");
  if (field == nullptr) return absl::InvalidArgumentError("--known-at: not for this query");
  Message* known_at = request.GetReflection()->MutableMessage(&request, field);
  const Descriptor* type = known_at->GetDescriptor();
  const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
  uint64_t position;
  if (digits && absl::SimpleAtoi(text, &position)) {
    known_at->GetReflection()->SetUInt64(known_at, type->FindFieldByName("position"), position);
    return absl::OkStatus();
  }
  absl::StatusOr<std::pair<int64_t, int32_t>> time = ParseTimestamp(text);
  if (!time.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--known-at: must be a log position (a number) or an RFC 3339 time such as "
                     "2024-05-01T12:00:00Z, got \"",
                     text, "\""));
  }
  Message* recorded =
      known_at->GetReflection()->MutableMessage(known_at, type->FindFieldByName("recorded_time"));
  recorded->GetReflection()->SetInt64(
      recorded, recorded->GetDescriptor()->FindFieldByName("seconds"), time->first);
  recorded->GetReflection()->SetInt32(recorded, recorded->GetDescriptor()->FindFieldByName("nanos"),
                                      time->second);
  return absl::OkStatus();
}

uint64_t ReadPosition(const Message& response) {
  const FieldDescriptor* field = response.GetDescriptor()->FindFieldByName("read_position");
  if (field == nullptr || field->cpp_type() != FieldDescriptor::CPPTYPE_UINT64) return 0;
  return response.GetReflection()->GetUInt64(response, field);
}

bool Redacted(const Message& response) {
  const FieldDescriptor* field =
      response.GetDescriptor()->FindFieldByName("personal_data_redacted");
  return field != nullptr && field->cpp_type() == FieldDescriptor::CPPTYPE_BOOL &&
         response.GetReflection()->GetBool(response, field);
}

std::string StringField(const Message& message, const char* name) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(name);
  if (field == nullptr || field->cpp_type() != FieldDescriptor::CPPTYPE_STRING) return "";
  return message.GetReflection()->GetString(message, field);
}

void SetStringField(Message& message, const char* name, const std::string& value) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(name);
  if (field != nullptr) message.GetReflection()->SetString(&message, field, value);
}

// Notes for a human on stderr (text and csv): where the answer was read,
// and whether personal data was left out.
void PrintNotes(Cli& cli, const Message& response, const std::string& counted) {
  cli.err() << counted << "read at position " << ReadPosition(response) << "\n";
  if (Redacted(response)) {
    cli.err() << "personal data redacted: for this token's role, submissions by private "
                 "persons are shown without their submitter (and text)\n";
  }
}

int RunSingle(Cli& cli, const QuerySpec& spec, const Message& request,
              const std::shared_ptr<grpc::Channel>& channel) {
  std::unique_ptr<Message> response(spec.rpc.response->New());
  std::unique_ptr<grpc::ClientContext> context = cli.NewContext();
  grpc::Status status = spec.rpc.call(channel, context.get(), request, response.get());
  if (!status.ok()) return cli.ServerError(status);
  const OutputFormat format = cli.options().output;
  if (format == OutputFormat::kJson) {
    PrintMessage(*response, format, cli.out());
    return kExitOk;
  }
  const Message* view = response.get();
  if (!spec.view_field.empty()) {
    const FieldDescriptor* field = response->GetDescriptor()->FindFieldByName(spec.view_field);
    view = &response->GetReflection()->GetMessage(*response, field);
  }
  PrintMessage(*view, format, cli.out());
  PrintNotes(cli, *response, "");
  return kExitOk;
}

// Appends the items of `page` to `merged` (both of the response type).
void AppendItems(const QuerySpec& spec, Message& page, Message& merged) {
  for (const std::string& name : spec.item_fields) {
    const FieldDescriptor* field = merged.GetDescriptor()->FindFieldByName(name);
    const Reflection* reflection = merged.GetReflection();
    for (int i = 0; i < reflection->FieldSize(page, field); ++i) {
      reflection->AddMessage(&merged, field)
          ->CopyFrom(reflection->GetRepeatedMessage(page, field, i));
    }
  }
}

// The items of `response` (of `only` alone when it is set).
int64_t CountItems(const QuerySpec& spec, const Message& response, const std::string& only = "") {
  int64_t count = 0;
  for (const std::string& name : spec.item_fields) {
    if (!only.empty() && name != only) continue;
    const FieldDescriptor* field = response.GetDescriptor()->FindFieldByName(name);
    count += response.GetReflection()->FieldSize(response, field);
  }
  return count;
}

// Keeps the first `limit` items, in item_fields order.
void Truncate(const QuerySpec& spec, int64_t limit, Message& response) {
  for (const std::string& name : spec.item_fields) {
    const FieldDescriptor* field = response.GetDescriptor()->FindFieldByName(name);
    const Reflection* reflection = response.GetReflection();
    while (reflection->FieldSize(response, field) > limit) {
      reflection->RemoveLast(&response, field);
    }
    limit -= reflection->FieldSize(response, field);
  }
}

void PrintListing(Cli& cli, const QuerySpec& spec, const QueryArgs& args, const Message& response) {
  const OutputFormat format = cli.options().output;
  if (format == OutputFormat::kJson) {
    PrintMessage(response, format, cli.out());
    return;
  }
  const bool several = spec.item_fields.size() > 1 && args.only.empty();
  for (size_t f = 0; f < spec.item_fields.size(); ++f) {
    const std::string& name = spec.item_fields[f];
    if (!args.only.empty() && args.only != name) continue;
    const FieldDescriptor* field = response.GetDescriptor()->FindFieldByName(name);
    const Reflection* reflection = response.GetReflection();
    std::vector<const Message*> items;
    for (int i = 0; i < reflection->FieldSize(response, field); ++i) {
      items.push_back(&reflection->GetRepeatedMessage(response, field, i));
    }
    TableOptions table;
    table.columns = args.columns;
    if (f < spec.text_columns.size()) table.text_columns = spec.text_columns[f];
    table.item_type = field->message_type();
    std::unique_ptr<Message> total;
    if (!spec.total_field.empty() && format == OutputFormat::kText) {
      const FieldDescriptor* total_field =
          response.GetDescriptor()->FindFieldByName(spec.total_field);
      total.reset(reflection->GetMessage(response, total_field).New());
      total->CopyFrom(reflection->GetMessage(response, total_field));
      const FieldDescriptor* first = total->GetDescriptor()->field(0);
      if (first->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        total->GetReflection()->SetString(total.get(), first, spec.total_label);
      }
      items.push_back(total.get());
    }
    if (several) cli.out() << (f > 0 ? "\n" : "") << name << " (" << items.size() << "):\n";
    PrintList(items, format, cli.out(), table);
  }
  const std::string next = StringField(response, "next_page_token");
  const int64_t count = CountItems(spec, response, args.only);
  PrintNotes(cli, response, absl::StrCat(count, count == 1 ? " item, " : " items, "));
  if (!next.empty()) {
    cli.err() << "more after --limit " << args.limit << ": continue with --page-token " << next
              << "\n";
  }
}

int RunListing(Cli& cli, const QuerySpec& spec, const QueryArgs& args, Message& request,
               const std::shared_ptr<grpc::Channel>& channel) {
  const FieldDescriptor* page_size = request.GetDescriptor()->FindFieldByName("page_size");
  const int32_t asked_page_size =
      page_size == nullptr ? 0 : request.GetReflection()->GetInt32(request, page_size);
  std::unique_ptr<Message> merged;
  int64_t count = 0;
  while (true) {
    if (args.limit > 0 && page_size != nullptr) {
      const int64_t per_page = asked_page_size > 0 ? asked_page_size : kDefaultPageSize;
      request.GetReflection()->SetInt32(
          &request, page_size, static_cast<int32_t>(std::min(per_page, args.limit - count)));
    }
    std::unique_ptr<Message> page(spec.rpc.response->New());
    std::unique_ptr<grpc::ClientContext> context = cli.NewContext();
    grpc::Status status = spec.rpc.call(channel, context.get(), request, page.get());
    if (!status.ok()) return cli.ServerError(status);
    count += CountItems(spec, *page);
    const std::string next = StringField(*page, "next_page_token");
    if (merged == nullptr) {
      merged = std::move(page);
    } else {
      AppendItems(spec, *page, *merged);
      SetStringField(*merged, "next_page_token", next);
    }
    if (next.empty() || (args.limit > 0 && count >= args.limit)) break;
    SetStringField(request, "page_token", next);
    const FieldDescriptor* known_at = request.GetDescriptor()->FindFieldByName("known_at");
    if (known_at != nullptr) request.GetReflection()->ClearField(&request, known_at);
  }
  if (args.limit > 0) Truncate(spec, args.limit, *merged);
  PrintListing(cli, spec, args, *merged);
  return kExitOk;
}

int RunQuery(Cli& cli, const QuerySpec& spec, const QueryArgs& args) {
  std::unique_ptr<Message> request(spec.rpc.request->New());
  if (!spec.id_field.empty()) {
    auto [parent, field] = MutableLeaf(*request, spec.id_field);
    parent->GetReflection()->SetString(parent, field, args.id);
  }
  if (absl::Status filled = args.flags->Fill(*request); !filled.ok()) {
    return cli.UsageError(std::string(filled.message()));
  }
  if (!args.known_at.empty()) {
    if (absl::Status set = SetKnownAt(*request, args.known_at); !set.ok()) {
      return cli.UsageError(std::string(set.message()));
    }
  }
  for (const auto& [path, flag] : spec.required) {
    if (!IsGiven(*request, path)) return cli.UsageError(absl::StrCat(flag, ": required"));
  }
  if (IsListing(spec)) {
    for (const std::string& name : spec.item_fields) {
      if (!args.only.empty() && args.only != name) continue;
      const Descriptor& item =
          *spec.rpc.response->GetDescriptor()->FindFieldByName(name)->message_type();
      if (absl::Status checked = CheckColumns(item, args.columns); !checked.ok()) {
        return cli.UsageError(absl::StrCat("--columns: ", checked.message()));
      }
    }
    if (spec.item_fields.size() > 1 && args.only.empty() &&
        cli.options().output == OutputFormat::kCsv) {
      return cli.UsageError(absl::StrCat("--only: required with --output csv (one table: ",
                                         absl::StrJoin(spec.item_fields, " or "), ")"));
    }
  }
  std::shared_ptr<grpc::Channel> channel = cli.Channel();
  if (channel == nullptr) return kExitUsage;
  if (IsListing(spec)) return RunListing(cli, spec, args, *request, channel);
  return RunSingle(cli, spec, *request, channel);
}

}  // namespace

QuerySpec SingleQuery(std::string name, std::string help, QueryRpc rpc, std::string id_field,
                      std::string id_name, std::string view_field) {
  QuerySpec spec;
  spec.name = std::move(name);
  spec.help = std::move(help);
  spec.rpc = std::move(rpc);
  spec.id_field = std::move(id_field);
  spec.id_name = std::move(id_name);
  spec.view_field = std::move(view_field);
  return spec;
}

QuerySpec ListQuery(std::string name, std::string help, QueryRpc rpc, std::string item_field,
                    std::vector<std::string> text_columns) {
  QuerySpec spec;
  spec.name = std::move(name);
  spec.help = std::move(help);
  spec.rpc = std::move(rpc);
  spec.item_fields = {std::move(item_field)};
  spec.text_columns = {std::move(text_columns)};
  return spec;
}

void AddQueryCommand(Cli& cli, CLI::App& parent, QuerySpec spec) {
  CLI::App* sub = parent.add_subcommand(spec.name, spec.help);
  auto args = std::make_shared<QueryArgs>();
  auto shared_spec = std::make_shared<QuerySpec>(std::move(spec));
  const QuerySpec& s = *shared_spec;
  if (!s.id_field.empty()) {
    sub->add_option(s.id_name, args->id, absl::StrCat("The ", s.id_field, " to look up"))
        ->required();
  }
  MessageFlagsOptions options = s.flags;
  options.exclude.insert("known_at");
  if (!s.id_field.empty()) options.exclude.insert(s.id_field);
  if (options.help.count("as_of") == 0) options.help["as_of"] = kAsOfHelp;
  if (options.help.count("page_size") == 0) {
    options.help["page_size"] = "Items per request (default 100, at most 1000); all pages are read";
  }
  if (options.help.count("page_token") == 0) {
    options.help["page_token"] = "Start at this page token (from a listing stopped by --limit)";
  }
  options.group = "Query";
  args->flags = std::make_unique<MessageFlags>(*sub, *s.rpc.request->GetDescriptor(), options);
  if (s.rpc.request->GetDescriptor()->FindFieldByName("known_at") != nullptr) {
    sub->add_option("--known-at", args->known_at,
                    "Read the ledger as it was known at a log position (a number, e.g. a "
                    "read_position you cite) or an RFC 3339 time (default: the head)")
        ->type_name("POSITION|TIME")
        ->group("Query");
  }
  if (IsListing(s)) {
    sub->add_option("--limit", args->limit, "Stop after this many items (default: all)")
        ->check(CLI::NonNegativeNumber)
        ->group("Output");
    sub->add_option("--columns", args->columns,
                    "Columns of the text table and CSV, dotted field paths, comma-separated "
                    "(default: text, the main ones; CSV, every field)")
        ->delimiter(',')
        ->group("Output");
    if (s.item_fields.size() > 1) {
      sub->add_option("--only", args->only, "Print only this list (required with --output csv)")
          ->check(CLI::IsMember(s.item_fields))
          ->group("Output");
    }
  }
  sub->callback([&cli, args, shared_spec] {
    cli.SetAction([&cli, args, shared_spec] { return RunQuery(cli, *shared_spec, *args); });
  });
}

}  // namespace kumppani::cli
