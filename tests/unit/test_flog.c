/*
 * Unit tests of the findings log (lib/flog.c): what goes in comes back, in
 * order, as often as it is read, whether it stayed in memory or went to a
 * temporary file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"
#include "flog.h"

#define N 3000

static const char *const paths[] = {"a.md", "backlog/b.yml"};

/* Finding i: every field depends on i; some have no item id or line. */
static void
make(struct bl_finding *fd, size_t i, char *msg, char *id, char *line)
{
	memset(fd, 0, sizeof(*fd));
	fd->rule = i % 17;
	fd->severity = (enum bl_severity)(1 + i % 3);
	fd->path = paths[i % 2];
	fd->file_index = i / 10;
	fd->span.line = (uint32_t)(i + 1);
	fd->span.col = (uint32_t)(i % 80 + 1);
	fd->span.end_line = (uint32_t)(i + 2);
	fd->span.end_col = (uint32_t)(i % 7 + 1);
	fd->line_off = (uint32_t)(i % 5);
	snprintf(msg, 64, "message %zu%s", i, i % 4 ? "" : " with more words in it");
	fd->message = msg;
	if (i % 3) {
		snprintf(id, 32, "US-%zu", i);
		fd->item_id = id;
	}
	if (i % 5) {
		snprintf(line, 64, "  - story: line %zu", i);
		fd->line = line;
	} else if (i % 10 == 0)
		fd->line = "";
}

#define RUNS 3 /* records [k * N / RUNS, (k + 1) * N / RUNS) are run k */

static void
check(const struct bl_finding *got, size_t i)
{
	struct bl_finding want;
	char msg[64], id[32], line[64];

	assert_non_null(got);
	make(&want, i, msg, id, line);
	assert_int_equal(got->rule, want.rule);
	assert_int_equal(got->severity, want.severity);
	assert_ptr_equal(got->path, want.path);
	assert_int_equal(got->file_index, want.file_index);
	assert_memory_equal(&got->span, &want.span, sizeof(want.span));
	assert_int_equal(got->line_off, want.line_off);
	assert_string_equal(got->message, want.message);
	if (want.item_id == NULL)
		assert_null(got->item_id);
	else
		assert_string_equal(got->item_id, want.item_id);
	if (want.line == NULL)
		assert_null(got->line);
	else
		assert_string_equal(got->line, want.line);
}

/* Reads the runs side by side, a record of each in turn, as the engine
 * merges them. */
static void
read_all(struct bl_flog *l)
{
	struct bl_flog_reader *r[RUNS];
	size_t i, k;

	assert_int_equal(bl_flog_runs(l), RUNS);
	for (k = 0; k < RUNS; k++)
		r[k] = bl_flog_reader(l, k);
	for (i = 0; i < N / RUNS; i++)
		for (k = 0; k < RUNS; k++)
			check(bl_flog_read(r[k]), k * (N / RUNS) + i);
	for (k = 0; k < RUNS; k++) {
		assert_null(bl_flog_read(r[k]));
		bl_flog_reader_free(r[k]);
	}
	assert_null(bl_flog_error(l));
}

static void
round_trip(size_t spill)
{
	struct bl_flog *l = bl_flog_new(spill);
	size_t i;

	for (i = 0; i < N; i++) {
		struct bl_finding fd;
		char msg[64], id[32], line[64];

		make(&fd, i, msg, id, line);
		bl_flog_put(l, &fd);
		if ((i + 1) % (N / RUNS) == 0)
			bl_flog_end_run(l);
	}
	bl_flog_end_run(l); /* an empty run is no run */
	assert_int_equal(bl_flog_count(l), N);
	read_all(l);
	read_all(l); /* once per output */
	bl_flog_free(l);
}

static void
test_memory(void **state)
{
	(void)state;
	round_trip(0); /* 1 MB: all of it stays in memory */
}

static void
test_spilled(void **state)
{
	(void)state;
	round_trip(1000); /* a temporary file from the 10th record or so */
}

static void
test_empty(void **state)
{
	struct bl_flog *l = bl_flog_new(0);

	struct bl_flog_reader *r;

	(void)state;
	r = bl_flog_reader(l, 0);
	assert_null(bl_flog_read(r));
	assert_int_equal(bl_flog_count(l), 0);
	assert_int_equal(bl_flog_runs(l), 0);
	bl_flog_reader_free(r);
	bl_flog_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_memory),
	        cmocka_unit_test(test_spilled),
	        cmocka_unit_test(test_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
