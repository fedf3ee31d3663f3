/*
 * The table of reporters and what they share (lib/report_int.h): the
 * findings shown and their tallies, relative paths, character columns,
 * escaping for each output language, a JSON writer and fingerprints.
 */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"

const struct bl_reporter *const bl_reporters[] = {
        &bl_report_text,       &bl_report_json,   &bl_report_sarif,
        &bl_report_junit,      &bl_report_github, &bl_report_gitlab,
        &bl_report_checkstyle, &bl_report_html,   NULL,
};

const struct bl_reporter *
bl_reporter_find(const char *name)
{
	size_t i;

	for (i = 0; bl_reporters[i] != NULL; i++)
		if (strcmp(bl_reporters[i]->name, name) == 0)
			return bl_reporters[i];
	return NULL;
}

void
bl_reporter_names(FILE *out)
{
	size_t i;

	for (i = 0; bl_reporters[i] != NULL; i++)
		fprintf(out, "%s%s", i ? ", " : "", bl_reporters[i]->name);
}

bool
bl_rep_shown(const struct bl_report_opts *o, const struct bl_finding *fd)
{
	return fd->severity != BL_SEV_OFF && fd->severity >= o->min;
}

void
bl_rep_count(struct bl_rep_tally *t, const struct bl_finding *fd)
{
	t->sev[fd->severity]++;
	if (t->last_file != fd->file_index + 1) {
		t->last_file = fd->file_index + 1;
		t->files++;
	}
}

size_t
bl_rep_total(const struct bl_rep_tally *t)
{
	return t->sev[BL_SEV_INFO] + t->sev[BL_SEV_WARNING] + t->sev[BL_SEV_ERROR];
}

void
bl_rep_summary(FILE *out, const struct bl_rep_tally *t, size_t files)
{
	size_t total = bl_rep_total(t), err = t->sev[BL_SEV_ERROR], warn = t->sev[BL_SEV_WARNING];

	if (total == 0)
		fprintf(out, "no problems in %zu file%s\n", files, files == 1 ? "" : "s");
	else
		fprintf(out,
		        "%zu problem%s (%zu error%s, %zu warning%s, %zu info) in %zu of %zu "
		        "file%s\n",
		        total, total == 1 ? "" : "s", err, err == 1 ? "" : "s", warn,
		        warn == 1 ? "" : "s", t->sev[BL_SEV_INFO], t->files, files,
		        files == 1 ? "" : "s");
}

/* The components of path (split at "/", without empty and "."
 * components) into parts; their number (at most max). */
static size_t
split(char *path, char **parts, size_t max)
{
	size_t n = 0;
	char *p = path, *slash;

	for (;;) {
		slash = strchr(p, '/');
		if (slash != NULL)
			*slash = '\0';
		if (*p != '\0' && strcmp(p, ".") != 0 && n < max)
			parts[n++] = p;
		if (slash == NULL)
			return n;
		p = slash + 1;
	}
}

char *
bl_rep_path(const char *path)
{
	struct bl_buf b = {0};
	char *copy = bl_xstrdup(path), *cwd = NULL, **parts, **base = NULL;
	size_t max = strlen(path) / 2 + 2, n, nbase = 0, common = 0, i;

	parts = bl_xcalloc(max, sizeof(*parts));
	n = split(copy, parts, max);
	if (path[0] == '/') {
		size_t size = 256;
		bool have = false;

		for (;;) {
			cwd = bl_xrealloc(cwd, size);
			if ((have = getcwd(cwd, size) != NULL) || size > 65536)
				break;
			size *= 2;
		}
		if (have && cwd[0] == '/') {
			size_t bmax = strlen(cwd) / 2 + 2;

			base = bl_xcalloc(bmax, sizeof(*base));
			nbase = split(cwd, base, bmax);
			while (common < n && common < nbase &&
			       strcmp(parts[common], base[common]) == 0)
				common++;
			for (i = common; i < nbase; i++)
				bl_buf_puts(&b, "../");
		} else {
			/* No working directory: the path stays absolute. */
			bl_buf_putc(&b, '/');
		}
	}
	for (i = common; i < n; i++) {
		bl_buf_puts(&b, parts[i]);
		if (i + 1 < n)
			bl_buf_putc(&b, '/');
	}
	if (b.len > 0 && b.s[b.len - 1] == '/')
		b.s[--b.len] = '\0';
	if (b.len == 0)
		bl_buf_putc(&b, '.');
	free(base);
	free(cwd);
	free(parts);
	free(copy);
	return b.s;
}

struct bl_span
bl_rep_span(const struct bl_finding *fd)
{
	struct bl_span s = fd->span;

	if (s.line == 0)
		s.line = 1;
	if (s.col == 0)
		s.col = 1;
	if (s.end_line < s.line || (s.end_line == s.line && s.end_col < s.col)) {
		s.end_line = s.line;
		s.end_col = s.col;
	}
	if (s.end_col == 0)
		s.end_col = 1;
	return s;
}

