/*
 * The story model: files with their line maps, items and their fields,
 * and the tables that map what people write (keys, headings, type names)
 * to what backlint understands.
 */
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The line map of a file with carriage returns: a line ends at "\n",
 * "\r\n" or a "\r" alone, as libyaml and cmark read it. */
static void
line_map_cr(struct bl_file *f, struct bl_arena *a)
{
	const char *d = f->data;
	size_t i, n = 1;

	for (i = 0; i < f->len; i++)
		n += d[i] == '\n' || (d[i] == '\r' && (i + 1 == f->len || d[i + 1] != '\n'));
	f->lines = bl_arena_alloc(a, n * sizeof(uint32_t));
	f->lines[0] = 0;
	f->nlines = 1;
	for (i = 0; i < f->len; i++)
		if (d[i] == '\n' || (d[i] == '\r' && (i + 1 == f->len || d[i + 1] != '\n')))
			f->lines[f->nlines++] = (uint32_t)(i + 1);
}

/* The line of each block of bytes (bl_file.blocks), from the line map. */
static void
block_map(struct bl_file *f, struct bl_arena *a)
{
	size_t nblocks = f->len / BL_LINE_BLOCK + 1, b;
	uint32_t l = 0;

	f->blocks = bl_arena_alloc(a, nblocks * sizeof(uint32_t));
	for (b = 0; b < nblocks; b++) {
		while (l + 1 < f->nlines && f->lines[l + 1] <= b * BL_LINE_BLOCK)
			l++;
		f->blocks[b] = l;
	}
}

/* A file over data[0, len), NUL-terminated, which must live as long. */
static struct bl_file *
file_over(const char *path, const char *data, size_t len)
{
	struct bl_arena *a = bl_arena_new();
	struct bl_file *f = bl_arena_alloc(a, sizeof(*f));
	const char *p;
	size_t n = 1;

	f->arena = a;
	f->path = bl_arena_strdup(a, path);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, len -= 3;
	f->data = data;
	f->len = len;
	if (memchr(data, '\r', len) != NULL) {
		line_map_cr(f, a);
	} else {
		for (p = data; (p = memchr(p, '\n', len - (size_t)(p - data))) != NULL; p++)
			n++;
		f->lines = bl_arena_alloc(a, n * sizeof(uint32_t));
		f->lines[0] = 0;
		f->nlines = 1;
		for (p = data; (p = memchr(p, '\n', len - (size_t)(p - data))) != NULL; p++)
			f->lines[f->nlines++] = (uint32_t)(p - data + 1);
	}
	block_map(f, a);
	return f;
}

struct bl_file *
bl_file_new(const char *path, const char *data, size_t len)
{
	char *copy = bl_xmalloc(len + BL_FILE_PAD);
	struct bl_file *f;

	if (len)
		memcpy(copy, data, len);
	memset(copy + len, 0, BL_FILE_PAD);
	f = file_over(path, copy, len);
	f->owned = copy;
	return f;
}

struct bl_file *
bl_file_take(const char *path, char *data, size_t len)
{
	struct bl_file *f = file_over(path, data, len);

	f->owned = data;
	return f;
}

void
bl_file_free(struct bl_file *f)
{
	if (f != NULL) {
		free(f->owned);
		free(f->items);
		free(f->code);
		bl_arena_free(f->arena);
	}
}

void
bl_file_pos(const struct bl_file *f, size_t off, uint32_t *line, uint32_t *col)
{
	uint32_t l;

	if (off > f->len)
		off = f->len;
	/* At most BL_LINE_BLOCK lines start in a block. */
	l = f->blocks[off / BL_LINE_BLOCK];
	while (l + 1 < f->nlines && f->lines[l + 1] <= off)
		l++;
	*line = l + 1;
	*col = (uint32_t)(off - f->lines[l]) + 1;
}

struct bl_span
bl_file_span(const struct bl_file *f, size_t off, size_t len)
{
	struct bl_span s;

	bl_file_pos(f, off, &s.line, &s.col);
	if (len == 0) {
		s.end_line = s.line;
		s.end_col = s.col;
	} else
		bl_file_pos(f, off + len - 1, &s.end_line, &s.end_col);
	return s;
}

