/*
 * What every input form shares once it has found an item: applying
 * metadata keys, recognising acceptance criteria (list items, checkboxes,
 * Gherkin scenarios and Given/When/Then sentences), parsing the story
 * sentence against the templates and inferring the item's type.
 */
#include "load_int.h"

#include <ctype.h>
#include <string.h>

static bool
isspace_c(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether word (ASCII, lower case) starts t at a word boundary. */
static size_t
starts_word(const char *s, size_t n, const char *word)
{
	size_t i, wl = strlen(word);

	if (n < wl)
		return 0;
	for (i = 0; i < wl; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != word[i])
			return 0;
	}
	if (n > wl && (s[wl] == '_' || (s[wl] >= 'a' && s[wl] <= 'z') ||
	               (s[wl] >= 'A' && s[wl] <= 'Z') || (s[wl] >= '0' && s[wl] <= '9')))
		return 0;
	return wl;
}

/* Whether the ASCII word occurs in s[0, n) on word boundaries. */
static bool
has_word(const char *s, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++) {
		bool edge = i == 0 || !((s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
		                        (s[i - 1] >= 'A' && s[i - 1] <= 'Z'));

		if (edge && starts_word(s + i, n - i, word))
			return true;
	}
	return false;
}

/* Skips list markers, emphasis and blockquote markup at the start of t. */
static struct bl_text
strip_markup(const struct bl_file *f, const struct bl_text *t)
{
	size_t i = 0;

	while (i < t->len && (isspace_c(t->s[i]) || t->s[i] == '*' || t->s[i] == '_' ||
	                      t->s[i] == '>' || t->s[i] == '-' || t->s[i] == '+'))
		i++;
	return bl_text_sub(f, t, i, t->len - i);
}

int
bl_checkbox(const struct bl_file *f, struct bl_text *t)
{
	int checked;
	size_t i = 0;

	while (i < t->len && isspace_c(t->s[i]))
		i++;
	if (t->len - i < 3 || t->s[i] != '[' || t->s[i + 2] != ']')
		return -1;
	if (t->s[i + 1] == ' ')
		checked = 0;
	else if (t->s[i + 1] == 'x' || t->s[i + 1] == 'X')
		checked = 1;
	else
		return -1;
	i += 3;
	/* Backlog.md numbers its criteria: "- [ ] #1 text". */
	{
		size_t j = i;

		while (j < t->len && isspace_c(t->s[j]))
			j++;
		if (j < t->len && t->s[j] == '#') {
			size_t k = j + 1;

			while (k < t->len && t->s[k] >= '0' && t->s[k] <= '9')
				k++;
			if (k > j + 1 && (k == t->len || isspace_c(t->s[k])))
				i = k;
		}
	}
	*t = bl_text_sub(f, t, i, t->len - i);
	return checked;
}

static const struct {
	const char *word;
	enum bl_step_kw kw;
} step_words[] = {
        {"given", BL_STEP_GIVEN}, {"when", BL_STEP_WHEN}, {"then", BL_STEP_THEN},
        {"and", BL_STEP_AND},     {"but", BL_STEP_BUT},
};

static int
step_keyword(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(step_words) / sizeof(step_words[0]); i++) {
		size_t l = starts_word(s, n, step_words[i].word);

		if (l && (l == n || isspace_c(s[l]) || s[l] == '*' || s[l] == '_' || s[l] == ':'))
			return (int)i;
	}
	return -1;
}

void
bl_ac_break(struct bl_ac *ac)
{
	ac->scenario = NULL;
}

static struct bl_criterion *
scenario_of(struct bl_ac *ac)
{
	/* Criteria arrays may have moved: the open scenario is the last one. */
	if (ac->scenario == NULL)
		return NULL;
	return ac->dod ? &ac->it->dod[ac->it->ndod - 1] : &ac->it->criteria[ac->it->ncriteria - 1];
}

