"""The kill test through the API: a real kumppanid, concurrent clients
recording domain commands with idempotent retries, and SIGKILL at random
moments, again and again, on the same data directory and port.

Each client thread records a valid mix of commands on aggregates of its own
(organisations registered and renamed, persons, bodies with seats,
appointments, resignations and dissolutions, consultations and submissions),
some through the per-command RPCs, some through ExecuteCommand. Every command
carries a unique request_id; a call that fails with UNAVAILABLE,
DEADLINE_EXCEEDED (the server was killed) or another retryable code is sent
again, unchanged, until the restarted server answers. Meanwhile the main
thread SIGKILLs the server at a random moment under load, restarts it on the
same data directory and port, and after each restart re-sends some commands
acknowledged before the kill, which must come back `replayed` with their
first result. Some cycles kill differently: within 50 ms of the server
listening again, during an AdminService.RebuildProjections, or under load and
then once more while the restarted server is still recovering.

After the last cycle the test checks, from the outside:
  - every acknowledged command's events are in the log exactly once, at the
    positions, with the ids, stream and types its CommandResponse gave;
    re-sending every acknowledged command returns `replayed` and the same
    result;
  - positions are gap-free 1..head (ReadAll), stream versions dense, and the
    log holds no event of a command the clients never sent;
  - the Merkle root recomputed here (RFC 9162, docs/verification.md) from the
    canonical event bytes ReadAll served equals VerifyLog's root, the final
    signed checkpoint's root, and the root of every checkpoint collected
    during the cycles at its own tree size (signatures checked against the
    verifier key logged at the first start, which must never change); sample
    inclusion proofs from GetEvent verify;
  - the read models agree with what the clients recorded, and equal what
    AdminService.RebuildProjections makes of the log: a dump of registry,
    participation and audit answers at known_at = head, before and after the
    rebuild, must be identical.

The clients are kill_clients.py, the final checks kill_checks.py.

Usage (ctest runs it): /usr/bin/python3 kill_test.py KUMPPANID PROTO_DIR
Environment:
  KUMPPANI_KILL_CYCLES   kill cycles (default 20; the long mode is 200)
  KUMPPANI_KILL_CLIENTS  client threads (default 4)
  KUMPPANI_KILL_SEED     seed of the random choices (default: from the clock;
                         printed, so that a failing run's commands and kinds
                         of kill can be repeated; the timing still varies)
  KUMPPANI_KILL_KEEP     keep the work directory (data, server log) even on
                         success; it is always kept on failure
Exits non-zero on the first failed check, naming it.
"""
import concurrent.futures
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
KUMPPANID, PROTO_DIR = sys.argv[1], sys.argv[2]
CYCLES = int(os.environ.get("KUMPPANI_KILL_CYCLES", "20"))
CLIENTS = int(os.environ.get("KUMPPANI_KILL_CLIENTS", "4"))
SEED = int(os.environ.get("KUMPPANI_KILL_SEED", str(time.time_ns() % 1_000_000_007)))
KEEP = os.environ.get("KUMPPANI_KILL_KEEP", "") not in ("", "0")

WORK = tempfile.mkdtemp(prefix="kumppani-kill-")
STUBS = os.path.join(WORK, "stubs")
os.makedirs(STUBS)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
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
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import grpc  # noqa: E402
from kumppani.v1 import admin_service_pb2 as admin, admin_service_pb2_grpc  # noqa: E402
from kumppani.v1 import ledger_service_pb2 as ls  # noqa: E402

from kill_checks import (check_against_clients, check_log, check_merkle,  # noqa: E402
                         check_server_log, compare_dumps, dump_read_models, read_log,
                         rebuild_all)
from kill_clients import (RETRY_LIMIT, RETRYABLE, Client, Failure, Record,  # noqa: E402
                          Stubs, channel_to, fail, latest_checkpoint, resend)

SERVER_ARGS = ["--checkpoint-interval-seconds", "1", "--shutdown-grace-seconds", "5"]
SERVERS = []  # the server, for stopping it whatever happens


# ------------------------------------------------------------- the killing

def start_rebuild_in_background(address, record):
    """Starts RebuildProjections(all) so that a kill may hit it mid-way; an
    UNAVAILABLE or a broken stream is expected when it does."""
    def run():
        channel = channel_to(address)
        try:
            for _ in admin_service_pb2_grpc.AdminServiceStub(channel).RebuildProjections(
                    admin.RebuildProjectionsRequest(all=True), timeout=60):
                pass
        except grpc.RpcError as error:
            if error.code() not in RETRYABLE and \
                    error.code() != grpc.StatusCode.FAILED_PRECONDITION:
                with record.lock:
                    record.failures.append(f"background rebuild: {error.code().name}: "
                                           f"{error.details()}")
        finally:
            channel.close()
    threading.Thread(target=run, daemon=True).start()


