/*
 * The loader's front door: reads a path (or takes a buffer), checks the
 * encoding, chooses the input form by file name and content, and reads
 * story lists (.txt, one user story per line) itself.
 */
#include "load_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char *
extension(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return dot && dot != base ? dot + 1 : "";
}

static enum bl_file_kind
kind_of(const char *path)
{
	const char *ext = extension(path);

	if (bl_strcaseeq(ext, "md") || bl_strcaseeq(ext, "markdown") ||
	    bl_strcaseeq(ext, "mdown") || bl_strcaseeq(ext, "mkd"))
		return BL_FILE_MARKDOWN;
	if (bl_strcaseeq(ext, "yml") || bl_strcaseeq(ext, "yaml"))
		return BL_FILE_YAML;
	if (bl_strcaseeq(ext, "txt") || bl_strcaseeq(ext, "text"))
		return BL_FILE_TEXT;
	return BL_FILE_UNKNOWN;
}

/* Formats backlint has no loader for yet, which a user may still name:
 * tracker exports and spreadsheets. */
static bool
unsupported(const char *path)
{
	static const char *const ext[] = {"json", "jsonl", "csv", "tsv",
	                                  "xlsx", "xls",   "xml", NULL};
	size_t i;

	for (i = 0; ext[i] != NULL; i++)
		if (bl_strcaseeq(extension(path), ext[i]))
			return true;
	return false;
}

bool
bl_load_wants(const char *name)
{
	const char *base = strrchr(name, '/');

	base = base ? base + 1 : name;
	if (strcmp(base, ".backlint.yml") == 0 || strcmp(base, ".backlint.yaml") == 0)
		return false;
	return kind_of(name) != BL_FILE_UNKNOWN;
}

/* One user story per line; blank lines skipped. */
void
bl_load_txt(struct bl_file *f, const struct bl_load_opts *opts)
{
	uint32_t l, lines = 0, stories = 0;

	for (l = 1; l <= f->nlines; l++) {
		size_t len;
		const char *s = bl_file_line(f, l, &len);
		struct bl_text t = bl_text_at(f, (size_t)(s - f->data), len);

		t = bl_text_sub(f, &t, 0, t.len);
		if (t.len == 0)
			continue;
		lines++;
		if (bl_story_opener(opts->stories, t.s, t.len))
			stories++;
	}
	/* A text file is a story list when most of its lines are stories. */
	if (!opts->explicit_file && (lines == 0 || stories * 2 < lines)) {
		f->skip_reason = "fewer than half of its lines are user stories";
		return;
	}
	f->is_backlog = true;
	for (l = 1; l <= f->nlines; l++) {
		size_t len;
		const char *s = bl_file_line(f, l, &len);
		struct bl_text t = bl_text_at(f, (size_t)(s - f->data), len);
		struct bl_item *it;

		t = bl_text_sub(f, &t, 0, t.len);
		if (t.len == 0)
			continue;
		it = bl_file_add_item(f);
		it->origin = BL_ORIGIN_LIST;
		it->span = t.span;
		it->story = t;
		it->story_from_section = true;
		bl_item_finish(f, it, opts);
	}
}

/* Sniffs the form of a file whose name does not tell. */
static enum bl_file_kind
sniff(const struct bl_file *f)
{
	size_t i = 0;

	if (f->len >= 3 && memcmp(f->data, "---", 3) == 0)
		return BL_FILE_MARKDOWN;
	while (i < f->len && (f->data[i] == ' ' || f->data[i] == '\n' || f->data[i] == '\r'))
		i++;
	if (i < f->len && f->data[i] == '#')
		return BL_FILE_MARKDOWN;
	if (i + 1 < f->len && f->data[i] == '-' && f->data[i + 1] == ' ')
		return BL_FILE_YAML;
	return BL_FILE_TEXT;
}

