/*
 * The story model: what the loader understood of one input file. A file
 * holds items (stories, epics, tasks, ...); every field of an item keeps
 * the source span it came from, so that each finding points at the exact
 * text. Everything here is owned by the file's arena and lives until
 * bl_file_free().
 */
#ifndef BL_MODEL_H
#define BL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* A source range, 1-based; columns count bytes. end_col is inclusive. */
struct bl_span {
	uint32_t line, col, end_line, end_col;
};

/*
 * A piece of text with its span: s[0, len) (not NUL-terminated), NULL when the
 * field is absent. When exact is set, s[i] stands at byte off + i of the
 * file (the text is the source itself, or a copy of the same length with
 * markup blanked), so sub-ranges map to precise spans.
 */
struct bl_text {
	const char *s;
	uint32_t len;
	uint32_t off; /* byte offset of s[0] in the file, when exact */
	bool exact;
	struct bl_span span;
};

enum bl_item_type {
	BL_TYPE_UNKNOWN = 0,
	BL_TYPE_STORY,
	BL_TYPE_EPIC,
	BL_TYPE_FEATURE,
	BL_TYPE_TASK,
	BL_TYPE_BUG,
	BL_TYPE_SPIKE,
	BL_TYPE_ENABLER,
	BL_TYPE_MILESTONE,
	BL_TYPE__COUNT
};
#define BL_TYPE_BIT(t) (1u << (t))
#define BL_TYPES_ALL 0xffffu
/* Rules that apply to a Backlog.md task: an item file in the task folders
 * of a Backlog.md backlog (one with backlog/config.yml) of type task, its
 * default, or chore or enhancement. The format has one kind of item, which stands for
 * a story, a bug or a piece of work alike. */
#define BL_T_BACKLOGMD_TASK (1u << BL_TYPE__COUNT)

/* Where an item came from: some rules only make sense for some forms. */
enum bl_origin {
	BL_ORIGIN_ITEM_FILE, /* markdown file with front matter */
	BL_ORIGIN_DOCUMENT,  /* one markdown heading of a backlog document */
	BL_ORIGIN_YAML,      /* a mapping of a YAML backlog */
	BL_ORIGIN_LIST       /* one line of a story list */
};

enum bl_crit_kind {
	BL_CRIT_ITEM,     /* a list item or a plain criterion string */
	BL_CRIT_SCENARIO, /* a Gherkin scenario with steps */
	BL_CRIT_GWT       /* a Given/When/Then sentence or mapping */
};

enum bl_step_kw { BL_STEP_GIVEN, BL_STEP_WHEN, BL_STEP_THEN, BL_STEP_AND, BL_STEP_BUT };

struct bl_step {
	enum bl_step_kw kw;
	struct bl_text text; /* the whole step line, keyword included */
};

struct bl_criterion {
	enum bl_crit_kind kind;
	int checked;         /* -1: no checkbox, 0: [ ], 1: [x] */
	struct bl_text text; /* the criterion as written (scenario: its title line) */
	struct bl_step *steps;
	size_t nsteps, capsteps;
};

/* Section kinds, found by heading name. */
enum bl_section_kind {
	BL_SEC_OTHER = 0,
	BL_SEC_STORY,
	BL_SEC_DESCRIPTION,
	BL_SEC_PROBLEM,
	BL_SEC_SUCCESS,
	BL_SEC_ACCEPTANCE,
	BL_SEC_DOD,
	BL_SEC_NOTES, /* implementation notes and plans: may name solutions */
	BL_SEC__COUNT
};

struct bl_section {
	enum bl_section_kind kind;
	struct bl_text name; /* heading text */
	struct bl_text body; /* the text below the heading */
};

/* A metadata key as written, for checks on keys and values. */
struct bl_meta {
	struct bl_text key;
	struct bl_text value;
	int kind; /* enum bl_key: bl_key_lookup() of key, found once by the loader */
};

struct bl_item {
	struct bl_file *file;
	enum bl_origin origin;
	struct bl_span span; /* the item's anchor: heading, id key or line */
	uint32_t index;      /* position in the file (counting dropped items) */
	int depth;           /* 0, or nesting depth under a parent item */
	bool name_only;      /* only its id and title are known: no rule checks it,
	                      * others may refer to it */

	struct bl_text id, title, type_text, status, estimate, priority, parent, milestone, created,
	        updated;
	enum bl_item_type type;
	bool type_inferred;
	const char *type_reason; /* how the type was inferred */

	struct bl_text persona; /* persona/role metadata */
	struct bl_text story;   /* the story sentence */
	struct bl_text role, means, ends;
	struct bl_text role_full;  /* the role with what the story says of it ("user who ...") */
	struct bl_text role_stray; /* a stray letter the role was written with ("As a l clerk") */
	bool story_from_section;   /* story given by a Story section or key */
	bool story_parts_given;    /* role, means, ends given as separate keys */
	int story_template;        /* template that matched the story, or -1 */

	struct bl_text description, problem, success;

