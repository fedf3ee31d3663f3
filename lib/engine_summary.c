/*
 * What an item leaves for the backlog pass once its file is freed: its
 * summary (ids, references, names, what rules keep of it) and the
 * personas its file declares, kept by the worker that checked the file and
 * then by the engine, and the backlog the backlog-wide rules read.
 */
#include "engine_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A reference to span in the file being checked (its line is read again
 * if a finding needs it: bl_engine_finish). */
static struct bl_ref
make_ref(struct bl_span span)
{
	struct bl_ref r;

	r.file_index = 0; /* set when the file joins the backlog */
	r.span = span;
	return r;
}

static const char *
text_copy(struct bl_arena *a, const struct bl_text *t)
{
	return t->s ? bl_arena_strndup(a, t->s, t->len) : NULL;
}

/* Texts longer than this are taken to be an item's own (titles). */
#define NAME_MAX_LEN 48

/* A copy of t in w's arena, shared with the texts equal to it when it is
 * short; NULL when t is absent. */
static const char *
name_copy(struct bl_worker *w, const struct bl_text *t)
{
	size_t k, i;

	if (t->s == NULL || t->len > NAME_MAX_LEN)
		return text_copy(w->arena, t);
	if ((w->nnames + 1) * 2 > w->namecap) {
		const char **old = w->names;
		size_t oldcap = w->namecap;

		w->namecap = w->namecap ? w->namecap * 2 : 256;
		w->names = bl_xcalloc(w->namecap, sizeof(*w->names));
		for (i = 0; i < oldcap; i++) {
			if (old[i] == NULL)
				continue;
			for (k = bl_fnv(BL_FNV_OFFSET, old[i], strlen(old[i])) & (w->namecap - 1);
			     w->names[k] != NULL; k = (k + 1) & (w->namecap - 1))
				;
			w->names[k] = old[i];
		}
		free(old);
	}
	for (k = bl_fnv(BL_FNV_OFFSET, t->s, t->len) & (w->namecap - 1); w->names[k] != NULL;
	     k = (k + 1) & (w->namecap - 1))
		if (strncmp(w->names[k], t->s, t->len) == 0 && w->names[k][t->len] == '\0')
			return w->names[k];
	w->nnames++;
	return w->names[k] = text_copy(w->arena, t);
}

/* A reference to another item: in a backlog with team settings, a bare
 * number ("parent: 345") names the item with the team's prefix, as
 * Backlog.md reads it. */
static const char *
ref_copy(struct bl_worker *w, const struct bl_file *f, const struct bl_text *t)
{
	size_t i;

	if (f->settings == NULL || t->s == NULL || t->len == 0 || !isdigit((unsigned char)t->s[0]))
		return name_copy(w, t);
	for (i = 0; i < t->len; i++)
		if (!isdigit((unsigned char)t->s[i]) && t->s[i] != '.')
			return name_copy(w, t);
	return bl_arena_printf(w->arena, "%s-%.*s",
	                       f->settings->task_prefix ? f->settings->task_prefix : "task",
	                       (int)t->len, t->s);
}

void
bl_summarise(struct bl_worker *w, struct bl_checked *c, const struct bl_file *f)
{
	struct bl_arena *a = w->arena;
	size_t i, j;

	for (i = 0; i < f->nitems; i++) {
		const struct bl_item *it = &f->items[i];
		struct bl_summary *s = &c->items[c->nitems + i];

		s->id = text_copy(a, &it->id);
		s->type = it->type;
		s->parent = ref_copy(w, f, &it->parent);
		s->team = f->settings;
		s->ref = make_ref(it->span);
		if (it->id.s != NULL)
			s->id_ref = make_ref(it->id.span);
		s->story_template = it->story_template;
		s->has_story = it->story.s != NULL || it->story_parts_given;
		s->has_dod = it->ndod > 0;
		if (it->role.s != NULL || it->persona.s != NULL) {
			/* The role with what the story says of it: backlog rules
			 * read "user who has forgotten the password" as a whole. */
			const struct bl_text *r = it->role_full.s ? &it->role_full
			                          : it->role.s    ? &it->role
			                                          : &it->persona;

			s->role = name_copy(w, r);
			s->role_ref = make_ref(r->span);
		}
		s->status = name_copy(w, &it->status);
		if (it->status.s != NULL)
			s->status_ref = make_ref(it->status.span);
		if (it->parent.s != NULL)
			s->parent_ref = make_ref(it->parent.span);
		s->priority = name_copy(w, &it->priority);
		if (it->priority.s != NULL)
			s->priority_ref = make_ref(it->priority.span);
		s->estimate = name_copy(w, &it->estimate);
		if (it->estimate.s != NULL)
			s->estimate_ref = make_ref(it->estimate.span);
		s->story_ref = it->story.s ? make_ref(it->story.span) : s->ref;
		s->ndeps = it->ndepends;
		if (it->ndepends > 0)
			s->deps = bl_arena_alloc(a, it->ndepends * sizeof(*s->deps));
		for (j = 0; j < it->ndepends; j++) {
			s->deps[j].id = ref_copy(w, f, &it->depends[j]);
			s->deps[j].ref = make_ref(it->depends[j].span);
		}
	}
}

void
bl_summarise_personas(struct bl_arena *a, struct bl_checked *c, const struct bl_file *f)
{
	size_t i, j;

	c->npersonas = f->npersonas;
	c->personas = bl_xcalloc(f->npersonas ? f->npersonas : 1, sizeof(*c->personas));
	for (i = 0; i < f->npersonas; i++) {
		const struct bl_persona *p = &f->personas[i];
		struct bl_persona_decl *d = &c->personas[i];

		d->name = text_copy(a, &p->name);
		d->ref = make_ref(p->name.span);
		d->naliases = p->naliases;
		d->aliases = bl_arena_alloc(a, (p->naliases + 1) * sizeof(*d->aliases));
		for (j = 0; j < p->naliases; j++)
			d->aliases[j] = text_copy(a, &p->aliases[j]);
	}
}

