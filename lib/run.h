/*
 * A run of backlint, the whole pipeline in one call: find each path's
 * configuration, walk the paths, load and check the files (on -j threads),
 * run the backlog-wide rules, filter by the baseline, decide the verdict
 * and hand the findings to every requested reporter. cmd/backlint.c turns
 * the command line into a struct bl_run_opts and calls bl_run().
 */
#ifndef BL_RUN_H
#define BL_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "engine.h"
#include "load.h"
#include "report.h"

/* --rule ID=LEVEL: a rule's severity for the whole run. */
struct bl_run_rule {
	const char *id;
	enum bl_severity severity;
};

/* --format NAME [--output FILE]: a report and where it goes (NULL path:
 * standard output). */
struct bl_run_output {
	const struct bl_reporter *rep;
	const char *path;
};

struct bl_run_opts {
	const struct bl_registry *registry;
	/* The story templates and openers the loader reads stories with. */
	const char *story_templates, *story_openers;
	const char *version;

	const char *const *paths; /* none: the current folder */
	size_t npaths;
	/* --stdin: the text to lint as the file stdin_name: stdin_data[0,
	 * stdin_len), or when that is NULL, standard input read whole. */
	bool use_stdin;
	const char *stdin_name;
	const char *stdin_data;
	size_t stdin_len;

	const char *config_path; /* --config, or NULL */
	bool no_config, print_config;
	const struct bl_run_rule *rules; /* --rule, in order */
	size_t nrules;

	size_t jobs; /* threads checking files, the main one included; 0: one a processor */
	size_t max_bytes;
	bool force_exclude, include_done, report_unused, dump_model, parse_only, verbose;

	const struct bl_run_output *outputs; /* none: text on standard output */
	size_t noutputs;
	struct bl_report_opts report; /* color and quiet; the rest is the run's */
	enum bl_severity fail_on;
	long max_warnings; /* -1: no limit */
	const char *baseline, *write_baseline;
};

/* Runs backlint; returns the exit status: 0 nothing at or above the fail
 * level, 1 findings that fail, 2 usage, configuration or I/O error (said
 * on standard error). */
int bl_run(const struct bl_run_opts *o);

/* Whether reports on standard output are coloured, for --color when
 * (auto, always, never): auto colours a terminal unless NO_COLOR is set. */
bool bl_run_color(const char *when);

#endif
