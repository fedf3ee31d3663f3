/*
 * The queue of a run's files and the threads of -j: files are checked as
 * the walk finds them, by the workers and the main thread alike, and
 * taken into the backlog in the order found, so that the output does not
 * depend on -j.
 */
#include "run_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "walk.h"

/* --parse-only: a YAML backlog's items are dropped as they are read, as
 * when they are checked, but not checked. */
static void
drop_items(void *arg, struct bl_file *f)
{
	(void)arg;
	(void)f;
}

/* Loads job j with the run's options and, unless only parsing or dumping,
 * runs the rules over it with worker w. Safe to call from any thread: it
 * changes nothing but j and w. A YAML backlog is checked as it is read,
 * and its items dropped once checked (the model is dumped whole). */
static void
check_job(const struct run *r, struct bl_worker *w, struct job *j)
{
	struct bl_load_opts o = r->lopts;
	struct bl_load_hook h = {w, j->team, NULL};
	char err[256];
	struct bl_file *f;

	if (j->skipped != NULL)
		return; /* left out by the walk */
	bl_engine_worker_profile(w, j->prof);
	o.sections = bl_config_sections(j->cfg, &o.nsections);
	o.explicit_file = j->explicit_file;
	o.personas_only = (j->walk_flags & BL_WALK_DOCS) != 0;
	o.prose = (j->walk_flags & BL_WALK_PROSE) != 0;
	if (r->parse_only)
		o.items_read = drop_items;
	else if (!r->dump_model)
		bl_engine_hook(&h, &o, w, j->team);
	f = j->data != NULL ? bl_load_buffer(j->path, j->data, j->len, &o)
	                    : bl_load_path(j->path, &o, err, sizeof(err));
	if (f == NULL) {
		j->err = bl_xstrdup(err);
		return;
	}
	if (!f->is_backlog) {
		j->skipped = f->skip_reason ? f->skip_reason : "not a backlog";
		if (h.st != NULL)
			bl_checked_free(bl_engine_hook_end(&h, f));
		bl_file_free(f);
		return;
	}
	f->settings = j->team;
	if (r->parse_only) {
		/* --parse-only: the loader's cost alone, the floor of a lint. */
	} else if (r->dump_model) {
		j->f = f;
		return;
	} else {
		j->checked = bl_engine_hook_end(&h, f);
	}
	bl_file_free(f);
}

/* Takes a checked file's results into the backlog (in the order files were
 * found, so the output does not depend on -j). */
/* A finished job's path is not needed again: a large backlog has many. */
static void
done_path(struct job *j)
{
	free(j->path);
	j->path = NULL;
}

static void
finish_job(struct run *r, struct job *j)
{
	struct bl_file *f = j->f;
	size_t i;

	if (j->err != NULL) {
		bl_run_io_err(r, j->path, j->err);
		free(j->err);
		j->err = NULL;
		done_path(j);
		return;
	}
	if (j->skipped != NULL) {
		if (r->verbose)
			fprintf(stderr, "backlint: %s: skipped: %s\n", j->path, j->skipped);
		done_path(j);
		return;
	}
	r->linted++;
	if (f != NULL) {
		bl_dump_personas(stdout, f);
		for (i = 0; i < f->nitems; i++)
			bl_dump_item(stdout, f, &f->items[i]);
		for (i = 0; i < f->ndiags; i++)
			fprintf(stderr, "%s:%u:%u: %s\n", j->path, f->diags[i].span.line,
			        f->diags[i].span.col, f->diags[i].message);
		bl_file_free(f);
		j->f = NULL;
	}
	if (j->checked != NULL) {
		bl_engine_add(r->engine, j->checked);
		j->checked = NULL;
	}
	done_path(j);
}

/* The worker pool of -j: workers load and check the queued files; the
 * main thread walks, queues and takes the results in order. */
struct pool {
	struct run *r;
	size_t next; /* the next job to check */
	bool closed; /* the walk is over: no job will be queued */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t *t;
	size_t nt;
	struct pool_worker {
		struct pool *p;
		struct bl_worker *w;
	} * pw;
};

static void *
worker(void *arg)
{
	struct pool_worker *pw = arg;
	struct pool *p = pw->p;
	struct run *r = p->r;

	/* A file's arenas' chunks go to the worker's next file. */
	bl_arena_keep_chunks(true);
	for (;;) {
		struct job *j;

		pthread_mutex_lock(&p->mu);
		while (p->next == r->tail && !p->closed)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->next == r->tail) {
			pthread_mutex_unlock(&p->mu);
			bl_arena_keep_chunks(false);
			return NULL;
		}
		j = &r->jobs[p->next++ % r->cap];
		pthread_mutex_unlock(&p->mu);
		check_job(r, pw->w, j);
		pthread_mutex_lock(&p->mu);
		j->done = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
}

