#!/bin/sh
# The whole test suite: every ctest test of the regular build (golden CLI
# tests, unit tests, valgrind leak checks), then the same tests built with
# AddressSanitizer and UndefinedBehaviorSanitizer, then a fuzz smoke run
# (each libFuzzer target over its corpus and a fixed set of mutations).
set -eu
cd "$(dirname "$0")/.."
[ -d build ] || cmake -S . -B build
cmake --build build -j2
ctest --test-dir build --output-on-failure
cmake -S . -B build-sanitize -DBACKLINT_SANITIZE=address,undefined -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-sanitize -j2
ctest --test-dir build-sanitize --output-on-failure
fuzz/run.sh smoke
