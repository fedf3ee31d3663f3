/*
 * Markdown: item files (YAML front matter, one item, body sections found by
 * heading name, Backlog.md's layout included) and backlog documents (one
 * item per heading at a detected level, metadata lines under it, deeper
 * headings as its sections), the item level found from the headings'
 * evidence, personas, and large documents read section by section. The
 * blocks and an item's body are read by lib/md_body.c.
 */
#include "md_body.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Backlog document headings: "US-12: Title", "[STORY-3] Title", "#12 Title". */
static void
heading_id(struct bl_file *f, struct bl_item *it, const struct bl_text *h)
{
	size_t i = 0, j;
	bool bracket = false;

	if (h->len && h->s[0] == '[')
		bracket = true, i = 1;
	/* "#12 Title", "#12: Title": an issue number as the id. */
	if (!bracket && h->len > 1 && h->s[0] == '#' && h->s[1] >= '0' && h->s[1] <= '9') {
		for (j = 1; j < h->len && h->s[j] >= '0' && h->s[j] <= '9'; j++)
			;
		if (j == h->len || is_space(h->s[j]) || h->s[j] == ':' || h->s[j] == '.') {
			size_t t = j;

			while (t < h->len && (is_space(h->s[t]) || h->s[t] == ':' ||
			                      h->s[t] == '-' || h->s[t] == '.' || h->s[t] == '|'))
				t++;
			it->id = bl_text_sub(f, h, 0, j);
			it->title = bl_text_sub(f, h, t, h->len - t);
			return;
		}
	}
	j = i;
	while (j < h->len &&
	       ((h->s[j] >= 'A' && h->s[j] <= 'Z') || (h->s[j] >= 'a' && h->s[j] <= 'z')))
		j++;
	if (j < h->len && (h->s[j] == '-' || h->s[j] == '_') && j > i) {
		size_t k = j + 1;

		while (k < h->len && h->s[k] >= '0' && h->s[k] <= '9')
			k++;
		/* Dotted numbers: "MCP-4.1". */
		while (k > j + 1 && k + 1 < h->len && h->s[k] == '.' && h->s[k + 1] >= '0' &&
		       h->s[k + 1] <= '9')
			for (k++; k < h->len && h->s[k] >= '0' && h->s[k] <= '9'; k++)
				;
		if (k > j + 1 && (k == h->len || !((h->s[k] >= 'A' && h->s[k] <= 'Z') ||
		                                   (h->s[k] >= 'a' && h->s[k] <= 'z')))) {
			size_t t = k;

			if (bracket && t < h->len && h->s[t] == ']')
				t++;
			else if (bracket)
				return;
			while (t < h->len && (is_space(h->s[t]) || h->s[t] == ':' ||
			                      h->s[t] == '-' || h->s[t] == '.' || h->s[t] == '|'))
				t++;
			it->id = bl_text_sub(f, h, i, k - i);
			it->title = bl_text_sub(f, h, t, h->len - t);
			return;
		}
	}
	it->title = *h;
}

/* Whether a heading names its own id ("US-12: Title"): evidence enough. */
static bool
heading_has_id(const struct bl_md *m, const struct bl_md_block *hb)
{
	struct bl_item tmp;

	memset(&tmp, 0, sizeof(tmp));
	heading_id(m->f, &tmp, &hb->head);
	return tmp.id.s != NULL;
}

/* Whether t is a story sentence a template reads whole (role and means):
 * in a project's documentation, '"As a user" says that ...' only speaks
 * of stories. */
static bool
whole_story(const struct bl_md *m, const struct bl_text *t)
{
	struct bl_text role, means, ends;

	memset(&means, 0, sizeof(means));
	return bl_story_parse(m->opts->stories, m->f, t, &role, &means, &ends) >= 0 &&
	       means.s != NULL;
}

/* What block b, after a heading of level (b the first block after it when
 * first), says of that heading's evidence: 1 it has some, 0 it has none
 * (its content has ended), -1 undecided yet. */
