/*
 * Inline suppression directives: found in markdown comments (outside
 * fenced code and code spans), in YAML comments (outside quoted and block
 * scalars) and in items' backlint keys, and kept in a table of plain
 * arrays and one string pool, so that a file with directives costs a few
 * small allocations and a file without them costs none. Matching a
 * finding looks up line directives and item parts by binary search; range
 * directives (disable, enable) follow ESLint's reading: the last of them
 * before the finding's line that names its rule decides.
 */
#include "suppress.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *word;
	enum bl_sup_kind kind;
} verbs[] = {
        {"backlint-disable", BL_SUP_DISABLE},   {"backlint-enable", BL_SUP_ENABLE},
        {"backlint-disable-line", BL_SUP_LINE}, {"backlint-disable-next-line", BL_SUP_NEXT_LINE},
        {"backlint-disable-file", BL_SUP_FILE},
};
#define NVERBS (sizeof(verbs) / sizeof(verbs[0]))

const char *
bl_sup_verb(size_t i)
{
	return i < NVERBS ? verbs[i].word : NULL;
}

const char *
bl_sup_kind_name(enum bl_sup_kind k)
{
	size_t i;

	for (i = 0; i < NVERBS; i++)
		if (verbs[i].kind == k)
			return verbs[i].word;
	return "backlint";
}

const char *
bl_sup_str(const struct bl_suppress *s, uint32_t off)
{
	return s->pool + off;
}

struct build {
	const struct bl_file *f;
	struct bl_suppress *s;
	size_t capdirs, capnames, capbad, cappool;
	uint32_t stored_line, stored_off; /* the last line kept in the pool */
	uint32_t fm_first, fm_last;       /* front matter lines (YAML), or 0 */
};

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static uint32_t
pool_add(struct build *b, const char *s, size_t n)
{
	struct bl_suppress *t = b->s;
	uint32_t off;

	if (t->npool + n + 1 > b->cappool) {
		while (t->npool + n + 1 > b->cappool)
			b->cappool = b->cappool ? b->cappool * 2 : 256;
		t->pool = bl_xrealloc(t->pool, b->cappool);
	}
	off = (uint32_t)t->npool;
	if (n)
		memcpy(t->pool + off, s, n);
	t->pool[off + n] = '\0';
	t->npool += n + 1;
	return off;
}

/* The source line l, kept once for showing a finding there later. */
static uint32_t
keep_line(struct build *b, uint32_t l)
{
	size_t len;
	const char *s;

	if (b->stored_line == l && l != 0)
		return b->stored_off;
	s = bl_file_line(b->f, l, &len);
	b->stored_line = l;
	b->stored_off = pool_add(b, s, len);
	return b->stored_off;
}

static struct bl_sup_dir *
add_dir(struct build *b, enum bl_sup_kind kind, struct bl_span span)
{
	struct bl_suppress *t = b->s;
	struct bl_sup_dir *d;

	if (t->ndirs == b->capdirs) {
		b->capdirs = b->capdirs ? b->capdirs * 2 : 8;
		t->dirs = bl_xrealloc(t->dirs, b->capdirs * sizeof(*t->dirs));
	}
	d = &t->dirs[t->ndirs++];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->span = span;
	d->name0 = (uint32_t)t->nnames;
	return d;
}

