#!/usr/bin/env bash
# The repository's test command: installs the servers and tools the tests start themselves, when missing, then runs
# every test project. Arguments are passed to `dotnet test` (for example a logger or a filter).
#
# What it installs (Debian packages, only when missing; as root, or through sudo):
#   redis-server            the Orleans clustering and reminder tests start their own redis-server
#   postgresql              the PostgreSQL 15 server binaries (initdb, pg_ctl) for the event-store tests, when initdb
#                           is found neither on PATH, in /usr/local/bin nor in /usr/lib/postgresql/*/bin
#   prometheus-alertmanager and chromium: needed by the next issue's tests
# The PostgreSQL tests run the server as the unprivileged user `postgres` when run as root (initdb refuses root);
# the Debian package creates that user, and this script creates it when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

have_initdb() {
  command -v initdb >/dev/null 2>&1 && return 0
  [ -x /usr/local/bin/initdb ] && return 0
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
have_initdb || missing+=(postgresql)
command -v prometheus-alertmanager >/dev/null 2>&1 || command -v alertmanager >/dev/null 2>&1 \
  || missing+=(prometheus-alertmanager)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "test.sh: cannot install ${missing[*]}: not root and no sudo; install them (apt-get install ${missing[*]}) and run ./test.sh again" >&2
    exit 1
  fi
}

if [ "${#missing[@]}" -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The unprivileged user the PostgreSQL fixture runs the server as when the tests run as root.
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin postgres
fi

status=0
dotnet test IncidentPolicy.sln "$@" || status=$?
exit "$status"