void
bl_ac_line(struct bl_ac *ac, struct bl_text line, int checked, bool list_item)
{
	struct bl_text t = strip_markup(ac->f, &line);
	struct bl_criterion *c;
	size_t l;
	int kw;

	if (t.len == 0)
		return;
	if (t.s[0] == '|' || t.s[0] == '#' || t.s[0] == '@')
		return; /* Examples table rows, comments, tags */
	if ((l = starts_word(t.s, t.len, "scenario")) || (l = starts_word(t.s, t.len, "example"))) {
		const char *rest = t.s + l;
		size_t rn = t.len - l;

		while (rn && *rest != ':' && !isspace_c(*rest) && *rest != '*')
			rest++, rn--;
		/* "Scenario:", "Scenario Outline:", "Example:", "Scenario 2:" */
		if (memchr(t.s, ':', t.len) != NULL) {
			ac->background = false;
			c = bl_item_add_criterion(ac->it, ac->f, ac->dod);
			c->kind = BL_CRIT_SCENARIO;
			c->checked = checked;
			c->text = t;
			ac->scenario = c;
			return;
		}
	}
	if (starts_word(t.s, t.len, "background") && memchr(t.s, ':', t.len) != NULL) {
		ac->scenario = NULL;
		ac->background = true;
		return;
	}
	if ((starts_word(t.s, t.len, "feature") || starts_word(t.s, t.len, "rule") ||
	     starts_word(t.s, t.len, "examples")) &&
	    memchr(t.s, ':', t.len) != NULL) {
		ac->scenario = NULL;
		return;
	}
	kw = step_keyword(t.s, t.len);
	if (kw >= 0) {
		struct bl_step *st;

		/* "Given x, when y, then z" in one sentence. */
		if (step_words[kw].kw == BL_STEP_GIVEN && has_word(t.s, t.len, "when") &&
		    has_word(t.s, t.len, "then")) {
			c = bl_item_add_criterion(ac->it, ac->f, ac->dod);
			c->kind = BL_CRIT_GWT;
			c->checked = checked;
			c->text = t;
			ac->scenario = NULL;
			return;
		}
		if (ac->background)
			return;
		c = scenario_of(ac);
		if (c == NULL) {
			c = bl_item_add_criterion(ac->it, ac->f, ac->dod);
			c->kind = BL_CRIT_SCENARIO;
			c->checked = checked;
			c->text = t;
			ac->scenario = c;
		}
		/* Steps written as checklist items: the scenario is checked
		 * only when every one of them is. */
		if (checked >= 0 && c->checked != 0)
			c->checked = c->checked < 0 || checked < c->checked ? checked : c->checked;
		st = bl_criterion_add_step(c, ac->f);
		st->kw = step_words[kw].kw;
		st->text = t;
		return;
	}
	ac->background = false;
	if (!list_item && ac->scenario != NULL)
		return; /* prose inside a scenario: a continued step */
	ac->scenario = NULL;
	if (!list_item && t.s[t.len - 1] == ':')
		return; /* an introduction: "The story is done when:" */
	c = bl_item_add_criterion(ac->it, ac->f, ac->dod);
	c->kind = BL_CRIT_ITEM;
	c->checked = checked;
	c->text = t;
}

/* Whether key k of an entry is word. */
static bool
key_is(const struct bl_kv *e, const char *word)
{
	return bl_strncaseeq(e->key.s, e->key.len, word);
}

