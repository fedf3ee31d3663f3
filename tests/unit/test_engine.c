/*
 * Unit tests of the rule engine and the file's line map. A registry of
 * fake rules (a backlog rule, a file rule and two item rules limited to
 * some item types) runs over files loaded from buffers; the tests check
 * that findings come out sorted by file order, line, column and rule
 * whatever order they were reported in, that severities set on the
 * engine apply and "off" silences a rule, that a rule sees only the items
 * of its types, and that rules are found by id. The line map tests
 * check bl_file_pos, bl_file_span and bl_file_line on CRLF text.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "support.h"

#include "engine.h"
#include "load.h"
#include "model.h"
#include "rules.h"

/* The fake registry: indexes into rules[] below. */
enum { R_BACKLOG, R_FILE, R_STORY, R_EPIC_BUG, R__COUNT };

/* What the checks saw, reset by each test. */
static struct {
	int backlog_calls, file_calls;
	char story_seen[8][16];
	int nstory;
	char epic_bug_seen[8][16];
	int nepic_bug;
} seen;

static void
remember(char (*ids)[16], int *n, const struct bl_item *it)
{
	const char *id = it->id.s ? it->id.s : "-";
	size_t len = it->id.s ? it->id.len : 1;

	assert_true(*n < 8);
	assert_true(len < 16);
	memcpy(ids[*n], id, len);
	ids[*n][len] = '\0';
	(*n)++;
}

/* Reports each item of the backlog, last first. */
static void
check_backlog(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	size_t i;

	seen.backlog_calls++;
	for (i = b->nitems; i > 0; i--) {
		const struct bl_summary *s = &b->items[i - 1];

		bl_report_ref(ctx, R_BACKLOG, &s->ref, s->id, "item %s", s->id ? s->id : "-");
	}
}

/* Reports the last line, then a span with no line (1:1), then 1:5. */
static void
check_file(struct bl_ctx *ctx, const struct bl_file *f)
{
	struct bl_span last = {f->nlines, 1, f->nlines, 1};
	struct bl_span none = {0, 0, 0, 0};
	struct bl_span l1c5 = {1, 5, 1, 6};

	seen.file_calls++;
	bl_report(ctx, R_FILE, last, "last line");
	bl_report(ctx, R_FILE, none, "no line");
	bl_report(ctx, R_FILE, l1c5, "line %d column %d", 1, 5);
}

static void
check_story(struct bl_ctx *ctx, const struct bl_item *it)
{
	remember(seen.story_seen, &seen.nstory, it);
	bl_report(ctx, R_STORY, it->span, "story at %u", it->span.line);
}

static void
check_epic_bug(struct bl_ctx *ctx, const struct bl_item *it)
{
	(void)ctx;
	remember(seen.epic_bug_seen, &seen.nepic_bug, it);
}

static const struct bl_rule rules[R__COUNT] = {
        {"fake/backlog", BL_SEV_WARNING, BL_TYPES_ALL, "every item, backlog-wide", BL_SCOPE_BACKLOG,
         NULL, NULL, check_backlog, NULL, NULL, 0, 0, 0},
        {"fake/file", BL_SEV_ERROR, BL_TYPES_ALL, "three findings per file", BL_SCOPE_FILE,
         check_file, NULL, NULL, NULL, NULL, 0, 0, 0},
        {"fake/story", BL_SEV_INFO, BL_TYPE_BIT(BL_TYPE_STORY), "every story", BL_SCOPE_ITEM, NULL,
         check_story, NULL, NULL, NULL, 0, 0, 0},
        {"fake/epic-bug", BL_SEV_WARNING, BL_TYPE_BIT(BL_TYPE_EPIC) | BL_TYPE_BIT(BL_TYPE_BUG),
         "sees epics and bugs", BL_SCOPE_ITEM, NULL, check_epic_bug, NULL, NULL, NULL, 0, 0, 0},
};

