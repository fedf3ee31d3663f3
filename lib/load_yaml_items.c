/*
 * A YAML backlog's items read from its trees: a list of item mappings, or
 * a mapping whose stories, items, backlog, epics or features key holds
 * one, epics nesting stories; a personas list; Backlog.md's config.yml
 * read as team settings (statuses, definition of done).
 */
#include "load_int.h"

#include <string.h>

bool
bl_yaml_looks_like_item(const struct bl_ynode *m)
{
	size_t i;
	int known = 0, strong = 0;

	if (m->type != BL_Y_MAP)
		return false;
	for (i = 0; i + 1 < m->n; i += 2) {
		enum bl_key k;

		if (m->kids[i]->type != BL_Y_SCALAR)
			continue;
		k = bl_key_lookup(m->kids[i]->text.s, m->kids[i]->text.len);
		switch (k) {
		case BL_KEY_STORY:
		case BL_KEY_AS_A:
		case BL_KEY_I_WANT:
		case BL_KEY_ACCEPTANCE:
		case BL_KEY_DOD: return true;
		case BL_KEY_ID:
		case BL_KEY_TYPE:
		case BL_KEY_STATUS:
		case BL_KEY_ESTIMATE:
			strong++;
			known++;
			break;
		case BL_KEY_TITLE:
		case BL_KEY_PRIORITY:
		case BL_KEY_DEPENDS:
		case BL_KEY_PARENT:
		case BL_KEY_PERSONA:
		case BL_KEY_DESCRIPTION:
		case BL_KEY_PROBLEM:
		case BL_KEY_SUCCESS: known++; break;
		default: break;
		}
	}
	return strong > 0 && known >= 2;
}

/* The item type a collection key implies for its entries. */
static enum bl_item_type
type_of_key(const struct bl_text *key)
{
	enum bl_item_type t = bl_type_parse(key->s, key->len);

	return t;
}

bool
bl_yaml_list_key(const struct bl_text *key)
{
	static const char *const keys[] = {"stories",  "items",     "backlog",  "epics",
	                                   "features", "tasks",     "children", "bugs",
	                                   "spikes",   "milestones"};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (bl_strncaseeq(key->s, key->len, keys[i]))
			return true;
	return false;
}

static void load_items(struct bl_file *f, const struct bl_ynode *seq, enum bl_item_type hint,
                       size_t parent, int depth, const struct bl_load_opts *opts);

void
bl_yaml_item(struct bl_file *f, const struct bl_ynode *m, enum bl_item_type hint, size_t parent,
             int depth, const struct bl_load_opts *opts)
{
	struct bl_item *it = bl_file_add_item(f);
	size_t self = f->nitems - 1, i;

	it->origin = BL_ORIGIN_YAML;
	it->depth = depth;
	it->span = m->text.span;
	it->span.end_line = it->span.line;
	if (m->n >= 2) {
		/* A key/value entry for each key: room for all at once (an
		 * array grown in the arena leaves its old copies behind). */
		it->capmeta = m->n / 2;
		it->meta = bl_arena_alloc(f->arena, it->capmeta * sizeof(*it->meta));
	}
	for (i = 0; i + 1 < m->n; i += 2) {
		const struct bl_ynode *k = m->kids[i];
		struct bl_kv kv;

		if (k->type != BL_Y_SCALAR ||
		    (bl_yaml_list_key(&k->text) && m->kids[i + 1]->type == BL_Y_SEQ))
			continue;
		bl_yaml_kv(k, m->kids[i + 1], &kv);
		bl_item_apply(f, it, &kv, opts);
	}
	if (it->id.s != NULL)
		it->span = it->id.span;
	else if (it->title.s != NULL)
		it->span = it->title.span;
	if (it->parent.s == NULL && parent != SIZE_MAX && f->items[parent].id.s != NULL)
		it->parent = f->items[parent].id;
	if (hint != BL_TYPE_UNKNOWN && it->type_text.s == NULL) {
		it->type = hint;
		it->type_inferred = true;
		it->type_reason = "nesting";
	}
	if (it->story_parts_given && it->story.s == NULL) {
		/* The story's span runs from the first part to the last. */
		const struct bl_text *first = it->role.s    ? &it->role
		                              : it->means.s ? &it->means
		                                            : &it->ends;
		const struct bl_text *last = it->ends.s    ? &it->ends
		                             : it->means.s ? &it->means
		                                           : &it->role;
		struct bl_span sp = first->span;

		sp.end_line = last->span.end_line;
		sp.end_col = last->span.end_col;
		it->story = bl_text_span(f, "", 0, sp);
		it->story.s = bl_arena_printf(f->arena, "As %.*s, I want %.*s%s%.*s",
		                              (int)it->role.len, it->role.s ? it->role.s : "",
		                              (int)it->means.len, it->means.s ? it->means.s : "",
		                              it->ends.s ? ", so that " : "", (int)it->ends.len,
		                              it->ends.s ? it->ends.s : "");
		it->story.len = (uint32_t)strlen(it->story.s);
		it->story_template = 0;
	}
	bl_item_finish(f, it, opts);
	for (i = 0; i + 1 < m->n; i += 2) {
		const struct bl_ynode *k = m->kids[i], *v = m->kids[i + 1];

		if (k->type == BL_Y_SCALAR && bl_yaml_list_key(&k->text) && v->type == BL_Y_SEQ)
			load_items(f, v, type_of_key(&k->text), self, depth + 1, opts);
	}
}