static struct bl_sup_name *
new_name(struct build *b, enum bl_sup_kind kind, struct bl_span span)
{
	struct bl_suppress *t = b->s;
	struct bl_sup_name *n;

	if (t->nnames == b->capnames) {
		b->capnames = b->capnames ? b->capnames * 2 : 8;
		t->names = bl_xrealloc(t->names, b->capnames * sizeof(*t->names));
	}
	n = &t->names[t->nnames++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->span = span;
	n->line = keep_line(b, span.line);
	return n;
}

/* Adds the rule name data[off, off + len): an id, or a family as "story",
 * "story/" or "story/" followed by a star. */
static void
add_name(struct build *b, enum bl_sup_kind kind, size_t off, size_t len)
{
	const char *s = b->f->data + off;
	struct bl_sup_name *n = new_name(b, kind, bl_file_span(b->f, off, len));
	size_t klen = len;

	n->text = pool_add(b, s, len);
	n->len = (uint32_t)len;
	if (klen >= 2 && s[klen - 2] == '/' && s[klen - 1] == '*')
		klen -= 2, n->family = true;
	else if (klen >= 1 && s[klen - 1] == '/')
		klen -= 1, n->family = true;
	else
		n->family = memchr(s, '/', len) == NULL;
	n->key = klen == len ? n->text : pool_add(b, s, klen);
}

/* A directive that names no rule names every rule. */
static void
add_every(struct build *b, enum bl_sup_kind kind, struct bl_span span)
{
	struct bl_sup_name *n = new_name(b, kind, span);

	n->every = true;
	n->text = n->key = pool_add(b, "", 0);
}

static void
add_bad(struct build *b, enum bl_sup_bad_kind kind, struct bl_span span, const char *text,
        size_t len)
{
	struct bl_suppress *t = b->s;
	struct bl_sup_bad *x;

	if (t->nbad == b->capbad) {
		b->capbad = b->capbad ? b->capbad * 2 : 4;
		t->bad = bl_xrealloc(t->bad, b->capbad * sizeof(*t->bad));
	}
	x = &t->bad[t->nbad++];
	x->kind = kind;
	x->span = span;
	x->text = pool_add(b, text, len);
	x->len = (uint32_t)len;
}

/* Whether line l is YAML (a YAML file, or front matter). */
static bool
yaml_line(const struct build *b, uint32_t l)
{
	return b->f->kind == BL_FILE_YAML || (b->fm_first && l >= b->fm_first && l <= b->fm_last);
}

/*
 * The line a next-line directive ending on line l covers: the next one
 * with content, passing blank lines and lines that are only a comment
 * (so that directives can be stacked); 0 when there is none.
 */
static uint32_t
next_content_line(const struct build *b, uint32_t l)
{
	for (l++; l <= b->f->nlines; l++) {
		size_t len;
		const char *s = bl_file_line(b->f, l, &len);

		bl_trim(&s, &len);
		if (len == 0)
			continue;
		if (yaml_line(b, l)) {
			if (s[0] == '#')
				continue;
		} else if (len >= 7 && memcmp(s, "<!--", 4) == 0 &&
		           memcmp(s + len - 3, "-->", 3) == 0) {
			continue;
		}
		return l;
	}
	return 0;
}

/* A comment: [start, end) with its delimiters, its text [off, cend). */
struct comment {
	size_t start, end, off, cend;
	bool own_line; /* a YAML comment alone on its line */
};

/* Reads a comment as a directive, if it is one. */
static void
directive(struct build *b, const struct comment *c)
{
	const char *d = b->f->data;
	size_t p = c->off, q, i;
	enum bl_sup_kind kind = BL_SUP_DISABLE;
	bool known = false;
	struct bl_sup_dir *dir;
	uint32_t line, end_line, col;

	while (p < c->cend && is_ws(d[p]))
		p++;
	if (c->cend - p < 9 || memcmp(d + p, "backlint-", 9) != 0)
		return;
	q = p + 9;
	while (q < c->cend && !is_ws(d[q]) && d[q] != ',')
		q++;
	for (i = 0; i < NVERBS; i++)
		if (strlen(verbs[i].word) == q - p && memcmp(d + p, verbs[i].word, q - p) == 0) {
			kind = verbs[i].kind;
			known = true;
		}
	if (!known) {
		add_bad(b, BL_SUP_BAD_VERB, bl_file_span(b->f, p, q - p), d + p, q - p);
		return;
	}
	dir = add_dir(b, kind, bl_file_span(b->f, c->start, c->end - c->start));
	for (p = q; p < c->cend;) {
		if (is_ws(d[p]) || d[p] == ',') {
			p++;
			continue;
		}
		if (d[p] == '#')
			break;
		for (q = p; q < c->cend && !is_ws(d[q]) && d[q] != ','; q++)
			;
		if (q - p == 2 && d[p] == '-' && d[p + 1] == '-')
			break; /* "-- why": the reason, for people */
		add_name(b, kind, p, q - p);
		p = q;
	}
	if (b->s->nnames == dir->name0)
		add_every(b, kind, dir->span);
	dir->nnames = (uint32_t)b->s->nnames - dir->name0;
	bl_file_pos(b->f, c->start, &line, &col);
	bl_file_pos(b->f, c->end > c->start ? c->end - 1 : c->start, &end_line, &col);
	switch (kind) {
	case BL_SUP_LINE:
		dir->first = dir->last = c->own_line ? next_content_line(b, end_line) : line;
		break;
	case BL_SUP_NEXT_LINE: dir->first = dir->last = next_content_line(b, end_line); break;
	case BL_SUP_FILE:
		dir->first = 1;
		dir->last = b->f->nlines;
		break;
	case BL_SUP_DISABLE:
		dir->first = line;
		dir->last = b->f->nlines;
		break;
	default: dir->first = dir->last = line; break;
	}
}

/* Whether the text of a YAML line before a comment opens a block scalar
 * ("key: |", "- >-"). */
static bool
opens_block(const char *s, size_t len)
{
	size_t i;

	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	for (i = len;
	     i > 0 && (s[i - 1] == '-' || s[i - 1] == '+' || (s[i - 1] >= '1' && s[i - 1] <= '9'));
	     i--)
		;
	if (i == 0 || (s[i - 1] != '|' && s[i - 1] != '>') || len - i > 2)
		return false;
	return i == 1 || s[i - 2] == ' ' || s[i - 2] == '\t';
}

/* The offset in line s of its comment, or len: a '#' at the start or
 * after white space, outside quoted scalars. */
static size_t
yaml_comment_at(const char *s, size_t len, size_t indent)
{
	bool dq = false, sq = false;
	size_t i;

	for (i = indent; i < len; i++) {
		char c = s[i];

		if (dq) {
			if (c == '\\')
				i++;
			else if (c == '"')
				dq = false;
			continue;
		}
		if (sq) {
			if (c == '\'' && i + 1 < len && s[i + 1] == '\'')
				i++;
			else if (c == '\'')
				sq = false;
			continue;
		}
		if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t'))
			return i;
		if ((c == '"' || c == '\'') &&
		    (i == indent || strchr(" \t:[{,-?", s[i - 1]) != NULL)) {
			dq = c == '"';
			sq = c == '\'';
		}
	}
	return len;
}

/* YAML comments of lines [from, to]. */
static void
yaml_comments(struct build *b, uint32_t from, uint32_t to)
{
	const struct bl_file *f = b->f;
	long block = -1; /* inside a block scalar: the indent of its opening line */
	uint32_t l;

	for (l = from; l <= to && l <= f->nlines; l++) {
		size_t len, indent = 0, at;
		const char *s = bl_file_line(f, l, &len);

		while (indent < len && (s[indent] == ' ' || s[indent] == '\t'))
			indent++;
		if (indent == len)
			continue;
		if (block >= 0) {
			if ((long)indent > block)
				continue;
			block = -1;
		}
		at = yaml_comment_at(s, len, indent);
		if (opens_block(s, at))
			block = (long)indent;
		if (at < len) {
			struct comment c;
			size_t e = len;

			while (e > at && (s[e - 1] == ' ' || s[e - 1] == '\t'))
				e--;
			c.start = (size_t)(s - f->data) + at;
			c.off = c.start + 1;
			c.end = c.cend = (size_t)(s - f->data) + e;
			c.own_line = at == indent;
			directive(b, &c);
		}
	}
}

/* The fence a line opens or closes ("```", "~~~~"): its character and
 * length, 0 when it is not one. */
static size_t
fence(const char *s, size_t len, char *ch)
{
	size_t i = 0, n;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= len || (s[i] != '`' && s[i] != '~'))
		return 0;
	for (n = 0; i + n < len && s[i + n] == s[i]; n++)
		;
	if (n < 3)
		return 0;
	*ch = s[i];
	return n;
}

