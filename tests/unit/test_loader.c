/*
 * Unit tests of the loader: each test loads a small backlog from a buffer
 * with bl_load_buffer(), in every input form (markdown item files with
 * front matter, backlog documents, YAML backlogs, story lists), and checks
 * what the model says against values worked out by hand from the input:
 * item counts, ids, titles and types, the parts of the story sentence with
 * their exact byte spans, acceptance criteria, dependencies, parents, and
 * the diagnostics for input that cannot be parsed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

#include "load.h"
#include "load_int.h"
#include "model.h"
#include "rules.h"

/* Loads a string literal (which may hold NUL or invalid bytes). */
#define LOAD(path, lit, explicit_file) bl_test_load((path), (lit), sizeof(lit) - 1, (explicit_file))

/* A text as a NUL-terminated string, for assert_string_equal. */
static const char *
str(const struct bl_text *t)
{
	static char buf[1024];
	size_t n = t->len < sizeof(buf) - 1 ? t->len : sizeof(buf) - 1;

	memcpy(buf, t->s, n);
	buf[n] = '\0';
	return buf;
}

#define assert_text(t, want)                            \
	do {                                            \
		assert_non_null((t).s);                 \
		assert_string_equal(str(&(t)), (want)); \
	} while (0)

#define assert_span(sp, l, c, el, ec)                  \
	do {                                           \
		assert_int_equal((sp).line, (l));      \
		assert_int_equal((sp).col, (c));       \
		assert_int_equal((sp).end_line, (el)); \
		assert_int_equal((sp).end_col, (ec));  \
	} while (0)

/* A text with its span, checked against the file's own bytes when exact. */
#define assert_text_at(f, t, want, l, c, el, ec)                                  \
	do {                                                                      \
		assert_text((t), (want));                                         \
		assert_span((t).span, (l), (c), (el), (ec));                      \
		if ((t).exact)                                                    \
			assert_memory_equal((f)->data + (t).off, (t).s, (t).len); \
	} while (0)

/* Backlog.md's layout: backlog/tasks/task-7 - Title.md */
static const char task7[] =
        "---\n"
        "id: task-7\n"
        "title: Renew a loan\n"
        "status: To Do\n"
        "dependencies:\n"
        "  - task-3\n"
        "  - task-5\n"
        "parent: task-1\n"
        "---\n"
        "\n"
        "## Description\n"
        "\n"
        "<!-- SECTION:DESCRIPTION:BEGIN -->\n"
        "As a library member, I want to renew a loan online, so that I avoid a fine.\n"
        "<!-- SECTION:DESCRIPTION:END -->\n"
        "\n"
        "## Acceptance Criteria\n"
        "<!-- AC:BEGIN -->\n"
        "- [ ] #1 The renew button is shown for renewable loans\n"
        "- [x] #2 A renewed loan shows its new due date\n"
        "<!-- AC:END -->\n";

/* The same file with CRLF line endings. */
static char *
crlf(const char *s, size_t *len)
{
	static char buf[4096];
	size_t o = 0;

	for (; *s != '\0' && o + 2 < sizeof(buf); s++) {
		if (*s == '\n')
			buf[o++] = '\r';
		buf[o++] = *s;
	}
	buf[o] = '\0';
	*len = o;
	return buf;
}

static void
check_task7(const struct bl_file *f)
{
	const struct bl_item *it;

	assert_int_equal(f->kind, BL_FILE_MARKDOWN);
	assert_true(f->is_backlog);
	assert_int_equal(f->ndiags, 0);
	assert_int_equal(f->nitems, 1);
	it = &f->items[0];
	assert_int_equal(it->origin, BL_ORIGIN_ITEM_FILE);
	assert_text_at(f, it->id, "task-7", 2, 5, 2, 10);
	assert_span(it->span, 2, 5, 2, 10); /* anchored at the id */
	assert_text_at(f, it->title, "Renew a loan", 3, 8, 3, 19);
	assert_text_at(f, it->status, "To Do", 4, 9, 4, 13);
	assert_text_at(f, it->parent, "task-1", 8, 9, 8, 14);
	assert_int_equal(it->ndepends, 2);
	assert_text_at(f, it->depends[0], "task-3", 6, 5, 6, 10);
	assert_text_at(f, it->depends[1], "task-5", 7, 5, 7, 10);

	/* The story sentence is found in the description section; the
	 * "tasks" folder does not outweigh it. */
	assert_int_equal(it->type, BL_TYPE_STORY);
	assert_true(it->type_inferred);
	assert_string_equal(it->type_reason, "story sentence");
	assert_false(it->story_from_section);
	assert_int_equal(it->story_template, 0);
	assert_text_at(
	        f, it->story,
	        "As a library member, I want to renew a loan online, so that I avoid a fine.", 14,
	        1, 14, 75);
	assert_text_at(f, it->role, "library member", 14, 6, 14, 19);
	assert_text_at(f, it->means, "to renew a loan online", 14, 29, 14, 50);
	assert_text_at(f, it->ends, "I avoid a fine", 14, 61, 14, 74);
	assert_null(it->persona.s);

	assert_int_equal(it->nsections, 2);
	assert_int_equal(it->sections[0].kind, BL_SEC_DESCRIPTION);
	assert_text(it->sections[0].name, "Description");
	assert_int_equal(it->sections[1].kind, BL_SEC_ACCEPTANCE);
	assert_text(it->sections[1].name, "Acceptance Criteria");

	/* "- [ ] #1 text": the checkbox and the number are not the text. */
	assert_int_equal(it->ncriteria, 2);
	assert_int_equal(it->criteria[0].kind, BL_CRIT_ITEM);
	assert_int_equal(it->criteria[0].checked, 0);
	assert_text_at(f, it->criteria[0].text, "The renew button is shown for renewable loans", 19,
	               10, 19, 54);
	assert_int_equal(it->criteria[1].kind, BL_CRIT_ITEM);
	assert_int_equal(it->criteria[1].checked, 1);
	assert_text_at(f, it->criteria[1].text, "A renewed loan shows its new due date", 20, 10, 20,
	               46);
	assert_int_equal(it->ndod, 0);
}

static void
test_item_file_backlog_md(void **state)
{
	struct bl_file *f;

	(void)state;
	f = LOAD("backlog/tasks/task-7 - Renew-a-loan.md", task7, false);
	assert_string_equal(f->path, "backlog/tasks/task-7 - Renew-a-loan.md");
	check_task7(f);
	bl_file_free(f);
}

/* CRLF line endings change no line or column. */
static void
test_item_file_crlf(void **state)
{
	struct bl_file *f;
	size_t len;
	const char *data = crlf(task7, &len);

	(void)state;
	assert_int_equal(len, sizeof(task7) - 1 + 21);
	f = bl_test_load("backlog/tasks/task-7 - Renew-a-loan.md", data, len, false);
	check_task7(f);
	bl_file_free(f);
}

/*
 * The Description section of a Backlog.md item is trimmed and leaves out
 * the <!-- SECTION:... --> markers (cmark 0.30 gives HTML blocks an end
 * position before their start, which the loader must not trust).
 */
static void
test_item_file_description_trimmed(void **state)
{
	struct bl_file *f;
	const struct bl_text *d;
	size_t end;

	(void)state;
	f = LOAD("backlog/tasks/task-7 - Renew-a-loan.md", task7, false);
	assert_int_equal(f->nitems, 1);
	d = &f->items[0].description;
	assert_non_null(d->s);
	assert_true(d->len > 0);
	assert_true(d->s[d->len - 1] != '\n' && d->s[d->len - 1] != ' ');
	assert_non_null(strstr(str(d), "As a library member, I want to renew a loan online"));
	assert_true(d->span.end_line >= 1 && d->span.end_line <= f->nlines);
	end = f->lines[d->span.end_line - 1] + d->span.end_col - 1;
	assert_true(end < f->len && f->data[end] != '\n' && f->data[end] != '\r');
	bl_file_free(f);
}

static const char document[] =
        "# Library backlog\n"
        "\n"
        "## US-12: Renew a loan\n"
        "\n"
        "**Status:** ready\n"
        "**Estimate:** 3\n"
        "**Depends on:** US-10, US-11\n"
        "\n"
        "As a member, I want to renew a loan, so that I keep the book longer.\n"
        "\n"
        "### Acceptance criteria\n"
        "\n"
        "```gherkin\n"
        "Scenario: Renew before the due date\n"
        "  Given a loan due tomorrow\n"
        "  When I renew it\n"
        "  Then its due date moves by two weeks\n"
        "```\n"
        "\n"
        "- Given an overdue loan, when I renew it, then I am told to pay the fine first\n"
        "\n"
        "## US-13: Reserve a book\n"
        "\n"
        "Status: draft\n"
        "Type: bug\n"
        "\n"
        "As a member, I want to reserve a book.\n";

