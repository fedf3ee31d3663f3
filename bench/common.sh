# Sourced by the bench scripts (from the repository root): the release
# build they time, and the corpora of bench/gen.py they share.
#   exe      the release backlint, built in build-release/ (the binary only:
#            the unit tests do not all build at -O3, see docs/performance.md)
#   BL_FLOOR the floor beside it (bench/floor.c: read, libyaml, cmark, one
#            walk; no backlint code), which bench/measure.py times too
#   corpus DIR GEN-ARGS...   regenerate DIR unless this gen.py and $seed made it
seed=${SEED:-1}
out=${BENCH_OUT:-$PWD/bench/out}
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release --target backlint bl_floor -j2 >/dev/null
exe=$PWD/build-release/backlint
BL_FLOOR=$PWD/build-release/bl_floor
export BL_FLOOR
mkdir -p "$out"
stamp=$(cksum <bench/gen.py | cut -d' ' -f1)-$seed
corpus() {
	d=$1
	shift
	if [ "$(cat "$d.stamp" 2>/dev/null)" != "$stamp" ]; then
		rm -rf "$d" "$d.stamp"
		python3 bench/gen.py --seed "$seed" "$@" "$d" >/dev/null
		echo "$stamp" >"$d.stamp"
	fi
}
