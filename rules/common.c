/*
 * Helpers shared by the rule families: a hash table of item ids over the
 * backlog's summaries.
 */
#include <stdint.h>
#include <string.h>

#include "common.h"

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

void
bl_idtab_build(struct bl_idtab *t, const struct bl_backlog *b,
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

size_t
bl_idtab_find(const struct bl_idtab *t, const struct bl_backlog *b, const char *id)
{
	size_t h;

	for (h = hash(id) & (t->cap - 1); t->slot[h]; h = (h + 1) & (t->cap - 1))
		if (strcmp(b->items[t->slot[h] - 1].id, id) == 0)
			return t->slot[h] - 1;
	return SIZE_MAX;
}

bool
bl_idtab_has(const struct bl_idtab *t, const struct bl_backlog *b, const char *id)
{
	return bl_idtab_find(t, b, id) != SIZE_MAX;
}
