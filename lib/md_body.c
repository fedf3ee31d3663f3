/*
 * The markdown reader every format whose texts are markdown shares: cmark
 * parses a text with source positions into top-level blocks whose texts
 * are taken from the source bytes, so that spans stay exact, and an item's
 * body is read from them: metadata lines at its top, the story paragraph,
 * sections by heading name (Backlog.md's section markers included), and
 * acceptance criteria and a definition of done from lists, checklists,
 * Gherkin scenarios and Given/When/Then sentences.
 */
#include "md_body.h"

#include <stdlib.h>
#include <string.h>

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The bytes read: the file's, or the text's own (bl_md_body). */
static const char *
src_data(const struct bl_md *m, size_t *len)
{
	*len = m->own != NULL ? m->own->len : m->f->len;
	return m->own != NULL ? m->own->s : m->f->data;
}

/* Line l (1-based) of the bytes read, without its line break. */
static const char *
src_line(const struct bl_md *m, uint32_t l, size_t *len)
{
	size_t start, end;

	if (m->own == NULL)
		return bl_file_line(m->f, l, len);
	if (l == 0 || l > m->own_nlines) {
		*len = 0;
		return "";
	}
	start = m->own_lines[l - 1];
	end = l < m->own_nlines ? m->own_lines[l] - 1 : m->own->len;
	if (end > start && m->own->s[end - 1] == '\r')
		end--;
	*len = end - start;
	return m->own->s + start;
}

/* The text at [off, off + len) of the bytes read: the file's own, or with
 * the span of the text read. */
static struct bl_text
src_text(const struct bl_md *m, size_t off, size_t len)
{
	struct bl_text t;

	if (m->own == NULL)
		return bl_text_at(m->f, off, len);
	t = *m->own;
	t.s += off;
	t.len = (uint32_t)len;
	return t;
}

/* Byte offset of a cmark (line, column) position in the bytes read. */
static size_t
pos_offset(const struct bl_md *m, int line, int col)
{
	uint32_t l = m->line0 + (uint32_t)(line > 0 ? line : 1);
	size_t off, len;

	if (m->own != NULL) {
		len = m->own->len;
		if (l > m->own_nlines)
			return len;
		off = m->own_lines[l - 1];
	} else {
		len = m->f->len;
		if (l > m->f->nlines)
			return len;
		off = m->f->lines[l - 1];
	}
	off += (size_t)(col > 0 ? col - 1 : 0);
	return off > len ? len : off;
}

struct bl_text
bl_md_node_text(const struct bl_md *m, cmark_node *n)
{
	size_t s = pos_offset(m, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
	int el = cmark_node_get_end_line(n), ec = cmark_node_get_end_column(n);
	size_t e, dlen;
	const char *data = src_data(m, &dlen);

	if (el < cmark_node_get_start_line(n) ||
	    (el == cmark_node_get_start_line(n) && ec < cmark_node_get_start_column(n))) {
		/* cmark can end an HTML block before its start: take its line. */
		size_t len;
		const char *p =
		        src_line(m, m->line0 + (uint32_t)cmark_node_get_start_line(n), &len);

		e = (size_t)(p - data) + len;
	} else if (ec <= 0) {
		/* Ends at the end of the previous line. */
		uint32_t l = m->line0 + (uint32_t)(el > 1 ? el - 1 : 1);
		size_t len;
		const char *p = src_line(m, l, &len);

		e = (size_t)(p - data) + len;
	} else
		e = pos_offset(m, el, ec) + 1;
	if (e > dlen)
		e = dlen;
	if (e < s)
		e = s;
	while (e > s && is_space(data[e - 1]))
		e--;
	return src_text(m, s, e - s);
}

/* The heading's text: ATX markers and closing sequence removed. */
static struct bl_text
heading_text(const struct bl_md *m, const struct bl_text *t)
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
enum bl_section_kind
bl_md_section_kind(const struct bl_md *m, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < m->opts->nsections; i++)
		if (bl_section_same(m->opts->sections[i].name, s, n))
			return m->opts->sections[i].kind;
	return bl_section_lookup(s, n);
}

