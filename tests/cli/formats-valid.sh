#!/bin/sh
# Output test of the machine-readable formats: runs backlint with each of
# json, sarif, gitlab, junit, checkstyle and github over fixtures/,
# examples/ and tests/cli/formats/ (all findings, and --quiet) and checks
# that the JSON outputs parse as strict UTF-8 JSON, the XML outputs are
# well-formed XML 1.0 (python3's expat), the github output is one workflow
# command a line, and that every format reports the same findings as json
# (counts per severity, JUnit's test and failure counts, unique GitLab
# fingerprints).
#   formats-valid.sh BACKLINT SOURCE_DIR
set -u
bin=$1 src=$2
cd "$src" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for args in "fixtures examples tests/cli/formats" "--quiet fixtures examples tests/cli/formats" \
	"tests/cli/formats/clean.md"; do
	for f in json sarif gitlab junit checkstyle github; do
		# shellcheck disable=SC2086 # the arguments are meant to split
		NO_COLOR=1 "$bin" --format $f $args >"$out/$f" 2>"$out/$f.err" </dev/null
		rc=$?
		if [ $rc -gt 1 ]; then
			echo "backlint --format $f $args exited $rc:"
			cat "$out/$f.err"
			status=1
		fi
	done
	python3 - "$out" "$args" <<'PY' || status=1
import collections, json, re, sys
import xml.dom.minidom

out, args = sys.argv[1:3]
problems = []


def read(name):
    with open("%s/%s" % (out, name), "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append("%s: starts with a byte order mark" % name)
    return raw.decode("utf-8")  # strict: invalid UTF-8 fails the test


def load_json(name):
    try:
        return json.loads(read(name))
    except ValueError as e:
        problems.append("%s: not JSON: %s" % (name, e))


def load_xml(name):
    try:
        with open("%s/%s" % (out, name), "rb") as f:
            return xml.dom.minidom.parse(f)
    except Exception as e:  # expat errors, invalid characters
        problems.append("%s: not well-formed XML: %s" % (name, e))


doc = load_json("json")
if doc is None:
    print("\n".join(problems))
    sys.exit(1)
found = doc["findings"]
want = collections.Counter(f["severity"] for f in found)
summary = doc["summary"]
if (summary["errors"], summary["warnings"], summary["info"]) != (
        want["error"], want["warning"], want["info"]):
    problems.append("json: summary %r does not count the findings %r" % (summary, want))
if summary["files_with_findings"] != len({f["file"] for f in found}):
    problems.append("json: files_with_findings is wrong")

sarif = load_json("sarif")
if sarif is not None:
    levels = {"error": "error", "warning": "warning", "note": "info"}
    got = collections.Counter(levels[r["level"]] for r in sarif["runs"][0]["results"])
    if got != want:
        problems.append("sarif: results %r, json %r" % (got, want))

gitlab = load_json("gitlab")
if gitlab is not None:
    sev = {"critical": "error", "major": "warning", "info": "info"}
    got = collections.Counter(sev[i["severity"]] for i in gitlab)
    if got != want:
        problems.append("gitlab: issues %r, json %r" % (got, want))
    fps = [i["fingerprint"] for i in gitlab]
    if len(set(fps)) != len(fps):
        problems.append("gitlab: fingerprints repeat")
    for i in gitlab:
        if i["location"]["path"].startswith("/"):
            problems.append("gitlab: absolute path %r" % i["location"]["path"])

junit = load_xml("junit")
if junit is not None:
    root = junit.documentElement
    cases = root.getElementsByTagName("testcase")
    failures = root.getElementsByTagName("failure")
    failing = [c for c in cases if c.getElementsByTagName("failure")]
    if root.tagName != "testsuites":
        problems.append("junit: root is %s" % root.tagName)
    if len(failures) != len(found):
        problems.append("junit: %d failures, json %d findings" % (len(failures), len(found)))
    if int(root.getAttribute("tests")) != len(cases) or int(root.getAttribute("failures")) != len(failing):
        problems.append("junit: testsuites counts are wrong")
    for s in root.getElementsByTagName("testsuite"):
        sc = s.getElementsByTagName("testcase")
        sf = [c for c in sc if c.getElementsByTagName("failure")]
        if int(s.getAttribute("tests")) != len(sc) or int(s.getAttribute("failures")) != len(sf):
            problems.append("junit: counts of suite %r are wrong" % s.getAttribute("name"))

cs = load_xml("checkstyle")
if cs is not None:
    root = cs.documentElement
    got = collections.Counter(e.getAttribute("severity") for e in root.getElementsByTagName("error"))
    if root.tagName != "checkstyle" or got != want:
        problems.append("checkstyle: errors %r, json %r" % (got, want))

cmd = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+"
                 r"(,col=\d+,endColumn=\d+|,endLine=\d+),title=[^,:]+::[^\r\n]*$")
lines = read("github").split("\n")
if lines[-1] != "":
    problems.append("github: the output does not end with a line break")
commands = collections.Counter()
for line in lines[:-1]:
    m = cmd.match(line)
    if m:
        commands[{"notice": "info"}.get(m.group(1), m.group(1))] += 1
    elif line.startswith("::") or "\r" in line:
        problems.append("github: bad command line %r" % line)
if commands != want:
    problems.append("github: commands %r, json %r" % (commands, want))

if problems:
    print("backlint %s:" % args)
    print("\n".join(problems))
    sys.exit(1)
print("backlint %s: every format is valid (%d findings)" % (args, len(found)))
PY
done
exit $status