/* A Given/When/Then mapping (a YAML backlog's). */
static void
ac_mapping(struct bl_ac *ac, const struct bl_kv *m)
{
	static const char *const keys[] = {"given", "when", "then", "and", "but"};
	struct bl_criterion *c = bl_item_add_criterion(ac->it, ac->f, ac->dod);
	size_t i, k;

	c->kind = BL_CRIT_GWT;
	c->text.span = m->value.span;
	c->text.s = "";
	for (i = 0; i < m->n; i++) {
		struct bl_kv v;

		m->kid(m, i, &v);
		if (v.key.s == NULL)
			continue;
		for (k = 0; k < 5; k++) {
			size_t j;

			if (!key_is(&v, keys[k]))
				continue;
			for (j = 0; j < (v.type == BL_KV_LIST ? v.n : 1); j++) {
				struct bl_kv s = v;
				struct bl_step *st;

				if (v.type == BL_KV_LIST)
					v.kid(&v, j, &s);
				if (s.type != BL_KV_TEXT)
					continue;
				st = bl_criterion_add_step(c, ac->f);
				st->kw = (enum bl_step_kw)(j > 0 ? BL_STEP_AND : k);
				st->text = s.value;
			}
		}
		if (key_is(&v, "scenario") || key_is(&v, "title") || key_is(&v, "name") ||
		    key_is(&v, "text")) {
			if (v.type == BL_KV_TEXT) {
				c->text = v.value;
				c->kind = key_is(&v, "text") ? BL_CRIT_ITEM : BL_CRIT_SCENARIO;
			}
		}
		if ((key_is(&v, "done") || key_is(&v, "checked")) && v.type == BL_KV_TEXT)
			c->checked = bl_strncaseeq(v.value.s, v.value.len, "true") ||
			             bl_strncaseeq(v.value.s, v.value.len, "yes");
	}
	if (c->kind == BL_CRIT_GWT && c->nsteps > 0 && c->text.len == 0)
		c->text = c->steps[0].text;
}

static void
ac_value(struct bl_file *f, struct bl_item *it, const struct bl_kv *v, bool dod)
{
	struct bl_ac ac = {0};
	size_t i;

	ac.f = f;
	ac.it = it;
	ac.dod = dod;
	if (v->type == BL_KV_TEXT) {
		/* A block of lines: one criterion a line. */
		const char *s = v->value.s;
		size_t start = 0;

		for (i = 0; i <= v->value.len; i++) {
			if (i == v->value.len || s[i] == '\n') {
				struct bl_text line = bl_text_sub(f, &v->value, start, i - start);

				if (line.len) {
					int checked = bl_checkbox(f, &line);

					bl_ac_line(&ac, line, checked, true);
				}
				start = i + 1;
			}
		}
		return;
	}
	if (v->type == BL_KV_MAP) {
		ac_mapping(&ac, v);
		return;
	}
	for (i = 0; i < v->n; i++) {
		struct bl_kv e;

		v->kid(v, i, &e);
		if (e.type == BL_KV_TEXT) {
			struct bl_text line = e.value;
			int checked = bl_checkbox(f, &line);

			bl_ac_line(&ac, line, checked, true);
		} else if (e.type == BL_KV_MAP) {
			bl_ac_break(&ac);
			ac_mapping(&ac, &e);
		}
	}
}

/* Adds the comma-separated entries of a text, or of each text of a list. */
static void
add_list(struct bl_file *f, struct bl_item *it, const struct bl_kv *v, bool deps)
{
	size_t i, start = 0;

	if (v->type == BL_KV_LIST) {
		for (i = 0; i < v->n; i++) {
			struct bl_kv e;

			v->kid(v, i, &e);
			if (e.type == BL_KV_TEXT)
				add_list(f, it, &e, deps);
		}
		return;
	}
	if (v->type != BL_KV_TEXT)
		return;
	for (i = 0; i <= v->value.len; i++) {
		if (i == v->value.len || v->value.s[i] == ',') {
			struct bl_text e = bl_text_sub(f, &v->value, start, i - start);

			/* "[a, b]" written as a string in a document line; "#12"
			 * stays as written, as heading ids keep it. */
			while (e.len && e.s[0] == '[')
				e = bl_text_sub(f, &e, 1, e.len - 1);
			while (e.len && e.s[e.len - 1] == ']')
				e = bl_text_sub(f, &e, 0, e.len - 1);
			if (e.len && !bl_strncaseeq(e.s, e.len, "none") &&
			    !(e.len == 1 && e.s[0] == '-'))
				*(deps ? bl_item_add_dep(it, f) : bl_item_add_label(it, f)) = e;
			start = i + 1;
		}
	}
}

