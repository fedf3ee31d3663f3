/*
 * persona/: who a story is for. Stories name a persona the team knows,
 * one way, so that the backlog shows whose experience each item serves:
 * a persona at all (missing), a real one rather than "a user" (generic) or
 * a system (system), one of the personas the backlog declares (unknown),
 * spelled one way (variant), and no declared persona left without stories
 * (unused). Roles are compared as phrases: lower case, without a leading
 * article, plurals read as singular, and abbreviations mapped by the
 * role-synonyms word list; never by fuzzy matching, which would merge
 * different people.
 */
#include <stdint.h>
#include <string.h>

#include "common.h"
#include "rules.h"

void
bl_check_persona_missing(struct bl_ctx *ctx, const struct bl_item *it)
{
	struct bl_span at = it->story.s ? it->story.span : it->span;

	if (it->role.s != NULL || it->persona.s != NULL)
		return;
	if (it->story.s != NULL && it->story_template < 0 && !it->story_parts_given)
		return; /* story/format says it */
	at.end_line = at.line;
	at.end_col = at.col;
	bl_report(ctx, BL_R_PERSONA_MISSING, at,
	          "story names no persona; say who wants this (\"As a <role>, ...\") or set "
	          "'persona:'");
}

/* How much of a role role_phrase() keeps, and how it spells it. */
enum {
	W_CLAUSE = 1,        /* stop at a relative clause: "who ...", "that ..." */
	W_HEAD = 2,          /* also at a preposition or participle: "of ...", "using ..." */
	W_SPLIT = 4,         /* a hyphen separates words: "end-user" is "end user" */
	W_SINGULAR = 8,      /* plurals read as singular: "admins" is "admin" */
	W_LAST_SINGULAR = 16 /* only the last word: "systems administrators" */
};

/* The singular of a lower-cased word, in place; returns its length. */
static size_t
singular(char *w, size_t n)
{
	if (n == 0 || w[n - 1] != 's')
		return n; /* every ending below is an 's' */
	if (n > 4 && bl_ends_with(w, n, "ies")) {
		w[n - 3] = 'y';
		return n - 2;
	}
	if (n > 4 && (bl_ends_with(w, n, "sses") || bl_ends_with(w, n, "xes") ||
	              bl_ends_with(w, n, "ches") || bl_ends_with(w, n, "shes")))
		return n - 2;
	if (n > 3 && w[n - 1] == 's' && !bl_ends_with(w, n, "ss") && !bl_ends_with(w, n, "us") &&
	    !bl_ends_with(w, n, "is"))
		return n - 1;
	return n;
}

/* How long a phrase fits in a struct phrase's own room. */
#define PHRASE_ROOM 256

/* A phrase being built: in its own room (on the stack of the function
 * that builds it) while it fits, else in the scratch arena, so that
 * building one allocates nothing that must be freed. Never copied. */
struct phrase {
	char *s; /* NUL-terminated */
	size_t len, cap;
	struct bl_arena *a;
	char room[PHRASE_ROOM];
};

static void
phrase_init(struct bl_ctx *ctx, struct phrase *p)
{
	p->s = p->room;
	p->s[0] = '\0';
	p->len = 0;
	p->cap = sizeof(p->room);
	p->a = bl_ctx_scratch(ctx);
}

/* Appends w[0, n) to p. */
static void
phrase_add(struct phrase *p, const char *w, size_t n)
{
	if (p->len + n + 1 > p->cap) {
		size_t cap = p->cap * 2;
		char *s;

		while (cap < p->len + n + 1)
			cap *= 2;
		s = bl_arena_alloc(p->a, cap);
		memcpy(s, p->s, p->len);
		p->s = s;
		p->cap = cap;
	}
	memcpy(p->s + p->len, w, n);
	p->len += n;
	p->s[p->len] = '\0';
}

