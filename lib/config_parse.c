/*
 * .backlint.yml read into struct bl_config: parsed into a YAML node tree
 * (the loader's) and read key by key, each value checked as it is read
 * (lib/config_check.c). Only the first error is kept: the user fixes it
 * and runs again, as with a compiler.
 */
#include "config_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textmatch.h"

static const char *
str(struct bl_cparse *x, const struct bl_ynode *n)
{
	return bl_arena_strndup(x->c->src->arena, n->text.s, n->text.len);
}

static bool
key_is(const struct bl_ynode *k, const char *name)
{
	return k->type == BL_Y_SCALAR && bl_strncaseeq(k->text.s, k->text.len, name);
}

/* A list of strings (a single string counts as a list of one). */
static const char **
strings(struct bl_cparse *x, const struct bl_ynode *v, size_t *n, const char *what)
{
	const char **out;
	size_t i;

	*n = 0;
	if (v->type == BL_Y_SCALAR) {
		out = bl_arena_alloc(x->c->src->arena, sizeof(*out));
		out[0] = str(x, v);
		*n = 1;
		return out;
	}
	if (v->type != BL_Y_SEQ) {
		bl_cparse_fail(x, &v->text, "%s takes a list of strings", what);
		return NULL;
	}
	out = bl_arena_alloc(x->c->src->arena, (v->n + 1) * sizeof(*out));
	for (i = 0; i < v->n; i++) {
		if (v->kids[i]->type != BL_Y_SCALAR) {
			bl_cparse_fail(x, &v->kids[i]->text, "%s takes a list of strings", what);
			*n = 0; /* none of them, not the ones before */
			return NULL;
		}
		out[(*n)++] = str(x, v->kids[i]);
	}
	return out;
}

/* rules: {id: severity | {severity, options: {name: value}}} */
static struct bl_rule_setting *
rule_settings(struct bl_cparse *x, const struct bl_ynode *m, size_t *n)
{
	static const char *const keys[] = {"severity", "options", "types"};
	struct bl_rule_setting *out;
	size_t i, j;

	*n = 0;
	if (m->type != BL_Y_MAP) {
		bl_cparse_fail(x, &m->text, "'rules' takes a mapping of rule ids to settings");
		return NULL;
	}
	out = bl_arena_alloc(x->c->src->arena, (m->n / 2 + 1) * sizeof(*out));
	for (i = 0; i + 1 < m->n && !x->failed; i += 2) {
		const struct bl_ynode *k = m->kids[i], *v = m->kids[i + 1];
		struct bl_rule_setting *rs = &out[*n];

		rs->rule = bl_cparse_rule(x, k);
		rs->severity = -1;
		if (rs->rule == SIZE_MAX)
			break;
		(*n)++;
		if (v->type == BL_Y_SCALAR) {
			rs->severity = bl_cparse_severity(x, v);
			continue;
		}
		if (v->type != BL_Y_MAP) {
			bl_cparse_fail(
			        x, &v->text,
			        "a severity or a mapping with severity and options is expected");
			break;
		}
		for (j = 0; j + 1 < v->n && !x->failed; j += 2) {
			const struct bl_ynode *k2 = v->kids[j], *v2 = v->kids[j + 1];

			if (key_is(k2, "severity"))
				rs->severity = bl_cparse_severity(x, v2);
			else if (key_is(k2, "options")) {
				size_t o;

				if (v2->type != BL_Y_MAP) {
					bl_cparse_fail(x, &v2->text,
					               "'options' takes a mapping of option names "
					               "to values");
					break;
				}
				rs->opt_names = bl_arena_alloc(
				        x->c->src->arena, (v2->n / 2 + 1) * sizeof(struct bl_text));
				rs->opt_values = bl_arena_alloc(
				        x->c->src->arena, (v2->n / 2 + 1) * sizeof(struct bl_text));
				for (o = 0; o + 1 < v2->n; o += 2) {
					if (v2->kids[o + 1]->type != BL_Y_SCALAR) {
						bl_cparse_fail(x, &v2->kids[o + 1]->text,
						               "an option takes a single value");
						break;
					}
					rs->opt_names[rs->nopts] = v2->kids[o]->text;
					rs->opt_values[rs->nopts++] = v2->kids[o + 1]->text;
				}
			} else if (key_is(k2, "types")) {
				const char **names;
				size_t nt, q;

				names = strings(x, v2, &nt, "'types'");
				for (q = 0; names != NULL && q < nt && !x->failed; q++) {
					enum bl_item_type t =
					        bl_type_parse(names[q], strlen(names[q]));

					if (t == BL_TYPE_UNKNOWN)
						bl_cparse_fail(
						        x, &v2->text,
						        "'%s' is not an item type (story, epic, "
						        "feature, "
						        "task, bug, spike, enabler, milestone)",
						        names[q]);
					else
						rs->types |= BL_TYPE_BIT(t);
				}
			} else
				bl_cparse_unknown_key(x, k2, " in a rule's settings", keys, 3);
		}
	}
	return out;
}

