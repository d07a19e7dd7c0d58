#!/usr/bin/env bash
# `make prod` / `make prod-stop`: Sâu sát production-like on this machine, from Debian packages and the repo.
#
#   deploy/prod.sh start    PostgreSQL database, gunicorn, worker, scheduler, nginx with TLS (idempotent)
#   deploy/prod.sh stop     stop what start started
#   deploy/prod.sh status   which processes run
#
# Everything lives under $PROD_DIR (default var/prod/): rendered configuration, pid files, logs,
# the TLS certificate, and the own PostgreSQL cluster when the machine has none on 127.0.0.1:5432.
# Settings (environment): PROD_HTTPS_PORT (8443), PROD_HTTP_PORT (8080), PROD_APP_PORT (8001),
# PROD_PG_PORT (5433, own cluster only; PROD_OWN_PG=1 forces one), PROD_DB_NAME (sausat_prod), PROD_DATABASE_URL (use this
# database as it is), PROD_DEMO (1: load the demo data with the shared demo password),
# PROD_WEB_WORKERS (2), SAUSAT_TLS_CERT / SAUSAT_TLS_KEY (a real certificate), PROD_DIR, PROD_STATIC_ROOT.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PROD_DIR=$(mkdir -p "${PROD_DIR:-$ROOT/var/prod}" && cd "${PROD_DIR:-$ROOT/var/prod}" && pwd)
HTTPS_PORT=${PROD_HTTPS_PORT:-8443}
HTTP_PORT=${PROD_HTTP_PORT:-8080}
APP_PORT=${PROD_APP_PORT:-8001}
PG_PORT=${PROD_PG_PORT:-5433}
DB_NAME=${PROD_DB_NAME:-sausat_prod}
STATIC_ROOT=${PROD_STATIC_ROOT:-$ROOT/var/static}
VAR_DIR=${PROD_VAR_DIR:-$ROOT/var}
DEMO=${PROD_DEMO:-1}
WEB_WORKERS=${PROD_WEB_WORKERS:-2}
PY="$ROOT/.venv/bin/python"
LOG="$PROD_DIR/log"
RUN="$PROD_DIR/run"
CONF="$PROD_DIR/conf"
PGDATA="$PROD_DIR/pgdata"

say() { printf '== %s\n' "$*"; }

