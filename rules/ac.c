/*
 * ac/: acceptance criteria, the testable conditions a story is accepted
 * against (the T of INVEST). A story needs some (missing); each must be
 * checkable by a test, so measurable (vague); scenarios follow Gherkin's
 * Given-When-Then order with one action each (gherkin); none says what
 * another already says (duplicate); and a story marked done has had every
 * checkbox ticked (unchecked-done).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "rules.h"

void
bl_check_ac_missing(struct bl_ctx *ctx, const struct bl_item *it)
{
	/* A story list has no place for criteria. */
	if (it->origin == BL_ORIGIN_LIST || it->ncriteria > 0)
		return;
	bl_report(ctx, BL_R_AC_MISSING, it->span,
	          "%s has no acceptance criteria; add an \"Acceptance criteria\" section with "
	          "testable items or Given/When/Then scenarios",
	          bl_type_name(it->type));
}

/* Whether the ASCII word (lower case) starts s[0, n), on a word boundary. */
static bool
word_at(const char *s, size_t n, const char *word)
{
	size_t l = strlen(word);
	char c;

	if (n < l || !bl_strncaseeq(s, l, word))
		return false;
	if (n == l)
		return true;
	c = s[l];
	return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	         c == '_' || c == '-' || (unsigned char)c >= 0x80);
}

/* ------------------------------------------------------------------ */
/* ac/vague */

static const char *const number_words[] = {
        "one",    "two",   "three",   "four",     "five",   "six",     "seven",
        "eight",  "nine",  "ten",     "eleven",   "twelve", "fifteen", "twenty",
        "thirty", "fifty", "hundred", "thousand", "half",   "once",    "twice",
};

/* How many tokens after a vague word a number still measures it. */
#define MEASURE_REACH 4

static bool
is_number_token(const struct bl_tokens *tk, size_t i)
{
	const char *w = bl_token_norm(tk, i);
	size_t k;

	if (w[0] >= '0' && w[0] <= '9')
		return true;
	for (k = 0; k < sizeof(number_words) / sizeof(number_words[0]); k++)
		if (strcmp(w, number_words[k]) == 0)
			return true;
	return false;
}

/* Whether s[a, b) ends a sentence: ". X", "; ", "! ", "? ", a line break.
 * "e.g. 2 s" does not (no capital after the full stop). */
static bool
sentence_break(const char *s, size_t a, size_t b)
{
	size_t i;

	for (i = a; i < b; i++) {
		char c = s[i];

		if (c == ';' || c == '!' || c == '?' || c == '\n')
			return true;
		if (c == '.' && i + 1 < b && (s[i + 1] == ' ' || s[i + 1] == '\t')) {
			size_t j = i + 1;

			while (j < b && (s[j] == ' ' || s[j] == '\t'))
				j++;
			if (j == b || (s[j] >= 'A' && s[j] <= 'Z'))
				return true;
		}
	}
	return false;
}

/* Whether tokens [i, i + k) are made precise close after, in the same
 * sentence: a number ("fast (under 200 ms)", "quickly, within 2 s") or
 * an aside in parentheses ("gracefully (no crash, no popup)"). */
static bool
measured(const char *s, size_t n, const struct bl_tokens *tk, size_t i, size_t k)
{
	size_t end = tk->t[i + k - 1].off + tk->t[i + k - 1].len, j, p;

	for (j = i + k; j <= tk->n && j <= i + k + MEASURE_REACH; j++) {
		size_t to = j < tk->n ? tk->t[j].off : n;

		if (sentence_break(s, end, to))
			return false;
		for (p = end; p < to; p++)
			if (s[p] == '(')
				return true;
		if (j == tk->n || j == i + k + MEASURE_REACH)
			break;
		if (is_number_token(tk, j))
			return true;
	}
	return false;
}

/* Whether the phrase [i, i + k) is written as one: its tokens apart only
 * by spaces, or the slash of "and/or" ("fast, track" is not "fast track"). */
static bool
contiguous(const char *s, const struct bl_tokens *tk, size_t i, size_t k)
{
	size_t j, p;

	for (j = i + 1; j < i + k; j++)
		for (p = tk->t[j - 1].off + tk->t[j - 1].len; p < tk->t[j].off; p++)
			if (s[p] != ' ' && s[p] != '\t' && s[p] != '/')
				return false;
	return true;
}