static int
evidence_in(const struct bl_md *m, int level, bool first, const struct bl_md_block *b)
{
	if (b->type == CMARK_NODE_HEADING) {
		enum bl_section_kind k;

		if (b->level <= level)
			return 0;
		k = bl_md_section_kind(m, b->head.s, b->head.len);
		if (k == BL_SEC_ACCEPTANCE || k == BL_SEC_STORY)
			return 1;
		/* A deeper heading that is no section may be an item of its
		 * own: what follows is its evidence, not ours. */
		return k == BL_SEC_OTHER ? 0 : -1;
	}
	if (b->pseudo == BL_SEC_ACCEPTANCE)
		return 1;
	if (b->type == CMARK_NODE_PARAGRAPH && bl_md_story_candidate(m, &b->text))
		return !m->opts->prose || whole_story(m, &b->text) ? 1 : -1;
	/* "Status: draft" under a heading of a design document or a
	 * changelog says nothing of items. */
	if (m->opts->prose)
		return -1;
	return first && bl_md_meta_block(m, b, true) ? 1 : -1;
}

/* How strongly the heading at index h carries an item: its direct content. */
static bool
heading_evidence(const struct bl_md *m, size_t h)
{
	size_t i;

	if (heading_has_id(m, &m->b[h]))
		return true;
	for (i = h + 1; i < m->nb; i++) {
		int found = evidence_in(m, m->b[h].level, i == h + 1, &m->b[i]);

		if (found >= 0)
			return found == 1;
	}
	return false;
}

/* Headings that organise a backlog document rather than name an item. */
static bool
document_heading(const struct bl_text *h)
{
	static const char *const names[] = {
	        "notes",
	        "overview",
	        "introduction",
	        "summary",
	        "glossary",
	        "personas",
	        "definition of done",
	        "definition of ready",
	        "out of scope",
	        "open questions",
	        "questions",
	        "references",
	        "changelog",
	        "appendix",
	        "contents",
	        "table of contents",
	        "backlog",
	        "done",
	        "icebox",
	        "parking lot",
	};
	size_t i, n = h->len;

	while (n && (h->s[n - 1] == ':' || h->s[n - 1] == ' '))
		n--;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (bl_strncaseeq(h->s, n, names[i]))
			return true;
	return false;
}

/* Whether a heading names the backlog's personas. */
static bool
personas_heading(const struct bl_text *h)
{
	size_t n = h->len;

	while (n && (h->s[n - 1] == ':' || h->s[n - 1] == ' '))
		n--;
	return bl_strncaseeq(h->s, n, "personas") || bl_strncaseeq(h->s, n, "user personas") ||
	       bl_strncaseeq(h->s, n, "personae") || bl_strncaseeq(h->s, n, "actors");
}

/* Adds the aliases listed in a[0, n): "aka A, B", "also: A", "aliases: A".
 * "also" only counts when the parenthesis follows the name (direct): in a
 * description, "(also lends them)" names no alias. */
static void
persona_aliases(struct bl_file *f, struct bl_persona *p, const struct bl_text *t, size_t from,
                size_t to, bool direct)
{
	static const char *const intro[] = {"aliases:", "alias:", "aka:", "aka", "also:", "also"};
	size_t i, k, nintro = sizeof(intro) / sizeof(intro[0]) - (direct ? 0 : 2);

	while (from < to && (t->s[from] == ' ' || t->s[from] == '('))
		from++;
	for (k = 0; k < nintro; k++)
		if (bl_strcaseprefix(t->s + from, to - from, intro[k])) {
			from += strlen(intro[k]);
			break;
		}
	if (k == nintro)
		return;
	for (i = from; i < to;) {
		size_t j = i;

		while (j < to && t->s[j] != ',' && t->s[j] != ')')
			j++;
		if (j > i) {
			struct bl_text a = bl_text_sub(f, t, i, j - i);

			if (a.len > 0)
				*bl_persona_add_alias(p, f) = a;
		}
		if (j < to && t->s[j] == ')')
			break;
		i = j + 1;
	}
}

/* A persona from a line: "Name", "**Name** (aka A, B): description",
 * "Name - description". */
