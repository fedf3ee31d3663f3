/*
 * Reporters: each output format is a row of a NULL-terminated table with
 * the same three entry points, so --format is a lookup and a new format
 * touches nothing else.
 */
#ifndef BL_REPORT_H
#define BL_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "engine.h"

struct bl_report_opts {
	bool color;
	bool quiet;           /* findings only, no summary */
	enum bl_severity min; /* findings below this are not shown */
	size_t files;         /* files linted */
	const char *version;  /* backlint's version, for the output's tool
	                       * information (NULL: "unknown") */
	/* The documentation (markdown) of rule id, or NULL when it has none:
	 * bl_rule_doc (rules/rules.h). NULL: the rule summaries stand in. */
	const char *(*rule_doc)(const char *id, size_t *len);
};

struct bl_reporter {
	const char *name;
	void *(*open)(FILE *out, const struct bl_engine *e, const struct bl_report_opts *o);
	void (*finding)(void *st, const struct bl_finding *fd);
	void (*close)(void *st);
};

/* Every format, in the order --help lists them (lib/report.c). */
extern const struct bl_reporter *const bl_reporters[];
const struct bl_reporter *bl_reporter_find(const char *name);
/* Writes the formats' names, comma-separated, in the table's order. */
void bl_reporter_names(FILE *out);

/* The reporters (lib/report_NAME.c). */
extern const struct bl_reporter bl_report_text, bl_report_json, bl_report_sarif, bl_report_junit,
        bl_report_github, bl_report_gitlab, bl_report_checkstyle, bl_report_html;

/* Writes one item of f as a JSON object on one line (--dump-model). */
void bl_dump_item(FILE *out, const struct bl_file *f, const struct bl_item *it);
/* Writes each persona f declares as a JSON object on one line: name,
 * aliases, description and their spans (--dump-model). */
void bl_dump_personas(FILE *out, const struct bl_file *f);
/* Writes everything f's items hold, every text with its span and offset,
 * one item a few lines (then its bl_dump_item line): for tests that
 * compare two readings of a file. */
void bl_dump_texts(FILE *out, const struct bl_file *f);

#endif