static const struct bl_option options[] = {
        {R_STORY, "max", BL_OPT_INT, "3", "a number", NULL},
        {R_STORY, "scale", BL_OPT_STRING, "fibonacci", "a name", NULL},
};

static const struct bl_wordlist wordlists[] = {
        {"fruit", "# fruit\napple\npassion fruit = maracuja\n", "some fruit"},
};

static const struct bl_registry registry = {rules, R__COUNT, options, 2,    wordlists,
                                            1,     NULL,     NULL,    NULL, NULL};

/* File 0: a story, an epic (id prefix) and a declared bug. */
static const char yml[] = "- id: US-1\n"
                          "  title: One\n"
                          "  story: As a member, I want one, so that it works.\n"
                          "- id: EPIC-2\n"
                          "  title: Two\n"
                          "- id: US-3\n"
                          "  title: Three\n"
                          "  type: bug\n";

/* File 1: two stories, one a line. */
static const char txt[] = "As a guest, I want a, so that b.\n"
                          "As a guest, I want c, so that d.\n";

static struct bl_file *
load(const char *path, const char *data, size_t len)
{
	struct bl_file *f = bl_test_load(path, data, len, true);

	assert_int_equal(f->ndiags, 0);
	return f;
}

/* Runs the engine over the two files, freeing each once it is read. */
static void
run(struct bl_engine *e)
{
	struct bl_file *f;

	memset(&seen, 0, sizeof(seen));
	/* No file to read again: backlog findings read their lines here. */
	bl_engine_source(e, "a.yml", yml, sizeof(yml) - 1);
	bl_engine_source(e, "b.txt", txt, sizeof(txt) - 1);
	f = load("a.yml", yml, sizeof(yml) - 1);
	assert_int_equal(f->nitems, 3);
	assert_int_equal(f->items[0].type, BL_TYPE_STORY);
	assert_int_equal(f->items[1].type, BL_TYPE_EPIC);
	assert_int_equal(f->items[2].type, BL_TYPE_BUG);
	bl_engine_file(e, f);
	bl_file_free(f);
	f = load("b.txt", txt, sizeof(txt) - 1);
	assert_int_equal(f->nitems, 2);
	bl_engine_file(e, f);
	bl_file_free(f);
	bl_engine_finish(e);
}

struct want {
	size_t file;
	uint32_t line, col;
	size_t rule;
	const char *item_id; /* NULL: none */
	const char *message;
};

static void
check_findings(struct bl_engine *e, const struct want *w, size_t nw)
{
	const struct bl_finding *fd;
	size_t n, i;

	fd = bl_engine_findings(e, &n);
	for (i = 0; i < n && i < nw; i++) {
		assert_int_equal(fd[i].file_index, w[i].file);
		assert_string_equal(fd[i].path, w[i].file == 0 ? "a.yml" : "b.txt");
		assert_int_equal(fd[i].span.line, w[i].line);
		assert_int_equal(fd[i].span.col, w[i].col);
		assert_int_equal(fd[i].rule, w[i].rule);
		assert_int_equal(fd[i].severity, bl_engine_severity(e, fd[i].rule));
		assert_string_equal(fd[i].message, w[i].message);
		if (w[i].item_id == NULL)
			assert_null(fd[i].item_id);
		else {
			assert_non_null(fd[i].item_id);
			assert_string_equal(fd[i].item_id, w[i].item_id);
		}
		assert_non_null(fd[i].line);
	}
	assert_int_equal(n, nw);
	/* Whatever the expectations say: sorted by (file, line, col, rule). */
	for (i = 1; i < n; i++) {
		const struct bl_finding *a = &fd[i - 1], *b = &fd[i];

		assert_true(a->file_index < b->file_index ||
		            (a->file_index == b->file_index &&
		             (a->span.line < b->span.line ||
		              (a->span.line == b->span.line &&
		               (a->span.col < b->span.col ||
		                (a->span.col == b->span.col && a->rule <= b->rule))))));
	}
}