def rebuilding(stubs):
    try:
        statuses = stubs.admin.GetProjectionStatus(admin.GetProjectionStatusRequest(),
                                                   timeout=5).projections
    except grpc.RpcError:
        return False
    return any(s.state == admin.ProjectionStatus.REBUILDING for s in statuses)


def kill_while_starting(server, port, delay):
    """Starts kumppanid as the harness does and SIGKILLs it after `delay`
    seconds, whether or not it is listening yet: a kill during recovery."""
    with open(server.log_path, "a") as log:
        process = subprocess.Popen(
            [server.binary, "--data-dir", server.data_dir, "--listen", f"127.0.0.1:{port}",
             "--log-level", "info"] + server.extra_args, stdout=log, stderr=subprocess.STDOUT)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def kill_cycles(server, record, stop, rng, checkpoints):
    """SIGKILLs and restarts the server CYCLES times. Returns timing figures."""
    port = int(server.address.rsplit(":", 1)[1])
    verifier_key = server.verifier_key
    stubs = Stubs(server.address)
    restarts = []
    kinds = {"under load": 0, "under load, then again while restarting": 0,
             "just after start": 0, "during a rebuild": 0, "… of which hit a running rebuild": 0}
    for cycle in range(1, CYCLES + 1):
        record.cycle = cycle
        kind = rng.choices(list(kinds)[:4], [55, 15, 15, 15])[0]
        if kind == "just after start":
            time.sleep(rng.uniform(0, 0.05))
        else:
            # Let the clients get going again, then a random moment.
            floor, waited = record.count() + 3 * CLIENTS, time.monotonic()
            while record.count() < floor and time.monotonic() - waited < 20 and \
                    not stop.is_set():
                time.sleep(0.01)
            if kind == "during a rebuild":
                # Kill as soon as the rebuild is seen running (small logs
                # rebuild in milliseconds, so not every try hits one).
                start_rebuild_in_background(server.address, record)
                watched = time.monotonic()
                while not rebuilding(stubs) and time.monotonic() - watched < 2:
                    time.sleep(0.002)
                if rebuilding(stubs):
                    kinds["… of which hit a running rebuild"] += 1
            else:
                time.sleep(rng.uniform(0.05, 2.0))
        if stop.is_set():
            break  # a client failed; main reports it
        # The latest signed checkpoint (signed each second while the log
        # grows): checked at the end against the log's root at its size.
        checkpoint = latest_checkpoint(stubs)
        if checkpoint is not None:
            checkpoints.append((cycle, checkpoint.tree_size, checkpoint.note))
        kinds[kind] += 1
        acked_before = record.count()
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=30)
        server.process = None
        began = time.monotonic()
        if kind == "under load, then again while restarting":
            kill_while_starting(server, port, rng.uniform(0, 0.8))
        try:
            server.start(port)
        except RuntimeError as error:
            with open(server.log_path, errors="replace") as log:
                tail = log.readlines()[-5:]
            fail(f"cycle {cycle}: kumppanid did not restart after SIGKILL ({error}); "
                 f"the log ends: {''.join(tail)}")
        restarts.append(time.monotonic() - began)
        if server.verifier_key != verifier_key:
            fail(f"cycle {cycle}: the verifier key changed from {verifier_key} "
                 f"to {server.verifier_key}")
        if checkpoint is not None:
            after = None
            for _ in range(50):
                after = latest_checkpoint(stubs)
                if after is not None:
                    break
                time.sleep(0.1)
            if after is None or after.tree_size < checkpoint.tree_size:
                fail(f"cycle {cycle}: the latest checkpoint was of size {checkpoint.tree_size} "
                     f"before the kill, {after.tree_size if after else 'none'} after it")
        # Some commands acknowledged before this kill, sent again: replayed.
        with record.lock:
            before = record.acked[:acked_before]
        for acked in before[-3:] + rng.sample(before, min(3, len(before))):
            resend(stubs, acked, f"cycle {cycle}")
        print(f"cycle {cycle:3}: killed {kind}, restarted in {restarts[-1]:.2f} s, "
              f"{acked_before} commands acknowledged so far", flush=True)
    stubs.channel.close()
    return restarts, kinds


