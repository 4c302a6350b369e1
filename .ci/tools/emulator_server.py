"""moto's server, plus what the stack needs and moto lacks; see docs/maintainers/testing.md.

  emulator_server.py [-H HOST] [-p PORT]   runs like `moto_server -H HOST -p PORT`

Every change to moto is a Patch in PATCHES (near the end): its name, the moto version it was
checked against, moto's behaviour it corrects, why the stack needs it, how it is applied (a WSGI
middleware in front of moto's own application, in the same process, or a fix of moto's code) and a
probe that shows the behaviour. .ci/tools/emulator_server_test.py runs each probe against moto
alone, which must still misbehave (else the test says to remove the patch), and against this
server, which must not. Besides the patches, OneAtATime logs every call for the tier's moto.log,
and RegionOutage closes regions on request (the tier's outages; off until asked for).

The CloudWatch translation: the AWS provider 6.x (aws-sdk-go-v2) calls CloudWatch only in Smithy
RPC v2 CBOR (POST /service/GraniteServiceVersion20100801/operation/<Operation>, CBOR bodies), which
moto does not route. moto does implement CloudWatch in the AWS JSON 1.0 protocol, as listed by
botocore's model of the service (a botocore whose CloudWatch model lists "json": pinned in
.ci/emulator-requirements.txt). So each such request is translated: CBOR body to JSON, X-Amz-Target
set to the operation; and moto's JSON answer back to CBOR, with the `smithy-protocol: rpc-v2-cbor`
header the SDK checks. Timestamps, blobs and numbers are converted shape by shape from botocore's
model of the operation. Every other request goes to moto unchanged.

Runs in the emulator virtualenv (python-tools.sh .ci/emulator-requirements.txt): moto, botocore,
cbor2, werkzeug (and boto3, for the probes).
"""

import argparse
import base64
import collections
import dataclasses
import datetime
import json
import os
import re
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

import botocore.session
import cbor2
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import run_simple
from werkzeug.wrappers import Request

RPC_V2_PATH = re.compile(r"^/service/([^/]+)/operation/([^/]+)$")
# Smithy service name (the JSON protocol's target prefix) -> botocore service name. Only the
# services that the stack uses and that the provider calls in CBOR.
CBOR_SERVICES = {"GraniteServiceVersion20100801": "cloudwatch"}
UTC = datetime.timezone.utc


def _convert(value, shape, leaf):
    """`value` of `shape`, its containers walked and each scalar converted by `leaf(value, kind)`."""
    if value is None or shape is None:
        return value
    kind = shape.type_name
    if kind == "structure":
        return {
            name: _convert(v, shape.members.get(name), leaf)
            for name, v in value.items()
            if v is not None
        }
    if kind == "list":
        return [_convert(v, shape.member, leaf) for v in value]
    if kind == "map":
        return {k: _convert(v, shape.value, leaf) for k, v in value.items()}
    return leaf(value, kind)


def _json_scalar(value, kind):
    """A decoded CBOR scalar as the JSON protocol has it."""
    if kind == "timestamp" and isinstance(value, datetime.datetime):
        return value.timestamp()
    if kind == "blob" and isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _cbor_scalar(value, kind):
    """A scalar of moto's JSON answer as Smithy RPC v2 CBOR has it."""
    if kind == "timestamp":
        if isinstance(value, (int, float)):
            return datetime.datetime.fromtimestamp(value, UTC)
        if isinstance(value, str):
            parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        return value
    if kind == "blob":
        return base64.b64decode(value) if isinstance(value, str) else value
    if kind in ("double", "float"):
        return float(value)
    if kind in ("integer", "long", "short", "byte"):
        return int(value)
    return value


