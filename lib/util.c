/*
 * Allocation wrappers, the per-file arena, growable buffers and small
 * string helpers. Allocation failure is fatal here, once, so that no caller
 * has to check for NULL.
 */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
oom(void)
{
	fputs("backlint: out of memory\n", stderr);
	exit(2);
}

void *
bl_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
bl_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
bl_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom();
	return q;
}

char *
bl_xstrndup(const char *s, size_t n)
{
	char *p = bl_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
bl_xstrdup(const char *s)
{
	return bl_xstrndup(s, strlen(s));
}

/* Arena: a list of chunks; large requests get a chunk of their own. */

/* Zero bytes kept after what a chunk has handed out: readers that look a
 * little past a text's end (a JIT-compiled pattern) read zeros. */
#define TAIL 16

struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(max_align_t) unsigned char data[];
};

struct bl_arena {
	struct chunk *head;
	size_t total;
};

#define CHUNK_SIZE (64 * 1024)
#define ALIGN(n) (((n) + (_Alignof(max_align_t) - 1)) & ~(_Alignof(max_align_t) - 1))

/* A thread's spare chunks (of CHUNK_SIZE), from the arenas it freed while
 * it keeps them (bl_arena_keep_chunks): a worker's next file takes them
 * instead of going to malloc, which also spares free() the consolidation
 * that freeing chunks this size sets off. */
#define MAX_SPARE 32 /* 2 MB a thread */
static _Thread_local struct chunk *spare;
static _Thread_local size_t nspare;
static _Thread_local bool keeping;

void
bl_arena_keep_chunks(bool keep)
{
	keeping = keep;
	while (!keep && spare != NULL) {
		struct chunk *c = spare;

		spare = c->next;
		free(c);
	}
	nspare = keep ? nspare : 0;
}

/* Frees chunk c, or keeps it for the thread's next arenas. */
static void
chunk_free(struct chunk *c)
{
	if (keeping && c->size == CHUNK_SIZE && nspare < MAX_SPARE) {
		c->next = spare;
		spare = c;
		nspare++;
	} else
		free(c);
}

/* A chunk of size bytes: a spare one when the size is CHUNK_SIZE. */
static struct chunk *
chunk_new(size_t size)
{
	struct chunk *c = spare;

	if (size == CHUNK_SIZE && c != NULL) {
		spare = c->next;
		nspare--;
	} else
		c = bl_xmalloc(sizeof(*c) + size + TAIL);
	c->size = size;
	return c;
}

struct bl_arena *
bl_arena_new(void)
{
	return bl_xcalloc(1, sizeof(struct bl_arena));
}

void
bl_arena_free(struct bl_arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		chunk_free(c);
	}
	free(a);
}

/* n bytes of a, not cleared, at an offset that is a multiple of align (a
 * power of two up to max_align_t's). */
static void *
arena_take(struct bl_arena *a, size_t n, size_t align)
{
	struct chunk *c = a->head;
	size_t at = c != NULL ? (c->used + align - 1) & ~(align - 1) : 0;

	if (c == NULL || at > c->size || c->size - at < n) {
		size_t size = n > CHUNK_SIZE / 4 ? ALIGN(n) : CHUNK_SIZE;

		c = chunk_new(size);
		if (size == ALIGN(n) && a->head != NULL) {
			/* Keep the current chunk on top for small requests. */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
		a->total += size;
		at = 0;
	}
	c->used = at + n;
	memset(c->data + c->used, 0, TAIL);
	return c->data + at;
}

void
bl_arena_reset(struct bl_arena *a)
{
	struct chunk *keep = a->head, *c, *next;

	if (keep == NULL)
		return;
	for (c = keep->next; c != NULL; c = next) {
		next = c->next;
		chunk_free(c);
	}
	keep->used = 0;
	keep->next = NULL;
	a->total = keep->size;
}

void *
bl_arena_alloc(struct bl_arena *a, size_t n)
{
	void *p;

	n = n ? n : 1;
	p = arena_take(a, n, _Alignof(max_align_t));
	memset(p, 0, n);
	return p;
}

size_t
bl_arena_used(const struct bl_arena *a)
{
	return a->total;
}

char *
bl_arena_strndup(struct bl_arena *a, const char *s, size_t n)
{
	/* Text needs no alignment: strings pack. */
	char *p = arena_take(a, n + 1, 1);

	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
bl_arena_strdup(struct bl_arena *a, const char *s)
{
	return bl_arena_strndup(a, s, strlen(s));
}

char *
bl_arena_printf(struct bl_arena *a, const char *fmt, ...)
{
	struct bl_buf b = {0};
	va_list ap;
	char *p;

	va_start(ap, fmt);
	bl_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p = bl_arena_strndup(a, b.s ? b.s : "", b.len);
	bl_buf_free(&b);
	return p;
}

void *
bl_arena_push(struct bl_arena *a, void **pp, size_t *n, size_t *cap, size_t sz)
{
	unsigned char *p;

	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;
		void *np = bl_arena_alloc(a, ncap * sz);

		if (*n)
			memcpy(np, *pp, *n * sz);
		*pp = np;
		*cap = ncap;
	}
	p = (unsigned char *)*pp + (*n)++ * sz;
	memset(p, 0, sz);
	return p;
}

void
bl_buf_add(struct bl_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 256;

		while (ncap < b->len + n + 1)
			ncap *= 2;
		b->s = bl_xrealloc(b->s, ncap);
		b->cap = ncap;
	}
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
bl_buf_puts(struct bl_buf *b, const char *s)
{
	bl_buf_add(b, s, strlen(s));
}

void
bl_buf_putc(struct bl_buf *b, char c)
{
	bl_buf_add(b, &c, 1);
}

void
bl_buf_vprintf(struct bl_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	bl_buf_add(b, "", 0);
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = b->len + (size_t)n + 1;
		b->s = bl_xrealloc(b->s, b->cap);
	}
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
bl_buf_printf(struct bl_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bl_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
bl_buf_free(struct bl_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
bl_buf_json_str(struct bl_buf *b, const char *s, size_t n)
{
	size_t i;

	bl_buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"': bl_buf_puts(b, "\\\""); break;
		case '\\': bl_buf_puts(b, "\\\\"); break;
		case '\n': bl_buf_puts(b, "\\n"); break;
		case '\r': bl_buf_puts(b, "\\r"); break;
		case '\t': bl_buf_puts(b, "\\t"); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				bl_buf_printf(b, "\\u%04x", c);
			} else if (c >= 0x80) {
				size_t l = bl_utf8_len((const unsigned char *)s + i, n - i);

				if (l == 1 && c >= 0x80)
					bl_buf_puts(b, "\\ufffd");
				else
					bl_buf_add(b, s + i, l);
				i += l - 1;
			} else
				bl_buf_putc(b, (char)c);
		}
	}
	bl_buf_putc(b, '"');
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int
bl_strcaseeq(const char *a, const char *b)
{
	while (*a && *b && lower((unsigned char)*a) == lower((unsigned char)*b))
		a++, b++;
	return *a == '\0' && *b == '\0';
}

