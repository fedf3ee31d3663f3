/*
 * Baselines (see baseline.h for the file format): writing the findings of
 * a run as sorted text lines keyed by path, rule id, item id and a
 * fingerprint of the collapsed source line, atomically; loading such a
 * file into a hash table of distinct keys with occurrence counts, with
 * "file:line: reason" errors for anything malformed; and matching the
 * findings of a later run against it, each match using up one recorded
 * occurrence. Everything is linear in the number of findings.
 */
#include "baseline.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

struct bl_baseline {
	struct bl_arena *arena; /* the entries' strings and keys */
	struct bl_baseline_entry *entries;
	const char **keys; /* entries[i]'s key (encoded fields 1-4) */
	uint64_t *hashes;  /* hash of keys[i] */
	size_t n, cap;
	size_t *slots;           /* open addressing: entry index + 1, 0 empty */
	size_t nslots;           /* a power of two, at least 2 * n */
	size_t total;            /* sum of the counts */
	struct bl_buf key, text; /* scratch */
};

/* Empties b, leaving it allocated and NUL-terminated. */
static void
reset(struct bl_buf *b)
{
	b->len = 0;
	bl_buf_add(b, "", 0);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Appends s with runs of white space made one space and the ends trimmed. */
static void
collapse(struct bl_buf *out, const char *s)
{
	bool space = false, any = false;

	for (; *s; s++) {
		if (is_space(*s)) {
			space = true;
			continue;
		}
		if (space && any)
			bl_buf_putc(out, ' ');
		bl_buf_putc(out, *s);
		space = false;
		any = true;
	}
}

static uint64_t
fingerprint_into(struct bl_buf *text, const char *line)
{
	reset(text);
	collapse(text, line ? line : "");
	return bl_fnv(BL_FNV_OFFSET, text->s, text->len);
}

uint64_t
bl_baseline_fingerprint(const struct bl_finding *fd)
{
	struct bl_buf t = {0};
	uint64_t h = fingerprint_into(&t, fd->line);

	bl_buf_free(&t);
	return h;
}

/* Appends s[0, n) escaped for a field: backslash, tab, LF and CR always;
 * a leading '#' when first (the line would read as a comment); and the
 * whole field when it is "-" and dash (an item id, not "none"). */
static void
put_field(struct bl_buf *b, const char *s, size_t n, bool first, bool dash)
{
	size_t i;

	if (dash && n == 1 && s[0] == '-') {
		bl_buf_puts(b, "\\-");
		return;
	}
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\\': bl_buf_puts(b, "\\\\"); break;
		case '\t': bl_buf_puts(b, "\\t"); break;
		case '\n': bl_buf_puts(b, "\\n"); break;
		case '\r': bl_buf_puts(b, "\\r"); break;
		case '#': bl_buf_puts(b, first && i == 0 ? "\\#" : "#"); break;
		default: bl_buf_putc(b, s[i]);
		}
	}
}

/* Appends path without leading "./", doubled slashes and "/./" parts, so
 * "./backlog//a.md" and "backlog/a.md" are the same file. */
static void
put_norm_path(struct bl_buf *b, const char *p)
{
	size_t start = b->len;

	while (p[0] == '.' && p[1] == '/') {
		p += 2;
		while (*p == '/')
			p++;
	}
	for (; *p; p++) {
		bool at_seg = b->len > start && b->s[b->len - 1] == '/';

		if (*p == '/' && at_seg)
			continue;
		if (at_seg && p[0] == '.' && p[1] == '/') {
			p++;
			continue;
		}
		bl_buf_putc(b, *p);
	}
}

/* Sets key to the encoded first four fields of a baseline line, and tmp
 * to the normalised path. */
static void
make_key(struct bl_buf *key, struct bl_buf *tmp, const char *path, const char *rule,
         const char *item, uint64_t fp)
{
	reset(key);
	reset(tmp);
	put_norm_path(tmp, path ? path : "");
	put_field(key, tmp->s, tmp->len, true, false);
	bl_buf_putc(key, '\t');
	put_field(key, rule, strlen(rule), false, false);
	bl_buf_putc(key, '\t');
	if (item == NULL || *item == '\0')
		bl_buf_putc(key, '-');
	else
		put_field(key, item, strlen(item), false, true);
	bl_buf_printf(key, "\t%016llx", (unsigned long long)fp);
}

/* The hash table. */

static size_t
find_slot(const struct bl_baseline *b, const char *key, size_t len, uint64_t h)
{
	size_t mask = b->nslots - 1, i = (size_t)h & mask;

	for (;;) {
		size_t s = b->slots[i];

		if (s == 0)
			return i;
		if (b->hashes[s - 1] == h && strlen(b->keys[s - 1]) == len &&
		    memcmp(b->keys[s - 1], key, len) == 0)
			return i;
		i = (i + 1) & mask;
	}
}