static void
persona_line(struct bl_md *m, const struct bl_text *raw, bool heading)
{
	struct bl_text t = bl_md_demark(m->f, raw);
	struct bl_persona *p;
	size_t i, end = t.len, name_end = 0, role = 0;

	for (i = 0; i < t.len; i++)
		if (t.s[i] == '\n') {
			end = i;
			break;
		}
	if (!heading)
		for (i = 0; i < end; i++)
			if (t.s[i] == ':' || t.s[i] == '(' ||
			    (end - i >= 3 && memcmp(t.s + i, " - ", 3) == 0) ||
			    (end - i >= 5 && (memcmp(t.s + i, " \xe2\x80\x93 ", 5) == 0 ||
			                      memcmp(t.s + i, " \xe2\x80\x94 ", 5) == 0))) {
				end = i;
				break;
			}
	for (i = 0; heading && i < end; i++)
		if (t.s[i] == '(') {
			end = i;
			break;
		}
	/* A heading "Maya, branch librarian" (or "Maya - branch librarian")
	 * names a person and the role stories are written for: the role is
	 * an alias. */
	for (i = 0; heading && role == 0 && i < end; i++)
		if (t.s[i] == ',' && i + 1 < end && t.s[i + 1] == ' ')
			name_end = i, role = i + 2;
		else if (end - i >= 3 && memcmp(t.s + i, " - ", 3) == 0)
			name_end = i, role = i + 3;
		else if (end - i >= 5 && (memcmp(t.s + i, " \xe2\x80\x93 ", 5) == 0 ||
		                          memcmp(t.s + i, " \xe2\x80\x94 ", 5) == 0))
			name_end = i, role = i + 5;
	p = bl_file_add_persona(m->f);
	p->name = bl_text_sub(m->f, &t, 0, role ? name_end : end);
	if (p->name.len == 0 || p->name.len > 60) {
		m->f->npersonas--; /* not a name */
		return;
	}
	if (role) {
		size_t e = end;

		while (e > role && t.s[e - 1] == ' ')
			e--;
		if (e > role)
			*bl_persona_add_alias(p, m->f) = bl_text_sub(m->f, &t, role, e - role);
	}
	for (i = end; i < t.len && t.s[i] != '\n'; i++)
		if (t.s[i] == '(') {
			size_t j = i, k = end;

			while (k < i && t.s[k] == ' ')
				k++;
			while (j < t.len && t.s[j] != ')' && t.s[j] != '\n')
				j++;
			persona_aliases(m->f, p, &t, i, j, k == i);
			break;
		}
}

/* A Personas section: one persona per sub-heading or per list item. A
 * sub-heading that carries an item (an id, a story) is not a persona, and
 * the lists below a sub-heading describe its persona: "- Goals: ...". */
