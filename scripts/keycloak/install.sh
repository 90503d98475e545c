#!/usr/bin/env bash
# Installs the Keycloak server distribution into .tools/keycloak, idempotently, and says what it did.
#  - fetches org.keycloak:keycloak-quarkus-dist:<version>:zip from Maven Central with `mvn dependency:copy`
#    (the ordinary Maven client and its ~/.m2 cache, so it works on a fresh machine too);
#  - picks a JDK Keycloak supports (17, 21 or 25; the newest found), installing OpenJDK 17 from apt if none;
#  - pre-builds the server (`kc.sh build`: dev-file H2 database, health endpoints) so starts use --optimized;
#  - makes an initialised, empty H2 database (schema + master realm) that each start copies instead of
#    creating the schema again (saves several seconds of CPU per start).
# The result is recorded in .tools/keycloak/.crm-install; while it matches, a run does nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TOOLS=$ROOT/.tools
KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-26.7.3}
DEST=$TOOLS/keycloak
STAMP=$DEST/.crm-install
BUILD_OPTS="--db=dev-file --health-enabled=true"
# Maven client plugin used to fetch the zip (pinned so the run is reproducible).
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
mkdir -p "$TOOLS"
say() { printf 'setup: %s\n' "$*"; }

# java.specification.version of a JDK/JRE home if Keycloak supports it (17, 21 or 25), else fails.
supported_java_version() {
  local home=$1 v
  [ -x "$home/bin/java" ] || return 1
  v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}')
  case "$v" in 17 | 21 | 25) echo "$v" ;; *) return 1 ;; esac
}

# The newest supported JDK among KEYCLOAK_JAVA_HOME, /usr/lib/jvm/*, JAVA_HOME and the java on PATH.
find_java_home() {
  local best="" best_v=0 home v candidates=()
  if [ -n "${KEYCLOAK_JAVA_HOME:-}" ]; then
    supported_java_version "$KEYCLOAK_JAVA_HOME" >/dev/null && { echo "$KEYCLOAK_JAVA_HOME"; return 0; }
    echo "setup: KEYCLOAK_JAVA_HOME=$KEYCLOAK_JAVA_HOME is not a JDK 17, 21 or 25" >&2
    return 1
  fi
  for home in /usr/lib/jvm/*; do [ -L "$home" ] || candidates+=("$home"); done
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null; then candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"); fi
  for home in "${candidates[@]}"; do
    v=$(supported_java_version "$home") || continue
    if [ "$v" -gt "$best_v" ]; then best=$home best_v=$v; fi
  done
  [ -n "$best" ] && echo "$best"
}

stamp_value() { sed -n "s/^$1=//p" "$STAMP" 2>/dev/null; }

# Fast path: same version and build options installed, and its JDK still there.
if [ -f "$STAMP" ] && [ "$(stamp_value version)" = "$KEYCLOAK_VERSION" ] && [ "$(stamp_value build)" = "$BUILD_OPTS" ] &&
  [ -x "$(stamp_value java_home)/bin/java" ]; then
  say "keycloak $KEYCLOAK_VERSION already in .tools (JDK $(stamp_value java_version) at $(stamp_value java_home))"
  exit 0
fi

started=$(date +%s)
java_home=$(find_java_home || true)
if [ -z "$java_home" ]; then
  say "no JDK 17, 21 or 25 found: installing openjdk-17-jre-headless from apt"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  java_home=$(find_java_home) || { echo "setup: no JDK Keycloak supports after installing OpenJDK 17" >&2; exit 1; }
fi
java_version=$(supported_java_version "$java_home")
say "keycloak will run on JDK $java_version at $java_home"

# Same version already unpacked (only the JDK moved or the stamp is missing): record and stop.
if [ -f "$STAMP" ] && [ "$(stamp_value version)" = "$KEYCLOAK_VERSION" ] && [ "$(stamp_value build)" = "$BUILD_OPTS" ] &&
  [ -f "$DEST/crm-template/keycloakdb.mv.db" ]; then
  printf 'version=%s\nbuild=%s\njava_home=%s\njava_version=%s\n' "$KEYCLOAK_VERSION" "$BUILD_OPTS" "$java_home" "$java_version" >"$STAMP"
  say "keycloak $KEYCLOAK_VERSION already in .tools, now on JDK $java_version"
  exit 0
fi

if ! command -v mvn >/dev/null; then
  say "installing maven from apt (needed to fetch Keycloak from Maven Central)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
fi

work=$(mktemp -d "$TOOLS/keycloak-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
say "fetching org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip with mvn dependency:copy"
if ! mvn -B -ntp "$DEPENDENCY_PLUGIN:copy" -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
  -DoutputDirectory="$work" -Dmdep.overWriteReleases=true >"$work/mvn.log" 2>&1; then
  tail -30 "$work/mvn.log" >&2
  echo "setup: mvn could not fetch keycloak-quarkus-dist $KEYCLOAK_VERSION" >&2
  exit 1
fi
zip=$work/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip
if command -v unzip >/dev/null; then
  unzip -q "$zip" -d "$work/unpacked"
else
  python3 -m zipfile -e "$zip" "$work/unpacked"
fi
chmod +x "$work/unpacked/keycloak-$KEYCLOAK_VERSION"/bin/*.sh
rm -rf "$DEST"
mv "$work/unpacked/keycloak-$KEYCLOAK_VERSION" "$DEST"

say "building keycloak for fast starts (kc.sh build $BUILD_OPTS)"
export JAVA_HOME=$java_home JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m"
# shellcheck disable=SC2086 # BUILD_OPTS is a list of options
if ! "$DEST/bin/kc.sh" build $BUILD_OPTS >"$work/build.log" 2>&1; then
  tail -30 "$work/build.log" >&2
  exit 1
fi

# An initialised H2 database (schema and master realm, no other realm): `kc.sh export` boots, creates it,
# exports master and exits. Starts copy it into their own data directory (libs/testing/keycloak).
say "initialising the template database"
home=$work/template-home
mkdir -p "$home/data"
for d in lib providers themes conf; do ln -s "$DEST/$d" "$home/$d"; done
if ! "$DEST/bin/kc.sh" -Dkc.home.dir="$home" export --optimized --dir "$work/export" --realm master \
  --http-management-host=127.0.0.1 --http-management-port=0 >"$work/export.log" 2>&1; then
  tail -30 "$work/export.log" >&2
  exit 1
fi
mkdir -p "$DEST/crm-template"
cp "$home/data/h2/keycloakdb.mv.db" "$DEST/crm-template/keycloakdb.mv.db"

printf 'version=%s\nbuild=%s\njava_home=%s\njava_version=%s\n' "$KEYCLOAK_VERSION" "$BUILD_OPTS" "$java_home" "$java_version" >"$STAMP"
say "keycloak $KEYCLOAK_VERSION installed in .tools/keycloak in $(($(date +%s) - started)) s (JDK $java_version)"