/* Whether byte off of s is inside double quotes or backticks: a label on
 * the screen ("the \"Quick renew\" button") or code. */
static bool
quoted(const char *s, size_t off)
{
	size_t i;
	bool dq = false, bt = false, curly = false;

	for (i = 0; i < off; i++) {
		if (s[i] == '"')
			dq = !dq;
		else if (s[i] == '`')
			bt = !bt;
		else if (strncmp(s + i, "\xe2\x80\x9c", 3) == 0) /* left double quote */
			curly = true;
		else if (strncmp(s + i, "\xe2\x80\x9d", 3) == 0) /* right double quote */
			curly = false;
	}
	return dq || bt || curly;
}

/* Whether token i is a capitalised word inside the sentence ("the Quick
 * Links panel"), which names a thing rather than describes it. Upper-case
 * words (TBD, ASAP) are not names. */
static bool
named(const char *s, const struct bl_tokens *tk, size_t i)
{
	const char *w = s + tk->t[i].off;
	size_t k, p;
	bool lower = false;

	if (!(w[0] >= 'A' && w[0] <= 'Z'))
		return false;
	for (k = 1; k < tk->t[i].len; k++)
		lower |= w[k] >= 'a' && w[k] <= 'z';
	if (!lower || i == 0)
		return false;
	/* The first word after a step keyword starts the sentence too. */
	if (i == 1) {
		const char *k0 = bl_token_norm(tk, 0);

		if (strcmp(k0, "given") == 0 || strcmp(k0, "when") == 0 ||
		    strcmp(k0, "then") == 0 || strcmp(k0, "and") == 0 || strcmp(k0, "but") == 0)
			return false;
	}
	/* A capital after a full stop or colon starts a sentence. */
	for (p = tk->t[i].off; p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t'); p--)
		;
	return !(p > 0 && (s[p - 1] == '.' || s[p - 1] == ':' || s[p - 1] == '!' ||
	                   s[p - 1] == '?' || s[p - 1] == '('));
}

/* Whether the word at s[off, off + len) is part of a name in code
 * ("result.optimal.labels", "fast_mode"): joined to the next or the
 * previous word by a dot or an underscore, with no space. */
static bool
in_identifier(const char *s, size_t n, size_t off, size_t len)
{
	size_t e = off + len;

	if (off > 0 && (s[off - 1] == '.' || s[off - 1] == '_') && off > 1 &&
	    isalnum((unsigned char)s[off - 2]))
		return true;
	return e + 1 < n && (s[e] == '.' || s[e] == '_') && isalnum((unsigned char)s[e + 1]);
}

/* The vague words already reported for the current criterion. */
struct vague_seen {
	const struct bl_word *w[16];
	size_t n;
};

static void
vague_text(struct bl_ctx *ctx, const struct bl_item *it, const struct bl_text *t,
           struct vague_seen *seen)
{
	const struct bl_wordset *ws = bl_ctx_words(ctx, BL_W_VAGUE_TERMS);
	const struct bl_wordset *ph = bl_ctx_words(ctx, BL_W_PLACEHOLDERS);
	const struct bl_tokens *tk;
	size_t i, j;

	if (t->s == NULL || t->len == 0)
		return;
	tk = bl_ctx_text_tokens(ctx, t->s, t->len);
	for (i = 0; i < tk->n; i++) {
		const struct bl_word *w = bl_wordset_at(ws, tk, i);
		size_t k, off, len;
		bool dup = false;

		if (w == NULL)
			continue;
		k = w->ntok;
		if (w->value != NULL && strcmp(w->value, "-") == 0) {
			i += k - 1; /* a named state hides the word */
			continue;
		}
		if (!contiguous(t->s, tk, i, k) || named(t->s, tk, i) ||
		    quoted(t->s, tk->t[i].off) ||
		    in_identifier(t->s, t->len, tk->t[i].off, tk->t[i].len))
			continue;
		if (bl_wordset_span(ph, tk, i, k) == NULL && measured(t->s, t->len, tk, i, k))
			continue;
		for (j = 0; j < seen->n; j++)
			dup |= seen->w[j] == w;
		if (dup)
			continue;
		if (seen->n < sizeof(seen->w) / sizeof(seen->w[0]))
			seen->w[seen->n++] = w;
		off = tk->t[i].off;
		len = tk->t[i + k - 1].off + tk->t[i + k - 1].len - off;
		bl_report(ctx, BL_R_AC_VAGUE, bl_text_subspan(it->file, t, off, len),
		          "'%s' is not measurable: %s", bl_ctx_quote(ctx, t->s + off, len, 40),
		          w->value != NULL ? w->value
		                           : "say what can be observed or measured instead");
		i += k - 1;
	}
}

/* Whether a criterion holds no letter ("- [ ] #2 1"): a slip, not a
 * criterion. */
static bool
no_words(const struct bl_text *t)
{
	size_t i;

	for (i = 0; t->s != NULL && i < t->len; i++)
		if (isalpha((unsigned char)t->s[i]) || (unsigned char)t->s[i] >= 0x80)
			return false;
	return t->s != NULL;
}

/* A criterion that ends in "works" ("Track playback works") names a
 * feature and no result to check; "still works" asks that what worked
 * before go on working, which a test can tell. */
static void
just_works(struct bl_ctx *ctx, const struct bl_item *it, const struct bl_text *t)
{
	const struct bl_tokens *tk;
	size_t n = t->len, last;

	if (t->s == NULL)
		return;
	while (n > 0 && (t->s[n - 1] == '.' || t->s[n - 1] == ' ' || t->s[n - 1] == '\t'))
		n--;
	if (n < 6 || memcmp(t->s + n - 6, " works", 6) != 0)
		return;
	tk = bl_ctx_text_tokens(ctx, t->s, t->len);
	if (tk->n < 2)
		return;
	for (last = tk->n - 1; last > 0 && tk->t[last].off >= n; last--)
		;
	if (strcmp(bl_token_norm(tk, last), "works") != 0 ||
	    strcmp(bl_token_norm(tk, last - 1), "still") == 0 || quoted(t->s, tk->t[last].off))
		return;
	bl_report(ctx, BL_R_AC_VAGUE, bl_text_subspan(it->file, t, tk->t[last].off, 5),
	          "'works' is not measurable: say what the user sees or gets when it works, "
	          "e.g. 'the playlist plays in order'");
}

void
bl_check_ac_vague(struct bl_ctx *ctx, const struct bl_item *it)
{
	size_t i, j;

	for (i = 0; i < it->ncriteria; i++) {
		const struct bl_criterion *c = &it->criteria[i];
		struct vague_seen seen = {{NULL}, 0};

		/* A scenario's title names it; its steps are the criterion. */
		if (c->nsteps == 0 && no_words(&c->text)) {
			bl_report(ctx, BL_R_AC_VAGUE, c->text.span,
			          "criterion '%s' holds no words, so nothing can be checked: write "
			          "what must be true, or remove it",
			          bl_ctx_quote(ctx, c->text.s, c->text.len, 20));
			continue;
		}
		if (c->nsteps == 0) {
			vague_text(ctx, it, &c->text, &seen);
			just_works(ctx, it, &c->text);
		}
		for (j = 0; j < c->nsteps; j++)
			vague_text(ctx, it, &c->steps[j].text, &seen);
	}
}

/* Whether c is a scenario with a "Scenario:" line of its own, rather than
 * steps, or a sentence that starts with a step keyword. */
static bool
titled(const struct bl_criterion *c)
{
	return c->kind == BL_CRIT_SCENARIO && c->nsteps > 0 && c->text.s != c->steps[0].text.s;
}

/* A criterion as quoted in a message: a scenario by its name, without
 * its keyword ("Scenario Outline: Late return" is 'Late return'). */
static const char *
criterion_name(struct bl_ctx *ctx, const struct bl_criterion *c)
{
	const char *name = c->text.s, *colon;
	size_t n = c->text.len;

	if (titled(c) && (colon = memchr(c->text.s, ':', c->text.len)) != NULL) {
		const char *p = colon + 1;
		size_t m = c->text.len - (size_t)(p - c->text.s);

		bl_trim(&p, &m);
		if (m > 0) {
			name = p;
			n = m;
		}
	}
	return bl_ctx_quote(ctx, name, n, 50);
}

/* ------------------------------------------------------------------ */
/* ac/gherkin */

/* The keyword a step stands for: And and But continue the one before,
 * unless they repeat a keyword ("And when ..."), which is then explicit. */
static enum bl_step_kw
step_kind(const struct bl_step *st, int prev, bool *explicit)
{
	const char *s = st->text.s;
	size_t n = st->text.len, l;

	*explicit = true;
	if (st->kw != BL_STEP_AND && st->kw != BL_STEP_BUT)
		return st->kw;
	l = word_at(s, n, "and") ? 3 : word_at(s, n, "but") ? 3 : 0;
	while (l < n && (s[l] == ' ' || s[l] == '\t' || s[l] == '*' || s[l] == '_' || s[l] == ','))
		l++;
	if (word_at(s + l, n - l, "when"))
		return BL_STEP_WHEN;
	if (word_at(s + l, n - l, "given"))
		return BL_STEP_GIVEN;
	if (word_at(s + l, n - l, "then"))
		return BL_STEP_THEN;
	*explicit = false;
	return prev < 0 ? BL_STEP_GIVEN : (enum bl_step_kw)prev;
}

/* Whether the ASCII word occurs in s[0, n) on word boundaries. */
static bool
has_word(const char *s, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char p = i ? s[i - 1] : ' ';

		if (!((p >= 'a' && p <= 'z') || (p >= 'A' && p <= 'Z')) &&
		    word_at(s + i, n - i, word))
			return true;
	}
	return false;
}

