#!/bin/sh
# The cost of hostile input: for each case of tests/cli/hostile.sh, at a
# size that would hurt, the time and peak memory of one lint (release
# build), beside a plain backlog of the same size. The tests assert the
# outcome; this measures that time and memory stay bounded.
#
#   bench/hostile.sh             # prints a markdown table
#
# Never used for pass/fail: timings vary with the machine.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. bench/common.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (package time)"; exit 2; }

story='As a member, I want to renew a loan online, so that I keep the book longer.'
mb=32 # size of the big cases, MB
python3 - "$tmp" "$mb" "$story" <<'PY'
import sys
d, mb, story = sys.argv[1], int(sys.argv[2]), sys.argv[3]
n = mb << 20
def w(name, data):
    open(f"{d}/{name}", "wb").write(data if isinstance(data, bytes) else data.encode())
item = f"  - id: US-{{}}\n    title: Renew a loan {{}}\n    story: {story}\n    estimate: 3\n"
plain = "stories:\n" + "".join(item.format(i, i) for i in range(n // len(item.format(1, 1))))
w("plain.yml", plain)
# Nesting: blockquotes and lists as deep as the size allows.
w("deep-quote.md", "# Backlog\n\n## US-1: Deep\n\n" + story + "\n\n" + "> " * (n // 2) + "x\n")
w("deep-list.md", "# Backlog\n\n## US-1: Deep\n\n" + story + "\n\n" + "- " * (n // 2) + "x\n")
w("deep-yaml.yml", "stories:\n  - id: US-1\n    title: " + "[" * (n // 2) + "]" * (n // 2) + "\n")
# Alias bomb: nine levels of nine aliases (9^9 nodes if expanded).
bomb = "a0: &a0 [lol]\n" + "".join(
    f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 9) + "]\n" for i in range(1, 10))
w("laughs.yml", bomb + "stories:\n  - id: US-1\n    title: *a9\n")
# Many aliases to one big anchor.
w("aliases.yml", "base: &b {title: x, story: '" + story + "'}\nstories:\n" + "  - *b\n" * (n // 8))
# Duplicate keys, all in one item.
w("dup-keys.yml", "stories:\n  - id: US-1\n" + "    status: ready\n" * (n // 18))
# Invalid UTF-8 on every line; lone CRs; one line of the whole size.
w("latin1.yml", b"stories:\n" + b"  - id: US-\xff1\n    title: caf\xe9\n" * (n // 32))
w("lone-cr.yml", plain.replace("\n", "\r"))
w("one-line.txt", story[:-1] + " and " + "more " * (n // 5) + "\n")
# A markdown document of a million three-line items, five findings each.
w("dense.md", "".join(f"## US-{i}: t\n\nStatus: Ready\n\n" for i in range(n // 30)))
# A runaway custom pattern over long titles.
w(".backlint.yml", "custom:\n  - id: team/runaway\n    pattern: '(a+)+$'\n    fields: [title]\n    message: runaway\n")
w("runaway.yml", "stories:\n" + "".join(f"  - id: US-{i}\n    title: {'a' * 40}!\n" for i in range(20000)))
PY
truncate -s 100M "$tmp/huge.md"

echo "| input | MB | exit | time (s) | peak RSS (MB) |"
echo "|---|---:|---:|---:|---:|"
for f in plain.yml huge.md deep-quote.md deep-list.md deep-yaml.yml laughs.yml aliases.yml \
	dup-keys.yml latin1.yml lone-cr.yml one-line.txt dense.md runaway.yml; do
	args="--no-config"
	[ "$f" = runaway.yml ] && args=""
	size=$(stat -c %s "$tmp/$f")
	set +e
	(cd "$tmp" && /usr/bin/time -f "%e %M" -o "$tmp/time" "$exe" $args --color never "$f" \
		>/dev/null 2>&1)
	rc=$?
	set -e
	# The last line: a failing command's status comes first.
	read -r secs kb <<-EOT
	$(tail -n 1 "$tmp/time")
	EOT
	printf '| %s | %s | %d | %s | %d |\n' "$f" "$(awk "BEGIN { printf \"%.1f\", $size / 1048576 }")" \
		"$rc" "$secs" $((kb / 1024))
done
