"""End to end: `kumppani report` against a real kumppanid holding the demo
scenario.

Checks that the 2022 Päijät-Häme annual report and the Päijät-Häme
decision's influence trail are the same bytes when built twice and again
after every projection is rebuilt from the log (AdminService.
RebuildProjections through `kumppani rebuild-projections`); that they hold
the expected facts; that a token without checkpoint rights reads at the head
and says so; the exit codes of bad arguments and server errors; and, in a real
browser (headless Chromium, Debian `chromium`), that the HTML report renders:
a screenshot that is not blank and shows the charts' colours, and a DOM
with the report's title and bars.

Usage (ctest runs it): python3 report_test.py KUMPPANI KUMPPANID
"""
import csv
import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kumppani_harness import DEMO_SCENARIO, Kumppanid, run_kumppani  # noqa: E402

KUMPPANI, KUMPPANID = sys.argv[1:3]
WORK = tempfile.mkdtemp(prefix="kumppani-report-")
CHROMIUM = "/usr/bin/chromium"
DEMO_EVENTS = 127
REGION = "org-paijat-hame-hva"
DECISION = "decision-ph-ah-jarjestoneuvottelukunta-2022-08"
ANNUAL = ["report", "annual", "--region", REGION, "--year", "2022"]
TRAIL = ["report", "trail", DECISION]


def add_token(role, name):
    result = subprocess.run([KUMPPANID, "token", "add", "--tokens-file", TOKENS, "--role", role,
                             "--name", name], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


TOKENS = os.path.join(WORK, "tokens")
ADMIN = add_token("admin", "report-admin")
PUBLIC = add_token("public", "report-public")


def kumppani(server, *args, token=ADMIN):
    return run_kumppani(KUMPPANI, server, list(args), env={"KUMPPANI_TOKEN": token})


def csv_table(server, args, table, token=ADMIN):
    result = kumppani(server, *args, "--format", "csv", "--table", table, token=token)
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout, newline="")))


def fields(rows):
    """A field,value table as a dict."""
    return {row["field"]: row["value"] for row in rows}


