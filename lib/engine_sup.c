/*
 * The suppression directives (lib/suppress.h) as the engine applies them:
 * each file's kept until the backlog pass is over, the findings they
 * cover dropped, and the names that covered nothing reported, when asked.
 */
#include "engine_int.h"

#include <stdlib.h>
#include <string.h>

void
bl_engine_report_unused_disables(struct bl_engine *e, bool on)
{
	e->report_unused = on;
}

/* Whether rule is one of the directives' own, which directives cannot
 * silence. */
static bool
own_rule(const struct bl_engine *e, size_t rule)
{
	return (e->rules[rule].flags & BL_RULE_SELF) != 0;
}

bool
bl_directives_cover(const struct bl_engine *e, struct bl_suppress *s, const struct bl_finding *fd)
{
	const char *id = e->rules[fd->rule].id;

	return s != NULL && !own_rule(e, fd->rule) && bl_suppress_match(s, fd->span.line, id);
}

/* The directives of file i, or NULL (the table is in file order). */
static struct bl_suppress *
sup_of(const struct bl_engine *e, size_t file_index)
{
	size_t lo = 0, hi = e->nsups;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (e->sups[mid].file_index == file_index)
			return e->sups[mid].s;
		if (e->sups[mid].file_index < file_index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool
bl_directives_cover_backlog(const struct bl_engine *e, const struct bl_finding *fd)
{
	return e->nsups > 0 && bl_directives_cover(e, sup_of(e, fd->file_index), fd);
}

/* Whether name n names a rule of the registry that is on (in profile p). */
static bool
names_rule_on(const struct bl_engine *e, const struct bl_profile *p, const struct bl_suppress *s,
              const struct bl_sup_name *n)
{
	size_t r;

	for (r = 0; r < e->nrules; r++)
		if (p->sev[r] != BL_SEV_OFF && !own_rule(e, r) &&
		    bl_sup_name_matches(s, n, e->rules[r].id))
			return true;
	return false;
}

/* Where a directive's name looked, for a message. */
static void
coverage(struct bl_buf *b, const struct bl_sup_name *n)
{
	switch (n->kind) {
	case BL_SUP_FILE: bl_buf_puts(b, "in this file"); break;
	case BL_SUP_ITEM: bl_buf_puts(b, "in this item"); break;
	case BL_SUP_DISABLE:
		if (n->last > n->first)
			bl_buf_printf(b, "on lines %u-%u", n->first, n->last);
		else
			bl_buf_printf(b, "on line %u", n->first);
		break;
	default:
		if (n->first == 0)
			bl_buf_puts(b, "after it (no line follows)");
		else
			bl_buf_printf(b, "on line %u", n->first);
		break;
	}
}

/* A finding of the rule flagged BL_RULE_UNUSED_DISABLE for each name of a
 * directive that suppressed nothing. */
static void
report_unused(struct bl_engine *e)
{
	size_t rule, i, j;

	for (rule = 0; rule < e->nrules && !(e->rules[rule].flags & BL_RULE_UNUSED_DISABLE); rule++)
		;
	if (rule == e->nrules)
		return;
	for (i = 0; i < e->nsups; i++) {
		const struct bl_suppress *s = e->sups[i].s;
		const struct bl_profile *p = bl_profile_of_file(e, e->sups[i].file_index);

		if (p->sev[rule] == BL_SEV_OFF)
			continue;
		for (j = 0; j < s->nnames; j++) {
			const struct bl_sup_name *n = &s->names[j];
			const char *verb = bl_sup_kind_name(n->kind);
			struct bl_ctx ctx;
			struct bl_finding *fd;
			struct bl_buf where = {0};
			const char *line = bl_sup_str(s, n->line);

			/* Enables suppress nothing by design; names of no rule (or
			 * of rules that are off) are for backlint/unknown-rule. */
			if (n->used || n->kind == BL_SUP_ENABLE || !names_rule_on(e, p, s, n))
				continue;
			coverage(&where, n);
			memset(&ctx, 0, sizeof(ctx));
			ctx.e = e;
			ctx.prof = p;
			ctx.w = e->workers;
			if (n->every)
				fd = bl_finding_addf(&ctx, rule,
				                     "%s suppresses nothing: there is no finding "
				                     "%s; remove the directive",
				                     verb, where.s);
			else
				fd = bl_finding_addf(&ctx, rule,
				                     "%s names '%s', but there is no %s%s finding "
				                     "%s to suppress; remove the name",
				                     n->kind == BL_SUP_ITEM ? "the backlint key"
				                                            : verb,
				                     bl_sup_str(s, n->text), bl_sup_str(s, n->key),
				                     n->family ? "/*" : "", where.s);
			bl_buf_free(&where);
			fd->path = e->sups[i].path;
			fd->file_index = e->sups[i].file_index;
			fd->span = n->span;
			bl_excerpt_line(fd, line, strlen(line));
		}
	}
}

void
bl_directives_free(struct bl_engine *e)
{
	size_t i;

	for (i = 0; i < e->nsups; i++)
		bl_suppress_free(e->sups[i].s);
	free(e->sups);
	e->sups = NULL;
	e->nsups = e->capsups = 0;
}

void
bl_directives_add(struct bl_engine *e, struct bl_checked *c, size_t file_index)
{
	if (c->sup == NULL)
		return;
	if (e->nsups == e->capsups) {
		e->capsups = e->capsups ? e->capsups * 2 : 8;
		e->sups = bl_xrealloc(e->sups, e->capsups * sizeof(*e->sups));
	}
	e->sups[e->nsups].file_index = file_index;
	e->sups[e->nsups].path = c->path;
	e->sups[e->nsups].s = c->sup;
	e->nsups++;
	c->sup = NULL;
}

void
bl_directives_finish(struct bl_engine *e)
{
	if (e->nsups == 0)
		return;
	if (e->report_unused)
		report_unused(e);
	bl_directives_free(e);
}