static void
test_findings_sorted(void **state)
{
	/* a.yml has 9 lines (8 and the empty one after the last break),
	 * b.txt 3. Items are anchored at their ids (column 7) or lines. */
	static const struct want w[] = {
	        {0, 1, 1, R_FILE, NULL, "no line"},
	        {0, 1, 5, R_FILE, NULL, "line 1 column 5"},
	        {0, 1, 7, R_BACKLOG, "US-1", "item US-1"},
	        {0, 1, 7, R_STORY, "US-1", "story at 1"},
	        {0, 4, 7, R_BACKLOG, "EPIC-2", "item EPIC-2"},
	        {0, 6, 7, R_BACKLOG, "US-3", "item US-3"},
	        {0, 9, 1, R_FILE, NULL, "last line"},
	        {1, 1, 1, R_BACKLOG, NULL, "item -"},
	        {1, 1, 1, R_FILE, NULL, "no line"},
	        {1, 1, 1, R_STORY, NULL, "story at 1"},
	        {1, 1, 5, R_FILE, NULL, "line 1 column 5"},
	        {1, 2, 1, R_BACKLOG, NULL, "item -"},
	        {1, 2, 1, R_STORY, NULL, "story at 2"},
	        {1, 3, 1, R_FILE, NULL, "last line"},
	};
	struct bl_engine *e = bl_engine_new(&registry);
	const struct bl_finding *fd;
	size_t n, k;

	(void)state;
	run(e);
	assert_int_equal(bl_engine_files(e), 2);
	assert_int_equal(seen.backlog_calls, 1);
	assert_int_equal(seen.file_calls, 2);
	check_findings(e, w, sizeof(w) / sizeof(w[0]));

	/* Findings keep their source line after the files are freed; those
	 * of backlog-wide rules read it again (a.yml's text was given). */
	fd = bl_engine_findings(e, &n);
	assert_string_equal(fd[2].line, "- id: US-1");
	assert_string_equal(fd[6].line, "");
	assert_string_equal(fd[11].line, "As a guest, I want c, so that d.");
	assert_int_equal(fd[3].severity, BL_SEV_INFO);
	assert_int_equal(fd[4].severity, BL_SEV_WARNING);
	assert_int_equal(fd[0].severity, BL_SEV_ERROR);
	bl_engine_free(e);

	/* The same when the findings (made out of order by these rules) go
	 * to sorted runs one or two at a time and are merged back. */
	for (k = 1; k <= 2; k++) {
		e = bl_engine_new(&registry);
		bl_engine_set_spill(e, k, k);
		run(e);
		check_findings(e, w, sizeof(w) / sizeof(w[0]));
		bl_engine_free(e);
	}
}

/* Rules see only the items of their types; file and backlog rules all. */
/* A backlog-wide finding reads its line from its file again when the run
 * ends; a file gone by then shows none, and nothing breaks. */
static void
test_lines_read_again(void **state)
{
	char path[] = "/tmp/backlint-engine-XXXXXX";
	int fdesc = mkstemp(path), k;

	(void)state;
	assert_true(fdesc >= 0);
	assert_int_equal(write(fdesc, yml, sizeof(yml) - 1), (ssize_t)(sizeof(yml) - 1));
	close(fdesc);
	for (k = 0; k < 2; k++) {
		struct bl_engine *e = bl_engine_new(&registry);
		const struct bl_finding *fd;
		struct bl_file *f;
		size_t n, i;

		memset(&seen, 0, sizeof(seen));
		f = load(path, yml, sizeof(yml) - 1);
		bl_engine_file(e, f);
		bl_file_free(f);
		if (k == 1)
			unlink(path);
		bl_engine_finish(e);
		fd = bl_engine_findings(e, &n);
		for (i = 0; i < n && fd[i].rule != R_BACKLOG; i++)
			;
		assert_true(i < n);
		assert_int_equal(fd[i].span.line, 1);
		assert_string_equal(fd[i].line, k == 0 ? "- id: US-1" : "");
		bl_engine_free(e);
	}
}

/* A rule in two parts (check_file_kept): each story keeps two bits in the
 * second of its words, then the file part reads every item's summary. */
