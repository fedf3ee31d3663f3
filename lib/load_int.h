/*
 * Private interface between the loader's parts: the input formats' table
 * row, metadata application, acceptance-criteria recognition and item
 * completion. The YAML node tree front matter and YAML backlogs share is
 * in ytree.h.
 */
#ifndef BL_LOAD_INT_H
#define BL_LOAD_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "load.h"
#include "model.h"
#include "ytree.h"

/*
 * One metadata entry in the form every source gives it: a key and a value
 * that is a text, a list of entries or a mapping of keyed entries.
 * Markdown's "**Key:** value" lines are texts; YAML converts its nodes
 * (bl_yaml_kv); a source of lists or mappings hands their entries out one
 * at a time through kid, so that nothing is copied.
 */
enum bl_kv_type { BL_KV_TEXT, BL_KV_LIST, BL_KV_MAP };
struct bl_kv {
	struct bl_text key;   /* the key; s NULL for a list's entry */
	enum bl_kv_type type; /* what the value is */
	struct bl_text value; /* a text value; a list's or a mapping's span only */
	size_t n;             /* a list's or a mapping's entries */
	/* Writes entry i (< n) of kv, a list or a mapping, to out. */
	void (*kid)(const struct bl_kv *kv, size_t i, struct bl_kv *out);
	const void *src; /* the source's own node, for kid */
};

/* Applies one metadata entry (front matter, YAML item or document line):
 * the item field its key names, and a bl_meta that keeps it as written. */
void bl_item_apply(struct bl_file *f, struct bl_item *it, const struct bl_kv *kv,
                   const struct bl_load_opts *opts);
/* Entry value (named key, or with no key when key is NULL) of a YAML tree
 * as a bl_kv in out. */
void bl_yaml_kv(const struct bl_ynode *key, const struct bl_ynode *value, struct bl_kv *out);

/* Whether a YAML mapping describes a backlog item (lib/load_yaml_items.c). */
bool bl_yaml_looks_like_item(const struct bl_ynode *m);
/* Whether a mapping key holds a list of items ("stories", "epics"). */
bool bl_yaml_list_key(const struct bl_text *key);
/* Reads mapping m as an item of f, of type hint unless it says its own,
 * child of item parent (or SIZE_MAX), depth items deep, and the items of
 * its own lists ("stories:" under an epic). */
void bl_yaml_item(struct bl_file *f, const struct bl_ynode *m, enum bl_item_type hint,
                  size_t parent, int depth, const struct bl_load_opts *opts);
/* Reads the items, personas or team settings of one document's root (what
 * reading the file as it is parsed left of it). */
void bl_yaml_root(struct bl_file *f, const struct bl_ynode *root, const struct bl_load_opts *opts);

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

/*
 * Reads body, markdown text of item it of f (a markdown field of a
 * tracker's export, say), as a markdown item file's body is read: the
 * story paragraph, sections by heading name, acceptance criteria and a
 * definition of done (lists, checklists, Gherkin), the description. With
 * meta, "Key: value" lines at its top of the keys only metadata uses
 * ("Estimate: 3") are metadata too. Texts keep exact spans when body is the
 * file's own bytes from a line start; otherwise each has body's span.
 * Call before bl_item_finish (lib/md_body.c).
 */
void bl_md_body(struct bl_file *f, struct bl_item *it, const struct bl_text *body, bool meta,
                const struct bl_load_opts *opts);

/* Parses the story, infers the type: call once an item is complete. */
void bl_item_finish(struct bl_file *f, struct bl_item *it, const struct bl_load_opts *opts);
/* Hands the items read since the last call to opts->items_read, then
 * drops them (bl_file.ndropped counts them) and empties strings, the
 * arena their texts were made in. Nothing when there are none. */
void bl_items_hand_over(struct bl_file *f, const struct bl_load_opts *opts,
                        struct bl_arena *strings);

/*
 * An input format (lib/load_NAME.c), one row of the table in lib/load.c.
 * The file name's extension chooses the format; when no format claims it,
 * each format bids on the bytes and the highest bid wins (the first in the
 * table on a tie).
 */
struct bl_format {
	const char *name;              /* what the format reads, for people */
	enum bl_file_kind kind;        /* bl_file.kind of the files it reads */
	const char *const *extensions; /* claimed names' endings, no dot; NULL-ended */
	/* How sure the format is that data[0, len) is one of its files: 0 not
	 * at all, more the surer. */
	int (*sniff)(const char *data, size_t len);
	/* Adds the file's items, personas and diagnostics to f and says
	 * whether it holds a backlog (f->is_backlog, or f->skip_reason). The
	 * bytes are text already: not too large, no NUL, encoding checked. */
	void (*load)(struct bl_file *f, const struct bl_load_opts *opts);
	/* Read in a folder of documents (opts->personas_only): the format
	 * reads the personas a document declares. Otherwise such a file is
	 * skipped. */
	bool personas;
};

/* The formats (lib/load_NAME.c). */
extern const struct bl_format bl_format_md, bl_format_yaml, bl_format_txt;

#endif
