/*
 * The configuration as people see it: the merged configuration in effect
 * printed as YAML, and the commented starter file `backlint init` writes.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"
#include "util.h"

static void
print_list(FILE *out, const char *key, const char *const *v, size_t n, const char *indent)
{
	size_t i;
	struct bl_buf b = {0};

	if (n == 0)
		return;
	fprintf(out, "%s%s:\n", indent, key);
	for (i = 0; i < n; i++) {
		b.len = 0;
		if (b.s)
			b.s[0] = '\0';
		bl_buf_json_str(&b, v[i], strlen(v[i]));
		fprintf(out, "%s  - %s\n", indent, b.s);
	}
	bl_buf_free(&b);
}

void
bl_config_print(const struct bl_config *c, const struct bl_engine *e, FILE *out)
{
	const struct bl_registry *reg = bl_engine_registry(e);
	const struct bl_config *p;
	size_t i;

	fprintf(out, "# The configuration in effect%s%s\n", c ? ": " : " (built-in defaults)",
	        c ? c->src->path : "");
	for (p = c; p != NULL; p = p->parent)
		if (p != c)
			fprintf(out, "# extends %s\n", p->src->path);
	fprintf(out, "rules:\n");
	for (i = 0; i < reg->nrules; i++)
		fprintf(out, "  %s: %s\n", reg->rules[i].id,
		        bl_severity_name(c ? bl_config_severity(c, e, i, c->dir)
		                           : bl_engine_severity(e, i)));
	fprintf(out, "options:\n");
	for (i = 0; i < reg->noptions; i++) {
		const struct bl_option *o = &reg->options[i];

		fprintf(out, "  %s: {%s: \"%s\"}\n", reg->rules[o->rule].id, o->name,
		        bl_engine_option(e, i));
	}
	for (p = c; p != NULL; p = p->parent) {
		const struct bl_team *t = bl_config_team(p);

		if (t != NULL) {
			print_list(out, "statuses", t->statuses, t->nstatuses, "");
			print_list(out, "definition_of_done", t->dod, t->ndod, "");
			break;
		}
	}
	for (p = c; p != NULL; p = p->parent)
		if (p->ndor > 0) {
			print_list(out, "definition_of_ready", p->dor, p->ndor, "");
			break;
		}
	for (p = c; p != NULL; p = p->parent) {
		if (p->npersonas == 0)
			continue;
		fprintf(out, "personas:\n");
		for (i = 0; i < p->npersonas; i++)
			fprintf(out, "  - %.*s\n", (int)p->personas[i].name.len,
			        p->personas[i].name.s);
		break;
	}
	fprintf(out, "include_done: %s\n", bl_engine_include_done(e) ? "true" : "false");
	for (p = c; p != NULL; p = p->parent) {
		print_list(out, "include", p->include, p->ninclude, "");
		print_list(out, "exclude", p->exclude, p->nexclude, "");
	}
}

const char bl_config_starter[] =
        "# backlint configuration (see README.md, \"Configuration\").\n"
        "# Every key is optional; remove what you do not need.\n"
        "\n"
        "# Files to lint, and files to leave out (globs, relative to this file;\n"
        "# '*' crosses folders).\n"
        "# include: [\"backlog/*\", \"docs/backlog.md\"]\n"
        "# exclude: [\"backlog/archive/*\"]\n"
        "\n"
        "# Done work (a done status, completed/ and archive/ folders) is read but\n"
        "# only the findings about finished work are reported on it; true reports\n"
        "# them all, as --include-done does.\n"
        "# include_done: false\n"
        "\n"
        "# Who the product serves. persona/unknown reports roles not listed here.\n"
        "# personas:\n"
        "#   - name: Member\n"
        "#     aliases: [borrower]\n"
        "#     description: Holds a library card and borrows books.\n"
        "\n"
        "# The team's workflow: statuses by category (open, ready, started, done).\n"
        "# statuses:\n"
        "#   open: [To Do]\n"
        "#   ready: [Ready]\n"
        "#   started: [In Progress, In Review]\n"
        "#   done: [Done]\n"
        "\n"
        "# What every item must meet to be done, and to be ready.\n"
        "# definition_of_done:\n"
        "#   - Acceptance criteria demonstrated to the product owner\n"
        "# definition_of_ready:\n"
        "#   - Story sentence, acceptance criteria and estimate\n"
        "\n"
        "# Estimation: fibonacci, tshirt, powers-of-two, or a list of values.\n"
        "# estimation:\n"
        "#   scale: fibonacci\n"
        "#   max: 13\n"
        "\n"
        "# Word lists (backlint --explain shows which rule uses which list).\n"
        "# words:\n"
        "#   impl-terms:\n"
        "#     remove: [API]\n"
        "\n"
        "# Rules: off, info, warning, error, or {severity, options}.\n"
        "# rules:\n"
        "#   story/uniform: off\n"
        "#   deps/too-many: {severity: warning, options: {max: 5}}\n"
        "\n"
        "# Different settings for some files.\n"
        "# overrides:\n"
        "#   - files: [\"backlog/archive/*\"]\n"
        "#     rules: {backlog/placeholder: off}\n";

int
bl_config_init(bool force)
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
