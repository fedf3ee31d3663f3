/*
 * YAML: libyaml's parser gives a stream of events, which this file builds
 * into bl_ynode trees with exact spans (bounded in depth, and in how many
 * nodes the aliases stand for, so that a tree that shares one subtree many
 * times cannot be walked without end), and the YAML input format: a
 * backlog's item lists read as they are parsed, entry by entry, and what
 * is left of each document read at its end (lib/load_yaml_items.c reads
 * the items from the trees).
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
	size_t off;             /* byte offset of the YAML in the file */
	/* libyaml counts its marks' index in characters, and its lines and
	 * columns as the file's line map does only where the text is ASCII:
	 * there, a mark is at byte off + index (no walk along its line). */
	bool ascii;
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
	if (key->type != BL_Y_SCALAR || !bl_yaml_list_key(&key->text))
		return false;
	*hint = bl_type_parse(key->text.s, key->text.len);
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
			bl_yaml_item(f, list->kids[i], hint, SIZE_MAX, 0, o);
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
		list->any = bl_yaml_looks_like_item(list->kids[list->n - 1]);
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
	if (b->ascii)
		return b->off + m->index;
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
	b.off = off;
	/* A "\r" at the end is a line break to libyaml, but not to the
	 * file's line map when a "\n" follows it outside the YAML. */
	b.ascii = col == 1 && bl_ascii_prefix(f->data + off, len) == len &&
	          (off + len == f->len || len == 0 || f->data[off + len - 1] != '\r');
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
				bl_yaml_root(f, b.root, st->opts);
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
			bl_yaml_root(f, roots[d], opts);
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
