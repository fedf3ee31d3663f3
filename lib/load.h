/*
 * The loader: turns the bytes of one input file into a bl_file holding
 * items. It recognises the input forms (markdown item files with front
 * matter, markdown backlog documents, YAML backlogs, story lists) and
 * Backlog.md's layout, and decides whether a file holds a backlog at all.
 */
#ifndef BL_LOAD_H
#define BL_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "textmatch.h"

/* A team's own name for a section heading ("Why" for the problem). */
struct bl_section_alias {
	const char *name;
	enum bl_section_kind kind;
};

struct bl_load_opts {
	const struct bl_story_parser *stories; /* story templates (required) */
	bool explicit_file;                    /* named by the user: always lint */
	size_t max_bytes;                      /* larger files: parse/too-large (0: no limit) */
	bool personas_only;                    /* a document: read its personas, no items */
	bool prose; /* a project's documentation: items only with plain evidence */
	const struct bl_section_alias *sections; /* more heading names, from configuration */
	size_t nsections;
	/*
	 * A YAML backlog read as a stream: when items_read is set, it is
	 * called whenever items are read (f->items then holds those read
	 * since the last call), and the loader drops them after the call
	 * (bl_file.ndropped counts them), so that a large file is never held
	 * whole. items_undone says that every item read so far is gone: the
	 * file turned out not to parse. Both get arg.
	 */
	void (*items_read)(void *arg, struct bl_file *f);
	void (*items_undone)(void *arg, struct bl_file *f);
	void *arg;
	/* A markdown backlog document over 4 times this many bytes is read in
	 * sections of about this size, never whole (0: 256 KiB). Markdown
	 * documents read this way hand their items to items_read section by
	 * section. */
	size_t md_section;
};

/*
 * Loads the file at path. Returns NULL and writes a message to err when the
 * file cannot be read; otherwise a file whose is_backlog says whether it
 * holds items (or should be linted anyway) and whose diags list what could
 * not be parsed.
 */
struct bl_file *bl_load_path(const char *path, const struct bl_load_opts *opts, char *err,
                             size_t errlen);
/* Loads data as if read from path (the name decides the input form). */
struct bl_file *bl_load_buffer(const char *path, const char *data, size_t len,
                               const struct bl_load_opts *opts);

/* Whether a directory walk should consider this file name at all. */
bool bl_load_wants(const char *name);

#endif
