/*
 * Text matching with pcre2: patterns compiled once with UTF, Unicode
 * properties and (by default) caseless matching, JIT where available, and
 * match limits so that no pattern can run away. Word lists compile into
 * one alternation each. Story templates are patterns with the named
 * groups role, means and ends.
 */
#ifndef BL_TEXTMATCH_H
#define BL_TEXTMATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct bl_pattern;

#define BL_PAT_CASELESS 1u
#define BL_PAT_MULTILINE 2u

/* Compiles src; on failure returns NULL and writes a message to err. */
struct bl_pattern *bl_pattern_new(const char *src, unsigned flags, char *err, size_t errlen);
/* Compiles a word list (one entry a line, '#' comments) as one
 * alternation bounded by word edges; entries are literal text. */
struct bl_pattern *bl_pattern_words(const char *list, char *err, size_t errlen);
void bl_pattern_free(struct bl_pattern *p);

/*
 * Finds the first match of p in s[start, n). Returns 1 and sets ov[0..1]
 * to the match and ov[2k..2k+1] to group k (SIZE_MAX when unset) for
 * k < nov/2; 0 for no match; -1 when a limit was hit.
 */
int bl_pattern_match(const struct bl_pattern *p, const char *s, size_t n, size_t start, size_t *ov,
                     size_t nov);
/* The number of a named group, or -1. */
int bl_pattern_group(const struct bl_pattern *p, const char *name);

/* Story templates: patterns with named groups role, means, ends. */
struct bl_story_parser;

/* Compiles the templates in list (one pattern a line, '#' comments) and
 * the openers (patterns that show a sentence means to be a story). The
 * built-in ones are read by a scanner (lib/story_scan.h) with the same
 * answers. */
struct bl_story_parser *bl_story_parser_new(const char *templates, const char *openers, char *err,
                                            size_t errlen);
/* The same, always matching with pcre2: the scanner's reference. */
struct bl_story_parser *bl_story_parser_new_pcre2(const char *templates, const char *openers,
                                                  char *err, size_t errlen);
void bl_story_parser_free(struct bl_story_parser *sp);

/*
 * Parses the story sentence t of file f: on a template match, sets role,
 * means and ends (s NULL where a template has no such part or it is empty)
 * and returns the template's number (0-based); -1 when no template matches.
 */
int bl_story_parse(const struct bl_story_parser *sp, const struct bl_file *f,
                   const struct bl_text *t, struct bl_text *role, struct bl_text *means,
                   struct bl_text *ends);
/* bl_story_parse on s[0, n), with the parts as byte ranges: ov[0..1] the
 * role, ov[2..3] the means, ov[4..5] the ends (SIZE_MAX where unset). */
int bl_story_match(const struct bl_story_parser *sp, const char *s, size_t n, size_t ov[6]);
/* Whether s looks like it means to be a user story. */
bool bl_story_opener(const struct bl_story_parser *sp, const char *s, size_t n);
size_t bl_story_parser_count(const struct bl_story_parser *sp);

#endif
