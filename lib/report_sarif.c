/*
 * The sarif reporter: a SARIF 2.1.0 log for code-scanning services. One
 * run whose driver lists every rule of the engine (summary, rationale and
 * examples from the rule documentation when the caller gives a way to
 * look it up, default level), then one result per finding
 * with its rule, level, message and region. Columns are converted from
 * backlint's 1-based byte columns with an inclusive end to SARIF's
 * character (code point) columns with an exclusive end; locations are
 * relative URI references.
 */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

struct sarif {
	FILE *out;
	const struct bl_engine *e;
	struct bl_report_opts o;
	struct bl_buf b;
	struct bl_jw w;
	struct bl_rep_fps *fps;
};

static const char *
level(enum bl_severity s)
{
	return s == BL_SEV_ERROR ? "error" : s == BL_SEV_WARNING ? "warning" : "note";
}

/* "story/missing-role" as a SARIF rule name: "StoryMissingRole". */
static void
rule_name(struct bl_buf *b, const char *id)
{
	bool up = true;

	for (; *id; id++) {
		char c = *id;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			bl_buf_putc(b, up && c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
			up = false;
		} else
			up = true;
	}
}

/* The first paragraph of markdown doc[0, len) on one line. */
static void
first_paragraph(struct bl_buf *b, const char *doc, size_t len)
{
	size_t i;
	bool space = false;

	for (i = 0; i < len; i++) {
		if (doc[i] == '\n' && i + 1 < len && doc[i + 1] == '\n')
			break;
		if (doc[i] == '\n' || doc[i] == ' ' || doc[i] == '\t' || doc[i] == '\r') {
			space = true;
			continue;
		}
		if (space && b->len > 0)
			bl_buf_putc(b, ' ');
		space = false;
		bl_buf_putc(b, doc[i]);
	}
}

/* The length of the rationale of rule documentation doc[0, len): the
 * text before its examples ("Fires on:"), without the blank lines. */
static size_t
rationale_len(const char *doc, size_t len)
{
	static const char mark[] = "\nFires on:";
	size_t i, n = len;

	for (i = 0; i + sizeof(mark) - 1 <= len; i++)
		if (memcmp(doc + i, mark, sizeof(mark) - 1) == 0) {
			n = i;
			break;
		}
	while (n > 0 && (doc[n - 1] == '\n' || doc[n - 1] == ' '))
		n--;
	return n > 0 ? n : len;
}

static void
write_rule(struct sarif *s, const struct bl_rule *r)
{
	struct bl_jw *w = &s->w;
	struct bl_buf t = {0};
	const char *doc = NULL;
	size_t len = 0;

	if (s->o.rule_doc != NULL)
		doc = s->o.rule_doc(r->id, &len);
	bl_jw_open(w, NULL, '{', false);
	bl_jw_str(w, "id", r->id);
	rule_name(&t, r->id);
	bl_jw_str(w, "name", t.s ? t.s : "Rule");
	bl_rep_reset(&t);
	bl_jw_open(w, "shortDescription", '{', true);
	bl_jw_str(w, "text", r->summary);
	bl_jw_close(w);
	bl_jw_open(w, "fullDescription", '{', true);
	if (doc != NULL)
		first_paragraph(&t, doc, len);
	bl_jw_str(w, "text", t.len > 0 ? t.s : r->summary);
	bl_jw_close(w);
	bl_jw_open(w, "help", '{', doc != NULL ? false : true);
	if (doc != NULL) {
		bl_jw_strn(w, "text", doc, rationale_len(doc, len));
		bl_jw_strn(w, "markdown", doc, len);
	} else
		bl_jw_str(w, "text", r->summary);
	bl_jw_close(w);
	bl_jw_open(w, "defaultConfiguration", '{', true);
	if (r->severity == BL_SEV_OFF) {
		bl_jw_raw(w, "enabled", "false");
		bl_jw_str(w, "level", "warning");
	} else
		bl_jw_str(w, "level", level(r->severity));
	bl_jw_close(w);
	bl_jw_close(w);
	bl_buf_free(&t);
}

