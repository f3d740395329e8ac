#!/usr/bin/env bash
# Runs a command beside a PostgreSQL of its own: a fresh cluster in a temporary
# directory (initdb and pg_ctl from Debian's postgresql package), on a free
# loopback port, as an unprivileged user, removed afterwards. The command gets
# LINLI_TEST_PG=postgresql://linli@127.0.0.1:PORT (a superuser, trust
# authentication: tests create a database each). No system service is used.
#   scripts/with-postgres.sh node --test tests/api/
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: PostgreSQL is not installed (make deps installs it)" >&2
  exit 2
fi
dir=$(mktemp -d /tmp/linli-pg.XXXXXX)
chmod 755 "$dir"
as=()
if [ "$(id -u)" -eq 0 ]; then  # initdb refuses to run as root
  id linli-pgtest >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin linli-pgtest
  chown linli-pgtest "$dir"
  as=(runuser -u linli-pgtest --)
fi
cleanup() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U linli -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
for attempt in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 30000))
  if "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=64MB" \
    start >/dev/null; then
    break
  fi
  [ "$attempt" -eq 5 ] && { cat "$dir/server.log" >&2; exit 1; }
done
export LINLI_TEST_PG="postgresql://linli@127.0.0.1:$port"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port"
"$@"
