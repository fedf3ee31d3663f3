/*
 * The rule engine: the engine and its workers, and the dispatch of the
 * rules: over a file and its items (one path, the stream, whether the
 * items come in batches or all at once), then over the backlog-wide
 * summaries. Its parts: engine_profile.c (what configuration decides),
 * engine_summary.c (what items leave for the backlog pass),
 * engine_findings.c (the findings and their order), engine_excerpt.c
 * (their source lines), engine_sup.c (suppression directives).
 */
#include "engine_int.h"

#include <stdlib.h>
#include <string.h>

struct bl_engine *
bl_engine_new(const struct bl_registry *reg)
{
	struct bl_engine *e = bl_xcalloc(1, sizeof(*e));
	size_t i;

	e->reg = reg;
	e->rules = reg->rules;
	e->nrules = reg->nrules;
	bl_engine_profile_new(e);
	e->kept_at = bl_xcalloc(e->nrules ? e->nrules : 1, sizeof(*e->kept_at));
	for (i = 0; i < e->nrules; i++) {
		e->kept_at[i] = e->nkept;
		e->nkept += e->rules[i].nkept;
	}
	bl_engine_worker(e);
	e->log = bl_flog_new(0);
	e->blog = bl_flog_new(0);
	bl_engine_set_spill(e, 0, 0);
	return e;
}

struct bl_worker *
bl_engine_worker(struct bl_engine *e)
{
	struct bl_worker *w = bl_xcalloc(1, sizeof(*w)), **p;

	w->e = e;
	w->arena = bl_arena_new();
	for (p = &e->workers; *p != NULL; p = &(*p)->next)
		;
	*p = w;
	return w;
}

static void
worker_free(struct bl_worker *w)
{
	bl_tokens_free(&w->tokens);
	bl_tokens_free(&w->tmp);
	free(w->slots);
	free(w->whole);
	free(w->names);
	bl_arena_free(w->arena);
	free(w);
}

const struct bl_registry *
bl_engine_registry(const struct bl_engine *e)
{
	return e->reg;
}

const struct bl_team *
bl_ctx_team(const struct bl_ctx *ctx)
{
	return ctx->file != NULL ? ctx->file->settings : NULL;
}

struct bl_tokens *
bl_ctx_tokens(struct bl_ctx *ctx)
{
	return &ctx->w->tokens;
}

/* Where text s[0, n) starts looking in the cache. */
static size_t
slot_hash(const char *s, size_t n)
{
	uint64_t h = ((uint64_t)(uintptr_t)s ^ ((uint64_t)n << 32)) * UINT64_C(0x9e3779b97f4a7c15);

	return (size_t)(h >> 20);
}

/* A copy of tk in arena a. */
static struct bl_tokens *
tokens_copy(struct bl_arena *a, const struct bl_tokens *tk)
{
	struct bl_tokens *c = bl_arena_alloc(a, sizeof(*c));

	memset(c, 0, sizeof(*c));
	c->n = c->cap = tk->n;
	c->normlen = c->normcap = tk->normlen;
	if (tk->n > 0) {
		c->t = bl_arena_alloc(a, tk->n * sizeof(*c->t));
		memcpy(c->t, tk->t, tk->n * sizeof(*c->t));
		c->norm = bl_arena_alloc(a, tk->normlen);
		memcpy(c->norm, tk->norm, tk->normlen);
	}
	return c;
}

/* The tokens of s[0, n), a part of a text of w's cache whose tokens it
 * cuts none of, as a view of that text's (in arena a); NULL when none
 * holds it so. Tokenising the same bytes again would give the same. */