	struct bl_criterion *criteria;
	size_t ncriteria, capcriteria;
	struct bl_criterion *dod;
	size_t ndod, capdod;
	struct bl_text *depends;
	size_t ndepends, capdepends;
	struct bl_text *labels;
	size_t nlabels, caplabels;
	struct bl_section *sections;
	size_t nsections, capsections;
	struct bl_meta *meta;
	size_t nmeta, capmeta;
};

/* A problem the loader met; rules/parse.c (and backlog/no-front-matter)
 * turn these into findings. */
enum bl_diag_kind {
	BL_DIAG_YAML,
	BL_DIAG_FRONT_MATTER,
	BL_DIAG_ENCODING,
	BL_DIAG_TOO_LARGE,
	BL_DIAG_TOO_DEEP,
	BL_DIAG_UNQUOTED,       /* a value strict YAML refuses, read as text */
	BL_DIAG_NO_FRONT_MATTER /* in Backlog.md's tasks/: read as one document */
};

struct bl_diag {
	enum bl_diag_kind kind;
	struct bl_span span;
	const char *message;
};

/* A range of a file's bytes: [off, off + len). */
struct bl_range {
	uint32_t off, len;
};

enum bl_file_kind { BL_FILE_UNKNOWN = 0, BL_FILE_MARKDOWN, BL_FILE_YAML, BL_FILE_TEXT };

/* A persona the backlog declares (a YAML personas: list, or a Personas
 * section of a markdown document). */
struct bl_persona {
	struct bl_text name;
	struct bl_text *aliases;
	size_t naliases, capaliases;
	struct bl_text description;
};

/* Team settings found beside the backlog (Backlog.md's config.yml). */
struct bl_team {
	const char **statuses;
	size_t nstatuses, capstatuses;
	const char **dod;
	size_t ndod, capdod;
	const char *task_prefix; /* "task_prefix", or NULL */
	/* The ids of every item file in the backlog's folders, from the
	 * files' names: references resolve against the whole backlog when
	 * only some of its files are linted. */
	const char **ids;
	size_t nids, capids;
};

struct bl_file {
	struct bl_arena *arena;
	const char *path; /* as given or found by the walk */
	const char *data; /* the bytes, BOM removed, NUL-terminated */
	size_t len;
	char *owned;     /* the buffer data is in */
	uint32_t *lines; /* byte offset of each line's start */
	uint32_t nlines;
	/* The line (0-based) that holds byte BL_LINE_BLOCK * i, for each i up
	 * to len / BL_LINE_BLOCK: a position is found in a step or two
	 * from there, not by a search of the whole line map (the loader
	 * asks for the spans of every text it reads). */
	uint32_t *blocks;
	enum bl_file_kind kind;
	bool is_backlog;         /* holds items (or was named explicitly) */
	bool is_team_config;     /* Backlog.md config.yml */
	const char *skip_reason; /* why a walked file holds no items */

	struct bl_item *items;
	size_t nitems, capitems;
	/* Items read, checked and dropped before those in items (a YAML
	 * backlog read as a stream: bl_load_opts.items_read). */
	size_t ndropped;
	struct bl_diag *diags;
	size_t ndiags, capdiags;
	struct bl_persona *personas;
	size_t npersonas, cappersonas;
	/* Code in markdown (code spans and blocks, as cmark found them), in
	 * file order: names and samples quoted from a system, not prose. */
	struct bl_range *code;
	size_t ncode, capcode;
	struct bl_team team;            /* what a team settings file declares */
	const struct bl_team *settings; /* the team settings for this file, or NULL */
};

#define BL_LINE_BLOCK 64

/* Zero bytes after a file's data: a JIT-compiled pattern may read a
 * little past the end of its subject. */
#define BL_FILE_PAD 32

/* Creates a file over a copy of data (a BOM is dropped, the line map built). */
struct bl_file *bl_file_new(const char *path, const char *data, size_t len);
/* The same over data itself (from malloc: len bytes, then BL_FILE_PAD zero
 * bytes), which the file takes: no copy of a large file. */
struct bl_file *bl_file_take(const char *path, char *data, size_t len);
void bl_file_free(struct bl_file *f);

/* Line map lookups. Offsets past the end clamp to the last position. */
void bl_file_pos(const struct bl_file *f, size_t off, uint32_t *line, uint32_t *col);
struct bl_span bl_file_span(const struct bl_file *f, size_t off, size_t len);
/* The text of a 1-based line, without its line break. */
const char *bl_file_line(const struct bl_file *f, uint32_t line, size_t *len);
/* Byte offset of a 1-based line and a 0-based column counted in characters. */
size_t bl_file_char_offset(const struct bl_file *f, uint32_t line, uint32_t charcol);

/* Records bytes [off, off + len) of f as code; ranges come in file
 * order, and one that overlaps the last recorded is dropped. */
void bl_file_add_code(struct bl_file *f, size_t off, size_t len);
/* Whether t[off, off + len) overlaps code of the file. Only an exact
 * text can tell; for any other, false. */
