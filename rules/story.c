/*
 * story/, persona/, value/ and ac/: the user-story voice of an item. A
 * story says who wants something (a persona), what they want (the means)
 * and why (the ends), and it is accepted against testable criteria.
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

void
bl_check_persona_missing(struct bl_ctx *ctx, const struct bl_item *it)
{
	struct bl_span at = it->story.s ? it->story.span : it->span;

	if (it->role.s != NULL || it->persona.s != NULL)
		return;
	if (it->story.s != NULL && it->story_template < 0 && !it->story_parts_given)
		return; /* story/format says it */
	at.end_line = at.line;
	at.end_col = at.col;
	bl_report(ctx, BL_R_PERSONA_MISSING, at,
	          "story names no persona; say who wants this (\"As a <role>, ...\") or set "
	          "'persona:'");
}

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
bl_check_ac_missing(struct bl_ctx *ctx, const struct bl_item *it)
{
	/* A story list has no place for criteria. */
	if (it->origin == BL_ORIGIN_LIST || it->ncriteria > 0)
		return;
	bl_report(ctx, BL_R_AC_MISSING, it->span,
	          "%s has no acceptance criteria; add an \"Acceptance criteria\" section with "
	          "testable items or Given/When/Then scenarios",
	          bl_type_name(it->type));
}
