/*
 * backlog/ and deps/: checks across the whole backlog. Ids must be unique,
 * and a dependency must name an item that exists. Both use one hash table
 * of ids, so they stay linear in the number of items.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

struct idtab {
	size_t *slot; /* item index + 1, 0 when empty */
	size_t cap;
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

/* Builds the table; calls dup(i, first) for each id already present. */
static void
idtab_build(struct idtab *t, const struct bl_backlog *b,
            void (*dup)(void *, size_t, size_t), void *arg)
{
	size_t i;

	t->cap = 16;
	while (t->cap < b->nitems * 2)
		t->cap *= 2;
	t->slot = bl_xcalloc(t->cap, sizeof(*t->slot));
	for (i = 0; i < b->nitems; i++) {
		const char *id = b->items[i].id;
		size_t h;

		if (id == NULL)
			continue;
		for (h = hash(id) & (t->cap - 1); t->slot[h]; h = (h + 1) & (t->cap - 1))
			if (strcmp(b->items[t->slot[h] - 1].id, id) == 0)
				break;
		if (t->slot[h] == 0)
			t->slot[h] = i + 1;
		else if (dup != NULL)
			dup(arg, i, t->slot[h] - 1);
	}
}

static bool
idtab_has(const struct idtab *t, const struct bl_backlog *b, const char *id)
{
	size_t h;

	for (h = hash(id) & (t->cap - 1); t->slot[h]; h = (h + 1) & (t->cap - 1))
		if (strcmp(b->items[t->slot[h] - 1].id, id) == 0)
			return true;
	return false;
}

struct dupctx {
	struct bl_ctx *ctx;
	const struct bl_backlog *b;
};

static void
report_dup(void *arg, size_t i, size_t first)
{
	struct dupctx *d = arg;
	const struct bl_summary *s = &d->b->items[i], *f = &d->b->items[first];

	bl_report_ref(d->ctx, BL_R_BACKLOG_DUPLICATE_ID, &s->id_ref, s->id,
	              "id '%s' is already used by the item at %s:%u; give each item its own id",
	              s->id, f->id_ref.path, f->id_ref.span.line);
}

void
bl_check_backlog_duplicate_id(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct idtab t;
	struct dupctx d = {ctx, b};

	idtab_build(&t, b, report_dup, &d);
	free(t.slot);
}

void
bl_check_deps_unknown(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct idtab t;
	size_t i, j;

	idtab_build(&t, b, NULL, NULL);
	for (i = 0; i < b->nitems; i++)
		for (j = 0; j < b->items[i].ndeps; j++) {
			const struct bl_dep *d = &b->items[i].deps[j];

			if (!idtab_has(&t, b, d->id))
				bl_report_ref(ctx, BL_R_DEPS_UNKNOWN, &d->ref, b->items[i].id,
				              "depends on '%s', which is not an item of this backlog; "
				              "fix the id or lint the files that define it",
				              d->id);
		}
	free(t.slot);
}
