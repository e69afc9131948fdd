"""Disk full and backup drill (issue 8, deliverable 5): a real kumppanid
driven through its gRPC API by the kill test's clients (kill_clients.py:
concurrent threads recording domain commands with unique request ids,
retrying each command unchanged on a retryable code until it is
acknowledged), checked from the outside with the kill test's checks
(kill_checks.py).

DiskFullTest: the data directory is on a size-limited tmpfs. The clients
record until the disk fills; every failed call must be RESOURCE_EXHAUSTED
(never INTERNAL or UNKNOWN: a non-retryable code fails the client), reads go
on being served, and a new command gets RESOURCE_EXHAUSTED naming the disk.
Then the tmpfs is made bigger. The store does not resume by itself: it keeps
refusing writes (it cannot know which unsynced writes reached the disk)
until kumppanid is restarted; the test checks that, restarts, and checks that
the clients' pending commands are then acknowledged, that every acknowledged
command is in the log exactly once at its answered position, positions are
gap-free, VerifyLog is ok, and re-sent commands come back `replayed`.

BackupDrillTest: under the same load, AdminService.CreateBackup to a new
directory; the backup is restored as docs/operations.md says (copied into a
new data directory, a second kumppanid started on it). Its VerifyLog is ok
at the backup's position and root; its log is exactly the source's first
`position` events, byte for byte; every command acknowledged before the
backup call started is in it; and its read models equal the source's at
known_at = position (every page of ListOrganisations, ListBodies and
ListConsultations and the details of up to 300 of each, compared as JSON).

Usage (ctest runs it; mounting needs root, otherwise DiskFullTest is
skipped saying so):
  /usr/bin/python3 disk_full_test.py KUMPPANID PROTO_DIR
KUMPPANI_KEEP_WORK=1 keeps the work directory (server logs, data; the tmpfs
is always unmounted); KUMPPANI_DISK_MB sets the small disk's size (12).

Not covered here: stopping or starting kumppanid while the disk is still
full (checked by hand, docs/reliability.md "Disk full"); the restart here
happens after the remount.
"""
import collections
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import types
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
KUMPPANID, PROTO_DIR = sys.argv[1], sys.argv[2]
KEEP = os.environ.get("KUMPPANI_KEEP_WORK", "") not in ("", "0")
CLIENTS = 4
SEED = time.time_ns() % 1_000_000_007

WORK = tempfile.mkdtemp(prefix="kumppani-diskfull-")
STUBS = os.path.join(WORK, "stubs")
os.makedirs(STUBS)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from kumppani_harness import Kumppanid  # noqa: E402
from grpc_tools import protoc  # noqa: E402

_protos = [os.path.join(PROTO_DIR, "kumppani", "v1", name)
           for name in sorted(os.listdir(os.path.join(PROTO_DIR, "kumppani", "v1")))
           if name.endswith(".proto")]
_include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
if protoc.main(["protoc", f"-I{PROTO_DIR}", f"-I{_include}", f"--python_out={STUBS}",
                f"--grpc_python_out={STUBS}"] + _protos) != 0:
    sys.exit("protoc failed")
sys.path.insert(0, STUBS)
sys.path.insert(0, HERE)

import grpc  # noqa: E402
from kumppani.v1 import admin_service_pb2 as admin  # noqa: E402
from kumppani.v1 import command_service_pb2 as cs, commands_pb2 as cmd  # noqa: E402
from kumppani.v1 import domain_pb2 as dom, ledger_service_pb2 as ls  # noqa: E402
from kumppani.v1 import registry_service_pb2 as rs  # noqa: E402

from kill_checks import (check_log, compare_dumps, dump_read_models,  # noqa: E402
                         leaf_hash, mth, read_log)
from kill_clients import (RETRY_LIMIT, Client, Failure, Record, Stubs,  # noqa: E402
                          resend)

SERVER_ARGS = ["--checkpoint-interval-seconds", "1", "--shutdown-grace-seconds", "5"]
# Filled by the clients in a few seconds (about 9,000 commands).
SMALL_DISK_MB = int(os.environ.get("KUMPPANI_DISK_MB", "12"))
BIG_DISK_MB = 512     # "space returns"
OK_CODES_WHEN_FULL = {grpc.StatusCode.RESOURCE_EXHAUSTED}


# ------------------------------------------------------------- helpers

