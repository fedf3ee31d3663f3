/*
 * problem/: the problem an epic or feature solves. Before a team splits
 * an epic into stories, stakeholders agree whose problem it is, what they
 * cannot do today and what that costs; the statement is what every story
 * of the epic is weighed against. An epic or feature without one
 * (missing), or with one too short to say any of that or that only
 * restates the title (too-thin), gives the team nothing to weigh against.
 */
#include <string.h>

#include "common.h"
#include "rules.h"

void
bl_check_problem_missing(struct bl_ctx *ctx, const struct bl_item *it)
{
	if (it->problem.s != NULL ||
	    (bl_backlogmd_item(ctx, it) && !bl_ctx_opt_int(ctx, BL_O_PROBLEM_MISSING_BACKLOG_MD)))
		return;
	bl_report(ctx, BL_R_PROBLEM_MISSING, it->span,
	          "%s has no problem statement; add a \"Problem\" section (or a problem: key) that "
	          "says whose problem this is, what they cannot do today and what it costs them",
	          bl_type_name(it->type));
}

void
bl_check_problem_too_thin(struct bl_ctx *ctx, const struct bl_item *it)
{
	static const char ask[] =
	        "say whose problem this is, what they cannot do today and what it costs them";
	long min = bl_ctx_opt_int(ctx, BL_O_PROBLEM_TOO_THIN_MIN_WORDS);
	const struct bl_text *p = &it->problem;
	struct bl_buf pk = {0}, tk = {0};
	const char *quote;
	size_t n;

	if (p->s == NULL)
		return;
	n = bl_content_key_tokens(ctx, bl_ctx_text_tokens(ctx, p->s, p->len), &pk);
	if (it->title.s != NULL)
		bl_content_key_tokens(ctx, bl_ctx_text_tokens(ctx, it->title.s, it->title.len),
		                      &tk);
	quote = bl_ctx_quote(ctx, p->s, p->len, 60);
	if (n == 0)
		bl_report(ctx, BL_R_PROBLEM_TOO_THIN, p->span, "problem statement is empty; %s",
		          ask);
	else if (tk.s != NULL && bl_words_within(pk.s, tk.s))
		bl_report(ctx, BL_R_PROBLEM_TOO_THIN, p->span,
		          "problem statement \"%s\" only restates the title; %s", quote, ask);
	else if (min > 0 && n < (size_t)min)
		bl_report(ctx, BL_R_PROBLEM_TOO_THIN, p->span,
		          "problem statement \"%s\" has %zu content word%s (fewer than %ld); %s",
		          quote, n, n == 1 ? "" : "s", min, ask);
	bl_buf_free(&pk);
	bl_buf_free(&tk);
}
