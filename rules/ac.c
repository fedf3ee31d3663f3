/*
 * ac/: acceptance criteria, the testable conditions a story is accepted
 * against.
 */
#include "rules.h"

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