static void
test_document(void **state)
{
	struct bl_file *f;
	const struct bl_item *it;
	const struct bl_criterion *c;

	(void)state;
	f = LOAD("docs/backlog.md", document, false);
	assert_true(f->is_backlog);
	assert_int_equal(f->ndiags, 0);
	assert_int_equal(f->nitems, 2);

	it = &f->items[0];
	assert_int_equal(it->origin, BL_ORIGIN_DOCUMENT);
	assert_int_equal(it->index, 0);
	assert_span(it->span, 3, 4, 3, 22); /* the heading's text */
	assert_text_at(f, it->id, "US-12", 3, 4, 3, 8);
	assert_text_at(f, it->title, "Renew a loan", 3, 11, 3, 22);
	assert_text_at(f, it->status, "ready", 5, 13, 5, 17);
	assert_text_at(f, it->estimate, "3", 6, 15, 6, 15);
	assert_int_equal(it->ndepends, 2);
	assert_text_at(f, it->depends[0], "US-10", 7, 17, 7, 21);
	assert_text_at(f, it->depends[1], "US-11", 7, 24, 7, 28);
	assert_null(it->parent.s);
	assert_int_equal(it->type, BL_TYPE_STORY);
	assert_true(it->type_inferred);
	assert_string_equal(it->type_reason, "id prefix");
	assert_text_at(f, it->story,
	               "As a member, I want to renew a loan, so that I keep the book longer.", 9, 1,
	               9, 68);
	assert_text_at(f, it->role, "member", 9, 6, 9, 11);
	assert_text_at(f, it->means, "to renew a loan", 9, 21, 9, 35);
	assert_text_at(f, it->ends, "I keep the book longer", 9, 46, 9, 67);
	assert_int_equal(it->nsections, 1);
	assert_int_equal(it->sections[0].kind, BL_SEC_ACCEPTANCE);

	/* The fenced Gherkin block is one scenario with its steps; the
	 * sentence below it one Given/When/Then criterion. */
	assert_int_equal(it->ncriteria, 2);
	c = &it->criteria[0];
	assert_int_equal(c->kind, BL_CRIT_SCENARIO);
	assert_int_equal(c->checked, -1);
	assert_text_at(f, c->text, "Scenario: Renew before the due date", 14, 1, 14, 35);
	assert_int_equal(c->nsteps, 3);
	assert_int_equal(c->steps[0].kw, BL_STEP_GIVEN);
	assert_text_at(f, c->steps[0].text, "Given a loan due tomorrow", 15, 3, 15, 27);
	assert_int_equal(c->steps[1].kw, BL_STEP_WHEN);
	assert_text_at(f, c->steps[1].text, "When I renew it", 16, 3, 16, 17);
	assert_int_equal(c->steps[2].kw, BL_STEP_THEN);
	assert_text_at(f, c->steps[2].text, "Then its due date moves by two weeks", 17, 3, 17, 38);
	c = &it->criteria[1];
	assert_int_equal(c->kind, BL_CRIT_GWT);
	assert_int_equal(c->checked, -1);
	assert_int_equal(c->nsteps, 0);
	assert_text_at(
	        f, c->text,
	        "Given an overdue loan, when I renew it, then I am told to pay the fine first", 20,
	        3, 20, 78);

	it = &f->items[1];
	assert_int_equal(it->origin, BL_ORIGIN_DOCUMENT);
	assert_int_equal(it->index, 1);
	assert_text_at(f, it->id, "US-13", 22, 4, 22, 8);
	assert_text_at(f, it->title, "Reserve a book", 22, 11, 22, 24);
	assert_text_at(f, it->status, "draft", 24, 9, 24, 13);
	assert_text_at(f, it->type_text, "bug", 25, 7, 25, 9);
	assert_int_equal(it->type, BL_TYPE_BUG);
	assert_false(it->type_inferred);
	assert_text_at(f, it->story, "As a member, I want to reserve a book.", 27, 1, 27, 38);
	assert_text_at(f, it->role, "member", 27, 6, 27, 11);
	assert_text_at(f, it->means, "to reserve a book", 27, 21, 27, 37);
	assert_null(it->ends.s);
	assert_int_equal(it->ncriteria, 0);
	assert_int_equal(it->ndepends, 0);
	bl_file_free(f);
}

/* Bracketed ids, list-style metadata, a closing heading sequence, an
 * "In order to" story, a pseudo-heading and a setext heading. */
static void
test_document_variants(void **state)
{
	static const char doc[] =
	        "# Backlog\n"
	        "\n"
	        "## [STORY-3] Pay a fine ##\n"
	        "\n"
	        "- Status: ready\n"
	        "- Priority: high\n"
	        "\n"
	        "In order to keep borrowing, as a member, I want to pay a fine online.\n"
	        "\n"
	        "**Acceptance criteria:**\n"
	        "\n"
	        "- [X] #1 Payment is recorded\n"
	        "* Scenario Outline: pay <amount>\n"
	        "  Given a fine of <amount>\n"
	        "  Then it is paid\n"
	        "\n"
	        "Story 4\n"
	        "-------\n"
	        "\n"
	        "Estimate: 5\n"
	        "\n"
	        "As a member, I want to see fines.\n";
	struct bl_file *f;
	const struct bl_item *it;

	(void)state;
	f = LOAD("backlog.md", doc, false);
	assert_int_equal(f->ndiags, 0);
	assert_int_equal(f->nitems, 2);
	it = &f->items[0];
	assert_text_at(f, it->id, "STORY-3", 3, 5, 3, 11);
	assert_text_at(f, it->title, "Pay a fine", 3, 14, 3, 23);
	assert_text_at(f, it->status, "ready", 5, 11, 5, 15);
	assert_text_at(f, it->priority, "high", 6, 13, 6, 16);
	assert_int_equal(it->story_template, 1);
	assert_text_at(f, it->ends, "keep borrowing", 8, 13, 8, 26);
	assert_text_at(f, it->role, "member", 8, 34, 8, 39);
	assert_text_at(f, it->means, "to pay a fine online", 8, 49, 8, 68);
	assert_int_equal(it->ncriteria, 2);
	assert_int_equal(it->criteria[0].kind, BL_CRIT_ITEM);
	assert_int_equal(it->criteria[0].checked, 1);
	assert_text_at(f, it->criteria[0].text, "Payment is recorded", 12, 10, 12, 28);
	assert_int_equal(it->criteria[1].kind, BL_CRIT_SCENARIO);
	assert_text_at(f, it->criteria[1].text, "Scenario Outline: pay <amount>", 13, 3, 13, 32);
	assert_int_equal(it->criteria[1].nsteps, 2);
	assert_int_equal(it->criteria[1].steps[1].kw, BL_STEP_THEN);
	assert_text_at(f, it->criteria[1].steps[1].text, "Then it is paid", 15, 3, 15, 17);

	it = &f->items[1];
	assert_null(it->id.s);
	assert_text_at(f, it->title, "Story 4", 17, 1, 17, 7);
	assert_text_at(f, it->estimate, "5", 20, 11, 20, 11);
	assert_int_equal(it->type, BL_TYPE_STORY);
	assert_string_equal(it->type_reason, "story sentence");
	assert_text_at(f, it->means, "to see fines", 22, 21, 22, 32);
	bl_file_free(f);
}

/*
 * A backlog document with a title heading and a single item heading: the
 * story under "## US-1: Pay" is evidence for that heading only, not for
 * the title "# B", so the item is US-1 titled "Pay", a story.
 */
static void
test_document_single_item_under_title(void **state)
{
	static const char doc[] = "# B\n"
	                          "\n"
	                          "## US-1: Pay\n"
	                          "\n"
	                          "As a member, I want to pay online.\n";
	struct bl_file *f;
	const struct bl_item *it;

	(void)state;
	f = LOAD("backlog.md", doc, false);
	assert_int_equal(f->nitems, 1);
	it = &f->items[0];
	assert_text_at(f, it->id, "US-1", 3, 4, 3, 7);
	assert_text_at(f, it->title, "Pay", 3, 10, 3, 12);
	assert_int_equal(it->type, BL_TYPE_STORY);
	assert_text_at(f, it->role, "member", 5, 6, 5, 11);
	bl_file_free(f);
}

