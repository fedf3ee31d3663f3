/*
 * story/: the user-story sentence. A story says who wants something (the
 * role), what they want (the means) and why (the ends), in one short
 * sentence the whole team reads the same way.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "rules.h"

void
bl_check_story_format(struct bl_ctx *ctx, const struct bl_item *it)
{
	if (it->role_stray.s != NULL && it->role.s != NULL)
		bl_report(ctx, BL_R_STORY_FORMAT, it->role_stray.span,
		          "stray '%s' before the role '%s'; remove it",
		          bl_ctx_quote(ctx, it->role_stray.s, it->role_stray.len, 10),
		          bl_ctx_quote(ctx, it->role.s, it->role.len, 40));
	if (it->story.s == NULL || it->story_parts_given || it->story_template >= 0)
		return;
	/* Text that is not UTF-8 cannot be matched: parse/encoding says so. */
	if (!bl_utf8_valid(it->story.s, it->story.len, NULL))
		return;
	bl_report(ctx, BL_R_STORY_FORMAT, it->story.span,
	          "story \"%s\" follows no story template; write it as \"As a <role>, I want "
	          "<goal>, so that <benefit>\"",
	          bl_ctx_quote(ctx, it->story.s, it->story.len, 60));
}

void
bl_check_story_missing(struct bl_ctx *ctx, const struct bl_item *it)
{
	if (it->story.s != NULL || it->story_parts_given || it->means.s != NULL)
		return;
	if (it->title.s != NULL)
		bl_report(ctx, BL_R_STORY_MISSING, it->span,
		          "story \"%s\" has no user-story sentence; add \"As a <role>, I want "
		          "<goal>, "
		          "so that <benefit>\"",
		          bl_ctx_quote(ctx, it->title.s, it->title.len, 60));
	else
		bl_report(ctx, BL_R_STORY_MISSING, it->span,
		          "story has no user-story sentence; add \"As a <role>, I want <goal>, so "
		          "that <benefit>\"");
}

/*
 * story/atomic reads the means as a reviewer does: almost any conjunction
 * there asks for two things. What the conjunction joins decides the level:
 * two actions, a second clause, alternatives ("or") and lists of three are
 * flagged by default; two objects of one verb ("dates and times") only with
 * the strict option, since reviewers differ on those. Fixed pairs, asides
 * (parentheses, "such as ...") and the ends never count.
 */

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

/* Subject pronouns, modals and auxiliaries: after a conjunction they start a
 * clause or a second predicate ("and I expect", "and can page"). */
static bool
subject(const char *w)
{
	static const char *const subj[] = {"i", "we", "they", "he", "she", "you", NULL};

	return bl_one_of(w, subj);
}