static void
load_personas(struct bl_md *m)
{
	size_t i, j;

	for (i = 0; i < m->nb; i++) {
		int level = m->b[i].level;
		bool under = false; /* below a sub-heading of the section */

		if (m->b[i].type != CMARK_NODE_HEADING || !personas_heading(&m->b[i].head))
			continue;
		for (j = i + 1; j < m->nb; j++) {
			const struct bl_md_block *b = &m->b[j];

			if (b->type == CMARK_NODE_HEADING && b->level <= level)
				break;
			if (b->type == CMARK_NODE_HEADING) {
				under = true;
				if (b->level == level + 1 && !heading_evidence(m, j))
					persona_line(m, &b->head, true);
			} else if (b->type == CMARK_NODE_LIST && !under) {
				cmark_node *li;

				for (li = cmark_node_first_child(b->n); li;
				     li = cmark_node_next(li)) {
					cmark_node *para = cmark_node_first_child(li);
					struct bl_text t;

					if (para == NULL ||
					    cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
						continue;
					t = bl_md_node_text(m, para);
					persona_line(m, &t, false);
				}
			}
		}
		i = j - 1;
	}
}

/* Follows the headings of a document, block by block: whether the section
 * block i lies in is (or is within) a Personas section of a shallower
 * level. One pass for the whole document. */
struct sections {
	bool personas[7]; /* the open heading of each level is a Personas one */
};

static bool
in_personas(struct sections *sc, const struct bl_md *m, size_t i)
{
	int level = m->b[i].level, l;
	bool in = false;

	if (m->b[i].type != CMARK_NODE_HEADING || level < 1 || level > 6)
		return false;
	for (l = 1; l < level; l++)
		in |= sc->personas[l];
	for (l = level; l <= 6; l++)
		sc->personas[l] = false;
	sc->personas[level] = personas_heading(&m->b[i].head);
	return in;
}

/* The heading level that carries items: the one with the most evidence. */
static int
item_level(const struct bl_md *m)
{
	int count[7] = {0}, best = 0, l;
	size_t i;

	for (i = 0; i < m->nb; i++)
		if (m->b[i].type == CMARK_NODE_HEADING && heading_evidence(m, i))
			count[m->b[i].level]++;
	for (l = 1; l <= 6; l++)
		if (count[l] > count[best])
			best = l;
	return best;
}

/* Reads the items of blocks m->b: one per heading at level (carried in
 * sc from the blocks before, for a document read in sections). */
static void
load_items(struct bl_md *m, int level, struct sections *sc)
{
	struct bl_file *f = m->f;
	size_t i, j;

	for (i = 0; i < m->nb; i++) {
		struct bl_item *it;
		size_t itx;
		bool personas = in_personas(sc, m, i);

		if (m->b[i].type != CMARK_NODE_HEADING || m->b[i].level != level)
			continue;
		if (document_heading(&m->b[i].head) && !heading_evidence(m, i))
			continue;
		if (personas && !heading_evidence(m, i))
			continue; /* a persona, not an item */
		for (j = i + 1; j < m->nb; j++)
			if (m->b[j].type == CMARK_NODE_HEADING && m->b[j].level <= level)
				break;
		it = bl_file_add_item(f);
		itx = f->nitems - 1;
		it->origin = BL_ORIGIN_DOCUMENT;
		it->span = m->b[i].head.span;
		heading_id(f, it, &m->b[i].head);
		bl_md_fill_item(m, itx, i + 1, j, false);
		it = &f->items[itx];
		bl_item_finish(f, it, m->opts);
	}
}

static void
load_document(struct bl_md *m)
{
	int level = item_level(m);
	struct sections sc;

	if (level == 0)
		return;
	memset(&sc, 0, sizeof(sc));
	load_items(m, level, &sc);
}

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
 * does over the whole document. The second reads the items and personas,
 * each section ending before a heading at that level or above outside a
 * Personas section. With items_read, each section's items are handed over
 * and dropped.
 */
#define SECTION_BYTES ((size_t)256 << 10)
/* Headings a section may be checked against before the rest of the
 * document is read as one section. */
#define SECTION_TRIES 8

static size_t
section_bytes(const struct bl_load_opts *opts)
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
 * (0: to the end) into m->b. True when line b came out as an ATX heading,
 * which is then left out of m->b (it starts the next section). */
static bool
parse_section(struct bl_md *m, uint32_t a, size_t off, uint32_t b, cmark_node **doc)
{
	const struct bl_file *f = m->f;
	size_t end = b == 0 || b >= f->nlines ? f->len : f->lines[b];
	const struct bl_md_block *last;

	m->line0 = a - 1;
	m->nb = 0;
	*doc = cmark_parse_document(f->data + off, end - off, CMARK_OPT_SOURCEPOS);
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
	struct sections t;
	size_t i;
	int l;

	memset(&t, 0, sizeof(t));
	for (i = 0; i < m->nb; i++)
		in_personas(&t, m, i);
	for (l = 1; l < level; l++)
		if (t.personas[l])
			return true;
	return false;
}

/* Reads the document from byte body section by section, calling fn with
 * each section's blocks in m->b. A section ends before a heading of level
 * max or above that starts at least section_bytes() later and, with
 * personas, lies outside a Personas section. */
static void
each_section(struct bl_md *m, size_t body, int max, bool personas,
             void (*fn)(struct bl_md *m, void *arg), void *arg)
{
	struct bl_file *f = m->f;
	struct cands c;
	uint32_t a, col;
	size_t off = body;

	bl_file_pos(f, body, &a, &col);
	memset(&c, 0, sizeof(c));
	c.f = f;
	c.line = a;
	for (;;) {
		cmark_node *doc = NULL;
		uint32_t b, next = 0;
		int tries = 0, level;

		while (tries++ < SECTION_TRIES &&
		       (b = next_cand(&c, off + section_bytes(m->opts), max, &level)) != 0) {
			if (parse_section(m, a, off, b, &doc) &&
			    (!personas || !personas_cut(m, level))) {
				next = b;
				break;
			}
			cmark_node_free(doc);
			doc = NULL;
		}
		if (doc == NULL)
			parse_section(m, a, off, 0, &doc);
		fn(m, arg);
		cmark_node_free(doc);
		if (next == 0)
			return;
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
 * same evidence_in(). The open
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
			int found = evidence_in(m, ev->open[k].level, ev->open[k].first, b);

			ev->open[k].first = false;
			if (found == 1)
				ev->count[ev->open[k].level]++;
			else if (found < 0)
				ev->open[kept++] = ev->open[k];
		}
		ev->nopen = kept;
		if (b->type == CMARK_NODE_HEADING && b->level >= 1 && b->level <= 6) {
			if (heading_has_id(m, b))
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
	struct sections sc;
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
		load_items(m, r->level, &r->sc);
		f->arena = arena;
	}
	load_personas(m);
	if (r->strings != NULL)
		bl_items_hand_over(f, m->opts, r->strings);
}

/* The item level of the document from byte body, read in sections. */
static int
sectioned_level(struct bl_md *m, size_t body)
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

/* Reads the items (at level) and personas of the document from byte body,
 * in sections. */
static void
sectioned_read(struct bl_md *m, size_t body, int level)
{
	struct reading r;

	memset(&r, 0, sizeof(r));
	r.level = level;
	if (m->opts->items_read != NULL)
		r.strings = bl_arena_new();
	each_section(m, body, level > 0 ? level : 6, true, read_section, &r);
	bl_arena_free(r.strings);
}

/* Finds a front matter block: "---" on line 1 up to a "---" or "..." line.
 * Returns 1 with the YAML's range and the body's start, 0 when there is
 * none, -1 when it is never closed. */
static int
front_matter(const struct bl_file *f, size_t *yoff, size_t *ylen, size_t *body)
{
	uint32_t l;
	size_t len;
	const char *s = bl_file_line(f, 1, &len);

	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len != 3 || memcmp(s, "---", 3) != 0 || f->nlines < 2)
		return 0;
	*yoff = f->lines[1];
	for (l = 2; l <= f->nlines; l++) {
		s = bl_file_line(f, l, &len);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len == 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "...", 3) == 0)) {
			*ylen = f->lines[l - 1] - *yoff;
			*body = l < f->nlines ? f->lines[l] : f->len;
			return 1;
		}
	}
	return -1;
}

