/*
 * backlog/: hygiene of the backlog. Items have ids and titles, statuses
 * the team uses, parents that exist and ranks that order them; nothing
 * in them is a placeholder or a misspelt key. Checks across items go
 * through hash tables, so they stay linear.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "rules.h"

struct dupctx {
	struct bl_ctx *ctx;
	const struct bl_backlog *b;
};

static void
report_dup(void *arg, size_t i, size_t first)
{
	struct dupctx *d = arg;
	const struct bl_summary *s = &d->b->items[i], *f = &d->b->items[first];

	/* An archived item's id may be given again (Backlog.md reuses them). */
	if (s->state == BL_ITEM_ARCHIVED || f->state == BL_ITEM_ARCHIVED)
		return;
	if (strcmp(s->id, f->id) == 0)
		bl_report_ref(
		        d->ctx, BL_R_BACKLOG_DUPLICATE_ID, &s->id_ref, s->id,
		        "id '%s' is already used by the item at %s:%u; give each item its own id",
		        s->id, bl_summary_path(d->ctx, f), f->id_ref.span.line);
	else
		bl_report_ref(
		        d->ctx, BL_R_BACKLOG_DUPLICATE_ID, &s->id_ref, s->id,
		        "id '%s' is the same as '%s' (case and zero padding aside) of the item "
		        "at %s:%u; give each item its own id",
		        s->id, f->id, bl_summary_path(d->ctx, f), f->id_ref.span.line);
}

void
bl_check_backlog_duplicate_id(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct bl_idtab t;
	struct dupctx d = {ctx, b};

	bl_idtab_build(ctx, &t, b, report_dup, &d);
	free(t.slot);
}

void
bl_check_backlog_missing_id(struct bl_ctx *ctx, const struct bl_item *it)
{
	/* A story list has no place for ids. */
	if (it->id.s != NULL || it->origin == BL_ORIGIN_LIST)
		return;
	if (it->title.s != NULL)
		bl_report(
		        ctx, BL_R_BACKLOG_MISSING_ID, it->span,
		        "%s \"%s\" has no id; give it one (e.g. 'id: US-12') so that dependencies, "
		        "commits and conversations can refer to it",
		        bl_type_name(it->type), bl_ctx_quote(ctx, it->title.s, it->title.len, 50));
	else
		bl_report(ctx, BL_R_BACKLOG_MISSING_ID, it->span,
		          "%s has no id; give it one (e.g. 'id: US-12') so that dependencies, "
		          "commits "
		          "and conversations can refer to it",
		          bl_type_name(it->type));
}

void
bl_check_backlog_missing_title(struct bl_ctx *ctx, const struct bl_item *it)
{
	if (it->title.s != NULL || it->story.s != NULL || it->story_parts_given ||
	    it->origin == BL_ORIGIN_LIST)
		return;
	bl_report(ctx, BL_R_BACKLOG_MISSING_TITLE, it->span,
	          "%s%s%s has no title and no story; add a short title that says what it delivers",
	          bl_type_name(it->type), it->id.s ? " " : "",
	          it->id.s ? bl_ctx_quote(ctx, it->id.s, it->id.len, 30) : "");
}

/* The status read as the lists spell it: lower case is left to the
 * lookup; hyphens and underscores become spaces. */
static size_t
status_words(const struct bl_text *t, char *buf, size_t cap)
{
	size_t i;

	if (t->len >= cap)
		return 0;
	for (i = 0; i < t->len; i++)
		buf[i] = t->s[i] == '-' || t->s[i] == '_' ? ' ' : t->s[i];
	buf[i] = '\0';
	return i;
}

