/*
 * Markdown: the input format. Item files (YAML front matter, one item,
 * body sections found by heading name, Backlog.md's layout included), and
 * backlog documents, read whole or, when large, section by section
 * (lib/load_md_doc.c, lib/load_md_sections.c); in a folder of documents,
 * only the personas a document declares. The blocks and an item's body
 * are read by lib/md_body.c.
 */
#include "load_md.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Finds a front matter block: "---" on line 1 up to a "---" or "..." line.
 * Returns 1 with the YAML's range and the body's start, 0 when there is
 * none, -1 when it is never closed. */
static int
front_matter(const struct bl_file *f, size_t *yoff, size_t *ylen, size_t *body)
{
	uint32_t l;
	size_t len;
	const char *s = bl_file_line(f, 1, &len);

	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len != 3 || memcmp(s, "---", 3) != 0 || f->nlines < 2)
		return 0;
	*yoff = f->lines[1];
	for (l = 2; l <= f->nlines; l++) {
		s = bl_file_line(f, l, &len);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len == 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "...", 3) == 0)) {
			*ylen = f->lines[l - 1] - *yoff;
			*body = l < f->nlines ? f->lines[l] : f->len;
			return 1;
		}
	}
	return -1;
}

/* Whether the front matter mapping names item keys. In a project's
 * documentation (prose) an id, a type or a status alone is a page's
 * (a documentation site's 'id', a decision record's 'status'): an item
 * names an id and a status, or a key no page has. */
static bool
item_keys(const struct bl_ynode *y, bool prose)
{
	size_t i;
	bool id = false, status = false;

	if (y == NULL || y->type != BL_Y_MAP)
		return false;
	for (i = 0; i + 1 < y->n; i += 2) {
		enum bl_key k;

		if (y->kids[i]->type != BL_Y_SCALAR)
			continue;
		k = bl_key_lookup(y->kids[i]->text.s, y->kids[i]->text.len);
		id |= k == BL_KEY_ID;
		status |= k == BL_KEY_STATUS;
		if (k == BL_KEY_ESTIMATE || k == BL_KEY_PERSONA || k == BL_KEY_STORY ||
		    k == BL_KEY_AS_A || k == BL_KEY_ACCEPTANCE || k == BL_KEY_DEPENDS ||
		    k == BL_KEY_PRIORITY ||
		    (!prose && (k == BL_KEY_ID || k == BL_KEY_TYPE || k == BL_KEY_STATUS)))
			return true;
	}
	return id && status;
}

static void load_md(struct bl_file *f, const struct bl_load_opts *opts);

/* The folder part of path (up to its last '/'; "." when none) in b. */
static void
dir_of(struct bl_buf *b, const char *path)
{
	const char *slash = strrchr(path, '/');

	b->len = 0;
	if (slash == NULL)
		bl_buf_puts(b, ".");
	else
		bl_buf_add(b, path, slash == path ? 1 : (size_t)(slash - path));
}

/* Whether the last name of folder dir is name. */
static bool
dir_named(const char *dir, const char *name)
{
	const char *slash = strrchr(dir, '/');

	return strcmp(slash ? slash + 1 : dir, name) == 0;
}

/* Whether path lies in the tasks/ or drafts/ folder of a Backlog.md
 * backlog (archive/tasks/ and archive/drafts/ too): a folder named
 * "backlog", or one holding Backlog.md's config.yml. */
static bool
backlogmd_task_file(const char *path)
{
	struct bl_buf d = {0}, top = {0};
	struct stat st;
	bool yes = false;

	if (bl_path_folder_is(path, "tasks") || bl_path_folder_is(path, "drafts")) {
		dir_of(&d, path);
		dir_of(&top, d.s);
		if (dir_named(top.s, "archive")) {
			struct bl_buf t = top;

			dir_of(&d, t.s);
			top = d;
			d = t;
		}
		yes = dir_named(top.s, "backlog");
		if (!yes) {
			bl_buf_puts(&top, "/config.yml");
			yes = stat(top.s, &st) == 0 && S_ISREG(st.st_mode);
		}
	}
	bl_buf_free(&d);
	bl_buf_free(&top);
	return yes;
}

