/*
 * Unit tests of baselines. The real rules run over a small backlog (a
 * story list and a YAML file, loaded from buffers) and their findings are
 * written as a baseline in a temporary directory; the tests then lint
 * changed versions of the backlog and check which findings the baseline
 * matches: all of them when nothing changed, or when lines were inserted
 * above and the files reordered (every line number and some messages
 * change); exactly the edited one when an offending line is edited; none
 * new, and one unmatched entry, when a finding is fixed; duplicates on
 * identical lines by count. Also: the file format (header, sorting,
 * escapes, path normalisation), errors naming file and line for corrupt
 * files, CRLF files, and the atomic write.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "support.h"

#include "baseline.h"
#include "engine.h"
#include "load.h"
#include "model.h"
#include "rules.h"
#include "util.h"

/* The backlog as it is when the baseline is written: 12 findings. */
static const char list_txt[] =
        "As a user, I want to register and log in with my library card, so that my loans "
        "follow me.\n"
        "As a member, I want to renew a loan online, so that I keep the book longer.\n"
        "As a member, I want to see my fines.\n"
        "As a user, I want a report.\n"
        "As a user, I want a report.\n";

static const char items_yml[] =
        "- id: US-1\n"
        "  title: Renew loans by phone\n"
        "  story: As a member, I want to renew a loan by phone, so that I can keep the book "
        "while travelling.\n"
        "  acceptance_criteria:\n"
        "    - Given a loan due tomorrow, when I call the renewal line, then the due date moves "
        "by two weeks.\n"
        "- id: US-1\n"
        "  title: Search\n"
        "  story: As a user, I want search.\n";

#define NFINDINGS 12

/* Clean lines to insert above everything. */
static const char clean_txt[] =
        "As a branch librarian, I want to see overdue loans per branch, so that I can call "
        "members before fines grow.\n"
        "\n";

static const char clean_yml[] =
        "# Reservations come first this sprint.\n"
        "- id: US-7\n"
        "  title: Reserve a book on loan\n"
        "  story: As a member, I want to reserve a book that is on loan, so that I get it as "
        "soon as it is returned.\n"
        "  acceptance_criteria:\n"
        "    - Given a book on loan, when I reserve it, then I am notified when it is "
        "returned.\n";

struct src {
	const char *path;
	const char *data;
};

static char tmpdir[64];

static const char *
tmp_path(const char *name)
{
	static char p[2][512];
	static int k;

	k = !k;
	snprintf(p[k], sizeof(p[k]), "%s/%s", tmpdir, name);
	return p[k];
}