class Outcomes:
    """Every CommandService call the clients made, counted by phase and code."""

    def __init__(self):
        self.lock = threading.Lock()
        self.phase = "filling"
        self.codes = collections.defaultdict(collections.Counter)  # phase -> code -> n
        self.details = {}            # (phase, code) -> first message seen
        self.contexts = collections.Counter()  # (code, what failed) over all phases
        self.acked = collections.Counter()  # phase -> acknowledged calls
        self.first_failure = None    # monotonic time of the first failed call
        self.last_failure = None
        self.first_ack_in = {}       # phase -> monotonic time of its first ack

    def set_phase(self, phase):
        with self.lock:
            self.phase = phase

    def failed(self, error):
        with self.lock:
            now = time.monotonic()
            self.codes[self.phase][error.code()] += 1
            self.details.setdefault((self.phase, error.code()), error.details())
            self.contexts[(error.code().name, failed_operation(error.details()))] += 1
            self.first_failure = self.first_failure or now
            self.last_failure = now

    def succeeded(self):
        with self.lock:
            self.acked[self.phase] += 1
            self.first_ack_in.setdefault(self.phase, time.monotonic())


def failed_operation(message):
    """What the store was doing when the disk failed it: the text before
    RocksDB's "IO error", or the whole message."""
    inner = message.split(" (", 1)[1] if "stopped accepting appends" in message else message
    return inner.split(": IO error", 1)[0][:80]


class CountingCommands:
    """A CommandService stub that reports each call's outcome to Outcomes and
    otherwise behaves as the stub (the client retries what it raises)."""

    def __init__(self, stub, outcomes):
        self._stub, self._outcomes = stub, outcomes

    def __getattr__(self, name):
        method = getattr(self._stub, name)

        def call(request, timeout=None):
            try:
                response = method(request, timeout=timeout)
            except grpc.RpcError as error:
                self._outcomes.failed(error)
                raise
            self._outcomes.succeeded()
            return response
        return call


def start_clients(address, record, stop, abandon, outcomes=None):
    clients = [Client(i, address, record, stop, abandon, SEED + i, SEED) for i in range(CLIENTS)]
    for client in clients:
        if outcomes is not None:
            client.stubs.commands = CountingCommands(client.stubs.commands, outcomes)
        client.start()
    return clients


def stop_clients(clients, stop):
    stop.set()
    for client in clients:
        client.join(timeout=RETRY_LIMIT + 30)


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {seconds} s waiting for {what}")
        time.sleep(0.02)


def new_organisation(stubs, request_id):
    """Records one new organisation (not through a client): returns the
    response or raises grpc.RpcError."""
    org = f"org-probe-{request_id}"
    return stubs.commands.RegisterOrganisation(cs.RegisterOrganisationRequest(
        request_id=request_id, command=cmd.RegisterOrganisation(
            organisation_id=org, kind=dom.ORGANISATION_KIND_ASSOCIATION,
            name=dom.LocalizedText(fi=f"Koetin {org}", authoritative=dom.LANGUAGE_FI))),
        timeout=10)


def verify_log(stubs):
    result = None
    for message in stubs.admin.VerifyLog(admin.VerifyLogRequest(), timeout=120):
        if message.HasField("result"):
            result = message.result
    return result


def head_of(stubs):
    return stubs.ledger.ReadAll(ls.ReadAllRequest(from_position=1, page_size=1),
                                timeout=10).head_position


def health_of(stubs):
    """The server's grpc.health.v1 answer for the whole server ("" service):
    1 SERVING, 2 NOT_SERVING. The messages are encoded by hand (an empty
    request; the answer's field 1, a varint), so no health stubs are needed."""
    check = stubs.channel.unary_unary("/grpc.health.v1.Health/Check",
                                      request_serializer=lambda _: b"",
                                      response_deserializer=lambda data: data)
    answer = check(None, timeout=10)
    if answer[:1] != b"\x08" or len(answer) != 2:
        raise AssertionError(f"unexpected HealthCheckResponse bytes {answer!r}")
    return answer[1]


SERVING, NOT_SERVING = 1, 2


def store_failure_lines(log_path):
    """Error lines of the server log saying that the store stopped."""
    with open(log_path, errors="replace") as log:
        return [line.rstrip() for line in log
                if " error " in line and "stopped accepting appends" in line]


def incidents(log_path):
    """Lines of the server log reporting an INTERNAL answer."""
    with open(log_path, errors="replace") as log:
        return [line.rstrip() for line in log if " incident " in line]


def stop_quietly(server):
    """SIGTERM, then SIGKILL; for cleanup paths (never raises)."""
    if server is None or server.process is None or server.process.poll() is not None:
        return
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


