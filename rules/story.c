/*
 * story/: the user-story sentence. A story says who wants something (the
 * role), what they want (the means) and why (the ends), in one short
 * sentence the whole team reads the same way.
 */
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