void
bl_check_backlog_unknown_status(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_team *team = bl_ctx_team(ctx);
	struct bl_buf want = {0}, have = {0};
	const char *best = NULL;
	size_t i, bestd = SIZE_MAX;
	char buf[128];
	size_t n;

	if (it->status.s == NULL || it->status.len == 0)
		return;
	n = status_words(&it->status, buf, sizeof(buf));
	bl_words_normalise(&have, buf, n);
	if (have.s == NULL) {
		bl_buf_free(&have);
		return;
	}
	/* Backlog.md gives the items in its drafts/ folder the status Draft,
	 * whatever the team's statuses. */
	if (team != NULL && strcmp(have.s, "draft") == 0 &&
	    bl_path_folder_is(bl_ctx_path(ctx), "drafts"))
		goto known;
	if (team != NULL && team->nstatuses > 0) {
		/* The team's own statuses are the ones it uses. */
		for (i = 0; i < team->nstatuses; i++) {
			want.len = 0;
			bl_words_normalise(&want, team->statuses[i], strlen(team->statuses[i]));
			if (want.s != NULL && strcmp(want.s, have.s) == 0)
				goto known;
		}
		/* None: the closest, for a suggestion, read afresh. */
		bl_buf_free(&want);
		for (i = 0; i < team->nstatuses; i++) {
			size_t d;

			want.len = 0;
			bl_words_normalise(&want, team->statuses[i], strlen(team->statuses[i]));
			d = want.s ? bl_edit_distance(want.s, have.s) : SIZE_MAX;
			if (d < bestd)
				bestd = d, best = team->statuses[i];
		}
		if (best != NULL && bestd <= 2)
			bl_report(
			        ctx, BL_R_BACKLOG_UNKNOWN_STATUS, it->status.span,
			        "status '%s' is not one of the team's statuses; did you mean '%s'?",
			        bl_ctx_quote(ctx, it->status.s, it->status.len, 30), best);
		else {
			struct bl_buf list = {0};

			for (i = 0; i < team->nstatuses && i < 8; i++)
				bl_buf_printf(&list, "%s'%s'", i ? ", " : "", team->statuses[i]);
			bl_report(ctx, BL_R_BACKLOG_UNKNOWN_STATUS, it->status.span,
			          "status '%s' is not one of the team's statuses (%s%s); use one "
			          "of them "
			          "or add it to the team's settings",
			          bl_ctx_quote(ctx, it->status.s, it->status.len, 30), list.s,
			          team->nstatuses > 8 ? ", ..." : "");
			bl_buf_free(&list);
		}
		goto known;
	}
	if (bl_status_category(ctx, &it->status) == NULL)
		bl_report(ctx, BL_R_BACKLOG_UNKNOWN_STATUS, it->status.span,
		          "status '%s' is not a status backlint knows (to do, ready, in progress, "
		          "in review, done, ...); fix the spelling, or declare the team's statuses",
		          bl_ctx_quote(ctx, it->status.s, it->status.len, 30));
known:
	bl_buf_free(&want);
	bl_buf_free(&have);
}

void
bl_check_backlog_unknown_parent(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct bl_idtab t;
	size_t i;

	bl_idtab_build(ctx, &t, b, NULL, NULL);
	for (i = 0; i < b->nitems; i++) {
		const struct bl_summary *s = &b->items[i];

		if (s->parent == NULL || s->parent_ref.span.line == 0 ||
		    bl_idtab_has(&t, b, s->parent))
			continue;
		bl_report_unknown_id(ctx, BL_R_BACKLOG_UNKNOWN_PARENT, &t, s, &s->parent_ref, false,
		                     s->parent);
	}
	free(t.slot);
}

/* Whether a priority is a rank (a whole number), not a class like "high". */
static bool
rank(const char *s)
{
	size_t i = 0;

	while (s[i] == ' ')
		i++;
	if (!isdigit((unsigned char)s[i]))
		return false;
	while (isdigit((unsigned char)s[i]))
		i++;
	while (s[i] == ' ')
		i++;
	return s[i] == '\0';
}