/* Whether step text t starts a list item in the source ("- [ ] Given
 * ...", "1. When ..."), rather than continuing a line or a block. */
static bool
list_start(const struct bl_file *f, const struct bl_text *t)
{
	size_t p, q;

	if (!t->exact || t->off > f->len)
		return false;
	for (p = t->off; p > 0 && f->data[p - 1] != '\n'; p--)
		;
	while (p < t->off && (f->data[p] == ' ' || f->data[p] == '\t'))
		p++;
	if (p >= t->off)
		return false;
	if (f->data[p] == '-' || f->data[p] == '*' || f->data[p] == '+')
		return true;
	for (q = p; q < t->off && f->data[q] >= '0' && f->data[q] <= '9'; q++)
		;
	return q > p && q < t->off && (f->data[q] == '.' || f->data[q] == ')');
}

/* The whole list item a step starts, continuation lines included
 * ("Given ..., when the worker\n  processes it, then ..."), as s[0, *n). */
static const char *
item_text(const struct bl_file *f, const struct bl_text *t, size_t *n)
{
	size_t end, q;

	if (!t->exact || t->off + t->len > f->len) {
		*n = t->len;
		return t->s;
	}
	end = t->off + t->len;
	for (;;) {
		while (end < f->len && f->data[end] != '\n')
			end++;
		q = end + 1;
		if (end >= f->len || q >= f->len || (f->data[q] != ' ' && f->data[q] != '\t'))
			break;
		while (q < f->len && (f->data[q] == ' ' || f->data[q] == '\t'))
			q++;
		if (q >= f->len || f->data[q] == '\n' || f->data[q] == '-' || f->data[q] == '*' ||
		    f->data[q] == '+' || f->data[q] == '`' ||
		    (f->data[q] >= '0' && f->data[q] <= '9'))
			break;
		end = q;
	}
	*n = end - t->off;
	return f->data + t->off;
}