static void
keep_story(struct bl_ctx *ctx, const struct bl_item *it)
{
	uint64_t *kept = bl_ctx_keep(ctx);

	assert_non_null(kept);
	kept[1] |= 1;
	kept[1] |= it->index == 0 ? 4 : 2;
}

static void
check_kept(struct bl_ctx *ctx, const struct bl_backlog *file)
{
	size_t i, kept = 0;

	for (i = 0; i < file->nitems; i++) {
		const uint64_t *words = bl_summary_kept(ctx, &file->items[i]);

		if (words != NULL && words[1] != 0) {
			kept++;
			bl_report_ref(ctx, 0, &file->items[i].ref, file->items[i].id,
			              "kept %u of %zu", (unsigned)words[1], file->nitems);
		}
	}
	assert_true(kept <= file->nitems);
}

static const struct bl_rule kept_rules[] = {
        {"fake/kept", BL_SEV_WARNING, BL_TYPE_BIT(BL_TYPE_STORY), "stories, then the file",
         BL_SCOPE_ITEM, NULL, keep_story, NULL, NULL, check_kept, 0, 0, 2},
};

static const struct bl_registry kept_registry = {kept_rules, 1,    options, 0,    wordlists,
                                                 0,          NULL, NULL,    NULL, NULL};

/* The file part sees the file's items, the kept values of the items its
 * types select, and reports in the file (with its lines) before the file
 * is freed. */
static void
test_file_kept(void **state)
{
	static const struct want w[] = {
	        {0, 1, 7, 0, "US-1", "kept 5 of 3"},
	        {1, 1, 1, 0, NULL, "kept 5 of 2"},
	        {1, 2, 1, 0, NULL, "kept 3 of 2"},
	};
	struct bl_engine *e = bl_engine_new(&kept_registry);
	const struct bl_finding *fd;
	size_t n;

	(void)state;
	run(e);
	check_findings(e, w, sizeof(w) / sizeof(w[0]));
	fd = bl_engine_findings(e, &n);
	assert_string_equal(fd[0].line, "- id: US-1");
	assert_string_equal(fd[2].line, "As a guest, I want c, so that d.");
	bl_engine_free(e);
}

/* A file whose items come in batches (bl_engine_stream_*, as the loader
 * hands them over through bl_engine_hook) gives what the file checked
 * whole gives. */
static void
lint_yaml(struct bl_engine *e, const char *data, size_t len, bool streamed)
{
	struct bl_load_hook h = {bl_engine_worker(e), NULL, NULL};
	struct bl_load_opts opts;
	struct bl_file *f;

	memset(&opts, 0, sizeof(opts));
	opts.stories = bl_test_parser;
	opts.explicit_file = true;
	if (streamed)
		bl_engine_hook(&h, &opts, h.w, NULL);
	f = bl_load_buffer("a.yml", data, len, &opts);
	assert_non_null(f);
	assert_int_equal(f->ndropped > 0, streamed);
	bl_engine_add(e, bl_engine_hook_end(&h, f));
	bl_file_free(f);
	bl_engine_finish(e);
}

static void
test_streamed(void **state)
{
	static const char data[] = "stories:\n"
	                           "  - id: US-1\n"
	                           "    title: One\n"
	                           "    story: As a member, I want one, so that it works.\n"
	                           "  - id: US-2\n"
	                           "    title: Two\n"
	                           "    story: As a member, I want two, so that it works.\n"
	                           "  - id: US-3\n"
	                           "    title: Three\n"
	                           "    type: bug\n";
	const struct bl_registry *regs[] = {&registry, &kept_registry};
	size_t k, i;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct bl_engine *whole = bl_engine_new(regs[k]), *parts = bl_engine_new(regs[k]);
		const struct bl_finding *a, *b;
		size_t na, nb;

		bl_engine_source(whole, "a.yml", data, sizeof(data) - 1);
		bl_engine_source(parts, "a.yml", data, sizeof(data) - 1);
		lint_yaml(whole, data, sizeof(data) - 1, false);
		lint_yaml(parts, data, sizeof(data) - 1, true);
		a = bl_engine_findings(whole, &na);
		b = bl_engine_findings(parts, &nb);
		assert_int_equal(na, nb);
		assert_true(na >= 2);
		for (i = 0; i < na; i++) {
			assert_int_equal(a[i].rule, b[i].rule);
			assert_int_equal(a[i].span.line, b[i].span.line);
			assert_int_equal(a[i].span.col, b[i].span.col);
			assert_string_equal(a[i].message, b[i].message);
			assert_string_equal(a[i].line, b[i].line);
			assert_string_equal(a[i].item_id ? a[i].item_id : "-",
			                    b[i].item_id ? b[i].item_id : "-");
		}
		bl_engine_free(whole);
		bl_engine_free(parts);
	}
}