static struct bl_tokens *
tokens_of_part(struct bl_worker *w, struct bl_arena *a, const char *s, size_t n)
{
	size_t i, first, end;

	for (i = 0; i < w->nwhole; i++) {
		const struct tok_slot *t = &w->whole[i];
		struct bl_tokens *v;

		if (s < t->s || s + n > t->s + t->n ||
		    !bl_tokens_within(t->tk, (size_t)(s - t->s), (size_t)(s - t->s) + n, &first,
		                      &end))
			continue;
		v = bl_arena_alloc(a, sizeof(*v));
		bl_tokens_view(
		        t->tk, first, end, (size_t)(s - t->s),
		        end > first ? bl_arena_alloc(a, (end - first) * sizeof(*v->t)) : NULL, v);
		return v;
	}
	return NULL;
}

/* Remembers slot t as a text tokenised whole. */
static void
whole_add(struct bl_worker *w, const struct tok_slot *t)
{
	if (w->nwhole == w->capwhole) {
		w->capwhole = w->capwhole ? w->capwhole * 2 : 16;
		w->whole = bl_xrealloc(w->whole, w->capwhole * sizeof(*w->whole));
	}
	w->whole[w->nwhole++] = *t;
}

const struct bl_tokens *
bl_ctx_text_tokens(struct bl_ctx *ctx, const char *s, size_t n)
{
	struct bl_worker *w = ctx->w;
	size_t i, k;

	if (ctx->file == NULL) {
		/* No file whose lifetime bounds the cache: tokenise afresh. */
		bl_tokenize(&w->tmp, s, n);
		return &w->tmp;
	}
	if ((w->used + 1) * 2 > w->cap) {
		struct tok_slot *old = w->slots;
		size_t oldcap = w->cap;

		w->cap = w->cap ? w->cap * 2 : 64;
		w->slots = bl_xcalloc(w->cap, sizeof(*w->slots));
		for (i = 0; i < oldcap; i++) {
			if (old[i].s == NULL)
				continue;
			for (k = slot_hash(old[i].s, old[i].n) & (w->cap - 1); w->slots[k].s;
			     k = (k + 1) & (w->cap - 1))
				;
			w->slots[k] = old[i];
		}
		free(old);
	}
	for (k = slot_hash(s, n) & (w->cap - 1); w->slots[k].s != NULL; k = (k + 1) & (w->cap - 1))
		if (w->slots[k].s == s && w->slots[k].n == n)
			return w->slots[k].tk;
	w->slots[k].s = s;
	w->slots[k].n = n;
	w->slots[k].tk = tokens_of_part(w, ctx->scratch, s, n);
	if (w->slots[k].tk == NULL) {
		bl_tokenize(&w->tmp, s, n);
		w->slots[k].tk = tokens_copy(ctx->scratch, &w->tmp);
		whole_add(w, &w->slots[k]);
	}
	w->used++;
	return w->slots[k].tk;
}

/* Empties w's token cache (its tokens are in the scratch arena): after
 * each item, and after each file, so that a check starts with none. */
static void
forget_tokens(struct bl_worker *w)
{
	if (w->used > 0) {
		memset(w->slots, 0, w->cap * sizeof(*w->slots));
		w->used = 0;
	}
	w->nwhole = 0;
}

struct bl_arena *
bl_ctx_scratch(struct bl_ctx *ctx)
{
	return ctx->scratch;
}

const struct bl_suppress *
bl_ctx_suppress(const struct bl_ctx *ctx)
{
	return ctx->sup;
}

const char *
bl_ctx_path(const struct bl_ctx *ctx)
{
	return ctx->out != NULL ? ctx->path : NULL;
}

/* The state of item it (NULL: the current file), as the registry says. */
static enum bl_item_state
state_of(struct bl_ctx *ctx, const struct bl_item *it)
{
	if (ctx->e->reg->item_state == NULL)
		return BL_ITEM_OPEN;
	return ctx->e->reg->item_state(ctx, it);
}

void
bl_engine_free(struct bl_engine *e)
{
	size_t i;

	if (e == NULL)
		return;
	bl_findings_free(e);
	free(e->srcs);
	free(e->paths);
	while (e->workers != NULL) {
		struct bl_worker *w = e->workers;

		e->workers = w->next;
		worker_free(w);
	}
	for (i = 0; i < e->nprofiles; i++)
		bl_profile_free(e, e->profiles[i]);
	free(e->profiles);
	free(e->file_prof);
	free(e->kept_at);
	free(e->own_rules);
	free(e->items);
	free(e->personas);
	bl_directives_free(e);
	free(e);
}

