#!/bin/sh
# Golden CLI test: runs the built backlint on one case and compares its
# standard output and exit status with the expected file.
#   golden.sh BACKLINT SOURCE_DIR EXPECTED ARGS...
# With BL_REGEN=1 the expected file is rewritten instead (review the diff).
set -u
bin=$1 src=$2 expected=$3
shift 3
cd "$src" || exit 2
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
NO_COLOR=1 "$bin" "$@" >"$actual" 2>/dev/null
echo "[exit $?]" >>"$actual"
if [ "${BL_REGEN:-0}" = 1 ]; then
	cp "$actual" "$expected"
	echo "regenerated $expected"
	exit 0
fi
diff -u "$expected" "$actual"