class RpcV2CborToJson:
    """WSGI middleware: Smithy RPC v2 CBOR requests of CBOR_SERVICES to moto in AWS JSON 1.0."""

    def __init__(self, app):
        self.app = app
        self.session = botocore.session.get_session()
        self.models = {}

    def model(self, target):
        if target not in self.models:
            self.models[target] = self.session.get_service_model(CBOR_SERVICES[target])
        return self.models[target]

    def __call__(self, environ, start_response):
        match = RPC_V2_PATH.match(environ.get("PATH_INFO", ""))
        if (
            not match
            or match.group(1) not in CBOR_SERVICES
            or "rpc-v2-cbor" not in environ.get("HTTP_SMITHY_PROTOCOL", "")
        ):
            return self.app(environ, start_response)
        target, operation_name = match.groups()
        try:
            operation = self.model(target).operation_model(operation_name)
        except Exception:  # an operation botocore does not know: let moto answer it (404)
            return self.app(environ, start_response)

        raw = Request(environ).get_data()
        params = cbor2.loads(raw) if raw else {}
        body = json.dumps(_convert(params, operation.input_shape, _json_scalar) or {}).encode("utf-8")
        inner = dict(environ)
        for key in ("HTTP_SMITHY_PROTOCOL", "HTTP_ACCEPT", "HTTP_TRANSFER_ENCODING"):
            inner.pop(key, None)
        inner.update(
            {
                "PATH_INFO": "/",
                "RAW_URI": "/",
                "REQUEST_URI": "/",
                "QUERY_STRING": "",
                "CONTENT_TYPE": "application/x-amz-json-1.0",
                "CONTENT_LENGTH": str(len(body)),
                "HTTP_X_AMZ_TARGET": f"{target}.{operation_name}",
                "wsgi.input": _BytesInput(body),
                "wsgi.input_terminated": True,
            }
        )

        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        answer = _whole(self.app(inner, capture))

        status = captured["status"]
        try:
            decoded = json.loads(answer) if answer.strip() else {}
        except ValueError:
            decoded = {"__type": "InternalFailure", "message": answer.decode("utf-8", "replace")}
        if status.startswith("2"):
            payload = _convert(decoded, operation.output_shape, _cbor_scalar) if operation.output_shape else {}
        else:
            # Errors: the shape name in __type (without a namespace prefix) and the message.
            error_type = str(decoded.get("__type", "InternalFailure")).rsplit("#", 1)[-1]
            payload = {"__type": error_type}
            message = decoded.get("message", decoded.get("Message"))
            if message is not None:
                payload["message"] = message
        out = cbor2.dumps(payload or {}, datetime_as_timestamp=True)
        headers = [
            (k, v)
            for k, v in captured["headers"]
            if k.lower() not in ("content-type", "content-length", "smithy-protocol")
        ]
        headers += [
            ("Content-Type", "application/cbor"),
            ("Content-Length", str(len(out))),
            ("smithy-protocol", "rpc-v2-cbor"),
        ]
        start_response(status, headers)
        return [out]


AUTOSCALING_NS = "http://autoscaling.amazonaws.com/doc/2011-01-01/"
INSTANCE_REFRESH_ACTIONS = {
    "StartInstanceRefresh",
    "DescribeInstanceRefreshes",
    "CancelInstanceRefresh",
}


class InstanceRefreshes:
    """WSGI middleware: the Auto Scaling instance-refresh actions, in the query protocol.

    A started refresh is recorded with its preferences and reported Successful at once: no
    instance is replaced, but the tier can check what the provider asked for."""

    def __init__(self, app):
        self.app = app
        self.refreshes = {}  # (region, group) -> list of (id, preferences), newest last

    def __call__(self, environ, start_response):
        scope = environ.get("HTTP_AUTHORIZATION", "")
        if "/autoscaling/aws4_request" not in scope or environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        raw = Request(environ).get_data()
        form = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
        action = form.get("Action", [""])[0]
        if action not in INSTANCE_REFRESH_ACTIONS:
            environ["wsgi.input"] = _BytesInput(raw)
            environ["CONTENT_LENGTH"] = str(len(raw))
            return self.app(environ, start_response)
        region = scope.split("/")[2] if scope.count("/") >= 3 else "us-east-1"
        group = form.get("AutoScalingGroupName", [""])[0]
        history = self.refreshes.setdefault((region, group), [])
        if action == "StartInstanceRefresh":
            preferences = {
                key.split(".", 1)[1]: values[0]
                for key, values in form.items()
                if key.startswith("Preferences.")
            }
            refresh_id = str(uuid.uuid4())
            history.append((refresh_id, preferences))
            result = f"<InstanceRefreshId>{refresh_id}</InstanceRefreshId>"
        elif action == "DescribeInstanceRefreshes":
            members = "".join(
                "<member>"
                f"<InstanceRefreshId>{refresh_id}</InstanceRefreshId>"
                f"<AutoScalingGroupName>{escape(group)}</AutoScalingGroupName>"
                "<Status>Successful</Status><PercentageComplete>100</PercentageComplete>"
                "<Preferences>"
                + "".join(
                    f"<{escape(k)}>{escape(v)}</{escape(k)}>"
                    for k, v in preferences.items()
                    if "." not in k
                )
                + "</Preferences></member>"
                for refresh_id, preferences in reversed(history)
            )
            result = f"<InstanceRefreshes>{members}</InstanceRefreshes>"
        else:  # CancelInstanceRefresh: every refresh here has already finished.
            body = (
                f'<ErrorResponse xmlns="{AUTOSCALING_NS}"><Error><Type>Sender</Type>'
                "<Code>ActiveInstanceRefreshNotFound</Code>"
                "<Message>No in progress or pending Instance Refresh found</Message></Error>"
                f"<RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>"
            ).encode("utf-8")
            start_response("400 Bad Request", [("Content-Type", "text/xml")])
            return [body]
        body = (
            f'<{action}Response xmlns="{AUTOSCALING_NS}"><{action}Result>{result}</{action}Result>'
            f"<ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId></ResponseMetadata>"
            f"</{action}Response>"
        ).encode("utf-8")
        start_response("200 OK", [("Content-Type", "text/xml"), ("Content-Length", str(len(body)))])
        return [body]