int
bl_engine_find(const struct bl_engine *e, const char *id)
{
	size_t i;

	for (i = 0; i < e->nrules; i++)
		if (strcmp(e->rules[i].id, id) == 0)
			return (int)i;
	return -1;
}

const struct bl_engine *
bl_ctx_engine(const struct bl_ctx *ctx)
{
	return ctx->e;
}

/* Forgets the tokens and scratch memory of what was checked last. */
static void
end_item(struct bl_worker *w, struct bl_ctx *ctx)
{
	forget_tokens(w);
	bl_arena_reset(ctx->scratch);
}

/* The file parts of the rules that kept values from the file's items
 * (check_file_kept), once its items are checked and summarised. */
static void
check_file_kept(struct bl_ctx *ctx, struct bl_checked *c)
{
	const struct bl_engine *e = ctx->e;
	struct bl_backlog file;
	size_t r;

	memset(&file, 0, sizeof(file));
	file.items = c->items;
	file.nitems = c->nitems;
	for (r = 0; r < e->nrules; r++) {
		if (ctx->prof->sev[r] == BL_SEV_OFF || e->rules[r].check_file_kept == NULL)
			continue;
		ctx->rule = r;
		e->rules[r].check_file_kept(ctx, &file);
		end_item(ctx->w, ctx);
	}
}

/* A file being checked: its items may come in batches (bl_engine_stream). */
struct bl_stream {
	struct bl_ctx ctx;
	struct bl_checked *c;
	struct bl_suppress_build *sup;
};

struct bl_stream *
bl_engine_stream_begin(struct bl_worker *w, const struct bl_file *f)
{
	struct bl_stream *st = bl_xcalloc(1, sizeof(*st));
	struct bl_ctx *ctx = &st->ctx;

	st->c = bl_xcalloc(1, sizeof(*st->c));
	ctx->e = w->e;
	ctx->prof = st->c->prof = w->prof != NULL ? w->prof : w->e->profiles[0];
	ctx->w = w;
	ctx->out = st->c;
	ctx->file = f;
	ctx->path = st->c->path = bl_arena_strdup(w->arena, f->path);
	ctx->scratch = bl_arena_new();
	ctx->file_state = state_of(ctx, NULL);
	st->sup = bl_suppress_begin(f);
	return st;
}

void
bl_engine_stream_items(struct bl_stream *st)
{
	struct bl_ctx *ctx = &st->ctx;
	struct bl_checked *c = st->c;
	const struct bl_engine *e = ctx->e;
	const struct bl_file *f = ctx->file;
	size_t r, i;
	bool backlogmd = f->settings != NULL && bl_backlogmd_task_path(f->path);

	if (c->nitems + f->nitems > c->capitems) {
		/* Most files hold one item: room for just what the first batch needs. */
		while (c->nitems + f->nitems > c->capitems)
			c->capitems = c->capitems ? c->capitems * 2 : f->nitems;
		c->items = bl_xrealloc(c->items, c->capitems * sizeof(*c->items));
	}
	memset(c->items + c->nitems, 0, f->nitems * sizeof(*c->items));
	/* Item by item, every rule: the scratch memory and the tokens of one
	 * item at a time, however large the file. The order findings are
	 * made in does not show: they are sorted. */
	for (i = 0; i < f->nitems; i++) {
		unsigned bits = BL_TYPE_BIT(f->items[i].type);

		if (backlogmd && f->items[i].origin == BL_ORIGIN_ITEM_FILE &&
		    f->items[i].type == BL_TYPE_TASK)
			bits |= BL_T_BACKLOGMD_TASK;
		end_item(ctx->w, ctx);
		ctx->item = &f->items[i];
		ctx->state = ctx->file_state == BL_ITEM_ARCHIVED ? BL_ITEM_ARCHIVED
		                                                 : state_of(ctx, ctx->item);
		c->items[c->nitems + i].state = (unsigned char)ctx->state;
		if (e->reg->item_stage != NULL)
			c->items[c->nitems + i].stage =
			        (unsigned char)e->reg->item_stage(ctx, ctx->item);
		for (r = 0; r < e->nrules && !f->items[i].name_only; r++) {
			const struct bl_rule *rule = &e->rules[r];

			/* An item rule, or the item part of a backlog rule. */
			if (ctx->prof->sev[r] == BL_SEV_OFF || rule->check_item == NULL ||
			    !(ctx->prof->types[r] & bits) || (c->gave_up != NULL && c->gave_up[r]))
				continue;
			ctx->rule = r;
			rule->check_item(ctx, &f->items[i]);
		}
	}
	ctx->item = NULL;
	end_item(ctx->w, ctx);
	bl_summarise(ctx->w, c, f);
	c->nitems += f->nitems;
	bl_suppress_items(st->sup);
}

