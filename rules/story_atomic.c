/*
 * story/atomic reads the means as a reviewer does: almost any conjunction
 * there asks for two things. What the conjunction joins decides the level:
 * two actions, a second clause, alternatives ("or") and lists of three are
 * flagged by default; two objects of one verb ("dates and times") only with
 * the strict option, since reviewers differ on those. Fixed pairs, asides
 * (parentheses, "such as ...") and the ends never count.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "common.h"
#include "rules.h"
#include "story.h"

/* What a conjunction in the means joins, weakest first. */
enum joins { J_OBJECTS, J_LIST, J_ALTERNATIVES, J_CLAUSE, J_ACTIONS };

/* Words that may sit between a conjunction and the verb it introduces. */
static bool
filler(const char *w)
{
	static const char *const fill[] = {"to",       "also", "then",  "later", "easily",
	                                   "quickly",  "even", "maybe", "just",  "automatically",
	                                   "possibly", "able", NULL};

	return bl_one_of(w, fill);
}

/* Words after a verb that show it is used as a verb: an object or a
 * preposition follows, not a noun it qualifies ("search results"). */
static bool
verb_follower(const char *w)
{
	static const char *const fol[] = {
	        "the",  "a",     "an",   "my",       "our",      "their", "his",   "her", "its",
	        "your", "them",  "it",   "this",     "that",     "these", "those", "all", "any",
	        "each", "every", "some", "new",      "existing", "other", "for",   "by",  "to",
	        "from", "with",  "in",   "into",     "on",       "out",   "up",    "off", "via",
	        "back", "again", "one",  "multiple", "me",       "us",    "him",   NULL,
	};

	return bl_one_of(w, fol);
}

/* Determiners and object pronouns: a word directly followed by one acts
 * as a verb ("and get a list", "and keep them"). */
static bool
object_start(const char *w)
{
	static const char *const det[] = {"the",  "a",   "an",    "my",   "our",      "their",
	                                  "your", "his", "its",   "them", "it",       "me",
	                                  "us",   "him", "every", "each", "multiple", NULL};

	return bl_one_of(w, det);
}

/* Prepositions: "and in the archive" joins two places, not two actions. */
static bool
preposition(const char *w)
{
	static const char *const prep[] = {
	        "in",      "on",      "at",     "for",     "with",  "from",    "by",
	        "of",      "into",    "onto",   "via",     "about", "through", "over",
	        "under",   "without", "within", "across",  "after", "before",  "during",
	        "between", "against", "toward", "towards", NULL};

	return bl_one_of(w, prep);
}

/* Question words that start a second clause ("what ... and how ..."). */
static bool
wh_word(const char *w)
{
	static const char *const wh[] = {"what",  "how", "why",     "where", "when",
	                                 "which", "who", "whether", NULL};

	return bl_one_of(w, wh);
}

/* Words that start an aside: examples, "e.g.", "etc.", a contrast
 * ("rather than", "other than", "not necessarily") or a reason ("due to",
 * "because", "for ease of"). A conjunction after one is the aside's. */
static bool
aside_start(const struct bl_tokens *tk, size_t i)
{
	const char *w = bl_token_norm(tk, i);
	const char *next = i + 1 < tk->n ? bl_token_norm(tk, i + 1) : "";

	if (bl_story_example_start(tk, i))
		return true;
	/* Most words start with none of the letters the words below do. */
	if (strchr("ebirond", w[0]) == NULL)
		return false;
	if (bl_word_is(w, "etc") || bl_word_is(w, "because"))
		return true;
	if (bl_word_is(w, "e") || bl_word_is(w, "i"))
		return strcmp(next, w[0] == 'e' ? "g" : "e") == 0;
	if (bl_word_is(w, "rather") || bl_word_is(w, "other"))
		return bl_word_is(next, "than");
	if (bl_word_is(w, "not"))
		return bl_word_is(next, "necessarily");
	/* A reason inside the means ("due to an error", "for ease of
	 * browsing and searching") is the story's why, not its what. */
	if (bl_word_is(w, "due"))
		return bl_word_is(next, "to");
	if (bl_word_is(w, "ease"))
		return bl_word_is(next, "of") && i > 0 &&
		       bl_word_is(bl_token_norm(tk, i - 1), "for");
	return false;
}

/* Whether token i of tk is an action verb of the list, as written or with
 * its inflection stripped ("reads", "updated", "editing"). */
