/*
 * Unit tests of the story-sentence parser with the embedded templates:
 * each sentence is parsed as a story-list line and its role, means and
 * ends are checked, with their columns, against values worked out by
 * hand. Covers the templates teams use ("As a/an/the", "I want/need/can/
 * would like", "so that/so/in order to", "In order to ..., as a ..."),
 * multi-word roles and roles with "&" or "/" in them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

struct want {
	const char *line;
	int template;     /* -1: no template matches */
	const char *role; /* NULL: none */
	const char *means;
	const char *ends;
};

static void
check_part(const struct bl_text *t, const char *line, const char *want)
{
	if (want == NULL) {
		assert_null(t->s);
		return;
	}
	assert_non_null(t->s);
	assert_int_equal(t->len, strlen(want));
	assert_memory_equal(t->s, want, t->len);
	/* The span is the part's place in the line (1-based columns). */
	assert_int_equal(t->span.line, 1);
	assert_int_equal(t->span.col, (uint32_t)(strstr(line, want) - line) + 1);
	assert_int_equal(t->span.end_col, t->span.col + t->len - 1);
}

static void
test_templates(void **state)
{
	static const struct want cases[] = {
	        {"As a member, I want to renew a loan, so that I keep the book.", 0, "member",
	         "to renew a loan", "I keep the book"},
	        {"As an R&D manager, I need a monthly report so I can plan the budget", 0,
	         "R&D manager", "a monthly report", "I can plan the budget"},
	        {"As the QA/test lead, I would like nightly builds in order to test early.", 0,
	         "QA/test lead", "nightly builds", "to test early"},
	        {"As a repository manager I can delete records", 0, "repository manager",
	         "delete records", NULL},
	        {"As a Bibliothécaire, I want to catalogue a book, so that members find it.", 0,
	         "Bibliothécaire", "to catalogue a book", "members find it"},
	        {"As branch managers, we want weekly loan counts, so that we can staff the desk.",
	         0, "branch managers", "weekly loan counts", "we can staff the desk"},
	        {"In order to plan my visit, as a member, I want to see opening hours.", 1,
	         "member", "to see opening hours", "plan my visit"},
	        {"I want to export my loans, so that I can keep a record.", 2, NULL,
	         "to export my loans", "I can keep a record"},
	        {"Members should be able to renew loans online.", -1, NULL, NULL, NULL},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct want *c = &cases[i];
		struct bl_file *f = bl_test_load("stories.txt", c->line, strlen(c->line), true);

		assert_int_equal(f->nitems, 1);
		if (f->items[0].story_template != c->template)
			fail_msg("\"%s\": template %d, want %d", c->line,
			         f->items[0].story_template, c->template);
		if (c->template >= 0) {
			check_part(&f->items[0].role, c->line, c->role);
			check_part(&f->items[0].means, c->line, c->means);
			check_part(&f->items[0].ends, c->line, c->ends);
		}
		bl_file_free(f);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_templates),
	};

	return cmocka_run_group_tests(tests, bl_test_setup, bl_test_teardown);
}
