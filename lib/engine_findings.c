/*
 * Findings: made by the rules' reports (the message formatted, the
 * severity of the file's profile), stored per file while it is checked
 * and then in the engine's log, a file's or a backlog rule's spilled in
 * sorted runs when there are many, and read back merged in one order.
 */
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
bl_finding_copy(struct bl_finding *c, const struct bl_finding *fd)
{
	*c = *fd;
	c->message = bl_xstrdup(fd->message);
	c->item_id = fd->item_id ? bl_xstrdup(fd->item_id) : NULL;
	c->line = fd->line ? bl_xstrdup(fd->line) : NULL;
}

void
bl_finding_free(struct bl_finding *fd)
{
	free(fd->message);
	free(fd->item_id);
	free(fd->line);
}

int
bl_finding_cmp(const void *a, const void *b)
{
	const struct bl_finding *x = a, *y = b;
	int c;

	if (x->file_index != y->file_index)
		return x->file_index < y->file_index ? -1 : 1;
	if (x->span.line != y->span.line)
		return x->span.line < y->span.line ? -1 : 1;
	if (x->span.col != y->span.col)
		return x->span.col < y->span.col ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	c = strcmp(x->message, y->message);
	return c;
}

/* Findings kept in memory before they go to a log of sorted runs: a file's
 * (a file of a million items may have millions), or a backlog rule's. */
#define SPILL_FINDINGS 4096
/* A backlog rule's: more, as each batch reads its files again for the
 * findings' lines. */
#define SPILL_BACKLOG 65536

/* Moves findings fd[0, *n), in their order, to a run of their own in l. */
static void
log_run(struct bl_flog *l, struct bl_finding *fd, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		bl_flog_put(l, &fd[i]);
		bl_finding_free(&fd[i]);
	}
	*n = 0;
	bl_flog_end_run(l);
}

/* Keeps why log l lost findings, if it did, as the run's first such error
 * (bl_engine_error): a log of a file's or a backlog rule's findings, about
 * to be freed once read. */
static void
keep_log_error(struct bl_engine *e, const struct bl_flog *l)
{
	if (bl_flog_error(l) != NULL && e->spill_error == NULL)
		e->spill_error = bl_flog_error(l);
}

/* Moves c's findings, sorted, to a run of c->spill. */
static void
spill(struct bl_checked *c)
{
	qsort(c->findings, c->nfindings, sizeof(*c->findings), bl_finding_cmp);
	if (c->spill == NULL)
		c->spill = bl_flog_new(0);
	log_run(c->spill, c->findings, &c->nfindings);
}

struct bl_finding *
bl_finding_add(struct bl_ctx *ctx, size_t rule, const char *fmt, va_list ap)
{
	struct bl_engine *e = ctx->e;
	struct bl_finding **arr = &e->findings;
	size_t *n = &e->nfindings, *cap = &e->capfindings;
	struct bl_finding *fd;
	char small[512];
	va_list cp;
	int len;

	/* The file's findings, the backlog rule's, or the engine's own. */
	if (ctx->out != NULL) {
		arr = &ctx->out->findings;
		n = &ctx->out->nfindings;
		cap = &ctx->out->capfindings;
	} else if (ctx->pass != NULL) {
		arr = &ctx->pass->findings;
		n = &ctx->pass->nfindings;
		cap = &ctx->pass->capfindings;
	}

	/* The findings made so far are whole: the caller fills each in
	 * before it makes the next. */
	if (ctx->out != NULL && ctx->out->nfindings >= e->spill_file)
		spill(ctx->out);
	else if (ctx->pass != NULL && ctx->pass->nfindings >= e->spill_backlog)
		bl_findings_log_pass(e, ctx->pass); /* runs are merged when read */
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*arr = bl_xrealloc(*arr, *cap * sizeof(**arr));
	}
	fd = &(*arr)[(*n)++];
	memset(fd, 0, sizeof(*fd));
	/* One formatting pass for a message that fits in small (most do). */
	va_copy(cp, ap);
	len = vsnprintf(small, sizeof(small), fmt, cp);
	va_end(cp);
	if (len >= 0 && (size_t)len < sizeof(small)) {
		fd->message = bl_xstrndup(small, (size_t)len);
	} else {
		struct bl_buf b = {0};

		bl_buf_vprintf(&b, fmt, ap);
		fd->message = b.s ? b.s : bl_xstrdup("");
	}
	/* Messages quote source text (ids, titles): no control characters or
	 * invalid UTF-8 may reach a reporter through them. */
	bl_excerpt_sanitise(fd->message, strlen(fd->message));
	fd->rule = rule;
	fd->severity = ctx->prof->sev[rule];
	return fd;
}

