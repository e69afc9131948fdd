"""The kill test's clients (tests/reliability/kill_test.py): threads that
record a valid mix of domain commands on aggregates of their own through
CommandService, retrying every unacknowledged command with the same
request_id until the server answers, and remember what they were told.

Import after the kumppani.v1 stubs are on sys.path (kill_test.py generates
them). Thread safety: a Client's own state is its thread's; Record is shared
and guarded by its lock.
"""
import datetime
import random
import threading
import time

import grpc
from google.protobuf import timestamp_pb2
from kumppani.v1 import admin_service_pb2_grpc, audit_service_pb2_grpc
from kumppani.v1 import command_service_pb2 as cs, command_service_pb2_grpc
from kumppani.v1 import commands_pb2 as cmd, domain_pb2 as dom
from kumppani.v1 import ledger_service_pb2 as ls, ledger_service_pb2_grpc
from kumppani.v1 import participation_service_pb2_grpc, registry_service_pb2_grpc

# Codes after which the same request is sent again: the server is down or
# restarting (UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED when the connection
# broke mid-call), its queue is full, or a concurrent command kept winning.
RETRYABLE = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED,
             grpc.StatusCode.CANCELLED, grpc.StatusCode.RESOURCE_EXHAUSTED,
             grpc.StatusCode.ABORTED}
# Reconnect quickly after a restart. grpcio 1.51 (Debian 12) reconnects a
# channel whose connection failed only after re-resolving its target, which
# is rate-limited (about 9 s in practice without this option). Do not lower
# grpc.min_reconnect_backoff_ms: it is also the connect timeout.
CHANNEL_OPTIONS = [("grpc.dns_min_time_between_resolutions_ms", 100),
                   ("grpc.initial_reconnect_backoff_ms", 100),
                   ("grpc.max_reconnect_backoff_ms", 500),
                   ("grpc.max_receive_message_length", 64 << 20)]
CALL_TIMEOUT = 10          # seconds for one attempt
RETRY_LIMIT = 180          # seconds a command may stay unacknowledged


class Failure(Exception):
    """A check failed; the message says which and with what."""


def fail(message):
    raise Failure(message)


class Abandoned(Exception):
    """The test failed elsewhere; a client stops retrying."""


def channel_to(address):
    return grpc.insecure_channel(address, options=CHANNEL_OPTIONS)


class Stubs:
    def __init__(self, address):
        self.channel = channel_to(address)
        self.commands = command_service_pb2_grpc.CommandServiceStub(self.channel)
        self.ledger = ledger_service_pb2_grpc.LedgerServiceStub(self.channel)
        self.admin = admin_service_pb2_grpc.AdminServiceStub(self.channel)
        self.registry = registry_service_pb2_grpc.RegistryServiceStub(self.channel)
        self.participation = participation_service_pb2_grpc.ParticipationServiceStub(self.channel)
        self.audit = audit_service_pb2_grpc.AuditServiceStub(self.channel)
        self.read_all_raw = self.channel.unary_unary(
            "/kumppani.v1.LedgerService/ReadAll",
            request_serializer=ls.ReadAllRequest.SerializeToString,
            response_deserializer=lambda data: data)


class Acked:
    """One acknowledged command: how it was sent and what the server said."""
    __slots__ = ("request_id", "rpc", "request", "response", "attempts", "cycle")

    def __init__(self, request_id, rpc, request, response, attempts, cycle):
        self.request_id, self.rpc, self.request = request_id, rpc, request
        self.response, self.attempts, self.cycle = response, attempts, cycle