void
bl_check_backlog_priority_tie(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct bl_arena *a = bl_ctx_scratch(ctx);
	struct bl_strtab t;
	size_t i;

	bl_strtab_init(ctx, &t, b->nitems);
	for (i = 0; i < b->nitems; i++) {
		const struct bl_summary *s = &b->items[i], *first;
		const char *key;
		size_t f;

		if (s->priority == NULL || !rank(s->priority))
			continue;
		/* Ranks order the items that share a parent. */
		key = bl_arena_printf(a, "%s\x1f%ld", s->parent ? s->parent : "",
		                      strtol(s->priority, NULL, 10));
		f = bl_strtab_put(&t, key, i);
		if (f == i)
			continue;
		first = &b->items[f];
		bl_report_ref(ctx, BL_R_BACKLOG_PRIORITY_TIE, &s->priority_ref, s->id,
		              "rank %s is also given to %s (%s:%u); give each item its own rank so "
		              "the order of the backlog is clear",
		              s->priority, first->id ? first->id : "another item",
		              bl_summary_path(ctx, first), first->priority_ref.span.line);
	}
}

/* A template slot: "<role>", "<describe the problem>", "[insert link]". */
static size_t
slot_at(const char *s, size_t n, size_t i)
{
	static const char *const fill[] = {"insert", "describe", "add ",  "fill",
	                                   "tbd",    "todo",     "your ", "link to"};
	static const char *const words[] = {"role",   "goal",  "benefit", "persona", "feature",
	                                    "reason", "value", "user",    "action",  "outcome",
	                                    "means",  "ends",  "why",     "what",    "who"};
	char close = s[i] == '<' ? '>' : ']';
	size_t j, k;

	for (j = i + 1; j < n && j - i < 60 && s[j] != close && s[j] != '\n' && s[j] != s[i]; j++)
		;
	if (j >= n || s[j] != close || j == i + 1)
		return 0;
	for (k = 0; k < sizeof(fill) / sizeof(fill[0]); k++)
		if (bl_strcaseprefix(s + i + 1, j - i - 1, fill[k]))
			return j - i + 1;
	if (s[i] == '<')
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			if (bl_strncaseeq(s + i + 1, j - i - 1, words[k]))
				return j - i + 1;
	return 0;
}

/* The first byte c at or after i in s[0, n), or n. */
static size_t
next_byte(const char *s, size_t n, size_t i, char c)
{
	const char *p = i < n ? memchr(s + i, c, n - i) : NULL;

	return p != NULL ? (size_t)(p - s) : n;
}

/* Whether word w (lower case) names a thing that a placeholder word or
 * slot before it is the name of: "a todo list", "the TODO comments in
 * the code", "<TODO: name> placeholders". */
static bool
named(const char *w)
{
	static const char *const things[] = {
	        "app",   "apps",   "comment", "comments", "item",  "items",       "list",
	        "lists", "marker", "markers", "note",     "notes", "placeholder", "placeholders",
	        "tag",   "tags",   "task",    "tasks",    NULL,
	};

	return bl_one_of(w, things);
}

/* Whether s[i, j) is glued to the characters around it, as a name or a
 * pattern of a system is ("Array<User>", "/home/<user>/", "TODO_OUTPUT",
 * "TODO(task-3)"), rather than standing apart as a gap in prose. */
static bool
glued(const char *s, size_t n, size_t i, size_t j, const char *before, const char *after)
{
	unsigned char b = i > 0 ? (unsigned char)s[i - 1] : ' ',
	              a = j < n ? (unsigned char)s[j] : ' ';

	return (b != 0 && (isalnum(b) || strchr(before, b) != NULL)) ||
	       (a != 0 && (isalnum(a) || strchr(after, a) != NULL));
}

/* Whether s[i] is inside a quotation on its line ('review failed:
 * <reason>', "set <key> <value>"): text quoted from a system. */
static bool
quoted(const char *s, size_t n, size_t i)
{
	size_t k = i;
	char open = 0;

	while (k > 0 && s[k - 1] != '\n')
		k--;
	for (; k < i; k++)
		if (open == 0 && (s[k] == '"' ||
		                  (s[k] == '\'' && (k == 0 || !isalnum((unsigned char)s[k - 1])))))
			open = s[k];
		else if (open != 0 && s[k] == open &&
		         (open == '"' || k + 1 >= n || !isalnum((unsigned char)s[k + 1])))
			open = 0;
	for (k = i; open != 0 && k < n && s[k] != '\n'; k++)
		if (s[k] == open)
			return true;
	return false;
}

