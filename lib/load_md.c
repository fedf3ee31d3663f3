/*
 * Markdown: item files (YAML front matter, one item, body sections found by
 * heading name, Backlog.md's layout included) and backlog documents (one
 * item per heading at a detected level, metadata lines under it, deeper
 * headings as its sections). cmark parses the body with source positions;
 * texts are taken from the source bytes so that spans stay exact.
 */
#include "load_int.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Containers (block quotes, lists) one line may open: more is hostile. */
#define MAX_NESTING 100u

struct block {
	cmark_node *n;
	cmark_node_type type;
	int level;                   /* heading level, or 0 */
	struct bl_text text;         /* the block's source */
	struct bl_text head;         /* heading text without markup */
	enum bl_section_kind pseudo; /* a paragraph standing as a heading */
};

struct md {
	struct bl_file *f;
	const struct bl_load_opts *opts;
	uint32_t line0; /* lines before the body (front matter) */
	struct block *b;
	size_t nb;
	bool fm_items; /* the front matter names item keys: it holds the metadata */
};

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Byte offset of a cmark (line, column) position in the file. */
static size_t
pos_offset(const struct md *m, int line, int col)
{
	const struct bl_file *f = m->f;
	uint32_t l = m->line0 + (uint32_t)(line > 0 ? line : 1);
	size_t off;

	if (l > f->nlines)
		return f->len;
	off = f->lines[l - 1] + (size_t)(col > 0 ? col - 1 : 0);
	return off > f->len ? f->len : off;
}

static struct bl_text
node_text(const struct md *m, cmark_node *n)
{
	size_t s = pos_offset(m, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
	int el = cmark_node_get_end_line(n), ec = cmark_node_get_end_column(n);
	size_t e;

	if (el < cmark_node_get_start_line(n) ||
	    (el == cmark_node_get_start_line(n) && ec < cmark_node_get_start_column(n))) {
		/* cmark can end an HTML block before its start: take its line. */
		size_t len;
		const char *p =
		        bl_file_line(m->f, m->line0 + (uint32_t)cmark_node_get_start_line(n), &len);

		e = (size_t)(p - m->f->data) + len;
	} else if (ec <= 0) {
		/* Ends at the end of the previous line. */
		uint32_t l = m->line0 + (uint32_t)(el > 1 ? el - 1 : 1);
		size_t len;
		const char *p = bl_file_line(m->f, l, &len);

		e = (size_t)(p - m->f->data) + len;
	} else
		e = pos_offset(m, el, ec) + 1;
	if (e > m->f->len)
		e = m->f->len;
	if (e < s)
		e = s;
	while (e > s && is_space(m->f->data[e - 1]))
		e--;
	return bl_text_at(m->f, s, e - s);
}

/* The heading's text: ATX markers and closing sequence removed. */
static struct bl_text
heading_text(const struct md *m, const struct bl_text *t)
{
	size_t i = 0, end;

	if (t->len && t->s[0] == '#') {
		while (i < t->len && t->s[i] == '#')
			i++;
		end = memchr(t->s, '\n', t->len)
		              ? (size_t)((const char *)memchr(t->s, '\n', t->len) - t->s)
		              : t->len;
		while (end > i && (t->s[end - 1] == '#' || is_space(t->s[end - 1]))) {
			size_t e = end;

			while (e > i && t->s[e - 1] == '#')
				e--;
			if (e < end && e > i && !is_space(t->s[e - 1]))
				break; /* "C#" is text, not a closing sequence */
			end = e;
			while (end > i && is_space(t->s[end - 1]))
				end--;
		}
		return bl_text_sub(m->f, t, i, end - i);
	}
	/* Setext: the first line. */
	end = memchr(t->s, '\n', t->len) ? (size_t)((const char *)memchr(t->s, '\n', t->len) - t->s)
	                                 : t->len;
	return bl_text_sub(m->f, t, 0, end);
}

/* The section kind a heading names: the team's own names first. */
static enum bl_section_kind
section_kind(const struct md *m, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < m->opts->nsections; i++)
		if (bl_section_same(m->opts->sections[i].name, s, n))
			return m->opts->sections[i].kind;
	return bl_section_lookup(s, n);
}

