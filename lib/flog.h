/*
 * A log of findings: written in runs (each in the order it is to be read),
 * read back run by run, each run by its own reader, as often as needed.
 * The first megabyte stays in memory; past that the records go to an
 * unnamed temporary file, so a run's memory does not grow with the number
 * of findings it reports.
 */
#ifndef BL_FLOG_H
#define BL_FLOG_H

#include <stdbool.h>
#include <stddef.h>

struct bl_finding;
struct bl_flog;
struct bl_flog_reader;

/* spill: bytes kept in memory before records go to a temporary file
 * (0: the default, 1 MB). */
struct bl_flog *bl_flog_new(size_t spill);
void bl_flog_free(struct bl_flog *l);
/* Appends a copy of fd to the current run (its strings copied; its path
 * pointer kept as is, so the path must outlive the log). */
void bl_flog_put(struct bl_flog *l, const struct bl_finding *fd);
/* Ends the current run, if it has records: the next ones start another. */
void bl_flog_end_run(struct bl_flog *l);
/* Records, and runs ended so far. */
size_t bl_flog_count(const struct bl_flog *l);
size_t bl_flog_runs(const struct bl_flog *l);
/* A reader of run i from its first record. Once one is made, no record
 * may be added. */
struct bl_flog_reader *bl_flog_reader(struct bl_flog *l, size_t run);
/* The next record of the run, valid until the next call; NULL after the
 * last (or when the temporary file cannot be read back: bl_flog_error). */
const struct bl_finding *bl_flog_read(struct bl_flog_reader *r);
void bl_flog_reader_free(struct bl_flog_reader *r);
/* Why the log lost records (a temporary file that could not be written or
 * read), or NULL when it holds them all. */
const char *bl_flog_error(const struct bl_flog *l);

#endif
