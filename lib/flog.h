/*
 * A log of findings: written in order, read back in the same order, as
 * often as needed. The first few megabytes stay in memory; past that the
 * records go to an unnamed temporary file, so a run's memory does not grow
 * with the number of findings it reports.
 */
#ifndef BL_FLOG_H
#define BL_FLOG_H

#include <stdbool.h>
#include <stddef.h>

struct bl_finding;
struct bl_flog;

/* spill: bytes kept in memory before records go to a temporary file
 * (0: the default, 1 MB). */
struct bl_flog *bl_flog_new(size_t spill);
void bl_flog_free(struct bl_flog *l);
/* Appends a copy of fd (its strings copied; its path pointer kept as is,
 * so the path must outlive the log). */
void bl_flog_put(struct bl_flog *l, const struct bl_finding *fd);
size_t bl_flog_count(const struct bl_flog *l);
/* Starts reading from the first record; no record may be added after. */
void bl_flog_rewind(struct bl_flog *l);
/* The next record, valid until the next call; NULL after the last (or when
 * the temporary file cannot be read back: see bl_flog_error). */
const struct bl_finding *bl_flog_next(struct bl_flog *l);
/* Why the log lost records (a temporary file that could not be written or
 * read), or NULL when it holds them all. */
const char *bl_flog_error(const struct bl_flog *l);

#endif