/* A short paragraph such as "**Acceptance criteria:**" used as a heading. */
static enum bl_section_kind
pseudo_heading(const struct md *m, const struct bl_text *t)
{
	if (t->len == 0 || t->len > 60 || memchr(t->s, '\n', t->len) != NULL)
		return BL_SEC_OTHER;
	if (t->s[t->len - 1] != ':' && t->s[t->len - 1] != '*' && t->s[t->len - 1] != '_')
		return BL_SEC_OTHER;
	return section_kind(m, t->s, t->len);
}

/* Records the code of blocks m->b in the file: code blocks whole, code
 * spans with their backticks. Rules read prose around them. */
static void
note_code(struct md *m)
{
	const char *d = m->f->data;
	size_t i;

	for (i = 0; i < m->nb; i++) {
		cmark_iter *it;
		cmark_event_type ev;

		if (m->b[i].type == CMARK_NODE_CODE_BLOCK) {
			bl_file_add_code(m->f, m->b[i].text.off, m->b[i].text.len);
			continue;
		}
		it = cmark_iter_new(m->b[i].n);
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *n = cmark_iter_get_node(it);
			cmark_node_type t = cmark_node_get_type(n);
			struct bl_text c;
			size_t a, e;

			if (ev != CMARK_EVENT_ENTER ||
			    (t != CMARK_NODE_CODE && t != CMARK_NODE_CODE_BLOCK))
				continue;
			c = node_text(m, n);
			a = c.off;
			e = c.off + c.len;
			if (t == CMARK_NODE_CODE) {
				/* A span's position is its content's: take the
				 * backticks around it too, and the space that
				 * may pad it ("`` `x` ``"). */
				a -= a > 1 && d[a - 1] == ' ' && d[a - 2] == '`';
				while (a > 0 && d[a - 1] == '`')
					a--;
				e += e + 1 < m->f->len && d[e] == ' ' && d[e + 1] == '`';
				while (e < m->f->len && d[e] == '`')
					e++;
			}
			bl_file_add_code(m->f, a, e - a);
		}
		cmark_iter_free(it);
	}
}

static bool story_candidate(const struct md *m, const struct bl_text *t);

static void
collect(struct md *m, cmark_node *doc)
{
	cmark_node *n;
	size_t cap = 0;

	for (n = cmark_node_first_child(doc); n != NULL; n = cmark_node_next(n)) {
		struct block *b;

		if (m->nb == cap) {
			cap = cap ? cap * 2 : 32;
			m->b = bl_xrealloc(m->b, cap * sizeof(*m->b));
		}
		b = &m->b[m->nb++];
		memset(b, 0, sizeof(*b));
		b->n = n;
		b->type = cmark_node_get_type(n);
		b->text = node_text(m, n);
		if (b->type == CMARK_NODE_HEADING) {
			b->level = cmark_node_get_heading_level(n);
			b->head = heading_text(m, &b->text);
		} else if (b->type == CMARK_NODE_PARAGRAPH)
			b->pseudo = pseudo_heading(m, &b->text);
		else if (b->type == CMARK_NODE_BLOCK_QUOTE) {
			/* "> As a shopper, I want ...": a quoted story reads as
			 * the paragraph it quotes. */
			cmark_node *p = cmark_node_first_child(n);

			if (p != NULL && cmark_node_next(p) == NULL &&
			    cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH) {
				struct bl_text t = node_text(m, p);

				if (story_candidate(m, &t)) {
					b->type = CMARK_NODE_PARAGRAPH;
					b->text = t;
				}
			}
		}
	}
}

