/*
 * A large backlog document is read in sections, so that cmark's tree (some
 * 6 bytes a byte of text) is never built for the whole of it. A section
 * ends before an ATX heading line that opens no container ("#" as the
 * line's first byte): such a line ends every block before it, so the
 * sections' blocks are the document's. That a line is such a heading is
 * checked, not assumed: the section is parsed up to and with that line,
 * whose block must come out as an ATX heading (inside fenced code or an
 * HTML block it does not); the heading then starts the next section.
 *
 * Two passes. The first finds the heading level that carries items, the
 * evidence of each heading followed block by block as heading_evidence()
 * (lib/load_md_doc.c) does over the whole document. The second reads the items and personas,
 * each section ending before a heading at that level or above outside a
 * Personas section. With items_read, each section's items are handed over
 * and dropped.
 */
#include "load_md.h"

#include <stdlib.h>
#include <string.h>

#define SECTION_BYTES ((size_t)256 << 10)
/* Headings a section may be checked against before the rest of the
 * document is read as one section. */
#define SECTION_TRIES 8

size_t
bl_md_section_bytes(const struct bl_load_opts *opts)
{
	return opts->md_section ? opts->md_section : SECTION_BYTES;
}

/* Whether s[0, n) holds "-->". */
static bool
closes_comment(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 3 <= n; i++)
		if (s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>')
			return true;
	return false;
}

/* The lines that may start a section, found line by line. Fenced code and
 * HTML comments are skipped as far as such a look can tell: a guess
 * only saves parsing, the parse decides. */
struct cands {
	const struct bl_file *f;
	uint32_t line; /* the last line looked at */
	char fence;    /* the fence character of fenced code, or 0 */
	size_t fence_len;
	bool comment; /* in an HTML comment */
};

/* The next line, at or after byte min, with an ATX heading of level max or
 * above at its first byte; 0 when there is none. *level gets its level. */
static uint32_t
next_cand(struct cands *c, size_t min, int max, int *level)
{
	const struct bl_file *f = c->f;

	while (++c->line <= f->nlines) {
		size_t n, i = 0, k;
		const char *s = bl_file_line(f, c->line, &n);

		if (c->comment) {
			c->comment = !closes_comment(s, n);
			continue;
		}
		while (i < n && i < 4 && s[i] == ' ')
			i++;
		if (i < 4 && i < n && (s[i] == '`' || s[i] == '~')) {
			for (k = i; k < n && s[k] == s[i]; k++)
				;
			if (k - i >= 3) {
				if (c->fence == 0) {
					c->fence = s[i];
					c->fence_len = k - i;
				} else if (s[i] == c->fence && k - i >= c->fence_len) {
					while (k < n && (s[k] == ' ' || s[k] == '\t'))
						k++;
					if (k == n)
						c->fence = 0;
				}
				continue;
			}
		}
		if (c->fence != 0)
			continue;
		if (i < 4 && n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			c->comment = !closes_comment(s + i + 4, n - i - 4);
			continue;
		}
		if ((size_t)(s - f->data) < min || n == 0 || s[0] != '#')
			continue;
		for (k = 0; k < n && k < 7 && s[k] == '#'; k++)
			;
		if (k > 6 || (int)k > max || (k < n && s[k] != ' ' && s[k] != '\t'))
			continue;
		*level = (int)k;
		return c->line;
	}
	return 0;
}

/* Parses the document from line a (its byte off) up to and with line b
 * (0: to the end) into m->b, the tree in arena tree. True when line b came out as an ATX heading,
 * which is then left out of m->b (it starts the next section). */
static bool
parse_section(struct bl_md *m, struct bl_arena *tree, uint32_t a, size_t off, uint32_t b,
              cmark_node **doc)
{
	const struct bl_file *f = m->f;
	size_t end = b == 0 || b >= f->nlines ? f->len : f->lines[b];
	const struct bl_md_block *last;

	m->line0 = a - 1;
	m->nb = 0;
	*doc = bl_md_parse(tree, f->data + off, end - off);
	bl_md_collect(m, *doc);
	if (b == 0)
		return true;
	if (m->nb == 0)
		return false;
	last = &m->b[m->nb - 1];
	if (last->type != CMARK_NODE_HEADING ||
	    cmark_node_get_start_line(last->n) != (int)(b - a + 1))
		return false;
	m->nb--;
	return true;
}

/* Whether a section that ends before a heading of level ends inside a
 * Personas section. A section starts outside one (or at the document's
 * start), so its own blocks tell. */
static bool
personas_cut(const struct bl_md *m, int level)
{
	struct bl_md_sections t;
	size_t i;
	int l;

	memset(&t, 0, sizeof(t));
	for (i = 0; i < m->nb; i++)
		bl_md_in_personas(&t, m, i);
	for (l = 1; l < level; l++)
		if (t.personas[l])
			return true;
	return false;
}

