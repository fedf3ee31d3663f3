/*
 * backlint: lints agile backlogs kept as files. This file reads the
 * options, loads each file in turn through the loader, runs the rule
 * engine with the built-in registry and hands the findings to a reporter.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "config.h"
#include "engine.h"
#include "load.h"
#include "outfile.h"
#include "report.h"
#include "rules.h"
#include "team.h"
#include "walk.h"

#ifndef BL_VERSION
#define BL_VERSION "0.0.0"
#endif

/* A configuration file read in this run. */
struct loaded {
	char *path;
	struct bl_config *config;
};

struct job;
struct pool;

struct run {
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
	char *last_dir;                       /* cache: the last file's folder... */
	const struct bl_config *last;         /* ...and its configuration */
	const struct bl_config **file_config; /* by engine file index */
	size_t nfile_config, capfile_config;
};

/* The configuration for the file at path (NULL: built-in defaults). */
static const struct bl_config *
config_for(struct run *r, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) : 0;
	char *found, err[512];
	size_t i;

	if (r->no_config)
		return NULL;
	if (r->forced != NULL)
		return r->forced;
	if (r->last_dir != NULL && strlen(r->last_dir) == dirlen &&
	    strncmp(r->last_dir, path, dirlen) == 0)
		return r->last;
	free(r->last_dir);
	r->last_dir = bl_xstrndup(path, dirlen);
	r->last = NULL;
	found = bl_config_find(path);
	if (found == NULL)
		return NULL;
	for (i = 0; i < r->nconfigs; i++)
		if (strcmp(r->configs[i].path, found) == 0) {
			free(found);
			return r->last = r->configs[i].config;
		}
	r->configs = bl_xrealloc(r->configs, (r->nconfigs + 1) * sizeof(*r->configs));
	r->configs[r->nconfigs].path = found;
	r->configs[r->nconfigs].config = bl_config_load(found, r->engine, err, sizeof(err));
	if (r->configs[r->nconfigs].config == NULL) {
		fprintf(stderr, "%s\n", err);
		r->config_error = true;
	}
	return r->last = r->configs[r->nconfigs++].config;
}

/* Remembers which configuration applies to the engine's next file. */
static void
note_file(struct run *r, const struct bl_config *c)
{
	if (r->nfile_config == r->capfile_config) {
		r->capfile_config = r->capfile_config ? r->capfile_config * 2 : 64;
		r->file_config =
		        bl_xrealloc(r->file_config, r->capfile_config * sizeof(*r->file_config));
	}
	r->file_config[r->nfile_config++] = c;
}

static void
free_configs(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nconfigs; i++) {
		free(r->configs[i].path);
		bl_config_free(r->configs[i].config);
	}
	free(r->configs);
	bl_config_free(r->forced);
	free(r->file_config);
	free(r->last_dir);
}

static void
usage(FILE *out)
{
	fputs("usage: backlint [OPTIONS] [PATH...]\n"
	      "       backlint init [--force]   write a commented starter .backlint.yml\n"
	      "\n"
	      "Lints backlog items (user stories, epics, tasks) kept as markdown, YAML or\n"
	      "story-list files. Directories are walked; files named are always linted.\n"
	      "With no PATH, the current directory is linted.\n"
	      "\n"
	      "options:\n"
	      "  --format NAME        text (default), json, sarif, junit, github, gitlab,\n"
	      "                       checkstyle, html; several with --output FILE each\n"
	      "  --fail-on LEVEL      exit 1 on findings at or above LEVEL:\n"
	      "                       error (default), warning, info\n"
	      "  --rule ID=LEVEL      set a rule's severity (custom rules too): error, warning,\n"
	      "                       info, off\n"
	      "  --quiet              show only findings at or above --fail-on; no summary\n"
	      "  --color WHEN         auto (default), always, never; NO_COLOR turns auto off\n"
	      "  --list-rules         list the rules with their default severity\n"
	      "  --explain ID         explain a rule: why it matters, examples, options;\n"
	      "                       'all' prints every rule (docs/rules.md)\n"
	      "  --dump-model         print what the loader understood, one JSON object per\n"
	      "                       item per line, instead of linting\n"
	      "  --verbose            also list the files skipped as not backlogs, and why\n"
	      "  --config FILE        use this configuration for every file (default: the\n"
	      "                       nearest .backlint.yml above each file)\n"
	      "  --no-config          built-in defaults only\n"
	      "  --print-config       print the configuration in effect for the first PATH\n"
	      "  --write-baseline FILE  record today's findings in FILE, report none\n"
	      "  --baseline FILE      report only findings that are not in FILE\n"
	      "  --report-unused-disables  report suppression comments that suppress nothing\n"
	      "  --output FILE        write the --format before it to FILE (repeat both for\n"
	      "                       several formats at once)\n"
	      "  --max-warnings N     also exit 1 when there are more than N warnings\n"
	      "  --stdin              lint standard input...\n"
	      "  --stdin-filename NAME  ...as if it were the file NAME (default stdin.md)\n"
	      "  --force-exclude      take files named on the command line as a walk would:\n"
	      "                       include/exclude globs apply, non-backlogs are skipped\n"
	      "  --include-done       also report on done work: items in a done status, and\n"
	      "                       Backlog.md's completed/ and archive/ folders\n"
	      "  -j, --jobs N         files read and checked on N threads (default: the "
	      "processors)\n"
	      "  --parse-only         read and parse the files, run no rule (the benchmark floor)\n"
	      "  --max-size BYTES     files larger than this are not read (parse/too-large);\n"
	      "                       default 67108864 (64 MiB)\n"
	      "  --version            print the version\n"
	      "  --help               print this help\n"
	      "\n"
	      "exit status: 0 nothing at or above the fail level, 1 findings that fail,\n"
	      "2 usage, configuration or I/O error.\n",
	      out);
}