/* Blanks emphasis and code markup in s[0, n) (a copy of src), and the
 * quote markers that start its lines, offsets kept. */
static void
blank_markup(char *s, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '*' || s[i] == '`')
			s[i] = ' ';
		else if (s[i] == '_') {
			bool a = i > 0 && !is_space(s[i - 1]) && s[i - 1] != ' ';
			bool b = i + 1 < n && !is_space(src[i + 1]) && src[i + 1] != '_';

			if (!(a && b))
				s[i] = ' ';
		} else if (s[i] == '>') {
			size_t k = i;

			while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '>'))
				k--;
			if (k == 0 || s[k - 1] == '\n')
				s[i] = ' ';
		}
	}
}

/* A copy of t with emphasis and code markup blanked, offsets kept. */
static struct bl_text
demark(struct bl_file *f, const struct bl_text *t)
{
	char *s = bl_arena_strndup(f->arena, t->s, t->len);
	struct bl_text r = *t;

	blank_markup(s, t->s, t->len);
	r.s = s;
	return bl_text_sub(f, &r, 0, r.len);
}

/* "Key: value", "**Key:** value", "- Key: value" with a known key. */
static bool
meta_line(const struct bl_file *f, const struct bl_text *line, struct bl_text *key,
          struct bl_text *val, bool strong_only)
{
	size_t i = 0, ks, ke, colon;
	enum bl_key k;

	while (i < line->len && (is_space(line->s[i]) || line->s[i] == '-' || line->s[i] == '*' ||
	                         line->s[i] == '+' || line->s[i] == '_'))
		i++;
	ks = i;
	while (i < line->len && line->s[i] != ':' && line->s[i] != '\n' && i - ks < 40)
		i++;
	if (i >= line->len || line->s[i] != ':')
		return false;
	colon = i;
	ke = colon;
	while (ke > ks &&
	       (line->s[ke - 1] == '*' || line->s[ke - 1] == '_' || is_space(line->s[ke - 1])))
		ke--;
	if (ke == ks)
		return false;
	k = bl_key_lookup(line->s + ks, ke - ks);
	if (k == BL_KEY_NONE)
		return false;
	if (strong_only && k != BL_KEY_ID && k != BL_KEY_TYPE && k != BL_KEY_STATUS &&
	    k != BL_KEY_ESTIMATE && k != BL_KEY_PRIORITY && k != BL_KEY_PERSONA &&
	    k != BL_KEY_DEPENDS && k != BL_KEY_PARENT && k != BL_KEY_LABELS)
		return false;
	i = colon + 1;
	while (i < line->len && (line->s[i] == '*' || line->s[i] == '_'))
		i++;
	*key = bl_text_sub(f, line, ks, ke - ks);
	*val = bl_text_sub(f, line, i, line->len - i);
	return true;
}

/* Calls fn for each line of t (a block's source). */
#define EACH_LINE(f, t, line, ...)                                                        \
	do {                                                                              \
		size_t s_ = 0, i_;                                                        \
		for (i_ = 0; i_ <= (t)->len; i_++) {                                      \
			if (i_ == (t)->len || (t)->s[i_] == '\n') {                       \
				struct bl_text line = bl_text_sub((f), (t), s_, i_ - s_); \
				s_ = i_ + 1;                                              \
				__VA_ARGS__;                                              \
			}                                                                 \
		}                                                                         \
	} while (0)

/* Whether value v goes on to the next line: it ends with a comma, as a
 * wrapped list does ("Dependencies: US-1, US-2,\n  US-3"). */
static bool
continues(const struct bl_text *v)
{
	return v->len > 0 && v->s[v->len - 1] == ',';
}

/* Whether every line of a paragraph or list block is item metadata (or
 * the wrapped rest of a list value). */
