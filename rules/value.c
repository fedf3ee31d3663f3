/*
 * value/: why a story matters. The ends of the story sentence say what the
 * persona gains, which is what the team weighs when it orders the backlog.
 */
#include "rules.h"

void
bl_check_value_missing(struct bl_ctx *ctx, const struct bl_item *it)
{
	struct bl_span at;

	if (it->story.s == NULL || it->ends.s != NULL ||
	    (it->story_template < 0 && !it->story_parts_given))
		return;
	at = it->means.s ? it->means.span : it->story.span;
	bl_report(ctx, BL_R_VALUE_MISSING, at,
	          "story states no benefit; add \"so that <why it matters>\"");
}
