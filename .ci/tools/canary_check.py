"""The canary's own code, as the launch templates embed it, run against moto on loopback.

  canary_check.py STACK_JSON     a synthesized cdk.tf.json with the canary on

Both regions' canaries are taken from the user data of their launch templates, with the environment
the user data gives them, and run as the instances run them (python3, standard library). Checked:
- its Signature Version 4 equals botocore's for the same request (moto checks no signature);
- both regions write and read, and publish ages below the alarm's threshold, to the metric the
  stack's alarm watches (namespace, name, dimensions read from the alarm in the JSON);
- with the primary's canary paused, the secondary's age grows past the alarm's threshold in
  CloudWatch; resumed, it falls back;
- a status file it cannot write is logged, and the canary keeps publishing;
- with the primary paused again, a heartbeat of the primary stamped an hour ahead is ignored, and
  one stamped an hour ago with a new sequence makes the age an hour, not zero;
- restarted, it continues from its state file: its own sequence goes on, and the age does not fall.
With readiness (the user data embeds dr_ready.py, under frontDoor accelerator) the canaries run
under it, as the instances run them, and also:
- both regions' ready files appear; the primary's out-of-service item (written where the primary
  reads it) removes the primary's within an interval and the cycle's call timeouts, and not the
  secondary's; deleted, the file is back;
- the primary's table gone (every call fails) removes its file within an interval and one call
  timeout; the table back, the file is back.
moto has no global-table replication: each region gets its own table of the stack's name, and this
check copies the heartbeat items between them (0.5 s), playing DynamoDB's replication.
"""

import base64
import datetime
import gzip
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from moto.server import ThreadedMotoServer

KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def log(message):
    print(f"[canary] {message}", file=sys.stderr, flush=True)


def fail(message):
    log(f"ERROR: {message}")
    sys.exit(1)


def between(text, start, end):
    head = text.index(start) + len(start)
    return text[head : text.index(end, head)]


def sites(stack):
    """Per provider alias: the canary's code and environment from user data, and its alarm."""
    found = {}
    for template in stack["resource"]["aws_launch_template"].values():
        alias = template["provider"].split(".")[-1]
        raw = base64.b64decode(template["user_data"])
        # cloud-init unpacks gzip-compressed user data; the launch template holds it so when large.
        user_data = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8")
        env = dict(
            line.split("=", 1)
            for line in between(user_data, "<<'ENV'\n", "\nENV\n").splitlines()
        )
        code = between(user_data, "<<'CANARY'\n", "CANARY\n")
        ready = between(user_data, "<<'READY'\n", "READY\n") if "<<'READY'\n" in user_data else None
        found[alias] = {"env": env, "code": code, "ready": ready}
    for alarm in stack["resource"]["aws_cloudwatch_metric_alarm"].values():
        if alarm.get("metric_name") == "PeerHeartbeatAge":
            found[alarm["provider"].split(".")[-1]]["alarm"] = alarm
    for alias in ("primary", "secondary"):
        if "alarm" not in found.get(alias, {}):
            fail(f"no canary alarm for {alias} in the stack")
    return found["primary"], found["secondary"]


def load(code, directory, name="dr_canary"):
    path = os.path.join(directory, name + ".py")
    with open(path, "w", encoding="utf-8") as out:
        out.write(code)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return path, module