/* Every finding of e, in order, as text. */
static char *
all_findings(struct bl_engine *e)
{
	const struct bl_finding *fd;
	char *buf = NULL;
	size_t len = 0, n, i;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	fd = bl_engine_findings(e, &n);
	for (i = 0; i < n; i++)
		fprintf(out, "%s %u:%u-%u:%u %zu %s [%s] %s | %s\n", fd[i].path, fd[i].span.line,
		        fd[i].span.col, fd[i].span.end_line, fd[i].span.end_col, fd[i].rule,
		        fd[i].message, fd[i].item_id ? fd[i].item_id : "-",
		        bl_severity_name(fd[i].severity), fd[i].line ? fd[i].line : "");
	fclose(out);
	return buf;
}

/* The findings of a lint with findings held in memory (whole) or moved to
 * sorted runs every few (spill), streamed or not. */
static char *
lint_spilled(const char *data, size_t len, bool streamed, size_t spill_file, size_t spill_backlog)
{
	struct bl_engine *e = bl_engine_new(&bl_registry);
	char *out;

	bl_engine_set_spill(e, spill_file, spill_backlog);
	bl_engine_source(e, "a.yml", data, len);
	lint_yaml(e, data, len, streamed);
	assert_null(bl_engine_error(e));
	out = all_findings(e);
	bl_engine_free(e);
	return out;
}

/* A file with many findings, and backlog rules with many, move them to
 * sorted runs as they go: what is reported stays the same, in the same
 * order. */
static void
test_spilled(void **state)
{
	struct bl_buf b = {0};
	char *whole, *part;
	int i, streamed;

	(void)state;
	bl_buf_puts(&b, "stories:\n");
	/* Items with no story, no criteria, repeated titles, unknown
	 * dependencies: several findings each, in the file and in the
	 * backlog pass. */
	for (i = 0; i < 120; i++)
		bl_buf_printf(&b,
		              "  - id: US-%d\n    title: Renew a loan %d\n    status: Ready\n"
		              "    depends_on: [US-%d, XX-%d]\n%s",
		              i, i % 7, i + 1, i,
		              i % 3 ? "" : "    story: As a user, I want it, so that it works.\n");
	for (streamed = 0; streamed <= 1; streamed++) {
		whole = lint_spilled(b.s, b.len, streamed, 0, 0);
		assert_true(strlen(whole) > 0);
		part = lint_spilled(b.s, b.len, streamed, 5, 3);
		assert_string_equal(whole, part);
		free(part);
		part = lint_spilled(b.s, b.len, streamed, 1, 1);
		assert_string_equal(whole, part);
		free(part);
		free(whole);
	}
	bl_buf_free(&b);
}

static void
test_rule_types(void **state)
{
	struct bl_engine *e = bl_engine_new(&registry);

	(void)state;
	run(e);
	assert_int_equal(seen.nstory, 3);
	assert_string_equal(seen.story_seen[0], "US-1");
	assert_string_equal(seen.story_seen[1], "-");
	assert_string_equal(seen.story_seen[2], "-");
	assert_int_equal(seen.nepic_bug, 2);
	assert_string_equal(seen.epic_bug_seen[0], "EPIC-2");
	assert_string_equal(seen.epic_bug_seen[1], "US-3");
	bl_engine_free(e);
}

