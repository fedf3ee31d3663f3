#!/bin/sh
# Benchmark backlint: build it in release mode, generate (or reuse) the corpora
# in bench/out/ (git-ignored), time parse-only, lint -j1 and lint -j2 on each
# size, then one large YAML file and one large markdown document, and
# markdownlint-cli2 on the 10k corpus for comparison when npx can fetch it.
# Prints markdown tables on stdout.
#
#   bench/run.sh                 # 1k, 10k, 100k, the 100 MB YAML file and document
#   SIZES="1000 10000" BIG_MB=0 bench/run.sh
#   BL_INSTR=1 bench/run.sh      # and instruction counts (callgrind; slow:
#                                # about half an hour more with 100k)
#
# Never used for pass/fail: timings vary with the machine.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=${SIZES:-1000 10000 100000}
big_mb=${BIG_MB:-100}
cd "$root"
. bench/common.sh

specs=
for n in $sizes; do
	corpus "$out/corpus-$n" --items "$n"
	# Small corpora take more runs: their times are short and noisy.
	runs=5; [ "$n" -le 1000 ] && runs=21; [ "$n" -ge 100000 ] && runs=3
	specs="$specs $(echo "$n" | sed 's/000$/k/'):$out/corpus-$n:$n:$runs"
done

echo "## backlint ($(nproc) processors, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'))"
echo
python3 bench/measure.py "$exe" $specs

# big NAME FILE TITLE GEN-ARGS...: one large file, generated into $out/NAME,
# measured (its items counted with --dump-model).
big() {
	name=$1 file=$2 title=$3
	shift 3
	corpus "$out/$name" "$@"
	items=$("$exe" --no-config --dump-model --max-size 4000000000 -j 1 \
		"$out/$name/$file" | wc -l)
	echo
	echo "### $title"
	echo
	BL_EXTRA="--max-size 4000000000" python3 bench/measure.py "$exe" \
		"${name}MB:$out/$name/$file:$items:3"
}

if [ "$big_mb" -gt 0 ]; then
	big "big-$big_mb" big.yml "One YAML file of $big_mb MB" --yaml-bytes $((big_mb * 1000000))
	big "big-md-$big_mb" big.md "One markdown backlog document of $big_mb MB" \
		--md-bytes $((big_mb * 1000000))
fi

# markdownlint-cli2 on the 10k corpus's markdown files, for comparison.
if echo " $sizes " | grep -q ' 10000 ' && command -v npx >/dev/null 2>&1; then
	echo
	echo "### markdownlint-cli2 on the 10k corpus (markdown files only)"
	echo
	# --help exits 2: look for its usage text instead.
	if (cd "$out/corpus-10000" && timeout 300 npx --yes markdownlint-cli2 --help 2>&1 |
		grep -q 'markdownlint-cli2 "\*\*/\*\.md"'); then
		(cd "$out/corpus-10000" && python3 - <<'PY'
import os, statistics, subprocess, time
argv = ["npx", "--yes", "markdownlint-cli2", "**/*.md"]
ts = []
for i in range(4):
    t0 = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if i:
        ts.append(time.perf_counter() - t0)
print("markdownlint-cli2 `**/*.md`: median %.3f s over 3 runs (after a warm-up)"
      % statistics.median(ts))
PY
		)
	else
		echo "skipped: npx could not run markdownlint-cli2"
	fi
fi
