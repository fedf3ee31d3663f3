#!/bin/sh
# Runs a command under valgrind; fails on any memory error or leak, but
# passes the command's own exit status (1 for findings) through as success.
#   valgrind.sh COMMAND ARGS...
set -u
valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
	--error-exitcode=99 "$@" >/dev/null
rc=$?
[ $rc -ne 99 ] || { echo "valgrind found errors or leaks"; exit 1; }
[ $rc -le 2 ]