/* Whether s[i] is a comma or semicolon with a word after it: a clause
 * follows. */
static bool
clause_after(const char *s, size_t n, size_t i)
{
	size_t j = i + 1;

	if (s[i] != ',' && s[i] != ';')
		return false;
	while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
		j++;
	return j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'));
}

/* Whether the clause after the word when in s[0, n) is followed by
 * another one: "when I pay, the fine is cleared" states its outcome
 * without a then. */
static bool
outcome_after_when(const char *s, size_t n)
{
	size_t i;
	bool seen = false;

	for (i = 0; i < n; i++) {
		char p = i ? s[i - 1] : ' ';

		if (!seen && !((p >= 'a' && p <= 'z') || (p >= 'A' && p <= 'Z')) &&
		    word_at(s + i, n - i, "when"))
			seen = true;
		else if (seen && clause_after(s, n, i))
			return true;
	}
	return false;
}

/* Whether the list item a step starts reads as a sentence of its own
 * rather than one step: another keyword inside it ("Given a hold, when I
 * renew, ..."), or a clause after a comma ("When I save, the form
 * closes"). */
static bool
sentence_like(const struct bl_item *it, const struct bl_step *st)
{
	size_t n, i = 0;
	const char *s = item_text(it->file, &st->text, &n);

	while (i < n && s[i] != ' ' && s[i] != '\t')
		i++; /* the keyword */
	if (has_word(s + i, n - i, "given") || has_word(s + i, n - i, "when") ||
	    has_word(s + i, n - i, "then"))
		return true;
	for (; i < n; i++)
		if (clause_after(s, n, i))
			return true;
	return false;
}

