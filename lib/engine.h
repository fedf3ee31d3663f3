/*
 * The rule engine: runs a registry of rule descriptors over loaded files
 * (per-file and per-item checks while the file is alive) and then over the
 * backlog-wide summaries (cross-item checks), collecting findings that it
 * sorts deterministically. Rules never print: they call bl_report().
 */
#ifndef BL_ENGINE_H
#define BL_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "finding.h"
#include "load.h"
#include "model.h"
#include "util.h"
#include "words.h"

struct bl_ctx;
struct bl_backlog;

enum bl_scope { BL_SCOPE_FILE, BL_SCOPE_ITEM, BL_SCOPE_BACKLOG };

/* A rule descriptor: one row of the registry. */
struct bl_rule {
	const char *id;            /* "family/name", stable */
	enum bl_severity severity; /* default */
	unsigned types;            /* BL_TYPE_BIT()s the rule applies to (item rules) */
	const char *summary;       /* one line */
	enum bl_scope scope;
	void (*check_file)(struct bl_ctx *, const struct bl_file *);
	void (*check_item)(struct bl_ctx *, const struct bl_item *);
	void (*check_backlog)(struct bl_ctx *, const struct bl_backlog *);
	const void *data; /* for the check (custom rules), or NULL */
	/* The file part of an item rule that keeps values (bl_ctx_keep):
	 * reads the summaries of a file's items once every item of the file
	 * is checked, and reports with bl_report_ref. For what an item's
	 * check cannot know alone (what the file's other items hold). */
	void (*check_file_kept)(struct bl_ctx *, const struct bl_backlog *);
	/* The INVEST quality a finding of the rule says the item lacks: 'I',
	 * 'N', 'V', 'E', 'S' or 'T' (the HTML report's scorecard), or 0 when
	 * the rule speaks for none. */
	char invest;
	unsigned flags; /* BL_RULE_SELF, ... */
	/* The 64-bit words the rule keeps with each item's summary while
	 * the item's file is loaded (bl_ctx_keep), for its check_backlog or
	 * check_file_kept; 0 for none. */
	unsigned nkept;
};

/* What the engine and the reports know of a rule beyond its checks
 * (struct bl_rule.flags). */
enum {
	/* About the suppression directives themselves: no directive silences
	 * its findings. */
	BL_RULE_SELF = 1u << 0,
	/* The rule of the directives that suppressed nothing
	 * (bl_engine_report_unused_disables). */
	BL_RULE_UNUSED_DISABLE = 1u << 1,
	/* A file that did not parse, or not all of it: reports count them. */
	BL_RULE_PARSE = 1u << 2,
	/* A dependency that does not hold (an unknown item, a cycle): the
	 * HTML report lists them. */
	BL_RULE_DEPENDENCY = 1u << 3,
	/* Two names of one persona: the HTML report lists them. */
	BL_RULE_PERSONA_VARIANT = 1u << 4,
	/* A role that names no declared persona: the HTML report marks the
	 * item. */
	BL_RULE_PERSONA_UNKNOWN = 1u << 5,
};

/* What a finding points at when its file is no longer loaded. */
struct bl_ref {
	struct bl_span span;
	uint32_t file_index; /* its path: bl_engine_path() */
};

/* Per-item summary kept for backlog-wide rules after the file is freed. */
struct bl_dep {
	const char *id;
	struct bl_ref ref;
};