/* Makes the queue, and n - 1 threads to check files beside the main thread
 * (none for n <= 1, or when no thread can be had: files are then checked
 * as they are queued). Called once the engine is set up: it must not
 * change while files are checked. */
void
bl_run_start_jobs(struct run *r, size_t n)
{
	struct pool *p;
	size_t i;

	r->cap = 1;
	/* The main thread checks files too (while it waits for one): n - 1
	 * threads more. Workers are made here, before any thread runs. */
	r->worker = bl_engine_worker(r->engine);
	if (n > 1) {
		p = bl_xcalloc(1, sizeof(*p));
		p->r = r;
		pthread_mutex_init(&p->mu, NULL);
		pthread_cond_init(&p->cv, NULL);
		p->t = bl_xcalloc(n - 1, sizeof(*p->t));
		p->pw = bl_xcalloc(n - 1, sizeof(*p->pw));
		for (i = 0; i + 1 < n; i++) {
			p->pw[i].p = p;
			p->pw[i].w = bl_engine_worker(r->engine);
		}
		for (i = 0; i + 1 < n; i++)
			if (pthread_create(&p->t[p->nt], NULL, worker, &p->pw[i]) == 0)
				p->nt++;
		if (p->nt > 0) {
			r->pool = p;
			/* Files checked ahead of the one the main thread waits
			 * for: with 32 a thread (their results are small), the
			 * main thread mostly finds a file of its own to check
			 * instead of waiting (4 a thread: -j 2 was 1.63x -j 1 at
			 * 100k items, 1.72x with 32). */
			r->cap = 32 * n;
		} else {
			pthread_cond_destroy(&p->cv);
			pthread_mutex_destroy(&p->mu);
			free(p->t);
			free(p->pw);
			free(p);
		}
	}
	r->jobs = bl_xcalloc(r->cap, sizeof(*r->jobs));
}

/* Hands the job at the tail to the threads. */
static void
pool_push(struct run *r)
{
	pthread_mutex_lock(&r->pool->mu);
	r->tail++;
	pthread_cond_broadcast(&r->pool->cv);
	pthread_mutex_unlock(&r->pool->mu);
}

/* Takes in the oldest queued job once it is checked. */
static void
finish_head(struct run *r)
{
	struct job *j = &r->jobs[r->head % r->cap];
	struct pool *p = r->pool;

	if (p != NULL) {
		pthread_mutex_lock(&p->mu);
		while (!j->done) {
			struct job *k;

			if (p->next == r->tail) {
				pthread_cond_wait(&p->cv, &p->mu);
				continue;
			}
			/* A file no thread has taken: check it here. */
			k = &r->jobs[p->next++ % r->cap];
			pthread_mutex_unlock(&p->mu);
			check_job(r, r->worker, k);
			pthread_mutex_lock(&p->mu);
			k->done = true;
			pthread_cond_broadcast(&p->cv);
		}
		pthread_mutex_unlock(&p->mu);
	}
	finish_job(r, j);
	if (p != NULL)
		pthread_mutex_lock(&p->mu);
	r->head++;
	if (p != NULL) {
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
}

/* Takes in every queued job, stops the threads and frees the queue. */
void
bl_run_end_jobs(struct run *r)
{
	struct pool *p = r->pool;
	size_t i;

	if (p != NULL) {
		pthread_mutex_lock(&p->mu);
		p->closed = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	while (r->head < r->tail)
		finish_head(r);
	if (p != NULL) {
		for (i = 0; i < p->nt; i++)
			pthread_join(p->t[i], NULL);
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		free(p->t);
		free(p->pw);
		free(p);
		r->pool = NULL;
	}
	free(r->jobs);
	r->jobs = NULL;
}

/* The next job of the queue, for path, made room for and emptied. */
struct job *
bl_run_new_job(struct run *r, const char *path)
{
	struct job *j;

	if (r->tail - r->head == r->cap)
		finish_head(r);
	j = &r->jobs[r->tail % r->cap];
	memset(j, 0, sizeof(*j));
	j->path = bl_xstrdup(path);
	return j;
}

/* Queues the job bl_run_new_job() made: checked now, without threads. */
void
bl_run_queue_job(struct run *r)
{
	if (r->pool == NULL) {
		r->tail++;
		check_job(r, r->worker, &r->jobs[(r->tail - 1) % r->cap]);
		finish_head(r);
		return;
	}
	pool_push(r);
}
