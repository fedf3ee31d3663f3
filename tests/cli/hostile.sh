#!/bin/sh
# Hostile input: each file below gets a clear finding or error naming it
# (with line and column where there is one), the run ends, and the one
# good file beside them is still linted.
#   hostile.sh BACKLINT
set -u
bin=$1
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
fail=0
expect() { # expect FILE PATTERN: FILE (output) holds a line matching PATTERN
	grep -q -- "$2" "$1" || { echo "missing: $2"; fail=1; }
}
story='As a member, I want to renew a loan online'

mkdir -p b
# The good file: one value/missing finding at 3:23.
printf 'stories:\n  - id: US-1\n    story: %s\n' "$story" >b/good.yml
# Invalid UTF-8 (line 2, column 9) and a NUL byte.
printf 'stories:\n  - id: U\377-2\n' >b/latin1.yml
printf 'As a member, I want\000 to renew\n' >b/nul.txt
# A byte-order mark, CRLF and lone CR line endings: the same finding, at
# the same line and column as without them.
printf '\357\273\277stories:\n  - id: US-3\n    story: %s\n' "$story" >b/bom.yml
printf 'stories:\r\n  - id: US-4\r\n    story: %s\r\n' "$story" >b/crlf.yml
printf 'stories:\r  - id: US-5\r    story: %s\r' "$story" >b/cr.yml
# An empty file, front matter that never closes.
: >b/empty.md
printf -- '---\nid: US-6\ntitle: Renew\n\n%s.\n' "$story" >b/open-front-matter.md
# 100 MB (sparse): over the size limit, not read.
truncate -s 100M b/huge.md
# Markdown nested 10,000 levels deep, in an item: not read.
{
	printf '# Backlog\n\n## US-7: Deep\n\n%s, so that I keep it.\n\n' "$story"
	i=0
	while [ $i -lt 10000 ]; do printf '> '; i=$((i + 1)); done
	printf 'deep\n'
} >b/deep.md
# A billion laughs: nine levels of nine aliases each.
{
	printf 'a0: &a0 [lol]\n'
	i=1
	while [ $i -le 9 ]; do
		p=$((i - 1))
		printf 'a%d: &a%d [*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d]\n' $i $i $p $p $p $p $p $p $p $p $p
		i=$((i + 1))
	done
	printf 'stories:\n  - id: US-8\n    title: *a9\n'
} >b/laughs.yml
# Duplicate keys; lists and mappings where text is expected.
printf 'stories:\n  - id: US-9\n    status: done\n    status: ready\n    story: %s, so that I keep it.\n' "$story" >b/dup.yml
printf 'stories:\n  - id: US-10\n    title: [a, b]\n    estimate: {points: 3}\n    story: %s, so that I keep it.\n' "$story" >b/types.yml
# A loop of links and a dangling link, both named like backlog files; a
# link to a folder above (not followed: the walk cannot loop).
ln -s loop.md b/loop.md
ln -s nowhere.md b/dangling.md
mkdir b/sub
ln -s .. b/sub/up
# A file that cannot be read (root reads any file: /proc/self/mem then
# stands in, a file whose read fails).
printf '%s\n' "$story" >b/locked.txt
chmod 000 b/locked.txt
if [ "$(id -u)" = 0 ]; then rm -f b/locked.txt && ln -s /proc/self/mem b/locked.txt; fi

"$bin" --no-config --color never b >out 2>err
rc=$?
cat err >>out
[ $rc -eq 2 ] || { echo "exit status $rc, not 2 (files that could not be read)"; fail=1; }
expect out 'b/good.yml:3:32: warning: .*\[value/missing\]'
expect out 'b/latin1.yml:2:10: error: invalid UTF-8 (byte 0xff).*\[parse/encoding\]'
expect out 'b/bom.yml:3:32: warning: .*\[value/missing\]'
expect out 'b/crlf.yml:3:32: warning: .*\[value/missing\]'
expect out 'b/cr.yml:3:32: warning: .*\[value/missing\]'
expect out 'b/open-front-matter.md:1:1: error: .*\[parse/front-matter\]'
expect out 'b/huge.md:1:1: error: file is 104857600 bytes, over the limit.*\[parse/too-large\]'
expect out 'b/deep.md:7:1: error: markdown nested 10000 levels deep.*\[parse/too-deep\]'
expect out 'b/laughs.yml:.*\[parse/yaml\]'
expect out 'b/dup.yml:4:5: warning: .status. is given twice.*\[backlog/duplicate-key\]'
expect out 'b/types.yml:3:12: warning: .title. must be text.*\[backlog/value-type\]'
expect out 'b/types.yml:4:15: warning: .estimate. must be text.*\[backlog/value-type\]'
expect out 'backlint: b/loop.md: symbolic link loop'
expect out 'backlint: b/dangling.md: dangling symbolic link'
expect out 'backlint: b/locked.txt: '
if grep -q 'sub/up' out; then echo "the link to a folder above was followed"; fail=1; fi
# Walked, a file of NUL bytes is binary and skipped (--verbose says so);
# named, it is reported.
"$bin" --no-config --verbose --color never b/nul.txt >out 2>&1
expect out 'b/nul.txt:1:20: error: file holds a NUL byte.*\[parse/encoding\]'
"$bin" --no-config --verbose --color never b >out2 2>&1
expect out2 'backlint: b/nul.txt: skipped: binary (holds NUL bytes)'
# The empty file is no backlog: nothing to report, and no error.
if grep -q 'empty.md' out; then echo "empty.md reported"; fail=1; fi

# A directory where a file is expected.
mkdir d
"$bin" --config d b/good.yml >out 2>&1
[ $? -eq 2 ] || { echo "--config DIR: exit status not 2"; fail=1; }
expect out 'd: cannot read the configuration: Is a directory'
"$bin" --no-config --format json --output d b/good.yml >out 2>&1
[ $? -eq 2 ] || { echo "--output DIR: exit status not 2"; fail=1; }
expect out 'backlint: cannot write d: Is a directory'
[ -z "$(ls d)" ] || { echo "--output DIR left files in it"; fail=1; }
ls | grep -q 'tmp' && { echo "a temporary file was left behind"; fail=1; }

# A custom pattern that backtracks catastrophically gives up, reported.
printf 'custom:\n  - id: team/runaway\n    pattern: "(a+)+$"\n    fields: [title]\n    message: runaway\n' >.backlint.yml
# Once per file: the rule is not run on the file's other items.
a=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
printf 'stories:\n  - id: US-11\n    title: %s!\n  - id: US-12\n    title: %s!\n' $a $a >c.yml
"$bin" --color never c.yml >out 2>&1
expect out "c.yml:3:12: warning: custom rule team/runaway gave up on this text"
[ "$(grep -c 'gave up' out)" = 1 ] || { echo "the runaway rule ran on after giving up"; fail=1; }

[ $fail = 0 ] && echo "hostile input ok"
exit $fail
