/*
 * story/minimal: the story sentence holds the role, the means and the ends
 * and nothing more. Asides in brackets, lists of examples ("e.g.", "such
 * as"), qualifiers ("even though"), a second benefit or a second sentence
 * belong in the description or the acceptance criteria.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "common.h"
#include "rules.h"
#include "story.h"

/* Abbreviations whose full stop does not end a sentence. */
static bool
abbreviation(const char *s, size_t n, size_t dot)
{
	static const char *const abbr[] = {"e.g", "i.e", "etc", "vs",     "mr",   "mrs", "ms",
	                                   "dr",  "st",  "no",  "approx", "incl", "min", "max"};
	size_t start = dot, i;

	while (start > 0 && (s[start - 1] != ' ' && s[start - 1] != '('))
		start--;
	if (dot - start <= 1)
		return true; /* an initial: "J. Smith", "U.S." */
	for (i = 0; i < sizeof(abbr) / sizeof(abbr[0]); i++)
		if (bl_strncaseeq(s + start, dot - start, abbr[i]))
			return true;
	(void)n;
	return false;
}

/* Whether s[i, i + len) in parentheses is an acronym defined where it
 * stands ("continuous glucose monitor (CGM)"): reviewers split on those. */
static bool
acronym(const char *s, size_t i, size_t len)
{
	size_t k, caps = 0;

	if (len < 4 || len > 10)
		return false;
	for (k = i + 1; k < i + len - 1; k++) {
		if (isupper((unsigned char)s[k]))
			caps++;
		else if (!(isdigit((unsigned char)s[k]) || (s[k] == 's' && k == i + len - 2)))
			return false;
	}
	return caps >= 2;
}

/* Words that tack a qualifier onto the story: "even though ...". */
static size_t
qualifier(const struct bl_tokens *tk, size_t i)
{
	static const char *const two[][2] = {{"even", "though"},
	                                     {"even", "if"},
	                                     {"rather", "than"},
	                                     {"not", "necessarily"},
	                                     {"regardless", "of"}};
	const char *w = bl_token_norm(tk, i);
	size_t k;

	if (bl_word_is(w, "although"))
		return 1;
	if (i + 2 < tk->n && bl_word_is(w, "in") && bl_word_is(bl_token_norm(tk, i + 1), "which") &&
	    bl_word_is(bl_token_norm(tk, i + 2), "case"))
		return 3;
	if (i + 1 >= tk->n)
		return 0;
	for (k = 0; k < sizeof(two) / sizeof(two[0]); k++)
		if (bl_word_is(w, two[k][0]) && bl_word_is(bl_token_norm(tk, i + 1), two[k][1]))
			return 2;
	return 0;
}

/* How many tokens the benefit clause marker at token i takes ("so that",
 * "in order to", "so I can"), or 0. */
static size_t
benefit(const struct bl_tokens *tk, size_t i)
{
	const char *w = bl_token_norm(tk, i), *n1, *n2;

	if (i + 2 >= tk->n)
		return 0;
	n1 = bl_token_norm(tk, i + 1);
	n2 = bl_token_norm(tk, i + 2);
	if (bl_word_is(w, "so") &&
	    (bl_word_is(n1, "that") || (bl_word_is(n1, "as") && bl_word_is(n2, "to")) ||
	     ((bl_story_subject(n1) || bl_word_is(n1, "it")) && bl_story_auxiliary(n2)) ||
	     (bl_word_is(n2, "can") || bl_word_is(n2, "could") || bl_word_is(n2, "will"))))
		return 2;
	if (bl_word_is(w, "in") && bl_word_is(n1, "order") &&
	    (bl_word_is(n2, "to") || bl_word_is(n2, "that")))
		return 3;
	return 0;
}

/* Reports the part of story t from off to its end as not minimal. */
static void
not_minimal(struct bl_ctx *ctx, const struct bl_item *it, size_t off, const char *why)
{
	const struct bl_text *t = &it->story;
	size_t end = t->len;

	/* An aside in the means ends where the ends start. */
	if (it->ends.s != NULL && it->ends.s > t->s + off && it->ends.s <= t->s + t->len) {
		end = (size_t)(it->ends.s - t->s);
		while (end > off && (t->s[end - 1] == ' ' || isalpha((unsigned char)t->s[end - 1])))
			end--;
		while (end > off && (t->s[end - 1] == ',' || t->s[end - 1] == ' '))
			end--;
		if (end <= off)
			end = t->len;
	}
	while (end > off && (t->s[end - 1] == ' ' || t->s[end - 1] == '.'))
		end--;
	bl_report(ctx, BL_R_STORY_MINIMAL, bl_text_subspan(it->file, t, off, end - off),
	          "keep the story sentence minimal: \"%s\" %s",
	          bl_ctx_quote(ctx, t->s + off, end - off, 50), why);
}

/* Reports the brackets opening at t->s[i] of story t as an aside, unless
 * they mark a plural or prefix ("item(s)", "(re-)use") or define an
 * acronym; whether it did. */
static bool
bracket(struct bl_ctx *ctx, const struct bl_item *it, size_t i)
{
	const struct bl_text *t = &it->story;
	const char *close = memchr(t->s + i, t->s[i] == '(' ? ')' : ']', t->len - i);
	size_t len = close ? (size_t)(close - (t->s + i)) + 1 : 1;

	if (close != NULL && ((i > 0 && isalpha((unsigned char)t->s[i - 1])) || close[-1] == '-' ||
	                      acronym(t->s, i, len)))
		return false;
	bl_report(ctx, BL_R_STORY_MINIMAL, bl_text_subspan(it->file, t, i, len),
	          "keep the story sentence minimal: move \"%s\" into the description or "
	          "acceptance criteria",
	          bl_ctx_quote(ctx, t->s + i, len, 50));
	return true;
}

