/*
 * story/duplicate: two stories with the same role and goal, or the same
 * title, in their content words. Each story keeps hashes of both keys while
 * its file is loaded; the backlog-wide check finds the first story with
 * each key.
 */
#include <stdint.h>
#include <string.h>

#include "common.h"
#include "rules.h"
#include "story.h"

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

void
bl_keep_story_duplicate(struct bl_ctx *ctx, const struct bl_item *it)
{
	struct bl_buf k = {0};

	if (it->means.s != NULL) {
		bl_story_text_key(ctx, it->role.s ? &it->role : &it->persona, &k);
		bl_buf_puts(&k, " | ");
		keep_key(ctx, KEY_STORY, &k, bl_story_text_key(ctx, &it->means, &k) > 0);
	}
	k.len = 0;
	keep_key(ctx, KEY_TITLE, &k, bl_story_text_key(ctx, &it->title, &k) > 0);
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
			              bl_story_where(ctx, &b->items[first]));
			continue;
		}
		if ((first = dup_of(ctx, &title, b, i, KEY_TITLE)) != SIZE_MAX)
			bl_report_ref(
			        ctx, BL_R_STORY_DUPLICATE, &s->ref, s->id,
			        "story has the same title as %s; merge the two or give each a "
			        "title that says how they differ",
			        bl_story_where(ctx, &b->items[first]));
	}
}