/* Whether a line closes a fence of ch repeated n times. */
static bool
closes(const char *s, size_t len, char ch, size_t n)
{
	char c;
	size_t m = fence(s, len, &c), i;

	if (m < n || c != ch)
		return false;
	for (i = 0; i < len && s[i] != ch; i++)
		;
	for (i += m; i < len; i++)
		if (!is_ws(s[i]))
			return false;
	return true;
}

/* HTML comments of a markdown body from line `from`. */
static void
html_comments(struct build *b, uint32_t from)
{
	const struct bl_file *f = b->f;
	uint32_t l = from;
	size_t resume = 0, fence_n = 0;
	char fence_ch = 0;

	while (l <= f->nlines) {
		size_t len, ls, p, q;
		const char *s = bl_file_line(f, l, &len), *hit;
		struct comment c;
		uint32_t col;
		size_t k, ticks = 0;

		ls = (size_t)(s - f->data);
		if (resume <= ls) {
			char ch;
			size_t n;

			if (fence_n) {
				if (closes(s, len, fence_ch, fence_n))
					fence_n = 0;
				l++;
				continue;
			}
			if ((n = fence(s, len, &ch)) > 0) {
				fence_n = n;
				fence_ch = ch;
				l++;
				continue;
			}
			resume = ls;
		}
		p = resume - ls;
		hit = NULL;
		for (; p + 4 <= len; p++)
			if (memcmp(s + p, "<!--", 4) == 0) {
				hit = s + p;
				break;
			}
		if (hit == NULL) {
			l++;
			resume = 0;
			continue;
		}
		/* Inside a code span (an odd number of backticks before it)? */
		for (k = 0; k < p; k++)
			ticks += s[k] == '`';
		if (ticks % 2 == 1) {
			resume = ls + p + 4;
			continue;
		}
		hit = strstr(f->data + ls + p + 4, "-->");
		if (hit == NULL)
			return; /* never closed: not a comment */
		q = (size_t)(hit - f->data);
		c.start = ls + p;
		c.off = c.start + 4;
		c.cend = q;
		c.end = q + 3;
		c.own_line = false;
		directive(b, &c);
		resume = c.end;
		bl_file_pos(f, q, &l, &col);
	}
}