struct bl_finding *
bl_finding_addf(struct bl_ctx *ctx, size_t rule, const char *fmt, ...)
{
	struct bl_finding *fd;
	va_list ap;

	va_start(ap, fmt);
	fd = bl_finding_add(ctx, rule, fmt, ap);
	va_end(ap);
	return fd;
}

void
bl_report(struct bl_ctx *ctx, size_t rule, struct bl_span span, const char *fmt, ...)
{
	struct bl_finding *fd;
	va_list ap;

	if (rule >= ctx->e->nrules || ctx->prof->sev[rule] == BL_SEV_OFF || ctx->file == NULL)
		return;
	if (!bl_profile_reports(ctx->e, ctx->prof, rule,
	                        ctx->item != NULL ? ctx->state : ctx->file_state))
		return;
	va_start(ap, fmt);
	fd = bl_finding_add(ctx, rule, fmt, ap);
	va_end(ap);
	fd->path = ctx->path;
	if (span.line == 0)
		span.line = span.end_line = span.col = span.end_col = 1;
	fd->span = span;
	if (ctx->item != NULL && ctx->item->id.s != NULL)
		fd->item_id = bl_xstrndup(ctx->item->id.s, ctx->item->id.len);
	bl_excerpt_set_line(ctx->file, fd);
}

void
bl_report_ref(struct bl_ctx *ctx, size_t rule, const struct bl_ref *ref, const char *item_id,
              const char *fmt, ...)
{
	struct bl_finding *fd;
	va_list ap;

	/* A backlog-wide finding takes the severity of the file it is in. */
	const struct bl_profile *p =
	        ctx->out != NULL ? ctx->prof : bl_profile_of_file(ctx->e, ref->file_index);

	if (rule >= ctx->e->nrules || p->sev[rule] == BL_SEV_OFF)
		return;
	if (!p->include_done && !bl_profile_reports(ctx->e, p, rule, bl_summary_state_at(ctx, ref)))
		return;
	va_start(ap, fmt);
	fd = bl_finding_add(ctx, rule, fmt, ap);
	va_end(ap);
	fd->severity = p->sev[rule];
	fd->path = ctx->out != NULL ? ctx->path : bl_engine_path(ctx->e, ref->file_index);
	fd->span = ref->span;
	fd->file_index = ref->file_index;
	fd->item_id = item_id ? bl_xstrdup(item_id) : NULL;
	if (ctx->file != NULL)
		bl_excerpt_set_line(ctx->file, fd);
	/* Otherwise fd->line is read by bl_engine_finish. */
}

const char *
bl_ctx_quote(struct bl_ctx *ctx, const char *s, size_t n, size_t max)
{
	struct bl_buf b = {0};
	const char *r;
	size_t i;
	bool space = false;

	for (i = 0; i < n && b.len < max; i++) {
		char c = s[i];

		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			space = true;
			continue;
		}
		if (space && b.len)
			bl_buf_putc(&b, ' ');
		space = false;
		bl_buf_putc(&b, c);
	}
	if (i < n) {
		/* Cut at a character boundary and mark the cut. */
		while (b.len && ((unsigned char)b.s[b.len - 1] & 0xc0) == 0x80)
			b.len--;
		if (b.len && (unsigned char)b.s[b.len - 1] >= 0xc0)
			b.len--;
		b.s[b.len] = '\0';
		bl_buf_puts(&b, "...");
	}
	if (b.s != NULL)
		bl_excerpt_sanitise(b.s, b.len);
	r = bl_arena_strdup(ctx->scratch, b.s ? b.s : "");
	bl_buf_free(&b);
	return r;
}

