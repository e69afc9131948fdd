// The ParticipationService kinds of `kumppani get|list`: consultations,
// submissions, proposals, decisions and influence graphs.
#include "kumppani/v1/participation_service.grpc.pb.h"
#include "tools/kumppani/query_runner.h"

namespace kumppani::cli {

using Participation = v1::ParticipationService::Stub;

void AddParticipationQueries(Cli& cli, const QueryGroups& groups) {
  AddQueryCommand(cli, *groups.get,
                  SingleQuery("consultation",
                              "A consultation on --as-of: status, deadline and its extensions, "
                              "submissions received by then, who of the invited responded",
                              Rpc(&Participation::GetConsultation), "consultation_id",
                              "CONSULTATION_ID", "consultation"));
  AddQueryCommand(cli, *groups.get,
                  SingleQuery("submission",
                              "One submission in full (a private person's is redacted for ngo "
                              "and public tokens)",
                              Rpc(&Participation::GetSubmission), "submission_id", "SUBMISSION_ID",
                              "submission"));
  AddQueryCommand(
      cli, *groups.get,
      SingleQuery("proposal", "One proposal of a body to another, with the inputs it cites",
                  Rpc(&Participation::GetProposal), "proposal_id", "PROPOSAL_ID", "proposal"));
  AddQueryCommand(
      cli, *groups.get,
      SingleQuery("decision",
                  "A decision on --as-of: text after corrections, each considered "
                  "input with its assessment, revisions and feedback, appeals",
                  Rpc(&Participation::GetDecision), "decision_id", "DECISION_ID", "decision"));
  AddQueryCommand(
      cli, *groups.get,
      SingleQuery("influence-graph",
                  "The inputs that led to a decision as a graph: decision <- "
                  "proposals <- consultations <- submissions",
                  Rpc(&Participation::GetInfluenceGraph), "decision_id", "DECISION_ID", "graph"));

  QuerySpec consultations =
      ListQuery("consultations", "Consultations in id order; --status applies on --as-of",
                Rpc(&Participation::ListConsultations), "consultations",
                {"consultation_id", "organiser_organisation_id", "body_id", "method", "opens_on",
                 "deadline", "status", "subject"});
  consultations.flags.aliases = {{"organiser_organisation_id", {"organiser"}}};
  AddQueryCommand(cli, *groups.list, std::move(consultations));

  AddQueryCommand(cli, *groups.list,
                  ListQuery("decisions", "The decision register: by decision day, then id",
                            Rpc(&Participation::ListDecisions), "decisions",
                            {"decision_id", "body_id", "decided_on", "section", "outcome",
                             "annulled", "title"}));
}

}  // namespace kumppani::cli
