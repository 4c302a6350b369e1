"""moto's server, plus what the stack needs and moto lacks; see help/testing.md.

  emulator_server.py [-H HOST] [-p PORT]   runs like `moto_server -H HOST -p PORT`

Two additions, each in front of moto's own WSGI application, in the same process:
- the Smithy RPC v2 CBOR protocol for CloudWatch (below);
- Auto Scaling instance refreshes (StartInstanceRefresh, DescribeInstanceRefreshes,
  CancelInstanceRefresh), which moto does not implement (NotImplementedError, HTTP 500), while the
  provider starts one whenever a group's launch template version changes. A started refresh is
  recorded with its preferences and reported Successful at once: no instance is replaced, but the
  tier can check what the provider asked for.
And three fixes of moto itself:
- a launch template version made by CreateLaunchTemplateVersion keeps its UserData as a plain
  string, so launching an instance from it fails an assertion (HTTP 500);
- moto's backends are not thread-safe, while Terraform sends up to ten requests at once: a request
  that reads a backend's dictionaries while another writes them can fail with HTTP 500, and the
  SDK then retries a call that had in fact succeeded (a CreateSecurityGroup retried this way
  answers InvalidGroup.Duplicate, as in one failed CI run). Requests are served one at a time
  (OneAtATime); each takes milliseconds, so the tier's time barely changes. A retry of a call
  already answered with success gets that answer again (its first answer was lost on the way);
- a revocation by id of a rule the group does not have answers InvalidPermission.NotFound, where
  AWS answers InvalidSecurityGroupRuleId.NotFound, which the provider takes for a rule already gone
  (a revocation made twice, as a retried call is, then ends as on AWS).

The AWS provider 6.x (aws-sdk-go-v2) calls CloudWatch only in Smithy RPC v2 CBOR
(POST /service/GraniteServiceVersion20100801/operation/<Operation>, CBOR bodies), which moto
does not route (HTTP 404). moto does implement CloudWatch in the AWS JSON 1.0 protocol, as listed
by botocore's model of the service (a botocore whose CloudWatch model lists "json": pinned in
.ci/emulator-requirements.txt). So each such request is translated, in front of moto's own WSGI
application and in the same process: CBOR body to JSON, X-Amz-Target set to the operation; and
moto's JSON answer back to CBOR, with the `smithy-protocol: rpc-v2-cbor` header the SDK checks.
Timestamps, blobs and numbers are converted shape by shape from botocore's model of the
operation. Every other request goes to moto unchanged.

Runs in the emulator virtualenv (python-tools.sh .ci/emulator-requirements.txt): moto, botocore,
cbor2, werkzeug.
"""

import argparse
import base64
import collections
import datetime
import json
import os
import re
import signal
import sys
import threading
import time
import uuid
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
    """WSGI middleware: the Auto Scaling instance-refresh actions, in the query protocol."""

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

    A retry of a call that moto has already answered with success (the SDK sends the same
    `amz-sdk-invocation-id` with each attempt of one call) gets that answer again instead of being
    served twice: the first answer was lost on the way to the client, and serving a create or a
    delete twice fails where AWS, which the answer would have reached, succeeds.

    Each call is logged to stderr (the tier's moto.log) as `call: <region> <action> <ids> <status>
    attempt=<n> waited=<ms> served=<ms>` (or `replayed`), so that a failing step can show what moto
    was asked, and when."""

    # Query-protocol parameters that name what a call acts on.
    IDS = ("GroupId", "GroupName", "SecurityGroupRuleId.1", "AutoScalingGroupName", "Name")
    CREDENTIAL_SCOPE = re.compile(r"Credential=[^/]+/[^/]+/([^/]+)/")
    ATTEMPT = re.compile(r"attempt=(\d+)")
    ANSWERS_KEPT = 5000

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()
        self.answered = collections.OrderedDict()  # invocation id -> (status, headers, body)

    def __call__(self, environ, start_response):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = _BytesInput(body)
        invocation = environ.get("HTTP_AMZ_SDK_INVOCATION_ID")
        attempt = self.ATTEMPT.search(environ.get("HTTP_AMZ_SDK_REQUEST", ""))
        answer = []

        def recording_start_response(code, headers, exc_info=None):
            answer[:] = [code, list(headers)]
            return start_response(code, headers, exc_info)

        arrived = time.monotonic()
        with self.lock:
            started = time.monotonic()
            earlier = self.answered.get(invocation) if invocation else None
            if earlier:
                code, headers, whole = earlier
                start_response(code, headers)
            else:
                whole = _whole(self.app(environ, recording_start_response))
                if invocation and answer and answer[0].startswith("2"):
                    self.answered[invocation] = (answer[0], answer[1], whole)
                    if len(self.answered) > self.ANSWERS_KEPT:
                        self.answered.popitem(last=False)
        done = time.monotonic()
        outcome = f"{earlier[0].split()[0]} replayed" if earlier else (answer[0].split()[0] if answer else "-")
        print(
            f"call: {self.describe(environ, body)} {outcome}"
            f" attempt={attempt.group(1) if attempt else '-'}"
            f" waited={(started - arrived) * 1000:.0f}ms served={(done - started) * 1000:.0f}ms",
            file=sys.stderr,
            flush=True,
        )
        return [whole]

    def describe(self, environ, body):
        scope = self.CREDENTIAL_SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
        region = scope.group(1) if scope else "-"
        target = environ.get("HTTP_X_AMZ_TARGET")
        if target:
            return f"{region} {target}"
        form_encoded = "x-www-form-urlencoded" in environ.get("CONTENT_TYPE", "")
        form = parse_qs(body.decode("utf-8", "replace")) if form_encoded else {}
        action = form.get("Action", [environ.get("PATH_INFO", "")])[0]
        ids = " ".join(f"{k}={form[k][0]}" for k in self.IDS if k in form)
        return f"{region} {action} {ids}".rstrip()


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


def fix_launch_template_versions():
    """Launch template versions' UserData as moto expects it, however the version was made."""
    from moto.core.types import Base64EncodedString
    from moto.ec2.models.launch_templates import LaunchTemplateVersion

    def user_data(version):
        value = version.data.get("UserData")
        return Base64EncodedString(value) if isinstance(value, str) else value

    LaunchTemplateVersion.user_data = property(user_data)


def fix_security_group_rule_revocation():
    """A revocation by rule id of a rule the group does not have answers as AWS does.

    AWS answers InvalidSecurityGroupRuleId.NotFound, which the provider takes for "already gone" when
    it deletes a rule; moto answers InvalidPermission.NotFound, which the provider reports as a
    failed destroy (it failed one CI run's `cdktf destroy`)."""
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


def fix_route53_alarm_health_checks():
    """A health check that follows a CloudWatch alarm keeps its alarm, as AWS does.

    moto 5.2.5 drops AlarmIdentifier and InsufficientDataHealthStatus and answers an endpoint
    check's port, interval and threshold for it; the provider then plans to replace the check (its
    request_interval forces a new one) at every plan."""
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


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args(argv)
    os.environ.setdefault("MOTO_PORT", str(args.port))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    fix_launch_template_versions()
    fix_security_group_rule_revocation()
    fix_route53_alarm_health_checks()
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(
        args.host,
        args.port,
        OneAtATime(InstanceRefreshes(RpcV2CborToJson(app))),
        threaded=True,
        request_handler=MotoRequestHandler,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