static bool
auxiliary(const char *w)
{
	static const char *const aux[] = {"can", "could", "should", "will", "would", "must", "may",
	                                  "is",  "are",   "was",    "were", "be",    "has",  "have",
	                                  "get", "gets",  "does",   "need", "needs", NULL};

	return bl_one_of(w, aux);
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

/* Words that start a list of examples ("such as", "including", "like"
 * before a noun): story/minimal asks to move them, and a conjunction after
 * one is the example's, not the means'. */
static bool
example_start(const struct bl_tokens *tk, size_t i)
{
	static const char *const one[] = {"including", "incl",      "especially", "particularly",
	                                  "except",    "excluding", NULL};
	const char *w = bl_token_norm(tk, i);
	const char *next = i + 1 < tk->n ? bl_token_norm(tk, i + 1) : "";

	if (bl_one_of(w, one))
		return true;
	if (strcmp(w, "such") == 0 || strcmp(w, "for") == 0)
		return strcmp(next, w[0] == 's' ? "as" : "example") == 0 ||
		       (w[0] == 'f' && strcmp(next, "instance") == 0);
	if (strcmp(w, "like") == 0) {
		/* "like" as a preposition, not the verb ("would like to"). */
		const char *prev = i > 0 ? bl_token_norm(tk, i - 1) : "";
		static const char *const verbish[] = {"would", "d",    "i",      "we",  "you",
		                                      "they",  "also", "really", "not", "just",
		                                      "feel",  "look", "looks",  NULL};

		return !bl_one_of(prev, verbish) && strcmp(next, "to") != 0 && next[0] != '\0';
	}
	return false;
}

/* Words that start an aside: examples, "e.g.", "etc.", a contrast
 * ("rather than", "other than", "not necessarily") or a reason ("due to",
 * "because", "for ease of"). A conjunction after one is the aside's. */
static bool
aside_start(const struct bl_tokens *tk, size_t i)
{
	const char *w = bl_token_norm(tk, i);
	const char *next = i + 1 < tk->n ? bl_token_norm(tk, i + 1) : "";

	if (example_start(tk, i) || strcmp(w, "etc") == 0 || strcmp(w, "because") == 0)
		return true;
	if (strcmp(w, "e") == 0 || strcmp(w, "i") == 0)
		return strcmp(next, w[0] == 'e' ? "g" : "e") == 0;
	if (strcmp(w, "rather") == 0 || strcmp(w, "other") == 0)
		return strcmp(next, "than") == 0;
	if (strcmp(w, "not") == 0)
		return strcmp(next, "necessarily") == 0;
	/* A reason inside the means ("due to an error", "for ease of
	 * browsing and searching") is the story's why, not its what. */
	if (strcmp(w, "due") == 0)
		return strcmp(next, "to") == 0;
	if (strcmp(w, "ease") == 0)
		return strcmp(next, "of") == 0 && i > 0 &&
		       strcmp(bl_token_norm(tk, i - 1), "for") == 0;
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
		if (strcmp(suf[k], "ing") == 0 || strcmp(suf[k], "ed") == 0) {
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
	return listed_verb(verbs, tk, i) || (i > 0 && strcmp(bl_token_norm(tk, i - 1), "to") == 0 &&
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

		if (strcmp(p, "in") == 0 || strcmp(p, "out") == 0 || strcmp(p, "up") == 0 ||
		    strcmp(p, "off") == 0 || strcmp(p, "on") == 0)
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

/* Whether tokens from..to of the means have a comma or semicolon between
 * them. */
static bool
comma_between(const struct bl_text *m, size_t from, size_t to)
{
	return memchr(m->s + from, ',', to - from) != NULL || memchr(m->s + from, ';', to - from);
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
	if (subject(w) && r + 1 < tk->n)
		return J_CLAUSE;
	if (wh_word(w))
		return J_CLAUSE;
	if (strcmp(w, "it") == 0 && r + 1 < tk->n && auxiliary(bl_token_norm(tk, r + 1)))
		return J_CLAUSE;
	/* "and to select", "and can page through", "and be taken to". */
	if (strcmp(w, "to") == 0 && r + 1 < tk->n && !object_start(bl_token_norm(tk, r + 1)) &&
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
	if (auxiliary(w) && r + 1 < tk->n && r == right)
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
	if (comma_between(m, tk->t[j - 1].off + tk->t[j - 1].len, tk->t[j].off))
		j--; /* the comma before "and" in "A, B, and C" */
	for (; j > 0 && conj - j < 5; j--) {
		if (comma_between(m, tk->t[j - 1].off + tk->t[j - 1].len, tk->t[j].off)) {
			if (j < conj && j >= 2 && !wh_word(bl_token_norm(tk, j)) &&
			    !subject(bl_token_norm(tk, j)) &&
			    strcmp(bl_token_norm(tk, j), "which") != 0)
				return J_LIST;
			break;
		}
	}
	return J_OBJECTS;
}

void
bl_check_story_atomic(struct bl_ctx *ctx, const struct bl_item *it)
{
	static const char *const negations[] = {"without", "no", "not", "never", "neither", NULL};
	const struct bl_wordset *conj = bl_ctx_words(ctx, BL_W_CONJUNCTIONS);
	const struct bl_wordset *verbs = bl_ctx_words(ctx, BL_W_ACTION_VERBS);
	const struct bl_wordset *ex = bl_ctx_words(ctx, BL_W_CONJUNCTION_EXCEPTIONS);
	const struct bl_tokens *tk;
	const struct bl_text *m = &it->means;
	enum joins least = bl_ctx_opt_int(ctx, BL_O_STORY_ATOMIC_STRICT) ? J_OBJECTS : J_LIST;
	size_t i, start, between = SIZE_MAX, whether = SIZE_MAX, skip = SIZE_MAX, neg = SIZE_MAX;
	bool *aside, either = false;

	if (m->s == NULL)
		return;
	tk = bl_ctx_text_tokens(ctx, m->s, m->len);
	if (tk->n < 2)
		return;
	aside = bl_arena_alloc(bl_ctx_scratch(ctx), tk->n * sizeof(*aside));
	mark_asides(m, tk, aside);
	/* The means' first word past "to", "be able to". */
	for (start = 0; start < tk->n && (filler(bl_token_norm(tk, start)) ||
	                                  strcmp(bl_token_norm(tk, start), "be") == 0);
	     start++)
		;
	for (i = 0; i < tk->n; i++) {
		const struct bl_word *c = bl_wordset_at(conj, tk, i);
		const char *w = bl_token_norm(tk, i);
		size_t cend, cfrom, cto, left, right, head, k, a, b;
		bool sym = false, comma = false, orr = false;
		size_t nsym;
		enum joins kind;

		if (strcmp(w, "either") == 0)
			either = true;
		if (strcmp(w, "between") == 0)
			between = i;
		if (strcmp(w, "whether") == 0)
			whether = i;
		if (bl_one_of(w, negations))
			neg = i;
		if (aside[i] || (skip != SIZE_MAX && i <= skip))
			continue;
		if (c != NULL) {
			cend = i + c->ntok;
			cfrom = tk->t[i].off;
			cto = tk->t[cend - 1].off + tk->t[cend - 1].len;
			orr = strcmp(w, "or") == 0 ||
			      strcmp(bl_token_norm(tk, cend - 1), "or") == 0;
			skip = cend - 1; /* "and/or", "as well as": one conjunction */
			if (i == 0 || cend >= tk->n || excepted(ex, tk, i, c->ntok - 1))
				continue;
			/* "between A and B", "whether A or B", "without calling or
			 * emailing", "no fees or fines": one thing. */
			if ((between != SIZE_MAX && i - between <= 10) ||
			    (whether != SIZE_MAX && i - whether <= 8 && orr) ||
			    (neg != SIZE_MAX && i - neg <= 5 && orr))
				continue;
			left = i - 1;
		} else if (i + 1 < tk->n) {
			/* "create/edit", "add & remove", "create, edit": a symbol
			 * between two words. */
			a = tk->t[i].off + tk->t[i].len, b = tk->t[i + 1].off;
			for (k = a, nsym = 0; k < b && strchr(" /&+,", m->s[k]) != NULL; k++) {
				nsym += m->s[k] != ' ';
				sym = nsym == 1;
				comma = comma || m->s[k] == ',';
			}
			if (!sym || k != b || aside[i + 1])
				continue;
			while (m->s[a] == ' ')
				a++;
			if (comma) {
				/* Only "create, edit": two verbs. */
				if (b - a != 1 && !(b - a == 2 && m->s[a + 1] == ' '))
					continue;
				if (!listed_verb(verbs, tk, i) || !listed_verb(verbs, tk, i + 1) ||
				    i != start)
					continue;
			}
			/* Numbers, paths and addresses ("1/2", "C++", "a/b.md"). */
			if (number(tk, i) || number(tk, i + 1) || (b < m->len && m->s[b] == '+') ||
			    (a > 0 && m->s[a - 1] == '+') ||
			    (tk->t[i].off > 0 && strchr("./:", m->s[tk->t[i].off - 1]) != NULL) ||
			    (b + tk->t[i + 1].len < m->len &&
			     strchr("./:", m->s[b + tk->t[i + 1].len]) != NULL &&
			     b + tk->t[i + 1].len + 1 < m->len &&
			     m->s[b + tk->t[i + 1].len + 1] != ' '))
				continue;
			if (excepted(ex, tk, i, 1) || variants(tk, i, i + 1))
				continue;
			cend = i + 1;
			cfrom = a;
			cto = a + 1;
			left = i;
		} else
			continue;
		/* "has or is engaged": two auxiliaries of one verb. */
		if (auxiliary(bl_token_norm(tk, left)) && auxiliary(bl_token_norm(tk, cend)) &&
		    cend + 1 < tk->n && !auxiliary(bl_token_norm(tk, cend + 1)) &&
		    strcmp(bl_token_norm(tk, left), "get") != 0)
			continue;
		/* "quickly and easily": two adverbs of one action. */
		if (bl_ends_with(bl_token_norm(tk, left), tk->t[left].nlen, "ly") &&
		    bl_ends_with(bl_token_norm(tk, cend), tk->t[cend].nlen, "ly"))
			continue;
		right = cend;
		kind = classify(ctx, m, tk, start, i, left, right, either, orr, &head);
		if (kind < least)
			continue;
		{
			size_t la, le, rb, re;
			const char *x, *y;

			if (kind == J_ACTIONS || kind == J_CLAUSE) {
				/* The verb before: the nearest verb of the list, or word
				 * after "to", before the conjunction ("edit and delete",
				 * "have it detect falls and send"), else the means'
				 * first word. */
				for (la = left; la > start && !verb_like(verbs, tk, la); la--)
					;
				if (kind == J_CLAUSE || !verb_like(verbs, tk, la))
					la = start < i ? start : left;
				le = verb_end(tk, la);
				if (le >= i)
					le = la;
			} else {
				la = le = left;
			}
			rb = head;
			re = kind == J_ACTIONS ? verb_end(tk, head) : head;
			if (kind == J_CLAUSE ||
			    (kind != J_ACTIONS && head + 1 < tk->n && !aside[head + 1] &&
			     !bl_wordset_at(conj, tk, head + 1) &&
			     !comma_between(m, tk->t[head].off, tk->t[head + 1].off)))
				re = head + 1 < tk->n ? head + 1 : head;
			if (kind == J_CLAUSE && head + 2 < tk->n)
				re = head + 2;
			x = bl_ctx_quote(ctx, m->s + tk->t[la].off,
			                 tk->t[le].off + tk->t[le].len - tk->t[la].off, 40);
			y = bl_ctx_quote(ctx, m->s + tk->t[rb].off,
			                 tk->t[re].off + tk->t[re].len - tk->t[rb].off, 40);
			bl_report(ctx, BL_R_STORY_ATOMIC,
			          bl_text_subspan(it->file, m, cfrom, cto - cfrom),
			          kind == J_OBJECTS ? "split this story: its means asks for '%s' "
			                              "and '%s'; write "
			                              "one story for each, or one criterion each"
			          : kind == J_LIST  ? "split this story: its means lists '%s' and "
			                              "'%s' among others; write one story for each"
			                            : "split this story: its means joins '%s' and "
			                              "'%s'; write one story for each",
			          x, y);
		}
		return; /* one finding per story */
	}
}

/* Abbreviations whose full stop does not end a sentence. */
static bool
abbreviation(const char *s, size_t n, size_t dot)
{
	static const char *const abbr[] = {"e.g", "i.e", "etc", "vs",     "mr",   "mrs", "ms",
	                                   "dr",  "st",  "no",  "approx", "incl", "min", "max"};
	size_t start = dot, i;

	while (start > 0 && (s[start - 1] != ' ' && s[start - 1] != '('))
		start--;
	if (dot - start <= 1)
		return true; /* an initial: "J. Smith", "U.S." */
	for (i = 0; i < sizeof(abbr) / sizeof(abbr[0]); i++)
		if (bl_strncaseeq(s + start, dot - start, abbr[i]))
			return true;
	(void)n;
	return false;
}

/* Whether s[i, i + len) in parentheses is an acronym defined where it
 * stands ("continuous glucose monitor (CGM)"): reviewers split on those. */
static bool
acronym(const char *s, size_t i, size_t len)
{
	size_t k, caps = 0;

	if (len < 4 || len > 10)
		return false;
	for (k = i + 1; k < i + len - 1; k++) {
		if (isupper((unsigned char)s[k]))
			caps++;
		else if (!(isdigit((unsigned char)s[k]) || (s[k] == 's' && k == i + len - 2)))
			return false;
	}
	return caps >= 2;
}

/* Words that tack a qualifier onto the story: "even though ...". */
static size_t
qualifier(const struct bl_tokens *tk, size_t i)
{
	static const char *const two[][2] = {{"even", "though"},
	                                     {"even", "if"},
	                                     {"rather", "than"},
	                                     {"not", "necessarily"},
	                                     {"regardless", "of"}};
	const char *w = bl_token_norm(tk, i);
	size_t k;

	if (strcmp(w, "although") == 0)
		return 1;
	if (i + 2 < tk->n && strcmp(w, "in") == 0 &&
	    strcmp(bl_token_norm(tk, i + 1), "which") == 0 &&
	    strcmp(bl_token_norm(tk, i + 2), "case") == 0)
		return 3;
	if (i + 1 >= tk->n)
		return 0;
	for (k = 0; k < sizeof(two) / sizeof(two[0]); k++)
		if (strcmp(w, two[k][0]) == 0 && strcmp(bl_token_norm(tk, i + 1), two[k][1]) == 0)
			return 2;
	return 0;
}

/* How many tokens the benefit clause marker at token i takes ("so that",
 * "in order to", "so I can"), or 0. */
static size_t
benefit(const struct bl_tokens *tk, size_t i)
{
	const char *w = bl_token_norm(tk, i), *n1, *n2;

	if (i + 2 >= tk->n)
		return 0;
	n1 = bl_token_norm(tk, i + 1);
	n2 = bl_token_norm(tk, i + 2);
	if (strcmp(w, "so") == 0 &&
	    (strcmp(n1, "that") == 0 || (strcmp(n1, "as") == 0 && strcmp(n2, "to") == 0) ||
	     ((subject(n1) || strcmp(n1, "it") == 0) && auxiliary(n2)) ||
	     (strcmp(n2, "can") == 0 || strcmp(n2, "could") == 0 || strcmp(n2, "will") == 0)))
		return 2;
	if (strcmp(w, "in") == 0 && strcmp(n1, "order") == 0 &&
	    (strcmp(n2, "to") == 0 || strcmp(n2, "that") == 0))
		return 3;
	return 0;
}

/* Reports the part of story t from off to its end as not minimal. */
static void
not_minimal(struct bl_ctx *ctx, const struct bl_item *it, size_t off, const char *why)
{
	const struct bl_text *t = &it->story;
	size_t end = t->len;

	/* An aside in the means ends where the ends start. */
	if (it->ends.s != NULL && it->ends.s > t->s + off && it->ends.s <= t->s + t->len) {
		end = (size_t)(it->ends.s - t->s);
		while (end > off && (t->s[end - 1] == ' ' || isalpha((unsigned char)t->s[end - 1])))
			end--;
		while (end > off && (t->s[end - 1] == ',' || t->s[end - 1] == ' '))
			end--;
		if (end <= off)
			end = t->len;
	}
	while (end > off && (t->s[end - 1] == ' ' || t->s[end - 1] == '.'))
		end--;
	bl_report(ctx, BL_R_STORY_MINIMAL, bl_text_subspan(it->file, t, off, end - off),
	          "keep the story sentence minimal: \"%s\" %s",
	          bl_ctx_quote(ctx, t->s + off, end - off, 50), why);
}

void
bl_check_story_minimal(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_text *t = &it->story;
	const struct bl_tokens *tk;
	size_t i, from, benefits = 0, last = SIZE_MAX;

	if (t->s == NULL || it->story_parts_given || it->story_template < 0)
		return;
	for (i = 0; i < t->len; i++) {
		const char *what = NULL;
		size_t len = 1;
		char c = t->s[i];

		if (t->s[i] == '(' || t->s[i] == '[') {
			const char *close =
			        memchr(t->s + i, t->s[i] == '(' ? ')' : ']', t->len - i);

			len = close ? (size_t)(close - (t->s + i)) + 1 : 1;
			/* A plural or prefix marker, not an aside: "item(s)", "(re-)use";
			 * or an acronym defined in place. */
			if (close != NULL && ((i > 0 && isalpha((unsigned char)t->s[i - 1])) ||
			                      close[-1] == '-' || acronym(t->s, i, len)))
				continue;
			bl_report(
			        ctx, BL_R_STORY_MINIMAL, bl_text_subspan(it->file, t, i, len),
			        "keep the story sentence minimal: move \"%s\" into the description "
			        "or acceptance criteria",
			        bl_ctx_quote(ctx, t->s + i, len, 50));
			return;
		}
		/* Only "e.g.", "i.e." and "etc" start a list of examples. */
		if ((c == 'e' || c == 'E' || c == 'i' || c == 'I') &&
		    (i == 0 || !isalnum((unsigned char)t->s[i - 1]))) {
			if (bl_strcaseprefix(t->s + i, t->len - i, "e.g.") ||
			    bl_strcaseprefix(t->s + i, t->len - i, "i.e."))
				what = t->s + i, len = 4;
			else if (bl_strcaseprefix(t->s + i, t->len - i, "etc"))
				what = t->s + i, len = 3;
		}
		if (what != NULL) {
			bl_report(ctx, BL_R_STORY_MINIMAL, bl_text_subspan(it->file, t, i, len),
			          "keep the story sentence minimal: '%.*s' starts a list of "
			          "examples; "
			          "move them into the description or acceptance criteria",
			          (int)len, what);
			return;
		}
		/* A second sentence: ". " and a letter or digit, unless it only
		 * carries the ends ("... status. So that I can finish it."). */
		if ((t->s[i] == '.' || t->s[i] == '!' || t->s[i] == '?') && i + 2 < t->len &&
		    t->s[i + 1] == ' ' && isalnum((unsigned char)t->s[i + 2]) &&
		    !(t->s[i] == '.' && abbreviation(t->s, t->len, i)) &&
		    !bl_strcaseprefix(t->s + i + 2, t->len - i - 2, "so ") &&
		    !bl_strcaseprefix(t->s + i + 2, t->len - i - 2, "in order ")) {
			size_t rest = t->len - (i + 2);

			bl_report(ctx, BL_R_STORY_MINIMAL,
			          bl_text_subspan(it->file, t, i + 2, rest),
			          "keep the story sentence minimal: \"%s\" is a second sentence; "
			          "move "
			          "it into the description",
			          bl_ctx_quote(ctx, t->s + i + 2, rest, 50));
			return;
		}
	}
	/* Word by word, past the role: examples, qualifiers, a second benefit,
	 * a comma splice. */
	tk = bl_ctx_text_tokens(ctx, t->s, t->len);
	from = it->means.s != NULL && it->means.s >= t->s && it->means.s < t->s + t->len
	               ? (size_t)(it->means.s - t->s)
	               : 0;
	for (i = 0; i < tk->n; i++) {
		size_t off = tk->t[i].off, k;

		if (off < from)
			continue;
		if (example_start(tk, i)) {
			not_minimal(ctx, it, off,
			            "gives examples; move them into the acceptance criteria");
			return;
		}
		if ((k = qualifier(tk, i)) > 0) {
			not_minimal(ctx, it, off,
			            "qualifies the story; move it into the notes or a criterion");
			return;
		}
		if ((k = benefit(tk, i)) > 0) {
			/* "so that so that": one clause written twice. */
			if (last == SIZE_MAX || i > last + 2)
				benefits++;
			last = i + k - 1;
			if (benefits == 2) {
				not_minimal(
				        ctx, it, off,
				        "is a second benefit; keep the one that matters and move "
				        "this one into the description");
				return;
			}
			i = last;
			continue;
		}
		/* ", I want ...", ", it is ...": a comma splice. */
		if (i > 0 && i + 1 < tk->n && off > from &&
		    comma_between(t, tk->t[i - 1].off + tk->t[i - 1].len, off) &&
		    (subject(bl_token_norm(tk, i)) || strcmp(bl_token_norm(tk, i), "it") == 0) &&
		    auxiliary(bl_token_norm(tk, i + 1))) {
			not_minimal(ctx, it, off,
			            "is a second sentence joined by a comma; move it into the "
			            "description");
			return;
		}
	}
}

/* The name of story template i ("# template: NAME" lines of the
 * embedded templates), or NULL. */
static const char *
template_name(struct bl_ctx *ctx, int i)
{
	static const char mark[] = "\n# template: ";
	const char *p = bl_words_story_templates;

	for (; (p = strstr(p, mark)) != NULL; i--) {
		p += sizeof(mark) - 1;
		if (i == 0)
			return bl_arena_strndup(bl_ctx_scratch(ctx), p, strcspn(p, "\n"));
	}
	return NULL;
}

void
bl_check_story_uniform(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	size_t count[64] = {0}, total = 0, i;
	int best = -1, t;
	const char *bestname;

	for (i = 0; i < b->nitems; i++) {
		const struct bl_summary *s = &b->items[i];

		if (s->type == BL_TYPE_STORY && s->role != NULL && s->story_template >= 0 &&
		    s->story_template < 64) {
			count[s->story_template]++;
			total++;
		}
	}
	for (t = 0; t < 64; t++)
		if (count[t] > 0 && (best < 0 || count[t] > count[best]))
			best = t;
	if (best < 0 || total < (size_t)bl_ctx_opt_int(ctx, BL_O_STORY_UNIFORM_MIN_STORIES) ||
	    count[best] * 100 < total * (size_t)bl_ctx_opt_int(ctx, BL_O_STORY_UNIFORM_MIN_SHARE) ||
	    count[best] == total)
		return;
	bestname = template_name(ctx, best);
	for (i = 0; i < b->nitems; i++) {
		const struct bl_summary *s = &b->items[i];
		const char *name;

		if (s->type != BL_TYPE_STORY || s->role == NULL || s->story_template < 0 ||
		    s->story_template == best || s->story_template >= 64)
			continue;
		name = template_name(ctx, s->story_template);
		bl_report_ref(ctx, BL_R_STORY_UNIFORM, &s->story_ref, s->id,
		              "story is written as \"%s\" while %zu of %zu stories use \"%s\"; "
		              "write it the backlog's usual way",
		              name ? name : "another template", count[best], total,
		              bestname ? bestname : "another template");
	}
}

/* "US-3 at path:line", or "the story at path:line". */
static const char *
where(struct bl_ctx *ctx, const struct bl_summary *s)
{
	if (s->id != NULL)
		return bl_arena_printf(bl_ctx_scratch(ctx), "%s (%s:%u)", s->id,
		                       bl_summary_path(ctx, s), s->story_ref.span.line);
	return bl_arena_printf(bl_ctx_scratch(ctx), "the story at %s:%u", bl_summary_path(ctx, s),
	                       s->story_ref.span.line);
}

/*
 * An item's keys are kept while its file is loaded, as two 64-bit hashes
 * each (bl_ctx_keep: the rule's 4 words): the content words of its role
 * and goal, and of its title. Two different keys would have to agree in
 * all 128 bits to be taken for one.
 */
enum { KEY_STORY = 0, KEY_TITLE = 2 }; /* the first word of each key */

/* The second hash of key k, independent enough of the first. */
static uint64_t
second_hash(uint64_t h, const struct bl_buf *k)
{
	return bl_fnv(h ^ UINT64_C(0x9e3779b97f4a7c15), k->s, k->len) | 1;
}

/* Keeps the hashes of key k (when it has content words) in word at of
 * the rule's and the one after it. */
static void
keep_key(struct bl_ctx *ctx, size_t at, const struct bl_buf *k, bool any)
{
	uint64_t *kept;

	if (!any)
		return;
	kept = bl_ctx_keep(ctx) + at;
	kept[0] = bl_fnv(BL_FNV_OFFSET, k->s, k->len) | 1;
	kept[1] = second_hash(kept[0], k);
}

/* The content key of text t, added to k; how many words it has. */
static size_t
text_key(struct bl_ctx *ctx, const struct bl_text *t, struct bl_buf *k)
{
	if (t->s == NULL || t->len == 0)
		return 0;
	return bl_content_key_tokens(ctx, bl_ctx_text_tokens(ctx, t->s, t->len), k);
}

void
bl_keep_story_duplicate(struct bl_ctx *ctx, const struct bl_item *it)
{
	struct bl_buf k = {0};

	if (it->means.s != NULL) {
		text_key(ctx, it->role.s ? &it->role : &it->persona, &k);
		bl_buf_puts(&k, " | ");
		keep_key(ctx, KEY_STORY, &k, text_key(ctx, &it->means, &k) > 0);
	}
	k.len = 0;
	keep_key(ctx, KEY_TITLE, &k, text_key(ctx, &it->title, &k) > 0);
	bl_buf_free(&k);
}

/* Whether item v has the key (at) whose second hash is *ud. */
struct dup_key {
	const struct bl_ctx *ctx;
	const struct bl_backlog *b;
	size_t at;
	uint64_t h2;
};

static bool
same_dup_key(void *ud, size_t v)
{
	const struct dup_key *d = ud;
	const uint64_t *kept = bl_summary_kept(d->ctx, &d->b->items[v]);

	return kept != NULL && kept[d->at + 1] == d->h2;
}

/* The first item before item i with the same key (at), or SIZE_MAX. */
static size_t
dup_of(const struct bl_ctx *ctx, struct bl_hashtab *t, const struct bl_backlog *b, size_t i,
       size_t at)
{
	const uint64_t *kept = bl_summary_kept(ctx, &b->items[i]);
	struct dup_key d;
	size_t first;

	if (kept == NULL || kept[at] == 0)
		return SIZE_MAX;
	d.ctx = ctx;
	d.b = b;
	d.at = at;
	d.h2 = kept[at + 1];
	first = bl_hashtab_put(t, kept[at], i, same_dup_key, &d);
	return first == i ? SIZE_MAX : first;
}

void
bl_check_story_duplicate(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct bl_hashtab story, title;
	size_t i;

	bl_hashtab_init(bl_ctx_scratch(ctx), &story, b->nitems);
	bl_hashtab_init(bl_ctx_scratch(ctx), &title, b->nitems);
	for (i = 0; i < b->nitems; i++) {
		const struct bl_summary *s = &b->items[i];
		size_t first;

		if (s->type != BL_TYPE_STORY)
			continue;
		if ((first = dup_of(ctx, &story, b, i, KEY_STORY)) != SIZE_MAX) {
			bl_report_ref(ctx, BL_R_STORY_DUPLICATE, &s->story_ref, s->id,
			              "story repeats %s: same role and goal; merge the two or say "
			              "how they differ",
			              where(ctx, &b->items[first]));
			continue;
		}
		if ((first = dup_of(ctx, &title, b, i, KEY_TITLE)) != SIZE_MAX)
			bl_report_ref(
			        ctx, BL_R_STORY_DUPLICATE, &s->ref, s->id,
			        "story has the same title as %s; merge the two or give each a "
			        "title that says how they differ",
			        where(ctx, &b->items[first]));
	}
}

/*
 * story/similar: near duplicates. Two stories of one role are one story
 * written twice when they want the same thing for the same reason in other
 * words ("to have a pick-up time" / "to choose a pick-up time"), or when
 * one's means holds every content word of the other's and one or two more
 * ("to restrict a file" / "to restrict a group of files"). Stories that
 * differ in one noun of the role, or in the thing they act on, are a
 * family, not duplicates: only the verb may differ, and then only for
 * verbs that ask for the same thing (verb-synonyms) or a light verb
 * ("have", "get"); a means that holds another starts with the same verb.
 *
 * Each story keeps, as words: the hash of its role's content, of its ends'
 * content (0 without ends), of the means' first content word (its verb),
 * of what that verb asks for (its verb-synonyms canonical form; 1 for a
 * light verb, which may stand for any other), then the hashes of the
 * means' content words, sorted, without repeats.
 */
enum { SIM_ROLE, SIM_ENDS, SIM_VERB, SIM_SAME, SIM_WORDS, SIM_MAX = 24 };

/* Function words a means' content leaves out; verbs such as "have" and
 * "get" stay: they are what two near duplicates may differ in. */
static bool
means_stopword(const struct bl_wordset *stop, const struct bl_tokens *tk, size_t i)
{
	static const char *const verbs[] = {"have", "get", "use", "make", "do", "need", NULL};

	return bl_wordset_span(stop, tk, i, 1) != NULL && !bl_one_of(bl_token_norm(tk, i), verbs);
}

static uint32_t
key32(struct bl_ctx *ctx, const struct bl_text *t)
{
	struct bl_buf k = {0};
	uint32_t h = 0;

	if (text_key(ctx, t, &k) > 0)
		h = (uint32_t)(bl_fnv(BL_FNV_OFFSET, k.s, k.len) | 1);
	bl_buf_free(&k);
	return h;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* What verb token i of tk asks for: 1 for a light verb, else the hash of
 * its canonical form (or of stem). */
static uint32_t
verb_sense(const struct bl_wordset *same, const struct bl_tokens *tk, size_t i, const char *stem)
{
	static const char *const light[] = {"have", "get", "need", NULL};
	const struct bl_word *syn = bl_wordset_at(same, tk, i);
	const char *v = syn != NULL && syn->value != NULL ? syn->value : stem;

	if (bl_one_of(bl_token_norm(tk, i), light))
		return 1;
	return (uint32_t)(bl_fnv(BL_FNV_OFFSET, v, strlen(v)) | 2);
}

void
bl_keep_story_similar(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_wordset *stop = bl_ctx_words(ctx, BL_W_STOPWORDS);
	const struct bl_wordset *same = bl_ctx_words(ctx, BL_W_VERB_SYNONYMS);
	const struct bl_tokens *tk;
	uint32_t w[SIM_MAX];
	size_t n = SIM_WORDS, i, k;
	char stem[BL_STEM_MAX];

	if (it->means.s == NULL || (it->role.s == NULL && it->persona.s == NULL))
		return;
	w[SIM_ROLE] = key32(ctx, it->role.s ? &it->role : &it->persona);
	w[SIM_ENDS] = key32(ctx, &it->ends);
	w[SIM_VERB] = w[SIM_SAME] = 0;
	tk = bl_ctx_text_tokens(ctx, it->means.s, it->means.len);
	for (i = 0; i < tk->n && n < SIM_MAX; i++) {
		size_t len = tk->t[i].nlen;
		uint32_t h;

		if (means_stopword(stop, tk, i))
			continue;
		if (len >= BL_STEM_MAX)
			len = BL_STEM_MAX - 1;
		len = bl_stem(bl_token_norm(tk, i), len, stem);
		h = (uint32_t)(bl_fnv(BL_FNV_OFFSET, stem, len) | 1);
		if (w[SIM_VERB] == 0) {
			w[SIM_VERB] = h;
			w[SIM_SAME] = verb_sense(same, tk, i, stem);
		}
		for (k = SIM_WORDS; k < n && w[k] != h; k++)
			;
		if (k == n)
			w[n++] = h;
	}
	if (w[SIM_ROLE] == 0 || n - SIM_WORDS < 2)
		return;
	qsort(w + SIM_WORDS, n - SIM_WORDS, sizeof(*w), cmp_u32);
	bl_ctx_keep_words(ctx, w, n);
}

/* A hash of the role, a salt and the words of w[SIM_WORDS..n) but the
 * ones whose bit is set in skip. */
static uint64_t
words_key(const uint32_t *w, size_t n, uint64_t salt, uint32_t skip)
{
	uint64_t h = BL_FNV_OFFSET ^ salt;
	size_t i;

	h = (h ^ w[SIM_ROLE]) * UINT64_C(0x100000001b3);
	for (i = SIM_WORDS; i < n; i++)
		if (!(skip & (UINT32_C(1) << (i - SIM_WORDS))))
			h = (h ^ w[i]) * UINT64_C(0x100000001b3);
	return h | 1;
}

/* The keys of story/similar's tables are 64-bit hashes of every word of
 * the key: two stories whose hashes agree are taken to have one key. */
static bool
same_key(void *ud, size_t v)
{
	(void)ud;
	(void)v;
	return true;
}

/* The bit of the means' verb among words w[SIM_WORDS, n). */
static uint32_t
verb_bit(const uint32_t *w, size_t n)
{
	size_t a;

	for (a = SIM_WORDS; a < n; a++)
		if (w[a] == w[SIM_VERB])
			return UINT32_C(1) << (a - SIM_WORDS);
	return 0;
}

/* Whether the means of s and o hold the same words. */
static bool
same_words(const struct bl_summary *s, const struct bl_summary *o)
{
	return s->nwords == o->nwords && memcmp(s->words + SIM_WORDS, o->words + SIM_WORDS,
	                                        (s->nwords - SIM_WORDS) * sizeof(*s->words)) == 0;
}

/* The story whose means is story i's (words w[0, n)) but for its verb,
 * with a verb that asks for the same thing, or SIZE_MAX. */
static size_t
other_verb(struct bl_hashtab *t, const struct bl_backlog *b, size_t i)
{
	const uint32_t *w = b->items[i].words, *fw;
	size_t n = b->items[i].nwords, f;

	if (w[SIM_ENDS] == 0)
		return SIZE_MAX;
	f = bl_hashtab_put(t, words_key(w, n, w[SIM_ENDS], verb_bit(w, n)), i, same_key, NULL);
	if (f == i)
		return SIZE_MAX;
	fw = b->items[f].words;
	if (fw[SIM_VERB] == w[SIM_VERB] || same_words(&b->items[f], &b->items[i]))
		return SIZE_MAX;
	return fw[SIM_SAME] == w[SIM_SAME] || fw[SIM_SAME] == 1 || w[SIM_SAME] == 1 ? f : SIZE_MAX;
}

/* A story whose means story i's holds, with one or two words fewer and
 * the same verb, or SIZE_MAX. */
static size_t
held(const struct bl_hashtab *t, const struct bl_backlog *b, size_t i)
{
	const uint32_t *w = b->items[i].words;
	size_t n = b->items[i].nwords, m = n - SIM_WORDS, a, c, o;
	uint32_t vbit = verb_bit(w, n);

	if (m > 16)
		return SIZE_MAX;
	for (a = 0; a < m; a++)
		for (c = a; c < m; c++) {
			uint32_t skip = (UINT32_C(1) << a) | (UINT32_C(1) << c);

			if ((skip & vbit) || m - 1 - (c != a) < 2)
				continue;
			o = bl_hashtab_get(t, words_key(w, n, w[SIM_VERB], skip), same_key, NULL);
			if (o != SIZE_MAX && o != i && b->items[o].type == BL_TYPE_STORY)
				return o;
		}
	return SIZE_MAX;
}

void
bl_check_story_similar(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct bl_hashtab verb, whole;
	size_t i, nstories = 0;
	bool *told;

	for (i = 0; i < b->nitems; i++)
		nstories += b->items[i].type == BL_TYPE_STORY && b->items[i].words != NULL;
	if (nstories < 2)
		return;
	bl_hashtab_init(bl_ctx_scratch(ctx), &verb, nstories);
	bl_hashtab_init(bl_ctx_scratch(ctx), &whole, nstories);
	told = bl_arena_alloc(bl_ctx_scratch(ctx), b->nitems * sizeof(*told));
	memset(told, 0, b->nitems * sizeof(*told));
	/* Every story's whole means, for the look-ups of held(). */
	for (i = 0; i < b->nitems; i++) {
		const struct bl_summary *s = &b->items[i];

		if (s->type == BL_TYPE_STORY && s->words != NULL)
			bl_hashtab_put(&whole,
			               words_key(s->words, s->nwords, s->words[SIM_VERB], 0), i,
			               same_key, NULL);
	}
	for (i = 0; i < b->nitems; i++) {
		const struct bl_summary *s = &b->items[i];
		size_t o, later, first;

		if (s->type != BL_TYPE_STORY || s->words == NULL)
			continue;
		if ((o = other_verb(&verb, b, i)) != SIZE_MAX && !told[i]) {
			told[i] = true;
			bl_report_ref(
			        ctx, BL_R_STORY_SIMILAR, &s->story_ref, s->id,
			        "story nearly repeats %s: same role and benefit, and the goals "
			        "differ only in a verb that asks for the same; merge the two "
			        "or say how they differ",
			        where(ctx, &b->items[o]));
			continue;
		}
		if ((o = held(&whole, b, i)) == SIZE_MAX)
			continue;
		/* Reported on the later story of the two, once. */
		later = o > i ? o : i;
		first = o > i ? i : o;
		if (told[later])
			continue;
		told[later] = true;
		bl_report_ref(
		        ctx, BL_R_STORY_SIMILAR, &b->items[later].story_ref, b->items[later].id,
		        later == i ? "story repeats the goal of %s and adds to it: same role, "
		                     "and every word of that goal is in this one; merge the "
		                     "two or say how they differ"
		                   : "story repeats part of the goal of %s: same role, and "
		                     "every word of this goal is in that one; merge the two "
		                     "or say how they differ",
		        where(ctx, &b->items[first]));
	}
}