/* The runs of a spilled file being merged: a heap of run indices by their
 * current records (a tie goes to the earlier run, as the order they were
 * made in). */
struct merge {
	struct bl_flog_reader **r;
	const struct bl_finding **cur;
	size_t *heap, n;
};

static bool
merge_less(const struct merge *m, size_t a, size_t b)
{
	int c = bl_finding_cmp(m->cur[a], m->cur[b]);

	return c < 0 || (c == 0 && a < b);
}

/* Moves heap entry k down to its place. */
static void
merge_down(struct merge *m, size_t k)
{
	for (;;) {
		size_t l = 2 * k + 1, best = k, t;

		if (l < m->n && merge_less(m, m->heap[l], m->heap[best]))
			best = l;
		if (l + 1 < m->n && merge_less(m, m->heap[l + 1], m->heap[best]))
			best = l + 1;
		if (best == k)
			return;
		t = m->heap[k];
		m->heap[k] = m->heap[best];
		m->heap[best] = t;
		k = best;
	}
}

/* Logs the findings of c, spilled runs and those in memory, merged in
 * order; c->findings is left empty. */
static void
add_spilled(struct bl_engine *e, struct bl_checked *c, size_t file_index)
{
	struct merge m;
	size_t nr, i;

	if (c->nfindings > 0)
		spill(c);
	nr = bl_flog_runs(c->spill);
	m.r = bl_xcalloc(nr ? nr : 1, sizeof(*m.r));
	m.cur = bl_xcalloc(nr ? nr : 1, sizeof(*m.cur));
	m.heap = bl_xcalloc(nr ? nr : 1, sizeof(*m.heap));
	m.n = 0;
	for (i = 0; i < nr; i++) {
		m.r[i] = bl_flog_reader(c->spill, i);
		if ((m.cur[i] = bl_flog_read(m.r[i])) != NULL)
			m.heap[m.n++] = i;
	}
	for (i = m.n; i-- > 0;)
		merge_down(&m, i);
	while (m.n > 0) {
		size_t top = m.heap[0];
		struct bl_finding fd = *m.cur[top];

		fd.file_index = file_index;
		if (!bl_directives_cover(e, c->sup, &fd))
			bl_flog_put(e->log, &fd);
		if ((m.cur[top] = bl_flog_read(m.r[top])) == NULL)
			m.heap[0] = m.heap[--m.n];
		merge_down(&m, 0);
	}
	for (i = 0; i < nr; i++)
		bl_flog_reader_free(m.r[i]);
	free(m.r);
	free(m.cur);
	free(m.heap);
	keep_log_error(e, c->spill);
	bl_flog_free(c->spill);
	c->spill = NULL;
}

void
bl_findings_add(struct bl_engine *e, struct bl_checked *c, size_t file_index)
{
	size_t i;

	if (c->spill != NULL)
		add_spilled(e, c, file_index);
	for (i = 0; i < c->nfindings; i++) {
		struct bl_finding *fd = &c->findings[i];

		fd->file_index = file_index;
		if (!bl_directives_cover(e, c->sup, fd))
			bl_flog_put(e->log, fd);
	}
}

void
bl_findings_log_pass(const struct bl_engine *e, struct bl_pass *p)
{
	if (p->nfindings == 0)
		return;
	qsort(p->findings, p->nfindings, sizeof(*p->findings), bl_finding_cmp);
	bl_excerpt_read_lines(e, p->findings, p->nfindings);
	if (p->runs == NULL)
		p->runs = bl_flog_new(0);
	log_run(p->runs, p->findings, &p->nfindings);
}

