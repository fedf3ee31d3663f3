#!/bin/sh
# The commit hooks end to end, in throwaway git repositories, offline:
#   framework: the pre-commit framework runs the hooks of our
#              .pre-commit-hooks.yaml, fetched (as pre-commit fetches any
#              hook repository) from a local git repository holding it;
#   githook:   contrib/git-hooks/pre-commit as .git/hooks/pre-commit.
# A commit with a bad story fails with backlint's message, a good one
# passes, a dependency defined in a file the commit leaves alone is not
# reported as unknown, excluded folders stay excluded, and the
# whole-backlog mode reports a dependency that does not exist. The
# githook mode also checks that the STAGED content is linted, not the
# work tree. Exits 77 (skipped) when git or pre-commit is not installed.
#   precommit.sh BACKLINT SRCDIR framework|githook
set -u
bin=$1 src=$2 mode=$3
command -v git >/dev/null 2>&1 || { echo "precommit: SKIP: git is not installed"; exit 77; }
if [ "$mode" = framework ] && ! command -v pre-commit >/dev/null 2>&1; then
	echo "precommit: SKIP: pre-commit is not installed (apt-get install pre-commit)"
	exit 77
fi
# The hooks pass --force-exclude: without it every commit is a usage error.
if ! "$bin" --help 2>&1 | grep -q -- '--force-exclude'; then
	echo "precommit: SKIP: this backlint has no --force-exclude"
	exit 77
fi
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Nothing of the user's: no global git configuration or hooks path, no
# pre-commit cache, no colour; git may use local files only (no network).
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache"
export PRE_COMMIT_HOME="$tmp/pre-commit-home" PRE_COMMIT_COLOR=never NO_COLOR=1
export GIT_CONFIG_NOSYSTEM=1 GIT_ALLOW_PROTOCOL=file GIT_TERMINAL_PROMPT=0
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE BACKLINT BACKLINT_HOOK_SCOPE BACKLINT_HOOK_ARGS
mkdir -p "$HOME"
# backlint is found on PATH, as the hooks expect of an installed backlint.
mkdir "$tmp/bin"
ln -s "$bin" "$tmp/bin/backlint"
PATH="$tmp/bin:$PATH"
export PATH

fail() { echo "precommit ($mode): $*"; [ -f "$tmp/out" ] && cat "$tmp/out"; exit 1; }

new_repo() {
	git init -q "$1" && cd "$1" || exit 2
	git config user.name "Backlint Test"
	git config user.email "test@example.org"
	git config commit.gpgsign false
}

