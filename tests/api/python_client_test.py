"""An independent client: Python's grpcio (Debian python3-grpcio) talking to
a real kumppanid process, with stubs generated from the project's proto files
(Debian python3-grpc-tools) at test time.

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

import grpc  # noqa: E402
from kumppani.v1 import envelope_pb2, ledger_service_pb2 as ls, ledger_service_pb2_grpc  # noqa: E402


class KumppanidFromPython(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.log = open(os.path.join(WORK, "kumppanid.log"), "w+")
        cls.server = subprocess.Popen(
            [KUMPPANID, "--data-dir", os.path.join(WORK, "data"), "--listen", "127.0.0.1:0"],
            stdout=cls.log, stderr=subprocess.STDOUT)
        port = None
        for _ in range(200):
            cls.log.seek(0)
            match = re.search(r"listening on 127\.0\.0\.1:(\d+)", cls.log.read())
            if match:
                port = match.group(1)
                break
            time.sleep(0.05)
        if port is None:
            cls.server.kill()
            raise RuntimeError("kumppanid did not report its port")
        cls.channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        cls.ledger = ledger_service_pb2_grpc.LedgerServiceStub(cls.channel)

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


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