static bool
listed_verb(const struct bl_wordset *verbs, const struct bl_tokens *tk, size_t i)
{
	const char *w = bl_token_norm(tk, i);
	size_t n = tk->t[i].nlen, k;
	char buf[64];
	static const char *const suf[] = {"s", "es", "ed", "d", "ing", NULL};

	if (bl_wordset_span(verbs, tk, i, 1) != NULL)
		return true;
	if (n >= sizeof(buf) || n < 4)
		return false;
	for (k = 0; suf[k] != NULL; k++) {
		size_t sl = strlen(suf[k]), m;

		if (!bl_ends_with(w, n, suf[k]) || n - sl < 3)
			continue;
		m = n - sl;
		memcpy(buf, w, m);
		if (bl_wordset_lookup(verbs, buf, m) != NULL)
			return true;
		/* "saving": save; "shipped": ship */
		if (bl_word_is(suf[k], "ing") || bl_word_is(suf[k], "ed")) {
			buf[m] = 'e';
			if (bl_wordset_lookup(verbs, buf, m + 1) != NULL)
				return true;
			if (m > 3 && buf[m - 1] == buf[m - 2] &&
			    bl_wordset_lookup(verbs, buf, m - 1) != NULL)
				return true;
		}
	}
	return false;
}

/* Whether token i acts as a verb: one of the list, or the word after
 * "to" ("attempts to correct"). */
static bool
verb_like(const struct bl_wordset *verbs, const struct bl_tokens *tk, size_t i)
{
	/* "a reading list", "the report": a noun after its determiner. */
	if ((i > 0 && object_start(bl_token_norm(tk, i - 1))) ||
	    (i > 1 && object_start(bl_token_norm(tk, i - 2))))
		return false;
	return listed_verb(verbs, tk, i) || (i > 0 && bl_word_is(bl_token_norm(tk, i - 1), "to") &&
	                                     !object_start(bl_token_norm(tk, i)));
}

/* Whether token i reads as a past participle ("deleted", "hidden"). */
static bool
participle(const struct bl_tokens *tk, size_t i)
{
	static const char *const irregular[] = {
	        "hidden", "shown", "seen",  "done", "known", "written", "given", "taken",
	        "made",   "sent",  "built", "kept", "lost",  "found",   "held",  NULL};
	const char *w = bl_token_norm(tk, i);
	size_t n = tk->t[i].nlen;

	return (n > 4 && bl_ends_with(w, n, "ed")) || bl_one_of(w, irregular);
}

/* The end of the verb phrase at token i: the verb with a particle. */
static size_t
verb_end(const struct bl_tokens *tk, size_t i)
{
	if (i + 1 < tk->n) {
		const char *p = bl_token_norm(tk, i + 1);

		if (bl_word_is(p, "in") || bl_word_is(p, "out") || bl_word_is(p, "up") ||
		    bl_word_is(p, "off") || bl_word_is(p, "on"))
			return i + 1;
	}
	return i;
}

/* Whether an exception phrase covers tokens [i, i + k]. */
static bool
excepted(const struct bl_wordset *ex, const struct bl_tokens *tk, size_t i, size_t k)
{
	size_t from = i > 4 ? i - 4 : 0, j;

	for (j = from; j <= i; j++) {
		const struct bl_word *w = bl_wordset_at(ex, tk, j);

		if (w != NULL && j + w->ntok > i + k)
			return true;
	}
	return false;
}

/* Whether token i is a number ("1/2", "24/7"). */
static bool
number(const struct bl_tokens *tk, size_t i)
{
	return isdigit((unsigned char)bl_token_norm(tk, i)[0]);
}

/* Whether word a and b are one word's variants ("group/groups"). */
static bool
variants(const struct bl_tokens *tk, size_t a, size_t b)
{
	char x[BL_STEM_MAX], y[BL_STEM_MAX];
	size_t na = tk->t[a].nlen, nb = tk->t[b].nlen;

	if (na >= BL_STEM_MAX || nb >= BL_STEM_MAX)
		return false;
	bl_stem(bl_token_norm(tk, a), na, x);
	bl_stem(bl_token_norm(tk, b), nb, y);
	return strcmp(x, y) == 0;
}

/* Marks the tokens of the means that sit in an aside: between brackets
 * or quotes, or after a word that starts one ("such as", "including"). */
static void
mark_asides(const struct bl_text *m, const struct bl_tokens *tk, bool *aside)
{
	size_t i, depth = 0, k = 0;
	bool quote = false, intro = false;

	for (i = 0; i < tk->n; i++) {
		for (; k < tk->t[i].off; k++) {
			char c = m->s[k];

			if (c == '(' || c == '[')
				depth++;
			else if ((c == ')' || c == ']') && depth > 0)
				depth--;
			else if (c == '"')
				quote = !quote;
		}
		intro = intro || aside_start(tk, i);
		aside[i] = intro || depth > 0 || quote;
	}
}

