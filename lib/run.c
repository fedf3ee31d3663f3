/*
 * A run: the pipeline from paths to exit status (run.h). Files are
 * checked as the walk finds them, on -j threads, and taken in the order
 * found, so the output does not depend on -j.
 */
#include "run.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "config.h"
#include "outfile.h"
#include "team.h"
#include "util.h"
#include "walk.h"

/* A configuration file read in this run. */
struct loaded {
	char *path;
	struct bl_config *config;
};

struct job;
struct pool;

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
	for (i = 0; i < r->nprofs; i++)
		free(r->profs[i].path);
	free(r->profs);
	free(r->last_dir);
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
	bl_engine_worker_profile(w, j->prof);
	o.sections = bl_config_sections(j->cfg, &o.nsections);
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

/* Sets the command line's severities and include-done in the profile
 * being configured: they decide over every configuration. */
static void
command_line(struct run *r)
{
	size_t i;

	for (i = 0; i < r->o->nrules; i++)
		bl_engine_set_severity(r->engine, r->cli_rule[i], r->cli_sev[i]);
	if (r->o->include_done)
		bl_engine_set_include_done(r->engine, true);
}

/* The profile the rules run with on the file at path under configuration
 * cfg: one for each configuration and set of its overrides that match,
 * made the first time a file needs it. */
static struct bl_profile *
profile_for(struct run *r, const struct bl_config *cfg, const char *path)
{
	uint64_t bits = 0;
	bool few = bl_config_overrides_of(cfg, path, &bits);
	struct prof *k;
	size_t i;

	if (cfg == NULL)
		return r->defaults;
	for (i = 0; i < r->nprofs; i++)
		if (r->profs[i].cfg == cfg && r->profs[i].bits == bits &&
		    (few ? r->profs[i].path == NULL
		         : r->profs[i].path != NULL && strcmp(r->profs[i].path, path) == 0))
			return r->profs[i].p;
	r->profs = bl_xrealloc(r->profs, (r->nprofs + 1) * sizeof(*r->profs));
	k = &r->profs[r->nprofs++];
	k->cfg = cfg;
	k->bits = bits;
	k->path = few ? NULL : bl_xstrdup(path);
	k->p = bl_engine_profile_new(r->engine);
	bl_config_apply(cfg, r->engine);
	for (i = 0; i < bl_engine_nrules(r->engine); i++)
		bl_engine_set_severity(r->engine, i, bl_config_severity(cfg, r->engine, i, path));
	command_line(r);
	return k->p;
}

/* Notes that a file is checked under configuration cfg (profile p). */
static void
same_config(struct run *r, const struct bl_config *cfg, const struct bl_profile *p)
{
	if (!r->some) {
		r->some = true;
		r->common = cfg;
		r->common_prof = p;
	} else if (cfg != r->common)
		r->mixed = true;
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
	j->prof = profile_for(r, cfg, path);
	same_config(r, cfg, j->prof);
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
static int
by_file(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->file, ((const struct named *)b)->file);
}

/* The configurations of the paths named (or of the current folder), each
 * once, in the order of their files, so that the order of the paths
 * changes nothing: sets *out (to free), returns their number. */
static size_t
named_configs(struct run *r, struct named **out)
{
	const struct bl_run_opts *o = r->o;
	size_t n = 0, i, j, npaths = o->npaths > 0 ? o->npaths : 1;
	struct named *v = bl_xcalloc(npaths, sizeof(*v));

	for (i = 0; i < npaths; i++) {
		const char *path = o->npaths > 0 ? o->paths[i] : ".";
		size_t len = strlen(path);
		struct bl_buf in = {0};
		struct stat st;
		const struct bl_config *cfg;

		/* A folder's own configuration, not its parent's ("-" stands
		 * for a file in it). */
		while (len > 1 && path[len - 1] == '/')
			len--;
		bl_buf_printf(&in, "%.*s/-", (int)len, path);
		cfg = config_for(r, stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? in.s : path);
		bl_buf_free(&in);

		for (j = 0; j < n && v[j].cfg != cfg; j++)
			;
		if (cfg == NULL || j < n)
			continue;
		v[n].cfg = cfg;
		v[n].path = path;
		v[n].file = r->forced == cfg ? o->config_path : "";
		for (j = 0; j < r->nconfigs; j++)
			if (r->configs[j].config == cfg)
				v[n].file = r->configs[j].path;
		n++;
	}
	qsort(v, n, sizeof(*v), by_file);
	*out = v;
	return n;
}

