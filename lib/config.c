/*
 * A read configuration at work (lib/config_parse.c reads it): found above
 * the linted files, applied to the engine (rule options, word lists,
 * status categories, its custom rules registered and run), and asked per
 * file for severities, overrides, include and exclude globs, heading names
 * and team settings.
 */
#include "config.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "textmatch.h"
#include "util.h"

/* Whether folder dir (a path, "" for the current folder) holds the file. */
static char *
config_in(const char *dir)
{
	struct stat st;
	struct bl_buf p = {0};

	bl_buf_printf(&p, "%s%s%s", dir, *dir && dir[strlen(dir) - 1] != '/' ? "/" : "",
	              BL_CONFIG_NAME);
	if (stat(p.s, &st) == 0 && S_ISREG(st.st_mode))
		return p.s;
	bl_buf_free(&p);
	return NULL;
}

/* Whether folder dir is a repository's root: the search stops there. */
static bool
repo_root(const char *dir)
{
	struct stat st;
	struct bl_buf p = {0};
	bool r;

	bl_buf_printf(&p, "%s%s.git", dir, *dir && dir[strlen(dir) - 1] != '/' ? "/" : "");
	r = stat(p.s, &st) == 0;
	bl_buf_free(&p);
	return r;
}

char *
bl_config_find(const char *path)
{
	struct stat st;
	char *dir = bl_xstrdup(path), *found = NULL, *slash;
	struct bl_buf up = {0};
	int depth;

	/* The folder of a file, or the folder itself. */
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		slash = strrchr(dir, '/');
		if (slash == NULL)
			dir[0] = '\0';
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
	}
	/* Up the path as written... */
	while (found == NULL) {
		size_t n = strlen(dir);

		while (n > 1 && dir[n - 1] == '/')
			dir[--n] = '\0';
		found = config_in(dir);
		if (found != NULL || n == 0 || strcmp(dir, "/") == 0 || repo_root(dir))
			break;
		slash = strrchr(dir, '/');
		if (slash == NULL)
			dir[0] = '\0';
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
		/* "..": the path as written cannot go further up by cutting. */
		if (strcmp(dir, "..") == 0 ||
		    (strlen(dir) >= 3 && strcmp(dir + strlen(dir) - 3, "/..") == 0))
			break;
	}
	/* ...then, for a relative path, above the current folder. */
	if (found == NULL && path[0] != '/' && dir[0] == '\0' && !repo_root(".")) {
		char *here = realpath(".", NULL);

		for (depth = 1; here != NULL && depth < 64 && found == NULL; depth++) {
			char *cut = strrchr(here, '/');

			if (cut == NULL || here[1] == '\0')
				break;
			if (cut == here)
				here[1] = '\0';
			else
				*cut = '\0';
			bl_buf_puts(&up, "../");
			found = config_in(up.s);
			if (strcmp(here, "/") == 0 || repo_root(up.s))
				break;
		}
		free(here);
	}
	bl_buf_free(&up);
	free(dir);
	return found;
}

static void
apply_settings(const struct bl_config *c, struct bl_engine *e)
{
	size_t i, j, k;
	char err[256];

	if (c->parent != NULL)
		apply_settings(c->parent, e);
	for (i = 0; i < c->nrules; i++) {
		const struct bl_rule_setting *rs = &c->rules[i];

		/* Severities are decided per file (bl_config_severity): every
		 * rule runs, so a nested configuration can turn one back on. */
		if (rs->types != 0)
			bl_engine_set_types(e, rs->rule, rs->types);
		for (j = 0; j < rs->nopts; j++) {
			char *name = bl_xstrndup(rs->opt_names[j].s, rs->opt_names[j].len);
			char *value = bl_xstrndup(rs->opt_values[j].s, rs->opt_values[j].len);

			bl_engine_set_option(e, rs->rule, name, value, err, sizeof(err));
			free(name);
			free(value);
		}
	}
	for (i = 0; i < c->nwords; i++) {
		struct bl_wordset *ws = bl_engine_words(e, c->words[i].list);

		for (k = 0; k < c->words[i].nremove; k++)
			bl_wordset_remove(ws, c->words[i].remove[k], strlen(c->words[i].remove[k]));
		for (k = 0; k < c->words[i].nadd; k++)
			bl_wordset_add(ws, c->words[i].add[k], strlen(c->words[i].add[k]), NULL);
	}
}

/* The value c gives configuration key ("estimation.scale"), or NULL. */
static const char *
setting(const struct bl_config *c, const char *key)
{
	if (strcmp(key, "estimation.scale") == 0)
		return c->scale;
	if (strcmp(key, "estimation.max") == 0)
		return c->max;
	return NULL;
}