def png_pixels(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit non-interlaced PNG,
    decoded with zlib and the five PNG row filters."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    assert depth == 8 and interlace == 0 and colour in (2, 6), (depth, colour, interlace)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        if kind == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + (left + previous[x]) // 2) & 255
        elif kind == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = previous[x]
                c = previous[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, bpp, rows


class ReportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Kumppanid(KUMPPANID, WORK, name="report",
                               extra_args=["--tokens-file", TOKENS,
                                           "--checkpoint-interval-seconds", "1"])
        result = kumppani(cls.server, "import", DEMO_SCENARIO)
        assert result.returncode == 0, result.stderr
        # The default position is the latest checkpoint's: wait until it
        # covers the whole demo.
        for _ in range(150):
            provenance = fields(csv_table(cls.server, TRAIL, "provenance"))
            if provenance.get("checkpoint_tree_size") == str(DEMO_EVENTS):
                break
            time.sleep(0.2)
        assert provenance.get("checkpoint_tree_size") == str(DEMO_EVENTS), provenance
        assert provenance["read_position"] == str(DEMO_EVENTS), provenance

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def build(self, *args, token=ADMIN):
        result = kumppani(self.server, *args, token=token)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.encode()

    def build_all(self):
        """Every format of both reports, as bytes (CSV: every file)."""
        reports = {}
        for name, args in (("annual", ANNUAL), ("trail", TRAIL)):
            for form in ("md", "html"):
                reports[f"{name}.{form}"] = self.build(*args, "--format", form)
            directory = os.path.join(WORK, f"{name}-csv-{len(os.listdir(WORK))}")
            self.build(*args, "--format", "csv", "--out", directory)
            for file in sorted(os.listdir(directory)):
                with open(os.path.join(directory, file), "rb") as f:
                    reports[f"{name}/{file}"] = f.read()
        return reports

    def test_1_same_bytes_twice_and_after_a_projection_rebuild(self):
        first = self.build_all()
        self.assertEqual(len([n for n in first if n.startswith("annual/")]), 16)
        self.assertEqual(len([n for n in first if n.startswith("trail/")]), 7)
        second = self.build_all()
        self.assertEqual(sorted(first), sorted(second))
        for name in first:
            self.assertEqual(first[name], second[name], name)
        rebuilt = kumppani(self.server, "rebuild-projections")
        self.assertEqual(rebuilt.returncode, 0, rebuilt.stderr)
        third = self.build_all()
        for name in first:
            self.assertEqual(first[name], third[name], f"{name} after the rebuild")

    def test_2_annual_report_facts(self):
        md = self.build(*ANNUAL).decode()
        self.assertTrue(md.startswith(
            "# Cooperation report 2022: Päijät-Hämeen hyvinvointialue\n"), md[:200])
        self.assertIn("- **Log position:** 127\n", md)
        self.assertIn("- **As of:** 2022-12-31\n", md)
        self.assertIn("- **Checkpoint tree size:** 127\n", md)
        self.assertIn("- **Checkpoint covers the report:** exactly: the report reads the "
                      "checkpointed tree\n", md)
        self.assertIn("- **Rebuild with:** kumppani report annual --region org-paijat-hame-hva "
                      "--year 2022 --known-at 127 --as-of 2022-12-31 --format md\n", md)
        self.assertIn("### 2022-08-08 Järjestöneuvottelukunnan perustaminen\n", md)
        self.assertIn("### 2022-06-20 Hyvinvointialueen strategian hyväksyminen\n", md)
        self.assertIn("| 3 | Consultation: Järjestöyhteistyön malli: kysely järjestöille | "
                      "consultation-ph-kysely-jarjestot-2022-06 | consultation | 2022-06-30 | "
                      "directly | partly adopted | Perustelut |", md)
        self.assertIn("Statement by Päijät-Hämeen Esimerkkiyhdistys ry", md)
        self.assertIn("| 2022-08-08 | Järjestöneuvottelukunta | body established |", md)

        summary = fields(csv_table(self.server, ANNUAL, "summary"))
        self.assertEqual(summary["bodies"], "5")
        self.assertEqual(summary["consultations_opened"], "5")
        self.assertEqual(summary["statements_recorded"], "1")
        self.assertEqual(summary["decisions"], "2")
        self.assertEqual(summary["inputs_cited"], "6")
        self.assertEqual(summary["inputs_assessed"], "6")
        self.assertEqual(summary["inputs_with_feedback"], "1")
        self.assertEqual(summary["grant_applications"], "0")
        coverage = fields(csv_table(self.server, ANNUAL, "coverage"))
        self.assertEqual(coverage["decisions"], "2")
        self.assertEqual(coverage["decisions_preceded_by_consultation"], "2")
        self.assertEqual(coverage["close_to_decision_days"], "20;39;39")
        self.assertEqual(coverage["invited_organisations"], "0")
        shares = {row["assessment"]: row["inputs"]
                  for row in csv_table(self.server, ANNUAL, "outcome_shares")}
        self.assertEqual(shares, {"adopted": "3", "partly_adopted": "1", "already_included": "1",
                                  "noted": "1", "not_adopted": "0", "out_of_scope": "0",
                                  "other": "0", "not_assessed": "0", "total": "6"})
        consultations = csv_table(self.server, ANNUAL, "consultations")
        self.assertEqual([row["consultation_id"] for row in consultations], [
            "consultation-ph-strategia-kuuleminen-2022-05",
            "consultation-ph-kysely-jarjestot-2022-06", "consultation-ph-kysely-kunnat-2022-06",
            "consultation-ph-yhteistyomalli-2022-08", "consultation-ph-palvelustrategia-2022"])
        self.assertEqual([row["responses_stated"] for row in consultations],
                         ["0", "64", "12", "0", "0"])
        # The stated rebuild command gives the same bytes.
        self.assertEqual(self.build(*ANNUAL, "--known-at", "127", "--as-of", "2022-12-31").decode(),
                         md)
        html = self.build(*ANNUAL, "--format", "html").decode()
        self.assertEqual(html.count('<rect class="bar '), 10)
        self.assertNotIn("<script", html)
        # No person, not even pseudonymously.
        self.assertNotIn("person-", md + html)

    def test_3_trail_report_facts_and_earlier_positions(self):
        md = self.build(*TRAIL).decode()
        self.assertTrue(md.startswith("# Influence trail: Järjestöneuvottelukunnan perustaminen\n"))
        self.assertIn("| 5 | Statement by Päijät-Hämeen Esimerkkiyhdistys ry: Järjestöyhteistyön "
                      "malli: kysely järjestöille | submission-ph-kysely-esimerkkiyhdistys | "
                      "submission | 2022-06-10 | directly | already included |  |  |  | "
                      "2022-08-15 (email) |\n", md)
        self.assertIn("- **Inputs considered:** 5\n", md)
        self.assertIn("- **Feedback sent:** 1 of 5 (20.0%)\n", md)
        # At position 123 the decision is recorded but no feedback yet; the
        # checkpoint (127) covers it.
        early = fields(csv_table(self.server, TRAIL + ["--known-at", "123"], "summary"))
        self.assertEqual(early["inputs_with_feedback"], "0")
        provenance = fields(csv_table(self.server, TRAIL + ["--known-at", "123"], "provenance"))
        self.assertEqual(provenance["read_position"], "123")
        self.assertEqual(provenance["checkpoint_covers"], "within")
        # Before the decision was recorded: NOT_FOUND, exit 2.
        before = kumppani(self.server, *TRAIL, "--known-at", "122")
        self.assertEqual(before.returncode, 2, before.stderr)
        self.assertIn("NOT_FOUND: AuditService.GetInfluenceTrail: decision_id", before.stderr)
        # A time after every event reads the head, and says so.
        later = fields(csv_table(self.server, TRAIL + ["--known-at", "2100-01-01T00:00:00Z"],
                                 "provenance"))
        self.assertEqual(later["read_position"], "127")
        self.assertIn("--known-at 2100-01-01T00:00:00Z", later["rebuild_command"])

    def test_4_a_public_token_reads_at_the_head(self):
        md = self.build(*TRAIL, token=PUBLIC).decode()
        self.assertIn("- **Log position:** 127 (the head of the log when the report was built)\n",
                      md)
        self.assertIn("- **Checkpoint:** not readable with this token", md)
        # The same facts as an admin's report.
        admin = self.build(*TRAIL).decode()
        self.assertEqual(md[md.index("## Decision"):], admin[admin.index("## Decision"):])

    def test_5_exit_codes(self):
        cases = [
            (["report", "annual", "--region", "paijat-hame", "--year", "2022"], 1,
             "--region: must be an organisation id"),
            (["report", "annual", "--region", REGION, "--year", "1800"], 1, "--year"),
            (["report", "annual", "--region", REGION], 1, "--year is required"),
            (ANNUAL + ["--as-of", "2022-13-01"], 1, "--as-of: must be a real day"),
            (ANNUAL + ["--known-at", "yesterday"], 1, "--known-at: must be a log position"),
            (ANNUAL + ["--format", "pdf"], 1, "--format"),
            (ANNUAL + ["--format", "csv"], 1, "tables: provenance, summary, bodies"),
            (ANNUAL + ["--table", "grants"], 1, "--table: only with --format csv"),
            (ANNUAL + ["--format", "csv", "--table", "nope"], 1, "--table: no table \"nope\""),
            (["report", "trail", "plan"], 1, "DECISION: must be a decision id"),
            (["report", "trail", "decision-nope"], 2, "NOT_FOUND"),
            (["report", "annual", "--region", "org-nope", "--year", "2022"], 2, "NOT_FOUND"),
            (ANNUAL + ["--known-at", "9999"], 2, "INVALID_ARGUMENT"),
        ]
        for args, code, message in cases:
            result = kumppani(self.server, *args)
            self.assertEqual(result.returncode, code, (args, result.stderr))
            self.assertIn(message, result.stderr, args)
            self.assertEqual(result.stdout, "", args)

    def test_6_out_file(self):
        path = os.path.join(WORK, "trail.html")
        result = kumppani(self.server, *TRAIL, "--format", "html", "--out", path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "")
        with open(path, "rb") as f:
            self.assertEqual(f.read(), self.build(*TRAIL, "--format", "html"))

    def chromium(self, html_path, *flags):
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={os.path.join(WORK, 'chromium-profile')}",
             "--window-size=1200,1600", *flags, "file://" + html_path],
            capture_output=True, text=True, timeout=180)

    def test_7_html_renders_in_a_real_browser(self):
        if not os.path.exists(CHROMIUM):
            self.skipTest(f"{CHROMIUM} is not installed (Debian package chromium)")
        for name, args, title, bars in (
                ("annual", ANNUAL, "Cooperation report 2022: Päijät-Hämeen hyvinvointialue", 10),
                ("trail", TRAIL, "Influence trail: Järjestöneuvottelukunnan perustaminen", 0)):
            html_path = os.path.join(WORK, f"{name}.html")
            with open(html_path, "wb") as f:
                f.write(self.build(*args, "--format", "html"))
            png = os.path.join(WORK, f"{name}.png")
            shot = self.chromium(html_path, f"--screenshot={png}")
            self.assertEqual(shot.returncode, 0, shot.stderr)
            width, height, bpp, rows = png_pixels(png)
            self.assertEqual((width, height), (1200, 1600))
            colours = set()
            dark = 0
            for row in rows[::4]:
                for x in range(0, width * bpp, bpp * 4):
                    pixel = bytes(row[x:x + 3])
                    colours.add(pixel)
                    dark += sum(pixel) < 200
            self.assertGreater(len(colours), 20, f"{name}: the screenshot is (almost) blank")
            self.assertGreater(dark, 500, f"{name}: no text drawn")
            if name == "trail":
                # The outcome chart is on the first screen: its shares' fills
                # (adopted #2e7d32, partly adopted #9ccc65) were drawn.
                self.assertIn(bytes([0x2e, 0x7d, 0x32]), colours)
                self.assertIn(bytes([0x9c, 0xcc, 0x65]), colours)
            dom = self.chromium(html_path, "--dump-dom")
            self.assertEqual(dom.returncode, 0, dom.stderr)
            self.assertIn(f"<title>{title}</title>", dom.stdout)
            self.assertIn(f"<h1>{title}</h1>", dom.stdout)
            self.assertEqual(dom.stdout.count('<rect class="bar '), bars)


if __name__ == "__main__":
    try:
        unittest.main(argv=[sys.argv[0]], verbosity=2)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
