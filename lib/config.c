/*
 * .backlint.yml: parsed into a YAML node tree (the loader's), checked key
 * by key with positions, and applied to the engine. Only the first error
 * is kept: the user fixes it and runs again, as with a compiler.
 */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "textmatch.h"
#include "util.h"
#include "ytree.h"

struct cctx {
	struct bl_config *c;
	const struct bl_engine *e;
	char *err;
	size_t errlen;
	bool failed;
};

static void BL_PRINTF(3, 4) fail(struct cctx *x, const struct bl_text *at, const char *fmt, ...)
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

static const char *
str(struct cctx *x, const struct bl_ynode *n)
{
	return bl_arena_strndup(x->c->src->arena, n->text.s, n->text.len);
}

static bool
key_is(const struct bl_ynode *k, const char *name)
{
	return k->type == BL_Y_SCALAR && bl_strncaseeq(k->text.s, k->text.len, name);
}

/* The closest of names to s (for "did you mean"), or NULL. */
static const char *
closest(const char *s, size_t n, const char *const *names, size_t count)
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

static void
unknown_key(struct cctx *x, const struct bl_ynode *k, const char *where, const char *const *names,
            size_t count)
{
	const char *near;

	if (k->type != BL_Y_SCALAR || k->text.s == NULL) {
		fail(x, &k->text, "a key%s must be a name, not a list or a mapping", where);
		return;
	}
	near = closest(k->text.s, k->text.len, names, count);
	if (near != NULL)
		fail(x, &k->text, "unknown key '%.*s'%s; did you mean '%s'?", (int)k->text.len,
		     k->text.s, where, near);
	else
		fail(x, &k->text, "unknown key '%.*s'%s", (int)k->text.len, k->text.s, where);
}

/* A list of strings (a single string counts as a list of one). */
static const char **
strings(struct cctx *x, const struct bl_ynode *v, size_t *n, const char *what)
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
		fail(x, &v->text, "%s takes a list of strings", what);
		return NULL;
	}
	out = bl_arena_alloc(x->c->src->arena, (v->n + 1) * sizeof(*out));
	for (i = 0; i < v->n; i++) {
		if (v->kids[i]->type != BL_Y_SCALAR) {
			fail(x, &v->kids[i]->text, "%s takes a list of strings", what);
			*n = 0; /* none of them, not the ones before */
			return NULL;
		}
		out[(*n)++] = str(x, v->kids[i]);
	}
	return out;
}

/* The index of the rule named by k, or SIZE_MAX after an error. */
static size_t
rule_index(struct cctx *x, const struct bl_ynode *k)
{
	const struct bl_registry *reg = bl_engine_registry(x->e);
	char id[80];
	const char *ids[256];
	size_t i, n = reg->nrules < 256 ? reg->nrules : 256;
	int r;

	if (k->type != BL_Y_SCALAR || k->text.len >= sizeof(id)) {
		fail(x, &k->text, "a rule id such as 'story/atomic' is expected");
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
		const char *near = closest(id, strlen(id), ids, n);

		if (near != NULL)
			fail(x, &k->text, "unknown rule '%s'; did you mean '%s'?", id, near);
		else
			fail(x, &k->text, "unknown rule '%s' (see backlint --list-rules)", id);
	}
	return SIZE_MAX;
}

static int
severity_of(struct cctx *x, const struct bl_ynode *v)
{
	char buf[16];
	int s;

	if (v->type != BL_Y_SCALAR || v->text.len >= sizeof(buf)) {
		fail(x, &v->text, "a severity is expected: off, info, warning or error");
		return -1;
	}
	memcpy(buf, v->text.s, v->text.len);
	buf[v->text.len] = '\0';
	s = bl_severity_parse(buf);
	if (s < 0)
		fail(x, &v->text, "'%s' is not a severity: use off, info, warning or error", buf);
	return s;
}