static void
io_err(void *arg, const char *path, const char *msg)
{
	struct run *r = arg;

	fprintf(stderr, "backlint: %s: %s\n", path, msg);
	r->io_error = true;
}

/* One file to lint, and once checked (by a worker with -j), the result. */
struct job {
	char *path;
	bool explicit_file;
	unsigned walk_flags; /* BL_WALK_*: how the walk found it */
	const struct bl_config *cfg;
	const struct bl_team *team; /* its team settings, or NULL */
	const char *data;           /* --stdin: the text, else NULL */
	size_t len;
	struct bl_file *f;          /* kept for --dump-model only */
	struct bl_checked *checked; /* the rules' results */
	const char *skipped;        /* why it holds no backlog, or NULL */
	char *err;                  /* why it could not be read, or NULL */
	bool done;
};

/* --parse-only: a YAML backlog's items are dropped as they are read, as
 * when they are checked, but not checked. */
static void
drop_items(void *arg, struct bl_file *f)
{
	(void)arg;
	(void)f;
}

/* Loads job j with the run's options and, unless only parsing or dumping,
 * runs the rules over it with worker w. Safe to call from any thread: it
 * changes nothing but j and w. A YAML backlog is checked as it is read,
 * and its items dropped once checked (the model is dumped whole). */
static void
check_job(const struct run *r, struct bl_worker *w, struct job *j)
{
	struct bl_load_opts o = r->lopts;
	struct bl_load_hook h = {w, j->team, NULL};
	char err[256];
	struct bl_file *f;

	if (j->skipped != NULL)
		return; /* left out by the walk */
	o.explicit_file = j->explicit_file;
	o.personas_only = (j->walk_flags & BL_WALK_DOCS) != 0;
	o.prose = (j->walk_flags & BL_WALK_PROSE) != 0;
	if (r->parse_only)
		o.items_read = drop_items;
	else if (!r->dump_model)
		bl_engine_hook(&h, &o, w, j->team);
	f = j->data != NULL ? bl_load_buffer(j->path, j->data, j->len, &o)
	                    : bl_load_path(j->path, &o, err, sizeof(err));
	if (f == NULL) {
		j->err = bl_xstrdup(err);
		return;
	}
	if (!f->is_backlog) {
		j->skipped = f->skip_reason ? f->skip_reason : "not a backlog";
		if (h.st != NULL)
			bl_checked_free(bl_engine_hook_end(&h, f));
		bl_file_free(f);
		return;
	}
	f->settings = j->team;
	if (r->parse_only) {
		/* --parse-only: the loader's cost alone, the floor of a lint. */
	} else if (r->dump_model) {
		j->f = f;
		return;
	} else {
		j->checked = bl_engine_hook_end(&h, f);
	}
	bl_file_free(f);
}

/* Takes a checked file's results into the backlog (in the order files were
 * found, so the output does not depend on -j). */
/* A finished job's path is not needed again: a large backlog has many. */
static void
done_path(struct job *j)
{
	free(j->path);
	j->path = NULL;
}

static void
finish_job(struct run *r, struct job *j)
{
	struct bl_file *f = j->f;
	size_t i;

	if (j->err != NULL) {
		io_err(r, j->path, j->err);
		free(j->err);
		j->err = NULL;
		done_path(j);
		return;
	}
	if (j->skipped != NULL) {
		if (r->verbose)
			fprintf(stderr, "backlint: %s: skipped: %s\n", j->path, j->skipped);
		done_path(j);
		return;
	}
	r->linted++;
	if (f != NULL) {
		bl_dump_personas(stdout, f);
		for (i = 0; i < f->nitems; i++)
			bl_dump_item(stdout, f, &f->items[i]);
		for (i = 0; i < f->ndiags; i++)
			fprintf(stderr, "%s:%u:%u: %s\n", j->path, f->diags[i].span.line,
			        f->diags[i].span.col, f->diags[i].message);
		bl_file_free(f);
		j->f = NULL;
	}
	if (j->checked != NULL) {
		bl_engine_add(r->engine, j->checked);
		j->checked = NULL;
		note_file(r, j->cfg);
	}
	done_path(j);
}

