#!/bin/sh
# Baselines end to end: --write-baseline records today's findings and
# reports none; --baseline reports only new ones, even after lines moved;
# fixed findings are noted; a corrupt baseline is an error (exit 2).
#   baseline.sh BACKLINT SRCDIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src/examples" "$tmp/backlog"
cd "$tmp" || exit 2
fail() { echo "baseline: $*"; exit 1; }

"$bin" --write-baseline base.txt backlog >out 2>err || fail "write failed: $(cat err)"
[ -s out ] && fail "findings printed while writing: $(cat out)"
grep -q '^backlint: wrote [1-9][0-9]* findings to base.txt$' err || fail "no summary: $(cat err)"
head -1 base.txt | grep -q '^# backlint baseline v1$' || fail "bad header"

# Same backlog: nothing to report, exit 0.
"$bin" --baseline base.txt backlog >out 2>&1 || fail "exit $? on an unchanged backlog: $(cat out)"
grep -q '^no problems in' out || fail "unchanged backlog reported: $(cat out)"

# Lines inserted above every story: still nothing new.
{ echo "As a member, I want to see opening hours, so that I can plan my visit."; cat backlog/stories.txt; } >s && mv s backlog/stories.txt
"$bin" --baseline base.txt backlog >out 2>&1 || fail "moved lines reported: $(cat out)"
grep -q '^no problems in' out || fail "moved lines reported: $(cat out)"

# A new flawed story: exactly that is reported.
echo "As a member I want notifications about holds" >>backlog/stories.txt
"$bin" --baseline base.txt backlog >out 2>&1
grep -c '\[value/missing\]$' out | grep -qx 1 || fail "new finding not reported once: $(cat out)"
grep -q '^1 problem' out || fail "more than the new finding: $(cat out)"

# A fixed story: the baseline says it no longer occurs.
grep -v 'Search the catalogue by ISBN' backlog/stories.txt >s && mv s backlog/stories.txt
"$bin" --baseline base.txt backlog >out 2>err
grep -q 'no longer occur' err || fail "fixed finding not noted: $(cat err)"

# A corrupt baseline: a clear error naming file and line, exit 2.
printf '# backlint baseline v1\nnot a finding\n' >bad.txt
"$bin" --baseline bad.txt backlog >out 2>err
[ $? -eq 2 ] || fail "corrupt baseline did not exit 2"
grep -q 'bad.txt:2' err || fail "error does not name the line: $(cat err)"
echo "baseline ok"
