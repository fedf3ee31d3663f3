/*
 * Unit tests of inline suppression: the directive parser (lib/suppress.c)
 * over files loaded from buffers in every form that carries directives —
 * markdown comments (ranges, next-line over blank and comment lines,
 * same-line, whole-file, fenced code and code spans ignored), YAML comments
 * (trailing, whole-line, ranges, quoted and block scalars ignored), front
 * matter comments and keys, an item's backlint key in YAML (its lines less
 * its nested items), family prefixes, CRLF line breaks and malformed
 * directives — and the engine applying the table: file and backlog-wide
 * findings dropped, unused directives reported on request.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

#include "engine.h"
#include "load.h"
#include "model.h"
#include "rules.h"
#include "suppress.h"

#define LOAD(path, lit) bl_test_load((path), (lit), sizeof(lit) - 1, true)

/* Whether a finding of id at line would be dropped. */
static bool
covered(struct bl_suppress *s, uint32_t line, const char *id)
{
	return bl_suppress_match(s, line, id);
}

/* The name of directive d, number i, as written. */
static const char *
name_of(const struct bl_suppress *s, size_t d, size_t i)
{
	return bl_sup_str(s, s->names[s->dirs[d].name0 + i].text);
}

static void
test_markdown_forms(void **state)
{
	static const char md[] =
	        "# Loans\n"                                                               /* 1 */
	        "\n"                                                                      /* 2 */
	        "<!-- backlint-disable-next-line story/atomic value/missing -->\n"        /* 3 */
	        "\n"                                                                      /* 4 */
	        "<!-- backlint-disable-next-line story -->\n"                             /* 5 */
	        "As a member, I want to renew and pay, so that I keep it.\n"              /* 6 */
	        "Text <!-- backlint-disable-line deps/* -->\n"                            /* 7 */
	        "<!-- backlint-disable persona -->\n"                                     /* 8 */
	        "line nine\n"                                                             /* 9 */
	        "<!-- backlint-enable -->\n"                                              /* 10 */
	        "line eleven\n"                                                           /* 11 */
	        "<!-- backlint-disable-file backlog/placeholder -- kept on purpose -->\n" /* 12 */
	        "end\n";                                                                  /* 13 */
	struct bl_file *f = LOAD("doc.md", md);
	struct bl_suppress *s = bl_suppress_parse(f);

	(void)state;
	assert_non_null(s);
	assert_int_equal(s->ndirs, 6);
	assert_int_equal(s->nbad, 0);

	/* Next-line over a blank line and a stacked directive: line 6. */
	assert_int_equal(s->dirs[0].kind, BL_SUP_NEXT_LINE);
	assert_int_equal(s->dirs[0].first, 6);
	assert_int_equal(s->dirs[0].last, 6);
	assert_int_equal(s->dirs[0].nnames, 2);
	assert_string_equal(name_of(s, 0, 0), "story/atomic");
	assert_string_equal(name_of(s, 0, 1), "value/missing");
	assert_int_equal(s->dirs[0].span.line, 3);
	assert_int_equal(s->dirs[0].span.col, 1);
	assert_int_equal(s->names[s->dirs[0].name0].span.line, 3);
	assert_int_equal(s->names[s->dirs[0].name0].span.col, 33);
	assert_int_equal(s->dirs[1].first, 6);
	assert_true(s->names[s->dirs[1].name0].family);

	/* Same line; a family with a slash and a star. */
	assert_int_equal(s->dirs[2].kind, BL_SUP_LINE);
	assert_int_equal(s->dirs[2].first, 7);
	assert_true(s->names[s->dirs[2].name0].family);
	assert_string_equal(bl_sup_str(s, s->names[s->dirs[2].name0].key), "deps");

	/* A range ended by an enable of every rule. */
	assert_int_equal(s->dirs[3].kind, BL_SUP_DISABLE);
	assert_int_equal(s->dirs[3].first, 8);
	assert_int_equal(s->dirs[3].last, 9);
	assert_int_equal(s->dirs[4].kind, BL_SUP_ENABLE);
	assert_true(s->names[s->dirs[4].name0].every);

	/* The whole file; "-- why" is not a rule name. */
	assert_int_equal(s->dirs[5].kind, BL_SUP_FILE);
	assert_int_equal(s->dirs[5].first, 1);
	assert_int_equal(s->dirs[5].last, 14);
	assert_int_equal(s->dirs[5].nnames, 1);
	bl_suppress_free(s);
	bl_file_free(f);
}

