/*
 * Private interface between the loader's parts: the YAML node tree built
 * from libyaml (shared by front matter and YAML backlogs), metadata
 * application, acceptance-criteria recognition and item completion.
 */
#ifndef BL_LOAD_INT_H
#define BL_LOAD_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "load.h"
#include "model.h"

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

/* Applies one metadata entry (front matter, YAML item or document line). */
void bl_item_apply(struct bl_file *f, struct bl_item *it, const struct bl_text *key,
                   const struct bl_ynode *value, const struct bl_load_opts *opts);

/* Recognises one line of acceptance criteria or definition of done. */
struct bl_ac {
	struct bl_file *f;
	struct bl_item *it;
	bool dod;
	bool background; /* inside a Gherkin Background: steps are not criteria */
	struct bl_criterion *scenario;
};
void bl_ac_line(struct bl_ac *ac, struct bl_text line, int checked, bool list_item);
/* Ends any open scenario. */
void bl_ac_break(struct bl_ac *ac);

/* Strips a task-list checkbox ("[ ]", "[x]") from t; returns -1, 0 or 1. */
int bl_checkbox(const struct bl_file *f, struct bl_text *t);

/* Parses the story, infers the type: call once an item is complete. */
void bl_item_finish(struct bl_file *f, struct bl_item *it, const struct bl_load_opts *opts);
/* Hands the items read since the last call to opts->items_read, then
 * drops them (bl_file.ndropped counts them) and empties strings, the
 * arena their texts were made in. Nothing when there are none. */
void bl_items_hand_over(struct bl_file *f, const struct bl_load_opts *opts,
                        struct bl_arena *strings);

/* Input forms. Each adds items (and diagnostics) to f. */
void bl_load_md(struct bl_file *f, const struct bl_load_opts *opts);
void bl_load_yaml(struct bl_file *f, const struct bl_load_opts *opts);
void bl_load_txt(struct bl_file *f, const struct bl_load_opts *opts);

#endif
