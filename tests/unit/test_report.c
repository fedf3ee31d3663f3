/*
 * Unit tests of the reporters' shared helpers and of every reporter fed
 * hostile findings directly (bytes no loaded file can produce): paths made
 * relative and normalised, URI, GitHub and XML escaping, character
 * columns, fingerprints that survive moved lines, and outputs that stay
 * valid UTF-8 without forbidden control characters whatever the message,
 * item id or path hold, honouring the minimum severity.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <cmocka.h>

#include "report_int.h"
#include "rules.h"
#include "util.h"

static void
check_path(const char *in, const char *want)
{
	char *got = bl_rep_path(in);

	assert_string_equal(got, want);
	free(got);
}

static void
test_path(void **state)
{
	char cwd[4096], in[4200], *slash;

	(void)state;
	check_path("./a//b/", "a/b");
	check_path("a", "a");
	check_path(".", ".");
	check_path("./", ".");
	check_path("a/./b/../c", "a/b/../c");
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	snprintf(in, sizeof(in), "%s/x//y.md", cwd);
	check_path(in, "x/y.md");
	snprintf(in, sizeof(in), "%s", cwd);
	check_path(in, ".");
	slash = strrchr(cwd, '/');
	if (slash != NULL && slash != cwd) {
		*slash = '\0';
		snprintf(in, sizeof(in), "%s/other/z.md", cwd);
		check_path(in, "../other/z.md");
	}
}

static void
test_escaping(void **state)
{
	struct bl_buf b = {0};
	static const char nasty[] = "\x01<&\">'\t\n\r\xef\xbf\xbe\xff\xc3\xa9\x7f";

	(void)state;
	bl_rep_uri(&b, "dir/sprint 3, draft:%\xc3\xa9~_.txt");
	assert_string_equal(b.s, "dir/sprint%203%2C%20draft%3A%25%C3%A9~_.txt");
	bl_rep_reset(&b);
	bl_rep_gh(&b, "a%b\r\nc:d,e\x1b\xff", true);
	assert_string_equal(b.s, "a%25b%0D%0Ac%3Ad%2Ce\xef\xbf\xbd\xef\xbf\xbd");
	bl_rep_reset(&b);
	bl_rep_gh(&b, "a%b\r\nc:d,e", false);
	assert_string_equal(b.s, "a%25b%0D%0Ac:d,e");
	bl_rep_reset(&b);
	bl_rep_xml(&b, nasty, sizeof(nasty) - 1);
	assert_string_equal(b.s, "\xef\xbf\xbd&lt;&amp;&quot;&gt;'&#9;&#10;&#13;\xef\xbf\xbd"
	                         "\xef\xbf\xbd\xc3\xa9\x7f");
	bl_rep_reset(&b);
	bl_rep_utf8(&b, nasty, sizeof(nasty) - 1);
	assert_string_equal(b.s,
	                    "\xef\xbf\xbd<&\">'\t\n\r\xef\xbf\xbe\xef\xbf\xbd\xc3\xa9\xef\xbf\xbd");
	bl_buf_free(&b);
}

static void
test_char_col(void **state)
{
	struct bl_finding fd;
	char line[] = "As a caf\xc3\xa9 owner, I want \xe2\x82\xac";

	(void)state;
	memset(&fd, 0, sizeof(fd));
	fd.line = line;
	assert_int_equal(bl_rep_char_col(&fd, 1), 1);
	assert_int_equal(bl_rep_char_col(&fd, 9), 9);   /* the é */
	assert_int_equal(bl_rep_char_col(&fd, 11), 10); /* the space after it */
	assert_int_equal(bl_rep_char_col(&fd, 28), 26); /* past the € */
	assert_int_equal(bl_rep_char_col(&fd, 30), 27); /* beyond the line */
	/* A window of the line starting at byte 100: bytes before count one. */
	fd.line_off = 100;
	assert_int_equal(bl_rep_char_col(&fd, 50), 50);
	assert_int_equal(bl_rep_char_col(&fd, 111), 110);
}