/* Reads file f, of len bytes as given (a BOM included). */
static struct bl_file *
load(struct bl_file *f, size_t len, const struct bl_load_opts *opts)
{
	const char *path = f->path;
	size_t bad;
	const char *nul = memchr(f->data, '\0', f->len);

	f->kind = kind_of(path);
	if (f->kind == BL_FILE_UNKNOWN)
		f->kind = sniff(f);
	if (opts->max_bytes && len > opts->max_bytes) {
		f->is_backlog = opts->explicit_file;
		f->skip_reason = "larger than the size limit";
		bl_file_diag(
		        f, BL_DIAG_TOO_LARGE, bl_file_span(f, 0, 0),
		        "file is %zu bytes, over the limit of %zu (--max-size); it is not read",
		        len, opts->max_bytes);
		return f;
	}
	if (nul != NULL) {
		f->is_backlog = opts->explicit_file;
		f->skip_reason = "binary (holds NUL bytes)";
		bl_file_diag(f, BL_DIAG_ENCODING, bl_file_span(f, (size_t)(nul - f->data), 1),
		             "file holds a NUL byte: it is not text, and is not read");
		return f;
	}
	if (!bl_utf8_valid(f->data, f->len, &bad)) {
		bl_file_diag(f, BL_DIAG_ENCODING, bl_file_span(f, bad, 1),
		             "invalid UTF-8 (byte 0x%02x); save the file as UTF-8",
		             (unsigned char)f->data[bad]);
	}
	if (opts->personas_only && f->kind != BL_FILE_MARKDOWN) {
		f->skip_reason = "a document folder, not items";
		return f;
	}
	switch (f->kind) {
	case BL_FILE_MARKDOWN: bl_load_md(f, opts); break;
	case BL_FILE_YAML: bl_load_yaml(f, opts); break;
	default: bl_load_txt(f, opts); break;
	}
	if (f->ndiags > 0 && f->nitems == 0 && !f->is_backlog &&
	    f->diags[0].kind == BL_DIAG_ENCODING)
		f->skip_reason = "not UTF-8 text";
	return f;
}

struct bl_file *
bl_load_buffer(const char *path, const char *data, size_t len, const struct bl_load_opts *opts)
{
	return load(bl_file_new(path, data, len), len, opts);
}

struct bl_file *
bl_load_path(const char *path, const struct bl_load_opts *opts, char *err, size_t errlen)
{
	static const char pad[BL_FILE_PAD];
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct bl_buf b = {0};
	struct bl_file *f;
	struct stat st;
	size_t len;

	if (fp == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		return NULL;
	}
	if (fp != stdin && unsupported(path)) {
		/* A tracker export read as a story list would report each line. */
		snprintf(err, errlen,
		         "unsupported format: .%s files are not read (backlint reads .md, "
		         ".markdown, "
		         ".yml, .yaml and .txt backlogs)",
		         extension(path));
		fclose(fp);
		return NULL;
	}
	if (fp != stdin && fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode)) {
		/* Do not read a file only to say it is too large. */
		if (opts->max_bytes && (size_t)st.st_size > opts->max_bytes) {
			fclose(fp);
			f = bl_file_new(path, "", 0);
			f->kind = kind_of(path);
			f->is_backlog = true;
			bl_file_diag(f, BL_DIAG_TOO_LARGE, bl_file_span(f, 0, 0),
			             "file is %zu bytes, over the limit of %zu (--max-size); it is "
			             "not read",
			             (size_t)st.st_size, opts->max_bytes);
			return f;
		}
		/* Room for the whole file and its padding: no regrowing. */
		b.cap = (size_t)st.st_size + BL_FILE_PAD + 1;
		b.s = bl_xmalloc(b.cap);
	}
	if (!bl_buf_read(&b, fp)) {
		snprintf(err, errlen, "%s", strerror(errno ? errno : EIO));
		if (fp != stdin)
			fclose(fp);
		bl_buf_free(&b);
		return NULL;
	}
	if (fp != stdin)
		fclose(fp);
	if (b.s == NULL)
		return bl_load_buffer(path, "", 0, opts);
	len = b.len;
	bl_buf_add(&b, pad, sizeof(pad));
	return load(bl_file_take(path, b.s, len), len, opts);
}
