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

/* Words that may sit between a conjunction and the verb it introduces. */
static bool
filler(const char *w)
{
	static const char *const fill[] = {"to",   "also",  "then",  "be",     "able",
	                                   "can",  "i",     "later", "easily", "quickly",
	                                   "even", "maybe", NULL};

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
	        "back", "again", "one",  "multiple", NULL,
	};

	return bl_one_of(w, fol);
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

/* Whether an exception phrase covers token i (a conjunction). */
static bool
excepted(const struct bl_wordset *ex, const struct bl_tokens *tk, size_t i)
{
	size_t from = i > 3 ? i - 3 : 0, j;

	for (j = from; j <= i; j++) {
		const struct bl_word *w = bl_wordset_at(ex, tk, j);

		if (w != NULL && j + w->ntok > i)
			return true;
	}
	return false;
}

void
bl_check_story_atomic(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_wordset *conj = bl_ctx_words(ctx, BL_W_CONJUNCTIONS);
	const struct bl_wordset *verbs = bl_ctx_words(ctx, BL_W_ACTION_VERBS);
	const struct bl_wordset *ex = bl_ctx_words(ctx, BL_W_CONJUNCTION_EXCEPTIONS);
	const struct bl_tokens *tk;
	const struct bl_text *m = &it->means;
	size_t i, first = SIZE_MAX;

	if (m->s == NULL)
		return;
	tk = bl_ctx_text_tokens(ctx, m->s, m->len);
	for (i = 0; i < tk->n; i++) {
		const struct bl_word *c = bl_wordset_at(conj, tk, i);
		size_t cend, cfrom, cto, left, right, k;
		bool sym = false;

		/* The means' first word, when it is an action verb. */
		if (first == SIZE_MAX && !filler(bl_token_norm(tk, i)))
			first = bl_wordset_span(verbs, tk, i, 1) != NULL ? i : SIZE_MAX - 1;
		if (c != NULL) {
			cend = i + c->ntok;
			cfrom = tk->t[i].off;
			cto = tk->t[cend - 1].off + tk->t[cend - 1].len;
		} else if (i + 1 < tk->n) {
			/* "create/edit", "add & remove": a symbol between two words. */
			size_t a = tk->t[i].off + tk->t[i].len, b = tk->t[i + 1].off;

			for (k = a; k < b && (m->s[k] == ' ' || m->s[k] == '/' || m->s[k] == '&');
			     k++)
				sym = sym || m->s[k] != ' ';
			if (!sym || k != b)
				continue;
			while (m->s[a] == ' ')
				a++;
			cend = i + 1;
			cfrom = a;
			cto = a + 1;
		} else
			continue;
		if (c != NULL && excepted(ex, tk, i))
			continue;
		/* The verb after the conjunction. */
		for (right = cend; right < tk->n && filler(bl_token_norm(tk, right)); right++)
			;
		if (right >= tk->n || bl_wordset_span(verbs, tk, right, 1) == NULL)
			continue;
		/* Two verbs joined ("view and download"), or a verb with its object. */
		left = sym ? i : (i > 0 ? i - 1 : SIZE_MAX);
		if (left != SIZE_MAX && bl_wordset_span(verbs, tk, left, 1) != NULL) {
			/* left is a verb */
		} else if (first < i && right + 1 < tk->n &&
		           verb_follower(bl_token_norm(tk, verb_end(tk, right) + 1))) {
			left = first;
		} else
			continue;
		{
			size_t le = verb_end(tk, left), re = verb_end(tk, right);
			const char *a =
			        bl_ctx_quote(ctx, m->s + tk->t[left].off,
			                     tk->t[le].off + tk->t[le].len - tk->t[left].off, 40);
			const char *b =
			        bl_ctx_quote(ctx, m->s + tk->t[right].off,
			                     tk->t[re].off + tk->t[re].len - tk->t[right].off, 40);

			bl_report(ctx, BL_R_STORY_ATOMIC,
			          bl_text_subspan(it->file, m, cfrom, cto - cfrom),
			          "split this story: its means joins '%s' and '%s'; write one "
			          "story for each",
			          a, b);
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

void
bl_check_story_minimal(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_text *t = &it->story;
	size_t i;

	if (t->s == NULL || it->story_parts_given || it->story_template < 0)
		return;
	for (i = 0; i < t->len; i++) {
		const char *what = NULL;
		size_t len = 1;
		char c = t->s[i];

		if (t->s[i] == '(') {
			const char *close = memchr(t->s + i, ')', t->len - i);

			len = close ? (size_t)(close - (t->s + i)) + 1 : 1;
			/* A plural or prefix marker, not an aside: "item(s)", "(re-)use". */
			if (close != NULL &&
			    ((i > 0 && isalpha((unsigned char)t->s[i - 1])) || close[-1] == '-'))
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
		/* A second sentence: ". " and a capital letter or digit. */
		if ((t->s[i] == '.' || t->s[i] == '!' || t->s[i] == '?') && i + 2 < t->len &&
		    t->s[i + 1] == ' ' &&
		    (isupper((unsigned char)t->s[i + 2]) || isdigit((unsigned char)t->s[i + 2])) &&
		    !(t->s[i] == '.' && abbreviation(t->s, t->len, i))) {
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
 * each (bl_ctx_keep): the content words of its role and goal, and of its
 * title. Two different keys would have to agree in all 128 bits to be
 * taken for one.
 */

/* The second hash of key k, independent enough of the first. */
static uint64_t
second_hash(uint64_t h, const struct bl_buf *k)
{
	return bl_fnv(h ^ UINT64_C(0x9e3779b97f4a7c15), k->s, k->len) | 1;
}

/* Keeps the hashes of key k (when it has content words) in slot and the
 * one after it. */
static void
keep_key(struct bl_ctx *ctx, size_t slot, const struct bl_buf *k, bool any)
{
	uint64_t h;

	if (!any)
		return;
	h = bl_fnv(BL_FNV_OFFSET, k->s, k->len) | 1;
	bl_ctx_keep(ctx, slot, h);
	bl_ctx_keep(ctx, slot + 1, second_hash(h, k));
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
		keep_key(ctx, BL_KEPT_STORY_KEY, &k, text_key(ctx, &it->means, &k) > 0);
	}
	k.len = 0;
	keep_key(ctx, BL_KEPT_TITLE_KEY, &k, text_key(ctx, &it->title, &k) > 0);
	bl_buf_free(&k);
}

/* Whether item v has the key whose second hash is *ud (slot + 1). */
struct dup_key {
	const struct bl_backlog *b;
	size_t slot;
	uint64_t h2;
};

static bool
same_dup_key(void *ud, size_t v)
{
	const struct dup_key *d = ud;

	return d->b->items[v].kept[d->slot + 1] == d->h2;
}

/* The first item before item i with the same key in slot, or SIZE_MAX. */
static size_t
dup_of(struct bl_hashtab *t, const struct bl_backlog *b, size_t i, size_t slot)
{
	const struct bl_summary *s = &b->items[i];
	struct dup_key d;
	size_t first;

	if (s->kept[slot] == 0)
		return SIZE_MAX;
	d.b = b;
	d.slot = slot;
	d.h2 = s->kept[slot + 1];
	first = bl_hashtab_put(t, s->kept[slot], i, same_dup_key, &d);
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
		if ((first = dup_of(&story, b, i, BL_KEPT_STORY_KEY)) != SIZE_MAX) {
			bl_report_ref(ctx, BL_R_STORY_DUPLICATE, &s->story_ref, s->id,
			              "story repeats %s: same role and goal; merge the two or say "
			              "how they differ",
			              where(ctx, &b->items[first]));
			continue;
		}
		if ((first = dup_of(&title, b, i, BL_KEPT_TITLE_KEY)) != SIZE_MAX)
			bl_report_ref(
			        ctx, BL_R_STORY_DUPLICATE, &s->ref, s->id,
			        "story has the same title as %s; merge the two or give each a "
			        "title that says how they differ",
			        where(ctx, &b->items[first]));
	}
}
