/*
 * YAML: libyaml's parser gives a stream of events, which this file builds
 * into bl_ynode trees with exact spans (bounded in depth, and in how many
 * nodes the aliases stand for, so that a tree that shares one subtree many
 * times cannot be walked without end), and reads YAML backlogs: a list of
 * item mappings, or a mapping whose stories, items, backlog, epics or
 * features key holds one, epics nesting stories. Backlog.md's config.yml
 * is read as team settings.
 */
#include "load_int.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define MAX_DEPTH 200

/* A collection being built. */
struct frame {
	struct bl_ynode *y;
	struct bl_ynode **kids;
	size_t n, cap;
	size_t weight; /* the nodes it stands for, aliases expanded */
	yaml_mark_t start;
	char *anchor;
	bool item; /* an entry of a list of items being streamed */
	bool any;  /* a list some entry of which looks like an item */
};

/* An anchored node, for the aliases that name it. */
struct anchor {
	char *name;
	struct bl_ynode *y;
	size_t weight;
};

struct build {
	struct bl_file *f;
	struct bl_arena *nodes; /* where the trees go */
	uint32_t first_line;    /* 1-based line of the YAML's first line */
	struct frame *stack;
	size_t depth, capstack;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	struct bl_ynode *root;
	size_t root_weight;
	size_t nodes_seen; /* node events of the document */
	const char *error; /* why the YAML is not read (at bad), or NULL */
	struct bl_span bad;
	struct stream *st; /* yaml_load's, or NULL */
};

#define MAX_DOCS 16 /* documents of a YAML backlog that are read */

/* Why a YAML text is not read (libyaml's document loader said the first
 * two in these words). */
#define DUPLICATE_ANCHOR "invalid YAML: second occurrence found duplicate anchor; first occurrence"
#define UNDEFINED_ALIAS "invalid YAML: found undefined alias"
#define TOO_DEEP                                                                       \
	"YAML nests too deeply or its aliases expand to too many nodes; the document " \
	"is not read"

/* Stops the building: the YAML is not read, for reason why, at span. */
static void
fail(struct build *b, const char *why, struct bl_span at)
{
	if (b->error == NULL) {
		b->error = why;
		b->bad = at;
	}
}

/*
 * How yaml_load reads a YAML backlog as it is parsed: each entry of a
 * top-level list of items is read into items as soon as its events end,
 * and its nodes (in an arena of their own) are freed, so a large file is
 * never a whole tree. Each document's remaining tree is read at its end.
 */
struct stream {
	const struct bl_load_opts *opts;
	struct bl_arena *tree;  /* the nodes outside the items being read */
	struct bl_arena *items; /* those of the entries being read */
	struct bl_arena **kept; /* entries' arenas that anchors point into */
	size_t nkept;
	bool anchored; /* items holds nodes read later (anchored, or kept) */
	int docs;      /* documents ended */
	/* The texts of items read to be handed over and dropped
	 * (bl_load_opts.items_read). */
	struct bl_arena *strings;
	/* What the file held before: an error undoes what was read. */
	size_t nitems, npersonas, ndiags;
};

static bool looks_like_item(const struct bl_ynode *m);
static bool is_list_key(const struct bl_text *key);
static enum bl_item_type type_of_key(const struct bl_text *key);
static void load_item(struct bl_file *f, const struct bl_ynode *m, enum bl_item_type hint,
                      size_t parent, int depth, const struct bl_load_opts *opts);
static void load_root(struct bl_file *f, const struct bl_ynode *root,
                      const struct bl_load_opts *opts);

/* Whether frame i is a list whose entries are read as items as they end:
 * the document's root list, or the list under a list key ("stories:")
 * of its root mapping; *hint the type its key names. */
static bool
item_list(const struct build *b, size_t i, enum bl_item_type *hint)
{
	const struct frame *m;
	const struct bl_ynode *key;

	if (b->st == NULL || b->st->docs >= MAX_DOCS || i >= b->depth ||
	    b->stack[i].y->type != BL_Y_SEQ)
		return false;
	if (i == 0) {
		*hint = BL_TYPE_UNKNOWN;
		return true;
	}
	m = &b->stack[0];
	if (i != 1 || m->y->type != BL_Y_MAP || m->n % 2 != 1)
		return false;
	key = m->kids[m->n - 1];
	if (key->type != BL_Y_SCALAR || !is_list_key(&key->text))
		return false;
	*hint = type_of_key(&key->text);
	return true;
}

/* Reads the entries of list as items. When the caller takes items as they
 * are read (items_read), it gets them now, and they are dropped: their
 * texts are in an arena of their own. */
static void
read_entries(struct bl_file *f, struct stream *st, const struct frame *list, enum bl_item_type hint)
{
	const struct bl_load_opts *o = st->opts;
	struct bl_arena *arena = f->arena;
	size_t i;

	if (o->items_read != NULL)
		f->arena = st->strings;
	for (i = 0; i < list->n; i++)
		if (list->kids[i]->type == BL_Y_MAP)
			load_item(f, list->kids[i], hint, SIZE_MAX, 0, o);
	f->arena = arena;
	if (o->items_read != NULL)
		bl_items_hand_over(f, o, st->strings);
}

/* An entry of an item list has ended: once some entry of the list looks
 * like an item, every mapping in it is one (load_items), read now. */