/* Front matter: "---" on line 1 up to a "---" or "..." line, as the
 * loader reads it. */
static void
find_front_matter(struct build *b)
{
	const struct bl_file *f = b->f;
	uint32_t l;
	size_t len;
	const char *s = bl_file_line(f, 1, &len);

	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len != 3 || memcmp(s, "---", 3) != 0)
		return;
	for (l = 2; l <= f->nlines; l++) {
		s = bl_file_line(f, l, &len);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len == 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "...", 3) == 0)) {
			b->fm_first = 2;
			b->fm_last = l - 1;
			return;
		}
	}
}

/* Byte offsets [*from, *to) of a span in f. */
static bool
span_range(const struct bl_file *f, const struct bl_span *sp, size_t *from, size_t *to)
{
	if (sp->line == 0 || sp->line > f->nlines || sp->end_line > f->nlines ||
	    sp->end_line < sp->line)
		return false;
	*from = f->lines[sp->line - 1] + sp->col - 1;
	*to = f->lines[sp->end_line - 1] + sp->end_col;
	if (*to > f->len)
		*to = f->len;
	return *from <= *to;
}

/* The lines of item i's own text in a YAML backlog: from its first key to
 * the end of its last value. */
static void
yaml_hull(const struct bl_item *it, uint32_t *first, uint32_t *last)
{
	size_t k;

	*first = *last = it->span.line;
	for (k = 0; k < it->nmeta; k++) {
		const struct bl_meta *m = &it->meta[k];

		if (m->key.span.line && m->key.span.line < *first)
			*first = m->key.span.line;
		if (m->key.span.end_line > *last)
			*last = m->key.span.end_line;
		if (m->value.span.end_line > *last)
			*last = m->value.span.end_line;
	}
}