# story FILE ID TITLE SENTENCE [DEPENDENCY]: a markdown backlog item.
story() {
	mkdir -p "$(dirname "$1")"
	{
		printf -- '---\nid: %s\ntitle: %s\ntype: story\n' "$2" "$3"
		[ $# -ge 5 ] && printf 'depends_on: [%s]\n' "$5"
		printf 'status: To Do\nestimate: 3\n---\n\n## Story\n\n%s\n\n' "$4"
		printf '## Acceptance criteria\n\n'
		printf -- '- [ ] Given a member signed in, when they open "%s", then it is offered.\n' "$3"
		printf -- '- [ ] The member sees the result of "%s" on the loans page.\n' "$3"
	} >"$1"
}

good1="As a member, I want to renew a loan online, so that I keep the book longer without a trip to the library."
good2="As a member, I want to reserve a book that is out on loan, so that I get it as soon as it is back."
bad2="As a member, I want to reserve a book that is out on loan."
good3="As a member, I want to renew all my loans at once, so that I do not miss one that is due."
good4="As a librarian, I want to see which holds wait longest, so that I can buy more copies of those books."

# commit_ok MESSAGE / commit_fails MESSAGE [git commit arguments]
commit_ok() {
	msg=$1
	shift
	git commit -q -m "$msg" "$@" >"$tmp/out" 2>&1 || fail "'$msg' was refused"
	# With the framework, the hook ran (it was not skipped for no files).
	if [ "$mode" = framework ]; then
		grep -q '^backlint.*\.Passed$' "$tmp/out" || fail "'$msg': the hook did not run"
	fi
}
commit_fails() {
	msg=$1
	shift
	if git commit -q -m "$msg" "$@" >"$tmp/out" 2>&1; then
		fail "'$msg' was accepted"
	fi
}
expect() {
	grep -q -- "$1" "$tmp/out" || fail "no '$1' in the output"
}

# The team's configuration: a story must say why (an error), and the
# archive is not linted.
write_config() {
	cat >.backlint.yml <<-'EOF'
	# The team's backlint settings.
	exclude: ["archive/*"]
	rules:
	  value/missing: error
	EOF
}

# The scenario both hook kinds go through; $1 names the commit's checker.
common() {
	# A good story passes.
	story backlog/US-1.md US-1 "Renew a loan online" "$good1"
	git add -A
	commit_ok "US-1"
	git cat-file -e HEAD:backlog/US-1.md || fail "US-1 not committed"

	# A story with no "so that" is refused, with backlint's message.
	story backlog/US-2.md US-2 "Reserve a book" "$bad2"
	git add backlog/US-2.md
	commit_fails "bad US-2"
	expect 'backlog/US-2.md:11:21: error: story states no benefit'
	expect '\[value/missing\]'

	# Fixed, it passes.
	story backlog/US-2.md US-2 "Reserve a book" "$good2"
	git add backlog/US-2.md
	commit_ok "US-2"

	# A dependency on an item of a file this commit does not touch is no
	# false alarm.
	story backlog/US-3.md US-3 "Renew every loan at once" "$good3" US-1
	git add backlog/US-3.md
	commit_ok "US-3 depends on US-1"

	# The configuration's exclude globs apply to the files the hook names.
	story archive/US-9.md US-9 "An old idea" "$bad2"
	git add archive/US-9.md
	commit_ok "archived US-9"
}

if [ "$mode" = framework ]; then
	# The hook repository: our manifest, committed; pre-commit clones it
	# by path at a fixed revision, as it would clone it from GitHub.
	new_repo "$tmp/hooks"
	cp "$src/.pre-commit-hooks.yaml" .
	git add .pre-commit-hooks.yaml
	git commit -q -m hooks || fail "cannot commit the manifest"
	rev=$(git rev-parse HEAD)

	new_repo "$tmp/project"
	write_config
	cat >.pre-commit-config.yaml <<-EOF
	repos:
	  - repo: $tmp/hooks
	    rev: $rev
	    hooks:
	      - id: backlint
	EOF
	pre-commit install >"$tmp/out" 2>&1 || fail "pre-commit install failed"
	[ -x .git/hooks/pre-commit ] || fail "no hook installed"
	common

	# The whole-backlog hook reads every file, so it finds a dependency
	# on an item that does not exist.
	cat >.pre-commit-config.yaml <<-EOF
	repos:
	  - repo: $tmp/hooks
	    rev: $rev
	    hooks:
	      - id: backlint-backlog
	        args: [backlog/]
	EOF
	story backlog/US-4.md US-4 "Longest holds" "$good4" US-99
	git add .pre-commit-config.yaml backlog/US-4.md
	commit_fails "US-4 depends on US-99"
	expect "backlog/US-4.md:5:14: error: depends on 'US-99'"
	expect '\[deps/unknown\]'
	story backlog/US-4.md US-4 "Longest holds" "$good4" US-2
	git add backlog/US-4.md
	commit_ok "US-4 depends on US-2"
	expect '^backlint (whole backlog)\.*Passed$'
	echo "precommit framework ok"
	exit 0
fi

[ "$mode" = githook ] || { echo "usage: precommit.sh BACKLINT SRCDIR framework|githook"; exit 2; }
new_repo "$tmp/project"
cp "$src/contrib/git-hooks/pre-commit" .git/hooks/pre-commit
chmod +x .git/hooks/pre-commit
write_config
common

# The STAGED content is linted, not the work tree: a bad story staged and
# fixed in the work tree only is refused...
story backlog/US-5.md US-5 "Reserve for a friend" "$bad2"
git add backlog/US-5.md
story backlog/US-5.md US-5 "Reserve for a friend" "$good2"
commit_fails "US-5 staged bad"
expect 'backlog/US-5.md:11:21: error: story states no benefit'
# ...and a good story staged and broken in the work tree only passes.
git add backlog/US-5.md
story backlog/US-5.md US-5 "Reserve for a friend" "$bad2"
commit_ok "US-5 staged good"
git checkout -q -- backlog/US-5.md

# git commit PATH commits only PATH (git gives the hook a temporary index):
# a bad story staged but left out of the commit is not linted.
story backlog/US-6.md US-6 "Reserve for a class" "$bad2"
story backlog/US-7.md US-7 "Longest holds" "$good4"
git add backlog/US-6.md backlog/US-7.md
commit_ok "only US-7" backlog/US-7.md
git cat-file -e HEAD:backlog/US-7.md || fail "US-7 not committed"
git rm -q --cached backlog/US-6.md && rm backlog/US-6.md

# Commits without backlog files do not run backlint at all.
printf 'int main(void) { return 0; }\n' >main.c
git add main.c
export BACKLINT=/nonexistent/backlint
commit_ok "code only"
unset BACKLINT

# With the whole staged backlog (hookScope all), a dependency on an item
# that does not exist is found; by default (changed files) it is not.
story backlog/US-4.md US-4 "Longest holds, by branch" "$good4" US-99
git add backlog/US-4.md
git config backlint.hookScope all
commit_fails "US-4 depends on US-99"
expect "backlog/US-4.md:5:14: error: depends on 'US-99'"
git config --unset backlint.hookScope
commit_ok "US-4 depends on US-99 (changed files only)"

# More arguments from the configuration: --fail-on warning refuses a
# story whose role is generic.
story backlog/US-8.md US-8 "Print a receipt" \
	"As a user, I want to print a loan receipt, so that I know when each book is due."
git add backlog/US-8.md
git config backlint.hookArgs "--fail-on warning"
commit_fails "US-8 generic role"
expect '\[persona/generic\]'
git config --unset backlint.hookArgs

# A missing backlint stops the commit with a clear message.
export BACKLINT=/nonexistent/backlint
commit_fails "no backlint"
expect "'/nonexistent/backlint' not found"
echo "precommit githook ok"