static void
entry_ended(struct build *b)
{
	struct stream *st = b->st;
	struct frame *list = &b->stack[b->depth - 1];
	enum bl_item_type hint = BL_TYPE_UNKNOWN;

	if (!item_list(b, b->depth - 1, &hint))
		return;
	/* Reading walks every alias: not before their count is known to be
	 * sane (as the document's end would check it). */
	if (list->weight > 4 * b->nodes_seen + 10000) {
		fail(b, TOO_DEEP, list->kids[list->n - 1]->text.span);
		return;
	}
	if (!list->any)
		list->any = looks_like_item(list->kids[list->n - 1]);
	if (!list->any) {
		/* Kept until the list shows what it is (and the document's
		 * end reads it): its arena must outlive other lists' reads. */
		st->anchored = true;
		return;
	}
	read_entries(b->f, st, list, hint);
	list->n = 0;
	if (st->anchored) {
		/* Later aliases may name a node of these entries. */
		st->kept = bl_xrealloc(st->kept, (st->nkept + 1) * sizeof(*st->kept));
		st->kept[st->nkept++] = st->items;
		st->items = bl_arena_new();
		st->anchored = false;
	} else
		bl_arena_reset(st->items);
}

/* Byte offset in the file of a libyaml mark. */
static size_t
mark_offset(const struct build *b, const yaml_mark_t *m)
{
	return bl_file_char_offset(b->f, b->first_line + (uint32_t)m->line, (uint32_t)m->column);
}

static struct bl_span
mark_span(const struct build *b, const yaml_mark_t *a, const yaml_mark_t *e)
{
	size_t s = mark_offset(b, a), end = mark_offset(b, e);

	/* A block collection ends at the start of the next line: trim. */
	while (end > s && (b->f->data[end - 1] == '\n' || b->f->data[end - 1] == '\r' ||
	                   b->f->data[end - 1] == ' '))
		end--;
	return bl_file_span(b->f, s, end > s ? end - s : 0);
}

/* Adds node y, standing for weight nodes, where the document is: as the
 * root, or as the next kid of the open collection. */
static void
place(struct build *b, struct bl_ynode *y, size_t weight)
{
	struct frame *fr;

	if (b->depth == 0) {
		b->root = y;
		b->root_weight = weight;
		return;
	}
	fr = &b->stack[b->depth - 1];
	if (fr->n == fr->cap) {
		fr->cap = fr->cap ? fr->cap * 2 : 8;
		fr->kids = bl_xrealloc(fr->kids, fr->cap * sizeof(*fr->kids));
	}
	fr->kids[fr->n++] = y;
	/* Saturating: a bomb's weight grows as a power. */
	fr->weight = fr->weight + weight < fr->weight ? SIZE_MAX : fr->weight + weight;
	/* An entry of a list of items (a mapping, an alias of one, or not an
	 * item at all): read it now. */
	if (b->st != NULL)
		entry_ended(b);
}

static void
add_anchor(struct build *b, const yaml_char_t *name, struct bl_ynode *y, size_t weight)
{
	if (name == NULL)
		return;
	if (b->nanchors == b->capanchors) {
		b->capanchors = b->capanchors ? b->capanchors * 2 : 8;
		b->anchors = bl_xrealloc(b->anchors, b->capanchors * sizeof(*b->anchors));
	}
	if (b->st != NULL && b->nodes == b->st->items)
		b->st->anchored = true;
	b->anchors[b->nanchors].name = bl_xstrdup((const char *)name);
	b->anchors[b->nanchors].y = y;
	b->anchors[b->nanchors++].weight = weight;
}

/* The node anchor name was last made on in the document, or NULL. */
static const struct anchor *
closed_anchor(const struct build *b, const char *name)
{
	size_t i;

	for (i = b->nanchors; i-- > 0;)
		if (strcmp(b->anchors[i].name, name) == 0)
			return &b->anchors[i];
	return NULL;
}

/* Whether anchor name is on a collection still open. */
static bool
open_anchor(const struct build *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->depth; i++)
		if (b->stack[i].anchor != NULL && strcmp(b->stack[i].anchor, name) == 0)
			return true;
	return false;
}

/* Whether anchor name is made already in the document: an error, where
 * the second one starts. */
static bool
duplicate_anchor(struct build *b, const yaml_char_t *name, const yaml_mark_t *at)
{
	if (name == NULL ||
	    (closed_anchor(b, (const char *)name) == NULL && !open_anchor(b, (const char *)name)))
		return false;
	fail(b, DUPLICATE_ANCHOR, mark_span(b, at, at));
	return true;
}

