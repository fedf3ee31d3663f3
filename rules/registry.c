/*
 * The registry tables, expanded from rules.def and words.def so that ids,
 * severities, options, summaries and check functions cannot drift apart.
 */
#include "rules.h"

#define BL_CHECKS_FILE(fn) BL_SCOPE_FILE, bl_check_##fn, NULL, NULL, NULL, NULL
#define BL_CHECKS_ITEM(fn) BL_SCOPE_ITEM, NULL, bl_check_##fn, NULL, NULL, NULL
#define BL_CHECKS_BACKLOG(fn) BL_SCOPE_BACKLOG, NULL, NULL, bl_check_##fn, NULL, NULL
/* A backlog rule that first keeps values from each item (bl_ctx_keep). */
#define BL_CHECKS_BACKLOG_KEPT(fn) BL_SCOPE_BACKLOG, NULL, bl_keep_##fn, bl_check_##fn, NULL, NULL
/* An item rule that keeps values from each item, then reads them for the
 * whole file (what other items of the file hold). */
#define BL_CHECKS_FILE_KEPT(fn) BL_SCOPE_ITEM, NULL, bl_keep_##fn, NULL, NULL, bl_check_##fn

const struct bl_rule bl_rules[BL_R__COUNT] = {
#define BL_RULE(e, id, sev, types, scope, fn, summary) \
	{id, sev, types, summary, BL_CHECKS_##scope(fn)},
#define BL_OPTION(e, rule, name, kind, def, doc)
#include "rules.def"
#undef BL_RULE
#undef BL_OPTION
};

static const struct bl_option options[] = {
#define BL_RULE(e, id, sev, types, scope, fn, summary)
#define BL_OPTION(e, rule, name, kind, def, doc) {BL_R_##rule, name, kind, def, doc},
#include "rules.def"
#undef BL_RULE
#undef BL_OPTION
        {0, NULL, BL_OPT_INT, NULL, NULL} /* keeps the array non-empty */
};

static const struct bl_wordlist words[] = {
#define BL_WORDS(e, sym, name, doc) {name, bl_words_##sym, doc},
#include "words.def"
#undef BL_WORDS
        {NULL, NULL, NULL}};

const struct bl_registry bl_registry = {
        bl_rules, BL_R__COUNT, options, BL_O__COUNT, words, BL_W__COUNT,
};
