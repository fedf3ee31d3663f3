/*
 * Private interface between the engine's parts: its structs, and what
 * each part (lib/engine_NAME.c) lends the others. engine.c runs the rules
 * (engine and workers, the dispatch over a file and its items);
 * engine_pass.c the backlog-wide ones; engine_profile.c keeps what
 * configuration decides of them; engine_summary.c what an item leaves for
 * the backlog pass; engine_findings.c makes, stores and orders the
 * findings; engine_excerpt.c gives them their source lines; engine_sup.c
 * applies the suppression directives to them.
 */
#ifndef BL_ENGINE_INT_H
#define BL_ENGINE_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "flog.h"
#include "suppress.h"

/* What a configuration decides of the rules: each one's severity (off:
 * not run) and item types, the options, the word lists, whether done
 * work is reported. Profile 0 holds the built-in defaults until a run
 * configures it. */
struct bl_profile {
	enum bl_severity *sev;
	unsigned *types; /* item types each rule checks */
	char **optval;   /* option values, as text */
	long *optint;    /* and parsed, for BL_OPT_INT */
	/* And tokenised, for BL_OPT_STRING: once per profile, not per item
	 * that reads them (bl_ctx_opt_tokens). */
	struct bl_tokens *opttok;
	struct bl_wordset **words;
	bool include_done; /* report on done and archived work too */
	bool used;         /* some file was checked with it */
	size_t index;      /* in the engine's profiles */
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
	/* A file's spilled findings were lost (spill(), engine_findings.c). */
	const char *spill_error;
	size_t spill_file, spill_backlog; /* SPILL_FINDINGS, SPILL_BACKLOG, or the tests' */
	size_t threads;                   /* the backlog pass's (bl_engine_set_threads) */
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
	/* The texts of the cache that were tokenised (not views of others),
	 * in order: a part of one is read from its tokens. */
	struct tok_slot *whole;
	size_t nwhole, capwhole;
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
	 * runs (see spill() in engine_findings.c), or NULL. */
	struct bl_flog *spill;
};

/* A backlog rule's run in the backlog pass (lib/engine_pass.c): its
 * findings in memory, then in sorted runs with their lines. */
struct bl_pass {
	size_t rule;
	struct bl_finding *findings;
	size_t nfindings, capfindings;
	struct bl_flog *runs; /* NULL until the first batch */
	bool done;            /* the rule has run (under the pass's lock) */
};

struct bl_ctx {
	struct bl_engine *e;
	const struct bl_profile *prof; /* what the rules run with */
	struct bl_worker *w;
	struct bl_checked *out; /* NULL in the backlog pass */
	struct bl_pass *pass;   /* the backlog rule's findings, or NULL: they go to e */
	const struct bl_file *file;
	const struct bl_item *item;
	const char *path;
	size_t rule;
	struct bl_arena *scratch;
	struct bl_suppress *sup;              /* the current file's directives, or NULL */
	enum bl_item_state state, file_state; /* of the item, and of the file by its path */
};

/* engine_profile.c */

/* Frees profile p of e. */
void bl_profile_free(const struct bl_engine *e, struct bl_profile *p);
/* The profile file i was checked with. */
const struct bl_profile *bl_profile_of_file(const struct bl_engine *e, size_t i);
/* Records that file file_index is checked with profile p. */
void bl_profile_set_file(struct bl_engine *e, size_t file_index, const struct bl_profile *p);
/* Whether a finding of rule on work in state st is kept, under profile p. */
bool bl_profile_reports(const struct bl_engine *e, const struct bl_profile *p, size_t rule,
                        enum bl_item_state st);
/* The profile backlog-wide rules run with: the one the run named, else
 * the one every file was checked with when they share one, else the
 * first. */
const struct bl_profile *bl_profile_backlog(const struct bl_engine *e);
/* Whether rule r is on for some file, or for the backlog pass itself
 * (profile bp). */
bool bl_profile_rule_on_anywhere(const struct bl_engine *e, const struct bl_profile *bp, size_t r);

/* engine_summary.c */

