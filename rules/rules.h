/*
 * The built-in rules: the enums of rules, options and word lists, and the
 * registry, all expanded from rules.def and words.def; the embedded word
 * lists and rule documentation.
 */
#ifndef BL_RULES_H
#define BL_RULES_H

#include <stddef.h>
#include <stdio.h>

#include "engine.h"
#include "words.h"

enum bl_rule_id {
#define BL_RULE(e, id, sev, invest, types, scope, fn, summary) BL_R_##e,
#define BL_OPTION(e, rule, name, kind, def, doc)
#include "rules.def"
#undef BL_RULE
#undef BL_OPTION
	BL_R__COUNT
};

enum bl_option_id {
#define BL_RULE(e, id, sev, invest, types, scope, fn, summary)
#define BL_OPTION(e, rule, name, kind, def, doc) BL_O_##e,
#include "rules.def"
#undef BL_RULE
#undef BL_OPTION
	BL_O__COUNT
};

enum bl_words_id {
#define BL_WORDS(e, sym, name, doc) BL_W_##e,
#include "words.def"
#undef BL_WORDS
	BL_W__COUNT
};

/* The built-in registry: every rule, option and word list. */
extern const struct bl_registry bl_registry;
extern const struct bl_rule bl_rules[BL_R__COUNT];

/* Embedded word lists (rules/words/), NUL-terminated. */
extern const char bl_words_story_templates[];
extern const char bl_words_story_openers[];
#define BL_WORDS(e, sym, name, doc) extern const char bl_words_##sym[];
#include "words.def"
#undef BL_WORDS

/*
 * Rule documentation (rules/doc/FAMILY.md): the rationale and examples of
 * rule id, without its heading; NULL when it has none.
 */
const char *bl_rule_doc(const char *id, size_t *len);
/* Appends rule's documentation (markdown): summary, severity, item types,
 * rationale, examples and options. */
void bl_rule_explain(struct bl_buf *b, size_t rule);
/* Appends the documentation of every rule: docs/rules.md. */
void bl_rules_markdown(struct bl_buf *b);
/* --list-rules: each rule with its default severity and summary. */
int bl_rules_list(FILE *out);
/* --explain ID: rule id's documentation, or every rule's for "all"; 2
 * after saying so when there is no such rule. */
int bl_rules_explain_id(const char *id, FILE *out);

/* Check functions, one per rule, typed by the rule's scope. */
#define BL_PROTO_FILE(fn) void bl_check_##fn(struct bl_ctx *, const struct bl_file *);
#define BL_PROTO_ITEM(fn) void bl_check_##fn(struct bl_ctx *, const struct bl_item *);
#define BL_PROTO_BACKLOG(fn) void bl_check_##fn(struct bl_ctx *, const struct bl_backlog *);
#define BL_PROTO_BACKLOG_KEPT(fn)                                   \
	void bl_keep_##fn(struct bl_ctx *, const struct bl_item *); \
	BL_PROTO_BACKLOG(fn)
#define BL_PROTO_FILE_KEPT BL_PROTO_BACKLOG_KEPT
#define BL_RULE(e, id, sev, invest, types, scope, fn, summary) BL_PROTO_##scope(fn)
#define BL_OPTION(e, rule, name, kind, def, doc)
#include "rules.def"
#undef BL_RULE
#undef BL_OPTION

#endif