static void
load_items(struct bl_file *f, const struct bl_ynode *seq, enum bl_item_type hint, size_t parent,
           int depth, const struct bl_load_opts *opts)
{
	size_t i;

	bool any = parent != SIZE_MAX;

	if (depth > 16)
		return;
	/* A top-level list is a backlog when some entry clearly is an item;
	 * then every mapping in it is one. */
	for (i = 0; i < seq->n && !any; i++)
		any = bl_yaml_looks_like_item(seq->kids[i]);
	for (i = 0; i < seq->n && any; i++)
		if (seq->kids[i]->type == BL_Y_MAP)
			bl_yaml_item(f, seq->kids[i], hint, parent, depth, opts);
}

/* Backlog.md's backlog/config.yml: statuses and the team's definition of done. */
static bool
team_config(struct bl_file *f, const struct bl_ynode *root)
{
	const char *base = strrchr(f->path, '/');
	const struct bl_ynode *v;
	size_t i;
	bool found = false;

	base = base ? base + 1 : f->path;
	if (root->type != BL_Y_MAP ||
	    (strcmp(base, "config.yml") != 0 && strcmp(base, "config.yaml") != 0))
		return false;
	for (i = 0; i + 1 < root->n; i += 2) {
		const struct bl_ynode *k = root->kids[i];

		v = root->kids[i + 1];
		if (k->type == BL_Y_SCALAR && v->type == BL_Y_SCALAR && v->text.len > 0 &&
		    bl_strncaseeq(k->text.s, k->text.len, "task_prefix"))
			f->team.task_prefix = bl_arena_strndup(f->arena, v->text.s, v->text.len);
		if (k->type != BL_Y_SCALAR || v->type != BL_Y_SEQ)
			continue;
		if (bl_strncaseeq(k->text.s, k->text.len, "statuses")) {
			size_t j;

			for (j = 0; j < v->n; j++)
				if (v->kids[j]->type == BL_Y_SCALAR)
					*(const char **)bl_arena_push(
					        f->arena, (void **)&f->team.statuses,
					        &f->team.nstatuses, &f->team.capstatuses,
					        sizeof(char *)) =
					        bl_arena_strndup(f->arena, v->kids[j]->text.s,
					                         v->kids[j]->text.len);
			found = true;
		} else if (bl_strncaseeq(k->text.s, k->text.len, "definition_of_done") ||
		           bl_strncaseeq(k->text.s, k->text.len, "dod")) {
			size_t j;

			for (j = 0; j < v->n; j++)
				if (v->kids[j]->type == BL_Y_SCALAR)
					*(const char **)bl_arena_push(
					        f->arena, (void **)&f->team.dod, &f->team.ndod,
					        &f->team.capdod, sizeof(char *)) =
					        bl_arena_strndup(f->arena, v->kids[j]->text.s,
					                         v->kids[j]->text.len);
			found = true;
		}
	}
	return found;
}

