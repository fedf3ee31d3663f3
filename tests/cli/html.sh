#!/bin/sh
# The HTML report: one self-contained, well-formed page (no script, nothing
# fetched), every section present, backlog text escaped (a title holding
# "<script>" is shown as text). Then, when Chromium is installed, the page
# is rendered headless: it must load without a console message, and its
# screenshot is kept as a test artefact.
#   html.sh BACKLINT SRCDIR ARTEFACT_DIR
set -u
bin=$1 src=$2 art=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 2
"$bin" --format html --output "$tmp/report.html" tests/cli/html >"$tmp/stdout" 2>&1
[ $? -eq 1 ] || { echo "exit status not 1 (the backlog has errors)"; cat "$tmp/stdout"; exit 1; }
python3 - "$tmp/report.html" <<'PY' || exit 1
import html.parser, sys
text = open(sys.argv[1], encoding="utf-8").read()
void = {"meta", "br", "img", "input", "link", "hr", "rect"}
class Check(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.problems, self.ids, self.tags = [], [], set(), set()
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        if "id" in a:
            self.ids.add(a["id"])
        for k in ("src", "href"):
            v = a.get(k) or ""
            if v.startswith(("http:", "https:", "//")):
                self.problems.append(f"fetches {v}")
        if tag not in void:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if tag in void:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()
c = Check()
c.feed(text)
if c.stack:
    c.problems.append(f"unclosed {c.stack}")
if "script" in c.tags:
    c.problems.append("a <script> element")
for sec in ("summary", "readiness", "invest", "personas", "dependencies", "findings", "rules"):
    if sec not in c.ids:
        c.problems.append(f"no section #{sec}")
for want in ('Renew &lt;script&gt;alert(&quot;renew&quot;)&lt;/script&gt; online',
             "LIB-&lt;i&gt;5&lt;/i&gt;", "&lt;em&gt;ready&lt;/em&gt;",
             "dependency cycle LIB-3 -&gt; LIB-4 -&gt; LIB-3", "<svg", "@media print",
             "LIB-9"):
    if want not in text:
        c.problems.append(f"missing: {want}")
for p in c.problems:
    print(p)
sys.exit(1 if c.problems else 0)
PY
command -v chromium >/dev/null 2>&1 || { echo "chromium not installed: page checked, not rendered"; exit 77; }
mkdir -p "$art"
# --no-sandbox: the tests may run as root, where Chromium's sandbox will not start.
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
	--enable-logging=stderr --v=0 --window-size=1200,2600 \
	--screenshot="$art/report.png" "file://$tmp/report.html" >"$tmp/out" 2>"$tmp/err"
[ -s "$art/report.png" ] || { echo "no screenshot"; cat "$tmp/err"; exit 1; }
if grep -q 'CONSOLE' "$tmp/err"; then
	echo "console messages:"
	grep 'CONSOLE' "$tmp/err"
	exit 1
fi
timeout 120 chromium --headless --no-sandbox --disable-gpu --dump-dom \
	"file://$tmp/report.html" >"$tmp/dom" 2>/dev/null
grep -q 'INVEST scorecard' "$tmp/dom" || { echo "the rendered page lacks its scorecard"; exit 1; }
echo "html report ok (screenshot: $art/report.png)"