/* Whether the front matter mapping names item keys. In a project's
 * documentation (prose) an id, a type or a status alone is a page's
 * (a documentation site's 'id', a decision record's 'status'): an item
 * names an id and a status, or a key no page has. */
static bool
item_keys(const struct bl_ynode *y, bool prose)
{
	size_t i;
	bool id = false, status = false;

	if (y == NULL || y->type != BL_Y_MAP)
		return false;
	for (i = 0; i + 1 < y->n; i += 2) {
		enum bl_key k;

		if (y->kids[i]->type != BL_Y_SCALAR)
			continue;
		k = bl_key_lookup(y->kids[i]->text.s, y->kids[i]->text.len);
		id |= k == BL_KEY_ID;
		status |= k == BL_KEY_STATUS;
		if (k == BL_KEY_ESTIMATE || k == BL_KEY_PERSONA || k == BL_KEY_STORY ||
		    k == BL_KEY_AS_A || k == BL_KEY_ACCEPTANCE || k == BL_KEY_DEPENDS ||
		    k == BL_KEY_PRIORITY ||
		    (!prose && (k == BL_KEY_ID || k == BL_KEY_TYPE || k == BL_KEY_STATUS)))
			return true;
	}
	return id && status;
}

static void load_md(struct bl_file *f, const struct bl_load_opts *opts);

/* The folder part of path (up to its last '/'; "." when none) in b. */
static void
dir_of(struct bl_buf *b, const char *path)
{
	const char *slash = strrchr(path, '/');

	b->len = 0;
	if (slash == NULL)
		bl_buf_puts(b, ".");
	else
		bl_buf_add(b, path, slash == path ? 1 : (size_t)(slash - path));
}

/* Whether the last name of folder dir is name. */
static bool
dir_named(const char *dir, const char *name)
{
	const char *slash = strrchr(dir, '/');

	return strcmp(slash ? slash + 1 : dir, name) == 0;
}