static void
grow_table(struct bl_baseline *b)
{
	size_t i;

	free(b->slots);
	b->nslots = b->nslots ? b->nslots * 2 : 64;
	b->slots = bl_xcalloc(b->nslots, sizeof(*b->slots));
	for (i = 0; i < b->n; i++) {
		size_t mask = b->nslots - 1, j = (size_t)b->hashes[i] & mask;

		while (b->slots[j] != 0)
			j = (j + 1) & mask;
		b->slots[j] = i + 1;
	}
}

static struct bl_baseline_entry *
lookup(const struct bl_baseline *b, const struct bl_buf *key)
{
	size_t s;

	if (b->nslots == 0)
		return NULL;
	s = b->slots[find_slot(b, key->s, key->len, bl_fnv(BL_FNV_OFFSET, key->s, key->len))];
	return s ? &b->entries[s - 1] : NULL;
}

/* Adds one occurrence of key, a new entry (with copies of the fields)
 * unless the key is known. */
static void
add(struct bl_baseline *b, const struct bl_buf *key, const char *path, const char *rule,
    const char *item, uint64_t fp, const char *text, size_t line)
{
	uint64_t h = bl_fnv(BL_FNV_OFFSET, key->s, key->len);
	struct bl_baseline_entry *en;
	size_t slot;

	if (2 * (b->n + 1) > b->nslots)
		grow_table(b);
	slot = find_slot(b, key->s, key->len, h);
	b->total++;
	if (b->slots[slot] != 0) {
		b->entries[b->slots[slot] - 1].count++;
		return;
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->entries = bl_xrealloc(b->entries, b->cap * sizeof(*b->entries));
		b->keys = bl_xrealloc(b->keys, b->cap * sizeof(*b->keys));
		b->hashes = bl_xrealloc(b->hashes, b->cap * sizeof(*b->hashes));
	}
	en = &b->entries[b->n];
	en->path = bl_arena_strdup(b->arena, path);
	en->rule = bl_arena_strdup(b->arena, rule);
	en->item = item ? bl_arena_strdup(b->arena, item) : NULL;
	en->fingerprint = fp;
	en->text = bl_arena_strdup(b->arena, text);
	en->line = line;
	en->count = 1;
	en->matched = 0;
	b->keys[b->n] = bl_arena_strndup(b->arena, key->s, key->len);
	b->hashes[b->n] = h;
	b->n++;
	b->slots[slot] = b->n;
}

/* Loading. */

static void BL_PRINTF(5, 6)
        fail(char *err, size_t errlen, const char *path, size_t line, const char *fmt, ...)
{
	struct bl_buf m = {0};
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	if (line)
		bl_buf_printf(&m, "%s:%zu: ", path, line);
	else
		bl_buf_printf(&m, "%s: ", path);
	va_start(ap, fmt);
	bl_buf_vprintf(&m, fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s", m.s);
	bl_buf_free(&m);
}

/* A short, printable form of s[0, n) for a message, in q. */
static const char *
quote(struct bl_buf *q, const char *s, size_t n)
{
	size_t i;

	reset(q);
	for (i = 0; i < n && i < 40; i++)
		bl_buf_putc(q, (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i]);
	if (i < n) {
		while (q->len && ((unsigned char)q->s[q->len - 1] & 0xc0) == 0x80)
			q->len--;
		if (q->len && (unsigned char)q->s[q->len - 1] >= 0xc0)
			q->len--;
		q->s[q->len] = '\0';
		bl_buf_puts(q, "...");
	}
	return q->s;
}

/* Decodes field s[0, n) into out; false with the bad escape's offset. */
static bool
decode(struct bl_buf *out, const char *s, size_t n, size_t *bad)
{
	size_t i;

	reset(out);
	for (i = 0; i < n; i++) {
		if (s[i] != '\\') {
			bl_buf_putc(out, s[i]);
			continue;
		}
		if (i + 1 == n) {
			*bad = i;
			return false;
		}
		switch (s[++i]) {
		case '\\': bl_buf_putc(out, '\\'); break;
		case 't': bl_buf_putc(out, '\t'); break;
		case 'n': bl_buf_putc(out, '\n'); break;
		case 'r': bl_buf_putc(out, '\r'); break;
		case '#': bl_buf_putc(out, '#'); break;
		case '-': bl_buf_putc(out, '-'); break;
		default: *bad = i - 1; return false;
		}
	}
	return true;
}

static bool
rule_id_ok(const char *s)
{
	const char *slash = strchr(s, '/');
	const char *p;

	if (slash == NULL || slash == s || slash[1] == '\0')
		return false;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '/'))
			return false;
	return true;
}