def _whole(answer):
    """A WSGI application's answer, read whole and closed."""
    try:
        return b"".join(answer)
    finally:
        if hasattr(answer, "close"):
            answer.close()


class OneAtATime:
    """WSGI middleware: one request at a time through `app`, its answer read whole inside the lock.

    Each call is logged to stderr (the tier's moto.log) as `call: <region> <action> <ids> <status>
    attempt=<n> waited=<ms> served=<ms>` (the status followed by `replayed` for a RetryReplay), so
    that a failing step can show what moto was asked, and when."""

    # Query-protocol parameters that name what a call acts on.
    IDS = ("GroupId", "GroupName", "SecurityGroupRuleId.1", "AutoScalingGroupName", "Name")
    CREDENTIAL_SCOPE = re.compile(r"Credential=[^/]+/[^/]+/([^/]+)/")
    ATTEMPT = re.compile(r"attempt=(\d+)")

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = _BytesInput(body)
        attempt = self.ATTEMPT.search(environ.get("HTTP_AMZ_SDK_REQUEST", ""))
        answer = []

        def recording_start_response(code, headers, exc_info=None):
            answer[:] = [code, list(headers)]
            return start_response(code, headers, exc_info)

        arrived = time.monotonic()
        with self.lock:
            started = time.monotonic()
            whole = _whole(self.app(environ, recording_start_response))
        done = time.monotonic()
        outcome = answer[0].split()[0] if answer else "-"
        if environ.get(RetryReplay.REPLAYED):
            outcome += " replayed"
        print(
            f"call: {self.describe(environ, body)} {outcome}"
            f" attempt={attempt.group(1) if attempt else '-'}"
            f" waited={(started - arrived) * 1000:.0f}ms served={(done - started) * 1000:.0f}ms",
            file=sys.stderr,
            flush=True,
        )
        return [whole]

    @classmethod
    def describe(cls, environ, body):
        scope = cls.CREDENTIAL_SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
        region = scope.group(1) if scope else "-"
        target = environ.get("HTTP_X_AMZ_TARGET")
        if target:
            return f"{region} {target}"
        form_encoded = "x-www-form-urlencoded" in environ.get("CONTENT_TYPE", "")
        form = parse_qs(body.decode("utf-8", "replace")) if form_encoded else {}
        action = form.get("Action", [environ.get("PATH_INFO", "")])[0]
        ids = " ".join(f"{k}={form[k][0]}" for k in cls.IDS if k in form)
        return f"{region} {action} {ids}".rstrip()


