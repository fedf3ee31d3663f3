/*
 * Backlog documents read from their markdown blocks: one item per heading
 * at the level whose headings carry the most evidence of an item (an id,
 * a story), with the metadata lines under it and deeper headings as its
 * sections; and personas, from Personas sections.
 */
#include "load_md.h"

#include <string.h>

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void
bl_md_heading_id(struct bl_file *f, struct bl_item *it, const struct bl_text *h)
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

bool
bl_md_heading_has_id(const struct bl_md *m, const struct bl_md_block *hb)
{
	struct bl_item tmp;

	memset(&tmp, 0, sizeof(tmp));
	bl_md_heading_id(m->f, &tmp, &hb->head);
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

int
bl_md_evidence_in(const struct bl_md *m, int level, bool first, const struct bl_md_block *b)
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

	if (bl_md_heading_has_id(m, &m->b[h]))
		return true;
	for (i = h + 1; i < m->nb; i++) {
		int found = bl_md_evidence_in(m, m->b[h].level, i == h + 1, &m->b[i]);

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

void
bl_md_personas(struct bl_md *m)
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

bool
bl_md_in_personas(struct bl_md_sections *sc, const struct bl_md *m, size_t i)
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

int
bl_md_item_level(const struct bl_md *m)
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

void
bl_md_items(struct bl_md *m, int level, struct bl_md_sections *sc)
{
	struct bl_file *f = m->f;
	size_t i, j;

	for (i = 0; i < m->nb; i++) {
		struct bl_item *it;
		size_t itx;
		bool personas = bl_md_in_personas(sc, m, i);

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
		bl_md_heading_id(f, it, &m->b[i].head);
		bl_md_fill_item(m, itx, i + 1, j, false);
		it = &f->items[itx];
		bl_item_finish(f, it, m->opts);
	}
}

void
bl_md_document(struct bl_md *m)
{
	int level = bl_md_item_level(m);
	struct bl_md_sections sc;

	if (level == 0)
		return;
	memset(&sc, 0, sizeof(sc));
	bl_md_items(m, level, &sc);
}