void
bl_engine_stream_undo(struct bl_stream *st)
{
	struct bl_checked *c = st->c;
	size_t i;

	for (i = 0; i < c->nfindings; i++)
		bl_finding_free(&c->findings[i]);
	c->nfindings = 0;
	bl_flog_free(c->spill);
	c->spill = NULL;
	c->nitems = 0;
	bl_suppress_free(bl_suppress_end(st->sup));
	st->sup = bl_suppress_begin(st->ctx.file);
}

struct bl_checked *
bl_engine_stream_end(struct bl_stream *st)
{
	struct bl_ctx *ctx = &st->ctx;
	struct bl_checked *c = st->c;
	const struct bl_engine *e = ctx->e;
	const struct bl_file *f = ctx->file;
	size_t r;

	if (f->nitems > 0)
		bl_engine_stream_items(st);
	ctx->sup = bl_suppress_end(st->sup);
	for (r = 0; r < e->nrules; r++) {
		const struct bl_rule *rule = &e->rules[r];

		if (ctx->prof->sev[r] == BL_SEV_OFF || rule->scope != BL_SCOPE_FILE ||
		    rule->check_file == NULL)
			continue;
		ctx->rule = r;
		rule->check_file(ctx, f);
	}
	check_file_kept(ctx, c);
	if (c->nfindings > 1)
		qsort(c->findings, c->nfindings, sizeof(*c->findings), bl_finding_cmp);
	bl_summarise_personas(ctx->w->arena, c, f);
	bl_arena_free(ctx->scratch);
	forget_tokens(ctx->w);
	if (ctx->sup != NULL && ctx->sup->ndirs > 0)
		c->sup = ctx->sup;
	else
		bl_suppress_free(ctx->sup);
	free(st);
	return c;
}

struct bl_checked *
bl_engine_check(struct bl_worker *w, const struct bl_file *f)
{
	return bl_engine_stream_end(bl_engine_stream_begin(w, f));
}

/* The stream that checks h's file, begun (with the team's settings) at
 * its first batch, or at its end when no batch came. */
static struct bl_stream *
hook_stream(struct bl_load_hook *h, struct bl_file *f)
{
	if (h->st == NULL) {
		f->settings = h->team;
		h->st = bl_engine_stream_begin(h->w, f);
	}
	return h->st;
}

static void
hook_read(void *arg, struct bl_file *f)
{
	bl_engine_stream_items(hook_stream(arg, f));
}

static void
hook_undone(void *arg, struct bl_file *f)
{
	struct bl_load_hook *h = arg;

	(void)f;
	if (h->st != NULL)
		bl_engine_stream_undo(h->st);
}

void
bl_engine_hook(struct bl_load_hook *h, struct bl_load_opts *o, struct bl_worker *w,
               const struct bl_team *team)
{
	h->w = w;
	h->team = team;
	h->st = NULL;
	o->items_read = hook_read;
	o->items_undone = hook_undone;
	o->arg = h;
}