/* A multi-line value as text: a text, or the texts of a list's entries
 * (a mapping's keys and values) a line each. */
static struct bl_text
block_text(struct bl_file *f, const struct bl_kv *v)
{
	struct bl_buf b = {0};
	struct bl_text t;
	size_t i;

	if (v->type == BL_KV_TEXT)
		return v->value;
	for (i = 0; i < v->n; i++) {
		struct bl_kv e;

		v->kid(v, i, &e);
		if (e.key.s != NULL) {
			if (b.len)
				bl_buf_putc(&b, '\n');
			bl_buf_add(&b, e.key.s, e.key.len);
		}
		if (e.type == BL_KV_TEXT) {
			if (b.len)
				bl_buf_putc(&b, '\n');
			bl_buf_add(&b, e.value.s, e.value.len);
		}
	}
	t = bl_text_span(f, b.s ? b.s : "", b.len, v->value.span);
	bl_buf_free(&b);
	return t;
}

void
bl_item_apply(struct bl_file *f, struct bl_item *it, const struct bl_kv *v,
              const struct bl_load_opts *opts)
{
	enum bl_key k = bl_key_lookup(v->key.s, v->key.len);
	struct bl_meta *m = bl_item_add_meta(it, f);
	struct bl_text *field = NULL;
	struct bl_section *sec;
	struct bl_kv first;

	(void)opts;
	m->key = v->key;
	m->kind = (int)k;
	if (v->type == BL_KV_TEXT)
		m->value = v->value;
	else
		m->value.span = v->value.span;
	switch (k) {
	case BL_KEY_ID: field = &it->id; break;
	case BL_KEY_TITLE: field = &it->title; break;
	case BL_KEY_TYPE: field = &it->type_text; break;
	case BL_KEY_STATUS: field = &it->status; break;
	case BL_KEY_PERSONA: field = &it->persona; break;
	case BL_KEY_ESTIMATE: field = &it->estimate; break;
	case BL_KEY_PRIORITY: field = &it->priority; break;
	case BL_KEY_PARENT: field = &it->parent; break;
	case BL_KEY_MILESTONE: field = &it->milestone; break;
	case BL_KEY_CREATED: field = &it->created; break;
	case BL_KEY_UPDATED: field = &it->updated; break;
	case BL_KEY_DEPENDS: add_list(f, it, v, true); return;
	case BL_KEY_LABELS: add_list(f, it, v, false); return;
	case BL_KEY_STORY:
		if (v->type == BL_KV_TEXT && v->value.len) {
			it->story = v->value;
			it->story_from_section = true;
		}
		return;
	case BL_KEY_AS_A:
		field = &it->role;
		it->story_parts_given = true;
		break;
	case BL_KEY_I_WANT:
		field = &it->means;
		it->story_parts_given = true;
		break;
	case BL_KEY_SO_THAT:
		field = &it->ends;
		it->story_parts_given = true;
		break;
	case BL_KEY_DESCRIPTION: it->description = block_text(f, v); return;
	case BL_KEY_PROBLEM: it->problem = block_text(f, v); return;
	case BL_KEY_SUCCESS: it->success = block_text(f, v); return;
	case BL_KEY_ACCEPTANCE: ac_value(f, it, v, false); return;
	case BL_KEY_DOD: ac_value(f, it, v, true); return;
	case BL_KEY_NOTES:
		sec = bl_item_add_section(it, f);
		sec->kind = BL_SEC_NOTES;
		sec->name = v->key;
		sec->body = block_text(f, v);
		return;
	default: return;
	}
	if (v->type == BL_KV_TEXT && v->value.len)
		*field = v->value;
	else if (v->type == BL_KV_LIST && v->n > 0 && (k == BL_KEY_PARENT || k == BL_KEY_PERSONA)) {
		v->kid(v, 0, &first);
		if (first.type == BL_KV_TEXT)
			*field = first.value;
	}
}

