"""The emulator (.ci/tools/emulator_server.py) with moto enforcing IAM, for the deploy-policy step.

  emulator_iam_server.py [-H HOST] [-p PORT] --unchecked-calls N

The first N calls are served without authorization (they create the deploying user, its policy
and its access key); every later call must be signed with the access key of an IAM user of the
emulator, and moto refuses it (AccessDenied, naming the action) unless an identity policy of that
user allows its action.

What moto checks (moto/iam/access_control.py, pinned version): the caller's inline and attached
identity policies, and their Action / NotAction against `<signing service>:<operation>`. What it
does not: the Resource element for all but a few calls (it checks the resource `*`, except IAM role
calls on an existing role, S3 buckets, SQS and STS AssumeRole), Condition elements (an identity
policy's are ignored: an Allow applies as if unconditional, and a conditional Deny would deny
always), resource-based and key policies, permissions boundaries, service control policies, and
the calls a service makes on the caller's behalf (Auto Scaling's ec2:RunInstances, DynamoDB's
use of KMS keys). The signature is not checked here either: the CloudWatch translation rewrites
the signed request, and moto miscomputes the signature of Route 53's REST calls
(SignatureDoesNotMatch for a correctly signed ListHostedZones); the access key still names the
caller, and an unknown key is refused. moto names an action by the service in the signature,
which for CloudWatch is `monitoring`: here it is `cloudwatch:`, as IAM names it.
"""

import argparse
import sys

import emulator_server
from moto import settings
from moto.iam.access_control import IAMRequestBase


def _named_as_iam_does(init):
    def wrapped(self, *args, **kwargs):
        init(self, *args, **kwargs)
        if self._action.startswith("monitoring:"):
            self._action = "cloudwatch:" + self._action.split(":", 1)[1]

    return wrapped


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    parser.add_argument("--unchecked-calls", type=int, required=True)
    args = parser.parse_args(argv)
    settings.INITIAL_NO_AUTH_ACTION_COUNT = args.unchecked_calls
    IAMRequestBase.check_signature = lambda self: None
    IAMRequestBase.__init__ = _named_as_iam_does(IAMRequestBase.__init__)
    emulator_server.main(["-H", args.host, "-p", str(args.port)])


if __name__ == "__main__":
    main(sys.argv[1:])
