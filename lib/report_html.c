/*
 * The html reporter: a backlog health page for product owners, in one
 * self-contained file (inline CSS and SVG, no script, nothing fetched).
 * It shows the backlog at a glance: items by workflow stage, type and
 * status, the files that did not parse, findings by severity and family (a
 * bar chart), readiness of the open work by status (a stacked bar), an
 * INVEST scorecard per item grouped by status, persona coverage, the
 * dependency problems, then the findings themselves (linked to their file
 * and line) and the rationale of each rule that fired. Statuses come in
 * workflow order (open, ready, started, done, archived); done and archived
 * work is context, left out of readiness, and archived work out of what
 * counts as the backlog's items. Every piece of
 * backlog text is escaped; charts carry their numbers as text, so the page
 * reads without colour, and a print stylesheet lays it out on paper.
 *
 * Findings come one by one in file order; what the page shows first (the
 * summaries, lib/report_html_summary.c) is known only at the end, so the
 * findings section is built in memory and written last. Long lists are cut
 * with counts: at most BL_HTML_MAX_PER_RULE findings of one rule are
 * listed; nothing is dropped without saying how many.
 */
#include "report_html_int.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

/* The item of file_index whose anchor is the last at or before line, or
 * SIZE_MAX: items are in file order, and in source order within a file. */
static size_t
item_at(const struct html *h, size_t file_index, uint32_t line)
{
	size_t lo = 0, hi = h->nitems;

	/* The first item after (file_index, line)... */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct bl_summary *s = &h->items[mid];

		if (s->file_index < file_index ||
		    (s->file_index == file_index && s->ref.span.line <= line))
			lo = mid + 1;
		else
			hi = mid;
	}
	/* ...so the one before it, when it is of the same file. */
	if (lo == 0 || h->items[lo - 1].file_index != file_index)
		return SIZE_MAX;
	return lo - 1;
}

static void *
html_open(FILE *out, const struct bl_engine *e, const struct bl_report_opts *o)
{
	struct html *h = bl_xcalloc(1, sizeof(*h));
	size_t nrules = bl_engine_nrules(e);

	h->out = out;
	h->e = e;
	h->o = *o;
	h->items = bl_engine_items(e, &h->nitems);
	h->include_done = bl_engine_include_done(e);
	h->state = bl_xcalloc(h->nitems ? h->nitems : 1, sizeof(*h->state));
	h->rule_count = bl_xcalloc(nrules ? nrules : 1, sizeof(*h->rule_count));
	h->family_sev = bl_xcalloc(nrules ? nrules : 1, sizeof(*h->family_sev));
	return h;
}

void
bl_html_esc(struct bl_buf *b, const char *s)
{
	bl_rep_xml(b, s, strlen(s));
}

/* An anchor name for rule id: "rule-" and the id, "/" as "-". */
static void
rule_anchor(struct bl_buf *b, const char *id)
{
	bl_buf_puts(b, "rule-");
	for (; *id; id++)
		bl_buf_putc(b, *id == '/' ? '-' : *id);
}

/* One finding as a list entry: where (a link to the file), severity,
 * message, rule (a link to its rationale). */
static void
finding_entry(struct bl_buf *b, const struct html *h, const struct bl_finding *fd)
{
	struct bl_span sp = bl_rep_span(fd);
	const char *id = bl_engine_rule(h->e, fd->rule)->id;
	char *path = bl_rep_path(fd->path);

	bl_buf_puts(b, "<li class=\"");
	bl_buf_puts(b, bl_severity_name(fd->severity));
	bl_buf_puts(b, "\"><a href=\"");
	bl_rep_uri(b, path);
	bl_buf_printf(b, "#L%u\">", sp.line);
	bl_html_esc(b, path);
	bl_buf_printf(b, ":%u:%u</a> <strong>%s</strong> ", sp.line, bl_rep_char_col(fd, sp.col),
	              bl_severity_name(fd->severity));
	bl_html_esc(b, fd->message);
	bl_buf_puts(b, " <a class=\"rule\" href=\"#");
	rule_anchor(b, id);
	bl_buf_puts(b, "\">");
	bl_html_esc(b, id);
	bl_buf_puts(b, "</a></li>\n");
	free(path);
}

