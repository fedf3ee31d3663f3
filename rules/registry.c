/*
 * The registry tables, expanded from rules.def and words.def so that ids,
 * severities, options, summaries and check functions cannot drift apart.
 */
#include "rules.h"

#include <string.h>

#include "common.h"
#include "util.h"

#define BL_CHECKS_FILE(fn) BL_SCOPE_FILE, bl_check_##fn, NULL, NULL, NULL, NULL
#define BL_CHECKS_ITEM(fn) BL_SCOPE_ITEM, NULL, bl_check_##fn, NULL, NULL, NULL
#define BL_CHECKS_BACKLOG(fn) BL_SCOPE_BACKLOG, NULL, NULL, bl_check_##fn, NULL, NULL
/* A backlog rule that first keeps values from each item (bl_ctx_keep). */
#define BL_CHECKS_BACKLOG_KEPT(fn) BL_SCOPE_BACKLOG, NULL, bl_keep_##fn, bl_check_##fn, NULL, NULL
/* An item rule that keeps values from each item, then reads them for the
 * whole file (what other items of the file hold). */
#define BL_CHECKS_FILE_KEPT(fn) BL_SCOPE_ITEM, NULL, bl_keep_##fn, NULL, NULL, bl_check_##fn

/* The INVEST letters of rules.def. */
#define BL_INVEST_I 'I'
#define BL_INVEST_N 'N'
#define BL_INVEST_V 'V'
#define BL_INVEST_E 'E'
#define BL_INVEST_S 'S'
#define BL_INVEST_T 'T'
#define BL_INVEST_NONE 0

const struct bl_rule bl_rules[BL_R__COUNT] = {
#define BL_RULE(e, id, sev, invest, types, scope, fn, summary) \
	BL_RULE_EXT(e, id, sev, invest, types, scope, fn, 0, 0, summary)
#define BL_RULE_EXT(e, id, sev, invest, types, scope, fn, flags, kept, summary) \
	{id, sev, types, summary, BL_CHECKS_##scope(fn), BL_INVEST_##invest, flags, kept},
#define BL_OPTION(e, rule, name, kind, def, doc)
#include "rules.def"
#undef BL_RULE
#undef BL_OPTION
};

static const struct bl_option options[] = {
#define BL_RULE(e, id, sev, invest, types, scope, fn, summary)
#define BL_OPTION(e, rule, name, kind, def, doc) BL_OPTION_EXT(e, rule, name, kind, def, NULL, doc)
#define BL_OPTION_EXT(e, rule, name, kind, def, setting, doc) \
	{BL_R_##rule, name, kind, def, doc, setting},
#include "rules.def"
#undef BL_RULE
#undef BL_OPTION
        {0, NULL, BL_OPT_INT, NULL, NULL, NULL} /* keeps the array non-empty */
};

static const struct bl_wordlist words[] = {
#define BL_WORDS(e, sym, name, doc) {name, bl_words_##sym, doc},
#include "words.def"
#undef BL_WORDS
        {NULL, NULL, NULL}};

/* Whether a folder of path holds finished work: Backlog.md moves done
 * tasks to completed/ and retired ones to archive/. */
static bool
finished_folder(const char *path)
{
	static const char *const names[] = {"completed", "archive", NULL};
	const char *p = path, *slash;
	size_t i;

	while ((slash = strchr(p, '/')) != NULL) {
		for (i = 0; names[i] != NULL; i++)
			if ((size_t)(slash - p) == strlen(names[i]) &&
			    bl_strncaseeq(p, strlen(names[i]), names[i]))
				return true;
		p = slash + 1;
	}
	return false;
}

/* The stage of it: the category its status has in the statuses list. */
static enum bl_stage
item_stage(struct bl_ctx *ctx, const struct bl_item *it)
{
	static const char *const names[] = {"open", "ready", "started", "done"};
	const char *cat = bl_status_category(ctx, &it->status);
	size_t i;

	for (i = 0; cat != NULL && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(cat, names[i]) == 0)
			return (enum bl_stage)(BL_STAGE_OPEN + i);
	return BL_STAGE_NONE;
}

static enum bl_item_state
item_state(struct bl_ctx *ctx, const struct bl_item *it)
{
	if (it == NULL)
		return bl_ctx_path(ctx) != NULL && finished_folder(bl_ctx_path(ctx))
		               ? BL_ITEM_ARCHIVED
		               : BL_ITEM_OPEN;
	return item_stage(ctx, it) == BL_STAGE_DONE ? BL_ITEM_DONE : BL_ITEM_OPEN;
}

static bool
about_done(size_t rule)
{
	/* Done with unchecked criteria or definition of done: not accepted;
	 * done without an estimate: left out of the team's velocity. */
	return rule == BL_R_AC_UNCHECKED_DONE || rule == BL_R_DOD_UNCHECKED_DONE ||
	       rule == BL_R_ESTIMATE_MISSING;
}

/* The scorecard's legend: each letter's own family first ("value/" for
 * Valuable), then the families and the rules that also speak for it. */
static const char *const invest_order[] = {
        "deps/",         "impl/",        "value/",    "persona/", "problem/",
        "story/missing", "story/format", "estimate/", "ready/",   "size/",
        "story/atomic",  "ac/",          "success/",  "dod/",     NULL,
};

const struct bl_registry bl_registry = {
        bl_rules,    BL_R__COUNT, options,    BL_O__COUNT, words,
        BL_W__COUNT, item_state,  about_done, item_stage,  invest_order,
};
