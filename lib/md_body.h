/*
 * The markdown reader the loader's formats share (lib/md_body.c): a
 * markdown text as top-level blocks with exact spans, and an item's body
 * read from them (metadata lines at its top, the story paragraph, sections
 * by heading name, acceptance criteria as lists, checklists and Gherkin).
 * Markdown files (lib/load_md.c) use the blocks; a format whose fields are
 * markdown reads one with bl_md_body (load_int.h).
 */
#ifndef BL_MD_BODY_H
#define BL_MD_BODY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmark.h>

#include "load_int.h"

/* Containers (block quotes, lists) one line may open: more is hostile. */
#define MAX_NESTING 100u

struct bl_md_block {
	cmark_node *n;
	cmark_node_type type;
	int level;                   /* heading level, or 0 */
	struct bl_text text;         /* the block's source */
	struct bl_text head;         /* heading text without markup */
	enum bl_section_kind pseudo; /* a paragraph standing as a heading */
};

/* A markdown text being read: the file's bytes from line line0 + 1 on, or
 * (own set) a text that is not (a field a format decoded), whose texts all
 * get own's span. */
struct bl_md {
	struct bl_file *f;
	const struct bl_load_opts *opts;
	uint32_t line0; /* lines before the body (front matter) */
	struct bl_md_block *b;
	size_t nb;
	bool fm_items;             /* the front matter names item keys: it holds the metadata */
	const struct bl_text *own; /* the text read, when not the file's bytes */
	size_t *own_lines;         /* its line starts */
	uint32_t own_nlines;
};

/* Parses markdown s[0, len) as cmark_parse_document() with sources
 * positions does, with the tree's memory carved from arena a
 * (lib/load_md_mem.c). cmark_node_free() still frees what was allocated
 * for the tree after the parse; a is freed or reset after it. */
cmark_node *bl_md_parse(struct bl_arena *a, const char *s, size_t len);

/* The source text of a cmark node, trimmed. */
struct bl_text bl_md_node_text(const struct bl_md *m, cmark_node *n);
/* Appends the top-level blocks of a parsed document to m->b. */
void bl_md_collect(struct bl_md *m, cmark_node *doc);
/* Records the code (blocks, spans) in blocks m->b in the file. */
void bl_md_note_code(struct bl_md *m);
/* The section kind a heading names: the team's own names first. */
enum bl_section_kind bl_md_section_kind(const struct bl_md *m, const char *s, size_t n);
/* Whether a paragraph means to be the story sentence (read through
 * emphasis). */
bool bl_md_story_candidate(const struct bl_md *m, const struct bl_text *t);
/* Whether every line of a paragraph or list block is item metadata; with
 * strong_only, of keys only metadata uses. */
bool bl_md_meta_block(const struct bl_md *m, const struct bl_md_block *b, bool strong_only);
/* A copy of t with emphasis and code markup blanked, offsets kept. */
struct bl_text bl_md_demark(struct bl_file *f, const struct bl_text *t);
/* Fills item itx of the file from blocks [from, to) of m: leading metadata
 * lines (with front_matter, of keys only metadata uses), the preamble
 * (story, description), then sections by heading name. */
void bl_md_fill_item(struct bl_md *m, size_t itx, size_t from, size_t to, bool front_matter);
/* Whether the markdown from byte body of the file on nests deeper than
 * MAX_NESTING (cmark builds a node per level); then a diagnostic names
 * the first such line. */
bool bl_md_too_deep(struct bl_file *f, size_t body);

#endif
