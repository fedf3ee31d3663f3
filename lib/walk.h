/*
 * Directory walking: every backlog candidate below a directory, in sorted
 * (deterministic) order, without following links to directories (so link
 * loops cannot trap the walk), skipping hidden folders, dependency folders,
 * Backlog.md's decisions/ and whatever git ignores (.gitignore,
 * .git/info/exclude, core.excludesFile, read by libgit2). Files in
 * Backlog.md's docs/ are passed with BL_WALK_DOCS: they are documents, not
 * items, but may declare personas. A project's own documentation (README,
 * CHANGELOG, CONTRIBUTING and the like, anything under a docs/ or doc/
 * folder below the walk's start) is passed with BL_WALK_PROSE: it holds
 * items only if it shows them plainly.
 */
#ifndef BL_WALK_H
#define BL_WALK_H

#include <stdbool.h>

#define BL_WALK_DOCS 1u
#define BL_WALK_PROSE 2u

/* What a walk reports, each with arg. */
struct bl_walk_calls {
	void (*file)(void *arg, const char *path, unsigned flags);     /* a candidate */
	void (*skipped)(void *arg, const char *path, const char *why); /* left out */
	void (*err)(void *arg, const char *path, const char *msg);     /* unreadable */
	void *arg;
};

struct bl_walker;

/* A walker for any number of walks; sets up libgit2 once, on its first. */
struct bl_walker *bl_walker_new(const struct bl_walk_calls *calls);
void bl_walker_free(struct bl_walker *w);

/* Walks root: calls file for each candidate, skipped for each path git
 * ignores (a folder once, not what it holds), err for each unreadable
 * path. Returns false if root is no directory that can be read. */
bool bl_walk(struct bl_walker *w, const char *root);

/* The flags a walk would pass the file at path with, from the folders path
 * names (for files named on the command line and taken as a walk takes
 * them). */
unsigned bl_walk_path_flags(const char *path);

#endif
