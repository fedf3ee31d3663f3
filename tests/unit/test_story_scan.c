/*
 * Unit tests of the hand-written reader of the built-in story templates
 * (lib/story_scan.c): it is used for the built-in templates only, and it
 * gives what the pcre2 patterns give — the same template, role, means and
 * ends, the same opener answer — on sentences made to trip it (which
 * "so" ends the means, spaces given back, 'ſ' and the Kelvin sign, no-break
 * spaces, invalid UTF-8) and on every line and paragraph of the project's
 * fixtures, examples and test inputs.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rules.h"
#include "story_scan.h"
#include "textmatch.h"
#include "util.h"

static struct bl_story_parser *scan, *pcre2;

static int
setup(void **state)
{
	char err[256];

	(void)state;
	scan = bl_story_parser_new(bl_words_story_templates, bl_words_story_openers, err,
	                           sizeof(err));
	pcre2 = bl_story_parser_new_pcre2(bl_words_story_templates, bl_words_story_openers, err,
	                                  sizeof(err));
	return scan != NULL && pcre2 != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	bl_story_parser_free(scan);
	bl_story_parser_free(pcre2);
	return 0;
}

/* Whether the scanner and pcre2 read s[0, n) the same; says how when not. */
static bool
same(const char *s, size_t n)
{
	size_t want[6], got[6];
	int r = bl_story_match(pcre2, s, n, want), rs = bl_story_match(scan, s, n, got);
	bool ow = bl_story_opener(pcre2, s, n), os = bl_story_opener(scan, s, n);

	if (rs == r && (r < 0 || memcmp(got, want, sizeof(want)) == 0) && ow == os)
		return true;
	print_error("\"%.*s\": template %d, pcre2 %d; opener %d, pcre2 %d\n", (int)n, s, rs, r, os,
	            ow);
	return false;
}

/* The built-in lists are what the scanner reads; any other goes to pcre2. */
static void
test_builtin(void **state)
{
	static const char extra[] = "^\\W*we\\s+want\\s+(?<means>.+)$\n";
	struct bl_buf b = {0};
	struct bl_story_parser *own;
	char err[256];
	size_t ov[6];

	(void)state;
	assert_true(bl_story_scan_builtin(bl_words_story_templates, bl_words_story_openers));
	bl_buf_puts(&b, bl_words_story_templates);
	bl_buf_puts(&b, extra);
	assert_false(bl_story_scan_builtin(b.s, bl_words_story_openers));
	assert_false(bl_story_scan_builtin(extra, bl_words_story_openers));
	assert_false(bl_story_scan_builtin(bl_words_story_templates, "as\\s+\\w+\n"));
	/* A list with a template of the user's own still reads it. */
	own = bl_story_parser_new(b.s, bl_words_story_openers, err, sizeof(err));
	assert_non_null(own);
	assert_int_equal(bl_story_match(own, "We want tea", 11, ov), 3);
	assert_int_equal(ov[2], 8);
	bl_story_parser_free(own);
	bl_buf_free(&b);
}

struct want {
	const char *s;
	int template;
	const char *role, *means, *ends; /* NULL: none */
};

static void
check_part(const char *s, const size_t *ov, const char *want)
{
	if (want == NULL) {
		assert_int_equal(ov[0], SIZE_MAX);
		return;
	}
	assert_int_equal(ov[1] - ov[0], strlen(want));
	assert_memory_equal(s + ov[0], want, strlen(want));
}

/* Sentences whose reading turns on how the patterns choose. */
static void
test_parts(void **state)
{
	static const struct want cases[] = {
	        /* The first "so that" ends the means; the ends keep the rest. */
	        {"As a user I want x, so that y, so that z.", 0, "user", "x", "y, so that z"},
	        {"As a user I want x so so that y", 0, "user", "x", "so that y"},
	        /* "do so", "and so", "so much", "so" before nothing: no ends. */
	        {"As a user, I want to do so, so that y", 0, "user", "to do so", "y"},
	        {"As a user I want x and so y", 0, "user", "x and so y", NULL},
	        {"As a user I want x so much", 0, "user", "x so much", NULL},
	        {"As a user I want x so.", 0, "user", "x so", NULL},
	        {"As a user I want it do so that y", 0, "user", "it do", "y"},
	        /* The ends take a lone full stop rather than nothing. */
	        {"As a user I want x so that.", 0, "user", "x", "."},
	        {"As a user I want x. So that y", 0, "user", "x.", "y"},
	        /* Adverbs and contractions before the verb. */
	        {"As a user I do not want x", 0, "user", "x", NULL},
	        {"As a user I don't like x because y", 0, "user", "x", "y"},
	        {"As a user, I\xe2\x80\x99m able to y", 0, "user", "to y", NULL},
	        {"As a user I cannot x", 0, "user", "x", NULL},
	        /* Caseless: 'ſ' is an s, the Kelvin sign a k. */
	        {"As a \xc5\xbfhopper I want x \xc5\xbfo that y", 0, "\xc5\xbfhopper", "x", "y"},
	        {"As a user I li\xe2\x84\xaa"
	         "e x",
	         0, "user", "x", NULL},
	        /* A no-break space is a space. */
	        {"As a user I want x so\xc2\xa0that y", 0, "user", "x", "y"},
	        /* The space after "As" is given back to a role of one space;
	         * the article is given back to the role. */
	        {"As  want x", 0, " ", "x", NULL},
	        {"As a want to x", 0, "a", "to x", NULL},
	        {"   -- as a user: I want x; so that y", 0, "user:", "x", "y"},
	        {"As a user\nI want x\nso that y", 0, "user", "x", "y"},
	        {"As a user I want x\ny", -1, NULL, NULL, NULL},
	        {"In order to x, y, as a z, I can w.", 1, "z", "w", "x, y"},
	        {"I want x, in order to y", 2, NULL, "x", "to y"},
	        {"I want x because y", 2, NULL, "x because y", NULL},
	        {"As an user", -1, NULL, NULL, NULL},
	        {"As a user \xff I want x", -1, NULL, NULL, NULL},
	};
	size_t i, ov[6];

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct want *c = &cases[i];
		size_t n = strlen(c->s);

		if (!same(c->s, n))
			fail();
		if (bl_story_match(scan, c->s, n, ov) != c->template)
			fail_msg("\"%s\": template %d, want %d", c->s,
			         bl_story_match(scan, c->s, n, ov), c->template);
		if (c->template >= 0) {
			check_part(c->s, ov, c->role);
			check_part(c->s, ov + 2, c->means);
			check_part(c->s, ov + 4, c->ends);
		}
	}
}

