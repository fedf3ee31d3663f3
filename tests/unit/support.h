/*
 * What the unit tests share: a story parser made once per test group from
 * the embedded word lists, and loading a backlog from a buffer with it.
 */
#ifndef BL_TEST_SUPPORT_H
#define BL_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "load.h"
#include "model.h"

/* Made by bl_test_setup, freed by bl_test_teardown. */
extern struct bl_story_parser *bl_test_parser;

/* Group setup and teardown for cmocka_run_group_tests. */
int bl_test_setup(void **state);
int bl_test_teardown(void **state);

/* Loads data as the file path (a file named on the command line when
 * explicit_file); fails the test if nothing comes back. */
struct bl_file *bl_test_load(const char *path, const char *data, size_t len, bool explicit_file);

#endif