/* Appends word w[0, n) to p, a space first unless p is empty. */
static void
put_word(struct phrase *p, const char *w, size_t n, bool sing)
{
	size_t at;

	if (n == 0)
		return;
	if (p->len > 0)
		phrase_add(p, " ", 1);
	at = p->len;
	phrase_add(p, w, n);
	if (sing) {
		p->len = at + singular(p->s + at, n);
		p->s[p->len] = '\0';
	}
}

/*
 * The words of role s[0, n) as a phrase in b (emptied first; not built
 * when b is NULL): lower case, one space between words, without a leading
 * "a", "an" or "the", up to a comma, semicolon, colon or parenthesis and,
 * as how says, up to a clause or a preposition. Returns the number of
 * words; from and to, when not NULL, receive the byte range of the words
 * kept in s.
 */
static size_t
role_phrase(struct bl_ctx *ctx, const char *s, size_t n, unsigned how, struct phrase *b,
            size_t *from, size_t *to)
{
	static const char *const articles[] = {"a", "an", "the", NULL};
	static const char *const clause[] = {
	        "who",     "whom",    "whose",   "that",     "which", "with",       "without",
	        "when",    "where",   "while",   "whenever", "if",    "interested", "working",
	        "looking", "wanting", "needing", "trying",   NULL};
	static const char *const head[] = {
	        "of",          "for",        "in",      "on",      "at",      "from",
	        "to",          "by",         "via",     "within",  "into",    "using",
	        "working",     "interested", "looking", "wanting", "needing", "trying",
	        "responsible", "like",       "such",    NULL};
	struct bl_tokens *tk = bl_ctx_tokens(ctx);
	size_t i, first = 0, words = 0;

	if (b != NULL) {
		b->len = 0;
		b->s[0] = '\0';
	}
	bl_tokenize(tk, s, n);
	if (tk->n > 1 && bl_one_of(bl_token_norm(tk, 0), articles))
		first = 1;
	for (i = first; i < tk->n; i++) {
		const char *w = bl_token_norm(tk, i);
		size_t len = tk->t[i].nlen;

		if (i > first) {
			size_t p = tk->t[i - 1].off + tk->t[i - 1].len;
			bool stop = false;

			for (; p < tk->t[i].off; p++)
				if (strchr(",;:()[]", s[p]) != NULL)
					stop = true;
			if (stop || ((how & (W_CLAUSE | W_HEAD)) && bl_one_of(w, clause)) ||
			    ((how & W_HEAD) && bl_one_of(w, head)))
				break;
		}
		if (how & W_SPLIT) {
			const char *dash;

			while ((dash = memchr(w, '-', len)) != NULL) {
				if (b != NULL)
					put_word(b, w, (size_t)(dash - w), how & W_SINGULAR);
				words++;
				len -= (size_t)(dash - w) + 1;
				w = dash + 1;
			}
		}
		if (i == first && from != NULL)
			*from = tk->t[i].off;
		if (b != NULL)
			put_word(b, w, len, how & W_SINGULAR);
		words++;
		if (to != NULL)
			*to = tk->t[i].off + tk->t[i].len;
	}
	if ((how & W_LAST_SINGULAR) && b != NULL && b->len > 0) {
		char *last = strrchr(b->s, ' ');
		size_t at = last ? (size_t)(last - b->s) + 1 : 0;

		b->len = at + singular(b->s + at, b->len - at);
		b->s[b->len] = '\0';
	}
	return words;
}

/*
 * The key of a phrase made by role_phrase(): abbreviations and spellings
 * mapped to their canonical form by the role-synonyms word list, and a
 * trailing "user" dropped when other words remain ("admin user" is
 * "administrator"). Written to out (emptied first).
 */