static const char yaml_list[] =
        "- id: S-1\n"
        "  title: Search the catalogue\n"
        "  as_a: member\n"
        "  i_want: to search by author\n"
        "  so_that: I find books quickly\n"
        "  acceptance_criteria:\n"
        "    - Results list the author's books\n"
        "    - given: a known author\n"
        "      when: I search for the name\n"
        "      then: the author's books are listed\n"
        "- id: S-2\n"
        "  title: Plain story\n"
        "  story: As a librarian, I want to add a book, so that members can borrow it.\n"
        "  depends_on: [S-1]\n";

static void
test_yaml_list(void **state)
{
	struct bl_file *f;
	const struct bl_item *it;
	const struct bl_criterion *c;

	(void)state;
	f = LOAD("backlog.yml", yaml_list, false);
	assert_int_equal(f->kind, BL_FILE_YAML);
	assert_true(f->is_backlog);
	assert_int_equal(f->ndiags, 0);
	assert_int_equal(f->nitems, 2);

	it = &f->items[0];
	assert_int_equal(it->origin, BL_ORIGIN_YAML);
	assert_int_equal(it->depth, 0);
	assert_text_at(f, it->id, "S-1", 1, 7, 1, 9);
	assert_span(it->span, 1, 7, 1, 9);
	assert_text_at(f, it->title, "Search the catalogue", 2, 10, 2, 29);
	assert_null(it->parent.s);
	assert_int_equal(it->type, BL_TYPE_STORY);
	assert_true(it->type_inferred);
	/* as_a / i_want / so_that: the parts keep their own spans; the story
	 * runs from the first to the last. */
	assert_true(it->story_parts_given);
	assert_text_at(f, it->role, "member", 3, 9, 3, 14);
	assert_text_at(f, it->means, "to search by author", 4, 11, 4, 29);
	assert_text_at(f, it->ends, "I find books quickly", 5, 12, 5, 31);
	assert_non_null(it->story.s);
	assert_span(it->story.span, 3, 9, 5, 31);
	assert_int_equal(it->ncriteria, 2);
	c = &it->criteria[0];
	assert_int_equal(c->kind, BL_CRIT_ITEM);
	assert_int_equal(c->checked, -1);
	assert_text_at(f, c->text, "Results list the author's books", 7, 7, 7, 37);
	c = &it->criteria[1];
	assert_int_equal(c->kind, BL_CRIT_GWT);
	assert_int_equal(c->nsteps, 3);
	assert_int_equal(c->steps[0].kw, BL_STEP_GIVEN);
	assert_text_at(f, c->steps[0].text, "a known author", 8, 14, 8, 27);
	assert_int_equal(c->steps[1].kw, BL_STEP_WHEN);
	assert_text_at(f, c->steps[1].text, "I search for the name", 9, 13, 9, 33);
	assert_int_equal(c->steps[2].kw, BL_STEP_THEN);
	assert_text_at(f, c->steps[2].text, "the author's books are listed", 10, 13, 10, 41);

	it = &f->items[1];
	assert_text_at(f, it->id, "S-2", 11, 7, 11, 9);
	assert_false(it->story_parts_given);
	assert_int_equal(it->story_template, 0);
	assert_text_at(f, it->story,
	               "As a librarian, I want to add a book, so that members can borrow it.", 13,
	               10, 13, 77);
	assert_text_at(f, it->role, "librarian", 13, 15, 13, 23);
	assert_text_at(f, it->means, "to add a book", 13, 33, 13, 45);
	assert_text_at(f, it->ends, "members can borrow it", 13, 56, 13, 76);
	assert_int_equal(it->ndepends, 1);
	assert_text_at(f, it->depends[0], "S-1", 14, 16, 14, 18);
	assert_int_equal(it->ncriteria, 0);
	bl_file_free(f);
}

static void
test_yaml_epics(void **state)
{
	static const char yml[] =
	        "epics:\n"
	        "  - id: EP-1\n"
	        "    title: Loans\n"
	        "    stories:\n"
	        "      - id: S-10\n"
	        "        title: Borrow\n"
	        "        story: \"As a member, I want to borrow a book, so that I can read it.\"\n"
	        "        acceptance_criteria:\n"
	        "          - The loan is recorded\n"
	        "      - id: S-11\n"
	        "        title: Return\n"
	        "        type: task\n"
	        "        status: ready\n";
	struct bl_file *f;
	const struct bl_item *it;

	(void)state;
	f = LOAD("plan.yaml", yml, false);
	assert_int_equal(f->ndiags, 0);
	assert_true(f->is_backlog);
	assert_int_equal(f->nitems, 3);

	it = &f->items[0];
	assert_text_at(f, it->id, "EP-1", 2, 9, 2, 12);
	assert_text_at(f, it->title, "Loans", 3, 12, 3, 16);
	assert_int_equal(it->depth, 0);
	assert_null(it->parent.s);
	assert_int_equal(it->type, BL_TYPE_EPIC);
	assert_true(it->type_inferred);
	assert_string_equal(it->type_reason, "nesting");
	assert_int_equal(it->ncriteria, 0);

	it = &f->items[1];
	assert_text_at(f, it->id, "S-10", 5, 13, 5, 16);
	assert_int_equal(it->depth, 1);
	assert_text(it->parent, "EP-1");
	assert_span(it->parent.span, 2, 9, 2, 12); /* the parent's id */
	assert_int_equal(it->type, BL_TYPE_STORY);
	assert_true(it->type_inferred);
	assert_string_equal(it->type_reason, "nesting");
	/* A double-quoted scalar: spans start after the quote. */
	assert_text_at(f, it->story, "As a member, I want to borrow a book, so that I can read it.",
	               7, 17, 7, 76);
	assert_text_at(f, it->role, "member", 7, 22, 7, 27);
	assert_text_at(f, it->means, "to borrow a book", 7, 37, 7, 52);
	assert_text_at(f, it->ends, "I can read it", 7, 63, 7, 75);
	assert_int_equal(it->ncriteria, 1);
	assert_int_equal(it->criteria[0].kind, BL_CRIT_ITEM);
	assert_text_at(f, it->criteria[0].text, "The loan is recorded", 9, 13, 9, 32);

	it = &f->items[2];
	assert_text_at(f, it->id, "S-11", 10, 13, 10, 16);
	assert_int_equal(it->depth, 1);
	assert_text(it->parent, "EP-1");
	assert_text_at(f, it->type_text, "task", 12, 15, 12, 18);
	assert_int_equal(it->type, BL_TYPE_TASK);
	assert_false(it->type_inferred);
	assert_text_at(f, it->status, "ready", 13, 17, 13, 21);
	bl_file_free(f);
}

/* A mapping whose stories key holds the list; criteria as a block of
 * lines and as a list of {given, when, then} mappings. */
static void
test_yaml_stories_mapping(void **state)
{
	static const char yml[] = "name: Sprint 4\n"
	                          "stories:\n"
	                          "  - id: US-1\n"
	                          "    title: Pay\n"
	                          "    criteria:\n"
	                          "      - given: a fine\n"
	                          "        when: I pay it\n"
	                          "        then: it is gone\n"
	                          "        and: I get a receipt\n"
	                          "      - \"[x] Receipt is mailed\"\n"
	                          "  - id: US-2\n"
	                          "    status: done\n";
	struct bl_file *f;
	const struct bl_item *it;
	const struct bl_criterion *c;

	(void)state;
	f = LOAD("sprint.yml", yml, false);
	assert_int_equal(f->ndiags, 0);
	assert_int_equal(f->nitems, 2);
	it = &f->items[0];
	assert_text_at(f, it->id, "US-1", 3, 9, 3, 12);
	assert_null(it->parent.s);
	assert_int_equal(it->type, BL_TYPE_STORY);
	assert_string_equal(it->type_reason, "nesting");
	assert_int_equal(it->ncriteria, 2);
	c = &it->criteria[0];
	assert_int_equal(c->kind, BL_CRIT_GWT);
	assert_int_equal(c->nsteps, 4);
	assert_int_equal(c->steps[3].kw, BL_STEP_AND);
	assert_text_at(f, c->steps[3].text, "I get a receipt", 9, 14, 9, 28);
	c = &it->criteria[1];
	assert_int_equal(c->kind, BL_CRIT_ITEM);
	assert_int_equal(c->checked, 1);
	assert_text_at(f, c->text, "Receipt is mailed", 10, 14, 10, 30);
	it = &f->items[1];
	assert_text_at(f, it->id, "US-2", 11, 9, 11, 12);
	assert_text_at(f, it->status, "done", 12, 13, 12, 16);
	assert_int_equal(it->ncriteria, 0);
	bl_file_free(f);
}