void
bl_findings_take_pass(struct bl_engine *e, struct bl_pass *p)
{
	size_t i, nruns = p->runs ? bl_flog_runs(p->runs) : 0;

	for (i = 0; i < nruns; i++) {
		struct bl_flog_reader *r = bl_flog_reader(p->runs, i);
		const struct bl_finding *fd;

		while ((fd = bl_flog_read(r)) != NULL)
			if (!bl_directives_cover_backlog(e, fd))
				bl_flog_put(e->blog, fd);
		bl_flog_end_run(e->blog);
		bl_flog_reader_free(r);
	}
	if (p->runs != NULL)
		keep_log_error(e, p->runs);
	bl_flog_free(p->runs);
	free(p->findings);
	p->runs = NULL;
	p->findings = NULL;
}

void
bl_engine_set_spill(struct bl_engine *e, size_t file, size_t backlog)
{
	e->spill_file = file ? file : SPILL_FINDINGS;
	e->spill_backlog = backlog ? backlog : SPILL_BACKLOG;
}

size_t
bl_engine_nfindings(const struct bl_engine *e)
{
	return bl_flog_count(e->log) + bl_flog_count(e->blog) + e->nfindings;
}

const char *
bl_engine_error(const struct bl_engine *e)
{
	if (bl_flog_error(e->log) != NULL)
		return bl_flog_error(e->log);
	return bl_flog_error(e->blog) ? bl_flog_error(e->blog) : e->spill_error;
}

static void
free_heads(struct bl_engine *e)
{
	size_t i;

	for (i = 0; i < e->nheads; i++)
		bl_flog_reader_free(e->heads[i].r);
	free(e->heads);
	e->heads = NULL;
	e->nheads = 0;
}

void
bl_engine_rewind(struct bl_engine *e)
{
	size_t i;

	free_heads(e);
	e->nheads = 1 + bl_flog_runs(e->blog);
	e->heads = bl_xcalloc(e->nheads, sizeof(*e->heads));
	for (i = 0; i < e->nheads; i++) {
		e->heads[i].r = i == 0 ? bl_flog_reader(e->log, 0) : bl_flog_reader(e->blog, i - 1);
		e->heads[i].cur = bl_flog_read(e->heads[i].r);
	}
	e->taken = -1;
	e->bi = 0;
}

const struct bl_finding *
bl_engine_next(struct bl_engine *e)
{
	const struct bl_finding *best = NULL;
	size_t i;
	int at = -1;

	if (e->taken >= 0)
		e->heads[e->taken].cur = bl_flog_read(e->heads[e->taken].r);
	e->taken = -1;
	/* On a tie the source first in this order wins: the files' findings,
	 * then each backlog rule's, then the directives': the order they
	 * were reported in. */
	for (i = 0; i < e->nheads; i++)
		if (e->heads[i].cur != NULL &&
		    (best == NULL || bl_finding_cmp(e->heads[i].cur, best) < 0)) {
			best = e->heads[i].cur;
			at = (int)i;
		}
	if (e->bi < e->nfindings && (best == NULL || bl_finding_cmp(&e->findings[e->bi], best) < 0))
		return &e->findings[e->bi++];
	e->taken = at;
	return best;
}

const struct bl_finding *
bl_engine_findings(struct bl_engine *e, size_t *n)
{
	const struct bl_finding *fd;
	size_t i;

	for (i = 0; i < e->nall; i++)
		bl_finding_free(&e->all[i]);
	e->nall = 0;
	e->all = bl_xrealloc(e->all, (bl_engine_nfindings(e) + 1) * sizeof(*e->all));
	bl_engine_rewind(e);
	while ((fd = bl_engine_next(e)) != NULL) {
		bl_finding_copy(&e->all[e->nall++], fd);
	}
	*n = e->nall;
	return e->all;
}

void
bl_findings_sort(struct bl_engine *e)
{
	if (e->nfindings > 1)
		qsort(e->findings, e->nfindings, sizeof(*e->findings), bl_finding_cmp);
}

void
bl_findings_free(struct bl_engine *e)
{
	size_t i;

	for (i = 0; i < e->nfindings; i++)
		bl_finding_free(&e->findings[i]);
	free(e->findings);
	for (i = 0; i < e->nall; i++)
		bl_finding_free(&e->all[i]);
	free(e->all);
	free_heads(e);
	bl_flog_free(e->log);
	bl_flog_free(e->blog);
}
