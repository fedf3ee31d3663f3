/*
 * Unit tests of reading a large markdown backlog document in sections
 * (bl_load_opts.md_section): whatever the section size, and whether the
 * items are taken as they are read (items_read) or kept, the loader must
 * understand a document exactly as when it parses it whole. Every
 * markdown file of fixtures/, examples/ and tests/ is loaded both ways
 * and the model dumps (--dump-model's writer) compared, and so are
 * documents made to trip the section boundaries: headings in fenced code
 * and HTML blocks, Personas sections, evidence found in a later section.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "support.h"

#include "load.h"
#include "model.h"
#include "report.h"
#include "util.h"

/* Large enough that no test document is read in sections. */
#define WHOLE ((size_t)1 << 40)

/* items_read: the items are dumped as they are handed over. */
static void
take(void *arg, struct bl_file *f)
{
	fputs("-- batch\n", (FILE *)arg);
	bl_dump_texts((FILE *)arg, f);
}

/* What the loader understood of data, as text: items, personas, whether
 * it is a backlog, diagnostics. Batches are marked when take is set, and
 * *batches counts them. */
static char *
dump(const char *path, const char *data, size_t len, size_t section, bool take_items,
     bool explicit_file, int *batches)
{
	struct bl_load_opts opts;
	struct bl_file *f;
	char *buf = NULL, *p, *q;
	size_t n = 0, i;
	FILE *out = open_memstream(&buf, &n);

	assert_non_null(out);
	memset(&opts, 0, sizeof(opts));
	opts.stories = bl_test_parser;
	opts.explicit_file = explicit_file;
	opts.md_section = section;
	if (take_items) {
		opts.items_read = take;
		opts.arg = out;
	}
	f = bl_load_buffer(path, data, len, &opts);
	assert_non_null(f);
	bl_dump_texts(out, f);
	bl_dump_personas(out, f);
	fprintf(out, "backlog %d, %zu items, skip: %s\n", f->is_backlog, f->nitems + f->ndropped,
	        f->skip_reason ? f->skip_reason : "-");
	for (i = 0; i < f->ndiags; i++)
		fprintf(out, "diag %u:%u %s\n", f->diags[i].span.line, f->diags[i].span.col,
		        f->diags[i].message);
	bl_file_free(f);
	fclose(out);
	/* Count the batch marks and drop them: a whole read has none. */
	*batches = 0;
	for (p = q = buf; *p;) {
		if (strncmp(p, "-- batch\n", 9) == 0) {
			p += 9;
			(*batches)++;
			continue;
		}
		*q++ = *p++;
	}
	*q = '\0';
	return buf;
}

/* Loads data whole and in sections of several sizes, items kept and
 * taken; every reading must match the whole one. Returns the most
 * batches one reading handed over. */
static int
same_reading(const char *path, const char *data, size_t len, bool explicit_file)
{
	static const size_t sizes[] = {1, 7, 64, 300, 4096};
	int batches, most = 0;
	char *whole = dump(path, data, len, WHOLE, false, explicit_file, &batches);
	size_t i;
	int take;

	assert_int_equal(batches, 0);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (take = 0; take <= 1; take++) {
			char *part = dump(path, data, len, sizes[i], take, explicit_file, &batches);

			if (strcmp(whole, part) != 0)
				fail_msg("%s read in sections of %zu bytes (%s) differs:\n--- "
				         "whole\n%s\n"
				         "--- sections\n%s",
				         path, sizes[i], take ? "items taken" : "items kept", whole,
				         part);
			if (batches > most)
				most = batches;
			free(part);
		}
	free(whole);
	return most;
}

static size_t files_read;

static void
each_markdown(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;
		size_t n = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			each_markdown(path);
		} else if (S_ISREG(st.st_mode) && n > 3 && strcmp(e->d_name + n - 3, ".md") == 0 &&
		           st.st_size < (1 << 20)) {
			struct bl_buf b = {0};
			FILE *in = fopen(path, "rb");

			if (in == NULL)
				continue;
			assert_true(bl_buf_read(&b, in));
			fclose(in);
			same_reading(path, b.s ? b.s : "", b.len, false);
			files_read++;
			bl_buf_free(&b);
		}
	}
	closedir(d);
}

/* Every markdown file the project ships reads the same in sections. */
static void
test_project_files(void **state)
{
	(void)state;
	files_read = 0;
	each_markdown(BL_SOURCE_DIR "/fixtures");
	each_markdown(BL_SOURCE_DIR "/examples");
	each_markdown(BL_SOURCE_DIR "/tests");
	if (files_read < 80)
		fail_msg("only %zu markdown files read", files_read);
}

