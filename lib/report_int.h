/*
 * Private helpers shared by the reporters (lib/report_*.c): which
 * findings are shown and their tallies, paths made relative and
 * normalised, columns counted in characters, escaping for JSON, XML,
 * URIs and GitHub workflow commands (each also turning invalid UTF-8 into
 * U+FFFD, so no input makes the output invalid), a small indenting JSON
 * writer, and stable fingerprints of findings.
 */
#ifndef BL_REPORT_INT_H
#define BL_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "report.h"

/* Whether the options show fd (at or above o->min). */
bool bl_rep_shown(const struct bl_report_opts *o, const struct bl_finding *fd);

/* Counts of shown findings: per severity, and files with any. */
struct bl_rep_tally {
	size_t sev[4];
	size_t files;
	size_t last_file; /* file_index of the last finding counted, plus one */
};
void bl_rep_count(struct bl_rep_tally *t, const struct bl_finding *fd);
size_t bl_rep_total(const struct bl_rep_tally *t);
/* The summary line of the text reporter: "no problems in 3 files" or
 * "2 problems (1 error, 1 warning, 0 info) in 1 of 3 files". */
void bl_rep_summary(FILE *out, const struct bl_rep_tally *t, size_t files);

/* path made relative to the working directory when it is absolute, with
 * "." components, repeated and trailing slashes dropped ("./a//b" is
 * "a/b"); a new string to free. */
char *bl_rep_path(const char *path);

/* fd's span with its gaps filled: line and column at least 1, the end at
 * or after the start (a span ending before it covers its first byte). */
struct bl_span bl_rep_span(const struct bl_finding *fd);

/* The 1-based column in characters (code points; an invalid byte counts
 * as one) of 1-based byte column col on fd's first line. */
uint32_t bl_rep_char_col(const struct bl_finding *fd, uint32_t col);

/* Appends s[0, n) with invalid UTF-8 bytes, DEL and C0 control
 * characters other than tab, line feed and carriage return replaced by
 * U+FFFD. */
void bl_rep_utf8(struct bl_buf *b, const char *s, size_t n);
/* Appends s[0, n) escaped for XML 1.0 text and attribute values in
 * double quotes: & < > " as entities, tab, line feed and
 * carriage return as character references, characters XML 1.0 does not
 * allow (other C0 controls, U+FFFE, U+FFFF) and invalid bytes as U+FFFD. */
void bl_rep_xml(struct bl_buf *b, const char *s, size_t n);
/* Appends relative path as a URI reference: every byte but ASCII letters,
 * digits, "-", ".", "_", "~" and "/" percent-encoded. */
void bl_rep_uri(struct bl_buf *b, const char *path);
/* Appends s for a GitHub workflow command: "%", CR and LF as %25, %0D and
 * %0A; in a property value (prop) also ":" and "," as %3A and %2C. */
void bl_rep_gh(struct bl_buf *b, const char *s, bool prop);

/* An indenting JSON writer into a buffer: containers open on their own
 * lines two spaces deeper, or (inline) on one line. */
#define BL_JW_DEPTH 16
struct bl_jw {
	struct bl_buf *b;
	int depth;
	int inl;                 /* depth of the outermost inline container, 0 none */
	bool any[BL_JW_DEPTH];   /* the container at each depth has members */
	char close[BL_JW_DEPTH]; /* its closing bracket */
};
/* Opens an object ('{') or array ('['); key is NULL in arrays and at the
 * top. */
void bl_jw_open(struct bl_jw *w, const char *key, char bracket, bool inl);
void bl_jw_close(struct bl_jw *w);
/* A string member; s NULL writes null. */
void bl_jw_str(struct bl_jw *w, const char *key, const char *s);
void bl_jw_strn(struct bl_jw *w, const char *key, const char *s, size_t n);
void bl_jw_int(struct bl_jw *w, const char *key, unsigned long long v);
/* A member written as is: true, false, null. */
void bl_jw_raw(struct bl_jw *w, const char *key, const char *raw);

/* Fingerprints that identify a finding across runs: a hash of its
 * normalised path, rule id, item id and source line text with white space
 * collapsed (not its line number or message), and of how many findings
 * with the same key came before it in the run. */
struct bl_rep_fps;
struct bl_rep_fps *bl_rep_fps_new(void);
void bl_rep_fps_free(struct bl_rep_fps *f);
/* Writes fd's fingerprint as 32 lower-case hex digits and a NUL to out;
 * path is fd's path as bl_rep_path() gives it. */
void bl_rep_fingerprint(struct bl_rep_fps *f, const struct bl_engine *e,
                        const struct bl_finding *fd, const char *path, char out[33]);

/* Empties b, keeping it allocated and NUL-terminated. */
void bl_rep_reset(struct bl_buf *b);
/* Writes b to out and empties it. */
void bl_rep_flush(struct bl_buf *b, FILE *out);

#endif
