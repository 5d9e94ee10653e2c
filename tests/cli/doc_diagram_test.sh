#!/usr/bin/env bash
# An ER diagram in a guide page is what to_mermaid() draws for the models today: the page's
# first ```mermaid block equals what COMMAND prints.
#   doc_diagram_test.sh GUIDE_PAGE COMMAND [ARGUMENTS...]
set -euo pipefail
page=$1
shift
expected=$(mktemp)
shown=$(mktemp)
trap 'rm -f "$expected" "$shown"' EXIT
"$@" >"$expected"
awk '/^```mermaid$/ { inside = 1; next } inside && /^```$/ { exit } inside { print }' \
  "$page" >"$shown"
if ! diff -u "$shown" "$expected"; then
  echo "doc_diagram_test: $page shows an old diagram; paste the output of: $*" >&2
  exit 1
fi
