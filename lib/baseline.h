/*
 * Baselines: how a team adopts backlint on an existing backlog. A baseline
 * file records the findings of one run; later runs report only findings
 * that are not in it. A finding is known by its file path, rule id, item
 * id and a fingerprint of its source line text with white space collapsed
 * (never its line number or message, so moving lines, adding items above
 * or reordering files keeps old findings matched, while editing the
 * offending line makes its findings new). Identical keys are counted: two
 * identical findings on two identical lines are two entries.
 *
 * The file is text, one finding a line, sorted, after the header line
 * "# backlint baseline v1":
 *
 *     path <TAB> rule <TAB> item <TAB> fingerprint <TAB> line
 *
 * item is "-" when the finding has none; fingerprint is 16 lower-case hex
 * digits (64-bit FNV-1a of the collapsed line); line is that collapsed line,
 * for reviewers only (optional, ignored when matching). In fields, "\\",
 * "\t", "\n" and "\r" stand for a backslash, tab, line feed and carriage
 * return; "\-" for an item id that is "-" and "\#" for a leading "#". Lines
 * starting with "#" after the header and blank lines (or lines of spaces
 * and tabs) are ignored; CRLF line ends and a UTF-8 byte order mark are
 * accepted.
 */
#ifndef BL_BASELINE_H
#define BL_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "util.h"

#define BL_BASELINE_HEADER "# backlint baseline v1"

/* One distinct key of a loaded baseline, with how often it was recorded
 * and how often it has been matched so far. */
struct bl_baseline_entry {
	const char *path; /* normalised ("./a//b" is "a/b") */
	const char *rule; /* "family/name" */
	const char *item; /* NULL: the finding has no item id */
	uint64_t fingerprint;
	const char *text; /* the recorded line text ("" when absent) */
	size_t line;      /* line of its first occurrence in the baseline file */
	size_t count;     /* occurrences recorded */
	size_t matched;   /* occurrences matched by bl_baseline_match() */
};

struct bl_baseline;

/* Loads the baseline file path; NULL with "path:line: reason" (or
 * "path: reason") in err when it cannot be read or is not a valid
 * baseline. */
struct bl_baseline *bl_baseline_load(const char *path, char *err, size_t errlen);
/* The same from a buffer; path is only used in messages. */
struct bl_baseline *bl_baseline_parse(const char *path, const char *data, size_t len, char *err,
                                      size_t errlen);
void bl_baseline_free(struct bl_baseline *b);

/* Whether fd (of engine e's registry) is in the baseline; a match uses up
 * one recorded occurrence, so a finding recorded once matches once. */
bool bl_baseline_match(struct bl_baseline *b, const struct bl_engine *e,
                       const struct bl_finding *fd);
/* Findings recorded in the baseline (occurrences, not distinct keys). */
size_t bl_baseline_size(const struct bl_baseline *b);
/* Recorded occurrences not matched so far: after matching every finding
 * of a run over the same paths, the baselined findings that were fixed. */
size_t bl_baseline_unmatched(const struct bl_baseline *b);
/* The distinct keys, in file order (to list the unmatched ones). */
const struct bl_baseline_entry *bl_baseline_entries(const struct bl_baseline *b, size_t *n);

/* Appends the baseline text of findings fds[0, n) of engine e to out. */
void bl_baseline_format(struct bl_buf *out, const struct bl_engine *e, const struct bl_finding *fds,
                        size_t n);
/* Writes that text to path atomically (a temporary file in the same
 * directory, then renamed over path); false with a message in err. */
bool bl_baseline_write(const char *path, const struct bl_engine *e, const struct bl_finding *fds,
                       size_t n, char *err, size_t errlen);

/* The content fingerprint of a finding: its source line text, white space
 * collapsed and trimmed, hashed. */
uint64_t bl_baseline_fingerprint(const struct bl_finding *fd);

#endif
