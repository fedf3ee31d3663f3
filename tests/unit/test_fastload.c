/*
 * Unit tests of the loader's shortcuts, each against the slow way it
 * replaces: positions found from the line map's blocks (against a walk of
 * the text), the ASCII scan of the UTF-8 check, and markdown parsed into
 * an arena (against cmark_parse_document(), tree for tree).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "md_body.h"
#include "model.h"
#include "util.h"

/* The line and column of byte off of s[0, len), counted by a walk: a line
 * ends at "\n", "\r\n" or a "\r" alone. */
static void
walk_pos(const char *s, size_t len, size_t off, uint32_t *line, uint32_t *col)
{
	size_t i, start = 0;

	*line = 1;
	if (off > len)
		off = len;
	for (i = 0; i < off; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))) {
			++*line;
			start = i + 1;
		}
	*col = (uint32_t)(off - start) + 1;
}

static void
check_every_offset(const char *s, size_t len)
{
	struct bl_file *f = bl_file_new("t.md", s, len);
	size_t off;

	for (off = 0; off <= len + 2; off++) {
		uint32_t line, col, wline, wcol;

		bl_file_pos(f, off, &line, &col);
		walk_pos(s, len, off, &wline, &wcol);
		assert_int_equal(line, wline);
		assert_int_equal(col, wcol);
	}
	bl_file_free(f);
}

/* Many lines in a block, lines longer than a block, and line breaks of
 * every kind on either side of a block's edge. */
static void
test_positions(void **state)
{
	char buf[1200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = i % 3 == 0 ? '\n' : 'a';
	check_every_offset(buf, sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = i % 200 == 199 ? '\n' : 'b';
	check_every_offset(buf, sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = "ab\r\ncd\r\r\n\n"[i % 10];
	check_every_offset(buf, sizeof(buf));
	memset(buf, '\n', sizeof(buf));
	check_every_offset(buf, sizeof(buf));
	check_every_offset("", 0);
	check_every_offset("\r", 1);
	check_every_offset("no line break", 13);
}

static void
test_ascii_prefix(void **state)
{
	static const char s[] = "0123456789abcdef\xc3\xa9tail";
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i <= 16; i++)
		assert_int_equal(bl_ascii_prefix(s + i, sizeof(s) - 1 - i), 16 - i);
	assert_int_equal(bl_ascii_prefix(s, 7), 7);
	assert_int_equal(bl_ascii_prefix("", 0), 0);
	assert_true(bl_utf8_valid(s, sizeof(s) - 1, &bad));
	assert_false(bl_utf8_valid("0123456789abcdef\xc3", 17, &bad));
	assert_int_equal(bad, 16);
	assert_false(bl_utf8_valid("caf\xc3\xa9 0123456789 \xff", 18, &bad));
	assert_int_equal(bad, 17);
}

/* Tree doc written out node by node: type, source positions, text. */
static char *
dump(cmark_node *doc)
{
	struct bl_buf b = {0};
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *lit = cmark_node_get_literal(n);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		bl_buf_printf(&b, "%s %d:%d-%d:%d [%s] %d %d\n", cmark_node_get_type_string(n),
		              cmark_node_get_start_line(n), cmark_node_get_start_column(n),
		              cmark_node_get_end_line(n), cmark_node_get_end_column(n),
		              lit ? lit : "", cmark_node_get_heading_level(n),
		              cmark_node_get_list_type(n));
	}
	cmark_iter_free(it);
	bl_buf_add(&b, "", 1);
	return b.s;
}

static void
same_tree(const char *s, size_t len)
{
	struct bl_arena *a = bl_arena_new();
	cmark_node *want = cmark_parse_document(s, len, CMARK_OPT_SOURCEPOS);
	cmark_node *got = bl_md_parse(a, s, len);
	char *w = dump(want), *g = dump(got);

	assert_string_equal(g, w);
	free(w);
	free(g);
	/* What cmark allocates once the tree is parsed (joined text) is
	 * its own, freed as before. */
	cmark_consolidate_text_nodes(got);
	cmark_consolidate_text_nodes(want);
	w = dump(want);
	g = dump(got);
	assert_string_equal(g, w);
	free(w);
	free(g);
	cmark_node_free(want);
	cmark_node_free(got);
	bl_arena_free(a);
}

static void
test_md_parse(void **state)
{
	static const char mixed[] = "# Title\r\n\r\n- [ ] one\r\n- two *em* `code`\r\n\r\n"
	                            "> quote\rlazy\r\n\n```\nfenced\n```\n[ref]: /u \"t\"\n"
	                            "[ref] &amp; <b>html</b>\n\n1. a\n   2. b\n\nno break";
	static const char nul[] = "a\0b\n\n* c\0\n";
	size_t big = 100000, i;
	char *s = malloc(big);

	(void)state;
	same_tree(mixed, sizeof(mixed) - 1);
	same_tree(nul, sizeof(nul) - 1);
	same_tree("", 0);
	same_tree("trailing cr\r", 12);
	/* Buffers that outgrow a chunk of the arena. */
	for (i = 0; i < big; i++)
		s[i] = i % 5000 == 4999 ? '\n' : (char)('a' + i % 26);
	same_tree(s, big);
	memcpy(s, "```\n", 4);
	same_tree(s, big);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_positions),
	        cmocka_unit_test(test_ascii_prefix),
	        cmocka_unit_test(test_md_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
