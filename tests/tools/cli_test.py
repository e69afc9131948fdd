"""End to end: the real kumppani client against a real kumppanid.

Covers import (idempotent re-runs, bad files), record, tail (filters, saved
positions, resuming across a server restart), proof and verify (local
verification; a log altered on disk and a server presenting another history
are both caught with exit 3), the admin subcommands, and the exit codes.

Usage (ctest runs it): python3 cli_test.py KUMPPANI KUMPPANID TAMPER_TOOL
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kumppani_harness import DEMO_SCENARIO, Kumppanid, run_kumppani  # noqa: E402

KUMPPANI, KUMPPANID, TAMPER = sys.argv[1:4]
WORK = tempfile.mkdtemp(prefix="kumppani-cli-")
DEMO_EVENTS = 127


def kumppani(server, *args, **kwargs):
    return run_kumppani(KUMPPANI, server, list(args), **kwargs)


def wait_for_checkpoint(server, size, trust_file):
    """Polls until the server's latest signed checkpoint has `size` events."""
    for _ in range(150):
        result = kumppani(server, "-o", "json", "verify", "--quick", "--trust-file", trust_file)
        if result.returncode == 0 and json.loads(result.stdout)["tree_size"] == size:
            return
        time.sleep(0.2)
    raise AssertionError(f"no checkpoint of size {size}: {result.stderr}")


class ImportAndRecordTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Kumppanid(KUMPPANID, WORK, name="import")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def head(self):
        result = kumppani(self.server, "-o", "json", "tail", "--from-head", "--until-caught-up")
        self.assertEqual(result.returncode, 0, result.stderr)
        last = kumppani(self.server, "-o", "json", "tail", "--until-caught-up")
        lines = last.stdout.splitlines()
        return int(json.loads(lines[-1])["envelope"]["position"]) if lines else 0

    def test_1_import_twice_appends_nothing_the_second_time(self):
        first = kumppani(self.server, "-o", "json", "import", DEMO_SCENARIO)
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertEqual(json.loads(first.stdout)["appended"], DEMO_EVENTS)
        self.assertEqual(json.loads(first.stdout)["last_position"], DEMO_EVENTS)
        second = kumppani(self.server, "-o", "json", "import", DEMO_SCENARIO)
        self.assertEqual(second.returncode, 0, second.stderr)
        summary = json.loads(second.stdout)
        self.assertEqual((summary["appended"], summary["replayed"], summary["events"]),
                         (0, DEMO_EVENTS, 0))
        self.assertEqual(self.head(), DEMO_EVENTS)

    def test_2_interrupted_import_resumes_without_duplicates(self):
        # Commands without request ids get derived ones: a partial run, then
        # the full file, records every command exactly once.
        lines = [json.dumps({"register_organisation": {
            "organisation_id": f"org-resume-{i}", "kind": "ORGANISATION_KIND_ASSOCIATION",
            "name": {"fi": f"Yhdistys {i}", "authoritative": "LANGUAGE_FI"}}})
            for i in range(6)]
        partial = os.path.join(WORK, "partial.ndjson")
        full = os.path.join(WORK, "full.ndjson")
        with open(partial, "w") as f:
            f.write("\n".join(lines[:3]) + "\n")
        with open(full, "w") as f:
            f.write("\n".join(lines) + "\n")
        before = self.head()
        self.assertEqual(kumppani(self.server, "import", partial).returncode, 0)
        result = kumppani(self.server, "-o", "json", "import", full)
        self.assertEqual(result.returncode, 0, result.stderr)
        summary = json.loads(result.stdout)
        self.assertEqual((summary["appended"], summary["replayed"]), (3, 3))
        self.assertEqual(self.head(), before + 6)

    def test_3_bad_file_is_exit_1_naming_the_line_and_sends_nothing(self):
        bad = os.path.join(WORK, "bad.ndjson")
        with open(bad, "w") as f:
            f.write('{"register_organisation": {"organisation_id": "org-never"}}\n'
                    '# a comment\n\n{"no_such_command": {}}\n')
        before = self.head()
        result = kumppani(self.server, "import", bad)
        self.assertEqual(result.returncode, 1)
        self.assertIn("bad.ndjson:4: not a kumppani.v1.Command", result.stderr)
        self.assertEqual(self.head(), before)
        missing = kumppani(self.server, "import", os.path.join(WORK, "missing.ndjson"))
        self.assertEqual(missing.returncode, 1)
        self.assertIn("cannot be opened", missing.stderr)

    def test_4_json_array_files_import_too(self):
        array = os.path.join(WORK, "array.json")
        with open(array, "w") as f:
            json.dump([{"request_id": "array-1", "register_organisation": {
                "organisation_id": "org-array-one", "kind": "ORGANISATION_KIND_ASSOCIATION",
                "name": {"fi": "Taulukko [yksi]", "authoritative": "LANGUAGE_FI"}}}], f, indent=2)
        result = kumppani(self.server, "-o", "json", "import", array)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["appended"], 1)

    def test_5_a_rejected_command_stops_the_import_with_exit_2(self):
        bad = os.path.join(WORK, "rejected.ndjson")
        with open(bad, "w") as f:
            f.write(json.dumps({"request_id": "rejected-1", "rename_organisation": {
                "organisation_id": "org-does-not-exist", "name": {
                    "fi": "Uusi", "authoritative": "LANGUAGE_FI"},
                "effective_on": {"year": 2024, "month": 1, "day": 1}}}) + "\n")
        result = kumppani(self.server, "import", bad)
        self.assertEqual(result.returncode, 2)
        self.assertIn("rejected.ndjson:1", result.stderr)
        self.assertIn("NOT_FOUND", result.stderr)

    def test_6_record_from_a_file_and_retry_with_the_same_request_id(self):
        command = os.path.join(WORK, "command.json")
        with open(command, "w") as f:
            json.dump({"register_organisation": {
                "organisation_id": "org-recorded", "kind": "ORGANISATION_KIND_ASSOCIATION",
                "name": {"fi": "Kirjattu ry", "authoritative": "LANGUAGE_FI"}}}, f)
        first = kumppani(self.server, "-o", "json", "record", "--file", command,
                         "--request-id", "record-test-1")
        self.assertEqual(first.returncode, 0, first.stderr)
        answer = json.loads(first.stdout)
        self.assertEqual(answer["stream_id"], "org-recorded")
        self.assertEqual(answer["event_types"], ["OrganisationRegistered"])
        again = kumppani(self.server, "-o", "json", "record", "--file", command,
                         "--request-id", "record-test-1")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertTrue(json.loads(again.stdout)["replayed"])
        self.assertEqual(json.loads(again.stdout)["first_position"], answer["first_position"])
        # The same id now taken by the same command under another id:
        # the domain refuses a second registration.
        other = kumppani(self.server, "record", "--file", command, "--request-id", "record-test-2")
        self.assertEqual(other.returncode, 2)
        self.assertIn("ALREADY_EXISTS", other.stderr)

    def test_6b_record_from_flags(self):
        before = self.head()
        bad_day = kumppani(self.server, "record", "register-organisation", "--organisation-id",
                           "org-flags", "--kind", "association", "--name-fi", "Liput ry",
                           "--founded-on", "2020-02-30")
        self.assertEqual(bad_day.returncode, 1)
        self.assertIn("--founded-on", bad_day.stderr)
        self.assertEqual(self.head(), before)
        both = kumppani(self.server, "record", "--file", DEMO_SCENARIO, "register-organisation",
                        "--organisation-id", "org-flags")
        self.assertEqual(both.returncode, 1)
        self.assertIn("--file: not with a command's flags", both.stderr)
        result = kumppani(self.server, "-o", "json", "record", "--request-id", "flags-1",
                          "register-organisation", "--organisation-id", "org-flags", "--kind",
                          "association", "--name-fi", "Liput ry", "--founded-on", "2020-02-29")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["stream_id"], "org-flags")
        self.assertEqual(self.head(), before + 1)
        refused = kumppani(self.server, "record", "register-organisation", "--organisation-id",
                           "org-flags-2", "--name-fi", "Ei lajia")
        self.assertEqual(refused.returncode, 2)
        self.assertIn("INVALID_ARGUMENT: register_organisation.kind", refused.stderr)

    def test_7_usage_errors_are_exit_1(self):
        self.assertEqual(kumppani(self.server, "no-such-subcommand").returncode, 1)
        self.assertEqual(kumppani(self.server, "proof", "zero").returncode, 1)
        self.assertEqual(kumppani(self.server, "-o", "yaml", "verify").returncode, 1)
        self.assertEqual(kumppani(self.server, "--help").returncode, 0)

    def test_8_unreachable_server_is_exit_2(self):
        result = run_kumppani(KUMPPANI, "127.0.0.1:1", ["--timeout", "2", "projection-status"])
        self.assertEqual(result.returncode, 2)
        self.assertIn("UNAVAILABLE", result.stderr)


class TailTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Kumppanid(KUMPPANID, WORK, name="tail")
        assert kumppani(cls.server, "import", DEMO_SCENARIO).returncode == 0

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_catch_up_filters_and_saved_position(self):
        everything = kumppani(self.server, "tail", "--until-caught-up")
        self.assertEqual(everything.returncode, 0, everything.stderr)
        lines = everything.stdout.splitlines()
        self.assertEqual(len(lines), DEMO_EVENTS)
        self.assertTrue(lines[0].startswith("1  "))
        decisions = kumppani(self.server, "-o", "json", "tail", "--until-caught-up",
                             "--type", "DecisionRecorded")
        events = [json.loads(line) for line in decisions.stdout.splitlines()]
        self.assertEqual(sorted(e["envelope"]["stream_id"] for e in events),
                         ["decision-ks-kp-jatko-2019-03-22",
                          "decision-ph-ah-jarjestoneuvottelukunta-2022-08",
                          "decision-ph-av-strategia-2022-06"])
        self.assertTrue(any("considered_inputs" in e["event"] for e in events))
        state = os.path.join(WORK, "tail.position")
        first = kumppani(self.server, "tail", "--count", "10", "--state-file", state)
        self.assertEqual(len(first.stdout.splitlines()), 10)
        with open(state) as f:
            self.assertEqual(f.read().strip(), "10")
        rest = kumppani(self.server, "tail", "--until-caught-up", "--state-file", state)
        self.assertEqual(rest.stdout.splitlines()[0].split()[0], "11")
        self.assertEqual(len(rest.stdout.splitlines()), DEMO_EVENTS - 10)

    def test_resumes_after_the_server_restarts(self):
        tail = subprocess.Popen(
            [KUMPPANI, "--server", self.server.address, "tail", "--after", str(DEMO_EVENTS),
             "--count", "2", "--stream-prefix", "org-after-restart"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1)
        self.server.restart()
        for i in range(2):
            command = os.path.join(WORK, f"restart-{i}.json")
            with open(command, "w") as f:
                json.dump({"request_id": f"restart-{i}", "register_organisation": {
                    "organisation_id": f"org-after-restart-{i}",
                    "kind": "ORGANISATION_KIND_ASSOCIATION",
                    "name": {"fi": f"Uudelleen {i}", "authoritative": "LANGUAGE_FI"}}}, f)
            self.assertEqual(kumppani(self.server, "record", "-f", command).returncode, 0)
        out, err = tail.communicate(timeout=60)
        self.assertEqual(tail.returncode, 0, err)
        self.assertEqual([line.split()[2] for line in out.splitlines()],
                         ["org-after-restart-0@1", "org-after-restart-1@1"])
        self.assertIn("connection lost", err)


class VerifyTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(dir=WORK)
        self.server = Kumppanid(KUMPPANID, self.dir, name="log",
                                extra_args=["--checkpoint-interval-seconds", "1"])
        self.trust = os.path.join(self.dir, "trusted.checkpoint")
        self.assertEqual(kumppani(self.server, "import", DEMO_SCENARIO).returncode, 0)
        wait_for_checkpoint(self.server, DEMO_EVENTS, os.path.join(self.dir, "wait"))

    def tearDown(self):
        self.server.stop()

    def verify(self, *extra):
        return kumppani(self.server, "verify", "--trust-file", self.trust,
                        "--verifier-key", self.server.verifier_key, *extra)

    def test_clean_log_verifies_and_proofs_check(self):
        result = self.verify()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"{DEMO_EVENTS} events re-hashed, the root matches", result.stdout)
        again = self.verify()
        self.assertIn(f"consistent with the trusted checkpoint of {DEMO_EVENTS} events",
                      again.stdout)
        proof = kumppani(self.server, "proof", "42", "--trust-file", self.trust)
        self.assertEqual(proof.returncode, 0, proof.stderr)
        self.assertIn("is included in the signed checkpoint", proof.stdout)
        beyond = kumppani(self.server, "proof", "1000", "--trust-file", self.trust)
        self.assertEqual(beyond.returncode, 2)
        wrong_key = kumppani(self.server, "verify", "--trust-file", self.trust, "--verifier-key",
                             "kumppani.local/log+00000000+AQ" + "A" * 42 + "=")
        self.assertEqual(wrong_key.returncode, 3)
        self.assertIn("differs from the key trusted", wrong_key.stderr)

    def test_an_event_altered_on_disk_is_caught(self):
        self.assertEqual(self.verify().returncode, 0)
        events = kumppani(self.server, "-o", "json", "tail", "--until-caught-up")
        position = next(int(json.loads(line)["envelope"]["position"])
                        for line in events.stdout.splitlines() if "Kalliolan" in line)
        self.server.stop()
        tamper = subprocess.run([TAMPER, self.server.data_dir, str(position), "Kalliolan",
                                 "Kalliolam"], capture_output=True, text=True)
        self.assertEqual(tamper.returncode, 0, tamper.stderr)
        self.server.start()
        result = self.verify()
        self.assertEqual(result.returncode, 3, result.stdout + result.stderr)
        self.assertIn(f"position {position}: the event's content does not match", result.stderr)
        proof = kumppani(self.server, "proof", str(position), "--trust-file", self.trust)
        self.assertEqual(proof.returncode, 3)
        self.assertIn(f"position {position}: not included", proof.stderr)

    def test_a_server_presenting_another_history_is_caught(self):
        self.assertEqual(self.verify().returncode, 0)
        # Another log signed with the same key: one extra event first, then
        # the demo. Its checkpoint verifies, but it does not extend the log
        # the client trusted.
        key = os.path.join(self.server.data_dir, "checkpoint.key")
        forged = Kumppanid(KUMPPANID, self.dir, name="forged",
                           extra_args=["--checkpoint-key", key,
                                       "--checkpoint-interval-seconds", "1"])
        try:
            intruder = os.path.join(self.dir, "intruder.json")
            with open(intruder, "w") as f:
                json.dump({"request_id": "intruder", "register_organisation": {
                    "organisation_id": "org-intruder", "kind": "ORGANISATION_KIND_ASSOCIATION",
                    "name": {"fi": "Tunkeilija", "authoritative": "LANGUAGE_FI"}}}, f)
            self.assertEqual(kumppani(forged, "record", "-f", intruder).returncode, 0)
            self.assertEqual(kumppani(forged, "import", DEMO_SCENARIO).returncode, 0)
            wait_for_checkpoint(forged, DEMO_EVENTS + 1, os.path.join(self.dir, "wait-forged"))
            result = kumppani(forged, "verify", "--trust-file", self.trust)
            self.assertEqual(result.returncode, 3, result.stdout + result.stderr)
            self.assertIn(f"is not an extension of the trusted log of {DEMO_EVENTS} events",
                          result.stderr)
        finally:
            forged.stop()


