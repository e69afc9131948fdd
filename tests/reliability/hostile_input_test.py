"""Hostile input over gRPC (issue 8, deliverable 3): one real kumppanid with a
tokens file (admin, recorder, two ngo tokens for two organisations, auditor,
public) and a 2 MiB message limit, loaded with the demo scenario through
CommandService.ExecuteCommand; then, from Python's grpcio with stubs
generated from proto/ at test time, every kind of bad input an outside
system may send.

Every refused call is checked the same way (`Refused`): the exact gRPC code,
the message naming the field or rule where docs/api.md promises it, the log
head unchanged (nothing appended), and then another client on another
channel still served (a health check and a registry query). The server must
exit 0 on SIGTERM at the end, so a crash anywhere fails the suite.

The message limit is 2 MiB rather than 1 MiB so that both limits can be hit
over the wire: a message over 2 MiB is RESOURCE_EXHAUSTED from gRPC, and an
event over the store's 1 MiB maximum event size (StoreOptions) still fits in
a message and is INVALID_ARGUMENT from the store.

Usage (ctest runs it):
  /usr/bin/python3 hostile_input_test.py KUMPPANID SOURCE_DIR
KUMPPANI_HOSTILE_VERBOSE=1 prints every refusal's code and message;
KUMPPANI_KEEP_WORK=1 keeps the data directory and the server log.
"""
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid

KUMPPANID, SOURCE_DIR = sys.argv[1], sys.argv[2]
PROTO_DIR = os.path.join(SOURCE_DIR, "proto")
WORK = tempfile.mkdtemp(prefix="kumppani-hostile-")
STUBS = os.path.join(WORK, "stubs")
os.makedirs(STUBS)

from grpc_tools import protoc  # noqa: E402

_protos = [os.path.join(PROTO_DIR, "kumppani", "v1", name)
           for name in sorted(os.listdir(os.path.join(PROTO_DIR, "kumppani", "v1")))
           if name.endswith(".proto")]
_include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
if protoc.main(["protoc", f"-I{PROTO_DIR}", f"-I{_include}", f"--python_out={STUBS}",
                f"--grpc_python_out={STUBS}"] + _protos) != 0:
    sys.exit("protoc failed")
sys.path.insert(0, STUBS)
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "tools"))

import grpc  # noqa: E402
from google.protobuf import any_pb2, json_format  # noqa: E402
from kumppani.v1 import admin_service_pb2 as admin_pb  # noqa: E402
from kumppani.v1 import admin_service_pb2_grpc  # noqa: E402
from kumppani.v1 import command_service_pb2 as cs  # noqa: E402
from kumppani.v1 import command_service_pb2_grpc  # noqa: E402
from kumppani.v1 import commands_pb2, domain_pb2, envelope_pb2  # noqa: E402
from kumppani.v1 import grant_service_pb2 as gs  # noqa: E402
from kumppani.v1 import grant_service_pb2_grpc, grants_views_pb2  # noqa: E402
from kumppani.v1 import ledger_service_pb2 as ls  # noqa: E402
from kumppani.v1 import ledger_service_pb2_grpc, read_point_pb2  # noqa: E402
from kumppani.v1 import registry_service_pb2 as rs  # noqa: E402
from kumppani.v1 import registry_service_pb2_grpc  # noqa: E402
from kumppani_harness import DEMO_SCENARIO, Kumppanid  # noqa: E402

Code = grpc.StatusCode
MAX_MESSAGE_BYTES = 2 << 20      # --max-message-bytes
MAX_EVENT_BYTES = 1 << 20        # StoreOptions::max_event_bytes (default)
MAX_EVENTS_PER_APPEND = 1000     # StoreOptions::max_events_per_append
MAX_SUBSCRIPTIONS_PER_TOKEN = 8  # SubscriptionOptions::max_per_principal
INT64_MAX = 2**63 - 1
INT64_MIN = -2**63
DEMO_EVENTS = 127
NGO_A, NGO_B = "org-kyt", "org-ph-esimerkkiyhdistys"
TIMEOUT = 20  # seconds per call; a hang fails the call with DEADLINE_EXCEEDED
VERBOSE = os.environ.get("KUMPPANI_HOSTILE_VERBOSE") == "1"  # print every refusal

# "organisation_id: must be a lower-case category, '-', then 1+ of ..." — the
# store's stream-id rule (docs/domain.md, Conventions).
ID_RULE = "must be a lower-case category, '-', then 1+ of [A-Za-z0-9._:~-]"


