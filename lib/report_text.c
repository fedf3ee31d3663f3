/*
 * The text reporter: compiler-style lines (path:line:col: severity:
 * message [rule]) with the source line and a caret underline, and a
 * summary line. Colour only when asked for.
 */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

/* Longest part of a source line shown, in bytes. */
#define WINDOW 120

struct text {
	FILE *out;
	const struct bl_engine *e;
	struct bl_report_opts o;
	struct bl_rep_tally tally;
};

static void *
text_open(FILE *out, const struct bl_engine *e, const struct bl_report_opts *o)
{
	struct text *t = bl_xcalloc(1, sizeof(*t));

	t->out = out;
	t->e = e;
	t->o = *o;
	return t;
}

static const char *
sev_color(enum bl_severity s)
{
	return s == BL_SEV_ERROR ? "\033[1;31m" : s == BL_SEV_WARNING ? "\033[1;33m" : "\033[1;36m";
}

/* Display width of s[0, n): one column a character, tabs as one space. */
static size_t
width(const char *s, size_t n)
{
	size_t i = 0, w = 0;

	while (i < n) {
		i += bl_utf8_len((const unsigned char *)s + i, n - i);
		w++;
	}
	return w;
}

/* Appends n copies of c to buf[k, 2 * WINDOW + 8), as many as fit;
 * returns the new length. */
static size_t
fill(char *buf, size_t k, char c, size_t n)
{
	size_t room = 2 * WINDOW + 8 - k;

	if (n > room)
		n = room;
	memset(buf + k, c, n);
	return k + n;
}

/* Writes v in decimal, right-aligned in width columns. */
static void
put_uint(FILE *out, unsigned v, size_t width)
{
	char b[24];
	size_t k = sizeof(b);

	do
		b[--k] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (sizeof(b) - k < width && k > 0)
		b[--k] = ' ';
	fwrite(b + k, 1, sizeof(b) - k, out);
}

static void
text_finding(void *st, const struct bl_finding *fd)
{
	struct text *t = st;
	const struct bl_rule *r = bl_engine_rule(t->e, fd->rule);
	const char *on = t->o.color ? "\033[1m" : "", *off = t->o.color ? "\033[0m" : "";
	size_t len = strlen(fd->line), start, end, i, from, to, k;
	char buf[2 * WINDOW + 8];

	if (!bl_rep_shown(&t->o, fd))
		return;
	bl_rep_count(&t->tally, fd);
	/* path:line:col: severity: message [rule], written piece by piece (a
	 * printf of a dozen strings costs more than the rest of the line). */
	fputs(on, t->out);
	fputs(fd->path, t->out);
	putc(':', t->out);
	put_uint(t->out, fd->span.line, 0);
	putc(':', t->out);
	put_uint(t->out, fd->span.col, 0);
	fputs(":", t->out);
	fputs(off, t->out);
	putc(' ', t->out);
	if (t->o.color)
		fputs(sev_color(fd->severity), t->out);
	fputs(bl_severity_name(fd->severity), t->out);
	putc(':', t->out);
	fputs(off, t->out);
	putc(' ', t->out);
	fputs(fd->message, t->out);
	putc(' ', t->out);
	if (t->o.color)
		fputs("\033[2m", t->out);
	putc('[', t->out);
	fputs(r->id, t->out);
	putc(']', t->out);
	fputs(off, t->out);
	putc('\n', t->out);
	/* The source line, then a caret under the span on that line. A long
	 * line is shown as a window around the span, cut at characters. */
	start = fd->span.col > fd->line_off ? fd->span.col - 1 - fd->line_off : 0;
	if (start > len)
		start = len;
	end = fd->span.end_line == fd->span.line && fd->span.end_col >= fd->span.col
	              ? fd->span.end_col - fd->line_off
	              : len;
	if (end > len)
		end = len;
	if (end <= start)
		end = start + 1;
	from = 0;
	if (start > WINDOW / 2) {
		from = start - WINDOW / 4;
		while (from > 0 && ((unsigned char)fd->line[from] & 0xc0) == 0x80)
			from--;
	}
	to = len;
	if (to - from > WINDOW) {
		to = from + WINDOW;
		while (to > from && ((unsigned char)fd->line[to] & 0xc0) == 0x80)
			to--;
	}
	if (end > to)
		end = to > start ? to : start + 1;
	putc(' ', t->out);
	put_uint(t->out, fd->span.line, 5);
	fputs(from || fd->line_off ? " | ..." : " | ", t->out);
	/* At most WINDOW bytes of the line, and as many columns under it. */
	for (k = 0, i = from; i < to && k < sizeof(buf); i++)
		buf[k++] = fd->line[i] == '\t' ? ' ' : fd->line[i];
	fwrite(buf, 1, k, t->out);
	fputs(to < len ? "...\n       | " : "\n       | ", t->out);
	fputs(from || fd->line_off ? "   " : "", t->out);
	fputs(t->o.color ? "\033[1;32m" : "", t->out);
	k = fill(buf, 0, ' ', width(fd->line + from, start - from));
	k = fill(buf, k, '^', 1);
	i = width(fd->line + start, end > len ? len - start : end - start);
	k = fill(buf, k, '~', i > 1 ? i - 1 : 0);
	fwrite(buf, 1, k, t->out);
	fputs(off, t->out);
	putc('\n', t->out);
}

static void
text_close(void *st)
{
	struct text *t = st;

	if (!t->o.quiet)
		bl_rep_summary(t->out, &t->tally, t->o.files);
	free(t);
}

const struct bl_reporter bl_report_text = {"text", text_open, text_finding, text_close};
