/*
 * Fuzz targets: each harness (fuzz/NAME.c) defines LLVMFuzzerTestOneInput
 * over one part of backlint. Built with clang's libFuzzer when
 * BACKLINT_FUZZ is on (fuzz/run.sh), and with driver.c in every build, so
 * that the seed corpus and every input that once crashed run as tests.
 */
#ifndef BL_FUZZ_H
#define BL_FUZZ_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Load options with the built-in story templates (made once). */
struct bl_load_opts bl_fuzz_opts(void);
/* Frees what bl_fuzz_opts made (the driver calls it at exit, so that
 * leak checkers see nothing left). */
void bl_fuzz_cleanup(void);

/* Lints data as the file at path with engine e (then freed), checking its
 * items as they are read when stream is set, and writes the findings to
 * /dev/null in output format (how & 7) of bl_reporters, with the rules'
 * documentation when how & 8. */
struct bl_engine;
void bl_fuzz_lint(struct bl_engine *e, const char *path, const char *data, size_t len, bool stream,
                  unsigned how);
/* An open /dev/null. */
FILE *bl_fuzz_null(void);

#endif
