/*
 * The built-in rules: the enum of rule numbers and the registry table,
 * both expanded from rules.def, and the embedded word lists.
 */
#ifndef BL_RULES_H
#define BL_RULES_H

#include <stddef.h>

#include "engine.h"

enum bl_rule_id {
#define BL_RULE(e, id, sev, types, scope, fn, summary) BL_R_##e,
#include "rules.def"
#undef BL_RULE
	BL_R__COUNT
};

extern const struct bl_rule bl_rules[BL_R__COUNT];

/* Embedded word lists (rules/words/), NUL-terminated. */
extern const char bl_words_story_templates[];
extern const char bl_words_story_openers[];

/* Check functions, one per rule, typed by the rule's scope. */
#define BL_PROTO_FILE(fn) void bl_check_##fn(struct bl_ctx *, const struct bl_file *);
#define BL_PROTO_ITEM(fn) void bl_check_##fn(struct bl_ctx *, const struct bl_item *);
#define BL_PROTO_BACKLOG(fn) void bl_check_##fn(struct bl_ctx *, const struct bl_backlog *);
#define BL_RULE(e, id, sev, types, scope, fn, summary) BL_PROTO_##scope(fn)
#include "rules.def"
#undef BL_RULE

#endif