static bool
meta_block(const struct md *m, const struct block *b, bool strong_only)
{
	bool all = true, wrap = false;
	int known = 0;

	if (b->type != CMARK_NODE_PARAGRAPH && b->type != CMARK_NODE_LIST)
		return false;
	EACH_LINE(m->f, &b->text, line, {
		struct bl_text k, v;

		if (line.len == 0)
			continue;
		if (meta_line(m->f, &line, &k, &v, strong_only)) {
			known++;
			wrap = continues(&v);
		} else if (wrap)
			wrap = continues(&line);
		else
			all = false;
	});
	return all && known > 0;
}

static void
apply_one(struct md *m, struct bl_item *it, const struct bl_text *k, const struct bl_text *v)
{
	struct bl_kv kv;

	memset(&kv, 0, sizeof(kv));
	kv.key = *k;
	kv.type = BL_KV_TEXT;
	kv.value = *v;
	bl_item_apply(m->f, it, &kv, m->opts);
}

static void
apply_meta_block(struct md *m, struct bl_item *it, const struct block *b)
{
	struct bl_text pk, pv;
	bool pending = false;

	EACH_LINE(m->f, &b->text, line, {
		struct bl_text k, v;

		if (meta_line(m->f, &line, &k, &v, false)) {
			if (pending)
				apply_one(m, it, &pk, &pv);
			pk = k, pv = v, pending = true;
		} else if (pending && continues(&pv) && line.len > 0 && line.exact && pv.exact) {
			/* The value runs on over the line break. */
			pv = bl_text_at(m->f, pv.off, line.off + line.len - pv.off);
		}
	});
	if (pending)
		apply_one(m, it, &pk, &pv);
}

static bool
gherkin_start(const struct bl_text *t)
{
	static const char *const words[] = {"scenario", "example",  "given ",
	                                    "when ",    "then ",    "and ",
	                                    "but ",     "feature:", "background:"};
	size_t i = 0, w;

	while (i < t->len && (is_space(t->s[i]) || t->s[i] == '*' || t->s[i] == '_'))
		i++;
	for (w = 0; w < sizeof(words) / sizeof(words[0]); w++)
		if (bl_strcaseprefix(t->s + i, t->len - i, words[w]))
			return true;
	return false;
}

/* Feeds a paragraph to the criteria machine: Gherkin line by line,
 * anything else as one criterion. */
static void
ac_text(struct bl_ac *ac, struct bl_text t, int checked, bool list_item)
{
	bool first = true;

	if (!gherkin_start(&t)) {
		bl_ac_line(ac, t, checked, list_item);
		return;
	}
	EACH_LINE(ac->f, &t, line, {
		bl_ac_line(ac, line, first ? checked : -1, first && list_item);
		first = false;
	});
}

static void ac_list(struct md *m, struct bl_ac *ac, cmark_node *list, bool boxes_only);

/* Whether a paragraph is one emphasised label that introduces what
 * follows ("**Verification:**"), not a criterion. */
static bool
label_line(const struct bl_text *t)
{
	size_t n = t->len;

	while (n > 0 && is_space(t->s[n - 1]))
		n--;
	if (n < 5 || memchr(t->s, '\n', n) != NULL || (t->s[0] != '*' && t->s[0] != '_'))
		return false;
	while (n > 0 && (t->s[n - 1] == '*' || t->s[n - 1] == '_'))
		n--;
	return n > 0 && t->s[n - 1] == ':';
}

/* Whether a code block holds Gherkin: said by its info string, or its
 * first line of text starts a scenario or a step. */
static bool
gherkin_code(const struct md *m, const struct block *b)
{
	const char *info = b->n ? cmark_node_get_fence_info(b->n) : NULL;
	struct bl_text t = b->text;
	bool fence = true;

	if (info != NULL && (bl_strcaseprefix(info, strlen(info), "gherkin") ||
	                     bl_strcaseprefix(info, strlen(info), "cucumber") ||
	                     bl_strcaseprefix(info, strlen(info), "feature")))
		return true;
	EACH_LINE(m->f, &t, line, {
		if (fence && line.len >= 3 &&
		    (memcmp(line.s, "```", 3) == 0 || memcmp(line.s, "~~~", 3) == 0)) {
			fence = false;
			continue;
		}
		fence = false;
		if (line.len > 0)
			return gherkin_start(&line);
	});
	return false;
}