static void
test_severity(void **state)
{
	static const struct want w[] = {
	        {0, 1, 7, R_BACKLOG, "US-1", "item US-1"},
	        {0, 1, 7, R_STORY, "US-1", "story at 1"},
	        {0, 4, 7, R_BACKLOG, "EPIC-2", "item EPIC-2"},
	        {0, 6, 7, R_BACKLOG, "US-3", "item US-3"},
	        {1, 1, 1, R_BACKLOG, NULL, "item -"},
	        {1, 1, 1, R_STORY, NULL, "story at 1"},
	        {1, 2, 1, R_BACKLOG, NULL, "item -"},
	        {1, 2, 1, R_STORY, NULL, "story at 2"},
	};
	struct bl_engine *e = bl_engine_new(&registry);
	const struct bl_finding *fd;
	size_t n, i;

	(void)state;
	assert_int_equal(bl_engine_severity(e, R_BACKLOG), BL_SEV_WARNING);
	assert_int_equal(bl_engine_severity(e, R_FILE), BL_SEV_ERROR);
	assert_int_equal(bl_engine_severity(e, R_STORY), BL_SEV_INFO);
	bl_engine_set_severity(e, R_FILE, BL_SEV_OFF);
	bl_engine_set_severity(e, R_STORY, BL_SEV_ERROR);
	bl_engine_set_severity(e, R_BACKLOG, BL_SEV_INFO);
	bl_engine_set_severity(e, R__COUNT, BL_SEV_ERROR); /* out of range: ignored */
	assert_int_equal(bl_engine_severity(e, R_FILE), BL_SEV_OFF);
	assert_int_equal(bl_engine_severity(e, R_STORY), BL_SEV_ERROR);
	assert_int_equal(bl_engine_severity(e, R__COUNT), BL_SEV_OFF);
	/* The registry's defaults are not changed. */
	assert_int_equal(rules[R_FILE].severity, BL_SEV_ERROR);
	run(e);
	assert_int_equal(seen.file_calls, 0); /* off: not even run */
	check_findings(e, w, sizeof(w) / sizeof(w[0]));
	fd = bl_engine_findings(e, &n);
	for (i = 0; i < n; i++)
		assert_int_equal(fd[i].severity,
		                 fd[i].rule == R_STORY ? BL_SEV_ERROR : BL_SEV_INFO);
	bl_engine_free(e);

	/* Everything off: nothing runs, nothing is found. */
	e = bl_engine_new(&registry);
	for (i = 0; i < R__COUNT; i++)
		bl_engine_set_severity(e, i, BL_SEV_OFF);
	run(e);
	assert_int_equal(seen.backlog_calls, 0);
	assert_int_equal(seen.file_calls, 0);
	assert_int_equal(seen.nstory, 0);
	assert_int_equal(seen.nepic_bug, 0);
	fd = bl_engine_findings(e, &n);
	assert_int_equal(n, 0);
	assert_int_equal(bl_engine_files(e), 2);
	bl_engine_free(e);
}

