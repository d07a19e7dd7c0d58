#!/usr/bin/env bash
# End-to-end check of `make prod` on scratch ports, a scratch database and a scratch directory:
# TLS, /readyz, static files from nginx, a login and an opinion submission through nginx, a worker
# job completing, the public form's access-log line without the client, metrics, `make prod`
# run twice (idempotent), then `make prod-stop`. Bounded: every wait has a limit. Exit 0 = all passed.
#
#   deploy/smoke.sh        (SMOKE_HTTPS_PORT / SMOKE_HTTP_PORT / SMOKE_APP_PORT to fix the ports;
#                           SMOKE_OWN_PG=1 to use an own PostgreSQL cluster; SMOKE_KEEP=1 keeps the scratch)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

# Scratch ports: free ones chosen by the kernel unless given (other servers may run on this machine).
free_port() { "$ROOT/.venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export PROD_HTTPS_PORT=${SMOKE_HTTPS_PORT:-$(free_port)}
export PROD_HTTP_PORT=${SMOKE_HTTP_PORT:-$(free_port)}
export PROD_APP_PORT=${SMOKE_APP_PORT:-$(free_port)}
export PROD_PG_PORT=${SMOKE_PG_PORT:-$(free_port)}
export PROD_DB_NAME=${SMOKE_DB_NAME:-sausat_smoke_$$}
export PROD_OWN_PG=${SMOKE_OWN_PG:-0}
export PROD_DIR=${SMOKE_DIR:-$(mktemp -d /tmp/sausat-smoke.XXXXXX)}
mkdir -p "$PROD_DIR"
chmod 755 "$PROD_DIR" # nginx's workers (nobody, when run as root) read the static files in it
export PROD_STATIC_ROOT=$PROD_DIR/static
export PROD_VAR_DIR=$PROD_DIR/var
export PROD_DEMO=1
PY="$ROOT/.venv/bin/python"
BASE="https://127.0.0.1:$PROD_HTTPS_PORT"
JAR="$PROD_DIR/cookies.txt"
PASSWORD=${SAUSAT_DEMO_PASSWORD:-sausat-demo-2026}
T0=$SECONDS
lap() { printf '  [%3d s] %s\n' "$((SECONDS - T0))" "$*"; }
fail() { echo "SMOKE FAILED: $*" >&2; exit 1; }

cleanup() {
  local code=$?
  deploy/prod.sh stop >/dev/null 2>&1 || true
  if [ "$code" != 0 ] && [ -d "$PROD_DIR/log" ]; then
    echo "--- logs ($PROD_DIR/log) ---" >&2
    tail -n 20 "$PROD_DIR"/log/*.log >&2 || true
  fi
  if [ -z "${SMOKE_KEEP:-}" ]; then
    dropdb --if-exists -h 127.0.0.1 -p 5432 -U postgres "$PROD_DB_NAME" 2>/dev/null || true
    rm -rf "$PROD_DIR"
  fi
  exit "$code"
}
trap cleanup EXIT

django() { # run Python in the production environment
  (set -a && . "$PROD_DIR/conf/sausat.env" && set +a && "$PY" manage.py shell -c "$1")
}
csrf_of() { grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }

echo "== make prod (scratch: ports $PROD_HTTPS_PORT/$PROD_HTTP_PORT/$PROD_APP_PORT, $PROD_DIR, db $PROD_DB_NAME)"
dropdb --if-exists -h 127.0.0.1 -p 5432 -U postgres "$PROD_DB_NAME" 2>/dev/null || true
timeout 900 make -s prod >"$PROD_DIR/make-prod.out" 2>&1 || { cat "$PROD_DIR/make-prod.out"; fail "make prod"; }
grep -q "make prod-stop" "$PROD_DIR/make-prod.out" || fail "make prod did not say how to stop"
lap "make prod: up and /readyz answered (first run)"

echo "== TLS"
out=$(curl -ksS -o /dev/null -w '%{http_code} %{scheme}' "$BASE/healthz")
[ "$out" = "200 HTTPS" ] || fail "https /healthz: $out"
tls=$(openssl s_client -connect "127.0.0.1:$PROD_HTTPS_PORT" -servername localhost </dev/null 2>/dev/null || true)
grep -qE "New, TLSv1\.[23]|Protocol *: TLSv1\.[23]" <<<"$tls" || fail "TLS 1.2/1.3 not negotiated"
redirect=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$PROD_HTTP_PORT/dang-nhap/")
[[ $redirect == "301 https://127.0.0.1:$PROD_HTTPS_PORT/dang-nhap/" ]] || fail "http redirect: $redirect"
lap "TLS: https answers, TLS 1.2+, http redirects to https"

echo "== /readyz"
ready=$(curl -ksS "$BASE/readyz")
grep -q '"status": "ok"' <<<"$ready" || fail "readyz: $ready"
lap "readyz: $ready"

echo "== static files from nginx"
curl -ksS -c "$JAR" -b "$JAR" "$BASE/dang-nhap/" -o "$PROD_DIR/login.html"
css=$(grep -o '/static/[^"]*\.css' "$PROD_DIR/login.html" | head -1)
[ -n "$css" ] || fail "no stylesheet on the login page"
headers=$(curl -ksS -D - -o /dev/null "$BASE$css")
grep -qi '^cache-control: .*public' <<<"$headers" || fail "static not from nginx: $headers"
grep -q ' 200' <<<"$headers" || fail "static $css: $headers"
lap "static: $css served by nginx"

echo "== login through nginx"
token=$(csrf_of "$PROD_DIR/login.html")
login=$(curl -ksS -c "$JAR" -b "$JAR" -e "$BASE/dang-nhap/" -D - -o /dev/null \
  --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=vanphong" \
  --data-urlencode "password=$PASSWORD" "$BASE/dang-nhap/")
grep -q '^HTTP/[0-9.]* 302' <<<"$login" || fail "login: $login"
request_id=$(echo "$login" | grep -i '^x-request-id:' | awk '{print $2}' | tr -d '\r')
home=$(curl -ksS -c "$JAR" -b "$JAR" -o "$PROD_DIR/home.html" -w '%{http_code}' "$BASE/")
[ "$home" = 200 ] && grep -q "/dang-xuat/" "$PROD_DIR/home.html" || fail "home after login: $home"
sleep 1
grep -q "\"request_id\":\"$request_id\"" "$PROD_DIR/log/access.log" || fail "access log lacks request id $request_id"
lap "login: vanphong signed in; nginx's log line and the app share request id $request_id"

echo "== opinion through the public form"
form_token=$(django "from sausat.meetings.models import Meeting; print(Meeting.objects.filter(status='open').order_by('pk').values_list('form_token', flat=True).first() or '')" | tail -1)
[ -n "$form_token" ] || fail "no open meeting in the demo data"
rm -f "$JAR"
curl -ksS -c "$JAR" -b "$JAR" "$BASE/y-kien/gui/$form_token/" -o "$PROD_DIR/form.html"
token=$(csrf_of "$PROD_DIR/form.html")
marker="smoke-$(date +%s)-$RANDOM"
sent=$(curl -ksS -c "$JAR" -b "$JAR" -e "$BASE/y-kien/gui/$form_token/" -D - -o /dev/null -A "SmokeAgent/1.0" \
  --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "idempotency_key=$marker" \
  --data-urlencode "text=Đề nghị sửa đường liên xã trước mùa mưa ($marker)." \
  --data-urlencode "author_name=Người thử" "$BASE/y-kien/gui/$form_token/")
grep -q '^HTTP/[0-9.]* 302' <<<"$sent" || fail "opinion submission: $sent"
grep -qi '^x-request-id:' <<<"$sent" && fail "the public form answered with a request id"
stored=$(django "from sausat.opinions.models import Opinion; print(Opinion.objects.filter(text__contains='$marker').count())" | tail -1)
[ "$stored" = 1 ] || fail "opinion not stored ($stored)"
lap "opinion: submitted through nginx (302) and stored"

echo "== the public form's log lines"
sleep 1
public_log="$PROD_DIR/log/public-form.log"
grep -q "\"POST /y-kien/gui/$form_token/\" 302" "$public_log" || fail "no public-form line: $(cat "$public_log")"
if grep -E "127\.0\.0\.1|SmokeAgent|[0-9]{2}:[0-9]{2}:[0-9]{2}" "$public_log"; then fail "public-form log holds an address, agent or time"; fi
if grep -q "/y-kien/gui/" "$PROD_DIR/log/access.log"; then fail "the full access log has the public form"; fi
lap "public form: '$(grep POST "$public_log" | tail -1)' (no address, agent or time; absent from access.log)"

echo "== a worker job"
job=$(django "from sausat.directives.reminders import reminders_job; print(reminders_job.enqueue().id)" | tail -1)
state=""
for _ in $(seq 1 120); do
  state=$(django "from sausat.core.models import Job; print(Job.objects.get(pk=$job).status)" | tail -1)
  [ "$state" = done ] && break
  [ "$state" = failed ] && fail "job $job failed"
  sleep 0.5
done
[ "$state" = done ] || fail "job $job still $state"
lap "worker: job #$job (directives.reminders) done"

echo "== metrics"
metrics=$(curl -ksS "$BASE/metrics")
grep -q 'sausat_request_duration_seconds_bucket{.*view="core:login"' <<<"$metrics" || fail "metrics lack the login view"
grep -q '^sausat_jobs_queue_depth ' <<<"$metrics" || fail "metrics lack the queue depth"
lap "metrics: latency by view (all gunicorn workers), queue depth $(echo "$metrics" | awk '/^sausat_jobs_queue_depth /{print $2}')"

echo "== make prod again (idempotent)"
timeout 900 make -s prod >"$PROD_DIR/make-prod-2.out" 2>&1 || { cat "$PROD_DIR/make-prod-2.out"; fail "second make prod"; }
grep -q "web: reloaded" "$PROD_DIR/make-prod-2.out" || fail "second run did not reload gunicorn"
[ "$(curl -ksS -o /dev/null -w '%{http_code}' "$BASE/readyz")" = 200 ] || fail "not ready after the second run"
lap "make prod twice: reloaded in place, still ready"

echo "== make prod-stop"
make -s prod-stop >/dev/null
for port in "$PROD_HTTPS_PORT" "$PROD_HTTP_PORT" "$PROD_APP_PORT"; do
  if curl -ksS -m 2 -o /dev/null "https://127.0.0.1:$port/" 2>/dev/null || curl -sS -m 2 -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
    fail "port $port still answers"
  fi
done
ls "$PROD_DIR"/run/*.pid >/dev/null 2>&1 && fail "pid files left: $(ls "$PROD_DIR"/run)"
lap "stopped: no port answers, no pid file left"
echo "SMOKE PASSED in $((SECONDS - T0)) s"