static void
test_markdown_matching(void **state)
{
	static const char md[] =
	        "# Loans\n"                                                     /* 1 */
	        "<!-- backlint-disable-next-line story -->\n"                   /* 2 */
	        "As a member, I want to renew, so that I keep it.\n"            /* 3 */
	        "Text <!-- backlint-disable-line deps/* -->\n"                  /* 4 */
	        "<!-- backlint-disable persona value/missing -->\n"             /* 5 */
	        "six\n"                                                         /* 6 */
	        "<!-- backlint-enable value/missing -->\n"                      /* 7 */
	        "eight\n"                                                       /* 8 */
	        "<!-- backlint-enable persona -->\n"                            /* 9 */
	        "ten\n"                                                         /* 10 */
	        "<!-- backlint-disable -->\n"                                   /* 11 */
	        "<!-- backlint-enable story/atomic -->\n"                       /* 12 */
	        "thirteen\n"                                                    /* 13 */
	        "<!-- backlint-disable-file backlog/placeholder -- kept -->\n"; /* 14 */
	struct bl_file *f = LOAD("doc.md", md);
	struct bl_suppress *s = bl_suppress_parse(f);

	(void)state;
	assert_non_null(s);
	assert_true(covered(s, 3, "story/atomic"));
	assert_true(covered(s, 3, "story/format"));
	assert_false(covered(s, 3, "value/missing"));
	assert_false(covered(s, 2, "story/atomic"));
	assert_false(covered(s, 4, "storyx/atomic")); /* a family is a whole word */
	assert_true(covered(s, 4, "deps/unknown"));
	assert_false(covered(s, 5 - 1, "deps2/x"));
	assert_false(covered(s, 3, "deps/unknown"));
	/* persona until line 9, value/missing until line 7. */
	assert_true(covered(s, 6, "persona/generic"));
	assert_true(covered(s, 6, "value/missing"));
	assert_true(covered(s, 8, "persona/generic"));
	assert_false(covered(s, 8, "value/missing"));
	assert_false(covered(s, 10, "persona/generic"));
	assert_false(covered(s, 4, "persona/generic"));
	/* Every rule from 11 but story/atomic from 12. */
	assert_true(covered(s, 13, "value/missing"));
	assert_true(covered(s, 13, "story/format"));
	assert_false(covered(s, 13, "story/atomic"));
	assert_true(covered(s, 11, "story/atomic"));
	/* The whole file, lines before the directive included. */
	assert_true(covered(s, 1, "backlog/placeholder"));
	assert_false(covered(s, 1, "backlog/placeholders"));
	assert_false(covered(s, 0, "backlog/placeholder"));
	bl_suppress_free(s);
	bl_file_free(f);
}

/* Comments in fenced code and code spans are text, not directives. */
static void
test_markdown_code(void **state)
{
	static const char md[] = "# Notes\n"                                                 /* 1 */
	                         "```markdown\n"                                             /* 2 */
	                         "<!-- backlint-disable-file -->\n"                          /* 3 */
	                         "```\n"                                                     /* 4 */
	                         "Write `<!-- backlint-disable-line x -->` to silence it.\n" /* 5 */
	                         "~~~~\n"                                                    /* 6 */
	                         "<!-- backlint-disable -->\n"                               /* 7 */
	                         "~~~\n"                                                     /* 8 */
	                         "~~~~\n"                                                    /* 9 */
	                         "<!--\n"                                                  /* 10 */
	                         "  backlint-disable-next-line\n"                          /* 11 */
	                         "  story/atomic\n"                                        /* 12 */
	                         "-->\n"                                                   /* 13 */
	                         "As a member, I want it, so that I have it.\n"            /* 14 */
	                         "<!-- a note --> <!-- backlint-disable-line value -->\n"; /* 15 */
	struct bl_file *f = LOAD("notes.md", md);
	struct bl_suppress *s = bl_suppress_parse(f);

	(void)state;
	assert_non_null(s);
	assert_int_equal(s->ndirs, 2);
	/* A comment over several lines: the next line after its end. */
	assert_int_equal(s->dirs[0].kind, BL_SUP_NEXT_LINE);
	assert_int_equal(s->dirs[0].first, 14);
	assert_int_equal(s->names[s->dirs[0].name0].span.line, 12);
	assert_int_equal(s->dirs[1].kind, BL_SUP_LINE);
	assert_int_equal(s->dirs[1].first, 15);
	assert_false(covered(s, 3, "story/atomic"));
	bl_suppress_free(s);
	bl_file_free(f);

	/* No directive at all: no table. */
	f = LOAD("plain.md", "# Plain\n\n<!-- SECTION:DESCRIPTION:BEGIN -->\nText\n");
	assert_null(bl_suppress_parse(f));
	bl_file_free(f);
}

