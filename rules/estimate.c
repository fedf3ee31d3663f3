/*
 * estimate/: estimates. An item the team has committed to carries an
 * estimate (missing), on the scale the team sizes with (scale), and small
 * enough to finish in one iteration (too-large). Estimates are read
 * leniently: "3", "3 points", "5 SP" and "3pts" are the number 3, 5 and 3;
 * "4h" and "2 days" are durations, which no relative scale holds; "?" and
 * "TBD" are placeholders, that is no estimate yet.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "rules.h"

#define SCALE_MAX 32

/* A scale: numbers, or words compared case-insensitively. */
struct scale {
	const char *name; /* a named scale, for messages; NULL for a list */
	bool numeric;
	size_t n;
	double num[SCALE_MAX];
	char word[SCALE_MAX][16]; /* lower case */
	char shown[256];          /* "fibonacci: 0, 0.5, 1, ..." or "1, 2, 3" */
};

enum est_kind {
	EST_PLACEHOLDER, /* "?", "TBD": no estimate yet */
	EST_NUMBER,      /* "3", "3 points", "0.5" */
	EST_DURATION,    /* "4h", "2 days" */
	EST_WORD,        /* "M", "large" */
	EST_RANGE,       /* "3-5", "3 to 5" */
	EST_OTHER        /* "a lot" */
};

struct estimate {
	enum est_kind kind;
	double num;
	char word[16]; /* EST_WORD: lower case, a T-shirt size in its short form */
};

static const char *const placeholders[] = {
        "?",   "??", "???",  "-",       "--",          "tbd",           "tbc",  "tba",
        "n/a", "na", "none", "unknown", "unestimated", "not estimated", "todo", "xxx",
};

static const char *const point_units[] = {
        "p",   "pt",          "pts",          "point",      "points",      "sp",
        "sps", "story point", "story points", "storypoint", "storypoints",
};

static const char *const time_units[] = {
        "h",          "hr",          "hrs",     "hour",      "hours",      "d",
        "day",        "days",        "w",       "wk",        "wks",        "week",
        "weeks",      "min",         "mins",    "minute",    "minutes",    "md",
        "man-day",    "man-days",    "man day", "man days",  "person-day", "person-days",
        "person day", "person days", "pd",      "ideal day", "ideal days", "sprint",
        "sprints",    "month",       "months",  "mo",
};

/* T-shirt sizes as written, each with its short form. */
static const struct {
	const char *name, *size;
} tshirt_names[] = {
        {"extra extra small", "xxs"},
        {"extra small", "xs"},
        {"x-small", "xs"},
        {"xsmall", "xs"},
        {"small", "s"},
        {"medium", "m"},
        {"med", "m"},
        {"large", "l"},
        {"extra large", "xl"},
        {"x-large", "xl"},
        {"xlarge", "xl"},
        {"extra extra large", "xxl"},
        {"xx-large", "xxl"},
        {"xxlarge", "xxl"},
        {"2xl", "xxl"},
        {"xxs", "xxs"},
        {"xs", "xs"},
        {"s", "s"},
        {"m", "m"},
        {"l", "l"},
        {"xl", "xl"},
        {"xxl", "xxl"},
        {"xxxl", "xxxl"},
};

static bool
one_of(const char *w, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (bl_word_is(w, list[i]))
			return true;
	return false;
}

/* Lower-cases s[0, n) into out (size cap), squeezing white space; false
 * when it does not fit. */
