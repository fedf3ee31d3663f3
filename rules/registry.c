/*
 * The registry table, expanded from rules.def so that ids, severities,
 * summaries and check functions cannot drift apart.
 */
#include "rules.h"

#define BL_CHECKS_FILE(fn) BL_SCOPE_FILE, bl_check_##fn, NULL, NULL
#define BL_CHECKS_ITEM(fn) BL_SCOPE_ITEM, NULL, bl_check_##fn, NULL
#define BL_CHECKS_BACKLOG(fn) BL_SCOPE_BACKLOG, NULL, NULL, bl_check_##fn

const struct bl_rule bl_rules[BL_R__COUNT] = {
#define BL_RULE(e, id, sev, types, scope, fn, summary) \
	{id, sev, types, summary, BL_CHECKS_##scope(fn)},
#include "rules.def"
#undef BL_RULE
};