bool bl_text_in_code(const struct bl_file *f, const struct bl_text *t, size_t off, size_t len);

/* A text over the file's own bytes [off, off + len). */
struct bl_text bl_text_at(const struct bl_file *f, size_t off, size_t len);
/* A text that stands for a known span (not exact). */
struct bl_text bl_text_span(struct bl_file *f, const char *s, size_t len, struct bl_span span);
/* The span of [off, off + len) inside t. A text that is not the source
 * itself (a YAML block scalar, a joined list) is looked for in its part of
 * the file; when it is not found there, the span of the whole text. */
struct bl_span bl_text_subspan(const struct bl_file *f, const struct bl_text *t, size_t off,
                               size_t len);
/* Finds t[off, off + len) in the file at or after byte from, within t's
 * span (at most BL_FIND_MAX bytes searched); true with its offset in *at. */
#define BL_FIND_MAX (1u << 20)
bool bl_text_find(const struct bl_file *f, const struct bl_text *t, size_t off, size_t len,
                  size_t from, size_t *at);
/* A sub-text of t, trimmed of white space. */
struct bl_text bl_text_sub(const struct bl_file *f, const struct bl_text *t, size_t off,
                           size_t len);

struct bl_item *bl_file_add_item(struct bl_file *f);
void bl_file_diag(struct bl_file *f, enum bl_diag_kind kind, struct bl_span span, const char *fmt,
                  ...) BL_PRINTF(4, 5);

struct bl_criterion *bl_item_add_criterion(struct bl_item *it, struct bl_file *f, bool dod);
struct bl_step *bl_criterion_add_step(struct bl_criterion *c, struct bl_file *f);
struct bl_section *bl_item_add_section(struct bl_item *it, struct bl_file *f);
struct bl_meta *bl_item_add_meta(struct bl_item *it, struct bl_file *f);
struct bl_text *bl_item_add_dep(struct bl_item *it, struct bl_file *f);
struct bl_text *bl_item_add_label(struct bl_item *it, struct bl_file *f);
struct bl_persona *bl_file_add_persona(struct bl_file *f);
struct bl_text *bl_persona_add_alias(struct bl_persona *p, struct bl_file *f);
const struct bl_section *bl_item_section(const struct bl_item *it, enum bl_section_kind kind);

/* Type names: "story", "epic", ...; lookup accepts plural and case. */
const char *bl_type_name(enum bl_item_type t);
/* Whether the folder that holds the file at path is named name. */
bool bl_path_folder_is(const char *path, const char *name);
/* Whether path lies in a folder Backlog.md keeps tasks in: tasks/,
 * drafts/, completed/ (archive/tasks/ too). */
bool bl_backlogmd_task_path(const char *path);
enum bl_item_type bl_type_parse(const char *s, size_t n);

/* Canonical item-metadata keys, for front matter, YAML and document lines. */
enum bl_key {
	BL_KEY_NONE = 0,
	BL_KEY_ID,
	BL_KEY_TITLE,
	BL_KEY_TYPE,
	BL_KEY_STATUS,
	BL_KEY_PERSONA,
	BL_KEY_ESTIMATE,
	BL_KEY_PRIORITY,
	BL_KEY_DEPENDS,
	BL_KEY_PARENT,
	BL_KEY_MILESTONE,
	BL_KEY_LABELS,
	BL_KEY_CREATED,
	BL_KEY_UPDATED,
	BL_KEY_ASSIGNEE,
	BL_KEY_STORY,
	BL_KEY_AS_A,
	BL_KEY_I_WANT,
	BL_KEY_SO_THAT,
	BL_KEY_DESCRIPTION,
	BL_KEY_PROBLEM,
	BL_KEY_SUCCESS,
	BL_KEY_ACCEPTANCE,
	BL_KEY_DOD,
	BL_KEY_CHILDREN,
	BL_KEY_NOTES,
	BL_KEY_BACKLINT,
	BL_KEY__COUNT
};
/* Maps a key as written (any case, spaces, dashes) to its canonical key. */
enum bl_key bl_key_lookup(const char *s, size_t n);
const char *bl_key_name(enum bl_key k);
/* The key spellings the loader knows ("acceptance_criteria", "ac", ...),
 * one by one; NULL past the end. */
const char *bl_key_alias(size_t i);
/* Normalises a key as bl_key_lookup does (lower case, '_' for spaces and
 * dashes, emphasis and a colon dropped) into buf; returns its length. */
size_t bl_key_normalise(const char *s, size_t n, char *buf, size_t cap);

/* Maps a heading as written to a section kind (BL_SEC_OTHER if unknown). */
enum bl_section_kind bl_section_lookup(const char *s, size_t n);
const char *bl_section_name(enum bl_section_kind k);
/* The kind named by a bl_section_name() ("acceptance_criteria"), or -1. */
int bl_section_parse(const char *s, size_t n);
/* Whether headings s and t[0, n) are the same once normalised (case,
 * spaces, dashes, emphasis and a trailing colon aside). */
bool bl_section_same(const char *s, const char *t, size_t n);

#endif