struct bl_summary {
	const char *id; /* NULL when the item has none */
	const char *parent;
	const char *role;                         /* the story's role, else the persona metadata */
	const char *status, *estimate, *priority; /* as written, or NULL */
	struct bl_dep *deps;                      /* NULL when ndeps is 0 */
	size_t ndeps;
	struct bl_ref ref;    /* the item's anchor */
	struct bl_ref id_ref; /* the id's text */
	struct bl_ref role_ref;
	struct bl_ref story_ref; /* the story sentence (or the anchor) */
	struct bl_ref status_ref, estimate_ref;
	struct bl_ref parent_ref; /* where the parent is named, when it is */
	struct bl_ref priority_ref;
	uint64_t *kept;        /* what rules keep (bl_ctx_keep), or NULL: bl_summary_kept() */
	const uint32_t *words; /* bl_ctx_keep_words(), or NULL */
	uint32_t nwords;
	unsigned char state; /* enum bl_item_state (findings on it are kept or not by it) */
	unsigned char stage; /* enum bl_stage */
	uint32_t file_index;
	enum bl_item_type type;
	int story_template;         /* as bl_item.story_template */
	bool has_story;             /* a story sentence or story parts */
	bool has_dod;               /* a definition of done of its own */
	const struct bl_team *team; /* its file's team settings, or NULL */
};

/* A declared persona, kept for backlog-wide rules. */
struct bl_persona_decl {
	const char *name;
	const char **aliases;
	size_t naliases;
	struct bl_ref ref;
};

struct bl_backlog {
	struct bl_summary *items;
	size_t nitems;
	struct bl_persona_decl *personas;
	size_t npersonas;
	/* The team settings of the items' files, each once: their ids are
	 * items of the backlog too, linted or not. */
	const struct bl_team **teams;
	size_t nteams;
};

/* A rule option: a setting with a default that configuration can change. */
enum bl_opt_kind { BL_OPT_INT, BL_OPT_STRING, BL_OPT_BOOL /* true or false: 1 or 0 */ };

struct bl_option {
	size_t rule; /* index in the registry's rules */
	const char *name;
	enum bl_opt_kind kind;
	const char *def; /* the default, as text */
	const char *doc; /* one line */
	/* The configuration key that sets it too ("estimation.scale"), or
	 * NULL. */
	const char *setting;
};

/* A word list a rule uses: embedded data, changeable by configuration. */
struct bl_wordlist {
	const char *name; /* "generic-roles" */
	const char *data; /* the embedded list (rules/words/NAME.txt) */
	const char *doc;  /* one line */
};

/* What an item's state makes of the findings on it: work that is done is
 * context (its ids resolve references), not something to report. */
enum bl_item_state {
	BL_ITEM_OPEN,    /* reported */
	BL_ITEM_DONE,    /* in a done status: only the rules about done work */
	BL_ITEM_ARCHIVED /* in a folder of finished work: nothing */
};

/* Where an item is in the team's workflow: the category of its status. */
enum bl_stage {
	BL_STAGE_NONE, /* no status, or one of no known category */
	BL_STAGE_OPEN,
	BL_STAGE_READY,
	BL_STAGE_STARTED,
	BL_STAGE_DONE
};

/* Everything the engine runs: rules, their options and word lists. */
struct bl_registry {
	const struct bl_rule *rules;
	size_t nrules;
	const struct bl_option *options;
	size_t noptions;
	const struct bl_wordlist *words;
	size_t nwords;
	/* The state of the file being checked, by its path (it NULL), or of
	 * item it, by its own data; the items of an archived file are archived
	 * without asking. NULL when every item is open. */
	enum bl_item_state (*item_state)(struct bl_ctx *ctx, const struct bl_item *it);
	/* Whether rule checks done work ("done with unchecked criteria"), and
	 * so reports on items in a done status. */
	bool (*about_done)(size_t rule);
	/* The stage of item it by its status, for reports; NULL when no
	 * status has a known stage. */
	enum bl_stage (*item_stage)(struct bl_ctx *ctx, const struct bl_item *it);
	/* The order in which the HTML scorecard's legend names what speaks
	 * for each INVEST letter: families ("deps/") and rules, NULL-ended;
	 * what is not listed follows in the order of the rules. NULL: none. */
	const char *const *invest_order;
};

struct bl_engine;

/* A new engine over a registry (which must outlive it), with every rule at
 * its default severity and every option at its default. */