static void
role_key(struct bl_ctx *ctx, const char *phrase, size_t n, struct phrase *out)
{
	const struct bl_wordset *syn = bl_ctx_words(ctx, BL_W_ROLE_SYNONYMS);
	struct bl_tokens *tk = bl_ctx_tokens(ctx);
	size_t i = 0, last = 0;
	bool user = false; /* the last word is a plain "user" */

	out->len = 0;
	out->s[0] = '\0';
	bl_tokenize(tk, phrase, n);
	while (i < tk->n) {
		const struct bl_word *w = bl_wordset_at(syn, tk, i);
		size_t k;

		last = out->len;
		if (w != NULL && w->value != NULL) {
			if (out->len > 0)
				phrase_add(out, " ", 1);
			for (k = 0; w->value[k] != '\0'; k++) {
				char c = w->value[k];

				c = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
				phrase_add(out, &c, 1);
			}
			user = false;
			i += w->ntok;
		} else {
			user = strcmp(bl_token_norm(tk, i), "user") == 0;
			put_word(out, bl_token_norm(tk, i), tk->t[i].nlen, false);
			i++;
		}
	}
	if (user && last > 0) {
		out->len = last;
		out->s[out->len] = '\0';
	}
}

/* Copies a phrase into the scratch arena. */
static const char *
keep(struct bl_ctx *ctx, const struct phrase *p)
{
	return bl_arena_strndup(bl_ctx_scratch(ctx), p->s, p->len);
}

/* The role's comparison key: its words up to a clause, normalised. */
static const char *
key_of(struct bl_ctx *ctx, const char *s, size_t n, unsigned how)
{
	struct phrase p, k;

	phrase_init(ctx, &p);
	phrase_init(ctx, &k);
	role_phrase(ctx, s, n, how | W_SPLIT | W_SINGULAR, &p, NULL, NULL);
	role_key(ctx, p.s, p.len, &k);
	return keep(ctx, &k);
}

/* Role s[0, n) as written, without an article and up to a clause, quoted
 * for a message. */
static const char *
as_written(struct bl_ctx *ctx, const char *s, size_t n)
{
	size_t from = 0, to = 0;

	if (role_phrase(ctx, s, n, W_CLAUSE, NULL, &from, &to) == 0)
		to = n;
	return bl_ctx_quote(ctx, s + from, to - from, 60);
}

/* The reference of an item's role narrowed to the words as_written()
 * quotes, when the role is one line of source text (its span as long as
 * the text): "users" of "users, we". */
static struct bl_ref
role_at(struct bl_ctx *ctx, const struct bl_summary *s)
{
	struct bl_ref r = s->role_ref;
	size_t n = strlen(s->role), from = 0, to = 0;

	if (r.span.line == r.span.end_line && r.span.end_col >= r.span.col &&
	    (size_t)(r.span.end_col - r.span.col) + 1 == n &&
	    role_phrase(ctx, s->role, n, W_CLAUSE, NULL, &from, &to) > 0) {
		r.span.col += (uint32_t)from;
		r.span.end_col = r.span.col + (uint32_t)(to - from) - 1;
	}
	return r;
}

/* Whether role s[0, n) as a whole is one of the generic-roles. */
static bool
is_generic(struct bl_ctx *ctx, const char *s, size_t n)
{
	const struct bl_wordset *ws = bl_ctx_words(ctx, BL_W_GENERIC_ROLES);
	struct phrase p;
	bool r = false;

	phrase_init(ctx, &p);
	if (role_phrase(ctx, s, n, W_SPLIT, &p, NULL, NULL) > 0)
		r = bl_wordset_lookup(ws, p.s, p.len) != NULL;
	if (!r && role_phrase(ctx, s, n, W_SPLIT | W_SINGULAR, &p, NULL, NULL) > 0)
		r = bl_wordset_lookup(ws, p.s, p.len) != NULL;
	return r;
}

/* Whether the head noun of role s[0, n) (its last words before a clause
 * or preposition) is one of the system-roles, not marked "= person". */