/* The lower-cased word that starts at or after byte e of s, in buf. */
static const char *
word_after(const char *s, size_t n, size_t e, char *buf, size_t cap)
{
	size_t k = 0;

	while (e < n && (s[e] == ' ' || s[e] == '\t'))
		e++;
	while (e < n && k + 1 < cap && isalpha((unsigned char)s[e]))
		buf[k++] = (char)tolower((unsigned char)s[e++]);
	buf[k] = '\0';
	return buf;
}

/* The first "???" or template slot of s[0, n) at or after byte from: its
 * length, and its offset in *off; 0 when there is none. Only '?', '<'
 * and '[' start one, and they are rare: the text is searched for them,
 * not read byte by byte. */
static size_t
first_mark(const char *s, size_t n, size_t from, size_t *off)
{
	size_t q = next_byte(s, n, from, '?'), lt = next_byte(s, n, from, '<'),
	       sq = next_byte(s, n, from, '['), i, len;
	char w[16];

	for (;;) {
		i = q < lt ? q : lt;
		i = sq < i ? sq : i;
		if (i >= n)
			return 0;
		if (i == q) {
			if (i + 2 < n && s[i + 1] == '?' && s[i + 2] == '?') {
				for (len = 3; i + len < n && s[i + len] == '?'; len++)
					;
				*off = i;
				return len;
			}
			q = next_byte(s, n, i + 1, '?');
			continue;
		}
		if ((len = slot_at(s, n, i)) > 0 &&
		    !glued(s, n, i, i + len, "/=_-.@$%~", "/=_-@$%(") && !quoted(s, n, i) &&
		    !named(word_after(s, n, i + len, w, sizeof(w)))) {
			*off = i;
			return len;
		}
		if (i == lt)
			lt = next_byte(s, n, i + 1, '<');
		else
			sq = next_byte(s, n, i + 1, '[');
	}
}

/* Whether the placeholder word at token i of t is mentioned, not used:
 * glued into a name ("TODO_OUTPUT"), naming a thing ("todo list"), or
 * after a word that makes it one ("a TODO", "marked as TBD", "the existing
 * `f()` TODO": code between is skipped). */
static bool
mentioned(const struct bl_file *f, const struct bl_text *t, const struct bl_tokens *tk, size_t i,
          size_t ntok)
{
	static const char *const makers[] = {
	        "a",          "an",        "the",  "as",    "with", "existing",
	        "documented", "remaining", "each", "every", "any",  NULL,
	};
	size_t off = tk->t[i].off, end = tk->t[i + ntok - 1].off + tk->t[i + ntok - 1].len, j = i;

	if (glued(t->s, t->len, off, end, "_$=.@<", "_=@(>") ||
	    (i + ntok < tk->n && named(bl_token_norm(tk, i + ntok))))
		return true;
	while (j > 0 && bl_text_in_code(f, t, tk->t[j - 1].off, tk->t[j - 1].len))
		j--;
	return j > 0 && bl_one_of(bl_token_norm(tk, j - 1), makers);
}

/* Where placeholders were reported in the current item: the story is
 * often part of the description, and is reported once. */
struct seen {
	struct bl_span at[8];
	size_t n;
};

/* Reports the first placeholder in t, if any; true if one was found. The
 * text is named by what, or when sec is not NULL as the section sec. */
