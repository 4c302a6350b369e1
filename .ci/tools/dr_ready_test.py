"""The readiness code (src/main/resources/canary/dr_ready.py) over the canary's real cycle, with an
in-memory table in place of the region's replica: standard library only, a few seconds.

  python3 .ci/tools/dr_ready_test.py

The ready file is present after a cycle whose calls to the replica succeeded, and absent while
they fail, while the region's out-of-service item exists, and before the first cycle; a call that
hangs ends within the call timeout and removes the file while it hangs no longer than that.
"""

import importlib.util
import os
import shutil
import sys
import tempfile
import time
import unittest

CANARY_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "src", "main", "resources", "canary")


def load(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(CANARY_DIR, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


dr_canary = load("dr_canary")
dr_ready = load("dr_ready")

REGION, PEER = "us-east-1", "us-east-2"


class Replica:
    """The region's replica of the table as the canary's client sees it, with faults on request."""

    def __init__(self):
        self.items = {}
        self.failing = set()  # operations that answer with an error
        self.hang = 0.0  # seconds every DynamoDB call takes before it answers
        self.calls = []

    @staticmethod
    def key(payload):
        key = payload.get("Key") or {k: v for k, v in payload["Item"].items() if k in ("pk", "sk")}
        return key["pk"]["S"], key["sk"]["S"]

    def dynamodb(self, operation, payload):
        self.calls.append(operation)
        if self.hang:
            time.sleep(self.hang)
        if operation in self.failing:
            raise RuntimeError(f"dynamodb answered 500: {operation}")
        if operation == "PutItem":
            self.items[self.key(payload)] = payload["Item"]
            return {}
        item = self.items.get(self.key(payload))
        return {"Item": item} if item else {}

    def put_metric(self, *args):
        pass

    def mark_out_of_service(self, region):
        key = {"pk": {"S": "dr-stack#out-of-service"}, "sk": {"S": region}}
        self.items[self.key({"Key": key})] = key


class ReadinessTest(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="dr-ready-test.")
        self.ready_file = os.path.join(self.work, "ready")
        self.env = {
            "DR_REGION": REGION,
            "DR_PEER_REGION": PEER,
            "DR_TABLE_NAME": "dr-table",
            "DR_TABLE_PARTITION_KEY": "pk",
            "DR_TABLE_SORT_KEY": "sk",
            "DR_CANARY_NAMESPACE": "DrStack/Canary",
            "DR_CANARY_INTERVAL_SECONDS": "10",
            "DR_CANARY_STATUS_FILE": os.path.join(self.work, "canary.json"),
            "DR_CANARY_READY_FILE": self.ready_file,
        }
        self.replica = Replica()

    def tearDown(self):
        shutil.rmtree(self.work)

    def readiness(self, **kwargs):
        return dr_ready.Readiness(self.env, dr_canary.Canary, self.replica, **kwargs)

    def ready(self):
        return os.path.exists(self.ready_file)

    def test_absent_before_the_first_cycle_even_if_left_over(self):
        with open(self.ready_file, "w", encoding="utf-8") as out:
            out.write("ready\n")
        self.readiness()
        self.assertFalse(self.ready())

    def test_present_after_a_cycle_whose_calls_succeeded(self):
        readiness = self.readiness()
        self.assertTrue(readiness.tick())
        self.assertTrue(self.ready())
        with open(self.ready_file, encoding="utf-8") as source:
            self.assertEqual("ready\n", source.read())
        # The out-of-service item is read after the canary's write and read, from the replica.
        self.assertEqual(["PutItem", "GetItem", "GetItem"], self.replica.calls)

    def test_absent_while_the_replica_fails_and_present_again_after(self):
        readiness = self.readiness()
        readiness.tick()
        for operation in ("PutItem", "GetItem"):
            self.replica.failing = {operation}
            self.assertFalse(readiness.tick(), operation)
            self.assertFalse(self.ready(), operation)
            self.replica.failing = set()
            self.assertTrue(readiness.tick(), operation)
            self.assertTrue(self.ready(), operation)

    def test_removed_as_soon_as_a_call_to_the_replica_fails(self):
        readiness = self.readiness()
        readiness.tick()
        seen = []
        failing_put = self.replica.dynamodb

        def put_then_look(operation, payload):
            if operation == "GetItem" and not seen:
                seen.append(self.ready())  # the write failed just before this read
            return failing_put(operation, payload)

        self.replica.failing = {"PutItem"}
        readiness.client.client = type("Spy", (), {"dynamodb": staticmethod(put_then_look),
                                                   "put_metric": self.replica.put_metric})()
        readiness.tick()
        self.assertEqual([False], seen)

    def test_absent_while_marked_out_of_service_and_present_once_the_mark_is_deleted(self):
        readiness = self.readiness()
        readiness.tick()
        self.replica.mark_out_of_service(PEER)
        self.assertTrue(readiness.tick(), "the other region's mark is not this region's")
        self.replica.mark_out_of_service(REGION)
        self.assertFalse(readiness.tick())
        self.assertFalse(self.ready())
        self.assertFalse(readiness.tick())
        self.assertFalse(self.ready())
        del self.replica.items[("dr-stack#out-of-service", REGION)]
        self.assertTrue(readiness.tick())
        self.assertTrue(self.ready())

    def test_a_failed_metric_is_no_failure_of_the_replica(self):
        readiness = self.readiness()

        def no_metric(*args):
            raise RuntimeError("monitoring answered 500")

        self.replica.put_metric = no_metric
        self.assertTrue(readiness.tick())
        self.assertTrue(self.ready())

    def test_a_hanging_replica_ends_the_cycle_within_the_call_timeout_per_call(self):
        readiness = self.readiness(call_timeout=0.2)
        readiness.tick()
        self.replica.hang = 5.0
        started = time.monotonic()
        self.assertFalse(readiness.tick())
        elapsed = time.monotonic() - started
        self.assertFalse(self.ready())
        # The write and the peer's read each end after 0.2 s; no out-of-service read follows.
        self.assertLess(elapsed, 1.0)
        self.replica.hang = 0.0
        self.assertTrue(readiness.tick())

    def test_the_timer_is_disarmed_between_calls(self):
        readiness = self.readiness(call_timeout=0.2)
        readiness.tick()
        time.sleep(0.4)  # an alarm left armed would raise here
        self.assertTrue(self.ready())


if __name__ == "__main__":
    unittest.main(verbosity=2)
