/*
 * .backlint.yml's checks: what is wrong with a value, said at its line,
 * with the likely name for a misspelled key, rule or word list; rule
 * options, the estimation scale and custom rules checked against the
 * engine's registry.
 */
#include "config_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textmatch.h"

void
bl_cparse_fail(struct bl_cparse *x, const struct bl_text *at, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	if (x->failed)
		return;
	x->failed = true;
	n = (size_t)snprintf(x->err, x->errlen, "%s:%u:%u: error: ", x->c->src->path,
	                     at->span.line ? at->span.line : 1, at->span.col ? at->span.col : 1);
	if (n >= x->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(x->err + n, x->errlen - n, fmt, ap);
	va_end(ap);
}

const char *
bl_cparse_closest(const char *s, size_t n, const char *const *names, size_t count)
{
	char buf[64];
	const char *best = NULL;
	size_t i, bestd = SIZE_MAX;

	if (n >= sizeof(buf))
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	for (i = 0; i < count; i++) {
		size_t d = bl_edit_distance(buf, names[i]);

		if (d < bestd)
			bestd = d, best = names[i];
	}
	return bestd <= (n > 6 ? 3u : 2u) ? best : NULL;
}

void
bl_cparse_unknown_key(struct bl_cparse *x, const struct bl_ynode *k, const char *where,
                      const char *const *names, size_t count)
{
	const char *near;

	if (k->type != BL_Y_SCALAR || k->text.s == NULL) {
		bl_cparse_fail(x, &k->text, "a key%s must be a name, not a list or a mapping",
		               where);
		return;
	}
	near = bl_cparse_closest(k->text.s, k->text.len, names, count);
	if (near != NULL)
		bl_cparse_fail(x, &k->text, "unknown key '%.*s'%s; did you mean '%s'?",
		               (int)k->text.len, k->text.s, where, near);
	else
		bl_cparse_fail(x, &k->text, "unknown key '%.*s'%s", (int)k->text.len, k->text.s,
		               where);
}

size_t
bl_cparse_rule(struct bl_cparse *x, const struct bl_ynode *k)
{
	const struct bl_registry *reg = bl_engine_registry(x->e);
	char id[80];
	const char *ids[256];
	size_t i, n = reg->nrules < 256 ? reg->nrules : 256;
	int r;

	if (k->type != BL_Y_SCALAR || k->text.len >= sizeof(id)) {
		bl_cparse_fail(x, &k->text, "a rule id such as 'story/atomic' is expected");
		return SIZE_MAX;
	}
	memcpy(id, k->text.s, k->text.len);
	id[k->text.len] = '\0';
	r = bl_engine_find(x->e, id);
	if (r >= 0)
		return (size_t)r;
	for (i = 0; i < n; i++)
		ids[i] = reg->rules[i].id;
	{
		const char *near = bl_cparse_closest(id, strlen(id), ids, n);

		if (near != NULL)
			bl_cparse_fail(x, &k->text, "unknown rule '%s'; did you mean '%s'?", id,
			               near);
		else
			bl_cparse_fail(x, &k->text, "unknown rule '%s' (see backlint --list-rules)",
			               id);
	}
	return SIZE_MAX;
}

int
bl_cparse_severity(struct bl_cparse *x, const struct bl_ynode *v)
{
	char buf[16];
	int s;

	if (v->type != BL_Y_SCALAR || v->text.len >= sizeof(buf)) {
		bl_cparse_fail(x, &v->text, "a severity is expected: off, info, warning or error");
		return -1;
	}
	memcpy(buf, v->text.s, v->text.len);
	buf[v->text.len] = '\0';
	s = bl_severity_parse(buf);
	if (s < 0)
		bl_cparse_fail(x, &v->text,
		               "'%s' is not a severity: use off, info, warning or error", buf);
	return s;
}

/* Checks rule options against the engine now, so a bad value is an error
 * at its line, not a surprise later. */
void
bl_cparse_check_options(struct bl_cparse *x, const struct bl_rule_setting *rs, size_t n)
{
	const struct bl_registry *reg = bl_engine_registry(x->e);
	size_t i, j, o;

	for (i = 0; i < n && !x->failed; i++)
		for (j = 0; j < rs[i].nopts && !x->failed; j++) {
			const struct bl_text *name = &rs[i].opt_names[j];
			bool found = false;

			for (o = 0; o < reg->noptions && !found; o++)
				found = reg->options[o].rule == rs[i].rule &&
				        bl_strncaseeq(name->s, name->len, reg->options[o].name) &&
				        strlen(reg->options[o].name) == name->len;
			if (!found)
				bl_cparse_fail(
				        x, name,
				        "%s has no option '%.*s' (see backlint --explain %s)",
				        reg->rules[rs[i].rule].id, (int)name->len, name->s,
				        reg->rules[rs[i].rule].id);
			else if (reg->options[o - 1].kind != BL_OPT_STRING) {
				const struct bl_text *v = &rs[i].opt_values[j];
				char *txt = bl_xstrndup(v->s, v->len);
				long out;

				if (!bl_option_parse(reg->options[o - 1].kind, txt, &out))
					bl_cparse_fail(
					        x, v, "option '%.*s' of %s takes %s, not '%.*s'",
					        (int)name->len, name->s, reg->rules[rs[i].rule].id,
					        bl_option_expects(reg->options[o - 1].kind),
					        (int)v->len, v->s);
				free(txt);
			}
		}
}

void
bl_cparse_check_scale(struct bl_cparse *x)
{
	const struct bl_config *c = x->c;
	struct bl_text at = {0};

	if (x->failed || c->scale == NULL || c->max != NULL || strcmp(c->scale, "tshirt") == 0 ||
	    strcmp(c->scale, "fibonacci") == 0 || strcmp(c->scale, "powers-of-two") == 0 ||
	    strchr(c->scale, ',') != NULL)
		return;
	at.span.line = 1;
	bl_cparse_fail(x, &at,
	               "estimation scale '%s' is not fibonacci, tshirt, powers-of-two or a "
	               "list of values",
	               c->scale);
}

void
bl_cparse_check_custom(struct bl_cparse *x, struct bl_custom *cr, const struct bl_ynode *e,
                       const struct bl_ynode *pat)
{
	char perr[256];
	size_t k;

	if (cr->id == NULL || strchr(cr->id, '/') == NULL || cr->id[0] == '/' ||
	    cr->id[strlen(cr->id) - 1] == '/') {
		bl_cparse_fail(x, &e->text,
		               "a custom rule needs an id 'family/name', e.g. 'team/no-links'");
		return;
	}
	if (bl_engine_find(x->e, cr->id) >= 0) {
		bl_cparse_fail(x, &e->text,
		               "custom rule id '%s' is a built-in rule's; choose another", cr->id);
		return;
	}
	for (k = 0; k + 1 < x->c->ncustom; k++)
		if (strcmp(x->c->custom[k].id, cr->id) == 0) {
			bl_cparse_fail(x, &e->text, "custom rule id '%s' is used twice", cr->id);
			return;
		}
	if (pat == NULL || cr->message == NULL) {
		bl_cparse_fail(x, &e->text, "custom rule '%s' needs a pattern and a message",
		               cr->id);
		return;
	}
	/* Compiled once, with JIT and pcre2's match and depth limits. */
	cr->pattern = bl_pattern_new(cr->source, BL_PAT_CASELESS, perr, sizeof(perr));
	if (cr->pattern == NULL)
		bl_cparse_fail(x, &pat->text, "custom rule '%s': bad pattern: %s", cr->id, perr);
}