static void
test_find(void **state)
{
	struct bl_engine *e = bl_engine_new(&registry);
	struct bl_engine *real = bl_engine_new(&bl_registry);

	(void)state;
	assert_int_equal(bl_engine_nrules(e), R__COUNT);
	assert_int_equal(bl_engine_find(e, "fake/backlog"), R_BACKLOG);
	assert_int_equal(bl_engine_find(e, "fake/file"), R_FILE);
	assert_int_equal(bl_engine_find(e, "fake/epic-bug"), R_EPIC_BUG);
	assert_int_equal(bl_engine_find(e, "fake"), -1);
	assert_int_equal(bl_engine_find(e, "fake/file/"), -1);
	assert_int_equal(bl_engine_find(e, ""), -1);
	assert_string_equal(bl_engine_rule(e, R_STORY)->id, "fake/story");
	assert_null(bl_engine_rule(e, R__COUNT));
	assert_int_equal(bl_engine_files(e), 0);

	/* The built-in registry. */
	assert_int_equal(bl_engine_find(real, "parse/yaml"), BL_R_PARSE_YAML);
	assert_int_equal(bl_engine_find(real, "deps/unknown"), BL_R_DEPS_UNKNOWN);
	assert_int_equal(bl_engine_find(real, "fake/file"), -1);

	assert_int_equal(bl_severity_parse("error"), BL_SEV_ERROR);
	assert_int_equal(bl_severity_parse("off"), BL_SEV_OFF);
	assert_int_equal(bl_severity_parse("fatal"), -1);
	assert_string_equal(bl_severity_name(BL_SEV_WARNING), "warning");
	bl_engine_free(real);
	bl_engine_free(e);
}

/* No files at all: finishing runs the backlog rules over nothing. */
static void
test_empty_run(void **state)
{
	struct bl_engine *e = bl_engine_new(&registry);
	size_t n;

	(void)state;
	memset(&seen, 0, sizeof(seen));
	bl_engine_finish(e);
	assert_int_equal(seen.backlog_calls, 1);
	(void)bl_engine_findings(e, &n);
	assert_int_equal(n, 0);
	bl_engine_free(e);
}