static int
cmp_range(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* Adds the parts of item i's key directive: the lines it covers. */
static void
item_parts(struct build *b, size_t i, struct bl_span span, uint32_t name0, uint32_t nnames)
{
	const struct bl_file *f = b->f;
	const struct bl_item *it = &f->items[i];
	uint32_t first = 1, last = f->nlines, cur;
	uint32_t(*holes)[2] = NULL;
	size_t nholes = 0, j, k;

	if (it->origin == BL_ORIGIN_DOCUMENT) {
		/* From its heading to the next item's. */
		first = it->span.line;
		for (k = 0; k < it->nmeta; k++)
			if (it->meta[k].key.span.line && it->meta[k].key.span.line < first)
				first = it->meta[k].key.span.line;
		for (j = 0; j < f->nitems; j++)
			if (f->items[j].span.line > it->span.line &&
			    f->items[j].span.line - 1 < last)
				last = f->items[j].span.line - 1;
	} else if (it->origin == BL_ORIGIN_YAML) {
		/* Its keys, less the items nested in it. */
		yaml_hull(it, &first, &last);
		for (j = i + 1; j < f->nitems && f->items[j].depth > it->depth; j++)
			nholes++;
		holes = bl_xcalloc(nholes ? nholes : 1, sizeof(*holes));
		for (j = 0; j < nholes; j++)
			yaml_hull(&f->items[i + 1 + j], &holes[j][0], &holes[j][1]);
		qsort(holes, nholes, sizeof(*holes), cmp_range);
	}
	cur = first;
	for (j = 0; j <= nholes; j++) {
		uint32_t end = j < nholes ? holes[j][0] - 1 : last;
		struct bl_sup_dir *d;

		if (end > last)
			end = last;
		if (j < nholes && holes[j][0] == 0)
			continue;
		if (end >= cur) {
			d = add_dir(b, BL_SUP_ITEM, span);
			d->first = cur;
			d->last = end;
			d->name0 = name0;
			d->nnames = nnames;
		}
		if (j < nholes && holes[j][1] + 1 > cur)
			cur = holes[j][1] + 1;
	}
	free(holes);
}

/*
 * An item's backlint key: {disable: [RULE, ...]}, {disable: RULE}, a block
 * mapping of the same, or (a document's metadata line) "disable RULE...".
 */
static void
item_key(struct build *b, size_t i, const struct bl_meta *m)
{
	const struct bl_file *f = b->f;
	const char *d = f->data;
	size_t from, to, p, q, u;
	int mode = 0; /* 0: before "disable", 1: its names, 2: an unknown key's value */
	bool disable = false;
	uint32_t name0 = (uint32_t)b->s->nnames, nnames;
	struct bl_span span = m->key.span;

	if (m->value.s != NULL && m->value.exact) {
		from = m->value.off;
		to = from + m->value.len;
	} else if (!span_range(f, &m->value.span, &from, &to)) {
		return;
	}
	if (to > from) {
		struct bl_span vs = bl_file_span(f, from, to - from);

		span.end_line = vs.end_line;
		span.end_col = vs.end_col;
	}
	for (p = from; p < to;) {
		if (is_ws(d[p]) || strchr(",{}[]\"'", d[p]) != NULL ||
		    (d[p] == '-' && (p + 1 == to || is_ws(d[p + 1])))) {
			p++;
			continue;
		}
		if (d[p] == '#') {
			while (p < to && d[p] != '\n')
				p++;
			continue;
		}
		for (q = p; q < to && !is_ws(d[q]) && strchr(",{}[]\"'#:", d[q]) == NULL; q++)
			;
		if (q == p) { /* a stray ':' */
			p++;
			continue;
		}
		for (u = q; u < to && (d[u] == ' ' || d[u] == '\t'); u++)
			;
		if ((u < to && d[u] == ':') || mode == 0) {
			if (bl_strncaseeq(d + p, q - p, "disable")) {
				mode = 1;
				disable = true;
			} else {
				add_bad(b, BL_SUP_BAD_KEY, bl_file_span(f, p, q - p), d + p, q - p);
				mode = 2;
			}
			p = u < to && d[u] == ':' ? u + 1 : q;
			continue;
		}
		if (mode == 1)
			add_name(b, BL_SUP_ITEM, p, q - p);
		p = q;
	}
	nnames = (uint32_t)b->s->nnames - name0;
	if (nnames == 0) {
		if (disable)
			add_bad(b, BL_SUP_EMPTY_KEY, span, "", 0);
		return;
	}
	item_parts(b, i, span, name0, nnames);
}

static void
item_keys(struct build *b)
{
	const struct bl_file *f = b->f;
	size_t i, k;

	for (i = 0; i < f->nitems; i++)
		for (k = 0; k < f->items[i].nmeta; k++) {
			const struct bl_meta *m = &f->items[i].meta[k];

			if (m->key.s != NULL && m->kind == BL_KEY_BACKLINT)
				item_key(b, i, m);
		}
}

/* Whether enable e ends every name of disable d. */
static bool
ends(const struct bl_suppress *s, const struct bl_sup_dir *d, const struct bl_sup_dir *e)
{
	uint32_t i, j;

	for (i = 0; i < d->nnames; i++) {
		const struct bl_sup_name *n = &s->names[d->name0 + i];
		bool ended = false;

		for (j = 0; j < e->nnames && !ended; j++) {
			const struct bl_sup_name *x = &s->names[e->name0 + j];

			if (x->every)
				ended = true;
			else if (n->every)
				ended = false;
			else if (x->family && n->family)
				ended = strcmp(s->pool + x->key, s->pool + n->key) == 0;
			else
				ended = bl_sup_name_matches(s, x, s->pool + n->key);
		}
		if (!ended)
			return false;
	}
	return true;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorts idx[0, n) by their directives' first line, then by index. */
static void
sort_by_first(const struct bl_suppress *s, uint32_t *idx, size_t n)
{
	uint64_t *k = bl_xcalloc(n ? n : 1, sizeof(*k));
	size_t i;

	for (i = 0; i < n; i++)
		k[i] = (uint64_t)s->dirs[idx[i]].first << 32 | idx[i];
	qsort(k, n, sizeof(*k), cmp_u64);
	for (i = 0; i < n; i++)
		idx[i] = (uint32_t)k[i];
	free(k);
}

/* Ranges, names' copies of their lines, and the lookup indexes. */
static void
finish(struct bl_suppress *s)
{
	size_t i, j;

	for (i = 0; i < s->ndirs; i++) {
		struct bl_sup_dir *d = &s->dirs[i];

		if (d->kind != BL_SUP_DISABLE)
			continue;
		for (j = i + 1; j < s->ndirs; j++)
			if (s->dirs[j].kind == BL_SUP_ENABLE && ends(s, d, &s->dirs[j])) {
				d->last = s->dirs[j].first - 1;
				break;
			}
	}
	s->points = bl_xcalloc(s->ndirs, sizeof(uint32_t));
	s->items = bl_xcalloc(s->ndirs, sizeof(uint32_t));
	s->others = bl_xcalloc(s->ndirs, sizeof(uint32_t));
	for (i = 0; i < s->ndirs; i++) {
		struct bl_sup_dir *d = &s->dirs[i];

		for (j = 0; j < d->nnames; j++)
			if (s->names[d->name0 + j].first == 0 && s->names[d->name0 + j].last == 0) {
				s->names[d->name0 + j].first = d->first;
				s->names[d->name0 + j].last = d->last;
			}
	}
	for (i = 0; i < s->ndirs; i++) {
		uint32_t x = (uint32_t)i;

		switch (s->dirs[i].kind) {
		case BL_SUP_LINE:
		case BL_SUP_NEXT_LINE: s->points[s->npoints++] = x; break;
		case BL_SUP_ITEM: s->items[s->nitems++] = x; break;
		default: s->others[s->nothers++] = x; break;
		}
	}
	sort_by_first(s, s->points, s->npoints);
	sort_by_first(s, s->items, s->nitems);
}

struct bl_suppress_build {
	struct build b;
};

struct bl_suppress_build *
bl_suppress_begin(const struct bl_file *f)
{
	struct bl_suppress_build *sb = bl_xcalloc(1, sizeof(*sb));
	struct build *b = &sb->b;

	b->f = f;
	b->s = bl_xcalloc(1, sizeof(*b->s));
	b->s->nlines = f->nlines;
	if (f->kind == BL_FILE_TEXT || strstr(f->data, "backlint-") == NULL)
		return sb;
	if (f->kind == BL_FILE_YAML) {
		yaml_comments(b, 1, f->nlines);
	} else if (f->kind == BL_FILE_MARKDOWN) {
		find_front_matter(b);
		if (b->fm_first)
			yaml_comments(b, b->fm_first, b->fm_last);
		html_comments(b, b->fm_first ? b->fm_last + 2 : 1);
	}
	return sb;
}

void
bl_suppress_items(struct bl_suppress_build *sb)
{
	item_keys(&sb->b);
}

struct bl_suppress *
bl_suppress_end(struct bl_suppress_build *sb)
{
	struct bl_suppress *s = sb->b.s;

	free(sb);
	if (s->ndirs == 0 && s->nbad == 0) {
		bl_suppress_free(s);
		return NULL;
	}
	finish(s);
	return s;
}

struct bl_suppress *
bl_suppress_parse(const struct bl_file *f)
{
	struct bl_suppress_build *sb = bl_suppress_begin(f);

	bl_suppress_items(sb);
	return bl_suppress_end(sb);
}

void
bl_suppress_free(struct bl_suppress *s)
{
	if (s == NULL)
		return;
	free(s->dirs);
	free(s->names);
	free(s->bad);
	free(s->pool);
	free(s->points);
	free(s->items);
	free(s->others);
	free(s);
}