static void
test_fingerprint(void **state)
{
	struct bl_engine *e = bl_engine_new(&bl_registry);
	struct bl_rep_fps *f = bl_rep_fps_new(), *g = bl_rep_fps_new();
	struct bl_finding fd;
	char a[33], b[33], c[33], d[33], msg[] = "m", line[] = "As a user,   I want it",
	                                 id[] = "US-1";
	char other[] = "As a user, I want that";
	int i;

	(void)state;
	memset(&fd, 0, sizeof(fd));
	fd.rule = BL_R_PERSONA_GENERIC;
	fd.severity = BL_SEV_WARNING;
	fd.message = msg;
	fd.path = "a.txt";
	fd.item_id = id;
	fd.line = line;
	fd.span.line = 3;
	bl_rep_fingerprint(f, e, &fd, "a.txt", a);
	bl_rep_fingerprint(f, e, &fd, "a.txt", b); /* a second occurrence */
	assert_int_equal(strlen(a), 32);
	assert_string_not_equal(a, b);
	/* Moved lines and reflowed white space keep the fingerprints. */
	fd.span.line = 30;
	line[10] = '\t';
	bl_rep_fingerprint(g, e, &fd, "a.txt", c);
	bl_rep_fingerprint(g, e, &fd, "a.txt", d);
	assert_string_equal(a, c);
	assert_string_equal(b, d);
	/* Another line text, item, rule or path: another fingerprint. */
	fd.line = other;
	bl_rep_fingerprint(g, e, &fd, "a.txt", c);
	assert_string_not_equal(a, c);
	fd.line = line;
	for (i = 0; i < 3; i++) {
		struct bl_rep_fps *h = bl_rep_fps_new();

		fd.item_id = i == 0 ? NULL : id;
		fd.rule = i == 1 ? BL_R_PERSONA_MISSING : BL_R_PERSONA_GENERIC;
		bl_rep_fingerprint(h, e, &fd, i == 2 ? "b.txt" : "a.txt", c);
		assert_string_not_equal(a, c);
		bl_rep_fps_free(h);
	}
	/* Many keys: the table grows and still counts. */
	for (i = 0; i < 1000; i++) {
		char p[32];

		snprintf(p, sizeof(p), "f%d.txt", i % 500);
		bl_rep_fingerprint(g, e, &fd, p, c);
	}
	bl_rep_fps_free(f);
	bl_rep_fps_free(g);
	bl_engine_free(e);
}

/* Runs reporter r over fds[0, n) with minimum severity min; the output
 * (to free). */
static char *
run(const struct bl_reporter *r, const struct bl_engine *e, const struct bl_finding *fds, size_t n,
    enum bl_severity min)
{
	struct bl_report_opts o;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *out = open_memstream(&buf, &len);
	void *st;

	assert_non_null(out);
	memset(&o, 0, sizeof(o));
	o.min = min;
	o.files = 2;
	o.version = "9.9.9";
	o.rule_doc = bl_rule_doc;
	st = r->open(out, e, &o);
	for (i = 0; i < n; i++)
		r->finding(st, &fds[i]);
	r->close(st);
	fclose(out);
	assert_int_equal(strlen(buf), len);
	return buf;
}

