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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "rules.h"
#include "story.h"

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

	if (bl_story_text_key(ctx, t, &k) > 0)
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
			        bl_story_where(ctx, &b->items[o]));
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
		        bl_story_where(ctx, &b->items[first]));
	}
}
