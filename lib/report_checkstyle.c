/*
 * The checkstyle reporter: Checkstyle XML, which many CI tools and review
 * bots read. One <file> element per file with findings, one <error> per
 * finding with its line, column (in characters), severity, message and
 * the rule as source "backlint.RULE". Findings come sorted by file, so
 * the document is written as they arrive.
 */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

struct checkstyle {
	FILE *out;
	const struct bl_engine *e;
	struct bl_report_opts o;
	struct bl_buf b;
	size_t file; /* file_index of the open <file>, plus one; 0: none */
};

static void
attr(struct bl_buf *b, const char *name, const char *value)
{
	bl_buf_printf(b, " %s=\"", name);
	bl_rep_xml(b, value, strlen(value));
	bl_buf_putc(b, '"');
}

static void *
checkstyle_open(FILE *out, const struct bl_engine *e, const struct bl_report_opts *o)
{
	struct checkstyle *c = bl_xcalloc(1, sizeof(*c));

	c->out = out;
	c->e = e;
	c->o = *o;
	bl_buf_puts(&c->b,
	            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
	bl_rep_flush(&c->b, out);
	return c;
}

static void
checkstyle_finding(void *st, const struct bl_finding *fd)
{
	struct checkstyle *c = st;
	struct bl_span sp = bl_rep_span(fd);

	if (!bl_rep_shown(&c->o, fd))
		return;
	if (c->file != fd->file_index + 1) {
		char *path = bl_rep_path(fd->path);

		if (c->file != 0)
			bl_buf_puts(&c->b, "  </file>\n");
		bl_buf_puts(&c->b, "  <file");
		attr(&c->b, "name", path);
		bl_buf_puts(&c->b, ">\n");
		c->file = fd->file_index + 1;
		free(path);
	}
	bl_buf_printf(&c->b, "    <error line=\"%u\" column=\"%u\"", sp.line,
	              bl_rep_char_col(fd, sp.col));
	attr(&c->b, "severity", bl_severity_name(fd->severity));
	attr(&c->b, "message", fd->message);
	bl_buf_puts(&c->b, " source=\"backlint.");
	bl_rep_xml(&c->b, bl_engine_rule(c->e, fd->rule)->id,
	           strlen(bl_engine_rule(c->e, fd->rule)->id));
	bl_buf_puts(&c->b, "\"/>\n");
	bl_rep_flush(&c->b, c->out);
}

static void
checkstyle_close(void *st)
{
	struct checkstyle *c = st;

	if (c->file != 0)
		bl_buf_puts(&c->b, "  </file>\n");
	bl_buf_puts(&c->b, "</checkstyle>\n");
	bl_rep_flush(&c->b, c->out);
	bl_buf_free(&c->b);
	free(c);
}

const struct bl_reporter bl_report_checkstyle = {"checkstyle", checkstyle_open, checkstyle_finding,
                                                 checkstyle_close};
