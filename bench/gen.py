#!/usr/bin/env python3
"""Deterministic generator of a realistic backlog corpus for benchmarking backlint.

Writes N items in every input form backlint reads, in the proportions a large
real repository might have: ~70% markdown item files with YAML front matter
(Backlog.md tasks under backlog/tasks/areaK/ and plain story files under
stories/teamK/), ~15% in backlog documents (one item per `## US-N: Title`
heading, 20-50 items a file), ~10% in YAML backlogs (epics nesting stories)
and ~5% in .txt story lists. Items are a mix of good and flawed ones (missing
benefit, generic roles, vague criteria, technology words, unknown and cyclic
dependencies, estimates off the scale, placeholders, odd statuses).

The same seed and size always give the same bytes: only random.Random(seed)
is used, files are written in a fixed order, with '\n' line ends, in UTF-8.

    python3 bench/gen.py --items 10000 --seed 1 OUTDIR
    python3 bench/gen.py --yaml-bytes 100000000 --seed 1 OUTDIR   # one big YAML
    python3 bench/gen.py --md-bytes 100000000 --seed 1 OUTDIR     # one big document
"""

import argparse
import os
import random
import sys

PERSONAS = [
    ("library member", "Member"), ("librarian", "Librarian"),
    ("branch manager", "Branch manager"), ("cataloguer", "Cataloguer"),
    ("student", "Student"), ("teacher", "Teacher"),
    ("café owner", "Café owner"), ("volunteer", "Volunteer"),
    ("finance officer", "Finance officer"), ("archivist", "Archivist"),
    ("researcher", "Researcher"), ("parent", "Parent"),
    ("school administrator", "School administrator"),
    ("event organiser", "Event organiser"), ("visitor", "Visitor"),
]
GENERIC_ROLES = ["user", "end user", "regular user", "customer", "person"]
SYSTEM_ROLES = ["system", "developer", "service", "admin"]