/* Reports "e.g.", "i.e." or "etc" at t->s[i] of story t: only those start a
 * list of examples; whether it did. */
static bool
examples(struct bl_ctx *ctx, const struct bl_item *it, size_t i)
{
	const struct bl_text *t = &it->story;
	const char *s = t->s + i;
	size_t len;

	if (!(*s == 'e' || *s == 'E' || *s == 'i' || *s == 'I') ||
	    (i > 0 && isalnum((unsigned char)t->s[i - 1])))
		return false;
	if (bl_strcaseprefix(s, t->len - i, "e.g.") || bl_strcaseprefix(s, t->len - i, "i.e."))
		len = 4;
	else if (bl_strcaseprefix(s, t->len - i, "etc"))
		len = 3;
	else
		return false;
	bl_report(ctx, BL_R_STORY_MINIMAL, bl_text_subspan(it->file, t, i, len),
	          "keep the story sentence minimal: '%.*s' starts a list of examples; move "
	          "them into the description or acceptance criteria",
	          (int)len, s);
	return true;
}

/* Reports a second sentence starting after t->s[i] of story t (". " and a
 * letter or digit), unless it only carries the ends ("... status. So that
 * I can finish it."); whether it did. */
static bool
second_sentence(struct bl_ctx *ctx, const struct bl_item *it, size_t i)
{
	const struct bl_text *t = &it->story;
	size_t rest;

	if (!((t->s[i] == '.' || t->s[i] == '!' || t->s[i] == '?') && i + 2 < t->len &&
	      t->s[i + 1] == ' ' && isalnum((unsigned char)t->s[i + 2]) &&
	      !(t->s[i] == '.' && abbreviation(t->s, t->len, i)) &&
	      !bl_strcaseprefix(t->s + i + 2, t->len - i - 2, "so ") &&
	      !bl_strcaseprefix(t->s + i + 2, t->len - i - 2, "in order ")))
		return false;
	rest = t->len - (i + 2);
	bl_report(ctx, BL_R_STORY_MINIMAL, bl_text_subspan(it->file, t, i + 2, rest),
	          "keep the story sentence minimal: \"%s\" is a second sentence; move it into "
	          "the description",
	          bl_ctx_quote(ctx, t->s + i + 2, rest, 50));
	return true;
}

/* Whether token i of story t (tokens tk), past the role (byte from), starts
 * a second sentence joined by a comma: ", I want ...", ", it is ...". */
static bool
comma_splice(const struct bl_text *t, const struct bl_tokens *tk, size_t i, size_t from)
{
	const char *w = bl_token_norm(tk, i);

	return i > 0 && i + 1 < tk->n && tk->t[i].off > from &&
	       bl_story_comma_between(t, tk->t[i - 1].off + tk->t[i - 1].len, tk->t[i].off) &&
	       (bl_story_subject(w) || bl_word_is(w, "it")) &&
	       bl_story_auxiliary(bl_token_norm(tk, i + 1));
}

/* Reports the first example, qualifier, second benefit or comma splice of
 * story t, word by word past the role. */
static void
by_word(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_text *t = &it->story;
	const struct bl_tokens *tk = bl_ctx_text_tokens(ctx, t->s, t->len);
	size_t i, k, benefits = 0, last = SIZE_MAX;
	size_t from = it->means.s != NULL && it->means.s >= t->s && it->means.s < t->s + t->len
	                      ? (size_t)(it->means.s - t->s)
	                      : 0;

	for (i = 0; i < tk->n; i++) {
		size_t off = tk->t[i].off;

		if (off < from)
			continue;
		if (bl_story_example_start(tk, i)) {
			not_minimal(ctx, it, off,
			            "gives examples; move them into the acceptance criteria");
			return;
		}
		if (qualifier(tk, i) > 0) {
			not_minimal(ctx, it, off,
			            "qualifies the story; move it into the notes or a criterion");
			return;
		}
		if ((k = benefit(tk, i)) > 0) {
			/* "so that so that": one clause written twice. */
			if (last == SIZE_MAX || i > last + 2)
				benefits++;
			last = i + k - 1;
			if (benefits == 2) {
				not_minimal(
				        ctx, it, off,
				        "is a second benefit; keep the one that matters and move "
				        "this one into the description");
				return;
			}
			i = last;
			continue;
		}
		if (comma_splice(t, tk, i, from)) {
			not_minimal(ctx, it, off,
			            "is a second sentence joined by a comma; move it into the "
			            "description");
			return;
		}
	}
}

void
bl_check_story_minimal(struct bl_ctx *ctx, const struct bl_item *it)
{
	const struct bl_text *t = &it->story;
	size_t i;

	if (t->s == NULL || it->story_parts_given || it->story_template < 0)
		return;
	/* Character by character: asides in brackets, lists of examples, a
	 * second sentence. */
	for (i = 0; i < t->len; i++) {
		if (t->s[i] == '(' || t->s[i] == '[') {
			if (bracket(ctx, it, i))
				return;
			continue;
		}
		if (examples(ctx, it, i) || second_sentence(ctx, it, i))
			return;
	}
	by_word(ctx, it);
}