def check_signature(canary):
    """The canary's SigV4 against botocore's, for a DynamoDB call with a session token."""
    body = b'{"TableName": "t"}'
    headers = {
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": "DynamoDB_20120810.GetItem",
    }
    for url in ("https://dynamodb.us-east-2.amazonaws.com/", "http://127.0.0.1:4566/"):
        request = AWSRequest(method="POST", url=url, data=body, headers=dict(headers))
        SigV4Auth(Credentials("AKIDEXAMPLE", "secret", "token"), "dynamodb", "us-east-2").add_auth(
            request
        )
        when = datetime.datetime.strptime(request.headers["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
        ours = canary.sign(
            "POST", url, headers, body, "dynamodb", "us-east-2",
            ("AKIDEXAMPLE", "secret", "token"), when,
        )
        if ours["Authorization"] != request.headers["Authorization"]:
            fail(f"signature differs from botocore's for {url}:\n{ours}\n{dict(request.headers)}")
    log("the canary's Signature Version 4 equals botocore's")


def status(path):
    try:
        with open(path, encoding="utf-8") as source:
            return json.load(source)
    except (OSError, ValueError):
        return {}


def wait_for(what, condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    fail(f"timed out: {what}")


def maximum(endpoint, alarm, region):
    cloudwatch = boto3.client("cloudwatch", region_name=region, endpoint_url=endpoint, **lower(KEYS))
    now = datetime.datetime.now(datetime.timezone.utc)
    points = cloudwatch.get_metric_statistics(
        Namespace=alarm["namespace"],
        MetricName=alarm["metric_name"],
        Dimensions=[{"Name": k, "Value": v} for k, v in alarm["dimensions"].items()],
        StartTime=now - datetime.timedelta(minutes=10),
        EndTime=now + datetime.timedelta(minutes=1),
        Period=60,
        Statistics=["Maximum", "SampleCount"],
    )["Datapoints"]
    if not points:
        fail(f"no {alarm['metric_name']} in {region} with {alarm['dimensions']}")
    return max(p["Maximum"] for p in points)


def count(endpoint, alarm, region):
    """How many values of the alarm's metric the region has published in the last 10 minutes."""
    cloudwatch = boto3.client("cloudwatch", region_name=region, endpoint_url=endpoint, **lower(KEYS))
    now = datetime.datetime.now(datetime.timezone.utc)
    points = cloudwatch.get_metric_statistics(
        Namespace=alarm["namespace"],
        MetricName=alarm["metric_name"],
        Dimensions=[{"Name": k, "Value": v} for k, v in alarm["dimensions"].items()],
        StartTime=now - datetime.timedelta(minutes=10),
        EndTime=now + datetime.timedelta(minutes=1),
        Period=60,
        Statistics=["SampleCount"],
    )["Datapoints"]
    return sum(p["SampleCount"] for p in points)


def read_log(work, region):
    with open(os.path.join(work, f"{region}.log"), encoding="utf-8") as output:
        return output.read()


def lower(keys):
    return {k.lower(): v for k, v in keys.items()}


def check_readiness(tables, ready_files, p, s, interval, call_timeout, replicating):
    """The ready files follow each region's replica and its out-of-service item."""
    ready = lambda region: os.path.exists(ready_files[region])  # noqa: E731
    for region in (p, s):
        wait_for(f"{region}'s ready file", lambda r=region: ready(r), 3 * interval)
    log("both regions ready")
    client, env = tables[p]
    key = {
        env["DR_TABLE_PARTITION_KEY"]: {"S": "dr-stack#out-of-service"},
        env["DR_TABLE_SORT_KEY"]: {"S": p},
    }
    # Written where the primary reads it: the on-call's put in the secondary, replicated.
    client.put_item(TableName=env["DR_TABLE_NAME"], Item=key)
    marked = time.monotonic()
    # The cycle under way may have read the item just before; the next reads it after its write
    # and the peer's read, each within the call timeout.
    wait_for("the primary's ready file goes once it is marked out of service",
             lambda: not ready(p), interval + 4 * call_timeout + 1)
    log(f"{p} marked out of service: not ready after {time.monotonic() - marked:.1f} s")
    if not ready(s):
        fail("the secondary's ready file went with the primary's mark")
    client.delete_item(TableName=env["DR_TABLE_NAME"], Key=key)
    wait_for("the primary's ready file is back once the mark is deleted", lambda: ready(p),
             2 * interval + 4 * call_timeout)
    log(f"{p}'s mark deleted: ready again")

    replicating.clear()
    time.sleep(1)  # the copying's round under way ends
    definition = client.describe_table(TableName=env["DR_TABLE_NAME"])["Table"]
    client.delete_table(TableName=env["DR_TABLE_NAME"])
    failed = time.monotonic()
    wait_for("the primary's ready file goes while its table fails", lambda: not ready(p),
             interval + call_timeout + 1)
    log(f"{p}'s table gone: not ready after {time.monotonic() - failed:.1f} s"
        f" (bound: {interval:g} s + {call_timeout} s)")
    client.create_table(
        TableName=env["DR_TABLE_NAME"],
        KeySchema=definition["KeySchema"],
        AttributeDefinitions=definition["AttributeDefinitions"],
        BillingMode="PAY_PER_REQUEST",
    )
    replicating.set()
    wait_for("the primary's ready file is back with its table", lambda: ready(p), 3 * interval)
    if not ready(s):
        fail("the secondary's ready file went with the primary's table")
    log(f"{p}'s table back: ready again")


def main(stack_file):
    with open(stack_file, encoding="utf-8") as source:
        primary, secondary = sites(json.load(source))
    regions = {primary["env"]["DR_REGION"]: primary, secondary["env"]["DR_REGION"]: secondary}
    threshold = float(secondary["alarm"]["threshold"])
    interval = float(secondary["env"]["DR_CANARY_INTERVAL_SECONDS"])
    if secondary["alarm"]["comparison_operator"] != "GreaterThanThreshold":
        fail("the canary alarm is expected to fire above its threshold")
    if primary["code"] != secondary["code"] or primary["ready"] != secondary["ready"]:
        fail("the two regions embed different canaries")
    readiness = primary["ready"] is not None

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    work = tempfile.mkdtemp(prefix="dr-canary.")
    processes = {}
    try:
        code_path, module = load(primary["code"], work)
        check_signature(module)
        command = [sys.executable, code_path]
        if readiness:
            ready_path, ready_module = load(primary["ready"], work, "dr_ready")
            command = [sys.executable, ready_path, code_path]
        tables = {}
        for region, site in regions.items():
            env = site["env"]
            client = boto3.client("dynamodb", region_name=region, endpoint_url=endpoint, **lower(KEYS))
            client.create_table(
                TableName=env["DR_TABLE_NAME"],
                KeySchema=[
                    {"AttributeName": env["DR_TABLE_PARTITION_KEY"], "KeyType": "HASH"},
                    {"AttributeName": env["DR_TABLE_SORT_KEY"], "KeyType": "RANGE"},
                ],
                AttributeDefinitions=[
                    {"AttributeName": env["DR_TABLE_PARTITION_KEY"], "AttributeType": "S"},
                    {"AttributeName": env["DR_TABLE_SORT_KEY"], "AttributeType": "S"},
                ],
                BillingMode="PAY_PER_REQUEST",
            )
            tables[region] = (client, env)

        replicating = threading.Event()
        replicating.set()
        stop = threading.Event()

        def replicate():
            """DynamoDB's replication, played: each region's heartbeat copied to the other."""
            while not stop.is_set():
                if replicating.is_set():
                    for source, (client, env) in tables.items():
                        key = {
                            env["DR_TABLE_PARTITION_KEY"]: {"S": "dr-canary#" + source},
                            env["DR_TABLE_SORT_KEY"]: {"S": "heartbeat"},
                        }
                        item = client.get_item(TableName=env["DR_TABLE_NAME"], Key=key).get("Item")
                        for target, (other, other_env) in tables.items():
                            if item and target != source:
                                other.put_item(TableName=other_env["DR_TABLE_NAME"], Item=item)
                stop.wait(0.5)

        replicator = threading.Thread(target=replicate, daemon=True)
        replicator.start()

        status_files = {}
        ready_files = {region: os.path.join(work, f"{region}.ready") for region in regions}

        def start(region):
            """The region's canary, as systemd starts it: its state directory kept across runs."""
            env = dict(regions[region]["env"], AWS_ENDPOINT_URL=endpoint, **KEYS)
            env["DR_CANARY_STATUS_FILE"] = status_files[region]
            if readiness:
                env["DR_CANARY_READY_FILE"] = ready_files[region]
            env["STATE_DIRECTORY"] = os.path.join(work, f"{region}-state")
            os.makedirs(env["STATE_DIRECTORY"], mode=0o700, exist_ok=True)
            env["PATH"] = os.environ.get("PATH", "/usr/bin:/bin")
            processes[region] = subprocess.Popen(
                command, env=env,
                stderr=open(os.path.join(work, f"{region}.log"), "a"),
            )

        for region in regions:
            status_files[region] = os.path.join(work, f"{region}.json")
            start(region)
        p, s = primary["env"]["DR_REGION"], secondary["env"]["DR_REGION"]

        log(f"both regions write and read, every {interval:g} s; alarm threshold {threshold:g} s")
        for region in (p, s):
            wait_for(
                f"{region} reads its peer's heartbeat",
                lambda r=region: status(status_files[r]).get("peerSequence", 0) >= 2,
                6 * interval,
            )
            seen = status(status_files[region])
            if seen["failed"] or seen["peerHeartbeatAgeSeconds"] >= threshold:
                fail(f"{region}: {seen}")
            top = maximum(endpoint, regions[region]["alarm"], region)
            if top > threshold:
                fail(f"{region} published {top} s, above the threshold while all is well")
            log(f"{region}: age {seen['peerHeartbeatAgeSeconds']} s, published maximum {top:.1f} s")

        log(f"the primary's canary paused: the secondary's age must pass {threshold:g} s")
        processes[p].send_signal(signal.SIGSTOP)
        wait_for(
            "the secondary's age passes the threshold",
            lambda: status(status_files[s]).get("peerHeartbeatAgeSeconds", 0) > threshold + interval,
            threshold + 6 * interval,
        )
        top = maximum(endpoint, secondary["alarm"], s)
        if not top > threshold:
            fail(f"the secondary published at most {top} s with the primary paused")
        log(f"{s} published {top:.1f} s > {threshold:g} s: the alarm's condition holds")

        processes[p].send_signal(signal.SIGCONT)
        wait_for(
            "the secondary's age falls back once the primary writes again",
            lambda: status(status_files[s]).get("peerHeartbeatAgeSeconds", threshold) < 2 * interval,
            4 * interval,
        )
        log(f"resumed: {s}'s age is {status(status_files[s])['peerHeartbeatAgeSeconds']} s again")

        log("the secondary's status file cannot be written: the canary must keep publishing")
        os.mkdir(status_files[s] + ".partial")  # open() for writing fails on a directory
        samples = count(endpoint, secondary["alarm"], s)
        time.sleep(3 * interval)
        if processes[s].poll() is not None:
            fail(f"the secondary's canary ended ({processes[s].returncode}) on a status write")
        if count(endpoint, secondary["alarm"], s) < samples + 2:
            fail("the secondary stopped publishing when its status file could not be written")
        if "status: " not in read_log(work, s):
            fail("the failed status write is not in the canary's log")
        os.rmdir(status_files[s] + ".partial")
        log("it logged the failed write and published on")

        log("the primary paused again, and its heartbeats forged in the secondary's table")
        processes[p].send_signal(signal.SIGSTOP)
        replicating.clear()
        wait_for(
            "the secondary's age passes the threshold",
            lambda: status(status_files[s]).get("peerHeartbeatAgeSeconds", 0) > threshold,
            threshold + 6 * interval,
        )
        client, env = tables[s]
        key = {
            env["DR_TABLE_PARTITION_KEY"]: {"S": "dr-canary#" + p},
            env["DR_TABLE_SORT_KEY"]: {"S": "heartbeat"},
        }

        def forge(sequence, written):
            item = dict(key, region={"S": p}, writtenAt={"N": f"{written:.3f}"},
                        sequence={"N": str(sequence)}, writer={"S": "forged"})
            client.put_item(TableName=env["DR_TABLE_NAME"], Item=item)

        forge(10**6, time.time() + 3600)
        time.sleep(2 * interval)
        seen = status(status_files[s])
        if seen.get("peerHeartbeatAgeSeconds", 0) <= threshold or "peer-clock" not in seen["failed"]:
            fail(f"a heartbeat from the future was taken: {seen}")
        log(f"a heartbeat an hour ahead: ignored, age {seen['peerHeartbeatAgeSeconds']} s")
        forge(10**6 + 1, time.time() - 3600)
        time.sleep(2 * interval)
        seen = status(status_files[s])
        if seen.get("peerHeartbeatAgeSeconds", 0) < 3600:
            fail(f"an hour-old heartbeat with a new sequence made the age young: {seen}")
        log(f"a new heartbeat an hour old: age {seen['peerHeartbeatAgeSeconds']} s")

        log("the secondary's canary restarted: it goes on from its state")
        before = status(status_files[s])
        processes[s].terminate()
        processes[s].wait()
        os.remove(status_files[s])
        start(s)
        wait_for("the restarted canary writes its status", lambda: status(status_files[s]), 4 * interval)
        after = status(status_files[s])
        if after["sequence"] != before["sequence"] + 1:
            fail(f"the sequence did not go on across the restart: {before} then {after}")
        if after["peerHeartbeatAgeSeconds"] < before["peerHeartbeatAgeSeconds"]:
            fail(f"the age fell across the restart: {before} then {after}")
        log(f"sequence {before['sequence']} then {after['sequence']};"
            f" age {before['peerHeartbeatAgeSeconds']} s then {after['peerHeartbeatAgeSeconds']} s")

        processes[p].send_signal(signal.SIGCONT)
        replicating.set()
        wait_for(
            "the secondary's age falls back once the primary writes again",
            lambda: status(status_files[s]).get("peerHeartbeatAgeSeconds", threshold) < 2 * interval,
            4 * interval,
        )
        log("resumed again: the primary's real heartbeats are new and counted")
        if readiness:
            check_readiness(tables, ready_files, p, s, interval, ready_module.CALL_TIMEOUT, replicating)
        stop.set()
        replicator.join()
    finally:
        for process in processes.values():
            process.send_signal(signal.SIGCONT)
            process.terminate()
            process.wait()
        for region in processes:
            tail = read_log(work, region)[-2000:]
            if tail:
                log(f"{region} canary's output:\n{tail}")
        server.stop()
    log("canary check passed")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
