"""An independent client: Python's grpcio (Debian python3-grpcio) talking to
a real kumppanid process, with stubs generated from the project's proto files
(Debian python3-grpc-tools) at test time. It records a domain command, and
verifies a signed checkpoint and an inclusion proof with its own code written
from docs/verification.md (Ed25519 from Debian python3-cryptography), trusting
only the verifier key kumppanid logged at start.

Usage (ctest runs it): /usr/bin/python3 python_client_test.py KUMPPANID PROTO_DIR
Exits non-zero on the first failed check.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

KUMPPANID, PROTO_DIR = sys.argv[1], sys.argv[2]
WORK = tempfile.mkdtemp(prefix="kumppani-python-")
STUBS = os.path.join(WORK, "stubs")
os.makedirs(STUBS)

from grpc_tools import protoc  # noqa: E402

protos = [os.path.join(PROTO_DIR, "kumppani", "v1", name)
          for name in sorted(os.listdir(os.path.join(PROTO_DIR, "kumppani", "v1")))
          if name.endswith(".proto")]
include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
if protoc.main(["protoc", f"-I{PROTO_DIR}", f"-I{include}", f"--python_out={STUBS}",
                f"--grpc_python_out={STUBS}"] + protos) != 0:
    sys.exit("protoc failed")
sys.path.insert(0, STUBS)

import base64  # noqa: E402
import hashlib  # noqa: E402

import grpc  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey  # noqa: E402
from kumppani.v1 import envelope_pb2, ledger_service_pb2 as ls, ledger_service_pb2_grpc  # noqa: E402
from kumppani.v1 import command_service_pb2 as cs, command_service_pb2_grpc  # noqa: E402
from kumppani.v1 import commands_pb2, domain_pb2  # noqa: E402


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(leaf_index, tree_size, leaf_hash, path, root):
    """RFC 9162 section 2.1.3.2, as docs/verification.md section 4 gives it."""
    if leaf_index >= tree_size:
        return False
    fn, sn, r = leaf_index, tree_size - 1, leaf_hash
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_checkpoint(note, verifier_key):
    """docs/verification.md section 6: returns (tree size, root) or raises."""
    name, key_id_hex, key = verifier_key.split("+", 2)
    key = base64.b64decode(key)
    assert key[0] == 1 and len(key) == 33, "not an Ed25519 verifier key"
    text, signatures = note.split("\n\n", 1)
    text += "\n"
    for line in signatures.splitlines():
        prefix = "\u2014 " + name + " "
        if not line.startswith(prefix):
            continue
        blob = base64.b64decode(line[len(prefix):])
        if blob[:4].hex() != key_id_hex:
            continue
        Ed25519PublicKey.from_public_bytes(key[1:]).verify(blob[4:], text.encode())
        origin, size, root, timestamp = text.splitlines()
        assert origin == name and timestamp.startswith("timestamp ")
        return int(size), base64.b64decode(root)
    raise AssertionError("no signature by the trusted key")


class KumppanidFromPython(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.log = open(os.path.join(WORK, "kumppanid.log"), "w+")
        cls.server = subprocess.Popen(
            [KUMPPANID, "--data-dir", os.path.join(WORK, "data"), "--listen", "127.0.0.1:0",
             "--checkpoint-interval-seconds", "1"],
            stdout=cls.log, stderr=subprocess.STDOUT)
        port = None
        for _ in range(200):
            cls.log.seek(0)
            log = cls.log.read()
            match = re.search(r"listening on 127\.0\.0\.1:(\d+)", log)
            if match:
                port = match.group(1)
                # What the operator publishes; the client trusts only this.
                cls.verifier_key = re.search(r"verifier key (\S+)\)", log).group(1)
                break
            time.sleep(0.05)
        if port is None:
            cls.server.kill()
            raise RuntimeError("kumppanid did not report its port")
        cls.channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        cls.ledger = ledger_service_pb2_grpc.LedgerServiceStub(cls.channel)
        cls.commands = command_service_pb2_grpc.CommandServiceStub(cls.channel)

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        cls.server.send_signal(signal.SIGTERM)
        exit_code = cls.server.wait(timeout=30)
        cls.log.close()
        shutil.rmtree(WORK, ignore_errors=True)
        assert exit_code == 0, f"kumppanid exited {exit_code} on SIGTERM"

    def append(self, stream, payloads, event_ids, **expected):
        events = [envelope_pb2.EventEnvelope(event_type="PythonNote", payload=p, event_id=i)
                  for p, i in zip(payloads, event_ids)]
        return self.ledger.AppendEvents(ls.AppendEventsRequest(stream_id=stream, events=events,
                                                               **expected))

    def test_1_health_check_answers_serving(self):
        check = self.channel.unary_unary("/grpc.health.v1.Health/Check",
                                         request_serializer=lambda _: b"",
                                         response_deserializer=lambda b: b)
        self.assertEqual(check(None, timeout=5), b"\x08\x01")  # status: SERVING

    def test_2_append_read_and_idempotent_retry(self):
        ids = [bytes([i]) * 16 for i in (1, 2)]
        first = self.append("note-python", [b"a", b"b"], ids, no_stream={})
        self.assertEqual((first.first_position, first.last_position, first.stream_version),
                         (1, 2, 2))
        self.assertFalse(first.replayed)
        retry = self.append("note-python", [b"a", b"b"], ids, no_stream={})
        self.assertEqual((retry.first_position, retry.last_position), (1, 2))
        self.assertTrue(retry.replayed)
        read = self.ledger.ReadStream(ls.ReadStreamRequest(stream_id="note-python"))
        self.assertEqual([e.payload for e in read.events], [b"a", b"b"])
        self.assertEqual(read.events[0].metadata.actor, "local")

    def test_3_version_conflict_is_aborted_and_names_the_versions(self):
        with self.assertRaises(grpc.RpcError) as caught:
            self.append("note-python", [b"c"], [bytes([3]) * 16], exact=1)
        self.assertEqual(caught.exception.code(), grpc.StatusCode.ABORTED)
        self.assertIn("expected version 1", caught.exception.details())
        self.assertIn("actual version 2", caught.exception.details())

    def test_4_subscription_catches_up_in_order(self):
        stream = self.ledger.Subscribe(ls.SubscribeRequest(after_position=0), timeout=10)
        positions = []
        for message in stream:
            if message.HasField("event"):
                positions.append(message.event.position)
            if len(positions) == 2:
                stream.cancel()
                break
        self.assertEqual(positions, [1, 2])

    def test_5_domain_command_and_its_retry(self):
        request = cs.RegisterOrganisationRequest(
            request_id="python-1",
            command=commands_pb2.RegisterOrganisation(
                organisation_id="org-python-yhdistys",
                kind=domain_pb2.ORGANISATION_KIND_ASSOCIATION,
                name=domain_pb2.LocalizedText(fi="Python-yhdistys",
                                              authoritative=domain_pb2.LANGUAGE_FI)))
        first = self.commands.RegisterOrganisation(request)
        self.assertEqual((first.stream_id, first.first_position, first.stream_version),
                         ("org-python-yhdistys", 3, 1))
        self.assertEqual(list(first.event_types), ["OrganisationRegistered"])
        retry = self.commands.RegisterOrganisation(request)
        self.assertTrue(retry.replayed)
        self.assertEqual(retry.first_position, 3)
        request.command.organisation_id = "Not An Id"
        request.request_id = "python-2"
        with self.assertRaises(grpc.RpcError) as caught:
            self.commands.RegisterOrganisation(request)
        self.assertEqual(caught.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("organisation_id", caught.exception.details())

    def test_6_checkpoint_and_inclusion_proof_verify_independently(self):
        checkpoint = None
        for _ in range(100):  # checkpoints are signed every second
            try:
                checkpoint = self.ledger.GetLatestCheckpoint(ls.GetLatestCheckpointRequest())
                if checkpoint.tree_size >= 3:
                    break
            except grpc.RpcError as error:  # NOT_FOUND until the first one
                self.assertEqual(error.code(), grpc.StatusCode.NOT_FOUND)
            time.sleep(0.1)
        size, root = verify_checkpoint(checkpoint.note, self.verifier_key)
        self.assertEqual(size, 3)
        proven = self.ledger.GetEvent(ls.GetEventRequest(position=3, tree_size=size))
        leaf = hashlib.sha256(b"\x00" + proven.event_bytes).digest()
        self.assertTrue(verify_inclusion(2, size, leaf, list(proven.inclusion_proof), root))
        event = envelope_pb2.EventEnvelope.FromString(proven.event_bytes)
        self.assertEqual((event.stream_id, event.event_type),
                         ("org-python-yhdistys", "OrganisationRegistered"))
        tampered = bytearray(proven.event_bytes)
        tampered[-1] ^= 1
        leaf = hashlib.sha256(b"\x00" + bytes(tampered)).digest()
        self.assertFalse(verify_inclusion(2, size, leaf, list(proven.inclusion_proof), root))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
