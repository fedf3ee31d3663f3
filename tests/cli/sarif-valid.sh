#!/bin/sh
# SARIF test: runs backlint --format sarif over fixtures/, examples/ and
# tests/cli/formats/ and validates each log against the SARIF 2.1.0 schema
# in tests/schemas/ (JSON Schema draft 4) with python3-jsonschema, offline:
# the schema's references are all inside it. Also checks what the schema
# cannot: every rule of the run is described, each result's ruleIndex
# points at its ruleId, and locations are relative URI references with
# nothing left unencoded. Skipped (exit 77) without python3-jsonschema.
#   sarif-valid.sh BACKLINT SOURCE_DIR
set -u
bin=$1 src=$2
cd "$src" || exit 2
python3 -c 'import jsonschema' 2>/dev/null || {
	echo "python3-jsonschema is not installed: skipped"
	exit 77
}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for args in "fixtures examples" "tests/cli/formats" "--quiet tests/cli/formats"; do
	# shellcheck disable=SC2086 # the arguments are meant to split
	NO_COLOR=1 "$bin" --format sarif $args >"$out/log.sarif" 2>"$out/err" </dev/null
	rc=$?
	if [ $rc -gt 1 ]; then
		echo "backlint --format sarif $args exited $rc:"
		cat "$out/err"
		status=1
		continue
	fi
	python3 - tests/schemas/sarif-schema-2.1.0.json "$out/log.sarif" "$args" <<'PY' || status=1
import json, re, sys

import jsonschema

schema_path, log_path, args = sys.argv[1:4]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
with open(log_path, "rb") as f:
    raw = f.read()
log = json.loads(raw.decode("utf-8"))  # strict: invalid UTF-8 fails here
cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
cls.check_schema(schema)
errors = sorted(cls(schema).iter_errors(log), key=lambda e: list(e.absolute_path))
problems = ["%s: %s" % ("/".join(map(str, e.absolute_path)), e.message) for e in errors[:20]]
run = log["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
if len(set(ids)) != len(ids):
    problems.append("rule ids repeat")
# RFC 3986 relative-path reference: unreserved, sub-delims, ":", "@",
# "/" and percent-encoded octets, no scheme, no leading "/".
uri_re = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})+$")
for i, res in enumerate(run["results"]):
    if ids[res["ruleIndex"]] != res["ruleId"]:
        problems.append("result %d: ruleIndex %d is %s, not %s"
                        % (i, res["ruleIndex"], ids[res["ruleIndex"]], res["ruleId"]))
    for loc in res["locations"]:
        uri = loc["physicalLocation"]["artifactLocation"]["uri"]
        reg = loc["physicalLocation"]["region"]
        if not uri_re.match(uri) or uri.startswith("/") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri):
            problems.append("result %d: uri %r is not a relative reference" % (i, uri))
        if (reg["endLine"], reg["endColumn"]) < (reg["startLine"], reg["startColumn"]):
            problems.append("result %d: region ends before it starts: %r" % (i, reg))
if problems:
    print("backlint --format sarif %s: invalid SARIF:" % args)
    print("\n".join(problems))
    sys.exit(1)
print("backlint --format sarif %s: valid (%d rules, %d results)" % (args, len(rules), len(run["results"])))
PY
done
exit $status
