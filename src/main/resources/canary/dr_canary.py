#!/usr/bin/env python3
"""DR stack canary: proves that this region's replica of the global table takes writes and
receives the other region's.

Every DR_CANARY_INTERVAL_SECONDS it writes this region's heartbeat item (region, time, sequence)
to the local replica, reads the other region's, publishes the age of the newest heartbeat of the
other region it has seen as the CloudWatch metric PeerHeartbeatAge (seconds; dimensions TableName
and Region) and writes its status as JSON to DR_CANARY_STATUS_FILE (served on /canary); errors go
to stderr (the journal).

The age grows when the other region stops writing, when replication to here stops, and when this
region cannot read its replica: each of them means the data tier is not proven. It counts from when
a new peer heartbeat (sequence, writer) is first seen, or from its own time if earlier; one stamped
over FUTURE_ALLOWANCE s ahead is ignored. Until one arrives, from the start of watching. State kept
across restarts: $STATE_DIRECTORY/state.json. A failed file write never stops the metric.

Standard library only (Amazon Linux 2023 ships python3 without boto3): it signs its requests with
Signature Version 4 itself. Credentials come from the environment when AWS_ACCESS_KEY_ID is set
(CI), else from the instance role through IMDSv2. AWS_ENDPOINT_URL, when set, replaces both
services' endpoints (CI's emulator on loopback).
"""

import datetime
import hashlib
import hmac
import json
import os
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

METRIC = "PeerHeartbeatAge"
IMDS = "http://169.254.169.254"
TIMEOUT = 5
FUTURE_ALLOWANCE = 60  # Amazon Time Sync keeps instances milliseconds apart


def log(message):
    print(message, file=sys.stderr, flush=True)


class Credentials:
    """The environment's keys, or the instance role's, refreshed before they expire."""

    def __init__(self):
        self.keys = None
        self.expires = 0.0

    def get(self):
        if "AWS_ACCESS_KEY_ID" in os.environ:
            return (
                os.environ["AWS_ACCESS_KEY_ID"],
                os.environ["AWS_SECRET_ACCESS_KEY"],
                os.environ.get("AWS_SESSION_TOKEN"),
            )
        # The role's keys are valid for hours; take new ones 5 minutes before they expire.
        if self.keys is None or time.time() > self.expires - 300:
            token = self._imds("/latest/api/token", method="PUT",
                               headers={"X-aws-ec2-metadata-token-ttl-seconds": "300"})
            path = "/latest/meta-data/iam/security-credentials/"
            role = self._imds(path, headers={"X-aws-ec2-metadata-token": token}).split()[0]
            answer = json.loads(self._imds(path + role, headers={"X-aws-ec2-metadata-token": token}))
            self.keys = (answer["AccessKeyId"], answer["SecretAccessKey"], answer["Token"])
            expiration = answer["Expiration"].replace("Z", "+00:00")
            self.expires = datetime.datetime.fromisoformat(expiration).timestamp()
        return self.keys

    @staticmethod
    def _imds(path, method="GET", headers=None):
        request = urllib.request.Request(IMDS + path, method=method, headers=headers or {})
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read().decode("utf-8")


def _hmac(key, text):
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def sign(method, url, headers, body, service, region, keys, now):
    """The request's headers with Signature Version 4 added (x-amz-date, token, Authorization)."""
    access_key, secret_key, token = keys
    parts = urllib.parse.urlsplit(url)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    signed = {k.lower(): v.strip() for k, v in headers.items()}
    signed["host"] = parts.netloc
    signed["x-amz-date"] = amz_date
    if token:
        signed["x-amz-security-token"] = token
    names = sorted(signed)
    canonical = "\n".join(
        [
            method,
            urllib.parse.quote(parts.path or "/", safe="/~"),
            parts.query,
            "".join(f"{name}:{signed[name]}\n" for name in names),
            ";".join(names),
            hashlib.sha256(body).hexdigest(),
        ]
    )
    scope = f"{amz_date[:8]}/{region}/{service}/aws4_request"
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode("utf-8")).hexdigest()]
    )
    key = _hmac(("AWS4" + secret_key).encode("utf-8"), amz_date[:8])
    for part in (region, service, "aws4_request"):
        key = _hmac(key, part)
    signature = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    result = dict(headers)
    result["X-Amz-Date"] = amz_date
    if token:
        result["X-Amz-Security-Token"] = token
    result["Authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={access_key}/{scope}, "
        f"SignedHeaders={';'.join(names)}, Signature={signature}"
    )
    return result


