/*
 * dod/: the definition of done, the checklist of quality every item meets
 * before the team calls it done (tests, review, documentation). It is the
 * team's (Backlog.md's definition_of_done in backlog/config.yml) or the
 * item's own "Definition of done" section. An item under way needs one
 * (missing), an item marked done has every entry ticked (unchecked-done),
 * and an item's own checklist keeps every entry of the team's
 * (missing-required).
 */
#include <ctype.h>
#include <string.h>

#include "common.h"
#include "rules.h"

/* What dod/missing keeps of an item (its one word, bl_ctx_keep). */
#define DOD_UNDER_WAY 1u /* under way, with no definition of done at all */

void
bl_keep_dod_missing(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_team *team = bl_ctx_team(ctx);
	const char *cat;

	if (it->ndod > 0 || (team != NULL && team->ndod > 0))
		return;
	cat = bl_status_category(ctx, &it->status);
	if (cat == NULL || (strcmp(cat, "started") != 0 && strcmp(cat, "done") != 0))
		return;
	if (team != NULL) {
		/* The team keeps its settings in Backlog.md, which has a place
		 * for a definition of done, and left it empty. */
		bl_report(ctx, BL_R_DOD_MISSING, it->status.span,
		          "status '%s' but neither this %s nor the team's backlog/config.yml "
		          "states a "
		          "definition of done; agree on one (definition_of_done in config.yml), or "
		          "add a \"Definition of done\" checklist here",
		          bl_ctx_quote(ctx, it->status.s, it->status.len, 30),
		          bl_type_name(it->type));
		return;
	}
	/* Without team settings the definition may live anywhere (a wiki, the
	 * team room): only an item whose neighbours carry one lacks it, which
	 * the file's summaries tell. */
	bl_ctx_keep(ctx)[0] = DOD_UNDER_WAY;
}

void
bl_check_dod_missing(struct bl_ctx *ctx, const struct bl_backlog *file)
{
	const struct bl_summary *other = NULL;
	const char *who;
	size_t i;

	for (i = 0; i < file->nitems && other == NULL; i++)
		if (file->items[i].has_dod)
			other = &file->items[i];
	if (other == NULL)
		return;
	who = other->id != NULL
	              ? bl_arena_printf(bl_ctx_scratch(ctx), "'%s'",
	                                bl_ctx_quote(ctx, other->id, strlen(other->id), 30))
	              : bl_arena_printf(bl_ctx_scratch(ctx), "the item on line %u",
	                                (unsigned)other->ref.span.line);
	for (i = 0; i < file->nitems; i++) {
		const struct bl_summary *s = &file->items[i];
		const uint64_t *kept = bl_summary_kept(ctx, s);

		if (kept == NULL || !(kept[0] & DOD_UNDER_WAY))
			continue;
		bl_report_ref(
		        ctx, BL_R_DOD_MISSING, &s->status_ref, s->id,
		        "status '%s' but this %s has no definition of done, unlike %s in this "
		        "file; add a \"Definition of done\" checklist",
		        bl_ctx_quote(ctx, s->status, strlen(s->status), 30), bl_type_name(s->type),
		        who);
	}
}

/* Whether s[off] starts a clause of an entry: at its start, or after an
 * opening bracket, a separator or a dash ("Docs updated — N/A"). */
static bool
clause_at(const char *s, size_t off)
{
	const unsigned char *u = (const unsigned char *)s;

	while (off > 0 && (s[off - 1] == ' ' || s[off - 1] == '\t'))
		off--;
	if (off == 0 || strchr("([:;,-|/", s[off - 1]) != NULL)
		return true;
	/* An en or em dash: E2 80 93, E2 80 94. */
	return off >= 3 && u[off - 3] == 0xe2 && u[off - 2] == 0x80 &&
	       (u[off - 1] == 0x93 || u[off - 1] == 0x94);
}

/*
 * Whether a definition-of-done entry is waived: struck through
 * ("~~Help page updated~~") or marked as not applying, in a clause of its
 * own ("Help page updated — N/A", "skipped: no UI change", "(not
 * applicable)"). A waived entry is resolved, checked or not.
 */
static bool
waived(const struct bl_text *t)
{
	static const char *const marks[] = {
	        "n/a",           "not applicable", "not needed", "not required", "does not apply",
	        "doesn't apply", "skipped",        "waived",     "won't do",     "wontfix",
	};
	size_t off, k;

	if (t->s == NULL)
		return false;
	if (t->len > 4 && memcmp(t->s, "~~", 2) == 0)
		for (off = 3; off + 1 < t->len; off++)
			if (t->s[off] == '~' && t->s[off + 1] == '~')
				return true;
	for (off = 0; off < t->len; off++) {
		if (!clause_at(t->s, off) || t->s[off] == ' ')
			continue;
		for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
			size_t n = strlen(marks[k]);

			if (bl_strcaseprefix(t->s + off, t->len - off, marks[k]) &&
			    (off + n == t->len || !isalnum((unsigned char)t->s[off + n])))
				return true;
		}
	}
	return false;
}

/*
 * Whether an entry, tokenised into tk, applies only under a condition the
 * rule cannot check: "If the API changed, its docs are updated", "Types
 * regenerated when TypeScript touched", "Screenshots where practical",
 * "Optional: demo".
 */
