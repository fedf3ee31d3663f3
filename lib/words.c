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

/* ASCII letters and digits in lower case; 0 for every other byte (bytes
 * of 0x80 and over are looked at as UTF-8). */
static const unsigned char ascii_lower[256] = {
        ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5', ['6'] = '6',
        ['7'] = '7', ['8'] = '8', ['9'] = '9', ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd',
        ['E'] = 'e', ['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k',
        ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r',
        ['S'] = 's', ['T'] = 't', ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
        ['Z'] = 'z', ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f',
        ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm',
        ['n'] = 'n', ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
        ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
};

/* The character at u[i] of u[0, n): its code point, and its length in *l. */
static inline uint32_t
char_at(const unsigned char *u, size_t n, size_t i, size_t *l)
{
	if (u[i] < 0x80) {
		*l = 1;
		return u[i];
	}
	return decode(u + i, n - i, l);
}

/* Whether code point cp is a letter or digit. */
static inline bool
alnum_at(uint32_t cp)
{
	return cp < 0x80 ? ascii_lower[cp] != 0 : is_alnum(cp);
}

/* Whether the character at u[i] joins two word parts: an apostrophe
 * (straight or curly) or a hyphen with a letter or digit right after it;
 * *jl gets its length and *c the byte it reads as. */
static bool
joiner(const unsigned char *u, size_t n, size_t i, size_t *jl, char *c)
{
	size_t l, nl;
	uint32_t cp = char_at(u, n, i, &l);

	if (cp != '\'' && cp != 0x2019 && cp != '-')
		return false;
	if (i + l >= n || !alnum_at(char_at(u, n, i + l, &nl)))
		return false;
	*jl = l;
	/* A curly apostrophe reads as a straight one. */
	*c = cp == '-' ? '-' : '\'';
	return true;
}

/* Scans on a token whose first o bytes (lower-cased, FNV-1a hash *hash)
 * are in out and whose next byte is u[*pos], and moves *pos past its end;
 * returns the bytes now in out (at most 2 per input byte: lower-casing
 * never more than doubles a character) and their hash in *hash. */
static size_t
scan_on(const unsigned char *u, size_t n, size_t *pos, char *out, size_t o, uint64_t *hash)
{
	size_t i = *pos, l, jl;
	uint64_t h = *hash;

	while (i < n) {
		unsigned char b = u[i], a;
		char c;

		/* The common case: a run of ASCII letters and digits. */
		while ((a = ascii_lower[b]) != 0) {
			out[o++] = (char)a;
			h = bl_fnv_byte(h, a);
			if (++i == n)
				goto end;
			b = u[i];
		}
		if (b >= 0x80) {
			uint32_t cp = decode(u + i, n - i, &l);

			if (is_alnum(cp)) {
				size_t k, e = encode(to_lower(cp), out + o);

				for (k = 0; k < e; k++)
					h = bl_fnv_byte(h, (unsigned char)out[o + k]);
				o += e;
				i += l;
				continue;
			}
		}
		if (!joiner(u, n, i, &jl, &c))
			break;
		out[o++] = c;
		h = bl_fnv_byte(h, (unsigned char)c);
		i += jl;
	}
end:
	*pos = i;
	*hash = h;
	return o;
}

void
bl_tokenize(struct bl_tokens *tk, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, l, o;
	char *out;
	uint64_t h;
	unsigned char a, b;

	tk->n = 0;
	tk->normlen = 0;
	/* Room for the worst case: every byte doubled, a NUL per token. */
	if (3 * n + 1 > tk->normcap) {
		tk->normcap = 3 * n + 1;
		free(tk->norm);
		tk->norm = bl_xmalloc(tk->normcap);
	}
	while (i < n) {
		struct bl_token *t;

		if (ascii_lower[u[i]] == 0 &&
		    (u[i] < 0x80 || !is_alnum(decode(u + i, n - i, &l)))) {
			i += u[i] < 0x80 ? 1 : l;
			continue;
		}
		if (tk->n == tk->cap) {
			tk->cap = tk->cap ? tk->cap * 2 : 32;
			tk->t = bl_xrealloc(tk->t, tk->cap * sizeof(*tk->t));
		}
		t = &tk->t[tk->n++];
		t->off = (uint32_t)i;
		t->norm = (uint32_t)tk->normlen;
		out = tk->norm + tk->normlen;
		o = 0;
		h = BL_FNV_OFFSET;
		/* Most tokens are ASCII letters and digits only: read them here;
		 * anything else that may go on a token, in scan_on(). */
		b = u[i];
		while ((a = ascii_lower[b]) != 0) {
			out[o++] = (char)a;
			h = bl_fnv_byte(h, a);
			if (++i == n)
				break;
			b = u[i];
		}
		if (i < n && (b >= 0x80 || b == '\'' || b == '-'))
			o = scan_on(u, n, &i, out, o, &h);
		t->hash = h;
		t->nlen = (uint32_t)o;
		t->len = (uint32_t)(i - t->off);
		tk->normlen += o;
		tk->norm[tk->normlen++] = '\0';
	}
}

void
bl_tokens_free(struct bl_tokens *tk)
{
	free(tk->t);
	free(tk->norm);
	memset(tk, 0, sizeof(*tk));
}

const char *
bl_token_norm(const struct bl_tokens *tk, size_t i)
{
	return tk->norm + tk->t[i].norm;
}

/* The index of the first token of tk that starts at byte off or after. */
static size_t
token_from(const struct bl_tokens *tk, size_t off)
{
	size_t lo = 0, hi = tk->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (tk->t[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
bl_tokens_within(const struct bl_tokens *tk, size_t from, size_t to, size_t *first, size_t *end)
{
	size_t a = token_from(tk, from), z = token_from(tk, to);

	if (a > 0 && tk->t[a - 1].off + tk->t[a - 1].len > from)
		return false;
	if (z > a && tk->t[z - 1].off + tk->t[z - 1].len > to)
		return false;
	*first = a;
	*end = z;
	return true;
}

void
bl_tokens_view(const struct bl_tokens *tk, size_t first, size_t end, size_t base,
               struct bl_token *t, struct bl_tokens *out)
{
	size_t i, norm = first < end ? tk->t[first].norm : 0;

	memset(out, 0, sizeof(*out));
	out->t = t;
	out->n = out->cap = end - first;
	/* A text without tokens may have no forms at all (a NULL norm). */
	if (first < end)
		out->norm = tk->norm + norm;
	for (i = first; i < end; i++) {
		*t = tk->t[i];
		t->off -= (uint32_t)base;
		t->norm -= (uint32_t)norm;
		t++;
	}
	/* Each form and its NUL, as the tokeniser lays them out. */
	if (first < end)
		out->normlen = out->normcap = tk->t[end - 1].norm + tk->t[end - 1].nlen + 1 - norm;
}

/* The set: open addressing over entries. */
struct entry {
	struct bl_word w;
	uint64_t hash;
	size_t klen; /* strlen(w.key) */
	bool used, dead;
};

/* Bits of the filter of first words (see struct bl_wordset). */
#define FIRST_BITS 4096

struct bl_wordset {
	struct entry *slot;
	size_t cap, count, filled;
	unsigned maxtok;
	/* Two bits per first word of an entry, by its hash: a word with
	 * either bit clear starts no entry, which settles most words of a
	 * text with a test or two. One bit a word let through a word in
	 * sixteen on the corpora (a list's first words take a few hundred of
	 * the bits, and a common word of the text on one of them costs a
	 * lookup each time); two let through a few in a thousand. Removing
	 * an entry leaves its bits: stale bits cost only a lookup. */
	uint64_t first[FIRST_BITS / 64];
	/* A bit per first two words of the phrases of two words or more, by
	 * their hashes: only where both are can a phrase start. */
	uint64_t pairs[FIRST_BITS / 64];
};

/* The filter bits of a first word with hash h: two slices of its top
 * bits (the table uses the low ones). */
static size_t
first_bit(uint64_t h, unsigned which)
{
	return (size_t)(h >> (which == 0 ? 52 : 40)) & (FIRST_BITS - 1);
}

static bool
bit_set(const uint64_t *bits, size_t b)
{
	return (bits[b / 64] >> (b % 64)) & 1;
}

/* Sets the filter bits of the first word of key (ntok words, hash h). The
 * first word's hash is a token's: that of its bytes up to the space. */
static void
mark_first(struct bl_wordset *ws, const char *key, size_t ntok, uint64_t h)
{
	uint64_t fh = ntok == 1 ? h : bl_fnv(BL_FNV_OFFSET, key, strcspn(key, " "));
	unsigned k;

	for (k = 0; k < 2; k++) {
		size_t b = first_bit(fh, k);

		ws->first[b / 64] |= UINT64_C(1) << (b % 64);
	}
}

/* The bit of words of hashes h1 and h2 in a row in the filter of pairs. */
static size_t
pair_bit(uint64_t h1, uint64_t h2)
{
	return first_bit(h1 ^ (h2 * UINT64_C(0x9e3779b97f4a7c15)), 0);
}

/* Sets the bit of the first two words of key, a phrase of two words or
 * more. */
static void
mark_pair(struct bl_wordset *ws, const char *key)
{
	size_t n1 = strcspn(key, " "), n2 = strcspn(key + n1 + 1, " ");
	size_t b =
	        pair_bit(bl_fnv(BL_FNV_OFFSET, key, n1), bl_fnv(BL_FNV_OFFSET, key + n1 + 1, n2));

	ws->pairs[b / 64] |= UINT64_C(1) << (b % 64);
}

/* Whether an entry may start with the word of hash h. */
static bool
may_start(const struct bl_wordset *ws, uint64_t h)
{
	return bit_set(ws->first, first_bit(h, 0)) && bit_set(ws->first, first_bit(h, 1));
}

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
	free(ws);
	locale_release();
}

static struct entry *
find(const struct bl_wordset *ws, const char *key, size_t n, uint64_t h)
{
	size_t i;

	for (i = h & (ws->cap - 1); ws->slot[i].used || ws->slot[i].dead;
	     i = (i + 1) & (ws->cap - 1))
		if (ws->slot[i].used && ws->slot[i].hash == h && ws->slot[i].klen == n &&
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

/* Writes s[0, n) normalised into out (room for 3 * n + 1 bytes): tokens
 * lower-cased and joined by one space. Returns the number of tokens; *len
 * gets the length and *hash its bl_fnv(). */
static size_t
normalise_into(const char *s, size_t n, char *out, size_t *len, uint64_t *hash)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0, ntok = 0, l;
	uint64_t h = BL_FNV_OFFSET;

	while (i < n) {
		size_t start, k;
		uint64_t th;

		if (u[i] < 0x80 ? ascii_lower[u[i]] == 0 : !is_alnum(decode(u + i, n - i, &l))) {
			i += u[i] < 0x80 ? 1 : l;
			continue;
		}
		if (ntok++ > 0) {
			out[o++] = ' ';
			h = bl_fnv_byte(h, ' ');
		}
		start = o;
		th = BL_FNV_OFFSET;
		o = start + scan_on(u, n, &i, out + start, 0, &th);
		for (k = start; k < o; k++)
			h = bl_fnv_byte(h, (unsigned char)out[k]);
	}
	out[o] = '\0';
	*len = o;
	*hash = h;
	return ntok;
}

size_t
bl_words_normalise(struct bl_buf *b, const char *s, size_t n)
{
	char *out = bl_xmalloc(3 * n + 1);
	size_t len, ntok;
	uint64_t h;

	ntok = normalise_into(s, n, out, &len, &h);
	if (len > 0)
		bl_buf_add(b, out, len);
	free(out);
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
	e->klen = b.len;
	e->w.value = value ? bl_xstrdup(value) : NULL;
	e->w.ntok = (unsigned)ntok;
	mark_first(ws, e->w.key, ntok, h);
	if (ntok > ws->maxtok)
		ws->maxtok = (unsigned)ntok;
	if (ntok > 1)
		mark_pair(ws, e->w.key);
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

/* The entry whose key is tokens [i, i + k) of tk joined by spaces, with
 * hash h, or NULL. */
static struct entry *
find_tokens(const struct bl_wordset *ws, const struct bl_tokens *tk, size_t i, size_t k, size_t len,
            uint64_t h)
{
	size_t s;

	for (s = h & (ws->cap - 1); ws->slot[s].used || ws->slot[s].dead;
	     s = (s + 1) & (ws->cap - 1)) {
		const struct entry *e = &ws->slot[s];
		const char *key = e->w.key;
		size_t j;

		if (!e->used || e->hash != h || e->klen != len)
			continue;
		for (j = i; j < i + k; j++) {
			if (j > i && *key++ != ' ')
				break;
			if (memcmp(key, tk->norm + tk->t[j].norm, tk->t[j].nlen) != 0)
				break;
			key += tk->t[j].nlen;
		}
		if (j == i + k)
			return &ws->slot[s];
	}
	return NULL;
}

/* The entry made of tokens [i, i + k) of tk, k > 1, once the filter let
 * token i through. */
static const struct bl_word *
span_tokens(const struct bl_wordset *ws, const struct bl_tokens *tk, size_t i, size_t k)
{
	size_t j, len = tk->t[i].nlen;
	uint64_t h = tk->t[i].hash;
	struct entry *e;

	for (j = i + 1; j < i + k; j++) {
		h = bl_fnv(h, " ", 1);
		h = bl_fnv(h, tk->norm + tk->t[j].norm, tk->t[j].nlen);
		len += 1 + tk->t[j].nlen;
	}
	e = find_tokens(ws, tk, i, k, len, h);
	return e ? &e->w : NULL;
}

/* The entry made of token i alone, once the filter let it through. */
static const struct bl_word *
span_one(const struct bl_wordset *ws, const struct bl_tokens *tk, size_t i)
{
	struct entry *e = find(ws, bl_token_norm(tk, i), tk->t[i].nlen, tk->t[i].hash);

	return e ? &e->w : NULL;
}

/* bl_wordset_span() once the filter let token i through; out of line
 * for the reason at_filtered() is. */
__attribute__((noinline)) static const struct bl_word *
span_filtered(const struct bl_wordset *ws, const struct bl_tokens *tk, size_t i, size_t k)
{
	return k == 1 ? span_one(ws, tk, i) : span_tokens(ws, tk, i, k);
}

/* The longest entry starting at token i, once the filter let it through.
 * Out of line (the attribute): so the lookups' register saves are paid
 * only by the few words the filter lets through, not by every call. */
__attribute__((noinline)) static const struct bl_word *
at_filtered(const struct bl_wordset *ws, const struct bl_tokens *tk, size_t i)
{
	const struct bl_word *best = span_one(ws, tk, i);
	size_t k, kmax = ws->maxtok < tk->n - i ? ws->maxtok : tk->n - i, len = tk->t[i].nlen;
	uint64_t h = tk->t[i].hash;

	/* Most words start no phrase with the word after them. */
	if (kmax < 2 || !bit_set(ws->pairs, pair_bit(h, tk->t[i + 1].hash)))
		return best;
	/* The phrases from the shortest on, each one's key and hash carried
	 * on from the last: the longest found wins. */
	for (k = 2; k <= kmax; k++) {
		const struct bl_token *t = &tk->t[i + k - 1];
		struct entry *e;

		h = bl_fnv(bl_fnv(h, " ", 1), tk->norm + t->norm, t->nlen);
		len += 1 + t->nlen;
		e = find_tokens(ws, tk, i, k, len, h);
		if (e != NULL)
			best = &e->w;
	}
	return best;
}

const struct bl_word *
bl_wordset_span(const struct bl_wordset *ws, const struct bl_tokens *tk, size_t i, size_t k)
{
	if (k == 0 || k > ws->maxtok || i + k > tk->n || !may_start(ws, tk->t[i].hash))
		return NULL;
	return span_filtered(ws, tk, i, k);
}

const struct bl_word *
bl_wordset_at(const struct bl_wordset *ws, const struct bl_tokens *tk, size_t i)
{
	/* Most words start no entry: the filter turns them away. */
	if (i >= tk->n || !may_start(ws, tk->t[i].hash))
		return NULL;
	return at_filtered(ws, tk, i);
}

const struct bl_word *
bl_wordset_lookup(const struct bl_wordset *ws, const char *s, size_t n)
{
	char small[256], *out = 3 * n + 1 <= sizeof(small) ? small : bl_xmalloc(3 * n + 1);
	size_t len;
	uint64_t h;
	struct entry *e;

	e = normalise_into(s, n, out, &len, &h) > 0 ? find(ws, out, len, h) : NULL;
	if (out != small)
		free(out);
	return e ? &e->w : NULL;
}