/* BOM, CRLF, blank lines, an indented line and no final line break. */
static void
test_story_list(void **state)
{
	static const char txt[] = "\xEF\xBB\xBF"
	                          "As a member, I want to renew a loan, so that I avoid a fine.\r\n"
	                          "\r\n"
	                          "  As a librarian, I want to add books.\r\n"
	                          "\r\n"
	                          "As a guest, I want to browse, so that I can decide to join.";
	struct bl_file *f;
	const struct bl_item *it;
	size_t i;

	(void)state;
	f = LOAD("stories.txt", txt, false);
	assert_int_equal(f->kind, BL_FILE_TEXT);
	assert_true(f->is_backlog);
	assert_int_equal(f->ndiags, 0);
	assert_int_equal(f->len, sizeof(txt) - 1 - 3); /* BOM dropped */
	assert_int_equal(f->data[0], 'A');
	assert_int_equal(f->nlines, 5);
	assert_int_equal(f->nitems, 3);
	for (i = 0; i < f->nitems; i++) {
		it = &f->items[i];
		assert_int_equal(it->origin, BL_ORIGIN_LIST);
		assert_int_equal(it->index, i);
		assert_int_equal(it->type, BL_TYPE_STORY);
		assert_true(it->type_inferred);
		assert_string_equal(it->type_reason, "story list");
		assert_true(it->story_from_section);
		assert_int_equal(it->story_template, 0);
		assert_null(it->id.s);
		assert_int_equal(it->ncriteria, 0);
		/* The item is its line, without the CR. */
		assert_span(it->span, it->story.span.line, it->story.span.col,
		            it->story.span.end_line, it->story.span.end_col);
	}
	it = &f->items[0];
	assert_text_at(f, it->story, "As a member, I want to renew a loan, so that I avoid a fine.",
	               1, 1, 1, 60);
	assert_text_at(f, it->role, "member", 1, 6, 1, 11);
	assert_text_at(f, it->means, "to renew a loan", 1, 21, 1, 35);
	assert_text_at(f, it->ends, "I avoid a fine", 1, 46, 1, 59);
	it = &f->items[1];
	assert_text_at(f, it->story, "As a librarian, I want to add books.", 3, 3, 3, 38);
	assert_text_at(f, it->role, "librarian", 3, 8, 3, 16);
	assert_text_at(f, it->means, "to add books", 3, 26, 3, 37);
	assert_null(it->ends.s);
	it = &f->items[2];
	assert_text_at(f, it->story, "As a guest, I want to browse, so that I can decide to join.",
	               5, 1, 5, 59);
	assert_text_at(f, it->ends, "I can decide to join", 5, 39, 5, 58);
	bl_file_free(f);
}

/* Prose in a .txt is not a story list, unless the user named the file. */
static void
test_story_list_prose(void **state)
{
	static const char txt[] = "Meeting notes\nWe talked about loans.\nNothing decided.\n";
	struct bl_file *f;
	size_t i;

	(void)state;
	f = LOAD("notes.txt", txt, false);
	assert_false(f->is_backlog);
	assert_non_null(f->skip_reason);
	assert_int_equal(f->nitems, 0);
	assert_int_equal(f->ndiags, 0);
	bl_file_free(f);

	f = LOAD("notes.txt", txt, true);
	assert_true(f->is_backlog);
	assert_int_equal(f->ndiags, 0);
	assert_int_equal(f->nitems, 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(f->items[i].story_template, -1);
		assert_int_equal(f->items[i].span.line, i + 1);
		assert_int_equal(f->items[i].span.col, 1);
		assert_null(f->items[i].role.s);
	}
	assert_text_at(f, f->items[1].story, "We talked about loans.", 2, 1, 2, 22);
	bl_file_free(f);
}

/* Columns count bytes: "é" is two. */
static void
test_unicode_spans(void **state)
{
	static const char txt[] = "As a biblioth\xC3\xA9"
	                          "caire, I want to catalogue a livre, so that les lecteurs le "
	                          "trouvent.\n";
	static const char md[] = "# Backlog\n"
	                         "\n"
	                         "## US-7: Pr\xC3\xAAter un livre\n"
	                         "\n"
	                         "As a biblioth\xC3\xA9"
	                         "caire, I want to lend a livre, so that a lecteur reads it.\n"
	                         "\n"
	                         "## US-8: R\xC3\xA9server\n"
	                         "\n"
	                         "As a lecteur, I want to r\xC3\xA9server a book.\n";
	/* A flow mapping: libyaml counts characters, the model bytes. */
	static const char yml[] = "- {id: S-1, as_a: \xC3\xBCn\xC3\xAF"
	                          "code, i_want: \xC3\xA7"
	                          "a marche, "
	                          "so_that: na\xC3\xAFve caf\xC3\xA9}\n";
	struct bl_file *f;
	const struct bl_item *it;

	(void)state;
	f = LOAD("stories.txt", txt, false);
	assert_int_equal(f->nitems, 1);
	it = &f->items[0];
	assert_span(it->story.span, 1, 1, 1, 84);
	assert_text_at(f, it->role,
	               "biblioth\xC3\xA9"
	               "caire",
	               1, 6, 1, 20);
	assert_text_at(f, it->means, "to catalogue a livre", 1, 30, 1, 49);
	assert_text_at(f, it->ends, "les lecteurs le trouvent", 1, 60, 1, 83);
	bl_file_free(f);

	f = LOAD("backlog.md", md, false);
	assert_int_equal(f->nitems, 2);
	it = &f->items[0];
	assert_text_at(f, it->id, "US-7", 3, 4, 3, 7);
	assert_text_at(f, it->title, "Pr\xC3\xAAter un livre", 3, 10, 3, 25);
	assert_text_at(f, it->role,
	               "biblioth\xC3\xA9"
	               "caire",
	               5, 6, 5, 20);
	assert_text_at(f, it->means, "to lend a livre", 5, 30, 5, 44);
	assert_text_at(f, it->ends, "a lecteur reads it", 5, 55, 5, 72);
	it = &f->items[1];
	assert_text_at(f, it->title, "R\xC3\xA9server", 7, 10, 7, 18);
	assert_text_at(f, it->means, "to r\xC3\xA9server a book", 9, 22, 9, 40);
	bl_file_free(f);

	f = LOAD("backlog.yml", yml, false);
	assert_int_equal(f->ndiags, 0);
	assert_int_equal(f->nitems, 1);
	it = &f->items[0];
	assert_text_at(f, it->id, "S-1", 1, 8, 1, 10);
	assert_text_at(f, it->role,
	               "\xC3\xBCn\xC3\xAF"
	               "code",
	               1, 19, 1, 27);
	assert_text_at(f, it->means,
	               "\xC3\xA7"
	               "a marche",
	               1, 38, 1, 47);
	assert_text_at(f, it->ends, "na\xC3\xAFve caf\xC3\xA9", 1, 59, 1, 70);
	bl_file_free(f);
}

/* An item's body in markdown, read alone (a tracker's description). */
static const char md_desc[] = "Estimate: 3\n"
                              "\n"
                              "As a member, I want to renew a loan, so that I avoid a fine.\n"
                              "\n"
                              "## Acceptance criteria\n"
                              "\n"
                              "- [ ] The renew button is shown\n"
                              "- [x] The due date moves\n"
                              "\n"
                              "## Implementation notes\n"
                              "\n"
                              "Renewals use the `loan_rules` table.\n";

static void
check_md_body(const struct bl_file *f, const struct bl_item *it, bool meta)
{
	assert_text(it->story, "As a member, I want to renew a loan, so that I avoid a fine.");
	assert_text(it->means, "to renew a loan");
	assert_int_equal(it->ncriteria, 2);
	assert_text(it->criteria[0].text, "The renew button is shown");
	assert_int_equal(it->criteria[0].checked, 0);
	assert_int_equal(it->criteria[1].checked, 1);
	assert_int_equal(it->nsections, 2);
	assert_int_equal(it->sections[0].kind, BL_SEC_ACCEPTANCE);
	assert_int_equal(it->sections[1].kind, BL_SEC_NOTES);
	assert_text(it->sections[1].body, "Renewals use the `loan_rules` table.");
	if (meta) {
		assert_text(it->estimate, "3");
		assert_int_equal(it->nmeta, 1);
	} else {
		assert_null(it->estimate.s);
		assert_text(it->description, "Estimate: 3\n\n"
		                             "As a member, I want to renew a loan, so that I "
		                             "avoid a fine.");
	}
	(void)f;
}