static bool
is_system(struct bl_ctx *ctx, const char *s, size_t n)
{
	const struct bl_wordset *ws = bl_ctx_words(ctx, BL_W_SYSTEM_ROLES);
	struct bl_tokens *tk = bl_ctx_tokens(ctx);
	struct phrase p;
	bool r = false;
	size_t i;

	phrase_init(ctx, &p);
	if (role_phrase(ctx, s, n, W_HEAD | W_SPLIT | W_SINGULAR, &p, NULL, NULL) > 0) {
		bl_tokenize(tk, p.s, p.len);
		for (i = 0; i < tk->n; i++) {
			const struct bl_word *w = bl_wordset_span(ws, tk, i, tk->n - i);

			if (w != NULL) {
				r = w->value == NULL || strcmp(w->value, "person") != 0;
				break;
			}
		}
	}
	return r;
}

/* The role text of an item: the story's role, else its persona metadata. */
static const struct bl_text *
item_role(const struct bl_item *it)
{
	if (it->role.s != NULL && it->role.len > 0)
		return &it->role;
	if (it->persona.s != NULL && it->persona.len > 0)
		return &it->persona;
	return NULL;
}

void
bl_check_persona_system(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_text *r = item_role(it);
	size_t from = 0, to = 0;
	struct bl_span at;

	if (r == NULL || !is_system(ctx, r->s, r->len))
		return;
	at = r->span;
	if (role_phrase(ctx, r->s, r->len, W_CLAUSE, NULL, &from, &to) > 0)
		at = bl_text_subspan(it->file, r, from, to - from);
	bl_report(ctx, BL_R_PERSONA_SYSTEM, at,
	          "role '%s' is a system, not a person; write this as an enabler (type: enabler) "
	          "or name the person who benefits",
	          as_written(ctx, r->s, r->len));
}

/* One spelling a persona is declared with: its name or an alias. */
struct form {
	size_t persona;
	const char *text; /* as declared */
	const char *key;
	bool used; /* some role serves it */
};

/* The backlog's declared personas, by key and by spelling. */
struct decl {
	struct form *form;
	size_t nform;
	struct bl_strtab bykey;   /* key to the first form with it */
	struct bl_strtab byspell; /* lower-cased spelling to its form */
};

/* The spelling of role s[0, n) as written, for comparing spellings: lower
 * case, single spaces, no leading article, up to a clause, and the head
 * noun in the singular ("As administrators, we want" spells
 * "administrator": the plural is grammar, not another name; "systems
 * administrator" stays another spelling of "system administrator"). */
static const char *
spelling(struct bl_ctx *ctx, const char *s, size_t n)
{
	struct phrase p;

	phrase_init(ctx, &p);
	role_phrase(ctx, s, n, W_CLAUSE | W_LAST_SINGULAR, &p, NULL, NULL);
	return keep(ctx, &p);
}

static void
decl_add(struct bl_ctx *ctx, struct decl *d, size_t persona, const char *text)
{
	struct form *f;

	if (text == NULL || *text == '\0')
		return;
	f = &d->form[d->nform];
	f->persona = persona;
	f->text = text;
	f->key = key_of(ctx, text, strlen(text), 0);
	if (*f->key == '\0')
		return;
	d->nform++;
	bl_strtab_put(&d->bykey, f->key, d->nform - 1);
	bl_strtab_put(&d->byspell, spelling(ctx, text, strlen(text)), d->nform - 1);
}

static void
decl_build(struct bl_ctx *ctx, const struct bl_backlog *b, struct decl *d)
{
	size_t i, j, n = 0;

	for (i = 0; i < b->npersonas; i++)
		n += 1 + b->personas[i].naliases;
	d->form = bl_arena_alloc(bl_ctx_scratch(ctx), (n + 1) * sizeof(*d->form));
	d->nform = 0;
	bl_strtab_init(ctx, &d->bykey, n);
	bl_strtab_init(ctx, &d->byspell, n);
	for (i = 0; i < b->npersonas; i++) {
		decl_add(ctx, d, i, b->personas[i].name);
		for (j = 0; j < b->personas[i].naliases; j++)
			decl_add(ctx, d, i, b->personas[i].aliases[j]);
	}
}

