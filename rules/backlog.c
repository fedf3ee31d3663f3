/*
 * backlog/: hygiene of the backlog as a whole. Ids must be unique: they
 * are found through one hash table, so the check stays linear.
 */
#include <stdlib.h>

#include "common.h"
#include "rules.h"

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
	struct bl_idtab t;
	struct dupctx d = {ctx, b};

	bl_idtab_build(&t, b, report_dup, &d);
	free(t.slot);
}