/* bl_md_body reads a markdown text as an item file's body: the file's own
 * bytes keep exact spans; a decoded field (a JSON string) gives every text
 * the field's span. */
static void
test_md_body(void **state)
{
	struct bl_load_opts opts;
	struct bl_file *f;
	struct bl_item *it;
	struct bl_text body;
	int meta;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.stories = bl_test_parser;
	for (meta = 0; meta < 2; meta++) {
		/* The file's bytes, from line 2. */
		{
			char buf[1024];
			int n = snprintf(buf, sizeof(buf), "id: US-1\n%s", md_desc);

			f = bl_file_new("item.txt", buf, (size_t)n);
		}
		it = bl_file_add_item(f);
		body = bl_text_at(f, 9, sizeof(md_desc) - 1);
		bl_md_body(f, it, &body, meta, &opts);
		bl_item_finish(f, it, &opts);
		check_md_body(f, it, meta);
		assert_text_at(f, it->criteria[1].text, "The due date moves", 9, 7, 9, 24);
		assert_true(f->ncode == 1);
		bl_file_free(f);

		/* A decoded string: every text has the field's span. */
		f = bl_file_new("export.json", "{\"description\": \"...\"}\n", 24);
		it = bl_file_add_item(f);
		body = bl_text_span(f, md_desc, sizeof(md_desc) - 1, bl_file_span(f, 16, 5));
		bl_md_body(f, it, &body, meta, &opts);
		bl_item_finish(f, it, &opts);
		check_md_body(f, it, meta);
		assert_false(it->criteria[1].text.exact);
		assert_span(it->criteria[1].text.span, 1, 17, 1, 21);
		assert_span(it->story.span, 1, 17, 1, 21);
		assert_int_equal(f->ncode, 0);
		bl_file_free(f);
	}
}

/* Markdown nested past the limit is not read, and said so. */
static void
test_md_body_deep(void **state)
{
	struct bl_load_opts opts;
	struct bl_file *f = bl_file_new("export.json", "{}\n", 3);
	struct bl_item *it = bl_file_add_item(f);
	struct bl_buf b = {0};
	struct bl_text body;
	int i;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.stories = bl_test_parser;
	for (i = 0; i < 150; i++)
		bl_buf_puts(&b, "> ");
	bl_buf_puts(&b, "- [ ] deep\n");
	body = bl_text_span(f, b.s, b.len, bl_file_span(f, 0, 2));
	bl_md_body(f, it, &body, false, &opts);
	assert_int_equal(it->ncriteria, 0);
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_TOO_DEEP);
	assert_non_null(strstr(f->diags[0].message, "this text is not read"));
	bl_buf_free(&b);
	bl_file_free(f);
}

/* The name chooses the format; a name that does not tell leaves it to
 * the bytes: front matter or a heading is markdown, a block sequence
 * YAML, anything else a story list. */
static void
test_format_choice(void **state)
{
	static const struct {
		const char *path, *data;
		enum bl_file_kind kind;
	} cases[] = {
	        {"a.MD", "As a user, I want x.\n", BL_FILE_MARKDOWN},
	        {"a.mkd", "- id: US-1\n", BL_FILE_MARKDOWN},
	        {"a.YAML", "# x\n", BL_FILE_YAML},
	        {"a.Text", "---\nid: 1\n---\n", BL_FILE_TEXT},
	        {"BACKLOG", "---\nid: US-1\n---\n", BL_FILE_MARKDOWN},
	        {"BACKLOG", "\n\r\n  # Backlog\n", BL_FILE_MARKDOWN},
	        {"BACKLOG", "\n- id: US-1\n  story: As a user, I want x.\n", BL_FILE_YAML},
	        {"BACKLOG", "--- x\n", BL_FILE_MARKDOWN},
	        {"BACKLOG", "-- x\n", BL_FILE_TEXT},
	        {"a.story", "As a user, I want x.\n", BL_FILE_TEXT},
	        {"-", "", BL_FILE_TEXT},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bl_file *f =
		        bl_test_load(cases[i].path, cases[i].data, strlen(cases[i].data), true);

		assert_int_equal(f->kind, cases[i].kind);
		bl_file_free(f);
	}
	assert_true(bl_load_wants("docs/backlog.Markdown"));
	assert_true(bl_load_wants("stories.text"));
	assert_false(bl_load_wants("export.json"));
	assert_false(bl_load_wants("README"));
	assert_false(bl_load_wants("sub/.backlint.yml"));
}

/* Empty and blank files of every form: no items, no diagnostics. */
static void
test_empty_files(void **state)
{
	static const char *const paths[] = {"a.md", "a.markdown", "a.yml", "a.yaml", "a.txt", "a"};
	static const struct {
		const char *data;
		size_t len;
	} bodies[] = {
	        {"", 0},
	        {"\xEF\xBB\xBF", 3},
	        {"\n", 1},
	        {"\r\n  \r\n\n", 7},
	};
	size_t p, b, e;

	(void)state;
	for (p = 0; p < sizeof(paths) / sizeof(paths[0]); p++)
		for (b = 0; b < sizeof(bodies) / sizeof(bodies[0]); b++)
			for (e = 0; e < 2; e++) {
				struct bl_file *f =
				        bl_test_load(paths[p], bodies[b].data, bodies[b].len, e);

				assert_int_equal(f->nitems, 0);
				assert_int_equal(f->ndiags, 0);
				assert_int_equal(f->is_backlog, e == 1);
				if (e == 0)
					assert_non_null(f->skip_reason);
				assert_int_equal(f->data[f->len], '\0');
				bl_file_free(f);
			}
}

static void
test_yaml_syntax_error(void **state)
{
	static const char bad_indent[] = "stories:\n"
	                                 "  - id: S-1\n"
	                                 "  title: x\n"
	                                 "   bad: indent\n";
	/* '@' is the 22nd byte but the 19th character of the line. */
	static const char bad_unicode[] = "- {title: \xC3\xA9\xC3\xA9\xC3\xA9, x: @bad}\n";
	static const char bad_tab[] = "stories:\n\t- id: S-1\n";
	struct bl_file *f;

	(void)state;
	f = LOAD("backlog.yml", bad_indent, false);
	assert_true(f->is_backlog); /* it says stories: */
	assert_int_equal(f->nitems, 0);
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_YAML);
	assert_span(f->diags[0].span, 3, 3, 3, 3);
	assert_non_null(strstr(f->diags[0].message, "invalid YAML"));
	bl_file_free(f);

	f = LOAD("backlog.yml", bad_unicode, true);
	assert_true(f->is_backlog);
	assert_int_equal(f->nitems, 0);
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_YAML);
	assert_span(f->diags[0].span, 1, 22, 1, 22);
	bl_file_free(f);

	f = LOAD("backlog.yml", bad_tab, false);
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_YAML);
	assert_span(f->diags[0].span, 2, 1, 2, 1);
	bl_file_free(f);

	/* Broken YAML that does not look like a backlog is not ours to
	 * report unless the user named the file. */
	f = LOAD("config.yml", bad_unicode, false);
	assert_false(f->is_backlog);
	assert_non_null(f->skip_reason);
	bl_file_free(f);
}

static void
test_front_matter_errors(void **state)
{
	static const char unclosed[] = "---\n"
	                               "id: S-1\n"
	                               "title: x\n"
	                               "\n"
	                               "As a member, I want y.\n";
	static const char unclosed_prose[] = "---\nJust a rule above.\n";
	static const char invalid[] = "---\n"
	                              "id: S-1\n"
	                              "title: [x\n"
	                              "---\n"
	                              "\n"
	                              "As a member, I want y.\n";
	static const char lenient[] = "---\n"
	                              "id: S-1\n"
	                              "title: Fix: the import\n"
	                              "assignee: @ana\n"
	                              "labels: [a,\n"
	                              "  b\n"
	                              "status: Done\n"
	                              "---\n";
	struct bl_file *f;

	(void)state;
	f = LOAD("s-1.md", unclosed, false);
	assert_true(f->is_backlog); /* it has "id:" */
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_FRONT_MATTER);
	assert_span(f->diags[0].span, 1, 1, 1, 3);
	bl_file_free(f);

	f = LOAD("readme.md", unclosed_prose, false);
	assert_false(f->is_backlog);
	assert_int_equal(f->nitems, 0);
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_FRONT_MATTER);
	bl_file_free(f);

	/* Invalid YAML in front matter: at the file's line, not the YAML's,
	 * and the end of the bad line rather than the closing "---"; the
	 * item keeps what was readable. */
	f = LOAD("s-1.md", invalid, false);
	assert_true(f->is_backlog);
	assert_int_equal(f->nitems, 1);
	assert_true(strncmp(f->items[0].id.s, "S-1", f->items[0].id.len) == 0);
	assert_null(f->items[0].title.s);
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_FRONT_MATTER);
	assert_span(f->diags[0].span, 3, 10, 3, 10);
	bl_file_free(f);

	/* Every bad line is reported; a one-line value YAML refuses is read
	 * as text, "@name" with a warning of its own. */
	f = LOAD("s-1.md", lenient, false);
	assert_int_equal(f->nitems, 1);
	assert_int_equal(f->ndiags, 3);
	assert_int_equal(f->diags[0].kind, BL_DIAG_FRONT_MATTER);
	assert_span(f->diags[0].span, 3, 11, 3, 11);
	assert_int_equal(f->diags[1].kind, BL_DIAG_UNQUOTED);
	assert_span(f->diags[1].span, 4, 11, 4, 14);
	assert_int_equal(f->diags[2].kind, BL_DIAG_FRONT_MATTER);
	assert_true(strncmp(f->items[0].title.s, "Fix: the import", f->items[0].title.len) == 0);
	assert_true(strncmp(f->items[0].status.s, "Done", f->items[0].status.len) == 0);
	bl_file_free(f);
}

