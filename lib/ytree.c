/*
 * YAML trees as the loader's parts read them (the trees are built from
 * libyaml's events in lib/load_yaml.c): a front matter read as leniently
 * as the tools that write one, a mapping's value by key, and a node as a
 * metadata entry (bl_kv).
 */
#include "load_int.h"

#include <stdlib.h>
#include <string.h>

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
