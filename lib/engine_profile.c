/*
 * The engine's profiles: what a configuration decides of the rules (each
 * one's severity and item types, the options, the word lists, whether
 * done work is reported), which profile each file and the backlog pass
 * run with, and what the rules read of them.
 */
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const sev_names[] = {"off", "info", "warning", "error"};

const char *
bl_severity_name(enum bl_severity s)
{
	return (unsigned)s < 4 ? sev_names[s] : "?";
}

int
bl_severity_parse(const char *s)
{
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, sev_names[i]) == 0)
			return i;
	return -1;
}

/* Parses a whole decimal integer. */
static bool
parse_int(const char *s, long *out)
{
	char *end;

	if (*s == '\0')
		return false;
	*out = strtol(s, &end, 10);
	return *end == '\0';
}

/* Parses a YAML truth value (true, false, yes, no, on, off) as 1 or 0. */
static bool
parse_bool(const char *s, long *out)
{
	static const char *const yes[] = {"true", "yes", "on", NULL};
	static const char *const no[] = {"false", "no", "off", NULL};
	size_t i;

	for (i = 0; yes[i] != NULL; i++)
		if (bl_strcaseeq(s, yes[i]))
			return *out = 1, true;
	for (i = 0; no[i] != NULL; i++)
		if (bl_strcaseeq(s, no[i]))
			return *out = 0, true;
	return false;
}

bool
bl_option_parse(enum bl_opt_kind kind, const char *s, long *out)
{
	*out = 0;
	if (kind == BL_OPT_INT)
		return parse_int(s, out);
	if (kind == BL_OPT_BOOL)
		return parse_bool(s, out);
	return true;
}

const char *
bl_option_expects(enum bl_opt_kind kind)
{
	return kind == BL_OPT_INT    ? "a whole number"
	       : kind == BL_OPT_BOOL ? "true or false"
	                             : "text";
}

/* Sets option i (o) of profile p to value, parsed as v; a text option is
 * tokenised here, once, for the rules that read its words. */
static void
option_store(struct bl_profile *p, const struct bl_option *o, size_t i, const char *value, long v)
{
	free(p->optval[i]);
	p->optval[i] = bl_xstrdup(value);
	p->optint[i] = v;
	if (o->kind == BL_OPT_STRING)
		bl_tokenize(&p->opttok[i], value, strlen(value));
}

struct bl_profile *
bl_engine_profile_new(struct bl_engine *e)
{
	const struct bl_registry *reg = e->reg;
	struct bl_profile *p = bl_xcalloc(1, sizeof(*p));
	size_t i;

	p->sev = bl_xcalloc(e->nrules ? e->nrules : 1, sizeof(*p->sev));
	p->types = bl_xcalloc(e->nrules ? e->nrules : 1, sizeof(*p->types));
	for (i = 0; i < e->nrules; i++) {
		p->sev[i] = e->rules[i].severity;
		p->types[i] = e->rules[i].types;
	}
	/* The word lists first: they hold the locale the tokeniser reads. */
	p->words = bl_xcalloc(reg->nwords ? reg->nwords : 1, sizeof(*p->words));
	for (i = 0; i < reg->nwords; i++) {
		p->words[i] = bl_wordset_new();
		bl_wordset_load(p->words[i], reg->words[i].data);
	}
	p->optval = bl_xcalloc(reg->noptions ? reg->noptions : 1, sizeof(*p->optval));
	p->optint = bl_xcalloc(reg->noptions ? reg->noptions : 1, sizeof(*p->optint));
	p->opttok = bl_xcalloc(reg->noptions ? reg->noptions : 1, sizeof(*p->opttok));
	for (i = 0; i < reg->noptions; i++) {
		long v;

		bl_option_parse(reg->options[i].kind, reg->options[i].def, &v);
		option_store(p, &reg->options[i], i, reg->options[i].def, v);
	}
	e->profiles = bl_xrealloc(e->profiles, (e->nprofiles + 1) * sizeof(*e->profiles));
	p->index = e->nprofiles;
	e->profiles[e->nprofiles++] = p;
	return e->cur = p;
}

void
bl_engine_profile_use(struct bl_engine *e, struct bl_profile *p)
{
	e->cur = p;
}

struct bl_profile *
bl_engine_profile_current(struct bl_engine *e)
{
	return e->cur;
}

void
bl_profile_free(const struct bl_engine *e, struct bl_profile *p)
{
	size_t i;

	for (i = 0; i < e->reg->noptions; i++) {
		free(p->optval[i]);
		bl_tokens_free(&p->opttok[i]);
	}
	free(p->optval);
	free(p->opttok);
	free(p->optint);
	for (i = 0; i < e->reg->nwords; i++)
		bl_wordset_free(p->words[i]);
	free(p->words);
	free(p->sev);
	free(p->types);
	free(p);
}

