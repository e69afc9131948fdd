// Consultation and submission rules.
#include "ledger/domain/consultation.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/time_util.h"
#include "ledger/common/status_macros.h"
#include "ledger/domain/dates.h"
#include "ledger/domain/validation.h"

namespace kumppani::domain {
namespace {

using google::protobuf::util::TimeUtil;

absl::Status RequireExisting(const ConsultationState& state, const std::string& id,
                             absl::string_view prefix) {
  std::string field = Field(prefix, "consultation_id");
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(id, "consultation", field));
  if (!state.exists) return NotFound(field, "consultation", id);
  return absl::OkStatus();
}

absl::Status RequireNotClosed(const ConsultationState& state, const std::string& id,
                              absl::string_view prefix) {
  KUMPPANI_RETURN_IF_ERROR(RequireExisting(state, id, prefix));
  if (state.closed) {
    return Precondition(absl::StrCat(Field(prefix, "consultation_id"), ": consultation \"", id,
                                     "\" is closed (closed ", FormatDate(state.closed_on), ")"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Events> Decide(const ConsultationState& state, const v1::OpenConsultation& c,
                              References& refs, const RuleContext&) {
  constexpr absl::string_view kP = "open_consultation";
  KUMPPANI_RETURN_IF_ERROR(
      ValidateAggregateId(c.consultation_id(), "consultation", Field(kP, "consultation_id")));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.subject(), Field(kP, "subject"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateDocument(c.subject_document(), c.has_subject_document(),
                                            Field(kP, "subject_document"), false));
  if (c.method() == v1::CONSULTATION_METHOD_UNSPECIFIED) {
    return Invalid(Field(kP, "method"), "is required");
  }
  if (c.channels().empty()) return Invalid(Field(kP, "channels"), "must name at least one channel");
  for (int i = 0; i < c.channels_size(); ++i) {
    if (c.channels(i) == v1::CHANNEL_UNSPECIFIED) {
      return Invalid(absl::StrCat(kP, ".channels[", i, "]"), "must not be CHANNEL_UNSPECIFIED");
    }
  }
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.opens_on(), Field(kP, "opens_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.deadline(), Field(kP, "deadline"), true));
  if (Before(c.deadline(), c.opens_on())) {
    return Invalid(Field(kP, "deadline"), absl::StrCat("must not be before opens_on (",
                                                       FormatDate(c.opens_on()), "), got ",
                                                       FormatDate(c.deadline())));
  }
  if (state.exists) {
    return AlreadyExists(Field(kP, "consultation_id"), "consultation", c.consultation_id());
  }
  KUMPPANI_RETURN_IF_ERROR(
      refs.Organisation(c.organiser_organisation_id(), Field(kP, "organiser_organisation_id"), true)
          .status());
  if (!c.body_id().empty()) {
    KUMPPANI_RETURN_IF_ERROR(refs.Body(c.body_id(), Field(kP, "body_id"), true).status());
  }
  std::set<std::string> invited;
  for (int i = 0; i < c.invited_organisation_ids_size(); ++i) {
    std::string field = absl::StrCat(kP, ".invited_organisation_ids[", i, "]");
    if (!invited.insert(c.invited_organisation_ids(i)).second) {
      return Invalid(field, absl::StrCat("duplicates \"", c.invited_organisation_ids(i), "\""));
    }
    KUMPPANI_RETURN_IF_ERROR(refs.Organisation(c.invited_organisation_ids(i), field, false).status());
  }
  v1::Event event;
  v1::ConsultationOpened* e = event.mutable_consultation_opened();
  e->set_consultation_id(c.consultation_id());
  e->set_organiser_organisation_id(c.organiser_organisation_id());
  e->set_body_id(c.body_id());
  *e->mutable_subject() = c.subject();
  if (c.has_subject_document()) *e->mutable_subject_document() = c.subject_document();
  e->set_method(c.method());
  *e->mutable_channels() = c.channels();
  *e->mutable_invited_organisation_ids() = c.invited_organisation_ids();
  *e->mutable_opens_on() = c.opens_on();
  *e->mutable_deadline() = c.deadline();
  e->set_late_submissions_allowed(c.late_submissions_allowed());
  return Events{event};
}

absl::StatusOr<Events> Decide(const ConsultationState& state,
                              const v1::ExtendConsultationDeadline& c, References&,
                              const RuleContext&) {
  constexpr absl::string_view kP = "extend_consultation_deadline";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.deadline(), Field(kP, "deadline"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.reason(), Field(kP, "reason"), false));
  KUMPPANI_RETURN_IF_ERROR(RequireNotClosed(state, c.consultation_id(), kP));
  if (!After(c.deadline(), state.deadline)) {
    return Precondition(absl::StrCat(Field(kP, "deadline"),
                                     ": an extension must move the deadline later than the current "
                                     "one (", FormatDate(state.deadline), "), got ",
                                     FormatDate(c.deadline())));
  }
  v1::Event event;
  v1::ConsultationDeadlineExtended* e = event.mutable_consultation_deadline_extended();
  e->set_consultation_id(c.consultation_id());
  *e->mutable_deadline() = c.deadline();
  *e->mutable_previous_deadline() = state.deadline;
  if (c.has_reason()) *e->mutable_reason() = c.reason();
  return Events{event};
}

absl::StatusOr<Events> Decide(const ConsultationState& state, const v1::CloseConsultation& c,
                              References&, const RuleContext&) {
  constexpr absl::string_view kP = "close_consultation";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.closed_on(), Field(kP, "closed_on"), true));
  if (c.responses_received() < 0) {
    return Invalid(Field(kP, "responses_received"),
                   absl::StrCat("must not be negative, got ", c.responses_received()));
  }
  KUMPPANI_RETURN_IF_ERROR(RequireNotClosed(state, c.consultation_id(), kP));
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.closed_on(), state.opened.opens_on(),
                                     Field(kP, "closed_on"), "the consultation's opening"));
  v1::Event event;
  v1::ConsultationClosed* e = event.mutable_consultation_closed();
  e->set_consultation_id(c.consultation_id());
  *e->mutable_closed_on() = c.closed_on();
  e->set_responses_received(c.responses_received());
  return Events{event};
}

absl::StatusOr<Events> Decide(const ConsultationState& state,
                              const v1::PublishConsultationSummary& c, References&,
                              const RuleContext&) {
  constexpr absl::string_view kP = "publish_consultation_summary";
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.published_on(), Field(kP, "published_on"), true));
  KUMPPANI_RETURN_IF_ERROR(ValidateText(c.summary(), Field(kP, "summary"), true));
  KUMPPANI_RETURN_IF_ERROR(
      ValidateDocument(c.document(), c.has_document(), Field(kP, "document"), false));
  KUMPPANI_RETURN_IF_ERROR(RequireExisting(state, c.consultation_id(), kP));
  if (!state.closed) {
    return Precondition(absl::StrCat(Field(kP, "consultation_id"),
                                     ": a summary is published after closing; consultation \"",
                                     c.consultation_id(), "\" is open (deadline ",
                                     FormatDate(state.deadline), ")"));
  }
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.published_on(), state.closed_on, Field(kP, "published_on"),
                                     "the consultation's closing"));
  v1::Event event;
  v1::ConsultationSummaryPublished* e = event.mutable_consultation_summary_published();
  e->set_consultation_id(c.consultation_id());
  *e->mutable_published_on() = c.published_on();
  *e->mutable_summary() = c.summary();
  if (c.has_document()) *e->mutable_document() = c.document();
  return Events{event};
}