static bool
conditional(const struct bl_tokens *tk)
{
	static const char *const opens[] = {"if",       "when",       "where", "unless",
	                                    "optional", "optionally", NULL};
	static const char *const anywhere[] = {"if", "unless", NULL};
	static const char *const cases[] = {"applicable", "relevant", "needed",  "necessary",
	                                    "practical",  "possible", "touched", "changed",
	                                    "modified",   "affected", NULL};
	size_t i;
	bool when = false;

	for (i = 0; i < tk->n; i++) {
		const char *w = bl_token_norm(tk, i);

		if ((i == 0 && bl_one_of(w, opens)) || bl_one_of(w, anywhere) ||
		    (when && bl_one_of(w, cases)))
			return true;
		when |= strcmp(w, "when") == 0 || strcmp(w, "where") == 0;
	}
	return false;
}

void
bl_check_dod_unchecked_done(struct bl_ctx *ctx, const struct bl_item *it)
{
	const char *cat = bl_status_category(ctx, &it->status);
	const struct bl_criterion *first = NULL;
	size_t i, boxes = 0, open = 0;

	if (cat == NULL || strcmp(cat, "done") != 0)
		return;
	for (i = 0; i < it->ndod; i++) {
		const struct bl_criterion *c = &it->dod[i];

		/* A waived entry is resolved; an unchecked conditional one
		 * may not apply, which the done status says it did not. */
		if (c->checked < 0 || waived(&c->text) ||
		    (c->checked == 0 && c->text.s != NULL &&
		     conditional(bl_ctx_text_tokens(ctx, c->text.s, c->text.len))))
			continue;
		boxes++;
		if (c->checked == 0 && open++ == 0)
			first = c;
	}
	if (open == 0)
		return;
	bl_report(ctx, BL_R_DOD_UNCHECKED_DONE, first->text.span,
	          "status '%s' but %zu of %zu definition-of-done entries %s unchecked (first: "
	          "'%s'); the %s is not done until %s: check %s once true, or reopen the %s",
	          bl_ctx_quote(ctx, it->status.s, it->status.len, 30), open, boxes,
	          open == 1 ? "is" : "are", bl_ctx_quote(ctx, first->text.s, first->text.len, 40),
	          bl_type_name(it->type), open == 1 ? "it holds" : "they hold",
	          open == 1 ? "it" : "them", bl_type_name(it->type));
}

/* The content key of a text tokenised into tk, in the scratch arena (""
 * when it has no content words). */
static const char *
content_key(struct bl_ctx *ctx, const struct bl_tokens *tk)
{
	struct bl_buf b = {0};
	const char *r;

	bl_content_key_tokens(ctx, tk, &b);
	r = bl_arena_strdup(bl_ctx_scratch(ctx), b.s != NULL ? b.s : "");
	bl_buf_free(&b);
	return r;
}

/* How many team entries a message names. */
#define MISSING_SHOWN 3

void
bl_check_dod_missing_required(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_team *team = bl_ctx_team(ctx);
	const struct bl_section *sec;
	const char **mine, *shown[MISSING_SHOWN];
	struct bl_buf names = {0};
	struct bl_span at;
	size_t i, j, nmissing = 0;

	if (team == NULL || team->ndod == 0 || it->ndod == 0)
		return;
	mine = bl_arena_alloc(bl_ctx_scratch(ctx), it->ndod * sizeof(*mine));
	for (j = 0; j < it->ndod; j++)
		mine[j] = it->dod[j].text.s != NULL
		                  ? content_key(ctx, bl_ctx_text_tokens(ctx, it->dod[j].text.s,
		                                                        it->dod[j].text.len))
		                  : "";
	for (i = 0; i < team->ndod; i++) {
		const char *key;
		bool kept;

		/* The team's entries are no text of the file: tokenised here. */
		bl_tokenize(bl_ctx_tokens(ctx), team->dod[i], strlen(team->dod[i]));
		key = content_key(ctx, bl_ctx_tokens(ctx));
		/* An entry that applies only at times may be left out. */
		kept = key[0] == '\0' || conditional(bl_ctx_tokens(ctx));

		/* Kept as written, reworded within the same words, or made
		 * more precise ("Tests pass" as "Unit tests pass in CI"). */
		for (j = 0; j < it->ndod && !kept; j++)
			kept = mine[j][0] != '\0' &&
			       (bl_words_within(key, mine[j]) || bl_words_within(mine[j], key));
		if (kept)
			continue;
		if (nmissing < MISSING_SHOWN)
			shown[nmissing] = team->dod[i];
		nmissing++;
	}
	if (nmissing == 0)
		return;
	for (i = 0; i < nmissing && i < MISSING_SHOWN; i++)
		bl_buf_printf(&names, "%s'%s'",
		              i == 0              ? ""
		              : i + 1 == nmissing ? " and "
		                                  : ", ",
		              bl_ctx_quote(ctx, shown[i], strlen(shown[i]), 40));
	if (nmissing > MISSING_SHOWN)
		bl_buf_printf(&names, " and %zu more", nmissing - MISSING_SHOWN);
	sec = bl_item_section(it, BL_SEC_DOD);
	at = sec != NULL && sec->name.s != NULL ? sec->name.span : it->dod[0].text.span;
	if (nmissing == 1)
		bl_report(ctx, BL_R_DOD_MISSING_REQUIRED, at,
		          "the definition of done leaves out the team's %s; add it, or agree with "
		          "the "
		          "team why this %s is an exception",
		          names.s, bl_type_name(it->type));
	else
		bl_report(ctx, BL_R_DOD_MISSING_REQUIRED, at,
		          "the definition of done leaves out %zu of the team's entries: %s; add "
		          "them, "
		          "or agree with the team why this %s is an exception",
		          nmissing, names.s, bl_type_name(it->type));
	bl_buf_free(&names);
}