const char *
bl_file_line(const struct bl_file *f, uint32_t line, size_t *len)
{
	size_t start, end;

	if (line == 0 || line > f->nlines) {
		*len = 0;
		return "";
	}
	start = f->lines[line - 1];
	end = line < f->nlines ? f->lines[line] - 1 : f->len;
	if (end > start && f->data[end - 1] == '\r')
		end--;
	*len = end - start;
	return f->data + start;
}

size_t
bl_file_char_offset(const struct bl_file *f, uint32_t line, uint32_t charcol)
{
	size_t len, off = 0;
	const char *s;

	/* A position past the text (a parser's mark at its very end). */
	if (line > f->nlines)
		return f->len;
	if (line == 0)
		return 0;
	s = bl_file_line(f, line, &len);
	while (charcol > 0 && off < len) {
		off += bl_utf8_len((const unsigned char *)s + off, len - off);
		charcol--;
	}
	off += (size_t)(s - f->data) + charcol;
	return off > f->len ? f->len : off;
}

struct bl_text
bl_text_at(const struct bl_file *f, size_t off, size_t len)
{
	struct bl_text t;

	t.s = f->data + off;
	t.len = (uint32_t)len;
	t.off = (uint32_t)off;
	t.exact = true;
	t.span = bl_file_span(f, off, len);
	return t;
}

struct bl_text
bl_text_span(struct bl_file *f, const char *s, size_t len, struct bl_span span)
{
	struct bl_text t;

	t.s = bl_arena_strndup(f->arena, s, len);
	t.len = (uint32_t)len;
	t.off = 0;
	t.exact = false;
	t.span = span;
	return t;
}

void
bl_file_add_code(struct bl_file *f, size_t off, size_t len)
{
	const struct bl_range *last = f->ncode > 0 ? &f->code[f->ncode - 1] : NULL;

	if (len == 0 || off + len > f->len || (last != NULL && off < (size_t)last->off + last->len))
		return;
	/* Grown in place, like the items: a large file may hold many. */
	if (f->ncode == f->capcode) {
		f->capcode = f->capcode ? f->capcode * 2 : 16;
		f->code = bl_xrealloc(f->code, f->capcode * sizeof(*f->code));
	}
	f->code[f->ncode].off = (uint32_t)off;
	f->code[f->ncode++].len = (uint32_t)len;
}

bool
bl_text_in_code(const struct bl_file *f, const struct bl_text *t, size_t off, size_t len)
{
	size_t lo = 0, hi = f->ncode, a, b;

	if (!t->exact || f->ncode == 0)
		return false;
	a = t->off + off;
	b = a + (len > 0 ? len : 1);
	/* The first range that ends after a. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((size_t)f->code[mid].off + f->code[mid].len <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->ncode && f->code[lo].off < b;
}

bool
bl_text_find(const struct bl_file *f, const struct bl_text *t, size_t off, size_t len, size_t from,
             size_t *at)
{
	size_t start, to, k;

	if (off > t->len || len > t->len - off)
		return false;
	if (t->exact) {
		*at = t->off + off;
		return *at >= from;
	}
	if (len == 0 || t->span.line == 0 || t->span.line > f->nlines ||
	    t->span.end_line > f->nlines || t->span.end_line < t->span.line)
		return false;
	start = f->lines[t->span.line - 1] + t->span.col - 1;
	to = f->lines[t->span.end_line - 1] + t->span.end_col;
	if (from > start)
		start = from;
	if (to > f->len)
		to = f->len;
	/* Bounded: a text that is not there costs one pass over a window. */
	if (to > start && to - start > BL_FIND_MAX)
		to = start + BL_FIND_MAX;
	for (k = start; k < to && len <= to - k; k++)
		if (memcmp(f->data + k, t->s + off, len) == 0) {
			*at = k;
			return true;
		}
	return false;
}