/* The declared form key serves: the key itself, or a shorter key that
 * ends it ("new member" serves "member"); SIZE_MAX if none. */
static size_t
decl_serves(const struct decl *d, const char *key)
{
	const char *p;
	size_t f = bl_strtab_get(&d->bykey, key);

	for (p = key; f == SIZE_MAX && (p = strchr(p, ' ')) != NULL; p++)
		f = bl_strtab_get(&d->bykey, p + 1);
	return f;
}

/* The declared form role s serves, by its words up to a clause or up to
 * a preposition ("member of the library" serves "member"); SIZE_MAX if
 * none. */
static size_t
role_serves(struct bl_ctx *ctx, const struct decl *d, const char *s)
{
	size_t f = decl_serves(d, key_of(ctx, s, strlen(s), W_CLAUSE));

	if (f == SIZE_MAX)
		f = decl_serves(d, key_of(ctx, s, strlen(s), W_HEAD));
	return f;
}

/* Whether persona/generic reports role s (it runs and s is generic and
 * not declared). */
static bool
generic_reports(struct bl_ctx *ctx, const struct decl *d, const char *s)
{
	if (bl_engine_severity(bl_ctx_engine(ctx), BL_R_PERSONA_GENERIC) == BL_SEV_OFF)
		return false;
	return is_generic(ctx, s, strlen(s)) &&
	       (d == NULL ||
	        bl_strtab_get(&d->bykey, key_of(ctx, s, strlen(s), W_CLAUSE)) == SIZE_MAX);
}

/* Appends the first few declared names, quoted, to b. */
static void
declared_names(struct bl_ctx *ctx, const struct bl_backlog *b, struct bl_buf *out)
{
	size_t i;

	for (i = 0; i < b->npersonas && i < 4; i++)
		bl_buf_printf(
		        out, "%s'%s'", i ? ", " : "",
		        bl_ctx_quote(ctx, b->personas[i].name, strlen(b->personas[i].name), 40));
	if (b->npersonas > 4)
		bl_buf_puts(out, ", ...");
}

/* The declared form closest to key, to suggest: one at a small edit
 * distance (a slip of the keyboard; never for abbreviations of three
 * letters or less, which differ by a letter and mean different people),
 * else one that key ends ("member" for "site member"); SIZE_MAX if none. */
static size_t
closest(const struct decl *d, const char *key)
{
	size_t f, best = SIZE_MAX, bestd = SIZE_MAX, n = strlen(key);

	for (f = 0; f < d->nform; f++) {
		size_t len = strlen(d->form[f].key), dist = bl_edit_distance(key, d->form[f].key);
		size_t max = len <= 3 ? 0 : len <= 5 ? 1 : len <= 8 ? 2 : 3;

		if (dist <= max && dist < bestd) {
			best = f;
			bestd = dist;
		}
	}
	for (f = 0; best == SIZE_MAX && f < d->nform; f++) {
		size_t len = strlen(d->form[f].key);

		if (len > n + 1 && d->form[f].key[len - n - 1] == ' ' &&
		    strcmp(d->form[f].key + len - n, key) == 0)
			best = f;
	}
	return best;
}

/* What persona/unknown makes of a role text, kept for the next items with
 * the same role (summaries share the text of a role they repeat). */
struct unknown_memo {
	const char *role; /* NULL: empty */
	bool other;       /* declared, or another rule's to report */
	bool system;      /* a system role */
	size_t f;         /* suggestion + 1, 0: none */
	const char *written;
};

#define UNKNOWN_MEMO 64

