/*
 * The github reporter: GitHub Actions workflow commands, one line per
 * finding (::error, ::warning or ::notice with the file, the span and the
 * rule as title), which the runner turns into annotations on the pull
 * request. Values are escaped as the runner expects; columns are counted
 * in characters and given only for a span on one line. The summary line
 * of the text reporter follows (plain log text), unless --quiet.
 */
#include "report_int.h"

#include <stdlib.h>

struct github {
	FILE *out;
	const struct bl_engine *e;
	struct bl_report_opts o;
	struct bl_rep_tally tally;
	struct bl_buf b;
};

static void *
github_open(FILE *out, const struct bl_engine *e, const struct bl_report_opts *o)
{
	struct github *g = bl_xcalloc(1, sizeof(*g));

	g->out = out;
	g->e = e;
	g->o = *o;
	return g;
}

static void
github_finding(void *st, const struct bl_finding *fd)
{
	struct github *g = st;
	struct bl_span sp = bl_rep_span(fd);
	char *path;

	if (!bl_rep_shown(&g->o, fd))
		return;
	bl_rep_count(&g->tally, fd);
	path = bl_rep_path(fd->path);
	bl_buf_puts(&g->b, fd->severity == BL_SEV_ERROR     ? "::error file="
	                   : fd->severity == BL_SEV_WARNING ? "::warning file="
	                                                    : "::notice file=");
	bl_rep_gh(&g->b, path, true);
	bl_buf_printf(&g->b, ",line=%u", sp.line);
	if (sp.end_line == sp.line) {
		uint32_t col = bl_rep_char_col(fd, sp.col),
		         end = bl_rep_char_col(fd, sp.end_col + 1);

		/* endColumn is the last column of the span. */
		bl_buf_printf(&g->b, ",col=%u,endColumn=%u", col, end > col ? end - 1 : col);
	} else
		bl_buf_printf(&g->b, ",endLine=%u", sp.end_line);
	bl_buf_puts(&g->b, ",title=");
	bl_rep_gh(&g->b, bl_engine_rule(g->e, fd->rule)->id, true);
	bl_buf_puts(&g->b, "::");
	bl_rep_gh(&g->b, fd->message, false);
	bl_buf_putc(&g->b, '\n');
	bl_rep_flush(&g->b, g->out);
	free(path);
}

static void
github_close(void *st)
{
	struct github *g = st;

	if (!g->o.quiet)
		bl_rep_summary(g->out, &g->tally, g->o.files);
	bl_buf_free(&g->b);
	free(g);
}

const struct bl_reporter bl_report_github = {"github", github_open, github_finding, github_close};
