#!/bin/sh
# Golden CLI test: runs the built backlint on one fixture, from the source
# tree, and compares standard output and exit status with the expected file
# beside it: CASE.out for a lint, CASE.model for --dump-model. CASE.args,
# when present, holds extra arguments.
#   golden.sh BACKLINT SOURCE_DIR FIXTURE lint|model
# With BL_REGEN=1 the expected file is rewritten instead (review the diff).
set -u
bin=$1 src=$2 fixture=$3 mode=$4
cd "$src" || exit 2
base=${fixture%.*}
# A directory case keeps its goldens in tests/cli/.
[ -d "$fixture" ] && base=tests/cli/$(basename "$fixture")
if [ "$mode" = model ]; then
	expected=$base.model
	set -- --dump-model
else
	expected=$base.out
	set --
fi
if [ -f "$base.args" ]; then
	# shellcheck disable=SC2046
	set -- "$@" $(cat "$base.args")
fi
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
NO_COLOR=1 "$bin" "$@" "$fixture" >"$actual" 2>/dev/null
echo "[exit $?]" >>"$actual"
if [ "${BL_REGEN:-0}" = 1 ]; then
	cp "$actual" "$expected"
	echo "regenerated $expected"
	exit 0
fi
diff -u "$expected" "$actual"
