#!/usr/bin/env bash
# The tutorial's ER diagram in docs/guide/04-schema-and-types.md is what to_mermaid() draws
# for the tutorial's models today.
#   doc_diagram_test.sh RETORT_TUTORIAL_BINARY GUIDE_PAGE
set -euo pipefail
tutorial=$1
page=$2
expected=$(mktemp)
shown=$(mktemp)
trap 'rm -f "$expected" "$shown"' EXIT
"$tutorial" --diagram mermaid >"$expected"
awk '/^```mermaid$/ { inside = 1; next } inside && /^```$/ { exit } inside { print }' \
  "$page" >"$shown"
if ! diff -u "$shown" "$expected"; then
  echo "doc_diagram_test: $page shows an old diagram; paste 'retort_tutorial --diagram mermaid'" >&2
  exit 1
fi