void
bl_check_persona_unknown(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct decl d;
	struct bl_strtab hint; /* key to its suggestion + 1, 0: none */
	struct unknown_memo memo[UNKNOWN_MEMO];
	bool system_on = bl_engine_severity(bl_ctx_engine(ctx), BL_R_PERSONA_SYSTEM) != BL_SEV_OFF;
	size_t i;

	if (b->npersonas == 0)
		return;
	memset(memo, 0, sizeof(memo));
	decl_build(ctx, b, &d);
	bl_strtab_init(ctx, &hint, 64); /* keys of roles: few, and it grows */
	for (i = 0; i < b->nitems; i++) {
		const struct bl_summary *s = &b->items[i];
		struct unknown_memo *m;
		const char *key;
		struct bl_ref at;

		if (s->role == NULL)
			continue;
		m = &memo[((uintptr_t)s->role >> 3) % UNKNOWN_MEMO];
		if (m->role != s->role) {
			m->role = s->role;
			m->other = role_serves(ctx, &d, s->role) != SIZE_MAX ||
			           generic_reports(ctx, &d, s->role);
			m->system =
			        !m->other && system_on && is_system(ctx, s->role, strlen(s->role));
			m->f = 0;
			m->written = NULL;
			key = m->other ? "" : key_of(ctx, s->role, strlen(s->role), W_HEAD);
			if (*key != '\0') {
				m->f = bl_strtab_get(&hint, key);
				if (m->f == SIZE_MAX) {
					size_t c = closest(&d, key);

					m->f = bl_strtab_put(&hint, key, c == SIZE_MAX ? 0 : c + 1);
				}
				m->written = as_written(ctx, s->role, strlen(s->role));
			}
		}
		/* persona/system speaks for the system roles of stories. */
		if (m->other || m->written == NULL || (m->system && s->type == BL_TYPE_STORY))
			continue;
		at = role_at(ctx, s);
		if (m->f > 0) {
			const struct form *fm = &d.form[m->f - 1];
			const char *name = b->personas[fm->persona].name;

			if (fm->text == name)
				bl_report_ref(ctx, BL_R_PERSONA_UNKNOWN, &at, s->id,
				              "persona '%s' is not declared; did you mean '%s'?",
				              m->written,
				              bl_ctx_quote(ctx, name, strlen(name), 40));
			else
				bl_report_ref(
				        ctx, BL_R_PERSONA_UNKNOWN, &at, s->id,
				        "persona '%s' is not declared; did you mean '%s' (persona "
				        "'%s')?",
				        m->written,
				        bl_ctx_quote(ctx, fm->text, strlen(fm->text), 40),
				        bl_ctx_quote(ctx, name, strlen(name), 40));
		} else {
			struct bl_buf names = {0};

			declared_names(ctx, b, &names);
			bl_report_ref(
			        ctx, BL_R_PERSONA_UNKNOWN, &at, s->id,
			        "persona '%s' is not declared; write the story for a declared "
			        "persona (%s) or declare '%s'",
			        m->written, names.s, m->written);
			bl_buf_free(&names);
		}
	}
}

void
bl_check_persona_unused(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct decl d;
	unsigned char *state; /* per persona: 1 has a form, 2 served */
	size_t i, f;

	if (b->npersonas == 0)
		return;
	decl_build(ctx, b, &d);
	state = bl_arena_alloc(bl_ctx_scratch(ctx), b->npersonas);
	for (i = 0; i < b->nitems; i++) {
		const char *role = b->items[i].role;
		const char *keys[2];
		size_t k;

		if (role == NULL)
			continue;
		keys[0] = key_of(ctx, role, strlen(role), W_CLAUSE);
		keys[1] = key_of(ctx, role, strlen(role), W_HEAD);
		/* Every declared form the role serves, itself or by its end. */
		for (k = 0; k < 2; k++) {
			const char *p = keys[k];

			for (;;) {
				f = bl_strtab_get(&d.bykey, p);
				if (f != SIZE_MAX)
					d.form[f].used = true;
				if ((p = strchr(p, ' ')) == NULL)
					break;
				p++;
			}
		}
	}
	/* A form shares the used mark of the first form with its key. */
	for (f = 0; f < d.nform; f++) {
		state[d.form[f].persona] |= 1;
		if (d.form[bl_strtab_get(&d.bykey, d.form[f].key)].used)
			state[d.form[f].persona] |= 2;
	}
	for (i = 0; i < b->npersonas; i++) {
		const struct bl_persona_decl *p = &b->personas[i];

		if (state[i] != 1) /* no usable name, or served */
			continue;
		bl_report_ref(ctx, BL_R_PERSONA_UNUSED, &p->ref, NULL,
		              "persona '%s' is declared but no story is written for it; write its "
		              "stories or remove it from the personas",
		              bl_ctx_quote(ctx, p->name, strlen(p->name), 40));
	}
}

