/*
 * impl/: the what, not the how. A story, its description and criteria,
 * and above all a problem statement say what a user needs; naming the
 * database, the API or the framework decides for the team how to build
 * it and leaves stakeholders reading jargon (term). A text that opens
 * with "we need to build ..." or "implement ..." starts from the solution
 * instead of the problem it should solve (solution-first). Implementation
 * notes and plans are the place for the how and are never read here;
 * stories written for a developer persona may name what that persona
 * works with.
 */
#include <stdint.h>
#include <string.h>

#include "common.h"
#include "rules.h"

/* The most bytes searched for a text that is not the source itself. */

/* Terms already reported for the item: each is reported once. */
#define SEEN_MAX 64

struct seen {
	const struct bl_word *w[SEEN_MAX];
	size_t n;
};

static bool has_phrase(const char *r, const char *p);

/* Records term w; false when it or a phrase that holds it or that it
 * holds ("API" and "REST API") was seen. */
static bool
seen_add(struct seen *sn, const struct bl_word *w)
{
	size_t i;

	for (i = 0; i < sn->n; i++)
		if (sn->w[i] == w || has_phrase(sn->w[i]->key, w->key) ||
		    has_phrase(w->key, sn->w[i]->key))
			return false;
	if (sn->n < SEEN_MAX)
		sn->w[sn->n++] = w;
	return true;
}

/* Whether the gap s[a, b) between two tokens of one phrase keeps them
 * one phrase: spaces on one line, or a single '.', '-' or '/' ("node.js"). */
static bool
phrase_gap(const char *s, size_t a, size_t b)
{
	size_t k;

	if (b == a + 1 && (s[a] == '.' || s[a] == '-' || s[a] == '/'))
		return true;
	for (k = a; k < b; k++)
		if (s[k] != ' ' && s[k] != '\t')
			return false;
	return true;
}

/* Whether the last match of tokens [i, i + ntok) reads as one phrase. */
static bool
one_phrase(const struct bl_tokens *tk, const char *s, size_t i, unsigned ntok)
{
	size_t k;

	for (k = i + 1; k < i + ntok; k++)
		if (!phrase_gap(s, tk->t[k - 1].off + tk->t[k - 1].len, tk->t[k].off))
			return false;
	return true;
}

static bool
chunk_delim(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' ||
	       c == '<' || c == '>' || c == '[' || c == ']' || c == '"' || c == '`';
}

/* Whether s[off] is inside a web address or an e-mail address, whose
 * words ("https", "api" in api.example.org) are not prose. */
static bool
in_address(const char *s, size_t n, size_t off)
{
	size_t a = off, b = off, k;

	while (a > 0 && !chunk_delim(s[a - 1]))
		a--;
	while (b < n && !chunk_delim(s[b]))
		b++;
	if (b - a >= 4 && bl_strcaseprefix(s + a, b - a, "www."))
		return true;
	for (k = a; k < b; k++)
		if (s[k] == '@' || (s[k] == ':' && k + 2 < b && s[k + 1] == '/' && s[k + 2] == '/'))
			return true;
	return false;
}

/* Whether line s[0, n) opens or closes a fenced code block. */
static bool
fence_line(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	return n >= 3 && (memcmp(s, "```", 3) == 0 || memcmp(s, "~~~", 3) == 0);
}

/* Whether the term at token i is the persona's own ("my servers"): the
 * world the user works in, not a solution chosen for them. */
static bool
owned(const struct bl_tokens *tk, const char *s, size_t i)
{
	return i > 0 && strcmp(bl_token_norm(tk, i - 1), "my") == 0 &&
	       phrase_gap(s, tk->t[i - 1].off + tk->t[i - 1].len, tk->t[i].off);
}

/* What impl/term scans: the item, its file, and the terms seen. */
struct scan {
	struct bl_ctx *ctx;
	const struct bl_item *it;
	const struct bl_wordset *terms;
	struct seen seen;
};

static void
report_term(struct scan *sc, const struct bl_text *t, size_t off, size_t end)
{
	bl_report(sc->ctx, BL_R_IMPL_TERM, bl_text_subspan(sc->it->file, t, off, end - off),
	          "'%s' describes a solution; say what the user needs and leave the how to the "
	          "team (or move it to implementation notes)",
	          bl_ctx_quote(sc->ctx, t->s + off, end - off, 40));
}

