/*
 * value/: why a story matters. The ends of the story sentence say what the
 * persona gains, which is what the team weighs when it orders the backlog.
 */
#include <string.h>

#include "common.h"
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

void
bl_check_value_circular(struct bl_ctx *ctx, const struct bl_item *it)
{
	struct bl_buf means = {0}, ends = {0};
	const struct bl_tokens *tk;

	if (it->ends.s == NULL || it->means.s == NULL)
		return;
	/* Ends with no word at all ("so that ???") are a placeholder. */
	tk = bl_ctx_text_tokens(ctx, it->ends.s, it->ends.len);
	if (tk->n == 0)
		return;
	bl_content_key_tokens(ctx, tk, &ends);
	bl_content_key_tokens(ctx, bl_ctx_text_tokens(ctx, it->means.s, it->means.len), &means);
	if (means.s != NULL && bl_words_within(ends.s ? ends.s : "", means.s))
		bl_report(
		        ctx, BL_R_VALUE_CIRCULAR, it->ends.span,
		        "the benefit \"%s\" only restates the goal; say what the %s gains from it",
		        bl_ctx_quote(ctx, it->ends.s, it->ends.len, 50),
		        it->role.s ? bl_ctx_quote(ctx, it->role.s, it->role.len, 30) : "user");
	bl_buf_free(&means);
	bl_buf_free(&ends);
}
