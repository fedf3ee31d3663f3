#!/bin/sh
# Checks that every rule in the registry has a fixture that fires it
# (fixtures/<family>/.../<name>-bad*.ext whose .out names the rule) and a
# clean fixture (fixtures/<family>/.../<name>-good*.ext whose .out does not).
# Fixtures may sit in sub-folders, e.g. beside a team's backlog/config.yml.
#   coverage.sh BACKLINT SOURCE_DIR
set -u
bin=$1 src=$2
cd "$src" || exit 2
fail=0
for id in $("$bin" --list-rules | awk '{print $1}'); do
	family=${id%%/*} name=${id#*/}
	bad=$(find fixtures/"$family" -name "$name-bad*.out" 2>/dev/null | sort)
	good=$(find fixtures/"$family" -name "$name-good*.out" 2>/dev/null | sort)
	if [ -z "$bad" ] || ! grep -qF "[$id]" $bad; then
		echo "rule $id: no fixtures/$family/$name-bad* fixture fires it"
		fail=1
	fi
	if [ -z "$good" ]; then
		echo "rule $id: no fixtures/$family/$name-good* fixture"
		fail=1
	elif grep -lF "[$id]" $good; then
		echo "rule $id: fires in a -good fixture (above)"
		fail=1
	fi
done
[ $fail = 0 ] && echo "every rule has a firing and a clean fixture"
exit $fail
