# shellcheck shell=bash
# Sourced by the project's launchers: keeps jsii and the CDKTF CLI quiet and offline-friendly.
# jsii (the Node.js runtime under the JVM) warns loudly about Node 20; the end-of-life warning is
# silenced only by this exact acknowledgement sentence, which jsii defines.
export JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION="Node14 is now end of life (EOL) as of April 30, 2023. Support of EOL runtimes are only guaranteed for 30 days after EOL. By silencing this warning you acknowledge that you are using an EOL version of Node and will upgrade to a supported version as soon as possible."
# The CDKTF CLI and Terraform would otherwise call home for update checks.
export CHECKPOINT_DISABLE=1
# The CDKTF CLI every script runs (npx --yes "$DR_CDKTF_CLI" ...): the one place its version is
# named; HelpDocsTest checks that the README and help/ name the same.
export DR_CDKTF_CLI=cdktf-cli@0.19.2
