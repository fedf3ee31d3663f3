/*
 * Word lists as hash sets of normalised phrases, and the tokeniser that
 * feeds them. Letters and case come from the C library's Unicode tables
 * (the built-in C.UTF-8 locale), so "Één", "ÉÉN" and "één" are one word.
 */
#include "words.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "util.h"

/* The C.UTF-8 locale, held while any word set exists. */
static locale_t utf8_loc;
static unsigned utf8_refs;

static void
locale_hold(void)
{
	if (utf8_refs++ == 0)
		utf8_loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

static void
locale_release(void)
{
	if (--utf8_refs == 0 && utf8_loc != (locale_t)0) {
		freelocale(utf8_loc);
		utf8_loc = (locale_t)0;
	}
}

/* Decodes the character at s (valid or not); *len gets its length. */
static uint32_t
decode(const unsigned char *s, size_t avail, size_t *len)
{
	size_t l = bl_utf8_len(s, avail), i;
	uint32_t cp;

	*len = l;
	if (l == 1)
		return s[0] < 0x80 ? s[0] : 0xfffd;
	cp = s[0] & (0xff >> (l + 1));
	for (i = 1; i < l; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	return cp;
}

static size_t
encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static bool
is_alnum(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	if (cp == 0xfffd || utf8_loc == (locale_t)0)
		return false;
	return iswalnum_l((wint_t)cp, utf8_loc) != 0;
}

static uint32_t
to_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	if (utf8_loc == (locale_t)0)
		return cp;
	return (uint32_t)towlower_l((wint_t)cp, utf8_loc);
}

/* Whether the character at s[i] joins two word parts: an apostrophe
 * (straight or curly) or a hyphen with a letter or digit on both sides. */
static bool
joiner(const unsigned char *s, size_t n, size_t i, size_t *jl)
{
	size_t l, nl;
	uint32_t cp = decode(s + i, n - i, &l);

	if (cp != '\'' && cp != 0x2019 && cp != '-')
		return false;
	if (i + l >= n || !is_alnum(decode(s + i + l, n - i - l, &nl)))
		return false;
	*jl = l;
	return true;
}

static void
norm_put(struct bl_tokens *tk, const char *p, size_t n)
{
	if (tk->normlen + n + 1 > tk->normcap) {
		tk->normcap = (tk->normcap + n + 1) * 2;
		tk->norm = bl_xrealloc(tk->norm, tk->normcap);
	}
	memcpy(tk->norm + tk->normlen, p, n);
	tk->normlen += n;
}

void
bl_tokenize(struct bl_tokens *tk, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, l, jl;

	tk->n = 0;
	tk->normlen = 0;
	while (i < n) {
		struct bl_token *t;
		char enc[4];

		if (!is_alnum(decode(u + i, n - i, &l))) {
			i += l;
			continue;
		}
		if (tk->n == tk->cap) {
			tk->cap = tk->cap ? tk->cap * 2 : 32;
			tk->t = bl_xrealloc(tk->t, tk->cap * sizeof(*tk->t));
		}
		t = &tk->t[tk->n++];
		t->off = (uint32_t)i;
		t->norm = (uint32_t)tk->normlen;
		for (;;) {
			uint32_t cp = decode(u + i, n - i, &l);

			if (is_alnum(cp)) {
				norm_put(tk, enc, encode(to_lower(cp), enc));
				i += l;
			} else if (joiner(u, n, i, &jl)) {
				/* A curly apostrophe reads as a straight one. */
				norm_put(tk, cp == '-' ? "-" : "'", 1);
				i += jl;
			} else
				break;
			if (i >= n)
				break;
		}
		t->len = (uint32_t)(i - t->off);
		t->nlen = (uint32_t)(tk->normlen - t->norm);
		norm_put(tk, "", 1);
		tk->norm[tk->normlen - 1] = '\0';
	}
}

void
bl_tokens_free(struct bl_tokens *tk)
{
	free(tk->t);
	free(tk->norm);
	free(tk->key);
	memset(tk, 0, sizeof(*tk));
}

const char *
bl_token_norm(const struct bl_tokens *tk, size_t i)
{
	return tk->norm + tk->t[i].norm;
}

/* The set: open addressing over entries. */
struct entry {
	struct bl_word w;
	uint64_t hash;
	bool used, dead;
};

struct bl_wordset {
	struct entry *slot;
	size_t cap, count, filled;
	unsigned maxtok;
	struct bl_wordset *heads; /* first words of the phrases of two words or more */
};

struct bl_wordset *
bl_wordset_new(void)
{
	struct bl_wordset *ws = bl_xcalloc(1, sizeof(*ws));

	locale_hold();
	ws->cap = 64;
	ws->slot = bl_xcalloc(ws->cap, sizeof(*ws->slot));
	return ws;
}

void
bl_wordset_free(struct bl_wordset *ws)
{
	size_t i;

	if (ws == NULL)
		return;
	for (i = 0; i < ws->cap; i++)
		if (ws->slot[i].used) {
			free((char *)ws->slot[i].w.key);
			free((char *)ws->slot[i].w.value);
		}
	free(ws->slot);
	bl_wordset_free(ws->heads);
	free(ws);
	locale_release();
}

static struct entry *
find(const struct bl_wordset *ws, const char *key, size_t n, uint64_t h)
{
	size_t i;

	for (i = h & (ws->cap - 1); ws->slot[i].used || ws->slot[i].dead;
	     i = (i + 1) & (ws->cap - 1))
		if (ws->slot[i].used && ws->slot[i].hash == h && strlen(ws->slot[i].w.key) == n &&
		    memcmp(ws->slot[i].w.key, key, n) == 0)
			return &ws->slot[i];
	return NULL;
}

static void
grow(struct bl_wordset *ws)
{
	struct entry *old = ws->slot;
	size_t oldcap = ws->cap, i;

	ws->cap *= 2;
	ws->slot = bl_xcalloc(ws->cap, sizeof(*ws->slot));
	ws->filled = ws->count;
	for (i = 0; i < oldcap; i++) {
		size_t j;

		if (!old[i].used)
			continue;
		for (j = old[i].hash & (ws->cap - 1); ws->slot[j].used; j = (j + 1) & (ws->cap - 1))
			;
		ws->slot[j] = old[i];
	}
	free(old);
}

size_t
bl_words_normalise(struct bl_buf *b, const char *s, size_t n)
{
	struct bl_tokens tk = {0};
	size_t i, ntok;

	bl_tokenize(&tk, s, n);
	for (i = 0; i < tk.n; i++) {
		if (i)
			bl_buf_putc(b, ' ');
		bl_buf_puts(b, bl_token_norm(&tk, i));
	}
	ntok = tk.n;
	bl_tokens_free(&tk);
	return ntok;
}

void
bl_wordset_add(struct bl_wordset *ws, const char *phrase, size_t n, const char *value)
{
	struct bl_buf b = {0};
	struct entry *e;
	size_t ntok = bl_words_normalise(&b, phrase, n);
	uint64_t h;

	if (ntok == 0) {
		bl_buf_free(&b);
		return;
	}
	h = bl_fnv(BL_FNV_OFFSET, b.s, b.len);
	e = find(ws, b.s, b.len, h);
	if (e != NULL) {
		free((char *)e->w.value);
		e->w.value = value ? bl_xstrdup(value) : NULL;
		bl_buf_free(&b);
		return;
	}
	if ((ws->filled + 1) * 2 > ws->cap)
		grow(ws);
	for (e = &ws->slot[h & (ws->cap - 1)]; e->used;
	     e = &ws->slot[(size_t)(e - ws->slot + 1) & (ws->cap - 1)])
		;
	if (!e->dead)
		ws->filled++;
	e->used = true;
	e->dead = false;
	e->hash = h;
	e->w.key = b.s; /* the buffer's string becomes the key */
	e->w.value = value ? bl_xstrdup(value) : NULL;
	e->w.ntok = (unsigned)ntok;
	if (ntok > ws->maxtok)
		ws->maxtok = (unsigned)ntok;
	if (ntok > 1) {
		/* Remember the first word: only there can a phrase start. */
		if (ws->heads == NULL)
			ws->heads = bl_wordset_new();
		bl_wordset_add(ws->heads, e->w.key, strcspn(e->w.key, " "), NULL);
	}
	ws->count++;
}

bool
bl_wordset_remove(struct bl_wordset *ws, const char *phrase, size_t n)
{
	struct bl_buf b = {0};
	struct entry *e;

	bl_words_normalise(&b, phrase, n);
	e = b.s ? find(ws, b.s, b.len, bl_fnv(BL_FNV_OFFSET, b.s, b.len)) : NULL;
	bl_buf_free(&b);
	if (e == NULL)
		return false;
	free((char *)e->w.key);
	free((char *)e->w.value);
	memset(&e->w, 0, sizeof(e->w));
	e->used = false;
	e->dead = true;
	ws->count--;
	return true;
}

void
bl_wordset_load(struct bl_wordset *ws, const char *list)
{
	const char *p = list;

	while (*p) {
		const char *end = strchr(p, '\n'), *eq;
		size_t n = end ? (size_t)(end - p) : strlen(p);
		const char *s = p;
		char *value = NULL;

		p += n + (end != NULL);
		bl_trim(&s, &n);
		if (n == 0 || s[0] == '#')
			continue;
		eq = memchr(s, '=', n);
		if (eq != NULL && eq > s && eq[-1] == ' ') {
			const char *v = eq + 1;
			size_t vn = n - (size_t)(v - s);

			bl_trim(&v, &vn);
			value = bl_xstrndup(v, vn);
			n = (size_t)(eq - s);
		}
		bl_wordset_add(ws, s, n, value);
		free(value);
	}
}

size_t
bl_wordset_count(const struct bl_wordset *ws)
{
	return ws->count;
}

const struct bl_word *
bl_wordset_span(const struct bl_wordset *ws, struct bl_tokens *tk, size_t i, size_t k)
{
	size_t j, len = 0;
	struct entry *e;

	if (k == 0 || k > ws->maxtok || i + k > tk->n)
		return NULL;
	if (k == 1) {
		const char *key = bl_token_norm(tk, i);

		e = find(ws, key, tk->t[i].nlen, bl_fnv(BL_FNV_OFFSET, key, tk->t[i].nlen));
		return e ? &e->w : NULL;
	}
	for (j = i; j < i + k; j++)
		len += tk->t[j].nlen + 1;
	if (len > tk->keycap) {
		tk->keycap = len * 2;
		tk->key = bl_xrealloc(tk->key, tk->keycap);
	}
	len = 0;
	for (j = i; j < i + k; j++) {
		if (j > i)
			tk->key[len++] = ' ';
		memcpy(tk->key + len, bl_token_norm(tk, j), tk->t[j].nlen);
		len += tk->t[j].nlen;
	}
	e = find(ws, tk->key, len, bl_fnv(BL_FNV_OFFSET, tk->key, len));
	return e ? &e->w : NULL;
}

const struct bl_word *
bl_wordset_at(const struct bl_wordset *ws, struct bl_tokens *tk, size_t i)
{
	size_t k = ws->maxtok;

	if (i >= tk->n)
		return NULL;
	if (k > tk->n - i)
		k = tk->n - i;
	/* Most words start no phrase: one lookup settles them. */
	if (k > 1 && (ws->heads == NULL || bl_wordset_span(ws->heads, tk, i, 1) == NULL))
		k = 1;
	for (; k > 0; k--) {
		const struct bl_word *w = bl_wordset_span(ws, tk, i, k);

		if (w != NULL)
			return w;
	}
	return NULL;
}

const struct bl_word *
bl_wordset_lookup(const struct bl_wordset *ws, const char *s, size_t n)
{
	struct bl_buf b = {0};
	struct entry *e;

	bl_words_normalise(&b, s, n);
	e = b.s ? find(ws, b.s, b.len, bl_fnv(BL_FNV_OFFSET, b.s, b.len)) : NULL;
	bl_buf_free(&b);
	return e ? &e->w : NULL;
}
