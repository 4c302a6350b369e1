#!/usr/bin/env bash
# Build the Terraform AWS provider (hashicorp/aws) from the Go module proxy and
# install it into a Terraform filesystem-mirror layout, once per machine.
#
#   .ci/tools/aws-provider.sh        -> prints the path of the provider binary
#
# Cache (outside the repository, keyed by version):
#   ${XDG_CACHE_HOME:-$HOME/.cache}/dr-stack/terraform-plugins/
#       registry.terraform.io/hashicorp/aws/<VERSION>/linux_amd64/terraform-provider-aws_v<VERSION>_x5
# Point Terraform at it with a CLI config (TF_CLI_CONFIG_FILE) containing:
#   provider_installation {
#     filesystem_mirror { path = "<cache dir>"  include = ["registry.terraform.io/hashicorp/aws"] }
#     direct            { exclude = ["registry.terraform.io/hashicorp/aws"] }
#   }
#
# Idempotent: if the cached binary exists and runs, it is reused (fast path).
# Concurrent runs are serialised with flock. Progress goes to stderr; stdout
# carries only the binary's path.
#
# A prebuilt binary of this same pin, made by this script (../shared/tools/terraform-provider-aws/
# beside the checkout, or DR_PREBUILT_PROVIDER_DIR), is installed instead of building when both of
# its SHA256SUMS lines match: the compressed file and the unpacked binary.
#
# Overrides (environment): AWS_PROVIDER_VERSION, AWS_PROVIDER_MODULE_VERSION,
# DR_STACK_PLUGIN_CACHE, AWS_PROVIDER_BUILD_JOBS, DR_PREBUILT_PROVIDER_DIR.
set -euo pipefail

MODULE=github.com/hashicorp/terraform-provider-aws

# ---- Pin ---------------------------------------------------------------------
# The provider's vX.Y.Z tags are not valid Go module versions (module path has
# no /vN suffix), so a release must be addressed by its commit's pseudo-version.
#
# Wanted: tag v5.23.1 (what cdktf-provider-aws 18.0.3 is generated from).
# NOT obtainable: the Go module proxy reachable here serves only two versions of
# this module (`.../@v/list`: v1.60.0 and the pseudo-version below) and refuses
# every other one (403), including branch/tag/hash queries and other real
# 2022-2025 pseudo-versions. No 5.x commit can be fetched.
#
# The only buildable pin is therefore commit 5f2286d6d836 (main, committed
# 2026-06-02 19:01:31 UTC; its version/VERSION file says 6.47.1, CHANGELOG head
# "6.48.0 (Unreleased)"). It is installed under the version it really is,
# 6.47.1, never under 5.23.1: Terraform must not be told a v6 provider is 5.23.1.
# To use another commit, set both variables (version label + pseudo-version).
PROVIDER_VERSION="${AWS_PROVIDER_VERSION:-6.47.1}"
MODULE_VERSION="${AWS_PROVIDER_MODULE_VERSION:-v1.60.1-0.20260602190131-5f2286d6d836}"
# ------------------------------------------------------------------------------

log() { printf '[aws-provider] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

CACHE="${DR_STACK_PLUGIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dr-stack/terraform-plugins}"
OS_ARCH="linux_amd64"
case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) OS_ARCH=linux_amd64 ;;
  Linux/aarch64 | Linux/arm64) OS_ARCH=linux_arm64 ;;
  *) die "unsupported platform $(uname -s)/$(uname -m)" ;;
esac
DEST_DIR="$CACHE/registry.terraform.io/hashicorp/aws/$PROVIDER_VERSION/$OS_ARCH"
BIN="$DEST_DIR/terraform-provider-aws_v${PROVIDER_VERSION}_x5"

# A provider started outside Terraform prints a "This binary is a plugin" notice
# and exits non-zero; seeing that notice proves the binary loads and runs.
binary_runs() {
  [ -x "$1" ] || return 1
  local out
  out="$(timeout 60 "$1" 2>&1 || true)"
  grep -q 'This binary is a plugin' <<<"$out"
}

if binary_runs "$BIN"; then
  log "cached: hashicorp/aws $PROVIDER_VERSION ($MODULE@$MODULE_VERSION)"
  printf '%s\n' "$BIN"
  exit 0
fi

mkdir -p "$DEST_DIR"