static void
scalar(struct build *b, const yaml_event_t *ev)
{
	struct bl_ynode *y;
	const char *v = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length, off = mark_offset(b, &ev->start_mark);
	yaml_scalar_style_t st = ev->data.scalar.style;

	if (duplicate_anchor(b, ev->data.scalar.anchor, &ev->start_mark))
		return;
	y = bl_arena_alloc(b->nodes, sizeof(*y));
	y->type = BL_Y_SCALAR;
	y->plain = st == YAML_PLAIN_SCALAR_STYLE;
	y->text.span = mark_span(b, &ev->start_mark, &ev->end_mark);
	if (st == YAML_SINGLE_QUOTED_SCALAR_STYLE || st == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
		off++;
	if ((st == YAML_PLAIN_SCALAR_STYLE || st == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	     st == YAML_DOUBLE_QUOTED_SCALAR_STYLE) &&
	    off + len <= b->f->len && memcmp(b->f->data + off, v, len) == 0)
		y->text = bl_text_at(b->f, off, len);
	else
		y->text = bl_text_span(b->f, v, len, y->text.span);
	if (len == 0)
		y->text.span = mark_span(b, &ev->start_mark, &ev->start_mark);
	add_anchor(b, ev->data.scalar.anchor, y, 1);
	place(b, y, 1);
}

static void
open_collection(struct build *b, const yaml_event_t *ev, enum bl_ytype type)
{
	const yaml_char_t *anchor =
	        type == BL_Y_SEQ ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor;
	struct frame *fr;
	enum bl_item_type hint;
	bool entry;

	if (duplicate_anchor(b, anchor, &ev->start_mark))
		return;
	if (b->depth >= MAX_DEPTH) {
		fail(b, TOO_DEEP, mark_span(b, &ev->start_mark, &ev->start_mark));
		return;
	}
	if (b->depth == b->capstack) {
		b->capstack = b->capstack ? b->capstack * 2 : 16;
		b->stack = bl_xrealloc(b->stack, b->capstack * sizeof(*b->stack));
	}
	entry = b->depth > 0 && item_list(b, b->depth - 1, &hint);
	if (entry)
		b->nodes = b->st->items;
	fr = &b->stack[b->depth++];
	memset(fr, 0, sizeof(*fr));
	fr->item = entry;
	fr->y = bl_arena_alloc(b->nodes, sizeof(*fr->y));
	fr->y->type = type;
	fr->weight = 1;
	fr->start = ev->start_mark;
	fr->anchor = anchor != NULL ? bl_xstrdup((const char *)anchor) : NULL;
}

static void
close_collection(struct build *b, const yaml_event_t *ev)
{
	struct frame fr;
	struct bl_ynode *y;

	if (b->depth == 0)
		return;
	fr = b->stack[--b->depth];
	y = fr.y;
	y->text.span = mark_span(b, &fr.start, &ev->end_mark);
	y->n = fr.n;
	y->kids = bl_arena_alloc(b->nodes, (fr.n ? fr.n : 1) * sizeof(*y->kids));
	if (fr.n > 0)
		memcpy(y->kids, fr.kids, fr.n * sizeof(*y->kids));
	free(fr.kids);
	add_anchor(b, (const yaml_char_t *)fr.anchor, y, fr.weight);
	free(fr.anchor);
	if (fr.item)
		b->nodes = b->st->tree;
	place(b, y, fr.weight);
}

/* An alias: the anchored node itself (the tree shares it), which counts
 * as many nodes as it stands for. */
static void
alias(struct build *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	const struct anchor *a = closed_anchor(b, name);

	if (a != NULL)
		place(b, a->y, a->weight);
	else /* open: a collection that holds itself would nest without end */
		fail(b, open_anchor(b, name) ? TOO_DEEP : UNDEFINED_ALIAS,
		     mark_span(b, &ev->start_mark, &ev->start_mark));
}

/* Forgets what the last document left: its anchors, open collections. */
static void
reset(struct build *b)
{
	size_t i;

	for (i = 0; i < b->nanchors; i++)
		free(b->anchors[i].name);
	b->nanchors = 0;
	while (b->depth > 0) {
		b->depth--;
		free(b->stack[b->depth].kids);
		free(b->stack[b->depth].anchor);
	}
	b->root = NULL;
	b->root_weight = 0;
	b->nodes_seen = 0;
}

/* Frees what a document of a streamed backlog left. */
static void
next_document(struct stream *st)
{
	size_t i;

	st->docs++;
	for (i = 0; i < st->nkept; i++)
		bl_arena_free(st->kept[i]);
	st->nkept = 0;
	st->anchored = false;
	bl_arena_reset(st->items);
	bl_arena_reset(st->tree);
}

/* Forgets what a streamed backlog read before an error: a YAML file that
 * does not parse holds no items. */
static void
undo(struct stream *st, struct bl_file *f)
{
	if (st == NULL)
		return;
	if (f->ndropped > 0 && st->opts->items_undone != NULL)
		st->opts->items_undone(st->opts->arg, f);
	f->ndropped = 0;
	f->nitems = st->nitems;
	f->npersonas = st->npersonas;
	f->ndiags = st->ndiags;
}

/* Adds the diagnostic of a parse error of p in f. */
static void
parse_error(struct bl_file *f, const yaml_parser_t *p, size_t off, uint32_t first_line,
            enum bl_diag_kind kind)
{
	size_t at = bl_file_char_offset(f, first_line + (uint32_t)p->problem_mark.line,
	                                (uint32_t)p->problem_mark.column);

	if (p->error == YAML_READER_ERROR) {
		/* Bad bytes: libyaml says where by offset. parse/encoding
		 * reports invalid UTF-8 already. */
		bool known = false;
		size_t i;

		for (i = 0; i < f->ndiags; i++)
			known |= f->diags[i].kind == BL_DIAG_ENCODING;
		at = off + p->problem_offset;
		if (at > f->len)
			at = f->len;
		if (!known)
			bl_file_diag(f, kind, bl_file_span(f, at, 1), "invalid YAML: %s",
			             p->problem ? p->problem : "unreadable input");
		return;
	}
	bl_file_diag(f, kind, bl_file_span(f, at, 0), "invalid YAML: %s%s%s",
	             p->problem ? p->problem : "syntax error", p->context ? " " : "",
	             p->context ? p->context : "");
}

/* Parses as bl_yaml_parse does; with st, reads a YAML backlog as it goes
 * (struct stream) and returns no roots. */
static int
parse(struct bl_file *f, struct bl_arena *nodes, struct stream *st, size_t off, size_t len,
      enum bl_diag_kind kind, struct bl_ynode **roots, int max)
{
	yaml_parser_t parser;
	struct build b;
	uint32_t col;
	int n = 0, status = 0;
	bool done = false;

	memset(&b, 0, sizeof(b));
	b.f = f;
	b.nodes = st != NULL ? st->tree : nodes;
	b.st = st;
	bl_file_pos(f, off, &b.first_line, &col);
	if (!yaml_parser_initialize(&parser)) {
		bl_file_diag(f, kind, bl_file_span(f, off, 0), "could not start the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)f->data + off, len);
	while (!done) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&parser, &ev)) {
			undo(st, f);
			parse_error(f, &parser, off, b.first_line, kind);
			status = -1;
			break;
		}
		switch (ev.type) {
		case YAML_SCALAR_EVENT:
			b.nodes_seen++;
			scalar(&b, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			b.nodes_seen++;
			open_collection(&b, &ev, BL_Y_SEQ);
			break;
		case YAML_MAPPING_START_EVENT:
			b.nodes_seen++;
			open_collection(&b, &ev, BL_Y_MAP);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: close_collection(&b, &ev); break;
		case YAML_ALIAS_EVENT: alias(&b, &ev); break;
		case YAML_DOCUMENT_END_EVENT:
			/* The aliases may stand for at most 4 nodes a node. */
			if (b.root_weight > 4 * b.nodes_seen + 10000)
				fail(&b, TOO_DEEP, b.root->text.span);
			if (b.error == NULL && b.root != NULL && st == NULL && n < max)
				roots[n++] = b.root;
			if (b.error == NULL && b.root != NULL && st != NULL && st->docs < MAX_DOCS)
				load_root(f, b.root, st->opts);
			reset(&b);
			if (st != NULL)
				next_document(st);
			break;
		case YAML_STREAM_END_EVENT: done = true; break;
		default: break;
		}
		yaml_event_delete(&ev);
		if (b.error != NULL) {
			undo(st, f);
			bl_file_diag(f, kind, b.bad, "%s", b.error);
			status = -1;
			break;
		}
	}
	reset(&b);
	free(b.stack);
	free(b.anchors);
	yaml_parser_delete(&parser);
	return status < 0 ? -1 : n;
}

int
bl_yaml_parse(struct bl_file *f, struct bl_arena *nodes, size_t off, size_t len,
              enum bl_diag_kind kind, struct bl_ynode **roots, int max)
{
	return parse(f, nodes, NULL, off, len, kind, roots, max);
}

/* The end of the top-level entry of a front matter that starts at off: the
 * next line that starts a key at the margin, or end. Indented, blank and
 * comment lines, and a block sequence at the margin, belong to the entry. */
static size_t
entry_end(const struct bl_file *f, size_t off, size_t end)
{
	size_t i = off;

	for (;;) {
		const char *nl = memchr(f->data + i, '\n', end - i);

		if (nl == NULL)
			return end;
		i = (size_t)(nl - f->data) + 1;
		if (i >= end)
			return end;
		switch (f->data[i]) {
		case ' ':
		case '\t':
		case '#':
		case '\r':
		case '\n': continue;
		case '-':
			if (i + 1 < end && (f->data[i + 1] == ' ' || f->data[i + 1] == '\n'))
				continue;
			return i;
		default: return i;
		}
	}
}

static struct bl_ynode *
text_node(struct bl_file *f, struct bl_arena *nodes, size_t off, size_t len)
{
	struct bl_ynode *y = bl_arena_alloc(nodes, sizeof(*y));

	memset(y, 0, sizeof(*y));
	y->type = BL_Y_SCALAR;
	y->plain = true;
	y->text = bl_text_at(f, off, len);
	return y;
}

/* Whether [a, b) holds nothing but blank lines and comments. */
static bool
blank_rest(const char *s, size_t a, size_t b)
{
	bool comment = false;

	for (; a < b; a++) {
		if (s[a] == '\n')
			comment = false;
		else if (s[a] == '#')
			comment = true;
		else if (!comment && s[a] != ' ' && s[a] != '\t' && s[a] != '\r')
			return false;
	}
	return true;
}

/*
 * A one-line entry "key: value" whose value strict YAML refuses, read as
 * text: sets *k and *v to the key's and the value's ranges. Flow
 * collections and quoted values are not guessed at.
 */
static bool
text_entry(const struct bl_file *f, size_t off, size_t end, size_t *k, size_t *v, size_t *vlen)
{
	const char *s = f->data;
	const char *nl = memchr(s + off, '\n', end - off);
	size_t eol = nl ? (size_t)(nl - s) : end, i = off;

	if (!blank_rest(s, eol, end))
		return false;
	while (i < eol && s[i] != ':' && s[i] != '#' && s[i] != '"' && s[i] != '\'')
		i++;
	if (i == off || i >= eol || s[i] != ':' || (i + 1 < eol && s[i + 1] != ' '))
		return false;
	*k = i - off;
	for (i++; i < eol && s[i] == ' '; i++)
		;
	while (eol > i && (s[eol - 1] == ' ' || s[eol - 1] == '\t' || s[eol - 1] == '\r'))
		eol--;
	if (i == eol || strchr("[{\"'|>&*!%", s[i]) != NULL)
		return false;
	*v = i;
	*vlen = eol - i;
	return true;
}

/* Moves a parse error of entry [off, e) that libyaml places past its end
 * (an unclosed "[") to the end of the entry's last line of text. */
static void
at_end(struct bl_file *f, size_t mark, size_t off, size_t e)
{
	struct bl_diag *d;
	uint32_t line, col;

	if (f->ndiags <= mark)
		return;
	d = &f->diags[f->ndiags - 1];
	bl_file_pos(f, e, &line, &col);
	if (d->span.line < line || (d->span.line == line && d->span.col < col))
		return;
	while (e > off && (f->data[e - 1] == '\n' || f->data[e - 1] == '\r' ||
	                   f->data[e - 1] == ' ' || f->data[e - 1] == '\t'))
		e--;
	d->span = bl_file_span(f, e, 0);
}

/* Adds key and value to map m (of *cap pairs). */
static void
map_add(struct bl_ynode *m, size_t *cap, struct bl_ynode *k, struct bl_ynode *v)
{
	if (m->n + 2 > *cap) {
		*cap = *cap ? 2 * *cap : 16;
		m->kids = bl_xrealloc(m->kids, *cap * sizeof(*m->kids));
	}
	m->kids[m->n++] = k;
	m->kids[m->n++] = v;
}

struct bl_ynode *
bl_yaml_front_matter(struct bl_file *f, struct bl_arena *nodes, size_t off, size_t len)
{
	struct bl_ynode *root = NULL, *m;
	struct bl_diag first;
	size_t nd = f->ndiags, end = off + len, e, cap = 0;

	if (bl_yaml_parse(f, nodes, off, len, BL_DIAG_FRONT_MATTER, &root, 1) >= 0)
		return root;
	if (f->ndiags == nd)
		return NULL; /* bytes that are not text, reported as such */
	first = f->diags[nd];
	f->ndiags = nd; /* reported entry by entry below */
	m = text_node(f, nodes, off, 0);
	m->type = BL_Y_MAP;
	m->text.span = bl_file_span(f, off, len);
	for (; off < end; off = e) {
		struct bl_ynode *r = NULL;
		size_t mark = f->ndiags, k, v, vlen, i;
		bool text = false;

		e = entry_end(f, off, end);
		if (blank_rest(f->data, off, e))
			continue;
		if (bl_yaml_parse(f, nodes, off, e - off, BL_DIAG_FRONT_MATTER, &r, 1) < 0) {
			at_end(f, mark, off, e);
			text = text_entry(f, off, e, &k, &v, &vlen);
			if (text && f->data[v] == '@') {
				f->ndiags = mark;
				bl_file_diag(
				        f, BL_DIAG_UNQUOTED, bl_file_span(f, v, vlen),
				        "'%.*s' is read as text, but YAML cannot start a value "
				        "with '@': quote it (%.*s: \"%.*s\") so that every tool "
				        "reads it",
				        (int)vlen, f->data + v, (int)k, f->data + off, (int)vlen,
				        f->data + v);
			} else if (text && f->ndiags > mark) {
				f->diags[f->ndiags - 1].message = bl_arena_printf(
				        f->arena,
				        "%s; backlint reads the %.*s as text, other tools "
				        "may not: quote the value",
				        f->diags[f->ndiags - 1].message, (int)k, f->data + off);
			}
			if (text)
				map_add(m, &cap, text_node(f, nodes, off, k),
				        text_node(f, nodes, v, vlen));
			continue;
		}
		if (r != NULL && r->type == BL_Y_MAP)
			for (i = 0; i + 1 < r->n; i += 2)
				map_add(m, &cap, r->kids[i], r->kids[i + 1]);
	}
	if (f->ndiags == nd)
		bl_file_diag(f, first.kind, first.span, "%s", first.message);
	if (m->n == 0) {
		free(m->kids);
		return NULL;
	}
	{
		struct bl_ynode **kids = bl_arena_alloc(nodes, m->n * sizeof(*kids));

		memcpy(kids, m->kids, m->n * sizeof(*kids));
		free(m->kids);
		m->kids = kids;
	}
	return m;
}

struct bl_ynode *
bl_ymap_get(const struct bl_ynode *m, enum bl_key k)
{
	size_t i;

	if (m == NULL || m->type != BL_Y_MAP)
		return NULL;
	for (i = 0; i + 1 < m->n; i += 2)
		if (m->kids[i]->type == BL_Y_SCALAR &&
		    bl_key_lookup(m->kids[i]->text.s, m->kids[i]->text.len) == k)
			return m->kids[i + 1];
	return NULL;
}

/* Entry i of a list or mapping converted by bl_yaml_kv. */
static void
kv_kid(const struct bl_kv *kv, size_t i, struct bl_kv *out)
{
	const struct bl_ynode *y = kv->src;

	if (kv->type == BL_KV_MAP)
		bl_yaml_kv(y->kids[2 * i], y->kids[2 * i + 1], out);
	else
		bl_yaml_kv(NULL, y->kids[i], out);
}

void
bl_yaml_kv(const struct bl_ynode *key, const struct bl_ynode *value, struct bl_kv *out)
{
	memset(out, 0, sizeof(*out));
	/* A key that is no text (a mapping as a key) names nothing. */
	if (key != NULL && key->type == BL_Y_SCALAR)
		out->key = key->text;
	out->src = value;
	out->kid = kv_kid;
	switch (value->type) {
	case BL_Y_SCALAR:
		out->type = BL_KV_TEXT;
		out->value = value->text;
		break;
	case BL_Y_SEQ:
		out->type = BL_KV_LIST;
		out->value.span = value->text.span;
		out->n = value->n;
		break;
	case BL_Y_MAP:
		out->type = BL_KV_MAP;
		out->value.span = value->text.span;
		out->n = value->n / 2;
		break;
	}
}

/* Whether a mapping describes a backlog item. */
static bool
looks_like_item(const struct bl_ynode *m)
{
	size_t i;
	int known = 0, strong = 0;

	if (m->type != BL_Y_MAP)
		return false;
	for (i = 0; i + 1 < m->n; i += 2) {
		enum bl_key k;

		if (m->kids[i]->type != BL_Y_SCALAR)
			continue;
		k = bl_key_lookup(m->kids[i]->text.s, m->kids[i]->text.len);
		switch (k) {
		case BL_KEY_STORY:
		case BL_KEY_AS_A:
		case BL_KEY_I_WANT:
		case BL_KEY_ACCEPTANCE:
		case BL_KEY_DOD: return true;
		case BL_KEY_ID:
		case BL_KEY_TYPE:
		case BL_KEY_STATUS:
		case BL_KEY_ESTIMATE:
			strong++;
			known++;
			break;
		case BL_KEY_TITLE:
		case BL_KEY_PRIORITY:
		case BL_KEY_DEPENDS:
		case BL_KEY_PARENT:
		case BL_KEY_PERSONA:
		case BL_KEY_DESCRIPTION:
		case BL_KEY_PROBLEM:
		case BL_KEY_SUCCESS: known++; break;
		default: break;
		}
	}
	return strong > 0 && known >= 2;
}

/* The item type a collection key implies for its entries. */
static enum bl_item_type
type_of_key(const struct bl_text *key)
{
	enum bl_item_type t = bl_type_parse(key->s, key->len);

	return t;
}

static bool
is_list_key(const struct bl_text *key)
{
	static const char *const keys[] = {"stories",  "items",     "backlog",  "epics",
	                                   "features", "tasks",     "children", "bugs",
	                                   "spikes",   "milestones"};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (bl_strncaseeq(key->s, key->len, keys[i]))
			return true;
	return false;
}

static void load_items(struct bl_file *f, const struct bl_ynode *seq, enum bl_item_type hint,
                       size_t parent, int depth, const struct bl_load_opts *opts);

static void
load_item(struct bl_file *f, const struct bl_ynode *m, enum bl_item_type hint, size_t parent,
          int depth, const struct bl_load_opts *opts)
{
	struct bl_item *it = bl_file_add_item(f);
	size_t self = f->nitems - 1, i;

	it->origin = BL_ORIGIN_YAML;
	it->depth = depth;
	it->span = m->text.span;
	it->span.end_line = it->span.line;
	if (m->n >= 2) {
		/* A key/value entry for each key: room for all at once (an
		 * array grown in the arena leaves its old copies behind). */
		it->capmeta = m->n / 2;
		it->meta = bl_arena_alloc(f->arena, it->capmeta * sizeof(*it->meta));
	}
	for (i = 0; i + 1 < m->n; i += 2) {
		const struct bl_ynode *k = m->kids[i];
		struct bl_kv kv;

		if (k->type != BL_Y_SCALAR ||
		    (is_list_key(&k->text) && m->kids[i + 1]->type == BL_Y_SEQ))
			continue;
		bl_yaml_kv(k, m->kids[i + 1], &kv);
		bl_item_apply(f, it, &kv, opts);
	}
	if (it->id.s != NULL)
		it->span = it->id.span;
	else if (it->title.s != NULL)
		it->span = it->title.span;
	if (it->parent.s == NULL && parent != SIZE_MAX && f->items[parent].id.s != NULL)
		it->parent = f->items[parent].id;
	if (hint != BL_TYPE_UNKNOWN && it->type_text.s == NULL) {
		it->type = hint;
		it->type_inferred = true;
		it->type_reason = "nesting";
	}
	if (it->story_parts_given && it->story.s == NULL) {
		/* The story's span runs from the first part to the last. */
		const struct bl_text *first = it->role.s    ? &it->role
		                              : it->means.s ? &it->means
		                                            : &it->ends;
		const struct bl_text *last = it->ends.s    ? &it->ends
		                             : it->means.s ? &it->means
		                                           : &it->role;
		struct bl_span sp = first->span;

		sp.end_line = last->span.end_line;
		sp.end_col = last->span.end_col;
		it->story = bl_text_span(f, "", 0, sp);
		it->story.s = bl_arena_printf(f->arena, "As %.*s, I want %.*s%s%.*s",
		                              (int)it->role.len, it->role.s ? it->role.s : "",
		                              (int)it->means.len, it->means.s ? it->means.s : "",
		                              it->ends.s ? ", so that " : "", (int)it->ends.len,
		                              it->ends.s ? it->ends.s : "");
		it->story.len = (uint32_t)strlen(it->story.s);
		it->story_template = 0;
	}
	bl_item_finish(f, it, opts);
	for (i = 0; i + 1 < m->n; i += 2) {
		const struct bl_ynode *k = m->kids[i], *v = m->kids[i + 1];

		if (k->type == BL_Y_SCALAR && is_list_key(&k->text) && v->type == BL_Y_SEQ)
			load_items(f, v, type_of_key(&k->text), self, depth + 1, opts);
	}
}

static void
load_items(struct bl_file *f, const struct bl_ynode *seq, enum bl_item_type hint, size_t parent,
           int depth, const struct bl_load_opts *opts)
{
	size_t i;

	bool any = parent != SIZE_MAX;

	if (depth > 16)
		return;
	/* A top-level list is a backlog when some entry clearly is an item;
	 * then every mapping in it is one. */
	for (i = 0; i < seq->n && !any; i++)
		any = looks_like_item(seq->kids[i]);
	for (i = 0; i < seq->n && any; i++)
		if (seq->kids[i]->type == BL_Y_MAP)
			load_item(f, seq->kids[i], hint, parent, depth, opts);
}

/* Backlog.md's backlog/config.yml: statuses and the team's definition of done. */
static bool
team_config(struct bl_file *f, const struct bl_ynode *root)
{
	const char *base = strrchr(f->path, '/');
	const struct bl_ynode *v;
	size_t i;
	bool found = false;

	base = base ? base + 1 : f->path;
	if (root->type != BL_Y_MAP ||
	    (strcmp(base, "config.yml") != 0 && strcmp(base, "config.yaml") != 0))
		return false;
	for (i = 0; i + 1 < root->n; i += 2) {
		const struct bl_ynode *k = root->kids[i];

		v = root->kids[i + 1];
		if (k->type == BL_Y_SCALAR && v->type == BL_Y_SCALAR && v->text.len > 0 &&
		    bl_strncaseeq(k->text.s, k->text.len, "task_prefix"))
			f->team.task_prefix = bl_arena_strndup(f->arena, v->text.s, v->text.len);
		if (k->type != BL_Y_SCALAR || v->type != BL_Y_SEQ)
			continue;
		if (bl_strncaseeq(k->text.s, k->text.len, "statuses")) {
			size_t j;

			for (j = 0; j < v->n; j++)
				if (v->kids[j]->type == BL_Y_SCALAR)
					*(const char **)bl_arena_push(
					        f->arena, (void **)&f->team.statuses,
					        &f->team.nstatuses, &f->team.capstatuses,
					        sizeof(char *)) =
					        bl_arena_strndup(f->arena, v->kids[j]->text.s,
					                         v->kids[j]->text.len);
			found = true;
		} else if (bl_strncaseeq(k->text.s, k->text.len, "definition_of_done") ||
		           bl_strncaseeq(k->text.s, k->text.len, "dod")) {
			size_t j;

			for (j = 0; j < v->n; j++)
				if (v->kids[j]->type == BL_Y_SCALAR)
					*(const char **)bl_arena_push(
					        f->arena, (void **)&f->team.dod, &f->team.ndod,
					        &f->team.capdod, sizeof(char *)) =
					        bl_arena_strndup(f->arena, v->kids[j]->text.s,
					                         v->kids[j]->text.len);
			found = true;
		}
	}
	return found;
}

/* Adds the aliases in v: a list, or one string with commas. */
static void
persona_aliases(struct bl_file *f, struct bl_persona *p, const struct bl_ynode *v)
{
	size_t i;

	if (v->type == BL_Y_SEQ) {
		for (i = 0; i < v->n; i++)
			if (v->kids[i]->type == BL_Y_SCALAR && v->kids[i]->text.len > 0)
				*bl_persona_add_alias(p, f) = v->kids[i]->text;
		return;
	}
	if (v->type != BL_Y_SCALAR)
		return;
	for (i = 0; i < v->text.len;) {
		size_t j = i;

		while (j < v->text.len && v->text.s[j] != ',')
			j++;
		if (j > i) {
			struct bl_text t = bl_text_sub(f, &v->text, i, j - i);

			if (t.len > 0)
				*bl_persona_add_alias(p, f) = t;
		}
		i = j + 1;
	}
}

/* A personas: list of names or of {name, aliases, description}. */
static void
load_personas(struct bl_file *f, const struct bl_ynode *seq)
{
	size_t i, j;

	for (i = 0; i < seq->n; i++) {
		const struct bl_ynode *e = seq->kids[i];
		struct bl_persona *p;

		if (e->type == BL_Y_SCALAR) {
			if (e->text.len == 0)
				continue;
			p = bl_file_add_persona(f);
			p->name = e->text;
			continue;
		}
		if (e->type != BL_Y_MAP)
			continue;
		p = bl_file_add_persona(f);
		for (j = 0; j + 1 < e->n; j += 2) {
			const struct bl_text *k = &e->kids[j]->text;
			const struct bl_ynode *v = e->kids[j + 1];

			if (e->kids[j]->type != BL_Y_SCALAR)
				continue;
			if ((bl_strncaseeq(k->s, k->len, "name") ||
			     bl_strncaseeq(k->s, k->len, "persona")) &&
			    v->type == BL_Y_SCALAR)
				p->name = v->text;
			else if (bl_strncaseeq(k->s, k->len, "aliases") ||
			         bl_strncaseeq(k->s, k->len, "alias") ||
			         bl_strncaseeq(k->s, k->len, "aka"))
				persona_aliases(f, p, v);
			else if (bl_strncaseeq(k->s, k->len, "description") &&
			         v->type == BL_Y_SCALAR)
				p->description = v->text;
		}
		if (p->name.s == NULL || p->name.len == 0)
			f->npersonas--; /* no name: not a persona */
	}
}

/* A cheap look for item keys in text that did not parse. */
static bool
mentions_item_keys(const struct bl_file *f)
{
	static const char *const keys[] = {
	        "as_a:",    "i_want:", "so_that:", "acceptance_criteria:",
	        "stories:", "story:",  "epics:"};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strstr(f->data, keys[i]) != NULL)
			return true;
	return false;
}