/* Reports a term that is one part of a hyphenated word ("JSON-based",
 * "PostgreSQL-Datenbank"), token i of t. */
static void
compound_part(struct scan *sc, const struct bl_text *t, const struct bl_tokens *tk, size_t i)
{
	const char *s = t->s + tk->t[i].off;
	size_t n = tk->t[i].len, a = 0, b;

	while (a < n) {
		const struct bl_word *w;

		for (b = a; b < n && s[b] != '-'; b++)
			;
		w = bl_wordset_lookup(sc->terms, s + a, b - a);
		if (w != NULL && seen_add(&sc->seen, w)) {
			size_t off = tk->t[i].off + a;

			report_term(sc, t, off, off + (b - a));
		}
		a = b + 1;
	}
}

/*
 * Reports the terms of text t, but not those in s[skip_from, skip_to)
 * (the story sentence inside a description), in fenced code, or in web
 * addresses. The text is read line by line: a term never spans lines.
 * The tokens of a line are those of the whole text that stand in it (a
 * line break always ends a token), looked at through a view that ends
 * with the line.
 */
static void
scan_terms(struct scan *sc, const struct bl_text *t, size_t skip_from, size_t skip_to)
{
	const struct bl_tokens *all;
	struct bl_tokens view, *tk = &view;
	bool fenced = false;
	size_t ls = 0, first = 0;

	if (t->s == NULL)
		return;
	all = bl_ctx_text_tokens(sc->ctx, t->s, t->len);
	view = *all;
	while (ls < t->len) {
		const char *nl = memchr(t->s + ls, '\n', t->len - ls);
		size_t le = nl ? (size_t)(nl - t->s) : t->len, i, last;
		const char *line = t->s + ls;

		for (last = first; last < all->n && all->t[last].off < le; last++)
			;
		if (fence_line(line, le - ls)) {
			fenced = !fenced;
			ls = le + 1;
			first = last;
			continue;
		}
		if (fenced || first == last) {
			ls = le + 1;
			first = last;
			continue;
		}
		view.t = all->t + first;
		view.n = last - first;
		first = last;
		for (i = 0; i < tk->n; i++) {
			const struct bl_word *w = bl_wordset_at(sc->terms, tk, i), *v;
			size_t off, end, j;
			bool fresh;

			if (w == NULL) {
				off = tk->t[i].off;
				end = off + tk->t[i].len;
				if (memchr(t->s + off, '-', tk->t[i].len) != NULL &&
				    !(off < skip_to && end > skip_from) &&
				    !in_address(line, le - ls, off - ls) && !owned(tk, t->s, i))
					compound_part(sc, t, tk, i);
				continue;
			}
			if (!one_phrase(tk, t->s, i, w->ntok) ||
			    bl_text_in_code(sc->it->file, t, tk->t[i].off, tk->t[i].len))
				continue;
			off = tk->t[i].off;
			j = i + w->ntok;
			end = tk->t[j - 1].off + tk->t[j - 1].len;
			if ((off < skip_to && end > skip_from) ||
			    in_address(line, le - ls, off - ls) || owned(tk, t->s, i)) {
				i = j - 1;
				continue;
			}
			/* "SQLite database", "REST API endpoint": one finding. */
			fresh = seen_add(&sc->seen, w);
			while (j < tk->n && (v = bl_wordset_at(sc->terms, tk, j)) != NULL &&
			       one_phrase(tk, t->s, j - 1, v->ntok + 1)) {
				fresh = seen_add(&sc->seen, v) || fresh;
				j += v->ntok;
				end = tk->t[j - 1].off + tk->t[j - 1].len;
			}
			i = j - 1;
			if (!fresh)
				continue;
			report_term(sc, t, off, end);
		}
		ls = le + 1;
	}
}

/* Whether phrase p (normalised) is in the normalised text r as whole words. */
static bool
has_phrase(const char *r, const char *p)
{
	size_t n = strlen(p);
	const char *q = r;

	if (n == 0)
		return false;
	while ((q = strstr(q, p)) != NULL) {
		if ((q == r || q[-1] == ' ') && (q[n] == '\0' || q[n] == ' '))
			return true;
		q++;
	}
	return false;
}

