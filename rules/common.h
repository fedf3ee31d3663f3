/*
 * Helpers shared by the rule families.
 */
#ifndef BL_RULES_COMMON_H
#define BL_RULES_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"

/* A hash table of the backlog's item ids (open addressing). */
struct bl_idtab {
	size_t *slot; /* item index + 1, 0 when empty */
	size_t cap;
};

/* Builds the table (free t->slot after); calls dup(arg, i, first) for
 * each item i whose id an earlier item first already has. */
void bl_idtab_build(struct bl_idtab *t, const struct bl_backlog *b,
                    void (*dup)(void *, size_t, size_t), void *arg);
/* The index of the first item with id, or SIZE_MAX. */
size_t bl_idtab_find(const struct bl_idtab *t, const struct bl_backlog *b, const char *id);
/* Whether id is in the table. */
bool bl_idtab_has(const struct bl_idtab *t, const struct bl_backlog *b, const char *id);

/* A crude English stem of a lower-cased word (plural and verb endings
 * dropped), written to out (at least n + 1 bytes); returns its length. */
size_t bl_stem(const char *w, size_t n, char *out);

/*
 * The content of s[0, n) as a key: its words lower-cased and stemmed,
 * without the stopwords word list, joined by single spaces, appended to
 * b. Returns the number of content words.
 */
struct bl_buf;
size_t bl_content_key(struct bl_ctx *ctx, const char *s, size_t n, struct bl_buf *b);

#endif