/* Reports a Given/When sentence with no outcome: "Given a hold, when I
 * renew" (the whole list item, over its lines). */
static void
gwt_sentence(struct bl_ctx *ctx, const struct bl_item *it, const struct bl_step *st)
{
	size_t n;
	const char *s = item_text(it->file, &st->text, &n);

	if (st->kw == BL_STEP_GIVEN && has_word(s, n, "when") && !has_word(s, n, "then") &&
	    !outcome_after_when(s, n))
		bl_report(ctx, BL_R_AC_GHERKIN, st->text.span,
		          "criterion '%s' has a Given and a When but no outcome; add \"then "
		          "<what happens>\", which decides whether it passes",
		          bl_ctx_quote(ctx, st->text.s, st->text.len, 50));
}

static void
gherkin_scenario(struct bl_ctx *ctx, const struct bl_item *it, const struct bl_criterion *c)
{
	bool given = false, when = false, then = false, inline_then = false, then_stated;
	const struct bl_step *bad = NULL;
	const char *why = NULL;
	size_t j;
	int prev = -1;

	/* A scenario with no "Scenario:" line is what the loader made of steps
	 * in a row: Given/When/Then list items, a block of steps, or list
	 * items that are each a sentence ("When I save, the form closes";
	 * "Given a hold, when I renew, then ..." wrapped over two lines). */
	if (!titled(c)) {
		size_t segs = 0, longest = 0, len = 0;
		bool sentences = false;

		for (j = 0; j < c->nsteps; j++) {
			if (j == 0 || list_start(it->file, &c->steps[j].text)) {
				segs++;
				len = 0;
				sentences |= sentence_like(it, &c->steps[j]);
			}
			if (++len > longest)
				longest = len;
		}
		if (c->nsteps == 1 || (segs > 1 && (longest > 1 || sentences))) {
			/* sentences, one a list item: each needs its own then */
			for (j = 0; j < c->nsteps; j++)
				if (j == 0 || list_start(it->file, &c->steps[j].text))
					gwt_sentence(ctx, it, &c->steps[j]);
			return;
		}
	}
	for (j = 0; j < c->nsteps; j++) {
		const struct bl_step *st = &c->steps[j];
		bool expl;
		enum bl_step_kw k = step_kind(st, prev, &expl);

		if (bad == NULL && expl && k == BL_STEP_GIVEN && then) {
			bad = st;
			why = "comes after a Then, so it starts a second scenario; split into two "
			      "scenarios";
		} else if (bad == NULL && expl && k == BL_STEP_GIVEN && when) {
			bad = st;
			why = "comes after the When: state preconditions before the action (move "
			      "it up, "
			      "or make it a Then if it is an outcome)";
		} else if (bad == NULL && expl && k == BL_STEP_WHEN && then) {
			bad = st;
			why = "is a second action after the outcome; split into two scenarios, one "
			      "When-Then pair each";
		} else if (bad == NULL && expl && k == BL_STEP_WHEN && when) {
			bad = st;
			why = "is a second When in one scenario: one action per scenario; split "
			      "it, or "
			      "make the earlier action a Given";
		}
		given |= k == BL_STEP_GIVEN;
		when |= k == BL_STEP_WHEN;
		then |= k == BL_STEP_THEN;
		/* "WHEN x, THEN y" in one step (OpenSpec) states its outcome; only
		 * a missing Then looks at it ("and then returned" is no step). */
		if (k != BL_STEP_THEN) {
			size_t w = 0;

			while (w < st->text.len && st->text.s[w] != ' ' && st->text.s[w] != '\t')
				w++;
			inline_then |= has_word(st->text.s + w, st->text.len - w, "then");
		}
		prev = (int)k;
	}
	then_stated = then || inline_then;
	if (!titled(c) && !then_stated) {
		/* Several "When ..., ..." sentences are not one scenario; steps
		 * with a Given and a When but no Then are. */
		if (given && when)
			bl_report(ctx, BL_R_AC_GHERKIN, c->text.span,
			          "steps from '%s' have a Given and a When but no Then; add the "
			          "outcome "
			          "that decides whether it passes",
			          bl_ctx_quote(ctx, c->text.s, c->text.len, 50));
		return;
	}
	if (bad != NULL)
		bl_report(ctx, BL_R_AC_GHERKIN, bad->text.span, "step '%s' %s",
		          bl_ctx_quote(ctx, bad->text.s, bad->text.len, 50), why);
	if (!then_stated)
		bl_report(ctx, BL_R_AC_GHERKIN, c->text.span,
		          "scenario '%s' has no Then step; add the observable outcome that decides "
		          "whether it passes",
		          criterion_name(ctx, c));
}

