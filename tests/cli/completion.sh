#!/bin/sh
# The bash completion (contrib/completion/backlint.bash): sourced in bash,
# its function is called with COMP_WORDS/COMP_CWORD as bash would set
# them, and the candidates are checked: options, --format, --fail-on and
# --color values, rule ids for --explain and --rule (from the backlint
# being completed), levels after --rule ID=, "--opt=value" forms, files,
# the init subcommand. Also: every long option of --help is offered.
# Exits 77 (skipped) when bash is not installed.
#   completion.sh BACKLINT SRCDIR
set -u
bin=$1 src=$2
command -v bash >/dev/null 2>&1 || { echo "completion: SKIP: bash is not installed"; exit 77; }
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/dir/backlog"
: >"$tmp/dir/backlog/stories.txt"
: >"$tmp/dir/backlog/my stories.md"
: >"$tmp/dir/.backlint.yml"
"$bin" --help >"$tmp/help" 2>&1

cd "$tmp/dir" || exit 2
BIN=$bin SRC=$src HELP=$tmp/help bash --norc --noprofile -c '
set -u
. "$SRC/contrib/completion/backlint.bash" || { echo "cannot source"; exit 1; }
complete -p backlint | grep -q -- "-F _backlint backlint" || { echo "not registered"; exit 1; }
bad=0
# comp EXPECTED WORD...: completes the last WORD; EXPECTED is the sorted
# candidates joined by spaces ("|" for one with a space in it).
comp() {
	local want=$1 got
	shift
	COMP_WORDS=("$BIN" "$@")
	COMP_CWORD=$#
	COMP_LINE="$BIN $*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_backlint backlint "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
	got=$(printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort | tr " " "|" | tr "\n" " ")
	got=${got% }
	if [[ $got != "$want" ]]; then
		echo "completion of [$*]: want [$want], got [$got]"
		bad=1
	fi
}
# has WORD EXPECTED...: each of EXPECTED is among the candidates.
has() {
	local words=$1 w
	shift
	read -ra COMP_WORDS <<<"$BIN $words"
	[[ $words == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_backlint backlint "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
	for w in "$@"; do
		printf "%s\n" "${COMPREPLY[@]}" | grep -qxF -- "$w" ||
			{ echo "completion of [$words]: no [$w] in [${COMPREPLY[*]}]"; bad=1; }
	done
}

comp "--fail-on --force-exclude --format" --f
comp "json junit" --format j
comp "json junit" --format = j
comp "checkstyle github gitlab html json junit sarif text" --format =
comp "error" --fail-on e
comp "always auto" --color a
comp "--no-config" --no-c
comp "init" in
comp "--force" init --f
comp "deps/cycle= deps/textual= deps/too-many= deps/unknown=" --rule deps/
comp "deps/unknown=" --rule = deps/un
comp "off" --rule deps/unknown = o
comp "error info off warning" --rule deps/unknown = ""
comp "off" --rule = deps/unknown = o
comp "persona/generic persona/missing persona/system persona/unknown persona/unused persona/variant" --explain persona/
comp "all" --explain al
comp "backlog/my|stories.md backlog/stories.txt" --quiet backlog/
comp "backlog/stories.txt" --config backlog/st
comp "backlog/stories.txt" --output = backlog/st
comp "" --max-warnings ""
comp "" -j ""
has "--explain " all story/atomic value/missing backlog/duplicate-id
has "--rule value/missing=" value/missing=error value/missing=off
has " " init backlog

# Every long option of --help is offered (--force: only after init).
for o in $(grep -o -- "--[a-z][a-z-]*" "$HELP" | sort -u | grep -vx -- --force); do
	has "$o" "$o"
done
exit $bad
' || exit 1
echo "completion ok"
