/*
 * ready/: the definition of ready, what an item needs before the team
 * plans it into an iteration: a story sentence that says who wants what
 * and why, acceptance criteria the team can test against, and an
 * estimate when the team estimates. An item whose status says it is ready
 * but lacks one of them is not (incomplete).
 */
#include <string.h>

#include "common.h"
#include "rules.h"

/* Estimates that stand for no estimate yet (as estimate/missing reads them). */
static const char *const placeholders[] = {
        "?",   "??", "???",  "-",       "--",          "tbd",           "tbc",  "tba",
        "n/a", "na", "none", "unknown", "unestimated", "not estimated", "todo", "xxx",
};

static bool
estimated(const struct bl_item *it)
{
	const char *s = it->estimate.s;
	size_t n = it->estimate.len, i;

	if (s == NULL)
		return false;
	bl_trim(&s, &n);
	if (n == 0)
		return false;
	for (i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++)
		if (bl_strncaseeq(s, n, placeholders[i]))
			return false;
	return true;
}

void
bl_check_ready_incomplete(struct bl_ctx *ctx, const struct bl_item *it)
{
	const char *cat = bl_status_category(ctx, &it->status), *missing[3];
	struct bl_buf what = {0};
	size_t n = 0, i;

	if (cat == NULL || strcmp(cat, "ready") != 0 || it->origin == BL_ORIGIN_LIST)
		return;
	if (it->type == BL_TYPE_STORY && it->story.s == NULL && !it->story_parts_given)
		missing[n++] = "no story sentence";
	if (it->ncriteria == 0)
		missing[n++] = "no acceptance criteria";
	/* estimate/missing reports a missing estimate across the backlog; here
	 * it completes the list, when the file shows the team estimates. */
	if (n > 0 && (bl_rules[BL_R_ESTIMATE_MISSING].types & BL_TYPE_BIT(it->type)) &&
	    !estimated(it)) {
		bool team_estimates = false;

		for (i = 0; i < it->file->nitems && !team_estimates; i++)
			team_estimates =
			        &it->file->items[i] != it && estimated(&it->file->items[i]);
		if (team_estimates || it->estimate.s != NULL)
			missing[n++] = it->estimate.s != NULL ? "only a placeholder estimate"
			                                      : "no estimate";
	}
	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		bl_buf_printf(&what, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", missing[i]);
	bl_report(ctx, BL_R_READY_INCOMPLETE, it->status.span,
	          "status '%s' but the %s has %s; it is not ready to plan: refine it with the "
	          "team first, or move it back to the backlog",
	          bl_ctx_quote(ctx, it->status.s, it->status.len, 30), bl_type_name(it->type),
	          what.s);
	bl_buf_free(&what);
}