static bool
lower_copy(const char *s, size_t n, char *out, size_t cap)
{
	size_t i, k = 0;

	bl_trim(&s, &n);
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\t' || c == '\n' || c == '\r')
			c = ' ';
		if (c == ' ' && k > 0 && out[k - 1] == ' ')
			continue;
		if (k + 1 >= cap)
			return false;
		out[k++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	out[k] = '\0';
	return true;
}

/* The T-shirt size w names ("large" is "l"), or NULL. */
static const char *
tshirt_size(const char *w)
{
	size_t i;

	for (i = 0; i < sizeof(tshirt_names) / sizeof(tshirt_names[0]); i++)
		if (bl_word_is(w, tshirt_names[i].name))
			return tshirt_names[i].size;
	return NULL;
}

/* Reads a number at the start of s: "3", "0.5", "1,5", "½", "1/2". */
static bool
read_number(const char *s, double *v, const char **end)
{
	char *e;

	if (strncmp(s, "\xc2\xbd", 2) == 0) { /* ½ */
		*v = 0.5;
		*end = s + 2;
		return true;
	}
	if (!(s[0] >= '0' && s[0] <= '9') && !(s[0] == '.' && s[1] >= '0' && s[1] <= '9'))
		return false;
	*v = strtod(s, &e);
	if (*e == ',' && e[1] >= '0' && e[1] <= '9' && !(e[2] >= '0' && e[2] <= '9')) {
		/* a decimal comma: "1,5" */
		char buf[32];

		snprintf(buf, sizeof(buf), "%.*s.%c", (int)(e - s), s, e[1]);
		*v = strtod(buf, NULL);
		e += 2;
	} else if (*e == '/' && e[1] >= '1' && e[1] <= '9') {
		char *e2;
		double d = strtod(e + 1, &e2);

		if (d > 0) {
			*v /= d;
			e = e2;
		}
	}
	*end = e;
	return true;
}

static void
read_estimate(const struct bl_text *t, struct estimate *est)
{
	char buf[64];
	const char *p, *unit;
	double v;

	est->kind = EST_OTHER;
	est->num = 0;
	est->word[0] = '\0';
	if (!lower_copy(t->s, t->len, buf, sizeof(buf)))
		return;
	if (buf[0] == '\0' ||
	    one_of(buf, placeholders, sizeof(placeholders) / sizeof(placeholders[0]))) {
		est->kind = EST_PLACEHOLDER;
		return;
	}
	if ((p = tshirt_size(buf)) != NULL) {
		est->kind = EST_WORD;
		snprintf(est->word, sizeof(est->word), "%s", p);
		return;
	}
	if (read_number(buf, &v, &p)) {
		while (*p == ' ')
			p++;
		unit = p;
		est->num = v;
		if (*unit == '\0' ||
		    one_of(unit, point_units, sizeof(point_units) / sizeof(point_units[0])))
			est->kind = EST_NUMBER;
		else if (one_of(unit, time_units, sizeof(time_units) / sizeof(time_units[0])))
			est->kind = EST_DURATION;
		else if ((*unit == '-' || *unit == '/' || strncmp(unit, "to ", 3) == 0 ||
		          strncmp(unit, "or ", 3) == 0 || strncmp(unit, "\xe2\x80\x93", 3) == 0) &&
		         strpbrk(unit, "0123456789") != NULL)
			est->kind = EST_RANGE;
		return;
	}
	if (strlen(buf) < sizeof(est->word) && strpbrk(buf, "0123456789 ") == NULL) {
		est->kind = EST_WORD;
		memcpy(est->word, buf, strlen(buf) + 1);
	}
}

/* A scale word as shown: T-shirt sizes in upper case ("XL"). */
static void
word_shown(const char *w, char *out, size_t cap)
{
	bool upper = tshirt_size(w) != NULL;
	size_t k;

	for (k = 0; w[k] != '\0' && k + 1 < cap; k++)
		out[k] = upper && w[k] >= 'a' && w[k] <= 'z' ? (char)(w[k] - 32) : w[k];
	out[k] = '\0';
}

static void
scale_add_num(struct scale *sc, double v)
{
	if (sc->n < SCALE_MAX)
		sc->num[sc->n++] = v;
}

/* Reads the option: a named scale or a comma list of values. */
static void
read_scale(const char *opt, struct scale *sc)
{
	static const double fib[] = {0, 0.5, 1, 2, 3, 5, 8, 13, 20, 21, 40, 100};
	static const char *const tshirt[] = {"xs", "s", "m", "l", "xl", "xxl"};
	char name[64];
	size_t i;

	memset(sc, 0, sizeof(*sc));
	sc->name = NULL;
	sc->numeric = true;
	lower_copy(opt, strlen(opt), name, sizeof(name));
	if (bl_word_is(name, "fibonacci") || bl_word_is(name, "fib")) {
		sc->name = "fibonacci";
		for (i = 0; i < sizeof(fib) / sizeof(fib[0]); i++)
			scale_add_num(sc, fib[i]);
	} else if (bl_word_is(name, "powers-of-two") || bl_word_is(name, "powers of two") ||
	           bl_word_is(name, "pow2")) {
		sc->name = "powers of two";
		for (i = 1; i <= 32; i *= 2)
			scale_add_num(sc, (double)i);
	} else if (bl_word_is(name, "tshirt") || bl_word_is(name, "t-shirt")) {
		sc->name = "T-shirt sizes";
		sc->numeric = false;
		for (i = 0; i < sizeof(tshirt) / sizeof(tshirt[0]); i++)
			memcpy(sc->word[sc->n++], tshirt[i], strlen(tshirt[i]) + 1);
	} else {
		const char *p = opt;

		while (*p != '\0' && sc->n < SCALE_MAX) {
			size_t n = strcspn(p, ",");
			struct bl_text t = {0};
			struct estimate e;

			t.s = p;
			t.len = (uint32_t)n;
			read_estimate(&t, &e);
			if (e.kind == EST_NUMBER) {
				sc->num[sc->n] = e.num;
				snprintf(sc->word[sc->n++], sizeof(sc->word[0]), "%g", e.num);
			} else if (e.kind == EST_WORD) {
				sc->numeric = false;
				snprintf(sc->word[sc->n++], sizeof(sc->word[0]), "%s", e.word);
			}
			p += n + (p[n] == ',');
		}
	}
}

/* Writes the scale as a message shows it into sc->shown: only a finding
 * needs it, so it is not made for every item. */
static void
scale_shown(struct scale *sc)
{
	size_t i, len = 0;

	sc->shown[0] = '\0';
	if (sc->name != NULL)
		len = (size_t)snprintf(sc->shown, sizeof(sc->shown), "%s: ", sc->name);
	for (i = 0; i < sc->n && len + 24 < sizeof(sc->shown); i++) {
		int w;

		if (sc->numeric)
			w = snprintf(sc->shown + len, sizeof(sc->shown) - len, "%s%g",
			             i ? ", " : "", sc->num[i]);
		else {
			char word[16];

			word_shown(sc->word[i], word, sizeof(word));
			w = snprintf(sc->shown + len, sizeof(sc->shown) - len, "%s%s",
			             i ? ", " : "", word);
		}
		if (w > 0)
			len += (size_t)w;
	}
}

/* The position of an estimate on the scale, or -1. */
static int
scale_index(const struct scale *sc, const struct estimate *e)
{
	size_t i;

	char w[32];

	w[0] = '\0';
	if (!sc->numeric && e->kind == EST_NUMBER)
		snprintf(w, sizeof(w), "%g", e->num);
	for (i = 0; i < sc->n; i++) {
		if (sc->numeric && e->kind == EST_NUMBER && sc->num[i] - e->num < 1e-9 &&
		    e->num - sc->num[i] < 1e-9)
			return (int)i;
		if (!sc->numeric && e->kind == EST_WORD && strcmp(sc->word[i], e->word) == 0)
			return (int)i;
		if (!sc->numeric && e->kind == EST_NUMBER && strcmp(sc->word[i], w) == 0)
			return (int)i;
	}
	return -1;
}

/* The category of a status when it asks for an estimate (ready, started
 * or done), else NULL. */
static const char *
committed(struct bl_ctx *ctx, const char *status)
{
	struct bl_text t;
	const char *cat;

	if (status == NULL)
		return NULL;
	memset(&t, 0, sizeof(t));
	t.s = status;
	t.len = (uint32_t)strlen(status);
	cat = bl_status_category(ctx, &t);
	return cat != NULL && !bl_word_is(cat, "open") ? cat : NULL;
}

/* The estimate of summary s as read, EST_NONE-like when it has none. */
static bool
estimated(const struct bl_summary *s, struct estimate *e)
{
	struct bl_text t;

	if (s->estimate == NULL)
		return false;
	memset(&t, 0, sizeof(t));
	t.s = s->estimate;
	t.len = (uint32_t)strlen(s->estimate);
	read_estimate(&t, e);
	return e->kind != EST_PLACEHOLDER;
}

void
bl_check_estimate_missing(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	unsigned types = bl_rules[BL_R_ESTIMATE_MISSING].types;
	struct estimate e;
	size_t i;
	bool any = false;

	/* A team that estimates nothing has not asked for estimates. */
	for (i = 0; i < b->nitems && !any; i++)
		any = estimated(&b->items[i], &e);
	if (!any)
		return;
	for (i = 0; i < b->nitems; i++) {
		const struct bl_summary *s = &b->items[i];
		const char *type = bl_type_name(s->type), *status, *cat;
		bool done;

		if (!(types & BL_TYPE_BIT(s->type)) || (cat = committed(ctx, s->status)) == NULL ||
		    estimated(s, &e))
			continue;
		done = bl_word_is(cat, "done");
		status = bl_ctx_quote(ctx, s->status, strlen(s->status), 30);
		if (s->estimate == NULL) {
			if (done)
				bl_report_ref(ctx, BL_R_ESTIMATE_MISSING, &s->status_ref, s->id,
				              "the %s is '%s' but has no estimate, so the team's "
				              "velocity "
				              "leaves it out; record the size it was planned at",
				              type, status);
			else
				bl_report_ref(ctx, BL_R_ESTIMATE_MISSING, &s->status_ref, s->id,
				              "status '%s' means the team has committed to this "
				              "%s, but it "
				              "has no estimate; size it with the team (e.g. "
				              "'estimate: 3')",
				              status, type);
		} else if (done)
			bl_report_ref(
			        ctx, BL_R_ESTIMATE_MISSING, &s->estimate_ref, s->id,
			        "estimate '%s' is a placeholder, but status '%s' says the %s is "
			        "finished; record the size it was planned at, so the team's "
			        "velocity "
			        "counts it",
			        bl_ctx_quote(ctx, s->estimate, strlen(s->estimate), 20), status,
			        type);
		else
			bl_report_ref(ctx, BL_R_ESTIMATE_MISSING, &s->estimate_ref, s->id,
			              "estimate '%s' is a placeholder, but status '%s' means the "
			              "team has "
			              "committed to this %s; size it with the team",
			              bl_ctx_quote(ctx, s->estimate, strlen(s->estimate), 20),
			              status, type);
	}
}

void
bl_check_estimate_scale(struct bl_ctx *ctx, const struct bl_item *it)
{
	struct scale sc;
	struct estimate e;
	const char *q;
	size_t i;

	if (it->estimate.s == NULL)
		return;
	read_estimate(&it->estimate, &e);
	if (e.kind == EST_PLACEHOLDER)
		return;
	read_scale(bl_ctx_opt_str(ctx, BL_O_ESTIMATE_SCALE_SCALE), &sc);
	if (sc.n == 0 || scale_index(&sc, &e) >= 0)
		return;
	scale_shown(&sc);
	q = bl_ctx_quote(ctx, it->estimate.s, it->estimate.len, 30);
	if (e.kind == EST_DURATION) {
		bl_report(ctx, BL_R_ESTIMATE_SCALE, it->estimate.span,
		          "estimate '%s' is a duration, not a size on the team's scale (%s); "
		          "estimate how big the %s is compared with others, not how long it takes",
		          q, sc.shown, bl_type_name(it->type));
		return;
	}
	if (sc.numeric && e.kind == EST_NUMBER) {
		double lo = 0, hi = 0;
		bool below = false, above = false;

		for (i = 0; i < sc.n; i++) {
			if (sc.num[i] < e.num && (!below || sc.num[i] > lo)) {
				lo = sc.num[i];
				below = true;
			}
			if (sc.num[i] > e.num && (!above || sc.num[i] < hi)) {
				hi = sc.num[i];
				above = true;
			}
		}
		if (below && above)
			bl_report(ctx, BL_R_ESTIMATE_SCALE, it->estimate.span,
			          "estimate '%s' is not on the team's scale (%s); use the nearest "
			          "value (%g or %g)",
			          q, sc.shown, lo, hi);
		else
			bl_report(ctx, BL_R_ESTIMATE_SCALE, it->estimate.span,
			          "estimate '%s' is not on the team's scale (%s); use the nearest "
			          "value (%g)%s",
			          q, sc.shown, below ? lo : hi, above ? "" : " or split the item");
		return;
	}
	if (sc.numeric && e.kind == EST_WORD && tshirt_size(e.word) != NULL) {
		bl_report(ctx, BL_R_ESTIMATE_SCALE, it->estimate.span,
		          "estimate '%s' is a T-shirt size, not on the team's scale (%s); use "
		          "one of its values, or set the scale option to tshirt if the team sizes "
		          "that way",
		          q, sc.shown);
		return;
	}
	if (e.kind == EST_RANGE)
		bl_report(ctx, BL_R_ESTIMATE_SCALE, it->estimate.span,
		          "estimate '%s' is a range, not a value of the team's scale (%s); agree "
		          "on one value, or split the item if the range hides two stories",
		          q, sc.shown);
	else
		bl_report(ctx, BL_R_ESTIMATE_SCALE, it->estimate.span,
		          "estimate '%s' is not on the team's scale (%s); use one of its values", q,
		          sc.shown);
}

void
bl_check_estimate_too_large(struct bl_ctx *ctx, const struct bl_item *it)
{
	struct scale sc;
	struct estimate e, max;
	struct bl_text mt = {0};
	const char *opt = bl_ctx_opt_str(ctx, BL_O_ESTIMATE_TOO_LARGE_MAX);
	char shown[32];
	int at, limit;

	if (it->estimate.s == NULL)
		return;
	read_estimate(&it->estimate, &e);
	if (e.kind != EST_NUMBER && e.kind != EST_WORD)
		return;
	read_scale(bl_ctx_opt_str(ctx, BL_O_ESTIMATE_SCALE_SCALE), &sc);
	mt.s = opt;
	mt.len = (uint32_t)strlen(opt);
	read_estimate(&mt, &max);
	if (sc.numeric || sc.n == 0) {
		/* Any number counts, on the scale or not (estimate/scale says). */
		if (e.kind != EST_NUMBER || max.kind != EST_NUMBER || e.num <= max.num)
			return;
		snprintf(shown, sizeof(shown), "%g", max.num);
	} else {
		at = scale_index(&sc, &e);
		limit = scale_index(&sc, &max);
		if (limit < 0) {
			/* a number on a word scale: the default max; L if there is one */
			snprintf(max.word, sizeof(max.word), "l");
			max.kind = EST_WORD;
			limit = scale_index(&sc, &max);
		}
		if (at < 0 || limit < 0 || at <= limit)
			return;
		word_shown(sc.word[limit], shown, sizeof(shown));
	}
	if (it->type == BL_TYPE_STORY)
		bl_report(ctx, BL_R_ESTIMATE_TOO_LARGE, it->estimate.span,
		          "estimate '%s' is larger than %s: the story is too big to finish in one "
		          "iteration; split it into smaller stories that each deliver value",
		          bl_ctx_quote(ctx, it->estimate.s, it->estimate.len, 30), shown);
	else
		bl_report(ctx, BL_R_ESTIMATE_TOO_LARGE, it->estimate.span,
		          "estimate '%s' is larger than %s: the %s is too big to finish in one "
		          "iteration; split the work into smaller items",
		          bl_ctx_quote(ctx, it->estimate.s, it->estimate.len, 30), shown,
		          bl_type_name(it->type));
}