/* Whether tokens [i, i + k) of a and [j, j + k) of b are the same words. */
static bool
same_tokens(const struct bl_tokens *a, size_t i, const struct bl_tokens *b, size_t j, size_t k)
{
	size_t m;

	for (m = 0; m < k; m++) {
		const struct bl_token *x = &a->t[i + m], *y = &b->t[j + m];

		if (x->hash != y->hash || x->nlen != y->nlen ||
		    memcmp(a->norm + x->norm, b->norm + y->norm, x->nlen) != 0)
			return false;
	}
	return true;
}

/* Whether tokens [i, i + k) of p (k > 0) stand in a row in r: phrase p
 * in role r as whole words. */
static bool
has_tokens(const struct bl_tokens *r, const struct bl_tokens *p, size_t i, size_t k)
{
	size_t j;

	for (j = 0; j + k <= r->n; j++)
		if (same_tokens(r, j, p, i, k))
			return true;
	return false;
}

/*
 * Whether the item is written for a technical persona: its role names one
 * of the technical-roles option ("developer", "it staff"), or a
 * technology itself ("API consumer", "DB administrator"). Such a persona's
 * product is the technology, so naming it is naming the need.
 */
static bool
technical_role(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_text *role = it->role.s ? &it->role : &it->persona;
	const char *opt = bl_ctx_opt_str(ctx, BL_O_IMPL_TERM_TECHNICAL_ROLES);
	const struct bl_wordset *terms = bl_ctx_words(ctx, BL_W_IMPL_TERMS);
	const struct bl_tokens *tk, *ot;
	bool camel = false;
	size_t i, k, from, optlen;

	if (role->s == NULL || role->len == 0)
		return false;
	/* "ResearcherDeveloper" is a researcher and a developer. */
	for (i = 1; i < role->len && !camel; i++)
		camel = role->s[i] >= 'A' && role->s[i] <= 'Z' && role->s[i - 1] >= 'a' &&
		        role->s[i - 1] <= 'z';
	if (camel) {
		struct bl_buf e = {0};
		struct bl_tokens *own = bl_ctx_tokens(ctx);

		for (i = 0; i < role->len; i++) {
			char c = role->s[i];

			if (i > 0 && c >= 'A' && c <= 'Z' && role->s[i - 1] >= 'a' &&
			    role->s[i - 1] <= 'z')
				bl_buf_putc(&e, ' ');
			bl_buf_putc(&e, c);
		}
		bl_tokenize(own, e.s, e.len);
		bl_buf_free(&e);
		tk = own;
	} else
		tk = bl_ctx_text_tokens(ctx, role->s, role->len);
	for (i = 0; i < tk->n; i++)
		if (bl_wordset_at(terms, tk, i) != NULL)
			return true;
	if (tk->n == 0 || opt == NULL || *opt == '\0')
		return false;
	/* Each entry of the comma list: the option's tokens between commas
	 * (a comma never stands inside a token). */
	optlen = strlen(opt);
	ot = bl_ctx_opt_tokens(ctx, BL_O_IMPL_TERM_TECHNICAL_ROLES);
	for (from = 0; from < ot->n; from = k) {
		const char *comma = memchr(opt + ot->t[from].off, ',', optlen - ot->t[from].off);
		size_t end = comma ? (size_t)(comma - opt) : optlen;

		for (k = from; k < ot->n && ot->t[k].off < end; k++)
			;
		if (has_tokens(tk, ot, from, k - from))
			return true;
	}
	return false;
}

/* Where the story sentence stands inside text t (a description that
 * holds it), as offsets in t; an empty range when it does not. */
static void
story_within(const struct bl_item *it, const struct bl_text *t, size_t *from, size_t *to)
{
	const struct bl_text *s = &it->story;
	size_t k;

	*from = *to = 0;
	if (t->s == NULL || s->s == NULL || s->len == 0)
		return;
	if (t->exact && s->exact) {
		if (s->off >= t->off && s->off + s->len <= t->off + t->len) {
			*from = s->off - t->off;
			*to = *from + s->len;
		}
		return;
	}
	for (k = 0; k + s->len <= t->len; k++)
		if (memcmp(t->s + k, s->s, s->len) == 0) {
			*from = k;
			*to = k + s->len;
			return;
		}
}