struct bl_span
bl_text_subspan(const struct bl_file *f, const struct bl_text *t, size_t off, size_t len)
{
	size_t at;

	if (!t->exact)
		return bl_text_find(f, t, off, len, 0, &at) ? bl_file_span(f, at, len) : t->span;
	if (off > t->len)
		off = t->len;
	if (off + len > t->len)
		len = t->len - off;
	return bl_file_span(f, t->off + off, len);
}

struct bl_text
bl_text_sub(const struct bl_file *f, const struct bl_text *t, size_t off, size_t len)
{
	struct bl_text r = *t;
	const char *s;

	if (off > t->len)
		off = t->len;
	if (off + len > t->len)
		len = t->len - off;
	s = t->s + off;
	bl_trim(&s, &len);
	off = (size_t)(s - t->s);
	r.s = s;
	r.len = (uint32_t)len;
	if (t->exact) {
		r.off = t->off + (uint32_t)off;
		r.span = bl_file_span(f, r.off, len);
	}
	return r;
}

/*
 * Sub-texts are not NUL-terminated in general; these push functions and
 * the loaders NUL-terminate copies where they need to.
 */
#define PUSH(f, arr, n, cap) \
	bl_arena_push((f)->arena, (void **)&(arr), &(n), &(cap), sizeof(*(arr)))

struct bl_item *
bl_file_add_item(struct bl_file *f)
{
	struct bl_item *it;

	/* The items grow in place (the arena would keep every old array):
	 * a large file has many. */
	if (f->nitems == f->capitems) {
		f->capitems = f->capitems ? f->capitems * 2 : 8;
		f->items = bl_xrealloc(f->items, f->capitems * sizeof(*f->items));
	}
	it = &f->items[f->nitems++];
	memset(it, 0, sizeof(*it));
	it->file = f;
	it->index = (uint32_t)(f->ndropped + f->nitems - 1);
	it->story_template = -1;
	return it;
}

void
bl_file_diag(struct bl_file *f, enum bl_diag_kind kind, struct bl_span span, const char *fmt, ...)
{
	struct bl_diag *d = PUSH(f, f->diags, f->ndiags, f->capdiags);
	struct bl_buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	bl_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	d->kind = kind;
	d->span = span;
	d->message = bl_arena_strndup(f->arena, b.s ? b.s : "", b.len);
	bl_buf_free(&b);
}

struct bl_criterion *
bl_item_add_criterion(struct bl_item *it, struct bl_file *f, bool dod)
{
	struct bl_criterion *c = dod ? PUSH(f, it->dod, it->ndod, it->capdod)
	                             : PUSH(f, it->criteria, it->ncriteria, it->capcriteria);

	c->checked = -1;
	return c;
}

struct bl_step *
bl_criterion_add_step(struct bl_criterion *c, struct bl_file *f)
{
	return PUSH(f, c->steps, c->nsteps, c->capsteps);
}

struct bl_section *
bl_item_add_section(struct bl_item *it, struct bl_file *f)
{
	return PUSH(f, it->sections, it->nsections, it->capsections);
}

struct bl_meta *
bl_item_add_meta(struct bl_item *it, struct bl_file *f)
{
	return PUSH(f, it->meta, it->nmeta, it->capmeta);
}

struct bl_text *
bl_item_add_dep(struct bl_item *it, struct bl_file *f)
{
	return PUSH(f, it->depends, it->ndepends, it->capdepends);
}

struct bl_text *
bl_item_add_label(struct bl_item *it, struct bl_file *f)
{
	return PUSH(f, it->labels, it->nlabels, it->caplabels);
}

struct bl_persona *
bl_file_add_persona(struct bl_file *f)
{
	return PUSH(f, f->personas, f->npersonas, f->cappersonas);
}

struct bl_text *
bl_persona_add_alias(struct bl_persona *p, struct bl_file *f)
{
	return PUSH(f, p->aliases, p->naliases, p->capaliases);
}

const struct bl_section *
bl_item_section(const struct bl_item *it, enum bl_section_kind kind)
{
	size_t i;

	for (i = 0; i < it->nsections; i++)
		if (it->sections[i].kind == kind)
			return &it->sections[i];
	return NULL;
}

static const char *const type_names[BL_TYPE__COUNT] = {
        "unknown", "story", "epic", "feature", "task", "bug", "spike", "enabler", "milestone",
};