class RetryReplay:
    """WSGI middleware: a retry of a call that `app` has already answered with success gets that
    answer again instead of being served twice.

    The SDK sends the same `amz-sdk-invocation-id` with each attempt of one call. It must run
    inside OneAtATime, so that a retry arriving while its first attempt is served waits for it."""

    REPLAYED = "dr_stack.replayed"  # environ key that tells OneAtATime's log
    ANSWERS_KEPT = 5000

    def __init__(self, app):
        self.app = app
        self.answered = collections.OrderedDict()  # invocation id -> (status, headers, body)

    def __call__(self, environ, start_response):
        invocation = environ.get("HTTP_AMZ_SDK_INVOCATION_ID")
        earlier = self.answered.get(invocation) if invocation else None
        if earlier:
            code, headers, whole = earlier
            environ[self.REPLAYED] = True
            start_response(code, headers)
            return [whole]
        answer = []

        def recording_start_response(code, headers, exc_info=None):
            answer[:] = [code, list(headers)]
            return start_response(code, headers, exc_info)

        whole = _whole(self.app(environ, recording_start_response))
        if invocation and answer and answer[0].startswith("2"):
            self.answered[invocation] = (answer[0], answer[1], whole)
            if len(self.answered) > self.ANSWERS_KEPT:
                self.answered.popitem(last=False)
        return [whole]


class RegionOutage:
    """WSGI middleware: the tier's regional outages. While a region is down, every request signed
    for it is refused with HTTP 503, whatever its service and endpoint URL: the region comes from
    the request's SigV4 credential scope (the Authorization header, or X-Amz-Credential of a
    presigned URL), which a client cannot leave out and which names the region whose endpoint the
    call is meant for. Global services sign for us-east-1 (Route 53, IAM, Organizations and the
    global STS endpoint), so us-east-1 down closes them too; they, and a request whose Host is a
    global or us-east-1 endpoint, are refused while us-east-1 is down whatever region they name.
    Unsigned requests are refused during any outage.

    Switched at runtime: `POST /dr-stack/outage?down=us-east-1,...` (`down=` empty: every region
    back); `GET` answers the regions down. Not a patch of moto (moto has no outages): outside
    PATCHES, the outermost layer, and off until asked for."""

    CONTROL = "/dr-stack/outage"
    GLOBAL_REGION = "us-east-1"
    # Their control planes live in us-east-1 whatever region a request is signed for (regional STS
    # is not among them: its global endpoint is refused by region or Host instead).
    GLOBAL_SERVICES = frozenset({"iam", "route53", "organizations", "cloudfront"})
    GLOBAL_HOST = re.compile(
        r"^(?:(?:sts|iam|route53|organizations|cloudfront)\.amazonaws\.com|[^:]*\.us-east-1\.[^:]*)(?::\d+)?$"
    )
    SCOPE = re.compile(r"Credential=[^/,&\s]+/\d{8}/([^/]+)/([^/]+)/aws4_request")

    def __init__(self, app):
        self.app = app
        self.down = frozenset()

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == self.CONTROL:
            return self.control(environ, start_response)
        refused = self.refusal(environ) if self.down else None
        if refused is None:
            return self.app(environ, start_response)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        print(
            f"call: {OneAtATime.describe(environ, body)} 503 attempt=- outage: {refused}",
            file=sys.stderr,
            flush=True,
        )
        answer = (
            "<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>"
            f"<Message>emulated outage: {escape(refused)}</Message></Error></ErrorResponse>"
        ).encode("utf-8")
        start_response(
            "503 Service Unavailable",
            [("Content-Type", "text/xml"), ("Content-Length", str(len(answer)))],
        )
        return [answer]

    def refusal(self, environ):
        """Why the request may not be served while self.down is down, or None."""
        signed = environ.get("HTTP_AUTHORIZATION", "") + " " + environ.get("QUERY_STRING", "")
        scope = self.SCOPE.search(signed.replace("%2F", "/").replace("%2f", "/"))
        if scope is None:
            return f"an unsigned request, while {', '.join(sorted(self.down))} is down"
        region, service = scope.groups()
        if region in self.down:
            return f"{service} in {region}, which is down"
        if self.GLOBAL_REGION in self.down:
            if service in self.GLOBAL_SERVICES:
                return f"{service}, a global service whose API is in {self.GLOBAL_REGION}"
            if self.GLOBAL_HOST.match(environ.get("HTTP_HOST", "")):
                return f"the endpoint {environ.get('HTTP_HOST')}, served from {self.GLOBAL_REGION}"
        return None

    def control(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "POST":
            down = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True).get("down", [""])
            self.down = frozenset(r for r in down[0].split(",") if r)
            print(f"outage: down {sorted(self.down)}", file=sys.stderr, flush=True)
        body = json.dumps({"down": sorted(self.down)}).encode("utf-8")
        start_response(
            "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        )
        return [body]


class _BytesInput:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def read(self, size=-1):
        end = len(self.data) if size is None or size < 0 else min(len(self.data), self.pos + size)
        chunk, self.pos = self.data[self.pos : end], end
        return chunk

    def readline(self, size=-1):
        end = self.data.find(b"\n", self.pos)
        end = len(self.data) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self.pos + size)
        chunk, self.pos = self.data[self.pos : end], end
        return chunk

    def __iter__(self):
        line = self.readline()
        while line:
            yield line
            line = self.readline()