/* Whether path lies in the tasks/ or drafts/ folder of a Backlog.md
 * backlog (archive/tasks/ and archive/drafts/ too): a folder named
 * "backlog", or one holding Backlog.md's config.yml. */
static bool
backlogmd_task_file(const char *path)
{
	struct bl_buf d = {0}, top = {0};
	struct stat st;
	bool yes = false;

	dir_of(&d, path);
	if (dir_named(d.s, "tasks") || dir_named(d.s, "drafts")) {
		dir_of(&top, d.s);
		if (dir_named(top.s, "archive")) {
			struct bl_buf t = top;

			dir_of(&d, t.s);
			top = d;
			d = t;
		}
		yes = dir_named(top.s, "backlog");
		if (!yes) {
			bl_buf_puts(&top, "/config.yml");
			yes = stat(top.s, &st) == 0 && S_ISREG(st.st_mode);
		}
	}
	bl_buf_free(&d);
	bl_buf_free(&top);
	return yes;
}

/* A file with no front matter in Backlog.md's tasks/: Backlog.md does not
 * show it, and its headings are a document's, not items (a heading named
 * "Success Criteria" is no task). Said once; when its first line is a
 * title with an id ("# task-3 - Replace ..."), that id is kept, unchecked,
 * for the tasks that name it as their parent or dependency. */
static void
free_form_task(struct bl_file *f, const struct bl_load_opts *opts)
{
	size_t len;
	const char *s = bl_file_line(f, 1, &len);

	if (len > 2 && s[0] == '#' && s[1] == ' ') {
		struct bl_text h = bl_text_at(f, (size_t)(s - f->data) + 2, len - 2);
		struct bl_item tmp;

		memset(&tmp, 0, sizeof(tmp));
		h = bl_text_sub(f, &h, 0, h.len);
		heading_id(f, &tmp, &h);
		if (tmp.id.s != NULL) {
			struct bl_item *it = bl_file_add_item(f);

			it->origin = BL_ORIGIN_DOCUMENT;
			it->span = h.span;
			it->id = tmp.id;
			it->title = tmp.title;
			it->name_only = true;
			bl_item_finish(f, it, opts);
		}
	}
	bl_file_diag(f, BL_DIAG_NO_FRONT_MATTER, bl_file_span(f, 0, len),
	             "Backlog.md does not show this file: it has no front matter, so it is read "
	             "as one document, not as tasks; to make it a task, begin it with front "
	             "matter giving 'id', 'title' and 'status' (e.g. 'id: task-12', 'status: To "
	             "Do'), or move it out of this folder");
	f->is_backlog = true;
}

/* Whether a markdown file holds a backlog, once read (rc: front_matter()'s). */
static void
loaded(struct bl_file *f, int rc, const struct bl_load_opts *opts)
{
	if (f->nitems + f->ndropped > 0 || f->npersonas > 0 || opts->explicit_file)
		f->is_backlog = true;
	if (f->is_backlog)
		return;
	if (opts->prose)
		f->skip_reason = "project documentation with no backlog items (no user stories, "
		                 "item ids or acceptance criteria under its headings)";
	else
		f->skip_reason = rc > 0 ? "front matter without item keys, and no item headings"
		                        : "no headings that carry stories or item metadata";
}

/* A document (Backlog.md's docs/): only the personas it declares. */
static void
load_doc_personas(struct bl_file *f, const struct bl_load_opts *opts)
{
	struct bl_md m;
	size_t yoff, ylen, body = 0;
	uint32_t col;
	cmark_node *doc;

	memset(&m, 0, sizeof(m));
	m.f = f;
	m.opts = opts;
	if (front_matter(f, &yoff, &ylen, &body) <= 0)
		body = 0;
	bl_file_pos(f, body, &m.line0, &col);
	m.line0--;
	if (bl_md_too_deep(f, body))
		return;
	doc = cmark_parse_document(f->data + body, f->len - body, CMARK_OPT_SOURCEPOS);
	bl_md_collect(&m, doc);
	load_personas(&m);
	cmark_node_free(doc);
	free(m.b);
	f->is_backlog = f->npersonas > 0;
	if (!f->is_backlog)
		f->skip_reason = "a document that declares no personas";
}

static void
md_load(struct bl_file *f, const struct bl_load_opts *opts)
{
	if (opts->personas_only) {
		load_doc_personas(f, opts);
		return;
	}
	load_md(f, opts);
}