struct bl_engine *bl_engine_new(const struct bl_registry *reg);
/*
 * Profiles: what a configuration decides of the rules (severities, item
 * types, options, word lists, include-done). The engine starts with one,
 * the built-in defaults, which the setters below change; a run with
 * several configurations makes one profile each (bl_engine_profile_new:
 * the defaults again, and the one the setters change from then on, or
 * after bl_engine_profile_use) and checks each file with its own
 * (bl_engine_worker_profile). Profiles are made before the files that use
 * them are checked, on the thread that adds files.
 */
struct bl_profile;
struct bl_worker;
struct bl_profile *bl_engine_profile_new(struct bl_engine *e);
void bl_engine_profile_use(struct bl_engine *e, struct bl_profile *p);
/* The profile the setters change. */
struct bl_profile *bl_engine_profile_current(struct bl_engine *e);
/* The files worker w checks from now on are checked with profile p. */
void bl_engine_worker_profile(struct bl_worker *w, const struct bl_profile *p);
/* The profile backlog-wide rules take their options and word lists from
 * (by default the files' own when they share one, else the first). */
void bl_engine_set_backlog_profile(struct bl_engine *e, const struct bl_profile *p);
void bl_engine_free(struct bl_engine *e);
/* Sets the item types rule checks (BL_TYPE_BIT()s; item rules only). */
void bl_engine_set_types(struct bl_engine *e, size_t rule, unsigned types);
/* Reports findings on done and archived work too (--include-done). */
void bl_engine_set_include_done(struct bl_engine *e, bool on);
bool bl_engine_include_done(const struct bl_engine *e);
/* Sets rule i's severity (BL_SEV_OFF disables it). */
void bl_engine_set_severity(struct bl_engine *e, size_t rule, enum bl_severity s);
enum bl_severity bl_engine_severity(const struct bl_engine *e, size_t rule);
/* Adds a rule (a custom rule from configuration) after the registry's;
 * r must outlive the engine. Returns its index. */
size_t bl_engine_add_rule(struct bl_engine *e, const struct bl_rule *r);
/* The index of a rule by id, or -1. */
int bl_engine_find(const struct bl_engine *e, const char *id);
/* Parses option text s of kind into *out (0 for text options); false when
 * it is not a value of that kind. */
bool bl_option_parse(enum bl_opt_kind kind, const char *s, long *out);
/* What a value of option kind must be, for messages: "a whole number". */
const char *bl_option_expects(enum bl_opt_kind kind);
/* Sets option name of rule to value (checked against its kind); false with
 * a message in err when the rule has no such option or the value is bad. */
bool bl_engine_set_option(struct bl_engine *e, size_t rule, const char *name, const char *value,
                          char *err, size_t errlen);
/* The current value of option opt (an index in the registry's options). */
const char *bl_engine_option(const struct bl_engine *e, size_t opt);
/* A word list by index, for configuration to add to or remove from. */
struct bl_wordset *bl_engine_words(struct bl_engine *e, size_t list);
/* The index of a word list by name, or -1. */
int bl_engine_find_words(const struct bl_engine *e, const char *name);
const struct bl_registry *bl_engine_registry(const struct bl_engine *e);

/* Runs the file and item rules over f and records its summaries. The file
 * can be freed afterwards. */
void bl_engine_file(struct bl_engine *e, const struct bl_file *f);

/*
 * The same in two steps, for threads: bl_engine_check runs the rules over
 * f with worker w (one per thread, made on the main thread before any
 * check starts; the engine must not be changed while checks run) and
 * returns what the file leaves: findings, summaries, directives. The main
 * thread then hands the results to bl_engine_add in the order of the files,
 * which makes the output independent of the threads.
 */
struct bl_worker;
struct bl_checked;
struct bl_worker *bl_engine_worker(struct bl_engine *e);
struct bl_checked *bl_engine_check(struct bl_worker *w, const struct bl_file *f);
/*
 * bl_engine_check in steps, for a file whose items are read in batches and
 * dropped (bl_load_opts.items_read): begin before the first batch;
 * stream_items checks the items f holds now and keeps what the file's and
 * the backlog's rules need of them, after which they may be dropped;
 * stream_undo forgets every batch (the file did not parse after all);
 * stream_end checks the items f still holds and the file itself, and
 * returns what bl_engine_check returns. The file must stay loaded between
 * the calls (its text, lines and settings).
 */