class Record:
    """Everything the clients sent and were told; shared by all threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acked = []                 # Acked, in acknowledgement order
        self.sent_request_ids = set()   # every request_id ever sent
        self.retries = 0                # failed attempts that were sent again
        self.replayed_on_retry = 0      # committed, reply lost, retry said replayed
        self.cycle = 0                  # the kill cycle in progress
        self.failures = []

    def add(self, acked):
        with self.lock:
            self.acked.append(acked)
            if acked.response.replayed:
                self.replayed_on_retry += 1

    def count(self):
        with self.lock:
            return len(self.acked)


def same_result(a, b):
    return (a.stream_id, a.first_position, a.last_position, a.stream_version,
            list(a.event_ids), list(a.event_types)) == \
           (b.stream_id, b.first_position, b.last_position, b.stream_version,
            list(b.event_ids), list(b.event_types))


def describe(response):
    return (f"stream {response.stream_id} positions {response.first_position}.."
            f"{response.last_position} version {response.stream_version} "
            f"types {list(response.event_types)} replayed {response.replayed}")


# The RPC, its request message and the Command union's field, per command.
COMMANDS = {
    "RegisterOrganisation": (cs.RegisterOrganisationRequest, "register_organisation"),
    "RenameOrganisation": (cs.RenameOrganisationRequest, "rename_organisation"),
    "RegisterPerson": (cs.RegisterPersonRequest, "register_person"),
    "EstablishBody": (cs.EstablishBodyRequest, "establish_body"),
    "AddSeat": (cs.AddSeatRequest, "add_seat"),
    "AppointMember": (cs.AppointMemberRequest, "appoint_member"),
    "ResignMember": (cs.ResignMemberRequest, "resign_member"),
    "DissolveBody": (cs.DissolveBodyRequest, "dissolve_body"),
    "OpenConsultation": (cs.OpenConsultationRequest, "open_consultation"),
    "ReceiveSubmission": (cs.ReceiveSubmissionRequest, "receive_submission"),
}


def send_once(stubs, rpc, request, timeout=CALL_TIMEOUT):
    if rpc == "ExecuteCommand":
        return stubs.commands.ExecuteCommand(request, timeout=timeout)
    return getattr(stubs.commands, rpc)(request, timeout=timeout)


def text(fi):
    return dom.LocalizedText(fi=fi, authoritative=dom.LANGUAGE_FI)


def day(date):
    return dom.Date(year=date.year, month=date.month, day=date.day)


class Body:
    def __init__(self, body_id):
        self.body_id = body_id
        self.open = True
        self.seats = {}         # seat id -> membership id holding it, or None
        self.members = {}       # membership id -> (seat id, person id), active ones
        self.ended = {}         # membership id -> "resigned" / "term ended"


class Client(threading.Thread):
    """Records commands on its own aggregates until told to stop; never
    abandons a command: it is retried with the same request_id until the
    server acknowledges it (or RETRY_LIMIT passes: a failure)."""

    def __init__(self, index, address, record, stop, abandon, seed, run_id):
        super().__init__(name=f"client-{index}", daemon=True)
        self.index, self.record, self.stop, self.abandon = index, record, stop, abandon
        self.run_id = run_id  # in every request_id, unique per run
        self.rng = random.Random(seed)
        self.stubs = Stubs(address)
        self.sequence = 0
        # What this client recorded: the expected read-model state.
        self.org_names = {}         # org id -> current Finnish name
        self.renames = {}           # org id -> renames so far
        self.persons = []
        self.bodies = {}            # body id -> Body
        self.consultations = []     # (consultation id, organiser)
        self.submissions = []       # (submission id, consultation id, organisation)

    def new_id(self, kind):
        self.sequence += 1
        return f"{kind}-kill{self.index}-{self.sequence}"

    def run(self):
        try:
            while not self.stop.is_set():
                self.step()
        except Abandoned:
            pass
        except Failure as failure:
            with self.record.lock:
                self.record.failures.append(f"{self.name}: {failure}")
            self.stop.set()
        except Exception as error:  # noqa: BLE001 — reported as a failure
            with self.record.lock:
                self.record.failures.append(f"{self.name}: {type(error).__name__}: {error}")
            self.stop.set()

    def record_command(self, rpc, command, expected_stream, expected_types):
        """Sends one command until acknowledged; returns its response."""
        self.sequence += 1
        request_id = f"kill-{self.run_id}-{self.index}-{self.sequence}"
        message_type, union_field = COMMANDS[rpc]
        if self.rng.random() < 0.3:
            request = cmd.Command(request_id=request_id, **{union_field: command})
            rpc = "ExecuteCommand"
        else:
            request = message_type(request_id=request_id, command=command)
        with self.record.lock:
            self.record.sent_request_ids.add(request_id)
        started, attempts, cycle = time.monotonic(), 0, self.record.cycle
        while True:
            attempts += 1
            try:
                response = send_once(self.stubs, rpc, request)
                break
            except grpc.RpcError as error:
                if error.code() not in RETRYABLE:
                    fail(f"{rpc} {request_id} (attempt {attempts}) failed with "
                         f"{error.code().name}: {error.details()}")
                if self.abandon.is_set():
                    raise Abandoned()
                if time.monotonic() - started > RETRY_LIMIT:
                    fail(f"{rpc} {request_id} still unacknowledged after {RETRY_LIMIT} s: "
                         f"{error.code().name}: {error.details()}")
                with self.record.lock:
                    self.record.retries += 1
                time.sleep(0.05 + 0.1 * self.rng.random())
        if response.replayed and attempts == 1:
            fail(f"{rpc} {request_id}: the first attempt came back replayed: {describe(response)}")
        if response.stream_id != expected_stream:
            fail(f"{rpc} {request_id}: stream {response.stream_id}, expected {expected_stream}")
        if list(response.event_types) != expected_types:
            fail(f"{rpc} {request_id}: event types {list(response.event_types)}, "
                 f"expected {expected_types}")
        count = response.last_position - response.first_position + 1
        if count != len(response.event_ids) or count != len(expected_types):
            fail(f"{rpc} {request_id}: {describe(response)} with {len(response.event_ids)} ids")
        self.record.add(Acked(request_id, rpc, request, response, attempts, cycle))
        return response

    def step(self):
        rng = self.rng
        base = datetime.date(2024, 1, 1)
        open_bodies = [b for b in self.bodies.values() if b.open]
        choices = [("register_organisation", 3 if self.org_names else 100),
                   ("register_person", 2)]
        if self.org_names:
            choices += [("rename_organisation", 3), ("establish_body", 1.5),
                        ("open_consultation", 0.7)]
        if open_bodies:
            choices.append(("add_seat", 1.5))
        if any(None in b.seats.values() for b in open_bodies) and self.persons:
            choices.append(("appoint_member", 2.5))
        if any(b.members for b in open_bodies):
            choices += [("resign_member", 0.7), ("dissolve_body", 0.3)]
        if self.consultations:
            choices.append(("receive_submission", 1.5))
        action = rng.choices([c[0] for c in choices], [c[1] for c in choices])[0]

        if action == "register_organisation":
            org = self.new_id("org")
            name = f"Kill-testiyhdistys {org}"
            self.record_command("RegisterOrganisation", cmd.RegisterOrganisation(
                organisation_id=org, kind=dom.ORGANISATION_KIND_ASSOCIATION, name=text(name),
                founded_on=day(datetime.date(2000, 1, 1))), org, ["OrganisationRegistered"])
            self.org_names[org] = name
            self.renames[org] = 0
        elif action == "rename_organisation":
            org = rng.choice(sorted(self.org_names))
            renames = self.renames[org] + 1
            name = f"Kill-testiyhdistys {org}, nimi {renames}"
            self.record_command("RenameOrganisation", cmd.RenameOrganisation(
                organisation_id=org, name=text(name),
                effective_on=day(datetime.date(2010, 1, 1) + datetime.timedelta(days=renames))),
                org, ["OrganisationRenamed"])
            self.org_names[org] = name
            self.renames[org] = renames
        elif action == "register_person":
            person = self.new_id("person")
            self.record_command("RegisterPerson", cmd.RegisterPerson(
                person_id=person, personal_data=dom.PersonalData(
                    full_name=f"Testi Henkilö {self.sequence}", email="testi@example.org")),
                person, ["PersonRegistered"])
            self.persons.append(person)
        elif action == "establish_body":
            body = self.new_id("body")
            parent = rng.choice(sorted(self.org_names))
            self.record_command("EstablishBody", cmd.EstablishBody(
                body_id=body, kind=dom.BODY_KIND_NGO_ADVISORY_BOARD, name=text(f"Toimielin {body}"),
                parent_organisation_id=parent, mandate=text("Yhteistyö järjestöjen kanssa."),
                established_on=day(base)), body, ["BodyEstablished"])
            self.bodies[body] = Body(body)
        elif action == "add_seat":
            body = rng.choice(open_bodies)
            seat = f"seat-{len(body.seats) + 1}"
            self.record_command("AddSeat", cmd.AddSeat(
                body_id=body.body_id, seat_id=seat, post=dom.POST_KIND_MEMBER),
                body.body_id, ["SeatAdded"])
            body.seats[seat] = None
        elif action == "appoint_member":
            body = rng.choice([b for b in open_bodies if None in b.seats.values()])
            seated = {person for _, person in body.members.values()}
            free = [p for p in self.persons if p not in seated]
            if not free:
                return
            seat = rng.choice(sorted(s for s, holder in body.seats.items() if holder is None))
            person = rng.choice(free)
            membership = f"m-{self.sequence + 1}"
            represented = rng.choice(sorted(self.org_names))
            self.record_command("AppointMember", cmd.AppointMember(
                body_id=body.body_id, membership_id=membership, seat_id=seat, person_id=person,
                on_behalf_of_organisation_id=represented,
                term=dom.DateRange(start=day(base + datetime.timedelta(days=31)),
                                   end=day(datetime.date(2027, 12, 31)))),
                body.body_id, ["MemberAppointed"])
            body.seats[seat] = membership
            body.members[membership] = (seat, person)
        elif action == "resign_member":
            body = rng.choice([b for b in open_bodies if b.members])
            membership = rng.choice(sorted(body.members))
            self.record_command("ResignMember", cmd.ResignMember(
                body_id=body.body_id, membership_id=membership,
                effective_on=day(datetime.date(2024, 6, 1))), body.body_id, ["MemberResigned"])
            seat, _ = body.members.pop(membership)
            body.seats[seat] = None
            body.ended[membership] = "resigned"
        elif action == "dissolve_body":
            body = rng.choice([b for b in open_bodies if b.members])
            ending = len(body.members)
            self.record_command("DissolveBody", cmd.DissolveBody(
                body_id=body.body_id, effective_on=day(datetime.date(2024, 12, 1)),
                reason=text("Toiminta päättyi.")),
                body.body_id, ["MemberTermEnded"] * ending + ["BodyDissolved"])
            for membership in body.members:
                body.ended[membership] = "term ended"
            body.members.clear()
            body.open = False
        elif action == "open_consultation":
            consultation = self.new_id("consultation")
            organiser = rng.choice(sorted(self.org_names))
            self.record_command("OpenConsultation", cmd.OpenConsultation(
                consultation_id=consultation, organiser_organisation_id=organiser,
                subject=text("Järjestöavustusten periaatteet"),
                method=dom.CONSULTATION_METHOD_STATEMENT_REQUEST,
                channels=[dom.CHANNEL_LAUSUNTOPALVELU],
                opens_on=day(datetime.date(2024, 3, 1)),
                deadline=day(datetime.date(2024, 3, 31))), consultation, ["ConsultationOpened"])
            self.consultations.append((consultation, organiser))
        elif action == "receive_submission":
            consultation, _ = rng.choice(self.consultations)
            submission = self.new_id("submission")
            submitter = rng.choice(sorted(self.org_names))
            self.record_command("ReceiveSubmission", cmd.ReceiveSubmission(
                submission_id=submission, consultation_id=consultation,
                submitter_organisation_id=submitter, channel=dom.CHANNEL_LAUSUNTOPALVELU,
                received_at=timestamp_pb2.Timestamp(seconds=1710064800),  # 2024-03-10 10:00Z
                text=f"Lausunto {submission}.", language=dom.LANGUAGE_FI),
                submission, ["SubmissionReceived"])
            self.submissions.append((submission, consultation, submitter))


def resend(stubs, acked, what):
    """Sends an acknowledged command again: it must come back replayed with
    the first result."""
    deadline = time.monotonic() + RETRY_LIMIT
    while True:
        try:
            again = send_once(stubs, acked.rpc, acked.request)
            break
        except grpc.RpcError as error:
            if error.code() not in RETRYABLE or time.monotonic() > deadline:
                fail(f"{what}: re-sending {acked.rpc} {acked.request_id} failed with "
                     f"{error.code().name}: {error.details()}")
            time.sleep(0.05)
    if not again.replayed or not same_result(again, acked.response):
        fail(f"{what}: re-sending {acked.rpc} {acked.request_id} (acknowledged in cycle "
             f"{acked.cycle}) gave {describe(again)}; first: {describe(acked.response)}")


def latest_checkpoint(stubs):
    try:
        return stubs.ledger.GetLatestCheckpoint(ls.GetLatestCheckpointRequest(), timeout=5)
    except grpc.RpcError as error:
        if error.code() in (grpc.StatusCode.NOT_FOUND,) or error.code() in RETRYABLE:
            return None
        raise