static void
html_finding(void *st, const struct bl_finding *fd)
{
	struct html *h = st;
	const char *id;
	const struct bl_rule *rule;
	size_t fam, item, n;
	int letter;

	if (!bl_rep_shown(&h->o, fd))
		return;
	bl_rep_count(&h->tally, fd);
	rule = bl_engine_rule(h->e, fd->rule);
	id = rule->id;
	n = strcspn(id, "/");
	{
		/* Family names live as long as the rule ids. */
		size_t i;

		for (fam = SIZE_MAX, i = 0; i < h->families.n; i++)
			if (strncmp(h->families.names[i], id, n) == 0 &&
			    h->families.names[i][n] == '/')
				fam = i;
		if (fam == SIZE_MAX)
			fam = bl_html_tally_add(&h->families, id, 0);
		h->families.counts[fam]++;
		h->family_sev[fam][fd->severity & 3]++;
	}
	letter = bl_html_invest_letter(rule);
	item = item_at(h, fd->file_index, fd->span.line);
	if (item != SIZE_MAX) {
		if (letter >= 0)
			h->state[item].failed |= (unsigned char)(1u << letter);
		if (fd->severity > h->state[item].worst)
			h->state[item].worst = (unsigned char)fd->severity;
		if (rule->flags & BL_RULE_PERSONA_UNKNOWN)
			h->state[item].unknown_persona = true;
	}
	if (rule->flags & BL_RULE_DEPENDENCY) {
		if (h->ndeps++ < BL_HTML_MAX_PER_RULE * 2)
			finding_entry(&h->deps, h, fd);
	} else if (rule->flags & BL_RULE_PERSONA_VARIANT) {
		if (h->nvariants++ < BL_HTML_MAX_PER_RULE)
			finding_entry(&h->variants, h, fd);
	} else if (rule->flags & BL_RULE_PARSE) {
		/* A file that did not parse has no items, or not all of them:
		 * the summary names it, or it would vanish from the counts. */
		if (h->last_parse != fd->file_index + 1)
			h->nparse_files++;
		h->last_parse = fd->file_index + 1;
		if (h->nparse++ < BL_HTML_MAX_PER_RULE)
			finding_entry(&h->parse, h, fd);
	}
	if (h->rule_count[fd->rule]++ >= BL_HTML_MAX_PER_RULE)
		return;
	if (h->last_file != fd->file_index + 1) {
		char *path = bl_rep_path(fd->path);

		if (h->last_file != 0)
			bl_buf_puts(&h->findings, "</ul>\n");
		bl_buf_puts(&h->findings, "<h3>");
		bl_html_esc(&h->findings, path);
		bl_buf_puts(&h->findings, "</h3>\n<ul class=\"findings\">\n");
		h->last_file = fd->file_index + 1;
		free(path);
	}
	finding_entry(&h->findings, h, fd);
}

static const char style[] =
        "body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem "
        "2rem;color:#1a1a1a}\n"
        "h1{margin-bottom:0}h2{border-bottom:2px solid #ddd;margin-top:2.2rem}\n"
        "table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid "
        "#ccc;padding:.2rem .55rem;text-align:left}\n"
        "td.n,th.n{text-align:right}td.ok{color:#17622d}td.no{color:#a31515;font-weight:bold}\n"
        "ul.findings{list-style:none;padding-left:0}ul.findings li{margin:.25rem 0;padding-left:"
        ".6rem;border-left:4px solid #999}\n"
        "li.error{border-color:#a31515!important}li.warning{border-color:#b8860b!important}\n"
        "li.info{border-color:#2b6cb0!important}a.rule{font-family:monospace;font-size:.9em}\n"
        ".muted{color:#555}svg text{font:13px system-ui,sans-serif}\n"
        "div.tables{display:flex;flex-wrap:wrap;gap:0 2rem;align-items:flex-start}\n"
        ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}\n"
        "section.rule{border-top:1px solid #ddd}pre{background:#f5f5f5;padding:.5rem;overflow:"
        "auto}\n"
        "@media print{body{max-width:none;padding:0;font-size:11pt}a{color:inherit;text-"
        "decoration:none}h2{break-after:avoid}table,li,svg{break-inside:avoid}nav{display:"
        "none}}\n";

/* The rules that fired: each one's summary, documentation and count. */
static void
rationale(struct bl_buf *b, const struct html *h)
{
	size_t r, nrules = bl_engine_nrules(h->e);

	for (r = 0; r < nrules; r++) {
		const struct bl_rule *rule = bl_engine_rule(h->e, r);
		const char *doc;
		size_t len;

		if (h->rule_count[r] == 0)
			continue;
		bl_buf_puts(b, "<section class=\"rule\" id=\"");
		rule_anchor(b, rule->id);
		bl_buf_puts(b, "\"><h3>");
		bl_html_esc(b, rule->id);
		bl_buf_printf(b, " <span class=\"muted\">(%zu finding%s)</span></h3>\n<p>",
		              h->rule_count[r], h->rule_count[r] == 1 ? "" : "s");
		bl_html_esc(b, rule->summary);
		bl_buf_puts(b, ".</p>\n");
		doc = h->o.rule_doc != NULL ? h->o.rule_doc(rule->id, &len) : NULL;
		if (doc != NULL) {
			/* The documentation is backlint's own markdown; raw HTML
			 * in it is dropped all the same (CMARK_OPT_SAFE is the
			 * default of cmark 0.30). */
			char *html = cmark_markdown_to_html(doc, len, CMARK_OPT_DEFAULT);

			bl_buf_puts(b, html);
			free(html);
		}
		if (h->rule_count[r] > BL_HTML_MAX_PER_RULE)
			bl_buf_printf(b,
			              "<p class=\"muted\">The findings list shows %d of its %zu "
			              "findings; the text or JSON report lists them all.</p>\n",
			              BL_HTML_MAX_PER_RULE, h->rule_count[r]);
		bl_buf_puts(b, "</section>\n");
	}
}