static void
test_yaml_comments(void **state)
{
	static const char yml[] =
	        "# backlint-disable-line backlog/missing-title\n"              /* 1 */
	        "stories:\n"                                                   /* 2 */
	        "  - id: US-1  # backlint-disable-line backlog/duplicate-id\n" /* 3 */
	        "    title: \"Pay # backlint-disable-line nothing\"\n"         /* 4 */
	        "    description: |\n"                                         /* 5 */
	        "      # backlint-disable-file\n"                              /* 6 */
	        "      text\n"                                                 /* 7 */
	        "    # backlint-disable-next-line deps\n"                      /* 8 */
	        "\n"                                                           /* 9 */
	        "    # a note\n"                                               /* 10 */
	        "    depends_on: [US-9]\n"                                     /* 11 */
	        "  # backlint-disable story/atomic, story/format\n"            /* 12 */
	        "  - id: US-2\n"                                               /* 13 */
	        "    title: it's # backlint-disable-line value/missing\n"      /* 14 */
	        "  # backlint-enable story\n"                                  /* 15 */
	        "  - id: US-3\n";                                              /* 16 */
	struct bl_file *f = LOAD("b.yml", yml);
	struct bl_suppress *s = bl_suppress_parse(f);

	(void)state;
	assert_non_null(s);
	assert_int_equal(s->ndirs, 6);
	/* A whole-line disable-line covers the next line. */
	assert_int_equal(s->dirs[0].kind, BL_SUP_LINE);
	assert_int_equal(s->dirs[0].first, 2);
	/* A trailing one its own. */
	assert_int_equal(s->dirs[1].first, 3);
	assert_int_equal(s->dirs[1].span.col, 15);
	/* Not in a quoted scalar nor in a block scalar; next-line passes
	 * blank and comment lines. */
	assert_int_equal(s->dirs[2].kind, BL_SUP_NEXT_LINE);
	assert_int_equal(s->dirs[2].first, 11);
	/* Commas between names. */
	assert_int_equal(s->dirs[3].kind, BL_SUP_DISABLE);
	assert_int_equal(s->dirs[3].nnames, 2);
	assert_string_equal(name_of(s, 3, 1), "story/format");
	assert_int_equal(s->dirs[3].last, 14);
	/* A plain scalar with a quote inside, then a comment. */
	assert_int_equal(s->dirs[4].first, 14);
	assert_string_equal(name_of(s, 4, 0), "value/missing");

	assert_true(covered(s, 2, "backlog/missing-title"));
	assert_true(covered(s, 3, "backlog/duplicate-id"));
	assert_true(covered(s, 11, "deps/unknown"));
	assert_true(covered(s, 13, "story/atomic"));
	assert_true(covered(s, 14, "story/format"));
	assert_false(covered(s, 16, "story/atomic"));
	assert_false(covered(s, 7, "story/atomic"));
	bl_suppress_free(s);
	bl_file_free(f);
}