/* Reads the document from byte body section by section, calling fn with
 * each section's blocks in m->b. A section ends before a heading of level
 * max or above that starts at least bl_md_section_bytes() later and, with
 * personas, lies outside a Personas section. */
static void
each_section(struct bl_md *m, size_t body, int max, bool personas,
             void (*fn)(struct bl_md *m, void *arg), void *arg)
{
	struct bl_file *f = m->f;
	struct cands c;
	uint32_t a, col;
	size_t off = body;
	struct bl_arena *tree = bl_arena_new();

	bl_file_pos(f, body, &a, &col);
	memset(&c, 0, sizeof(c));
	c.f = f;
	c.line = a;
	for (;;) {
		cmark_node *doc = NULL;
		uint32_t b, next = 0;
		int tries = 0, level;

		while (tries++ < SECTION_TRIES &&
		       (b = next_cand(&c, off + bl_md_section_bytes(m->opts), max, &level)) != 0) {
			if (parse_section(m, tree, a, off, b, &doc) &&
			    (!personas || !personas_cut(m, level))) {
				next = b;
				break;
			}
			cmark_node_free(doc);
			bl_arena_reset(tree);
			doc = NULL;
		}
		if (doc == NULL)
			parse_section(m, tree, a, off, 0, &doc);
		fn(m, arg);
		cmark_node_free(doc);
		bl_arena_reset(tree);
		if (next == 0) {
			bl_arena_free(tree);
			return;
		}
		a = next;
		off = f->lines[next - 1];
		/* A heading opens no block: whatever the guess was, it is over. */
		c.line = next;
		c.fence = 0;
		c.comment = false;
	}
}

/* Headings whose evidence is still undecided while a document is read in
 * sections, and the headings with evidence at each level: what
 * heading_evidence() finds for every heading, block by block through the
 * same bl_md_evidence_in(). The open
 * headings' levels rise (a heading settles those at its level and
 * below), so there are at most six. */
struct evidence {
	struct {
		int level;
		bool first; /* the next block is the first after the heading */
	} open[7];
	int nopen;
	int count[7];
	struct bl_arena *scratch;
};

static void
evidence_section(struct bl_md *m, void *arg)
{
	struct evidence *ev = arg;
	size_t i;

	for (i = 0; i < m->nb; i++) {
		const struct bl_md_block *b = &m->b[i];
		int k, kept = 0;

		for (k = 0; k < ev->nopen; k++) {
			int found = bl_md_evidence_in(m, ev->open[k].level, ev->open[k].first, b);

			ev->open[k].first = false;
			if (found == 1)
				ev->count[ev->open[k].level]++;
			else if (found < 0)
				ev->open[kept++] = ev->open[k];
		}
		ev->nopen = kept;
		if (b->type == CMARK_NODE_HEADING && b->level >= 1 && b->level <= 6) {
			if (bl_md_heading_has_id(m, b))
				ev->count[b->level]++;
			else if (ev->nopen < 7) {
				ev->open[ev->nopen].level = b->level;
				ev->open[ev->nopen++].first = true;
			}
		}
	}
	bl_arena_reset(ev->scratch);
}

/* The second pass's state. */
struct reading {
	int level;
	struct bl_md_sections sc;
	struct bl_arena *strings; /* the texts of items handed over, or NULL */
};

static void
read_section(struct bl_md *m, void *arg)
{
	struct reading *r = arg;
	struct bl_file *f = m->f;
	struct bl_arena *arena = f->arena;

	bl_md_note_code(m);
	if (r->level > 0) {
		if (r->strings != NULL)
			f->arena = r->strings;
		bl_md_items(m, r->level, &r->sc);
		f->arena = arena;
	}
	bl_md_personas(m);
	if (r->strings != NULL)
		bl_items_hand_over(f, m->opts, r->strings);
}

int
bl_md_sectioned_level(struct bl_md *m, size_t body)
{
	struct bl_file *f = m->f;
	struct bl_arena *arena = f->arena;
	struct evidence ev;
	uint32_t line0 = m->line0;
	int best = 0, l;

	memset(&ev, 0, sizeof(ev));
	ev.scratch = bl_arena_new();
	f->arena = ev.scratch;
	each_section(m, body, 6, false, evidence_section, &ev);
	f->arena = arena;
	m->line0 = line0; /* for a reading of the whole after all */
	m->nb = 0;
	bl_arena_free(ev.scratch);
	for (l = 1; l <= 6; l++)
		if (ev.count[l] > ev.count[best])
			best = l;
	return best;
}

void
bl_md_sectioned_read(struct bl_md *m, size_t body, int level)
{
	struct reading r;

	memset(&r, 0, sizeof(r));
	r.level = level;
	if (m->opts->items_read != NULL)
		r.strings = bl_arena_new();
	each_section(m, body, level > 0 ? level : 6, true, read_section, &r);
	bl_arena_free(r.strings);
}