uint32_t
bl_rep_char_col(const struct bl_finding *fd, uint32_t col)
{
	if (col <= 1)
		return 1;
	/* Bytes before the part of the line we have count as one character
	 * each, and so do bytes past its end. */
	if (col - 1 <= fd->line_off)
		return col;
	return fd->line_off + bl_utf8_col(fd->line ? fd->line : "", fd->line ? strlen(fd->line) : 0,
	                                  col - fd->line_off);
}

static const char replacement[] = "\xef\xbf\xbd";

void
bl_rep_utf8(struct bl_buf *b, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t l = bl_utf8_len((const unsigned char *)s + i, n - i);

		if ((l == 1 && c >= 0x80) || c == 0x7f ||
		    (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
			bl_buf_puts(b, replacement);
		else
			bl_buf_add(b, s + i, l);
		i += l;
	}
}

void
bl_rep_xml(struct bl_buf *b, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t l = bl_utf8_len((const unsigned char *)s + i, n - i);

		i += l;
		switch (c) {
		case '&': bl_buf_puts(b, "&amp;"); continue;
		case '<': bl_buf_puts(b, "&lt;"); continue;
		case '>': bl_buf_puts(b, "&gt;"); continue;
		case '"': bl_buf_puts(b, "&quot;"); continue;
		case '\t': bl_buf_puts(b, "&#9;"); continue;
		case '\n': bl_buf_puts(b, "&#10;"); continue;
		case '\r': bl_buf_puts(b, "&#13;"); continue;
		default: break;
		}
		/* U+FFFE and U+FFFF are EF BF BE and EF BF BF. */
		if ((l == 1 && c >= 0x80) || c < 0x20 ||
		    (l == 3 && c == 0xef && (unsigned char)s[i - 2] == 0xbf &&
		     (unsigned char)s[i - 1] >= 0xbe))
			bl_buf_puts(b, replacement);
		else
			bl_buf_add(b, s + i - l, l);
	}
}

void
bl_rep_uri(struct bl_buf *b, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~' ||
		    *p == '/') {
			bl_buf_putc(b, (char)*p);
		} else {
			bl_buf_putc(b, '%');
			bl_buf_putc(b, hex[*p >> 4]);
			bl_buf_putc(b, hex[*p & 15]);
		}
	}
}

void
bl_rep_gh(struct bl_buf *b, const char *s, bool prop)
{
	struct bl_buf clean = {0};
	size_t i;

	bl_rep_utf8(&clean, s, strlen(s));
	for (i = 0; i < clean.len; i++) {
		char c = clean.s[i];

		if (c == '%')
			bl_buf_puts(b, "%25");
		else if (c == '\r')
			bl_buf_puts(b, "%0D");
		else if (c == '\n')
			bl_buf_puts(b, "%0A");
		else if (prop && c == ':')
			bl_buf_puts(b, "%3A");
		else if (prop && c == ',')
			bl_buf_puts(b, "%2C");
		else
			bl_buf_putc(b, c);
	}
	bl_buf_free(&clean);
}

/* Starts a member of the current container: the separator, the
 * indentation and the key. */
static void
jw_member(struct bl_jw *w, const char *key)
{
	int i;

	if (w->depth > 0) {
		if (w->any[w->depth])
			bl_buf_putc(w->b, ',');
		w->any[w->depth] = true;
		if (w->inl != 0 && w->depth >= w->inl) {
			if (w->b->len > 0 && w->b->s[w->b->len - 1] == ',')
				bl_buf_putc(w->b, ' ');
		} else {
			bl_buf_putc(w->b, '\n');
			for (i = 0; i < w->depth; i++)
				bl_buf_puts(w->b, "  ");
		}
	}
	if (key != NULL) {
		bl_buf_json_str(w->b, key, strlen(key));
		bl_buf_puts(w->b, ": ");
	}
}

void
bl_jw_open(struct bl_jw *w, const char *key, char bracket, bool inl)
{
	jw_member(w, key);
	bl_buf_putc(w->b, bracket);
	if (w->depth + 1 >= BL_JW_DEPTH)
		abort();
	w->depth++;
	w->any[w->depth] = false;
	w->close[w->depth] = bracket == '{' ? '}' : ']';
	if (inl && w->inl == 0)
		w->inl = w->depth;
}

void
bl_jw_close(struct bl_jw *w)
{
	int i;

	if (w->any[w->depth] && (w->inl == 0 || w->depth < w->inl)) {
		bl_buf_putc(w->b, '\n');
		for (i = 0; i < w->depth - 1; i++)
			bl_buf_puts(w->b, "  ");
	}
	bl_buf_putc(w->b, w->close[w->depth]);
	if (w->inl == w->depth)
		w->inl = 0;
	w->depth--;
	if (w->depth == 0)
		bl_buf_putc(w->b, '\n');
}

