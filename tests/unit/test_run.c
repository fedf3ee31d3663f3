/*
 * Unit tests of a whole run (lib/run.c): bl_run() over a backlog written
 * to a temporary folder, with the built-in registry, its reports written
 * to files. The exit status follows the findings and --fail-on; --rule
 * turns a rule off; a folder with no backlog file is no pass; a baseline
 * written by one run accepts every finding of the next; the output does
 * not depend on the number of threads; configuration errors stop the run.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "support.h"

#include "report.h"
#include "rules.h"
#include "run.h"
#include "util.h"

/* A story with no acceptance criteria (ac/missing, a warning) and an
 * unknown dependency (deps/unknown, an error). */
static const char story_md[] = "---\n"
                               "id: US-1\n"
                               "title: Renew a loan\n"
                               "status: To Do\n"
                               "depends_on: [US-9]\n"
                               "---\n"
                               "\n"
                               "As a member, I want to renew a loan online, so that I keep "
                               "the book longer.\n";

struct dir {
	char path[64];
	char file[128], out[128], base[128];
};

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static char *
read_file(const char *path)
{
	struct bl_buf b = {0};
	FILE *fp = fopen(path, "r");

	assert_non_null(fp);
	assert_true(bl_buf_read(&b, fp));
	fclose(fp);
	return b.s ? b.s : bl_xstrdup("");
}

static void
make_dir(struct dir *d, bool with_story)
{
	strcpy(d->path, "/tmp/bl-run-XXXXXX");
	assert_non_null(mkdtemp(d->path));
	snprintf(d->file, sizeof(d->file), "%s/US-1.md", d->path);
	snprintf(d->out, sizeof(d->out), "%s/report.json", d->path);
	snprintf(d->base, sizeof(d->base), "%s/baseline.txt", d->path);
	if (with_story)
		write_file(d->file, story_md);
}

static void
remove_dir(struct dir *d)
{
	unlink(d->file);
	unlink(d->out);
	unlink(d->base);
	rmdir(d->path);
}

/* Options for a run over d's story, reporting JSON into d->out. */
static void
options(struct bl_run_opts *o, struct bl_run_output *out, const char **paths, struct dir *d)
{
	memset(o, 0, sizeof(*o));
	o->registry = &bl_registry;
	o->story_templates = bl_words_story_templates;
	o->story_openers = bl_words_story_openers;
	o->version = "test";
	paths[0] = d->file;
	o->paths = paths;
	o->npaths = 1;
	o->no_config = true;
	o->jobs = 1;
	o->max_bytes = 1 << 20;
	o->fail_on = BL_SEV_ERROR;
	o->max_warnings = -1;
	out->rep = bl_reporter_find("json");
	out->path = d->out;
	o->outputs = out;
	o->noutputs = 1;
}

static void
test_findings_and_status(void **state)
{
	struct dir d;
	struct bl_run_opts o;
	struct bl_run_output out;
	const char *paths[1];
	struct bl_run_rule off = {"deps/unknown", BL_SEV_OFF};
	char *json;

	(void)state;
	make_dir(&d, true);
	options(&o, &out, paths, &d);
	assert_int_equal(bl_run(&o), 1); /* deps/unknown is an error */
	json = read_file(d.out);
	assert_non_null(strstr(json, "\"rule\": \"deps/unknown\""));
	assert_non_null(strstr(json, "\"rule\": \"ac/missing\""));
	free(json);

	/* --rule deps/unknown=off: not reported, and only a warning is left. */
	o.rules = &off;
	o.nrules = 1;
	assert_int_equal(bl_run(&o), 0);
	json = read_file(d.out);
	assert_null(strstr(json, "deps/unknown"));
	assert_non_null(strstr(json, "\"rule\": \"ac/missing\""));
	free(json);

	/* --fail-on warning fails on it; --max-warnings 0 as well. */
	o.fail_on = BL_SEV_WARNING;
	assert_int_equal(bl_run(&o), 1);
	o.fail_on = BL_SEV_ERROR;
	o.max_warnings = 0;
	assert_int_equal(bl_run(&o), 1);
	remove_dir(&d);
}

static void
test_nothing_to_lint(void **state)
{
	struct dir d;
	struct bl_run_opts o;
	struct bl_run_output out;
	const char *paths[1];
	struct bl_run_rule bad = {"no/such-rule", BL_SEV_OFF};

	(void)state;
	make_dir(&d, false);
	options(&o, &out, paths, &d);
	paths[0] = d.path; /* an empty folder: no green result */
	assert_int_equal(bl_run(&o), 2);
	paths[0] = d.file; /* a path that does not exist */
	assert_int_equal(bl_run(&o), 2);

	/* A rule nobody defines stops the run before anything is read. */
	write_file(d.file, story_md);
	o.rules = &bad;
	o.nrules = 1;
	assert_int_equal(bl_run(&o), 2);
	remove_dir(&d);
}

static void
test_baseline(void **state)
{
	struct dir d;
	struct bl_run_opts o;
	struct bl_run_output out;
	const char *paths[1];
	char *json;

	(void)state;
	make_dir(&d, true);
	options(&o, &out, paths, &d);
	o.write_baseline = d.base; /* recording findings is no failure */
	assert_int_equal(bl_run(&o), 0);
	o.write_baseline = NULL;
	o.baseline = d.base;
	assert_int_equal(bl_run(&o), 0);
	json = read_file(d.out);
	assert_non_null(strstr(json, "\"findings\": []"));
	free(json);
	remove_dir(&d);
}

static void
test_threads_same_output(void **state)
{
	struct dir d;
	struct bl_run_opts o;
	struct bl_run_output out;
	const char *paths[1];
	char *one, *three;

	(void)state;
	make_dir(&d, true);
	options(&o, &out, paths, &d);
	paths[0] = d.path;
	bl_run(&o);
	one = read_file(d.out);
	o.jobs = 3;
	bl_run(&o);
	three = read_file(d.out);
	assert_string_equal(one, three);
	assert_non_null(strstr(one, "deps/unknown"));
	free(one);
	free(three);
	remove_dir(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_findings_and_status),
	        cmocka_unit_test(test_nothing_to_lint),
	        cmocka_unit_test(test_baseline),
	        cmocka_unit_test(test_threads_same_output),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
