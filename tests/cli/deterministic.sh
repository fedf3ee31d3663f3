#!/bin/sh
# The same input gives the same output, byte for byte: run after run,
# whatever -j, in the C locale and a UTF-8 one, in every output format.
#   deterministic.sh BACKLINT SRCDIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 2
fail=0
for f in text json sarif junit checkstyle; do
	ref=
	for loc in C C.UTF-8; do
		for j in 1 3 1; do
			out="$tmp/$f-$loc-$j"
			LC_ALL=$loc "$bin" --format $f --color never -j $j fixtures examples \
				tests/cli/config >"$out" 2>&1
			echo "exit $?" >>"$out"
			if [ -z "$ref" ]; then
				ref=$out
			elif ! cmp -s "$ref" "$out"; then
				echo "--format $f: LC_ALL=$loc -j $j differs from the first run:"
				diff "$ref" "$out" | head -5
				fail=1
			fi
		done
	done
	[ "$(wc -c <"$ref")" -gt 10000 ] || { echo "--format $f: too little output"; fail=1; }
done
[ $fail = 0 ] && echo "deterministic"
exit $fail