static void
test_invalid_utf8(void **state)
{
	static const char txt[] = "As a member, I want to pay \xFF fine.\n";
	static const char md[] = "# Backlog\n"
	                         "\n"
	                         "## US-1: Caf\xC3\n"
	                         "\n"
	                         "As a member, I want a coffee.\n"
	                         "\n"
	                         "## US-2: Tea\n"
	                         "\n"
	                         "As a member, I want a tea.\n";
	static const char nul[] = "As a member, I want\0 a NUL.\n";
	struct bl_file *f;

	(void)state;
	f = LOAD("stories.txt", txt, false);
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_ENCODING);
	assert_span(f->diags[0].span, 1, 28, 1, 28);
	assert_non_null(strstr(f->diags[0].message, "0xff"));
	bl_file_free(f);

	/* The rest of the file is still read. */
	f = LOAD("backlog.md", md, false);
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_ENCODING);
	assert_span(f->diags[0].span, 3, 13, 3, 13);
	assert_int_equal(f->nitems, 2);
	assert_text_at(f, f->items[1].id, "US-2", 7, 4, 7, 7);
	assert_text_at(f, f->items[1].means, "a tea", 9, 21, 9, 25);
	bl_file_free(f);

	/* A NUL byte: binary, not read; linted only when named. */
	f = LOAD("stories.txt", nul, false);
	assert_false(f->is_backlog);
	assert_int_equal(f->nitems, 0);
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_ENCODING);
	assert_span(f->diags[0].span, 1, 20, 1, 20);
	bl_file_free(f);
	f = LOAD("stories.txt", nul, true);
	assert_true(f->is_backlog);
	assert_int_equal(f->nitems, 0);
	assert_int_equal(f->ndiags, 1);
	bl_file_free(f);
}

/*
 * Invalid UTF-8 in a YAML file: every diagnostic stands on line 2, where
 * the bad byte is (libyaml reports reader errors in problem_offset, not
 * problem_mark).
 */
static void
test_yaml_invalid_utf8(void **state)
{
	static const char yml[] = "- id: S-1\n"
	                          "  title: caf\xFF ok\n";
	struct bl_file *f;
	size_t i;

	(void)state;
	f = LOAD("backlog.yml", yml, true);
	assert_true(f->is_backlog);
	assert_true(f->ndiags >= 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_ENCODING);
	assert_span(f->diags[0].span, 2, 13, 2, 13);
	for (i = 0; i < f->ndiags; i++)
		assert_int_equal(f->diags[i].span.line, 2);
	bl_file_free(f);
}

/* Billion laughs: nine levels of nine aliases each. */
static void
test_yaml_alias_bomb(void **state)
{
	static const char bomb[] =
	        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	        "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
	        "stories: [*i]\n";
	static const char fm_bomb[] = "---\n"
	                              "a: &a [x,x,x,x,x,x,x,x,x]\n"
	                              "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	                              "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	                              "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	                              "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	                              "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	                              "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	                              "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	                              "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
	                              "id: S-1\n"
	                              "---\n"
	                              "# Title\n";
	struct bl_file *f;

	(void)state;
	f = LOAD("bomb.yml", bomb, false);
	assert_true(f->nitems <= 100);
	assert_true(f->ndiags >= 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_YAML);
	assert_true(f->diags[0].span.line >= 1 && f->diags[0].span.line <= 10);
	bl_file_free(f);

	f = LOAD("bomb.md", fm_bomb, false);
	assert_true(f->nitems <= 1);
	assert_true(f->ndiags >= 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_FRONT_MATTER);
	assert_true(f->diags[0].span.line >= 2 && f->diags[0].span.line <= 11);
	bl_file_free(f);
}

/* An alias of no anchor is an error at the alias; one inside the very
 * collection it names would nest without end. A shared anchor is read
 * where each alias stands. */
static void
test_yaml_alias_errors(void **state)
{
	static const char undefined[] = "stories:\n  - id: S-1\n    title: *nope\n";
	static const char self[] = "&r [a, *r]\n";
	static const char shared[] = "base: &b\n"
	                             "  status: Ready\n"
	                             "stories:\n"
	                             "  - *b\n"
	                             "  - id: S-2\n"
	                             "    status: *x\n";
	static const char twice[] = "stories:\n"
	                            "  - &a\n"
	                            "    id: S-1\n"
	                            "  - &a\n"
	                            "    id: S-2\n";
	static const char shared_ok[] = "tags: &t Ready\n"
	                                "stories:\n"
	                                "  - id: S-1\n"
	                                "    status: *t\n"
	                                "  - id: S-2\n"
	                                "    status: *t\n";
	struct bl_file *f;

	(void)state;
	f = LOAD("undefined.yml", undefined, false);
	assert_int_equal(f->ndiags, 1);
	assert_string_equal(f->diags[0].message, "invalid YAML: found undefined alias");
	assert_span(f->diags[0].span, 3, 12, 3, 12);
	bl_file_free(f);

	f = LOAD("self.yml", self, false);
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_YAML);
	assert_span(f->diags[0].span, 1, 8, 1, 8);
	bl_file_free(f);

	f = LOAD("shared.yml", shared, false);
	assert_int_equal(f->ndiags, 1);
	assert_span(f->diags[0].span, 6, 13, 6, 13);
	bl_file_free(f);

	/* An anchor made twice in a document: an error where the second is. */
	f = LOAD("twice.yml", twice, false);
	assert_int_equal(f->nitems, 0);
	assert_int_equal(f->ndiags, 1);
	assert_string_equal(f->diags[0].message,
	                    "invalid YAML: second occurrence found duplicate anchor; first "
	                    "occurrence");
	assert_span(f->diags[0].span, 4, 5, 4, 5);
	bl_file_free(f);

	f = LOAD("shared-ok.yml", shared_ok, false);
	assert_int_equal(f->ndiags, 0);
	assert_int_equal(f->nitems, 2);
	/* The value's text and span are the anchored node's, for both. */
	assert_text(f->items[0].status, "Ready");
	assert_text(f->items[1].status, "Ready");
	assert_int_equal(f->items[0].status.span.line, 1);
	assert_memory_equal(&f->items[0].status.span, &f->items[1].status.span,
	                    sizeof(struct bl_span));
	bl_file_free(f);
}

/* A YAML backlog is read entry by entry as it is parsed: the result is
 * the same as reading the whole tree. A list is one of items once some
 * entry looks like one (then every mapping in it is); a later error
 * leaves no items; an alias may name a node of an entry already read. */
static void
test_yaml_streamed(void **state)
{
	static const char late[] = "stories:\n"
	                           "  - plain: map\n"
	                           "  - just a string\n"
	                           "  - id: S-1\n"
	                           "    title: x\n";
	static const char two_lists[] = "items:\n"
	                                "  - name: a\n"
	                                "  - name: b\n"
	                                "bugs:\n"
	                                "  - id: B-1\n"
	                                "    status: Open\n";
	static const char error_after[] = "stories:\n"
	                                  "  - id: S-1\n"
	                                  "    title: ok\n"
	                                  "---\n"
	                                  "stories: [\n";
	static const char shared[] = "stories:\n"
	                             "  - &s\n"
	                             "    id: S-1\n"
	                             "    title: base\n"
	                             "  - id: S-2\n"
	                             "    title: other\n"
	                             "  - *s\n";
	struct bl_file *f;

	(void)state;
	f = LOAD("late.yml", late, false);
	assert_int_equal(f->nitems, 2);
	assert_null(f->items[0].id.s);
	assert_text(f->items[1].id, "S-1");
	bl_file_free(f);

	f = LOAD("two-lists.yml", two_lists, false);
	assert_int_equal(f->nitems, 1);
	assert_text(f->items[0].id, "B-1");
	assert_int_equal(f->items[0].type, BL_TYPE_BUG);
	bl_file_free(f);

	f = LOAD("error-after.yml", error_after, false);
	assert_int_equal(f->nitems, 0);
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_YAML);
	bl_file_free(f);

	f = LOAD("shared.yml", shared, false);
	assert_int_equal(f->nitems, 3);
	assert_text(f->items[0].id, "S-1");
	assert_text(f->items[1].id, "S-2");
	assert_text(f->items[2].id, "S-1");
	bl_file_free(f);
}

