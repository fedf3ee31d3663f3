/*
 * Directory walking: every backlog candidate below a directory, in sorted
 * (deterministic) order, without following links to directories (so link
 * loops cannot trap the walk), skipping hidden folders, dependency folders
 * and Backlog.md's docs/ and decisions/.
 */
#ifndef BL_WALK_H
#define BL_WALK_H

#include <stdbool.h>

/* Calls file(arg, path) for each candidate file, err(arg, path, msg) for
 * each unreadable path. Returns false if root cannot be read at all. */
bool bl_walk(const char *root, void (*file)(void *, const char *),
             void (*err)(void *, const char *, const char *), void *arg);

#endif
