#!/usr/bin/env bash
# The seed's Activity 2 (examples/data_migration) against a real database, as a user runs it:
#   data_migration_test.sh TOOL sqlite|URL|@file-holding-the-URL [ROWS]
# Seeds messy legacy rows; a dry run writes nothing; a run killed with SIGKILL midway resumes
# and ends where an uninterrupted run ends; every row is migrated or quarantined once; the
# downgrade keeps the legacy rows. Fails at the first step that does not do what it says.
set -Eeuo pipefail  # -E: the ERR trap reports failures inside run() too
tool=$1
url=$2
rows=${3:-3000}
[[ $url == @* ]] && url=$(cat "${url#@}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
if [ "$url" = sqlite ]; then
  url="sqlite:///$work/legacy.db"
else  # a schema of its own: the other tests' tables are not this application's
  psql -q "$url" -c "DROP SCHEMA IF EXISTS data_migration CASCADE" \
    -c "CREATE SCHEMA data_migration" 2>&1 | { grep -v NOTICE || true; }
  separator='?'
  [[ $url == *\?* ]] && separator='&'
  url="${url}${separator}options=-c%20search_path%3Ddata_migration"
fi
trap 'echo "FAILED at line $LINENO" >&2' ERR
run() { "$tool" --url "$url" "$@"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
# "would have N migrated, M quarantined" -> N+M
converted() { sed -n 's/.*have \([0-9]*\) migrated, \([0-9]*\) quarantined.*/\1 \2/p' | awk '{print $1+$2}'; }

run seed --rows "$rows"
run seed --rows 10 2>/dev/null && fail "seeding a seeded database"

run migrate --dry-run 2>dry.txt
[ "$(converted <dry.txt)" = "$rows" ] || fail "the dry run converts every row: $(tail -1 dry.txt)"
[ "$(grep -c "quarantined for" dry.txt)" -ge 5 ] || fail "five reasons or more: $(cat dry.txt)"
run check >/dev/null 2>&1 && fail "check passes after a dry run: it wrote the new tables"

# Killed midway: SIGKILL after the third chunk, while chunks remain. The tool itself runs in
# the background, not through run(): $! must be its pid, not a subshell's, or the kill would
# leave it running beside the next steps.
"$tool" --url "$url" migrate --chunk 100 --pause-ms 40 2>killed.txt &
pid=$!
for _ in $(seq 200); do
  [ "$(grep -c '^converted' killed.txt)" -ge 3 ] && break
  sleep 0.05
done
kill -9 "$pid" || fail "the run ended before it could be killed"
wait "$pid" 2>/dev/null && fail "the killed run exited cleanly"
run report >partial.txt
migrated=$(sed -n 's/^migrated: //p' partial.txt)
[ "$migrated" -gt 0 ] && [ "$migrated" -lt "$rows" ] || fail "a part was migrated: $migrated"

run migrate --chunk 100 2>resumed.txt
grep -q "resuming after legacy id" resumed.txt || fail "the second run resumes"
run check || fail "every row migrated or quarantined once after the resume"
run report >after_resume.txt

# The downgrade drops the new tables and keeps every legacy row; a fresh run then gives what
# the interrupted one gave.
run downgrade
run check >/dev/null 2>&1 && fail "check passes after the downgrade"
run migrate --dry-run 2>dry_again.txt
[ "$(converted <dry_again.txt)" = "$rows" ] || fail "the legacy rows survive the downgrade"
run migrate 2>uninterrupted_progress.txt
run check >/dev/null
run report >uninterrupted.txt
diff after_resume.txt uninterrupted.txt || fail "the resumed run differs from an uninterrupted one"
echo "data migration: dry run, kill and resume, quarantine, downgrade all did what they say"
