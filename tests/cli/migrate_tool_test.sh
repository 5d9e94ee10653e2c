#!/usr/bin/env bash
# The migration tool's commands against a real database, as a user runs them:
#   migrate_tool_test.sh TOOL sqlite|URL|@file-holding-the-URL
# Two versions of the models (MIGRATE_TOOL_VERSION): autogenerate, upgrade, check, history,
# downgrade, offline SQL, stamp. Fails at the first step that does not do what it says.
set -euo pipefail
tool=$1
url=$2
[[ $url == @* ]] && url=$(cat "${url#@}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# A fresh database: SQLite in the work directory; on PostgreSQL a schema of its own (other
# tests' tables in the default schema are not this application's, and autogenerate would
# rightly offer to drop them).
if [ "$url" = sqlite ]; then
  url="sqlite:///$work/app.db"
else
  # ... holding a table of another application, which --ignore-table leaves alone.
  psql -q "$url" -c "DROP SCHEMA IF EXISTS migrate_cli CASCADE" -c "CREATE SCHEMA migrate_cli" \
    -c "CREATE TABLE migrate_cli.other_app (id INTEGER)" 2>&1 | { grep -v NOTICE || true; }
  other_app=yes
  separator='?'
  [[ $url == *\?* ]] && separator='&'
  url="${url}${separator}options=-c%20search_path%3Dmigrate_cli"
fi
trap 'echo "FAILED at line $LINENO" >&2' ERR
run() { "$tool" --url "$url" --dir "$work/migrations" --ignore-table other_app "$@"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

run init >/dev/null
run revision --autogenerate -m "authors" | grep -q "CREATE TABLE" || fail "first revision"
[ "$(ls migrations | wc -l)" = 1 ] || fail "one revision file"
run check >/dev/null && fail "check passes before upgrade"
run upgrade head
run check >/dev/null || fail "check after upgrade"
run revision --autogenerate -m "again" | grep -q "no changes" || fail "no changes detected"

export MIGRATE_TOOL_VERSION=2
run check >/dev/null && fail "check passes with new models"
run lint | grep -q "nothing dangerous" || fail "lint of safe changes"
run revision --autogenerate -m "nickname and articles" >/dev/null
[ "$(ls migrations | wc -l)" = 2 ] || fail "second revision file"
grep -q "nickname" migrations/*_nickname_and_articles.sql || fail "the new column in the file"
run upgrade
run check >/dev/null || fail "check after the second upgrade"
run history | grep -q "(head) (current)" || fail "history marks head and current"
[ "$(run heads | wc -l)" = 1 ] || fail "one head"

base=$(run history | tail -1 | sed 's/^<base> -> \([0-9a-f]*\).*/\1/')
run downgrade -1
[ "$(run current)" = "$base" ] || fail "downgrade -1 goes back to the first revision"
{ run check || true; } | grep -q "not at head" || fail "check says the database is behind"
run downgrade base
[ -z "$(run current)" ] || fail "nothing current after downgrade base"
run upgrade head --sql > script.sql
grep -q "COMMIT;" script.sql || fail "offline script"
[ -z "$(run current)" ] || fail "--sql ran nothing"
if [ "${other_app:-}" = yes ]; then
  # What a DBA does with it: psql runs the script, and the database is then at head with the
  # models' schema, as after an online upgrade.
  psql -q -v ON_ERROR_STOP=1 "$url" -f script.sql >/dev/null || fail "psql applies the script"
  run check >/dev/null || fail "check after the script applied by psql"
  [ "$(run current)" = "$(run heads | cut -d' ' -f1)" ] || fail "the script records the head"
  run downgrade base
fi
run stamp head
run current | grep -q . || fail "stamp records the head"
run show "$(run heads | cut -d' ' -f1)" | grep -q "^-- upgrade" || fail "show prints the revision"
run upgrade nosuchrevision 2>/dev/null && fail "an unknown target is refused"
if [ "${other_app:-}" = yes ]; then
  { "$tool" --url "$url" --dir "$work/migrations" check || true; } | grep -q "drop table other_app" ||
    fail "without --ignore-table, check reports the other application's table"
  psql -q "$url" -tA -c "SELECT count(*) FROM other_app" | grep -q 0 || fail "other_app kept"
fi
echo "migrate tool: every command did what it says"
