#!/bin/sh
# Checks the rule documentation against the binary:
#   docs.sh BACKLINT SRCDIR
# - docs/rules.md is exactly `backlint --explain all` (regenerate it with
#   `./build/backlint --explain all > docs/rules.md` after changing a rule);
# - every rule has a rationale and two examples: the fenced block after
#   "Fires on:" must make the rule fire, the one after "Stays clean:" must
#   not. A block's info string (text, markdown, yaml) picks the file type.
set -u
bin=$1
src=$2
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! "$bin" --explain all | diff -u "$src/docs/rules.md" - >"$tmp/diff"; then
	echo "docs/rules.md is stale; regenerate it with: ./build/backlint --explain all > docs/rules.md"
	head -40 "$tmp/diff"
	fail=1
fi

# Writes the fenced block after the line $2 of explain text $1 to a file
# in $tmp named after its info string; prints the file's path.
example() {
	awk -v want="$2" -v dir="$tmp" '
		$0 == want { armed = 1; next }
		armed && /^```/ && !inblock {
			ext = substr($0, 4)
			ext = ext == "yaml" ? "yml" : ext == "markdown" ? "md" : "txt"
			out = dir "/example." ext
			printf "" > out
			inblock = 1
			next
		}
		inblock && /^```$/ { print out; exit }
		inblock { print >> out }
	' "$1"
}

"$bin" --list-rules | while read -r id sev rest; do
	"$bin" --explain "$id" >"$tmp/explain"
	lines=$(grep -vc '^$' "$tmp/explain")
	if [ "$lines" -lt 8 ]; then
		echo "$id: no rationale in rules/doc/"
		echo fail >>"$tmp/failed"
		continue
	fi
	# Rules whose examples cannot be written as text say so.
	grep -q '^<!-- examples: none -->$' "$tmp/explain" && continue
	for kind in fires clean; do
		if [ $kind = fires ]; then want="Fires on:"; else want="Stays clean:"; fi
		rm -f "$tmp"/example.*
		f=$(example "$tmp/explain" "$want")
		if [ -z "$f" ]; then
			echo "$id: no example after '$want'"
			echo fail >>"$tmp/failed"
			continue
		fi
		"$bin" --color never "$f" >"$tmp/out" 2>&1
		if grep -q "\[$id\]\$" "$tmp/out"; then got=fires; else got=clean; fi
		if [ $got != $kind ]; then
			echo "$id: the example after '$want' $( [ $got = fires ] && echo fires || echo does not fire):"
			cat "$f"
			cat "$tmp/out"
			echo fail >>"$tmp/failed"
		fi
	done
done
[ -f "$tmp/failed" ] && fail=1
exit $fail