/* Type inference: what a name, an id or a folder says about the type. */
static const struct {
	const char *prefix;
	enum bl_item_type t;
} id_prefixes[] = {
        {"story", BL_TYPE_STORY},     {"us", BL_TYPE_STORY},
        {"epic", BL_TYPE_EPIC},       {"ep", BL_TYPE_EPIC},
        {"feature", BL_TYPE_FEATURE}, {"feat", BL_TYPE_FEATURE},
        {"ft", BL_TYPE_FEATURE},      {"bug", BL_TYPE_BUG},
        {"spike", BL_TYPE_SPIKE},     {"enabler", BL_TYPE_ENABLER},
        {"en", BL_TYPE_ENABLER},      {"milestone", BL_TYPE_MILESTONE},
        {"ms", BL_TYPE_MILESTONE},    {"task", BL_TYPE_TASK},
};

static enum bl_item_type
type_from_id(const struct bl_text *id)
{
	size_t i, n = 0;

	if (id->s == NULL)
		return BL_TYPE_UNKNOWN;
	while (n < id->len &&
	       ((id->s[n] >= 'a' && id->s[n] <= 'z') || (id->s[n] >= 'A' && id->s[n] <= 'Z')))
		n++;
	if (n == 0 || n == id->len ||
	    (id->s[n] != '-' && id->s[n] != '_' && !(id->s[n] >= '0' && id->s[n] <= '9')))
		return BL_TYPE_UNKNOWN;
	for (i = 0; i < sizeof(id_prefixes) / sizeof(id_prefixes[0]); i++)
		if (bl_strncaseeq(id->s, n, id_prefixes[i].prefix))
			return id_prefixes[i].t;
	return BL_TYPE_UNKNOWN;
}

static enum bl_item_type
type_from_path(const char *path)
{
	enum bl_item_type found = BL_TYPE_UNKNOWN;
	const char *p = path, *slash;

	/* The nearest folder that names a type wins. */
	while ((slash = strchr(p, '/')) != NULL) {
		enum bl_item_type t = bl_type_parse(p, (size_t)(slash - p));

		if (t != BL_TYPE_UNKNOWN)
			found = t;
		p = slash + 1;
	}
	return found;
}

static void
infer_type(struct bl_file *f, struct bl_item *it)
{
	enum bl_item_type t;
	size_t i;

	if (it->type_text.s != NULL) {
		it->type = bl_type_parse(it->type_text.s, it->type_text.len);
		if (it->type != BL_TYPE_UNKNOWN) {
			it->type_inferred = false;
			it->type_reason = "declared";
			return;
		}
	}
	if (it->type != BL_TYPE_UNKNOWN) /* set by the loader: nesting */
		return;
	it->type_inferred = true;
	/* A label that names a type ("bug", "epic") is the item's own word,
	 * before what its id or folder suggest. */
	for (i = 0; i < it->nlabels; i++) {
		t = bl_type_parse(it->labels[i].s, it->labels[i].len);
		if (t != BL_TYPE_UNKNOWN) {
			it->type = t;
			it->type_reason = "label";
			return;
		}
	}
	t = type_from_id(&it->id);
	if (t != BL_TYPE_UNKNOWN && t != BL_TYPE_TASK) {
		it->type = t;
		it->type_reason = "id prefix";
		return;
	}
	t = type_from_path(f->path);
	if (t != BL_TYPE_UNKNOWN && t != BL_TYPE_TASK) {
		it->type = t;
		it->type_reason = "folder";
		return;
	}
	if (it->story.s != NULL || it->story_parts_given || it->origin == BL_ORIGIN_LIST) {
		it->type = BL_TYPE_STORY;
		it->type_reason = it->origin == BL_ORIGIN_LIST ? "story list" : "story sentence";
		return;
	}
	if (t == BL_TYPE_TASK || type_from_id(&it->id) == BL_TYPE_TASK) {
		it->type = BL_TYPE_TASK;
		it->type_reason = t == BL_TYPE_TASK ? "folder" : "id prefix";
		return;
	}
	it->type = BL_TYPE_TASK;
	it->type_reason = "default";
}