static void
words(struct bl_cparse *x, const struct bl_ynode *m)
{
	const struct bl_registry *reg = bl_engine_registry(x->e);
	static const char *const keys[] = {"add", "remove"};
	size_t i, j;

	if (m->type != BL_Y_MAP) {
		bl_cparse_fail(x, &m->text, "'words' takes a mapping of word lists to changes");
		return;
	}
	x->c->words = bl_arena_alloc(x->c->src->arena, (m->n / 2 + 1) * sizeof(*x->c->words));
	for (i = 0; i + 1 < m->n && !x->failed; i += 2) {
		const struct bl_ynode *k = m->kids[i], *v = m->kids[i + 1];
		struct bl_words_change *w = &x->c->words[x->c->nwords];
		char name[64];
		int list;

		if (k->type != BL_Y_SCALAR || k->text.len >= sizeof(name)) {
			bl_cparse_fail(x, &k->text, "a word list name is expected");
			return;
		}
		memcpy(name, k->text.s, k->text.len);
		name[k->text.len] = '\0';
		list = bl_engine_find_words(x->e, name);
		if (list < 0) {
			const char *names[64];
			size_t n = reg->nwords < 64 ? reg->nwords : 64, q;

			for (q = 0; q < n; q++)
				names[q] = reg->words[q].name;
			bl_cparse_unknown_key(x, k, " in 'words' (not a word list)", names, n);
			return;
		}
		w->list = (size_t)list;
		x->c->nwords++;
		if (v->type != BL_Y_MAP) {
			bl_cparse_fail(x, &v->text,
			               "a word list takes a mapping with add and remove");
			return;
		}
		for (j = 0; j + 1 < v->n && !x->failed; j += 2) {
			if (key_is(v->kids[j], "add"))
				w->add = strings(x, v->kids[j + 1], &w->nadd, "'add'");
			else if (key_is(v->kids[j], "remove"))
				w->remove = strings(x, v->kids[j + 1], &w->nremove, "'remove'");
			else
				bl_cparse_unknown_key(x, v->kids[j], " in a word list change", keys,
				                      2);
		}
	}
}

static void
personas(struct bl_cparse *x, const struct bl_ynode *v)
{
	static const char *const keys[] = {"name", "aliases", "description"};
	struct bl_file *f = x->c->src;
	size_t i, j;

	if (v->type != BL_Y_SEQ) {
		bl_cparse_fail(
		        x, &v->text,
		        "'personas' takes a list of names or of {name, aliases, description}");
		return;
	}
	for (i = 0; i < v->n && !x->failed; i++) {
		const struct bl_ynode *e = v->kids[i];
		struct bl_persona *p = bl_file_add_persona(f);

		if (e->type == BL_Y_SCALAR) {
			p->name = e->text;
			continue;
		}
		if (e->type != BL_Y_MAP) {
			bl_cparse_fail(
			        x, &e->text,
			        "a persona is a name or a mapping with name, aliases, description");
			return;
		}
		for (j = 0; j + 1 < e->n && !x->failed; j += 2) {
			const struct bl_ynode *k = e->kids[j], *val = e->kids[j + 1];

			if (key_is(k, "name") && val->type == BL_Y_SCALAR)
				p->name = val->text;
			else if (key_is(k, "description") && val->type == BL_Y_SCALAR)
				p->description = val->text;
			else if (key_is(k, "aliases")) {
				size_t q;

				if (val->type == BL_Y_SCALAR)
					*bl_persona_add_alias(p, f) = val->text;
				else if (val->type == BL_Y_SEQ)
					for (q = 0; q < val->n; q++)
						if (val->kids[q]->type == BL_Y_SCALAR)
							*bl_persona_add_alias(p, f) =
							        val->kids[q]->text;
			} else
				bl_cparse_unknown_key(x, k, " in a persona", keys, 3);
		}
		if (p->name.s == NULL && !x->failed)
			bl_cparse_fail(x, &e->text, "a persona needs a name");
	}
	x->c->personas = f->personas;
	x->c->npersonas = f->npersonas;
}

