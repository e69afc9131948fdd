// Command-line flags made from a protobuf message type, and the message
// filled from the flags that were given. `kumppani record <command>` offers
// one flag per field of the command; the query subcommands offer a
// request's filters this way.
//
// The flag of field path a.b_c is --a-b-c (underscores become dashes,
// nested messages add their field name and a dash as a prefix). What each
// field type takes (proto_values.h has the forms):
//   string, integers, double, float   the value (integers range-checked)
//   bool                              --flag (true) or --flag=false
//   enum                              a value's name, case-insensitive, with
//                                     or without the type's prefix ("open",
//                                     CONSULTATION_STATUS_OPEN)
//   bytes                             hex digits (a UUID's dashes allowed)
//   kumppani.v1.Date                  YYYY-MM-DD, a real day
//   google.protobuf.Timestamp         RFC 3339 (2024-05-01T12:00:00+03:00)
//   kumppani.v1.LocalizedText name    --name-fi, --name-sv, --name-en and
//                                     --name-authoritative (fi|sv|en; may be
//                                     left out when one language is given)
//   other singular messages           their fields, prefixed (DateRange
//                                     period: --period-start, --period-end)
//   repeated scalars, dates, enums    the flag repeated, or comma-separated
//                                     values (--channels email,otakantaa)
// Not offered: repeated messages, google.protobuf.Any and other
// google.protobuf types but Timestamp, and messages nested deeper than 6.
// Two flags naming fields of the same oneof are refused by Fill.
//
// A MessageFlags lives as long as the CLI::App it added options to (the
// options write into it). Not thread-safe; one parse at a time.
#ifndef KUMPPANI_TOOLS_KUMPPANI_MESSAGE_FLAGS_H_
#define KUMPPANI_TOOLS_KUMPPANI_MESSAGE_FLAGS_H_

#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace kumppani::cli {

struct MessageFlagsOptions {
  // Dotted field paths not offered as flags, e.g. "known_at" (given another
  // way) or the id a positional argument carries. A message's path leaves
  // out all of its fields.
  std::set<std::string> exclude;
  // Dotted paths of nested messages whose fields get no prefix: with
  // "filter", ListBodiesRequest's filter.kind is --kind, not --filter-kind.
  std::set<std::string> unprefixed;
  // Further names (without "--") of a field's flag, by dotted path:
  // {"region_organisation_id", {"region"}}, {"period.start", {"from"}}.
  std::map<std::string, std::vector<std::string>> aliases;
  // Help texts by dotted path, in place of the generated "kind: one of …".
  std::map<std::string, std::string> help;
  // The --help section the flags are listed under. Default: "Fields".
  std::string group = "Fields";
};

class MessageFlags {
 public:
  // Adds the options of `type`'s fields to `app`. Throws
  // CLI::OptionAlreadyAdded when two flags (or a flag and an option `app`
  // already has) share a name: a programming error, caught by the tests.
  MessageFlags(CLI::App& app, const google::protobuf::Descriptor& type,
               MessageFlagsOptions options = {});
  ~MessageFlags();
  MessageFlags(const MessageFlags&) = delete;
  MessageFlags& operator=(const MessageFlags&) = delete;

  // Sets the fields of `message` (of the type given to the constructor)
  // whose flags were given on the command line; leaves the others as they
  // are. INVALID_ARGUMENT naming the flag and the rule:
  // "--decided-on: must be YYYY-MM-DD, got \"22.3.2019\"".
  absl::Status Fill(google::protobuf::Message& message) const;

  // True when any of the flags was given.
  bool AnyGiven() const;

  // The flags offered, "--organisation-id" …, in field order.
  std::vector<std::string> Names() const;

 private:
  struct Flag;
  void AddFields(CLI::App& app, const google::protobuf::Descriptor& type,
                 std::vector<const google::protobuf::FieldDescriptor*>& path,
                 const std::string& name_prefix);
  void AddFlag(CLI::App& app, std::vector<const google::protobuf::FieldDescriptor*> path,
               const std::string& name);

  const google::protobuf::Descriptor* type_;
  MessageFlagsOptions options_;
  // Owned one by one: CLI11 writes into each Flag's value fields.
  std::vector<std::unique_ptr<Flag>> flags_;
};

}  // namespace kumppani::cli

#endif  // KUMPPANI_TOOLS_KUMPPANI_MESSAGE_FLAGS_H_