/* An item's key covers its own lines, not the items nested in it. */
static void
test_yaml_item_key(void **state)
{
	static const char yml[] =
	        "epics:\n"                                                   /* 1 */
	        "  - id: EP-1\n"                                             /* 2 */
	        "    title: Loans\n"                                         /* 3 */
	        "    backlint: {disable: [backlog/placeholder, \"deps\"]}\n" /* 4 */
	        "    stories:\n"                                             /* 5 */
	        "      - id: US-1\n"                                         /* 6 */
	        "        title: Renew\n"                                     /* 7 */
	        "        backlint:\n"                                        /* 8 */
	        "          disable:\n"                                       /* 9 */
	        "            - story/atomic\n"                               /* 10 */
	        "            - value/missing\n"                              /* 11 */
	        "      - id: US-2\n"                                         /* 12 */
	        "        title: Pay\n"                                       /* 13 */
	        "        backlint: {disable: story}\n"                       /* 14 */
	        "        depends_on: [US-1]\n"                               /* 15 */
	        "    priority: 1\n"                                          /* 16 */
	        "  - id: EP-2\n"                                             /* 17 */
	        "    title: Fines\n";                                        /* 18 */
	struct bl_file *f = LOAD("epics.yml", yml);
	struct bl_suppress *s = bl_suppress_parse(f);
	size_t i;

	(void)state;
	assert_int_equal(f->nitems, 4);
	assert_non_null(s);
	assert_int_equal(s->nbad, 0);
	/* EP-1: lines 2-5 and 16, around its stories. */
	for (i = 0; i < s->ndirs; i++)
		assert_int_equal(s->dirs[i].kind, BL_SUP_ITEM);
	assert_int_equal(s->ndirs, 4);
	assert_int_equal(s->dirs[0].first, 2);
	assert_int_equal(s->dirs[0].last, 5);
	assert_int_equal(s->dirs[1].first, 16);
	assert_int_equal(s->dirs[1].last, 16);
	assert_int_equal(s->dirs[0].nnames, 2);
	assert_string_equal(name_of(s, 0, 1), "deps");
	assert_int_equal(s->dirs[2].first, 6);
	assert_int_equal(s->dirs[2].last, 11);
	assert_string_equal(name_of(s, 2, 1), "value/missing");
	assert_int_equal(s->names[s->dirs[2].name0 + 1].span.line, 11);
	assert_int_equal(s->dirs[3].first, 12);
	assert_int_equal(s->dirs[3].last, 15);

	assert_true(covered(s, 3, "backlog/placeholder"));
	assert_true(covered(s, 16, "deps/cycle"));
	assert_false(covered(s, 7, "backlog/placeholder"));
	assert_true(covered(s, 7, "story/atomic"));
	assert_false(covered(s, 13, "value/missing"));
	assert_true(covered(s, 15, "story/format"));
	assert_false(covered(s, 15, "deps/unknown"));
	assert_false(covered(s, 18, "deps/unknown"));
	bl_suppress_free(s);
	bl_file_free(f);
}

/* Front matter: comments, and the key for the whole file. */
static void
test_front_matter(void **state)
{
	static const char md[] =
	        "---\n"                                                           /* 1 */
	        "id: US-7\n"                                                      /* 2 */
	        "status: doing  # backlint-disable-line backlog/unknown-status\n" /* 3 */
	        "backlint: {disable: [story/atomic]}\n"                           /* 4 */
	        "---\n"                                                           /* 5 */
	        "\n"                                                              /* 6 */
	        "As a member, I want to renew and pay, so that I keep it.\n"      /* 7 */
	        "# backlint-disable-line value/missing\n";                        /* 8 */
	struct bl_file *f = LOAD("task-7.md", md);
	struct bl_suppress *s = bl_suppress_parse(f);

	(void)state;
	assert_int_equal(f->nitems, 1);
	assert_non_null(s);
	/* Line 8 is markdown (a heading), not a YAML comment. */
	assert_int_equal(s->ndirs, 2);
	assert_int_equal(s->dirs[0].kind, BL_SUP_LINE);
	assert_int_equal(s->dirs[0].first, 3);
	assert_int_equal(s->dirs[1].kind, BL_SUP_ITEM);
	assert_int_equal(s->dirs[1].first, 1);
	assert_int_equal(s->dirs[1].last, f->nlines);
	assert_true(covered(s, 7, "story/atomic"));
	assert_true(covered(s, 3, "backlog/unknown-status"));
	assert_false(covered(s, 8, "value/missing"));
	bl_suppress_free(s);
	bl_file_free(f);
}

