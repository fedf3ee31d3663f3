/*
 * Story lists: a text file with one user story per line, blank lines
 * skipped. A walked text file is a story list only when most of its lines
 * are stories; any file whose name and content say nothing else is read as
 * one.
 */
#include "load_int.h"

/* Anything may be a story list: the lowest bid, so that any other format
 * that knows the bytes wins. */
static int
txt_sniff(const char *data, size_t len)
{
	(void)data;
	(void)len;
	return 1;
}

static void
txt_load(struct bl_file *f, const struct bl_load_opts *opts)
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

static const char *const txt_extensions[] = {"txt", "text", NULL};

const struct bl_format bl_format_txt = {
        .name = "story list",
        .kind = BL_FILE_TEXT,
        .extensions = txt_extensions,
        .sniff = txt_sniff,
        .load = txt_load,
};