OBJECTS = [
    "loan", "hold", "study room", "book", "e-book", "fine", "membership card",
    "reading list", "event booking", "invoice", "catalogue record", "donation",
    "interlibrary request", "newsletter subscription", "exhibition ticket",
    "volunteer shift", "overdue notice", "purchase suggestion", "archive box",
    "course pack", "printing credit", "locker", "meeting room", "report",
]
VERBS = [
    ("renew", "renew"), ("reserve", "reserve"), ("cancel", "cancel"),
    ("see", "see"), ("export", "export"), ("pay", "pay for"),
    ("search", "search for"), ("share", "share"), ("print", "print"),
    ("request", "request"), ("rate", "rate"), ("archive", "archive"),
    ("transfer", "transfer"), ("track", "track"), ("approve", "approve"),
    ("download", "download"), ("edit", "edit"), ("compare", "compare"),
]
PLACES = [
    "from my account page", "on my phone", "at any branch", "from the catalogue",
    "without visiting the desk", "from the staff dashboard", "in the mobile app",
    "by e-mail", "from the self-service kiosk", "on the public website",
]
QUALIFIERS = [
    "for a school class", "for next term", "for the summer reading club",
    "for a housebound relative", "in large print", "in Welsh", "for the archive room",
    "for the Riverside branch", "for the Central branch", "for a group of twelve",
    "for the evening opening", "for the book festival", "for the local history society",
    "for the children's corner", "for the audio collection", "for a research project",
    "for the maker space", "for the Saturday story time", "for the council's audit",
    "for the mobile library van", "for the braille collection", "for the film club",
    "for a visiting author", "for the careers fair", "for the English class",
    "for overseas students", "for the night shift", "for the holiday period",
    "for the new branch in Northfield", "for the music scores", "for the map room",
]
# What makes one story unlike its neighbours: real backlogs rarely repeat a
# title, and the corpus should not either (story/duplicate stays rare).
DETAILS = [
    "with a reminder", "by barcode", "with a receipt", "in two steps",
    "with one click", "for several copies", "with a note for staff",
    "after closing time", "before the due date", "with the member's consent",
    "by postcode", "in bulk", "with a photo", "without a password",
    "with a QR code", "for a weekend", "with the branch's stamp",
    "with a waiting list", "with a cost estimate", "in under a minute",
    "with a printed copy", "with an audio summary", "with a map",
    "with the previous history", "with a second approver", "with a deadline",
    "from a shared card", "for a family account", "for a guest pass",
    "with a monthly summary", "with an SMS alert", "with a calendar entry",
    "across branches", "by voice", "with a signature", "with a comment",
    "with a rating", "with a cover image", "with a translation", "with a tag",
]
BENEFITS = [
    "I can keep a book longer without visiting the desk",
    "I do not travel to the branch for nothing",
    "I know what is due before I am fined",
    "our group has a quiet place to work",
    "the desk queue is shorter on Monday mornings",
    "I can plan the week's events with the team",
    "the accounts reconcile at the end of the month",
    "members find what they need without asking staff",
    "I can answer the council's questions with numbers",
    "nobody is charged twice for the same loan",
    "the branch can open on Sundays with fewer staff",
    "I can prepare my lessons a week ahead",
    "Zoë and the other volunteers know their shifts",
]
GOOD_AC = [
    "A {o} with no holds can be {v}ed once from the account page",
    "The new due date is shown right after the {o} is saved",
    "A {o} that is overdue shows the fine before it can be {v}ed",
    "The member gets an e-mail within 10 minutes naming the {o}",
    "Staff see the change in the desk view within 1 minute",
    "A {o} owned by another member cannot be changed and the reason is shown",
    "The list of {o}s is sorted by due date, soonest first",
    "At most five {o}s can be open at once; a sixth is refused with a message",
    "The action is recorded in the member's history with date and branch",
    "Cancelling restores the {o} to the state it had before",
]
GWT = [
    ("a {o} with no holds", "I {v} it from my account page", "the due date moves by three weeks"),
    ("a member with five open {o}s", "they ask for a sixth", "the request is refused with a message"),
    ("a {o} that is overdue by 10 days", "I open it", "the fine of 5.00 is shown first"),
    ("I am signed in as a librarian", "I {v} a {o} for a member", "the member is told by e-mail"),
    ("the branch is closed on Sunday", "a member picks Sunday", "the next open day is offered"),
]
VAGUE_AC = [
    "The page loads fast", "It works properly", "The {o} screen is user-friendly",
    "Everything is handled in a timely manner", "Works as expected",
    "The {o} list is intuitive and easy to use", "Performance is good enough",
]
TECH = [
    "store the {o} in the PostgreSQL database", "expose a REST API endpoint for the {o}",
    "add a React component for the {o}", "cache the {o} in Redis",
    "send a Kafka event when the {o} changes", "write a SQL migration for the {o} table",
]
STATUSES_GOOD = ["To Do", "To Do", "To Do", "In Progress", "Done", "Ready", "In Review"]
STATUSES_ODD = ["Blocked-ish", "WIP?", "parked", "Needs love", "done-done"]
EST_GOOD = ["1", "2", "3", "5", "8", "13"]
EST_BAD = ["4", "7", "40", "100", "0.5", "XL"]
LABELS = ["lending", "catalogue", "events", "finance", "accounts", "mobile",
          "website", "desk", "archive", "volunteers", "reporting", "search"]
PLACEHOLDERS = ["TBD", "TODO: write the criteria", "lorem ipsum", "to be defined", "XXX"]
NOTES = [
    "The desk system already keeps the history of {o}s; reuse it rather than "
    "adding a second log. Ask the branch managers before changing the wording "
    "of the e-mail, they answer the phone calls it causes.",
    "Legal asked that nothing about a member's {o}s is shown to other members. "
    "The audit in March found two screens that did; check this one with them.",
    "Most requests come on Monday mornings, after the weekend returns. The "
    "Riverside branch has the slowest network; try it there before release.",
]
DESCRIPTIONS = [
    "Members ask at the desk about their {o}s several times a day. Staff look "
    "the answer up in the old system, which takes a few minutes each time and "
    "keeps the queue long on busy mornings.",
    "The current {o} process is done on paper and typed in later; mistakes are "
    "found only at the end of the month when the accounts do not balance.",
    "Branch managers asked for this at the spring review: without it they "
    "cannot tell how the {o}s are used across the branches.",
    "This came out of the member survey: a third of the answers mention "
    "{o}s, most of them asking for a way to do it without coming in.",
]


