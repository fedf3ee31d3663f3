/*
 * The backlog pass: the backlog-wide rules, run once every file is
 * checked, over the summaries the files left. The rules are independent
 * of one another, so with more than one worker they run side by side,
 * each rule on one thread with a worker of its own. Each rule's findings
 * go to a log of its own in sorted batches (bl_findings_log_pass), which
 * the engine's log takes in rule order as soon as the rules before it are
 * taken: the same runs in the same order whatever the number of threads,
 * and no more rules' logs held at once than threads run them.
 */
#include "engine_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

void
bl_engine_set_threads(struct bl_engine *e, size_t n)
{
	e->threads = n;
}

struct pass_state {
	struct bl_engine *e;
	const struct bl_profile *prof;
	const struct bl_backlog *bl;
	struct bl_pass *passes; /* one a backlog rule to run, in rule order */
	size_t npasses, next;   /* next: the first no thread has started */
	size_t taken;           /* the first not yet in the engine's log */
	pthread_mutex_t lock;
};

/* Pass i is done: takes it, and those after it that are done, into the
 * engine's log, unless one before it still runs (its thread will). */
static void
pass_done(struct pass_state *ps, size_t i)
{
	pthread_mutex_lock(&ps->lock);
	ps->passes[i].done = true;
	while (ps->taken < ps->npasses && ps->passes[ps->taken].done)
		bl_findings_take_pass(ps->e, &ps->passes[ps->taken++]);
	pthread_mutex_unlock(&ps->lock);
}

static void
run_pass(struct pass_state *ps, struct bl_worker *w, struct bl_pass *p)
{
	struct bl_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.e = ps->e;
	ctx.prof = ps->prof;
	ctx.w = w;
	ctx.rule = p->rule;
	ctx.pass = p;
	/* Each rule's scratch goes when it is done: the pass needs the most
	 * one rule (a thread) needs, not the sum. */
	ctx.scratch = bl_arena_new();
	ps->e->rules[p->rule].check_backlog(&ctx, ps->bl);
	bl_arena_free(ctx.scratch);
	bl_findings_log_pass(ps->e, p);
}

/* A thread of the pass, and the worker it checks with. */
struct pass_thread {
	struct pass_state *ps;
	struct bl_worker *w;
	pthread_t t;
};

/* Runs the rules not yet taken, one after another, on thread arg. */
static void *
pass_thread(void *arg)
{
	struct pass_thread *pt = arg;
	struct pass_state *ps = pt->ps;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&ps->lock);
		i = ps->next++;
		pthread_mutex_unlock(&ps->lock);
		if (i >= ps->npasses)
			return NULL;
		run_pass(ps, pt->w, &ps->passes[i]);
		pass_done(ps, i);
	}
}

/* The backlog rules to run with profile prof, in rule order. */
static size_t
list_passes(const struct bl_engine *e, const struct bl_profile *prof, struct bl_pass **out)
{
	size_t r, n = 0;

	*out = bl_xcalloc(e->nrules ? e->nrules : 1, sizeof(**out));
	for (r = 0; r < e->nrules; r++)
		if (bl_profile_rule_on_anywhere(e, prof, r) &&
		    e->rules[r].scope == BL_SCOPE_BACKLOG && e->rules[r].check_backlog != NULL)
			(*out)[n++].rule = r;
	return n;
}

void
bl_backlog_pass(struct bl_engine *e)
{
	struct pass_state ps = {0};
	struct pass_thread *pt;
	struct bl_backlog bl;
	struct bl_worker *w;
	size_t i, nthreads = 1, started;

	ps.e = e;
	ps.prof = bl_profile_backlog(e);
	ps.bl = &bl;
	ps.npasses = list_passes(e, ps.prof, &ps.passes);
	pthread_mutex_init(&ps.lock, NULL);
	bl_backlog_view(e, &bl);
	/* This thread and others, each with a worker of its own: no more
	 * than the run allows, nor than there are rules. */
	for (w = e->workers->next; w != NULL && nthreads < e->threads && nthreads < ps.npasses;
	     w = w->next)
		nthreads++;
	pt = bl_xcalloc(nthreads, sizeof(*pt));
	for (w = e->workers, i = 0; i < nthreads; w = w->next, i++) {
		pt[i].ps = &ps;
		pt[i].w = w;
	}
	for (started = 1; started < nthreads; started++)
		if (pthread_create(&pt[started].t, NULL, pass_thread, &pt[started]) != 0)
			break; /* no thread: the rest run here */
	pass_thread(&pt[0]);
	for (i = 1; i < started; i++)
		pthread_join(pt[i].t, NULL);
	free(pt);
	free(ps.passes);
	pthread_mutex_destroy(&ps.lock);
	bl_backlog_release(&bl);
}