class Client:
    """Signed calls to DynamoDB (JSON 1.0) and CloudWatch (query protocol) in one region."""

    def __init__(self, region, credentials):
        self.region = region
        self.credentials = credentials
        self.override = os.environ.get("AWS_ENDPOINT_URL")

    def call(self, service, headers, body):
        url = self.override or f"https://{service}.{self.region}.amazonaws.com"
        url = url.rstrip("/") + "/"
        now = datetime.datetime.now(datetime.timezone.utc)
        headers = sign("POST", url, headers, body, service, self.region, self.credentials.get(), now)
        request = urllib.request.Request(url, data=body, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            raise RuntimeError(f"{service} answered {error.code}: {detail}") from None

    def dynamodb(self, operation, payload):
        answer = self.call(
            "dynamodb",
            {
                "Content-Type": "application/x-amz-json-1.0",
                "X-Amz-Target": "DynamoDB_20120810." + operation,
            },
            json.dumps(payload).encode("utf-8"),
        )
        return json.loads(answer or b"{}")

    def put_metric(self, namespace, name, value, dimensions):
        form = {
            "Action": "PutMetricData",
            "Version": "2010-08-01",
            "Namespace": namespace,
            "MetricData.member.1.MetricName": name,
            "MetricData.member.1.Value": f"{value:.3f}",
            "MetricData.member.1.Unit": "Seconds",
        }
        for i, (key, val) in enumerate(sorted(dimensions.items()), start=1):
            form[f"MetricData.member.1.Dimensions.member.{i}.Name"] = key
            form[f"MetricData.member.1.Dimensions.member.{i}.Value"] = val
        self.call(
            "monitoring",
            {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
            urllib.parse.urlencode(form).encode("utf-8"),
        )


class Canary:
    def __init__(self, env, client):
        self.region = env["DR_REGION"]
        self.peer = env["DR_PEER_REGION"]
        self.table = env["DR_TABLE_NAME"]
        self.partition_key = env["DR_TABLE_PARTITION_KEY"]
        self.sort_key = env["DR_TABLE_SORT_KEY"]
        self.namespace = env["DR_CANARY_NAMESPACE"]
        self.interval = float(env["DR_CANARY_INTERVAL_SECONDS"])
        self.status_file = env["DR_CANARY_STATUS_FILE"]
        self.client = client
        directory = env.get("STATE_DIRECTORY", "").split(":")[0]
        self.state_file = os.path.join(directory, "state.json") if directory else None
        state = self.load_state(time.time())
        self.sequence = state.get("sequence", 0)
        self.watching_since = state.get("watchingSince", time.time())
        self.peer_heartbeat = (state.get("peerSequence"), state.get("peerWriter"))
        self.peer_seen = state.get("peerSeenAt")

    def load_state(self, now):
        if self.state_file is None:
            return {}
        try:
            with open(self.state_file, encoding="utf-8") as source:
                state = json.load(source)
            times = [state["watchingSince"]]
            if state.get("peerSeenAt") is not None:
                times.append(state["peerSeenAt"])
            if not isinstance(state["sequence"], int) or any(
                not isinstance(t, (int, float)) or t > now + FUTURE_ALLOWANCE for t in times
            ):
                raise ValueError(f"unusable: {state}")
            return state
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError) as error:
            log(f"state: starting afresh ({error})")
            return {}

    def save_state(self):
        if self.state_file is None:
            return
        state = {
            "sequence": self.sequence,
            "watchingSince": self.watching_since,
            "peerSequence": self.peer_heartbeat[0],
            "peerWriter": self.peer_heartbeat[1],
            "peerSeenAt": self.peer_seen,
        }
        partial = self.state_file + ".partial"
        with open(partial, "w", encoding="utf-8") as out:
            json.dump(state, out)
        os.replace(partial, self.state_file)

    def key(self, region):
        return {self.partition_key: {"S": "dr-canary#" + region}, self.sort_key: {"S": "heartbeat"}}

    def tick(self):
        now = time.time()
        self.sequence += 1
        status = {"region": self.region, "peerRegion": self.peer, "sequence": self.sequence}
        errors = []
        item = dict(self.key(self.region))
        item.update(
            {
                "region": {"S": self.region},
                "writtenAt": {"N": f"{now:.3f}"},
                "sequence": {"N": str(self.sequence)},
                "writer": {"S": socket.gethostname()},
            }
        )
        try:
            self.client.dynamodb("PutItem", {"TableName": self.table, "Item": item})
            status["heartbeatWrittenAt"] = now
        except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the loop
            errors.append(f"write: {error}")
        try:
            answer = self.client.dynamodb(
                "GetItem", {"TableName": self.table, "Key": self.key(self.peer)}
            )
            peer = answer.get("Item")
            if peer:
                written = float(peer["writtenAt"]["N"])
                heartbeat = (int(peer["sequence"]["N"]), peer.get("writer", {}).get("S"))
                status["peerSequence"] = heartbeat[0]
                read_at = time.time()
                if written > read_at + FUTURE_ALLOWANCE:
                    errors.append(
                        f"peer-clock: heartbeat {heartbeat} stamped {written - read_at:.0f} s"
                        " ahead of this clock: ignored"
                    )
                elif heartbeat != self.peer_heartbeat:
                    self.peer_heartbeat = heartbeat
                    self.peer_seen = min(read_at, written)
        except Exception as error:  # noqa: BLE001
            errors.append(f"read: {error}")
        age = max(0.0, time.time() - (self.peer_seen or self.watching_since))
        status["peerHeartbeatAt"] = self.peer_seen
        status["peerHeartbeatAgeSeconds"] = round(age, 3)
        try:
            self.client.put_metric(
                self.namespace, METRIC, age, {"TableName": self.table, "Region": self.region}
            )
        except Exception as error:  # noqa: BLE001
            errors.append(f"metric: {error}")
        # /canary is public through the load balancer: it names the failed steps only; the
        # messages, which may carry ARNs, go to the journal.
        status["failed"] = [error.split(":", 1)[0] for error in errors]
        status["updatedAt"] = time.time()
        for error in errors:
            log(error)
        try:
            self.save_state()
        except Exception as error:  # noqa: BLE001
            log(f"state: {error}")
        try:
            self.write_status(status)
        except Exception as error:  # noqa: BLE001
            log(f"status: {error}")
        return status

    def write_status(self, status):
        # Renamed into place: the web server never serves half a file.
        partial = self.status_file + ".partial"
        with open(partial, "w", encoding="utf-8") as out:
            json.dump(status, out)
        os.replace(partial, self.status_file)

    def run(self):
        log(f"canary: {self.region} -> {self.table}, peer {self.peer}, every {self.interval:g} s")
        while True:
            started = time.monotonic()
            self.tick()
            time.sleep(max(0.0, self.interval - (time.monotonic() - started)))


if __name__ == "__main__":
    Canary(os.environ, Client(os.environ["DR_REGION"], Credentials())).run()
