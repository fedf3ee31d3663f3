/*
 * Private interface between the configuration's parts: the state of one
 * file's reading (lib/config_parse.c), and the checks that say what is
 * wrong with a value, at its line (lib/config_check.c). Only the first
 * error is kept.
 */
#ifndef BL_CONFIG_INT_H
#define BL_CONFIG_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "util.h"
#include "ytree.h"

/* One configuration file being read. */
struct bl_cparse {
	struct bl_config *c;
	const struct bl_engine *e; /* whose registry names rules and word lists */
	char *err;                 /* where the first error goes */
	size_t errlen;
	bool failed; /* an error is written: nothing more is */
};

/* Writes "path:line:col: error: " and the message at at to x->err, unless
 * an error is written already. */
void bl_cparse_fail(struct bl_cparse *x, const struct bl_text *at, const char *fmt, ...)
        BL_PRINTF(3, 4);
/* The closest of names to s[0, n) (for "did you mean"), or NULL. */
const char *bl_cparse_closest(const char *s, size_t n, const char *const *names, size_t count);
/* Fails on key k, unknown where (" in a persona"), naming the closest of
 * the count names it may have meant. */
void bl_cparse_unknown_key(struct bl_cparse *x, const struct bl_ynode *k, const char *where,
                           const char *const *names, size_t count);
/* The index of the rule named by k, or SIZE_MAX after an error. */
size_t bl_cparse_rule(struct bl_cparse *x, const struct bl_ynode *k);
/* The severity v names, or -1 after an error. */
int bl_cparse_severity(struct bl_cparse *x, const struct bl_ynode *v);
/* Checks the options of n rule settings against the engine's registry. */
void bl_cparse_check_options(struct bl_cparse *x, const struct bl_rule_setting *rs, size_t n);
/* Checks that the estimation scale is one backlint knows. */
void bl_cparse_check_scale(struct bl_cparse *x);
/* Checks custom rule cr, read from entry e (pattern pat, or NULL), against
 * the registry and the custom rules before it; compiles its pattern. */
void bl_cparse_check_custom(struct bl_cparse *x, struct bl_custom *cr, const struct bl_ynode *e,
                            const struct bl_ynode *pat);

#endif