static void
set_file(struct bl_ref *r, size_t file_index)
{
	r->file_index = (uint32_t)file_index;
}

void
bl_summaries_add(struct bl_engine *e, struct bl_checked *c, size_t file_index)
{
	size_t i, j;

	if (e->nitems + c->nitems > e->capitems) {
		while (e->nitems + c->nitems > e->capitems)
			e->capitems = e->capitems ? e->capitems * 2 : 256;
		e->items = bl_xrealloc(e->items, e->capitems * sizeof(*e->items));
	}
	for (i = 0; i < c->nitems; i++) {
		struct bl_summary *s = &e->items[e->nitems++];

		*s = c->items[i];
		s->file_index = file_index;
		set_file(&s->ref, file_index);
		set_file(&s->id_ref, file_index);
		set_file(&s->role_ref, file_index);
		set_file(&s->story_ref, file_index);
		set_file(&s->status_ref, file_index);
		set_file(&s->estimate_ref, file_index);
		set_file(&s->parent_ref, file_index);
		set_file(&s->priority_ref, file_index);
		for (j = 0; j < s->ndeps; j++)
			set_file(&s->deps[j].ref, file_index);
	}
	if (e->npersonas + c->npersonas > e->cappersonas) {
		while (e->npersonas + c->npersonas > e->cappersonas)
			e->cappersonas = e->cappersonas ? e->cappersonas * 2 : 16;
		e->personas = bl_xrealloc(e->personas, e->cappersonas * sizeof(*e->personas));
	}
	for (i = 0; i < c->npersonas; i++) {
		e->personas[e->npersonas] = c->personas[i];
		set_file(&e->personas[e->npersonas++].ref, file_index);
	}
}

void
bl_backlog_view(const struct bl_engine *e, struct bl_backlog *bl)
{
	size_t i;

	bl->items = e->items;
	bl->nitems = e->nitems;
	bl->personas = e->personas;
	bl->npersonas = e->npersonas;
	bl->teams = NULL;
	bl->nteams = 0;
	for (i = 0; i < e->nitems; i++) {
		size_t k = 0;

		while (k < bl->nteams && bl->teams[k] != e->items[i].team)
			k++;
		if (e->items[i].team != NULL && k == bl->nteams) {
			bl->teams = bl_xrealloc(bl->teams, (bl->nteams + 1) * sizeof(*bl->teams));
			bl->teams[bl->nteams++] = e->items[i].team;
		}
	}
}

void
bl_backlog_release(struct bl_backlog *bl)
{
	free(bl->teams);
}

/* The last item that starts at or before ref in its file (summaries are
 * in file and line order). */
enum bl_item_state
bl_summary_state_at(struct bl_ctx *ctx, const struct bl_ref *ref)
{
	const struct bl_summary *s;
	size_t n, lo = 0, hi;

	if (ctx->out != NULL) {
		s = ctx->out->items;
		n = ctx->out->nitems;
	} else
		s = bl_engine_items(ctx->e, &n);
	hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s[mid].ref.file_index < ref->file_index ||
		    (s[mid].ref.file_index == ref->file_index &&
		     s[mid].ref.span.line <= ref->span.line))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || s[lo - 1].ref.file_index != ref->file_index)
		return BL_ITEM_OPEN;
	return (enum bl_item_state)s[lo - 1].state;
}

/* The summary of the item being checked (in a batch of its file's). */
static struct bl_summary *
checked_summary(struct bl_ctx *ctx)
{
	return &ctx->out->items[ctx->out->nitems + (size_t)(ctx->item - ctx->file->items)];
}

uint64_t *
bl_ctx_keep(struct bl_ctx *ctx)
{
	struct bl_summary *s;

	if (ctx->out == NULL || ctx->item == NULL || ctx->e->rules[ctx->rule].nkept == 0)
		return NULL;
	s = checked_summary(ctx);
	/* Only the items some rule keeps something of take the room. */
	if (s->kept == NULL)
		s->kept = bl_arena_alloc(ctx->w->arena, ctx->e->nkept * sizeof(*s->kept));
	return s->kept + ctx->e->kept_at[ctx->rule];
}

const uint64_t *
bl_summary_kept(const struct bl_ctx *ctx, const struct bl_summary *s)
{
	if (s->kept == NULL || ctx->e->rules[ctx->rule].nkept == 0)
		return NULL;
	return s->kept + ctx->e->kept_at[ctx->rule];
}

void
bl_ctx_keep_words(struct bl_ctx *ctx, const uint32_t *w, size_t n)
{
	struct bl_summary *s;
	uint32_t *copy;

	if (ctx->out == NULL || ctx->item == NULL || n == 0)
		return;
	s = checked_summary(ctx);
	copy = bl_arena_alloc(ctx->w->arena, n * sizeof(*copy));
	memcpy(copy, w, n * sizeof(*copy));
	s->words = copy;
	s->nwords = (uint32_t)n;
}

const struct bl_summary *
bl_engine_items(const struct bl_engine *e, size_t *n)
{
	*n = e->nitems;
	return e->items;
}

const struct bl_persona_decl *
bl_engine_personas(const struct bl_engine *e, size_t *n)
{
	*n = e->npersonas;
	return e->personas;
}