# --- processes by pid file (a pid is ours only if its command line still says what we started) ---
alive() { # name pattern
  local pidfile="$RUN/$1.pid" pid
  [ -s "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2"
}

stop_one() { # name pattern
  local pidfile="$RUN/$1.pid" pid i
  if alive "$1" "$2"; then
    pid=$(cat "$pidfile")
    kill -TERM "$pid"
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
    say "stopped $1 (pid $pid)"
  fi
  rm -f "$pidfile"
}

spawn() { # name logfile command...
  local name=$1 logfile=$2
  shift 2
  setsid nohup "$@" >>"$logfile" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
}

find_pg_bin() { # initdb / pg_ctl of the newest installed PostgreSQL
  local p
  p=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$p" ] && [ -x "$p/$1" ]; then echo "$p/$1"; else command -v "$1"; fi
}

as_pg_owner() { # run a PostgreSQL server binary as a non-root user (initdb/postgres refuse root)
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# --- PostgreSQL -------------------------------------------------------------------------------
database_url() {
  if [ -n "${PROD_DATABASE_URL:-}" ]; then
    echo "$PROD_DATABASE_URL"
    return
  fi
  if [ "${PROD_OWN_PG:-0}" != 1 ] && [ ! -d "$PGDATA" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null \
    && psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    if [ -z "$(psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc "select 1 from pg_database where datname = '$DB_NAME'")" ]; then
      createdb -h 127.0.0.1 -p 5432 -U postgres "$DB_NAME" >&2
      say "created database $DB_NAME on the machine's PostgreSQL (127.0.0.1:5432)" >&2
    fi
    echo "postgres://postgres@127.0.0.1:5432/$DB_NAME"
    return
  fi
  own_cluster >&2
  echo "postgres://postgres@127.0.0.1:$PG_PORT/$DB_NAME"
}

own_cluster() {
  local initdb pg_ctl
  initdb=$(find_pg_bin initdb)
  pg_ctl=$(find_pg_bin pg_ctl)
  if [ -z "$initdb" ] || [ -z "$pg_ctl" ]; then
    echo "No PostgreSQL on 127.0.0.1:5432 and no server binaries: apt-get install postgresql" >&2
    exit 1
  fi
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    say "creating an own PostgreSQL cluster in $PGDATA (port $PG_PORT)"
    mkdir -p "$PGDATA"
    if [ "$(id -u)" = 0 ]; then
      chown postgres: "$PGDATA"
      chmod o+x "$PROD_DIR" # the postgres user must reach its data directory
    fi
    as_pg_owner "$initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --no-locale >"$LOG/pg-initdb.log"
  fi
  if ! pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
    as_pg_owner "$pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w start \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PGDATA" >/dev/null
  fi
  if [ -z "$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atqc "select 1 from pg_database where datname = '$DB_NAME'")" ]; then
    createdb -h 127.0.0.1 -p "$PG_PORT" -U postgres "$DB_NAME"
  fi
}

# --- nginx, TLS ---------------------------------------------------------------------------------
ensure_nginx() {
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing nginx (Debian package)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null \
      || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  else
    echo "nginx is missing: sudo apt-get install nginx-light" >&2
    exit 1
  fi
}

ensure_tls() {
  if [ -n "${SAUSAT_TLS_CERT:-}" ] && [ -n "${SAUSAT_TLS_KEY:-}" ]; then
    TLS_CERT=$SAUSAT_TLS_CERT
    TLS_KEY=$SAUSAT_TLS_KEY
    return
  fi
  TLS_CERT="$PROD_DIR/tls/cert.pem"
  TLS_KEY="$PROD_DIR/tls/key.pem"
  if [ ! -s "$TLS_CERT" ]; then
    say "self-signed certificate for localhost and $(hostname) ($PROD_DIR/tls/)"
    mkdir -p "$PROD_DIR/tls" && chmod 700 "$PROD_DIR/tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,DNS:$(hostname),IP:127.0.0.1" \
      -keyout "$TLS_KEY" -out "$TLS_CERT" 2>/dev/null
  fi
}

nginx_bin() { command -v nginx || echo /usr/sbin/nginx; }

# --- start / stop ---------------------------------------------------------------------------------
start() {
  local t0=$SECONDS db_url host
  mkdir -p "$LOG" "$RUN" "$CONF" "$PROD_DIR/tmp" "$STATIC_ROOT" "$VAR_DIR"
  ensure_nginx
  ensure_tls
  db_url=$(database_url)
  [ -s "$PROD_DIR/secret_key" ] || (umask 077 && head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$PROD_DIR/secret_key")
  host=$(hostname)
  "$PY" deploy/render.py --profile prod --out "$CONF" \
    "GENERATED=Generated by deploy/prod.sh (make prod); edit deploy/templates instead." \
    "PREFIX=$PROD_DIR" "LOG_DIR=$LOG" "VAR_DIR=$VAR_DIR" "STATIC_ROOT=$STATIC_ROOT" \
    "SERVER_NAME=localhost 127.0.0.1 $host" "HTTP_PORT=$HTTP_PORT" "HTTPS_PORT=$HTTPS_PORT" \
    "HTTPS_PORT_SUFFIX=:$HTTPS_PORT" "APP_BIND=127.0.0.1:$APP_PORT" "TLS_CERT=$TLS_CERT" "TLS_KEY=$TLS_KEY" \
    "CLIENT_MAX_BODY_MB=25" "DATABASE_URL=$db_url" "SECRET_KEY=$(cat "$PROD_DIR/secret_key")" \
    "ALLOWED_HOSTS=localhost,127.0.0.1,$host" \
    "CSRF_TRUSTED_ORIGINS=https://localhost:$HTTPS_PORT,https://127.0.0.1:$HTTPS_PORT,https://$host:$HTTPS_PORT" \
    "BASE_URL=https://localhost:$HTTPS_PORT" "DEMO=$DEMO" "WEB_WORKERS=$WEB_WORKERS" "HSTS_SECONDS=0" \
    "NGINX_REOPEN=kill -USR1 \$(cat $PROD_DIR/nginx.pid)"
  set -a
  # shellcheck disable=SC1091
  . "$CONF/sausat.env"
  set +a
  export SAUSAT_LOG_FORMAT=json

  say "database: ${db_url%%@*}@${db_url#*@} — migrate, units, demo, static files"
  "$PY" manage.py compilepo >/dev/null
  "$PY" manage.py migrate --noinput >"$LOG/migrate.log"
  "$PY" manage.py load_units >"$LOG/load_units.log"
  if [ "$DEMO" = 1 ]; then "$PY" manage.py seed_demo >"$LOG/seed_demo.log"; fi
  "$PY" manage.py collectstatic --noinput >"$LOG/collectstatic.log"
  if [ "$(id -u)" = 0 ] && ! runuser -u nobody -- test -r "$STATIC_ROOT" -a -x "$STATIC_ROOT" 2>/dev/null; then
    echo "warning: nginx's workers (user nobody) cannot read $STATIC_ROOT: chmod o+rx it and its parents" >&2
  fi

  if alive web gunicorn; then
    kill -HUP "$(cat "$RUN/web.pid")" # new workers on the current code, no request lost
    say "web: reloaded (gunicorn HUP)"
  else
    PROMETHEUS_MULTIPROC_DIR="$PROD_DIR/metrics" SAUSAT_WEB_ERRORLOG="$LOG/web.log" \
      "$ROOT/.venv/bin/gunicorn" --config deploy/gunicorn.conf.py --pid "$RUN/web.pid" --daemon sausat.wsgi
    for _ in $(seq 1 60); do [ -s "$RUN/web.pid" ] && break; sleep 0.25; done
    say "web: gunicorn on 127.0.0.1:$APP_PORT ($WEB_WORKERS workers)"
  fi
  if ! alive worker run_worker; then
    spawn worker "$LOG/worker.log" "$PY" manage.py run_worker --nice 10 # web requests first
    say "worker: started"
  fi
  if ! alive scheduler scheduler.py; then
    spawn scheduler "$LOG/scheduler.log" "$PY" deploy/scheduler.py --state "$PROD_DIR/scheduler.json" \
      --backup-dir "$VAR_DIR/backups"
    say "scheduler: started (reminders, no-task-missed check, backups, anonymous batches)"
  fi
  if [ -s "$PROD_DIR/nginx.pid" ] && kill -0 "$(cat "$PROD_DIR/nginx.pid")" 2>/dev/null; then
    "$(nginx_bin)" -p "$PROD_DIR" -c "$CONF/nginx.conf" -t -q && "$(nginx_bin)" -p "$PROD_DIR" -c "$CONF/nginx.conf" -s reload
    say "nginx: reloaded"
  else
    "$(nginx_bin)" -p "$PROD_DIR" -c "$CONF/nginx.conf" 2>>"$LOG/error.log"
    say "nginx: https on $HTTPS_PORT, http on $HTTP_PORT"
  fi

  local status=""
  for _ in $(seq 1 120); do
    status=$(curl -ks -o /dev/null -w '%{http_code}' "https://127.0.0.1:$HTTPS_PORT/readyz" || true)
    [ "$status" = 200 ] && break
    sleep 0.5
  done
  if [ "$status" != 200 ]; then
    echo "not ready after 60 s (/readyz: $status); logs in $LOG" >&2
    curl -ks "https://127.0.0.1:$HTTPS_PORT/readyz" >&2 || true
    exit 1
  fi
  echo
  echo "Sâu sát runs at https://localhost:$HTTPS_PORT/  (self-signed certificate unless SAUSAT_TLS_CERT was given)"
  [ "$DEMO" = 1 ] && echo "Demo accounts: see $LOG/seed_demo.log (password ${SAUSAT_DEMO_PASSWORD:-sausat-demo-2026})"
  echo "Health: /healthz  Ready: /readyz  Metrics (this machine only): /metrics  Logs: $LOG/"
  local stop_hint="make prod-stop"
  [ "$PROD_DIR" = "$ROOT/var/prod" ] || stop_hint="PROD_DIR=$PROD_DIR make prod-stop"
  echo "Stop with: $stop_hint   (ready in $((SECONDS - t0)) s)"
}

stop() {
  if [ -s "$PROD_DIR/nginx.pid" ] && kill -0 "$(cat "$PROD_DIR/nginx.pid")" 2>/dev/null; then
    "$(nginx_bin)" -p "$PROD_DIR" -c "$CONF/nginx.conf" -s quit 2>/dev/null || kill -QUIT "$(cat "$PROD_DIR/nginx.pid")"
    for _ in $(seq 1 40); do [ -s "$PROD_DIR/nginx.pid" ] || break; sleep 0.25; done
    say "stopped nginx"
  fi
  stop_one scheduler scheduler.py
  stop_one worker run_worker
  stop_one web gunicorn
  if [ -s "$PGDATA/postmaster.pid" ]; then
    as_pg_owner "$(find_pg_bin pg_ctl)" -D "$PGDATA" -m fast -w stop >/dev/null && say "stopped own PostgreSQL"
  fi
}

status() {
  local name pattern
  for pair in web:gunicorn worker:run_worker scheduler:scheduler.py; do
    name=${pair%%:*} pattern=${pair#*:}
    if alive "$name" "$pattern"; then echo "$name: running (pid $(cat "$RUN/$name.pid"))"; else echo "$name: stopped"; fi
  done
  if [ -s "$PROD_DIR/nginx.pid" ] && kill -0 "$(cat "$PROD_DIR/nginx.pid")" 2>/dev/null; then
    echo "nginx: running (pid $(cat "$PROD_DIR/nginx.pid"))"
  else
    echo "nginx: stopped"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
