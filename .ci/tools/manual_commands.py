"""The manual's AWS CLI commands, checked by the AWS CLI itself (docs/maintainers/testing.md, emulator tier).

    manual_commands.py check FILE...
        Every `aws ...` command of FILE's ```sh blocks (line continuations joined, inside $(...)
        too) goes through the real CLI (awscli, pinned in .ci/emulator-requirements.txt) up to the
        moment it would send its request: the service, the operation, every option, shorthand
        syntax, required and typed parameters (botocore's validation), and every literal enum value
        (checked here against the operation's model: the CLI sends any string). Placeholders get
        well-formed dummy values; nothing is sent. Inline `aws ...` commands in backticks are
        mentions: the same check, but missing required parameters are allowed.
    manual_commands.py run ENDPOINT TFDIR SUFFIX PRIMARY SECONDARY FILE...
        The same check, then the commands that moto implements and that are safe for the tier run
        as written, in document order, against ENDPOINT, placeholders filled from the stack's
        values (`terraform output -json` in TFDIR): each must exit 0. NOT_RUN says why the others
        are only checked.
    manual_commands.py switch ENDPOINT TFDIR SUFFIX PRIMARY SECONDARY FILE...
        The same check, then only the commands that pull, hold, release and read the failover
        switch (those that name "$SWITCH_REGION") and the break-glass sign-in (`sts
        get-caller-identity`), each time it occurs, as written, in document order, against
        ENDPOINT: each must exit 0. After each `put-metric-data` the switch region must hold the
        value, and the switch's alarm, evaluated here on that region's datapoints as CloudWatch
        would (moto evaluates no alarm), must be in ALARM after a 1 and OK after a 0. A put of a
        different value than the last, in the same period, first waits for the next period: both
        would fall into one period (see switch()).
"""
import contextlib
import io
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field

# Dummy credentials and no user configuration: the checks and runs never see a real account.
os.environ.update(
    AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1",
    AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_MAX_ATTEMPTS="1",
    AWS_EC2_METADATA_DISABLED="true")
for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_PROFILE"):
    os.environ.pop(name, None)

from awscli.clidriver import create_clidriver  # noqa: E402 (reads AWS_* at import)

sys.argv[0] = "aws"  # the name in the CLI's own usage errors

# A closed port: a check never sends anything (the hook below stops every call before it is sent).
NOWHERE = "http://127.0.0.1:1"

# Commands only checked, never run against moto, and why. Keyed by "service operation".
NOT_RUN = {
    "arc-region-switch start-plan-execution": "moto 5.2.5 has no ARC Region switch (and the emulator stack has no plan)",
    "arc-region-switch get-plan-execution": "moto 5.2.5 has no ARC Region switch",
    "arc-region-switch approve-plan-execution-step": "moto 5.2.5 has no ARC Region switch",
    "kms cancel-key-deletion": "the key is not pending deletion (AWS refuses that) and moto would disable it",
    "kms enable-key": "follows cancel-key-deletion; moto 5.2.5 answers EnableKey on the stack's key with HTTP 500",
    "dynamodb update-table": "the stack's table is not applied (moto has no replicas) and this turns off its protection",
    "dynamodb delete-table": "destructive: the stack's table (not applied under moto)",
    "dynamodb wait": "follows delete-table",
    "globalaccelerator list-accelerators": "moto 5.2.5 has no Global Accelerator (and the emulator stack has no accelerator)",
    "ec2 delete-security-group": "the group exists only where Global Accelerator created one (no accelerator under moto)",
}
# The stack's table is left out of apply (moto has no global-table replicas): the commands on it
# (describe-table, restore-table-to-point-in-time) run against plain tables of the same name that
# a run creates first, in both regions, and deletes after, with the restored ones.