# One build at a time per cache dir; re-check after taking the lock.
exec 9>"$CACHE/.aws-provider-$PROVIDER_VERSION.lock"
if ! flock -n 9; then
  log "another build holds the lock; waiting"
  flock 9
fi
if binary_runs "$BIN"; then
  log "cached (built by a concurrent run): $BIN"
  printf '%s\n' "$BIN"
  exit 0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/aws-provider-build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# The prebuilt binary, when it is there and both checksums match; any mismatch means a build.
PREBUILT_DIR="${DR_PREBUILT_PROVIDER_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/../shared/tools/terraform-provider-aws}"
prebuilt_name="terraform-provider-aws_v${PROVIDER_VERSION}_x5"
if [ -f "$PREBUILT_DIR/SHA256SUMS" ] && [ -f "$PREBUILT_DIR/$prebuilt_name.$OS_ARCH.xz" ]; then
  want() { awk -v f="$1" '$2 == f { print $1 }' "$PREBUILT_DIR/SHA256SUMS"; }
  have() { sha256sum "$1" | cut -d' ' -f1; }
  if [ "$(have "$PREBUILT_DIR/$prebuilt_name.$OS_ARCH.xz")" != "$(want "$prebuilt_name.$OS_ARCH.xz")" ]; then
    log "WARNING: $PREBUILT_DIR/$prebuilt_name.$OS_ARCH.xz does not match its SHA256SUMS: building instead"
  else
    log "unpacking the prebuilt provider from $PREBUILT_DIR"
    xz -dc "$PREBUILT_DIR/$prebuilt_name.$OS_ARCH.xz" >"$WORK/terraform-provider-aws"
    chmod 0755 "$WORK/terraform-provider-aws"
    if [ "$(have "$WORK/terraform-provider-aws")" != "$(want "$prebuilt_name")" ]; then
      log "WARNING: the unpacked prebuilt provider does not match its SHA256SUMS: building instead"
    elif binary_runs "$WORK/terraform-provider-aws"; then
      mv -f "$WORK/terraform-provider-aws" "$BIN"
      log "installed the prebuilt provider: $BIN"
      printf '%s\n' "$BIN"
      exit 0
    else
      log "WARNING: the prebuilt provider does not run here: building instead"
    fi
  fi
fi

command -v go >/dev/null 2>&1 || die "go is not on PATH"
JOBS="${AWS_PROVIDER_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}"

log "go $(go env GOVERSION); building $MODULE@$MODULE_VERSION as hashicorp/aws $PROVIDER_VERSION (-p $JOBS)"
log "downloading module source from $(go env GOPROXY) (dependencies follow during the build)"
go mod download -json "$MODULE@$MODULE_VERSION" >"$WORK/download.json" \
  || die "go mod download $MODULE@$MODULE_VERSION failed (is the pin served by the proxy?)"
SRC="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' "$WORK/download.json")"
if [ -z "$SRC" ] || [ ! -f "$SRC/go.mod" ]; then die "module source not found after download"; fi

LDFLAGS="-s -w -X $MODULE/version.ProviderVersion=$PROVIDER_VERSION"
BUILD_FLAGS=(-trimpath -p "$JOBS" -ldflags "$LDFLAGS")
start=$SECONDS
if grep -qE '^[[:space:]]*replace([[:space:]]|\()' "$SRC/go.mod"; then
  # replace directives are ignored by `go install mod@ver`: build a writable copy.
  log "go.mod has replace directives; building from a copy of the module source"
  cp -r "$SRC" "$WORK/src"
  chmod -R u+w "$WORK/src"
  (cd "$WORK/src" && GOFLAGS="${GOFLAGS:-} -mod=mod" go build "${BUILD_FLAGS[@]}" -o "$WORK/terraform-provider-aws" .)
else
  log "no replace directives; go install $MODULE@$MODULE_VERSION (this takes a long while)"
  GOBIN="$WORK/bin" go install "${BUILD_FLAGS[@]}" "$MODULE@$MODULE_VERSION"
  mv "$WORK/bin/terraform-provider-aws" "$WORK/terraform-provider-aws"
fi
log "build finished in $((SECONDS - start))s"

binary_runs "$WORK/terraform-provider-aws" || die "built binary does not run"
install -m 0755 "$WORK/terraform-provider-aws" "$BIN.tmp.$$"
mv -f "$BIN.tmp.$$" "$BIN"
log "installed $BIN ($(du -h "$BIN" | cut -f1))"
printf '%s\n' "$BIN"
