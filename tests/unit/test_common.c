/*
 * Unit tests of the helpers rules share (rules/common.c): the table of
 * hashed keys that backlog-wide rules use instead of keeping every key.
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_hashtab),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