/* What a caller taking items as they are read (items_read) was given. */
static struct {
	char ids[16][16];
	uint32_t index[16];
	int nids, calls, undone;
	size_t dropped_before[16];
} taken;

static void
take_items(void *arg, struct bl_file *f)
{
	size_t i;

	(void)arg;
	taken.dropped_before[taken.calls++] = f->ndropped;
	for (i = 0; i < f->nitems && taken.nids < 16; i++) {
		const struct bl_text *id = &f->items[i].id;

		snprintf(taken.ids[taken.nids], sizeof(taken.ids[0]), "%.*s", (int)id->len,
		         id->s ? id->s : "-");
		taken.index[taken.nids++] = f->items[i].index;
	}
}

static void
items_gone(void *arg, struct bl_file *f)
{
	(void)arg;
	(void)f;
	taken.undone++;
}

static struct bl_file *
load_taking(const char *path, const char *data, size_t len)
{
	struct bl_load_opts opts;
	struct bl_file *f;

	memset(&taken, 0, sizeof(taken));
	memset(&opts, 0, sizeof(opts));
	opts.stories = bl_test_parser;
	opts.items_read = take_items;
	opts.items_undone = items_gone;
	f = bl_load_buffer(path, data, len, &opts);
	assert_non_null(f);
	return f;
}

/* A YAML backlog read as a stream hands each top-level entry's items
 * (with the items nested in it) over as they are read, then drops them;
 * an error later in the file takes them all back. */
static void
test_yaml_items_read(void **state)
{
	static const char nested[] = "epics:\n"
	                             "  - id: E-1\n"
	                             "    title: one\n"
	                             "    stories:\n"
	                             "      - id: S-1\n"
	                             "        title: two\n"
	                             "      - id: S-2\n"
	                             "        title: three\n"
	                             "  - id: E-2\n"
	                             "    title: four\n"
	                             "---\n"
	                             "id: S-3\n"
	                             "title: a document of its own\n";
	static const char error_after[] = "stories:\n"
	                                  "  - id: S-1\n"
	                                  "    title: ok\n"
	                                  "  - id: S-2\n"
	                                  "    title: [\n";
	struct bl_file *f;

	(void)state;
	f = load_taking("nested.yml", nested, sizeof(nested) - 1);
	/* Two batches while the list is read; S-3 (a document's root, read
	 * when the document ends) stays in the file. */
	assert_int_equal(taken.calls, 2);
	assert_int_equal(taken.nids, 4);
	assert_string_equal(taken.ids[0], "E-1");
	assert_string_equal(taken.ids[1], "S-1");
	assert_string_equal(taken.ids[2], "S-2");
	assert_string_equal(taken.ids[3], "E-2");
	assert_int_equal(taken.index[3], 3);
	assert_int_equal(taken.dropped_before[0], 0);
	assert_int_equal(taken.dropped_before[1], 3);
	assert_int_equal(f->ndropped, 4);
	assert_int_equal(f->nitems, 1);
	assert_text(f->items[0].id, "S-3");
	assert_int_equal(f->items[0].index, 4);
	assert_true(f->is_backlog);
	assert_int_equal(taken.undone, 0);
	bl_file_free(f);

	f = load_taking("error-after.yml", error_after, sizeof(error_after) - 1);
	assert_int_equal(taken.calls, 1);
	assert_string_equal(taken.ids[0], "S-1");
	assert_int_equal(taken.undone, 1);
	assert_int_equal(f->ndropped, 0);
	assert_int_equal(f->nitems, 0);
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_YAML);
	bl_file_free(f);
}

static void
test_too_large(void **state)
{
	static const char txt[] = "As a member, I want to renew a loan.\n";
	struct bl_load_opts opts;
	struct bl_file *f;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.stories = bl_test_parser;
	opts.max_bytes = 10;
	f = bl_load_buffer("stories.txt", txt, sizeof(txt) - 1, &opts);
	assert_false(f->is_backlog);
	assert_int_equal(f->nitems, 0);
	assert_int_equal(f->ndiags, 1);
	assert_int_equal(f->diags[0].kind, BL_DIAG_TOO_LARGE);
	assert_span(f->diags[0].span, 1, 1, 1, 1);
	bl_file_free(f);

	opts.max_bytes = sizeof(txt) - 1; /* at the limit: read */
	f = bl_load_buffer("stories.txt", txt, sizeof(txt) - 1, &opts);
	assert_true(f->is_backlog);
	assert_int_equal(f->nitems, 1);
	assert_int_equal(f->ndiags, 0);
	bl_file_free(f);
}

static void
test_type_inference(void **state)
{
	static const char epic_id[] = "---\n"
	                              "id: EPIC-1\n"
	                              "title: Loans\n"
	                              "status: open\n"
	                              "---\n"
	                              "\n"
	                              "All about loans.\n";
	static const char no_id[] = "---\n"
	                            "title: Loans\n"
	                            "status: open\n"
	                            "---\n"
	                            "\n"
	                            "All about loans.\n";
	static const char declared[] = "---\n"
	                               "id: EPIC-2\n"
	                               "title: Crash\n"
	                               "type: bug\n"
	                               "---\n"
	                               "\n"
	                               "As a member, I want no crash.\n";
	struct bl_file *f;
	const struct bl_item *it;

	(void)state;
	/* The id prefix. */
	f = LOAD("backlog/tasks/epic-1.md", epic_id, false);
	assert_int_equal(f->nitems, 1);
	it = &f->items[0];
	assert_text_at(f, it->id, "EPIC-1", 2, 5, 2, 10);
	assert_int_equal(it->type, BL_TYPE_EPIC);
	assert_true(it->type_inferred);
	assert_string_equal(it->type_reason, "id prefix");
	assert_null(it->type_text.s);
	bl_file_free(f);

	/* The folder. */
	f = LOAD("backlog/epics/x.md", no_id, false);
	assert_int_equal(f->nitems, 1);
	it = &f->items[0];
	assert_null(it->id.s);
	assert_span(it->span, 2, 8, 2, 12); /* anchored at the title */
	assert_int_equal(it->type, BL_TYPE_EPIC);
	assert_true(it->type_inferred);
	assert_string_equal(it->type_reason, "folder");
	bl_file_free(f);

	/* Nothing to go by: a task. */
	f = LOAD("x.md", no_id, false);
	assert_int_equal(f->nitems, 1);
	assert_int_equal(f->items[0].type, BL_TYPE_TASK);
	assert_true(f->items[0].type_inferred);
	assert_string_equal(f->items[0].type_reason, "default");
	bl_file_free(f);

	/* Declared: wins over id, folder and story sentence. */
	f = LOAD("backlog/epics/y.md", declared, false);
	assert_int_equal(f->nitems, 1);
	it = &f->items[0];
	assert_text_at(f, it->type_text, "bug", 4, 7, 4, 9);
	assert_int_equal(it->type, BL_TYPE_BUG);
	assert_false(it->type_inferred);
	assert_int_equal(it->story_template, 0);
	bl_file_free(f);
}

/* Declared personas: a YAML personas: list of names or mappings with
 * aliases (a list or one string with commas) and a description; a
 * markdown Personas section whose list items or sub-headings are
 * personas, with aliases as "(aka A, B)". Each name and alias keeps the
 * span of its own text. */