void
bl_check_ac_gherkin(struct bl_ctx *ctx, const struct bl_item *it)
{
	static const char *const keywords[] = {"given", "when", "then", "and", "but"};
	size_t i, j;

	for (i = 0; i < it->ncriteria; i++) {
		const struct bl_criterion *c = &it->criteria[i];
		const struct bl_text *first;
		bool then = false, written = false;

		if (c->nsteps == 0)
			continue; /* a sentence is one only with its then (the loader's reading) */
		/* Steps written out start with their keyword; a YAML mapping's
		 * values do not, and its keys are not ordered: only a missing
		 * then matters there. */
		first = &c->steps[0].text;
		for (j = 0; j < sizeof(keywords) / sizeof(keywords[0]) && !written; j++)
			written = first->s != NULL && word_at(first->s, first->len, keywords[j]);
		if (written && c->kind == BL_CRIT_SCENARIO) {
			gherkin_scenario(ctx, it, c);
			continue;
		}
		for (j = 0; j < c->nsteps; j++)
			then |= c->steps[j].kw == BL_STEP_THEN;
		if (!then)
			bl_report(ctx, BL_R_AC_GHERKIN, c->text.span,
			          "%s '%s' has no 'then'; add the outcome that decides whether it "
			          "passes",
			          titled(c) ? "scenario" : "criterion", criterion_name(ctx, c));
	}
}

/* ------------------------------------------------------------------ */
/* ac/duplicate */