void
bl_config_apply(const struct bl_config *c, struct bl_engine *e)
{
	const struct bl_registry *reg = bl_engine_registry(e);
	int st = bl_engine_find_words(e, "statuses");
	const struct bl_config *p;
	char err[256];
	size_t i;

	apply_settings(c, e);
	/* The options that a key of the configuration sets too (the nearest
	 * file's): estimation.scale is the estimate rules' scale. */
	for (i = 0; i < reg->noptions; i++) {
		const struct bl_option *o = &reg->options[i];
		const char *v = NULL;

		for (p = c; p != NULL && v == NULL && o->setting != NULL; p = p->parent)
			v = setting(p, o->setting);
		if (v != NULL)
			bl_engine_set_option(e, o->rule, o->name, v, err, sizeof(err));
	}
	for (p = c; p != NULL; p = p->parent)
		if (p->include_done >= 0) {
			bl_engine_set_include_done(e, p->include_done == 1);
			break;
		}
	/* Team statuses with a category join the statuses word list. */
	for (p = c; p != NULL && st >= 0; p = p->parent)
		for (i = 0; p->status_cat != NULL && i < p->team.nstatuses; i++)
			bl_wordset_add(bl_engine_words(e, (size_t)st), p->team.statuses[i],
			               strlen(p->team.statuses[i]), p->status_cat[i]);
}

