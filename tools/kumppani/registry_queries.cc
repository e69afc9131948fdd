// The RegistryService kinds of `kumppani get|list|find`: organisations,
// their lineage, persons, bodies, rosters, memberships, calls, meetings.
#include "kumppani/v1/registry_service.grpc.pb.h"
#include "tools/kumppani/query_runner.h"

namespace kumppani::cli {

using Registry = v1::RegistryService::Stub;

void AddRegistryQueries(Cli& cli, const QueryGroups& groups) {
  AddQueryCommand(cli, *groups.get,
                  SingleQuery("organisation",
                              "An organisation as in force on --as-of: its name then, earlier "
                              "names, status, mergers and successions",
                              Rpc(&Registry::GetOrganisation), "organisation_id", "ORGANISATION_ID",
                              "organisation"));
  AddQueryCommand(cli, *groups.get,
                  SingleQuery("organisation-lineage",
                              "Where an organisation came from and went to: mergers and "
                              "successions effective by --as-of, transitively, nearest first",
                              Rpc(&Registry::GetOrganisationLineage), "organisation_id",
                              "ORGANISATION_ID", "lineage"));
  AddQueryCommand(cli, *groups.get,
                  SingleQuery("person", "A person by pseudonymous id: erased or not (never a name)",
                              Rpc(&Registry::GetPerson), "person_id", "PERSON_ID", "person"));
  AddQueryCommand(cli, *groups.get,
                  SingleQuery("body",
                              "A cooperation body as in force on --as-of: convener and its "
                              "history, mandate, continuations, seats",
                              Rpc(&Registry::GetBody), "body_id", "BODY_ID", "body"));
  AddQueryCommand(cli, *groups.get,
                  SingleQuery("roster",
                              "Who sat on a body on --as-of: each seat in force and its holders "
                              "(pseudonymous), vacancies, the convener",
                              Rpc(&Registry::GetBodyRoster), "body_id", "BODY_ID", "roster"));
  AddQueryCommand(cli, *groups.get,
                  SingleQuery("call", "A membership call with its applications and nominations",
                              Rpc(&Registry::GetCall), "call_id", "CALL_ID", "call"));
  AddQueryCommand(cli, *groups.get,
                  SingleQuery("meeting", "A meeting: day, place, agenda, attendance, minutes",
                              Rpc(&Registry::GetMeeting), "meeting_id", "MEETING_ID", "meeting"));

  QuerySpec organisations =
      ListQuery("organisations", "Organisations in id order, each as in force on --as-of",
                Rpc(&Registry::ListOrganisations), "organisations",
                {"organisation_id", "kind", "status", "name"});
  organisations.flags.unprefixed = {"filter"};
  AddQueryCommand(cli, *groups.list, std::move(organisations));

  QuerySpec bodies = ListQuery(
      "bodies",
      "Cooperation bodies in id order, each as in force on --as-of (the status and convener "
      "filters apply on that day)",
      Rpc(&Registry::ListBodies), "bodies",
      {"body_id", "kind", "status", "parent_organisation_id", "convener_organisation_id",
       "established_on", "name"});
  bodies.flags.unprefixed = {"filter"};
  bodies.flags.aliases = {{"filter.parent_organisation_id", {"parent"}},
                          {"filter.convener_organisation_id", {"convener"}}};
  AddQueryCommand(cli, *groups.list, std::move(bodies));

  QuerySpec memberships = ListQuery(
      "memberships",
      "Every membership, past and present, of one person, represented organisation or body "
      "(exactly one of --person-id, --organisation-id, --body-id)",
      Rpc(&Registry::ListMemberships), "memberships",
      {"membership_id", "body_id", "post", "person_id", "on_behalf_of_organisation_id", "term",
       "end", "ended_on"});
  memberships.flags.unprefixed = {"filter"};
  memberships.required = {{"filter", "--person-id, --organisation-id or --body-id"}};
  AddQueryCommand(cli, *groups.list, std::move(memberships));

  QuerySpec calls = ListQuery("calls", "The membership calls of a body, by opening day",
                              Rpc(&Registry::ListCalls), "calls",
                              {"call_id", "body_id", "opens_on", "closes_on", "seats_offered",
                               "closed", "applications_received"});
  calls.id_field = "body_id";
  calls.id_name = "BODY_ID";
  AddQueryCommand(cli, *groups.list, std::move(calls));

  QuerySpec meetings = ListQuery(
      "meetings",
      "Meetings by day, of one body (--body-id) or of all (open events included), between "
      "--from and --to (inclusive)",
      Rpc(&Registry::ListMeetings), "meetings",
      {"meeting_id", "held_on", "body_id", "place", "title"});
  meetings.flags.unprefixed = {"filter"};
  AddQueryCommand(cli, *groups.list, std::move(meetings));

  QuerySpec find = ListQuery(
      "organisations",
      "The organisations with an identifier in a public register (business id, association "
      "register number with or without its dots); NOT_FOUND when none has",
      Rpc(&Registry::FindOrganisations), "organisations",
      {"organisation_id", "kind", "status", "name"});
  find.id_field = "identifier.value";
  find.id_name = "IDENTIFIER";
  find.flags.unprefixed = {"identifier"};
  find.flags.help = {{"identifier.scheme",
                      "The register: BUSINESS_ID|ASSOCIATION_REGISTER_NUMBER|OTHER (default: "
                      "every register)"}};
  AddQueryCommand(cli, *groups.find, std::move(find));
}

}  // namespace kumppani::cli
