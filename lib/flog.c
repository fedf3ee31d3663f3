/*
 * The findings log: each record is the finding's fixed part followed by
 * its strings (message, item id, source line), each with its NUL. Records
 * only ever go back to the process that wrote them, so the fixed part is
 * written as the struct it is.
 */
#include "flog.h"
#include "engine.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX /* a string that is NULL */

struct rec {
	struct bl_finding fd; /* its pointers other than path are not used */
	uint32_t mlen, idlen, llen;
};

struct bl_flog {
	struct bl_buf mem; /* records not (yet) in the file */
	FILE *f;           /* NULL until mem grows past spill */
	size_t spill, n;
	bool in_memory; /* no temporary file could be made: all stays in mem */
	bool reading;
	size_t rpos; /* reading mem */
	struct bl_buf rbuf;
	struct bl_finding cur;
	const char *err;
};

struct bl_flog *
bl_flog_new(size_t spill)
{
	struct bl_flog *l = bl_xcalloc(1, sizeof(*l));

	l->spill = spill ? spill : (size_t)1 << 20;
	return l;
}

void
bl_flog_free(struct bl_flog *l)
{
	if (l == NULL)
		return;
	if (l->f != NULL)
		fclose(l->f);
	bl_buf_free(&l->mem);
	bl_buf_free(&l->rbuf);
	free(l);
}

size_t
bl_flog_count(const struct bl_flog *l)
{
	return l->n;
}

const char *
bl_flog_error(const struct bl_flog *l)
{
	return l->err;
}

/* Moves the records in memory to the file. */
static void
flush_mem(struct bl_flog *l)
{
	if (l->mem.len > 0 && l->err == NULL && fwrite(l->mem.s, 1, l->mem.len, l->f) != l->mem.len)
		l->err = "cannot write the temporary file that holds the findings";
	l->mem.len = 0;
}

static uint32_t
str_len(const char *s)
{
	return s != NULL ? (uint32_t)strlen(s) : NONE;
}

static void
put_str(struct bl_buf *b, const char *s, uint32_t len)
{
	if (len != NONE)
		bl_buf_add(b, s, (size_t)len + 1);
}

void
bl_flog_put(struct bl_flog *l, const struct bl_finding *fd)
{
	struct rec r;

	if (l->reading)
		return;
	memset(&r, 0, sizeof(r));
	r.fd = *fd;
	r.mlen = fd->message != NULL ? (uint32_t)strlen(fd->message) : 0;
	r.idlen = str_len(fd->item_id);
	r.llen = str_len(fd->line);
	bl_buf_add(&l->mem, (const char *)&r, sizeof(r));
	put_str(&l->mem, fd->message != NULL ? fd->message : "", r.mlen);
	put_str(&l->mem, fd->item_id, r.idlen);
	put_str(&l->mem, fd->line, r.llen);
	l->n++;
	if (l->mem.len < l->spill || l->in_memory)
		return;
	if (l->f == NULL && (l->f = tmpfile()) == NULL) {
		/* Without a temporary file the records stay in memory. */
		l->in_memory = true;
		return;
	}
	flush_mem(l);
}

void
bl_flog_rewind(struct bl_flog *l)
{
	if (l->f != NULL) {
		if (!l->reading)
			flush_mem(l);
		if (l->err == NULL && (fflush(l->f) != 0 || fseek(l->f, 0, SEEK_SET) != 0))
			l->err = "cannot read back the temporary file that holds the findings";
	}
	l->reading = true;
	l->rpos = 0;
}

/* Reads n bytes of the record into dst: from the file, or from memory. */
static bool
take(struct bl_flog *l, void *dst, size_t n)
{
	if (l->f != NULL) {
		if (fread(dst, 1, n, l->f) == n)
			return true;
		if (ferror(l->f))
			l->err = "cannot read back the temporary file that holds the findings";
		return false;
	}
	if (l->rpos + n > l->mem.len)
		return false;
	memcpy(dst, l->mem.s + l->rpos, n);
	l->rpos += n;
	return true;
}

const struct bl_finding *
bl_flog_next(struct bl_flog *l)
{
	struct rec r;
	size_t n, m, id;

	if (!l->reading || l->err != NULL || !take(l, &r, sizeof(r)))
		return NULL;
	m = (size_t)r.mlen + 1;
	id = r.idlen != NONE ? (size_t)r.idlen + 1 : 0;
	n = m + id + (r.llen != NONE ? (size_t)r.llen + 1 : 0);
	if (l->rbuf.cap < n) {
		l->rbuf.s = bl_xrealloc(l->rbuf.s, n);
		l->rbuf.cap = n;
	}
	if (!take(l, l->rbuf.s, n)) {
		if (l->err == NULL)
			l->err = "the temporary file that holds the findings is cut short";
		return NULL;
	}
	l->cur = r.fd;
	l->cur.message = l->rbuf.s;
	l->cur.item_id = r.idlen != NONE ? l->rbuf.s + m : NULL;
	l->cur.line = r.llen != NONE ? l->rbuf.s + m + id : NULL;
	return &l->cur;
}