/* statuses: a list of names, or {open|ready|started|done: [names]}. */
static void
statuses(struct bl_cparse *x, const struct bl_ynode *v)
{
	static const char *const cats[] = {"open", "ready", "started", "done"};
	struct bl_team *t = &x->c->team;
	size_t i, j, k;

	if (v->type == BL_Y_SEQ || v->type == BL_Y_SCALAR) {
		t->statuses = strings(x, v, &t->nstatuses, "'statuses'");
		return;
	}
	if (v->type != BL_Y_MAP) {
		bl_cparse_fail(
		        x, &v->text,
		        "'statuses' takes a list, or a mapping of open, ready, started, done");
		return;
	}
	t->statuses = bl_arena_alloc(x->c->src->arena, 256 * sizeof(*t->statuses));
	x->c->status_cat = bl_arena_alloc(x->c->src->arena, 256 * sizeof(*x->c->status_cat));
	for (i = 0; i + 1 < v->n && !x->failed; i += 2) {
		const char **names;
		size_t n;

		for (k = 0; k < 4 && !key_is(v->kids[i], cats[k]); k++)
			;
		if (k == 4) {
			bl_cparse_unknown_key(x, v->kids[i], " in 'statuses'", cats, 4);
			return;
		}
		names = strings(x, v->kids[i + 1], &n, "a status category");
		for (j = 0; j < n && t->nstatuses < 256; j++) {
			x->c->status_cat[t->nstatuses] = cats[k];
			t->statuses[t->nstatuses++] = names[j];
		}
	}
}

static void
estimation(struct bl_cparse *x, const struct bl_ynode *v)
{
	static const char *const keys[] = {"scale", "max"};
	size_t i;

	if (v->type != BL_Y_MAP) {
		bl_cparse_fail(x, &v->text, "'estimation' takes a mapping with scale and max");
		return;
	}
	for (i = 0; i + 1 < v->n && !x->failed; i += 2) {
		const struct bl_ynode *k = v->kids[i], *val = v->kids[i + 1];
		size_t n;
		const char **list;

		if (key_is(k, "scale")) {
			/* A name, or the values as a list. */
			list = strings(x, val, &n, "'scale'");
			if (list != NULL && n > 0) {
				struct bl_buf b = {0};
				size_t q;

				for (q = 0; q < n; q++)
					bl_buf_printf(&b, "%s%s", q ? "," : "", list[q]);
				x->c->scale = bl_arena_strdup(x->c->src->arena, b.s);
				bl_buf_free(&b);
			}
		} else if (key_is(k, "max") && val->type == BL_Y_SCALAR)
			x->c->max = str(x, val);
		else
			bl_cparse_unknown_key(x, k, " in 'estimation'", keys, 2);
	}
}

