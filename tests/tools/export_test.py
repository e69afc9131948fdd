"""End to end: `kumppani export popolo|360giving|ocds` on the demo scenario,
through the real kumppani and kumppanid binaries.

Each export validates against the official schema shipped in schemas/
(README.md there names each one's source), with remote $refs resolved from
the local copies; holds the demo's facts (the six recipients of the state
grants for regional preparation in Uusimaa, the Keski-Suomi partnership
table and its chair seat, the consultation on the service organisation
plan); gives the same bytes twice and again at the same --known-at after
the ledger has grown; is byte-identical for an admin and a public token;
and names none of the persons registered in the demo (none of them has a
public role).

Usage (ctest runs it): python3 export_test.py KUMPPANI KUMPPANID
"""
import copy
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kumppani_harness import DEMO_SCENARIO, Kumppanid, run_kumppani  # noqa: E402

KUMPPANI, KUMPPANID = sys.argv[1:3]
WORK = tempfile.mkdtemp(prefix="kumppani-export-")
SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")
DEMO_EVENTS = 127

UUSIMAA_RECIPIENTS = {
    "org-ita-uusimaa-hva", "org-lansi-uusimaa-hva", "org-keski-uusimaa-hva",
    "org-vantaa-kerava-hva", "org-helsinki", "org-hus",
}


def load_schema(*path):
    with open(os.path.join(SCHEMAS, *path), encoding="utf-8") as f:
        return json.load(f)


def format_checker():
    """A FormatChecker that really checks date-time (jsonschema 4.10 checks it
    only with optional packages), so that the schemas' oneOf between a
    date-time and a YYYY-MM-DD pattern picks exactly one."""
    checker = jsonschema.FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def date_time(value):
        if not isinstance(value, str):
            return True
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
                            value):
            raise ValueError(f"not an RFC 3339 date-time: {value}")
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    return checker


def popolo_validators():
    """One Draft 3 validator per Popolo collection, the schemas' own ids
    resolved from the local copies."""
    names = ["area", "contact_detail", "event", "identifier", "link", "membership",
             "organization", "other_name", "person", "post"]
    schemas = {name: load_schema("popolo", name + ".json") for name in names}
    store = {schema["id"]: schema for schema in schemas.values()}
    store.update({schema["id"].rstrip("#"): schema for schema in schemas.values()})

    def validator(name):
        resolver = jsonschema.RefResolver.from_schema(schemas[name], store=store)
        return jsonschema.Draft3Validator(schemas[name], resolver=resolver)

    return {"persons": validator("person"), "organizations": validator("organization"),
            "posts": validator("post"), "memberships": validator("membership"),
            "events": validator("event")}


def threesixty_validator():
    package = load_schema("360giving", "360-giving-package-schema.json")
    grant = load_schema("360giving", "360-giving-schema.json")
    store = {"https://raw.githubusercontent.com/ThreeSixtyGiving/standard/master/schema/"
             "360-giving-schema.json": grant}
    resolver = jsonschema.RefResolver.from_schema(package, store=store)
    return jsonschema.Draft4Validator(package, resolver=resolver, format_checker=format_checker())


def ocds_validator(package_schema):
    package = load_schema("ocds", package_schema)
    release = load_schema("ocds", "release-schema.json")
    # Draft 4 schemas name themselves by "id": the store holds both, so that
    # the package's own "#/definitions/…" resolves locally too.
    store = {release["id"]: release, package["id"]: package}
    resolver = jsonschema.RefResolver.from_schema(package, store=store)
    return jsonschema.Draft4Validator(package, resolver=resolver, format_checker=format_checker())


def validate_popolo(document):
    validators = popolo_validators()
    for collection, validator in validators.items():
        for item in document[collection]:
            validator.validate(item)


def demo_private_data():
    """The names and e-mail addresses of every person the demo registers."""
    values = []
    with open(DEMO_SCENARIO, encoding="utf-8") as f:
        for line in f:
            command = json.loads(line)
            if "register_person" in command:
                data = command["register_person"]["personal_data"]
                values += [data["full_name"], data["email"]]
    return values


def kumppanid_token(tokens_file, role, name):
    result = subprocess.run([KUMPPANID, "token", "add", "--tokens-file", tokens_file,
                             "--role", role, "--name", name],
                            capture_output=True, text=True, check=True)
    return result.stdout.strip()


class ExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        tokens = os.path.join(WORK, "tokens")
        cls.admin = kumppanid_token(tokens, "admin", "export-admin")
        cls.public = kumppanid_token(tokens, "public", "export-public")
        cls.server = Kumppanid(KUMPPANID, WORK, name="export",
                               extra_args=["--tokens-file", tokens])
        result = cls.run_export_raw(["import", DEMO_SCENARIO])
        assert result.returncode == 0, result.stderr
        cls.private = demo_private_data()
        assert len(cls.private) == 14, cls.private

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(WORK, ignore_errors=True)

    @classmethod
    def run_export_raw(cls, args, token=None):
        return run_kumppani(KUMPPANI, cls.server, args,
                            env={"KUMPPANI_TOKEN": token or cls.admin})

    def export(self, *args, token=None):
        result = self.run_export_raw(["export"] + list(args), token=token)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout

    def assert_no_private_data(self, text):
        for value in self.private:
            self.assertNotIn(value, text)

    # ------------------------------------------------------------- 360Giving

    def test_360giving_validates_and_holds_the_six_uusimaa_grants(self):
        text = self.export("360giving", "--known-at", str(DEMO_EVENTS))
        package = json.loads(text)
        threesixty_validator().validate(package)
        grants = package["grants"]
        self.assertEqual(len(grants), 6)
        self.assertEqual({g["recipientOrganization"][0]["id"] for g in grants},
                         {"360G-kumppani-" + org for org in UUSIMAA_RECIPIENTS})
        self.assertEqual({g["fundingOrganization"][0]["id"] for g in grants},
                         {"360G-kumppani-org-stm"})
        helsinki = next(g for g in grants
                        if g["id"] == "360G-kumppani-grant-stm-valmistelu-helsinki")
        self.assertEqual(helsinki["currency"], "EUR")
        self.assertEqual(helsinki["amountAppliedFor"], 2500000)
        self.assertEqual(helsinki["amountAwarded"], 2500000)
        self.assertEqual(helsinki["amountDisbursed"], 1250000)
        self.assertEqual(helsinki["awardDate"], "2021-09-15")
        self.assertEqual(helsinki["plannedDates"],
                         [{"startDate": "2021-09-15", "endDate": "2022-12-31",
                           "description": "Usage period as awarded"}])
        self.assertEqual(helsinki["recipientOrganization"][0]["name"], "Helsingin kaupunki")
        self.assertEqual(helsinki["disbursementTransaction"][0]["value"], 1250000)
        self.assertEqual(helsinki["disbursementTransaction"][0]["transactionDate"], "2021-10-15")
        self.assertEqual(package["kumppani"]["readPosition"], DEMO_EVENTS)
        self.assertEqual(package["modified"], helsinki["dateModified"])
        self.assert_no_private_data(text)

    def test_360giving_schema_check_can_fail(self):
        package = json.loads(self.export("360giving"))
        broken = copy.deepcopy(package)
        broken["grants"][0]["amountAwarded"] = "2500000"
        with self.assertRaises(jsonschema.ValidationError):
            threesixty_validator().validate(broken)
        broken = copy.deepcopy(package)
        broken["grants"][0]["awardDate"] = "15.9.2021"
        with self.assertRaises(jsonschema.ValidationError):
            threesixty_validator().validate(broken)

    def test_360giving_by_region_and_grant(self):
        self.assertEqual(len(json.loads(self.export("360giving", "--region", "org-stm"))["grants"]),
                         6)
        self.assertEqual(
            json.loads(self.export("360giving", "--region", "org-paijat-hame-hva"))["grants"], [])
        one = json.loads(self.export("360giving", "--grant", "grant-stm-valmistelu-hus"))
        self.assertEqual([g["amountAwarded"] for g in one["grants"]], [2000000])
        # Before the awards (15.9.2021) nothing was awarded yet.
        self.assertEqual(json.loads(self.export("360giving", "--as-of", "2021-09-14"))["grants"],
                         [])

    # ---------------------------------------------------------------- Popolo

    def test_popolo_validates_and_holds_the_registry(self):
        text = self.export("popolo")
        document = json.loads(text)
        validate_popolo(document)
        organizations = {o["id"]: o for o in document["organizations"]}
        table = organizations["body-ks-kumppanuuspoyta"]
        self.assertEqual(table["classification"], "partnership_table")
        self.assertEqual(table["parent_id"], "org-ks2021")
        self.assertEqual(table["founding_date"], "2019-02-01")
        self.assertEqual(organizations["org-ks2021"]["dissolution_date"], "2019-06-30")
        self.assertEqual(organizations["org-ph-esimerkkiyhdistys"]["identifiers"],
                         [{"identifier": "2345671-3", "scheme": "FI-PRO"},
                          {"identifier": "212.345", "scheme": "FI-association-register"}])
        chair = next(m for m in document["memberships"]
                     if m["id"] == "body-ks-kumppanuuspoyta/m-chair")
        self.assertEqual(chair, {"id": "body-ks-kumppanuuspoyta/m-chair", "role": "chair",
                                 "person_id": "person-ks-0001",
                                 "organization_id": "body-ks-kumppanuuspoyta",
                                 "post_id": "body-ks-kumppanuuspoyta/chair",
                                 "on_behalf_of_id": "org-kyt", "start_date": "2019-02-01"})
        self.assertIn("body-ks-kumppanuuspoyta/chair", {p["id"] for p in document["posts"]})
        meeting = next(e for e in document["events"]
                       if e["id"] == "meeting-ks-kumppanuuspoyta-2019-03-22")
        self.assertEqual(meeting["start_date"], "2019-03-22")
        self.assertEqual(meeting["organization_id"], "body-ks-kumppanuuspoyta")
        # Persons: pseudonymous ids, nothing else; no registered name or
        # address anywhere in the file.
        for person in document["persons"]:
            self.assertEqual(list(person), ["id"])
            self.assertTrue(person["id"].startswith("person-"))
        self.assertIn({"id": "person-ks-0001"}, document["persons"])
        self.assert_no_private_data(text)

    def test_popolo_schema_check_can_fail(self):
        document = json.loads(self.export("popolo"))
        broken = copy.deepcopy(document)
        broken["organizations"][0]["founding_date"] = "1.2.2019"
        with self.assertRaises(jsonschema.ValidationError):
            validate_popolo(broken)
        broken = copy.deepcopy(document)
        broken["organizations"][0]["identifiers"] = [{"scheme": "FI-PRO"}]
        with self.assertRaises(jsonschema.ValidationError):
            validate_popolo(broken)

    def test_popolo_by_region_and_date(self):
        document = json.loads(self.export("popolo", "--region", "org-keski-suomen-liitto",
                                          "--as-of", "2019-03-21"))
        validate_popolo(document)
        bodies = sorted(o["id"] for o in document["organizations"] if o["id"].startswith("body-"))
        self.assertEqual(bodies, ["body-ks-kumppanuuspoyta", "body-ks-maakunnan-yhteistyoryhma"])
        self.assertNotIn("org-helsinki", {o["id"] for o in document["organizations"]})
        self.assertEqual(document["meta"]["readPoint"]["asOf"], "2019-03-21")
        self.assertEqual(document["meta"]["readPoint"]["region"], "org-keski-suomen-liitto")
        # The meeting of 22.3.2019 had not happened yet.
        self.assertNotIn("meeting-ks-kumppanuuspoyta-2019-03-22",
                         {e["id"] for e in document["events"]})

    # ------------------------------------------------------------------ OCDS

    def test_ocds_release_and_record_packages_validate(self):
        releases = json.loads(self.export("ocds"))
        ocds_validator("release-package-schema.json").validate(releases)
        records = json.loads(self.export("ocds", "--package", "record"))
        ocds_validator("record-package-schema.json").validate(records)
        ocids = [record["ocid"] for record in records["records"]]
        self.assertIn("ocds-kumppani-consultation-ks-jarjestamissuunnitelma-v3", ocids)
        self.assertIn("ocds-kumppani-grant-stm-valmistelu-helsinki", ocids)
        for record in records["records"]:
            self.assertEqual({r["ocid"] for r in record["releases"]}, {record["ocid"]})
        self.assertNotIn("person-", json.dumps(records))
        self.assert_no_private_data(json.dumps(releases, ensure_ascii=False))

    def test_ocds_consultation_case(self):
        package = json.loads(self.export(
            "ocds", "--consultation", "consultation-ks-jarjestamissuunnitelma-v3"))
        ocds_validator("release-package-schema.json").validate(package)
        ocid = "ocds-kumppani-consultation-ks-jarjestamissuunnitelma-v3"
        self.assertEqual([r["id"] for r in package["releases"]],
                         [ocid + "-opened", ocid + "-submission-ks-js-v3-kyt", ocid + "-closed"])
        self.assertEqual([r["tag"] for r in package["releases"]],
                         [["tender"], ["tenderUpdate"], ["tenderUpdate"]])
        self.assertEqual(package["releases"][1]["date"], "2019-02-14T10:00:00Z")
        self.assertEqual(package["releases"][1]["tender"]["tenderers"],
                         [{"id": "org-kyt", "name": "Keski-Suomen Yhteisöjen Tuki ry"}])
        self.assertEqual(package["releases"][2]["date"], "2019-02-15T00:00:00+02:00")
        self.assertEqual(package["kumppani"]["reproduce"],
                         "kumppani export ocds --consultation "
                         "consultation-ks-jarjestamissuunnitelma-v3 --package release "
                         f"--known-at {DEMO_EVENTS}")

    def test_ocds_schema_check_can_fail(self):
        package = json.loads(self.export("ocds", "--grant", "grant-stm-valmistelu-helsinki"))
        ocds_validator("release-package-schema.json").validate(package)
        broken = copy.deepcopy(package)
        del broken["releases"][0]["initiationType"]
        with self.assertRaises(jsonschema.ValidationError):
            ocds_validator("release-package-schema.json").validate(broken)

    # ------------------------------------------------- reproducibility, roles

    def test_same_position_same_bytes_for_every_format_and_role(self):
        for args in (["popolo"], ["360giving"], ["ocds"], ["ocds", "--package", "record"]):
            first = self.export(*args)
            self.assertEqual(self.export(*args), first, args)
            # A public token sees no personal data in the views, and the
            # exports never print any: the same bytes.
            self.assertEqual(self.export(*args, token=self.public), first, args)

    def test_z_known_at_gives_the_same_bytes_after_the_ledger_grew(self):
        before = {fmt: self.export(fmt, "--known-at", str(DEMO_EVENTS))
                  for fmt in ("popolo", "360giving", "ocds")}
        line = json.dumps({"request_id": "export-test-extra-org", "register_organisation": {
            "organisation_id": "org-export-test", "kind": "ORGANISATION_KIND_ASSOCIATION",
            "name": {"fi": "Vientitesti ry", "authoritative": "LANGUAGE_FI"}}})
        extra = os.path.join(WORK, "extra.ndjson")
        with open(extra, "w", encoding="utf-8") as f:
            f.write(line + "\n")
        result = self.run_export_raw(["import", extra])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("org-export-test", self.export("popolo"))
        for fmt, text in before.items():
            self.assertEqual(self.export(fmt, "--known-at", str(DEMO_EVENTS)), text, fmt)

    def test_out_writes_the_same_bytes_to_a_file(self):
        path = os.path.join(WORK, "grants.json")
        self.assertEqual(self.export("360giving", "--out", path), "")
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), self.export("360giving"))

    # ----------------------------------------------------------- exit codes

    def test_bad_options_exit_1_naming_the_option(self):
        cases = [
            (["popolo", "--grant", "grant-x"], "--grant: only with 360giving or ocds"),
            (["360giving", "--consultation", "consultation-x"], "--consultation: only with ocds"),
            (["ocds", "--grant", "grant-x", "--consultation", "consultation-x"],
             "--consultation and --grant"),
            (["ocds", "--region", "org-stm", "--grant", "grant-x"], "--region"),
            (["popolo", "--as-of", "22.3.2019"], "--as-of"),
            (["popolo", "--known-at", "yesterday"], "--known-at"),
            (["popolo", "--package", "record"], "--package: only with ocds"),
            (["xml"], "FORMAT"),
        ]
        for args, message in cases:
            result = self.run_export_raw(["export"] + args)
            self.assertEqual(result.returncode, 1, (args, result.stderr))
            self.assertIn(message, result.stderr, args)
            self.assertEqual(result.stdout, "", args)

    def test_server_errors_exit_2(self):
        result = self.run_export_raw(["export", "ocds", "--consultation", "consultation-nope"])
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("NOT_FOUND", result.stderr)
        self.assertIn("consultation-nope", result.stderr)
        result = self.run_export_raw(["export", "popolo", "--region", "org-nope"])
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("NOT_FOUND: --region: organisation \"org-nope\" does not exist",
                      result.stderr)
        result = self.run_export_raw(["export", "popolo", "--known-at", "99999"])
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("INVALID_ARGUMENT", result.stderr)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