/* Documents made to trip the boundaries. */
static void
test_boundaries(void **state)
{
	static const char fenced[] =
	        "## US-1: Renew a loan\n\nAs a member, I want to renew a loan, so that I keep "
	        "it.\n\n```sh\n# not a heading\nrenew --all\n# nor this\n```\n\n"
	        "~~~~\n```\n# still code\n~~~~\n\n## US-2: Pay a fine\n\nAs a member, I want to "
	        "pay a fine, so that I can borrow again.\n";
	static const char html[] =
	        "## US-1: Renew a loan\n\nAs a member, I want to renew a loan, "
	        "so that I keep it.\n\n<div>\n# inside the block\n</div>\n\nA loan runs three "
	        "weeks.\n\n"
	        "<!--\n# in a comment\n-->\n\n## US-2: Pay a fine\n\n"
	        "Status: Ready\n";
	static const char personas[] =
	        "# Personas\n\n## Maya, branch librarian\n\nRuns the desk.\n\n## Sam\n\n"
	        "- Goals: read more\n\n# Backlog\n\n## US-1: Renew a loan\n\nAs a branch "
	        "librarian, I "
	        "want to renew a loan for a member, so that they keep it.\n\n## US-2: Pay a "
	        "fine\n\n"
	        "As a member, I want to pay a fine, so that I can borrow again.\n";
	static const char later_evidence[] =
	        "# Release 1\n\n## Renew a loan\n\n### Description\n\nLoans run out.\n\n### "
	        "Notes\n\n"
	        "Ask the desk.\n\n### Acceptance criteria\n\n- Given a loan, when I renew it, then "
	        "it runs two more weeks\n\n## Pay a fine\n\n### Description\n\nFines stop loans.\n"
	        "\n### Acceptance criteria\n\n- The fine is paid\n";
	static const char lists[] = "## US-1: One\n\n- Status: Ready\n- Estimate: 3\n"
	                            "## US-2: Two\n> quoted\n# Group\n## US-3: Three\n\n1. a\n"
	                            "2. b\n   # indented\n## US-4: Four\n";
	static const char setext[] = "US-1: Renew a loan\n------------------\n\nAs a member, I "
	                             "want to renew a loan, so that I keep it.\n\n# Later\n\n"
	                             "US-2: Pay a fine\n----------------\n\nStatus: Done\n";
	static const char crlf[] = "## US-1: Renew a loan\r\n\r\nAs a member, I want to renew a "
	                           "loan, so that I keep it.\r\n\r\n## US-2: Pay\r\n\r\n"
	                           "Status: Ready\r\n";
	static const char no_headings[] = "Just some notes.\n\nAnd more notes.\n";
	static const char front[] = "---\ntitle: Backlog\n---\n\n## US-1: Renew a loan\n\n"
	                            "As a member, I want to renew a loan, so that I keep it.\n";
	static const char notes[] = "---\ntitle: Notes\n---\n\n# Notes\n\nSome text.\n\n"
	                            "## Details\n\nMore text.\n";
	static const char unclosed[] = "## US-1: One\n\n```\n# code\n\n## US-2: never a heading\n";

	(void)state;
	assert_true(same_reading("fenced.md", fenced, sizeof(fenced) - 1, false) >= 2);
	assert_true(same_reading("html.md", html, sizeof(html) - 1, false) >= 2);
	assert_true(same_reading("personas.md", personas, sizeof(personas) - 1, false) >= 2);
	assert_true(same_reading("later.md", later_evidence, sizeof(later_evidence) - 1, false) >=
	            2);
	assert_true(same_reading("lists.md", lists, sizeof(lists) - 1, false) >= 2);
	same_reading("setext.md", setext, sizeof(setext) - 1, false);
	same_reading("crlf.md", crlf, sizeof(crlf) - 1, false);
	same_reading("none.md", no_headings, sizeof(no_headings) - 1, false);
	same_reading("none.md", no_headings, sizeof(no_headings) - 1, true);
	same_reading("front.md", front, sizeof(front) - 1, false);
	same_reading("front.md", front, sizeof(front) - 1, true);
	same_reading("unclosed.md", unclosed, sizeof(unclosed) - 1, false);
	/* Named, with front matter and no item headings: an item file, read
	 * whole after the first pass. */
	same_reading("notes.md", notes, sizeof(notes) - 1, true);
}

/* A document whose heading lines sit in blocks again and again: after a
 * few tries the rest is read as one section, still the same. */
static void
test_many_false_headings(void **state)
{
	struct bl_buf b = {0};
	int i;

	(void)state;
	bl_buf_puts(&b, "## US-1: Renew a loan\n\nAs a member, I want to renew a loan, so that I "
	                "keep it.\n\n");
	for (i = 0; i < 40; i++)
		bl_buf_printf(&b, "<div>\n# not %d\n</div>\n\nMore on renewing, part %d.\n\n", i,
		              i);
	bl_buf_puts(&b, "## US-2: Pay a fine\n\nStatus: Ready\n");
	same_reading("divs.md", b.s, b.len, false);
	bl_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_project_files),
	        cmocka_unit_test(test_boundaries),
	        cmocka_unit_test(test_many_false_headings),
	};

	return cmocka_run_group_tests(tests, bl_test_setup, bl_test_teardown);
}