static void
test_crlf(void **state)
{
	static const char md[] =
	        "# Loans\r\n"                                                  /* 1 */
	        "<!-- backlint-disable-next-line story/atomic -->\r\n"         /* 2 */
	        "\r\n"                                                         /* 3 */
	        "As a member, I want to renew and pay, so that I keep it.\r\n" /* 4 */
	        "x <!-- backlint-disable-line value -->\r\n";                  /* 5 */
	static const char yml[] = "- id: US-1 # backlint-disable-line backlog/duplicate-id\r\n"
	                          "  # backlint-disable-next-line deps/unknown\r\n"
	                          "\r\n"
	                          "  depends_on: [US-9]\r\n"
	                          "  backlint: {disable: [story/format]}\r\n";
	struct bl_file *f = LOAD("crlf.md", md);
	struct bl_suppress *s = bl_suppress_parse(f);

	(void)state;
	assert_non_null(s);
	assert_int_equal(s->ndirs, 2);
	assert_int_equal(s->dirs[0].first, 4);
	assert_int_equal(s->dirs[1].first, 5);
	assert_string_equal(name_of(s, 1, 0), "value");
	assert_true(covered(s, 4, "story/atomic"));
	bl_suppress_free(s);
	bl_file_free(f);

	f = LOAD("crlf.yml", yml);
	s = bl_suppress_parse(f);
	assert_non_null(s);
	assert_int_equal(s->ndirs, 3);
	assert_string_equal(name_of(s, 0, 0), "backlog/duplicate-id");
	assert_int_equal(s->dirs[1].first, 4);
	assert_string_equal(name_of(s, 1, 0), "deps/unknown");
	assert_string_equal(name_of(s, 2, 0), "story/format");
	assert_int_equal(s->dirs[2].first, 1);
	assert_int_equal(s->dirs[2].last, 5);
	assert_true(covered(s, 1, "backlog/duplicate-id"));
	assert_true(covered(s, 4, "deps/unknown"));
	assert_true(covered(s, 2, "story/format"));
	bl_suppress_free(s);
	bl_file_free(f);
}

static void
test_malformed(void **state)
{
	static const char md[] = "# Loans\n"
	                         "<!-- backlint-disabel story -->\n"
	                         "<!-- backlint-disable-next-line -->\n"
	                         "<!-- backlint-enable-file -->\n";
	static const char yml[] = "- id: US-1\n"
	                          "  title: One\n"
	                          "  backlint: {enable: [story]}\n"
	                          "- id: US-2\n"
	                          "  title: Two\n"
	                          "  backlint: {disable: []}\n";
	struct bl_file *f = LOAD("bad.md", md);
	struct bl_suppress *s = bl_suppress_parse(f);

	(void)state;
	assert_non_null(s);
	assert_int_equal(s->nbad, 2);
	assert_int_equal(s->bad[0].kind, BL_SUP_BAD_VERB);
	assert_string_equal(bl_sup_str(s, s->bad[0].text), "backlint-disabel");
	assert_int_equal(s->bad[0].span.line, 2);
	assert_int_equal(s->bad[0].span.col, 6);
	assert_string_equal(bl_sup_str(s, s->bad[1].text), "backlint-enable-file");
	/* No names: every rule; nothing follows, so it covers no line. */
	assert_int_equal(s->ndirs, 1);
	assert_true(s->names[0].every);
	assert_int_equal(s->dirs[0].first, 0);
	bl_suppress_free(s);
	bl_file_free(f);

	f = LOAD("bad.yml", yml);
	s = bl_suppress_parse(f);
	assert_non_null(s);
	assert_int_equal(s->ndirs, 0);
	assert_int_equal(s->nbad, 2);
	assert_int_equal(s->bad[0].kind, BL_SUP_BAD_KEY);
	assert_string_equal(bl_sup_str(s, s->bad[0].text), "enable");
	assert_int_equal(s->bad[1].kind, BL_SUP_EMPTY_KEY);
	assert_int_equal(s->bad[1].span.line, 6);
	bl_suppress_free(s);
	bl_file_free(f);

	/* Story lists carry no directives: every line is a story. */
	f = LOAD("list.txt",
	         "As a member, I want it, so that I have it. # backlint-disable-line x\n");
	assert_null(bl_suppress_parse(f));
	bl_file_free(f);
}

/* Whether the engine kept a finding of rule id at line. */
static bool
has(struct bl_engine *e, const char *id, uint32_t line)
{
	const struct bl_finding *fd = NULL;
	size_t n, i;

	fd = bl_engine_findings(e, &n);
	for (i = 0; i < n; i++)
		if (strcmp(bl_engine_rule(e, fd[i].rule)->id, id) == 0 &&
		    (line == 0 || fd[i].span.line == line))
			return true;
	return false;
}

static void
run(struct bl_engine *e, const char *path, const char *data)
{
	struct bl_file *f = bl_test_load(path, data, strlen(data), true);

	bl_engine_file(e, f);
	bl_file_free(f);
}

/* The engine drops covered findings, backlog-wide ones included, and
 * reports unused directives only when asked. */