# -------------------------------------------------------------------- main

def main():
    began = time.monotonic()
    print(f"kill test: {CYCLES} cycles, {CLIENTS} clients, seed {SEED}, work dir {WORK}",
          flush=True)
    rng = random.Random(SEED)
    server = Kumppanid(KUMPPANID, WORK, extra_args=SERVER_ARGS)
    verifier_key = server.verifier_key
    if verifier_key is None:
        fail("kumppanid logged no verifier key")
    SERVERS.append(server)
    record, stop, abandon = Record(), threading.Event(), threading.Event()
    clients = [Client(i, server.address, record, stop, abandon, rng.randrange(1 << 62), SEED)
               for i in range(CLIENTS)]
    for client in clients:
        client.start()
    checkpoints = []
    try:
        restarts, kinds = kill_cycles(server, record, stop, rng, checkpoints)
    except BaseException:
        abandon.set()  # the server may be gone: do not wait for answers
        raise
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=RETRY_LIMIT + 30)
    if record.failures:
        fail("; ".join(record.failures))
    load_seconds = time.monotonic() - began
    record.cycle = "final"
    print(f"clients stopped: {len(record.acked)} commands acknowledged "
          f"({record.replayed_on_retry} of them on a retry that came back replayed), "
          f"{record.retries} attempts retried", flush=True)

    stubs = Stubs(server.address)
    events, head = read_log(stubs)
    check_log(events, head, record)
    root, checkpoint_count = check_merkle(stubs, events, head, verifier_key, checkpoints, SEED)
    print(f"log: {head} events, positions 1..{head} gap-free, each acknowledged exactly once; "
          f"root {root.hex()[:16]}… = VerifyLog = {checkpoint_count} signed checkpoints",
          flush=True)

    # Every acknowledged command, sent again: replayed, first result, nothing appended.
    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        for _ in pool.map(lambda acked: resend(stubs, acked, "final re-send"), record.acked):
            pass
    if stubs.ledger.ReadAll(ls.ReadAllRequest(from_position=head + 1), timeout=10) \
            .head_position != head:
        fail("re-sending acknowledged commands appended events")

    live, orgs, bodies, consultations = dump_read_models(stubs, head, clients, SEED)
    check_against_clients(clients, orgs, bodies, consultations, live)
    rebuilt_result = rebuild_all(stubs)
    rebuilt, _, _, _ = dump_read_models(stubs, head, clients, SEED)
    compare_dumps(live, rebuilt, WORK)
    print(f"read models: {len(live)} answers at position {head} equal after rebuilding "
          f"{len(rebuilt_result.projections)} projections", flush=True)
    stubs.channel.close()
    server.stop()  # a clean shutdown after all the kills: exit code 0
    check_server_log(server.log_path)

    kills = CYCLES + kinds["under load, then again while restarting"]
    kinds_text = ", ".join(f"{n} {k}" for k, n in kinds.items())
    print(f"PASS: {CYCLES} kill cycles, {kills} SIGKILLs ({kinds_text}); {len(record.acked)} "
          f"commands acknowledged ({record.replayed_on_retry} only on a retry after a kill, "
          f"replayed), {head} events checked, {len(record.acked)} re-sends replayed; "
          f"restart {min(restarts):.2f}/{sorted(restarts)[len(restarts) // 2]:.2f}/"
          f"{max(restarts):.2f} s (min/median/max); {time.monotonic() - began:.0f} s in all "
          f"({load_seconds:.0f} s under kills)", flush=True)


def stop_server_if_running():
    """SIGTERM (leaving the data directory as a clean shutdown would), then
    SIGKILL if it does not stop."""
    for server in SERVERS:
        if server.process is not None and server.process.poll() is None:
            server.process.send_signal(signal.SIGTERM)
            try:
                server.process.wait(timeout=30)
            except Exception:  # noqa: BLE001
                server.process.kill()
                server.process.wait()


if __name__ == "__main__":
    ok = False
    try:
        main()
        ok = True
    except Failure as failure:
        print(f"FAIL: {failure}", flush=True)
    except Exception:  # noqa: BLE001
        import traceback
        traceback.print_exc()
    finally:
        stop_server_if_running()
        if ok and not KEEP:
            shutil.rmtree(WORK, ignore_errors=True)
        else:
            print(f"work directory kept: {WORK} (server log: {WORK}/kumppanid.log, "
                  f"data: {WORK}/kumppanid-data; seed {SEED})", flush=True)
    sys.exit(0 if ok else 1)
