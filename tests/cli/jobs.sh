#!/bin/sh
# -j N reads files in parallel; the output must be the same as -j 1, byte
# for byte, whatever the number of jobs.
#   jobs.sh BACKLINT SRCDIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 2
"$bin" -j 1 --color never fixtures examples tests/cli/config >"$tmp/1" 2>&1
echo "exit $?" >>"$tmp/1"
for j in 2 3 8; do
	"$bin" -j $j --color never fixtures examples tests/cli/config >"$tmp/$j" 2>&1
	echo "exit $?" >>"$tmp/$j"
	cmp -s "$tmp/1" "$tmp/$j" || { echo "-j $j differs from -j 1:"; diff "$tmp/1" "$tmp/$j" | head; exit 1; }
done
# --dump-model too: files are loaded by workers and dumped in order.
"$bin" -j 1 --dump-model fixtures examples >"$tmp/m1" 2>&1
"$bin" -j 3 --dump-model fixtures examples >"$tmp/m3" 2>&1
cmp -s "$tmp/m1" "$tmp/m3" || { echo "--dump-model -j 3 differs from -j 1"; exit 1; }
[ "$(wc -l <"$tmp/1")" -gt 100 ] || { echo "too little output to compare"; exit 1; }
echo "jobs ok"
