/*
 * Private interface between the markdown format's parts: backlog documents
 * read from their blocks (lib/load_md_doc.c: one item per heading at the
 * level the headings' evidence finds, personas sections) and large
 * documents read section by section (lib/load_md_sections.c); item files
 * and the format are lib/load_md.c.
 */
#ifndef BL_LOAD_MD_H
#define BL_LOAD_MD_H

#include <stdbool.h>
#include <stddef.h>

#include "md_body.h"

/* Backlog document headings: "US-12: Title", "[STORY-3] Title", "#12 Title". */
void bl_md_heading_id(struct bl_file *f, struct bl_item *it, const struct bl_text *h);
/* Whether a heading names its own id ("US-12: Title"): evidence enough. */
bool bl_md_heading_has_id(const struct bl_md *m, const struct bl_md_block *hb);
/* What block b, after a heading of level (b the first block after it when
 * first), says of that heading's evidence: 1 it has some, 0 it has none
 * (its content has ended), -1 undecided yet. */
int bl_md_evidence_in(const struct bl_md *m, int level, bool first, const struct bl_md_block *b);
/* The heading level that carries items: the one with the most evidence. */
int bl_md_item_level(const struct bl_md *m);

/* Follows the headings of a document, block by block: whether the section
 * block i lies in is (or is within) a Personas section of a shallower
 * level. One pass for the whole document. */
struct bl_md_sections {
	bool personas[7]; /* the open heading of each level is a Personas one */
};
bool bl_md_in_personas(struct bl_md_sections *sc, const struct bl_md *m, size_t i);

/* Reads the items of blocks m->b: one per heading at level (carried in
 * sc from the blocks before, for a document read in sections). */
void bl_md_items(struct bl_md *m, int level, struct bl_md_sections *sc);
/* Reads the items of a backlog document whose blocks are all in m->b. */
void bl_md_document(struct bl_md *m);
/* A Personas section: one persona per sub-heading or per list item. A
 * sub-heading that carries an item (an id, a story) is not a persona, and
 * the lists below a sub-heading describe its persona: "- Goals: ...". */
void bl_md_personas(struct bl_md *m);

/* A document longer than 4 times this is read in sections. */
size_t bl_md_section_bytes(const struct bl_load_opts *opts);
/* The item level of the document from byte body, read in sections. */
int bl_md_sectioned_level(struct bl_md *m, size_t body);
/* Reads the items (at level) and personas of the document from byte body,
 * in sections. */
void bl_md_sectioned_read(struct bl_md *m, size_t body, int level);

#endif
