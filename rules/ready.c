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

/* Whether estimate s (as written, or NULL) is an estimate. */
static bool
estimated(const char *s, size_t n)
{
	size_t i;

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

/* What ready/incomplete keeps of an item (its one word, bl_ctx_keep):
 * what a ready item lacks. Whether a missing estimate counts depends on
 * the file's other items (whether the team estimates): the file part
 * completes the list. */
#define READY_NO_STORY 1u
#define READY_NO_CRITERIA (1u << 1)
#define READY_NO_ESTIMATE (1u << 2) /* none, and the type is estimated */
#define READY_PLACEHOLDER (1u << 3) /* only a placeholder estimate */

void
bl_keep_ready_incomplete(struct bl_ctx *ctx, const struct bl_item *it)
{
	const char *cat = bl_status_category(ctx, &it->status);
	uint64_t bits = 0;

	if (cat == NULL || strcmp(cat, "ready") != 0 || it->origin == BL_ORIGIN_LIST)
		return;
	if (it->type == BL_TYPE_STORY && it->story.s == NULL && !it->story_parts_given)
		bits |= READY_NO_STORY;
	if (it->ncriteria == 0)
		bits |= READY_NO_CRITERIA;
	if (bits == 0)
		return;
	/* estimate/missing reports a missing estimate across the backlog; here
	 * it completes the list, when the file shows the team estimates. */
	if ((bl_rules[BL_R_ESTIMATE_MISSING].types & BL_TYPE_BIT(it->type)) &&
	    !estimated(it->estimate.s, it->estimate.len))
		bits |= it->estimate.s != NULL ? READY_PLACEHOLDER : READY_NO_ESTIMATE;
	bl_ctx_keep(ctx)[0] = bits;
}

void
bl_check_ready_incomplete(struct bl_ctx *ctx, const struct bl_backlog *file)
{
	size_t i, k, nestimated = 0;

	for (i = 0; i < file->nitems; i++)
		nestimated +=
		        estimated(file->items[i].estimate,
		                  file->items[i].estimate ? strlen(file->items[i].estimate) : 0);
	for (i = 0; i < file->nitems; i++) {
		const struct bl_summary *s = &file->items[i];
		const uint64_t *kept = bl_summary_kept(ctx, s);
		uint64_t bits = kept != NULL ? kept[0] : 0;
		const char *missing[3];
		struct bl_buf what = {0};
		size_t n = 0;

		if (bits == 0)
			continue;
		if (bits & READY_NO_STORY)
			missing[n++] = "no story sentence";
		if (bits & READY_NO_CRITERIA)
			missing[n++] = "no acceptance criteria";
		/* The item itself is not estimated: another one is. */
		if ((bits & READY_PLACEHOLDER) || ((bits & READY_NO_ESTIMATE) && nestimated > 0))
			missing[n++] = bits & READY_PLACEHOLDER ? "only a placeholder estimate"
			                                        : "no estimate";
		for (k = 0; k < n; k++)
			bl_buf_printf(&what, "%s%s",
			              k == 0       ? ""
			              : k + 1 == n ? " and "
			                           : ", ",
			              missing[k]);
		bl_report_ref(ctx, BL_R_READY_INCOMPLETE, &s->status_ref, s->id,
		              "status '%s' but the %s has %s; it is not ready to plan: refine it "
		              "with the team first, or move it back to the backlog",
		              bl_ctx_quote(ctx, s->status, strlen(s->status), 30),
		              bl_type_name(s->type), what.s);
		bl_buf_free(&what);
	}
}
