#!/usr/bin/env bash
# Grades the production server's headers with the Mozilla HTTP Observatory's own
# scoring (npm @mdn/mdn-http-observatory), run locally: gunicorn in production
# settings behind a throwaway nginx TLS proxy on 127.0.0.1:443/:80 with a
# certificate from a throwaway CA. Exits non-zero unless the grade is A+.
# See README.md in this folder. Run from anywhere: `make observatory`.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
HOST="${OBSERVATORY_HOST:-clinic.test}"
WANTED_GRADE="${OBSERVATORY_GRADE:-A+}"
SCANNER="$HERE/node_modules/@mdn/mdn-http-observatory"
RESULTS="$ROOT/bench-results"
STAMP="$(date -u +%Y%m%d-%H%M%S)"
OUT="$RESULTS/observatory-$STAMP.json"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'observatory: %s\n' "$*" >&2; exit 2; }

# --- prerequisites -----------------------------------------------------------
[ -x "$ROOT/.venv/bin/gunicorn" ] || die "no $ROOT/.venv/bin/gunicorn: run 'make install' first"
command -v node >/dev/null || die "node is missing (Node 20+ is needed)"
command -v npm >/dev/null || die "npm is missing"
command -v openssl >/dev/null || die "openssl is missing"
command -v curl >/dev/null || die "curl is missing"
if ! command -v nginx >/dev/null; then
  [ "$(id -u)" = 0 ] || die "nginx is missing; install it (apt-get install -y nginx) or run as root"
  say "installing nginx from Debian's packages (its system service is not used)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx >/dev/null; }
fi
NGINX="$(command -v nginx)"
[ "$(id -u)" = 0 ] || say "warning: not root; nginx may not be allowed to listen on ports 80 and 443"

# --- 1. scanner, in this folder's node_modules (git-ignored) -----------------
if [ ! -f "$SCANNER/src/scan.js" ]; then
  say "installing @mdn/mdn-http-observatory@1.4.8 into $HERE/node_modules"
  # --ignore-scripts: its postinstall downloads the HSTS preload and TLD lists.
  (cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
# The scanner reads conf/hsts-preload.json (src/analyzer/hsts.js); an empty list
# means "not preloaded", which costs nothing in the grade.
[ -f "$SCANNER/conf/hsts-preload.json" ] || echo '{}' >"$SCANNER/conf/hsts-preload.json"

# --- scratch space and cleanup -----------------------------------------------
WORK="$(mktemp -d -t observatory.XXXXXX)"
GUNICORN_PID=""
NGINX_PID=""
cleanup() {
  local rc=$?
  set +e
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID"
    wait "$NGINX_PID" 2>/dev/null
  fi
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID"
    wait "$GUNICORN_PID" 2>/dev/null
  fi
  if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
    # Something broke before a grade came out: show the servers' logs.
    for log in "$WORK/gunicorn.log" "$WORK/nginx-error.log"; do
      [ -s "$log" ] && { echo "--- tail of $log" >&2; tail -n 30 "$log" >&2; }
    done
  fi
  if [ -n "${OBSERVATORY_KEEP:-}" ]; then
    say "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 2. throwaway CA and a server certificate for $HOST ----------------------
say "making a throwaway CA and a certificate for $HOST in $WORK"
(
  cd "$WORK"
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 2 \
    -keyout ca.key -out ca.crt -subj "/CN=Clinic Observatory throwaway CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -sha256 \
    -keyout server.key -out server.csr -subj "/CN=$HOST" 2>/dev/null
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=DNS:$HOST" >server.ext
  openssl x509 -req -sha256 -days 2 -in server.csr -CA ca.crt -CAkey ca.key \
    -CAcreateserial -extfile server.ext -out server.crt 2>/dev/null
  openssl verify -CAfile ca.crt server.crt >/dev/null
)

# --- 3. the app in production settings under gunicorn ------------------------
APP_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export DJANGO_SETTINGS_MODULE=clinic.settings.production
SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))')"
export SECRET_KEY
export ALLOWED_HOSTS="$HOST"
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export DEBUG=false
export GUNICORN_BIND="127.0.0.1:$APP_PORT"
export GUNICORN_WORKERS="${GUNICORN_WORKERS:-2}"
export GUNICORN_FORWARDED_ALLOW_IPS=127.0.0.1