class ServerTest(unittest.TestCase):
    """Stops every server, client and mount of a test whatever happens."""

    def setUp(self):
        self.servers, self.mounts = [], []
        self.stop, self.abandon = threading.Event(), threading.Event()
        self.clients = []
        self.addCleanup(self.clean_up)

    def clean_up(self):
        self.abandon.set()
        self.stop.set()
        for server in self.servers:
            stop_quietly(server)
        for client in self.clients:
            client.join(timeout=30)
        for mount in reversed(self.mounts):
            unmount(mount)

    def server(self, name, data_dir=None):
        server = Kumppanid(KUMPPANID, WORK, name=name, data_dir=data_dir, extra_args=SERVER_ARGS)
        self.servers.append(server)
        return server

    def check_clients(self, record):
        if record.failures:
            self.fail("; ".join(record.failures))


def unmount(directory):
    """umount; lazily if something still holds it, so that nothing is left."""
    if subprocess.run(["umount", directory], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", directory], capture_output=True)
    with open("/proc/mounts") as mounts:
        if any(line.split()[1] == directory for line in mounts):
            raise RuntimeError(f"{directory} is still mounted")


# ------------------------------------------------------------- disk full

class DiskFullTest(ServerTest):

    def mount_small_disk(self):
        disk = os.path.join(WORK, "disk")
        os.makedirs(disk)
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK_MB}m",
                                  "tmpfs", disk], capture_output=True, text=True)
        if mounted.returncode != 0:
            self.skipTest(f"cannot mount a size-limited tmpfs (needs root or CAP_SYS_ADMIN): "
                          f"{mounted.stderr.strip()}")
        self.mounts.append(disk)
        return disk

    def test_writes_fail_with_resource_exhausted_and_recover_after_a_restart(self):
        began = time.monotonic()
        disk = self.mount_small_disk()
        server = self.server("diskfull", data_dir=os.path.join(disk, "data"))
        outcomes, record = Outcomes(), Record()
        self.clients = start_clients(server.address, record, self.stop, self.abandon, outcomes)
        stubs = Stubs(server.address)
        self.addCleanup(stubs.channel.close)

        # 1. Fill the disk: wait until calls have been failing for a second.
        wait_for(lambda: record.failures or (outcomes.first_failure is not None and
                                            time.monotonic() - outcomes.first_failure > 1.0),
                 90, f"writes to fail on a {SMALL_DISK_MB} MB disk")
        self.check_clients(record)
        filled = time.monotonic()
        acked_when_full = record.count()
        head_when_full = head_of(stubs)
        with outcomes.lock:
            codes_filling = dict(outcomes.codes["filling"])
            acked_filling = outcomes.acked["filling"]
        self.assertTrue(set(codes_filling) <= OK_CODES_WHEN_FULL,
                        f"codes while the disk filled: {codes_filling}, details "
                        f"{outcomes.details}")
        print(f"disk full after {filled - began:.1f} s: {acked_when_full} commands acknowledged "
              f"(head {head_when_full}); failed calls so far {codes_filling}; first message: "
              f"{outcomes.details.get(('filling', grpc.StatusCode.RESOURCE_EXHAUSTED))}",
              flush=True)

        # 2. Full: a new command is RESOURCE_EXHAUSTED naming the disk, nothing
        # is appended, and reads are served all along.
        outcomes.set_phase("full")
        with self.assertRaises(grpc.RpcError) as refused:
            new_organisation(stubs, f"probe-full-{SEED}")
        self.assertEqual(refused.exception.code(), grpc.StatusCode.RESOURCE_EXHAUSTED,
                         refused.exception.details())
        self.assertIn("No space left on device", refused.exception.details())
        # The operator is told: health NOT_SERVING, and one error line.
        self.assertEqual(health_of(stubs), NOT_SERVING)
        failure_lines = store_failure_lines(server.log_path)
        self.assertEqual(len(failure_lines), 1, failure_lines)
        self.assertIn("No space left on device", failure_lines[0])
        self.assertIn("then restart the server", failure_lines[0])
        for _ in range(10):
            self.assertEqual(head_of(stubs), head_when_full)
            events = stubs.ledger.ReadAll(ls.ReadAllRequest(from_position=1, page_size=1000),
                                          timeout=10).events
            self.assertEqual([e.position for e in events],
                             list(range(1, min(1000, head_when_full) + 1)))
            organisations = stubs.registry.ListOrganisations(
                rs.ListOrganisationsRequest(page_size=5), timeout=10)
            self.assertEqual(organisations.read_position, head_when_full)
            self.assertTrue(organisations.organisations)
            stubs.registry.GetOrganisation(rs.GetOrganisationRequest(
                organisation_id=organisations.organisations[0].organisation_id), timeout=10)
            time.sleep(0.1)
        full_result = verify_log(stubs)
        self.assertTrue(full_result.ok, full_result)
        self.assertEqual(full_result.tree_size, head_when_full)

        # 3. Space returns. The store stays stopped: still RESOURCE_EXHAUSTED
        # and nothing appended, however long we wait (5 s here), until a
        # restart. (If it ever resumes by itself, update
        # docs/reliability.md and this step.)
        subprocess.run(["mount", "-o", f"remount,size={BIG_DISK_MB}m", disk], check=True)
        space_returned = time.monotonic()
        outcomes.set_phase("space returned")
        while time.monotonic() - space_returned < 5:
            with self.assertRaises(grpc.RpcError) as still:
                new_organisation(stubs, f"probe-returned-{SEED}")
            self.assertEqual(still.exception.code(), grpc.StatusCode.RESOURCE_EXHAUSTED,
                             still.exception.details())
            time.sleep(0.5)
        self.assertEqual(head_of(stubs), head_when_full)
        self.assertEqual(health_of(stubs), NOT_SERVING)
        self.check_clients(record)
        with outcomes.lock:
            self.assertEqual(outcomes.acked["full"] + outcomes.acked["space returned"], 0)
            codes_full = {**outcomes.codes["full"]}
            for code, n in outcomes.codes["space returned"].items():
                codes_full[code] = codes_full.get(code, 0) + n
        self.assertTrue(set(codes_full) <= OK_CODES_WHEN_FULL, f"codes when full: {codes_full}")
        self.assertEqual(acked_when_full, record.count())

        # 4. Restart (SIGTERM must still exit 0), the clients' pending
        # commands are acknowledged, and new ones too.
        outcomes.set_phase("restart")
        restart_began = time.monotonic()
        server.restart()
        restarted = time.monotonic()
        outcomes.set_phase("recovered")
        wait_for(lambda: record.failures or record.count() >= acked_when_full + 10 * CLIENTS,
                 60, "acknowledgements after the restart")
        self.check_clients(record)
        recovered = outcomes.first_ack_in["recovered"]
        probe = new_organisation(stubs, f"probe-after-{SEED}")
        self.assertFalse(probe.replayed)
        self.assertEqual(health_of(stubs), SERVING)
        stop_clients(self.clients, self.stop)
        self.check_clients(record)

        # 5. Nothing acknowledged lost, nothing twice, no gaps (check_log), the
        # tree verifies, and retries of every command acknowledged before the
        # disk filled come back replayed with their first result.
        probe_record = Record()
        probe_record.sent_request_ids, probe_record.acked = set(record.sent_request_ids), \
            list(record.acked)
        probe_record.sent_request_ids.add(f"probe-after-{SEED}")
        probe_record.acked.append(types.SimpleNamespace(
            request_id=f"probe-after-{SEED}", rpc="RegisterOrganisation", response=probe,
            cycle="after"))
        events, head = read_log(stubs)
        check_log(events, head, probe_record)
        result = verify_log(stubs)
        self.assertTrue(result.ok, result)
        self.assertEqual((result.tree_size, result.root_hash),
                         (head, mth([leaf_hash(raw) for raw, _ in events])))
        for acked in record.acked[:acked_when_full]:
            resend(stubs, acked, "after the restart")
        self.assertEqual(head_of(stubs), head)
        server.stop()
        self.assertEqual(incidents(server.log_path), [])
        with outcomes.lock:
            restart_codes = dict(outcomes.codes["restart"])
        print(f"DISK FULL: {acked_when_full} commands acknowledged before the "
              f"{SMALL_DISK_MB} MB disk filled ({filled - began:.1f} s, head {head_when_full}); "
              f"failed calls while full: {codes_full} (and while filling "
              f"{codes_filling}); after the remount to {BIG_DISK_MB} MB writes still failed "
              f"for 5 s without a restart; restart took {restarted - restart_began:.2f} s, "
              f"first acknowledgement {recovered - restarted:.2f} s after it "
              f"({recovered - space_returned:.1f} s after the remount); codes during the "
              f"restart {restart_codes}; in all {len(record.acked)} commands acknowledged, "
              f"{record.replayed_on_retry} of them on a retry that came back replayed, "
              f"{head} events checked; {time.monotonic() - began:.0f} s", flush=True)
        print(f"failed calls by code and operation: {dict(outcomes.contexts)}", flush=True)


