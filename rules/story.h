/*
 * The story family's own helpers: words and places of the story sentence
 * that several of rules/story*.c read (story.c defines them).
 */
#ifndef BL_RULES_STORY_H
#define BL_RULES_STORY_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"

/* Whether w is a subject pronoun ("i", "we", "they"...). */
bool bl_story_subject(const char *w);

/* Whether w is a modal or an auxiliary ("can", "is", "has", "get"...). */
bool bl_story_auxiliary(const char *w);

/* Whether token i of tk starts a list of examples ("such as", "including",
 * "like" before a noun). */
bool bl_story_example_start(const struct bl_tokens *tk, size_t i);

/* Whether m->s[from, to) holds a comma or a semicolon. */
bool bl_story_comma_between(const struct bl_text *m, size_t from, size_t to);

/* "US-3 (path:line)", or "the story at path:line", in the scratch arena:
 * how a finding names the other story of a pair. */
const char *bl_story_where(struct bl_ctx *ctx, const struct bl_summary *s);

/* Appends the content key of text t (its content words) to k; returns
 * how many words it has (0 for no text). */
size_t bl_story_text_key(struct bl_ctx *ctx, const struct bl_text *t, struct bl_buf *k);

#endif