class Gen:
    """The state of one corpus: the random source and item numbering."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def chance(self, p):
        return self.r.random() < p

    def role(self):
        x = self.r.random()
        if x < 0.12:
            return self.pick(GENERIC_ROLES)
        if x < 0.17:
            return self.pick(SYSTEM_ROLES)
        return self.pick(PERSONAS)[0]

    def story(self):
        """A story dict: role, want, benefit (or None), title, flaw flags."""
        o = self.pick(OBJECTS)
        v, vp = self.pick(VERBS)
        role = self.role()
        q = self.pick(QUALIFIERS)
        d = self.pick(DETAILS)
        want = "to %s %s %s %s %s %s" % (vp, an(o), o, q, d, self.pick(PLACES))
        if self.chance(0.06):
            want = "to " + self.pick(TECH).format(o=o)
        elif self.chance(0.05):
            v2, vp2 = self.pick(VERBS)
            want = "to %s and %s %s %s" % (vp, vp2, an(o), o)
        benefit = None if self.chance(0.18) else self.pick(BENEFITS)
        title = "%s %s %s %s %s" % (vp.capitalize(), an(o), o, q, d)
        if self.chance(0.02):
            title = self.pick(PLACEHOLDERS)
        return {"o": o, "v": v, "role": role, "want": want, "benefit": benefit,
                "title": title}

    def sentence(self, s):
        art = an(s["role"])
        if self.chance(0.04):
            return "Build the %s feature." % s["o"]
        text = "As %s %s, I want %s" % (art, s["role"], s["want"])
        if s["benefit"]:
            text += ", so that %s" % s["benefit"]
        return text + "."

    def criteria(self, s, lo=2, hi=6):
        """A list of criteria: strings, or (given, when, then) tuples."""
        if self.chance(0.08):
            return []
        if self.chance(0.03):
            return [self.pick(PLACEHOLDERS)]
        out = []
        for _ in range(self.r.randint(lo, hi) * 2):
            if len(out) >= hi or (len(out) >= lo and self.chance(0.3)):
                break
            x = self.r.random()
            if x < 0.12:
                out.append(self.pick(VAGUE_AC).format(o=s["o"]))
            elif x < 0.35:
                g, w, t = self.pick(GWT)
                out.append(tuple(p.format(o=s["o"], v=s["v"]) for p in (g, w, t)))
            else:
                out.append(self.pick(GOOD_AC).format(o=s["o"], v=s["v"]))
            if out[-1] in out[:-1] and not self.chance(0.03):
                out.pop()  # a few items repeat a criterion
        return out

    def status(self):
        return self.pick(STATUSES_ODD) if self.chance(0.04) else self.pick(STATUSES_GOOD)

    def estimate(self):
        x = self.r.random()
        if x < 0.25:
            return None
        if x < 0.32:
            return self.pick(EST_BAD)
        return self.pick(EST_GOOD)

    def deps(self, prefix, n, total, unknown_base):
        """0-2 dependencies on earlier items; some unknown."""
        out = []
        if n > 1 and self.chance(0.3):
            for _ in range(self.r.randint(1, 2)):
                out.append("%s%d" % (prefix, self.r.randint(1, n - 1)))
        if self.chance(0.02):
            out.append("%s%d" % (prefix, unknown_base + self.r.randint(1, 999)))
        return out


def an(word):
    """The indefinite article for a word."""
    return "an" if word[0] in "aeiou" else "a"


def slug(title):
    keep = "".join(c if c.isalnum() or c == " " else " " for c in title)
    return "-".join(keep.split())


def ac_text(c):
    if isinstance(c, tuple):
        return "Given %s, when %s, then %s" % c
    return c


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def flow_list(xs):
    return "[" + ", ".join(xs) + "]"


def backlog_task(g, n, total, cycles):
    """One Backlog.md task file (its text and title)."""
    s = g.story()
    deps = g.deps("task-", n, total, 10 * total)
    if n in cycles:
        deps.append("task-%d" % cycles[n])
    fm = ["---", "id: task-%d" % n, "title: %s" % yaml_q(s["title"]), "status: %s" % g.status()]
    if g.chance(0.6):
        fm.append("assignee: ['@%s']" % g.pick(["ana", "bo", "chidi", "dana", "eun", "farah"]))
    fm.append("created_date: '2024-%02d-%02d 09:%02d'" % (g.r.randint(1, 12), g.r.randint(1, 28), g.r.randint(0, 59)))
    fm.append("labels: %s" % flow_list(sorted(set(g.pick(LABELS) for _ in range(g.r.randint(0, 3))))))
    if g.chance(0.7):
        fm.append("priority: %s" % g.pick(["high", "medium", "low"]))
    e = g.estimate()
    if e:
        fm.append("estimate: %s" % e)
    fm.append("dependencies: %s" % flow_list(deps))
    fm.append("---")
    body = ["", "## Description", "", "<!-- SECTION:DESCRIPTION:BEGIN -->",
            g.sentence(s)]
    if g.chance(0.85):
        body += ["", g.pick(DESCRIPTIONS).format(o=s["o"])]
    if g.chance(0.9):
        body += ["", g.pick(DESCRIPTIONS).format(o=g.pick(OBJECTS))]
    if g.chance(0.8):
        body += ["", g.pick(NOTES).format(o=g.pick(OBJECTS))]
    if g.chance(0.03):
        body += ["", g.pick(PLACEHOLDERS)]
    body.append("<!-- SECTION:DESCRIPTION:END -->")
    crit = g.criteria(s, 3, 7)
    if crit:
        body += ["", "## Acceptance Criteria", "<!-- AC:BEGIN -->"]
        done = g.chance(0.2)
        for i, c in enumerate(crit, 1):
            body.append("- [%s] #%d %s" % ("x" if done else " ", i, ac_text(c)))
        body.append("<!-- AC:END -->")
    if g.chance(0.6):
        body += ["", "## Implementation Notes", "",
                 "<!-- SECTION:NOTES:BEGIN -->", g.pick(NOTES).format(o=s["o"]),
                 "<!-- SECTION:NOTES:END -->"]
    return "\n".join(fm + body) + "\n", s["title"]


def story_file(g, n, total, cycles):
    """One plain front-matter story file."""
    s = g.story()
    deps = g.deps("STORY-", n, total, 10 * total)
    if n in cycles:
        deps.append("STORY-%d" % cycles[n])
    fm = ["---", "id: STORY-%d" % n, "title: %s" % yaml_q(s["title"]), "type: story",
          "status: %s" % g.status()]
    if g.chance(0.5):
        fm.append("persona: %s" % s["role"])
    e = g.estimate()
    if e:
        fm.append("points: %s" % e)
    if g.chance(0.6):
        fm.append("epic: EPIC-%d" % g.r.randint(1, max(1, total // 200)))
    if deps:
        fm.append("depends_on: %s" % flow_list(deps))
    fm.append("labels: %s" % flow_list([g.pick(LABELS)]))
    fm.append("---")
    body = ["", "## Story", "", g.sentence(s), "", "## Context", "",
            g.pick(DESCRIPTIONS).format(o=s["o"])]
    body += ["", g.pick(DESCRIPTIONS).format(o=g.pick(OBJECTS))]
    crit = g.criteria(s, 3, 7)
    if crit:
        body += ["", "## Acceptance criteria", ""]
        if g.chance(0.25):
            body += ["```gherkin", "Feature: %s" % s["title"], ""]
            for i, c in enumerate(crit, 1):
                gw = c if isinstance(c, tuple) else g.pick(GWT)
                gw = [p.format(o=s["o"], v=s["v"]) for p in gw]
                body += ["  Scenario: case %d" % i, "    Given %s" % gw[0],
                         "    When %s" % gw[1], "    Then %s" % gw[2], ""]
            body.append("```")
        else:
            body += ["- [ ] %s" % ac_text(c) for c in crit]
    if g.chance(0.5):
        body += ["", "## Definition of done", "",
                 "- [ ] Acceptance criteria demonstrated to the product owner",
                 "- [ ] Help page updated"]
    if g.chance(0.7):
        body += ["", "## Notes", "", g.pick(NOTES).format(o=s["o"])]
    return "\n".join(fm + body) + "\n"


def document(g, first, count, total):
    """A backlog document with `count` items US-first..."""
    lines = ["# Backlog: %s" % g.pick(LABELS), "",
             "Stories for the %s team, in priority order." % g.pick(LABELS), ""]
    for n in range(first, first + count):
        s = g.story()
        lines += ["## US-%d: %s" % (n, s["title"]), ""]
        lines.append("Status: %s" % g.status())
        e = g.estimate()
        if e:
            lines.append("Estimate: %s" % e)
        deps = g.deps("US-", n, total, 10 * total)
        if deps:
            lines.append("Depends on: %s" % ", ".join(deps))
        lines += ["", g.sentence(s), ""]
        crit = g.criteria(s, 1, 5)
        if crit:
            lines += ["### Acceptance criteria", ""]
            lines += ["- [ ] %s" % ac_text(c) for c in crit]
            lines.append("")
    return "\n".join(lines)


def yaml_q(s):
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_story(g, n, total, unknown_base):
    s = g.story()
    out = ["      - id: ST-%d" % n, "        title: %s" % yaml_q(s["title"])]
    if g.chance(0.85):
        out.append("        as_a: %s" % yaml_q(s["role"]))
        out.append("        i_want: %s" % yaml_q(s["want"]))
        if s["benefit"]:
            out.append("        so_that: %s" % yaml_q(s["benefit"]))
    else:
        out.append("        story: %s" % yaml_q(g.sentence(s)))
    out.append("        status: %s" % yaml_q(g.status()))
    e = g.estimate()
    if e:
        out.append("        estimate: %s" % e)
    deps = g.deps("ST-", n, total, unknown_base)
    if deps:
        out.append("        depends_on: %s" % flow_list(deps))
    crit = g.criteria(s, 1, 4)
    if crit:
        out.append("        acceptance_criteria:")
        for c in crit:
            if isinstance(c, tuple):
                out += ["          - given: %s" % yaml_q(c[0]),
                        "            when: %s" % yaml_q(c[1]),
                        "            then: %s" % yaml_q(c[2])]
            else:
                out.append("          - %s" % yaml_q(c))
    return "\n".join(out) + "\n"


def yaml_epic_head(g, k):
    return ("  - id: EPIC-%d\n    title: %s\n    problem: %s\n    stories:\n"
            % (k, yaml_q(g.pick(LABELS).capitalize() + " improvements"),
               yaml_q(g.pick(DESCRIPTIONS).format(o=g.pick(OBJECTS)))))


def yaml_file(g, first, count, total, epic0):
    parts = ["# Release backlog: epics nest their stories.\n", "epics:\n"]
    n, k = first, epic0
    while n < first + count:
        parts.append(yaml_epic_head(g, k))
        for _ in range(min(g.r.randint(3, 12), first + count - n)):
            parts.append(yaml_story(g, n, total, 10 * total))
            n += 1
        k += 1
    return "".join(parts), k


def txt_file(g, count):
    lines = []
    for _ in range(count):
        lines.append(g.sentence(g.story()))
    return "\n".join(lines) + "\n"


def cycle_map(g, total, prefix_count):
    """A few pairs of items that depend on each other (n -> m, m -> n)."""
    out = {}
    for _ in range(max(1, prefix_count // 2000)):
        a = g.r.randint(1, prefix_count)
        b = g.r.randint(1, prefix_count)
        if a != b and a not in out and b not in out:
            out[a] = b
            out[b] = a
    return out


def generate(outdir, items, seed):
    g = Gen(seed)
    n_md = items * 70 // 100
    n_doc = items * 15 // 100
    n_yaml = items * 10 // 100
    n_txt = items - n_md - n_doc - n_yaml
    n_task = n_md * 5 // 7
    n_story = n_md - n_task

    write(os.path.join(outdir, "backlog", "config.yml"),
          'project_name: "Library services"\n'
          'statuses: ["To Do", "Ready", "In Progress", "In Review", "Done"]\n'
          "definition_of_done:\n"
          "  - Acceptance criteria demonstrated to the product owner\n"
          "  - Help page updated\n")
    pers = ["---", "id: doc-1", "title: Personas", "type: other", "---", "",
            "# Personas", ""]
    for role, name in PERSONAS[:13]:
        pers.append("- **%s**: %s." % (name, "works with the library's " + role + "s"))
    write(os.path.join(outdir, "backlog", "docs", "doc-1 - Personas.md"),
          "\n".join(pers) + "\n")

    cyc = cycle_map(g, items, n_task)
    for n in range(1, n_task + 1):
        text, title = backlog_task(g, n, n_task, cyc)
        area = "area%d" % ((n - 1) // 400)
        name = "task-%d - %s.md" % (n, slug(title) or "Untitled")
        write(os.path.join(outdir, "backlog", "tasks", area, name), text)

    cyc = cycle_map(g, items, n_story)
    for n in range(1, n_story + 1):
        text = story_file(g, n, n_story, cyc)
        team = "team%d" % ((n - 1) // 300)
        write(os.path.join(outdir, "stories", team, "story-%d.md" % n), text)

    n, k = 1, 0
    while n <= n_doc:
        c = min(g.r.randint(20, 50), n_doc - n + 1)
        write(os.path.join(outdir, "docs", "backlog", "group%d" % (k // 50),
                           "backlog-%d.md" % k), document(g, n, c, n_doc))
        n += c
        k += 1

    n, k, epic = 1, 0, 1
    while n <= n_yaml:
        c = min(g.r.randint(60, 200), n_yaml - n + 1)
        text, epic = yaml_file(g, n, c, n_yaml, epic)
        write(os.path.join(outdir, "yaml", "release-%d.yml" % k), text)
        n += c
        k += 1

    n, k = 0, 0
    while n < n_txt:
        c = min(g.r.randint(50, 150), n_txt - n)
        write(os.path.join(outdir, "lists", "stories-%d.txt" % k), txt_file(g, c))
        n += c
        k += 1


def big_yaml(outdir, nbytes, seed):
    """One YAML backlog of about nbytes bytes (epics nesting stories)."""
    g = Gen(seed)
    path = os.path.join(outdir, "big.yml")
    os.makedirs(outdir, exist_ok=True)
    size, n, k = 0, 1, 1
    total = max(1, nbytes // 500)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        head = "# One large YAML backlog.\nepics:\n"
        f.write(head)
        size += len(head.encode())
        while size < nbytes:
            chunk = [yaml_epic_head(g, k)]
            for _ in range(g.r.randint(3, 12)):
                chunk.append(yaml_story(g, n, total, 10 * total))
                n += 1
            text = "".join(chunk)
            f.write(text)
            size += len(text.encode())
            k += 1
    return n - 1


def big_md(outdir, nbytes, seed):
    """One markdown backlog document of about nbytes bytes: backlog
    documents of 40 items each, one after the other."""
    g = Gen(seed)
    path = os.path.join(outdir, "big.md")
    os.makedirs(outdir, exist_ok=True)
    size, n = 0, 1
    total = max(1, nbytes // 450)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        while size < nbytes:
            text = document(g, n, 40, total) + "\n"
            f.write(text)
            size += len(text.encode())
            n += 40
    return n - 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--items", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--yaml-bytes", type=int, default=0,
                    help="write one YAML backlog of about this many bytes instead")
    ap.add_argument("--md-bytes", type=int, default=0,
                    help="write one markdown backlog document of about this many bytes instead")
    a = ap.parse_args()
    if a.yaml_bytes:
        n = big_yaml(a.outdir, a.yaml_bytes, a.seed)
        print("%d stories" % n)
    elif a.md_bytes:
        n = big_md(a.outdir, a.md_bytes, a.seed)
        print("%d stories" % n)
    else:
        generate(a.outdir, a.items, a.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