/* A short paragraph such as "**Acceptance criteria:**" used as a heading. */
static enum bl_section_kind
pseudo_heading(const struct bl_md *m, const struct bl_text *t)
{
	if (t->len == 0 || t->len > 60 || memchr(t->s, '\n', t->len) != NULL)
		return BL_SEC_OTHER;
	if (t->s[t->len - 1] != ':' && t->s[t->len - 1] != '*' && t->s[t->len - 1] != '_')
		return BL_SEC_OTHER;
	return bl_md_section_kind(m, t->s, t->len);
}

/* Records the code of blocks m->b in the file: code blocks whole, code
 * spans with their backticks. Rules read prose around them. */
void
bl_md_note_code(struct bl_md *m)
{
	const char *d = m->f->data;
	size_t i;

	if (m->own != NULL)
		return; /* not the file's bytes: no offsets to record */

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
			c = bl_md_node_text(m, n);
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

void
bl_md_collect(struct bl_md *m, cmark_node *doc)
{
	cmark_node *n;
	size_t cap = 0;

	for (n = cmark_node_first_child(doc); n != NULL; n = cmark_node_next(n)) {
		struct bl_md_block *b;

		if (m->nb == cap) {
			cap = cap ? cap * 2 : 32;
			m->b = bl_xrealloc(m->b, cap * sizeof(*m->b));
		}
		b = &m->b[m->nb++];
		memset(b, 0, sizeof(*b));
		b->n = n;
		b->type = cmark_node_get_type(n);
		b->text = bl_md_node_text(m, n);
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
				struct bl_text t = bl_md_node_text(m, p);

				if (bl_md_story_candidate(m, &t)) {
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
struct bl_text
bl_md_demark(struct bl_file *f, const struct bl_text *t)
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
bool
bl_md_meta_block(const struct bl_md *m, const struct bl_md_block *b, bool strong_only)
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
apply_one(struct bl_md *m, struct bl_item *it, const struct bl_text *k, const struct bl_text *v)
{
	struct bl_kv kv;

	memset(&kv, 0, sizeof(kv));
	kv.key = *k;
	kv.type = BL_KV_TEXT;
	kv.value = *v;
	bl_item_apply(m->f, it, &kv, m->opts);
}

static void
apply_meta_block(struct bl_md *m, struct bl_item *it, const struct bl_md_block *b)
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

static void ac_list(struct bl_md *m, struct bl_ac *ac, cmark_node *list, bool boxes_only);

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

/* Whether a line of a code block's source is one of its fences. */
static bool
fence_line(const struct bl_text *line)
{
	return line->len >= 3 && (memcmp(line->s, "```", 3) == 0 || memcmp(line->s, "~~~", 3) == 0);
}

/* Whether a code block holds Gherkin: said by its info string, or its
 * first line of text starts a scenario or a step. */
static bool
gherkin_code(const struct bl_md *m, const struct bl_md_block *b)
{
	const char *info = b->n ? cmark_node_get_fence_info(b->n) : NULL;
	struct bl_text t = b->text;

	if (info != NULL && (bl_strcaseprefix(info, strlen(info), "gherkin") ||
	                     bl_strcaseprefix(info, strlen(info), "cucumber") ||
	                     bl_strcaseprefix(info, strlen(info), "feature")))
		return true;
	EACH_LINE(m->f, &t, line, {
		if (line.len > 0 && !fence_line(&line))
			return gherkin_start(&line);
	});
	return false;
}

static void
ac_block(struct bl_md *m, struct bl_ac *ac, const struct bl_md_block *b)
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
			if (!fence_line(&line))
				bl_ac_line(ac, line, -1, false);
		});
		bl_ac_break(ac);
		break;
	}
	default: break;
	}
}

