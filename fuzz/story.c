/* Fuzz target: the hand-written reader of the built-in story templates
 * and openers (lib/story_scan.c) against the pcre2 patterns it stands
 * for. The input is one sentence; any difference in the template
 * matched, in the role, means and ends, or in the opener answer aborts.
 * Past BL_STORY_SCAN_MAX bytes backlint asks pcre2 itself: only the first
 * BL_STORY_SCAN_MAX bytes of an input are read. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "rules.h"
#include "story_scan.h"
#include "textmatch.h"

static struct bl_story_parser *scan, *pcre2;

static void
cleanup(void)
{
	bl_story_parser_free(scan);
	bl_story_parser_free(pcre2);
}

static void
setup(void)
{
	char err[256];

	scan = bl_story_parser_new(bl_words_story_templates, bl_words_story_openers, err,
	                           sizeof(err));
	pcre2 = bl_story_parser_new_pcre2(bl_words_story_templates, bl_words_story_openers, err,
	                                  sizeof(err));
	if (scan == NULL || pcre2 == NULL ||
	    !bl_story_scan_builtin(bl_words_story_templates, bl_words_story_openers))
		abort();
	atexit(cleanup);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t want[6], got[6];
	int r;

	if (scan == NULL)
		setup();
	if (size > BL_STORY_SCAN_MAX)
		size = BL_STORY_SCAN_MAX;
	r = bl_story_match(pcre2, s, size, want);
	if (bl_story_match(scan, s, size, got) != r ||
	    (r >= 0 && memcmp(got, want, sizeof(want)) != 0))
		abort();
	if (bl_story_opener(scan, s, size) != bl_story_opener(pcre2, s, size))
		abort();
	return 0;
}
