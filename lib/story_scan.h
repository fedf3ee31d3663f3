/*
 * The built-in story templates and openers (rules/words/story-templates.txt
 * and story-openers.txt) read by hand instead of by pcre2: the same
 * template, the same role, means and ends and the same opener answer as
 * the patterns give, at a small part of their cost. Templates a caller
 * writes itself still go to pcre2 (lib/textmatch.c).
 */
#ifndef BL_STORY_SCAN_H
#define BL_STORY_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/* Longer sentences go to pcre2: past this, pcre2's match limit may stop a
 * pattern before its answer, and only pcre2 knows where it stops. */
#define BL_STORY_SCAN_MAX 512

struct bl_story_scan;

/* Whether templates and openers (lists as bl_story_parser_new takes them)
 * are the built-in ones, pattern for pattern, which the scanner reads. */
bool bl_story_scan_builtin(const char *templates, const char *openers);
struct bl_story_scan *bl_story_scan_new(void);
void bl_story_scan_free(struct bl_story_scan *sc);

/* What bl_story_scan_parse returns for a sentence on which pcre2 may stop
 * at its match limit: ask pcre2. */
#define BL_STORY_SCAN_HARD (-2)

/*
 * Matches s[0, n) (n <= BL_STORY_SCAN_MAX) against the built-in templates
 * in order. Returns the template's number, -1 or BL_STORY_SCAN_HARD; on a
 * match ov[0..5] are the byte ranges of role, means and ends (SIZE_MAX
 * where unset).
 */
int bl_story_scan_parse(const struct bl_story_scan *sc, const char *s, size_t n, size_t ov[6]);
/* Whether s[0, n) (n <= BL_STORY_SCAN_MAX) opens as a built-in opener. */
bool bl_story_scan_opener(const struct bl_story_scan *sc, const char *s, size_t n);

#endif