static void
ac_list(struct bl_md *m, struct bl_ac *ac, cmark_node *list, bool boxes_only)
{
	cmark_node *item, *c;

	for (item = cmark_node_first_child(list); item != NULL; item = cmark_node_next(item)) {
		bool first = true;
		int checked = -1;

		for (c = cmark_node_first_child(item); c != NULL; c = cmark_node_next(c)) {
			cmark_node_type t = cmark_node_get_type(c);

			if (t == CMARK_NODE_PARAGRAPH && first) {
				struct bl_text text = bl_md_node_text(m, c);

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
			struct bl_text text = bl_md_node_text(m, item);

			(void)text;
		}
	}
}

/* A paragraph that means to be the story sentence. */
bool
bl_md_story_candidate(const struct bl_md *m, const struct bl_text *t)
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
blocks_text(const struct bl_md *m, size_t from, size_t to)
{
	size_t s, e;

	/* Markers such as <!-- SECTION:DESCRIPTION:BEGIN --> are not text. */
	while (from < to && m->b[from].type == CMARK_NODE_HTML_BLOCK)
		from++;
	while (to > from && m->b[to - 1].type == CMARK_NODE_HTML_BLOCK)
		to--;
	if (from >= to)
		return (struct bl_text){0};
	if (m->own != NULL) {
		s = (size_t)(m->b[from].text.s - m->own->s);
		e = (size_t)(m->b[to - 1].text.s - m->own->s) + m->b[to - 1].text.len;
	} else {
		s = m->b[from].text.off;
		e = m->b[to - 1].text.off + m->b[to - 1].text.len;
	}
	return src_text(m, s, e > s ? e - s : 0);
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
closed(const struct bl_md *m, size_t from, size_t to)
{
	for (; from < to; from++)
		if (m->b[from].type == CMARK_NODE_HTML_BLOCK) {
			int k = section_marker(&m->b[from].text);

			if (k != 0)
				return k < 0;
		}
	return false;
}

/* Paragraph b, in the preamble or (in_section) in a section of kind: the
 * story when it reads as one, or a Story section's first paragraph;
 * *opened says whether the story that section gave reads as one. */
static void
story_paragraph(struct bl_md *m, struct bl_item *it, const struct bl_md_block *b,
                enum bl_section_kind kind, bool in_section, bool *opened)
{
	struct bl_file *f = m->f;

	if (kind == BL_SEC_STORY && it->story_from_section && !*opened &&
	    bl_md_story_candidate(m, &b->text)) {
		/* A Story section that opens with context: the story is
		 * the paragraph that reads as one. */
		it->story = bl_md_demark(f, &b->text);
		*opened = true;
	}
	if (it->story.s != NULL)
		return;
	if (kind == BL_SEC_STORY) {
		it->story = bl_md_demark(f, &b->text);
		it->story_from_section = true;
		*opened = bl_md_story_candidate(m, &b->text);
	} else if ((!in_section || kind == BL_SEC_DESCRIPTION) &&
	           bl_md_story_candidate(m, &b->text))
		it->story = bl_md_demark(f, &b->text);
}

/* The description, problem and outcome the item's sections give, where
 * its metadata gave none. */
static void
section_fields(struct bl_item *it)
{
	size_t i;

	for (i = 0; i < it->nsections; i++) {
		const struct bl_section *s = &it->sections[i];

		if (s->kind == BL_SEC_DESCRIPTION && it->description.s == NULL)
			it->description = s->body;
		else if (s->kind == BL_SEC_PROBLEM && it->problem.s == NULL)
			it->problem = s->body;
		else if (s->kind == BL_SEC_SUCCESS && it->success.s == NULL)
			it->success = s->body;
	}
}

/*
 * Fills item it from blocks [from, to): leading metadata lines, the
 * preamble (story, description), then sections by heading name.
 */
void
bl_md_fill_item(struct bl_md *m, size_t itx, size_t from, size_t to, bool front_matter)
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
	while (i < to && !m->fm_items && bl_md_meta_block(m, &m->b[i], front_matter)) {
		apply_meta_block(m, it, &m->b[i]);
		i++;
	}
	pre_from = i;
	pre_to = to;
	for (; i < to; i++) {
		struct bl_md_block *b = &m->b[i];
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
			kind = bl_md_section_kind(m, b->head.s, b->head.len);
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
		if (b->type == CMARK_NODE_PARAGRAPH)
			story_paragraph(m, it, b, kind, have_sec, &story_opened);
	}
	if (have_sec)
		it->sections[secx].body = blocks_text(m, sec_from, to);
	section_fields(it);
	if (it->description.s == NULL && pre_to > pre_from)
		it->description = blocks_text(m, pre_from, pre_to);
	(void)sec;
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

/* Whether a line among lines [first, last] of the bytes read opens more
 * than MAX_NESTING containers (cmark builds a node per level: a few
 * megabytes of "> > > ..." would take gigabytes); the diagnostic names the
 * first such line, and says that what is not read. */
static bool
too_deep(struct bl_md *m, uint32_t first, uint32_t last, const char *what)
{
	uint32_t line;
	size_t len;

	for (line = first; line <= last; line++) {
		const char *s = src_line(m, line, &len);
		unsigned d = line_depth(s, len);

		if (d > MAX_NESTING) {
			bl_file_diag(
			        m->f, BL_DIAG_TOO_DEEP,
			        m->own != NULL ? m->own->span
			                       : bl_file_span(m->f, (size_t)(s - m->f->data), 1),
			        "markdown nested %u levels deep on this line, more than %u; %s "
			        "is not read",
			        d, MAX_NESTING, what);
			return true;
		}
	}
	return false;
}

bool
bl_md_too_deep(struct bl_file *f, size_t body)
{
	struct bl_md m;
	uint32_t line, col;

	memset(&m, 0, sizeof(m));
	m.f = f;
	bl_file_pos(f, body, &line, &col);
	if (!too_deep(&m, line, f->nlines, "the file"))
		return false;
	f->is_backlog = true;
	return true;
}

/* The line starts of text t, for a text that is not the file's bytes. */
static size_t *
own_lines(const struct bl_text *t, uint32_t *n)
{
	size_t *lines, i, k = 1;

	for (i = 0; i < t->len; i++)
		k += t->s[i] == '\n';
	lines = bl_xmalloc(k * sizeof(*lines));
	lines[0] = 0;
	for (i = 0, k = 1; i < t->len; i++)
		if (t->s[i] == '\n')
			lines[k++] = i + 1;
	*n = (uint32_t)k;
	return lines;
}

void
bl_md_body(struct bl_file *f, struct bl_item *it, const struct bl_text *body, bool meta,
           const struct bl_load_opts *opts)
{
	struct bl_md m;
	cmark_node *doc;
	uint32_t first, last, col;

	if (body->s == NULL || body->len == 0)
		return;
	memset(&m, 0, sizeof(m));
	m.f = f;
	m.opts = opts;
	m.fm_items = !meta;
	if (body->exact && (body->off == 0 || f->data[body->off - 1] == '\n')) {
		/* The file's own lines: texts keep their exact spans. */
		bl_file_pos(f, body->off, &first, &col);
		bl_file_pos(f, body->off + body->len - 1, &last, &col);
		m.line0 = first - 1;
	} else {
		m.own = body;
		m.own_lines = own_lines(body, &m.own_nlines);
		first = 1;
		last = m.own_nlines;
	}
	if (!too_deep(&m, first, last, "this text")) {
		struct bl_arena *tree = bl_arena_new();

		doc = bl_md_parse(tree, body->s, body->len);
		bl_md_collect(&m, doc);
		bl_md_note_code(&m);
		bl_md_fill_item(&m, (size_t)(it - f->items), 0, m.nb, meta);
		cmark_node_free(doc);
		bl_arena_free(tree);
	}
	free(m.b);
	free(m.own_lines);
}