/* A file with no front matter in Backlog.md's tasks/: Backlog.md does not
 * show it, and its headings are a document's, not items (a heading named
 * "Success Criteria" is no task). Said once; when its first line is a
 * title with an id ("# task-3 - Replace ..."), that id is kept, unchecked,
 * for the tasks that name it as their parent or dependency. */
static void
free_form_task(struct bl_file *f, const struct bl_load_opts *opts)
{
	size_t len;
	const char *s = bl_file_line(f, 1, &len);

	if (len > 2 && s[0] == '#' && s[1] == ' ') {
		struct bl_text h = bl_text_at(f, (size_t)(s - f->data) + 2, len - 2);
		struct bl_item tmp;

		memset(&tmp, 0, sizeof(tmp));
		h = bl_text_sub(f, &h, 0, h.len);
		bl_md_heading_id(f, &tmp, &h);
		if (tmp.id.s != NULL) {
			struct bl_item *it = bl_file_add_item(f);

			it->origin = BL_ORIGIN_DOCUMENT;
			it->span = h.span;
			it->id = tmp.id;
			it->title = tmp.title;
			it->name_only = true;
			bl_item_finish(f, it, opts);
		}
	}
	bl_file_diag(f, BL_DIAG_NO_FRONT_MATTER, bl_file_span(f, 0, len),
	             "Backlog.md does not show this file: it has no front matter, so it is read "
	             "as one document, not as tasks; to make it a task, begin it with front "
	             "matter giving 'id', 'title' and 'status' (e.g. 'id: task-12', 'status: To "
	             "Do'), or move it out of this folder");
	f->is_backlog = true;
}

/* Whether a markdown file holds a backlog, once read (rc: front_matter()'s). */
static void
loaded(struct bl_file *f, int rc, const struct bl_load_opts *opts)
{
	if (f->nitems + f->ndropped > 0 || f->npersonas > 0 || opts->explicit_file)
		f->is_backlog = true;
	if (f->is_backlog)
		return;
	if (opts->prose)
		f->skip_reason = "project documentation with no backlog items (no user stories, "
		                 "item ids or acceptance criteria under its headings)";
	else
		f->skip_reason = rc > 0 ? "front matter without item keys, and no item headings"
		                        : "no headings that carry stories or item metadata";
}

/* A document (Backlog.md's docs/): only the personas it declares. */
static void
load_doc_personas(struct bl_file *f, const struct bl_load_opts *opts)
{
	struct bl_md m;
	size_t yoff, ylen, body = 0;
	uint32_t col;
	cmark_node *doc;
	struct bl_arena *tree;

	memset(&m, 0, sizeof(m));
	m.f = f;
	m.opts = opts;
	if (front_matter(f, &yoff, &ylen, &body) <= 0)
		body = 0;
	bl_file_pos(f, body, &m.line0, &col);
	m.line0--;
	if (bl_md_too_deep(f, body))
		return;
	tree = bl_arena_new();
	doc = bl_md_parse(tree, f->data + body, f->len - body);
	bl_md_collect(&m, doc);
	bl_md_personas(&m);
	cmark_node_free(doc);
	bl_arena_free(tree);
	free(m.b);
	f->is_backlog = f->npersonas > 0;
	if (!f->is_backlog)
		f->skip_reason = "a document that declares no personas";
}

static void
md_load(struct bl_file *f, const struct bl_load_opts *opts)
{
	if (opts->personas_only) {
		load_doc_personas(f, opts);
		return;
	}
	load_md(f, opts);
}

/* Front matter's "---" at the very start, or a heading as the first text. */
static int
md_sniff(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(data, "---", 3) == 0)
		return 10;
	while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r'))
		i++;
	return i < len && data[i] == '#' ? 10 : 0;
}

static const char *const md_extensions[] = {"md", "markdown", "mdown", "mkd", NULL};

