/*
 * Inline suppression: the directives a file carries to silence findings
 * (markdown comments such as <!-- backlint-disable-next-line story/atomic -->,
 * YAML comments such as # backlint-disable-line deps/unknown, and an item's
 * backlint: {disable: [RULE, ...]} key), parsed from a loaded file into a
 * compact table that outlives the file, so that findings made later by
 * backlog-wide rules can still be matched against it. Each directive keeps
 * the lines it covers and the rules it names (ids, or family prefixes), and
 * each name records whether it suppressed a finding.
 */
#ifndef BL_SUPPRESS_H
#define BL_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum bl_sup_kind {
	BL_SUP_DISABLE,   /* backlint-disable: from its line until an enable */
	BL_SUP_ENABLE,    /* backlint-enable: ends what an earlier disable began */
	BL_SUP_LINE,      /* backlint-disable-line: its own line */
	BL_SUP_NEXT_LINE, /* backlint-disable-next-line: the next line with content */
	BL_SUP_FILE,      /* backlint-disable-file: the whole file */
	BL_SUP_ITEM       /* backlint: {disable: [...]} key: the item's lines */
};

/* One rule a directive names. */
struct bl_sup_name {
	uint32_t text, len;    /* the name as written: offset in pool, length */
	uint32_t key;          /* normalised (a family loses its slash and star): offset in pool */
	bool every;            /* the directive names no rule: every rule */
	bool family;           /* a family prefix: "story", "story/" or story-slash-star */
	bool used;             /* it suppressed a finding */
	enum bl_sup_kind kind; /* of its directive */
	struct bl_span span;   /* where it is written (every: the directive) */
	uint32_t line;         /* the source line at span.line: offset in pool */
	uint32_t first, last;  /* lines its directive covers (first of several parts) */
};

/* One directive, or one part of an item's key (an item's lines around its
 * nested items). */
struct bl_sup_dir {
	enum bl_sup_kind kind;
	uint32_t first, last;   /* lines covered, inclusive (0, 0: none; a disable:
	                       * until the enable that ends all of its names) */
	struct bl_span span;    /* the directive as written */
	uint32_t name0, nnames; /* its names in the table's names[] */
};

/* A comment or key that means to be a directive but is not one. */
enum bl_sup_bad_kind {
	BL_SUP_BAD_VERB, /* backlint-WORD with an unknown WORD */
	BL_SUP_BAD_KEY,  /* backlint: {WORD: ...} with WORD not "disable" */
	BL_SUP_EMPTY_KEY /* backlint: {disable: []}: names no rule */
};

struct bl_sup_bad {
	enum bl_sup_bad_kind kind;
	struct bl_span span;
	uint32_t text, len; /* the word as written: offset in pool, length */
};

struct bl_suppress {
	struct bl_sup_dir *dirs; /* in the order of the file */
	size_t ndirs;
	struct bl_sup_name *names;
	size_t nnames;
	struct bl_sup_bad *bad;
	size_t nbad;
	char *pool; /* NUL-terminated strings */
	size_t npool;
	uint32_t nlines; /* the file's */
	/* Indexes into dirs for matching: line and next-line directives sorted
	 * by line, item parts sorted by line (disjoint), and the rest (file,
	 * disable and enable) in the order of the file. */
	uint32_t *points, *items, *others;
	size_t npoints, nitems, nothers;
};

/*
 * Parses the directives of f: comments in markdown (outside fenced code
 * and code spans) and in YAML (YAML backlogs and front matter), and the
 * backlint key of its items. Story lists (.txt) have none: every line is a
 * story. Returns NULL when f has neither directives nor malformed ones.
 */
struct bl_suppress *bl_suppress_parse(const struct bl_file *f);
/* The same in steps, for a file whose items are read in batches and
 * dropped: begin reads the comments, items the backlint keys of the items
 * f holds now (call it for each batch, before the batch is dropped), end
 * returns what bl_suppress_parse would (and frees the builder). */
struct bl_suppress_build;
struct bl_suppress_build *bl_suppress_begin(const struct bl_file *f);
void bl_suppress_items(struct bl_suppress_build *sb);
struct bl_suppress *bl_suppress_end(struct bl_suppress_build *sb);
void bl_suppress_free(struct bl_suppress *s);

/* Whether a finding of rule_id at line is covered by a directive; marks
 * the names that cover it as used. */
bool bl_suppress_match(struct bl_suppress *s, uint32_t line, const char *rule_id);

/* Whether name n names rule_id (every rule, the id, or its family). */
bool bl_sup_name_matches(const struct bl_suppress *s, const struct bl_sup_name *n,
                         const char *rule_id);
/* A string of the table's pool. */
const char *bl_sup_str(const struct bl_suppress *s, uint32_t off);

/* The directive's word as written ("backlint-disable-line", "backlint"
 * for the key). */
const char *bl_sup_kind_name(enum bl_sup_kind k);
/* The directive words backlint knows ("backlint-disable", ...), one by
 * one; NULL past the end. */
const char *bl_sup_verb(size_t i);

#endif