static bool
parse_fp(const char *s, size_t n, uint64_t *fp)
{
	size_t i;

	if (n != 16)
		return false;
	*fp = 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return false;
		*fp = *fp << 4 | d;
	}
	return true;
}

static const char *const field_names[] = {"path", "rule", "item", "fingerprint", "line"};

/* Parses one entry line s[0, n) (no line end); false with err set. */
static bool
parse_line(struct bl_baseline *b, const char *path, size_t lineno, const char *s, size_t n,
           char *err, size_t errlen)
{
	const char *f[6];
	size_t flen[6], nf = 0, i, start = 0, bad;
	struct bl_buf dec[5] = {{0}}, q = {0};
	const char *item;
	uint64_t fp = 0;
	bool ok = false;

	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '\t')
			continue;
		if (nf < 6) {
			f[nf] = s + start;
			flen[nf] = i - start;
		}
		nf++;
		start = i + 1;
	}
	if (nf < 4 || nf > 5) {
		fail(err, errlen, path, lineno,
		     "expected 4 or 5 tab-separated fields (path, rule, item, fingerprint, line), "
		     "found %zu in '%s'",
		     nf, quote(&q, s, n));
		goto out;
	}
	for (i = 0; i < nf; i++) {
		if (!decode(&dec[i], f[i], flen[i], &bad)) {
			fail(err, errlen, path, lineno, "bad escape '%s' in the %s field",
			     quote(&q, f[i] + bad, flen[i] - bad < 2 ? flen[i] - bad : 2),
			     field_names[i]);
			goto out;
		}
	}
	if (dec[0].len == 0) {
		fail(err, errlen, path, lineno, "empty path");
		goto out;
	}
	if (!rule_id_ok(dec[1].s)) {
		fail(err, errlen, path, lineno, "bad rule id '%s': expected family/name",
		     quote(&q, f[1], flen[1]));
		goto out;
	}
	if (flen[2] == 0) {
		fail(err, errlen, path, lineno, "empty item id (write '-' for none)");
		goto out;
	}
	if (!parse_fp(f[3], flen[3], &fp)) {
		fail(err, errlen, path, lineno, "bad fingerprint '%s': expected 16 hex digits",
		     quote(&q, f[3], flen[3]));
		goto out;
	}
	item = flen[2] == 1 && f[2][0] == '-' ? NULL : dec[2].s;
	make_key(&b->key, &b->text, dec[0].s, dec[1].s, item, fp);
	add(b, &b->key, b->text.s, dec[1].s, item, fp, nf == 5 ? dec[4].s : "", lineno);
	ok = true;
out:
	for (i = 0; i < 5; i++)
		bl_buf_free(&dec[i]);
	bl_buf_free(&q);
	return ok;
}

static struct bl_baseline *
baseline_new(void)
{
	struct bl_baseline *b = bl_xcalloc(1, sizeof(*b));

	b->arena = bl_arena_new();
	return b;
}

/* Whether line s[0, n) is the header (trailing white space allowed). */
static bool
check_header(const char *path, const char *s, size_t n, char *err, size_t errlen)
{
	static const char hdr[] = BL_BASELINE_HEADER;
	static const char stem[] = "# backlint baseline v";
	struct bl_buf q = {0};

	while (n > 0 && is_space(s[n - 1]))
		n--;
	if (n == sizeof(hdr) - 1 && memcmp(s, hdr, n) == 0)
		return true;
	if (n >= sizeof(stem) - 1 && memcmp(s, stem, sizeof(stem) - 1) == 0)
		fail(err, errlen, path, 1,
		     "unsupported baseline version '%s' (this backlint reads v1)",
		     quote(&q, s + sizeof(stem) - 2, n - (sizeof(stem) - 2)));
	else
		fail(err, errlen, path, 1,
		     "not a backlint baseline: the first line must be '" BL_BASELINE_HEADER "'");
	bl_buf_free(&q);
	return false;
}

static bool
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

struct bl_baseline *
bl_baseline_parse(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
	struct bl_baseline *b = baseline_new();
	size_t pos = 0, lineno = 0;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	while (pos < len || lineno == 0) {
		const char *s = data + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;

		lineno++;
		pos += n + (nl != NULL);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (memchr(s, '\0', n) != NULL) {
			fail(err, errlen, path, lineno, "NUL byte: not a text file");
			goto bad;
		}
		if (lineno == 1) {
			if (!check_header(path, s, n, err, errlen))
				goto bad;
			continue;
		}
		if (blank(s, n) || s[0] == '#')
			continue;
		if (!parse_line(b, path, lineno, s, n, err, errlen))
			goto bad;
	}
	return b;
bad:
	bl_baseline_free(b);
	return NULL;
}