/* Records the summaries of f's items (those it holds now) in c, after
 * c->nitems, in w's arena. */
void bl_summarise(struct bl_worker *w, struct bl_checked *c, const struct bl_file *f);
/* Records the personas f declares in c, in arena a. */
void bl_summarise_personas(struct bl_arena *a, struct bl_checked *c, const struct bl_file *f);
/* Moves c's summaries and personas to e, as those of file file_index. */
void bl_summaries_add(struct bl_engine *e, struct bl_checked *c, size_t file_index);
/* The state of the item at ref, in the file being checked (ctx->out) or
 * in the backlog. */
enum bl_item_state bl_summary_state_at(struct bl_ctx *ctx, const struct bl_ref *ref);
/* The backlog the backlog-wide rules read: e's items and personas, and
 * their teams (freed by bl_backlog_release). */
void bl_backlog_view(const struct bl_engine *e, struct bl_backlog *bl);
void bl_backlog_release(struct bl_backlog *bl);

/* engine_pass.c */

/* Runs the backlog-wide rules (each on a thread of its own while e has
 * workers to spare) and logs their findings in rule order. */
void bl_backlog_pass(struct bl_engine *e);

/* engine_findings.c */

/* Orders findings: file, line, column, rule, message. */
int bl_finding_cmp(const void *a, const void *b);
/* A new finding of rule with message fmt, in the file's findings (ctx->out)
 * or the engine's; the caller fills in where it is. */
struct bl_finding *bl_finding_add(struct bl_ctx *ctx, size_t rule, const char *fmt, va_list ap)
        BL_PRINTF(3, 0);
struct bl_finding *bl_finding_addf(struct bl_ctx *ctx, size_t rule, const char *fmt, ...)
        BL_PRINTF(3, 4);
/* Logs c's findings, as those of file file_index, less those its
 * directives cover; c keeps none. */
void bl_findings_add(struct bl_engine *e, struct bl_checked *c, size_t file_index);
/* Sorts the findings a backlog rule holds in p, gives them their lines and
 * moves them to a run of p's own (safe beside other rules' passes). */
void bl_findings_log_pass(const struct bl_engine *e, struct bl_pass *p);
/* Moves p's runs, in order, to runs of e's backlog log, less the findings
 * a directive covers. */
void bl_findings_take_pass(struct bl_engine *e, struct bl_pass *p);
/* Sorts the findings e holds in memory (the directives' own). */
void bl_findings_sort(struct bl_engine *e);
/* Frees every finding of e, and its log. */
void bl_findings_free(struct bl_engine *e);

/* engine_excerpt.c */

/* Shows bytes of s[0, n) that are not valid UTF-8 (or are control
 * characters) as '?'; the offsets stay. */
void bl_excerpt_sanitise(char *s, size_t n);
/* Keeps in fd the part of line s[0, n) that shows its column. */
void bl_excerpt_line(struct bl_finding *fd, const char *s, size_t n);
/* Keeps the part of fd's source line (in f) that its span shows. */
void bl_excerpt_set_line(const struct bl_file *f, struct bl_finding *fd);
/* Gives each of e's findings without a line (backlog-wide) the part of
 * its source line to show, reading each file again once. */
void bl_excerpt_read_lines(const struct bl_engine *e, struct bl_finding *fd, size_t n);

/* engine_sup.c */

/* Whether a directive of s (the directives of fd's file, or NULL) covers
 * fd; the directive is then used. */
bool bl_directives_cover(const struct bl_engine *e, struct bl_suppress *s,
                         const struct bl_finding *fd);
/* Whether a directive of its file covers backlog-wide finding fd. */
bool bl_directives_cover_backlog(const struct bl_engine *e, const struct bl_finding *fd);
/* Keeps c's directives, as those of file file_index. */
void bl_directives_add(struct bl_engine *e, struct bl_checked *c, size_t file_index);
/* Once the backlog rules ran: reports the directives that suppressed
 * nothing, when asked to, and frees them all. */
void bl_directives_finish(struct bl_engine *e);
void bl_directives_free(struct bl_engine *e);

#endif
