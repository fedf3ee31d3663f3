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
	struct bl_run_output outs[MAX_OUTPUTS];
	struct bl_run_rule rules[MAX_RULE_ARGS];
	struct bl_run_opts o;
	const char *color = "auto";
	bool force = false;
	long long v;
	int c, k;

	memset(&o, 0, sizeof(o));
	o.registry = &bl_registry;
	o.story_templates = bl_words_story_templates;
	o.story_openers = bl_words_story_openers;
	o.version = BL_VERSION;
	o.stdin_name = "stdin.md";
	o.max_bytes = 64u * 1024 * 1024;
	o.fail_on = BL_SEV_ERROR;
	o.max_warnings = -1;
	o.outputs = outs;
	o.rules = rules;
	o.report.rule_doc = bl_rule_doc;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":qvhj:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (o.noutputs == MAX_OUTPUTS) {
				fprintf(stderr, "backlint: at most %d --format options\n",
				        MAX_OUTPUTS);
				return 2;
			}
			if ((outs[o.noutputs].rep = bl_reporter_find(optarg)) == NULL) {
				fprintf(stderr,
				        "backlint: unknown format '%s' (text, json, sarif, junit, "
				        "github, gitlab, checkstyle, html)\n",
				        optarg);
				return 2;
			}
			outs[o.noutputs++].path = NULL;
			break;
		case OPT_OUTPUT:
			/* --output belongs to the --format before it (text if none). */
			if (o.noutputs == 0) {
				outs[0].rep = bl_reporter_find("text");
				outs[o.noutputs++].path = NULL;
			}
			if (outs[o.noutputs - 1].path != NULL) {
				fprintf(stderr,
				        "backlint: --output '%s': the format before it already "
				        "has an output; give --format again\n",
				        optarg);
				return 2;
			}
			outs[o.noutputs - 1].path = optarg;
			break;
		case OPT_MAX_WARNINGS:
			if (!number("--max-warnings", optarg, 0, LONG_MAX, "a number", &v))
				return 2;
			o.max_warnings = (long)v;
			break;
		case 'j':
			if (!number("-j", optarg, 1, 256, "a number of jobs from 1 to 256", &v))
				return 2;
			o.jobs = (size_t)v;
			break;
		case OPT_STDIN: o.use_stdin = true; break;
		case OPT_STDIN_FILENAME: o.stdin_name = optarg; break;
		case OPT_FORCE_EXCLUDE: o.force_exclude = true; break;
		case OPT_INCLUDE_DONE: o.include_done = true; break;
		case OPT_PARSE_ONLY: o.parse_only = true; break;
		case OPT_FAIL_ON:
			k = bl_severity_parse(optarg);
			if (k <= BL_SEV_OFF) {
				fprintf(stderr,
				        "backlint: --fail-on takes error, warning or info, not "
				        "'%s'\n",
				        optarg);
				return 2;
			}
			o.fail_on = (enum bl_severity)k;
			break;
		case OPT_RULE: {
			char *eq = strchr(optarg, '=');

			if (eq == NULL || (k = bl_severity_parse(eq + 1)) < 0) {
				fprintf(stderr,
				        "backlint: --rule takes ID=error|warning|info|off, not "
				        "'%s'\n",
				        optarg);
				return 2;
			}
			if (o.nrules == MAX_RULE_ARGS) {
				fprintf(stderr, "backlint: more than %d --rule options\n",
				        MAX_RULE_ARGS);
				return 2;
			}
			*eq = '\0';
			/* A rule the configuration defines is known once it is read. */
			rules[o.nrules].id = optarg;
			rules[o.nrules++].severity = (enum bl_severity)k;
			break;
		}
		case OPT_CONFIG: o.config_path = optarg; break;
		case OPT_NO_CONFIG: o.no_config = true; break;
		case OPT_PRINT_CONFIG: o.print_config = true; break;
		case OPT_FORCE: force = true; break;
		case OPT_BASELINE: o.baseline = optarg; break;
		case OPT_WRITE_BASELINE: o.write_baseline = optarg; break;
		case OPT_UNUSED: o.report_unused = true; break;
		case 'q': o.report.quiet = true; break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") && strcmp(optarg, "always") &&
			    strcmp(optarg, "never")) {
				fprintf(stderr, "backlint: --color takes auto, always or never\n");
				return 2;
			}
			color = optarg;
			break;
		case OPT_LIST: return bl_rules_list(stdout);
		case OPT_EXPLAIN: return bl_rules_explain_id(optarg, stdout);
		case OPT_DUMP: o.dump_model = true; break;
		case 'v': o.verbose = true; break;
		case OPT_MAX_SIZE:
			if (!number("--max-size", optarg, 1, LLONG_MAX, "a number of bytes", &v))
				return 2;
			o.max_bytes = (size_t)v;
			break;
		case OPT_VERSION: printf("backlint %s\n", BL_VERSION); return 0;
		case 'h': usage(stdout); return 0;
		case ':':
			fprintf(stderr, "backlint: option '%s' needs a value (see --help)\n",
			        argv[optind - 1]);
			return 2;
		default:
			fprintf(stderr, "backlint: unknown option '%s' (see --help)\n",
			        argv[optind - 1]);
			return 2;
		}
	}
	if (optind < argc && strcmp(argv[optind], "init") == 0)
		return bl_config_init(force);
	o.paths = (const char *const *)argv + optind;
	o.npaths = (size_t)(argc - optind);
	o.report.color = bl_run_color(color);
	return bl_run(&o);
}