static void
test_engine(void **state)
{
	static const char yml[] =
	        "stories:\n"     /* 1 */
	        "  - id: US-1\n" /* 2 */
	        "    story: As a member, I want to renew a loan online, so that I keep the book.\n"
	        "    depends_on: [US-9]  # backlint-disable-line deps/unknown\n" /* 4 */
	        "  - id: US-1  # backlint-disable-line backlog/duplicate-id story/atomic\n"
	        "    story: As a member, I want to pay my fines online, so that I can borrow "
	        "again.\n"
	        "  # backlint-disable-next-line deps/unkown\n" /* 7 */
	        "  - id: US-3\n"                               /* 8 */
	        "    story: As a member, I want to see my loans, so that I know what is due.\n"
	        "    depends_on: [US-8]\n"; /* 10 */
	struct bl_engine *e;
	const struct bl_finding *fd;
	size_t n, i, unused = 0;
	int pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		e = bl_engine_new(&bl_registry);
		bl_engine_report_unused_disables(e, pass == 1);
		run(e, "loans.yml", yml);
		bl_engine_finish(e);
		assert_false(has(e, "deps/unknown", 4));
		assert_false(has(e, "backlog/duplicate-id", 5));
		assert_true(has(e, "deps/unknown", 10));
		assert_true(has(e, "backlint/unknown-rule", 7));
		fd = bl_engine_findings(e, &n);
		unused = 0;
		for (i = 0; i < n; i++) {
			const char *id = bl_engine_rule(e, fd[i].rule)->id;

			if (strcmp(id, "backlint/unused-disable") != 0)
				continue;
			unused++;
			/* story/atomic on line 5 found nothing to suppress. */
			assert_int_equal(fd[i].span.line, 5);
			assert_int_equal(fd[i].span.col, 60);
			assert_string_equal(fd[i].path, "loans.yml");
			assert_non_null(strstr(fd[i].message, "'story/atomic'"));
			assert_non_null(strstr(fd[i].line, "backlint-disable-line"));
		}
		assert_int_equal(unused, pass == 1 ? 1 : 0);
		bl_engine_free(e);
	}

	/* A rule that is off: its names are not reported unused. */
	e = bl_engine_new(&bl_registry);
	bl_engine_report_unused_disables(e, true);
	bl_engine_set_severity(e, (size_t)bl_engine_find(e, "story/atomic"), BL_SEV_OFF);
	run(e, "loans.yml", yml);
	bl_engine_finish(e);
	assert_false(has(e, "backlint/unused-disable", 0));
	bl_engine_free(e);
}

/* Findings of a second file are matched against that file's table. */
static void
test_engine_files(void **state)
{
	static const char a[] =
	        "- id: US-1\n"
	        "  story: As a member, I want to renew a loan online, so that I keep the book.\n"
	        "  depends_on: [US-7]\n";
	static const char b[] =
	        "---\r\n"
	        "id: US-2\r\n"
	        "depends_on: [US-7]\r\n"
	        "backlint: {disable: [deps/unknown]}\r\n"
	        "---\r\n"
	        "\r\n"
	        "As a member, I want to pay my fines online, so that I can borrow again.\r\n";
	struct bl_engine *e = bl_engine_new(&bl_registry);
	const struct bl_finding *fd;
	size_t n, i, unknown = 0;

	(void)state;
	bl_engine_report_unused_disables(e, true);
	run(e, "a.yml", a);
	run(e, "b.md", b);
	bl_engine_finish(e);
	fd = bl_engine_findings(e, &n);
	for (i = 0; i < n; i++)
		if (strcmp(bl_engine_rule(e, fd[i].rule)->id, "deps/unknown") == 0) {
			unknown++;
			assert_int_equal(fd[i].file_index, 0);
		}
	assert_int_equal(unknown, 1);
	assert_false(has(e, "backlint/unused-disable", 0));
	bl_engine_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_markdown_forms), cmocka_unit_test(test_markdown_matching),
	        cmocka_unit_test(test_markdown_code),  cmocka_unit_test(test_yaml_comments),
	        cmocka_unit_test(test_yaml_item_key),  cmocka_unit_test(test_front_matter),
	        cmocka_unit_test(test_crlf),           cmocka_unit_test(test_malformed),
	        cmocka_unit_test(test_engine),         cmocka_unit_test(test_engine_files),
	};

	return cmocka_run_group_tests(tests, bl_test_setup, bl_test_teardown);
}