/* Types whose story and criteria are about the technology by nature. */
static bool
technical_type(enum bl_item_type t)
{
	return t == BL_TYPE_ENABLER || t == BL_TYPE_TASK || t == BL_TYPE_SPIKE || t == BL_TYPE_BUG;
}

void
bl_check_impl_term(struct bl_ctx *ctx, const struct bl_item *it)
{
	struct scan sc;
	size_t i, j, from, to;

	sc.ctx = ctx;
	sc.it = it;
	sc.terms = bl_ctx_words(ctx, BL_W_IMPL_TERMS);
	sc.seen.n = 0;
	/* A problem statement is for stakeholders, whatever the item. */
	scan_terms(&sc, &it->problem, 0, 0);
	/* A Backlog.md item with no story is a piece of the team's work,
	 * written in the words of what it builds, whatever its label says. */
	if (technical_type(it->type) || technical_role(ctx, it) ||
	    (bl_backlogmd_item(ctx, it) && it->story.s == NULL && !it->story_parts_given))
		return;
	/* The role is a persona's name, not a solution. */
	if (it->means.s != NULL || it->ends.s != NULL) {
		scan_terms(&sc, &it->means, 0, 0);
		scan_terms(&sc, &it->ends, 0, 0);
	} else
		scan_terms(&sc, &it->story, 0, 0);
	story_within(it, &it->description, &from, &to);
	scan_terms(&sc, &it->description, from, to);
	for (i = 0; i < it->ncriteria; i++) {
		const struct bl_criterion *c = &it->criteria[i];

		scan_terms(&sc, &c->text, 0, 0);
		for (j = 0; j < c->nsteps; j++)
			scan_terms(&sc, &c->steps[j].text, 0, 0);
	}
}

/* Where an entry of the solution phrases counts (its value). */
enum where { W_ANY, W_SENTENCE, W_WE, W_PREFIX };

static enum where
where_of(const struct bl_word *w)
{
	if (w->value == NULL)
		return W_ANY;
	if (strcmp(w->value, "sentence") == 0)
		return W_SENTENCE;
	if (strcmp(w->value, "we") == 0)
		return W_WE;
	if (strcmp(w->value, "prefix") == 0)
		return W_PREFIX;
	return W_ANY;
}

/*
 * Whether token i of s starts a sentence: after '.', '!', '?', ':' or
 * ';', after a blank line, or as a list item or heading. A line break
 * alone is a paragraph wrapped, not a new sentence.
 */
static bool
sentence_start(const struct bl_tokens *tk, const char *s, size_t i)
{
	size_t k, a;
	bool nl = false;

	if (i == 0)
		return true;
	a = tk->t[i - 1].off + tk->t[i - 1].len;
	for (k = a; k < tk->t[i].off; k++) {
		char c = s[k];

		if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';')
			return true;
		if (c == '\n') {
			if (nl)
				return true;
			nl = true;
		} else if (nl && (c == '-' || c == '*' || c == '+' || c == '#' || c == '>'))
			return true;
		else if (c != ' ' && c != '\t' && c != '\r')
			nl = false;
	}
	return false;
}

/* Whether tokens [i, i + ntok) of s read as one phrase of a sentence:
 * apart by white space with at most one line break (a wrapped line). */
static bool
sentence_phrase(const struct bl_tokens *tk, const char *s, size_t i, size_t ntok)
{
	size_t k, j;

	for (k = i + 1; k < i + ntok; k++) {
		int breaks = 0;

		for (j = tk->t[k - 1].off + tk->t[k - 1].len; j < tk->t[k].off; j++) {
			if (s[j] == '\n')
				breaks++;
			else if (s[j] != ' ' && s[j] != '\t' && s[j] != '\r')
				return false;
		}
		if (breaks > 1)
			return false;
	}
	return true;
}

/* Where a solution phrase is looked for: a sentence start (every kind
 * of entry), the start of a story's goal (verbs a user would not use,
 * and prefixes), or inside a sentence (prefixes only: "..., so we need
 * to build"). */
enum at { AT_START, AT_GOAL, AT_INSIDE };

/* The solution phrase at token i, seen from where: its length in tokens,
 * or 0. */
static size_t
solution_at(const struct bl_wordset *ws, const struct bl_tokens *tk, const char *s, size_t i,
            enum at where)
{
	const struct bl_word *w = bl_wordset_at(ws, tk, i), *v;
	enum where wh;

