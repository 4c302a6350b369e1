"""Tests of emulator_server.py's patches (docs/maintainers/testing.md), in the emulator virtualenv:

  "$(.ci/tools/python-tools.sh .ci/emulator-requirements.txt)/bin/python" .ci/tools/emulator_server_test.py

Starts moto alone (`moto_server`) and this project's server, each on 127.0.0.1 at a free port, and
runs each patch's probe against both: moto alone must still show the behaviour the patch corrects
(otherwise the patch is dead weight and the test says to remove it), and the server must not.
"""

import importlib.metadata
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

import emulator_server

HERE = os.path.dirname(os.path.abspath(__file__))
REQUIREMENTS = os.path.join(HERE, "..", "emulator-requirements.txt")
# The lines of moto.log that .ci/tools/emulator-tier.sh reads when a step fails.
TIER_ERROR_LINE = re.compile(r"^call: .* [45][0-9]{2} attempt=")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server process on 127.0.0.1 at a free port, its output in a temporary file."""

    def __init__(self, command):
        self.port = _free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="emulator-test-", suffix=".log")
        self.process = subprocess.Popen(
            command + ["-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.process.args} exited:\n{self.output()}")
            try:
                urllib.request.urlopen(self.endpoint + "/moto-api/", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.process.args} did not answer in 60 s:\n{self.output()}")

    def output(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as log:
            return log.read()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


MOTO = PATCHED = None


def setUpModule():
    global MOTO, PATCHED
    bin_dir = os.path.dirname(sys.executable)
    MOTO = Server([os.path.join(bin_dir, "moto_server")])
    PATCHED = Server([sys.executable, os.path.join(HERE, "emulator_server.py")])
    for server in (MOTO, PATCHED):
        server.wait()
    # moto loads its EC2 data (AMIs, instance types) on the first EC2 call, seconds on a busy
    # machine: both servers at once rather than in the first probe of each.
    warming = [
        threading.Thread(target=emulator_server._client(endpoint, "ec2").describe_security_groups)
        for endpoint in (MOTO.endpoint, PATCHED.endpoint)
    ]
    for thread in warming:
        thread.start()
    for thread in warming:
        thread.join()


def tearDownModule():
    for server in (MOTO, PATCHED):
        if server:
            server.stop()


class PatchesTest(unittest.TestCase):
    """Two tests per patch, made from the registry below: still needed, and corrected."""

    def test_every_patch_names_the_pinned_moto(self):
        installed = importlib.metadata.version("moto")
        with open(REQUIREMENTS, encoding="utf-8") as requirements:
            pinned = re.search(r"^moto\[server\]==(\S+)$", requirements.read(), re.M).group(1)
        self.assertEqual(installed, pinned, "the virtualenv's moto is not the pinned one")
        names = [patch.name for patch in emulator_server.PATCHES]
        self.assertEqual(len(names), len(set(names)), f"two patches share a name: {names}")
        for patch in emulator_server.PATCHES:
            self.assertEqual(
                patch.moto,
                pinned,
                f"patch {patch.name} was checked against moto {patch.moto}, the pin is {pinned}:"
                " check its behaviour and probe, then name the new version",
            )

    def test_the_tier_log_shows_refusals_and_replays(self):
        emulator_server.missing_rule_revocation_misnamed(PATCHED.endpoint)
        emulator_server.retry_served_twice(PATCHED.endpoint)
        lines = PATCHED.output().splitlines()
        tail = "\n".join(lines[-20:])
        refusals = [line for line in lines if TIER_ERROR_LINE.match(line)]
        revocation = re.compile(r"RevokeSecurityGroupIngress GroupId=sg-\w+ SecurityGroupRuleId\.1=sgr-\w+ 400 ")
        replay = re.compile(r"CreateSecurityGroup GroupName=probe-sg-\w+ 200 replayed attempt=2 ")
        self.assertTrue(
            any(revocation.search(line) for line in refusals),
            f"the log the tier prints on failure lacks the refused revocation:\n{tail}",
        )
        self.assertTrue(
            any(replay.search(line) for line in lines), f"the log does not mark the replay:\n{tail}"
        )


def _outage(endpoint, regions):
    """Sets the regions down on the server at endpoint; answers the regions it reports down."""
    request = urllib.request.Request(
        f"{endpoint}{emulator_server.RegionOutage.CONTROL}?down={','.join(regions)}", method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())["down"]


class RegionOutageTest(unittest.TestCase):
    """us-east-1 down: every call signed for it, and every global service, is refused; the other
    regions answer; back up, us-east-1 answers again."""

    def tearDown(self):
        _outage(PATCHED.endpoint, [])

    def refused(self, call):
        failure = emulator_server._failure(call)
        return failure is not None and ("503" in failure or "ServiceUnavailable" in failure)

    def test_us_east_1_down_closes_its_endpoints_and_the_global_services(self):
        endpoint = PATCHED.endpoint
        client = emulator_server._client
        dimensions = [{"Name": "Stack", "Value": "probe"}]

        def put(region):
            return lambda: client(endpoint, "cloudwatch", region).put_metric_data(
                Namespace="DrStack/Probe",
                MetricData=[{"MetricName": "Out", "Dimensions": dimensions, "Value": 1}],
            )

        self.assertIsNone(emulator_server._failure(put("us-east-1")), "us-east-1 before the outage")
        self.assertEqual(_outage(endpoint, ["us-east-1"]), ["us-east-1"])
        closed = {
            "CloudWatch in us-east-1": put("us-east-1"),
            "global STS": lambda: client(endpoint, "sts", "us-east-1").get_caller_identity(),
            "Route 53": lambda: client(endpoint, "route53", "us-east-2").list_hosted_zones(),
            "IAM signed for us-east-2": lambda: client(endpoint, "iam", "us-east-2").list_roles(),
            "an unsigned request": lambda: urllib.request.urlopen(endpoint + "/", timeout=10),
        }
        for what, call in closed.items():
            if what == "an unsigned request":
                with self.assertRaises(urllib.error.HTTPError) as refusal:
                    call()
                self.assertEqual(refusal.exception.code, 503, what)
            else:
                self.assertTrue(self.refused(call), f"{what} answered while us-east-1 was down")
        # The global STS host, signed for a region that is up.
        status, _, _ = emulator_server._post(
            endpoint,
            "/",
            b"Action=GetCallerIdentity&Version=2011-06-15",
            {
                "Host": "sts.amazonaws.com",
                "Content-Type": "application/x-www-form-urlencoded",
                "Authorization": emulator_server._authorization("us-east-2", "sts"),
            },
        )
        self.assertEqual(status, 503, "the global STS host answered")
        self.assertIsNone(emulator_server._failure(put("us-east-2")))
        self.assertIsNone(
            emulator_server._failure(lambda: client(endpoint, "sts", "us-east-2").get_caller_identity())
        )
        self.assertEqual(_outage(endpoint, []), [])
        self.assertIsNone(emulator_server._failure(put("us-east-1")), "us-east-1 after the outage")
        self.assertTrue(
            any(" 503 attempt=- outage: " in line for line in PATCHED.output().splitlines()),
            "the refusals are not in the log",
        )


def _still_needed(patch):
    def test(self):
        answer = patch.probe(MOTO.endpoint)
        self.assertTrue(
            answer,
            f"moto {importlib.metadata.version('moto')} no longer needs patch {patch.name}: remove it"
            f" (moto no longer does this: {patch.behaviour})",
        )

    return test


def _corrected(patch):
    def test(self):
        answer = patch.probe(PATCHED.endpoint)
        self.assertIsNone(answer, f"patch {patch.name} does not correct moto's behaviour: {answer}")

    return test


for _patch in emulator_server.PATCHES:
    _method = _patch.name.replace("-", "_")
    setattr(PatchesTest, f"test_{_method}_is_still_needed", _still_needed(_patch))
    setattr(PatchesTest, f"test_{_method}_is_corrected", _corrected(_patch))


if __name__ == "__main__":
    unittest.main(verbosity=2)
