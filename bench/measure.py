#!/usr/bin/env python3
"""Time backlint runs for bench/run.sh and print the results as a markdown table.

Each command is run RUNS times after one unmeasured warm-up run (so the page
cache holds the corpus); the wall time and the peak resident set size of each
run are read per child with os.wait4, and the medians are reported. Exit
status 1 (findings) is expected; any other status aborts the benchmark.

    python3 bench/measure.py BACKLINT NAME:DIR:ITEMS:RUNS ...

With BL_FLOOR set to the floor program (bench/floor.c: read, libyaml,
cmark, one walk of each tree, no backlint code), it is timed in the same
turns, and the lint and --parse-only are reported as multiples of it.

With BL_INSTR=1 as well, the floor, --parse-only and the lint at -j1 are
each run once more under valgrind's callgrind, and their instruction counts
(which, unlike times, do not move from run to run) are reported: in all,
per item, and as multiples of the floor's.
"""

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time


# A child's peak RSS counts the memory of the process it was forked from,
# so this script's own (some 10 MB of Python) would be added to every
# figure: the runs go through /usr/bin/time (package "time"), a small
# process, when it is there.
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(argv):
    """Wall seconds and peak RSS (KiB) of one run, output discarded."""
    rss_file = None
    if TIME:
        fd, rss_file = tempfile.mkstemp()
        os.close(fd)
        argv = [TIME, "-q", "-f", "%M", "-o", rss_file] + argv
    with open(os.devnull, "wb") as null:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=null, stderr=null)
        _, status, ru = os.wait4(p.pid, 0)
        t = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1):
        sys.exit("measure: %s exited with %d" % (" ".join(argv), p.returncode))
    rss = ru.ru_maxrss
    if rss_file:
        with open(rss_file) as f:
            rss = int(f.read().split()[-1])
        os.unlink(rss_file)
    return t, rss


def measure(argvs, runs):
    """Median time and largest RSS of each command. The commands take
    turns, run after run, so that a slow spell of the machine (a virtual
    machine's neighbours) falls on all of them alike."""
    for argv in argvs:
        run_once(argv)
    ts = [[] for _ in argvs]
    rss = [[] for _ in argvs]
    for _ in range(runs):
        for k, argv in enumerate(argvs):
            t, m = run_once(argv)
            ts[k].append(t)
            rss[k].append(m)
    return [(statistics.median(t), max(r)) for t, r in zip(ts, rss)]


def instructions(argv):
    """Instructions one run executes (valgrind --tool=callgrind, every
    thread, output discarded)."""
    with tempfile.NamedTemporaryFile() as out, open(os.devnull, "wb") as null:
        p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out.name]
                           + argv, stdout=null, stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 1):
        sys.exit("measure: callgrind of %s exited with %d" % (" ".join(argv), p.returncode))
    m = re.search(r"Collected : (\d+)", p.stderr)
    if not m:
        sys.exit("measure: no instruction count from callgrind:\n" + p.stderr[-500:])
    return int(m.group(1))


def tree_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    n = 0
    for d, _, fs in os.walk(path):
        for f in fs:
            n += os.path.getsize(os.path.join(d, f))
    return n


def main():
    exe = sys.argv[1]
    extra = os.environ.get("BL_EXTRA", "").split()
    rows = []
    true_floors = []
    counts = []
    for spec in sys.argv[2:]:
        name, path, items, runs = spec.split(":")
        items, runs = int(items), int(runs)
        mb = tree_bytes(path) / 1e6
        base = [exe, "--no-config"] + extra
        argvs = [base + ["--parse-only", "-j", "1", path],
                 base + ["--color", "never", "-j", "1", path],
                 base + ["--color", "never", "-j", "2", path]]
        if os.environ.get("BL_FLOOR"):
            argvs.append([os.environ["BL_FLOOR"], path])
        got = measure(argvs, runs)
        (floor, floor_rss), (j1, j1_rss), (j2, j2_rss) = got[:3]
        rows.append((name, items, mb, runs, floor, j1, j2, floor_rss, j1_rss, j2_rss))
        if len(got) > 3:
            true_floors.append((name, got[3][0], floor, j1, j2))
            if os.environ.get("BL_INSTR") == "1":
                counts.append((name, items, instructions(argvs[3]), instructions(argvs[0]),
                               instructions(argvs[1])))
        print("measured %s" % name, file=sys.stderr)
    print("| corpus | items | MB | runs | parse-only -j1 (s) | lint -j1 (s) | lint -j2 (s) "
          "| -j1 MB/s | -j1 items/s | -j1 throughput / floor | -j2 speed-up "
          "| -j1 µs/item | peak RSS parse / -j1 / -j2 (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (name, items, mb, runs, floor, j1, j2, fr, r1, r2) in rows:
        print("| %s | %d | %.1f | %d | %.3f | %.3f | %.3f | %.1f | %.0f | %.2f | %.2f "
              "| %.1f | %.0f / %.0f / %.0f |"
              % (name, items, mb, runs, floor, j1, j2, mb / j1, items / j1,
                 floor / j1, j1 / j2, 1e6 * j1 / items, fr / 1024, r1 / 1024, r2 / 1024))
    if true_floors:
        print()
        print("Against the floor (bench/floor.c: read + libyaml + cmark + one walk, no "
              "backlint code), wall time, medians of the same turns:")
        print()
        print("| corpus | floor (s) | parse-only / floor | lint -j1 / floor | lint -j2 / floor |")
        print("|---|---:|---:|---:|---:|")
        for (name, tf, parse, j1, j2) in true_floors:
            print("| %s | %.3f | %.2f | %.2f | %.2f |" % (name, tf, parse / tf, j1 / tf, j2 / tf))
    if counts:
        print()
        print("Instructions (callgrind, one run each; -j1):")
        print()
        print("| corpus | floor | parse-only | lint | floor / item | lint / item "
              "| parse-only / floor | lint / floor |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for (name, items, fl, po, li) in counts:
            print("| %s | %.1f M | %.1f M | %.1f M | %.0f | %.0f | %.2f | %.2f |"
                  % (name, fl / 1e6, po / 1e6, li / 1e6, fl / items, li / items, po / fl, li / fl))
        if len(counts) > 1:
            first = counts[0]
            print()
            print("Scaling, lint instructions per item against %s: %s"
                  % (first[0], ", ".join("%s %.2f" % (c[0], (c[4] / c[1]) / (first[4] / first[1]))
                                         for c in counts[1:])))
    if len(rows) > 1:
        # Linear cost: the same time per item at every size.
        first = rows[0]
        print()
        print("Scaling, -j1 time per item against %s: %s"
              % (first[0], ", ".join("%s %.2f" % (r[0], (r[5] / r[1]) / (first[5] / first[1]))
                                     for r in rows[1:])))

if __name__ == "__main__":
    main()
