/*
 * Helpers shared by the rule families.
 */
#ifndef BL_RULES_COMMON_H
#define BL_RULES_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "engine.h"

/* Reports each of the loader's diagnostics of kind in f as rule. */
void bl_report_diags(struct bl_ctx *ctx, const struct bl_file *f, enum bl_diag_kind kind,
                     size_t rule);

/* FNV-1a hash of a NUL-terminated string. */
uint64_t bl_hash_str(const char *s);

/* A table from strings to indexes in the rule's scratch arena (open
 * addressing, first sized for n keys; it grows when more are put). */
struct bl_strtab {
	const char **key;
	size_t *val;
	size_t cap, n;
	struct bl_arena *arena;
};

void bl_strtab_init(struct bl_ctx *ctx, struct bl_strtab *t, size_t n);
/* The value of key, or SIZE_MAX. */
size_t bl_strtab_get(const struct bl_strtab *t, const char *key);
/* Puts key (which must outlive the table) unless it is there; returns the
 * value key has in the table. */
size_t bl_strtab_put(struct bl_strtab *t, const char *key, size_t val);

/*
 * A table from keys to indexes that keeps only each key's 64-bit hash
 * (open addressing, sized once for at most n keys, in arena a): for
 * backlog-wide keys, of which there are as many as items. A
 * key is never kept; when two hashes are equal, same() makes the stored
 * key again and says whether it is the one being put.
 */
struct bl_hashtab {
	uint64_t *hash;
	size_t *val; /* SIZE_MAX: an empty slot */
	size_t cap;
};

void bl_hashtab_init(struct bl_arena *a, struct bl_hashtab *t, size_t n);
/* Puts val under hash h unless a value v with that hash for which
 * same(ud, v) holds is there; returns that v, or val. */
size_t bl_hashtab_put(struct bl_hashtab *t, uint64_t h, size_t val,
                      bool (*same)(void *ud, size_t v), void *ud);
/* The value v under hash h for which same(ud, v) holds, or SIZE_MAX;
 * puts nothing. */
size_t bl_hashtab_get(const struct bl_hashtab *t, uint64_t h, bool (*same)(void *ud, size_t v),
                      void *ud);

/* The path of the file item s is in. */
const char *bl_summary_path(const struct bl_ctx *ctx, const struct bl_summary *s);

/* Whether every word of the space-separated list a is in list b. */
bool bl_words_within(const char *a, const char *b);

/* The category of a status in the statuses list (hyphens and underscores
 * read as spaces): "open", "ready", "started" or "done"; NULL when there
 * is no status or it is not in the list. */
struct bl_text;
const char *bl_status_category(struct bl_ctx *ctx, const struct bl_text *status);

/* A hash table of the backlog's item ids (open addressing). Ids are
 * compared as backlog/duplicate-id's options say: ignoring case and zero
 * padding by default. */
struct bl_idtab {
	size_t *slot; /* item index + 1, 0 when empty; past nitems, a known id */
	size_t cap;
	char **key;        /* each id as compared, NULL for an item without one */
	const char **name; /* each id as written */
	size_t nitems, nkeys;
	bool ignore_case, zero_padding;
	struct bl_arena *scratch;
	/* Built by the first bl_idtab_suggest (in scratch): for each number,
	 * the first key with it + 1, and each key's next with the same. */
	size_t *by_number, *next_number, ncap;
};

/* Builds the table (free t->slot after); calls dup(arg, i, first) for
 * each item i whose id an earlier item first already has. */
void bl_idtab_build(struct bl_ctx *ctx, struct bl_idtab *t, const struct bl_backlog *b,
                    void (*dup)(void *, size_t, size_t), void *arg);
/* The index of the first item with id, or SIZE_MAX. */
size_t bl_idtab_find(const struct bl_idtab *t, const struct bl_backlog *b, const char *id);
/* Whether id is in the table: an item's, or one of the ids of the item
 * files of a Backlog.md backlog (bl_backlog.teams), linted or not. */
bool bl_idtab_has(const struct bl_idtab *t, const struct bl_backlog *b, const char *id);
/* For an id that is not in the table, the one id in it with the same
 * number and another prefix ("task-208" for "BACK-208" once a team has
 * changed its prefix), or NULL. */
const char *bl_idtab_suggest(struct bl_idtab *t, const char *id);

/* Reports, at ref, that item it's dependency (dep) or parent id names no
 * item, with what to do: the
 * id meant when only the prefix differs, and linting the files that
 * define it only when the backlog's other files are not known. */
void bl_report_unknown_id(struct bl_ctx *ctx, size_t rule, struct bl_idtab *t,
                          const struct bl_summary *it, const struct bl_ref *ref, bool dep,
                          const char *id);

/* Whether it is an item file of a Backlog.md backlog (its file has the
 * team settings of backlog/config.yml). */
bool bl_backlogmd_item(struct bl_ctx *ctx, const struct bl_item *it);

/* Whether w[0, n) ends with suf. */
bool bl_ends_with(const char *w, size_t n, const char *suf);
/* Whether w is one of the NULL-terminated list. */
bool bl_one_of(const char *w, const char *const *list);
/* Whether word w is lit: the first byte settles most words, without a
 * call (the rules ask it of every word of a text). */
static inline bool
bl_word_is(const char *w, const char *lit)
{
	return w[0] == lit[0] && strcmp(w, lit) == 0;
}

/* A crude English stem of a lower-cased word (plural and verb endings
 * dropped), written to out (at least n + 1 bytes); returns its length. */
size_t bl_stem(const char *w, size_t n, char *out);

/* The longest stem a content word keeps, with its NUL. */
#define BL_STEM_MAX 128

/* Token i of tk as a content word: false for a word of the stopwords
 * list stop; else its stem, NUL-terminated, is written to out (at most
 * BL_STEM_MAX bytes, and never more than the token's lower-cased form
 * with its NUL) and its length to *len. */
bool bl_content_word(const struct bl_wordset *stop, const struct bl_tokens *tk, size_t i, char *out,
                     size_t *len);

/*
 * The content of s[0, n) as a key: its words lower-cased and stemmed,
 * without the stopwords word list, joined by single spaces, appended to
 * b. Returns the number of content words; b is left alone when there is
 * none.
 */
struct bl_buf;
size_t bl_content_key(struct bl_ctx *ctx, const char *s, size_t n, struct bl_buf *b);
/* The same for a text already tokenised into tk (bl_ctx_text_tokens()). */
size_t bl_content_key_tokens(struct bl_ctx *ctx, const struct bl_tokens *tk, struct bl_buf *b);

#endif
