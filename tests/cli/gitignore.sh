#!/bin/sh
# A walk skips what git ignores, read by libgit2 as git reads it: a folder
# pattern (the folder is skipped once, not entered), a file pattern in a
# sub-folder's .gitignore, a negation, .git/info/exclude, and a nested
# repository's own rules. Paths named on the command line are linted even
# when ignored, and outside a repository nothing is skipped. Compares the
# output with tests/cli/expected/walk-gitignore.out (BL_REGEN=1 rewrites
# it). Exits 77 (skipped) when git is not installed.
#   gitignore.sh BACKLINT SRCDIR
set -u
bin=$1 src=$2
command -v git >/dev/null 2>&1 || { echo "gitignore: SKIP: git is not installed"; exit 77; }
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
expected=$src/tests/cli/expected/walk-gitignore.out
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Nothing of the user's: no global ignore file or configuration.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1
unset GIT_DIR GIT_WORK_TREE
mkdir -p "$HOME"
cd "$tmp" || exit 2

# One item with one finding (a placeholder) per file, so that each file
# linted shows in the output.
item() {
	mkdir -p "$(dirname "$1")"
	printf -- '---\nid: %s\ntitle: Item %s\nstatus: To Do\n---\n\nTODO\n' "$2" "$2" >"$1"
}
make_tree() {
	item "$1/backlog/a.md" A-1
	item "$1/build/gen.md" A-2
	item "$1/backlog/sub/scratch.md" A-3
	item "$1/backlog/sub/keep.md" A-4
	item "$1/backlog/sub/tmp-1.md" A-5
	item "$1/backlog/private.md" A-6
	item "$1/vendored/backlog/b.md" A-7
	item "$1/vendored/backlog/wip.md" A-8
	printf 'build/\n' >"$1/.gitignore"
	printf '*.md\n!keep.md\n' >"$1/backlog/sub/.gitignore"
	printf 'wip.md\n' >"$1/vendored/.gitignore"
}
make_tree repo
make_tree plain
git init -q repo && printf 'private.md\n' >>repo/.git/info/exclude
git init -q repo/vendored

out=$tmp/out
{
	echo '$ backlint --verbose repo'
	"$bin" --no-config --color never -j 1 --verbose repo 2>&1
	echo "[exit $?]"
	echo '$ backlint --verbose repo/build repo/backlog/private.md'
	"$bin" --no-config --color never -j 1 --verbose repo/build repo/backlog/private.md 2>&1
	echo "[exit $?]"
	echo '$ cd repo/backlog && backlint --verbose .'
	(cd repo/backlog && "$bin" --no-config --color never -j 1 --verbose . 2>&1; echo "[exit $?]")
	echo '$ backlint --verbose plain (no repository: every file, summary line only)'
	"$bin" --no-config --color never -j 1 --verbose plain 2>&1 | tail -n 1
} >"$out"
if [ "${BL_REGEN:-0}" = 1 ]; then
	cp "$out" "$expected"
	echo "regenerated $expected"
	exit 0
fi
diff -u "$expected" "$out"
