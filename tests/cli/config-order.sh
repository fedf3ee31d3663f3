#!/bin/sh
# Each file is checked under its own configuration, so linting two folders
# whose configurations differ finds the same problems whatever the order
# of the paths (the report lists the files in the order given).
#   config-order.sh BACKLINT SOURCE_DIR
set -u
bin=$1
cd "$2" || exit 2
d=tests/cli/config/order
one=$(mktemp) two=$(mktemp)
trap 'rm -f "$one" "$two"' EXIT
NO_COLOR=1 "$bin" "$d/strict" "$d/relaxed" | grep -E '^[^ ].*\]$' | sort >"$one"
NO_COLOR=1 "$bin" "$d/relaxed" "$d/strict" | grep -E '^[^ ].*\]$' | sort >"$two"
diff -u "$one" "$two" || exit 1
# strict's settings on strict's file, relaxed's on relaxed's.
grep -q 'strict/stories.yml:3:16: error: .*\[deps/too-many\]' "$one" || exit 1
grep -q 'strict/stories.yml:1:7: error: .*\[ac/missing\]' "$one" || exit 1
if grep -q 'relaxed/stories.yml.*\[deps/too-many\]\|relaxed/stories.yml.*\[ac/missing\]' "$one"; then
	exit 1
fi