absl::StatusOr<Events> Decide(const SubmissionState& state, const v1::ReceiveSubmission& c,
                              References& refs, const RuleContext& ctx) {
  constexpr absl::string_view kP = "receive_submission";
  KUMPPANI_RETURN_IF_ERROR(
      ValidateAggregateId(c.submission_id(), "submission", Field(kP, "submission_id")));
  bool by_org = !c.submitter_organisation_id().empty();
  bool by_person = !c.submitter_person_id().empty();
  if (by_org == by_person) {
    return Invalid(Field(kP, "submitter_organisation_id"),
                   "exactly one of submitter_organisation_id and submitter_person_id is required");
  }
  if (c.channel() == v1::CHANNEL_UNSPECIFIED) return Invalid(Field(kP, "channel"), "is required");
  if (!c.has_received_at()) return Invalid(Field(kP, "received_at"), "is required");
  if (c.received_at().seconds() < TimeUtil::kTimestampMinSeconds ||
      c.received_at().seconds() > TimeUtil::kTimestampMaxSeconds ||
      c.received_at().nanos() < 0 || c.received_at().nanos() > 999999999) {
    return Invalid(Field(kP, "received_at"), "must be a valid timestamp");
  }
  if (TimeUtil::TimestampToMicroseconds(c.received_at()) > ctx.now_micros) {
    return Invalid(Field(kP, "received_at"),
                   absl::StrCat("must not be in the future (now is ",
                                TimeUtil::ToString(TimeUtil::MicrosecondsToTimestamp(ctx.now_micros)),
                                "), got ", TimeUtil::ToString(c.received_at())));
  }
  KUMPPANI_RETURN_IF_ERROR(ValidatePlain(c.text(), Field(kP, "text"), false, 100000));
  KUMPPANI_RETURN_IF_ERROR(
      ValidateDocument(c.document(), c.has_document(), Field(kP, "document"), false));
  if (c.text().empty() && !c.has_document()) {
    return Invalid(Field(kP, "text"), "a submission needs its text or a document (or both)");
  }
  if (c.language() == v1::LANGUAGE_UNSPECIFIED) return Invalid(Field(kP, "language"), "is required");
  if (state.exists) return AlreadyExists(Field(kP, "submission_id"), "submission", c.submission_id());

  std::string cfield = Field(kP, "consultation_id");
  KUMPPANI_ASSIGN_OR_RETURN(ConsultationState consultation,
                            refs.Consultation(c.consultation_id(), cfield));
  v1::Date received_on = HelsinkiDate(c.received_at());
  KUMPPANI_RETURN_IF_ERROR(NotBefore(received_on, consultation.opened.opens_on(),
                                     Field(kP, "received_at"), "the consultation's opening"));
  bool channel_ok = false;
  std::vector<std::string> channel_names;
  for (int channel : consultation.opened.channels()) {
    channel_ok = channel_ok || channel == c.channel();
    channel_names.push_back(v1::Channel_Name(static_cast<v1::Channel>(channel)));
  }
  if (!channel_ok) {
    return Precondition(absl::StrCat(Field(kP, "channel"),
                                     ": must be one of the consultation's channels (",
                                     absl::StrJoin(channel_names, ", "), "), got ",
                                     v1::Channel_Name(c.channel())));
  }
  bool after_close = consultation.closed && After(received_on, consultation.closed_on);
  bool late = After(received_on, consultation.deadline) || after_close;
  if (late && !consultation.opened.late_submissions_allowed()) {
    if (after_close) {
      return Precondition(absl::StrCat("consultation \"", c.consultation_id(), "\" is closed (closed ",
                                       FormatDate(consultation.closed_on),
                                       "); late submissions are not allowed"));
    }
    return Precondition(absl::StrCat("consultation \"", c.consultation_id(), "\" had its deadline on ",
                                     FormatDate(consultation.deadline), " and ", kP,
                                     ".received_at is ", FormatDate(received_on),
                                     "; late submissions are not allowed"));
  }
  if (by_org) {
    KUMPPANI_RETURN_IF_ERROR(refs.Organisation(c.submitter_organisation_id(),
                                               Field(kP, "submitter_organisation_id"), false)
                                 .status());
  } else {
    KUMPPANI_RETURN_IF_ERROR(refs.Person(c.submitter_person_id(), Field(kP, "submitter_person_id")).status());
  }
  for (int i = 0; i < c.on_behalf_of_organisation_ids_size(); ++i) {
    KUMPPANI_RETURN_IF_ERROR(refs.Organisation(c.on_behalf_of_organisation_ids(i),
                                               absl::StrCat(kP, ".on_behalf_of_organisation_ids[", i, "]"),
                                               false)
                                 .status());
  }
  v1::Event event;
  v1::SubmissionReceived* e = event.mutable_submission_received();
  e->set_submission_id(c.submission_id());
  e->set_consultation_id(c.consultation_id());
  e->set_submitter_organisation_id(c.submitter_organisation_id());
  e->set_submitter_person_id(c.submitter_person_id());
  *e->mutable_on_behalf_of_organisation_ids() = c.on_behalf_of_organisation_ids();
  e->set_channel(c.channel());
  *e->mutable_received_at() = c.received_at();
  e->set_late(late);
  e->set_text(c.text());
  if (c.has_document()) *e->mutable_document() = c.document();
  e->set_language(c.language());
  return Events{event};
}

absl::StatusOr<Events> Decide(const SubmissionState& state, const v1::WithdrawSubmission& c,
                              References&, const RuleContext&) {
  constexpr absl::string_view kP = "withdraw_submission";
  std::string field = Field(kP, "submission_id");
  KUMPPANI_RETURN_IF_ERROR(ValidateAggregateId(c.submission_id(), "submission", field));
  KUMPPANI_RETURN_IF_ERROR(ValidateDate(c.withdrawn_on(), Field(kP, "withdrawn_on"), true));
  if (!state.exists) return NotFound(field, "submission", c.submission_id());
  if (state.withdrawn) {
    return Precondition(absl::StrCat(field, ": a submission is withdrawn once; \"",
                                     c.submission_id(), "\" is already withdrawn"));
  }
  KUMPPANI_RETURN_IF_ERROR(NotBefore(c.withdrawn_on(), HelsinkiDate(state.received.received_at()),
                                     Field(kP, "withdrawn_on"), "the submission's receipt"));
  v1::Event event;
  v1::SubmissionWithdrawn* e = event.mutable_submission_withdrawn();
  e->set_submission_id(c.submission_id());
  *e->mutable_withdrawn_on() = c.withdrawn_on();
  return Events{event};
}

}  // namespace kumppani::domain