static bool
placeholder_in(struct bl_ctx *ctx, const struct bl_item *it, const struct bl_text *t,
               const char *what, const struct bl_text *sec, struct seen *seen)
{
	struct bl_span at;
	const struct bl_wordset *ws = bl_ctx_words(ctx, BL_W_PLACEHOLDERS);
	const struct bl_tokens *tk;
	size_t i, off = 0, len = 0;

	if (t->s == NULL || t->len == 0)
		return false;
	/* Code quotes a system ("?status=todo", a "TODO(x)" comment): it
	 * holds no gap of the item's. */
	while ((len = first_mark(t->s, t->len, off, &off)) > 0 &&
	       bl_text_in_code(it->file, t, off, len))
		off += len;
	if (len == 0) {
		tk = bl_ctx_text_tokens(ctx, t->s, t->len);
		for (i = 0; i < tk->n; i++) {
			const struct bl_word *w = bl_wordset_at(ws, tk, i);

			if (w == NULL)
				continue;
			off = tk->t[i].off;
			len = tk->t[i + w->ntok - 1].off + tk->t[i + w->ntok - 1].len - off;
			if (!bl_text_in_code(it->file, t, off, len) &&
			    !mentioned(it->file, t, tk, i, w->ntok))
				break;
			len = 0;
		}
	}
	if (len == 0)
		return false;
	at = bl_text_subspan(it->file, t, off, len);
	for (i = 0; i < seen->n; i++)
		if (seen->at[i].line == at.line && seen->at[i].col == at.col)
			return true;
	if (seen->n < sizeof(seen->at) / sizeof(seen->at[0]))
		seen->at[seen->n++] = at;
	if (sec != NULL)
		what = bl_arena_printf(bl_ctx_scratch(ctx), "'%s' section",
		                       bl_ctx_quote(ctx, sec->s, sec->len, 30));
	bl_report(ctx, BL_R_BACKLOG_PLACEHOLDER, at,
	          "placeholder '%s' in the %s; write what is meant, or keep the item out of "
	          "refinement until it is known",
	          bl_ctx_quote(ctx, t->s + off, len, 40), what);
	return true;
}

void
bl_check_backlog_placeholder(struct bl_ctx *ctx, const struct bl_item *it)
{
	struct seen seen = {{{0, 0, 0, 0}}, 0};
	size_t i;

	/* Criteria are ac/vague's: "TBD" there is an unmeasurable criterion. */
	placeholder_in(ctx, it, &it->title, "title", NULL, &seen);
	placeholder_in(ctx, it, &it->story, "story", NULL, &seen);
	placeholder_in(ctx, it, &it->description, "description", NULL, &seen);
	placeholder_in(ctx, it, &it->problem, "problem statement", NULL, &seen);
	placeholder_in(ctx, it, &it->success, "success criteria", NULL, &seen);
	for (i = 0; i < it->nsections; i++) {
		const struct bl_section *sec = &it->sections[i];

		/* Texts above already seen through their own fields. */
		if (sec->kind == BL_SEC_OTHER || sec->kind == BL_SEC_NOTES)
			placeholder_in(ctx, it, &sec->body, NULL, &sec->name, &seen);
	}
}

void
bl_check_backlog_unknown_key(struct bl_ctx *ctx, const struct bl_item *it)
{
	size_t i, k;

	for (i = 0; i < it->nmeta; i++) {
		const struct bl_text *key = &it->meta[i].key;
		char buf[64];
		const char *best = NULL;
		size_t n, bestd = SIZE_MAX;

		if (key->s == NULL || it->meta[i].kind != BL_KEY_NONE || key->len >= sizeof(buf))
			continue;
		n = bl_key_normalise(key->s, key->len, buf, sizeof(buf));
		if (n < 4)
			continue;
		for (k = 0; bl_key_alias(k) != NULL; k++) {
			size_t d = bl_edit_distance(buf, bl_key_alias(k));

			if (d < bestd)
				bestd = d, best = bl_key_alias(k);
		}
		/* A slip of the keyboard: one edit in a short key, two in a long one. */
		if (best == NULL || bestd == 0 || bestd > (n >= 8 ? 2u : 1u))
			continue;
		bl_report(ctx, BL_R_BACKLOG_UNKNOWN_KEY, key->span,
		          "unknown key '%s'; did you mean '%s'? backlint ignores keys it does not "
		          "know",
		          bl_ctx_quote(ctx, key->s, key->len, 40), best);
	}
}

/* Whether metadata a and b have their key spelt alike. */
static bool
same_key(const struct bl_meta *a, const struct bl_meta *b)
{
	return a->key.len == b->key.len && memcmp(a->key.s, b->key.s, a->key.len) == 0;
}

/* Whether key k holds one text (and not a list: persona and parent may be
 * one-entry lists, the rest of the list keys take lists). */
