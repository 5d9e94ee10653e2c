#!/usr/bin/env bash
# The catalog's web page in a real browser, against the real server on PostgreSQL:
#   run.sh SERVER_BINARY PG_URL|@FILE_HOLDING_THE_URL OUTPUT_DIR
# Creates the schema catalog_browser (its own, so that it clashes with no other test), seeds
# 3,000 products, starts `SERVER_BINARY serve --port 0`, runs browser_test.mjs (Chromium via
# puppeteer-core) and leaves OUTPUT_DIR/catalog.png and the server's log. Fails, never skips,
# when Chromium or the npm packages are missing: scripts/browser_deps installs them.
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 SERVER_BINARY PG_URL|@FILE OUTPUT_DIR" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
server=$1
base_url=$2
[[ $base_url == @* ]] && base_url=$(cat "${base_url#@}")
mkdir -p "$3"
out=$(cd "$3" && pwd)
schema=catalog_browser
fail() { echo "FAILED: $*" >&2; exit 1; }

deps="run scripts/browser_deps (as root) to install it"
[ -x /usr/bin/chromium ] || fail "no /usr/bin/chromium: $deps"
command -v node >/dev/null || fail "no node on PATH: $deps"
[ -f "$here/node_modules/puppeteer-core/package.json" ] ||
  fail "no tests/catalog/browser/node_modules (puppeteer-core): $deps"
[ -x "$server" ] || fail "no server binary at $server"

sql() { psql -q -v ON_ERROR_STOP=1 "$base_url" -c "SET client_min_messages = warning" "$@" >/dev/null; }
separator='?'
[[ $base_url == *\?* ]] && separator='&'
url="${base_url}${separator}options=-c%20search_path%3D${schema}"

log="$out/catalog_server.log"
server_pid=
cleanup() {
  local status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  sql -c "DROP SCHEMA IF EXISTS $schema CASCADE" || echo "warning: could not drop schema $schema" >&2
  if [ "$status" -ne 0 ] && [ -s "$log" ]; then
    echo "--- the server's log (last 40 lines of $log) ---" >&2
    tail -n 40 "$log" >&2
  fi
  exit "$status"
}
trap cleanup EXIT

sql -c "DROP SCHEMA IF EXISTS $schema CASCADE" -c "CREATE SCHEMA $schema"
"$server" --url "$url" upgrade || fail "upgrade"
"$server" --url "$url" seed --products 3000 || fail "seed --products 3000"

# The server prints "catalog listening on port N" once it accepts connections.
: >"$log"
"$server" --url "$url" serve --port 0 >"$log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 300); do
  port=$(sed -n 's/^catalog listening on port \([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited before listening"
  sleep 0.1
done
[ -n "$port" ] || fail "the server did not say 'catalog listening on port N' within 30 s"
echo "server listening on port $port"

cd "$here"
timeout 300 node browser_test.mjs "http://127.0.0.1:$port" "$out/catalog.png" ||
  fail "the browser test (screenshot and server log in $out)"