static void *
sarif_open(FILE *out, const struct bl_engine *e, const struct bl_report_opts *o)
{
	struct sarif *s = bl_xcalloc(1, sizeof(*s));
	struct bl_jw *w = &s->w;
	size_t i, n = bl_engine_nrules(e);

	s->out = out;
	s->e = e;
	s->o = *o;
	s->fps = bl_rep_fps_new();
	w->b = &s->b;
	bl_jw_open(w, NULL, '{', false);
	bl_jw_str(w, "$schema",
	          "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
	          "sarif-schema-2.1.0.json");
	bl_jw_str(w, "version", "2.1.0");
	bl_jw_open(w, "runs", '[', false);
	bl_jw_open(w, NULL, '{', false);
	bl_jw_open(w, "tool", '{', false);
	bl_jw_open(w, "driver", '{', false);
	bl_jw_str(w, "name", "backlint");
	bl_jw_str(w, "version", o->version ? o->version : "unknown");
	bl_jw_open(w, "rules", '[', false);
	for (i = 0; i < n; i++) {
		write_rule(s, bl_engine_rule(e, i));
		bl_rep_flush(&s->b, out);
	}
	bl_jw_close(w);
	bl_jw_close(w);
	bl_jw_close(w);
	bl_jw_str(w, "columnKind", "unicodeCodePoints");
	bl_jw_open(w, "results", '[', false);
	bl_rep_flush(&s->b, out);
	return s;
}

static void
sarif_finding(void *st, const struct bl_finding *fd)
{
	struct sarif *s = st;
	struct bl_jw *w = &s->w;
	struct bl_span sp = bl_rep_span(fd);
	struct bl_buf uri = {0};
	char *path, fp[33];
	uint32_t end;

	if (!bl_rep_shown(&s->o, fd))
		return;
	path = bl_rep_path(fd->path);
	bl_rep_uri(&uri, path);
	bl_rep_fingerprint(s->fps, s->e, fd, path, fp);
	bl_jw_open(w, NULL, '{', false);
	bl_jw_str(w, "ruleId", bl_engine_rule(s->e, fd->rule)->id);
	bl_jw_int(w, "ruleIndex", fd->rule);
	bl_jw_str(w, "level", level(fd->severity));
	bl_jw_open(w, "message", '{', true);
	bl_jw_str(w, "text", fd->message);
	bl_jw_close(w);
	bl_jw_open(w, "locations", '[', false);
	bl_jw_open(w, NULL, '{', false);
	bl_jw_open(w, "physicalLocation", '{', false);
	bl_jw_open(w, "artifactLocation", '{', true);
	bl_jw_str(w, "uri", uri.s);
	bl_jw_close(w);
	bl_jw_open(w, "region", '{', true);
	bl_jw_int(w, "startLine", sp.line);
	bl_jw_int(w, "startColumn", bl_rep_char_col(fd, sp.col));
	bl_jw_int(w, "endLine", sp.end_line);
	if (sp.end_line == sp.line)
		end = bl_rep_char_col(fd, sp.end_col + 1);
	else /* counted when the finding was made, from that line */
		end = fd->end_chars && sp.end_line == fd->span.end_line &&
		                      sp.end_col == fd->span.end_col
		              ? fd->end_chars
		              : sp.end_col + 1;
	bl_jw_int(w, "endColumn", end);
	bl_jw_close(w);
	bl_jw_close(w);
	bl_jw_close(w);
	bl_jw_close(w);
	bl_jw_open(w, "partialFingerprints", '{', true);
	bl_jw_str(w, "backlint/v1", fp);
	bl_jw_close(w);
	if (fd->item_id != NULL) {
		bl_jw_open(w, "properties", '{', true);
		bl_jw_str(w, "item", fd->item_id);
		bl_jw_close(w);
	}
	bl_jw_close(w);
	bl_rep_flush(&s->b, s->out);
	bl_buf_free(&uri);
	free(path);
}

static void
sarif_close(void *st)
{
	struct sarif *s = st;

	while (s->w.depth > 0)
		bl_jw_close(&s->w);
	bl_rep_flush(&s->b, s->out);
	bl_buf_free(&s->b);
	bl_rep_fps_free(s->fps);
	free(s);
}

const struct bl_reporter bl_report_sarif = {"sarif", sarif_open, sarif_finding, sarif_close};
