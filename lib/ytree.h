/*
 * YAML as a tree of nodes with exact spans, built from libyaml's events
 * (lib/load_yaml.c; front matter and lookups in lib/ytree.c): what front
 * matter, YAML backlogs and the configuration file (.backlint.yml) are
 * read from.
 */
#ifndef BL_YTREE_H
#define BL_YTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "util.h"

enum bl_ytype { BL_Y_SCALAR, BL_Y_SEQ, BL_Y_MAP };

/* A YAML node: a scalar with its text, or a collection; maps keep their
 * keys and values in alternation (kids[2i] key, kids[2i+1] value). */
struct bl_ynode {
	enum bl_ytype type;
	struct bl_text text; /* scalar value; for collections only the span */
	bool plain;          /* plain (unquoted) scalar */
	struct bl_ynode **kids;
	size_t n;
};

/*
 * Parses the YAML in [off, off + len) of f, which starts at a line start.
 * Returns the root of each document through roots (at most max); the
 * number of documents, or -1 after adding a parse diagnostic of kind. The
 * trees are in arena nodes, which the caller frees once they are read
 * (texts copied from them live in f's arena).
 */
int bl_yaml_parse(struct bl_file *f, struct bl_arena *nodes, size_t off, size_t len,
                  enum bl_diag_kind kind, struct bl_ynode **roots, int max);

/*
 * Parses a front matter in [off, off + len) of f as leniently as the tools
 * that write one: when the whole is not valid YAML, each top-level entry is
 * parsed alone, so that a bad line loses its own entry only and every bad
 * entry is reported; a one-line value strict YAML refuses ("@ana", "a: b")
 * is read as text. Returns the mapping, or NULL when nothing was readable.
 */
struct bl_ynode *bl_yaml_front_matter(struct bl_file *f, struct bl_arena *nodes, size_t off,
                                      size_t len);
/* The value of key k in map m, or NULL. */
struct bl_ynode *bl_ymap_get(const struct bl_ynode *m, enum bl_key k);

#endif