say "preparing the database and static files (production settings)"
cd "$ROOT"
.venv/bin/python manage.py migrate --noinput >"$WORK/manage.log" 2>&1 || { cat "$WORK/manage.log" >&2; die "migrate failed"; }
.venv/bin/python manage.py load_clinic_content >>"$WORK/manage.log" 2>&1 || { cat "$WORK/manage.log" >&2; die "load_clinic_content failed"; }
# STATIC_ROOT is fixed in the settings: this writes to $ROOT/staticfiles (git-ignored).
.venv/bin/python manage.py collectstatic --noinput >>"$WORK/manage.log" 2>&1 || { cat "$WORK/manage.log" >&2; die "collectstatic failed"; }

say "starting gunicorn on 127.0.0.1:$APP_PORT"
.venv/bin/gunicorn -c gunicorn.conf.py >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null -H "Host: $HOST" "http://127.0.0.1:$APP_PORT/healthz" 2>/dev/null && break
  kill -0 "$GUNICORN_PID" 2>/dev/null || die "gunicorn exited"
  sleep 0.2
done
curl -fsS -o /dev/null -H "Host: $HOST" "http://127.0.0.1:$APP_PORT/healthz" || die "gunicorn did not answer /healthz"

# --- 4. nginx: TLS on :443, http -> https redirect on :80 --------------------
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx.conf" <<EOF
# Throwaway config for ops/observatory/run.sh; the system nginx config is not used.
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 64; }
http {
  access_log $WORK/nginx-access.log;
  client_body_temp_path $WORK/nginx/client_body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server_tokens off;

  server {
    listen 127.0.0.1:80;
    server_name $HOST;
    return 301 https://\$host\$request_uri;
  }

  server {
    listen 127.0.0.1:443 ssl http2;
    server_name $HOST;
    ssl_certificate $WORK/server.crt;
    ssl_certificate_key $WORK/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;

    location / {
      proxy_pass http://127.0.0.1:$APP_PORT;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_redirect off;
    }
  }
}
EOF
say "starting nginx on 127.0.0.1:443 and :80 ($NGINX -c $WORK/nginx.conf)"
"$NGINX" -t -q -c "$WORK/nginx.conf" -p "$WORK/nginx" 2>"$WORK/nginx-test.log" \
  || { cat "$WORK/nginx-test.log" >&2; die "nginx config test failed"; }
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK/nginx" 2>>"$WORK/nginx-error.log" &
NGINX_PID=$!
CURL_TLS=(--resolve "$HOST:443:127.0.0.1" --resolve "$HOST:80:127.0.0.1" --cacert "$WORK/ca.crt")
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "${CURL_TLS[@]}" "https://$HOST/healthz" 2>/dev/null && break
  kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited (ports 80/443 taken? see its log below)"
  sleep 0.2
done
curl -fsS -o /dev/null "${CURL_TLS[@]}" "https://$HOST/healthz" || die "https://$HOST/healthz did not answer through nginx"

# --- 5. the scan ---------------------------------------------------------------
# The scanner's bin/wrapper.js overwrites NODE_EXTRA_CA_CERTS with Mozilla's
# bundle, so run src/scan.js directly with our CA. resolve-host.mjs maps $HOST to
# 127.0.0.1 inside the scanner only (no /etc/hosts edit). No proxies for this.
say "scanning $HOST with the HTTP Observatory (http:// and https://)"
mkdir -p "$RESULTS"
env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u all_proxy -u ALL_PROXY \
  NO_PROXY="$HOST" no_proxy="$HOST" \
  NODE_EXTRA_CA_CERTS="$WORK/ca.crt" OBSERVATORY_HOST="$HOST" \
  node --no-warnings --import "file://$HERE/resolve-host.mjs" "$SCANNER/src/scan.js" "$HOST" >"$OUT" || true
say "saved $OUT"
set +e
node "$HERE/report.mjs" "$OUT" "$WANTED_GRADE"
rc=$?
set -e

# The scan only sees "/", which sets no cookie: also show the cookies of pages that
# do set them (CSRF token, intake session), judged by the same rules. Not gating.
for path in ${OBSERVATORY_COOKIE_PATHS:-/intake/ /accounts/login/}; do
  curl -sSL -o /dev/null -D - "${CURL_TLS[@]}" "https://$HOST$path" 2>/dev/null \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: *//p' | sed "s|^|$path\t|"
done | node "$HERE/cookies.mjs" || true
exit "$rc"
