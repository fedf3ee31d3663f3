/*
 * deps/: dependencies between items. Independent stories can be ordered
 * freely; a dependency must at least name an item that exists.
 */
#include <stdlib.h>

#include "common.h"
#include "rules.h"

void
bl_check_deps_unknown(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct bl_idtab t;
	size_t i, j;

	bl_idtab_build(&t, b, NULL, NULL);
	for (i = 0; i < b->nitems; i++)
		for (j = 0; j < b->items[i].ndeps; j++) {
			const struct bl_dep *d = &b->items[i].deps[j];

			if (!bl_idtab_has(&t, b, d->id))
				bl_report_ref(ctx, BL_R_DEPS_UNKNOWN, &d->ref, b->items[i].id,
				              "depends on '%s', which is not an item of this backlog; "
				              "fix the id or lint the files that define it",
				              d->id);
		}
	free(t.slot);
}