static void
ac_block(struct md *m, struct bl_ac *ac, const struct block *b)
{
	switch (b->type) {
	case CMARK_NODE_LIST: ac_list(m, ac, b->n, false); break;
	case CMARK_NODE_PARAGRAPH:
		if (!label_line(&b->text))
			ac_text(ac, b->text, -1, false);
		break;
	case CMARK_NODE_HEADING: bl_ac_line(ac, b->head, -1, false); break;
	case CMARK_NODE_CODE_BLOCK: {
		/* A fenced Gherkin block: its lines, between the fences. Other
		 * code (a script that checks a criterion) is not a criterion. */
		struct bl_text t = b->text;

		if (!gherkin_code(m, b))
			break;
		EACH_LINE(m->f, &t, line, {
			if (line.len >= 3 &&
			    (memcmp(line.s, "```", 3) == 0 || memcmp(line.s, "~~~", 3) == 0))
				continue;
			bl_ac_line(ac, line, -1, false);
		});
		bl_ac_break(ac);
		break;
	}
	default: break;
	}
}

static void
ac_list(struct md *m, struct bl_ac *ac, cmark_node *list, bool boxes_only)
{
	cmark_node *item, *c;

	for (item = cmark_node_first_child(list); item != NULL; item = cmark_node_next(item)) {
		bool first = true;
		int checked = -1;

		for (c = cmark_node_first_child(item); c != NULL; c = cmark_node_next(c)) {
			cmark_node_type t = cmark_node_get_type(c);

			if (t == CMARK_NODE_PARAGRAPH && first) {
				struct bl_text text = node_text(m, c);

				checked = bl_checkbox(m->f, &text);
				first = false;
				if (boxes_only && checked < 0)
					break;
				ac_text(ac, text, checked, true);
			} else if (t == CMARK_NODE_LIST)
				/* Under a checkbox, plain bullets detail it: only
				 * checkboxes are criteria of their own. */
				ac_list(m, ac, c, boxes_only || checked >= 0);
		}
		if (first) {
			/* An empty item, or one holding only "[ ]". */
			struct bl_text text = node_text(m, item);

			(void)text;
		}
	}
}

/* A paragraph that means to be the story sentence. */
static bool
story_candidate(const struct md *m, const struct bl_text *t)
{
	char small[512], *s = t->len <= sizeof(small) ? small : bl_xmalloc(t->len);
	bool r;

	/* Read through emphasis: "**As a** shopper", "_As a_ shopper". An
	 * opener may look far ("I want to ... so that"): the whole text. */
	memcpy(s, t->s, t->len);
	blank_markup(s, t->s, t->len);
	r = bl_story_opener(m->opts->stories, s, t->len);
	if (s != small)
		free(s);
	return r;
}

/* The source text of blocks [from, to), trimmed. */
static struct bl_text
blocks_text(const struct md *m, size_t from, size_t to)
{
	size_t s, e;

	/* Markers such as <!-- SECTION:DESCRIPTION:BEGIN --> are not text. */
	while (from < to && m->b[from].type == CMARK_NODE_HTML_BLOCK)
		from++;
	while (to > from && m->b[to - 1].type == CMARK_NODE_HTML_BLOCK)
		to--;
	if (from >= to)
		return (struct bl_text){0};
	s = m->b[from].text.off;
	e = m->b[to - 1].text.off + m->b[to - 1].text.len;
	return bl_text_at(m->f, s, e > s ? e - s : 0);
}

