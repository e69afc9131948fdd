"""Shared by the kumppani end-to-end tests: a real kumppanid on a free
loopback port over a temporary data directory, and a runner for the real
kumppani binary against it.

    server = Kumppanid(KUMPPANID, work_dir)      # started; server.address
    result = run_kumppani(KUMPPANI, server, ["import", DEMO])
    result.returncode, result.stdout, result.stderr
    server.stop()                                # SIGTERM, asserts exit 0
"""
import os
import re
import signal
import subprocess
import time

SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEMO_SCENARIO = os.path.join(SOURCE_DIR, "docs", "examples", "demo-scenario.ndjson")


class Kumppanid:
    """One kumppanid process. `extra_args` are added to the command line."""

    def __init__(self, binary, work_dir, name="kumppanid", data_dir=None, extra_args=()):
        self.binary = binary
        self.data_dir = data_dir or os.path.join(work_dir, name + "-data")
        self.log_path = os.path.join(work_dir, name + ".log")
        self.extra_args = list(extra_args)
        self.process = None
        self.address = None
        self.verifier_key = None
        self.start()

    def start(self, port=0):
        log = open(self.log_path, "a+")
        start_offset = log.tell()
        self.process = subprocess.Popen(
            [self.binary, "--data-dir", self.data_dir, "--listen", f"127.0.0.1:{port}",
             "--log-level", "info"] + self.extra_args,
            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            log.seek(start_offset)
            text = log.read()
            match = re.search(r"listening on (127\.0\.0\.1:\d+)", text)
            if match:
                self.address = match.group(1)
                key = re.search(r"verifier key (\S+)\)", text)
                self.verifier_key = key.group(1) if key else None
                log.close()
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.process.kill()
        log.close()
        raise RuntimeError(f"kumppanid did not start; see {self.log_path}")

    def stop(self):
        """SIGTERM and wait; raises unless kumppanid exits 0."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=60)
        self.process = None
        if code != 0:
            raise RuntimeError(f"kumppanid exited {code} on SIGTERM; see {self.log_path}")

    def restart(self):
        """Stops, then starts again on the same port and data directory."""
        port = int(self.address.rsplit(":", 1)[1])
        self.stop()
        self.start(port)


def run_kumppani(binary, server, args, env=None, stdin=None, timeout=300, cwd=None):
    """Runs `kumppani --server ADDRESS ARGS...`; returns the CompletedProcess
    (text mode, stdout and stderr captured). `server` may be an address
    string or a Kumppanid."""
    address = server if isinstance(server, str) else server.address
    full_env = dict(os.environ)
    full_env.pop("KUMPPANI_TOKEN", None)
    full_env.pop("KUMPPANI_SERVER", None)
    full_env.update(env or {})
    return subprocess.run([binary, "--server", address] + list(args), env=full_env,
                          input=stdin, capture_output=True, text=True, timeout=timeout, cwd=cwd)