/* Adds the aliases in v: a list, or one string with commas. */
static void
persona_aliases(struct bl_file *f, struct bl_persona *p, const struct bl_ynode *v)
{
	size_t i;

	if (v->type == BL_Y_SEQ) {
		for (i = 0; i < v->n; i++)
			if (v->kids[i]->type == BL_Y_SCALAR && v->kids[i]->text.len > 0)
				*bl_persona_add_alias(p, f) = v->kids[i]->text;
		return;
	}
	if (v->type != BL_Y_SCALAR)
		return;
	for (i = 0; i < v->text.len;) {
		size_t j = i;

		while (j < v->text.len && v->text.s[j] != ',')
			j++;
		if (j > i) {
			struct bl_text t = bl_text_sub(f, &v->text, i, j - i);

			if (t.len > 0)
				*bl_persona_add_alias(p, f) = t;
		}
		i = j + 1;
	}
}

/* A personas: list of names or of {name, aliases, description}. */
static void
load_personas(struct bl_file *f, const struct bl_ynode *seq)
{
	size_t i, j;

	for (i = 0; i < seq->n; i++) {
		const struct bl_ynode *e = seq->kids[i];
		struct bl_persona *p;

		if (e->type == BL_Y_SCALAR) {
			if (e->text.len == 0)
				continue;
			p = bl_file_add_persona(f);
			p->name = e->text;
			continue;
		}
		if (e->type != BL_Y_MAP)
			continue;
		p = bl_file_add_persona(f);
		for (j = 0; j + 1 < e->n; j += 2) {
			const struct bl_text *k = &e->kids[j]->text;
			const struct bl_ynode *v = e->kids[j + 1];

			if (e->kids[j]->type != BL_Y_SCALAR)
				continue;
			if ((bl_strncaseeq(k->s, k->len, "name") ||
			     bl_strncaseeq(k->s, k->len, "persona")) &&
			    v->type == BL_Y_SCALAR)
				p->name = v->text;
			else if (bl_strncaseeq(k->s, k->len, "aliases") ||
			         bl_strncaseeq(k->s, k->len, "alias") ||
			         bl_strncaseeq(k->s, k->len, "aka"))
				persona_aliases(f, p, v);
			else if (bl_strncaseeq(k->s, k->len, "description") &&
			         v->type == BL_Y_SCALAR)
				p->description = v->text;
		}
		if (p->name.s == NULL || p->name.len == 0)
			f->npersonas--; /* no name: not a persona */
	}
}

void
bl_yaml_root(struct bl_file *f, const struct bl_ynode *root, const struct bl_load_opts *opts)
{
	size_t i;
	bool found = false;

	if (root->type == BL_Y_SEQ) {
		load_items(f, root, BL_TYPE_UNKNOWN, SIZE_MAX, 0, opts);
		return;
	}
	if (root->type != BL_Y_MAP)
		return;
	if (team_config(f, root)) {
		f->is_team_config = true;
		return;
	}
	for (i = 0; i + 1 < root->n; i += 2) {
		const struct bl_ynode *k = root->kids[i], *v = root->kids[i + 1];

		if (k->type == BL_Y_SCALAR && bl_yaml_list_key(&k->text) && v->type == BL_Y_SEQ) {
			load_items(f, v, type_of_key(&k->text), SIZE_MAX, 0, opts);
			found = true;
		} else if (k->type == BL_Y_SCALAR && v->type == BL_Y_SEQ &&
		           bl_strncaseeq(k->text.s, k->text.len, "personas")) {
			load_personas(f, v);
			found = true;
		}
	}
	if (!found && bl_yaml_looks_like_item(root))
		bl_yaml_item(f, root, BL_TYPE_UNKNOWN, SIZE_MAX, 0, opts);
}