/* Reads the configuration: --config for every file, else the nearest one
 * of the first path, which sets options, word lists, personas and custom
 * rules for the whole run; then --rule over it. Returns 0 to go on, else
 * the exit status (after saying why). */
static int
configure(struct run *r)
{
	const struct bl_run_opts *o = r->o;
	const struct bl_config *root;
	const char *first;
	size_t i;

	if (o->config_path != NULL && !r->no_config) {
		char cerr[512];

		r->forced = bl_config_load(o->config_path, r->engine, cerr, sizeof(cerr));
		if (r->forced == NULL) {
			fprintf(stderr, "%s\n", cerr);
			return 2;
		}
	}
	first = o->npaths > 0 ? o->paths[0] : ".";
	root = config_for(r, first);
	r->nnamed = named_configs(r, &r->named);
	if (r->config_error)
		return 2;
	/* Custom rules of the paths' configurations join the registry's for
	 * the whole run. */
	for (i = 0; i < r->nnamed; i++)
		bl_config_add_custom((struct bl_config *)r->named[i].cfg, r->engine);
	if (o->report_unused)
		bl_engine_report_unused_disables(r->engine, true);
	/* --rule: known now that the configuration's custom rules are. */
	r->cli_rule = bl_xcalloc(o->nrules ? o->nrules : 1, sizeof(*r->cli_rule));
	r->cli_sev = bl_xcalloc(o->nrules ? o->nrules : 1, sizeof(*r->cli_sev));
	for (i = 0; i < o->nrules; i++) {
		int rule = bl_engine_find(r->engine, o->rules[i].id);

		if (rule < 0) {
			fprintf(stderr,
			        "backlint: unknown rule '%s' (see --list-rules, and the "
			        "configuration's custom rules)\n",
			        o->rules[i].id);
			return 2;
		}
		r->cli_rule[i] = (size_t)rule;
		r->cli_sev[i] = o->rules[i].severity;
	}
	/* Files under no configuration: the built-in profile, and the
	 * command line over it. */
	r->defaults = bl_engine_profile_current(r->engine);
	command_line(r);
	if (o->print_config) {
		bl_engine_profile_use(r->engine, profile_for(r, root, first));
		bl_config_print(root, r->engine, stdout);
		return 0;
	}
	/* Personas the paths' configurations declare count for the whole
	 * backlog. */
	for (i = 0; i < r->nnamed && !r->dump_model; i++)
		if (r->named[i].cfg->npersonas > 0) {
			const struct named *nd = &r->named[i];
			struct bl_worker *w = bl_engine_worker(r->engine);
			const struct bl_profile *p = profile_for(r, nd->cfg, nd->path);

			bl_engine_worker_profile(w, p);
			same_config(r, nd->cfg, p);
			bl_engine_add(r->engine, bl_engine_check(w, nd->cfg->src));
			r->linted++;
		}
	return -1;
}

/* Walks the paths (or reads standard input), checking each file found. */
static void
lint(struct run *r)
{
	const struct bl_run_opts *o = r->o;
	struct bl_walk_calls calls = {walked, walk_skipped, io_err, r};
	struct bl_walker *walker = bl_walker_new(&calls);
	size_t i;

	if (o->use_stdin && r->in_data != NULL) /* else not readable, said so */
		add_job(r, o->stdin_name, true, 0, r->in_data, r->in_len);
	else if (o->npaths == 0 && !bl_walk(walker, "."))
		io_err(r, ".", "cannot read the current directory");
	for (i = 0; !o->use_stdin && i < o->npaths; i++)
		if (!bl_walk(walker, o->paths[i]))
			add_job(r, o->paths[i], true,
			        r->force_exclude ? bl_walk_path_flags(o->paths[i]) : 0, NULL, 0);
	end_jobs(r);
	bl_walker_free(walker);
	/* A run that found nothing to check is no green result: a mistyped
	 * path or an empty folder would pass a CI gate forever. A hook
	 * (--force-exclude) may well be handed only files that are no backlog. */
	if (r->linted == 0 && !r->io_error && !r->force_exclude) {
		fprintf(stderr,
		        "backlint: no backlog files found in %s%s: backlint reads .md, .markdown, "
		        ".yml, .yaml and .txt files that hold backlog items (--verbose lists what "
		        "was skipped and why)\n",
		        o->npaths == 0 ? "the current directory" : o->paths[0],
		        o->npaths > 1 ? " and the other paths" : "");
		r->io_error = true;
	}
}