static void
overrides(struct bl_cparse *x, const struct bl_ynode *v)
{
	static const char *const keys[] = {"files", "rules"};
	size_t i, j;

	if (v->type != BL_Y_SEQ) {
		bl_cparse_fail(x, &v->text, "'overrides' takes a list of {files, rules}");
		return;
	}
	x->c->overrides = bl_arena_alloc(x->c->src->arena, (v->n + 1) * sizeof(*x->c->overrides));
	for (i = 0; i < v->n && !x->failed; i++) {
		const struct bl_ynode *e = v->kids[i];
		struct bl_override *o = &x->c->overrides[x->c->noverrides++];

		if (e->type != BL_Y_MAP) {
			bl_cparse_fail(x, &e->text,
			               "an override is a mapping with files and rules");
			return;
		}
		for (j = 0; j + 1 < e->n && !x->failed; j += 2) {
			if (key_is(e->kids[j], "files"))
				o->globs = strings(x, e->kids[j + 1], &o->nglobs, "'files'");
			else if (key_is(e->kids[j], "rules")) {
				size_t q;

				o->rules = rule_settings(x, e->kids[j + 1], &o->nrules);
				for (q = 0; q < o->nrules && !x->failed; q++)
					if (o->rules[q].nopts > 0)
						bl_cparse_fail(
						        x, &o->rules[q].opt_names[0],
						        "options apply to the whole run: set them "
						        "under the top-level "
						        "'rules', not in an override");
			} else
				bl_cparse_unknown_key(x, e->kids[j], " in an override", keys, 2);
		}
		if (o->nglobs == 0 && !x->failed)
			bl_cparse_fail(x, &e->text,
			               "an override needs 'files': the globs it applies to");
	}
}

/* sections: {heading as the team writes it: kind} */
static void
sections(struct bl_cparse *x, const struct bl_ynode *v)
{
	static const char *const kinds[] = {"story",   "description", "problem",
	                                    "success", "acceptance",  "definition_of_done",
	                                    "notes"};
	size_t i;

	if (v->type != BL_Y_MAP) {
		bl_cparse_fail(x, &v->text,
		               "'sections' takes a mapping of headings to section kinds");
		return;
	}
	x->c->sections = bl_arena_alloc(x->c->src->arena, (v->n / 2 + 1) * sizeof(*x->c->sections));
	for (i = 0; i + 1 < v->n && !x->failed; i += 2) {
		const struct bl_ynode *k = v->kids[i], *val = v->kids[i + 1];
		int kind;

		if (k->type != BL_Y_SCALAR || val->type != BL_Y_SCALAR) {
			bl_cparse_fail(x, &k->text,
			               "a section is a heading and a kind, e.g. \"Why\": problem");
			return;
		}
		kind = bl_section_parse(val->text.s, val->text.len);
		if (kind <= 0)
			kind = (int)bl_section_lookup(val->text.s, val->text.len);
		if (kind <= 0) {
			const char *near = bl_cparse_closest(val->text.s, val->text.len, kinds, 7);

			bl_cparse_fail(x, &val->text,
			               "'%.*s' is not a section kind (story, description, problem, "
			               "success, acceptance, definition_of_done, notes)%s%s%s",
			               (int)val->text.len, val->text.s,
			               near ? "; did you mean '" : "", near ? near : "",
			               near ? "'?" : "");
			return;
		}
		x->c->sections[x->c->nsections].name = str(x, k);
		x->c->sections[x->c->nsections++].kind = (enum bl_section_kind)kind;
	}
}

static const char *const field_names[] = {"title",   "story",    "description",        "problem",
                                          "success", "criteria", "definition_of_done", "all"};

/* A custom rule's fields: a list of field names. */
static unsigned
custom_fields(struct bl_cparse *x, const struct bl_ynode *v)
{
	const char **names;
	unsigned fields = 0;
	size_t n, k, f;

	names = strings(x, v, &n, "'fields'");
	for (k = 0; names != NULL && k < n && !x->failed; k++) {
		for (f = 0; f < 8 && strcmp(names[k], field_names[f]) != 0; f++)
			;
		if (f == 8)
			bl_cparse_fail(
			        x, &v->text,
			        "'%s' is not a field: use title, story, description, problem, "
			        "success, criteria, definition_of_done or all",
			        names[k]);
		else
			fields |= f == 7 ? BL_CF_ALL : 1u << f;
	}
	return fields;
}