static int
cmp_word(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether word a sorts after word b, as strcmp() has it: their first
 * bytes settle most pairs without a call. */
static bool
word_after(const char *a, const char *b)
{
	if (a[0] != b[0])
		return (unsigned char)a[0] > (unsigned char)b[0];
	return strcmp(a, b) > 0;
}

/* Sorts n words: a criterion has a handful, which an insertion sort puts
 * in order faster than qsort(). */
static void
sort_words(char **w, size_t n)
{
	size_t i, j;

	if (n > 16) {
		qsort(w, n, sizeof(*w), cmp_word);
		return;
	}
	for (i = 1; i < n; i++) {
		char *x = w[i];

		for (j = i; j > 0 && word_after(w[j - 1], x); j--)
			w[j] = w[j - 1];
		w[j] = x;
	}
}

/* The cached tokens of text j of criterion c (its text, or step j of a
 * scenario), or NULL when it is empty. */
static const struct bl_tokens *
part_tokens(struct bl_ctx *ctx, const struct bl_criterion *c, size_t j)
{
	const struct bl_text *s = c->nsteps == 0 ? &c->text : &c->steps[j].text;

	return s->s != NULL && s->len > 0 ? bl_ctx_text_tokens(ctx, s->s, s->len) : NULL;
}

/* The content key of criterion c (its steps for a scenario) with its
 * words sorted, so that "the due date is shown for a renewed loan" and
 * "a renewed loan shows the due date" are one; in the scratch arena, NULL
 * when it has no content words. The steps are read as one text, a line
 * each. */
static const char *
criterion_key(struct bl_ctx *ctx, const struct bl_criterion *c)
{
	const struct bl_wordset *stop = bl_ctx_words(ctx, BL_W_STOPWORDS);
	struct bl_arena *a = bl_ctx_scratch(ctx);
	size_t ntexts = c->nsteps == 0 ? 1 : c->nsteps, ntok = 0, room = 0, n = 0, j, k, len;
	char *stems, *p, *r, **words;

	/* A line break ends a token: the tokens of the steps as one text are
	 * those of each step in turn. */
	for (j = 0; j < ntexts; j++) {
		const struct bl_tokens *tk = part_tokens(ctx, c, j);

		if (tk != NULL) {
			ntok += tk->n;
			room += tk->normlen;
		}
	}
	if (ntok == 0)
		return NULL;
	words = bl_arena_alloc(a, ntok * sizeof(*words));
	p = stems = bl_arena_alloc(a, room);
	for (j = 0; j < ntexts; j++) {
		const struct bl_tokens *tk = part_tokens(ctx, c, j);

		for (k = 0; tk != NULL && k < tk->n; k++)
			if (bl_content_word(stop, tk, k, p, &len)) {
				words[n++] = p;
				p += len + 1;
			}
	}
	if (n == 0)
		return NULL;
	sort_words(words, n);
	p = r = bl_arena_alloc(a, (size_t)(p - stems));
	for (j = 0; j < n; j++) {
		len = strlen(words[j]);
		if (j > 0)
			*p++ = ' ';
		memcpy(p, words[j], len);
		p += len;
	}
	*p = '\0';
	return r;
}

void
bl_check_ac_duplicate(struct bl_ctx *ctx, const struct bl_item *it)
{
	struct bl_strtab t;
	size_t i;

	if (it->ncriteria < 2)
		return;
	bl_strtab_init(ctx, &t, it->ncriteria);
	for (i = 0; i < it->ncriteria; i++) {
		const struct bl_criterion *c = &it->criteria[i];
		const char *key = criterion_key(ctx, c);
		size_t first;

		if (key == NULL || (first = bl_strtab_put(&t, key, i)) == i)
			continue;
		if (titled(c))
			bl_report(ctx, BL_R_AC_DUPLICATE, c->text.span,
			          "scenario '%s' repeats the steps of the one on line %u ('%s'); "
			          "remove "
			          "it, or change what it tests",
			          criterion_name(ctx, c),
			          (unsigned)it->criteria[first].text.span.line,
			          criterion_name(ctx, &it->criteria[first]));
		else
			bl_report(ctx, BL_R_AC_DUPLICATE, c->text.span,
			          "criterion repeats the one on line %u ('%s'); remove it, or say "
			          "what "
			          "it adds",
			          (unsigned)it->criteria[first].text.span.line,
			          criterion_name(ctx, &it->criteria[first]));
	}
}

/* ------------------------------------------------------------------ */
/* ac/unchecked-done */

void
bl_check_ac_unchecked_done(struct bl_ctx *ctx, const struct bl_item *it)
{
	const char *cat = bl_status_category(ctx, &it->status);
	const struct bl_criterion *first = NULL;
	size_t i, boxes = 0, open = 0;

	if (cat == NULL || strcmp(cat, "done") != 0)
		return;
	for (i = 0; i < it->ncriteria; i++) {
		const struct bl_criterion *c = &it->criteria[i];

		boxes += c->checked >= 0;
		if (c->checked == 0 && open++ == 0)
			first = c;
	}
	if (open == 0)
		return;
	bl_report(ctx, BL_R_AC_UNCHECKED_DONE, first->text.span,
	          "status '%s' but %zu of %zu acceptance criteria %s unchecked (first: '%s'); the "
	          "%s cannot have been accepted: check %s or reopen the %s",
	          bl_ctx_quote(ctx, it->status.s, it->status.len, 30), open, boxes,
	          open == 1 ? "is" : "are", bl_ctx_quote(ctx, first->text.s, first->text.len, 40),
	          bl_type_name(it->type), open == 1 ? "it" : "them", bl_type_name(it->type));
}
