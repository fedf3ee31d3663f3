/*
 * The rule engine: dispatches per-file, per-item and backlog-wide checks,
 * applies each rule's severity, keeps findings with enough of the source
 * to show them after their file is freed, and sorts them.
 */
#include "engine.h"
#include "flog.h"
#include "suppress.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a configuration decides of the rules: each one's severity (off:
 * not run) and item types, the options, the word lists, whether done
 * work is reported. Profile 0 holds the built-in defaults until a run
 * configures it. */
struct bl_profile {
	enum bl_severity *sev;
	unsigned *types; /* item types each rule checks */
	char **optval;   /* option values, as text */
	long *optint;    /* and parsed, for BL_OPT_INT */
	struct bl_wordset **words;
	bool include_done; /* report on done and archived work too */
	bool used;         /* some file was checked with it */
};

struct bl_engine {
	const struct bl_registry *reg;
	const struct bl_rule *rules;
	struct bl_rule *own_rules; /* the registry's and added rules, once one is added */
	size_t nrules;
	struct bl_profile **profiles; /* every profile made, the defaults' first */
	size_t nprofiles;
	struct bl_profile *cur; /* the one the setters change */
	/* Each file's profile, by file index: the severities of the findings
	 * backlog-wide rules make on it. */
	const struct bl_profile **file_prof;
	size_t capfile_prof;
	const struct bl_profile *backlog_prof; /* the backlog-wide rules' options */
	/* Where each rule's words start among what an item keeps
	 * (bl_ctx_keep), and how many words an item keeps in all. */
	size_t *kept_at;
	size_t nkept;
	struct bl_worker *workers; /* every worker made, the engine's own first */

	/* The files' findings, in order, in log; those of each backlog rule
	 * in a run of blog, in order; findings holds a backlog rule's while
	 * it runs, then the unused directives'. */
	struct bl_flog *log, *blog;
	const char *spill_error;          /* a file's spilled findings were lost (see spill()) */
	bool in_backlog_rule;             /* a backlog rule is running (findings: its own) */
	size_t spill_file, spill_backlog; /* SPILL_FINDINGS, SPILL_BACKLOG, or the tests' */
	struct bl_finding *findings;
	size_t nfindings, capfindings;
	/* Reading them all in one order: the head of the log, of each run of
	 * blog, and findings[bi]. */
	struct head {
		struct bl_flog_reader *r;
		const struct bl_finding *cur; /* NULL: the source is read */
	} * heads;
	size_t nheads;
	int taken; /* the head last returned, to move on; -1: none */
	size_t bi;
	struct bl_finding *all; /* bl_engine_findings() */
	size_t nall;
	/* Texts given by bl_engine_source(). */
	struct source {
		const char *path, *s;
		size_t n;
	} * srcs;
	size_t nsrcs;

	struct bl_summary *items;
	size_t nitems, capitems;
	struct bl_persona_decl *personas;
	size_t npersonas, cappersonas;
	size_t nfiles;
	const char **paths; /* by file index */
	size_t cappaths;

	/* The suppression directives of the files that have some, in file
	 * order, kept for backlog-wide findings. */
	struct sup_file {
		size_t file_index;
		const char *path;
		struct bl_suppress *s;
	} * sups;
	size_t nsups, capsups;
	bool report_unused;
};

/* The tokens of one text of the file being checked. */
struct tok_slot {
	const char *s;
	size_t n;
	struct bl_tokens *tk;
};

struct bl_worker {
	struct bl_engine *e;
	const struct bl_profile *prof; /* of the files it checks (NULL: the first) */
	struct bl_tokens tokens;       /* bl_ctx_tokens() */
	struct bl_tokens tmp;          /* for the cache */
	struct tok_slot *slots;        /* the cache: the current file's texts, by address */
	size_t cap, used;
	struct bl_arena *arena; /* what its files leave for the backlog pass */
	/* The short texts in arena that items repeat (statuses, roles,
	 * parents), one copy each: an open-addressing set. */
	const char **names;
	size_t namecap, nnames;
	struct bl_worker *next;
};

struct bl_checked {
	const char *path;              /* in the worker's arena */
	const struct bl_profile *prof; /* the file's */
	unsigned char *gave_up;        /* per rule: it gave up on this file */
	struct bl_finding *findings;
	size_t nfindings, capfindings;
	struct bl_summary *items;
	size_t nitems, capitems;
	struct bl_persona_decl *personas;
	size_t npersonas;
	struct bl_suppress *sup;
	/* Findings of a file that has many, moved out of findings in sorted
	 * runs (see spill()), or NULL. */
	struct bl_flog *spill;
};

