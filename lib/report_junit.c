/*
 * The junit reporter: JUnit XML for CI test views. Each linted file that
 * has items (or findings) is a test suite; each item is a test case, named
 * by its id (or "line N" when it has none), that passes when it has no
 * findings and otherwise carries one failure per finding; findings that
 * belong to no item go on a test case named after the file. Everything is
 * known only at the end, so findings are kept until close.
 */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

struct junit {
	FILE *out;
	const struct bl_engine *e;
	struct bl_report_opts o;
	struct bl_finding *fds; /* shown findings (copies, their text in text) */
	size_t nfds, capfds;
	struct bl_arena *text;
};

/* A test case: an item of a file, a name without an item, or the file. */
struct tcase {
	size_t file;                   /* file_index */
	uint32_t line;                 /* for ordering; 0 for the file's own case */
	const char *name;              /* the item id; NULL: no id, or the file's */
	const struct bl_summary *item; /* NULL when not an item */
	size_t order;                  /* creation order, the last tie-break */
	size_t *fds;                   /* indices of its findings */
	size_t nfds;
	const char *path;
};

struct cases {
	struct tcase *c;
	size_t n, cap;
};

static struct tcase *
add_case(struct cases *cs, size_t file, uint32_t line, const char *name, const char *path)
{
	struct tcase *t;

	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 64;
		cs->c = bl_xrealloc(cs->c, cs->cap * sizeof(*cs->c));
	}
	t = &cs->c[cs->n];
	memset(t, 0, sizeof(*t));
	t->file = file;
	t->line = line;
	t->name = name;
	t->path = path;
	t->order = cs->n++;
	return t;
}