const struct bl_format bl_format_md = {
        .name = "markdown",
        .kind = BL_FILE_MARKDOWN,
        .extensions = md_extensions,
        .sniff = md_sniff,
        .load = md_load,
        .personas = true,
};

/* An item file or a backlog document. */
static void
load_md(struct bl_file *f, const struct bl_load_opts *opts)
{
	struct bl_md m;
	struct bl_ynode *fm = NULL;
	size_t yoff = 0, ylen = 0, body = 0;
	int rc = front_matter(f, &yoff, &ylen, &body);
	cmark_node *doc;
	struct bl_arena *tree;
	bool fm_ok = false;

	memset(&m, 0, sizeof(m));
	m.f = f;
	m.opts = opts;
	if (rc == 0 && backlogmd_task_file(f->path)) {
		free_form_task(f, opts);
		return;
	}
	if (rc < 0) {
		bl_file_diag(f, BL_DIAG_FRONT_MATTER, bl_file_span(f, 0, 3),
		             "front matter opened on line 1 is never closed with '---'");
		/* Only ours to report when it looks like an item's. */
		f->is_backlog = opts->explicit_file || strstr(f->data, "\nid:") != NULL ||
		                strstr(f->data, "\nstatus:") != NULL;
		if (!f->is_backlog)
			f->skip_reason = "unclosed front matter that does not look like an item";
		body = 0;
	} else if (rc > 0) {
		size_t nd = f->ndiags;

		fm = bl_yaml_front_matter(f, f->arena, yoff, ylen);
		if (fm == NULL && f->ndiags > nd) {
			f->is_backlog = true; /* a broken item file is still an item file */
			return;
		}
		fm_ok = item_keys(fm, opts->prose);
		m.fm_items = fm_ok;
		m.line0 = 0;
	}
	{
		uint32_t col;

		bl_file_pos(f, body, &m.line0, &col);
		m.line0--;
	}
	if (bl_md_too_deep(f, body))
		return;
	if (!fm_ok && rc >= 0 && f->len - body > 4 * bl_md_section_bytes(opts)) {
		int level = bl_md_sectioned_level(&m, body);

		/* An item file named on the command line whose headings carry no
		 * items is read whole, below. */
		if (!(rc > 0 && opts->explicit_file && level == 0)) {
			bl_md_sectioned_read(&m, body, level);
			free(m.b);
			loaded(f, rc, opts);
			return;
		}
	}
	tree = bl_arena_new();
	doc = bl_md_parse(tree, f->data + body, f->len - body);
	bl_md_collect(&m, doc);
	bl_md_note_code(&m);
	if (fm_ok || (rc > 0 && opts->explicit_file && bl_md_item_level(&m) == 0)) {
		struct bl_item *it = bl_file_add_item(f);
		size_t i, from = 0;

		it->origin = BL_ORIGIN_ITEM_FILE;
		it->span = bl_file_span(f, 0, 3);
		if (fm != NULL && fm->type == BL_Y_MAP)
			for (i = 0; i + 1 < fm->n; i += 2)
				if (fm->kids[i]->type == BL_Y_SCALAR) {
					struct bl_kv kv;

					bl_yaml_kv(fm->kids[i], fm->kids[i + 1], &kv);
					bl_item_apply(f, it, &kv, opts);
				}
		if (m.nb > 0 && m.b[0].type == CMARK_NODE_HEADING && m.b[0].level == 1) {
			if (it->title.s == NULL)
				it->title = m.b[0].head;
			from = 1;
		}
		if (it->id.s != NULL)
			it->span = it->id.span;
		else if (it->title.s != NULL)
			it->span = it->title.span;
		bl_md_fill_item(&m, 0, from, m.nb, true);
		bl_item_finish(f, &f->items[0], opts);
	} else if (rc >= 0) {
		bl_md_document(&m);
		bl_md_personas(&m);
	}
	cmark_node_free(doc);
	bl_arena_free(tree);
	free(m.b);
	loaded(f, rc, opts);
}