struct bl_ctx {
	struct bl_engine *e;
	const struct bl_profile *prof; /* what the rules run with */
	struct bl_worker *w;
	struct bl_checked *out; /* NULL in the backlog pass: findings go to e */
	const struct bl_file *file;
	const struct bl_item *item;
	const char *path;
	size_t rule;
	struct bl_arena *scratch;
	struct bl_suppress *sup;              /* the current file's directives, or NULL */
	enum bl_item_state state, file_state; /* of the item, and of the file by its path */
};

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
	p->optval = bl_xcalloc(reg->noptions ? reg->noptions : 1, sizeof(*p->optval));
	p->optint = bl_xcalloc(reg->noptions ? reg->noptions : 1, sizeof(*p->optint));
	for (i = 0; i < reg->noptions; i++) {
		p->optval[i] = bl_xstrdup(reg->options[i].def);
		bl_option_parse(reg->options[i].kind, reg->options[i].def, &p->optint[i]);
	}
	p->words = bl_xcalloc(reg->nwords ? reg->nwords : 1, sizeof(*p->words));
	for (i = 0; i < reg->nwords; i++) {
		p->words[i] = bl_wordset_new();
		bl_wordset_load(p->words[i], reg->words[i].data);
	}
	e->profiles = bl_xrealloc(e->profiles, (e->nprofiles + 1) * sizeof(*e->profiles));
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

static void
profile_free(const struct bl_engine *e, struct bl_profile *p)
{
	size_t i;

	for (i = 0; i < e->reg->noptions; i++)
		free(p->optval[i]);
	free(p->optval);
	free(p->optint);
	for (i = 0; i < e->reg->nwords; i++)
		bl_wordset_free(p->words[i]);
	free(p->words);
	free(p->sev);
	free(p->types);
	free(p);
}

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
	free(w->names);
	bl_arena_free(w->arena);
	free(w);
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
		free(e->cur->optval[i]);
		e->cur->optval[i] = bl_xstrdup(value);
		e->cur->optint[i] = v;
		return true;
	}
	snprintf(err, errlen, "%s has no option '%s'", rule < e->nrules ? e->rules[rule].id : "?",
	         name);
	return false;
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

