/*
 * Source excerpts for findings: the part of the source line a finding
 * shows (at most MAX_LINE bytes around its column, made safe to print),
 * taken from the file while it is loaded, or read again from the file, or
 * from a text given by bl_engine_source, for backlog-wide findings.
 */
#include "engine_int.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_LINE 400

void
bl_excerpt_sanitise(char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t l;

		if (c >= 0x20 && c < 0x80) {
			i++;
			continue;
		}
		l = bl_utf8_len((const unsigned char *)s + i, n - i);
		if ((l == 1 && c >= 0x80) || (c < 0x20 && c != '\t'))
			s[i] = '?';
		i += l;
	}
}

/* The part of line s[0, n) to keep for showing column col: at most
 * MAX_LINE bytes around it, cut at characters. */
static const char *
line_window(const char *s, size_t n, uint32_t col, size_t *len, uint32_t *off)
{
	size_t from = 0;

	if (n > MAX_LINE && col > MAX_LINE / 2) {
		from = col - MAX_LINE / 2;
		while (from > 0 && ((unsigned char)s[from] & 0xc0) == 0x80)
			from--;
	}
	n -= from;
	if (n > MAX_LINE) {
		n = MAX_LINE;
		while (n > 0 && ((unsigned char)s[from + n] & 0xc0) == 0x80)
			n--;
	}
	*len = n;
	*off = (uint32_t)from;
	return s + from;
}

void
bl_excerpt_line(struct bl_finding *fd, const char *s, size_t n)
{
	size_t len;
	const char *part = line_window(s, n, fd->span.col, &len, &fd->line_off);

	fd->line = bl_xstrndup(part, len);
	bl_excerpt_sanitise(fd->line, strlen(fd->line));
}

void
bl_excerpt_set_line(const struct bl_file *f, struct bl_finding *fd)
{
	size_t len;
	const char *line = bl_file_line(f, fd->span.line, &len);

	bl_excerpt_line(fd, line, len);
	if (fd->span.end_line > fd->span.line) {
		line = bl_file_line(f, fd->span.end_line, &len);
		fd->end_chars = bl_utf8_col(line, len, fd->span.end_col + 1);
	}
}

void
bl_engine_source(struct bl_engine *e, const char *path, const char *s, size_t n)
{
	e->srcs = bl_xrealloc(e->srcs, (e->nsrcs + 1) * sizeof(*e->srcs));
	e->srcs[e->nsrcs].path = path;
	e->srcs[e->nsrcs].s = s;
	e->srcs[e->nsrcs++].n = n;
}

/* The text of the file at path: given by bl_engine_source, else read into
 * b; NULL when it cannot be read. */
static const char *
source_text(const struct bl_engine *e, const char *path, struct bl_buf *b, size_t *n)
{
	size_t i;
	bool ok;
	int fd;

	for (i = e->nsrcs; i-- > 0;)
		if (strcmp(e->srcs[i].path, path) == 0) {
			*n = e->srcs[i].n;
			return e->srcs[i].s;
		}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	b->len = 0;
	ok = bl_buf_read_fd(b, fd);
	close(fd);
	*n = b->len;
	return ok ? (b->s ? b->s : "") : NULL;
}

/* Moves *at (the start of line *line of text[0, n)) on to the start of
 * line want, or to the end; returns that line's length without its line
 * break, 0 when the text has fewer lines. */
static size_t
walk_to_line(const char *text, size_t n, size_t *at, uint32_t *line, uint32_t want)
{
	size_t end;

	for (; *line < want && *at < n; (*line)++) {
		const char *nl = memchr(text + *at, '\n', n - *at);

		*at = nl ? (size_t)(nl - text) + 1 : n;
	}
	if (*line != want)
		return 0;
	for (end = *at; end < n && text[end] != '\n'; end++)
		;
	if (end > *at && text[end - 1] == '\r')
		end--;
	return end - *at;
}

/*
 * Summaries keep no source text: each file is read again, once, for the
 * findings on it, which must be sorted. A file that changed since it was
 * linted shows its new line; one that cannot be read shows none.
 */
void
bl_excerpt_read_lines(const struct bl_engine *e, struct bl_finding *fds, size_t nfds)
{
	struct bl_buf b = {0};
	size_t i = 0, j, n = 0;
	const char *text = NULL;

	while (i < nfds) {
		const char *path = fds[i].path;
		size_t file = fds[i].file_index, at = 0;
		uint32_t line = 1;
		bool read = false;

		for (j = i; j < nfds && fds[j].file_index == file; j++) {
			struct bl_finding *fd = &fds[j];
			size_t len, end_at;
			uint32_t end_line;

			if (fd->line != NULL)
				continue;
			if (!read) {
				text = path != NULL ? source_text(e, path, &b, &n) : NULL;
				read = true;
			}
			if (text == NULL) {
				fd->line = bl_xstrdup("");
				continue;
			}
			len = walk_to_line(text, n, &at, &line, fd->span.line);
			bl_excerpt_line(fd, text + at, len);
			/* As bl_excerpt_set_line() does for a file at hand. */
			if (fd->span.end_line > fd->span.line) {
				end_at = at;
				end_line = line;
				len = walk_to_line(text, n, &end_at, &end_line, fd->span.end_line);
				fd->end_chars =
				        bl_utf8_col(text + end_at, len, fd->span.end_col + 1);
			}
		}
		i = j;
	}
	bl_buf_free(&b);
}
