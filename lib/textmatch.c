/*
 * pcre2 behind a small interface: compile with UTF and UCP, JIT when the
 * library offers it, bounded matching, and story templates with named
 * groups.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "textmatch.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "story_scan.h"

struct bl_pattern {
	pcre2_code *code;
	pcre2_match_context *mctx;
};

#define MATCH_LIMIT 1000000u
#define DEPTH_LIMIT 10000u

struct bl_pattern *
bl_pattern_new(const char *src, unsigned flags, char *err, size_t errlen)
{
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
	struct bl_pattern *p;
	PCRE2_SIZE erroff;
	int errcode;
	pcre2_code *code;

	if (flags & BL_PAT_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & BL_PAT_MULTILINE)
		opts |= PCRE2_MULTILINE;
	code = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, opts, &errcode, &erroff, NULL);
	if (code == NULL) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(errcode, msg, sizeof(msg));
		snprintf(err, errlen, "%s at offset %zu", (const char *)msg, (size_t)erroff);
		return NULL;
	}
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	p = bl_xcalloc(1, sizeof(*p));
	p->code = code;
	p->mctx = pcre2_match_context_create(NULL);
	if (p->mctx == NULL) {
		fputs("backlint: out of memory\n", stderr);
		exit(2);
	}
	pcre2_set_match_limit(p->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, DEPTH_LIMIT);
	return p;
}

struct bl_pattern *
bl_pattern_words(const char *list, char *err, size_t errlen)
{
	struct bl_buf b = {0};
	const char *line = list;
	struct bl_pattern *p;
	int n = 0;

	bl_buf_puts(&b, "(?<![\\w])(?:");
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *s = line;
		size_t i;

		bl_trim(&s, &len);
		if (len && s[0] != '#') {
			if (n++)
				bl_buf_putc(&b, '|');
			for (i = 0; i < len; i++) {
				if (s[i] == ' ')
					bl_buf_puts(&b, "\\s+");
				else if (strchr("\\^$.|?*+()[]{}/-#", s[i]))
					bl_buf_printf(&b, "\\%c", s[i]);
				else
					bl_buf_putc(&b, s[i]);
			}
		}
		line = end ? end + 1 : line + strlen(line);
	}
	bl_buf_puts(&b, n ? ")(?![\\w])" : "(*FAIL))");
	p = bl_pattern_new(b.s, BL_PAT_CASELESS, err, errlen);
	bl_buf_free(&b);
	return p;
}

void
bl_pattern_free(struct bl_pattern *p)
{
	if (p == NULL)
		return;
	pcre2_code_free(p->code);
	pcre2_match_context_free(p->mctx);
	free(p);
}

int
bl_pattern_match(const struct bl_pattern *p, const char *s, size_t n, size_t start, size_t *ov,
                 size_t nov)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(p->code, NULL);
	PCRE2_SIZE *v;
	uint32_t count, k;
	int rc;

	if (md == NULL) {
		fputs("backlint: out of memory\n", stderr);
		exit(2);
	}
	rc = pcre2_match(p->code, (PCRE2_SPTR)s, n, start, 0, md, p->mctx);
	if (rc < 0) {
		pcre2_match_data_free(md);
		return rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
	}
	v = pcre2_get_ovector_pointer(md);
	count = pcre2_get_ovector_count(md);
	for (k = 0; 2 * k + 1 < nov; k++) {
		if (k < count && k < (uint32_t)rc && v[2 * k] != PCRE2_UNSET) {
			ov[2 * k] = v[2 * k];
			ov[2 * k + 1] = v[2 * k + 1];
		} else
			ov[2 * k] = ov[2 * k + 1] = SIZE_MAX;
	}
	pcre2_match_data_free(md);
	return 1;
}

int
bl_pattern_group(const struct bl_pattern *p, const char *name)
{
	int n = pcre2_substring_number_from_name(p->code, (PCRE2_SPTR)name);

	return n > 0 ? n : -1;
}

struct template
{
	struct bl_pattern *pat;
	int role, means, ends;
};

/* The pcre2 form of the built-in templates, compiled the first time the
 * scanner hands a sentence back (rare: most runs never compile it). */
