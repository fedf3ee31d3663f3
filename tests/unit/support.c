#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "rules.h"
#include "support.h"

struct bl_story_parser *bl_test_parser;

int
bl_test_setup(void **state)
{
	char err[256];

	(void)state;
	bl_test_parser = bl_story_parser_new(bl_words_story_templates, bl_words_story_openers, err,
	                                     sizeof(err));
	if (bl_test_parser == NULL) {
		fprintf(stderr, "story parser: %s\n", err);
		return -1;
	}
	return 0;
}

int
bl_test_teardown(void **state)
{
	(void)state;
	bl_story_parser_free(bl_test_parser);
	bl_test_parser = NULL;
	return 0;
}

struct bl_file *
bl_test_load(const char *path, const char *data, size_t len, bool explicit_file)
{
	struct bl_load_opts opts;
	struct bl_file *f;

	memset(&opts, 0, sizeof(opts));
	opts.stories = bl_test_parser;
	opts.explicit_file = explicit_file;
	f = bl_load_buffer(path, data, len, &opts);
	assert_non_null(f);
	return f;
}
