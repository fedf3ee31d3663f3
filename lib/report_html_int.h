/*
 * Private to the html reporter: what the page knows of the run, shared by
 * lib/report_html.c (the page, the findings and the rules that fired) and
 * lib/report_html_summary.c (the summaries of the backlog: counts,
 * tables, charts, the INVEST scorecard, persona coverage).
 */
#ifndef BL_REPORT_HTML_INT_H
#define BL_REPORT_HTML_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report_int.h"

/* At most this many findings of one rule are listed. */
#define BL_HTML_MAX_PER_RULE 100

/* Where an item is in the workflow, in the order the page lists them: open
 * work by stage (statuses of no known stage after the known ones), then
 * done work, then archived work (Backlog.md's completed/ and archive/). */
enum { RANK_OPEN, RANK_READY, RANK_STARTED, RANK_OTHER, RANK_DONE, RANK_ARCHIVED, RANK__COUNT };

/* What the page says of one item. */
struct item_state {
	unsigned char failed; /* INVEST letters (bits) some finding speaks against */
	unsigned char worst;  /* the worst severity of its findings */
	bool unknown_persona; /* a BL_RULE_PERSONA_UNKNOWN rule fired on it */
};

/* A count under a name (statuses, types, families, personas). */
struct tally {
	const char **names;
	size_t *counts;
	size_t n, cap;
};

struct html {
	FILE *out;
	const struct bl_engine *e;
	struct bl_report_opts o;
	struct bl_rep_tally tally;
	const struct bl_summary *items;
	size_t nitems;
	struct item_state *state;
	size_t *rule_count;      /* findings per rule */
	size_t (*family_sev)[4]; /* findings per family and severity */
	struct tally families;   /* family names, in order of first finding */
	struct bl_buf findings;  /* the findings section, built as they come */
	struct bl_buf deps;      /* dependency problems */
	struct bl_buf variants;  /* persona variants */
	struct bl_buf parse;     /* parse errors: files not read, or not all */
	size_t last_file;        /* file_index + 1 of the last finding listed */
	size_t last_parse;       /* file_index + 1 of the last parse error */
	size_t ndeps, nvariants, nparse, nparse_files;
	size_t nrank[RANK__COUNT]; /* items by workflow rank */
	bool include_done;         /* done and archived work is checked too */
};

/* Appends s escaped for HTML text and attribute values. */
void bl_html_esc(struct bl_buf *b, const char *s);

/* Adds k to the count of name in t (names that differ only in ASCII case
 * are one); returns its index. */
size_t bl_html_tally_add(struct tally *t, const char *name, size_t k);
void bl_html_tally_free(struct tally *t);

/* The INVEST letter rule r speaks for (0 for I to 5 for T), or -1. */
int bl_html_invest_letter(const struct bl_rule *r);

/* Counts the items by workflow rank into h->nrank. */
void bl_html_rank_items(struct html *h);

/* The header's count of files, with those that did not parse, and of
 * items by where they are in the workflow (after bl_html_rank_items). */
void bl_html_header_counts(struct bl_buf *b, const struct html *h);

/* The summary, readiness, INVEST scorecard and persona sections, once
 * every finding is in. */
void bl_html_summaries(struct bl_buf *b, const struct html *h);

#endif