struct bl_stream;
struct bl_stream *bl_engine_stream_begin(struct bl_worker *w, const struct bl_file *f);
void bl_engine_stream_items(struct bl_stream *st);
void bl_engine_stream_undo(struct bl_stream *st);
struct bl_checked *bl_engine_stream_end(struct bl_stream *st);
/*
 * The same wired to the loader: bl_engine_hook sets o's items_read and
 * items_undone (and arg: h) so that worker w checks a YAML backlog's items
 * as they are read; team becomes the file's settings before its first
 * check. Once the file is loaded, bl_engine_hook_end returns what
 * bl_engine_check returns, whether or not any batch came; a file not
 * checked after all still needs bl_engine_hook_end's results freed.
 */
struct bl_load_hook {
	struct bl_worker *w;
	const struct bl_team *team;
	struct bl_stream *st; /* once the first batch came */
};
void bl_engine_hook(struct bl_load_hook *h, struct bl_load_opts *o, struct bl_worker *w,
                    const struct bl_team *team);
struct bl_checked *bl_engine_hook_end(struct bl_load_hook *h, struct bl_file *f);
/* Takes c (and frees it). */
void bl_engine_add(struct bl_engine *e, struct bl_checked *c);
/* Frees a result that is not added. */
void bl_checked_free(struct bl_checked *c);
/* Runs the backlog-wide rules; drops the findings that a suppression
 * directive of their file covers (lib/suppress.h); then sorts them. */
void bl_engine_finish(struct bl_engine *e);
/* When on, bl_engine_finish also reports each rule a directive names that
 * suppressed nothing, as the rule flagged BL_RULE_UNUSED_DISABLE (when
 * the registry has one and it is on). Off by default. */
void bl_engine_report_unused_disables(struct bl_engine *e, bool on);

/*
 * The findings after bl_engine_finish, in order (file, line, column, rule,
 * message). A run may have more than memory should hold: the engine keeps
 * those of the files in a log (lib/flog.h), and they are read one at a
 * time: bl_engine_rewind(), then bl_engine_next() until it returns NULL;
 * each finding is valid until the next call. Reading can start over.
 */
/* How many findings of a file, and of a backlog rule, are held in memory
 * before they go, sorted, to runs of a log that is merged when read (0:
 * the defaults, 4,096 and 65,536); tests make them small. */
void bl_engine_set_spill(struct bl_engine *e, size_t file, size_t backlog);
/* The threads the backlog pass may use (-j; 1 by default). */
void bl_engine_set_threads(struct bl_engine *e, size_t n);
size_t bl_engine_nfindings(const struct bl_engine *e);
void bl_engine_rewind(struct bl_engine *e);
const struct bl_finding *bl_engine_next(struct bl_engine *e);
/* Why findings were lost (the log's temporary file failed), or NULL. */
const char *bl_engine_error(const struct bl_engine *e);
/* Every finding in one array owned by the engine (for small runs and
 * tests: it holds them all in memory). */
const struct bl_finding *bl_engine_findings(struct bl_engine *e, size_t *n);
/* A backlog-wide finding shows its source line, read again from its file
 * by bl_engine_finish. Text that has no file to read again (standard
 * input, or a test's) is given here: s[0, n) must live until then. */
void bl_engine_source(struct bl_engine *e, const char *path, const char *s, size_t n);
size_t bl_engine_files(const struct bl_engine *e);
/* The path of the file_index-th file (as bl_finding.path), or NULL. */
const char *bl_engine_path(const struct bl_engine *e, size_t file_index);
/* Every item seen so far, in file order: what backlog-wide rules read. */
const struct bl_summary *bl_engine_items(const struct bl_engine *e, size_t *n);
/* Every persona the backlog declares, in file order. */
const struct bl_persona_decl *bl_engine_personas(const struct bl_engine *e, size_t *n);
const struct bl_rule *bl_engine_rule(const struct bl_engine *e, size_t i);
size_t bl_engine_nrules(const struct bl_engine *e);

