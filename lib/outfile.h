/*
 * Files backlint writes (reports, baselines, the starter configuration)
 * are written whole or not at all: into a temporary file beside the
 * target, synced, then renamed over it. An interrupted run leaves the old
 * file (or none), never half of a new one.
 */
#ifndef BL_OUTFILE_H
#define BL_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

struct bl_outfile {
	FILE *fp;   /* write here */
	char *path; /* the target */
	char *tmp;  /* the temporary file beside it */
};

/* Opens a temporary file for path; false (errno set) if none can be made. */
bool bl_outfile_open(struct bl_outfile *o, const char *path);
/* Flushes, syncs and renames the temporary file over the target (keeping
 * the mode of a file it replaces); false (errno set) if any step failed,
 * and the temporary file is then removed. Frees o either way. */
bool bl_outfile_commit(struct bl_outfile *o);
/* Removes the temporary file and frees o. */
void bl_outfile_abort(struct bl_outfile *o);

#endif