/* What the conjunction between tokens left and right joins (right is its
 * first token after it, sym the conjunction is a symbol). */
static enum joins
classify(struct bl_ctx *ctx, const struct bl_text *m, const struct bl_tokens *tk, size_t start,
         size_t conj, size_t left, size_t right, bool either, bool orr, size_t *head)
{
	const struct bl_wordset *verbs = bl_ctx_words(ctx, BL_W_ACTION_VERBS);
	size_t r = right, j;
	const char *w;

	*head = right;
	if (r >= tk->n)
		return J_OBJECTS;
	w = bl_token_norm(tk, r);
	if (bl_story_subject(w) && r + 1 < tk->n)
		return J_CLAUSE;
	if (wh_word(w))
		return J_CLAUSE;
	if (bl_word_is(w, "it") && r + 1 < tk->n && bl_story_auxiliary(bl_token_norm(tk, r + 1)))
		return J_CLAUSE;
	/* "and to select", "and can page through", "and be taken to". */
	if (bl_word_is(w, "to") && r + 1 < tk->n && !object_start(bl_token_norm(tk, r + 1)) &&
	    !number(tk, r + 1)) {
		*head = r + 1;
		return J_ACTIONS;
	}
	for (; r < tk->n && filler(bl_token_norm(tk, r)); r++)
		;
	if (r >= tk->n)
		return J_OBJECTS;
	*head = r;
	w = bl_token_norm(tk, r);
	if (bl_story_auxiliary(w) && r + 1 < tk->n && r == right)
		return J_ACTIONS;
	if (listed_verb(verbs, tk, r) &&
	    ((r + 1 < tk->n &&
	      verb_follower(
	              bl_token_norm(tk, verb_end(tk, r) + 1 < tk->n ? verb_end(tk, r) + 1 : r))) ||
	     (left != SIZE_MAX && listed_verb(verbs, tk, left))))
		return J_ACTIONS;
	if (r + 1 < tk->n && object_start(bl_token_norm(tk, r + 1)) && !number(tk, r) &&
	    !preposition(w))
		return J_ACTIONS;
	/* "to create groups and add campers": the means starts with a verb and
	 * the conjunction brings another with its object. */
	if (start < conj && bl_wordset_span(verbs, tk, r, 1) != NULL &&
	    listed_verb(verbs, tk, start) && r + 1 < tk->n && r == right)
		return J_ACTIONS;
	if (left != SIZE_MAX && participle(tk, left) && participle(tk, r))
		return J_ALTERNATIVES;
	if (either || orr)
		return J_ALTERNATIVES;
	/* A list: "author, year and format" (a short item between a comma and
	 * the conjunction). */
	j = conj;
	if (j == 0) /* "a/b" opening the means */
		return J_OBJECTS;
	if (bl_story_comma_between(m, tk->t[j - 1].off + tk->t[j - 1].len, tk->t[j].off))
		j--; /* the comma before "and" in "A, B, and C" */
	for (; j > 0 && conj - j < 5; j--) {
		if (bl_story_comma_between(m, tk->t[j - 1].off + tk->t[j - 1].len, tk->t[j].off)) {
			if (j < conj && j >= 2 && !wh_word(bl_token_norm(tk, j)) &&
			    !bl_story_subject(bl_token_norm(tk, j)) &&
			    !bl_word_is(bl_token_norm(tk, j), "which"))
				return J_LIST;
			break;
		}
	}
	return J_OBJECTS;
}

/* The means being read, with what each step of story/atomic needs. */
struct means {
	const struct bl_text *m;
	const struct bl_tokens *tk;
	const bool *aside; /* the tokens in an aside */
	size_t start;      /* the means' first word past "to", "be able to" */
	const struct bl_wordset *conj, *verbs, *ex;
};

/* What the words read so far say of a conjunction to come: the last
 * "between", "whether" and negation, or SIZE_MAX. */
struct seen {
	size_t between, whether, neg;
	size_t skip; /* the last token of the conjunction read last */
	bool either;
};

/* A conjunction that may join two things: its tokens [at, end), the token
 * before it (left), the bytes to underline [from, to), and whether it is
 * an "or". */
struct conj {
	size_t at, end, left, from, to;
	bool orr;
};

/* Tokenizes the means of it into r, with its asides and where it starts;
 * false when it has no two words to join. */
