/*
 * Small utilities shared by every stage: allocation that never returns
 * NULL, a chunked arena that owns everything belonging to one input file,
 * growable byte buffers and arrays, and string helpers.
 */
#ifndef BL_UTIL_H
#define BL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define BL_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define BL_PRINTF(a, b)
#endif

/* Allocation wrappers: on failure they print a message and exit(2). */
void *bl_xmalloc(size_t n);
void *bl_xcalloc(size_t n, size_t size);
void *bl_xrealloc(void *p, size_t n);
char *bl_xstrdup(const char *s);
char *bl_xstrndup(const char *s, size_t n);

/* A bump allocator; everything is freed at once by bl_arena_free(). */
struct bl_arena;
struct bl_arena *bl_arena_new(void);
void bl_arena_free(struct bl_arena *a);
/* Empties a, keeping one chunk for what comes next. */
void bl_arena_reset(struct bl_arena *a);
void *bl_arena_alloc(struct bl_arena *a, size_t n); /* zeroed, aligned */
char *bl_arena_strndup(struct bl_arena *a, const char *s, size_t n);
char *bl_arena_strdup(struct bl_arena *a, const char *s);
char *bl_arena_printf(struct bl_arena *a, const char *fmt, ...) BL_PRINTF(2, 3);
/* Grows the array *pp of *n elements of size sz by one zeroed element,
 * copying into the arena when the capacity *cap is exhausted. */
void *bl_arena_push(struct bl_arena *a, void **pp, size_t *n, size_t *cap, size_t sz);
size_t bl_arena_used(const struct bl_arena *a);
/* While keep is true, the arenas the calling thread frees keep their
 * standard chunks (up to 2 MB) for its next arenas; false frees them. A
 * thread that checks many files turns it on, and off before it ends. */
void bl_arena_keep_chunks(bool keep);

/* A growable, always NUL-terminated byte buffer on the heap. */
struct bl_buf {
	char *s;
	size_t len, cap;
};
void bl_buf_add(struct bl_buf *b, const char *s, size_t n);
void bl_buf_puts(struct bl_buf *b, const char *s);
void bl_buf_putc(struct bl_buf *b, char c);
void bl_buf_printf(struct bl_buf *b, const char *fmt, ...) BL_PRINTF(2, 3);
void bl_buf_vprintf(struct bl_buf *b, const char *fmt, va_list ap) BL_PRINTF(2, 0);
void bl_buf_free(struct bl_buf *b);
/* Appends all that is left of fp to b; false on a read error. */
bool bl_buf_read(struct bl_buf *b, FILE *fp);
/* Appends what file descriptor fd holds, to its end, to b, reading into
 * b's memory (no stdio buffer, no copy: a b sized beforehand for the file
 * takes it in one read); false, with errno, on a read error. */
bool bl_buf_read_fd(struct bl_buf *b, int fd);

/* Appends s as a JSON string literal, quotes included. */
void bl_buf_json_str(struct bl_buf *b, const char *s, size_t n);

/* ASCII case-insensitive comparisons. */
int bl_strcaseeq(const char *a, const char *b);
int bl_strncaseeq(const char *a, size_t alen, const char *b);
/* Whether s[0, n) starts with prefix, ASCII case-insensitively. */
int bl_strcaseprefix(const char *s, size_t n, const char *prefix);

/* Trims ASCII white space from both ends of [*s, *s + *n). */
void bl_trim(const char **s, size_t *n);

/* Length in bytes of the valid UTF-8 sequence at s (1 for an invalid byte). */
size_t bl_utf8_len(const unsigned char *s, size_t avail);
/* The column, counted in characters, of byte column col (1-based) of the
 * line s[0, len): bytes past its end count one each. */
uint32_t bl_utf8_col(const char *s, size_t len, uint32_t col);
/* The length of the longest prefix of s[0, n) that is ASCII. */
size_t bl_ascii_prefix(const char *s, size_t n);
/* Whether [s, s + n) is valid UTF-8; *bad receives the first bad offset. */
int bl_utf8_valid(const char *s, size_t n, size_t *bad);

/* FNV-1a: the hash of every table and fingerprint. Start with
 * BL_FNV_OFFSET and continue with the result to hash several parts. */
#define BL_FNV_OFFSET UINT64_C(14695981039346656037)
#define BL_FNV_PRIME UINT64_C(1099511628211)

/* h carried on over one byte c: loops that hash text while they read it
 * (the tokeniser) take it a byte at a time. */
static inline uint64_t
bl_fnv_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * BL_FNV_PRIME;
}

/* h carried on over p[0, n). Inline: word lookups hash short keys in
 * their loops. */
static inline uint64_t
bl_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++)
		h = bl_fnv_byte(h, s[i]);
	return h;
}

/* Edit distance with transpositions (optimal string alignment) of two
 * short strings; SIZE_MAX when either is longer than 63 bytes. */
size_t bl_edit_distance(const char *a, const char *b);

#endif