int
bl_strncaseeq(const char *a, size_t alen, const char *b)
{
	size_t i;

	for (i = 0; i < alen; i++)
		if (b[i] == '\0' || lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return b[alen] == '\0';
}

int
bl_strcaseprefix(const char *s, size_t n, const char *prefix)
{
	size_t i;

	for (i = 0; prefix[i] != '\0'; i++)
		if (i >= n || lower((unsigned char)s[i]) != lower((unsigned char)prefix[i]))
			return 0;
	return 1;
}

static int
isws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void
bl_trim(const char **s, size_t *n)
{
	while (*n && isws(**s))
		(*s)++, (*n)--;
	while (*n && isws((*s)[*n - 1]))
		(*n)--;
}

size_t
bl_utf8_len(const unsigned char *s, size_t avail)
{
	size_t need, i;
	uint32_t cp;

	if (avail == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0)
		need = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		need = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		need = 4, cp = s[0] & 0x07;
	else
		return 1;
	if (need > avail)
		return 1;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 1;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 2 && cp < 0x80) || (need == 3 && cp < 0x800) ||
	    (need == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return 1;
	return need;
}

uint32_t
bl_utf8_col(const char *s, size_t len, uint32_t col)
{
	size_t i = 0, end = col > 0 ? col - 1 : 0;
	uint32_t chars = 0;

	while (i < end && i < len) {
		i += bl_utf8_len((const unsigned char *)s + i, len - i);
		chars++;
	}
	if (end > i)
		chars += (uint32_t)(end - i);
	return chars + 1;
}

size_t
bl_ascii_prefix(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	/* Eight bytes at a time: most backlogs are ASCII throughout. */
	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, u + i, sizeof(w));
		if (w & UINT64_C(0x8080808080808080))
			break;
	}
	while (i < n && u[i] < 0x80)
		i++;
	return i;
}

int
bl_utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t l;

		i += bl_ascii_prefix(s + i, n - i);
		if (i == n)
			break;
		l = bl_utf8_len(u + i, n - i);

		if (l == 1 && u[i] >= 0x80) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += l;
	}
	return 1;
}

size_t
bl_edit_distance(const char *a, const char *b)
{
	size_t m = strlen(a), n = strlen(b), i, j;
	size_t rows[3][64], *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	if (m > 63 || n > 63)
		return SIZE_MAX;
	for (j = 0; j <= n; j++)
		prev[j] = j;
	for (i = 1; i <= m; i++) {
		cur[0] = i;
		for (j = 1; j <= n; j++) {
			size_t c = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1 < c)
				c = prev[j] + 1;
			if (cur[j - 1] + 1 < c)
				c = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < c)
				c = prev2[j - 2] + 1;
			cur[j] = c;
		}
		{
			size_t *t = prev2;

			prev2 = prev;
			prev = cur;
			cur = t;
		}
	}
	return prev[n];
}

bool
bl_buf_read(struct bl_buf *b, FILE *fp)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		bl_buf_add(b, chunk, n);
	return !ferror(fp);
}

bool
bl_buf_read_fd(struct bl_buf *b, int fd)
{
	for (;;) {
		ssize_t n;

		/* Grow only when full: a buffer made for the file's size has
		 * room left for the read that finds its end. */
		if (b->len + 1 >= b->cap) {
			b->cap = b->cap ? b->cap * 2 : 65536;
			b->s = bl_xrealloc(b->s, b->cap);
		}
		n = read(fd, b->s + b->len, b->cap - b->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (n == 0)
			break;
		b->len += (size_t)n;
	}
	b->s[b->len] = '\0';
	return true;
}