/* The worker pool of -j: workers load and check the queued files; the
 * main thread walks, queues and takes the results in order. */
struct pool {
	struct run *r;
	size_t next; /* the next job to check */
	bool closed; /* the walk is over: no job will be queued */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t *t;
	size_t nt;
	struct pool_worker {
		struct pool *p;
		struct bl_worker *w;
	} * pw;
};

static void *
worker(void *arg)
{
	struct pool_worker *pw = arg;
	struct pool *p = pw->p;
	struct run *r = p->r;

	for (;;) {
		struct job *j;

		pthread_mutex_lock(&p->mu);
		while (p->next == r->tail && !p->closed)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->next == r->tail) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		j = &r->jobs[p->next++ % r->cap];
		pthread_mutex_unlock(&p->mu);
		check_job(r, pw->w, j);
		pthread_mutex_lock(&p->mu);
		j->done = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
}

/* Makes the queue, and n - 1 threads to check files beside the main thread
 * (none for n <= 1, or when no thread can be had: files are then checked
 * as they are queued). Called once the engine is set up: it must not
 * change while files are checked. */
static void
start_jobs(struct run *r, size_t n)
{
	struct pool *p;
	size_t i;

	r->cap = 1;
	/* The main thread checks files too (while it waits for one): n - 1
	 * threads more. Workers are made here, before any thread runs. */
	r->worker = bl_engine_worker(r->engine);
	if (n > 1) {
		p = bl_xcalloc(1, sizeof(*p));
		p->r = r;
		pthread_mutex_init(&p->mu, NULL);
		pthread_cond_init(&p->cv, NULL);
		p->t = bl_xcalloc(n - 1, sizeof(*p->t));
		p->pw = bl_xcalloc(n - 1, sizeof(*p->pw));
		for (i = 0; i + 1 < n; i++) {
			p->pw[i].p = p;
			p->pw[i].w = bl_engine_worker(r->engine);
		}
		for (i = 0; i + 1 < n; i++)
			if (pthread_create(&p->t[p->nt], NULL, worker, &p->pw[i]) == 0)
				p->nt++;
		if (p->nt > 0) {
			r->pool = p;
			/* Files checked ahead of the one the main thread waits
			 * for: with 32 a thread (their results are small), the
			 * main thread mostly finds a file of its own to check
			 * instead of waiting (4 a thread: -j 2 was 1.63x -j 1 at
			 * 100k items, 1.72x with 32). */
			r->cap = 32 * n;
		} else {
			pthread_cond_destroy(&p->cv);
			pthread_mutex_destroy(&p->mu);
			free(p->t);
			free(p->pw);
			free(p);
		}
	}
	r->jobs = bl_xcalloc(r->cap, sizeof(*r->jobs));
}

/* Hands the job at the tail to the threads. */
static void
pool_push(struct run *r)
{
	pthread_mutex_lock(&r->pool->mu);
	r->tail++;
	pthread_cond_broadcast(&r->pool->cv);
	pthread_mutex_unlock(&r->pool->mu);
}