static void
test_openers(void **state)
{
	static const struct {
		const char *s;
		bool opens;
	} cases[] = {
	        {"As a user", true},
	        {"**As an admin", true},
	        {"**As an** admin", false},
	        {"As admins, we", true},
	        {"As admins we", false},
	        {"In order to x, y\n, as a", false},
	        {"In order to x, y, as a", true},
	        {"In order to x\n, as a", false},
	        {"In order to x,\n as\ta", true},
	        {"I want to x so that y", true},
	        {"I want to x\nso that y", false},
	        {"I want to x also that", false},
	        {"I want to \xff so that", false},
	        {"\xff"
	         "As a user",
	         false},
	        {"As a\xe2\x80\x83user", true},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = strlen(cases[i].s);

		if (!same(cases[i].s, n))
			fail();
		if (bl_story_opener(scan, cases[i].s, n) != cases[i].opens)
			fail_msg("\"%s\": opener %d", cases[i].s, !cases[i].opens);
	}
}

static size_t texts_read;
static bool texts_differ;

/* Each line of a file (as it is, and without list and heading marks),
 * each two lines together and each paragraph, read both ways; the story
 * fuzzer's seeds whole. */
static int
compare_file(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *ext = strrchr(path, '.');
	struct bl_buf b = {0};
	FILE *in;
	size_t i, line = 0, prev = 0, para = 0;

	bool seed = strstr(path, "/corpus/story/") != NULL;

	(void)ftw;
	if (type != FTW_F || st->st_size > (1 << 20) ||
	    (!seed && (ext == NULL || (strcmp(ext, ".md") != 0 && strcmp(ext, ".yml") != 0 &&
	                               strcmp(ext, ".txt") != 0))))
		return 0;
	if ((in = fopen(path, "rb")) == NULL)
		return 0;
	assert_true(bl_buf_read(&b, in));
	fclose(in);
	/* pcre2's JIT may read past a subject that ends the buffer (when
	 * stopped at its match limit): the bytes after it are set. */
	if (b.s != NULL)
		memset(b.s + b.len, 0, b.cap - b.len);
	if (seed)
		texts_differ |= !same(b.s ? b.s : "", b.len);
	for (i = 0; i <= b.len; i++) {
		size_t k;

		if (i < b.len && b.s[i] != '\n')
			continue;
		k = line;
		while (k < i && strchr(" \t-*#>", b.s[k]) != NULL)
			k++;
		texts_differ |= !same(b.s + line, i - line) || !same(b.s + k, i - k) ||
		                !same(b.s + prev, i - prev);
		if (i == line) {
			texts_differ |= !same(b.s + para, i - para);
			para = i + 1;
		}
		texts_read++;
		prev = line;
		line = i + 1;
	}
	bl_buf_free(&b);
	return 0;
}

static void
test_project_text(void **state)
{
	(void)state;
	texts_read = 0;
	texts_differ = false;
	nftw(BL_SOURCE_DIR "/fixtures", compare_file, 16, FTW_PHYS);
	nftw(BL_SOURCE_DIR "/examples", compare_file, 16, FTW_PHYS);
	nftw(BL_SOURCE_DIR "/tests", compare_file, 16, FTW_PHYS);
	nftw(BL_SOURCE_DIR "/fuzz/corpus", compare_file, 16, FTW_PHYS);
	assert_false(texts_differ);
	if (texts_read < 5000)
		fail_msg("only %zu lines read", texts_read);
}

/* A sentence the scanner hands back (longer than it reads) is read by the
 * built-in templates' pcre2 form, compiled then: the same answer. */
static void
test_fallback(void **state)
{
	struct bl_buf b = {0};
	size_t want[6], got[6];

	(void)state;
	assert_int_equal(bl_story_parser_count(scan), bl_story_parser_count(pcre2));
	bl_buf_puts(&b, "As a librarian, I want to see");
	while (b.len <= BL_STORY_SCAN_MAX)
		bl_buf_puts(&b, " every overdue loan");
	bl_buf_puts(&b, ", so that I can call the members who hold them.");
	assert_int_equal(bl_story_match(scan, b.s, b.len, got), 0);
	assert_int_equal(bl_story_match(pcre2, b.s, b.len, want), 0);
	assert_memory_equal(got, want, sizeof(want));
	assert_int_equal(got[0], 5); /* the role, "librarian" */
	assert_true(bl_story_opener(scan, b.s, b.len));
	bl_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_builtin),  cmocka_unit_test(test_parts),
	        cmocka_unit_test(test_openers),  cmocka_unit_test(test_project_text),
	        cmocka_unit_test(test_fallback),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
