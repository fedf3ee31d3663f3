#!/bin/sh
# The manual page docs/backlint.1 renders without a warning, and documents
# every option that backlint --help lists. Exits 77 (skipped) when groff is
# not installed.
#   manpage.sh BACKLINT SRCDIR
set -u
bin=$1 src=$2
page=$src/docs/backlint.1
command -v groff >/dev/null 2>&1 || { echo "manpage: SKIP: groff is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "manpage: $*"; exit 1; }

groff -man -ww -z "$page" >"$tmp/warn" 2>&1 || fail "groff failed: $(cat "$tmp/warn")"
[ -s "$tmp/warn" ] && fail "groff warns: $(cat "$tmp/warn")"
# Rendered, it is plain text at 80 columns (the dashes are ASCII then).
LC_ALL=C MANWIDTH=80 groff -man -Tascii -P-cbou "$page" >"$tmp/page" 2>"$tmp/warn" ||
	fail "groff -Tascii failed: $(cat "$tmp/warn")"
for s in NAME SYNOPSIS DESCRIPTION OPTIONS CONFIGURATION SUPPRESSION \
	"EXIT STATUS" FILES EXAMPLES "SEE ALSO"; do
	grep -q "^$s\$" "$tmp/page" || fail "no section $s"
done

"$bin" --help >"$tmp/help" 2>&1 || fail "backlint --help failed"
missing=
# shellcheck disable=SC2013 # option names are single words
for o in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
	grep -q -- "$o" "$tmp/page" || missing="$missing $o"
done
[ -z "$missing" ] || fail "options of --help not in docs/backlint.1:$missing"
# The output formats that --help names, too: the words before the ';' of
# the --format entry ("text (default), json, ...; several with ...").
formats=$(awk '/^  --format /{on=1; sub(/^  --format NAME */, "")} on && /^  --/ && !/^  --format/{on=0}
	on{t=t " " $0} END{sub(/;.*/, "", t); gsub(/\(default\)|,/, " ", t); print t}' "$tmp/help")
[ -n "$formats" ] || fail "no formats found in --help"
for f in $formats; do
	grep -q "[ (]${f}[ ),.]" "$tmp/page" || missing="$missing $f"
done
[ -z "$missing" ] || fail "formats of --help not in docs/backlint.1:$missing"
echo "manpage ok"
