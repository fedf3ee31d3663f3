/*
 * persona/: who a story is for. Stories name a persona the team knows,
 * one way, so that the backlog shows whose experience each item serves.
 */
#include "rules.h"

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
