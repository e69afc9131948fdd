// The machinery behind kumppani's query subcommands (get, list, find, trail,
// footprint, coverage, duties): a QuerySpec names an RPC of a query service
// and how its request is given on the command line; AddQueryCommand makes a
// subcommand of it that fills the request from flags, calls the server
// (following page tokens for a listing) and prints the answer.
//
// Every query subcommand has:
//   ID (positional)   the request's id field, when the spec names one
//   request flags     made by MessageFlags from the request's fields (so
//                     --as-of YYYY-MM-DD wherever the request has as_of,
//                     the filters, --page-size, --page-token)
//   --known-at P|T    known_at: a log position (digits) or an RFC 3339 time
// and a listing also --limit N (stop after N items) and --columns a,b.
//
// Output (the global --output):
//   json  the response message as protobuf JSON; a listing's pages merged
//         into one response, so read_position (and personal_data_redacted)
//         are in it; next_page_token is set only when --limit stopped
//         before the end.
//   text  the answer's main message (get) or a table of the items (list);
//   csv   rows of the same. In text and csv, "read at position N" (and a
//         note when personal data was redacted, or --limit left more) goes
//         to stderr, so that stdout holds only the data.
// Exit codes: 0; 1 for a bad argument (the message names the flag and the
// rule; nothing is sent); 2 when the server answers with an error (its
// code and message are printed).
#ifndef KUMPPANI_TOOLS_KUMPPANI_QUERY_RUNNER_H_
#define KUMPPANI_TOOLS_KUMPPANI_QUERY_RUNNER_H_

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "google/protobuf/message.h"
#include "grpcpp/grpcpp.h"
#include "tools/kumppani/cli.h"
#include "tools/kumppani/message_flags.h"

namespace kumppani::cli {

// One unary RPC with its request and response types.
struct QueryRpc {
  std::function<grpc::Status(const std::shared_ptr<grpc::Channel>&, grpc::ClientContext*,
                             const google::protobuf::Message&, google::protobuf::Message*)>
      call;
  const google::protobuf::Message* request = nullptr;   // default instance
  const google::protobuf::Message* response = nullptr;  // default instance
};

// QueryRpc of a generated stub's method: Rpc(&v1::RegistryService::Stub::GetBody).
template <typename Stub, typename Request, typename Response>
QueryRpc Rpc(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*)) {
  QueryRpc rpc;
  rpc.call = [method](const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext* context,
                      const google::protobuf::Message& request,
                      google::protobuf::Message* response) {
    Stub stub(channel);
    return (stub.*method)(context, static_cast<const Request&>(request),
                          static_cast<Response*>(response));
  };
  rpc.request = &Request::default_instance();
  rpc.response = &Response::default_instance();
  return rpc;
}

struct QuerySpec {
  // The subcommand's name ("organisation", "trail") and its --help text.
  std::string name;
  std::string help;
  QueryRpc rpc;
  // The request field the positional argument fills ("organisation_id",
  // "identifier.value"), and the argument's name in --help; empty: none.
  std::string id_field;
  std::string id_name;
  // A single answer: the response field printed in text and csv (the
  // view, e.g. "organisation"); empty: the whole response.
  std::string view_field;
  // A listing: the response's repeated fields holding the items (one, or
  // more printed one after another: duties); empty for a single answer.
  std::vector<std::string> item_fields;
  // Text table columns per item field (output.h TableOptions).
  std::vector<std::vector<std::string>> text_columns;
  // A listing's summary message (grant totals' "total"): the last row of
  // the text table, with `total_label` in its first column; not in CSV
  // (a sum row in data is a trap). Empty: none.
  std::string total_field;
  std::string total_label;
  // Request flags: excluded, unprefixed, aliases, help. known_at, the id
  // field and (for a single answer) page fields are excluded anyway.
  MessageFlagsOptions flags;
  // Request fields that must be given, with the flag that gives them:
  // {"region_organisation_id", "--region"}.
  std::vector<std::pair<std::string, std::string>> required;
};

// A spec of one answer: the positional fills `id_field` (none when empty),
// text and csv print `view_field` of the response.
QuerySpec SingleQuery(std::string name, std::string help, QueryRpc rpc, std::string id_field,
                      std::string id_name, std::string view_field);
// A spec of a listing of the response's `item_field`, text columns given.
QuerySpec ListQuery(std::string name, std::string help, QueryRpc rpc, std::string item_field,
                    std::vector<std::string> text_columns);

// Adds `spec` as a subcommand of `parent`.
void AddQueryCommand(Cli& cli, CLI::App& parent, QuerySpec spec);

// The query groups: `get` (one thing by id), `list` (a listing), `find`.
struct QueryGroups {
  CLI::App* get = nullptr;
  CLI::App* list = nullptr;
  CLI::App* find = nullptr;
};

// The kinds of each service (registry_queries.cc, participation_queries.cc,
// grant_queries.cc), and the audit subcommands (audit_queries.cc).
void AddRegistryQueries(Cli& cli, const QueryGroups& groups);
void AddParticipationQueries(Cli& cli, const QueryGroups& groups);
void AddGrantQueries(Cli& cli, const QueryGroups& groups);
void AddAuditQueries(Cli& cli);

// Help text of --as-of, shared by the kinds.
inline constexpr char kAsOfHelp[] =
    "The day to show things as in force on, YYYY-MM-DD (default: everything known)";

}  // namespace kumppani::cli

#endif  // KUMPPANI_TOOLS_KUMPPANI_QUERY_RUNNER_H_