/* A spelling of a role across the backlog's stories. */
struct spell {
	const char *text;  /* lower-cased, as spelling() */
	const char *shown; /* the first story's role, for messages */
	size_t count;
	size_t group;
};

/* The spellings of one role key. */
struct group {
	size_t nspell;
	size_t best; /* the most used spelling, first seen on ties */
};

void
bl_check_persona_variant(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct bl_arena *a = bl_ctx_scratch(ctx);
	struct decl d;
	struct bl_strtab byspell, bykey;
	/* Spellings and groups are few (the backlog's roles): they grow. */
	struct spell *sp = NULL;
	struct group *g = NULL;
	size_t *of = bl_arena_alloc(a, (b->nitems + 1) * sizeof(*of));
	size_t nsp = 0, capsp = 0, ng = 0, capg = 0, i;

	decl_build(ctx, b, &d);
	bl_strtab_init(ctx, &byspell, 64); /* spellings of roles: few */
	bl_strtab_init(ctx, &bykey, 64);
	for (i = 0; i < b->nitems; i++) {
		const char *role = b->items[i].role, *text;
		size_t k;

		of[i] = SIZE_MAX;
		if (role == NULL)
			continue;
		text = spelling(ctx, role, strlen(role));
		if (*text == '\0')
			continue;
		k = bl_strtab_put(&byspell, text, nsp);
		if (k == nsp) {
			const char *key = key_of(ctx, role, strlen(role), W_CLAUSE);
			struct spell *n = bl_arena_push(a, (void **)&sp, &nsp, &capsp, sizeof(*sp));

			n->text = text;
			n->shown = as_written(ctx, role, strlen(role));
			n->group = bl_strtab_put(&bykey, key, ng);
			if (n->group == ng)
				((struct group *)bl_arena_push(a, (void **)&g, &ng, &capg,
				                               sizeof(*g)))
				        ->best = k;
			g[n->group].nspell++;
		}
		sp[k].count++;
		of[i] = k;
	}
	for (i = 0; i < nsp; i++)
		if (sp[i].count > sp[g[sp[i].group].best].count)
			g[sp[i].group].best = i;
	for (i = 0; i < b->nitems; i++) {
		const struct bl_summary *s = &b->items[i];
		const struct spell *me;
		const struct spell *best;
		struct bl_ref at;
		size_t f;

		if (of[i] == SIZE_MAX)
			continue;
		at = role_at(ctx, s);
		me = &sp[of[i]];
		best = &sp[g[me->group].best];
		f = d.nform ? bl_strtab_get(&d.bykey,
		                            key_of(ctx, s->role, strlen(s->role), W_CLAUSE))
		            : SIZE_MAX;
		if (f != SIZE_MAX) {
			/* The backlog declares this persona: its spellings are canonical. */
			const struct form *fm = &d.form[f];

			if (bl_strtab_get(&d.byspell, me->text) != SIZE_MAX)
				continue;
			bl_report_ref(
			        ctx, BL_R_PERSONA_VARIANT, &at, s->id,
			        "persona '%s' is declared as '%s'; write '%s' or declare '%s' as "
			        "an alias",
			        me->shown, bl_ctx_quote(ctx, fm->text, strlen(fm->text), 40),
			        bl_ctx_quote(ctx, fm->text, strlen(fm->text), 40), me->shown);
			continue;
		}
		if (g[me->group].nspell < 2 || me == best)
			continue;
		bl_report_ref(ctx, BL_R_PERSONA_VARIANT, &at, s->id,
		              "persona '%s' is spelled '%s' in %zu other %s; use one name",
		              me->shown, best->shown, best->count,
		              best->count == 1 ? "story" : "stories");
	}
}