# ------------------------------------------------------------- backup drill

class BackupDrillTest(ServerTest):

    def test_a_backup_under_load_restores_to_the_same_log_and_read_models(self):
        began = time.monotonic()
        source = self.server("source")
        record = Record()
        self.clients = start_clients(source.address, record, self.stop, self.abandon)
        stubs = Stubs(source.address)
        self.addCleanup(stubs.channel.close)
        wait_for(lambda: record.failures or record.count() >= 600, 60, "600 acknowledgements")
        self.check_clients(record)

        # The backup, under load.
        with record.lock:
            acked_before = list(record.acked)
        directory = os.path.join(WORK, "backup-1")
        called = time.monotonic()
        backup = stubs.admin.CreateBackup(admin.CreateBackupRequest(directory=directory),
                                          timeout=60)
        backup_seconds = time.monotonic() - called
        acked_during = record.count() - len(acked_before)
        wait_for(lambda: record.failures or record.count() >= len(acked_before) + acked_during
                 + 10 * CLIENTS, 30, "acknowledgements after the backup")
        stop_clients(self.clients, self.stop)
        self.check_clients(record)
        self.assertEqual(backup.directory, directory)
        self.assertEqual(backup.tree_size, backup.position)
        self.assertTrue(backup.includes_checkpoint_key)
        last_acked = max(a.response.last_position for a in acked_before)
        self.assertGreaterEqual(backup.position, last_acked)
        source_events, source_head = read_log(stubs)
        check_log(source_events, source_head, record)
        self.assertGreater(source_head, backup.position, "the load went on after the backup")

        # Restore as docs/operations.md says: copy it into a new data directory
        # (the backup stays untouched) and start a server on that.
        restored_dir = os.path.join(WORK, "restored-data")
        subprocess.run(["cp", "-a", directory, restored_dir], check=True)
        restored = self.server("restored", data_dir=restored_dir)
        self.assertEqual(restored.verifier_key, source.verifier_key)
        restored_stubs = Stubs(restored.address)
        self.addCleanup(restored_stubs.channel.close)
        result = verify_log(restored_stubs)
        self.assertTrue(result.ok, result)
        self.assertEqual((result.tree_size, result.root_hash),
                         (backup.position, backup.root_hash))
        events, head = read_log(restored_stubs)
        self.assertEqual(head, backup.position)
        self.assertEqual([e.position for _, e in events], list(range(1, head + 1)))
        self.assertEqual([raw for raw, _ in events],
                         [raw for raw, _ in source_events[:backup.position]],
                         "the restored log is not the source's prefix")
        for acked in acked_before:
            r = acked.response
            for offset, (event_id, event_type) in enumerate(zip(r.event_ids, r.event_types)):
                event = events[r.first_position + offset - 1][1]
                self.assertEqual((event.event_id, event.event_type, event.stream_id),
                                 (event_id, event_type, r.stream_id),
                                 f"{acked.request_id} at {r.first_position + offset}")
        statuses = restored_stubs.admin.GetProjectionStatus(
            admin.GetProjectionStatusRequest(), timeout=10).projections
        self.assertTrue(statuses)
        for status in statuses:
            self.assertEqual((status.name, status.state, status.position),
                             (status.name, admin.ProjectionStatus.READY, backup.position))

        # Read models: the same answers at known_at = the backup's position.
        in_backup = types.SimpleNamespace(
            persons=sorted({e.stream_id for _, e in events if e.event_type == "PersonRegistered"}),
            submissions=[(e.stream_id, None, None) for _, e in events
                         if e.event_type == "SubmissionReceived"])
        source_dump, *_ = dump_read_models(stubs, backup.position, [in_backup], SEED)
        restored_dump, *_ = dump_read_models(restored_stubs, backup.position, [in_backup], SEED)
        self.assertGreater(len(source_dump), 100)
        compare_dumps(source_dump, restored_dump, WORK)
        restored.stop()
        source.stop()
        self.assertEqual(incidents(source.log_path) + incidents(restored.log_path), [])
        print(f"BACKUP DRILL: backup at position {backup.position} ({backup.size_bytes} bytes) "
              f"in {backup_seconds:.2f} s while {CLIENTS} clients recorded ({acked_during} "
              f"commands acknowledged during the call, source head {source_head} at the end); "
              f"{len(acked_before)} commands acknowledged before the call all in the restore; "
              f"restored log = source prefix ({head} events), VerifyLog ok with the backup's "
              f"root; {len(source_dump)} read-model answers equal; "
              f"{time.monotonic() - began:.0f} s", flush=True)


if __name__ == "__main__":
    print(f"disk full and backup drill: work dir {WORK}, seed {SEED}", flush=True)
    program = unittest.main(argv=[sys.argv[0], "-v"], exit=False)
    ok = program.result.wasSuccessful()
    if ok and not KEEP:
        shutil.rmtree(WORK, ignore_errors=True)
    else:
        print(f"work directory kept: {WORK}", flush=True)
    sys.exit(0 if ok else 1)