static bool
text_key(enum bl_key k)
{
	switch (k) {
	case BL_KEY_ID:
	case BL_KEY_TITLE:
	case BL_KEY_TYPE:
	case BL_KEY_STATUS:
	case BL_KEY_ESTIMATE:
	case BL_KEY_PRIORITY:
	case BL_KEY_MILESTONE:
	case BL_KEY_CREATED:
	case BL_KEY_UPDATED:
	case BL_KEY_STORY:
	case BL_KEY_AS_A:
	case BL_KEY_I_WANT:
	case BL_KEY_SO_THAT: return true;
	default: return false;
	}
}

void
bl_check_backlog_duplicate_key(struct bl_ctx *ctx, const struct bl_item *it)
{
	/* Per key: where it is first given, where again, and how often: one
	 * finding a key, however many times it repeats. */
	const struct bl_meta *first[BL_KEY__COUNT] = {NULL}, *again[BL_KEY__COUNT] = {NULL};
	size_t times[BL_KEY__COUNT] = {0}, i;
	int k;

	for (i = 0; i < it->nmeta; i++) {
		const struct bl_meta *m = &it->meta[i];
		enum bl_key key;

		if (m->key.s == NULL)
			continue;
		key = (enum bl_key)m->kind;
		/* Lists of nested items and unknown keys are not read as one value. */
		if (key == BL_KEY_NONE || key == BL_KEY_CHILDREN)
			continue;
		if (first[key] == NULL) {
			first[key] = m;
			times[key] = 1;
			continue;
		}
		/* Two spellings of a list key (labels, tags) add up. */
		if (!same_key(first[key], m) && !text_key(key) && key != BL_KEY_PERSONA &&
		    key != BL_KEY_PARENT)
			continue;
		if (again[key] == NULL)
			again[key] = m;
		times[key]++;
	}
	for (k = 0; k < BL_KEY__COUNT; k++) {
		const struct bl_meta *f = first[k], *m = again[k];
		char how[32];

		if (m == NULL)
			continue;
		if (times[k] == 2)
			snprintf(how, sizeof(how), "twice");
		else
			snprintf(how, sizeof(how), "%zu times", times[k]);
		if (same_key(f, m))
			bl_report(ctx, BL_R_BACKLOG_DUPLICATE_KEY, m->key.span,
			          "'%s' is given %s in this %s (first on line %u); keep one: tools "
			          "disagree on which one counts",
			          bl_ctx_quote(ctx, m->key.s, m->key.len, 40), how,
			          bl_type_name(it->type), (unsigned)f->key.span.line);
		else
			bl_report(ctx, BL_R_BACKLOG_DUPLICATE_KEY, m->key.span,
			          "'%s' gives the %s of this %s again (as '%s' on line %u%s); keep "
			          "one: tools disagree on which one counts",
			          bl_ctx_quote(ctx, m->key.s, m->key.len, 40),
			          bl_key_name((enum bl_key)k), bl_type_name(it->type),
			          bl_ctx_quote(ctx, f->key.s, f->key.len, 40),
			          (unsigned)f->key.span.line, times[k] > 2 ? ", and more" : "");
	}
}

void
bl_check_backlog_value_type(struct bl_ctx *ctx, const struct bl_item *it)
{
	size_t i;

	for (i = 0; i < it->nmeta; i++) {
		const struct bl_meta *m = &it->meta[i];

		/* A value that is not a scalar keeps its span but no text. */
		if (m->key.s == NULL || m->value.s != NULL || m->value.span.line == 0 ||
		    !text_key((enum bl_key)m->kind))
			continue;
		bl_report(ctx, BL_R_BACKLOG_VALUE_TYPE, m->value.span,
		          "'%s' must be text, but is a list or a mapping here, which backlint "
		          "ignores; write it as one line of text",
		          bl_ctx_quote(ctx, m->key.s, m->key.len, 40));
	}
}

void
bl_check_backlog_no_front_matter(struct bl_ctx *ctx, const struct bl_file *f)
{
	bl_report_diags(ctx, f, BL_DIAG_NO_FRONT_MATTER, BL_R_BACKLOG_NO_FRONT_MATTER);
}