/* The keys of custom rule entry e into cr; *pat gets the pattern's node. */
static void
custom_keys(struct bl_cparse *x, const struct bl_ynode *e, struct bl_custom *cr,
            const struct bl_ynode **pat)
{
	static const char *const keys[] = {"id",      "pattern",  "fields",
	                                   "message", "severity", "suggestion"};
	size_t j;

	for (j = 0; j + 1 < e->n && !x->failed; j += 2) {
		const struct bl_ynode *key = e->kids[j], *val = e->kids[j + 1];

		if (key->type != BL_Y_SCALAR)
			bl_cparse_unknown_key(x, key, " in a custom rule", NULL, 0);
		else if (key_is(key, "fields"))
			cr->fields = custom_fields(x, val);
		else if (val->type != BL_Y_SCALAR) {
			bl_cparse_fail(x, &val->text, "'%.*s' takes a single value",
			               (int)key->text.len, key->text.s);
		} else if (key_is(key, "id"))
			cr->id = str(x, val);
		else if (key_is(key, "pattern")) {
			cr->source = str(x, val);
			*pat = val;
		} else if (key_is(key, "message"))
			cr->message = str(x, val);
		else if (key_is(key, "suggestion"))
			cr->suggestion = str(x, val);
		else if (key_is(key, "severity"))
			cr->severity = bl_cparse_severity(x, val);
		else
			bl_cparse_unknown_key(x, key, " in a custom rule", keys, 6);
	}
}

/* custom: [{id, pattern, fields, message, severity, suggestion}] */
static void
custom(struct bl_cparse *x, const struct bl_ynode *v)
{
	size_t i;

	if (v->type != BL_Y_SEQ) {
		bl_cparse_fail(x, &v->text,
		               "'custom' takes a list of rules {id, pattern, message, ...}");
		return;
	}
	x->c->custom = bl_xcalloc(v->n + 1, sizeof(*x->c->custom));
	for (i = 0; i < v->n && !x->failed; i++) {
		const struct bl_ynode *e = v->kids[i], *pat = NULL;
		struct bl_custom *cr = &x->c->custom[x->c->ncustom++];

		cr->severity = BL_SEV_WARNING;
		cr->fields = BL_CF_ALL;
		if (e->type != BL_Y_MAP) {
			bl_cparse_fail(x, &e->text,
			               "a custom rule is a mapping with id, pattern and message");
			return;
		}
		custom_keys(x, e, cr, &pat);
		if (x->failed)
			return;
		bl_cparse_check_custom(x, cr, e, pat);
	}
}

/* include_done: true or false. */
static void
include_done(struct bl_cparse *x, const struct bl_ynode *v)
{
	char *txt;
	long on;

	if (v->type != BL_Y_SCALAR) {
		bl_cparse_fail(x, &v->text, "'include_done' takes %s",
		               bl_option_expects(BL_OPT_BOOL));
		return;
	}
	txt = bl_xstrndup(v->text.s, v->text.len);
	if (bl_option_parse(BL_OPT_BOOL, txt, &on))
		x->c->include_done = (int)on;
	else
		bl_cparse_fail(x, &v->text, "'include_done' takes %s, not '%s'",
		               bl_option_expects(BL_OPT_BOOL), txt);
	free(txt);
}

static const char *const top_keys[] = {
        "extends",
        "include",
        "exclude",
        "include_done",
        "personas",
        "definition_of_done",
        "definition_of_ready",
        "statuses",
        "estimation",
        "words",
        "rules",
        "overrides",
        "sections",
        "custom",
};

