#!/usr/bin/env bash
# The app command of cdktf.json: synthesizes the stack into cdktf.out/.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. src/main/scripts/jsii-env.sh
exec mvn -e -q compile exec:java