static int
setup(void **state)
{
	strcpy(tmpdir, "/tmp/bl-baseline-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	return bl_test_setup(state);
}

static int
teardown(void **state)
{
	DIR *d = opendir(tmpdir);
	struct dirent *de;

	while (d != NULL && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			unlink(tmp_path(de->d_name));
	if (d != NULL)
		closedir(d);
	rmdir(tmpdir);
	return bl_test_teardown(state);
}

/* Lints the files s[0, n) with the built-in rules. */
static struct bl_engine *
lint(const struct src *s, size_t n)
{
	struct bl_engine *e = bl_engine_new(&bl_registry);
	size_t i;

	for (i = 0; i < n; i++) {
		struct bl_file *f = bl_test_load(s[i].path, s[i].data, strlen(s[i].data), true);

		bl_engine_source(e, s[i].path, s[i].data, strlen(s[i].data));
		bl_engine_file(e, f);
		bl_file_free(f);
	}
	bl_engine_finish(e);
	return e;
}

static struct bl_engine *
lint2(const char *p1, const char *d1, const char *p2, const char *d2)
{
	struct src s[2];

	s[0].path = p1;
	s[0].data = d1;
	s[1].path = p2;
	s[1].data = d2;
	return lint(s, d2 ? 2 : 1);
}

static char *
concat(const char *a, const char *b)
{
	char *s = bl_xmalloc(strlen(a) + strlen(b) + 1);

	strcpy(s, a);
	strcat(s, b);
	return s;
}

/* Replaces the first from in s by to, in a new string. */
static char *
replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	char *r;

	assert_non_null(at);
	r = bl_xmalloc(strlen(s) - strlen(from) + strlen(to) + 1);
	memcpy(r, s, (size_t)(at - s));
	strcpy(r + (at - s), to);
	strcat(r, at + strlen(from));
	return r;
}

static void
write_text(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static char *
read_text(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct bl_buf b = {0};
	char chunk[4096];
	size_t got;

	assert_non_null(fp);
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		bl_buf_add(&b, chunk, got);
	fclose(fp);
	bl_buf_add(&b, "", 0);
	return b.s;
}

/* Writes the baseline of the original backlog to name and loads it. */
static struct bl_baseline *
baseline_of_original(const char *name)
{
	struct bl_engine *e = lint2("list.txt", list_txt, "items.yml", items_yml);
	const struct bl_finding *fd;
	struct bl_baseline *b;
	char err[256];
	size_t n;

	fd = bl_engine_findings(e, &n);
	assert_int_equal(n, NFINDINGS);
	assert_true(bl_baseline_write(tmp_path(name), e, fd, n, err, sizeof(err)));
	bl_engine_free(e);
	b = bl_baseline_load(tmp_path(name), err, sizeof(err));
	if (b == NULL)
		fail_msg("%s", err);
	assert_int_equal(bl_baseline_size(b), NFINDINGS);
	return b;
}

/* Matches every finding of e; returns how many are new and keeps up to
 * 8 of them in fresh. */
static size_t
match_all(struct bl_baseline *b, struct bl_engine *e, const struct bl_finding **fresh)
{
	const struct bl_finding *fd;
	size_t n, i, k = 0;

	fd = bl_engine_findings(e, &n);
	for (i = 0; i < n; i++) {
		if (bl_baseline_match(b, e, &fd[i]))
			continue;
		if (fresh != NULL && k < 8)
			fresh[k] = &fd[i];
		k++;
	}
	return k;
}

static const char *
rule_of(const struct bl_engine *e, const struct bl_finding *fd)
{
	return bl_engine_rule(e, fd->rule)->id;
}

/* Nothing changed: every finding matches, once. */
static void
test_same_findings(void **state)
{
	struct bl_baseline *b = baseline_of_original("same.txt");
	struct bl_engine *e = lint2("list.txt", list_txt, "items.yml", items_yml);
	const struct bl_finding *fd;
	size_t n;

	(void)state;
	assert_int_equal(match_all(b, e, NULL), 0);
	assert_int_equal(bl_baseline_unmatched(b), 0);
	/* Each recorded finding matches once only. */
	fd = bl_engine_findings(e, &n);
	assert_false(bl_baseline_match(b, e, &fd[0]));
	bl_engine_free(e);
	bl_baseline_free(b);
}

/* Lines inserted above (every line number changes, and so do the messages
 * that quote one), files in the other order, an item added: all match. */
static void
test_lines_inserted(void **state)
{
	struct bl_baseline *b = baseline_of_original("moved.txt");
	char *txt = concat(clean_txt, list_txt), *yml = concat(clean_yml, items_yml);
	struct bl_engine *before = lint2("list.txt", list_txt, "items.yml", items_yml);
	struct bl_engine *after = lint2("./items.yml", yml, "list.txt", txt);
	const struct bl_finding *fa, *fb;
	size_t na, nb, i, j, moved_msgs = 0;

	(void)state;
	fb = bl_engine_findings(before, &nb);
	fa = bl_engine_findings(after, &na);
	assert_int_equal(na, NFINDINGS);
	/* The same findings (file, rule, column, line text) are all on other
	 * lines now, and some have another message. */
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++) {
			const char *pa = fa[i].path + (fa[i].path[0] == '.' ? 2 : 0);

			if (strcmp(pa, fb[j].path) != 0 || fa[i].rule != fb[j].rule ||
			    fa[i].span.col != fb[j].span.col || strcmp(fa[i].line, fb[j].line) != 0)
				continue;
			assert_int_not_equal(fa[i].span.line, fb[j].span.line);
			if (strcmp(fa[i].message, fb[j].message) != 0)
				moved_msgs++;
		}
	assert_true(moved_msgs >= 2); /* duplicate-id and story/duplicate quote lines */
	assert_int_equal(match_all(b, after, NULL), 0);
	assert_int_equal(bl_baseline_unmatched(b), 0);
	bl_engine_free(before);
	bl_engine_free(after);
	bl_baseline_free(b);
	free(txt);
	free(yml);
}

/* Editing an offending line makes its finding new; white space changes
 * do not. */
static void
test_edited_line(void **state)
{
	struct bl_baseline *b = baseline_of_original("edited.txt");
	char *t1 = replace(list_txt, "see my fines.", "see my overdue fines.");
	char *t2 = replace(t1, "card, so that my loans follow me.",
	                   "card,   so\tthat my loans follow me.   ");
	struct bl_engine *e = lint2("list.txt", t2, "items.yml", items_yml);
	const struct bl_finding *fresh[8];
	const struct bl_baseline_entry *en;
	size_t n, i, left = 0;

	(void)state;
	assert_int_equal(match_all(b, e, fresh), 1);
	assert_string_equal(rule_of(e, fresh[0]), "value/missing");
	assert_string_equal(fresh[0]->path, "list.txt");
	assert_int_equal(fresh[0]->span.line, 3);
	assert_string_equal(fresh[0]->line, "As a member, I want to see my overdue fines.");
	/* The old finding on that line is left over. */
	assert_int_equal(bl_baseline_unmatched(b), 1);
	en = bl_baseline_entries(b, &n);
	for (i = 0; i < n; i++)
		if (en[i].matched < en[i].count) {
			left++;
			assert_string_equal(en[i].text, "As a member, I want to see my fines.");
		}
	assert_int_equal(left, 1);
	bl_engine_free(e);
	bl_baseline_free(b);
	free(t1);
	free(t2);
}

/* A fixed finding: nothing new, one baselined finding unmatched. */
static void
test_fixed(void **state)
{
	struct bl_baseline *b = baseline_of_original("fixed.txt");
	char *txt = replace(list_txt, "see my fines.",
	                    "see my fines, so that I can pay them before my card is blocked.");
	struct bl_engine *e = lint2("list.txt", txt, "items.yml", items_yml);
	const struct bl_baseline_entry *en;
	size_t n, i, k = 0;

	(void)state;
	assert_int_equal(match_all(b, e, NULL), 0);
	assert_int_equal(bl_baseline_unmatched(b), 1);
	en = bl_baseline_entries(b, &n);
	for (i = 0; i < n; i++) {
		if (en[i].matched == en[i].count)
			continue;
		k++;
		assert_string_equal(en[i].path, "list.txt");
		assert_string_equal(en[i].rule, "value/missing");
		assert_null(en[i].item);
		assert_int_equal(en[i].count, 1);
		assert_int_equal(en[i].matched, 0);
		assert_true(en[i].line > 2); /* after the header and the column names */
	}
	assert_int_equal(k, 1);
	bl_engine_free(e);
	bl_baseline_free(b);
	free(txt);
}

static size_t
count_lines_with(const char *text, const char *a, const char *b)
{
	size_t n = 0;
	const char *l = text;

	while (*l) {
		const char *end = strchr(l, '\n');
		char *line = bl_xstrndup(l, end ? (size_t)(end - l) : strlen(l));

		if (strstr(line, a) != NULL && strstr(line, b) != NULL)
			n++;
		free(line);
		if (end == NULL)
			break;
		l = end + 1;
	}
	return n;
}

/* Two identical findings on two identical lines are two entries. */
static void
test_duplicates(void **state)
{
	struct bl_baseline *b = baseline_of_original("dups.txt");
	char *text = read_text(tmp_path("dups.txt"));
	char *one = replace(list_txt, "As a user, I want a report.\n", "");
	char *three = concat(list_txt, "As a user, I want a report.\n");
	const struct bl_finding *fresh[8];
	struct bl_engine *e;
	size_t i;

	(void)state;
	assert_int_equal(count_lines_with(text, "list.txt\tpersona/generic\t-\t",
	                                  "\tAs a user, I want a report."),
	                 2);
	assert_int_equal(count_lines_with(text, "list.txt\tvalue/missing\t-\t",
	                                  "\tAs a user, I want a report."),
	                 2);

	/* One of the two lines removed: what is left matches; three findings
	 * (its persona, its value and the duplicate) are fixed. */
	e = lint2("list.txt", one, "items.yml", items_yml);
	assert_int_equal(match_all(b, e, NULL), 0);
	assert_int_equal(bl_baseline_unmatched(b), 3);
	bl_engine_free(e);
	bl_baseline_free(b);

	/* A third copy: its three findings are new, on the new line. */
	b = bl_baseline_load(tmp_path("dups.txt"), NULL, 0);
	assert_non_null(b);
	e = lint2("list.txt", three, "items.yml", items_yml);
	assert_int_equal(match_all(b, e, fresh), 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(fresh[i]->span.line, 6);
	assert_string_equal(rule_of(e, fresh[0]), "story/duplicate");
	assert_string_equal(rule_of(e, fresh[1]), "persona/generic");
	assert_string_equal(rule_of(e, fresh[2]), "value/missing");
	assert_int_equal(bl_baseline_unmatched(b), 0);
	bl_engine_free(e);
	bl_baseline_free(b);
	free(text);
	free(one);
	free(three);
}

#define TOP BL_BASELINE_HEADER "\n# path\trule\titem\tfingerprint\tline\n"

/* The text: header, column names, sorted lines, escapes, "-" for none,
 * and paths normalised. */
static void
test_format(void **state)
{
	static const char yml[] = "- id: \"-\"\n"
	                          "  title: Dash\n"
	                          "  story: As a user, I want dashes.\n";
	struct bl_engine *e = lint2("./#odd\tdir//./x.yml", yml, "list.txt", list_txt);
	struct bl_engine *e2 = lint2("list.txt", list_txt, "#odd\tdir/x.yml", yml);
	struct bl_buf out = {0};
	const struct bl_finding *fd;
	struct bl_baseline *b;
	char *line, *prev = NULL, *save = NULL;
	size_t n, nlines = 0;
	char err[256];

	(void)state;
	fd = bl_engine_findings(e, &n);
	bl_baseline_format(&out, e, fd, n);
	assert_true(strncmp(out.s, TOP, strlen(TOP)) == 0);
	assert_non_null(strstr(out.s, "\n\\#odd\\tdir/x.yml\tac/missing\t\\-\t"));
	assert_non_null(strstr(out.s, "\tpersona/generic\t\\-\t"));
	assert_non_null(strstr(out.s, "\tstory: As a user, I want dashes.\n"));
	assert_non_null(strstr(out.s, "\nlist.txt\tstory/atomic\t-\t"));
	for (line = strtok_r(out.s, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		nlines++;
		if (line[0] == '#')
			continue;
		if (prev != NULL)
			assert_true(strcmp(prev, line) <= 0);
		prev = line;
	}
	assert_int_equal(nlines, 2 + n);
	bl_buf_free(&out);

	/* It reads back, and matches the same files named another way. */
	assert_true(bl_baseline_write(tmp_path("format.txt"), e, fd, n, err, sizeof(err)));
	b = bl_baseline_load(tmp_path("format.txt"), err, sizeof(err));
	assert_non_null(b);
	assert_int_equal(match_all(b, e2, NULL), 0);
	assert_int_equal(bl_baseline_unmatched(b), 0);
	bl_baseline_free(b);

	/* An empty run: just the header and the column names. */
	bl_baseline_format(&out, e, fd, 0);
	assert_string_equal(out.s, TOP);
	bl_buf_free(&out);
	bl_engine_free(e);
	bl_engine_free(e2);
}

/* Corrupt files: NULL and a message naming the file and the line. */
static void
test_corrupt(void **state)
{
	static const struct {
		const char *data;
		size_t len; /* 0: strlen */
		const char *want;
	} cases[] = {
	        {"", 0, ":1: not a backlint baseline"},
	        {"hello\nlist.txt\tvalue/missing\t-\t0123456789abcdef\n", 0,
	         ":1: not a backlint baseline: the first line must be '# backlint baseline v1'"},
	        {"# backlint baseline v2\n", 0, ":1: unsupported baseline version 'v2'"},
	        {"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, ":1: not a backlint baseline"},
	        {BL_BASELINE_HEADER "\n# note\nlist.txt\tvalue/missing\n", 0,
	         ":3: expected 4 or 5 tab-separated fields (path, rule, item, fingerprint, line), "
	         "found 2 in 'list.txt?value/missing'"},
	        {BL_BASELINE_HEADER "\nlist.txt\tvalue/missing\t-\t0123456789abcdef\tx\n"
	                            "a\tb/c\td\te\tf\tg\n",
	         0, ":3: expected 4 or 5 tab-separated fields"},
	        {BL_BASELINE_HEADER "\nlist.txt\tvalue/missing\t-\tnot-hex\tx\n", 0,
	         ":2: bad fingerprint 'not-hex': expected 16 hex digits"},
	        {BL_BASELINE_HEADER "\nlist.txt\tvalue/missing\t-\t0123456789abcdef0\n", 0,
	         ":2: bad fingerprint"},
	        {BL_BASELINE_HEADER "\nlist.txt\tnot a rule\t-\t0123456789abcdef\n", 0,
	         ":2: bad rule id 'not a rule': expected family/name"},
	        {BL_BASELINE_HEADER "\nlist.txt\tvalue/\t-\t0123456789abcdef\n", 0,
	         ":2: bad rule id"},
	        {BL_BASELINE_HEADER "\n\nli\\qst.txt\tvalue/missing\t-\t0123456789abcdef\n", 0,
	         ":3: bad escape '\\q' in the path field"},
	        {BL_BASELINE_HEADER "\nlist.txt\tvalue/missing\t-\t0123456789abcdef\tends in \\\n",
	         0, ":2: bad escape '\\' in the line field"},
	        {BL_BASELINE_HEADER "\nlist.txt\tvalue/missing\t\t0123456789abcdef\n", 0,
	         ":2: empty item id (write '-' for none)"},
	        {BL_BASELINE_HEADER "\n\tvalue/missing\t-\t0123456789abcdef\n", 0,
	         ":2: empty path"},
	        {BL_BASELINE_HEADER "\r\nlist.txt\tvalue/missing\t-\t01234567\0"
	                            "89abcdef\r\n",
	         68, ":2: NUL byte: not a text file"},
	};
	const char *path = tmp_path("corrupt.txt");
	char err[256], want[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].data);

		write_text(path, cases[i].data, len);
		err[0] = '\0';
		assert_null(bl_baseline_load(path, err, sizeof(err)));
		snprintf(want, sizeof(want), "%s%s", path, cases[i].want);
		if (strncmp(err, want, strlen(want)) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s...\"", i, err, want);
	}

	/* A missing file; a directory. */
	assert_null(bl_baseline_load(tmp_path("missing.txt"), err, sizeof(err)));
	snprintf(want, sizeof(want), "%s: cannot read the baseline: ", tmp_path("missing.txt"));
	assert_true(strncmp(err, want, strlen(want)) == 0);
	assert_null(bl_baseline_load(tmpdir, err, sizeof(err)));
	assert_true(strncmp(err, tmpdir, strlen(tmpdir)) == 0);

	/* A short error buffer is cut, not overrun; no buffer at all is fine. */
	memset(err, 'x', sizeof(err));
	assert_null(bl_baseline_parse("f", "garbage", 7, err, 8));
	assert_string_equal(err, "f:1: no");
	assert_null(bl_baseline_parse("f", "garbage", 7, NULL, 0));
}

/* CRLF line ends, a byte order mark, comments, blank lines: all fine. */
static void
test_crlf(void **state)
{
	struct bl_engine *e = lint2("list.txt", list_txt, "items.yml", items_yml);
	const struct bl_finding *fd;
	struct bl_buf text = {0}, crlf = {0};
	struct bl_baseline *b;
	char err[256];
	size_t n, i;

	(void)state;
	fd = bl_engine_findings(e, &n);
	bl_baseline_format(&text, e, fd, n);
	bl_buf_puts(&crlf, "\xef\xbb\xbf");
	for (i = 0; i < text.len; i++) {
		if (text.s[i] == '\n')
			bl_buf_putc(&crlf, '\r');
		bl_buf_putc(&crlf, text.s[i]);
		if (i == strlen(BL_BASELINE_HEADER))
			bl_buf_puts(&crlf, "\r\n# accepted in sprint 12\r\n   \r\n");
	}
	crlf.len -= 2; /* no line break at the end */
	write_text(tmp_path("crlf.txt"), crlf.s, crlf.len);
	b = bl_baseline_load(tmp_path("crlf.txt"), err, sizeof(err));
	if (b == NULL)
		fail_msg("%s", err);
	assert_int_equal(bl_baseline_size(b), NFINDINGS);
	assert_int_equal(match_all(b, e, NULL), 0);
	assert_int_equal(bl_baseline_unmatched(b), 0);
	bl_baseline_free(b);
	bl_buf_free(&text);
	bl_buf_free(&crlf);
	bl_engine_free(e);
}

/* The write replaces the file whole, keeps its mode, leaves no temporary
 * file, and fails cleanly where it cannot write. */
static void
test_write(void **state)
{
	struct bl_engine *e = lint2("list.txt", list_txt, "items.yml", items_yml);
	const char *path = tmp_path("write.txt");
	const struct bl_finding *fd;
	struct stat st;
	char err[256], *text;
	size_t n, files = 0;
	struct dirent *de;
	DIR *d;

	(void)state;
	fd = bl_engine_findings(e, &n);
	write_text(path, "old", 3);
	assert_int_equal(chmod(path, 0640), 0);
	assert_true(bl_baseline_write(path, e, fd, n, err, sizeof(err)));
	text = read_text(path);
	assert_true(strncmp(text, BL_BASELINE_HEADER "\n", strlen(BL_BASELINE_HEADER) + 1) == 0);
	free(text);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	d = opendir(tmpdir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, ".tmp") != NULL)
			files++;
	closedir(d);
	assert_int_equal(files, 0);

	assert_false(bl_baseline_write(tmp_path("no/such/dir.txt"), e, fd, n, err, sizeof(err)));
	assert_true(strncmp(err, tmp_path("no/such/dir.txt"),
	                    strlen(tmp_path("no/such/dir.txt"))) == 0);
	bl_engine_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_same_findings), cmocka_unit_test(test_lines_inserted),
	        cmocka_unit_test(test_edited_line),   cmocka_unit_test(test_fixed),
	        cmocka_unit_test(test_duplicates),    cmocka_unit_test(test_format),
	        cmocka_unit_test(test_corrupt),       cmocka_unit_test(test_crlf),
	        cmocka_unit_test(test_write),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
