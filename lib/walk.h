/*
 * Directory walking: every backlog candidate below a directory, in sorted
 * (deterministic) order, without following links to directories (so link
 * loops cannot trap the walk), skipping hidden folders, dependency folders
 * and Backlog.md's decisions/. Files in Backlog.md's docs/ are passed with
 * BL_WALK_DOCS: they are documents, not items, but may declare personas.
 */
#ifndef BL_WALK_H
#define BL_WALK_H

#include <stdbool.h>

#define BL_WALK_DOCS 1u

/* Calls file(arg, path, flags) for each candidate file, err(arg, path, msg)
 * for each unreadable path. Returns false if root cannot be read at all. */
bool bl_walk(const char *root, void (*file)(void *, const char *, unsigned),
             void (*err)(void *, const char *, const char *), void *arg);

#endif