struct lazy {
	pthread_mutex_t mu;
	struct bl_story_parser *pcre2; /* NULL until then */
	char *templates, *openers;
	size_t count; /* the templates */
};

struct bl_story_parser {
	struct template *t;
	size_t n;
	struct bl_pattern *opener;
	struct bl_story_scan *scan; /* the built-in templates read by hand, or NULL */
	struct lazy *lazy;          /* with scan: their pcre2 form */
};

/* Calls fn for each non-blank, non-comment line of list. */
static int
each_line(const char *list, int (*fn)(void *, const char *, size_t), void *arg)
{
	const char *line = list;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *s = line;

		bl_trim(&s, &len);
		if (len && s[0] != '#' && fn(arg, s, len) != 0)
			return -1;
		line = end ? end + 1 : NULL;
	}
	return 0;
}

struct build {
	struct bl_story_parser *sp;
	struct bl_buf openers;
	char *err;
	size_t errlen;
};

static int
add_template(void *arg, const char *s, size_t len)
{
	struct build *b = arg;
	char *src = bl_xstrndup(s, len);
	struct bl_pattern *p = bl_pattern_new(src, BL_PAT_CASELESS, b->err, b->errlen);
	struct template *t;

	free(src);
	if (p == NULL)
		return -1;
	b->sp->t = bl_xrealloc(b->sp->t, (b->sp->n + 1) * sizeof(*b->sp->t));
	t = &b->sp->t[b->sp->n++];
	t->pat = p;
	t->role = bl_pattern_group(p, "role");
	t->means = bl_pattern_group(p, "means");
	t->ends = bl_pattern_group(p, "ends");
	return 0;
}

static int
add_opener(void *arg, const char *s, size_t len)
{
	struct build *b = arg;

	bl_buf_puts(&b->openers, b->openers.len ? "|(?:" : "^\\W*(?:(?:");
	bl_buf_add(&b->openers, s, len);
	bl_buf_putc(&b->openers, ')');
	return 0;
}

struct bl_story_parser *
bl_story_parser_new_pcre2(const char *templates, const char *openers, char *err, size_t errlen)
{
	struct build b = {0};

	b.sp = bl_xcalloc(1, sizeof(*b.sp));
	b.err = err;
	b.errlen = errlen;
	if (each_line(templates, add_template, &b) != 0)
		goto fail;
	each_line(openers, add_opener, &b);
	bl_buf_puts(&b.openers, b.openers.len ? ")" : "(*FAIL)");
	b.sp->opener = bl_pattern_new(b.openers.s, BL_PAT_CASELESS, err, errlen);
	bl_buf_free(&b.openers);
	if (b.sp->opener == NULL)
		goto fail;
	return b.sp;
fail:
	bl_buf_free(&b.openers);
	bl_story_parser_free(b.sp);
	return NULL;
}

static int
count_line(void *arg, const char *s, size_t len)
{
	(void)s;
	(void)len;
	++*(size_t *)arg;
	return 0;
}

struct bl_story_parser *
bl_story_parser_new(const char *templates, const char *openers, char *err, size_t errlen)
{
	struct bl_story_parser *sp;

	/* The built-in templates cost about 45k instructions a story in
	 * pcre2 and ten thousand read by hand; compiling them, 2.8 million
	 * (more than a hundred stories' worth): it waits until needed. */
	if (!bl_story_scan_builtin(templates, openers))
		return bl_story_parser_new_pcre2(templates, openers, err, errlen);
	sp = bl_xcalloc(1, sizeof(*sp));
	sp->scan = bl_story_scan_new();
	sp->lazy = bl_xcalloc(1, sizeof(*sp->lazy));
	pthread_mutex_init(&sp->lazy->mu, NULL);
	sp->lazy->templates = bl_xstrdup(templates);
	sp->lazy->openers = bl_xstrdup(openers);
	each_line(templates, count_line, &sp->lazy->count);
	return sp;
}