# Doc placeholders: the dummy of a check, and how a run finds the stack's value (a key of
# stack_values()). A placeholder in neither fails: new ones must be handled here.
PLACEHOLDERS = {
    "suffix": "emu",
    "primary": "us-east-1",
    "secondary": "us-east-2",
    "region": "us-east-1",
    "account": "123456789012",
    "key-arn": "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000",
    "old-key-arn": "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000001",
    "topic-arn": "arn:aws:sns:us-east-1:123456789012:dr-alarms-emu",
    "table-arn": "arn:aws:dynamodb:us-east-1:123456789012:table/dr-table-emu",
    "arn": "arn:aws:dynamodb:us-east-1:123456789012:table/dr-table-emu/export/01234567890123-abcdefgh",
    "bucket": "dr-exports-emu",
    "id": "00000000-0000-0000-0000-00000000000a",
    "secondary-health-check-id": "00000000-0000-0000-0000-00000000000b",
    "instance-id": "i-0123456789abcdef0",
    # The table's name where the manual cannot spell it (strong mode's, dr-table-strong-<suffix>).
    "table": "dr-table-strong-emu",
}
# The dummies of shell variables set from a command's output, in a check.
DUMMY_OUTPUTS = {
    "NS": "ns-1.awsdns-01.org",
    "KEY": PLACEHOLDERS["key-arn"],
    "EXPERIMENT": "EXP0123456789abcdef",
    "EXECUTION": "0123456789abcdef",
}
# Terraform outputs the manual reads, their dummies in a check.
DUMMY_TF_OUTPUTS = {
    "primary_health_check_id": "00000000-0000-0000-0000-000000000001",
    "secondary_health_check_id": "00000000-0000-0000-0000-000000000002",
    "failover_dns_name": "app.dr-emu.example.com",
    "hosted_zone_id": "Z0123456789ABCDEFGHIJ",
    "primary_region": "us-east-1",
    "failover_drill_template_id": "EXT0123456789abcdef",
    "region_switch_plan_arn": "arn:aws:arc-region-switch::123456789012:plan/dr-emu:abcdef",
    "primary_alb_dns_name": "dr-alb-emu-1.us-east-1.elb.amazonaws.com",
    "secondary_alb_dns_name": "dr-alb-emu-2.us-east-2.elb.amazonaws.com",
    "table_name": "dr-table-emu",
    "failover_switch_region": "us-east-2",
    "failover_switch_alarm": "dr-failover-switch-emu",
    "failover_switch_dimensions": "Stack=TapStackemu",
}


@dataclass
class Command:
    file: str
    line: int
    text: str
    mention: bool = False  # inline, in backticks: may leave out required parameters
    var: str = ""  # the shell variable its output is assigned to
    words: list = field(default_factory=list)

    @property
    def where(self):
        return f"{self.file}:{self.line}"

    @property
    def key(self):
        """"service operation": literal in every command of the manual."""
        return " ".join(self.text.split()[1:3])


class Fail(Exception):
    pass


# ---- extraction ---------------------------------------------------------------------------------

def strip_comment(line):
    """The line without its shell comment (a # at a word start, outside quotes)."""
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line


def scan_end(s, i):
    """End of the command starting at s[i]: an unquoted ; & | ) or newline at depth 0."""
    quote, depth = None, 0
    while i < len(s):
        c = s[i]
        if quote == "'":
            if c == "'":
                quote = None
        elif c == "\\":
            i += 1
        elif s.startswith("$(", i):
            depth += 1
            i += 1
        elif c == '"':
            quote = None if quote else '"'
        elif c == "'" and not quote:
            quote = "'"
        elif c == ")" and depth:
            depth -= 1
        elif not quote and depth == 0 and c in ";&|)\n":
            break
        i += 1
    return i