void
bl_jw_strn(struct bl_jw *w, const char *key, const char *s, size_t n)
{
	jw_member(w, key);
	if (s == NULL)
		bl_buf_puts(w->b, "null");
	else
		bl_buf_json_str(w->b, s, n);
}

void
bl_jw_str(struct bl_jw *w, const char *key, const char *s)
{
	bl_jw_strn(w, key, s, s ? strlen(s) : 0);
}

void
bl_jw_int(struct bl_jw *w, const char *key, unsigned long long v)
{
	jw_member(w, key);
	bl_buf_printf(w->b, "%llu", v);
}

void
bl_jw_raw(struct bl_jw *w, const char *key, const char *raw)
{
	jw_member(w, key);
	bl_buf_puts(w->b, raw);
}

/* Occurrence counts of finding keys: open addressing over their hashes. */
struct bl_rep_fps {
	uint64_t *keys;
	size_t *counts; /* 0: empty slot */
	size_t nslots, n;
};

struct bl_rep_fps *
bl_rep_fps_new(void)
{
	struct bl_rep_fps *f = bl_xcalloc(1, sizeof(*f));

	f->nslots = 64;
	f->keys = bl_xcalloc(f->nslots, sizeof(*f->keys));
	f->counts = bl_xcalloc(f->nslots, sizeof(*f->counts));
	return f;
}

void
bl_rep_fps_free(struct bl_rep_fps *f)
{
	if (f == NULL)
		return;
	free(f->keys);
	free(f->counts);
	free(f);
}

/* The slot of key k (where it is, or the empty one it would go to). */
static size_t
fps_slot(const struct bl_rep_fps *f, uint64_t k)
{
	size_t i = (size_t)k & (f->nslots - 1);

	while (f->counts[i] != 0 && f->keys[i] != k)
		i = (i + 1) & (f->nslots - 1);
	return i;
}

/* How often key k was seen before; counts this time. */
static size_t
fps_seen(struct bl_rep_fps *f, uint64_t k)
{
	size_t i;

	if (2 * (f->n + 1) > f->nslots) {
		struct bl_rep_fps g = {0};

		g.nslots = f->nslots * 2;
		g.keys = bl_xcalloc(g.nslots, sizeof(*g.keys));
		g.counts = bl_xcalloc(g.nslots, sizeof(*g.counts));
		for (i = 0; i < f->nslots; i++)
			if (f->counts[i] != 0) {
				size_t j = fps_slot(&g, f->keys[i]);

				g.keys[j] = f->keys[i];
				g.counts[j] = f->counts[i];
			}
		free(f->keys);
		free(f->counts);
		f->keys = g.keys;
		f->counts = g.counts;
		f->nslots = g.nslots;
	}
	i = fps_slot(f, k);
	if (f->counts[i] == 0) {
		f->keys[i] = k;
		f->n++;
	}
	return f->counts[i]++;
}

/* Adds the 8 bytes of v, least significant first, to hash h. */
static uint64_t
fnv_u64(uint64_t h, uint64_t v)
{
	unsigned char bytes[8];
	int i;

	for (i = 0; i < 8; i++)
		bytes[i] = (unsigned char)(v >> (8 * i));
	return bl_fnv(h, bytes, 8);
}

void
bl_rep_fingerprint(struct bl_rep_fps *f, const struct bl_engine *e, const struct bl_finding *fd,
                   const char *path, char out[33])
{
	const char *rule = bl_engine_rule(e, fd->rule)->id;
	uint64_t key, occ, h1, h2;

	/* Fields end with NUL; a missing item id is a lone 0x01. */
	key = bl_fnv(BL_FNV_OFFSET, path, strlen(path) + 1);
	key = bl_fnv(key, rule, strlen(rule) + 1);
	key = fd->item_id ? bl_fnv(key, fd->item_id, strlen(fd->item_id) + 1)
	                  : bl_fnv(key, "\1", 2);
	key = fnv_u64(key, bl_baseline_fingerprint(fd));
	occ = fps_seen(f, key);
	h1 = fnv_u64(key, occ);
	/* A second hash of the same, from another start, for 128 bits. */
	h2 = fnv_u64(fnv_u64(fnv_u64(BL_FNV_OFFSET ^ 0x5bd1e9955bd1e995ULL, h1), occ), key);
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1, (unsigned long long)h2);
}

void
bl_rep_reset(struct bl_buf *b)
{
	b->len = 0;
	bl_buf_add(b, "", 0);
}

void
bl_rep_flush(struct bl_buf *b, FILE *out)
{
	if (b->len > 0)
		fwrite(b->s, 1, b->len, out);
	bl_rep_reset(b);
}