/* "ab", "cd", "", "ef" with CRLF breaks and no final break. */
static void
test_line_map_crlf(void **state)
{
	static const char text[] = "ab\r\ncd\r\n\r\nef";
	struct bl_file *f = bl_file_new("x.txt", text, sizeof(text) - 1);
	struct bl_span sp;
	uint32_t line, col;
	const char *s;
	size_t len;

	(void)state;
	assert_int_equal(f->len, 12);
	assert_int_equal(f->nlines, 4);
	assert_int_equal(f->lines[0], 0);
	assert_int_equal(f->lines[1], 4);
	assert_int_equal(f->lines[2], 8);
	assert_int_equal(f->lines[3], 10);

	bl_file_pos(f, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	bl_file_pos(f, 2, &line, &col); /* the CR */
	assert_int_equal(line, 1);
	assert_int_equal(col, 3);
	bl_file_pos(f, 3, &line, &col); /* the LF */
	assert_int_equal(line, 1);
	assert_int_equal(col, 4);
	bl_file_pos(f, 4, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 1);
	bl_file_pos(f, 8, &line, &col); /* the empty line's CR */
	assert_int_equal(line, 3);
	assert_int_equal(col, 1);
	bl_file_pos(f, 11, &line, &col);
	assert_int_equal(line, 4);
	assert_int_equal(col, 2);
	bl_file_pos(f, 12, &line, &col); /* the end */
	assert_int_equal(line, 4);
	assert_int_equal(col, 3);
	bl_file_pos(f, 1000, &line, &col); /* clamped to the end */
	assert_int_equal(line, 4);
	assert_int_equal(col, 3);

	sp = bl_file_span(f, 4, 2); /* "cd" */
	assert_int_equal(sp.line, 2);
	assert_int_equal(sp.col, 1);
	assert_int_equal(sp.end_line, 2);
	assert_int_equal(sp.end_col, 2);
	sp = bl_file_span(f, 5, 0); /* empty: a point */
	assert_int_equal(sp.line, 2);
	assert_int_equal(sp.col, 2);
	assert_int_equal(sp.end_line, 2);
	assert_int_equal(sp.end_col, 2);
	sp = bl_file_span(f, 1, 10); /* "b\r\ncd\r\n\r\ne": end inclusive */
	assert_int_equal(sp.line, 1);
	assert_int_equal(sp.col, 2);
	assert_int_equal(sp.end_line, 4);
	assert_int_equal(sp.end_col, 1);

	s = bl_file_line(f, 1, &len);
	assert_int_equal(len, 2);
	assert_memory_equal(s, "ab", 2);
	s = bl_file_line(f, 2, &len);
	assert_int_equal(len, 2);
	assert_memory_equal(s, "cd", 2);
	s = bl_file_line(f, 3, &len);
	assert_int_equal(len, 0);
	assert_ptr_equal(s, f->data + 8);
	s = bl_file_line(f, 4, &len);
	assert_int_equal(len, 2);
	assert_memory_equal(s, "ef", 2);
	s = bl_file_line(f, 0, &len);
	assert_int_equal(len, 0);
	assert_string_equal(s, "");
	s = bl_file_line(f, 5, &len);
	assert_int_equal(len, 0);
	assert_string_equal(s, "");
	bl_file_free(f);
}

/* A BOM is dropped before the map is built; columns count bytes. */
static void
test_line_map_bom_utf8(void **state)
{
	static const char text[] = "\xEF\xBB\xBF\xC3\xA9t\xC3\xA9\r\nx";
	struct bl_file *f = bl_file_new("x.txt", text, sizeof(text) - 1);
	struct bl_span sp;
	const char *s;
	size_t len;

	(void)state;
	assert_int_equal(f->len, sizeof(text) - 1 - 3);
	assert_int_equal(f->nlines, 2);
	sp = bl_file_span(f, 2, 1); /* "t" after "é" */
	assert_int_equal(sp.line, 1);
	assert_int_equal(sp.col, 3);
	s = bl_file_line(f, 1, &len);
	assert_int_equal(len, 5);
	assert_memory_equal(s, "\xC3\xA9t\xC3\xA9", 5);
	/* Character column 2 (after "ét") is byte offset 3. */
	assert_int_equal(bl_file_char_offset(f, 1, 2), 3);
	assert_int_equal(bl_file_char_offset(f, 2, 0), 7);
	bl_file_free(f);
}

/* Options start at their defaults and change only to valid values; word
 * lists are found by name and can be changed. */
static void
test_options_and_words(void **state)
{
	struct bl_engine *e = bl_engine_new(&registry);
	struct bl_wordset *ws;
	char err[128];
	int w;

	(void)state;
	assert_true(bl_engine_set_option(e, R_STORY, "max", "7", err, sizeof(err)));
	assert_false(bl_engine_set_option(e, R_STORY, "max", "seven", err, sizeof(err)));
	assert_non_null(strstr(err, "whole number"));
	assert_false(bl_engine_set_option(e, R_STORY, "min", "1", err, sizeof(err)));
	assert_non_null(strstr(err, "fake/story has no option 'min'"));
	assert_false(bl_engine_set_option(e, R_FILE, "max", "1", err, sizeof(err)));
	assert_true(bl_engine_set_option(e, R_STORY, "scale", "tshirt", err, sizeof(err)));
	w = bl_engine_find_words(e, "fruit");
	assert_int_equal(w, 0);
	assert_int_equal(bl_engine_find_words(e, "vegetables"), -1);
	ws = bl_engine_words(e, (size_t)w);
	assert_int_equal(bl_wordset_count(ws), 2);
	assert_non_null(bl_wordset_lookup(ws, "Passion Fruit", 13));
	bl_wordset_add(ws, "kiwi", 4, NULL);
	assert_int_equal(bl_wordset_count(bl_engine_words(e, 0)), 3);
	assert_null(bl_engine_words(e, 1));
	assert_ptr_equal(bl_engine_registry(e), &registry);
	bl_engine_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_findings_sorted),   cmocka_unit_test(test_lines_read_again),
	        cmocka_unit_test(test_file_kept),         cmocka_unit_test(test_streamed),
	        cmocka_unit_test(test_spilled),           cmocka_unit_test(test_rule_types),
	        cmocka_unit_test(test_severity),          cmocka_unit_test(test_find),
	        cmocka_unit_test(test_empty_run),         cmocka_unit_test(test_line_map_crlf),
	        cmocka_unit_test(test_line_map_bom_utf8), cmocka_unit_test(test_options_and_words),
	};

	return cmocka_run_group_tests(tests, bl_test_setup, bl_test_teardown);
}