AWS_START = re.compile(r'(?:^|(?<=\$\()|(?<=[;&|]\s)|(?<=\bdo\s)|(?<=\bthen\s))aws\s')
ASSIGN = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)=\$\($')


def commands_in(logical, file, line, mention=False):
    found = []
    for m in AWS_START.finditer(logical):
        end = scan_end(logical, m.start())
        prefix = logical[:m.start()].rstrip()
        var = ASSIGN.search(prefix)
        found.append(Command(file, line, logical[m.start():end].strip(), mention,
                             var.group(1) if var else ""))
    return found


@dataclass
class Block:
    """A logical shell line of a ```sh block (continuations joined), for assignments too."""
    file: str
    line: int
    text: str


def extract(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    blocks, mentions, fence, pending, start = [], [], None, "", 0
    prose = []
    for n, raw in enumerate(lines, 1):
        stripped = raw.strip()
        if fence is None:
            if stripped.startswith("```"):
                fence = stripped[3:].strip()
                continue
            prose.append((n, raw))
            continue
        if stripped.startswith("```"):
            fence = None
            continue
        if fence != "sh":
            continue
        text = strip_comment(raw)
        if not pending:
            start = n
        if text.endswith("\\"):
            pending += text[:-1] + " "
            continue
        pending += text
        if pending.strip():
            blocks.append(Block(path, start, pending.strip()))
        pending = ""
    # Inline code may wrap across lines of a paragraph.
    text = "\n".join(raw for _, raw in prose)
    offsets = [n for n, raw in prose for _ in range(len(raw) + 1)]
    for m in re.finditer(r"`(aws [^`]+)`", text):
        mentions.append(Command(path, offsets[m.start()], " ".join(m.group(1).split()), True))
    return blocks, mentions


# ---- shell words --------------------------------------------------------------------------------

def sub_placeholders(text, values, where):
    def one(m):
        name = m.group(1)
        if name not in values:
            raise Fail(f"{where}: unknown placeholder <{name}>: add it to PLACEHOLDERS")
        return values[name]
    return re.sub(r"<([a-z][a-z0-9-]*)>", one, text)


def words(text, expand, where):
    """Shell words of text: quotes removed, $VAR and $(...) expanded by expand(kind, body)."""
    out, cur, has, i, quote = [], "", False, 0, None
    while i < len(text):
        c = text[i]
        if quote == "'":
            if c == "'":
                quote = None
            else:
                cur += c
        elif c == "\\" and i + 1 < len(text):
            cur += text[i + 1]
            i += 1
        elif text.startswith("$(", i):
            end = scan_end(text, i + 2)
            if end >= len(text) or text[end] != ")":
                raise Fail(f"{where}: unbalanced $( in {text}")
            cur += expand("cmd", text[i + 2:end])
            has, i = True, end
        elif c == "$" and i + 1 < len(text) and (text[i + 1] == "{" or text[i + 1].isalpha()):
            m = re.match(r"\$(?:\{(\w+)\}|(\w+))", text[i:])
            cur += expand("var", m.group(1) or m.group(2))
            has, i = True, i + len(m.group(0)) - 1
        elif c == '"':
            quote = None if quote else '"'
            has = True
        elif c == "'" and not quote:
            quote, has = "'", True
        elif c in " \t\n" and not quote:
            if cur or has:
                out.append(cur)
            cur, has = "", False
        else:
            cur += c
        i += 1
    if quote:
        raise Fail(f"{where}: unterminated {quote} in {text}")
    if cur or has:
        out.append(cur)
    return out


# ---- the AWS CLI ---------------------------------------------------------------------------------

class Reached(Exception):
    """The CLI parsed and validated the command and was about to send it."""


def enum_errors(shape, value, path):
    """Literal values outside the model's enums (the CLI does not check them)."""
    if shape is None or value is None:
        return []
    if shape.type_name == "structure" and isinstance(value, dict):
        return [e for k, v in value.items() if k in shape.members
                for e in enum_errors(shape.members[k], v, f"{path}.{k}")]
    if shape.type_name == "list" and isinstance(value, list):
        return [e for i, v in enumerate(value) for e in enum_errors(shape.member, v, f"{path}[{i}]")]
    if shape.type_name == "map" and isinstance(value, dict):
        return [e for k, v in value.items() for e in enum_errors(shape.value, v, f"{path}.{k}")]
    if shape.type_name == "string" and shape.enum and value not in shape.enum:
        return [f"{path}: {value!r} is not one of {', '.join(shape.enum)}"]
    return []


def cli(argv, send):
    """Runs the real CLI in-process on argv. send=False stops it before the request leaves,
    after its own parsing and validation. Returns (exit code, stdout, stderr, reached)."""
    driver = create_clidriver()
    state = {"reached": False, "errors": []}

    def check_enums(params, model, **_):
        state["errors"] += enum_errors(model.input_shape, params, model.name)

    def stop(**_):
        state["reached"] = True
        if state["errors"]:
            raise Reached("; ".join(state["errors"]))
        if not send:
            raise Reached("parsed")

    driver.session.register("before-parameter-build", check_enums)
    driver.session.register("before-call", stop)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = driver.main(argv)
        except SystemExit as e:  # argparse usage errors
            code = e.code if isinstance(e.code, int) else 252
    return code, out.getvalue(), err.getvalue(), state


def check(cmd, argv):
    """Fails unless the CLI takes argv (cmd.words without 'aws') up to the request."""
    code, _, err, state = cli(argv + ["--endpoint-url", NOWHERE], send=False)
    if state["errors"]:
        raise Fail(f"{cmd.where}: {' '.join(cmd.text.split())}\n  invalid value: {'; '.join(state['errors'])}")
    if state["reached"]:
        return
    lines = [line.strip() for line in err.splitlines() if line.strip()]
    # argparse's usage text comes first; the reason is its error line or the last line.
    reasons = [line for line in lines if re.search(
        r"Unknown options|Invalid choice|error:|Parameter validation|Error parsing", line)]
    msg = (reasons or lines or [f"exit {code}"])[-1] if not reasons else " ".join(reasons)
    if cmd.mention and "the following arguments are required" in err:
        return static_check(cmd, argv)
    raise Fail(f"{cmd.where}: {' '.join(cmd.text.split())}\n  the AWS CLI refuses it: {msg}")


def static_check(cmd, argv):
    """A mention without its required arguments: its service, operation and options exist."""
    driver = create_clidriver()
    table = driver._get_command_table()
    service, op = argv[0], argv[1]
    ops = table[service]._get_command_table()
    operation = ops[op]
    if op == "wait":
        operation = operation._get_command_table()[argv[2]]
    known = set(operation.arg_table) | set(driver._get_argument_table())
    for word in argv[2:]:
        if word.startswith("--") and word[2:] not in known:
            raise Fail(f"{cmd.where}: {cmd.text}\n  the AWS CLI refuses it: Unknown options: {word}")


# ---- the manual ---------------------------------------------------------------------------------

class Manual:
    def __init__(self, paths, values=None, outputs=None, run=None):
        self.values = values or PLACEHOLDERS
        self.outputs = outputs  # None: a check, dummies
        self.run = run  # callable(cmd, argv) -> stdout, or None
        self.vars, self.results = {}, {}
        self.commands, self.mentions, self.blocks = [], [], []
        for path in paths:
            blocks, mentions = extract(path)
            self.blocks += blocks
            self.mentions += mentions

    def expand(self, where, kind, body):
        if kind == "var":
            if body not in self.vars:
                raise Fail(f"{where}: ${body} is set nowhere before it is used")
            return self.vars[body]()
        body = body.strip()
        if body.startswith("aws "):
            cmd = Command(where.rsplit(":", 1)[0], int(where.rsplit(":", 1)[1]), body)
            return self.command_output(cmd)
        m = re.fullmatch(r"terraform -chdir=\S+ output -raw (\w+)", body)
        if m:
            return self.tf_output(m.group(1), where)
        raise Fail(f"{where}: no value for $({body})")

    def tf_output(self, name, where):
        source = DUMMY_TF_OUTPUTS if self.outputs is None else self.outputs
        if name not in source:
            raise Fail(f"{where}: no value for the output {name}")
        return source[name]

    def command_output(self, cmd):
        """The command's output: run (once: the same words give the cached output) when it is
        to be run, else a dummy."""
        if self.run and cmd.key in NOT_RUN:
            raise Fail(f"{cmd.where}: a command that is run needs the output of {cmd.text}, which is not")
        argv = self.argv(cmd)
        if tuple(argv) not in self.results:
            if self.run:
                self.results[tuple(argv)] = self.run(cmd, argv).strip()
            else:
                self.results[tuple(argv)] = DUMMY_OUTPUTS.get(cmd.var, "dummy-output")
        return self.results[tuple(argv)]

    def argv(self, cmd):
        text = sub_placeholders(cmd.text, self.values, cmd.where)
        cmd.words = words(text, lambda k, b: self.expand(cmd.where, k, b), cmd.where)
        if cmd.words[0] != "aws":
            raise Fail(f"{cmd.where}: not an aws command: {cmd.text}")
        return cmd.words[1:]

    def bind(self, block):
        """Shell assignments of a block line, as lazy values; a for loop's variable takes its
        first item."""
        text, where = block.text, f"{block.file}:{block.line}"
        expand = lambda k, b: self.expand(where, k, b)  # noqa: E731
        m = re.match(r"(\w+)=(\$\(.*\))$", text)
        if m and text.startswith(m.group(1) + "=$(aws "):
            name = m.group(1)
            cmd = next(c for c in commands_in(text, block.file, block.line) if c.var == name)
            self.vars[name] = lambda cmd=cmd: self.command_output(cmd)
        elif m:
            self.vars[m.group(1)] = lambda v=m.group(2): words(v, expand, where)[0]
        elif re.match(r"(\w+)=(\S+)$", text):
            name, value = text.split("=", 1)
            value = sub_placeholders(value, self.values, where)
            self.vars[name] = lambda v=value: words(v, expand, where)[0]
        m = re.match(r"for (\w+) in (\S+)", text)
        if m:
            value = sub_placeholders(m.group(2), self.values, where)
            self.vars[m.group(1)] = lambda v=value: v

    def walk(self, act):
        """Every command of the blocks in document order, assignments bound as they come."""
        for block in self.blocks:
            self.bind(block)
            for cmd in commands_in(block.text, block.file, block.line):
                act(cmd)


def main(args):
    if len(args) >= 2 and args[0] == "check":
        manual = Manual(args[1:])
        mode_run = False
    elif len(args) >= 7 and args[0] in ("run", "switch"):
        endpoint, tfdir, suffix, primary, secondary = args[1:6]
        outputs = StackOutputs(tfdir)
        values = stack_values(outputs, endpoint, suffix, primary, secondary)
        if "table_name" not in outputs:
            # The tier leaves the table out of apply (moto cannot apply it): the manual's $TABLE
            # is then the table a run creates, as <table> is.
            outputs["table_name"] = values["table"]
        manual = Manual(args[6:])  # the check, with dummies
        mode_run = True
    else:
        sys.exit(__doc__)

    failures, checked = [], []

    def do_check(cmd):
        try:
            check(cmd, manual.argv(cmd))
            checked.append(cmd)
        except Fail as e:
            failures.append(str(e))

    # 1. Every command, checked with dummies (no request leaves).
    manual.walk(do_check)
    for cmd in manual.mentions:
        try:
            check(cmd, manual.argv(cmd))
            checked.append(cmd)
        except Fail as e:
            failures.append(str(e))
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(f"{len(failures)} of the manual's AWS CLI commands are wrong")
    print(f"ok: {len(checked)} AWS CLI commands checked by the CLI "
          f"({len(checked) - len(manual.mentions)} in sh blocks, {len(manual.mentions)} inline mentions)")
    if not mode_run:
        return
    if args[0] == "switch":
        switch(args[6:], endpoint, outputs, values)
        return

    # 2. The sh blocks' commands against moto, values from the stack.
    ran, skipped = [], []

    def run(cmd, argv):
        code, out, err, _ = cli(argv + ["--endpoint-url", endpoint], send=True)
        if code != 0:
            raise Fail(f"{cmd.where}: {' '.join(cmd.words)}\n  exit {code} against the emulator: {err.strip()}")
        print(f"ran: {cmd.where}: {' '.join(cmd.words)}")
        ran.append(cmd)
        return out

    def aws(*argv):
        code, _, err, _ = cli(list(argv) + ["--endpoint-url", endpoint], send=True)
        return code, err

    runner = Manual(args[6:], values, outputs, run)
    table = f"dr-table-{suffix}"
    # The tables the commands on the stack's table run against (the stack's is not applied), one
    # per region as the global table has, with its keys (the out-of-service items name both): PITR
    # on, so that the restore has something to restore.
    for region in (primary, secondary):
        for argv in (["dynamodb", "create-table", "--region", region, "--table-name", table,
                      "--attribute-definitions", "AttributeName=pk,AttributeType=S",
                      "AttributeName=sk,AttributeType=S", "--key-schema",
                      "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE",
                      "--billing-mode", "PAY_PER_REQUEST"],
                     ["dynamodb", "update-continuous-backups", "--region", region, "--table-name", table,
                      "--point-in-time-recovery-specification", "PointInTimeRecoveryEnabled=true"]):
            code, err = aws(*argv)
            if code:
                raise Fail(f"could not prepare {table} in {region}: {err.strip()}")
    try:
        def act(cmd):
            # Not run: its values are not needed (the emulator stack has no Region switch plan).
            if cmd.key in NOT_RUN:
                skipped.append((cmd, NOT_RUN[cmd.key]))
            else:
                runner.command_output(cmd)
        runner.walk(act)
    finally:
        for region in (primary, secondary):
            for name in (table, f"{table}-restore"):
                aws("dynamodb", "delete-table", "--region", region, "--table-name", name)
    if not ran:
        raise Fail("no command of the manual ran against the emulator")
    for cmd, why in skipped:
        print(f"checked only: {cmd.where}: {cmd.key}: {why}")
    print(f"ok: {len(ran)} commands ran against the emulator, {len(skipped)} checked only "
          f"(and {len(manual.mentions)} inline mentions checked only)")


# ---- the failover switch (the tier's step with us-east-1 closed) --------------------------------

def is_switch_command(cmd):
    """The switch's own calls, and the sign-in they need."""
    return "$SWITCH_REGION" in cmd.text or cmd.key == "sts get-caller-identity"


COMPARE = {
    "GreaterThanOrEqualToThreshold": lambda v, t: v >= t,
    "GreaterThanThreshold": lambda v, t: v > t,
    "LessThanThreshold": lambda v, t: v < t,
    "LessThanOrEqualToThreshold": lambda v, t: v <= t,
}


def switch(files, endpoint, outputs, values):
    """Runs the switch's commands of files against endpoint (see the module's doc). The alarm
    takes the period's statistic (Maximum): a pull and a release put within one period leave that
    period at 1, and with missing data ignored the alarm stays in ALARM. Each put is therefore
    made in a period of its own when it changes the value."""
    region = outputs["failover_switch_region"]
    alarm_name = outputs["failover_switch_alarm"]

    def aws(*argv):
        code, out, err, _ = cli([*argv, "--region", region, "--output", "json",
                                 "--endpoint-url", endpoint], send=True)
        if code:
            raise Fail(f"aws {' '.join(argv)} in {region}: exit {code}: {err.strip()}")
        return json.loads(out or "{}")

    alarms = aws("cloudwatch", "describe-alarms", "--alarm-names", alarm_name)["MetricAlarms"]
    if len(alarms) != 1:
        raise Fail(f"no alarm {alarm_name} in {region}")
    alarm = alarms[0]
    if alarm["EvaluationPeriods"] != 1 or alarm["ComparisonOperator"] not in COMPARE:
        raise Fail(f"the switch's alarm is not evaluated here as defined: {alarm}")
    period = alarm["Period"]
    last = {"value": None, "period": None}
    ran, puts = [], []

    def position(put_at):
        """The alarm's state from the datapoints of the period of put_at, as CloudWatch has it."""
        start = int(put_at // period * period)
        stats = aws("cloudwatch", "get-metric-statistics", "--namespace", alarm["Namespace"],
                    "--metric-name", alarm["MetricName"], "--dimensions",
                    *[f"Name={d['Name']},Value={d['Value']}" for d in alarm["Dimensions"]],
                    "--start-time", str(start), "--end-time", str(start + period),
                    "--period", str(period), "--statistics", alarm["Statistic"])["Datapoints"]
        if not stats:
            raise Fail(f"{region} holds no datapoint of {alarm['MetricName']} after the put")
        value = max(point[alarm["Statistic"]] for point in stats)
        breached = COMPARE[alarm["ComparisonOperator"]](value, alarm["Threshold"])
        return value, "ALARM" if breached else "OK"

    def act(cmd):
        if not is_switch_command(cmd):
            return
        argv = runner.argv(cmd)
        value = None
        if cmd.key == "cloudwatch put-metric-data":
            value = float(argv[argv.index("--value") + 1])
            now = time.time()
            if last["period"] == int(now // period) and value != last["value"]:
                time.sleep(period - now % period + 1)
        put_at = time.time()
        code, _, err, _ = cli(argv + ["--endpoint-url", endpoint], send=True)
        if code:
            raise Fail(f"{cmd.where}: {' '.join(cmd.words)}\n  exit {code} with {values['primary']} "
                       f"closed: {err.strip()}")
        ran.append(cmd)
        print(f"ran: {cmd.where}: {' '.join(cmd.words)}")
        if value is None:
            return
        last.update(value=value, period=int(put_at // period))
        seen, state = position(put_at)
        wanted = "ALARM" if value == 1 else "OK"
        print(f"  {region}: the period's {alarm['Statistic']} is {seen:g}: {alarm_name} evaluates"
              f" to {state}, the switch's health check to {'unhealthy' if state == 'ALARM' else 'healthy'}")
        if seen != value or state != wanted:
            raise Fail(f"{cmd.where}: after the put of {value:g}, {region} holds {seen:g} and the alarm"
                       f" evaluates to {state}, not {wanted}")
        puts.append(value)

    def unexpected(cmd, _argv):
        raise Fail(f"{cmd.where}: a switch command needs the output of {cmd.text}")

    runner = Manual(files, values, outputs, unexpected)
    runner.walk(act)
    if 1 not in puts or 0 not in puts or puts[-1] != 0:
        raise Fail(f"the manual's switch commands put {puts}: a pull, and a release last, expected")
    print(f"ok: {len(ran)} switch commands ran in {region}: {puts.count(1)} pulls, "
          f"{puts.count(0)} releases, released at the end")


class StackOutputs(dict):
    """The stack's outputs (`terraform output -json` in tfdir). A targeted apply (the tier's: moto
    cannot apply the table) leaves outputs unset; one asked for is then read from the state
    (`terraform show -json`) when its expression in cdk.tf.json is a plain resource attribute."""

    def __init__(self, tfdir):
        self.tfdir = tfdir
        super().__init__({k: v["value"] for k, v in self.tf("output", "-json").items()})
        path = os.path.join(tfdir, "cdk.tf.json")
        self.declared = json.load(open(path)).get("output", {}) if os.path.exists(path) else {}
        self.state = None

    def tf(self, *argv):
        result = subprocess.run(["terraform", f"-chdir={self.tfdir}", *argv],
                                capture_output=True, text=True)
        if result.returncode:
            raise Fail(f"terraform {' '.join(argv)}: {result.stderr}")
        return json.loads(result.stdout or "{}")

    def __missing__(self, name):
        expression = self.declared.get(name, {}).get("value")
        if expression is not None and "${" not in json.dumps(expression):
            return expression  # a constant (the regions)
        m = re.fullmatch(r"\$\{((?:data\.)?[\w-]+\.[\w-]+)\.(\w+)\}", expression or "")
        if not m:
            raise KeyError(name)
        if self.state is None:
            self.state = self.tf("show", "-json")
        resources = self.state.get("values", {}).get("root_module", {}).get("resources", [])
        for resource in resources:
            if resource["address"] == m.group(1) and m.group(2) in resource["values"]:
                self[name] = resource["values"][m.group(2)]
                return self[name]
        raise KeyError(name)

    def __contains__(self, name):
        try:
            self[name]
            return True
        except KeyError:
            return False


def stack_values(outputs, endpoint, suffix, primary, secondary):
    """The placeholders' values in a run. <region> is the secondary: the manual's commands that
    change something in <region> (set-desired-capacity) are then undone by its failover and
    failback commands, which set the secondary's size; <key-arn> and <topic-arn> are the
    secondary's so that they agree with <region> where the manual uses them together."""
    if "secondary_alarm_topic_arn" not in outputs:
        raise Fail("the stack has no value for the output secondary_alarm_topic_arn")
    topic = outputs["secondary_alarm_topic_arn"]
    # The key's output is an SSM read-back that a targeted apply leaves unset: its alias, as the
    # manual finds it.
    code, out, err, _ = cli(["kms", "describe-key", "--region", secondary, "--key-id",
                             f"alias/dr-stack-{suffix}", "--query", "KeyMetadata.Arn", "--output",
                             "text", "--endpoint-url", endpoint], send=True)
    if code:
        raise Fail(f"no secondary key alias/dr-stack-{suffix}: {err.strip()}")
    return {
        "suffix": suffix,
        "primary": primary,
        "secondary": secondary,
        "region": secondary,
        "account": topic.split(":")[4],
        "key-arn": out.strip(),
        "topic-arn": topic,
        # The emulator's stack is eventual: its table is the one a run creates.
        "table": f"dr-table-{suffix}",
    }


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Fail as e:
        sys.exit(str(e))