static int
cmp_case(const void *a, const void *b)
{
	const struct tcase *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void *
junit_open(FILE *out, const struct bl_engine *e, const struct bl_report_opts *o)
{
	struct junit *j = bl_xcalloc(1, sizeof(*j));

	j->out = out;
	j->e = e;
	j->o = *o;
	return j;
}

static void
junit_finding(void *st, const struct bl_finding *fd)
{
	struct junit *j = st;
	struct bl_finding *c;

	if (!bl_rep_shown(&j->o, fd))
		return;
	if (j->nfds == j->capfds) {
		j->capfds = j->capfds ? j->capfds * 2 : 64;
		j->fds = bl_xrealloc(j->fds, j->capfds * sizeof(*j->fds));
	}
	/* A finding is only valid during the call: the cases are written at
	 * the end. */
	if (j->text == NULL)
		j->text = bl_arena_new();
	c = &j->fds[j->nfds++];
	*c = *fd;
	c->message = bl_arena_strdup(j->text, fd->message);
	c->item_id = fd->item_id ? bl_arena_strdup(j->text, fd->item_id) : NULL;
	c->line = fd->line ? bl_arena_strdup(j->text, fd->line) : NULL;
}

/* An item case with an id, for looking cases up by id. */
struct byid {
	size_t file;
	const char *id;
	uint32_t line;
	size_t at; /* its index in the sorted cases */
};

static int
cmp_byid(const void *a, const void *b)
{
	const struct byid *x = a, *y = b;
	int c;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if ((c = strcmp(x->id, y->id)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* Finding the item case of a finding among the item cases c[0, n),
 * sorted by file and line. */
struct lookup {
	const struct tcase *c;
	size_t n;
	struct byid *ids; /* the cases with an id, by file, id and line */
	size_t nids;
	size_t *noid; /* per case: the last case of an item without an id
	               * at or before it in its file, plus one; 0 none */
};

static void
lookup_init(struct lookup *l, const struct tcase *c, size_t n)
{
	size_t i, last = 0;

	l->c = c;
	l->n = n;
	l->ids = bl_xcalloc(n ? n : 1, sizeof(*l->ids));
	l->noid = bl_xcalloc(n ? n : 1, sizeof(*l->noid));
	l->nids = 0;
	for (i = 0; i < n; i++) {
		if (i == 0 || c[i].file != c[i - 1].file)
			last = 0;
		if (c[i].name != NULL) {
			struct byid *b = &l->ids[l->nids++];

			b->file = c[i].file;
			b->id = c[i].name;
			b->line = c[i].line;
			b->at = i;
		} else
			last = i + 1;
		l->noid[i] = last;
	}
	if (l->nids > 1)
		qsort(l->ids, l->nids, sizeof(*l->ids), cmp_byid);
}

static void
lookup_free(struct lookup *l)
{
	free(l->ids);
	free(l->noid);
}

/* The index of the item case of finding fd, or -1: the item with its id
 * in its file that starts last at or before the finding (else the first
 * with that id); for a finding without an item id, the item without an id
 * that starts last at or before it (none when it comes before them all). */
static long
lookup_find(const struct lookup *l, const struct bl_finding *fd)
{
	size_t lo = 0, hi, best = 0;
	bool any = false;

	if (fd->item_id == NULL) {
		/* The last case at or before (file, line). */
		hi = l->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			const struct tcase *t = &l->c[mid];

			if (t->file < fd->file_index ||
			    (t->file == fd->file_index && t->line <= fd->span.line))
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == 0 || l->c[lo - 1].file != fd->file_index || l->noid[lo - 1] == 0)
			return -1;
		return (long)l->noid[lo - 1] - 1;
	}
	hi = l->nids;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct byid *b = &l->ids[mid];

		if (b->file < fd->file_index ||
		    (b->file == fd->file_index && strcmp(b->id, fd->item_id) < 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (hi = lo; hi < l->nids && l->ids[hi].file == fd->file_index &&
	              strcmp(l->ids[hi].id, fd->item_id) == 0;
	     hi++) {
		if (!any || l->ids[hi].line <= fd->span.line)
			best = hi;
		any = true;
	}
	return any ? (long)l->ids[best].at : -1;
}

static void
attr(struct bl_buf *b, const char *name, const char *value)
{
	bl_buf_printf(b, " %s=\"", name);
	bl_rep_xml(b, value, strlen(value));
	bl_buf_putc(b, '"');
}

static void
write_case(struct junit *j, struct bl_buf *b, const struct tcase *t, const char *path)
{
	char line[32];
	size_t i;

	bl_buf_puts(b, "    <testcase");
	attr(b, "classname", path);
	if (t->name != NULL)
		attr(b, "name", t->name);
	else if (t->item != NULL) {
		snprintf(line, sizeof(line), "line %u", t->line);
		attr(b, "name", line);
	} else
		attr(b, "name", path);
	if (t->nfds == 0) {
		bl_buf_puts(b, "/>\n");
		return;
	}
	bl_buf_puts(b, ">\n");
	for (i = 0; i < t->nfds; i++) {
		const struct bl_finding *fd = &j->fds[t->fds[i]];
		struct bl_span sp = bl_rep_span(fd);
		const char *rule = bl_engine_rule(j->e, fd->rule)->id;

		bl_buf_puts(b, "      <failure");
		attr(b, "message", fd->message);
		attr(b, "type", rule);
		bl_buf_putc(b, '>');
		bl_rep_xml(b, path, strlen(path));
		bl_buf_printf(b, ":%u:%u: %s: ", sp.line, sp.col, bl_severity_name(fd->severity));
		bl_rep_xml(b, fd->message, strlen(fd->message));
		bl_buf_puts(b, " [");
		bl_rep_xml(b, rule, strlen(rule));
		bl_buf_puts(b, "]</failure>\n");
	}
	bl_buf_puts(b, "    </testcase>\n");
}

/* A case for each item, in file and line order. */
static void
item_cases(struct junit *j, struct cases *cs)
{
	const struct bl_summary *items;
	size_t nitems, i;

	items = bl_engine_items(j->e, &nitems);
	for (i = 0; i < nitems; i++) {
		/* An item's case sorts by its line, after the file's own case. */
		struct tcase *t = add_case(cs, items[i].file_index,
		                           items[i].ref.span.line ? items[i].ref.span.line : 1,
		                           items[i].id, bl_engine_path(j->e, items[i].file_index));

		t->item = &items[i];
	}
	if (cs->n > 1)
		qsort(cs->c, cs->n, sizeof(*cs->c), cmp_case);
}

/* The case of finding fd: an item case (the first nitem_cases), or one
 * added after them (an item id that no item of the file has, or the
 * file's own case), found there when it exists. */
static struct tcase *
case_of(struct cases *cs, struct lookup *lk, size_t nitem_cases, const struct bl_finding *fd)
{
	long at = lookup_find(lk, fd);
	size_t k;

	if (at >= 0)
		return &cs->c[at];
	/* Findings come sorted by file: the cases added for this file are the
	 * last ones. */
	for (k = cs->n; k > nitem_cases && cs->c[k - 1].file == fd->file_index; k--)
		if (fd->item_id == NULL ? cs->c[k - 1].name == NULL
		                        : cs->c[k - 1].name != NULL &&
		                                  strcmp(cs->c[k - 1].name, fd->item_id) == 0)
			return &cs->c[k - 1];
	/* cs->c may move: the lookup follows it. */
	add_case(cs, fd->file_index, fd->item_id ? fd->span.line : 0, fd->item_id, fd->path);
	lk->c = cs->c;
	return &cs->c[cs->n - 1];
}

/* Gives each finding to its case: the cases, sorted again with those
 * added, list the indices of their findings in order (fds); returns how
 * many cases fail. */
static size_t
assign(struct junit *j, struct cases *cs)
{
	size_t nitem_cases = cs->n, failures = 0, i, *owner, *pos;
	struct lookup lk;

	/* Each finding's case, by creation order: sorting moves them. */
	owner = bl_xcalloc(j->nfds ? j->nfds : 1, sizeof(*owner));
	lookup_init(&lk, cs->c, nitem_cases);
	for (i = 0; i < j->nfds; i++) {
		struct tcase *t = case_of(cs, &lk, nitem_cases, &j->fds[i]);

		t->nfds++;
		owner[i] = t->order;
	}
	lookup_free(&lk);
	if (cs->n > 1)
		qsort(cs->c, cs->n, sizeof(*cs->c), cmp_case);
	pos = bl_xcalloc(cs->n ? cs->n : 1, sizeof(*pos));
	for (i = 0; i < cs->n; i++) {
		pos[cs->c[i].order] = i;
		if (cs->c[i].nfds > 0)
			cs->c[i].fds = bl_xcalloc(cs->c[i].nfds, sizeof(*cs->c[i].fds));
		failures += cs->c[i].nfds > 0;
		cs->c[i].nfds = 0;
	}
	for (i = 0; i < j->nfds; i++) {
		struct tcase *t = &cs->c[pos[owner[i]]];

		t->fds[t->nfds++] = i;
	}
	free(pos);
	free(owner);
	return failures;
}

/* The document: a test suite for each file, of its cases. */
static void
write_suites(struct junit *j, const struct cases *cs, size_t failures)
{
	struct bl_buf b = {0};
	size_t from, to, k;

	bl_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	bl_buf_printf(
	        &b, "<testsuites name=\"backlint\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
	        cs->n, failures);
	for (from = 0; from < cs->n; from = to) {
		size_t nfail = 0;
		char *path = bl_rep_path(cs->c[from].path);

		for (to = from; to < cs->n && cs->c[to].file == cs->c[from].file; to++)
			nfail += cs->c[to].nfds > 0;
		bl_buf_puts(&b, "  <testsuite");
		attr(&b, "name", path);
		bl_buf_printf(&b, " tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
		              to - from, nfail);
		for (k = from; k < to; k++)
			write_case(j, &b, &cs->c[k], path);
		bl_buf_puts(&b, "  </testsuite>\n");
		bl_rep_flush(&b, j->out);
		free(path);
	}
	bl_buf_puts(&b, "</testsuites>\n");
	bl_rep_flush(&b, j->out);
	bl_buf_free(&b);
}

static void
junit_close(void *st)
{
	struct junit *j = st;
	struct cases cs = {0};
	size_t i;

	item_cases(j, &cs);
	write_suites(j, &cs, assign(j, &cs));
	for (i = 0; i < cs.n; i++)
		free(cs.c[i].fds);
	free(cs.c);
	free(j->fds);
	if (j->text != NULL)
		bl_arena_free(j->text);
	free(j);
}

const struct bl_reporter bl_report_junit = {"junit", junit_open, junit_finding, junit_close};