/* path relative to c's folder, for matching globs. */
static const char *
relative(const struct bl_config *c, const char *path)
{
	size_t n = strlen(c->dir);

	if (strcmp(c->dir, ".") == 0) {
		while (path[0] == '.' && path[1] == '/')
			path += 2;
		return path;
	}
	if (strncmp(path, c->dir, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

static bool
matches(const char *const *globs, size_t n, const char *rel)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *g = globs[i];

		/* '*' crosses folders (no FNM_PATHNAME), so a double star is one
		 * too; a leading double star and slash also match at the top. */
		if (fnmatch(g, rel, 0) == 0)
			return true;
		if (strncmp(g, "**/", 3) == 0 && fnmatch(g + 3, rel, 0) == 0)
			return true;
	}
	return false;
}

static void
severity_in(const struct bl_config *c, size_t rule, const char *path, int *sev)
{
	size_t i, j;
	const char *rel;

	if (c->parent != NULL)
		severity_in(c->parent, rule, path, sev);
	for (i = 0; i < c->nrules; i++)
		if (c->rules[i].rule == rule && c->rules[i].severity >= 0)
			*sev = c->rules[i].severity;
	rel = relative(c, path);
	for (i = 0; i < c->noverrides; i++) {
		if (!matches(c->overrides[i].globs, c->overrides[i].nglobs, rel))
			continue;
		for (j = 0; j < c->overrides[i].nrules; j++)
			if (c->overrides[i].rules[j].rule == rule &&
			    c->overrides[i].rules[j].severity >= 0)
				*sev = c->overrides[i].rules[j].severity;
	}
}

enum bl_severity
bl_config_severity(const struct bl_config *c, const struct bl_engine *e, size_t rule,
                   const char *path)
{
	int sev = (int)bl_engine_rule(e, rule)->severity;

	if (c != NULL)
		severity_in(c, rule, path, &sev);
	return (enum bl_severity)sev;
}

/* Sets the bits of c's chain's overrides that match path from bit *at on;
 * false past 64. */
static bool
overrides_of(const struct bl_config *c, const char *path, uint64_t *bits, size_t *at)
{
	const char *rel;
	size_t i;

	if (c->parent != NULL && !overrides_of(c->parent, path, bits, at))
		return false;
	if (c->noverrides == 0)
		return true;
	rel = relative(c, path);
	for (i = 0; i < c->noverrides; i++, (*at)++) {
		if (*at >= 64)
			return false;
		if (matches(c->overrides[i].globs, c->overrides[i].nglobs, rel))
			*bits |= (uint64_t)1 << *at;
	}
	return true;
}

bool
bl_config_overrides_of(const struct bl_config *c, const char *path, uint64_t *bits)
{
	size_t at = 0;

	*bits = 0;
	return c == NULL || overrides_of(c, path, bits, &at);
}

bool
bl_config_skips(const struct bl_config *c, const char *path)
{
	const char *rel;

	for (; c != NULL; c = c->parent) {
		rel = relative(c, path);
		if (c->nexclude > 0 && matches(c->exclude, c->nexclude, rel))
			return true;
		if (c->ninclude > 0 && !matches(c->include, c->ninclude, rel))
			return true;
	}
	return false;
}

const struct bl_section_alias *
bl_config_sections(const struct bl_config *c, size_t *n)
{
	for (; c != NULL; c = c->parent)
		if (c->nsections > 0) {
			*n = c->nsections;
			return c->sections;
		}
	*n = 0;
	return NULL;
}

const struct bl_team *
bl_config_team(const struct bl_config *c)
{
	for (; c != NULL; c = c->parent)
		if (c->team.nstatuses > 0 || c->team.ndod > 0)
			return &c->team;
	return NULL;
}

/* Where a custom rule reported in the current item: the story is often
 * part of the description, and each match is reported once. */
struct cseen {
	struct bl_span at[32];
	size_t n;
	bool gave_up; /* the pattern hit its limit: no more fields */
};

static bool
seen_before(struct cseen *seen, struct bl_span at)
{
	size_t i;

	for (i = 0; i < seen->n; i++)
		if (seen->at[i].line == at.line && seen->at[i].col == at.col)
			return true;
	if (seen->n < 32)
		seen->at[seen->n++] = at;
	return false;
}

/* One field of an item, searched by a custom rule. */
static void
custom_field(struct bl_ctx *ctx, const struct bl_custom *cr, const struct bl_item *it,
             const struct bl_text *t, struct cseen *seen)
{
	size_t ov[2], start = 0;
	struct bl_span at;
	int m;

	if (t->s == NULL || t->len == 0 || seen->gave_up)
		return;
	while (start <= t->len &&
	       (m = bl_pattern_match(cr->pattern, t->s, t->len, start, ov, 2)) != 0) {
		if (m < 0) {
			bl_report(ctx, bl_ctx_rule(ctx), t->span,
			          "custom rule %s gave up on this text: its pattern hit pcre2's "
			          "match limit; simplify the pattern (it is not run on the rest of "
			          "this file)",
			          cr->id);
			bl_ctx_give_up(ctx);
			seen->gave_up = true;
			return;
		}
		at = bl_text_subspan(it->file, t, ov[0], ov[1] - ov[0]);
		start = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
		if (seen_before(seen, at))
			continue;
		if (cr->suggestion != NULL)
			bl_report(ctx, bl_ctx_rule(ctx), at, "%s ('%s'); %s", cr->message,
			          bl_ctx_quote(ctx, t->s + ov[0], ov[1] - ov[0], 40),
			          cr->suggestion);
		else
			bl_report(ctx, bl_ctx_rule(ctx), at, "%s ('%s')", cr->message,
			          bl_ctx_quote(ctx, t->s + ov[0], ov[1] - ov[0], 40));
	}
}

static void
custom_check(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_custom *cr = bl_ctx_rule_data(ctx);
	struct cseen seen = {{{0, 0, 0, 0}}, 0, false};
	size_t i;

	if (cr->fields & BL_CF_TITLE)
		custom_field(ctx, cr, it, &it->title, &seen);
	if (cr->fields & BL_CF_STORY)
		custom_field(ctx, cr, it, &it->story, &seen);
	if (cr->fields & BL_CF_DESCRIPTION)
		custom_field(ctx, cr, it, &it->description, &seen);
	if (cr->fields & BL_CF_PROBLEM)
		custom_field(ctx, cr, it, &it->problem, &seen);
	if (cr->fields & BL_CF_SUCCESS)
		custom_field(ctx, cr, it, &it->success, &seen);
	for (i = 0; (cr->fields & BL_CF_CRITERIA) && i < it->ncriteria; i++)
		custom_field(ctx, cr, it, &it->criteria[i].text, &seen);
	for (i = 0; (cr->fields & BL_CF_DOD) && i < it->ndod; i++)
		custom_field(ctx, cr, it, &it->dod[i].text, &seen);
}

/* A custom rule in a family of the registry's ("ac/no-tbd") takes what
 * every rule of that family declares alike: the INVEST letter it speaks
 * for, and flags (a custom rule about the directives is one of theirs). */
static void
family_traits(const struct bl_engine *e, struct bl_rule *r)
{
	const struct bl_registry *reg = bl_engine_registry(e);
	size_t n = strcspn(r->id, "/") + 1, i;
	bool first = true, alike = true;

	for (i = 0; i < reg->nrules; i++) {
		const struct bl_rule *o = &reg->rules[i];

		if (strncmp(o->id, r->id, n) != 0)
			continue;
		if (first)
			r->invest = o->invest;
		alike = alike && o->invest == r->invest;
		r->flags = first ? o->flags : r->flags & o->flags;
		first = false;
	}
	if (!alike)
		r->invest = 0;
}

void
bl_config_add_custom(struct bl_config *c, struct bl_engine *e)
{
	size_t i;

	if (c == NULL)
		return;
	bl_config_add_custom(c->parent, e);
	for (i = 0; i < c->ncustom; i++) {
		struct bl_custom *cr = &c->custom[i];

		if (bl_engine_find(e, cr->id) >= 0)
			continue; /* declared again below: the first stays */
		memset(&cr->rule, 0, sizeof(cr->rule));
		cr->rule.id = cr->id;
		cr->rule.severity = (enum bl_severity)cr->severity;
		cr->rule.types = BL_TYPES_ALL;
		cr->rule.summary = cr->message;
		cr->rule.scope = BL_SCOPE_ITEM;
		cr->rule.check_item = custom_check;
		cr->rule.data = cr;
		family_traits(e, &cr->rule);
		bl_engine_add_rule(e, &cr->rule);
	}
}
