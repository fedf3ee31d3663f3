/*
 * backlint: lints agile backlogs kept as files. This file turns the
 * command line into the options of a run (lib/run.h) and calls it; the
 * pipeline itself lives in the library.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "engine.h"
#include "report.h"
#include "rules.h"
#include "run.h"

#ifndef BL_VERSION
#define BL_VERSION "0.0.0"
#endif

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

#define MAX_OUTPUTS 8
#define MAX_RULE_ARGS 256

/* The long options with no one-letter form. */
/* clang-format off */
enum {
	OPT_FORMAT = 256, OPT_FAIL_ON, OPT_RULE, OPT_COLOR, OPT_LIST, OPT_EXPLAIN, OPT_DUMP,
	OPT_VERSION, OPT_MAX_SIZE, OPT_CONFIG, OPT_NO_CONFIG, OPT_PRINT_CONFIG, OPT_FORCE,
	OPT_BASELINE, OPT_WRITE_BASELINE, OPT_UNUSED, OPT_OUTPUT, OPT_MAX_WARNINGS, OPT_STDIN,
	OPT_STDIN_FILENAME, OPT_FORCE_EXCLUDE, OPT_INCLUDE_DONE, OPT_PARSE_ONLY
};
/* clang-format on */

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

/* The command line read so far: the run's options and what they point into. */
struct cli {
	struct bl_run_opts o;
	struct bl_run_output outs[MAX_OUTPUTS];
	struct bl_run_rule rules[MAX_RULE_ARGS];
	const char *color; /* --color WHEN */
	bool force;        /* backlint init --force */
};

/* Parses a number option's value into *v, within [min, max]; says what it
 * takes otherwise. */
static bool
number(const char *opt, const char *arg, long long min, long long max, const char *what,
       long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(arg, &end, 10);
	if (end == arg || *end != '\0' || errno != 0 || *v < min || *v > max) {
		fprintf(stderr, "backlint: %s takes %s, not '%s'\n", opt, what, arg);
		return false;
	}
	return true;
}

/* --format NAME (and --output FILE, which belongs to the --format before
 * it, text if none): -1 to go on, or the exit status. */
static int
output(struct cli *cli, int c, const char *arg)
{
	struct bl_run_opts *o = &cli->o;

	if (c == OPT_OUTPUT && o->noutputs > 0) {
		if (cli->outs[o->noutputs - 1].path != NULL) {
			fprintf(stderr,
			        "backlint: --output '%s': the format before it already "
			        "has an output; give --format again\n",
			        arg);
			return 2;
		}
		cli->outs[o->noutputs - 1].path = arg;
		return -1;
	}
	if (o->noutputs == MAX_OUTPUTS) {
		fprintf(stderr, "backlint: at most %d --format options\n", MAX_OUTPUTS);
		return 2;
	}
	cli->outs[o->noutputs].rep = bl_reporter_find(c == OPT_OUTPUT ? "text" : arg);
	if (cli->outs[o->noutputs].rep == NULL) {
		fprintf(stderr, "backlint: unknown format '%s' (", arg);
		bl_reporter_names(stderr);
		fputs(")\n", stderr);
		return 2;
	}
	cli->outs[o->noutputs++].path = c == OPT_OUTPUT ? arg : NULL;
	return -1;
}

/* Takes option c with its value arg (given: the option as written): -1 to
 * go on, or the exit status (an option that does its work at once, or a
 * usage error). */