def fix_launch_template_versions(app):
    """Launch template versions' UserData as moto expects it, however the version was made."""
    from moto.core.types import Base64EncodedString
    from moto.ec2.models.launch_templates import LaunchTemplateVersion

    def user_data(version):
        value = version.data.get("UserData")
        return Base64EncodedString(value) if isinstance(value, str) else value

    LaunchTemplateVersion.user_data = property(user_data)
    return app


def fix_security_group_rule_revocation(app):
    """A revocation by rule id of a rule the group does not have answers as AWS does."""
    from moto.ec2.exceptions import InvalidSecurityGroupRuleIdNotFoundError
    from moto.ec2.models.security_groups import SecurityGroupBackend

    def checked(original, rules):
        def revoke(self, group_name_or_id, **kwargs):
            group = self.get_security_group_by_name_or_id(group_name_or_id, kwargs.get("vpc_id"))
            if group is not None:
                known = {rule.id for rule in getattr(group, rules)}
                for rule_id in kwargs.get("security_rule_ids") or []:
                    if rule_id not in known:
                        raise InvalidSecurityGroupRuleIdNotFoundError(rule_id)
            return original(self, group_name_or_id, **kwargs)

        return revoke

    for method, rules in (
        ("revoke_security_group_ingress", "ingress_rules"),
        ("revoke_security_group_egress", "egress_rules"),
    ):
        setattr(SecurityGroupBackend, method, checked(getattr(SecurityGroupBackend, method), rules))
    return app


# The probes: each sends what the stack's provider sends and returns what moto answered when moto
# still behaves as the patch's `behaviour` says (the patch is needed), or None when it behaves as
# AWS does. Run against moto alone (`moto_server`) they show the patch is still needed; against
# this server, that it corrects the behaviour (.ci/tools/emulator_server_test.py runs both).


def _client(endpoint, service, region="us-east-1"):
    import boto3
    from botocore.config import Config

    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"total_max_attempts": 1}),
    )


def _failure(call):
    """None if `call()` succeeds, else what it failed with."""
    from botocore.exceptions import BotoCoreError, ClientError
    from botocore.parsers import ResponseParserError

    try:
        call()
    except (BotoCoreError, ClientError, ResponseParserError) as error:
        return f"{type(error).__name__}: {str(error)[:300]}"
    return None


