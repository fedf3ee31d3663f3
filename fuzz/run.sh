#!/bin/sh
# Builds the libFuzzer targets with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (in build-fuzz/), then fuzzes.
#
#   fuzz/run.sh NAME [SECONDS]   fuzz one target (item, document, yaml,
#                                config, lint, story) for SECONDS (default 60)
#   fuzz/run.sh all [SECONDS]    each target in turn, SECONDS each
#   fuzz/run.sh smoke [RUNS]     each target over its committed corpus and
#                                regressions, then RUNS (default 5000)
#                                mutated inputs from a fixed seed (the same
#                                inputs every time: CI runs it)
#
# New inputs go to build-fuzz/corpus/NAME (seeded from fuzz/corpus/NAME);
# a failing input is written to build-fuzz/artifacts/ as NAME-crash-*,
# NAME-leak-*, NAME-timeout-* or NAME-oom-*: once fixed, keep it in
# fuzz/regressions/NAME/, where the tests replay it. FUZZ_KEEP_GOING=1
# keeps fuzzing past failures (libFuzzer's fork mode), for long runs.
set -eu
cd "$(dirname "$0")/.."
targets="item document yaml config lint story"
name=${1:-}
secs=${2:-}
[ -n "$name" ] || { sed -n '2,/^set -eu/p' "$0" | sed '$d'; exit 2; }

CC=clang cmake -S . -B build-fuzz -DBACKLINT_FUZZ=ON -DBACKLINT_SANITIZE=address,undefined \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
for t in $targets; do
	cmake --build build-fuzz -j2 --target fuzz_$t >/dev/null
done

# Options for every run: inputs up to 64 KiB, 10 s and 2 GiB an input.
opts="-max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1"
keep=""
[ "${FUZZ_KEEP_GOING:-0}" = 0 ] ||
	keep="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
mkdir -p build-fuzz/artifacts
fuzz() { # fuzz NAME SECONDS
	mkdir -p build-fuzz/corpus/$1
	(cd build-fuzz && ./fuzz/fuzz_$1 $opts $keep -max_total_time=$2 \
		-artifact_prefix=artifacts/$1- -dict=../fuzz/backlog.dict corpus/$1 ../fuzz/corpus/$1)
}
case $name in
all)
	for t in $targets; do fuzz $t "${secs:-60}"; done ;;
smoke)
	for t in $targets; do
		(cd build-fuzz && ./fuzz/fuzz_$t $opts -runs=0 -artifact_prefix=artifacts/$t- \
			../fuzz/corpus/$t ../fuzz/regressions/$t)
		rm -rf build-fuzz/smoke/$t && mkdir -p build-fuzz/smoke/$t
		(cd build-fuzz && ./fuzz/fuzz_$t $opts -seed=1 -runs="${secs:-5000}" \
			-artifact_prefix=artifacts/$t- -dict=../fuzz/backlog.dict smoke/$t ../fuzz/corpus/$t)
	done ;;
*)
	case " $targets " in *" $name "*) ;; *) echo "no fuzz target '$name'" >&2; exit 2 ;; esac
	fuzz "$name" "${secs:-60}" ;;
esac