/* Rule-facing API. */
const struct bl_engine *bl_ctx_engine(const struct bl_ctx *ctx);
/* The path of the file being checked (NULL in the backlog pass). */
const char *bl_ctx_path(const struct bl_ctx *ctx);
/* The rule being checked, and its descriptor's data. */
size_t bl_ctx_rule(const struct bl_ctx *ctx);
const void *bl_ctx_rule_data(const struct bl_ctx *ctx);
/* The current rule gives up on the current file: it is not run on the
 * file's remaining items (a pattern that hit its match limit would cost
 * as much on each of them). */
void bl_ctx_give_up(struct bl_ctx *ctx);
/* The value of option opt (an index in the registry's options). */
long bl_ctx_opt_int(const struct bl_ctx *ctx, size_t opt);
const char *bl_ctx_opt_str(const struct bl_ctx *ctx, size_t opt);
/* The tokens of text option opt's value (offsets in bl_ctx_opt_str()). */
const struct bl_tokens *bl_ctx_opt_tokens(const struct bl_ctx *ctx, size_t opt);
/* Word list number list. */
const struct bl_wordset *bl_ctx_words(const struct bl_ctx *ctx, size_t list);
/* The team settings of the current file (statuses, definition of done),
 * or NULL when it has none. */
const struct bl_team *bl_ctx_team(const struct bl_ctx *ctx);
/* A tokeniser buffer the rule may reuse while it runs. */
struct bl_tokens *bl_ctx_tokens(struct bl_ctx *ctx);
/* The tokens of s[0, n), a text of the file being checked (it must stay
 * unchanged while the file is checked: an item's text or a part of it,
 * never a rule's own buffer). Tokenised once per item and shared by every
 * rule that asks; valid until the item's checks end (the file rules'). */
const struct bl_tokens *bl_ctx_text_tokens(struct bl_ctx *ctx, const char *s, size_t n);
/* Scratch memory freed after the current item (file rules: after them;
 * backlog rules: after the rule). */
struct bl_arena *bl_ctx_scratch(struct bl_ctx *ctx);
/* The suppression directives of the current file (lib/suppress.h), or
 * NULL when it has none (and in the backlog pass). */
struct bl_suppress;
const struct bl_suppress *bl_ctx_suppress(const struct bl_ctx *ctx);
/* The words (struct bl_rule.nkept) the current rule keeps with the
 * summary of the item being checked, 0 until it sets them: for the item
 * checks of a rule that reads the summaries later (check_backlog or
 * check_file_kept), so the summary need not hold the item's text. NULL
 * outside an item's checks, or when the rule keeps nothing. */
uint64_t *bl_ctx_keep(struct bl_ctx *ctx);
/* The words the current rule kept with summary s (one of those its
 * check_backlog or check_file_kept reads); NULL when no rule kept
 * anything of the item, which reads as words of 0. */
const uint64_t *bl_summary_kept(const struct bl_ctx *ctx, const struct bl_summary *s);
/* Keeps n 32-bit values (word hashes) with the summary of the item being
 * checked, as bl_summary.words, for one backlog rule (story/similar). */
void bl_ctx_keep_words(struct bl_ctx *ctx, const uint32_t *w, size_t n);
/* Reports a finding of rule at span in the current file/item. */
void bl_report(struct bl_ctx *ctx, size_t rule, struct bl_span span, const char *fmt, ...)
        BL_PRINTF(4, 5);
/* Reports a finding at a reference (backlog-wide rules, and the file part
 * of a rule: check_file_kept). */
void bl_report_ref(struct bl_ctx *ctx, size_t rule, const struct bl_ref *ref, const char *item_id,
                   const char *fmt, ...) BL_PRINTF(5, 6);
/* Shortens t into a quotable form: one line, at most max bytes. */
const char *bl_ctx_quote(struct bl_ctx *ctx, const char *s, size_t n, size_t max);

#endif