/* Whether an HTML block is a Backlog.md marker of notes, a plan or a
 * final summary: 1 for "<!-- SECTION:NOTES:BEGIN -->", -1 for its END, 0
 * for anything else. The description's markers are not counted: the
 * problem and outcome headings in it are the item's own. */
static int
section_marker(const struct bl_text *t)
{
	static const char open[] = "<!-- SECTION:";
	size_t n = sizeof(open) - 1;

	if (t->len < n + 8 || memcmp(t->s, open, n) != 0 ||
	    bl_strcaseprefix(t->s + n, t->len - n, "DESCRIPTION:"))
		return 0;
	if (t->len >= n + 10 && memcmp(t->s + t->len - 10, ":BEGIN -->", 10) == 0)
		return 1;
	return memcmp(t->s + t->len - 8, ":END -->", 8) == 0 ? -1 : 0;
}

/* Whether a section marker's END follows among blocks [from, to): a
 * BEGIN left open marks nothing. */
static bool
closed(const struct md *m, size_t from, size_t to)
{
	for (; from < to; from++)
		if (m->b[from].type == CMARK_NODE_HTML_BLOCK) {
			int k = section_marker(&m->b[from].text);

			if (k != 0)
				return k < 0;
		}
	return false;
}

/*
 * Fills item it from blocks [from, to): leading metadata lines, the
 * preamble (story, description), then sections by heading name.
 */
