/*
 * Word lists: sets of words and phrases matched whole-word and
 * case-insensitively (Unicode lower-casing) against tokenised text. A text
 * is tokenised once; each list is then a handful of hash lookups per
 * token, whatever its size, instead of a pattern per list.
 *
 * List format: one entry a line; '#' starts a comment line; an entry is a
 * phrase, optionally followed by " = value" (a canonical form or hint the
 * rule shows). Phrases are normalised like text: lower case, tokens joined
 * by one space, so "End  User" and "end user" are the same entry.
 */
#ifndef BL_WORDS_H
#define BL_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A token of a text: a run of letters and digits, with inner apostrophes
 * and hyphens ("don't", "log-in"). */
struct bl_token {
	uint32_t off, len;   /* bytes in the text */
	uint32_t norm, nlen; /* its lower-cased form in bl_tokens.norm */
	uint64_t hash;       /* bl_fnv() of that form */
};

struct bl_tokens {
	struct bl_token *t;
	size_t n, cap;
	char *norm; /* lower-cased tokens, each NUL-terminated */
	size_t normlen, normcap;
};

/* Tokenises s[0, n) into tk (reusing its memory). */
void bl_tokenize(struct bl_tokens *tk, const char *s, size_t n);
void bl_tokens_free(struct bl_tokens *tk);
/* The lower-cased form of token i. */
const char *bl_token_norm(const struct bl_tokens *tk, size_t i);

/* Whether bytes [from, to) of the text tk was made from cut no token of
 * it: the tokens standing there are then exactly those a tokenisation of
 * that part alone would make (a token ends where the text does, and what
 * lies around it decides nothing else). *first and *end get their
 * indexes in tk. */
bool bl_tokens_within(const struct bl_tokens *tk, size_t from, size_t to, size_t *first,
                      size_t *end);
/* Makes out the tokens [first, end) of tk as a tokenisation of the part
 * starting at byte base would give them (offsets from base): t, room for
 * end - first tokens, gets them; their lower-cased forms stay tk's. */
void bl_tokens_view(const struct bl_tokens *tk, size_t first, size_t end, size_t base,
                    struct bl_token *t, struct bl_tokens *out);

struct bl_word {
	const char *key;   /* normalised phrase */
	const char *value; /* the text after " = ", or NULL */
	unsigned ntok;     /* tokens in the phrase */
};

struct bl_wordset;

struct bl_wordset *bl_wordset_new(void);
void bl_wordset_free(struct bl_wordset *ws);
/* Adds every entry of a list (format above). */
void bl_wordset_load(struct bl_wordset *ws, const char *list);
/* Adds one phrase (value may be NULL); an existing entry is replaced. */
void bl_wordset_add(struct bl_wordset *ws, const char *phrase, size_t n, const char *value);
/* Removes a phrase; false if it was not there. */
bool bl_wordset_remove(struct bl_wordset *ws, const char *phrase, size_t n);
size_t bl_wordset_count(const struct bl_wordset *ws);

/* The longest entry that starts at token i of tk, or NULL. */
const struct bl_word *bl_wordset_at(const struct bl_wordset *ws, const struct bl_tokens *tk,
                                    size_t i);
/* The entry made of tokens [i, i + k) exactly, or NULL. */
const struct bl_word *bl_wordset_span(const struct bl_wordset *ws, const struct bl_tokens *tk,
                                      size_t i, size_t k);
/* The entry equal to the whole of s[0, n) once normalised, or NULL. */
const struct bl_word *bl_wordset_lookup(const struct bl_wordset *ws, const char *s, size_t n);

/* Normalises s[0, n) as a phrase key into b (lower case, single spaces);
 * returns the number of tokens. */
struct bl_buf;
size_t bl_words_normalise(struct bl_buf *b, const char *s, size_t n);

#endif