/* Up to two of the backlog's own personas, to show as examples: declared
 * names, else the most used roles that are neither generic nor systems. */
static void
examples(struct bl_ctx *ctx, const struct bl_backlog *b, struct bl_buf *out)
{
	struct bl_strtab bykey;
	size_t *count = bl_arena_alloc(bl_ctx_scratch(ctx), (b->nitems + 1) * sizeof(*count));
	size_t *first = bl_arena_alloc(bl_ctx_scratch(ctx), (b->nitems + 1) * sizeof(*first));
	size_t n = 0, i, top[2] = {SIZE_MAX, SIZE_MAX}, shown = 0;

	for (i = 0; i < b->npersonas && shown < 2; i++) {
		const char *name = b->personas[i].name;

		if (is_generic(ctx, name, strlen(name)))
			continue;
		bl_buf_printf(out, "%s'%s'", shown++ ? " or " : "",
		              bl_ctx_quote(ctx, name, strlen(name), 40));
	}
	if (shown > 0)
		return;
	bl_strtab_init(ctx, &bykey, 64);
	for (i = 0; i < b->nitems; i++) {
		const char *role = b->items[i].role;
		size_t k;

		if (role == NULL || is_generic(ctx, role, strlen(role)) ||
		    is_system(ctx, role, strlen(role)))
			continue;
		k = bl_strtab_put(&bykey, key_of(ctx, role, strlen(role), W_CLAUSE), n);
		if (k == n) {
			count[n] = 0;
			first[n++] = i;
		}
		count[k]++;
	}
	for (i = 0; i < n; i++) {
		if (top[0] == SIZE_MAX || count[i] > count[top[0]]) {
			top[1] = top[0];
			top[0] = i;
		} else if (top[1] == SIZE_MAX || count[i] > count[top[1]])
			top[1] = i;
	}
	for (i = 0; i < 2; i++) {
		const char *role;

		if (top[i] == SIZE_MAX)
			break;
		role = b->items[first[top[i]]].role;
		bl_buf_printf(out, "%s'%s'", i ? " or " : "", as_written(ctx, role, strlen(role)));
	}
}

void
bl_check_persona_generic(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct decl d;
	struct bl_buf eg = {0};
	bool eg_done = false;
	size_t i;

	decl_build(ctx, b, &d);
	for (i = 0; i < b->nitems; i++) {
		const struct bl_summary *s = &b->items[i];
		struct bl_ref at;

		if (s->role == NULL || !is_generic(ctx, s->role, strlen(s->role)) ||
		    bl_strtab_get(&d.bykey, key_of(ctx, s->role, strlen(s->role), W_CLAUSE)) !=
		            SIZE_MAX)
			continue;
		at = role_at(ctx, s);
		if (!eg_done) {
			examples(ctx, b, &eg);
			eg_done = true;
		}
		if (eg.len > 0)
			bl_report_ref(
			        ctx, BL_R_PERSONA_GENERIC, &at, s->id,
			        "role '%s' is generic: who is this? name the persona, e.g. %s",
			        as_written(ctx, s->role, strlen(s->role)), eg.s);
		else
			bl_report_ref(
			        ctx, BL_R_PERSONA_GENERIC, &at, s->id,
			        "role '%s' is generic: who is this? name the persona the story "
			        "serves, e.g. 'member' or 'librarian'",
			        as_written(ctx, s->role, strlen(s->role)));
	}
	bl_buf_free(&eg);
}