struct bl_baseline *
bl_baseline_load(const char *path, char *err, size_t errlen)
{
	struct bl_buf data = {0};
	struct bl_baseline *b;
	char chunk[8192];
	size_t got;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL) {
		fail(err, errlen, path, 0, "cannot read the baseline: %s", strerror(errno));
		return NULL;
	}
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		bl_buf_add(&data, chunk, got);
	if (ferror(fp)) {
		fail(err, errlen, path, 0, "cannot read the baseline: %s", strerror(errno));
		fclose(fp);
		bl_buf_free(&data);
		return NULL;
	}
	fclose(fp);
	b = bl_baseline_parse(path, data.s ? data.s : "", data.len, err, errlen);
	bl_buf_free(&data);
	return b;
}

void
bl_baseline_free(struct bl_baseline *b)
{
	if (b == NULL)
		return;
	bl_arena_free(b->arena);
	free(b->entries);
	free(b->keys);
	free(b->hashes);
	free(b->slots);
	bl_buf_free(&b->key);
	bl_buf_free(&b->text);
	free(b);
}

/* Matching. */

bool
bl_baseline_match(struct bl_baseline *b, const struct bl_engine *e, const struct bl_finding *fd)
{
	const struct bl_rule *r = bl_engine_rule(e, fd->rule);
	struct bl_baseline_entry *en;
	uint64_t fp;

	if (r == NULL)
		return false;
	fp = fingerprint_into(&b->text, fd->line);
	make_key(&b->key, &b->text, fd->path, r->id, fd->item_id, fp);
	en = lookup(b, &b->key);
	if (en == NULL || en->matched >= en->count)
		return false;
	en->matched++;
	return true;
}

size_t
bl_baseline_size(const struct bl_baseline *b)
{
	return b->total;
}

size_t
bl_baseline_unmatched(const struct bl_baseline *b)
{
	size_t i, n = 0;

	for (i = 0; i < b->n; i++)
		n += b->entries[i].count - b->entries[i].matched;
	return n;
}

const struct bl_baseline_entry *
bl_baseline_entries(const struct bl_baseline *b, size_t *n)
{
	*n = b->n;
	return b->entries;
}

/* Writing. */

static int
cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
bl_baseline_format(struct bl_buf *out, const struct bl_engine *e, const struct bl_finding *fds,
                   size_t n)
{
	struct bl_arena *a = bl_arena_new();
	struct bl_buf key = {0}, text = {0}, tmp = {0};
	char **lines = bl_xcalloc(n ? n : 1, sizeof(*lines));
	size_t i, nl = 0;

	for (i = 0; i < n; i++) {
		const struct bl_rule *r = bl_engine_rule(e, fds[i].rule);
		uint64_t fp;

		if (r == NULL)
			continue;
		fp = fingerprint_into(&text, fds[i].line);
		make_key(&key, &tmp, fds[i].path, r->id, fds[i].item_id, fp);
		bl_buf_putc(&key, '\t');
		put_field(&key, text.s, text.len, false, false);
		lines[nl++] = bl_arena_strndup(a, key.s, key.len);
	}
	qsort(lines, nl, sizeof(*lines), cmp_lines);
	bl_buf_puts(out, BL_BASELINE_HEADER "\n");
	bl_buf_puts(out, "# path\trule\titem\tfingerprint\tline\n");
	for (i = 0; i < nl; i++) {
		bl_buf_puts(out, lines[i]);
		bl_buf_putc(out, '\n');
	}
	free(lines);
	bl_buf_free(&key);
	bl_buf_free(&text);
	bl_buf_free(&tmp);
	bl_arena_free(a);
}

bool
bl_baseline_write(const char *path, const struct bl_engine *e, const struct bl_finding *fds,
                  size_t n, char *err, size_t errlen)
{
	struct bl_buf text = {0};
	struct bl_outfile o;
	bool ok;

	bl_baseline_format(&text, e, fds, n);
	ok = bl_outfile_open(&o, path);
	if (ok) {
		if (text.len > 0 && fwrite(text.s, 1, text.len, o.fp) != text.len) {
			int saved = errno;

			bl_outfile_abort(&o);
			errno = saved;
			ok = false;
		} else
			ok = bl_outfile_commit(&o);
	}
	if (!ok)
		fail(err, errlen, path, 0, "cannot write the baseline: %s", strerror(errno));
	bl_buf_free(&text);
	return ok;
}