static void
fill_item(struct md *m, size_t itx, size_t from, size_t to, bool front_matter)
{
	struct bl_file *f = m->f;
	struct bl_item *it = &f->items[itx];
	struct bl_ac ac = {0};
	size_t i = from, pre_from, pre_to, sec_from = 0;
	struct bl_section *sec = NULL;
	size_t secx = 0;
	int sec_level = 0;
	bool have_sec = false, story_opened = false, marked = false;

	ac.f = f;
	ac.it = it;
	/* Metadata right under the heading (documents) or at the top (files);
	 * an item file whose front matter gives its metadata has none in its
	 * body ("**Status:** known issue" there is prose). */
	while (i < to && !m->fm_items && meta_block(m, &m->b[i], front_matter)) {
		apply_meta_block(m, it, &m->b[i]);
		i++;
	}
	pre_from = i;
	pre_to = to;
	for (; i < to; i++) {
		struct block *b = &m->b[i];
		enum bl_section_kind kind = BL_SEC_OTHER;
		bool starts = false;

		if (b->type == CMARK_NODE_HTML_BLOCK && section_marker(&b->text) != 0) {
			/* Backlog.md's <!-- SECTION:NOTES:BEGIN --> ... END:
			 * the headings between are the section's own text
			 * ("### Problem" in the implementation notes). */
			marked = have_sec && section_marker(&b->text) > 0 && closed(m, i + 1, to);
		} else if (b->type == CMARK_NODE_HEADING) {
			/* Criteria and a definition of done have markers of
			 * their own: their headings start them wherever. */
			kind = section_kind(m, b->head.s, b->head.len);
			starts = !have_sec || b->level <= sec_level || kind != BL_SEC_OTHER ||
			         it->sections[secx].kind == BL_SEC_OTHER;
			starts &= !marked || kind == BL_SEC_ACCEPTANCE || kind == BL_SEC_DOD;
			marked &= !starts;
		} else if (b->pseudo != BL_SEC_OTHER && !marked) {
			kind = b->pseudo;
			starts = true;
		}
		if (starts) {
			if (!have_sec)
				pre_to = i;
			else
				it->sections[secx].body = blocks_text(m, sec_from, i);
			sec = bl_item_add_section(it, f);
			secx = it->nsections - 1;
			sec->kind = kind;
			sec->name = b->type == CMARK_NODE_HEADING ? b->head : b->text;
			sec_level = b->type == CMARK_NODE_HEADING ? b->level : 7;
			sec_from = i + 1;
			have_sec = true;
			bl_ac_break(&ac);
			ac.background = false;
			continue;
		}
		kind = have_sec ? it->sections[secx].kind : BL_SEC_OTHER;
		if (kind == BL_SEC_ACCEPTANCE || kind == BL_SEC_DOD) {
			ac.dod = kind == BL_SEC_DOD;
			ac_block(m, &ac, b);
			it = &f->items[itx];
			continue;
		}
		if (b->type == CMARK_NODE_PARAGRAPH && kind == BL_SEC_STORY &&
		    it->story_from_section && !story_opened && story_candidate(m, &b->text)) {
			/* A Story section that opens with context: the story is
			 * the paragraph that reads as one. */
			it->story = demark(f, &b->text);
			story_opened = true;
		}
		if (b->type == CMARK_NODE_PARAGRAPH && it->story.s == NULL) {
			if (kind == BL_SEC_STORY) {
				it->story = demark(f, &b->text);
				it->story_from_section = true;
				story_opened = story_candidate(m, &b->text);
			} else if ((!have_sec || kind == BL_SEC_DESCRIPTION) &&
			           story_candidate(m, &b->text))
				it->story = demark(f, &b->text);
		}
	}
	if (have_sec)
		it->sections[secx].body = blocks_text(m, sec_from, to);
	for (i = 0; i < it->nsections; i++) {
		const struct bl_section *s = &it->sections[i];

		if (s->kind == BL_SEC_DESCRIPTION && it->description.s == NULL)
			it->description = s->body;
		else if (s->kind == BL_SEC_PROBLEM && it->problem.s == NULL)
			it->problem = s->body;
		else if (s->kind == BL_SEC_SUCCESS && it->success.s == NULL)
			it->success = s->body;
	}
	if (it->description.s == NULL && pre_to > pre_from)
		it->description = blocks_text(m, pre_from, pre_to);
	(void)sec;
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
heading_has_id(const struct md *m, const struct block *hb)
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
whole_story(const struct md *m, const struct bl_text *t)
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
evidence_in(const struct md *m, int level, bool first, const struct block *b)
{
	if (b->type == CMARK_NODE_HEADING) {
		enum bl_section_kind k;

		if (b->level <= level)
			return 0;
		k = section_kind(m, b->head.s, b->head.len);
		if (k == BL_SEC_ACCEPTANCE || k == BL_SEC_STORY)
			return 1;
		/* A deeper heading that is no section may be an item of its
		 * own: what follows is its evidence, not ours. */
		return k == BL_SEC_OTHER ? 0 : -1;
	}
	if (b->pseudo == BL_SEC_ACCEPTANCE)
		return 1;
	if (b->type == CMARK_NODE_PARAGRAPH && story_candidate(m, &b->text))
		return !m->opts->prose || whole_story(m, &b->text) ? 1 : -1;
	/* "Status: draft" under a heading of a design document or a
	 * changelog says nothing of items. */
	if (m->opts->prose)
		return -1;
	return first && meta_block(m, b, true) ? 1 : -1;
}

/* How strongly the heading at index h carries an item: its direct content. */
static bool
heading_evidence(const struct md *m, size_t h)
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
persona_line(struct md *m, const struct bl_text *raw, bool heading)
{
	struct bl_text t = demark(m->f, raw);
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
load_personas(struct md *m)
{
	size_t i, j;

	for (i = 0; i < m->nb; i++) {
		int level = m->b[i].level;
		bool under = false; /* below a sub-heading of the section */

		if (m->b[i].type != CMARK_NODE_HEADING || !personas_heading(&m->b[i].head))
			continue;
		for (j = i + 1; j < m->nb; j++) {
			const struct block *b = &m->b[j];

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
					t = node_text(m, para);
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
in_personas(struct sections *sc, const struct md *m, size_t i)
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
item_level(const struct md *m)
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
load_items(struct md *m, int level, struct sections *sc)
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
		fill_item(m, itx, i + 1, j, false);
		it = &f->items[itx];
		bl_item_finish(f, it, m->opts);
	}
}

static void
load_document(struct md *m)
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
parse_section(struct md *m, uint32_t a, size_t off, uint32_t b, cmark_node **doc)
{
	const struct bl_file *f = m->f;
	size_t end = b == 0 || b >= f->nlines ? f->len : f->lines[b];
	const struct block *last;

	m->line0 = a - 1;
	m->nb = 0;
	*doc = cmark_parse_document(f->data + off, end - off, CMARK_OPT_SOURCEPOS);
	collect(m, *doc);
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
personas_cut(const struct md *m, int level)
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
each_section(struct md *m, size_t body, int max, bool personas, void (*fn)(struct md *m, void *arg),
             void *arg)
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
evidence_section(struct md *m, void *arg)
{
	struct evidence *ev = arg;
	size_t i;

	for (i = 0; i < m->nb; i++) {
		const struct block *b = &m->b[i];
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
read_section(struct md *m, void *arg)
{
	struct reading *r = arg;
	struct bl_file *f = m->f;
	struct bl_arena *arena = f->arena;

	note_code(m);
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
sectioned_level(struct md *m, size_t body)
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
sectioned_read(struct md *m, size_t body, int level)
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

/* Containers a markdown line opens at its start: block quote markers and
 * list markers ("> > - 1. "). */
static unsigned
line_depth(const char *s, size_t n)
{
	size_t i = 0, j;
	unsigned d = 0;

	for (;;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < n && s[i] == '>') {
			d++, i++;
			continue;
		}
		if (i + 1 < n && (s[i] == '-' || s[i] == '+' || s[i] == '*') &&
		    (s[i + 1] == ' ' || s[i + 1] == '\t')) {
			d++, i += 2;
			continue;
		}
		for (j = i; j < n && j - i < 9 && s[j] >= '0' && s[j] <= '9'; j++)
			;
		if (j > i && j + 1 < n && (s[j] == '.' || s[j] == ')') &&
		    (s[j + 1] == ' ' || s[j + 1] == '\t')) {
			d++, i = j + 2;
			continue;
		}
		return d;
	}
}

/* Whether the markdown from byte body on nests deeper than MAX_NESTING
 * (cmark builds a node per level: a few megabytes of "> > > ..." would
 * take gigabytes); the diagnostic names the first such line. */
static bool
too_deep(struct bl_file *f, size_t body)
{
	uint32_t line, col;
	size_t len;

	bl_file_pos(f, body, &line, &col);
	for (; line <= f->nlines; line++) {
		const char *s = bl_file_line(f, line, &len);
		unsigned d = line_depth(s, len);

		if (d > MAX_NESTING) {
			bl_file_diag(
			        f, BL_DIAG_TOO_DEEP, bl_file_span(f, (size_t)(s - f->data), 1),
			        "markdown nested %u levels deep on this line, more than %u; the "
			        "file is not read",
			        d, MAX_NESTING);
			f->is_backlog = true;
			return true;
		}
	}
	return false;
}

/* A document (Backlog.md's docs/): only the personas it declares. */
static void
load_doc_personas(struct bl_file *f, const struct bl_load_opts *opts)
{
	struct md m;
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
	if (too_deep(f, body))
		return;
	doc = cmark_parse_document(f->data + body, f->len - body, CMARK_OPT_SOURCEPOS);
	collect(&m, doc);
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
	struct md m;
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
	if (too_deep(f, body))
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
	collect(&m, doc);
	note_code(&m);
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
		fill_item(&m, 0, from, m.nb, true);
		bl_item_finish(f, &f->items[0], opts);
	} else if (rc >= 0) {
		load_document(&m);
		load_personas(&m);
	}
	cmark_node_free(doc);
	free(m.b);
	loaded(f, rc, opts);
}