def add_token(tokens_file, role, name, organisation=None):
    args = [KUMPPANID, "token", "add", "--tokens-file", tokens_file, "--role", role,
            "--name", name]
    if organisation:
        args += ["--organisation", organisation]
    result = subprocess.run(args, capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        raise RuntimeError(f"token add {name}: {result.stderr}")
    return result.stdout.strip()


def text(value):
    return domain_pb2.LocalizedText(fi=value, authoritative=domain_pb2.LANGUAGE_FI)


def date(year, month, day):
    return domain_pb2.Date(year=year, month=month, day=day)


def with_invalid_utf8(message, marker):
    """The message's wire bytes with `marker` (a str field's value, ASCII)
    replaced by as many bytes that are not UTF-8: protobuf's Python runtime
    refuses to serialize such a str field itself, and the length prefix stays
    right because the length does not change."""
    wire = message.SerializeToString()
    encoded = marker.encode()
    assert wire.count(encoded) == 1, "the marker must occur exactly once"
    return wire.replace(encoded, b"\xc3\x28" * (len(encoded) // 2) + b"\xff" * (len(encoded) % 2))


def nested_groups(depth, field=127):
    """An unknown field of `depth` nested groups (wire type 3): parsers recurse
    into groups, so this is the deepest nesting protobuf can carry."""
    key = field << 3
    start, end = bytes([(key | 3) & 0x7F | 0x80, (key | 3) >> 7]), \
        bytes([(key | 4) & 0x7F | 0x80, (key | 4) >> 7])
    return start * depth + end * depth


class HostileInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        started = time.monotonic()
        tokens_file = os.path.join(WORK, "tokens")
        cls.tokens = {
            "admin": add_token(tokens_file, "admin", "admin"),
            "recorder": add_token(tokens_file, "recorder", "recorder"),
            "ngo_a": add_token(tokens_file, "ngo", "ngo-a", NGO_A),
            "ngo_b": add_token(tokens_file, "ngo", "ngo-b", NGO_B),
            "auditor": add_token(tokens_file, "auditor", "auditor"),
            "public": add_token(tokens_file, "public", "public"),
            "public_2": add_token(tokens_file, "public", "public-2"),
        }
        cls.server = Kumppanid(KUMPPANID, WORK, extra_args=[
            "--tokens-file", tokens_file, "--max-message-bytes", str(MAX_MESSAGE_BYTES)])
        cls.channel = grpc.insecure_channel(cls.server.address)
        # "Another client": its own channel (connection), used only to check
        # that the server still serves normally after each hostile call.
        cls.other_channel = grpc.insecure_channel(cls.server.address)
        cls.ledger = ledger_service_pb2_grpc.LedgerServiceStub(cls.channel)
        cls.commands = command_service_pb2_grpc.CommandServiceStub(cls.channel)
        cls.registry = registry_service_pb2_grpc.RegistryServiceStub(cls.channel)
        cls.grants = grant_service_pb2_grpc.GrantServiceStub(cls.channel)
        cls.admin = admin_service_pb2_grpc.AdminServiceStub(cls.channel)
        try:
            with open(DEMO_SCENARIO, encoding="utf-8") as lines:
                for line in lines:
                    command = json_format.Parse(line, commands_pb2.Command())
                    cls.commands.ExecuteCommand(command, metadata=cls.auth("recorder"),
                                                timeout=TIMEOUT)
        except BaseException:
            # tearDownClass does not run when setUpClass fails: leave no server.
            cls.server.process.kill()
            cls.server.process.wait()
            print(f"setup failed; server log: {cls.server.log_path}", file=sys.stderr)
            raise
        print(f"\nsetup (tokens, start, demo scenario): {time.monotonic() - started:.1f} s",
              file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        cls.other_channel.close()
        try:
            cls.server.stop()  # SIGTERM; raises unless kumppanid exits 0
        finally:
            if os.environ.get("KUMPPANI_KEEP_WORK") == "1":
                print(f"kept {WORK} (server log: {cls.server.log_path})", file=sys.stderr)
            else:
                shutil.rmtree(WORK, ignore_errors=True)

    @classmethod
    def auth(cls, who):
        return [("authorization", "Bearer " + cls.tokens[who])]

    # ------------------------------------------------------------ helpers

    def head(self):
        """The log head, read by the admin: every append moves it."""
        return self.ledger.ReadAll(ls.ReadAllRequest(from_position=0, page_size=1),
                                   metadata=self.auth("admin"), timeout=TIMEOUT).head_position

    def assert_serving(self):
        """Another client (its own connection) is served normally."""
        health = self.other_channel.unary_unary(
            "/grpc.health.v1.Health/Check", request_serializer=lambda _: b"",
            response_deserializer=lambda b: b)
        self.assertEqual(health(None, timeout=TIMEOUT), b"\x08\x01")  # SERVING
        registry = registry_service_pb2_grpc.RegistryServiceStub(self.other_channel)
        answer = registry.GetOrganisation(rs.GetOrganisationRequest(organisation_id=NGO_A),
                                          metadata=self.auth("public_2"), timeout=TIMEOUT)
        self.assertEqual(answer.organisation.organisation_id, NGO_A)
        self.assertGreaterEqual(answer.read_position, DEMO_EVENTS)
        self.assertIsNone(self.server.process.poll(), "kumppanid exited")

    def refused(self, code, fragments, call):
        """Runs `call` (no arguments), which must fail with `code` and a
        message containing every one of `fragments`; checks that nothing was
        appended and that the server still serves. Returns the message."""
        before = self.head()
        with self.assertRaises(grpc.RpcError) as caught:
            call()
        error = caught.exception
        self.assertEqual(error.code(), code, f"message: {error.details()!r}")
        for fragment in fragments:
            self.assertIn(fragment, error.details() or "")
        self.assertEqual(self.head(), before, "a refused call appended events")
        self.assert_serving()
        if VERBOSE:
            print(f"  {self.id().rsplit('.', 1)[-1]}: {error.code().name} "
                  f"{(error.details() or '')[:160]!r}", file=sys.stderr)
        return error.details()

    def raw(self, method):
        """A unary call that sends and returns bytes as they are."""
        return self.channel.unary_unary(method)

    def command(self, who, request_id=None, **command):
        return self.commands.ExecuteCommand(
            commands_pb2.Command(request_id=request_id or uuid.uuid4().hex, **command),
            metadata=self.auth(who), timeout=TIMEOUT)

    def get_organisation(self, organisation_id, who="public", **fields):
        return self.registry.GetOrganisation(
            rs.GetOrganisationRequest(organisation_id=organisation_id, **fields),
            metadata=self.auth(who), timeout=TIMEOUT)

    def append(self, who, stream_id, events, **expected):
        if not expected:
            expected = {"any": {}}
        return self.ledger.AppendEvents(
            ls.AppendEventsRequest(stream_id=stream_id, events=events, **expected),
            metadata=self.auth(who), timeout=TIMEOUT)

    # ------------------------------------------------------------ 0. baseline

    def test_00_demo_scenario_is_loaded_and_served(self):
        self.assertGreaterEqual(self.head(), DEMO_EVENTS)
        self.assert_serving()

    # ------------------------------------------------------------ 1. sizes

    def test_10_message_over_the_limit_is_resource_exhausted(self):
        oversized = "org-" + "a" * (MAX_MESSAGE_BYTES + 1000)
        self.refused(Code.RESOURCE_EXHAUSTED, ["larger than max", str(MAX_MESSAGE_BYTES)],
                     lambda: self.get_organisation(oversized))
        self.refused(Code.RESOURCE_EXHAUSTED, ["larger than max"], lambda: self.append(
            "admin", "note-hostile", [envelope_pb2.EventEnvelope(
                event_type="Note", payload=b"x" * (MAX_MESSAGE_BYTES + 1))]))
        self.refused(Code.RESOURCE_EXHAUSTED, ["larger than max"], lambda: self.command(
            "recorder", register_organisation=commands_pb2.RegisterOrganisation(
                organisation_id="org-hostile-big", kind=domain_pb2.ORGANISATION_KIND_OTHER,
                name=text("x" * (MAX_MESSAGE_BYTES + 1)))))

    def test_11_event_over_the_store_limit_is_invalid_argument(self):
        self.refused(Code.INVALID_ARGUMENT,
                     ["events[0]", f"exceeds the limit of {MAX_EVENT_BYTES} bytes"],
                     lambda: self.append("admin", "note-hostile", [envelope_pb2.EventEnvelope(
                         event_type="Note", payload=b"x" * MAX_EVENT_BYTES)]))
        # The second of two events is too big: the first is not written either.
        self.refused(Code.INVALID_ARGUMENT, ["events[1]", "exceeds the limit"],
                     lambda: self.append("admin", "note-hostile", [
                         envelope_pb2.EventEnvelope(event_type="Note", payload=b"small"),
                         envelope_pb2.EventEnvelope(event_type="Note",
                                                    payload=b"x" * MAX_EVENT_BYTES)]))

    def test_12_too_many_events_in_one_append(self):
        events = [envelope_pb2.EventEnvelope(event_type="Note", payload=b"n")
                  for _ in range(MAX_EVENTS_PER_APPEND + 1)]
        self.refused(Code.INVALID_ARGUMENT,
                     ["events: holds 1001 events", "at most 1000"],
                     lambda: self.append("admin", "note-hostile", events))
        self.refused(Code.INVALID_ARGUMENT, ["events: must contain at least 1 event"],
                     lambda: self.append("admin", "note-hostile", []))

    def test_13_huge_strings_in_commands(self):
        self.refused(Code.INVALID_ARGUMENT,
                     ["register_organisation.name.fi", "must be at most 100000 bytes"],
                     lambda: self.command(
                         "recorder", register_organisation=commands_pb2.RegisterOrganisation(
                             organisation_id="org-hostile-huge",
                             kind=domain_pb2.ORGANISATION_KIND_OTHER,
                             name=text("ä" * 600_000))))
        self.refused(Code.INVALID_ARGUMENT, ["receive_submission.text", "at most 100000 bytes"],
                     lambda: self.command(
                         "ngo_a", receive_submission=commands_pb2.ReceiveSubmission(
                             submission_id="submission-hostile-huge",
                             consultation_id="consultation-ph-palvelustrategia-2022",
                             submitter_organisation_id=NGO_A,
                             channel=domain_pb2.CHANNEL_EMAIL,
                             received_at={"seconds": 1_662_000_000},
                             text="x" * 1_500_000)))

    # ------------------------------------------------------------ 2. strings

    def test_20_invalid_utf8_in_string_fields_is_invalid_argument(self):
        marker = "HOSTILEMARKER"
        get = with_invalid_utf8(rs.GetOrganisationRequest(organisation_id="org-" + marker),
                                marker)
        self.refused(Code.INVALID_ARGUMENT, ["kumppani.v1.GetOrganisationRequest", "UTF-8"],
                     lambda: self.raw("/kumppani.v1.RegistryService/GetOrganisation")(
                         get, metadata=self.auth("public"), timeout=TIMEOUT))
        command = with_invalid_utf8(commands_pb2.Command(
            request_id="hostile-utf8",
            register_organisation=commands_pb2.RegisterOrganisation(
                organisation_id="org-hostile-utf8", kind=domain_pb2.ORGANISATION_KIND_OTHER,
                name=text(marker))), marker)
        self.refused(Code.INVALID_ARGUMENT, ["kumppani.v1.Command", "UTF-8"],
                     lambda: self.raw("/kumppani.v1.CommandService/ExecuteCommand")(
                         command, metadata=self.auth("recorder"), timeout=TIMEOUT))
        append = with_invalid_utf8(ls.AppendEventsRequest(
            stream_id="note-hostile", any={},
            events=[envelope_pb2.EventEnvelope(event_type="Note", payload=b"p",
                                               metadata={"source_reference": marker})]),
            marker)
        self.refused(Code.INVALID_ARGUMENT, ["kumppani.v1.AppendEventsRequest"],
                     lambda: self.raw("/kumppani.v1.LedgerService/AppendEvents")(
                         append, metadata=self.auth("admin"), timeout=TIMEOUT))
        # A server-streaming method too: the error comes as the stream's status.
        subscribe = with_invalid_utf8(ls.SubscribeRequest(stream_id_prefixes=["org-" + marker]),
                                      marker)
        stream = self.channel.unary_stream("/kumppani.v1.LedgerService/Subscribe")
        self.refused(Code.INVALID_ARGUMENT, ["kumppani.v1.SubscribeRequest"],
                     lambda: list(stream(subscribe, metadata=self.auth("public"),
                                         timeout=TIMEOUT)))

    def test_21_bytes_that_are_not_protobuf_are_invalid_argument(self):
        for garbage in (b"\xff\xff\xff\xff", b"\x0a\xff\xff\xff\x0f", b"\x0a\x05ab"):
            self.refused(Code.INVALID_ARGUMENT, ["kumppani.v1.GetOrganisationRequest"],
                         lambda: self.raw("/kumppani.v1.RegistryService/GetOrganisation")(
                             garbage, metadata=self.auth("public"), timeout=TIMEOUT))

    def test_22_deep_nesting(self):
        request = rs.GetOrganisationRequest(organisation_id=NGO_A).SerializeToString()
        # Deeper than protobuf's recursion limit (100): the request does not parse.
        self.refused(Code.INVALID_ARGUMENT, ["kumppani.v1.GetOrganisationRequest"],
                     lambda: self.raw("/kumppani.v1.RegistryService/GetOrganisation")(
                         request + nested_groups(100_000), metadata=self.auth("public"),
                         timeout=TIMEOUT))
        # Within the limit: an unknown field, ignored.
        answer = rs.GetOrganisationResponse.FromString(
            self.raw("/kumppani.v1.RegistryService/GetOrganisation")(
                request + nested_groups(50), metadata=self.auth("public"), timeout=TIMEOUT))
        self.assertEqual(answer.organisation.organisation_id, NGO_A)
        # Nested inside a google.protobuf.Any (bytes to gRPC, parsed by the
        # domain): a correction whose replacement is 100,000 groups deep.
        first = self.ledger.ReadStream(ls.ReadStreamRequest(stream_id=NGO_A, page_size=1),
                                       metadata=self.auth("admin"), timeout=TIMEOUT).events[0]
        replacement = any_pb2.Any(
            type_url="type.googleapis.com/kumppani.v1.OrganisationRegistered",
            value=nested_groups(100_000))
        self.refused(Code.INVALID_ARGUMENT, ["correct_event.replacement: must be a domain event",
                                             "does not parse"], lambda: self.command(
            "recorder", correct_event=commands_pb2.CorrectEvent(
                stream_id=NGO_A, target_event_id=str(uuid.UUID(bytes=first.event_id)),
                replacement=replacement, reason=text("syvä"))))

    def test_23_embedded_nuls(self):
        self.refused(Code.INVALID_ARGUMENT, ["organisation_id", ID_RULE],
                     lambda: self.get_organisation("org-kyt\x00../../etc"))
        self.refused(Code.INVALID_ARGUMENT, ["register_organisation.organisation_id", ID_RULE],
                     lambda: self.command(
                         "recorder", register_organisation=commands_pb2.RegisterOrganisation(
                             organisation_id="org-nul\x00x",
                             kind=domain_pb2.ORGANISATION_KIND_OTHER, name=text("NUL"))))
        self.refused(Code.INVALID_ARGUMENT, ["events[0].event_type"], lambda: self.append(
            "admin", "note-hostile", [envelope_pb2.EventEnvelope(event_type="Note\x00Evil")]))
        self.refused(Code.INVALID_ARGUMENT, ["stream_id", ID_RULE], lambda: self.append(
            "admin", "note-\x00", [envelope_pb2.EventEnvelope(event_type="Note")]))

    def test_24_very_long_ids(self):
        long_id = "org-" + "a" * 200
        self.refused(Code.INVALID_ARGUMENT, ["organisation_id", "at most 128 bytes",
                                             "got 204 bytes"],
                     lambda: self.get_organisation(long_id))
        self.refused(Code.INVALID_ARGUMENT, ["organisation_id", "got 1500004 bytes"],
                     lambda: self.get_organisation("org-" + "a" * 1_500_000))
        # A long id the rule echoes ("must be \"org-<slug>\", got \"…\""): the
        # answer must still be INVALID_ARGUMENT, not a status the client cannot
        # read.
        for size in (10_000, 1_000_000):
            message = self.refused(Code.INVALID_ARGUMENT,
                                   ["organisation_id", 'must be "org-<slug>"'],
                                   lambda: self.get_organisation("x" * size))
            self.assertLess(len(message), 2000)
        self.refused(Code.INVALID_ARGUMENT, ["register_organisation.organisation_id",
                                             "at most 128 bytes"],
                     lambda: self.command(
                         "recorder", register_organisation=commands_pb2.RegisterOrganisation(
                             organisation_id=long_id, kind=domain_pb2.ORGANISATION_KIND_OTHER,
                             name=text("Pitkä"))))
        self.refused(Code.INVALID_ARGUMENT, ["request_id"], lambda: self.command(
            "recorder", request_id="r" * 129,
            register_organisation=commands_pb2.RegisterOrganisation(
                organisation_id="org-hostile-long-request", kind=domain_pb2.ORGANISATION_KIND_OTHER,
                name=text("Pitkä"))))
        self.refused(Code.INVALID_ARGUMENT, ["stream_id", "at most 128 bytes"],
                     lambda: self.append("admin", "note-" + "n" * 124,
                                         [envelope_pb2.EventEnvelope(event_type="Note")]))
        self.refused(Code.INVALID_ARGUMENT, ["events[0].event_type"], lambda: self.append(
            "admin", "note-hostile", [envelope_pb2.EventEnvelope(event_type="N" * 129)]))

    # ------------------------------------------------------------ 3. values

    def test_30_unknown_enum_values(self):
        self.refused(Code.INVALID_ARGUMENT, ["filter.kind: 99 is not an OrganisationKind"],
                     lambda: self.registry.ListOrganisations(
                         rs.ListOrganisationsRequest(filter=rs.OrganisationFilter(kind=99)),
                         metadata=self.auth("public"), timeout=TIMEOUT))
        self.refused(Code.INVALID_ARGUMENT, ["filter.kind"],
                     lambda: self.registry.ListOrganisations(
                         rs.ListOrganisationsRequest(filter=rs.OrganisationFilter(kind=-1)),
                         metadata=self.auth("public"), timeout=TIMEOUT))
        self.refused(Code.INVALID_ARGUMENT,
                     ["register_organisation.kind: 4242 is not a valid OrganisationKind"],
                     lambda: self.command(
            "recorder", register_organisation=commands_pb2.RegisterOrganisation(
                organisation_id="org-hostile-enum", kind=4242, name=text("Enum"))))
        self.refused(Code.INVALID_ARGUMENT,
                     ["register_organisation.name.authoritative: 77 is not a valid Language"],
                     lambda: self.command(
                         "recorder", register_organisation=commands_pb2.RegisterOrganisation(
                             organisation_id="org-hostile-enum",
                             kind=domain_pb2.ORGANISATION_KIND_OTHER,
                             name=domain_pb2.LocalizedText(fi="Enum", authoritative=77))))
        self.refused(Code.INVALID_ARGUMENT, ["group_by: unknown grouping 42"],
                     lambda: self.grants.GetGrantTotals(
            gs.GetGrantTotalsRequest(group_by=42), metadata=self.auth("public"),
            timeout=TIMEOUT))
        self.refused(Code.INVALID_ARGUMENT, ["direction: unknown value 9"],
                     lambda: self.ledger.ReadStream(
            ls.ReadStreamRequest(stream_id=NGO_A, direction=9), metadata=self.auth("public"),
            timeout=TIMEOUT))

    def test_31_negative_and_zero_amounts(self):
        for amount in (-1, 0, INT64_MIN):
            self.refused(Code.INVALID_ARGUMENT, ["apply_for_grant.amount_applied_cents",
                                                 "must be a positive number of euro cents"],
                         lambda: self.command(
                             "ngo_a", apply_for_grant=commands_pb2.ApplyForGrant(
                                 grant_id="grant-hostile-negative",
                                 programme_id="programme-stm-alueellinen-valmistelu",
                                 applicant_organisation_id=NGO_A, amount_applied_cents=amount,
                                 purpose=text("Negatiivinen"), applied_on=date(2021, 6, 1))))
            self.refused(Code.INVALID_ARGUMENT, ["pay_grant.amount_cents"], lambda: self.command(
                "recorder", pay_grant=commands_pb2.PayGrant(
                    grant_id="grant-stm-valmistelu-helsinki", amount_cents=amount,
                    paid_on=date(2021, 11, 1))))

    def test_32_amounts_near_int64_max_and_overflowing_totals(self):
        def run(**command):
            return self.command("recorder", **command)
        run(open_grant_programme=commands_pb2.OpenGrantProgramme(
            programme_id="programme-hostile-max", funder_organisation_id="org-stm",
            title=text("Suurin mahdollinen"), budget_cents=INT64_MAX, rules=text("Säännöt"),
            opens_on=date(2024, 1, 1), application_deadline=date(2024, 12, 31)))
        for grant, applicant in (("grant-hostile-max-a", NGO_A), ("grant-hostile-max-b", NGO_B)):
            run(apply_for_grant=commands_pb2.ApplyForGrant(
                grant_id=grant, programme_id="programme-hostile-max",
                applicant_organisation_id=applicant, amount_applied_cents=INT64_MAX,
                purpose=text("Kaikki"), applied_on=date(2024, 2, 1)))
            run(award_grant=commands_pb2.AwardGrant(
                grant_id=grant, amount_cents=INT64_MAX, awarded_on=date(2024, 3, 1),
                usage_period=domain_pb2.DateRange(start=date(2024, 3, 1),
                                                  end=date(2025, 3, 1))))
            # Paid twice near the maximum: INT64_MAX - 1, then 1.
            run(pay_grant=commands_pb2.PayGrant(grant_id=grant, amount_cents=INT64_MAX - 1,
                                                paid_on=date(2024, 3, 2)))
            run(pay_grant=commands_pb2.PayGrant(grant_id=grant, amount_cents=1,
                                                paid_on=date(2024, 3, 3)))
        # A third payment would take the paid sum past INT64_MAX.
        for amount in (1, INT64_MAX):
            self.refused(Code.FAILED_PRECONDITION, ["pay_grant.amount_cents"],
                         lambda: run(pay_grant=commands_pb2.PayGrant(
                             grant_id="grant-hostile-max-a", amount_cents=amount,
                             paid_on=date(2024, 3, 4))))
        # One grant's own amounts fit in int64.
        grant = self.grants.GetGrant(gs.GetGrantRequest(grant_id="grant-hostile-max-a"),
                                     metadata=self.auth("public"), timeout=TIMEOUT)
        self.assertIn(str(INT64_MAX), str(grant))
        # Two of them in one total do not: OUT_OF_RANGE (docs/api.md,
        # GetGrantTotals), naming what overflows.
        for grouping in (grants_views_pb2.GRANT_GROUPING_PROGRAMME,
                         grants_views_pb2.GRANT_GROUPING_ORGANISATION):
            self.refused(Code.OUT_OF_RANGE, ["overflows int64"],
                         lambda: self.grants.GetGrantTotals(
                             gs.GetGrantTotalsRequest(group_by=grouping),
                             metadata=self.auth("public"), timeout=TIMEOUT))

    def test_33_dates_out_of_range(self):
        for bad, fragment in (((2020, 13, 1), "as_of.month: must be in 1..12, got 13"),
                              ((2020, 1, 0), "as_of.day"),
                              ((0, 1, 1), "as_of.year"),
                              ((99999, 1, 1), "as_of.year"),
                              ((-2020, 1, 1), "as_of.year"),
                              ((2023, 2, 30), "as_of.day"),
                              ((2023, 2, 29), "as_of.day"),
                              ((2020, 4, 31), "as_of.day")):
            self.refused(Code.INVALID_ARGUMENT, [fragment],
                         lambda: self.get_organisation(NGO_A, as_of=date(*bad)))
        for bad, fragment in (((2020, 2, 30), "register_organisation.founded_on"),
                              ((1899, 12, 31), "register_organisation.founded_on"),
                              ((2201, 1, 1), "register_organisation.founded_on"),
                              ((2020, 0, 10), "register_organisation.founded_on")):
            self.refused(Code.INVALID_ARGUMENT, [fragment], lambda: self.command(
                "recorder", register_organisation=commands_pb2.RegisterOrganisation(
                    organisation_id="org-hostile-date", kind=domain_pb2.ORGANISATION_KIND_OTHER,
                    name=text("Päivä"), founded_on=date(*bad))))
        # Instants (google.protobuf.Timestamp) outside its range or with bad nanos.
        for received_at in ({"seconds": 2**62}, {"seconds": -2**62},
                            {"seconds": 1_662_500_000, "nanos": -1},
                            {"seconds": 1_662_500_000, "nanos": 1_000_000_000}):
            self.refused(Code.INVALID_ARGUMENT, ["receive_submission.received_at: must be a "
                                                 "valid timestamp"],
                         lambda: self.command(
                             "ngo_a", receive_submission=commands_pb2.ReceiveSubmission(
                             submission_id="submission-hostile-time",
                             consultation_id="consultation-ph-palvelustrategia-2022",
                             submitter_organisation_id=NGO_A, channel=domain_pb2.CHANNEL_EMAIL,
                             received_at=received_at, text="Aikamatka")))
        for effective_at, fragment in (({"seconds": 2**62}, "events[0].effective_at.seconds"),
                                       ({"seconds": -2**40}, "events[0].effective_at.seconds"),
                                       ({"seconds": 0, "nanos": -1},
                                        "events[0].effective_at.nanos")):
            self.refused(Code.INVALID_ARGUMENT, [fragment], lambda: self.append(
                "admin", "note-hostile",
                [envelope_pb2.EventEnvelope(event_type="Note", effective_at=effective_at)]))
        # 29.2. of a leap year is a date.
        self.assertEqual(self.get_organisation(NGO_A, as_of=date(2024, 2, 29))
                         .organisation.organisation_id, NGO_A)

    def test_34_ids_with_path_characters(self):
        for bad in ("org-../x", "org-a/b", "org-%2e", "org-%2e%2e", "org-a b", "org-a\\b",
                    "org-\u00e4", "ORG-abc", "Org-abc", "org-", "org", "../org-kyt",
                    "/etc/passwd", "org-a\nb"):
            self.refused(Code.INVALID_ARGUMENT, ["organisation_id"],
                         lambda: self.get_organisation(bad))
            self.refused(Code.INVALID_ARGUMENT, ["register_organisation.organisation_id"],
                         lambda: self.command(
                             "recorder", register_organisation=commands_pb2.RegisterOrganisation(
                                 organisation_id=bad, kind=domain_pb2.ORGANISATION_KIND_OTHER,
                                 name=text("Polku"))))
            self.refused(Code.INVALID_ARGUMENT, ["stream_id"], lambda: self.append(
                "admin", bad, [envelope_pb2.EventEnvelope(event_type="Note")]))
            self.refused(Code.INVALID_ARGUMENT, ["stream_id"], lambda: self.ledger.ReadStream(
                ls.ReadStreamRequest(stream_id=bad), metadata=self.auth("public"),
                timeout=TIMEOUT))
        # Upper case is allowed after the category (docs/domain.md): such an
        # id is well formed, and simply not there.
        self.refused(Code.NOT_FOUND, ['organisation "org-KYT" does not exist'],
                     lambda: self.get_organisation("org-KYT"))
        # Local ids (seats): 1..64 of [A-Za-z0-9._:~-].
        self.refused(Code.INVALID_ARGUMENT, ["add_seat.seat_id"], lambda: self.command(
            "recorder", add_seat=commands_pb2.AddSeat(
                body_id="body-ph-jarjestoneuvottelukunta", seat_id="../seat",
                post=domain_pb2.POST_KIND_MEMBER)))
        # Backups go to a new absolute directory outside the data directory.
        for directory, fragment in (("../backup", "must be an absolute path"),
                                    ("backup", "must be an absolute path"),
                                    (os.path.join(self.server.data_dir, "b"), "directory")):
            self.refused(Code.INVALID_ARGUMENT, [fragment], lambda: self.admin.CreateBackup(
                admin_pb.CreateBackupRequest(directory=directory), metadata=self.auth("admin"),
                timeout=TIMEOUT))

    def test_35_positions_versions_and_pages_at_their_limits(self):
        uint64_max = 2**64 - 1
        self.refused(Code.INVALID_ARGUMENT, ["known_at: position 18446744073709551615 is "
                                             "beyond the log head"],
                     lambda: self.get_organisation(
                         NGO_A, known_at=read_point_pb2.KnownAt(position=uint64_max)))
        stream = self.ledger.Subscribe(ls.SubscribeRequest(after_position=uint64_max),
                                       metadata=self.auth("public"), timeout=TIMEOUT)
        self.refused(Code.OUT_OF_RANGE, ["after_position: 18446744073709551615 is beyond the "
                                         "head"], lambda: next(stream))
        for prefixes, fragment in ((["org-"] * 101, "stream_id_prefixes: at most 100"),
                                   ([""], "stream_id_prefixes[0]: must be 1 to 128 bytes"),
                                   (["o" * 129], "stream_id_prefixes[0]")):
            stream = self.ledger.Subscribe(ls.SubscribeRequest(stream_id_prefixes=prefixes),
                                           metadata=self.auth("public"), timeout=TIMEOUT)
            self.refused(Code.INVALID_ARGUMENT, [fragment], lambda: next(stream))
        self.refused(Code.INVALID_ARGUMENT, ["position: required"], lambda: self.ledger.GetEvent(
            ls.GetEventRequest(position=0), metadata=self.auth("auditor"), timeout=TIMEOUT))
        self.refused(Code.NOT_FOUND, ["position: no event at position 18446744073709551615"],
                     lambda: self.ledger.GetEvent(ls.GetEventRequest(position=uint64_max),
                                                  metadata=self.auth("auditor"),
                                                  timeout=TIMEOUT))
        self.refused(Code.INVALID_ARGUMENT, ["tree_size: 18446744073709551615 is beyond the head"],
                     lambda: self.ledger.GetEvent(
            ls.GetEventRequest(position=1, tree_size=uint64_max), metadata=self.auth("auditor"),
            timeout=TIMEOUT))
        self.refused(Code.INVALID_ARGUMENT, ["old_size: 5 is larger than new_size 3"],
                     lambda: self.ledger.GetConsistencyProof(
                         ls.GetConsistencyProofRequest(old_size=5, new_size=3),
                         metadata=self.auth("auditor"), timeout=TIMEOUT))
        for page_size in (-1, -2**31):
            self.refused(Code.INVALID_ARGUMENT, [f"page_size: must not be negative, got "
                                                 f"{page_size}"],
                         lambda: self.ledger.ReadAll(ls.ReadAllRequest(page_size=page_size),
                                                     metadata=self.auth("public"),
                                                     timeout=TIMEOUT))
            self.refused(Code.INVALID_ARGUMENT, ["page_size"],
                         lambda: self.registry.ListOrganisations(
                             rs.ListOrganisationsRequest(page_size=page_size),
                             metadata=self.auth("public"), timeout=TIMEOUT))
        for token in ("junk", "A" * 100_000, "\u0000"):
            self.refused(Code.INVALID_ARGUMENT, ["page_token"],
                         lambda: self.registry.ListOrganisations(
                             rs.ListOrganisationsRequest(page_token=token),
                             metadata=self.auth("public"), timeout=TIMEOUT))
        self.refused(Code.INVALID_ARGUMENT, ["filter.year"], lambda: self.grants.ListGrants(
            gs.ListGrantsRequest(filter=grants_views_pb2.GrantFilter(year=2**31 - 1)),
            metadata=self.auth("public"), timeout=TIMEOUT))
        # An expected version nobody has: ABORTED naming the stream and both versions.
        self.refused(Code.ABORTED, ['stream "org-kyt"', "expected version 18446744073709551615"],
                     lambda: self.append("admin", NGO_A,
                                         [envelope_pb2.EventEnvelope(event_type="Note")],
                                         exact=uint64_max))
        # Reading from the largest position is simply an empty page.
        page = self.ledger.ReadAll(ls.ReadAllRequest(from_position=uint64_max, page_size=1000),
                                   metadata=self.auth("public"), timeout=TIMEOUT)
        self.assertEqual((len(page.events), page.next_position), (0, uint64_max))
        page = self.registry.ListOrganisations(rs.ListOrganisationsRequest(page_size=2**31 - 1),
                                               metadata=self.auth("public"), timeout=TIMEOUT)
        self.assertGreaterEqual(len(page.organisations), 19)

    # ------------------------------------------------------------ 4. tokens

    def test_40_missing_wrong_and_malformed_tokens(self):
        request = rs.GetOrganisationRequest(organisation_id=NGO_A)

        def call(metadata):
            return lambda: self.registry.GetOrganisation(request, metadata=metadata,
                                                         timeout=TIMEOUT)
        self.refused(Code.UNAUTHENTICATED, ["authorization: missing"], call(None))
        self.refused(Code.UNAUTHENTICATED, ["authorization: unknown bearer token"],
                     call([("authorization", "Bearer kpn_" + "A" * 43)]))
        self.refused(Code.UNAUTHENTICATED, ["authorization: unknown bearer token"],
                     call([("authorization", "Bearer " + self.tokens["admin"][:-1])]))
        for malformed in ("Basic " + self.tokens["admin"], "Bearer", "Bearer ",
                          self.tokens["admin"], "Bearer" + self.tokens["admin"], "Token x",
                          "Bearer " + "x" * 5000):
            self.refused(Code.UNAUTHENTICATED, ["authorization"],
                         call([("authorization", malformed)]))
        self.refused(Code.UNAUTHENTICATED, ["authorization: sent more than once"],
                     call(self.auth("public") + self.auth("admin")))
        # Commands and appends the same way.
        self.refused(Code.UNAUTHENTICATED, ["authorization: missing"],
                     lambda: self.commands.ExecuteCommand(
                         commands_pb2.Command(
                             register_organisation=commands_pb2.RegisterOrganisation(
                                 organisation_id="org-hostile-anon",
                                 kind=domain_pb2.ORGANISATION_KIND_OTHER, name=text("Anon"))),
                         timeout=TIMEOUT))
        self.refused(Code.UNAUTHENTICATED, ["authorization: unknown bearer token"],
                     lambda: self.ledger.AppendEvents(
                         ls.AppendEventsRequest(stream_id="note-hostile", any={},
                                                events=[envelope_pb2.EventEnvelope(
                                                    event_type="Note")]),
                         metadata=[("authorization", "Bearer kpn_guess")], timeout=TIMEOUT))

    def test_41_roles_that_may_not_record(self):
        register = commands_pb2.RegisterOrganisation(
            organisation_id="org-hostile-role", kind=domain_pb2.ORGANISATION_KIND_OTHER,
            name=text("Rooli"))
        for who, role in (("public", "public"), ("auditor", "auditor"), ("ngo_a", "ngo")):
            self.refused(Code.PERMISSION_DENIED, [f"role {role} may not record domain commands",
                                                  "ExecuteCommand"],
                         lambda: self.command(who, register_organisation=register))
            self.refused(Code.PERMISSION_DENIED, [f"role {role}", "AppendEvents"],
                         lambda: self.append(who, "note-hostile",
                                             [envelope_pb2.EventEnvelope(event_type="Note")]))
        self.refused(Code.PERMISSION_DENIED, ["role public", "RegisterOrganisation"],
                     lambda: self.commands.RegisterOrganisation(
                         cs.RegisterOrganisationRequest(request_id="hostile-public",
                                                        command=register),
                         metadata=self.auth("public"), timeout=TIMEOUT))
        # Personal data: a public token never reads a person's stream.
        self.refused(Code.PERMISSION_DENIED, ["person-"], lambda: self.ledger.ReadStream(
            ls.ReadStreamRequest(stream_id="person-u19-0001"), metadata=self.auth("public"),
            timeout=TIMEOUT))

    def test_42_ngo_token_acting_for_another_organisation(self):
        submission = commands_pb2.ReceiveSubmission(
            submission_id="submission-hostile-other", consultation_id=(
                "consultation-ph-palvelustrategia-2022"),
            submitter_organisation_id=NGO_B, channel=domain_pb2.CHANNEL_EMAIL,
            received_at={"seconds": 1_662_500_000}, text="Lausunto toisen nimissä")
        self.refused(Code.PERMISSION_DENIED, [
            "receive_submission.submitter_organisation_id",
            f'an ngo token acts only for its own organisation "{NGO_A}", got "{NGO_B}"'],
            lambda: self.command("ngo_a", receive_submission=submission))
        # Its own organisation as submitter, but on behalf of another.
        submission.submitter_organisation_id = NGO_A
        submission.on_behalf_of_organisation_ids.append(NGO_B)
        self.refused(Code.PERMISSION_DENIED, ["on_behalf_of_organisation_ids", NGO_B],
                     lambda: self.command("ngo_a", receive_submission=submission))
        self.refused(Code.PERMISSION_DENIED, [
            "apply_for_grant.applicant_organisation_id", f'"{NGO_A}", got "{NGO_B}"'],
            lambda: self.command("ngo_a", apply_for_grant=commands_pb2.ApplyForGrant(
                grant_id="grant-hostile-other", programme_id="programme-stm-alueellinen-valmistelu",
                applicant_organisation_id=NGO_B, amount_applied_cents=100,
                purpose=text("Toisen puolesta"), applied_on=date(2021, 6, 1))))
        # A report on a grant whose applicant is another organisation.
        self.refused(Code.PERMISSION_DENIED, [
            "submit_grant_report.grant_id",
            f'an ngo token acts only for its own organisation "{NGO_B}", got "org-helsinki"'],
            lambda: self.command("ngo_b", submit_grant_report=commands_pb2.SubmitGrantReport(
                grant_id="grant-stm-valmistelu-helsinki", submitted_on=date(2022, 1, 1),
                used_cents=1)))
        # The typed RPC the same as the union.
        self.refused(Code.PERMISSION_DENIED, ["receive_submission.submitter_organisation_id"],
                     lambda: self.commands.ReceiveSubmission(
                         cs.ReceiveSubmissionRequest(
                             request_id="hostile-typed",
                             command=commands_pb2.ReceiveSubmission(
                                 submission_id="submission-hostile-typed",
                                 consultation_id="consultation-ph-palvelustrategia-2022",
                                 submitter_organisation_id=NGO_A,
                                 channel=domain_pb2.CHANNEL_EMAIL,
                                 received_at={"seconds": 1_662_500_000}, text="x")),
                         metadata=self.auth("ngo_b"), timeout=TIMEOUT))
        # An ngo token may not record for a person either.
        self.refused(Code.PERMISSION_DENIED, [
            "receive_submission.submitter_organisation_id",
            f'an ngo token acts only for its own organisation "{NGO_A}", got ""'],
            lambda: self.command(
            "ngo_a", receive_submission=commands_pb2.ReceiveSubmission(
                submission_id="submission-hostile-person",
                consultation_id="consultation-ph-palvelustrategia-2022",
                submitter_person_id="person-u19-0001", channel=domain_pb2.CHANNEL_EMAIL,
                received_at={"seconds": 1_662_500_000}, text="x")))

    def test_43_ngo_and_public_tokens_calling_admin_rpcs(self):
        person = commands_pb2.ErasePerson(person_id="person-u19-0001", legal_basis="hostile")
        for who, role in (("ngo_a", "ngo"), ("public", "public"), ("recorder", "recorder")):
            self.refused(Code.PERMISSION_DENIED, [f"role {role}", "CreateBackup"],
                         lambda: self.admin.CreateBackup(
                             admin_pb.CreateBackupRequest(directory=os.path.join(WORK, who)),
                             metadata=self.auth(who), timeout=TIMEOUT))
            self.refused(Code.PERMISSION_DENIED, [f"role {role}", "ErasePerson"],
                         lambda: self.admin.ErasePerson(
                             admin_pb.ErasePersonRequest(request_id="hostile-erase",
                                                         command=person),
                             metadata=self.auth(who), timeout=TIMEOUT))
            self.refused(Code.PERMISSION_DENIED, [f"role {role}", "GetProjectionStatus"],
                         lambda: self.admin.GetProjectionStatus(
                             admin_pb.GetProjectionStatusRequest(), metadata=self.auth(who),
                             timeout=TIMEOUT))
            self.refused(Code.PERMISSION_DENIED, [f"role {role}", "RebuildProjections"],
                         lambda: list(self.admin.RebuildProjections(
                             admin_pb.RebuildProjectionsRequest(all=True),
                             metadata=self.auth(who), timeout=TIMEOUT)))
        for who, role in (("ngo_a", "ngo"), ("public", "public")):
            self.refused(Code.PERMISSION_DENIED, [f"role {role}", "VerifyLog"],
                         lambda: list(self.admin.VerifyLog(
                             admin_pb.VerifyLogRequest(), metadata=self.auth(who),
                             timeout=TIMEOUT)))
            self.refused(Code.PERMISSION_DENIED, [f"role {role}", "GetEvent"],
                         lambda: self.ledger.GetEvent(ls.GetEventRequest(position=1),
                                                      metadata=self.auth(who), timeout=TIMEOUT))
        self.assertFalse(any(name in os.listdir(WORK) for name in ("ngo_a", "public", "recorder")),
                         "a refused CreateBackup wrote a backup")
        # The person was not erased.
        person_view = self.registry.GetPerson(rs.GetPersonRequest(person_id="person-u19-0001"),
                                              metadata=self.auth("public"), timeout=TIMEOUT)
        self.assertFalse(person_view.person.erased)

    # ------------------------------------------------------------ 5. floods

    def test_50_subscription_flood_beyond_the_per_token_limit(self):
        held = []
        try:
            for _ in range(MAX_SUBSCRIPTIONS_PER_TOKEN):
                stream = self.ledger.Subscribe(ls.SubscribeRequest(after_head={}),
                                               metadata=self.auth("public"), timeout=60)
                first = next(stream)  # the heartbeat marking the end of catch-up
                self.assertTrue(first.heartbeat.caught_up)
                held.append(stream)
            for _ in range(3):
                stream = self.ledger.Subscribe(ls.SubscribeRequest(after_head={}),
                                               metadata=self.auth("public"), timeout=TIMEOUT)
                self.refused(Code.RESOURCE_EXHAUSTED,
                             ['"token:public" already has 8 concurrent subscriptions'],
                             lambda: next(stream))
            # Another token is not limited by this one's subscriptions.
            other = self.ledger.Subscribe(ls.SubscribeRequest(after_head={}),
                                          metadata=self.auth("auditor"), timeout=60)
            self.assertTrue(next(other).heartbeat.caught_up)
            held.append(other)
            # The held subscriptions keep working: each gets the next event.
            recorded = self.command(
                "recorder", register_organisation=commands_pb2.RegisterOrganisation(
                    organisation_id="org-hostile-flood", kind=domain_pb2.ORGANISATION_KIND_OTHER,
                    name=text("Tulva")))
            for stream in held:
                message = next(stream)
                while not message.HasField("event"):
                    message = next(stream)
                self.assertEqual(message.event.position, recorded.first_position)
            # Ending one frees its place.
            held.pop(0).cancel()
            deadline = time.monotonic() + 10
            while True:
                stream = self.ledger.Subscribe(ls.SubscribeRequest(after_head={}),
                                               metadata=self.auth("public"), timeout=60)
                try:
                    self.assertTrue(next(stream).heartbeat.caught_up)
                    held.append(stream)
                    break
                except grpc.RpcError as error:  # the cancellation is not yet seen
                    self.assertEqual(error.code(), Code.RESOURCE_EXHAUSTED)
                    self.assertLess(time.monotonic(), deadline)
                    time.sleep(0.05)
        finally:
            for stream in held:
                stream.cancel()
        self.assert_serving()

    def test_51_many_concurrent_commands(self):
        before = self.head()
        count = 200

        def register(i):
            return self.command("recorder", request_id=f"hostile-flood-{i}",
                                register_organisation=commands_pb2.RegisterOrganisation(
                                    organisation_id=f"org-hostile-flood-{i}",
                                    kind=domain_pb2.ORGANISATION_KIND_ASSOCIATION,
                                    name=text(f"Tulva {i}")))

        # The same request sent 20 times at once: recorded once.
        def duplicate(_):
            return self.command("recorder", request_id="hostile-flood-same",
                                register_organisation=commands_pb2.RegisterOrganisation(
                                    organisation_id="org-hostile-flood-same",
                                    kind=domain_pb2.ORGANISATION_KIND_ASSOCIATION,
                                    name=text("Sama")))
        with concurrent.futures.ThreadPoolExecutor(max_workers=64) as pool:
            results = list(pool.map(register, range(count)))
            duplicates = list(pool.map(duplicate, range(20)))
        self.assertEqual(sorted(r.stream_id for r in results),
                         sorted(f"org-hostile-flood-{i}" for i in range(count)))
        self.assertFalse(any(r.replayed for r in results))
        self.assertEqual(len({r.first_position for r in results}), count)
        self.assertEqual(sum(not r.replayed for r in duplicates), 1)
        self.assertEqual(len({r.first_position for r in duplicates}), 1)
        self.assertEqual(self.head(), before + count + 1)
        self.assert_serving()

    def test_52_burst_of_malformed_calls(self):
        before = self.head()
        get = self.raw("/kumppani.v1.RegistryService/GetOrganisation")
        bad_utf8 = with_invalid_utf8(rs.GetOrganisationRequest(organisation_id="org-MARKER"),
                                     "MARKER")
        bad_command = commands_pb2.Command(
            request_id="hostile-burst", register_organisation=commands_pb2.RegisterOrganisation(
                organisation_id="org-../burst", kind=domain_pb2.ORGANISATION_KIND_OTHER,
                name=text("x")))
        calls = [
            (Code.INVALID_ARGUMENT, lambda: get(bad_utf8, metadata=self.auth("public"),
                                                timeout=TIMEOUT)),
            (Code.INVALID_ARGUMENT, lambda: get(b"\xff" * 64, metadata=self.auth("public"),
                                                timeout=TIMEOUT)),
            (Code.UNAUTHENTICATED, lambda: get(b"", metadata=[("authorization", "Bearer no")],
                                               timeout=TIMEOUT)),
            (Code.INVALID_ARGUMENT, lambda: self.get_organisation("org-a/b")),
            (Code.INVALID_ARGUMENT, lambda: self.commands.ExecuteCommand(
                bad_command, metadata=self.auth("recorder"), timeout=TIMEOUT)),
            (Code.PERMISSION_DENIED, lambda: self.commands.ExecuteCommand(
                bad_command, metadata=self.auth("public"), timeout=TIMEOUT)),
            (Code.RESOURCE_EXHAUSTED, lambda: get(b"\x0a" + b"\xff" * (MAX_MESSAGE_BYTES + 10),
                                                  metadata=self.auth("public"),
                                                  timeout=TIMEOUT)),
        ]
        rounds = 60
        codes = {}
        lock = threading.Lock()

        def one(index):
            expected, call = calls[index % len(calls)]
            try:
                call()
                got = Code.OK
            except grpc.RpcError as error:
                got = error.code()
            with lock:
                codes.setdefault((expected, got), 0)
                codes[(expected, got)] += 1

        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
            list(pool.map(one, range(rounds * len(calls))))
        elapsed = time.monotonic() - started
        wrong = {k: v for k, v in codes.items() if k[0] != k[1]}
        self.assertEqual(wrong, {}, "calls answered with another code (expected, got): count")
        self.assertEqual(sum(codes.values()), rounds * len(calls))
        print(f"\nburst: {rounds * len(calls)} malformed calls in {elapsed:.1f} s, "
              f"every one with its code", file=sys.stderr)
        self.assertEqual(self.head(), before)
        self.assert_serving()

    # ------------------------------------------------------------ last

    def test_99_no_internal_error_was_logged(self):
        """INTERNAL is logged under an incident id (docs/api.md, Errors): no
        hostile input may have caused one."""
        with open(self.server.log_path, encoding="utf-8", errors="replace") as log:
            text = log.read()
        self.assertNotIn("incident", text)
        self.assertNotIn("data loss", text)
        # protobuf's complaints about requests go through the server's log
        # (at debug level), never as raw error lines of its own.
        self.assertNotIn("[libprotobuf", text)
        self.assertNotIn(" error ", text)
        self.assert_serving()


if __name__ == "__main__":
    started = time.monotonic()
    program = unittest.main(argv=[sys.argv[0], "-v"], exit=False)
    print(f"hostile_input_test: {time.monotonic() - started:.1f} s", file=sys.stderr)
    sys.exit(0 if program.result.wasSuccessful() else 1)