def _post(endpoint, path, body, headers):
    """(status, headers, body) of a POST, errors included."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(endpoint + path, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _authorization(region, service):
    """An Authorization header with the credential scope moto routes by (it checks no signature)."""
    scope = f"test/20260101/{region}/{service}/aws4_request"
    return f"AWS4-HMAC-SHA256 Credential={scope}, SignedHeaders=host, Signature=0"


def _probe_name(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def cloudwatch_cbor_refused(endpoint):
    """An alarm put and described in Smithy RPC v2 CBOR, as aws-sdk-go-v2 sends them (boto3 would
    fall back to JSON), reads back with its threshold and a timestamp."""
    name = _probe_name("probe-alarm")
    answers = []
    for operation, params in (
        (
            "PutMetricAlarm",
            {
                "AlarmName": name,
                "Namespace": "DrStack/Probe",
                "MetricName": "Errors",
                "Statistic": "Sum",
                "Period": 60,
                "EvaluationPeriods": 1,
                "Threshold": 10.0,
                "ComparisonOperator": "GreaterThanThreshold",
            },
        ),
        ("DescribeAlarms", {"AlarmNames": [name]}),
    ):
        status, headers, body = _post(
            endpoint,
            f"/service/GraniteServiceVersion20100801/operation/{operation}",
            cbor2.dumps(params),
            {
                "smithy-protocol": "rpc-v2-cbor",
                "Content-Type": "application/cbor",
                "Accept": "application/cbor",
                "Authorization": _authorization("us-east-1", "monitoring"),
            },
        )
        if status != 200 or headers.get("smithy-protocol") != "rpc-v2-cbor":
            return f"{operation} answered {status} {body[:200]!r}"
        answers.append(cbor2.loads(body) if body else {})
    alarms = answers[-1].get("MetricAlarms") or [{}]
    alarm = alarms[0]
    updated = alarm.get("StateUpdatedTimestamp")
    if alarm.get("Threshold") != 10.0 or not isinstance(updated, datetime.datetime):
        return f"the alarm read back as {alarm}"
    return None


def instance_refresh_refused(endpoint):
    autoscaling, group = _client(endpoint, "autoscaling"), _probe_name("probe-group")
    preferences = {"MinHealthyPercentage": 100, "MaxHealthyPercentage": 200}
    failure = _failure(
        lambda: autoscaling.start_instance_refresh(
            AutoScalingGroupName=group, Preferences=preferences
        )
    )
    if failure:
        return failure
    refreshes = autoscaling.describe_instance_refreshes(AutoScalingGroupName=group)
    last = (refreshes["InstanceRefreshes"] or [{}])[0]
    asked = {key: last.get("Preferences", {}).get(key) for key in preferences}
    if last.get("Status") != "Successful" or asked != preferences:
        return f"the refresh read back as {refreshes}"
    return None


def requests_served_together(endpoint):
    """A short call made while a long one (an SQS long poll of 2 s) is served is answered at once."""
    sqs = _client(endpoint, "sqs")
    queue = sqs.create_queue(QueueName=_probe_name("probe-queue"))["QueueUrl"]
    poll = threading.Thread(target=lambda: sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=2))
    poll.start()
    time.sleep(0.5)
    started = time.monotonic()
    sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])
    waited = time.monotonic() - started
    poll.join()
    if waited < 1.0:
        return f"a call was answered in {waited:.2f} s while another was being served"
    return None


def retry_served_twice(endpoint):
    """The second attempt of one CreateSecurityGroup (the first's answer lost) is served again."""
    body = (
        "Action=CreateSecurityGroup&Version=2016-11-15&GroupDescription=probe"
        f"&GroupName={_probe_name('probe-sg')}"
    )
    invocation, answers = str(uuid.uuid4()), []
    for attempt in (1, 2):
        status, _, answer = _post(
            endpoint,
            "/",
            body.encode("utf-8"),
            {
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Authorization": _authorization("us-east-1", "ec2"),
                "amz-sdk-invocation-id": invocation,
                "amz-sdk-request": f"attempt={attempt}; max=3",
            },
        )
        answers.append((status, answer))
    (first_status, first), (status, again) = answers
    if first_status != 200:
        return f"the first attempt failed: {first_status} {first[:300]!r}"
    if (status, again) != (200, first):
        return f"the retry answered {status} {again[:300]!r}"
    return None


def template_user_data_breaks_launch(endpoint):
    """An Auto Scaling group launches from a template version made with UserData, which the
    instance then has."""
    ec2, autoscaling = _client(endpoint, "ec2"), _client(endpoint, "autoscaling")
    name = _probe_name("probe")
    user_data = base64.b64encode(b"#!/bin/sh\necho probe\n").decode("ascii")
    launched = []

    def launch():
        ec2.create_launch_template(
            LaunchTemplateName=name,
            LaunchTemplateData={"ImageId": "ami-12c6146b", "InstanceType": "t3.micro"},
        )
        ec2.create_launch_template_version(
            LaunchTemplateName=name, SourceVersion="1", LaunchTemplateData={"UserData": user_data}
        )
        autoscaling.create_auto_scaling_group(
            AutoScalingGroupName=name, LaunchTemplate={"LaunchTemplateName": name, "Version": "2"},
            MinSize=1, MaxSize=1, DesiredCapacity=1, AvailabilityZones=["us-east-1a"],
        )
        groups = autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[name])
        for instance in groups["AutoScalingGroups"][0]["Instances"]:
            attribute = ec2.describe_instance_attribute(
                InstanceId=instance["InstanceId"], Attribute="userData"
            )
            launched.append(attribute["UserData"].get("Value"))
        autoscaling.delete_auto_scaling_group(AutoScalingGroupName=name, ForceDelete=True)

    failure = _failure(launch)
    if failure:
        return failure
    return None if launched == [user_data] else f"the group's instances have user data {launched}"


