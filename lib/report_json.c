/*
 * The json reporter: backlint's own versioned JSON document (schema in
 * docs/json-format.md), one object per finding with its rule, severity,
 * message, file, 1-based byte span, item and suggestion, then a summary.
 * Findings are written as they come, one per line.
 */
#include "report_int.h"

#include <stdlib.h>

/* The version of the document's schema: bump on incompatible changes. */
#define SCHEMA_VERSION 1

struct json {
	FILE *out;
	const struct bl_engine *e;
	struct bl_report_opts o;
	struct bl_rep_tally tally;
	struct bl_buf b;
	struct bl_jw w;
};

static void *
json_open(FILE *out, const struct bl_engine *e, const struct bl_report_opts *o)
{
	struct json *j = bl_xcalloc(1, sizeof(*j));

	j->out = out;
	j->e = e;
	j->o = *o;
	j->w.b = &j->b;
	bl_jw_open(&j->w, NULL, '{', false);
	bl_jw_int(&j->w, "version", SCHEMA_VERSION);
	bl_jw_open(&j->w, "tool", '{', true);
	bl_jw_str(&j->w, "name", "backlint");
	bl_jw_str(&j->w, "version", o->version ? o->version : "unknown");
	bl_jw_close(&j->w);
	bl_jw_open(&j->w, "findings", '[', false);
	bl_rep_flush(&j->b, out);
	return j;
}

static void
json_finding(void *st, const struct bl_finding *fd)
{
	struct json *j = st;
	struct bl_span sp = bl_rep_span(fd);
	char *path;

	if (!bl_rep_shown(&j->o, fd))
		return;
	bl_rep_count(&j->tally, fd);
	path = bl_rep_path(fd->path);
	bl_jw_open(&j->w, NULL, '{', true);
	bl_jw_str(&j->w, "rule", bl_engine_rule(j->e, fd->rule)->id);
	bl_jw_str(&j->w, "severity", bl_severity_name(fd->severity));
	bl_jw_str(&j->w, "message", fd->message);
	bl_jw_str(&j->w, "file", path);
	bl_jw_int(&j->w, "line", sp.line);
	bl_jw_int(&j->w, "column", sp.col);
	bl_jw_int(&j->w, "end_line", sp.end_line);
	bl_jw_int(&j->w, "end_column", sp.end_col);
	bl_jw_str(&j->w, "item", fd->item_id);
	bl_jw_raw(&j->w, "suggestion", "null");
	bl_jw_close(&j->w);
	bl_rep_flush(&j->b, j->out);
	free(path);
}

static void
json_close(void *st)
{
	struct json *j = st;

	bl_jw_close(&j->w);
	bl_jw_open(&j->w, "summary", '{', true);
	bl_jw_int(&j->w, "errors", j->tally.sev[BL_SEV_ERROR]);
	bl_jw_int(&j->w, "warnings", j->tally.sev[BL_SEV_WARNING]);
	bl_jw_int(&j->w, "info", j->tally.sev[BL_SEV_INFO]);
	bl_jw_int(&j->w, "files", j->o.files);
	bl_jw_int(&j->w, "files_with_findings", j->tally.files);
	bl_jw_close(&j->w);
	bl_jw_close(&j->w);
	bl_rep_flush(&j->b, j->out);
	bl_buf_free(&j->b);
	free(j);
}

const struct bl_reporter bl_report_json = {"json", json_open, json_finding, json_close};
