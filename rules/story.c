/*
 * story/: the user-story sentence. A story says who wants something (the
 * role), what they want (the means) and why (the ends), in one short
 * sentence the whole team reads the same way. This file holds the rules on
 * the sentence's form (story/missing, story/format, story/uniform) and the
 * words and places the family's other files share (story.h); story/atomic,
 * story/minimal, story/duplicate and story/similar have a file each.
 */
#include <string.h>

#include "common.h"
#include "rules.h"
#include "story.h"

void
bl_check_story_format(struct bl_ctx *ctx, const struct bl_item *it)
{
	if (it->role_stray.s != NULL && it->role.s != NULL)
		bl_report(ctx, BL_R_STORY_FORMAT, it->role_stray.span,
		          "stray '%s' before the role '%s'; remove it",
		          bl_ctx_quote(ctx, it->role_stray.s, it->role_stray.len, 10),
		          bl_ctx_quote(ctx, it->role.s, it->role.len, 40));
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
bl_check_story_missing(struct bl_ctx *ctx, const struct bl_item *it)
{
	if (it->story.s != NULL || it->story_parts_given || it->means.s != NULL)
		return;
	if (it->title.s != NULL)
		bl_report(ctx, BL_R_STORY_MISSING, it->span,
		          "story \"%s\" has no user-story sentence; add \"As a <role>, I want "
		          "<goal>, "
		          "so that <benefit>\"",
		          bl_ctx_quote(ctx, it->title.s, it->title.len, 60));
	else
		bl_report(ctx, BL_R_STORY_MISSING, it->span,
		          "story has no user-story sentence; add \"As a <role>, I want <goal>, so "
		          "that <benefit>\"");
}

/* The name of story template i ("# template: NAME" lines of the
 * embedded templates), or NULL. */
static const char *
template_name(struct bl_ctx *ctx, int i)
{
	static const char mark[] = "\n# template: ";
	const char *p = bl_words_story_templates;

	for (; (p = strstr(p, mark)) != NULL; i--) {
		p += sizeof(mark) - 1;
		if (i == 0)
			return bl_arena_strndup(bl_ctx_scratch(ctx), p, strcspn(p, "\n"));
	}
	return NULL;
}

void
bl_check_story_uniform(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	size_t count[64] = {0}, total = 0, i;
	int best = -1, t;
	const char *bestname;

	for (i = 0; i < b->nitems; i++) {
		const struct bl_summary *s = &b->items[i];

		if (s->type == BL_TYPE_STORY && s->role != NULL && s->story_template >= 0 &&
		    s->story_template < 64) {
			count[s->story_template]++;
			total++;
		}
	}
	for (t = 0; t < 64; t++)
		if (count[t] > 0 && (best < 0 || count[t] > count[best]))
			best = t;
	if (best < 0 || total < (size_t)bl_ctx_opt_int(ctx, BL_O_STORY_UNIFORM_MIN_STORIES) ||
	    count[best] * 100 < total * (size_t)bl_ctx_opt_int(ctx, BL_O_STORY_UNIFORM_MIN_SHARE) ||
	    count[best] == total)
		return;
	bestname = template_name(ctx, best);
	for (i = 0; i < b->nitems; i++) {
		const struct bl_summary *s = &b->items[i];
		const char *name;

		if (s->type != BL_TYPE_STORY || s->role == NULL || s->story_template < 0 ||
		    s->story_template == best || s->story_template >= 64)
			continue;
		name = template_name(ctx, s->story_template);
		bl_report_ref(ctx, BL_R_STORY_UNIFORM, &s->story_ref, s->id,
		              "story is written as \"%s\" while %zu of %zu stories use \"%s\"; "
		              "write it the backlog's usual way",
		              name ? name : "another template", count[best], total,
		              bestname ? bestname : "another template");
	}
}

/*
 * Words and places of the story sentence, shared by the story rules.
 */

/* Subject pronouns, modals and auxiliaries: after a conjunction they start a
 * clause or a second predicate ("and I expect", "and can page"). */
bool
bl_story_subject(const char *w)
{
	static const char *const subj[] = {"i", "we", "they", "he", "she", "you", NULL};

	return bl_one_of(w, subj);
}

bool
bl_story_auxiliary(const char *w)
{
	static const char *const aux[] = {"can", "could", "should", "will", "would", "must", "may",
	                                  "is",  "are",   "was",    "were", "be",    "has",  "have",
	                                  "get", "gets",  "does",   "need", "needs", NULL};

	return bl_one_of(w, aux);
}

/* Words that start a list of examples ("such as", "including", "like"
 * before a noun): story/minimal asks to move them, and a conjunction after
 * one is the example's, not the means'. */
bool
bl_story_example_start(const struct bl_tokens *tk, size_t i)
{
	static const char *const one[] = {"including", "incl",      "especially", "particularly",
	                                  "except",    "excluding", NULL};
	const char *w = bl_token_norm(tk, i);
	const char *next = i + 1 < tk->n ? bl_token_norm(tk, i + 1) : "";

	/* Asked of every word of the means: most start with none of the
	 * letters these words start with. */
	if (strchr("iepsfl", w[0]) == NULL)
		return false;
	if (bl_one_of(w, one))
		return true;
	if (bl_word_is(w, "such") || bl_word_is(w, "for"))
		return strcmp(next, w[0] == 's' ? "as" : "example") == 0 ||
		       (w[0] == 'f' && bl_word_is(next, "instance"));
	if (bl_word_is(w, "like")) {
		/* "like" as a preposition, not the verb ("would like to"). */
		const char *prev = i > 0 ? bl_token_norm(tk, i - 1) : "";
		static const char *const verbish[] = {"would", "d",    "i",      "we",  "you",
		                                      "they",  "also", "really", "not", "just",
		                                      "feel",  "look", "looks",  NULL};

		return !bl_one_of(prev, verbish) && !bl_word_is(next, "to") && next[0] != '\0';
	}
	return false;
}

/* Whether tokens from..to of the means have a comma or semicolon between
 * them. */
bool
bl_story_comma_between(const struct bl_text *m, size_t from, size_t to)
{
	return memchr(m->s + from, ',', to - from) != NULL || memchr(m->s + from, ';', to - from);
}

/* "US-3 at path:line", or "the story at path:line". */
const char *
bl_story_where(struct bl_ctx *ctx, const struct bl_summary *s)
{
	if (s->id != NULL)
		return bl_arena_printf(bl_ctx_scratch(ctx), "%s (%s:%u)", s->id,
		                       bl_summary_path(ctx, s), s->story_ref.span.line);
	return bl_arena_printf(bl_ctx_scratch(ctx), "the story at %s:%u", bl_summary_path(ctx, s),
	                       s->story_ref.span.line);
}

/* The content key of text t, added to k; how many words it has. */
size_t
bl_story_text_key(struct bl_ctx *ctx, const struct bl_text *t, struct bl_buf *k)
{
	if (t->s == NULL || t->len == 0)
		return 0;
	return bl_content_key_tokens(ctx, bl_ctx_text_tokens(ctx, t->s, t->len), k);
}
