"""End to end: kumppani's query subcommands (get, list, find, trail,
footprint, coverage, duties) and output formats against a real kumppanid
holding the demo scenario, with tokens of three roles.

Checks exact values of every query service, --as-of and --known-at (a
position and a time) changing the answer, text/JSON/CSV parsed, paging
with --limit, a private person's submission seen by an auditor but
redacted for a public token, and the exit codes: 2 with the gRPC code for
a server error, 1 naming the flag for a bad argument.

Usage (ctest runs it): python3 query_test.py KUMPPANI KUMPPANID
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kumppani_harness import DEMO_SCENARIO, Kumppanid, run_kumppani  # noqa: E402

KUMPPANI, KUMPPANID = sys.argv[1:3]
WORK = tempfile.mkdtemp(prefix="kumppani-query-")
TABLE = "body-ks-kumppanuuspoyta"
PH_DECISION = "decision-ph-ah-jarjestoneuvottelukunta-2022-08"
# In a ledger holding the demo alone: the partnership table's convener
# change is event 77, the Päijät-Häme decision 123 and its feedback 124.
CONVENER_CHANGE = 77
PH_DECISION_EVENT = 123
# Recorded after the demo by the test: a resident's comment.
PERSON_SUBMISSION = "submission-ph-malli-asukas"
PERSON = "person-ks-0003"
PERSON_TEXT = "Asukkaana toivon tiloja myös pienille ryhmille."


def add_token(tokens_file, role, name):
    result = subprocess.run([KUMPPANID, "token", "add", "--tokens-file", tokens_file, "--role",
                             role, "--name", name], capture_output=True, text=True, check=True)
    return result.stdout.strip().splitlines()[0]


class QueryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        tokens = os.path.join(WORK, "tokens")
        cls.tokens = {role: add_token(tokens, role, role + "-1")
                      for role in ("admin", "auditor", "public")}
        cls.server = Kumppanid(KUMPPANID, WORK, name="query",
                               extra_args=["--tokens-file", tokens])
        imported = cls.run_as("admin", "import", DEMO_SCENARIO)
        assert imported.returncode == 0, imported.stderr
        recorded = cls.run_as(
            "admin", "record", "receive-submission", "--request-id", "query-test-person-1",
            "--submission-id", PERSON_SUBMISSION,
            "--consultation-id", "consultation-ph-yhteistyomalli-2022-08",
            "--submitter-person-id", PERSON, "--channel", "email",
            "--received-at", "2022-08-20T10:00:00Z", "--language", "fi", "--text", PERSON_TEXT)
        assert recorded.returncode == 0, recorded.stderr
        cls.head = 128

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(WORK, ignore_errors=True)

    @classmethod
    def run_as(cls, role, *args):
        return run_kumppani(KUMPPANI, cls.server, ["--token", cls.tokens[role]] + list(args))

    def ok(self, *args, role="auditor"):
        result = self.run_as(role, *args)
        self.assertEqual(result.returncode, 0, f"{args}: {result.stderr}")
        return result

    def json(self, *args, role="auditor"):
        return json.loads(self.ok("-o", "json", *args, role=role).stdout)

    def csv(self, *args):
        return list(csv.DictReader(io.StringIO(self.ok("-o", "csv", *args).stdout, newline="")))

    @staticmethod
    def text_field(text, name):
        """The value of the first "name: value" line at any indentation."""
        for line in text.splitlines():
            if line.strip().startswith(name + ": "):
                return line.split(": ", 1)[1]
        return None

    # ------------------------------------------------------------ registry

    def test_get_body_as_of_the_convener_change(self):
        before = self.ok("get", "body", TABLE, "--as-of", "2019-03-21")
        self.assertEqual(self.text_field(before.stdout, "convener_organisation_id"), "org-ks2021")
        self.assertEqual(self.text_field(before.stdout, "as_of"), "2019-03-21")
        self.assertEqual(before.stderr, f"read at position {self.head}\n")
        after = self.ok("get", "body", TABLE, "--as-of", "2019-03-22")
        self.assertEqual(self.text_field(after.stdout, "convener_organisation_id"),
                         "org-keski-suomen-liitto")
        self.assertIn("name: Järjestöjen ja maakunnan kumppanuuspöytä\n"
                      "  en: Partnership table of NGOs and the region\n", after.stdout)

    def test_known_at_position_before_and_after_it_was_recorded(self):
        for position, convener in ((CONVENER_CHANGE - 1, "org-ks2021"),
                                   (CONVENER_CHANGE, "org-keski-suomen-liitto")):
            body = self.json("get", "body", TABLE, "--as-of", "2019-03-22",
                             "--known-at", str(position))
            self.assertEqual(body["body"]["convener_organisation_id"], convener)
            self.assertEqual(body["read_position"], str(position))

    def test_known_at_time(self):
        # Everything was recorded during this test run: nothing in 2000.
        past = self.run_as("auditor", "get", "body", TABLE, "--known-at", "2000-01-01T00:00:00Z")
        self.assertEqual(past.returncode, 2)
        self.assertEqual(past.stderr,
                         f'kumppani: NOT_FOUND: body_id: body "{TABLE}" does not exist\n')
        self.assertEqual(self.json("list", "bodies", "--known-at", "2000-01-01T00:00:00+02:00"), {})
        now = self.json("get", "body", TABLE, "--known-at", "2999-01-01T00:00:00Z")
        self.assertEqual(now["read_position"], str(self.head))

    def test_list_organisations_json_csv_text(self):
        counties = self.json("list", "organisations", "--kind", "wellbeing_services_county")
        self.assertEqual([o["organisation_id"] for o in counties["organisations"]],
                         ["org-ita-uusimaa-hva", "org-keski-suomen-hva", "org-keski-uusimaa-hva",
                          "org-lansi-uusimaa-hva", "org-paijat-hame-hva",
                          "org-vantaa-kerava-hva"])
        self.assertEqual(counties["read_position"], str(self.head))
        self.assertNotIn("next_page_token", counties)

        rows = self.csv("list", "organisations", "--as-of", "2019-03-22")
        self.assertEqual(len(rows), 19)
        ks2021 = next(r for r in rows if r["organisation_id"] == "org-ks2021")
        self.assertEqual(ks2021["name.fi"], "Keski-Suomi 2021 -projekti")
        self.assertEqual(ks2021["kind"], "PREPARATION_PROJECT")
        self.assertEqual(ks2021["status"], "ACTIVE")  # dissolved only on 30.6.2019
        self.assertEqual(ks2021["as_of"], "2019-03-22")

        text = self.ok("list", "organisations", "--kind", "association")
        self.assertEqual(text.stdout,
                         "organisation_id           kind         status  name\n"
                         "org-kyt                   ASSOCIATION  ACTIVE  Keski-Suomen Yhteisöjen Tuki ry\n"
                         "org-ph-esimerkkiyhdistys  ASSOCIATION  ACTIVE  "
                         "Päijät-Hämeen Esimerkkiyhdistys ry\n")
        self.assertEqual(text.stderr, f"2 items, read at position {self.head}\n")

    def test_list_follows_pages_and_limit_stops(self):
        every = self.json("list", "organisations", "--page-size", "2")
        self.assertEqual(len(every["organisations"]), 19)
        limited = self.json("list", "organisations", "--page-size", "2", "--limit", "3")
        self.assertEqual([o["organisation_id"] for o in limited["organisations"]],
                         [o["organisation_id"] for o in every["organisations"][:3]])
        token = limited["next_page_token"]
        rest = self.json("list", "organisations", "--page-token", token)
        self.assertEqual([o["organisation_id"] for o in rest["organisations"]],
                         [o["organisation_id"] for o in every["organisations"][3:]])
        text = self.ok("list", "organisations", "--limit", "1")
        self.assertEqual(len(text.stdout.splitlines()), 2)
        self.assertIn("1 item, read at position", text.stderr)
        self.assertIn("more after --limit 1: continue with --page-token ", text.stderr)

    def test_memberships_roster_find_lineage_person(self):
        memberships = self.csv("list", "memberships", "--organisation-id", "org-kyt")
        self.assertEqual([(m["body_id"], m["person_id"], m["term.start"]) for m in memberships],
                         [("body-ks-jarjestoareena", "person-ks-0002", "2019-01-01"),
                          ("body-ks-kumppanuuspoyta", "person-ks-0001", "2019-02-01")])
        roster = self.json("get", "roster", TABLE, "--as-of", "2019-03-22")["roster"]
        self.assertEqual(roster["convener_organisation_id"], "org-keski-suomen-liitto")
        self.assertEqual([s["holders"][0]["person_id"] for s in roster["seats"]],
                         ["person-ks-0001", "person-ks-0003"])
        found = self.ok("find", "organisations", "212.345")
        self.assertTrue(found.stdout.splitlines()[1].startswith("org-ph-esimerkkiyhdistys  "))
        lineage = self.ok("get", "organisation-lineage", "org-keski-suomen-hva").stdout
        self.assertIn("predecessors:\n  - from_organisation_id: org-ks2021\n"
                      "    to_organisation_id: org-keski-suomen-hva\n"
                      "    relation: SUCCEEDED\n    effective_on: 2023-01-01\n", lineage)
        calls = self.csv("list", "calls", "body-u19-kehittajaryhma")
        self.assertEqual([(c["call_id"], c["applications_received"]) for c in calls],
                         [("call-u19-kehittajaryhma", "97")])
        meetings = self.csv("list", "meetings", "--from", "2019-03-01", "--to", "2019-12-31")
        self.assertEqual([m["meeting_id"] for m in meetings],
                         ["meeting-ks-kumppanuuspoyta-2019-03-22",
                          "meeting-ks2021-loppuseminaari-2019-05-29"])

    # ------------------------------------------------------- participation

    def test_decision_known_at_feedback(self):
        def feedback(position):
            decision = self.json("get", "decision", PH_DECISION, "--known-at", str(position))
            inputs = {i["input_id"]: i for i in decision["decision"]["considered_inputs"]}
            return inputs["submission-ph-kysely-esimerkkiyhdistys"].get("feedback", [])

        self.assertEqual(feedback(PH_DECISION_EVENT), [])
        self.assertEqual(feedback(PH_DECISION_EVENT + 1),
                         [{"channel": "CHANNEL_EMAIL",
                           "sent_on": {"year": 2022, "month": 8, "day": 15}}])

    def test_list_decisions_and_consultations(self):
        decisions = self.csv("list", "decisions", "--decided-from", "2022-01-01")
        self.assertEqual([(d["decision_id"], d["decided_on"], d["section"]) for d in decisions],
                         [("decision-ph-av-strategia-2022-06", "2022-06-20", ""),
                          (PH_DECISION, "2022-08-08", "§ 150")])
        open_ones = self.csv("list", "consultations", "--status", "open", "--columns",
                             "consultation_id,deadline,channels")
        self.assertEqual(open_ones, [
            {"consultation_id": "consultation-ph-palvelustrategia-2022",
             "deadline": "2022-09-30", "channels": "EMAIL"},
            {"consultation_id": "consultation-ph-yhteistyomalli-2022-08",
             "deadline": "2022-08-31", "channels": "EMAIL;SURVEY"}])

    def test_private_persons_submission_public_and_auditor(self):
        auditor = self.json("get", "submission", PERSON_SUBMISSION, role="auditor")
        self.assertEqual(auditor["submission"]["summary"]["submitter_person_id"], PERSON)
        self.assertEqual(auditor["submission"]["text"], PERSON_TEXT)
        self.assertNotIn("personal_data_redacted", auditor)

        public = self.run_as("public", "-o", "json", "get", "submission", PERSON_SUBMISSION)
        self.assertEqual(public.returncode, 0, public.stderr)
        self.assertNotIn(PERSON, public.stdout)
        self.assertNotIn("Asukkaana", public.stdout)
        answer = json.loads(public.stdout)
        self.assertTrue(answer["personal_data_redacted"])
        self.assertEqual(answer["submission"]["summary"]["received_on"],
                         {"year": 2022, "month": 8, "day": 20})

        text = self.run_as("public", "get", "consultation",
                           "consultation-ph-yhteistyomalli-2022-08")
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertNotIn(PERSON, text.stdout)
        self.assertIn("submission_id: " + PERSON_SUBMISSION, text.stdout)
        self.assertIn("personal data redacted", text.stderr)
        self.assertIn("submitter_person_id: " + PERSON,
                      self.ok("get", "consultation", "consultation-ph-yhteistyomalli-2022-08")
                      .stdout)

    # -------------------------------------------------------------- grants

    def test_grants(self):
        grant = self.ok("get", "grant", "grant-stm-valmistelu-hus").stdout
        self.assertIn("stage: PAID\n", grant)
        self.assertIn("decision:\n  outcome: AWARDED\n  decided_on: 2021-09-15\n"
                      "  awarded_cents: 200000000\n  usage_period: 2021-09-15/2022-12-31\n", grant)
        grants = self.csv("list", "grants", "--recipient", "org-hus")
        self.assertEqual([(g["grant_id"], g["amounts.paid_cents"]) for g in grants],
                         [("grant-stm-valmistelu-hus", "100000000")])
        totals = self.ok("get", "grant-totals", "--group-by", "organisation")
        lines = totals.stdout.splitlines()
        self.assertEqual(len(lines), 8)  # header, six recipients, total
        self.assertEqual(lines[-1].split(),
                         ["total", "6", "6", "0", "1110000000", "1110000000", "555000000", "0",
                          "0", "555000000"])
        programmes = self.json("list", "grant-programmes")
        self.assertEqual([p["programme_id"] for p in programmes["programmes"]],
                         ["programme-stm-alueellinen-valmistelu"])

    # --------------------------------------------------------------- audit

    def test_trail_footprint_coverage_duties(self):
        trail = self.json("trail", PH_DECISION)["trail"]
        self.assertEqual(len(trail["inputs"]), 5)
        self.assertEqual(trail["decision"]["section"], "§ 150")

        footprint = self.json("footprint", "org-kyt")["footprint"]
        self.assertEqual([s["submission"]["submission_id"] for s in footprint["statements"]],
                         ["submission-ks-js-v3-kyt"])

        coverage = self.ok("coverage", "--region", "org-paijat-hame-hva", "--from", "2022-01-01",
                           "--to", "2022-12-31").stdout
        self.assertEqual(self.text_field(coverage, "decisions"), "2")
        self.assertEqual(self.text_field(coverage, "decisions_preceded_by_consultation"), "2")
        self.assertEqual(self.text_field(coverage, "inputs_with_feedback"), "1")

        duties = self.json("duties", "--region", "org-paijat-hame-hva")
        self.assertEqual(len(duties["uninformed_inputs"]), 5)
        self.assertNotIn("unassessed_submissions", duties)
        before_feedback = self.json("duties", "--region", "org-paijat-hame-hva",
                                    "--as-of", "2022-08-14")
        self.assertEqual(len(before_feedback["uninformed_inputs"]), 6)
        text = self.ok("duties", "--region", "org-paijat-hame-hva").stdout
        self.assertTrue(text.startswith("unassessed_submissions (0):\n\nuninformed_inputs (5):\n"
                                        "decision_id "))
        rows = self.csv("duties", "--only", "uninformed_inputs")
        self.assertEqual(rows[0]["decision_id"], "decision-ph-av-strategia-2022-06")
        self.assertEqual(rows[0]["assessment.assessment"], "ADOPTED")

    # --------------------------------------------------------------- errors

    def test_server_errors_exit_2_with_the_code(self):
        missing = self.run_as("auditor", "get", "decision", "decision-nope")
        self.assertEqual(missing.returncode, 2)
        self.assertEqual(missing.stdout, "")
        self.assertEqual(missing.stderr,
                         'kumppani: NOT_FOUND: decision_id: decision "decision-nope" does not '
                         "exist\n")
        none = self.run_as("auditor", "find", "organisations", "999.999")
        self.assertEqual(none.returncode, 2)
        self.assertTrue(none.stderr.startswith("kumppani: NOT_FOUND: "), none.stderr)
        beyond = self.run_as("auditor", "get", "person", "person-ks-0001", "--known-at", "9999")
        self.assertEqual(beyond.returncode, 2)
        self.assertIn("INVALID_ARGUMENT: known_at: position 9999 is beyond the log head",
                      beyond.stderr)

    def test_bad_arguments_exit_1_naming_the_flag(self):
        cases = [
            (["get", "body", TABLE, "--as-of", "22.3.2019"],
             'kumppani: --as-of: must be YYYY-MM-DD, got "22.3.2019"\n'),
            (["list", "meetings", "--from", "2019-02-30"],
             'kumppani: --from: must be a real day in YYYY-MM-DD, got "2019-02-30"\n'),
            (["get", "body", TABLE, "--known-at", "yesterday"],
             'kumppani: --known-at: must be a log position (a number) or an RFC 3339 time '
             'such as 2024-05-01T12:00:00Z, got "yesterday"\n'),
            (["list", "bodies", "--kind", "club"],
             'kumppani: --kind: must be one of PARTNERSHIP_TABLE|NGO_ADVISORY_BOARD|'
             'DEVELOPER_GROUP|EXPERT_POOL|NGO_FORUM|COMMITTEE|REGIONAL_GOVERNMENT|'
             'REGIONAL_COUNCIL|WORKING_GROUP, got "club"\n'),
            (["list", "memberships"],
             "kumppani: --person-id, --organisation-id or --body-id: required\n"),
            (["list", "memberships", "--person-id", "person-ks-0001", "--body-id", TABLE],
             "kumppani: --person-id and --body-id: give only one of them (they are one "
             "choice, subject)\n"),
            (["coverage", "--region", "org-paijat-hame-hva", "--from", "2022-01-01"],
             "kumppani: --to: required\n"),
            (["get", "grant-totals"], "kumppani: --group-by: required\n"),
            (["list", "organisations", "--columns", "organisation_id,nimi"],
             'kumppani: --columns: column "nimi": kumppani.v1.OrganisationView has no field '
             '"nimi"\n'),
            (["-o", "csv", "duties"],
             "kumppani: --only: required with --output csv (one table: "
             "unassessed_submissions or uninformed_inputs)\n"),
        ]
        for args, stderr in cases:
            with self.subTest(args=args):
                result = self.run_as("auditor", *args)
                self.assertEqual(result.returncode, 1)
                self.assertEqual(result.stdout, "")
                self.assertEqual(result.stderr, stderr)
        missing_id = self.run_as("auditor", "get", "body")
        self.assertEqual(missing_id.returncode, 1)
        self.assertIn("BODY_ID is required", missing_id.stderr)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