/* Front matter's "---" at the very start, or a heading as the first text. */
static int
md_sniff(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(data, "---", 3) == 0)
		return 10;
	while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r'))
		i++;
	return i < len && data[i] == '#' ? 10 : 0;
}

static const char *const md_extensions[] = {"md", "markdown", "mdown", "mkd", NULL};

const struct bl_format bl_format_md = {
        .name = "markdown",
        .kind = BL_FILE_MARKDOWN,
        .extensions = md_extensions,
        .sniff = md_sniff,
        .load = md_load,
        .personas = true,
};

/* An item file or a backlog document. */
static void
load_md(struct bl_file *f, const struct bl_load_opts *opts)
{
	struct bl_md m;
	struct bl_ynode *fm = NULL;
	size_t yoff = 0, ylen = 0, body = 0;
	int rc = front_matter(f, &yoff, &ylen, &body);
	cmark_node *doc;
	bool fm_ok = false;

	memset(&m, 0, sizeof(m));
	m.f = f;
	m.opts = opts;
	if (rc == 0 && backlogmd_task_file(f->path)) {
		free_form_task(f, opts);
		return;
	}
	if (rc < 0) {
		bl_file_diag(f, BL_DIAG_FRONT_MATTER, bl_file_span(f, 0, 3),
		             "front matter opened on line 1 is never closed with '---'");
		/* Only ours to report when it looks like an item's. */
		f->is_backlog = opts->explicit_file || strstr(f->data, "\nid:") != NULL ||
		                strstr(f->data, "\nstatus:") != NULL;
		if (!f->is_backlog)
			f->skip_reason = "unclosed front matter that does not look like an item";
		body = 0;
	} else if (rc > 0) {
		size_t nd = f->ndiags;

		fm = bl_yaml_front_matter(f, f->arena, yoff, ylen);
		if (fm == NULL && f->ndiags > nd) {
			f->is_backlog = true; /* a broken item file is still an item file */
			return;
		}
		fm_ok = item_keys(fm, opts->prose);
		m.fm_items = fm_ok;
		m.line0 = 0;
	}
	{
		uint32_t col;

		bl_file_pos(f, body, &m.line0, &col);
		m.line0--;
	}
	if (bl_md_too_deep(f, body))
		return;
	if (!fm_ok && rc >= 0 && f->len - body > 4 * section_bytes(opts)) {
		int level = sectioned_level(&m, body);

		/* An item file named on the command line whose headings carry no
		 * items is read whole, below. */
		if (!(rc > 0 && opts->explicit_file && level == 0)) {
			sectioned_read(&m, body, level);
			free(m.b);
			loaded(f, rc, opts);
			return;
		}
	}
	doc = cmark_parse_document(f->data + body, f->len - body, CMARK_OPT_SOURCEPOS);
	bl_md_collect(&m, doc);
	bl_md_note_code(&m);
	if (fm_ok || (rc > 0 && opts->explicit_file && item_level(&m) == 0)) {
		struct bl_item *it = bl_file_add_item(f);
		size_t i, from = 0;

		it->origin = BL_ORIGIN_ITEM_FILE;
		it->span = bl_file_span(f, 0, 3);
		if (fm != NULL && fm->type == BL_Y_MAP)
			for (i = 0; i + 1 < fm->n; i += 2)
				if (fm->kids[i]->type == BL_Y_SCALAR) {
					struct bl_kv kv;

					bl_yaml_kv(fm->kids[i], fm->kids[i + 1], &kv);
					bl_item_apply(f, it, &kv, opts);
				}
		if (m.nb > 0 && m.b[0].type == CMARK_NODE_HEADING && m.b[0].level == 1) {
			if (it->title.s == NULL)
				it->title = m.b[0].head;
			from = 1;
		}
		if (it->id.s != NULL)
			it->span = it->id.span;
		else if (it->title.s != NULL)
			it->span = it->title.span;
		bl_md_fill_item(&m, 0, from, m.nb, true);
		bl_item_finish(f, &f->items[0], opts);
	} else if (rc >= 0) {
		load_document(&m);
		load_personas(&m);
	}
	cmark_node_free(doc);
	free(m.b);
	loaded(f, rc, opts);
}
