#!/bin/sh
# backlint init: writes a starter .backlint.yml that backlint itself
# accepts, refuses to overwrite it, and overwrites it with --force.
#   init.sh BACKLINT
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
git init -q . 2>/dev/null || mkdir .git
"$bin" init >out 2>&1 || { echo "init failed:"; cat out; exit 1; }
grep -q 'wrote .backlint.yml' out || { echo "no message:"; cat out; exit 1; }
# The starter file is valid configuration: lint and print with it.
printf 'As a member, I want to renew a loan, so that I keep the book.\n' >stories.txt
"$bin" --print-config >out 2>&1 || { echo "starter rejected:"; cat out; exit 1; }
grep -q '^# The configuration in effect: ./.backlint.yml' out || { cat out; exit 1; }
echo changed >.backlint.yml
if "$bin" init >out 2>&1; then echo "overwrote without --force"; exit 1; fi
grep -q 'exists; use --force' out || { cat out; exit 1; }
[ "$(cat .backlint.yml)" = changed ] || { echo "file was modified"; exit 1; }
"$bin" init --force >out 2>&1 || { cat out; exit 1; }
grep -q '^# backlint configuration' .backlint.yml || { echo "not rewritten"; exit 1; }
echo "init ok"
