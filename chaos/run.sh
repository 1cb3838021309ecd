#!/usr/bin/env bash
# make chaos: its own throwaway PostgreSQL cluster and Redis (never the shared 5432 / 6379), 1,000 stories,
# then `manage.py chaos` (devtools/management/commands/chaos.py) kills and restarts them under load.
# Everything it started is stopped and removed on the way out, however it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_PORT=${CHAOS_PG_PORT:-5499}
export CHAOS_REDIS_PORT=${CHAOS_REDIS_PORT:-6399}
PORT=${CHAOS_PORT:-8701}
PG_BIN=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ -x "$PG_BIN/initdb" ] || { echo "make chaos needs PostgreSQL's server binaries (initdb, pg_ctl)"; exit 1; }
command -v redis-server >/dev/null || { echo "make chaos needs redis-server"; exit 1; }
if ! command -v wrk >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || true
fi
command -v wrk >/dev/null || { echo "make chaos needs wrk: apt-get install -y wrk"; exit 1; }
for port in "$PG_PORT" "$CHAOS_REDIS_PORT" "$PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken"; exit 1; fi
done

export CHAOS_DIR
CHAOS_DIR=$(mktemp -d /tmp/newsroom-chaos.XXXXXX)
# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
as_postgres=()
if [ "$(id -u)" = 0 ]; then
    chown postgres "$CHAOS_DIR"
    as_postgres=(runuser -u postgres --)
fi
export CHAOS_PG_CTL="${as_postgres[*]} $PG_BIN/pg_ctl -D $CHAOS_DIR/pg -l $CHAOS_DIR/postgresql.log"

cleanup() {
    for pidfile in "$CHAOS_DIR/gunicorn.pid" "$CHAOS_DIR/redis.pid"; do
        [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    [ -f "$CHAOS_DIR/pg/postmaster.pid" ] && $CHAOS_PG_CTL stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$CHAOS_DIR"
}
trap cleanup EXIT

"${as_postgres[@]}" "$PG_BIN/initdb" -D "$CHAOS_DIR/pg" -U postgres -A trust --no-sync >/dev/null
cat >>"$CHAOS_DIR/pg/postgresql.conf" <<CONF
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$CHAOS_DIR'
max_connections = 100
CONF
$CHAOS_PG_CTL start -w >/dev/null
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE newsroom_chaos"

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/newsroom_chaos"
export STATIC_ROOT="$CHAOS_DIR/static" MEDIA_ROOT="$CHAOS_DIR/uploads"
export DEBUG=0 SECURE_SSL_REDIRECT=0 SECRET_KEY=${SECRET_KEY:-$(.venv/bin/python -c "import secrets; print(secrets.token_urlsafe(64))")}
echo "== own PostgreSQL on :$PG_PORT, Redis on :$CHAOS_REDIS_PORT, gunicorn on :$PORT (all in $CHAOS_DIR)"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py chaos --port "$PORT" "$@"
.venv/bin/python manage.py chaos_worker