const struct bl_registry *
bl_engine_registry(const struct bl_engine *e)
{
	return e->reg;
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

const struct bl_wordset *
bl_ctx_words(const struct bl_ctx *ctx, size_t list)
{
	return ctx->prof->words[list];
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
	bl_tokenize(&w->tmp, s, n);
	w->slots[k].s = s;
	w->slots[k].n = n;
	w->slots[k].tk = tokens_copy(ctx->scratch, &w->tmp);
	w->used++;
	return w->slots[k].tk;
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

uint64_t *
bl_ctx_keep(struct bl_ctx *ctx)
{
	struct bl_summary *s;

	if (ctx->out == NULL || ctx->item == NULL || ctx->e->rules[ctx->rule].nkept == 0)
		return NULL;
	s = &ctx->out->items[ctx->out->nitems + (size_t)(ctx->item - ctx->file->items)];
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

const char *
bl_ctx_path(const struct bl_ctx *ctx)
{
	return ctx->out != NULL ? ctx->path : NULL;
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

/* The state of item it (NULL: the current file), as the registry says. */
static enum bl_item_state
state_of(struct bl_ctx *ctx, const struct bl_item *it)
{
	if (ctx->e->reg->item_state == NULL)
		return BL_ITEM_OPEN;
	return ctx->e->reg->item_state(ctx, it);
}

/* The profile file i was checked with. */
static const struct bl_profile *
file_prof(const struct bl_engine *e, size_t i)
{
	return i < e->capfile_prof && e->file_prof[i] != NULL ? e->file_prof[i] : e->profiles[0];
}

/* Whether a finding of rule on work in state st is kept, under profile p. */
static bool
reported(const struct bl_engine *e, const struct bl_profile *p, size_t rule, enum bl_item_state st)
{
	return p->include_done || st == BL_ITEM_OPEN ||
	       (st == BL_ITEM_DONE && e->reg->about_done != NULL && e->reg->about_done(rule));
}

/* The state of the item at ref: the summary of the last item that starts
 * at or before it in its file (summaries are in file and line order). */
static enum bl_item_state
state_at(struct bl_ctx *ctx, const struct bl_ref *ref)
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

void
bl_ctx_keep_words(struct bl_ctx *ctx, const uint32_t *w, size_t n)
{
	struct bl_summary *s;
	uint32_t *copy;

	if (ctx->out == NULL || ctx->item == NULL || n == 0)
		return;
	s = &ctx->out->items[ctx->out->nitems + (size_t)(ctx->item - ctx->file->items)];
	copy = bl_arena_alloc(ctx->w->arena, n * sizeof(*copy));
	memcpy(copy, w, n * sizeof(*copy));
	s->words = copy;
	s->nwords = (uint32_t)n;
}

void
bl_engine_report_unused_disables(struct bl_engine *e, bool on)
{
	e->report_unused = on;
}

static void
free_sups(struct bl_engine *e)
{
	size_t i;

	for (i = 0; i < e->nsups; i++)
		bl_suppress_free(e->sups[i].s);
	free(e->sups);
	e->sups = NULL;
	e->nsups = e->capsups = 0;
}

static void
free_heads(struct bl_engine *e)
{
	size_t i;

	for (i = 0; i < e->nheads; i++)
		bl_flog_reader_free(e->heads[i].r);
	free(e->heads);
	e->heads = NULL;
	e->nheads = 0;
}

void
bl_finding_copy(struct bl_finding *c, const struct bl_finding *fd)
{
	*c = *fd;
	c->message = bl_xstrdup(fd->message);
	c->item_id = fd->item_id ? bl_xstrdup(fd->item_id) : NULL;
	c->line = fd->line ? bl_xstrdup(fd->line) : NULL;
}

void
bl_finding_free(struct bl_finding *fd)
{
	free(fd->message);
	free(fd->item_id);
	free(fd->line);
}

void
bl_engine_free(struct bl_engine *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->nfindings; i++)
		bl_finding_free(&e->findings[i]);
	free(e->findings);
	for (i = 0; i < e->nall; i++)
		bl_finding_free(&e->all[i]);
	free(e->all);
	free(e->srcs);
	free(e->paths);
	free_heads(e);
	bl_flog_free(e->log);
	bl_flog_free(e->blog);
	while (e->workers != NULL) {
		struct bl_worker *w = e->workers;

		e->workers = w->next;
		worker_free(w);
	}
	for (i = 0; i < e->nprofiles; i++)
		profile_free(e, e->profiles[i]);
	free(e->profiles);
	free(e->file_prof);
	free(e->kept_at);
	free(e->own_rules);
	free(e->items);
	free(e->personas);
	free_sups(e);
	free(e);
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

#define MAX_LINE 400

/* A copy of at most MAX_LINE bytes of s, with bytes that are not valid
 * UTF-8 (or are control characters) shown as '?': the offsets stay. */
static void
sanitise(char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t l;

		if (c >= 0x20 && c < 0x80) {
			i++;
			continue;
		}
		l = bl_utf8_len((const unsigned char *)s + i, n - i);
		if ((l == 1 && c >= 0x80) || (c < 0x20 && c != '\t'))
			s[i] = '?';
		i += l;
	}
}

/* The part of line s[0, n) to keep for showing column col: at most
 * MAX_LINE bytes around it, cut at characters. */
static const char *
line_window(const char *s, size_t n, uint32_t col, size_t *len, uint32_t *off)
{
	size_t from = 0;

	if (n > MAX_LINE && col > MAX_LINE / 2) {
		from = col - MAX_LINE / 2;
		while (from > 0 && ((unsigned char)s[from] & 0xc0) == 0x80)
			from--;
	}
	n -= from;
	if (n > MAX_LINE) {
		n = MAX_LINE;
		while (n > 0 && ((unsigned char)s[from + n] & 0xc0) == 0x80)
			n--;
	}
	*len = n;
	*off = (uint32_t)from;
	return s + from;
}

static char *
copy_line(const char *s, size_t n)
{
	char *p = bl_xstrndup(s, n);

	sanitise(p, strlen(p));
	return p;
}

static struct bl_finding *add_finding(struct bl_ctx *ctx, size_t rule, const char *fmt, va_list ap)
        BL_PRINTF(3, 0);

static int
cmp_finding(const void *a, const void *b)
{
	const struct bl_finding *x = a, *y = b;
	int c;

	if (x->file_index != y->file_index)
		return x->file_index < y->file_index ? -1 : 1;
	if (x->span.line != y->span.line)
		return x->span.line < y->span.line ? -1 : 1;
	if (x->span.col != y->span.col)
		return x->span.col < y->span.col ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	c = strcmp(x->message, y->message);
	return c;
}

static void log_backlog_findings(struct bl_engine *e);

/* Findings kept in memory before they go to a log of sorted runs: a file's
 * (a file of a million items may have millions), or a backlog rule's. */
#define SPILL_FINDINGS 4096
/* A backlog rule's: more, as each batch reads its files again for the
 * findings' lines. */
#define SPILL_BACKLOG 65536

/* Moves findings fd[0, *n), in their order, to a run of their own in l. */
static void
log_run(struct bl_flog *l, struct bl_finding *fd, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		bl_flog_put(l, &fd[i]);
		bl_finding_free(&fd[i]);
	}
	*n = 0;
	bl_flog_end_run(l);
}

/* Moves c's findings, sorted, to a run of c->spill. */
static void
spill(struct bl_checked *c)
{
	qsort(c->findings, c->nfindings, sizeof(*c->findings), cmp_finding);
	if (c->spill == NULL)
		c->spill = bl_flog_new(0);
	log_run(c->spill, c->findings, &c->nfindings);
}

static struct bl_finding *
add_finding(struct bl_ctx *ctx, size_t rule, const char *fmt, va_list ap)
{
	struct bl_engine *e = ctx->e;
	struct bl_finding **arr = ctx->out ? &ctx->out->findings : &e->findings;
	size_t *n = ctx->out ? &ctx->out->nfindings : &e->nfindings;
	size_t *cap = ctx->out ? &ctx->out->capfindings : &e->capfindings;
	struct bl_finding *fd;
	char small[512];
	va_list cp;
	int len;

	/* The findings made so far are whole: the caller fills each in
	 * before it makes the next. */
	if (ctx->out != NULL && ctx->out->nfindings >= e->spill_file)
		spill(ctx->out);
	else if (ctx->out == NULL && e->in_backlog_rule && e->nfindings >= e->spill_backlog)
		log_backlog_findings(e); /* a run of blog: runs are merged when read */
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*arr = bl_xrealloc(*arr, *cap * sizeof(**arr));
	}
	fd = &(*arr)[(*n)++];
	memset(fd, 0, sizeof(*fd));
	/* One formatting pass for a message that fits in small (most do). */
	va_copy(cp, ap);
	len = vsnprintf(small, sizeof(small), fmt, cp);
	va_end(cp);
	if (len >= 0 && (size_t)len < sizeof(small)) {
		fd->message = bl_xstrndup(small, (size_t)len);
	} else {
		struct bl_buf b = {0};

		bl_buf_vprintf(&b, fmt, ap);
		fd->message = b.s ? b.s : bl_xstrdup("");
	}
	/* Messages quote source text (ids, titles): no control characters or
	 * invalid UTF-8 may reach a reporter through them. */
	sanitise(fd->message, strlen(fd->message));
	fd->rule = rule;
	fd->severity = ctx->prof->sev[rule];
	return fd;
}

static struct bl_finding *add_finding_f(struct bl_ctx *ctx, size_t rule, const char *fmt, ...)
        BL_PRINTF(3, 4);

static struct bl_finding *
add_finding_f(struct bl_ctx *ctx, size_t rule, const char *fmt, ...)
{
	struct bl_finding *fd;
	va_list ap;

	va_start(ap, fmt);
	fd = add_finding(ctx, rule, fmt, ap);
	va_end(ap);
	return fd;
}

/* Keeps the part of fd's source line (in f) that its span shows. */
static void
set_line(const struct bl_file *f, struct bl_finding *fd)
{
	size_t len;
	const char *line = bl_file_line(f, fd->span.line, &len);

	line = line_window(line, len, fd->span.col, &len, &fd->line_off);
	fd->line = copy_line(line, len);
	if (fd->span.end_line > fd->span.line) {
		line = bl_file_line(f, fd->span.end_line, &len);
		fd->end_chars = bl_utf8_col(line, len, fd->span.end_col + 1);
	}
}

void
bl_report(struct bl_ctx *ctx, size_t rule, struct bl_span span, const char *fmt, ...)
{
	struct bl_finding *fd;
	va_list ap;

	if (rule >= ctx->e->nrules || ctx->prof->sev[rule] == BL_SEV_OFF || ctx->file == NULL)
		return;
	if (!reported(ctx->e, ctx->prof, rule, ctx->item != NULL ? ctx->state : ctx->file_state))
		return;
	va_start(ap, fmt);
	fd = add_finding(ctx, rule, fmt, ap);
	va_end(ap);
	fd->path = ctx->path;
	if (span.line == 0)
		span.line = span.end_line = span.col = span.end_col = 1;
	fd->span = span;
	if (ctx->item != NULL && ctx->item->id.s != NULL)
		fd->item_id = bl_xstrndup(ctx->item->id.s, ctx->item->id.len);
	set_line(ctx->file, fd);
}

void
bl_report_ref(struct bl_ctx *ctx, size_t rule, const struct bl_ref *ref, const char *item_id,
              const char *fmt, ...)
{
	struct bl_finding *fd;
	va_list ap;

	/* A backlog-wide finding takes the severity of the file it is in. */
	const struct bl_profile *p =
	        ctx->out != NULL ? ctx->prof : file_prof(ctx->e, ref->file_index);

	if (rule >= ctx->e->nrules || p->sev[rule] == BL_SEV_OFF)
		return;
	if (!p->include_done && !reported(ctx->e, p, rule, state_at(ctx, ref)))
		return;
	va_start(ap, fmt);
	fd = add_finding(ctx, rule, fmt, ap);
	va_end(ap);
	fd->severity = p->sev[rule];
	fd->path = ctx->out != NULL ? ctx->path : bl_engine_path(ctx->e, ref->file_index);
	fd->span = ref->span;
	fd->file_index = ref->file_index;
	fd->item_id = item_id ? bl_xstrdup(item_id) : NULL;
	if (ctx->file != NULL)
		set_line(ctx->file, fd);
	/* Otherwise fd->line is read by bl_engine_finish. */
}

const char *
bl_ctx_quote(struct bl_ctx *ctx, const char *s, size_t n, size_t max)
{
	struct bl_buf b = {0};
	const char *r;
	size_t i;
	bool space = false;

	for (i = 0; i < n && b.len < max; i++) {
		char c = s[i];

		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			space = true;
			continue;
		}
		if (space && b.len)
			bl_buf_putc(&b, ' ');
		space = false;
		bl_buf_putc(&b, c);
	}
	if (i < n) {
		/* Cut at a character boundary and mark the cut. */
		while (b.len && ((unsigned char)b.s[b.len - 1] & 0xc0) == 0x80)
			b.len--;
		if (b.len && (unsigned char)b.s[b.len - 1] >= 0xc0)
			b.len--;
		b.s[b.len] = '\0';
		bl_buf_puts(&b, "...");
	}
	if (b.s != NULL)
		sanitise(b.s, b.len);
	r = bl_arena_strdup(ctx->scratch, b.s ? b.s : "");
	bl_buf_free(&b);
	return r;
}

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

