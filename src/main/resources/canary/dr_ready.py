#!/usr/bin/env python3
"""DR stack readiness: runs the canary's cycles (dr_canary.py, its path the only argument) and keeps
DR_CANARY_READY_FILE present only while the region is ready. The web server serves that file as
/ready: the load balancer's health check, which Global Accelerator follows.

Each cycle runs the canary's (its heartbeat written to this region's replica, the peer's read,
the metric), then reads this region's out-of-service item from the same replica (partition key
dr-stack#out-of-service, sort key the region; the on-call writes it in a healthy region to take
this region out, and deletes it to bring it back). Ready: the cycle's calls to the replica
succeeded and no such item exists. A failed call to the replica removes the file at once.

Every call ends within CALL_TIMEOUT seconds, however it hangs (an interval timer interrupts it):
after the table fails, the file is gone within one interval and CALL_TIMEOUT.
"""

import contextlib
import importlib.machinery
import importlib.util
import os
import signal
import sys
import time

CALL_TIMEOUT = 2
OUT_OF_SERVICE = "dr-stack#out-of-service"


def log(message):
    print(message, file=sys.stderr, flush=True)


class Deadline:
    """Interrupts a call that runs past its time: SIGALRM, armed only during a call."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.armed = False
        signal.signal(signal.SIGALRM, self.expire)

    def expire(self, signum, frame):
        if self.armed:
            self.armed = False
            raise TimeoutError(f"no answer within {self.seconds} s")

    @contextlib.contextmanager
    def limit(self):
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        try:
            yield
        finally:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)


class LimitedClient:
    """The canary's client with every call limited; a failed call to the table calls on_failure."""

    def __init__(self, client, deadline, on_failure):
        self.client = client
        self.deadline = deadline
        self.on_failure = on_failure

    def dynamodb(self, operation, payload):
        try:
            with self.deadline.limit():
                return self.client.dynamodb(operation, payload)
        except Exception:
            self.on_failure()
            raise

    def put_metric(self, *args):
        with self.deadline.limit():
            return self.client.put_metric(*args)


class Readiness:
    def __init__(self, env, make_canary, client, call_timeout=CALL_TIMEOUT):
        self.ready_file = env["DR_CANARY_READY_FILE"]
        self.region = env["DR_REGION"]
        self.table = env["DR_TABLE_NAME"]
        self.key = {
            env["DR_TABLE_PARTITION_KEY"]: {"S": OUT_OF_SERVICE},
            env["DR_TABLE_SORT_KEY"]: {"S": self.region},
        }
        self.interval = float(env["DR_CANARY_INTERVAL_SECONDS"])
        self.client = LimitedClient(client, Deadline(call_timeout), self.withdraw)
        self.canary = make_canary(env, self.client)
        self.reason = "starting"
        self.withdraw()

    def tick(self):
        status = self.canary.tick()
        failed = [step for step in status["failed"] if step in ("write", "read")]
        reason = f"the replica's calls failed: {', '.join(failed)}" if failed else None
        if not failed:
            try:
                answer = self.client.dynamodb(
                    "GetItem", {"TableName": self.table, "Key": self.key, "ConsistentRead": True}
                )
                if answer.get("Item"):
                    reason = "marked out of service"
            except Exception as error:  # noqa: BLE001 - not ready, and the loop goes on
                log(f"out-of-service read: {error}")
                reason = "the out-of-service read failed"
        if reason is None:
            self.declare()
        else:
            self.withdraw()
        if reason != self.reason:
            log(f"readiness: {reason or 'ready'}")
            self.reason = reason
        return reason is None

    def declare(self):
        if os.path.exists(self.ready_file):
            return
        # Renamed into place: the file appears whole.
        partial = self.ready_file + ".partial"
        try:
            with open(partial, "w", encoding="utf-8") as out:
                out.write("ready\n")
            os.replace(partial, self.ready_file)
        except OSError as error:
            log(f"ready file: {error}")

    def withdraw(self):
        try:
            os.remove(self.ready_file)
        except FileNotFoundError:
            pass
        except OSError as error:
            log(f"ready file: {error}")

    def run(self):
        log(f"readiness: {self.ready_file} while {self.table} answers and {self.region} is in service")
        while True:
            started = time.monotonic()
            self.tick()
            time.sleep(max(0.0, self.interval - (time.monotonic() - started)))


def load_canary(path):
    loader = importlib.machinery.SourceFileLoader("dr_canary", path)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("dr_canary", loader))
    loader.exec_module(module)
    return module


if __name__ == "__main__":
    canary = load_canary(sys.argv[1])
    client = canary.Client(os.environ["DR_REGION"], canary.Credentials())
    Readiness(os.environ, canary.Canary, client).run()
