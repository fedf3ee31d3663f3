/*
 * The findings log: each record is the finding's fixed part followed by
 * its strings (message, item id, source line), each with its NUL. Records
 * only ever go back to the process that wrote them, so the fixed part is
 * written as the struct it is. Readers read the file through a window of
 * their own, with pread, so several runs can be read side by side.
 */
#include "flog.h"
#include "finding.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NONE UINT32_MAX    /* a string that is NULL */
#define WINDOW (64 * 1024) /* what a reader reads from the file at once */

struct rec {
	struct bl_finding fd; /* its pointers other than path are not used */
	uint32_t mlen, idlen, llen;
};

struct bl_flog {
	struct bl_buf mem; /* records not (yet) in the file */
	FILE *f;           /* NULL until mem grows past spill */
	size_t spill, n;
	size_t written; /* bytes of records, in the file and in mem */
	size_t *runs;   /* the end offset of each ended run */
	size_t nruns, capruns;
	size_t run_from; /* where the current run starts */
	bool in_memory;  /* no temporary file could be made: all stays in mem */
	bool reading;
	const char *err;
};

struct bl_flog_reader {
	struct bl_flog *l;
	size_t off, end; /* the next record's offset; the run's end */
	char *win;       /* file bytes [woff, woff + wlen) */
	size_t woff, wlen;
	struct bl_buf rbuf; /* the current record's strings */
	struct bl_finding cur;
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
	free(l->runs);
	free(l);
}

size_t
bl_flog_count(const struct bl_flog *l)
{
	return l->n;
}

size_t
bl_flog_runs(const struct bl_flog *l)
{
	return l->nruns;
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
	size_t before = l->mem.len;

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
	l->written += l->mem.len - before;
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
bl_flog_end_run(struct bl_flog *l)
{
	if (l->reading || l->written == l->run_from)
		return;
	if (l->nruns == l->capruns) {
		l->capruns = l->capruns ? l->capruns * 2 : 16;
		l->runs = bl_xrealloc(l->runs, l->capruns * sizeof(*l->runs));
	}
	l->runs[l->nruns++] = l->run_from = l->written;
}

struct bl_flog_reader *
bl_flog_reader(struct bl_flog *l, size_t run)
{
	struct bl_flog_reader *r = bl_xcalloc(1, sizeof(*r));

	if (!l->reading) {
		bl_flog_end_run(l);
		l->reading = true;
		if (l->f != NULL) {
			flush_mem(l);
			if (l->err == NULL && fflush(l->f) != 0)
				l->err = "cannot write the temporary file that holds the findings";
		}
	}
	r->l = l;
	if (run < l->nruns) {
		r->off = run > 0 ? l->runs[run - 1] : 0;
		r->end = l->runs[run];
	}
	return r;
}

void
bl_flog_reader_free(struct bl_flog_reader *r)
{
	if (r == NULL)
		return;
	free(r->win);
	bl_buf_free(&r->rbuf);
	free(r);
}

/* Copies the n bytes of the log at r->off to dst and moves on. */
static bool
take(struct bl_flog_reader *r, void *dst, size_t n)
{
	struct bl_flog *l = r->l;

	if (r->off + n > r->end)
		return false;
	if (l->f == NULL) {
		memcpy(dst, l->mem.s + r->off, n);
		r->off += n;
		return true;
	}
	if (r->off < r->woff || r->off + n > r->woff + r->wlen) {
		size_t want = n > WINDOW ? n : WINDOW;
		ssize_t got;

		if (want > r->end - r->off)
			want = r->end - r->off;
		if (r->win == NULL || want > WINDOW)
			r->win = bl_xrealloc(r->win, want > WINDOW ? want : WINDOW);
		got = pread(fileno(l->f), r->win, want, (off_t)r->off);
		if (got < (ssize_t)n) {
			l->err = "cannot read back the temporary file that holds the findings";
			return false;
		}
		r->woff = r->off;
		r->wlen = (size_t)got;
	}
	memcpy(dst, r->win + (r->off - r->woff), n);
	r->off += n;
	return true;
}

const struct bl_finding *
bl_flog_read(struct bl_flog_reader *r)
{
	struct rec h;
	size_t n, m, id;

	if (r->l->err != NULL || !take(r, &h, sizeof(h)))
		return NULL;
	m = (size_t)h.mlen + 1;
	id = h.idlen != NONE ? (size_t)h.idlen + 1 : 0;
	n = m + id + (h.llen != NONE ? (size_t)h.llen + 1 : 0);
	if (r->rbuf.cap < n) {
		r->rbuf.s = bl_xrealloc(r->rbuf.s, n);
		r->rbuf.cap = n;
	}
	if (!take(r, r->rbuf.s, n)) {
		if (r->l->err == NULL)
			r->l->err = "the temporary file that holds the findings is cut short";
		return NULL;
	}
	r->cur = h.fd;
	r->cur.message = r->rbuf.s;
	r->cur.item_id = h.idlen != NONE ? r->rbuf.s + m : NULL;
	r->cur.line = h.llen != NONE ? r->rbuf.s + m + id : NULL;
	return &r->cur;
}