	if (w == NULL || !sentence_phrase(tk, s, i, w->ntok))
		return 0;
	wh = where_of(w);
	if ((wh == W_ANY && where != AT_INSIDE) || (wh == W_SENTENCE && where == AT_START))
		return w->ntok;
	if (wh != W_PREFIX || i + w->ntok >= tk->n)
		return 0;
	v = bl_wordset_at(ws, tk, i + w->ntok);
	if (v == NULL || where_of(v) == W_PREFIX || !sentence_phrase(tk, s, i, w->ntok + v->ntok))
		return 0;
	return w->ntok + v->ntok;
}

static void
report_solution(struct bl_ctx *ctx, const struct bl_item *it, const struct bl_text *t,
                const struct bl_tokens *tk, size_t i, size_t ntok, const char *what)
{
	size_t off = tk->t[i].off, end = tk->t[i + ntok - 1].off + tk->t[i + ntok - 1].len;

	bl_report(ctx, BL_R_IMPL_SOLUTION_FIRST, bl_text_subspan(it->file, t, off, end - off),
	          "%s starts from a solution ('%s'); first say what problem it solves, for whom, "
	          "and why it matters",
	          what, bl_ctx_quote(ctx, t->s + off, end - off, 40));
}

/*
 * Reports the sentences of t that open with a solution, and the team's
 * plans inside them ("..., so we need to build"). With first_only, looks
 * at the start of the first sentence outside s[skip_from, skip_to) only.
 */
static void
scan_sentences(struct bl_ctx *ctx, const struct bl_item *it, const struct bl_text *t,
               const char *what, size_t skip_from, size_t skip_to, bool first_only)
{
	const struct bl_wordset *ws = bl_ctx_words(ctx, BL_W_SOLUTION_PHRASES);
	const struct bl_tokens *tk;
	size_t i, n;

	if (t->s == NULL)
		return;
	tk = bl_ctx_text_tokens(ctx, t->s, t->len);
	for (i = 0; i < tk->n; i++) {
		bool start;

		if (tk->t[i].off < skip_to && tk->t[i].off >= skip_from)
			continue;
		start = sentence_start(tk, t->s, i) ||
		        (i > 0 && tk->t[i - 1].off < skip_to && tk->t[i - 1].off >= skip_from);
		if (first_only && !start)
			continue;
		n = solution_at(ws, tk, t->s, i, start ? AT_START : AT_INSIDE);
		if (n > 0) {
			report_solution(ctx, it, t, tk, i, n, what);
			i += n - 1;
		}
		if (first_only)
			return;
	}
}

/* Reports a story goal ("to implement ...") that is a solution. */
static void
scan_goal(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_wordset *ws = bl_ctx_words(ctx, BL_W_SOLUTION_PHRASES);
	const struct bl_tokens *tk;
	const struct bl_text *m = &it->means;
	size_t i = 0, n;

	if (m->s == NULL)
		return;
	tk = bl_ctx_text_tokens(ctx, m->s, m->len);
	/* "to", "to be able to", "able to" lead to the verb. */
	if (i < tk->n && strcmp(bl_token_norm(tk, i), "to") == 0)
		i++;
	if (i + 1 < tk->n && strcmp(bl_token_norm(tk, i), "be") == 0 &&
	    strcmp(bl_token_norm(tk, i + 1), "able") == 0)
		i++;
	if (i < tk->n && strcmp(bl_token_norm(tk, i), "able") == 0) {
		i++;
		if (i < tk->n && strcmp(bl_token_norm(tk, i), "to") == 0)
			i++;
	}
	if (i >= tk->n)
		return;
	n = solution_at(ws, tk, m->s, i, AT_GOAL);
	if (n > 0)
		report_solution(ctx, it, m, tk, i, n, "the story's goal");
}

void
bl_check_impl_solution_first(struct bl_ctx *ctx, const struct bl_item *it)
{
	size_t from, to;

	scan_sentences(ctx, it, &it->problem, "the problem statement", 0, 0, false);
	scan_sentences(ctx, it, &it->story, "the story", 0, 0, false);
	if (!technical_role(ctx, it))
		scan_goal(ctx, it);
	story_within(it, &it->description, &from, &to);
	scan_sentences(ctx, it, &it->description, "the description", from, to, true);
}