/* Writes the shown findings (shown[i]: the severity of the i-th, off: not
 * shown) in every requested format. */
static void
write_reports(struct run *r, const struct bl_report_opts *ro, const unsigned char *shown,
              size_t nfd)
{
	const struct bl_run_opts *o = r->o;
	struct bl_run_output text = {bl_reporter_find("text"), NULL};
	const struct bl_run_output *outs = o->noutputs > 0 ? o->outputs : &text;
	size_t nouts = o->noutputs > 0 ? o->noutputs : 1, k, i;
	const struct bl_finding *fd;

	for (k = 0; k < nouts; k++) {
		FILE *out = stdout;
		struct bl_report_opts oo = *ro;
		struct bl_outfile of;
		void *st;

		/* A report file appears whole, or the old one stays. */
		if (outs[k].path != NULL) {
			if (!bl_outfile_open(&of, outs[k].path)) {
				fprintf(stderr, "backlint: cannot write %s: %s\n", outs[k].path,
				        strerror(errno));
				r->io_error = true;
				continue;
			}
			out = of.fp;
		}
		oo.color = ro->color && out == stdout;
		st = outs[k].rep->open(out, r->engine, &oo);
		bl_engine_rewind(r->engine);
		for (i = 0; (fd = bl_engine_next(r->engine)) != NULL && i < nfd; i++) {
			struct bl_finding f = *fd;

			if (shown[i] == BL_SEV_OFF)
				continue;
			f.severity = (enum bl_severity)shown[i];
			outs[k].rep->finding(st, &f);
		}
		outs[k].rep->close(st);
		if (out != stdout && !bl_outfile_commit(&of)) {
			fprintf(stderr, "backlint: cannot write %s: %s\n", outs[k].path,
			        strerror(errno));
			r->io_error = true;
		}
	}
}

/* Decides each finding's severity and whether the baseline accepts it,
 * then writes the baseline or the reports. Returns whether the run fails. */
static bool
verdict(struct run *r, struct bl_baseline *baseline)
{
	const struct bl_run_opts *o = r->o;
	struct bl_report_opts ro = o->report;
	size_t nfd, i, nkept = 0, warnings = 0;
	struct bl_finding *kept = NULL; /* for --write-baseline */
	unsigned char *shown;           /* each finding's severity; off: not shown */
	const struct bl_finding *fd;
	bool failed = false;
	char err[256];

	/* Standard input has no file for the backlog pass to read again. */
	if (o->use_stdin)
		bl_engine_source(r->engine, o->stdin_name, r->in_data, r->in_len);
	/* The backlog-wide rules take their options from the files'
	 * configuration, or when the files have different ones from the
	 * current folder's: the order of the paths changes nothing. */
	bl_engine_set_backlog_profile(r->engine, r->some && !r->mixed
	                                                 ? r->common_prof
	                                                 : profile_for(r, config_for(r, "."), "."));
	bl_engine_finish(r->engine);
	nfd = bl_engine_nfindings(r->engine);
	ro.min = ro.quiet ? o->fail_on : BL_SEV_INFO;
	ro.files = r->linted;
	ro.version = o->version;
	/* The findings are read once here and once per output: they may be
	 * more than memory should hold at once (bl_engine_next). */
	shown = bl_xcalloc(nfd ? nfd : 1, 1);
	if (o->write_baseline != NULL)
		kept = bl_xcalloc(nfd ? nfd : 1, sizeof(*kept));
	bl_engine_rewind(r->engine);
	for (i = 0; (fd = bl_engine_next(r->engine)) != NULL && i < nfd; i++) {
		enum bl_severity sev = fd->severity;

		if (sev == BL_SEV_OFF)
			continue;
		/* A finding the baseline accepted is not reported. */
		if (baseline != NULL && bl_baseline_match(baseline, r->engine, fd))
			continue;
		shown[i] = (unsigned char)sev;
		if (kept != NULL) {
			bl_finding_copy(&kept[nkept], fd);
			kept[nkept].severity = sev;
		}
		nkept++;
		if (sev >= o->fail_on)
			failed = true;
		if (sev == BL_SEV_WARNING)
			warnings++;
	}
	if (o->write_baseline != NULL) {
		if (!bl_baseline_write(o->write_baseline, r->engine, kept, nkept, err,
		                       sizeof(err))) {
			fprintf(stderr, "backlint: %s\n", err);
			r->io_error = true;
		} else
			fprintf(stderr, "backlint: wrote %zu finding%s to %s\n", nkept,
			        nkept == 1 ? "" : "s", o->write_baseline);
		failed = false; /* recording findings is no failure */
	} else {
		/* --max-warnings: more warnings than allowed fail the run. */
		if (o->max_warnings >= 0 && warnings > (size_t)o->max_warnings)
			failed = true;
		write_reports(r, &ro, shown, nfd);
		if (o->max_warnings >= 0 && warnings > (size_t)o->max_warnings) {
			fflush(stdout);
			fprintf(stderr, "backlint: %zu warnings, more than --max-warnings %ld\n",
			        warnings, o->max_warnings);
		}
	}
	if (baseline != NULL && bl_baseline_unmatched(baseline) > 0)
		fprintf(stderr,
		        "backlint: note: %zu finding%s of the baseline no longer occur%s (fixed, "
		        "or "
		        "in files not linted this time); refresh it with --write-baseline\n",
		        bl_baseline_unmatched(baseline),
		        bl_baseline_unmatched(baseline) == 1 ? "" : "s",
		        bl_baseline_unmatched(baseline) == 1 ? "s" : "");
	if (bl_engine_error(r->engine) != NULL) {
		fprintf(stderr, "backlint: %s\n", bl_engine_error(r->engine));
		r->io_error = true;
	}
	for (i = 0; kept != NULL && i < nkept; i++)
		bl_finding_free(&kept[i]);
	free(kept);
	free(shown);
	return failed;
}

