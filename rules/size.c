/*
 * size/: items too big to finish in an iteration. Many acceptance criteria
 * usually mean several stories share one card (too-many-criteria); a very
 * long story sentence carries detail that belongs in the description or
 * the criteria (long-story).
 */
#include "rules.h"

void
bl_check_size_too_many_criteria(struct bl_ctx *ctx, const struct bl_item *it)
{
	long max = bl_ctx_opt_int(ctx, BL_O_SIZE_TOO_MANY_CRITERIA_MAX);
	struct bl_span at = it->span;

	if (max < 0 || it->ncriteria <= (size_t)max)
		return;
	if (it->criteria[max].text.span.line != 0)
		at = it->criteria[max].text.span;
	bl_report(ctx, BL_R_SIZE_TOO_MANY_CRITERIA, at,
	          "%s has %zu acceptance criteria (more than %ld): it likely holds several "
	          "stories; split it along its criteria, one story per rule or scenario group",
	          bl_type_name(it->type), it->ncriteria, max);
}

/* The length of the first sentence of s[0, n): up to a '.', '!' or '?'
 * followed by white space and a capital letter ("etc. - with" goes on). */
static size_t
first_sentence(const char *s, size_t n)
{
	size_t k, j;

	for (k = 0; k < n; k++) {
		if (s[k] != '.' && s[k] != '!' && s[k] != '?')
			continue;
		for (j = k + 1;
		     j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'); j++)
			;
		if (j > k + 1 && j < n && s[j] >= 'A' && s[j] <= 'Z')
			return k + 1;
	}
	return n;
}

void
bl_check_size_long_story(struct bl_ctx *ctx, const struct bl_item *it)
{
	long max = bl_ctx_opt_int(ctx, BL_O_SIZE_LONG_STORY_MAX_WORDS);
	const struct bl_tokens *tk;
	size_t len;

	/* Stories given as parts (as_a, i_want, so_that) have a story made
	 * of them too. */
	if (it->story.s == NULL || max < 0)
		return;
	len = first_sentence(it->story.s, it->story.len);
	tk = bl_ctx_text_tokens(ctx, it->story.s, len);
	if (tk->n <= (size_t)max)
		return;
	bl_report(ctx, BL_R_SIZE_LONG_STORY, bl_text_subspan(it->file, &it->story, 0, len),
	          "story sentence has %zu words (more than %ld); keep it to who, what and why, "
	          "and move the detail into the description or acceptance criteria",
	          tk->n, max);
}