struct bl_checked *
bl_engine_hook_end(struct bl_load_hook *h, struct bl_file *f)
{
	struct bl_stream *st = hook_stream(h, f);

	h->st = NULL;
	return bl_engine_stream_end(st);
}

void
bl_engine_add(struct bl_engine *e, struct bl_checked *c)
{
	size_t file_index = e->nfiles++;

	if (file_index == e->cappaths) {
		e->cappaths = e->cappaths ? e->cappaths * 2 : 64;
		e->paths = bl_xrealloc(e->paths, e->cappaths * sizeof(*e->paths));
	}
	e->paths[file_index] = c->path;
	bl_profile_set_file(e, file_index, c->prof);
	bl_findings_add(e, c, file_index);
	bl_summaries_add(e, c, file_index);
	bl_directives_add(e, c, file_index);
	bl_checked_free(c);
}

void
bl_checked_free(struct bl_checked *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nfindings; i++)
		bl_finding_free(&c->findings[i]);
	free(c->findings);
	bl_flog_free(c->spill);
	free(c->gave_up);
	free(c->items);
	free(c->personas);
	bl_suppress_free(c->sup);
	free(c);
}

void
bl_engine_file(struct bl_engine *e, const struct bl_file *f)
{
	bl_engine_add(e, bl_engine_check(e->workers, f));
}

void
bl_engine_finish(struct bl_engine *e)
{
	bl_backlog_pass(e);
	bl_directives_finish(e);
	bl_findings_sort(e);
}

size_t
bl_engine_files(const struct bl_engine *e)
{
	return e->nfiles;
}

const char *
bl_engine_path(const struct bl_engine *e, size_t file_index)
{
	return file_index < e->nfiles ? e->paths[file_index] : NULL;
}

const struct bl_rule *
bl_engine_rule(const struct bl_engine *e, size_t i)
{
	return i < e->nrules ? &e->rules[i] : NULL;
}

size_t
bl_engine_nrules(const struct bl_engine *e)
{
	return e->nrules;
}

size_t
bl_engine_add_rule(struct bl_engine *e, const struct bl_rule *r)
{
	size_t i;

	if (e->own_rules == NULL) {
		e->own_rules = bl_xcalloc(e->nrules + 1, sizeof(*e->own_rules));
		memcpy(e->own_rules, e->rules, e->nrules * sizeof(*e->own_rules));
	} else
		e->own_rules = bl_xrealloc(e->own_rules, (e->nrules + 1) * sizeof(*e->own_rules));
	e->own_rules[e->nrules] = *r;
	e->rules = e->own_rules;
	for (i = 0; i < e->nprofiles; i++) {
		struct bl_profile *p = e->profiles[i];

		p->sev = bl_xrealloc(p->sev, (e->nrules + 1) * sizeof(*p->sev));
		p->sev[e->nrules] = r->severity;
		p->types = bl_xrealloc(p->types, (e->nrules + 1) * sizeof(*p->types));
		p->types[e->nrules] = r->types;
	}
	/* Rules are added before any file is checked: what items keep grows. */
	e->kept_at = bl_xrealloc(e->kept_at, (e->nrules + 1) * sizeof(*e->kept_at));
	e->kept_at[e->nrules] = e->nkept;
	e->nkept += r->nkept;
	return e->nrules++;
}

size_t
bl_ctx_rule(const struct bl_ctx *ctx)
{
	return ctx->rule;
}

void
bl_ctx_give_up(struct bl_ctx *ctx)
{
	if (ctx->out == NULL)
		return;
	if (ctx->out->gave_up == NULL)
		ctx->out->gave_up = bl_xcalloc(ctx->e->nrules, 1);
	ctx->out->gave_up[ctx->rule] = 1;
}

const void *
bl_ctx_rule_data(const struct bl_ctx *ctx)
{
	return ctx->rule < ctx->e->nrules ? ctx->e->rules[ctx->rule].data : NULL;
}