static int
option(int c, char *arg, const char *given, struct cli *cli)
{
	struct bl_run_opts *o = &cli->o;
	long long v;
	int k;

	switch (c) {
	case OPT_FORMAT:
	case OPT_OUTPUT: return output(cli, c, arg);
	case OPT_RULE: {
		char *eq = strchr(arg, '=');

		if (eq == NULL || (k = bl_severity_parse(eq + 1)) < 0) {
			fprintf(stderr,
			        "backlint: --rule takes ID=error|warning|info|off, not '%s'\n",
			        arg);
			return 2;
		}
		if (o->nrules == MAX_RULE_ARGS) {
			fprintf(stderr, "backlint: more than %d --rule options\n", MAX_RULE_ARGS);
			return 2;
		}
		*eq = '\0';
		/* A rule the configuration defines is known once it is read. */
		cli->rules[o->nrules].id = arg;
		cli->rules[o->nrules++].severity = (enum bl_severity)k;
		break;
	}
	case OPT_MAX_WARNINGS:
		if (!number("--max-warnings", arg, 0, LONG_MAX, "a number", &v))
			return 2;
		o->max_warnings = (long)v;
		break;
	case 'j':
		if (!number("-j", arg, 1, 256, "a number of jobs from 1 to 256", &v))
			return 2;
		o->jobs = (size_t)v;
		break;
	case OPT_MAX_SIZE:
		if (!number("--max-size", arg, 1, LLONG_MAX, "a number of bytes", &v))
			return 2;
		o->max_bytes = (size_t)v;
		break;
	case OPT_FAIL_ON:
		if ((k = bl_severity_parse(arg)) <= BL_SEV_OFF) {
			fprintf(stderr,
			        "backlint: --fail-on takes error, warning or info, not '%s'\n",
			        arg);
			return 2;
		}
		o->fail_on = (enum bl_severity)k;
		break;
	case OPT_COLOR:
		if (strcmp(arg, "auto") && strcmp(arg, "always") && strcmp(arg, "never")) {
			fprintf(stderr, "backlint: --color takes auto, always or never\n");
			return 2;
		}
		cli->color = arg;
		break;
	case OPT_STDIN: o->use_stdin = true; break;
	case OPT_STDIN_FILENAME: o->stdin_name = arg; break;
	case OPT_FORCE_EXCLUDE: o->force_exclude = true; break;
	case OPT_INCLUDE_DONE: o->include_done = true; break;
	case OPT_PARSE_ONLY: o->parse_only = true; break;
	case OPT_CONFIG: o->config_path = arg; break;
	case OPT_NO_CONFIG: o->no_config = true; break;
	case OPT_PRINT_CONFIG: o->print_config = true; break;
	case OPT_FORCE: cli->force = true; break;
	case OPT_BASELINE: o->baseline = arg; break;
	case OPT_WRITE_BASELINE: o->write_baseline = arg; break;
	case OPT_UNUSED: o->report_unused = true; break;
	case OPT_DUMP: o->dump_model = true; break;
	case 'q': o->report.quiet = true; break;
	case 'v': o->verbose = true; break;
	case OPT_LIST: return bl_rules_list(stdout);
	case OPT_EXPLAIN: return bl_rules_explain_id(arg, stdout);
	case OPT_VERSION: printf("backlint %s\n", BL_VERSION); return 0;
	case 'h': usage(stdout); return 0;
	case ':':
		fprintf(stderr, "backlint: option '%s' needs a value (see --help)\n", given);
		return 2;
	default: fprintf(stderr, "backlint: unknown option '%s' (see --help)\n", given); return 2;
	}
	return -1;
}

int
main(int argc, char **argv)
{
	static struct cli cli = {.o = {.registry = &bl_registry,
	                               .story_templates = bl_words_story_templates,
	                               .story_openers = bl_words_story_openers,
	                               .version = BL_VERSION,
	                               .stdin_name = "stdin.md",
	                               .max_bytes = 64u * 1024 * 1024,
	                               .fail_on = BL_SEV_ERROR,
	                               .max_warnings = -1,
	                               .outputs = cli.outs,
	                               .rules = cli.rules,
	                               .report.rule_doc = bl_rule_doc},
	                         .color = "auto"};
	int c, status;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":qvhj:", longopts, NULL)) != -1)
		if ((status = option(c, optarg, argv[optind - 1], &cli)) >= 0)
			return status;
	if (optind < argc && strcmp(argv[optind], "init") == 0)
		return bl_config_init(cli.force);
	cli.o.paths = (const char *const *)argv + optind;
	cli.o.npaths = (size_t)(argc - optind);
	cli.o.report.color = bl_run_color(cli.color);
	return bl_run(&cli.o);
}
