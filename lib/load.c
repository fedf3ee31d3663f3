/*
 * The loader's front door: reads a path (or takes a buffer), checks what
 * every input needs (the size limit, no NUL byte, valid UTF-8), and hands
 * the text to the input format that reads it, chosen from the table below
 * by the file name or, when the name does not tell, by the formats' bids
 * on the bytes.
 *
 * Adding an input format (a tracker export, say):
 *   1. lib/load_NAME.c: a sniff function (how sure it is that some bytes
 *      are its own), a load function that adds items to the file (through
 *      bl_file_add_item, bl_item_apply with a bl_kv for each metadata
 *      entry, bl_md_body for a field written in markdown, bl_item_finish),
 *      and a const struct bl_format bl_format_NAME naming its extensions;
 *   2. one row in formats[] below and its extern in load_int.h (a value of
 *      enum bl_file_kind in model.h when suppression comments are read
 *      differently in it: lib/suppress.c);
 *   3. fixtures: fixtures/NAME/<case>.<ext> with golden <case>.out and
 *      <case>.model (tests/cli), and loader tests in
 *      tests/unit/test_loader.c.
 * Extensions it takes over leave unsupported() below.
 */
#include "load_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The input formats, in the order they win a tied bid. */
static const struct bl_format *const formats[] = {
        &bl_format_md,
        &bl_format_yaml,
        &bl_format_txt,
        NULL,
};

static const char *
extension(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return dot && dot != base ? dot + 1 : "";
}

/* The format the file name claims, or NULL. */
static const struct bl_format *
format_of(const char *path)
{
	const char *ext = extension(path);
	size_t i, e;

	for (i = 0; formats[i] != NULL; i++)
		for (e = 0; formats[i]->extensions[e] != NULL; e++)
			if (bl_strcaseeq(ext, formats[i]->extensions[e]))
				return formats[i];
	return NULL;
}

/* The format whose bid on the bytes of f is highest. */
static const struct bl_format *
sniff(const struct bl_file *f)
{
	const struct bl_format *best = formats[0];
	int top = -1;
	size_t i;

	for (i = 0; formats[i] != NULL; i++) {
		int bid = formats[i]->sniff(f->data, f->len);

		if (bid > top)
			top = bid, best = formats[i];
	}
	return best;
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
	return format_of(name) != NULL;
}

/* Reads file f, of len bytes as given (a BOM included). */
static struct bl_file *
load(struct bl_file *f, size_t len, const struct bl_load_opts *opts)
{
	const struct bl_format *fmt = format_of(f->path);
	size_t bad;
	const char *nul = memchr(f->data, '\0', f->len);

	if (fmt == NULL)
		fmt = sniff(f);
	f->kind = fmt->kind;
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
	if (opts->personas_only && !fmt->personas) {
		f->skip_reason = "a document folder, not items";
		return f;
	}
	fmt->load(f, opts);
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

/* Reads the file at path (standard input for "-") into b, sized for it
 * beforehand, unless it is over opts' size limit: then *over holds its
 * size. Returns false, with the reason in err, when it cannot be read. */
static bool
read_path(const char *path, const struct bl_load_opts *opts, struct bl_buf *b, size_t *over,
          char *err, size_t errlen)
{
	struct stat st;
	bool ok;
	int fd;

	if (strcmp(path, "-") == 0) {
		if (bl_buf_read(b, stdin))
			return true;
		snprintf(err, errlen, "%s", strerror(errno ? errno : EIO));
		return false;
	}
	/* open and read, not stdio: a file is read in one call into memory
	 * made for it, with no buffer in between. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return false;
	}
	if (unsupported(path)) {
		/* A tracker export read as a story list would report each line. */
		snprintf(err, errlen,
		         "unsupported format: .%s files are not read (backlint reads .md, "
		         ".markdown, "
		         ".yml, .yaml and .txt backlogs)",
		         extension(path));
		close(fd);
		return false;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		/* Do not read a file only to say it is too large. */
		if (opts->max_bytes && (size_t)st.st_size > opts->max_bytes) {
			*over = (size_t)st.st_size;
			close(fd);
			return true;
		}
		/* Room for the whole file and its padding: no regrowing. */
		b->cap = (size_t)st.st_size + BL_FILE_PAD + 1;
		b->s = bl_xmalloc(b->cap);
	}
	ok = bl_buf_read_fd(b, fd);
	if (!ok)
		snprintf(err, errlen, "%s", strerror(errno ? errno : EIO));
	close(fd);
	return ok;
}

struct bl_file *
bl_load_path(const char *path, const struct bl_load_opts *opts, char *err, size_t errlen)
{
	static const char pad[BL_FILE_PAD];
	struct bl_buf b = {0};
	struct bl_file *f;
	size_t len, over = 0;

	if (!read_path(path, opts, &b, &over, err, errlen)) {
		bl_buf_free(&b);
		return NULL;
	}
	if (over > 0) {
		f = bl_file_new(path, "", 0);
		f->kind = format_of(path) != NULL ? format_of(path)->kind : BL_FILE_UNKNOWN;
		f->is_backlog = true;
		bl_file_diag(f, BL_DIAG_TOO_LARGE, bl_file_span(f, 0, 0),
		             "file is %zu bytes, over the limit of %zu (--max-size); it is "
		             "not read",
		             over, opts->max_bytes);
		return f;
	}
	if (b.s == NULL)
		return bl_load_buffer(path, "", 0, opts);
	len = b.len;
	bl_buf_add(&b, pad, sizeof(pad));
	return load(bl_file_take(path, b.s, len), len, opts);
}
