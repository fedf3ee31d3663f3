#!/bin/sh
# CLI test: runs the built backlint with ARGS from the source tree and
# compares its standard output, standard error and exit status with
# EXPECTED. With BL_REGEN=1, EXPECTED is rewritten instead.
#   run.sh BACKLINT SOURCE_DIR EXPECTED ARGS...
set -u
bin=$1 src=$2 expected=$3
shift 3
cd "$src" || exit 2
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
NO_COLOR=${BL_NO_COLOR-1} "$bin" "$@" >"$actual" 2>&1 </dev/null
echo "[exit $?]" >>"$actual"
if [ "${BL_REGEN:-0}" = 1 ]; then
	cp "$actual" "$expected"
	echo "regenerated $expected"
	exit 0
fi
diff -u "$expected" "$actual"
