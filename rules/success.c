/*
 * success/: how the team will know an epic or feature worked. Success
 * criteria turn the problem statement into a target that can be checked
 * after release: a number, a threshold, a date, or a state anyone can
 * observe ("no member queues for a renewal"). An epic or feature without
 * them (missing) cannot be called done or judged worth its cost, and a
 * criterion that names no target ("members are happier", "faster
 * renewals") cannot be checked (unmeasurable). Each bullet or paragraph
 * of the success criteria is checked on its own.
 */
#include <stdint.h>
#include <string.h>

#include "common.h"
#include "rules.h"

/* The most bytes searched for a text that is not the source itself. */

void
bl_check_success_missing(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_text *t = &it->success;
	size_t k;

	if (bl_backlogmd_item(ctx, it) && !bl_ctx_opt_int(ctx, BL_O_SUCCESS_MISSING_BACKLOG_MD))
		return;
	/* An empty success: key or section is none. */
	for (k = 0; t->s != NULL && k < t->len; k++)
		if (t->s[k] != ' ' && t->s[k] != '\t' && t->s[k] != '\n' && t->s[k] != '\r')
			return;
	bl_report(ctx, BL_R_SUCCESS_MISSING, it->span,
	          "%s has no success criteria; add a \"Success criteria\" section (or a success: "
	          "key) that says how you will know it worked: a number, a date or a state anyone "
	          "can check",
	          bl_type_name(it->type));
}

/* Words that make a criterion checkable without a digit: numbers, named
 * states, and units and names of time. */
static const char *const measure_words[] = {
        /* numbers */
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "half",
        "halve",
        "halved",
        "twice",
        "double",
        "doubled",
        "triple",
        "tripled",
        "dozen",
        "percent",
        "cent",
        /* named states */
        "all",
        "every",
        "none",
        "no",
        "nobody",
        "nothing",
        "never",
        "always",
        /* time */
        "second",
        "seconds",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "quarter",
        "quarters",
        "year",
        "years",
        "sprint",
        "sprints",
        "hourly",
        "daily",
        "weekly",
        "monthly",
        "quarterly",
        "yearly",
        "annually",
        "overnight",
        "today",
        "tomorrow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        NULL,
};

/* Whether s[0, n) states a target: a digit, a percent sign, or a word of
 * measure_words. */
static bool
measurable(struct bl_ctx *ctx, const char *s, size_t n)
{
	struct bl_tokens *tk = bl_ctx_tokens(ctx);
	size_t i;

	for (i = 0; i < n; i++)
		if ((s[i] >= '0' && s[i] <= '9') || s[i] == '%')
			return true;
	bl_tokenize(tk, s, n);
	for (i = 0; i < tk->n; i++)
		if (bl_one_of(bl_token_norm(tk, i), measure_words))
			return true;
	return false;
}

/*
 * Where s[off, off + len) of text t is in the file, searching from byte
 * *cursor on when t is not the source itself (a YAML list or block
 * scalar); sets *at to its offset and moves the cursor past it. False
 * when it is not found.
 */
static bool
find_in_file(const struct bl_file *f, const struct bl_text *t, size_t off, size_t len,
             size_t *cursor, size_t *at)
{
	if (!bl_text_find(f, t, off, len, t->exact ? 0 : *cursor, at))
		return false;
	if (!t->exact)
		*cursor = *at + len;
	return true;
}

/* Whether the file text before offset at on its line is a YAML list
 * marker ("  - ", "  - \""): the line is an item of a YAML list. */
static bool
yaml_item(const struct bl_file *f, size_t at)
{
	size_t k = at;

	if (k > 0 && (f->data[k - 1] == '"' || f->data[k - 1] == '\''))
		k--;
	while (k > 0 && f->data[k - 1] == ' ')
		k--;
	if (k == 0 || f->data[k - 1] != '-')
		return false;
	k--;
	while (k > 0 && (f->data[k - 1] == ' ' || f->data[k - 1] == '\t'))
		k--;
	return k == 0 || f->data[k - 1] == '\n';
}

/* The length of a list marker ("- ", "* ", "1. ", "- [ ] ") at s[0, n),
 * or 0. */
