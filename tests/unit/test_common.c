/*
 * Unit tests of the helpers rules share (rules/common.c): the table of
 * hashed keys that backlog-wide rules use instead of keeping every key;
 * and of the arenas' spare chunks (lib/util.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "common.h"

static const char *const keys[] = {"renew loan", "pay fine", "renew loan", "book room", "pay fine"};

/* Whether stored value v has the key being put (keys[*ud]). */
static bool
same(void *ud, size_t v)
{
	return strcmp(keys[v], keys[*(size_t *)ud]) == 0;
}

static void
put_all(uint64_t (*hash)(const char *), size_t *got)
{
	struct bl_arena *a = bl_arena_new();
	struct bl_hashtab t;
	size_t i;

	bl_hashtab_init(a, &t, 5);
	for (i = 0; i < 5; i++)
		got[i] = bl_hashtab_put(&t, hash(keys[i]), i, same, &i);
	bl_arena_free(a);
}

static uint64_t
real_hash(const char *s)
{
	return bl_fnv(BL_FNV_OFFSET, s, strlen(s));
}

/* Every key collides: only same() tells them apart. */
static uint64_t
one_hash(const char *s)
{
	(void)s;
	return 42;
}

static void
test_hashtab(void **state)
{
	static const size_t want[] = {0, 1, 0, 3, 1};
	size_t got[5];

	(void)state;
	put_all(real_hash, got);
	assert_memory_equal(got, want, sizeof(want));
	put_all(one_hash, got);
	assert_memory_equal(got, want, sizeof(want));
}

/* While a thread keeps chunks, an arena it frees hands its chunk to the
 * next one (the same memory, cleared by bl_arena_alloc); once it stops,
 * they are freed (valgrind checks). */
static void
test_arena_spare(void **state)
{
	struct bl_arena *a, *b;
	unsigned char *p, *q;

	(void)state;
	bl_arena_keep_chunks(true);
	a = bl_arena_new();
	p = bl_arena_alloc(a, 100);
	memset(p, 0xff, 100);
	bl_arena_free(a);
	b = bl_arena_new();
	q = bl_arena_alloc(b, 100);
	assert_ptr_equal(p, q);
	assert_int_equal(q[0] | q[99], 0);
	/* A request larger than a chunk gets one of its own, never a spare. */
	assert_ptr_not_equal(bl_arena_alloc(b, 100000), p);
	bl_arena_free(b);
	bl_arena_keep_chunks(false);
	a = bl_arena_new();
	bl_arena_alloc(a, 100);
	bl_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_hashtab),
	        cmocka_unit_test(test_arena_spare),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