static bool
read_means(struct bl_ctx *ctx, const struct bl_item *it, struct means *r)
{
	const struct bl_text *m = &it->means;
	const struct bl_tokens *tk;
	bool *aside;
	size_t start;

	if (m->s == NULL)
		return false;
	tk = bl_ctx_text_tokens(ctx, m->s, m->len);
	if (tk->n < 2)
		return false;
	aside = bl_arena_alloc(bl_ctx_scratch(ctx), tk->n * sizeof(*aside));
	mark_asides(m, tk, aside);
	for (start = 0; start < tk->n && (filler(bl_token_norm(tk, start)) ||
	                                  bl_word_is(bl_token_norm(tk, start), "be"));
	     start++)
		;
	r->m = m;
	r->tk = tk;
	r->aside = aside;
	r->start = start;
	r->conj = bl_ctx_words(ctx, BL_W_CONJUNCTIONS);
	r->verbs = bl_ctx_words(ctx, BL_W_ACTION_VERBS);
	r->ex = bl_ctx_words(ctx, BL_W_CONJUNCTION_EXCEPTIONS);
	return true;
}

/* Notes word w at token i when it makes a later conjunction join one
 * thing. */
static void
note(struct seen *sn, const char *w, size_t i)
{
	static const char *const negations[] = {"without", "no", "not", "never", "neither", NULL};

	if (bl_word_is(w, "either"))
		sn->either = true;
	if (bl_word_is(w, "between"))
		sn->between = i;
	if (bl_word_is(w, "whether"))
		sn->whether = i;
	if (bl_one_of(w, negations))
		sn->neg = i;
}

/* The conjunction word c at token i ("and", "or", "as well as"): whether
 * it may join two things, into *cj. */
static bool
word_conj(const struct means *r, const struct bl_word *c, size_t i, struct seen *sn,
          struct conj *cj)
{
	const struct bl_tokens *tk = r->tk;

	cj->at = i;
	cj->end = i + c->ntok;
	cj->from = tk->t[i].off;
	cj->to = tk->t[cj->end - 1].off + tk->t[cj->end - 1].len;
	cj->orr = bl_word_is(bl_token_norm(tk, i), "or") ||
	          bl_word_is(bl_token_norm(tk, cj->end - 1), "or");
	sn->skip = cj->end - 1; /* "and/or", "as well as": one conjunction */
	if (i == 0 || cj->end >= tk->n || excepted(r->ex, tk, i, c->ntok - 1))
		return false;
	/* "between A and B", "whether A or B", "without calling or emailing",
	 * "no fees or fines": one thing. */
	if ((sn->between != SIZE_MAX && i - sn->between <= 10) ||
	    (sn->whether != SIZE_MAX && i - sn->whether <= 8 && cj->orr) ||
	    (sn->neg != SIZE_MAX && i - sn->neg <= 5 && cj->orr))
		return false;
	cj->left = i - 1;
	return true;
}

/* Whether the symbol between tokens i and i + 1 ("create/edit", "add &
 * remove", "create, edit") may join two things, into *cj. */
static bool
symbol_conj(const struct means *r, size_t i, struct conj *cj)
{
	const struct bl_text *m = r->m;
	const struct bl_tokens *tk = r->tk;
	size_t a, b, k, nsym;
	bool sym = false, comma = false;

	if (i + 1 >= tk->n)
		return false;
	a = tk->t[i].off + tk->t[i].len, b = tk->t[i + 1].off;
	for (k = a, nsym = 0; k < b && strchr(" /&+,", m->s[k]) != NULL; k++) {
		nsym += m->s[k] != ' ';
		sym = nsym == 1;
		comma = comma || m->s[k] == ',';
	}
	if (!sym || k != b || r->aside[i + 1])
		return false;
	while (m->s[a] == ' ')
		a++;
	if (comma) {
		/* Only "create, edit": two verbs. */
		if (b - a != 1 && !(b - a == 2 && m->s[a + 1] == ' '))
			return false;
		if (!listed_verb(r->verbs, tk, i) || !listed_verb(r->verbs, tk, i + 1) ||
		    i != r->start)
			return false;
	}
	/* Numbers, paths and addresses ("1/2", "C++", "a/b.md"). */
	if (number(tk, i) || number(tk, i + 1) || (b < m->len && m->s[b] == '+') ||
	    (a > 0 && m->s[a - 1] == '+') ||
	    (tk->t[i].off > 0 && strchr("./:", m->s[tk->t[i].off - 1]) != NULL) ||
	    (b + tk->t[i + 1].len < m->len && strchr("./:", m->s[b + tk->t[i + 1].len]) != NULL &&
	     b + tk->t[i + 1].len + 1 < m->len && m->s[b + tk->t[i + 1].len + 1] != ' '))
		return false;
	if (excepted(r->ex, tk, i, 1) || variants(tk, i, i + 1))
		return false;
	cj->at = i;
	cj->end = i + 1;
	cj->from = a;
	cj->to = a + 1;
	cj->left = i;
	cj->orr = false;
	return true;
}