static void
test_personas(void **state)
{
	static const char yml[] =
	        "personas:\n"
	        "  - Member\n"
	        "  - name: Librarian\n"
	        "    aliases: [desk staff, Lending Librarian]\n"
	        "    description: Runs the lending desk.\n"
	        "  - persona: Administrator\n"
	        "    aka: admin, sysadmin\n"
	        "  - description: no name, so not a persona\n"
	        "  - name: Guest\n"
	        "stories:\n"
	        "  - id: S-1\n"
	        "    story: As a member, I want to renew a loan, so that I keep the book longer.\n";
	static const char doc[] =
	        "# Library backlog\n"
	        "\n"
	        "## Personas\n"
	        "\n"
	        "- **Member** (aka patron, borrower): borrows books.\n"
	        "- Librarian - runs the lending desk\n"
	        "- *Administrator* (also: admin)\n"
	        "- Archivist: keeps the special collections (not lent)\n"
	        "\n"
	        "### Guest (aka visitor)\n"
	        "\n"
	        "Looks around without an account.\n"
	        "\n"
	        "## US-1: Renew a loan\n"
	        "\n"
	        "As a member, I want to renew a loan, so that I keep the book longer.\n";
	static const char sub[] =
	        "# Personas\n"
	        "\n"
	        "- Member: borrows books (also lends them to friends)\n"
	        "- Librarian: runs the desk (aka desk staff)\n"
	        "\n"
	        "## Guest\n"
	        "\n"
	        "- Goals: look around without an account\n"
	        "- Frustrations: sign-up walls\n"
	        "\n"
	        "## US-1: Renew a loan\n"
	        "\n"
	        "As a member, I want to renew a loan, so that I keep the book longer.\n";
	struct bl_file *f;
	const struct bl_persona *p;

	(void)state;
	f = LOAD("backlog.yml", yml, false);
	assert_true(f->is_backlog);
	assert_int_equal(f->ndiags, 0);
	assert_int_equal(f->nitems, 1);
	assert_int_equal(f->npersonas, 4);
	p = &f->personas[0];
	assert_text_at(f, p->name, "Member", 2, 5, 2, 10);
	assert_int_equal(p->naliases, 0);
	assert_null(p->description.s);
	p = &f->personas[1];
	assert_text_at(f, p->name, "Librarian", 3, 11, 3, 19);
	assert_int_equal(p->naliases, 2);
	assert_text_at(f, p->aliases[0], "desk staff", 4, 15, 4, 24);
	assert_text_at(f, p->aliases[1], "Lending Librarian", 4, 27, 4, 43);
	assert_text_at(f, p->description, "Runs the lending desk.", 5, 18, 5, 39);
	p = &f->personas[2];
	assert_text_at(f, p->name, "Administrator", 6, 14, 6, 26);
	assert_int_equal(p->naliases, 2);
	assert_text_at(f, p->aliases[0], "admin", 7, 10, 7, 14);
	assert_text_at(f, p->aliases[1], "sysadmin", 7, 17, 7, 24);
	/* The entry without a name is dropped, and leaves nothing behind. */
	p = &f->personas[3];
	assert_text_at(f, p->name, "Guest", 9, 11, 9, 15);
	assert_int_equal(p->naliases, 0);
	assert_null(p->description.s);
	bl_file_free(f);

	f = LOAD("docs/backlog.md", doc, false);
	assert_true(f->is_backlog);
	assert_int_equal(f->nitems, 1);
	assert_text_at(f, f->items[0].role, "member", 16, 6, 16, 11);
	assert_int_equal(f->npersonas, 5);
	p = &f->personas[0];
	assert_text_at(f, p->name, "Member", 5, 5, 5, 10);
	assert_int_equal(p->naliases, 2);
	assert_text_at(f, p->aliases[0], "patron", 5, 19, 5, 24);
	assert_text_at(f, p->aliases[1], "borrower", 5, 27, 5, 34);
	p = &f->personas[1];
	assert_text_at(f, p->name, "Librarian", 6, 3, 6, 11);
	assert_int_equal(p->naliases, 0);
	p = &f->personas[2];
	assert_text_at(f, p->name, "Administrator", 7, 4, 7, 16);
	assert_int_equal(p->naliases, 1);
	assert_text_at(f, p->aliases[0], "admin", 7, 26, 7, 30);
	/* A parenthesis in the description holds no aliases. */
	p = &f->personas[3];
	assert_text_at(f, p->name, "Archivist", 8, 3, 8, 11);
	assert_int_equal(p->naliases, 0);
	p = &f->personas[4];
	assert_text_at(f, p->name, "Guest", 10, 5, 10, 9);
	assert_int_equal(p->naliases, 1);
	assert_text_at(f, p->aliases[0], "visitor", 10, 16, 10, 22);
	bl_file_free(f);

	/* Lists under a persona's sub-heading describe it; a parenthesis in a
	 * description is no alias list unless it says "aka"; a sub-heading
	 * that carries a story is an item, not a persona. */
	f = LOAD("personas.md", sub, false);
	assert_true(f->nitems >= 1);
	assert_text_at(f, f->items[f->nitems - 1].id, "US-1", 11, 4, 11, 7);
	assert_int_equal(f->npersonas, 3);
	p = &f->personas[0];
	assert_text_at(f, p->name, "Member", 3, 3, 3, 8);
	assert_int_equal(p->naliases, 0);
	p = &f->personas[1];
	assert_text_at(f, p->name, "Librarian", 4, 3, 4, 11);
	assert_int_equal(p->naliases, 1);
	assert_text_at(f, p->aliases[0], "desk staff", 4, 33, 4, 42);
	p = &f->personas[2];
	assert_text_at(f, p->name, "Guest", 6, 4, 6, 8);
	assert_int_equal(p->naliases, 0);
	bl_file_free(f);
}

/* Document metadata: a list value wrapped over two lines, and issue
 * numbers ("#7") as heading ids and dependencies. */
static void
test_document_wrapped_meta(void **state)
{
	static const char doc[] =
	        "# Backlog\n"
	        "\n"
	        "## #7: Renew a loan\n"
	        "\n"
	        "**Status:** ready\n"
	        "**Dependencies:** #8, US-2,\n"
	        "  US-4\n"
	        "\n"
	        "As a member, I want to renew a loan online, so that I keep the book.\n"
	        "\n"
	        "## #8 Sign in\n"
	        "\n"
	        "As a member, I want to sign in, so that my loans are mine.\n";
	struct bl_file *f;

	(void)state;
	f = LOAD("backlog.md", doc, false);
	assert_int_equal(f->nitems, 2);
	assert_text_at(f, f->items[0].id, "#7", 3, 4, 3, 5);
	assert_text_at(f, f->items[0].title, "Renew a loan", 3, 8, 3, 19);
	assert_text_at(f, f->items[0].status, "ready", 5, 13, 5, 17);
	assert_int_equal(f->items[0].ndepends, 3);
	assert_text_at(f, f->items[0].depends[0], "#8", 6, 19, 6, 20);
	assert_text_at(f, f->items[0].depends[1], "US-2", 6, 23, 6, 26);
	assert_text_at(f, f->items[0].depends[2], "US-4", 7, 3, 7, 6);
	assert_text_at(f, f->items[1].id, "#8", 11, 4, 11, 5);
	assert_text_at(f, f->items[1].title, "Sign in", 11, 7, 11, 13);
	bl_file_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_document_wrapped_meta),
	        cmocka_unit_test(test_item_file_backlog_md),
	        cmocka_unit_test(test_item_file_crlf),
	        cmocka_unit_test(test_item_file_description_trimmed),
	        cmocka_unit_test(test_document),
	        cmocka_unit_test(test_document_variants),
	        cmocka_unit_test(test_document_single_item_under_title),
	        cmocka_unit_test(test_yaml_list),
	        cmocka_unit_test(test_yaml_epics),
	        cmocka_unit_test(test_yaml_stories_mapping),
	        cmocka_unit_test(test_story_list),
	        cmocka_unit_test(test_story_list_prose),
	        cmocka_unit_test(test_unicode_spans),
	        cmocka_unit_test(test_format_choice),
	        cmocka_unit_test(test_md_body),
	        cmocka_unit_test(test_md_body_deep),
	        cmocka_unit_test(test_empty_files),
	        cmocka_unit_test(test_yaml_syntax_error),
	        cmocka_unit_test(test_front_matter_errors),
	        cmocka_unit_test(test_invalid_utf8),
	        cmocka_unit_test(test_yaml_invalid_utf8),
	        cmocka_unit_test(test_yaml_alias_bomb),
	        cmocka_unit_test(test_yaml_alias_errors),
	        cmocka_unit_test(test_yaml_streamed),
	        cmocka_unit_test(test_yaml_items_read),
	        cmocka_unit_test(test_too_large),
	        cmocka_unit_test(test_type_inference),
	        cmocka_unit_test(test_personas),
	};

	return cmocka_run_group_tests(tests, bl_test_setup, bl_test_teardown);
}