/* The parser that reads a sentence with pcre2: sp, or for the built-in
 * templates their pcre2 form, compiled by the first thread to ask. NULL
 * when they do not compile (a build whose lists broke: unit/story_scan
 * fails). */
static const struct bl_story_parser *
with_pcre2(const struct bl_story_parser *sp)
{
	const struct bl_story_parser *p;
	char err[256];

	if (sp->lazy == NULL)
		return sp;
	pthread_mutex_lock(&sp->lazy->mu);
	if (sp->lazy->pcre2 == NULL)
		sp->lazy->pcre2 = bl_story_parser_new_pcre2(sp->lazy->templates, sp->lazy->openers,
		                                            err, sizeof(err));
	p = sp->lazy->pcre2;
	pthread_mutex_unlock(&sp->lazy->mu);
	return p;
}

void
bl_story_parser_free(struct bl_story_parser *sp)
{
	size_t i;

	if (sp == NULL)
		return;
	for (i = 0; i < sp->n; i++)
		bl_pattern_free(sp->t[i].pat);
	free(sp->t);
	bl_pattern_free(sp->opener);
	bl_story_scan_free(sp->scan);
	if (sp->lazy != NULL) {
		bl_story_parser_free(sp->lazy->pcre2);
		pthread_mutex_destroy(&sp->lazy->mu);
		free(sp->lazy->templates);
		free(sp->lazy->openers);
		free(sp->lazy);
	}
	free(sp);
}

size_t
bl_story_parser_count(const struct bl_story_parser *sp)
{
	return sp->lazy != NULL ? sp->lazy->count : sp->n;
}

int
bl_story_match(const struct bl_story_parser *sp, const char *s, size_t n, size_t ov[6])
{
	size_t i, k, v[32];
	int r;

	if (sp->scan != NULL && n <= BL_STORY_SCAN_MAX &&
	    (r = bl_story_scan_parse(sp->scan, s, n, ov)) != BL_STORY_SCAN_HARD)
		return r;
	if ((sp = with_pcre2(sp)) == NULL)
		return -1;
	for (i = 0; i < sp->n; i++) {
		const struct template *tp = &sp->t[i];
		int g[3] = {tp->role, tp->means, tp->ends};

		if (bl_pattern_match(tp->pat, s, n, 0, v, 32) != 1)
			continue;
		for (k = 0; k < 3; k++) {
			ov[2 * k] = g[k] < 0 ? SIZE_MAX : v[2 * g[k]];
			ov[2 * k + 1] = g[k] < 0 ? SIZE_MAX : v[2 * g[k] + 1];
		}
		return (int)i;
	}
	return -1;
}

/* Part k of a match (ov as bl_story_match sets it): s NULL when unset or
 * empty. */
static void
set_part(const struct bl_file *f, const struct bl_text *t, const size_t *ov, int k,
         struct bl_text *out)
{
	memset(out, 0, sizeof(*out));
	if (ov[2 * k] == SIZE_MAX || ov[2 * k + 1] <= ov[2 * k])
		return;
	*out = bl_text_sub(f, t, ov[2 * k], ov[2 * k + 1] - ov[2 * k]);
	if (out->len == 0)
		memset(out, 0, sizeof(*out));
}

int
bl_story_parse(const struct bl_story_parser *sp, const struct bl_file *f, const struct bl_text *t,
               struct bl_text *role, struct bl_text *means, struct bl_text *ends)
{
	size_t ov[6];
	int r;

	if (t->s == NULL)
		return -1;
	r = bl_story_match(sp, t->s, t->len, ov);
	if (r >= 0) {
		set_part(f, t, ov, 0, role);
		set_part(f, t, ov, 1, means);
		set_part(f, t, ov, 2, ends);
	}
	return r;
}

bool
bl_story_opener(const struct bl_story_parser *sp, const char *s, size_t n)
{
	size_t ov[2];

	if (sp->scan != NULL && n <= BL_STORY_SCAN_MAX)
		return bl_story_scan_opener(sp->scan, s, n);
	if ((sp = with_pcre2(sp)) == NULL)
		return false;
	return bl_pattern_match(sp->opener, s, n, 0, ov, 2) == 1;
}
