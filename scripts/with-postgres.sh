#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL database: Debian's postgresql is installed if
# missing (root only) and started if it is down; a role and a database named citizen_scratch_<pid>
# are made, DATABASE_URL points at them while the command runs, and both are dropped after. The
# server is stopped again only if this script started it.
#   scripts/with-postgres.sh npx jest --config jest.config.js --selectProjects postgres
set -euo pipefail

as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -c "$(printf '%q ' "$@")"; fi; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "[postgres] PostgreSQL is not installed and this is not root: install Debian's postgresql first" >&2
    exit 1
  fi
  echo "[postgres] installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
started=no
if [ "$status" != online ]; then
  echo "[postgres] starting cluster $version/$cluster"
  pg_ctlcluster "$version" "$cluster" start
  started=yes
fi

name="citizen_scratch_$$"
password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
cleanup() {
  as_postgres psql -q -p "$port" -c "drop database if exists $name" >/dev/null || true
  as_postgres psql -q -p "$port" -c "drop role if exists $name" >/dev/null || true
  if [ "$started" = yes ]; then
    echo "[postgres] stopping cluster $version/$cluster (this script started it)"
    pg_ctlcluster "$version" "$cluster" stop || true
  fi
}
trap cleanup EXIT

as_postgres psql -q -p "$port" -c "create role $name login password '$password'" >/dev/null
as_postgres createdb -p "$port" -O "$name" "$name"

DATABASE_URL="postgres://$name:$password@127.0.0.1:$port/$name" "$@"