static void
summarise(struct bl_worker *w, struct bl_checked *c, const struct bl_file *f)
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

static void
keep_personas(struct bl_arena *a, struct bl_checked *c, const struct bl_file *f)
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

/* Whether rule is one of the directives' own, which directives cannot
 * silence. */
static bool
own_rule(const struct bl_engine *e, size_t rule)
{
	return (e->rules[rule].flags & BL_RULE_SELF) != 0;
}

/* Whether a directive of s (the directives of fd's file, or NULL) covers
 * fd; the directive is then used. */
static bool
suppressed(const struct bl_engine *e, struct bl_suppress *s, const struct bl_finding *fd)
{
	const char *id = e->rules[fd->rule].id;

	return s != NULL && !own_rule(e, fd->rule) && bl_suppress_match(s, fd->span.line, id);
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
	summarise(ctx->w, c, f);
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
		qsort(c->findings, c->nfindings, sizeof(*c->findings), cmp_finding);
	keep_personas(ctx->w->arena, c, f);
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

static void
hook_read(void *arg, struct bl_file *f)
{
	struct bl_load_hook *h = arg;

	if (h->st == NULL) {
		f->settings = h->team;
		h->st = bl_engine_stream_begin(h->w, f);
	}
	bl_engine_stream_items(h->st);
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
	struct bl_stream *st = h->st;

	h->st = NULL;
	if (st != NULL)
		return bl_engine_stream_end(st);
	f->settings = h->team;
	return bl_engine_check(h->w, f);
}

static void
set_file(struct bl_ref *r, size_t file_index)
{
	r->file_index = (uint32_t)file_index;
}

/* The runs of a spilled file being merged: a heap of run indices by their
 * current records (a tie goes to the earlier run, as the order they were
 * made in). */
struct merge {
	struct bl_flog_reader **r;
	const struct bl_finding **cur;
	size_t *heap, n;
};

static bool
merge_less(const struct merge *m, size_t a, size_t b)
{
	int c = cmp_finding(m->cur[a], m->cur[b]);

	return c < 0 || (c == 0 && a < b);
}

/* Moves heap entry k down to its place. */
static void
merge_down(struct merge *m, size_t k)
{
	for (;;) {
		size_t l = 2 * k + 1, best = k, t;

		if (l < m->n && merge_less(m, m->heap[l], m->heap[best]))
			best = l;
		if (l + 1 < m->n && merge_less(m, m->heap[l + 1], m->heap[best]))
			best = l + 1;
		if (best == k)
			return;
		t = m->heap[k];
		m->heap[k] = m->heap[best];
		m->heap[best] = t;
		k = best;
	}
}

/* Logs the findings of c, spilled runs and those in memory, merged in
 * order; c->findings is left empty. */
static void
add_spilled(struct bl_engine *e, struct bl_checked *c, size_t file_index)
{
	struct merge m;
	size_t nr, i;

	if (c->nfindings > 0)
		spill(c);
	nr = bl_flog_runs(c->spill);
	m.r = bl_xcalloc(nr ? nr : 1, sizeof(*m.r));
	m.cur = bl_xcalloc(nr ? nr : 1, sizeof(*m.cur));
	m.heap = bl_xcalloc(nr ? nr : 1, sizeof(*m.heap));
	m.n = 0;
	for (i = 0; i < nr; i++) {
		m.r[i] = bl_flog_reader(c->spill, i);
		if ((m.cur[i] = bl_flog_read(m.r[i])) != NULL)
			m.heap[m.n++] = i;
	}
	for (i = m.n; i-- > 0;)
		merge_down(&m, i);
	while (m.n > 0) {
		size_t top = m.heap[0];
		struct bl_finding fd = *m.cur[top];

		fd.file_index = file_index;
		if (!suppressed(e, c->sup, &fd))
			bl_flog_put(e->log, &fd);
		if ((m.cur[top] = bl_flog_read(m.r[top])) == NULL)
			m.heap[0] = m.heap[--m.n];
		merge_down(&m, 0);
	}
	for (i = 0; i < nr; i++)
		bl_flog_reader_free(m.r[i]);
	free(m.r);
	free(m.cur);
	free(m.heap);
	if (bl_flog_error(c->spill) != NULL && e->spill_error == NULL)
		e->spill_error = bl_flog_error(c->spill);
	bl_flog_free(c->spill);
	c->spill = NULL;
}

void
bl_engine_add(struct bl_engine *e, struct bl_checked *c)
{
	size_t file_index = e->nfiles++, i, j;

	if (file_index == e->cappaths) {
		e->cappaths = e->cappaths ? e->cappaths * 2 : 64;
		e->paths = bl_xrealloc(e->paths, e->cappaths * sizeof(*e->paths));
	}
	e->paths[file_index] = c->path;
	if (file_index >= e->capfile_prof) {
		size_t old = e->capfile_prof;

		e->capfile_prof = e->cappaths;
		e->file_prof = bl_xrealloc(e->file_prof, e->capfile_prof * sizeof(*e->file_prof));
		memset(e->file_prof + old, 0, (e->capfile_prof - old) * sizeof(*e->file_prof));
	}
	e->file_prof[file_index] = c->prof;
	((struct bl_profile *)c->prof)->used = true;

	if (c->spill != NULL)
		add_spilled(e, c, file_index);
	for (i = 0; i < c->nfindings; i++) {
		struct bl_finding *fd = &c->findings[i];

		fd->file_index = file_index;
		if (!suppressed(e, c->sup, fd))
			bl_flog_put(e->log, fd);
	}
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
	if (c->sup != NULL) {
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

/* Drops the backlog-wide findings a directive of their file covers. */
static void
apply_directives(struct bl_engine *e)
{
	size_t i, n = 0;

	for (i = 0; i < e->nfindings; i++) {
		struct bl_finding *fd = &e->findings[i];

		if (suppressed(e, e->nsups ? sup_of(e, fd->file_index) : NULL, fd)) {
			bl_finding_free(fd);
			continue;
		}
		if (n != i)
			e->findings[n] = *fd;
		n++;
	}
	e->nfindings = n;
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
		const struct bl_profile *p = file_prof(e, e->sups[i].file_index);

		if (p->sev[rule] == BL_SEV_OFF)
			continue;
		for (j = 0; j < s->nnames; j++) {
			const struct bl_sup_name *n = &s->names[j];
			const char *verb = bl_sup_kind_name(n->kind);
			struct bl_ctx ctx;
			struct bl_finding *fd;
			struct bl_buf where = {0};
			const char *line = bl_sup_str(s, n->line);
			size_t len;

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
				fd = add_finding_f(&ctx, rule,
				                   "%s suppresses nothing: there is no finding "
				                   "%s; remove the directive",
				                   verb, where.s);
			else
				fd = add_finding_f(&ctx, rule,
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
			line = line_window(line, strlen(line), n->span.col, &len, &fd->line_off);
			fd->line = copy_line(line, len);
		}
	}
}

void
bl_engine_source(struct bl_engine *e, const char *path, const char *s, size_t n)
{
	e->srcs = bl_xrealloc(e->srcs, (e->nsrcs + 1) * sizeof(*e->srcs));
	e->srcs[e->nsrcs].path = path;
	e->srcs[e->nsrcs].s = s;
	e->srcs[e->nsrcs++].n = n;
}

/* The text of the file at path: given by bl_engine_source, else read into
 * b; NULL when it cannot be read. */
static const char *
source_text(const struct bl_engine *e, const char *path, struct bl_buf *b, size_t *n)
{
	size_t i;
	FILE *fp;
	bool ok;

	for (i = e->nsrcs; i-- > 0;)
		if (strcmp(e->srcs[i].path, path) == 0) {
			*n = e->srcs[i].n;
			return e->srcs[i].s;
		}
	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	b->len = 0;
	ok = bl_buf_read(b, fp);
	fclose(fp);
	*n = b->len;
	return ok ? (b->s ? b->s : "") : NULL;
}

/*
 * Gives each backlog-wide finding the part of its source line to show,
 * reading each file again once: summaries keep no source text. The
 * findings must be sorted. A file that changed since it was linted shows
 * its new line; one that cannot be read shows none.
 */
/* Moves *at (the start of line *line of text[0, n)) on to the start of
 * line want, or to the end; returns that line's length without its line
 * break, 0 when the text has fewer lines. */
static size_t
walk_to_line(const char *text, size_t n, size_t *at, uint32_t *line, uint32_t want)
{
	size_t end;

	for (; *line < want && *at < n; (*line)++) {
		const char *nl = memchr(text + *at, '\n', n - *at);

		*at = nl ? (size_t)(nl - text) + 1 : n;
	}
	if (*line != want)
		return 0;
	for (end = *at; end < n && text[end] != '\n'; end++)
		;
	if (end > *at && text[end - 1] == '\r')
		end--;
	return end - *at;
}

static void
read_lines(struct bl_engine *e)
{
	struct bl_buf b = {0};
	size_t i = 0, j, n = 0;
	const char *text = NULL;

	while (i < e->nfindings) {
		const char *path = e->findings[i].path;
		size_t file = e->findings[i].file_index, at = 0;
		uint32_t line = 1;
		bool read = false;

		for (j = i; j < e->nfindings && e->findings[j].file_index == file; j++) {
			struct bl_finding *fd = &e->findings[j];
			const char *s;
			size_t len, end_at;
			uint32_t end_line;

			if (fd->line != NULL)
				continue;
			if (!read) {
				text = path != NULL ? source_text(e, path, &b, &n) : NULL;
				read = true;
			}
			if (text == NULL) {
				fd->line = bl_xstrdup("");
				continue;
			}
			len = walk_to_line(text, n, &at, &line, fd->span.line);
			s = line_window(text + at, len, fd->span.col, &len, &fd->line_off);
			fd->line = copy_line(s, len);
			/* As set_line() does for a file at hand. */
			if (fd->span.end_line > fd->span.line) {
				end_at = at;
				end_line = line;
				len = walk_to_line(text, n, &end_at, &end_line, fd->span.end_line);
				fd->end_chars =
				        bl_utf8_col(text + end_at, len, fd->span.end_col + 1);
			}
		}
		i = j;
	}
	bl_buf_free(&b);
}

/* Sorts a backlog rule's findings, gives them their lines, drops those a
 * directive covers and moves the rest to a run of their own in blog. */
static void
log_backlog_findings(struct bl_engine *e)
{
	if (e->nfindings > 1)
		qsort(e->findings, e->nfindings, sizeof(*e->findings), cmp_finding);
	read_lines(e);
	if (e->nsups > 0)
		apply_directives(e);
	log_run(e->blog, e->findings, &e->nfindings);
}

/* The profile backlog-wide rules run with: the one the run named, else
 * the one every file was checked with when they share one, else the
 * first. */
static const struct bl_profile *
backlog_profile(const struct bl_engine *e)
{
	size_t i;

	if (e->backlog_prof != NULL)
		return e->backlog_prof;
	for (i = 1; i < e->nfiles; i++)
		if (file_prof(e, i) != file_prof(e, 0))
			return e->profiles[0];
	return file_prof(e, 0);
}

/* Whether rule r is on for some file, or for the backlog pass itself
 * (profile bp). */
static bool
on_anywhere(const struct bl_engine *e, const struct bl_profile *bp, size_t r)
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

void
bl_engine_finish(struct bl_engine *e)
{
	struct bl_ctx ctx;
	struct bl_backlog bl;
	size_t r;

	memset(&ctx, 0, sizeof(ctx));
	ctx.e = e;
	ctx.prof = backlog_profile(e);
	ctx.w = e->workers;
	bl.items = e->items;
	bl.nitems = e->nitems;
	bl.personas = e->personas;
	bl.npersonas = e->npersonas;
	bl.teams = NULL;
	bl.nteams = 0;
	for (r = 0; r < e->nitems; r++) {
		size_t k = 0;

		while (k < bl.nteams && bl.teams[k] != e->items[r].team)
			k++;
		if (e->items[r].team != NULL && k == bl.nteams) {
			bl.teams = bl_xrealloc(bl.teams, (bl.nteams + 1) * sizeof(*bl.teams));
			bl.teams[bl.nteams++] = e->items[r].team;
		}
	}
	for (r = 0; r < e->nrules; r++) {
		if (!on_anywhere(e, ctx.prof, r) || e->rules[r].scope != BL_SCOPE_BACKLOG ||
		    e->rules[r].check_backlog == NULL)
			continue;
		ctx.rule = r;
		/* Each rule's scratch and findings go when it is done: the pass
		 * needs the most one rule needs, not the sum. */
		ctx.scratch = bl_arena_new();
		e->in_backlog_rule = true;
		e->rules[r].check_backlog(&ctx, &bl);
		e->in_backlog_rule = false;
		bl_arena_free(ctx.scratch);
		log_backlog_findings(e);
	}
	free(bl.teams);
	if (e->nsups > 0) {
		if (e->report_unused)
			report_unused(e);
		free_sups(e);
	}
	if (e->nfindings > 1)
		qsort(e->findings, e->nfindings, sizeof(*e->findings), cmp_finding);
}

void
bl_engine_set_spill(struct bl_engine *e, size_t file, size_t backlog)
{
	e->spill_file = file ? file : SPILL_FINDINGS;
	e->spill_backlog = backlog ? backlog : SPILL_BACKLOG;
}

size_t
bl_engine_nfindings(const struct bl_engine *e)
{
	return bl_flog_count(e->log) + bl_flog_count(e->blog) + e->nfindings;
}

const char *
bl_engine_error(const struct bl_engine *e)
{
	if (bl_flog_error(e->log) != NULL)
		return bl_flog_error(e->log);
	return bl_flog_error(e->blog) ? bl_flog_error(e->blog) : e->spill_error;
}

void
bl_engine_rewind(struct bl_engine *e)
{
	size_t i;

	free_heads(e);
	e->nheads = 1 + bl_flog_runs(e->blog);
	e->heads = bl_xcalloc(e->nheads, sizeof(*e->heads));
	for (i = 0; i < e->nheads; i++) {
		e->heads[i].r = i == 0 ? bl_flog_reader(e->log, 0) : bl_flog_reader(e->blog, i - 1);
		e->heads[i].cur = bl_flog_read(e->heads[i].r);
	}
	e->taken = -1;
	e->bi = 0;
}

const struct bl_finding *
bl_engine_next(struct bl_engine *e)
{
	const struct bl_finding *best = NULL;
	size_t i;
	int at = -1;

	if (e->taken >= 0)
		e->heads[e->taken].cur = bl_flog_read(e->heads[e->taken].r);
	e->taken = -1;
	/* On a tie the source first in this order wins: the files' findings,
	 * then each backlog rule's, then the directives': the order they
	 * were reported in. */
	for (i = 0; i < e->nheads; i++)
		if (e->heads[i].cur != NULL &&
		    (best == NULL || cmp_finding(e->heads[i].cur, best) < 0)) {
			best = e->heads[i].cur;
			at = (int)i;
		}
	if (e->bi < e->nfindings && (best == NULL || cmp_finding(&e->findings[e->bi], best) < 0))
		return &e->findings[e->bi++];
	e->taken = at;
	return best;
}

const struct bl_finding *
bl_engine_findings(struct bl_engine *e, size_t *n)
{
	const struct bl_finding *fd;
	size_t i;

	for (i = 0; i < e->nall; i++)
		bl_finding_free(&e->all[i]);
	e->nall = 0;
	e->all = bl_xrealloc(e->all, (bl_engine_nfindings(e) + 1) * sizeof(*e->all));
	bl_engine_rewind(e);
	while ((fd = bl_engine_next(e)) != NULL) {
		bl_finding_copy(&e->all[e->nall++], fd);
	}
	*n = e->nall;
	return e->all;
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

const char *
bl_engine_option(const struct bl_engine *e, size_t opt)
{
	return opt < e->reg->noptions ? e->cur->optval[opt] : "";
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

void
bl_engine_set_types(struct bl_engine *e, size_t rule, unsigned types)
{
	if (rule < e->nrules)
		e->cur->types[rule] = types;
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
