/* What the fuzz targets share: the story templates, made once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "fuzz.h"
#include "report.h"
#include "rules.h"

static struct bl_story_parser *parser;
static FILE *null;

struct bl_load_opts
bl_fuzz_opts(void)
{
	struct bl_load_opts o;
	char err[256];

	if (parser == NULL) {
		parser = bl_story_parser_new(bl_words_story_templates, bl_words_story_openers, err,
		                             sizeof(err));
		if (parser == NULL) {
			fprintf(stderr, "story templates: %s\n", err);
			abort();
		}
	}
	memset(&o, 0, sizeof(o));
	o.stories = parser;
	return o;
}

void
bl_fuzz_cleanup(void)
{
	bl_story_parser_free(parser);
	parser = NULL;
	if (null != NULL)
		fclose(null);
	null = NULL;
}

FILE *
bl_fuzz_null(void)
{
	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL)
		abort();
	return null;
}

void
bl_fuzz_lint(struct bl_engine *e, const char *path, const char *data, size_t len, bool stream,
             unsigned how)
{
	struct bl_load_opts o = bl_fuzz_opts();
	struct bl_load_hook h = {bl_engine_worker(e), NULL, NULL};
	struct bl_report_opts ro;
	const struct bl_finding *fd;
	const struct bl_reporter *r;
	struct bl_file *f;
	size_t n;
	void *st;

	o.explicit_file = true;
	if (stream)
		bl_engine_hook(&h, &o, h.w, NULL);
	bl_engine_source(e, path, data, len);
	f = bl_load_buffer(path, data, len, &o);
	bl_engine_add(e, bl_engine_hook_end(&h, f));
	bl_file_free(f);
	bl_engine_finish(e);
	memset(&ro, 0, sizeof(ro));
	ro.files = 1;
	ro.version = "fuzz";
	ro.rule_doc = how & 8 ? bl_rule_doc : NULL;
	for (n = 0; bl_reporters[n] != NULL; n++)
		;
	r = bl_reporters[(how & 7) % n];
	st = r->open(bl_fuzz_null(), e, &ro);
	bl_engine_rewind(e);
	while ((fd = bl_engine_next(e)) != NULL)
		r->finding(st, fd);
	r->close(st);
	bl_engine_free(e);
}