bool
bl_engine_set_option(struct bl_engine *e, size_t rule, const char *name, const char *value,
                     char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < e->reg->noptions; i++) {
		const struct bl_option *o = &e->reg->options[i];
		long v = 0;

		if (o->rule != rule || strcmp(o->name, name) != 0)
			continue;
		if (!bl_option_parse(o->kind, value, &v)) {
			snprintf(err, errlen, "option '%s' of %s takes %s, not '%s'", name,
			         e->rules[rule].id, bl_option_expects(o->kind), value);
			return false;
		}
		option_store(e->cur, o, i, value, v);
		return true;
	}
	snprintf(err, errlen, "%s has no option '%s'", rule < e->nrules ? e->rules[rule].id : "?",
	         name);
	return false;
}

const char *
bl_engine_option(const struct bl_engine *e, size_t opt)
{
	return opt < e->reg->noptions ? e->cur->optval[opt] : "";
}

struct bl_wordset *
bl_engine_words(struct bl_engine *e, size_t list)
{
	return list < e->reg->nwords ? e->cur->words[list] : NULL;
}

int
bl_engine_find_words(const struct bl_engine *e, const char *name)
{
	size_t i;

	for (i = 0; i < e->reg->nwords; i++)
		if (strcmp(e->reg->words[i].name, name) == 0)
			return (int)i;
	return -1;
}

void
bl_engine_set_severity(struct bl_engine *e, size_t rule, enum bl_severity s)
{
	if (rule < e->nrules)
		e->cur->sev[rule] = s;
}

enum bl_severity
bl_engine_severity(const struct bl_engine *e, size_t rule)
{
	return rule < e->nrules ? e->cur->sev[rule] : BL_SEV_OFF;
}

void
bl_engine_set_types(struct bl_engine *e, size_t rule, unsigned types)
{
	if (rule < e->nrules)
		e->cur->types[rule] = types;
}

void
bl_engine_set_include_done(struct bl_engine *e, bool on)
{
	e->cur->include_done = on;
}

bool
bl_engine_include_done(const struct bl_engine *e)
{
	return e->cur->include_done;
}

const struct bl_profile *
bl_profile_of_file(const struct bl_engine *e, size_t i)
{
	return i < e->capfile_prof && e->file_prof[i] != NULL ? e->file_prof[i] : e->profiles[0];
}

void
bl_profile_set_file(struct bl_engine *e, size_t file_index, const struct bl_profile *p)
{
	if (file_index >= e->capfile_prof) {
		size_t old = e->capfile_prof;

		e->capfile_prof = e->capfile_prof ? e->capfile_prof * 2 : 64;
		while (file_index >= e->capfile_prof)
			e->capfile_prof *= 2;
		e->file_prof = bl_xrealloc(e->file_prof, e->capfile_prof * sizeof(*e->file_prof));
		memset(e->file_prof + old, 0, (e->capfile_prof - old) * sizeof(*e->file_prof));
	}
	e->file_prof[file_index] = p;
	e->profiles[p->index]->used = true;
}

bool
bl_profile_reports(const struct bl_engine *e, const struct bl_profile *p, size_t rule,
                   enum bl_item_state st)
{
	return p->include_done || st == BL_ITEM_OPEN ||
	       (st == BL_ITEM_DONE && e->reg->about_done != NULL && e->reg->about_done(rule));
}

const struct bl_profile *
bl_profile_backlog(const struct bl_engine *e)
{
	size_t i;

	if (e->backlog_prof != NULL)
		return e->backlog_prof;
	for (i = 1; i < e->nfiles; i++)
		if (bl_profile_of_file(e, i) != bl_profile_of_file(e, 0))
			return e->profiles[0];
	return bl_profile_of_file(e, 0);
}

bool
bl_profile_rule_on_anywhere(const struct bl_engine *e, const struct bl_profile *bp, size_t r)
{
	size_t i;

	if (bp->sev[r] != BL_SEV_OFF)
		return true;
	for (i = 0; i < e->nprofiles; i++)
		if (e->profiles[i]->used && e->profiles[i]->sev[r] != BL_SEV_OFF)
			return true;
	return false;
}

void
bl_engine_set_backlog_profile(struct bl_engine *e, const struct bl_profile *p)
{
	e->backlog_prof = p;
}

void
bl_engine_worker_profile(struct bl_worker *w, const struct bl_profile *p)
{
	w->prof = p;
}

long
bl_ctx_opt_int(const struct bl_ctx *ctx, size_t opt)
{
	return opt < ctx->e->reg->noptions ? ctx->prof->optint[opt] : 0;
}

const char *
bl_ctx_opt_str(const struct bl_ctx *ctx, size_t opt)
{
	return opt < ctx->e->reg->noptions ? ctx->prof->optval[opt] : "";
}

const struct bl_tokens *
bl_ctx_opt_tokens(const struct bl_ctx *ctx, size_t opt)
{
	return &ctx->prof->opttok[opt];
}

const struct bl_wordset *
bl_ctx_words(const struct bl_ctx *ctx, size_t list)
{
	return ctx->prof->words[list];
}