/* Whether the words around the conjunction are one thing: two auxiliaries
 * of one verb ("has or is engaged"), two adverbs of one action ("quickly
 * and easily"). */
static bool
one_thing(const struct bl_tokens *tk, size_t left, size_t right)
{
	const char *l = bl_token_norm(tk, left), *r = bl_token_norm(tk, right);

	if (bl_story_auxiliary(l) && bl_story_auxiliary(r) && right + 1 < tk->n &&
	    !bl_story_auxiliary(bl_token_norm(tk, right + 1)) && !bl_word_is(l, "get"))
		return true;
	return bl_ends_with(l, tk->t[left].nlen, "ly") && bl_ends_with(r, tk->t[right].nlen, "ly");
}

/* Reports that the conjunction cj joins two things of kind, the one after
 * it starting at token head, quoting both. */
static void
report_atomic(struct bl_ctx *ctx, const struct bl_item *it, const struct means *r, enum joins kind,
              const struct conj *cj, size_t head)
{
	const struct bl_text *m = r->m;
	const struct bl_tokens *tk = r->tk;
	size_t start = r->start, left = cj->left, la, le, rb, re;
	const char *x, *y;

	if (kind == J_ACTIONS || kind == J_CLAUSE) {
		/* The verb before: the nearest verb of the list, or word after
		 * "to", before the conjunction ("edit and delete", "have it
		 * detect falls and send"), else the means' first word. */
		for (la = left; la > start && !verb_like(r->verbs, tk, la); la--)
			;
		if (kind == J_CLAUSE || !verb_like(r->verbs, tk, la))
			la = start < cj->at ? start : left;
		le = verb_end(tk, la);
		if (le >= cj->at)
			le = la;
	} else {
		la = le = left;
	}
	rb = head;
	re = kind == J_ACTIONS ? verb_end(tk, head) : head;
	if (kind == J_CLAUSE || (kind != J_ACTIONS && head + 1 < tk->n && !r->aside[head + 1] &&
	                         !bl_wordset_at(r->conj, tk, head + 1) &&
	                         !bl_story_comma_between(m, tk->t[head].off, tk->t[head + 1].off)))
		re = head + 1 < tk->n ? head + 1 : head;
	if (kind == J_CLAUSE && head + 2 < tk->n)
		re = head + 2;
	x = bl_ctx_quote(ctx, m->s + tk->t[la].off, tk->t[le].off + tk->t[le].len - tk->t[la].off,
	                 40);
	y = bl_ctx_quote(ctx, m->s + tk->t[rb].off, tk->t[re].off + tk->t[re].len - tk->t[rb].off,
	                 40);
	bl_report(ctx, BL_R_STORY_ATOMIC, bl_text_subspan(it->file, m, cj->from, cj->to - cj->from),
	          kind == J_OBJECTS ? "split this story: its means asks for '%s' and '%s'; write "
	                              "one story for each, or one criterion each"
	          : kind == J_LIST  ? "split this story: its means lists '%s' and '%s' among "
	                              "others; write one story for each"
	                            : "split this story: its means joins '%s' and '%s'; write "
	                              "one story for each",
	          x, y);
}

void
bl_check_story_atomic(struct bl_ctx *ctx, const struct bl_item *it)
{
	enum joins least = bl_ctx_opt_int(ctx, BL_O_STORY_ATOMIC_STRICT) ? J_OBJECTS : J_LIST;
	struct seen sn = {SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX, false};
	struct means r;
	struct conj cj;
	size_t i, head;

	if (!read_means(ctx, it, &r))
		return;
	for (i = 0; i < r.tk->n; i++) {
		const struct bl_word *c = bl_wordset_at(r.conj, r.tk, i);
		enum joins kind;

		note(&sn, bl_token_norm(r.tk, i), i);
		if (r.aside[i] || (sn.skip != SIZE_MAX && i <= sn.skip))
			continue;
		if (c != NULL ? !word_conj(&r, c, i, &sn, &cj) : !symbol_conj(&r, i, &cj))
			continue;
		if (one_thing(r.tk, cj.left, cj.end))
			continue;
		kind = classify(ctx, r.m, r.tk, r.start, i, cj.left, cj.end, sn.either, cj.orr,
		                &head);
		if (kind < least)
			continue;
		report_atomic(ctx, it, &r, kind, &cj, head);
		return; /* one finding per story */
	}
}