/* The page up to its first section: the head, with the style, and the
 * header, with the counts and the table of contents. */
static void
page_head(struct bl_buf *b, const struct html *h)
{
	bl_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	               "<meta name=\"generator\" content=\"backlint ");
	bl_html_esc(b, h->o.version ? h->o.version : "unknown");
	bl_buf_puts(b, "\">\n<title>Backlog health</title>\n<style>\n");
	bl_buf_puts(b, style);
	bl_buf_puts(b, "</style>\n</head>\n<body>\n<header>\n<h1>Backlog health</h1>\n");
	bl_html_header_counts(b, h);
	bl_buf_printf(b, "%zu finding%s (%zu error%s, %zu warning%s, %zu info). Made by backlint ",
	              bl_rep_total(&h->tally), bl_rep_total(&h->tally) == 1 ? "" : "s",
	              h->tally.sev[BL_SEV_ERROR], h->tally.sev[BL_SEV_ERROR] == 1 ? "" : "s",
	              h->tally.sev[BL_SEV_WARNING], h->tally.sev[BL_SEV_WARNING] == 1 ? "" : "s",
	              h->tally.sev[BL_SEV_INFO]);
	bl_html_esc(b, h->o.version ? h->o.version : "unknown");
	bl_buf_puts(b,
	            ".</p>\n<nav><a href=\"#summary\">Summary</a> &middot; <a "
	            "href=\"#readiness\">Readiness</a> &middot; <a href=\"#invest\">INVEST</a> "
	            "&middot; <a href=\"#personas\">Personas</a> &middot; <a "
	            "href=\"#dependencies\">Dependencies</a> &middot; <a "
	            "href=\"#findings\">Findings</a> &middot; <a href=\"#rules\">Rules</a></nav>\n"
	            "</header>\n<main>\n");
}

/* The dependency problems section (its list built as the findings came). */
static void
dependencies(struct bl_buf *b, const struct html *h)
{
	bl_buf_puts(b, "<section id=\"dependencies\">\n<h2>Dependency problems</h2>\n");
	if (h->ndeps == 0)
		bl_buf_puts(b, "<p>No dependency cycles and no unknown ids.</p>\n");
	else {
		bl_buf_puts(b, "<ul class=\"findings\">\n");
		bl_buf_add(b, h->deps.s, h->deps.len);
		bl_buf_puts(b, "</ul>\n");
		if (h->ndeps > BL_HTML_MAX_PER_RULE * 2)
			bl_buf_printf(b, "<p class=\"muted\">%d of %zu shown.</p>\n",
			              BL_HTML_MAX_PER_RULE * 2, h->ndeps);
	}
	bl_buf_puts(b, "</section>\n");
}

static void
html_free(struct html *h)
{
	bl_html_tally_free(&h->families);
	bl_buf_free(&h->findings);
	bl_buf_free(&h->deps);
	bl_buf_free(&h->variants);
	bl_buf_free(&h->parse);
	free(h->state);
	free(h->rule_count);
	free(h->family_sev);
	free(h);
}

static void
html_close(void *st)
{
	struct html *h = st;
	struct bl_buf b = {0};

	bl_html_rank_items(h);
	page_head(&b, h);
	bl_html_summaries(&b, h);
	dependencies(&b, h);
	bl_buf_puts(&b, "<section id=\"findings\">\n<h2>Findings</h2>\n");
	if (h->last_file == 0)
		bl_buf_puts(&b, "<p>No findings.</p>\n");
	else {
		bl_buf_add(&b, h->findings.s, h->findings.len);
		bl_buf_puts(&b, "</ul>\n");
	}
	bl_buf_puts(&b, "</section>\n<section id=\"rules\">\n<h2>Rules that fired</h2>\n");
	rationale(&b, h);
	bl_buf_puts(&b, "</section>\n</main>\n</body>\n</html>\n");
	bl_rep_flush(&b, h->out);
	bl_buf_free(&b);
	html_free(h);
}

const struct bl_reporter bl_report_html = {"html", html_open, html_finding, html_close};
