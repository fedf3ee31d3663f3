#!/bin/sh
# The HTML report against the JSON output on the same backlog: time, peak
# memory and size of the output, median of 3 runs each (release build).
# The corpus is bench/run.sh's (generated when missing).
#
#   bench/report.sh              # the 100k corpus
#   ITEMS=10000 bench/report.sh
#
# Never used for pass/fail: timings vary with the machine.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
items=${ITEMS:-100000}
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (package time)"; exit 2; }
. bench/common.sh
d=$out/corpus-$items
corpus "$d" --items "$items"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "| format | items | median time (s) | peak RSS (MB) | output (MB) |"
echo "|---|---:|---:|---:|---:|"
for f in json html; do
	: >"$tmp/times"
	for run in 1 2 3; do
		/usr/bin/time -f "%e %M" -o "$tmp/t" "$exe" --no-config -j 2 --format $f \
			--output "$tmp/report.$f" "$d" >/dev/null 2>&1 || true
		tail -n 1 "$tmp/t" >>"$tmp/times"
	done
	sort -n "$tmp/times" | sed -n 2p | {
		read -r secs kb
		printf '| %s | %s | %s | %d | %s |\n' $f "$items" "$secs" $((kb / 1024)) \
			"$(awk "BEGIN { printf \"%.1f\", $(stat -c %s "$tmp/report.$f") / 1048576 }")"
	}
done
