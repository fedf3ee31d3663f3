#!/usr/bin/env python3
"""Precision and recall of backlint's story-text rules against the stories
labelled by hand in this folder (LABELLING.md says how they were labelled).

    bench/accuracy/score.py [--backlint BUILD/backlint] [--verbose]
                            [--corpus DIR]

For each criterion it prints the labelled count, what the rule finds, true
positives, precision and recall: story/atomic at its default level and with
the strict option, story/minimal (an acronym defined in parentheses counted
as minimal and as not), story/similar pairs, and how many labelled roles
the loader extracts exactly. --verbose lists every miss and false alarm.
--corpus DIR also prints the share of the stories of every .txt story list
in DIR that each story rule fires on. --check exits 1 when a figure falls
below the targets backlint holds itself to on this set (the test suite
runs it): atomic P 0.95 / R 0.60 by default and P 0.90 / R 0.90 strict,
minimal P 0.85 / R 0.50, near-duplicate pairs found with none false, roles
exact on 99.7% of the stories.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = ["story/atomic", "story/minimal", "story/similar", "story/duplicate",
         "story/format", "persona/generic", "value/missing"]


def labels(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            if not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) != len(head):
                sys.exit(f"{path}: row '{cells[0]}' has {len(cells)} fields, "
                         f"not {len(head)}")
            r = dict(zip(head, cells))
            rows[int(r["line"])] = r
    return rows


def run(backlint, args, paths):
    p = subprocess.run([backlint] + args + paths, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"backlint {' '.join(args)}: exit {p.returncode}: {p.stderr}")
    return p.stdout


def findings(backlint, config, paths):
    out = json.loads(run(backlint, ["--config", config, "--format", "json",
                                    "--fail-on", "error", "-j", "1"], paths))
    got = {}
    for f in out["findings"]:
        got.setdefault((os.path.basename(f["file"]), f["rule"]), {}) \
           .setdefault(f["line"], []).append(f["message"])
    return got


def config(tmp, strict):
    path = os.path.join(tmp, "strict.yml" if strict else "default.yml")
    with open(path, "w") as f:
        f.write("rules:\n")
        f.write("  story/format: warning\n")
        if strict:
            f.write("  story/atomic: {options: {strict: true}}\n")
    return path


def score(name, want, got, verbose, text):
    tp = sorted(want & got)
    fp = sorted(got - want)
    fn = sorted(want - got)
    p = len(tp) / len(got) if got else 1.0
    r = len(tp) / len(want) if want else 1.0
    print(f"{name:<34} {len(want):>7} {len(got):>6} {len(tp):>5} {p:>10.2f} {r:>7.2f}")
    if verbose:
        for what, keys in (("false alarm", fp), ("missed", fn)):
            for k in keys:
                print(f"    {what}: {k[0]}:{k[1]}: {text.get(k, '')}")
    return p, r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backlint", default=os.path.join(HERE, "..", "..", "build",
                                                       "backlint"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--corpus")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()

    sets = sorted(glob.glob(os.path.join(HERE, "*.labels.tsv")))
    if not sets:
        sys.exit("no labelled story lists in " + HERE)
    lab, text, paths = {}, {}, []
    for s in sets:
        story = s.replace(".labels.tsv", ".txt")
        base = os.path.basename(story)
        paths.append(story)
        lines = open(story, encoding="utf-8").read().split("\n")
        for n, r in labels(s).items():
            lab[(base, n)] = r
            text[(base, n)] = lines[n - 1].strip()

    with tempfile.TemporaryDirectory() as tmp:
        dflt = findings(a.backlint, config(tmp, False), paths)
        strict = findings(a.backlint, config(tmp, True), paths)
        model = run(a.backlint, ["--no-config", "--dump-model"], paths)

    def fired(got, rule):
        return {(b, n) for (b, r), lines in got.items() if r == rule
                for n in lines}

    print(f"{len(lab)} labelled stories in {len(sets)} story lists\n")
    print(f"{'criterion':<34} {'labels':>7} {'found':>6} {'true':>5} "
          f"{'precision':>10} {'recall':>7}")
    fails = []

    def target(name, got, want):
        if got < want:
            fails.append(f"{name}: {got:.3f} is below {want}")

    atomic = {k for k, r in lab.items() if r["atomic"] == "1"}
    p, r = score("atomic (default)", atomic, fired(dflt, "story/atomic"), a.verbose, text)
    target("atomic default precision", p, 0.95)
    target("atomic default recall", r, 0.60)
    p, r = score("atomic (strict)", atomic, fired(strict, "story/atomic"), a.verbose, text)
    target("atomic strict precision", p, 0.90)
    target("atomic strict recall", r, 0.90)
    minimal = {k for k, r in lab.items() if r["minimal"] == "1"}
    acronym = {k for k in minimal if "acronym" in lab[k]["note"].lower()
               and lab[k]["minimal_kind"] == "paren"}
    p, r = score("minimal (acronyms minimal)", minimal, fired(dflt, "story/minimal"),
                 a.verbose, text)
    target("minimal precision", p, 0.85)
    target("minimal recall", r, 0.50)
    score("minimal (acronyms not minimal)", minimal - acronym,
          fired(dflt, "story/minimal"), False, text)

    # Near duplicates: pairs of lines in one story list.
    want = {(k[0], min(k[1], int(r["duplicate_of"])), max(k[1], int(r["duplicate_of"])))
            for k, r in lab.items() if r["duplicate_of"] not in ("-", "")}
    got = set()
    for (b, rule), lines in dflt.items():
        if rule not in ("story/similar", "story/duplicate"):
            continue
        for n, msgs in lines.items():
            for m in msgs:
                for other in re.findall(r"\.txt:(\d+)", m):
                    other = int(other)
                    got.add((b, min(n, other), max(n, other)))
    pairs_text = {k: f"{text[(k[0], k[1])]} || {text[(k[0], k[2])]}"
                  for k in want | got}
    tp = want & got
    print(f"{'near-duplicate pairs':<34} {len(want):>7} {len(got):>6} {len(tp):>5} "
          f"{(len(tp) / len(got) if got else 1.0):>10.2f} "
          f"{(len(tp) / len(want) if want else 1.0):>7.2f}")
    if a.verbose:
        for k in sorted(got - want):
            print(f"    false pair: {k}: {pairs_text[k]}")
        for k in sorted(want - got):
            print(f"    missed pair: {k}: {pairs_text[k]}")

    # Roles: exact, case-insensitive, for stories whose role was marked.
    roles = {}
    for line in model.splitlines():
        d = json.loads(line)
        roles[(os.path.basename(d["file"]), d["line"])] = d
    marked = exact = 0
    for k, r in sorted(lab.items()):
        if r["role"] == "-":
            continue
        marked += 1
        d = roles.get(k, {})
        got_roles = d.get("roles") or ([d["role"]] if d.get("role") else [])
        want_roles = [x.strip() for x in r["role"].split("|")]
        if [x.lower() for x in got_roles] == [x.lower() for x in want_roles]:
            exact += 1
        elif a.verbose:
            print(f"    role: {k[0]}:{k[1]}: labelled {want_roles}, read {got_roles}")
    print(f"\nroles exact: {exact} of {marked} ({exact / marked:.1%})")
    target("near-duplicate pairs precision", len(tp) / len(got) if got else 0.0, 1.0)
    target("roles exact", exact / marked, 0.997)

    if a.corpus:
        lists = sorted(glob.glob(os.path.join(a.corpus, "*.txt")))
        n = sum(1 for p in lists for l in open(p, encoding="utf-8") if l.strip())
        with tempfile.TemporaryDirectory() as tmp:
            d = findings(a.backlint, config(tmp, False), lists)
            s = findings(a.backlint, config(tmp, True), lists)
        print(f"\nshare of the {n} stories of {a.corpus} each rule fires on:")
        for rule in RULES:
            k = len(fired(d, rule))
            print(f"  {rule:<22} {k:>5}  {k / n:6.1%}")
        k = len(fired(s, "story/atomic"))
        print(f"  {'story/atomic (strict)':<22} {k:>5}  {k / n:6.1%}")
    if a.check:
        for f in fails:
            print("below target: " + f)
        print(f"{len(fails)} figures below target" if fails else "every target met")
        sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