/* rules: {id: severity | {severity, options: {name: value}}} */
static struct bl_rule_setting *
rule_settings(struct cctx *x, const struct bl_ynode *m, size_t *n)
{
	static const char *const keys[] = {"severity", "options", "types"};
	struct bl_rule_setting *out;
	size_t i, j;

	*n = 0;
	if (m->type != BL_Y_MAP) {
		fail(x, &m->text, "'rules' takes a mapping of rule ids to settings");
		return NULL;
	}
	out = bl_arena_alloc(x->c->src->arena, (m->n / 2 + 1) * sizeof(*out));
	for (i = 0; i + 1 < m->n && !x->failed; i += 2) {
		const struct bl_ynode *k = m->kids[i], *v = m->kids[i + 1];
		struct bl_rule_setting *rs = &out[*n];

		rs->rule = rule_index(x, k);
		rs->severity = -1;
		if (rs->rule == SIZE_MAX)
			break;
		(*n)++;
		if (v->type == BL_Y_SCALAR) {
			rs->severity = severity_of(x, v);
			continue;
		}
		if (v->type != BL_Y_MAP) {
			fail(x, &v->text,
			     "a severity or a mapping with severity and options is expected");
			break;
		}
		for (j = 0; j + 1 < v->n && !x->failed; j += 2) {
			const struct bl_ynode *k2 = v->kids[j], *v2 = v->kids[j + 1];

			if (key_is(k2, "severity"))
				rs->severity = severity_of(x, v2);
			else if (key_is(k2, "options")) {
				size_t o;

				if (v2->type != BL_Y_MAP) {
					fail(x, &v2->text,
					     "'options' takes a mapping of option names to values");
					break;
				}
				rs->opt_names = bl_arena_alloc(
				        x->c->src->arena, (v2->n / 2 + 1) * sizeof(struct bl_text));
				rs->opt_values = bl_arena_alloc(
				        x->c->src->arena, (v2->n / 2 + 1) * sizeof(struct bl_text));
				for (o = 0; o + 1 < v2->n; o += 2) {
					if (v2->kids[o + 1]->type != BL_Y_SCALAR) {
						fail(x, &v2->kids[o + 1]->text,
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
						fail(x, &v2->text,
						     "'%s' is not an item type (story, epic, "
						     "feature, "
						     "task, bug, spike, enabler, milestone)",
						     names[q]);
					else
						rs->types |= BL_TYPE_BIT(t);
				}
			} else
				unknown_key(x, k2, " in a rule's settings", keys, 3);
		}
	}
	return out;
}

static void
words(struct cctx *x, const struct bl_ynode *m)
{
	const struct bl_registry *reg = bl_engine_registry(x->e);
	static const char *const keys[] = {"add", "remove"};
	size_t i, j;

	if (m->type != BL_Y_MAP) {
		fail(x, &m->text, "'words' takes a mapping of word lists to changes");
		return;
	}
	x->c->words = bl_arena_alloc(x->c->src->arena, (m->n / 2 + 1) * sizeof(*x->c->words));
	for (i = 0; i + 1 < m->n && !x->failed; i += 2) {
		const struct bl_ynode *k = m->kids[i], *v = m->kids[i + 1];
		struct bl_words_change *w = &x->c->words[x->c->nwords];
		char name[64];
		int list;

		if (k->type != BL_Y_SCALAR || k->text.len >= sizeof(name)) {
			fail(x, &k->text, "a word list name is expected");
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
			unknown_key(x, k, " in 'words' (not a word list)", names, n);
			return;
		}
		w->list = (size_t)list;
		x->c->nwords++;
		if (v->type != BL_Y_MAP) {
			fail(x, &v->text, "a word list takes a mapping with add and remove");
			return;
		}
		for (j = 0; j + 1 < v->n && !x->failed; j += 2) {
			if (key_is(v->kids[j], "add"))
				w->add = strings(x, v->kids[j + 1], &w->nadd, "'add'");
			else if (key_is(v->kids[j], "remove"))
				w->remove = strings(x, v->kids[j + 1], &w->nremove, "'remove'");
			else
				unknown_key(x, v->kids[j], " in a word list change", keys, 2);
		}
	}
}

static void
personas(struct cctx *x, const struct bl_ynode *v)
{
	static const char *const keys[] = {"name", "aliases", "description"};
	struct bl_file *f = x->c->src;
	size_t i, j;

	if (v->type != BL_Y_SEQ) {
		fail(x, &v->text,
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
			fail(x, &e->text,
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
				unknown_key(x, k, " in a persona", keys, 3);
		}
		if (p->name.s == NULL && !x->failed)
			fail(x, &e->text, "a persona needs a name");
	}
	x->c->personas = f->personas;
	x->c->npersonas = f->npersonas;
}

/* statuses: a list of names, or {open|ready|started|done: [names]}. */
static void
statuses(struct cctx *x, const struct bl_ynode *v)
{
	static const char *const cats[] = {"open", "ready", "started", "done"};
	struct bl_team *t = &x->c->team;
	size_t i, j, k;

	if (v->type == BL_Y_SEQ || v->type == BL_Y_SCALAR) {
		t->statuses = strings(x, v, &t->nstatuses, "'statuses'");
		return;
	}
	if (v->type != BL_Y_MAP) {
		fail(x, &v->text,
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
			unknown_key(x, v->kids[i], " in 'statuses'", cats, 4);
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
estimation(struct cctx *x, const struct bl_ynode *v)
{
	static const char *const keys[] = {"scale", "max"};
	size_t i;

	if (v->type != BL_Y_MAP) {
		fail(x, &v->text, "'estimation' takes a mapping with scale and max");
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
			unknown_key(x, k, " in 'estimation'", keys, 2);
	}
}

static void
overrides(struct cctx *x, const struct bl_ynode *v)
{
	static const char *const keys[] = {"files", "rules"};
	size_t i, j;

	if (v->type != BL_Y_SEQ) {
		fail(x, &v->text, "'overrides' takes a list of {files, rules}");
		return;
	}
	x->c->overrides = bl_arena_alloc(x->c->src->arena, (v->n + 1) * sizeof(*x->c->overrides));
	for (i = 0; i < v->n && !x->failed; i++) {
		const struct bl_ynode *e = v->kids[i];
		struct bl_override *o = &x->c->overrides[x->c->noverrides++];

		if (e->type != BL_Y_MAP) {
			fail(x, &e->text, "an override is a mapping with files and rules");
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
						fail(x, &o->rules[q].opt_names[0],
						     "options apply to the whole run: set them "
						     "under the top-level "
						     "'rules', not in an override");
			} else
				unknown_key(x, e->kids[j], " in an override", keys, 2);
		}
		if (o->nglobs == 0 && !x->failed)
			fail(x, &e->text, "an override needs 'files': the globs it applies to");
	}
}

/* sections: {heading as the team writes it: kind} */
static void
sections(struct cctx *x, const struct bl_ynode *v)
{
	static const char *const kinds[] = {"story",   "description", "problem",
	                                    "success", "acceptance",  "definition_of_done",
	                                    "notes"};
	size_t i;

	if (v->type != BL_Y_MAP) {
		fail(x, &v->text, "'sections' takes a mapping of headings to section kinds");
		return;
	}
	x->c->sections = bl_arena_alloc(x->c->src->arena, (v->n / 2 + 1) * sizeof(*x->c->sections));
	for (i = 0; i + 1 < v->n && !x->failed; i += 2) {
		const struct bl_ynode *k = v->kids[i], *val = v->kids[i + 1];
		int kind;

		if (k->type != BL_Y_SCALAR || val->type != BL_Y_SCALAR) {
			fail(x, &k->text,
			     "a section is a heading and a kind, e.g. \"Why\": problem");
			return;
		}
		kind = bl_section_parse(val->text.s, val->text.len);
		if (kind <= 0)
			kind = (int)bl_section_lookup(val->text.s, val->text.len);
		if (kind <= 0) {
			const char *near = closest(val->text.s, val->text.len, kinds, 7);

			fail(x, &val->text,
			     "'%.*s' is not a section kind (story, description, problem, "
			     "success, acceptance, definition_of_done, notes)%s%s%s",
			     (int)val->text.len, val->text.s, near ? "; did you mean '" : "",
			     near ? near : "", near ? "'?" : "");
			return;
		}
		x->c->sections[x->c->nsections].name = str(x, k);
		x->c->sections[x->c->nsections++].kind = (enum bl_section_kind)kind;
	}
}

static const char *const field_names[] = {"title",   "story",    "description",        "problem",
                                          "success", "criteria", "definition_of_done", "all"};

/* custom: [{id, pattern, fields, message, severity, suggestion}] */
static void
custom(struct cctx *x, const struct bl_ynode *v)
{
	static const char *const keys[] = {"id",      "pattern",  "fields",
	                                   "message", "severity", "suggestion"};
	size_t i, j, k;

	if (v->type != BL_Y_SEQ) {
		fail(x, &v->text, "'custom' takes a list of rules {id, pattern, message, ...}");
		return;
	}
	x->c->custom = bl_xcalloc(v->n + 1, sizeof(*x->c->custom));
	for (i = 0; i < v->n && !x->failed; i++) {
		const struct bl_ynode *e = v->kids[i], *pat = NULL;
		struct bl_custom *cr = &x->c->custom[x->c->ncustom++];

		cr->severity = BL_SEV_WARNING;
		cr->fields = BL_CF_ALL;
		if (e->type != BL_Y_MAP) {
			fail(x, &e->text,
			     "a custom rule is a mapping with id, pattern and message");
			return;
		}
		for (j = 0; j + 1 < e->n && !x->failed; j += 2) {
			const struct bl_ynode *key = e->kids[j], *val = e->kids[j + 1];

			if (key->type != BL_Y_SCALAR)
				unknown_key(x, key, " in a custom rule", NULL, 0);
			else if (key_is(key, "fields")) {
				const char **names;
				size_t n;

				names = strings(x, val, &n, "'fields'");
				cr->fields = 0;
				for (k = 0; names != NULL && k < n && !x->failed; k++) {
					size_t f;

					for (f = 0; f < 8 && strcmp(names[k], field_names[f]) != 0;
					     f++)
						;
					if (f == 8)
						fail(x, &val->text,
						     "'%s' is not a field: use title, story, "
						     "description, problem, success, criteria, "
						     "definition_of_done or all",
						     names[k]);
					else
						cr->fields |= f == 7 ? BL_CF_ALL : 1u << f;
				}
			} else if (val->type != BL_Y_SCALAR) {
				fail(x, &val->text, "'%.*s' takes a single value",
				     (int)key->text.len, key->text.s);
			} else if (key_is(key, "id"))
				cr->id = str(x, val);
			else if (key_is(key, "pattern")) {
				cr->source = str(x, val);
				pat = val;
			} else if (key_is(key, "message"))
				cr->message = str(x, val);
			else if (key_is(key, "suggestion"))
				cr->suggestion = str(x, val);
			else if (key_is(key, "severity"))
				cr->severity = severity_of(x, val);
			else
				unknown_key(x, key, " in a custom rule", keys, 6);
		}
		if (x->failed)
			return;
		if (cr->id == NULL || strchr(cr->id, '/') == NULL || cr->id[0] == '/' ||
		    cr->id[strlen(cr->id) - 1] == '/') {
			fail(x, &e->text,
			     "a custom rule needs an id 'family/name', e.g. 'team/no-links'");
			return;
		}
		if (bl_engine_find(x->e, cr->id) >= 0) {
			fail(x, &e->text,
			     "custom rule id '%s' is a built-in rule's; choose another", cr->id);
			return;
		}
		for (k = 0; k + 1 < x->c->ncustom; k++)
			if (strcmp(x->c->custom[k].id, cr->id) == 0) {
				fail(x, &e->text, "custom rule id '%s' is used twice", cr->id);
				return;
			}
		if (pat == NULL || cr->message == NULL) {
			fail(x, &e->text, "custom rule '%s' needs a pattern and a message", cr->id);
			return;
		}
		{
			char perr[256];

			/* Compiled once, with JIT and pcre2's match and depth limits. */
			cr->pattern =
			        bl_pattern_new(cr->source, BL_PAT_CASELESS, perr, sizeof(perr));
			if (cr->pattern == NULL) {
				fail(x, &pat->text, "custom rule '%s': bad pattern: %s", cr->id,
				     perr);
				return;
			}
		}
	}
}

/* include_done: true or false. */
static void
include_done(struct cctx *x, const struct bl_ynode *v)
{
	char *txt;
	long on;

	if (v->type != BL_Y_SCALAR) {
		fail(x, &v->text, "'include_done' takes %s", bl_option_expects(BL_OPT_BOOL));
		return;
	}
	txt = bl_xstrndup(v->text.s, v->text.len);
	if (bl_option_parse(BL_OPT_BOOL, txt, &on))
		x->c->include_done = (int)on;
	else
		fail(x, &v->text, "'include_done' takes %s, not '%s'",
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
parse(struct cctx *x, const struct bl_ynode *root)
{
	const struct bl_ynode *seen[sizeof(top_keys) / sizeof(top_keys[0])] = {NULL};
	size_t i;

	if (root->type != BL_Y_MAP) {
		fail(x, &root->text, "the configuration must be a mapping of keys");
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
					fail(x, &k->text,
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
				fail(x, &v->text,
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
				fail(x, &v->text, "in the configuration it extends: %s", err2);
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
			unknown_key(x, k, "", top_keys, sizeof(top_keys) / sizeof(top_keys[0]));
	}
}

/* Checks rule options against the engine now, so a bad value is an error
 * at its line, not a surprise later. */
static void
check_options(struct cctx *x, const struct bl_rule_setting *rs, size_t n)
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
				fail(x, name, "%s has no option '%.*s' (see backlint --explain %s)",
				     reg->rules[rs[i].rule].id, (int)name->len, name->s,
				     reg->rules[rs[i].rule].id);
			else if (reg->options[o - 1].kind != BL_OPT_STRING) {
				const struct bl_text *v = &rs[i].opt_values[j];
				char *txt = bl_xstrndup(v->s, v->len);
				long out;

				if (!bl_option_parse(reg->options[o - 1].kind, txt, &out))
					fail(x, v, "option '%.*s' of %s takes %s, not '%.*s'",
					     (int)name->len, name->s, reg->rules[rs[i].rule].id,
					     bl_option_expects(reg->options[o - 1].kind),
					     (int)v->len, v->s);
				free(txt);
			}
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
	struct cctx x;
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
	check_options(&x, c->rules, c->nrules);
	if (!x.failed && c->scale != NULL && c->max == NULL && strcmp(c->scale, "tshirt") != 0 &&
	    strcmp(c->scale, "fibonacci") != 0 && strcmp(c->scale, "powers-of-two") != 0 &&
	    strchr(c->scale, ',') == NULL) {
		struct bl_text at = {0};

		at.span.line = 1;
		fail(&x, &at,
		     "estimation scale '%s' is not fibonacci, tshirt, powers-of-two or a "
		     "list of values",
		     c->scale);
	}
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