/* Reads the items of one document's root (what streaming left of it). */
static void
load_root(struct bl_file *f, const struct bl_ynode *root, const struct bl_load_opts *opts)
{
	size_t i;
	bool found = false;

	if (root->type == BL_Y_SEQ) {
		load_items(f, root, BL_TYPE_UNKNOWN, SIZE_MAX, 0, opts);
		return;
	}
	if (root->type != BL_Y_MAP)
		return;
	if (team_config(f, root)) {
		f->is_team_config = true;
		return;
	}
	for (i = 0; i + 1 < root->n; i += 2) {
		const struct bl_ynode *k = root->kids[i], *v = root->kids[i + 1];

		if (k->type == BL_Y_SCALAR && is_list_key(&k->text) && v->type == BL_Y_SEQ) {
			load_items(f, v, type_of_key(&k->text), SIZE_MAX, 0, opts);
			found = true;
		} else if (k->type == BL_Y_SCALAR && v->type == BL_Y_SEQ &&
		           bl_strncaseeq(k->text.s, k->text.len, "personas")) {
			load_personas(f, v);
			found = true;
		}
	}
	if (!found && looks_like_item(root))
		load_item(f, root, BL_TYPE_UNKNOWN, SIZE_MAX, 0, opts);
}

static void
yaml_load(struct bl_file *f, const struct bl_load_opts *opts)
{
	const char *base = strrchr(f->path, '/');
	struct stream st;
	struct bl_ynode *roots[MAX_DOCS];
	size_t i;
	int n, d;

	memset(&st, 0, sizeof(st));
	st.opts = opts;
	st.nitems = f->nitems;
	st.npersonas = f->npersonas;
	st.ndiags = f->ndiags;
	st.tree = bl_arena_new();
	st.items = bl_arena_new();
	st.strings = bl_arena_new();
	base = base ? base + 1 : f->path;
	/* Team settings (Backlog.md's config.yml) are read from the whole
	 * tree: they are small, and a settings file holds no items. */
	if (strcmp(base, "config.yml") == 0 || strcmp(base, "config.yaml") == 0) {
		n = parse(f, st.tree, NULL, 0, f->len, BL_DIAG_YAML, roots, MAX_DOCS);
		for (d = 0; d < n; d++)
			load_root(f, roots[d], opts);
	} else
		n = parse(f, NULL, &st, 0, f->len, BL_DIAG_YAML, NULL, 0);
	for (i = 0; i < st.nkept; i++)
		bl_arena_free(st.kept[i]);
	free(st.kept);
	bl_arena_free(st.items);
	bl_arena_free(st.tree);
	bl_arena_free(st.strings);
	if (n < 0) {
		/* Unparseable: report it when it is ours to report. */
		f->is_backlog = opts->explicit_file || mentions_item_keys(f);
		if (!f->is_backlog)
			f->skip_reason = "invalid YAML that does not look like a backlog";
		return;
	}
	f->is_backlog = f->nitems + f->ndropped > 0 || f->npersonas > 0 || opts->explicit_file;
	if (f->nitems + f->ndropped == 0 && f->npersonas == 0)
		f->skip_reason = f->is_team_config ? "team settings" : "no backlog items";
}

/* A block sequence as the first text: a list of items. */
static int
yaml_sniff(const char *data, size_t len)
{
	size_t i = 0;

	while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r'))
		i++;
	return i + 1 < len && data[i] == '-' && data[i + 1] == ' ' ? 10 : 0;
}

static const char *const yaml_extensions[] = {"yml", "yaml", NULL};

const struct bl_format bl_format_yaml = {
        .name = "YAML",
        .kind = BL_FILE_YAML,
        .extensions = yaml_extensions,
        .sniff = yaml_sniff,
        .load = yaml_load,
};
