/*
 * A run: the pipeline from paths to exit status (run.h). Files are
 * checked as the walk finds them, on -j threads, and taken in the order
 * found, so the output does not depend on -j.
 */
#include "run_int.h"

#include <errno.h>
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

void
bl_run_io_err(void *arg, const char *path, const char *msg)
{
	struct run *r = arg;

	fprintf(stderr, "backlint: %s: %s\n", path, msg);
	r->io_error = true;
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
	j = bl_run_new_job(r, path);
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
	bl_run_queue_job(r);
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
	j = bl_run_new_job(r, path);
	j->skipped = why;
	bl_run_queue_job(r);
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
	struct bl_walk_calls calls = {walked, walk_skipped, bl_run_io_err, r};
	struct bl_walker *walker = bl_walker_new(&calls);
	size_t i;

	if (o->use_stdin && r->in_data != NULL) /* else not readable, said so */
		add_job(r, o->stdin_name, true, 0, r->in_data, r->in_len);
	else if (o->npaths == 0 && !bl_walk(walker, "."))
		bl_run_io_err(r, ".", "cannot read the current directory");
	for (i = 0; !o->use_stdin && i < o->npaths; i++)
		if (!bl_walk(walker, o->paths[i]))
			add_job(r, o->paths[i], true,
			        r->force_exclude ? bl_walk_path_flags(o->paths[i]) : 0, NULL, 0);
	bl_run_end_jobs(r);
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
	size_t jobs;
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
			bl_run_io_err(r, "<stdin>", "cannot read standard input");
		else {
			r->in_data = r->in.s ? r->in.s : "";
			r->in_len = r->in.len;
		}
	}
	r->teams = bl_teams_new(&r->lopts);
	jobs = o->jobs > 0 ? o->jobs : default_jobs();
	bl_engine_set_threads(r->engine, jobs);
	/* The main thread checks files too: its arenas' chunks go from one
	 * file to the next, as a worker's do. */
	bl_arena_keep_chunks(true);
	bl_run_start_jobs(r, jobs);
	lint(r);
	if (!r->dump_model && (r->linted > 0 || r->force_exclude))
		failed = verdict(r, baseline);
	bl_arena_keep_chunks(false);
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