static void
test_hostile(void **state)
{
	struct bl_engine *e = bl_engine_new(&bl_registry);
	char msg1[] = "quote \" <tag> & 100%: a,b\r\nnext \x01\x1b \xef\xbf\xbe end \xc3";
	char msg2[] = "INFO-MARK \xff\xfe";
	char msg3[] = "file \x7f level\t\xed\xa0\x80";
	char id1[] = "US-\3761\n<x>"; /* \376 is 0xfe */
	char line1[] = "caf\xc3\xa9 \xe9 x";
	char empty[] = "";
	struct bl_finding fds[3];
	size_t i;

	(void)state;
	memset(fds, 0, sizeof(fds));
	fds[0].rule = BL_R_PERSONA_GENERIC;
	fds[0].severity = BL_SEV_WARNING;
	fds[0].message = msg1;
	fds[0].path = "./dir//odd\xff name, x:y.md";
	fds[0].item_id = id1;
	fds[0].line = line1;
	fds[0].span = (struct bl_span){2, 6, 2, 8};
	fds[1].rule = BL_R_STORY_MINIMAL;
	fds[1].severity = BL_SEV_INFO;
	fds[1].message = msg2;
	fds[1].path = fds[0].path;
	fds[1].line = empty;
	fds[1].span = (struct bl_span){3, 1, 2, 0}; /* ends before it starts */
	fds[2].rule = BL_R_PARSE_ENCODING;
	fds[2].severity = BL_SEV_ERROR;
	fds[2].message = msg3;
	fds[2].path = "b.txt";
	fds[2].file_index = 1;
	fds[2].line = empty;
	fds[2].span = (struct bl_span){0, 0, 0, 0};
	for (i = 0; bl_reporters[i] != NULL; i++) {
		const struct bl_reporter *r = bl_reporters[i];
		bool text = strcmp(r->name, "text") == 0;
		char *all = run(r, e, fds, 3, BL_SEV_INFO),
		     *some = run(r, e, fds, 3, BL_SEV_WARNING);
		const char *p;

		print_message("format %s\n", r->name);
		if (getenv("BL_TEST_DUMP") != NULL)
			fputs(all, stderr);
		/* Below the minimum is not shown. */
		assert_non_null(strstr(all, "INFO-MARK"));
		assert_null(strstr(some, "INFO-MARK"));
		if (text) {
			free(all);
			free(some);
			continue;
		}
		/* Valid UTF-8 (no lone surrogates), no control characters but
		 * line breaks (and tabs in GitHub messages), no unnormalised
		 * path; in XML no U+FFFE. */
		assert_true(bl_utf8_valid(all, strlen(all), NULL));
		for (p = all; *p; p++)
			assert_true((unsigned char)*p >= 0x20 || *p == '\n' ||
			            (*p == '\t' && strcmp(r->name, "github") == 0));
		if (strcmp(r->name, "junit") == 0 || strcmp(r->name, "checkstyle") == 0)
			assert_null(strstr(all, "\xef\xbf\xbe"));
		assert_null(strstr(all, "./dir"));
		assert_null(strstr(all, "dir//"));
		if (strcmp(r->name, "github") == 0) {
			assert_non_null(strstr(
			        all, "::warning file=dir/odd\xef\xbf\xbd name%2C x%3Ay.md,line=2,"
			             "col=5,endColumn=7,title=persona/generic::quote \" <tag> & "
			             "100%25: a,b%0D%0Anext "));
			assert_non_null(
			        strstr(all, "::error file=b.txt,line=1,col=1,endColumn=1,"));
			assert_non_null(strstr(all, "::notice file="));
		}
		if (strcmp(r->name, "sarif") == 0) {
			assert_non_null(
			        strstr(all, "\"uri\": \"dir/odd%FF%20name%2C%20x%3Ay.md\""));
			assert_non_null(strstr(
			        all, "\"startColumn\": 5, \"endLine\": 2, \"endColumn\": 8"));
			assert_non_null(strstr(all, "\"version\": \"9.9.9\""));
		}
		if (strcmp(r->name, "junit") == 0 || strcmp(r->name, "checkstyle") == 0)
			assert_non_null(strstr(
			        all, "quote &quot; &lt;tag&gt; &amp; 100%: a,b&#13;&#10;next"));
		if (strcmp(r->name, "json") == 0)
			assert_non_null(strstr(all, "\"item\": \"US-\\ufffd1\\n<x>\""));
		free(all);
		free(some);
	}
	bl_engine_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_path),     cmocka_unit_test(test_escaping),
	        cmocka_unit_test(test_char_col), cmocka_unit_test(test_fingerprint),
	        cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
