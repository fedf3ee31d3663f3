/*
 * The gitlab reporter: a GitLab Code Quality report, a JSON array of
 * issues (Code Climate format) with a description, the rule as
 * check_name, a fingerprint that stays the same while the finding does
 * (lines may move), a severity and the lines. Severities: info is info,
 * warning is major, error is critical (docs/formats.md says why).
 */
#include "report_int.h"

#include <stdlib.h>

struct gitlab {
	FILE *out;
	const struct bl_engine *e;
	struct bl_report_opts o;
	struct bl_buf b;
	struct bl_jw w;
	struct bl_rep_fps *fps;
};

static const char *
severity(enum bl_severity s)
{
	return s == BL_SEV_ERROR ? "critical" : s == BL_SEV_WARNING ? "major" : "info";
}

static void *
gitlab_open(FILE *out, const struct bl_engine *e, const struct bl_report_opts *o)
{
	struct gitlab *g = bl_xcalloc(1, sizeof(*g));

	g->out = out;
	g->e = e;
	g->o = *o;
	g->fps = bl_rep_fps_new();
	g->w.b = &g->b;
	bl_jw_open(&g->w, NULL, '[', false);
	return g;
}

static void
gitlab_finding(void *st, const struct bl_finding *fd)
{
	struct gitlab *g = st;
	struct bl_jw *w = &g->w;
	struct bl_span sp = bl_rep_span(fd);
	char *path, fp[33];

	if (!bl_rep_shown(&g->o, fd))
		return;
	path = bl_rep_path(fd->path);
	bl_rep_fingerprint(g->fps, g->e, fd, path, fp);
	bl_jw_open(w, NULL, '{', true);
	bl_jw_str(w, "description", fd->message);
	bl_jw_str(w, "check_name", bl_engine_rule(g->e, fd->rule)->id);
	bl_jw_str(w, "fingerprint", fp);
	bl_jw_str(w, "severity", severity(fd->severity));
	bl_jw_open(w, "location", '{', true);
	bl_jw_str(w, "path", path);
	bl_jw_open(w, "lines", '{', true);
	bl_jw_int(w, "begin", sp.line);
	bl_jw_int(w, "end", sp.end_line);
	bl_jw_close(w);
	bl_jw_close(w);
	bl_jw_close(w);
	bl_rep_flush(&g->b, g->out);
	free(path);
}

static void
gitlab_close(void *st)
{
	struct gitlab *g = st;

	bl_jw_close(&g->w);
	bl_rep_flush(&g->b, g->out);
	bl_buf_free(&g->b);
	bl_rep_fps_free(g->fps);
	free(g);
}

const struct bl_reporter bl_report_gitlab = {"gitlab", gitlab_open, gitlab_finding, gitlab_close};