const char *
bl_type_name(enum bl_item_type t)
{
	return (unsigned)t < BL_TYPE__COUNT ? type_names[t] : "unknown";
}

/*
 * Normalises a name as written into buf: lower case, runs of spaces,
 * dashes and underscores as one '_', trailing ':' and markup dropped.
 */
static size_t
normalise(const char *s, size_t n, char *buf, size_t cap)
{
	size_t i, o = 0;
	int sep = 0;

	bl_trim(&s, &n);
	while (n && (s[n - 1] == ':' || s[n - 1] == '*' || s[n - 1] == '_' || s[n - 1] == ' '))
		n--;
	while (n && (s[0] == '*' || s[0] == '_'))
		s++, n--;
	for (i = 0; i < n && o + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '-' || c == '_' || c == '\t') {
			sep = o > 0;
			continue;
		}
		if (sep && o + 2 < cap)
			buf[o++] = '_';
		sep = 0;
		buf[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	buf[o] = '\0';
	return o;
}

bool
bl_path_folder_is(const char *path, const char *name)
{
	const char *end = path != NULL ? strrchr(path, '/') : NULL, *start;
	size_t n = strlen(name);

	if (end == NULL)
		return false;
	for (start = end; start > path && start[-1] != '/'; start--)
		;
	return (size_t)(end - start) == n && memcmp(start, name, n) == 0;
}

bool
bl_backlogmd_task_path(const char *path)
{
	return bl_path_folder_is(path, "tasks") || bl_path_folder_is(path, "drafts") ||
	       bl_path_folder_is(path, "completed");
}

enum bl_item_type
bl_type_parse(const char *s, size_t n)
{
	static const struct {
		const char *name;
		enum bl_item_type t;
	} alias[] = {
	        {"story", BL_TYPE_STORY},
	        {"stories", BL_TYPE_STORY},
	        {"user_story", BL_TYPE_STORY},
	        {"userstory", BL_TYPE_STORY},
	        {"us", BL_TYPE_STORY},
	        {"epic", BL_TYPE_EPIC},
	        {"epics", BL_TYPE_EPIC},
	        {"feature", BL_TYPE_FEATURE},
	        {"features", BL_TYPE_FEATURE},
	        {"feat", BL_TYPE_FEATURE},
	        {"task", BL_TYPE_TASK},
	        {"tasks", BL_TYPE_TASK},
	        {"chore", BL_TYPE_TASK},
	        {"enhancement", BL_TYPE_TASK},
	        {"subtask", BL_TYPE_TASK},
	        {"sub_task", BL_TYPE_TASK},
	        {"bug", BL_TYPE_BUG},
	        {"bugs", BL_TYPE_BUG},
	        {"defect", BL_TYPE_BUG},
	        {"spike", BL_TYPE_SPIKE},
	        {"spikes", BL_TYPE_SPIKE},
	        {"research", BL_TYPE_SPIKE},
	        {"enabler", BL_TYPE_ENABLER},
	        {"enablers", BL_TYPE_ENABLER},
	        {"technical_story", BL_TYPE_ENABLER},
	        {"milestone", BL_TYPE_MILESTONE},
	        {"milestones", BL_TYPE_MILESTONE},
	};
	char buf[64];
	size_t i;

	normalise(s, n, buf, sizeof(buf));
	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (alias[i].name[0] == buf[0] && strcmp(buf, alias[i].name) == 0)
			return alias[i].t;
	return BL_TYPE_UNKNOWN;
}

static const struct {
	const char *name;
	enum bl_key key;
} key_alias[] = {
        {"id", BL_KEY_ID},
        {"key", BL_KEY_ID},
        {"ref", BL_KEY_ID},
        {"title", BL_KEY_TITLE},
        {"name", BL_KEY_TITLE},
        {"summary", BL_KEY_TITLE},
        {"type", BL_KEY_TYPE},
        {"kind", BL_KEY_TYPE},
        {"issue_type", BL_KEY_TYPE},
        {"status", BL_KEY_STATUS},
        {"state", BL_KEY_STATUS},
        {"persona", BL_KEY_PERSONA},
        {"role", BL_KEY_PERSONA},
        {"actor", BL_KEY_PERSONA},
        {"estimate", BL_KEY_ESTIMATE},
        {"points", BL_KEY_ESTIMATE},
        {"story_points", BL_KEY_ESTIMATE},
        {"storypoints", BL_KEY_ESTIMATE},
        {"size", BL_KEY_ESTIMATE},
        {"effort", BL_KEY_ESTIMATE},
        {"priority", BL_KEY_PRIORITY},
        {"rank", BL_KEY_PRIORITY},
        {"dependencies", BL_KEY_DEPENDS},
        {"depends_on", BL_KEY_DEPENDS},
        {"depends", BL_KEY_DEPENDS},
        {"blocked_by", BL_KEY_DEPENDS},
        {"parent", BL_KEY_PARENT},
        {"epic", BL_KEY_PARENT},
        {"parent_id", BL_KEY_PARENT},
        {"parent_task_id", BL_KEY_PARENT},
        {"parent_task", BL_KEY_PARENT},
        {"milestone", BL_KEY_MILESTONE},
        {"labels", BL_KEY_LABELS},
        {"label", BL_KEY_LABELS},
        {"tags", BL_KEY_LABELS},
        {"created", BL_KEY_CREATED},
        {"created_date", BL_KEY_CREATED},
        {"created_at", BL_KEY_CREATED},
        {"updated", BL_KEY_UPDATED},
        {"updated_date", BL_KEY_UPDATED},
        {"updated_at", BL_KEY_UPDATED},
        {"assignee", BL_KEY_ASSIGNEE},
        {"assignees", BL_KEY_ASSIGNEE},
        {"owner", BL_KEY_ASSIGNEE},
        {"reporter", BL_KEY_ASSIGNEE},
        {"story", BL_KEY_STORY},
        {"user_story", BL_KEY_STORY},
        {"as_a", BL_KEY_AS_A},
        {"as_an", BL_KEY_AS_A},
        {"i_want", BL_KEY_I_WANT},
        {"i_want_to", BL_KEY_I_WANT},
        {"so_that", BL_KEY_SO_THAT},
        {"description", BL_KEY_DESCRIPTION},
        {"context", BL_KEY_DESCRIPTION},
        {"background", BL_KEY_DESCRIPTION},
        {"problem", BL_KEY_PROBLEM},
        {"problem_statement", BL_KEY_PROBLEM},
        {"success", BL_KEY_SUCCESS},
        {"success_criteria", BL_KEY_SUCCESS},
        {"outcome", BL_KEY_SUCCESS},
        {"acceptance_criteria", BL_KEY_ACCEPTANCE},
        {"acceptance", BL_KEY_ACCEPTANCE},
        {"criteria", BL_KEY_ACCEPTANCE},
        {"ac", BL_KEY_ACCEPTANCE},
        {"scenarios", BL_KEY_ACCEPTANCE},
        {"definition_of_done", BL_KEY_DOD},
        {"dod", BL_KEY_DOD},
        {"stories", BL_KEY_CHILDREN},
        {"children", BL_KEY_CHILDREN},
        {"items", BL_KEY_CHILDREN},
        {"tasks", BL_KEY_CHILDREN},
        {"features", BL_KEY_CHILDREN},
        {"epics", BL_KEY_CHILDREN},
        {"implementation_notes", BL_KEY_NOTES},
        {"implementation_plan", BL_KEY_NOTES},
        {"notes", BL_KEY_NOTES},
        {"backlint", BL_KEY_BACKLINT},
};

static const char *const key_names[BL_KEY__COUNT] = {
        "",
        "id",
        "title",
        "type",
        "status",
        "persona",
        "estimate",
        "priority",
        "dependencies",
        "parent",
        "milestone",
        "labels",
        "created",
        "updated",
        "assignee",
        "story",
        "as_a",
        "i_want",
        "so_that",
        "description",
        "problem",
        "success",
        "acceptance_criteria",
        "definition_of_done",
        "children",
        "notes",
        "backlint",
};

enum bl_key
bl_key_lookup(const char *s, size_t n)
{
	char buf[64];
	size_t i;

	if (n >= sizeof(buf))
		return BL_KEY_NONE;
	normalise(s, n, buf, sizeof(buf));
	for (i = 0; i < sizeof(key_alias) / sizeof(key_alias[0]); i++)
		if (key_alias[i].name[0] == buf[0] && strcmp(buf, key_alias[i].name) == 0)
			return key_alias[i].key;
	return BL_KEY_NONE;
}

const char *
bl_key_alias(size_t i)
{
	return i < sizeof(key_alias) / sizeof(key_alias[0]) ? key_alias[i].name : NULL;
}

size_t
bl_key_normalise(const char *s, size_t n, char *buf, size_t cap)
{
	return normalise(s, n, buf, cap);
}

const char *
bl_key_name(enum bl_key k)
{
	return (unsigned)k < BL_KEY__COUNT ? key_names[k] : "";
}

static const struct {
	const char *name;
	enum bl_section_kind kind;
} section_alias[] = {
        {"story", BL_SEC_STORY},
        {"user_story", BL_SEC_STORY},
        {"description", BL_SEC_DESCRIPTION},
        {"context", BL_SEC_DESCRIPTION},
        {"background", BL_SEC_DESCRIPTION},
        {"details", BL_SEC_DESCRIPTION},
        {"problem", BL_SEC_PROBLEM},
        {"problem_statement", BL_SEC_PROBLEM},
        {"the_problem", BL_SEC_PROBLEM},
        {"why", BL_SEC_PROBLEM},
        {"success_criteria", BL_SEC_SUCCESS},
        {"success", BL_SEC_SUCCESS},
        {"outcome", BL_SEC_SUCCESS},
        {"outcomes", BL_SEC_SUCCESS},
        {"acceptance_criteria", BL_SEC_ACCEPTANCE},
        {"acceptance", BL_SEC_ACCEPTANCE},
        {"ac", BL_SEC_ACCEPTANCE},
        {"ac_s", BL_SEC_ACCEPTANCE},
        {"acs", BL_SEC_ACCEPTANCE},
        {"scenarios", BL_SEC_ACCEPTANCE},
        {"acceptance_tests", BL_SEC_ACCEPTANCE},
        {"definition_of_done", BL_SEC_DOD},
        {"dod", BL_SEC_DOD},
        {"implementation_notes", BL_SEC_NOTES},
        {"implementation_plan", BL_SEC_NOTES},
        {"implementation", BL_SEC_NOTES},
        {"technical_notes", BL_SEC_NOTES},
        {"tech_notes", BL_SEC_NOTES},
};

static const char *const section_names[BL_SEC__COUNT] = {
        "other",   "story",      "description",        "problem",
        "success", "acceptance", "definition_of_done", "notes",
};

enum bl_section_kind
bl_section_lookup(const char *s, size_t n)
{
	char buf[64];
	size_t i;

	if (n >= sizeof(buf))
		return BL_SEC_OTHER;
	normalise(s, n, buf, sizeof(buf));
	for (i = 0; i < sizeof(section_alias) / sizeof(section_alias[0]); i++)
		if (section_alias[i].name[0] == buf[0] && strcmp(buf, section_alias[i].name) == 0)
			return section_alias[i].kind;
	return BL_SEC_OTHER;
}

int
bl_section_parse(const char *s, size_t n)
{
	char buf[64];
	int k;

	if (n >= sizeof(buf))
		return -1;
	normalise(s, n, buf, sizeof(buf));
	for (k = 0; k < BL_SEC__COUNT; k++)
		if (strcmp(buf, section_names[k]) == 0)
			return k;
	return -1;
}

bool
bl_section_same(const char *s, const char *t, size_t n)
{
	char a[64], b[64];

	if (strlen(s) >= sizeof(a) || n >= sizeof(b))
		return false;
	normalise(s, strlen(s), a, sizeof(a));
	normalise(t, n, b, sizeof(b));
	return strcmp(a, b) == 0;
}

const char *
bl_section_name(enum bl_section_kind k)
{
	return (unsigned)k < BL_SEC__COUNT ? section_names[k] : "other";
}