/* The number of jobs by default: the processors online. */
static size_t
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (size_t)n;
}

/* Loads the checks' inputs, lints, reports: the run once configured. */
static int
lint_and_report(struct run *r)
{
	const struct bl_run_opts *o = r->o;
	struct bl_baseline *baseline = NULL;
	struct bl_story_parser *sp;
	bool failed = false;
	char err[512];

	if (o->baseline != NULL && o->write_baseline == NULL) {
		baseline = bl_baseline_load(o->baseline, err, sizeof(err));
		if (baseline == NULL) {
			fprintf(stderr, "backlint: %s\n", err);
			return 2;
		}
	}
	sp = bl_story_parser_new(o->story_templates, o->story_openers, err, sizeof(err));
	if (sp == NULL) {
		fprintf(stderr, "backlint: story templates: %s\n", err);
		bl_baseline_free(baseline);
		return 2;
	}
	r->lopts.stories = sp;
	r->lopts.max_bytes = o->max_bytes;
	r->in_data = o->stdin_data;
	r->in_len = o->stdin_len;
	if (o->use_stdin && r->in_data == NULL) {
		if (!bl_buf_read(&r->in, stdin))
			io_err(r, "<stdin>", "cannot read standard input");
		else {
			r->in_data = r->in.s ? r->in.s : "";
			r->in_len = r->in.len;
		}
	}
	r->teams = bl_teams_new(&r->lopts);
	start_jobs(r, o->jobs > 0 ? o->jobs : default_jobs());
	lint(r);
	if (!r->dump_model && (r->linted > 0 || r->force_exclude))
		failed = verdict(r, baseline);
	bl_baseline_free(baseline);
	bl_teams_free(r->teams);
	bl_story_parser_free(sp);
	return r->io_error || r->config_error ? 2 : failed ? 1 : 0;
}

bool
bl_run_color(const char *when)
{
	const char *no = getenv("NO_COLOR");

	return strcmp(when, "always") == 0 || (strcmp(when, "auto") == 0 && isatty(STDOUT_FILENO) &&
	                                       (no == NULL || no[0] == '\0'));
}

int
bl_run(const struct bl_run_opts *o)
{
	struct run r;
	int status;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.engine = bl_engine_new(o->registry);
	r.force_exclude = o->force_exclude;
	r.dump_model = o->dump_model || o->parse_only;
	r.parse_only = o->parse_only;
	r.verbose = o->verbose;
	r.no_config = o->no_config;
	status = configure(&r);
	if (status < 0)
		status = lint_and_report(&r);
	free(r.cli_rule);
	free(r.named);
	free(r.cli_sev);
	bl_buf_free(&r.in);
	free_configs(&r);
	bl_engine_free(r.engine);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "backlint: cannot write the output\n");
		return 2;
	}
	return status;
}