/* Whether the word at s[i, n) is w, followed by a space or the end. */
static bool
word_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t k = strlen(w);

	return i + k <= n && bl_strcaseprefix(s + i, n - i, w) && (i + k == n || s[i + k] == ' ');
}

/*
 * The role as people write it: "As a researcher, working with data" names
 * a researcher; a relative clause ("who has read ...") or a description
 * ("interested in ...", "looking for ...") says more about them but is
 * not the role. A stray lower-case letter before it ("As a l clerk") is
 * kept apart, for story/format to report.
 */
static void
clean_role(struct bl_file *f, struct bl_item *it)
{
	static const char *const clause[] = {"who",  "whom",       "whose", "which",
	                                     "that", "interested", NULL};
	static const char *const after_ing[] = {"with", "in", "on", "for", "at", "to", "the",
	                                        "a",    "an", "my", "our", "as", NULL};
	struct bl_text *r = &it->role;
	size_t n, i, k;

	if (r->s == NULL || r->len == 0)
		return;
	if (r->len > 2 && islower((unsigned char)r->s[0]) && r->s[1] == ' ' &&
	    isalpha((unsigned char)r->s[2])) {
		it->role_stray = bl_text_sub(f, r, 0, 1);
		for (i = 1; i < r->len && r->s[i] == ' '; i++)
			;
		*r = bl_text_sub(f, r, i, r->len - i);
	}
	it->role_full = *r;
	n = r->len;
	for (i = 0; i < n; i++) {
		if (r->s[i] == ',' || r->s[i] == '(')
			break;
		if (i == 0 || r->s[i - 1] != ' ')
			continue;
		for (k = 0; clause[k] != NULL && !word_at(r->s, n, i, clause[k]); k++)
			;
		if (clause[k] != NULL)
			break;
		/* "working with", "looking for": a word in -ing that starts a
		 * phrase, past the role's first word. */
		{
			size_t e = i;

			while (e < n && r->s[e] != ' ')
				e++;
			if (e - i > 4 && bl_strncaseeq(r->s + e - 3, 3, "ing") && e < n) {
				for (k = 0;
				     after_ing[k] != NULL && !word_at(r->s, n, e + 1, after_ing[k]);
				     k++)
					;
				if (after_ing[k] != NULL)
					break;
			}
		}
	}
	while (i > 0 && r->s[i - 1] == ' ')
		i--;
	if (i > 0 && i < r->len)
		*r = bl_text_sub(f, r, 0, i);
}

void
bl_item_finish(struct bl_file *f, struct bl_item *it, const struct bl_load_opts *opts)
{
	/* A YAML item whose description opens with a story: its first
	 * paragraph is the story ("description: As a member, I want ..."). */
	if (it->origin == BL_ORIGIN_YAML && it->story.s == NULL && !it->story_parts_given &&
	    it->description.s != NULL &&
	    bl_story_opener(opts->stories, it->description.s, it->description.len)) {
		const struct bl_text *d = &it->description;
		size_t n = d->len, i;

		for (i = 0; i + 1 < d->len; i++)
			if (d->s[i] == '\n' && (d->s[i + 1] == '\n' || d->s[i + 1] == '\r')) {
				n = i;
				break;
			}
		it->story = bl_text_sub(f, d, 0, n);
	}
	if (it->story.s != NULL && !it->story_parts_given) {
		it->story_template = bl_story_parse(opts->stories, f, &it->story, &it->role,
		                                    &it->means, &it->ends);
		clean_role(f, it);
	}
	infer_type(f, it);
}

void
bl_items_hand_over(struct bl_file *f, const struct bl_load_opts *opts, struct bl_arena *strings)
{
	if (f->nitems == 0)
		return;
	opts->items_read(opts->arg, f);
	f->ndropped += f->nitems;
	f->nitems = 0;
	bl_arena_reset(strings);
}