class AdminTest(unittest.TestCase):
    def test_backup_status_rebuild_and_erase(self):
        server = Kumppanid(KUMPPANID, WORK, name="admin")
        try:
            self.assertEqual(kumppani(server, "import", DEMO_SCENARIO).returncode, 0)
            target = os.path.join(WORK, "backup-1")
            backup = kumppani(server, "-o", "json", "backup", target)
            self.assertEqual(backup.returncode, 0, backup.stderr)
            self.assertEqual(int(json.loads(backup.stdout)["position"]), DEMO_EVENTS)
            self.assertTrue(os.path.isdir(target))
            again = kumppani(server, "backup", target)
            self.assertEqual(again.returncode, 2)
            status = kumppani(server, "-o", "json", "projection-status")
            self.assertEqual(status.returncode, 0, status.stderr)
            projections = json.loads(status.stdout)
            self.assertGreaterEqual(len(projections), 11)
            self.assertTrue(all(int(p["position"]) == DEMO_EVENTS for p in projections))
            rebuild = kumppani(server, "rebuild-projections")
            self.assertEqual(rebuild.returncode, 0, rebuild.stderr)
            self.assertEqual(len(rebuild.stdout.splitlines()), len(projections))
            unknown = kumppani(server, "rebuild-projections", "--projection", "no-such")
            self.assertEqual(unknown.returncode, 2)
            persons = [json.loads(line)["register_person"]["person_id"]
                       for line in open(DEMO_SCENARIO) if '"register_person"' in line]
            erased = kumppani(server, "-o", "json", "erase-person", persons[0],
                              "--legal-basis", "GDPR art. 17 request 2026-1")
            self.assertEqual(erased.returncode, 0, erased.stderr)
            self.assertEqual(json.loads(erased.stdout)["stream_id"], persons[0])
        finally:
            server.stop()


if __name__ == "__main__":
    try:
        unittest.main(argv=[sys.argv[0], "-v"])
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