def missing_rule_revocation_misnamed(endpoint):
    from botocore.exceptions import ClientError

    ec2 = _client(endpoint, "ec2")
    group = ec2.create_security_group(GroupName=_probe_name("probe-sg"), Description="probe")
    group = group["GroupId"]
    answers = []
    for revoke in (ec2.revoke_security_group_ingress, ec2.revoke_security_group_egress):
        try:
            revoke(GroupId=group, SecurityGroupRuleIds=["sgr-0123456789abcdef0"])
            answers.append("success")
        except ClientError as error:
            answers.append(error.response["Error"]["Code"])
    ec2.delete_security_group(GroupId=group)
    wanted = "InvalidSecurityGroupRuleId.NotFound"
    return None if answers == [wanted, wanted] else f"ingress and egress answered {answers}"


def fix_route53_alarm_health_checks(app):
    """A health check that follows a CloudWatch alarm keeps its alarm, as AWS does."""
    from moto.route53.models import HealthCheck, Route53Backend
    from moto.route53.responses import Route53

    kept = ("AlarmIdentifier", "InsufficientDataHealthStatus")
    given = {}

    def remembering(original, in_config):
        def handler(self):
            params = (self._get_param("HealthCheckConfig") or {}) if in_config else {
                name: self._get_param(name) for name in kept}
            given.clear()
            given.update({name: params[name] for name in kept if params.get(name)})
            return original(self)

        return handler

    def keeping(original):
        def method(self, *args, **kwargs):
            check = original(self, *args, **kwargs)
            check.alarm = {**getattr(check, "alarm", {}), **given}
            given.clear()
            return check

        return method

    endpoint_only = ("IPAddress", "Port", "RequestInterval", "FailureThreshold", "MeasureLatency")
    plain = HealthCheck.health_check_config.fget

    def config(check):
        answer = plain(check)
        if check.type_ == "CLOUDWATCH_METRIC":
            for name in endpoint_only:
                answer.pop(name, None)
            answer.update(getattr(check, "alarm", {}))
        return answer

    Route53.create_health_check = remembering(Route53.create_health_check, True)
    Route53.update_health_check = remembering(Route53.update_health_check, False)
    Route53Backend.create_health_check = keeping(Route53Backend.create_health_check)
    Route53Backend.update_health_check = keeping(Route53Backend.update_health_check)
    HealthCheck.health_check_config = property(config)
    return app


def alarm_health_check_forgotten(endpoint):
    """A CLOUDWATCH_METRIC health check reads back with its alarm and without an endpoint's
    interval."""
    route53 = _client(endpoint, "route53")
    check = route53.create_health_check(
        CallerReference=_probe_name("probe-check"),
        HealthCheckConfig={
            "Type": "CLOUDWATCH_METRIC",
            "AlarmIdentifier": {"Region": "us-east-2", "Name": "probe-alarm"},
            "InsufficientDataHealthStatus": "LastKnownStatus",
        },
    )["HealthCheck"]
    config = route53.get_health_check(HealthCheckId=check["Id"])["HealthCheck"]["HealthCheckConfig"]
    route53.delete_health_check(HealthCheckId=check["Id"])
    alarm = config.get("AlarmIdentifier") or {}
    if (
        alarm.get("Name") != "probe-alarm"
        or config.get("InsufficientDataHealthStatus") != "LastKnownStatus"
        or "RequestInterval" in config
    ):
        return f"the check read back as {config}"
    return None


