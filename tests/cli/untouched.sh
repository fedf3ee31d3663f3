#!/bin/sh
# backlint never writes to what it lints: every file of a copy of the
# fixtures and the sample backlog has the same checksum, and no file is
# added or removed, after a run in each mode. A report written with
# --output replaces the old file by renaming a complete one over it.
#   untouched.sh BACKLINT SRCDIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -R "$src/fixtures" "$src/examples" "$tmp/" || exit 2
mkdir "$tmp/out"
cd "$tmp" || exit 2
sums() { find fixtures examples -type f -exec sha256sum {} + | sort; find fixtures examples | sort; }
sums >before
fail=0
run() { # run ARGS...: any exit status but a crash
	"$bin" "$@" >/dev/null 2>&1
	rc=$?
	[ $rc -le 2 ] || { echo "backlint $*: exit status $rc"; fail=1; }
}
run fixtures examples
run -j 3 fixtures examples
for f in text json sarif junit github gitlab checkstyle; do
	run --format $f fixtures examples
	run --format $f --output out/report.$f fixtures examples
done
run --dump-model fixtures examples
run --parse-only fixtures examples
run --report-unused-disables fixtures examples
run --write-baseline out/baseline.json fixtures examples
run --baseline out/baseline.json fixtures examples
run --print-config examples
run --quiet --fail-on warning fixtures examples
sums >after
cmp -s before after || { echo "files changed:"; diff before after | head; fail=1; }

# --output: the report is renamed into place, whole (a new inode), and
# leaves no temporary file.
printf 'old report\n' >out/r.json
ino=$(stat -c %i out/r.json)
"$bin" --format json --output out/r.json examples >/dev/null 2>&1
[ "$(stat -c %i out/r.json)" != "$ino" ] || { echo "--output rewrote the file in place"; fail=1; }
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' out/r.json ||
	{ echo "--output: not a whole JSON report"; fail=1; }
ls out | grep -q tmp && { echo "--output left a temporary file"; fail=1; }
[ $fail = 0 ] && echo "nothing written to the linted files"
exit $fail