/* Takes in the oldest queued job once it is checked. */
static void
finish_head(struct run *r)
{
	struct job *j = &r->jobs[r->head % r->cap];
	struct pool *p = r->pool;

	if (p != NULL) {
		pthread_mutex_lock(&p->mu);
		while (!j->done) {
			struct job *k;

			if (p->next == r->tail) {
				pthread_cond_wait(&p->cv, &p->mu);
				continue;
			}
			/* A file no thread has taken: check it here. */
			k = &r->jobs[p->next++ % r->cap];
			pthread_mutex_unlock(&p->mu);
			check_job(r, r->worker, k);
			pthread_mutex_lock(&p->mu);
			k->done = true;
			pthread_cond_broadcast(&p->cv);
		}
		pthread_mutex_unlock(&p->mu);
	}
	finish_job(r, j);
	if (p != NULL)
		pthread_mutex_lock(&p->mu);
	r->head++;
	if (p != NULL) {
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
}

/* Takes in every queued job, stops the threads and frees the queue. */
static void
end_jobs(struct run *r)
{
	struct pool *p = r->pool;
	size_t i;

	if (p != NULL) {
		pthread_mutex_lock(&p->mu);
		p->closed = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	while (r->head < r->tail)
		finish_head(r);
	if (p != NULL) {
		for (i = 0; i < p->nt; i++)
			pthread_join(p->t[i], NULL);
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		free(p->t);
		free(p->pw);
		free(p);
		r->pool = NULL;
	}
	free(r->jobs);
	r->jobs = NULL;
}

/* The next job of the queue, for path, made room for and emptied. */
static struct job *
new_job(struct run *r, const char *path)
{
	struct job *j;

	if (r->tail - r->head == r->cap)
		finish_head(r);
	j = &r->jobs[r->tail % r->cap];
	memset(j, 0, sizeof(*j));
	j->path = bl_xstrdup(path);
	return j;
}

/* Queues the job new_job() made: checked now, without threads. */
static void
queue_job(struct run *r)
{
	if (r->pool == NULL) {
		r->tail++;
		check_job(r, r->worker, &r->jobs[(r->tail - 1) % r->cap]);
		finish_head(r);
		return;
	}
	pool_push(r);
}

/* Queues a file, unless its configuration excludes it; data[0, len) is its
 * text when it has no file to read (NULL: read it). */
static void
add_job(struct run *r, const char *path, bool explicit_file, unsigned walk_flags, const char *data,
        size_t len)
{
	const struct bl_config *cfg = config_for(r, path);
	struct job *j;

	if ((!explicit_file || r->force_exclude) && cfg != NULL && bl_config_skips(cfg, path)) {
		if (r->verbose)
			fprintf(stderr, "backlint: %s: skipped: excluded by the configuration\n",
			        path);
		return;
	}
	j = new_job(r, path);
	j->data = data;
	j->len = len;
	/* With --force-exclude a named file is taken as a walk would take it:
	 * one that holds no backlog items is skipped. */
	j->explicit_file = explicit_file && !r->force_exclude;
	j->walk_flags = walk_flags;
	j->cfg = cfg;
	if (!(walk_flags & BL_WALK_DOCS)) {
		j->team = bl_config_team(cfg);
		if (j->team == NULL)
			j->team = bl_teams_for(r->teams, path);
	}
	queue_job(r);
}

static void
walked(void *arg, const char *path, unsigned flags)
{
	add_job(arg, path, false, flags, NULL, 0);
}

/* A path the walk leaves out: said by --verbose in its place among the
 * files' results, whatever -j. */
static void
walk_skipped(void *arg, const char *path, const char *why)
{
	struct run *r = arg;
	struct job *j;

	if (!r->verbose)
		return;
	j = new_job(r, path);
	j->skipped = why;
	queue_job(r);
}

#define MAX_OUTPUTS 8

/* A --format, and the file it writes (NULL: standard output). */
struct output {
	const struct bl_reporter *rep;
	const char *path;
};

/* The number of jobs by default: the processors online. */
static size_t
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (size_t)n;
}

/* Frees the engine and returns status: the early exits of option parsing. */
static int
quit(struct bl_engine *e, int status)
{
	bl_engine_free(e);
	return status;
}

static int
list_rules(void)
{
	size_t i;

	for (i = 0; i < BL_R__COUNT; i++)
		printf("%-24s %-8s %s\n", bl_rules[i].id, bl_severity_name(bl_rules[i].severity),
		       bl_rules[i].summary);
	return 0;
}

/* backlint init: writes a commented starter .backlint.yml here. */
static int
init_config(bool force)
{
	struct bl_outfile of;

	if (!force && access(BL_CONFIG_NAME, F_OK) == 0) {
		fprintf(stderr, "backlint: %s exists; use --force to overwrite it\n",
		        BL_CONFIG_NAME);
		return 2;
	}
	if (!bl_outfile_open(&of, BL_CONFIG_NAME)) {
		fprintf(stderr, "backlint: cannot write %s: %s\n", BL_CONFIG_NAME, strerror(errno));
		return 2;
	}
	if (fputs(bl_config_starter, of.fp) < 0) {
		bl_outfile_abort(&of);
		fprintf(stderr, "backlint: cannot write %s\n", BL_CONFIG_NAME);
		return 2;
	}
	if (!bl_outfile_commit(&of)) {
		fprintf(stderr, "backlint: cannot write %s: %s\n", BL_CONFIG_NAME, strerror(errno));
		return 2;
	}
	printf("wrote %s\n", BL_CONFIG_NAME);
	return 0;
}

/* Prints the documentation of rule id, or of every rule for "all". */
static int
explain(const char *id)
{
	struct bl_buf b = {0};
	size_t i;

	if (strcmp(id, "all") == 0)
		bl_rules_markdown(&b);
	else {
		for (i = 0; i < BL_R__COUNT; i++)
			if (strcmp(bl_rules[i].id, id) == 0)
				break;
		if (i == BL_R__COUNT) {
			fprintf(stderr, "backlint: no rule '%s'; see --list-rules\n", id);
			return 2;
		}
		bl_rule_explain(&b, i);
	}
	/* One trailing newline. */
	while (b.len > 1 && b.s[b.len - 1] == '\n' && b.s[b.len - 2] == '\n')
		b.s[--b.len] = '\0';
	fputs(b.s, stdout);
	bl_buf_free(&b);
	return 0;
}

/* --rule for a rule the configuration defines (custom rules): resolved once
 * the configuration is read. */
#define MAX_CUSTOM_ARGS 64
struct custom_arg {
	const char *id;
	int sev, rule;
};

/* The severity fd is reported at: --rule on the command line decides over
 * all, else the configuration of its file (and its overrides). */
static enum bl_severity
shown_severity(const struct run *r, const int *cli_sev, const struct custom_arg *custom,
               size_t ncustom, const struct bl_finding *fd)
{
	size_t i;

	if (fd->rule < BL_R__COUNT && cli_sev[fd->rule] >= 0)
		return (enum bl_severity)cli_sev[fd->rule];
	for (i = 0; i < ncustom; i++)
		if (custom[i].rule >= 0 && (size_t)custom[i].rule == fd->rule)
			return (enum bl_severity)custom[i].sev;
	if (fd->file_index < r->nfile_config && r->file_config[fd->file_index] != NULL)
		return bl_config_severity(r->file_config[fd->file_index], r->engine, fd->rule,
		                          fd->path);
	return fd->severity;
}

int
main(int argc, char **argv)
{
	enum {
		OPT_FORMAT = 256,
		OPT_FAIL_ON,
		OPT_RULE,
		OPT_COLOR,
		OPT_LIST,
		OPT_EXPLAIN,
		OPT_DUMP,
		OPT_VERSION,
		OPT_MAX_SIZE,
		OPT_CONFIG,
		OPT_NO_CONFIG,
		OPT_PRINT_CONFIG,
		OPT_FORCE,
		OPT_BASELINE,
		OPT_WRITE_BASELINE,
		OPT_UNUSED,
		OPT_OUTPUT,
		OPT_MAX_WARNINGS,
		OPT_STDIN,
		OPT_STDIN_FILENAME,
		OPT_FORCE_EXCLUDE,
		OPT_INCLUDE_DONE,
		OPT_PARSE_ONLY
	};
	static const struct option longopts[] = {
	        {"format", required_argument, NULL, OPT_FORMAT},
	        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
	        {"rule", required_argument, NULL, OPT_RULE},
	        {"quiet", no_argument, NULL, 'q'},
	        {"color", required_argument, NULL, OPT_COLOR},
	        {"colour", required_argument, NULL, OPT_COLOR},
	        {"list-rules", no_argument, NULL, OPT_LIST},
	        {"explain", required_argument, NULL, OPT_EXPLAIN},
	        {"dump-model", no_argument, NULL, OPT_DUMP},
	        {"verbose", no_argument, NULL, 'v'},
	        {"max-size", required_argument, NULL, OPT_MAX_SIZE},
	        {"config", required_argument, NULL, OPT_CONFIG},
	        {"no-config", no_argument, NULL, OPT_NO_CONFIG},
	        {"print-config", no_argument, NULL, OPT_PRINT_CONFIG},
	        {"force", no_argument, NULL, OPT_FORCE},
	        {"baseline", required_argument, NULL, OPT_BASELINE},
	        {"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
	        {"report-unused-disables", no_argument, NULL, OPT_UNUSED},
	        {"output", required_argument, NULL, OPT_OUTPUT},
	        {"max-warnings", required_argument, NULL, OPT_MAX_WARNINGS},
	        {"stdin", no_argument, NULL, OPT_STDIN},
	        {"stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME},
	        {"force-exclude", no_argument, NULL, OPT_FORCE_EXCLUDE},
	        {"include-done", no_argument, NULL, OPT_INCLUDE_DONE},
	        {"parse-only", no_argument, NULL, OPT_PARSE_ONLY},
	        {"jobs", required_argument, NULL, 'j'},
	        {"version", no_argument, NULL, OPT_VERSION},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	struct output outs[MAX_OUTPUTS];
	size_t nouts = 0;
	struct bl_report_opts ro = {0};
	const char *stdin_name = "stdin.md";
	bool stdin_mode = false;
	struct bl_buf stdin_buf = {0};
	long max_warnings = -1;
	size_t jobs = default_jobs();
	struct bl_story_parser *sp;
	struct run r;
	struct bl_walk_calls calls = {walked, walk_skipped, io_err, &r};
	struct bl_walker *walker;
	const struct bl_finding *fd;
	const char *color = "auto";
	enum bl_severity fail_on = BL_SEV_ERROR;
	size_t nfd, i;
	char err[256];
	bool failed = false;
	size_t max_size = 64u * 1024 * 1024;
	const char *config_path = NULL, *baseline_path = NULL, *write_baseline = NULL;
	struct bl_baseline *baseline = NULL;
	struct bl_finding *kept = NULL; /* for --write-baseline */
	unsigned char *shown = NULL;    /* each finding's severity; off: not shown */
	size_t nkept = 0, warnings = 0;
	bool print_config = false, force = false;
	bool include_done = false; /* --include-done: wins over the configuration */
	int cli_sev[BL_R__COUNT];
	struct custom_arg custom[MAX_CUSTOM_ARGS];
	size_t ncustom = 0;
	void *st;
	int c, k;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < BL_R__COUNT; i++)
		cli_sev[i] = -1;
	r.engine = bl_engine_new(&bl_registry);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":qvhj:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (nouts == MAX_OUTPUTS) {
				fprintf(stderr, "backlint: at most %d --format options\n",
				        MAX_OUTPUTS);
				return quit(r.engine, 2);
			}
			if ((outs[nouts].rep = bl_reporter_find(optarg)) == NULL) {
				fprintf(stderr,
				        "backlint: unknown format '%s' (text, json, sarif, junit, "
				        "github, gitlab, checkstyle, html)\n",
				        optarg);
				return quit(r.engine, 2);
			}
			outs[nouts++].path = NULL;
			break;
		case OPT_OUTPUT:
			/* --output belongs to the --format before it (text if none). */
			if (nouts == 0) {
				outs[0].rep = bl_reporter_find("text");
				outs[nouts++].path = NULL;
			}
			if (outs[nouts - 1].path != NULL) {
				fprintf(stderr,
				        "backlint: --output '%s': the format before it already "
				        "has an output; give --format again\n",
				        optarg);
				return quit(r.engine, 2);
			}
			outs[nouts - 1].path = optarg;
			break;
		case OPT_MAX_WARNINGS: {
			char *end;

			max_warnings = strtol(optarg, &end, 10);
			if (end == optarg || *end != '\0' || max_warnings < 0) {
				fprintf(stderr,
				        "backlint: --max-warnings takes a number, not '%s'\n",
				        optarg);
				return quit(r.engine, 2);
			}
			break;
		}
		case 'j': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (end == optarg || *end != '\0' || v < 1 || v > 256) {
				fprintf(stderr,
				        "backlint: -j takes a number of jobs from 1 to 256, not "
				        "'%s'\n",
				        optarg);
				return quit(r.engine, 2);
			}
			jobs = (size_t)v;
			break;
		}
		case OPT_STDIN: stdin_mode = true; break;
		case OPT_STDIN_FILENAME: stdin_name = optarg; break;
		case OPT_FORCE_EXCLUDE: r.force_exclude = true; break;
		case OPT_INCLUDE_DONE: include_done = true; break;
		case OPT_PARSE_ONLY:
			r.parse_only = r.dump_model = true; /* no rules, no report */
			break;
		case OPT_FAIL_ON:
			k = bl_severity_parse(optarg);
			if (k <= BL_SEV_OFF) {
				fprintf(stderr,
				        "backlint: --fail-on takes error, warning or info, not "
				        "'%s'\n",
				        optarg);
				return quit(r.engine, 2);
			}
			fail_on = (enum bl_severity)k;
			break;
		case OPT_RULE: {
			char *eq = strchr(optarg, '=');
			int idx;

			if (eq == NULL || (k = bl_severity_parse(eq + 1)) < 0) {
				fprintf(stderr,
				        "backlint: --rule takes ID=error|warning|info|off, not "
				        "'%s'\n",
				        optarg);
				return quit(r.engine, 2);
			}
			*eq = '\0';
			if ((idx = bl_engine_find(r.engine, optarg)) >= 0) {
				cli_sev[idx] = k;
				break;
			}
			/* Maybe a rule of the configuration: known once it is read. */
			if (ncustom == MAX_CUSTOM_ARGS) {
				fprintf(stderr,
				        "backlint: more than %d --rule options for rules "
				        "that are not built in\n",
				        MAX_CUSTOM_ARGS);
				return quit(r.engine, 2);
			}
			custom[ncustom].id = optarg;
			custom[ncustom].sev = k;
			custom[ncustom++].rule = -1;
			break;
		}
		case OPT_CONFIG: config_path = optarg; break;
		case OPT_NO_CONFIG: r.no_config = true; break;
		case OPT_PRINT_CONFIG: print_config = true; break;
		case OPT_FORCE: force = true; break;
		case OPT_BASELINE: baseline_path = optarg; break;
		case OPT_WRITE_BASELINE: write_baseline = optarg; break;
		case OPT_UNUSED: bl_engine_report_unused_disables(r.engine, true); break;
		case 'q': ro.quiet = true; break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") && strcmp(optarg, "always") &&
			    strcmp(optarg, "never")) {
				fprintf(stderr, "backlint: --color takes auto, always or never\n");
				return quit(r.engine, 2);
			}
			color = optarg;
			break;
		case OPT_LIST: return quit(r.engine, list_rules());
		case OPT_EXPLAIN: return quit(r.engine, explain(optarg));
		case OPT_DUMP: r.dump_model = true; break;
		case 'v': r.verbose = true; break;
		case OPT_MAX_SIZE: {
			char *end;
			unsigned long long v = strtoull(optarg, &end, 10);

			if (end == optarg || *end != '\0' || v == 0) {
				fprintf(stderr,
				        "backlint: --max-size takes a number of bytes, not '%s'\n",
				        optarg);
				return quit(r.engine, 2);
			}
			max_size = (size_t)v;
			break;
		}
		case OPT_VERSION: printf("backlint %s\n", BL_VERSION); return quit(r.engine, 0);
		case 'h': usage(stdout); return quit(r.engine, 0);
		case ':':
			fprintf(stderr, "backlint: option '%s' needs a value (see --help)\n",
			        argv[optind - 1]);
			return quit(r.engine, 2);
		default:
			fprintf(stderr, "backlint: unknown option '%s' (see --help)\n",
			        argv[optind - 1]);
			return quit(r.engine, 2);
		}
	}
	if (optind < argc && strcmp(argv[optind], "init") == 0)
		return quit(r.engine, init_config(force));
	if (config_path != NULL && !r.no_config) {
		char cerr[512];

		r.forced = bl_config_load(config_path, r.engine, cerr, sizeof(cerr));
		if (r.forced == NULL) {
			fprintf(stderr, "%s\n", cerr);
			return quit(r.engine, 2);
		}
	}
	{
		/* The configuration of the first path (or the current folder)
		 * sets options, word lists and personas for the whole run. */
		const struct bl_config *root = config_for(&r, optind < argc ? argv[optind] : ".");

		if (r.config_error) {
			free_configs(&r);
			return quit(r.engine, 2);
		}
		if (root != NULL) {
			/* Custom rules join the registry's for the whole run. */
			bl_config_add_custom((struct bl_config *)root, r.engine);
			bl_config_apply(root, r.engine);
			r.lopts.sections = bl_config_sections(root, &r.lopts.nsections);
		}
		if (include_done)
			bl_engine_set_include_done(r.engine, true);
		for (i = 0; i < BL_R__COUNT; i++)
			if (cli_sev[i] >= 0)
				bl_engine_set_severity(r.engine, i, (enum bl_severity)cli_sev[i]);
		for (i = 0; i < ncustom; i++) {
			custom[i].rule = bl_engine_find(r.engine, custom[i].id);
			if (custom[i].rule < 0) {
				fprintf(stderr,
				        "backlint: unknown rule '%s' (see --list-rules, and the "
				        "configuration's custom rules)\n",
				        custom[i].id);
				free_configs(&r);
				return quit(r.engine, 2);
			}
			bl_engine_set_severity(r.engine, (size_t)custom[i].rule,
			                       (enum bl_severity)custom[i].sev);
		}
		if (print_config) {
			bl_config_print(root, r.engine, stdout);
			free_configs(&r);
			return quit(r.engine, 0);
		}
		/* Declared personas count for the whole backlog. */
		if (root != NULL && root->npersonas > 0 && !r.dump_model) {
			note_file(&r, root);
			bl_engine_file(r.engine, root->src);
			r.linted++;
		}
	}
	if (baseline_path != NULL && write_baseline == NULL) {
		char berr[512];

		baseline = bl_baseline_load(baseline_path, berr, sizeof(berr));
		if (baseline == NULL) {
			fprintf(stderr, "backlint: %s\n", berr);
			free_configs(&r);
			return quit(r.engine, 2);
		}
	}
	sp = bl_story_parser_new(bl_words_story_templates, bl_words_story_openers, err,
	                         sizeof(err));
	if (sp == NULL) {
		fprintf(stderr, "backlint: story templates: %s\n", err);
		return quit(r.engine, 2);
	}
	r.lopts.stories = sp;
	r.lopts.max_bytes = max_size;
	r.teams = bl_teams_new(&r.lopts);
	start_jobs(&r, jobs);
	walker = bl_walker_new(&calls);
	if (stdin_mode) {
		if (!bl_buf_read(&stdin_buf, stdin))
			io_err(&r, "<stdin>", "cannot read standard input");
		else
			add_job(&r, stdin_name, true, 0, stdin_buf.s ? stdin_buf.s : "",
			        stdin_buf.len);
	} else if (optind == argc) {
		if (!bl_walk(walker, "."))
			io_err(&r, ".", "cannot read the current directory");
	}
	for (i = (size_t)optind; !stdin_mode && i < (size_t)argc; i++) {
		if (!bl_walk(walker, argv[i]))
			add_job(&r, argv[i], true,
			        r.force_exclude ? bl_walk_path_flags(argv[i]) : 0, NULL, 0);
	}
	end_jobs(&r);
	bl_walker_free(walker);
	/* A run that found nothing to check is no green result: a mistyped
	 * path or an empty folder would pass a CI gate forever. A hook
	 * (--force-exclude) may well be handed only files that are no backlog. */
	if (r.linted == 0 && !r.io_error && !r.force_exclude) {
		fprintf(stderr,
		        "backlint: no backlog files found in %s%s: backlint reads .md, .markdown, "
		        ".yml, .yaml and .txt files that hold backlog items (--verbose lists what "
		        "was skipped and why)\n",
		        optind == argc ? "the current directory" : argv[optind],
		        argc - optind > 1 ? " and the other paths" : "");
		r.io_error = true;
	}
	if (!r.dump_model && (r.linted > 0 || r.force_exclude)) {
		/* Standard input has no file for the backlog pass to read again. */
		if (stdin_mode)
			bl_engine_source(r.engine, stdin_name, stdin_buf.s ? stdin_buf.s : "",
			                 stdin_buf.len);
		bl_engine_finish(r.engine);
		nfd = bl_engine_nfindings(r.engine);
		ro.color = strcmp(color, "always") == 0 ||
		           (strcmp(color, "auto") == 0 && isatty(STDOUT_FILENO) &&
		            (getenv("NO_COLOR") == NULL || getenv("NO_COLOR")[0] == '\0'));
		ro.min = ro.quiet ? fail_on : BL_SEV_INFO;
		ro.files = r.linted;
		ro.version = BL_VERSION;
		ro.rule_doc = bl_rule_doc;
		/* The findings are read once here and once per output: they may be
		 * more than memory should hold at once (bl_engine_next). */
		shown = bl_xcalloc(nfd ? nfd : 1, 1);
		if (write_baseline != NULL)
			kept = bl_xcalloc(nfd ? nfd : 1, sizeof(*kept));
		bl_engine_rewind(r.engine);
		for (i = 0; (fd = bl_engine_next(r.engine)) != NULL && i < nfd; i++) {
			enum bl_severity sev = shown_severity(&r, cli_sev, custom, ncustom, fd);

			if (sev == BL_SEV_OFF)
				continue;
			/* A finding the baseline accepted is not reported. */
			if (baseline != NULL && bl_baseline_match(baseline, r.engine, fd))
				continue;
			shown[i] = (unsigned char)sev;
			if (kept != NULL) {
				bl_finding_copy(&kept[nkept], fd);
				kept[nkept].severity = sev;
			}
			nkept++;
			if (sev >= fail_on)
				failed = true;
			if (sev == BL_SEV_WARNING)
				warnings++;
		}
		if (write_baseline != NULL) {
			if (!bl_baseline_write(write_baseline, r.engine, kept, nkept, err,
			                       sizeof(err))) {
				fprintf(stderr, "backlint: %s\n", err);
				r.io_error = true;
			} else
				fprintf(stderr, "backlint: wrote %zu finding%s to %s\n", nkept,
				        nkept == 1 ? "" : "s", write_baseline);
			failed = false; /* recording findings is no failure */
		} else {
			size_t o;

			if (nouts == 0) {
				outs[0].rep = bl_reporter_find("text");
				outs[nouts++].path = NULL;
			}
			/* --max-warnings: more warnings than allowed fail the run. */
			if (max_warnings >= 0 && warnings > (size_t)max_warnings)
				failed = true;
			for (o = 0; o < nouts; o++) {
				FILE *out = stdout;
				struct bl_report_opts oo = ro;
				struct bl_outfile of;

				/* A report file appears whole, or the old one stays. */
				if (outs[o].path != NULL) {
					if (!bl_outfile_open(&of, outs[o].path)) {
						fprintf(stderr, "backlint: cannot write %s: %s\n",
						        outs[o].path, strerror(errno));
						r.io_error = true;
						continue;
					}
					out = of.fp;
				}
				oo.color = ro.color && out == stdout;
				st = outs[o].rep->open(out, r.engine, &oo);
				bl_engine_rewind(r.engine);
				for (i = 0; (fd = bl_engine_next(r.engine)) != NULL && i < nfd;
				     i++) {
					struct bl_finding f = *fd;

					if (shown[i] == BL_SEV_OFF)
						continue;
					f.severity = (enum bl_severity)shown[i];
					outs[o].rep->finding(st, &f);
				}
				outs[o].rep->close(st);
				if (out != stdout && !bl_outfile_commit(&of)) {
					fprintf(stderr, "backlint: cannot write %s: %s\n",
					        outs[o].path, strerror(errno));
					r.io_error = true;
				}
			}
			if (max_warnings >= 0 && warnings > (size_t)max_warnings) {
				fflush(stdout);
				fprintf(stderr,
				        "backlint: %zu warnings, more than --max-warnings %ld\n",
				        warnings, max_warnings);
			}
		}
		if (baseline != NULL && bl_baseline_unmatched(baseline) > 0)
			fprintf(stderr,
			        "backlint: note: %zu finding%s of the baseline no longer occur%s "
			        "(fixed, or "
			        "in files not linted this time); refresh it with "
			        "--write-baseline\n",
			        bl_baseline_unmatched(baseline),
			        bl_baseline_unmatched(baseline) == 1 ? "" : "s",
			        bl_baseline_unmatched(baseline) == 1 ? "s" : "");
		if (bl_engine_error(r.engine) != NULL) {
			fprintf(stderr, "backlint: %s\n", bl_engine_error(r.engine));
			r.io_error = true;
		}
		for (i = 0; kept != NULL && i < nkept; i++)
			bl_finding_free(&kept[i]);
		free(kept);
		free(shown);
	}
	bl_buf_free(&stdin_buf);
	bl_baseline_free(baseline);
	free_configs(&r);
	bl_teams_free(r.teams);
	bl_story_parser_free(sp);
	bl_engine_free(r.engine);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "backlint: cannot write the output\n");
		return 2;
	}
	return r.io_error || r.config_error ? 2 : failed ? 1 : 0;
}