@dataclasses.dataclass(frozen=True)
class Patch:
    """One thing this server changes in moto: what moto does and why the stack needs otherwise.

    `apply(app)` installs it and returns the application to serve (a middleware around `app`, or
    `app` itself for a fix of moto's code); `probe(endpoint)` tells whether moto at `endpoint`
    still behaves as `behaviour` says (see the probes above)."""

    name: str
    moto: str  # the moto version `behaviour` was seen in, and the probe still sees
    behaviour: str
    needed_because: str
    apply: Callable
    probe: Callable


MOTO_VERSION = "5.2.5"  # as pinned in .ci/emulator-requirements.txt

# In the order they are applied: each later one wraps the application the earlier ones made.
PATCHES = (
    Patch(
        "launch-template-user-data",
        MOTO_VERSION,
        "a launch template version made by CreateLaunchTemplateVersion keeps its UserData as a plain"
        " string, so an Auto Scaling group launching from that version fails an assertion (HTTP 500)",
        "the provider makes a new version whenever the instances' user data changes, and the Auto"
        " Scaling group launches from it",
        fix_launch_template_versions,
        template_user_data_breaks_launch,
    ),
    Patch(
        "security-group-rule-revocation",
        MOTO_VERSION,
        "RevokeSecurityGroupIngress/Egress by SecurityGroupRuleIds of a rule the group does not have"
        " answers InvalidPermission.NotFound; AWS answers InvalidSecurityGroupRuleId.NotFound",
        "the provider takes AWS's answer for a rule already gone and moto's for a failed destroy; a"
        " revocation made twice (a retried call) failed a `cdktf destroy` in CI",
        fix_security_group_rule_revocation,
        missing_rule_revocation_misnamed,
    ),
    Patch(
        "route53-alarm-health-checks",
        MOTO_VERSION,
        "a CLOUDWATCH_METRIC health check loses its AlarmIdentifier and"
        " InsufficientDataHealthStatus, and reads back with an endpoint check's port, interval and"
        " failure threshold",
        "the failover switch and the data-tier health follow alarms; the provider would plan to"
        " replace each such check (request_interval forces a new one) at every plan",
        fix_route53_alarm_health_checks,
        alarm_health_check_forgotten,
    ),
    Patch(
        "cloudwatch-rpc-v2-cbor",
        MOTO_VERSION,
        "CloudWatch in Smithy RPC v2 CBOR (POST /service/GraniteServiceVersion20100801/operation/<Op>)"
        " is not routed (HTTP 404); moto serves CloudWatch in AWS JSON 1.0 only",
        "the AWS provider 6.x calls CloudWatch only in CBOR: without it no alarm applies",
        RpcV2CborToJson,
        cloudwatch_cbor_refused,
    ),
    Patch(
        "instance-refreshes",
        MOTO_VERSION,
        "StartInstanceRefresh, DescribeInstanceRefreshes and CancelInstanceRefresh are not"
        " implemented (HTTP 500)",
        "the provider starts a refresh whenever a group's launch template version changes, and the"
        " tier checks the preferences it asked for",
        InstanceRefreshes,
        instance_refresh_refused,
    ),
    Patch(
        "retry-replay",
        MOTO_VERSION,
        "a retried call (same amz-sdk-invocation-id) whose first attempt succeeded but whose answer"
        " was lost is served again: a create answers Duplicate, a delete NotFound",
        "on AWS the first answer arrives; a CreateSecurityGroup retried after an HTTP 500 of the"
        " thread race below answered InvalidGroup.Duplicate in CI",
        RetryReplay,
        retry_served_twice,
    ),
    Patch(
        "one-request-at-a-time",
        MOTO_VERSION,
        "requests are served concurrently, while the backends' dictionaries are not thread-safe: a"
        " call that reads them while another writes can fail with HTTP 500",
        "Terraform sends up to ten calls at once; each takes milliseconds, so serving them one at a"
        " time barely changes the tier's time. It also keeps retry-replay's record consistent",
        OneAtATime,
        requests_served_together,
    ),
)


def build_app():
    """moto's WSGI application with every patch applied."""
    app = DomainDispatcherApplication(create_backend_app)
    for patch in PATCHES:
        app = patch.apply(app)
    return RegionOutage(app)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args(argv)
    os.environ.setdefault("MOTO_PORT", str(args.port))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    run_simple(args.host, args.port, build_app(), threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main(sys.argv[1:])
