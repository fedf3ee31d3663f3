/*
 * What the parts of a run share (lib/run.c: configuration and the run;
 * lib/run_jobs.c: the queue of files and the -j threads).
 */
#ifndef BL_RUN_INT_H
#define BL_RUN_INT_H

#include <stdint.h>

#include "config.h"
#include "run.h"
#include "team.h"
#include "util.h"

struct pool;

/* A configuration file read in this run. */
struct loaded {
	char *path;
	struct bl_config *config;
};

struct job;

/* A configuration of a path named on the command line. */
struct named {
	const struct bl_config *cfg;
	const char *file; /* where it was read from */
	const char *path; /* the first path under it */
};

struct run {
	const struct bl_run_opts *o;
	struct bl_engine *engine;
	/* The files being linted, in the order found: a ring of cap jobs, of
	 * which [head, tail) are queued. Files are checked as the walk finds
	 * them, so a large backlog is never held as a list. */
	struct job *jobs;
	size_t head, tail, cap;
	struct pool *pool;        /* the threads of -j, or NULL */
	struct bl_worker *worker; /* without threads, the main thread's */
	bool force_exclude;
	struct bl_load_opts lopts;
	struct bl_teams *teams;
	bool dump_model, verbose, parse_only;
	bool io_error, config_error;
	size_t linted;
	/* Configuration: one file for every path (--config), or the nearest
	 * .backlint.yml of each file; none with --no-config. */
	bool no_config;
	struct bl_config *forced;
	struct loaded *configs;
	size_t nconfigs;
	char *last_dir;               /* cache: the last file's folder... */
	const struct bl_config *last; /* ...and its configuration */
	/* The engine's profile for each configuration, and for each set of
	 * its overrides that some file matched. */
	struct prof {
		const struct bl_config *cfg;
		uint64_t bits;
		char *path; /* more than 64 overrides: one file's own, else NULL */
		struct bl_profile *p;
	} * profs;
	size_t nprofs;
	struct bl_profile *defaults; /* files with no configuration */
	/* The configuration of the files, while they share one. */
	const struct bl_config *common;
	const struct bl_profile *common_prof;
	bool some, mixed;
	size_t *cli_rule;          /* --rule: the rules... */
	enum bl_severity *cli_sev; /* ...and their severities */
	struct named *named;       /* the paths' configurations */
	size_t nnamed;
	struct bl_buf in; /* --stdin read from standard input */
	const char *in_data;
	size_t in_len;
};

/* One file to lint, and once checked (by a worker with -j), the result. */
struct job {
	char *path;
	bool explicit_file;
	unsigned walk_flags; /* BL_WALK_*: how the walk found it */
	const struct bl_config *cfg;
	const struct bl_profile *prof; /* what the rules run with on it */
	const struct bl_team *team;    /* its team settings, or NULL */
	const char *data;              /* --stdin: the text, else NULL */
	size_t len;
	struct bl_file *f;          /* kept for --dump-model only */
	struct bl_checked *checked; /* the rules' results */
	const char *skipped;        /* why it holds no backlog, or NULL */
	char *err;                  /* why it could not be read, or NULL */
	bool done;
};

/* Says path cannot be read, and that the run failed. */
void bl_run_io_err(void *arg, const char *path, const char *msg);
/* Makes the queue, and n - 1 threads to check files beside the main one. */
void bl_run_start_jobs(struct run *r, size_t n);
/* The next job of the queue, for path, made room for and emptied. */
struct job *bl_run_new_job(struct run *r, const char *path);
/* Queues the job bl_run_new_job() made. */
void bl_run_queue_job(struct run *r);
/* Takes in every queued job, stops the threads and frees the queue. */
void bl_run_end_jobs(struct run *r);

#endif