static void
parse(struct bl_cparse *x, const struct bl_ynode *root)
{
	const struct bl_ynode *seen[sizeof(top_keys) / sizeof(top_keys[0])] = {NULL};
	size_t i;

	if (root->type != BL_Y_MAP) {
		bl_cparse_fail(x, &root->text, "the configuration must be a mapping of keys");
		return;
	}
	for (i = 0; i + 1 < root->n && !x->failed; i += 2) {
		const struct bl_ynode *k = root->kids[i], *v = root->kids[i + 1];
		struct bl_config *c = x->c;
		size_t t;

		/* A key given twice: which one would count? */
		for (t = 0; t < sizeof(top_keys) / sizeof(top_keys[0]); t++)
			if (key_is(k, top_keys[t])) {
				if (seen[t] != NULL) {
					bl_cparse_fail(
					        x, &k->text,
					        "'%s' is given twice (first on line %u); keep one",
					        top_keys[t], (unsigned)seen[t]->text.span.line);
					return;
				}
				seen[t] = k;
			}
		if (key_is(k, "extends")) {
			struct bl_buf p = {0};
			char err2[512];

			if (v->type != BL_Y_SCALAR) {
				bl_cparse_fail(x, &v->text,
				               "'extends' takes the path of another configuration");
				return;
			}
			if (v->text.len > 0 && v->text.s[0] == '/')
				bl_buf_add(&p, v->text.s, v->text.len);
			else {
				bl_buf_printf(&p, "%s/", c->dir);
				bl_buf_add(&p, v->text.s, v->text.len);
			}
			c->parent = bl_config_load(p.s, x->e, err2, sizeof(err2));
			if (c->parent == NULL)
				bl_cparse_fail(x, &v->text, "in the configuration it extends: %s",
				               err2);
			bl_buf_free(&p);
		} else if (key_is(k, "include"))
			c->include = strings(x, v, &c->ninclude, "'include'");
		else if (key_is(k, "exclude"))
			c->exclude = strings(x, v, &c->nexclude, "'exclude'");
		else if (key_is(k, "include_done"))
			include_done(x, v);
		else if (key_is(k, "personas"))
			personas(x, v);
		else if (key_is(k, "definition_of_done"))
			c->team.dod = strings(x, v, &c->team.ndod, "'definition_of_done'");
		else if (key_is(k, "definition_of_ready"))
			c->dor = strings(x, v, &c->ndor, "'definition_of_ready'");
		else if (key_is(k, "statuses"))
			statuses(x, v);
		else if (key_is(k, "estimation"))
			estimation(x, v);
		else if (key_is(k, "words"))
			words(x, v);
		else if (key_is(k, "rules"))
			c->rules = rule_settings(x, v, &c->nrules);
		else if (key_is(k, "overrides"))
			overrides(x, v);
		else if (key_is(k, "sections"))
			sections(x, v);
		else if (key_is(k, "custom"))
			custom(x, v);
		else
			bl_cparse_unknown_key(x, k, "", top_keys,
			                      sizeof(top_keys) / sizeof(top_keys[0]));
	}
}

struct bl_config *
bl_config_load(const char *path, const struct bl_engine *e, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "rb");
	struct bl_buf b = {0};
	struct bl_config *c;
	bool ok;

	if (fp == NULL) {
		snprintf(err, errlen, "%s: cannot read the configuration: %s", path,
		         strerror(errno));
		return NULL;
	}
	ok = bl_buf_read(&b, fp);
	if (!ok)
		snprintf(err, errlen, "%s: cannot read the configuration: %s", path,
		         strerror(errno));
	fclose(fp);
	if (!ok) {
		bl_buf_free(&b);
		return NULL;
	}
	c = bl_config_parse(path, b.s ? b.s : "", b.len, e, err, errlen);
	bl_buf_free(&b);
	return c;
}

struct bl_config *
bl_config_parse(const char *path, const char *data, size_t len, const struct bl_engine *e,
                char *err, size_t errlen)
{
	struct bl_config *c;
	struct bl_ynode *root = NULL;
	struct bl_cparse x;
	const char *slash;
	int n;

	/* YAML parsing is ours, not the backlog loader's. */
	c = bl_xcalloc(1, sizeof(*c));
	c->src = bl_file_new(path, data, len);
	slash = strrchr(path, '/');
	c->dir = slash ? bl_arena_strndup(c->src->arena, path, (size_t)(slash - path)) : ".";
	c->include_done = -1;
	memset(&x, 0, sizeof(x));
	x.c = c;
	x.e = e;
	x.err = err;
	x.errlen = errlen;
	n = bl_yaml_parse(c->src, c->src->arena, 0, c->src->len, BL_DIAG_YAML, &root, 1);
	if (n < 0) {
		const struct bl_diag *d = &c->src->diags[0];

		snprintf(err, errlen, "%s:%u:%u: error: %s", path, d->span.line, d->span.col,
		         d->message);
		bl_config_free(c);
		return NULL;
	}
	if (n == 1)
		parse(&x, root);
	bl_cparse_check_options(&x, c->rules, c->nrules);
	bl_cparse_check_scale(&x);
	if (x.failed) {
		bl_config_free(c);
		return NULL;
	}
	return c;
}

void
bl_config_free(struct bl_config *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ncustom; i++)
		bl_pattern_free(c->custom[i].pattern);
	free(c->custom);
	bl_config_free(c->parent);
	bl_file_free(c->src);
	free(c);
}