static size_t
bullet(const char *s, size_t n)
{
	size_t k = 0;

	if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t'))
		k = 2;
	else {
		while (k < n && k < 9 && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k == 0 || k + 1 >= n || (s[k] != '.' && s[k] != ')') || s[k + 1] != ' ')
			return 0;
		k += 2;
	}
	while (k < n && s[k] == ' ')
		k++;
	if (k + 3 <= n && s[k] == '[' && s[k + 2] == ']' &&
	    (s[k + 1] == ' ' || s[k + 1] == 'x' || s[k + 1] == 'X')) {
		k += 3;
		while (k < n && s[k] == ' ')
			k++;
	}
	return k;
}

/* A criterion being gathered: text offsets and where it is in the file. */
struct unit {
	size_t from, to;       /* in the text; from SIZE_MAX when none */
	bool found;            /* file offsets known */
	size_t at_from, at_to; /* in the file */
};

/* Checks one criterion and reports it when it names no target. */
static void
check_unit(struct bl_ctx *ctx, const struct bl_item *it, const struct unit *u)
{
	const struct bl_text *t = &it->success;
	const char *s = t->s;
	size_t from = u->from, to = u->to;
	struct bl_span at = t->span;

	while (to > from &&
	       (s[to - 1] == ' ' || s[to - 1] == '\t' || s[to - 1] == '\n' || s[to - 1] == '\r'))
		to--;
	if (to == from)
		return;
	/* "We will know it worked when:" leads into the criteria. */
	if (s[to - 1] == ':')
		return;
	if (measurable(ctx, s + from, to - from))
		return;
	if (t->exact)
		at = bl_text_subspan(it->file, t, from, to - from);
	else if (u->found)
		at = bl_file_span(it->file, u->at_from, u->at_to - u->at_from);
	bl_report(ctx, BL_R_SUCCESS_UNMEASURABLE, at,
	          "success criterion \"%s\" names no target; say how much, by when, or what state "
	          "counts as success (\"half of renewals made online by June\")",
	          bl_ctx_quote(ctx, s + from, to - from, 60));
}

/* Whether line s[0, n) holds no criterion text: blank, a heading, an HTML
 * comment or a rule. */
static bool
no_text(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n == 0 || s[0] == '#' || (n >= 4 && memcmp(s, "<!--", 4) == 0) ||
	       (n >= 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "***", 3) == 0) &&
	        strspn(s, "-*_ ") >= n);
}

void
bl_check_success_unmeasurable(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_text *t = &it->success;
	struct unit u = {SIZE_MAX, 0, false, 0, 0};
	size_t ls = 0, cursor = 0;

	if (t->s == NULL)
		return;
	/*
	 * Criteria are list items (with their continuation lines) and
	 * paragraphs. In a text that is not the source, a YAML list or block
	 * scalar, each line is found in the file to tell list items from
	 * wrapped lines.
	 */
	for (;;) {
		const char *nl = ls < t->len ? memchr(t->s + ls, '\n', t->len - ls) : NULL;
		size_t le = nl ? (size_t)(nl - t->s) : t->len, ind = ls, b, te, at = 0;
		bool blank = no_text(t->s + ls, le - ls), found = false, starts;

		while (ind < le && (t->s[ind] == ' ' || t->s[ind] == '\t'))
			ind++;
		b = blank ? 0 : bullet(t->s + ind, le - ind);
		te = le;
		while (te > ind + b && (t->s[te - 1] == ' ' || t->s[te - 1] == '\r'))
			te--;
		if (!blank)
			found = find_in_file(it->file, t, ind + b, te - ind - b, &cursor, &at);
		starts = b > 0 || (!t->exact && found && yaml_item(it->file, at));
		if (blank || starts || u.from == SIZE_MAX) {
			if (u.from != SIZE_MAX)
				check_unit(ctx, it, &u);
			u.from = SIZE_MAX;
			if (!blank) {
				u.from = ind + b;
				u.found = found;
				u.at_from = at;
			}
		}
		if (!blank) {
			u.to = te;
			u.found = u.found && found;
			u.at_to = at + (te - ind - b);
		}
		if (nl == NULL)
			break;
		ls = le + 1;
	}
	if (u.from != SIZE_MAX)
		check_unit(ctx, it, &u);
}
