/*
 * The built-in story templates and openers matched by hand. Each template
 * is read the way pcre2 runs its pattern: the same choices in the same
 * order (a greedy run longest first and then giving back one character
 * at a time, a lazy one shortest first, alternatives left to right), so
 * the first match found is the one pcre2 reports, with the same groups.
 * Where pcre2 would come back to a position and fail there again, the
 * first failure is remembered (memo), so a sentence costs about its
 * length. Each function below names the piece of pattern it reads.
 *
 * Characters follow pcre2's UTF and UCP modes: \s is the list in
 * is_space(), \w beyond ASCII is asked of pcre2 itself (Unicode letters
 * and numbers), caseless letters take 'ſ' for s and the Kelvin sign for
 * k, '.' is any character but '\n', and an invalid UTF-8 sequence matches
 * nothing: no template matches a sentence holding one, and an opener
 * stops before it.
 *
 * pcre2 does not remember failures: it retries them, and on some
 * sentences of a few hundred bytes (long runs of spaces, a means that a
 * line break cuts short, again and again) it reaches its match limit and
 * reports no match where the pattern has one. Such a sentence is "hard":
 * when it matches, the caller asks pcre2 (BL_STORY_SCAN_HARD), so that the
 * answer stays pcre2's, limit included. A sentence that matches no
 * template has the same answer either way.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "story_scan.h"

#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NONE SIZE_MAX

/* The patterns this file reads, as rules/words/ holds them. A change
 * there sends the templates back to pcre2 (and fails a unit test) until
 * this file follows it. */
static const char *const builtin_templates[] = {
        "^\\W*as\\s+(?:an?\\s+|the\\s+)?(?<role>[^.;]+?)\\s*,?\\s*(?:\\b(?:I|we)(?:\\s*(?:'|’)(?:m|"
        "d|re))?\\s+(?:(?:only|also|really|just|do\\s+not|don't|don’t|do|am|would|should|must|will)"
        "\\s+)*?(?:want|need|wish|would\\s+(?:like|love|prefer)|be\\s+able|like|love|prefer|expect|"
        "require|can(?:not)?|could|should|must|will|may|able)|\\bwould\\s+like|\\bwant|\\bneed)\\b"
        "\\s*(?<means>.+?)(?:\\s*[,;]?\\s*\\b(?:so\\s+that|so\\s+as|(?<!\\bdo\\s)(?<!\\band\\s)(?<!"
        "\\bor\\s)(?<!\\bnot\\s)so(?!\\s+(?:much|many|far|on|long|called|often|well|forth|good|as)"
        "\\b)(?=\\s+\\w)|in\\s+order|because)\\b\\s*(?<ends>.+?))?\\s*[.!]*\\s*$",
        "^\\W*in\\s+order\\s+to\\s+(?<ends>.+?)\\s*,\\s*as\\s+(?:an?\\s+|the\\s+)?(?<role>[^,.;]+?)"
        "\\s*,?\\s*\\bI\\s+(?:want|need|would\\s+like|can|should\\s+be\\s+able)\\b\\s*(?<means>.+?)"
        "\\s*[.!]*\\s*$",
        "^\\W*I\\s+(?:want|need|would\\s+like|can|should\\s+be\\s+able)\\b\\s*(?<means>.+?)(?:\\s*["
        ",;]?\\s*\\b(?:so\\s+that|so\\s+as|in\\s+order)\\b\\s*(?<ends>.+?))?\\s*[.!]*\\s*$",
        NULL};
static const char *const builtin_openers[] = {"as\\s+(?:an?|the)\\s", "as\\s+\\w+\\s*,",
                                              "in\\s+order\\s+to\\s.*,\\s*as\\s",
                                              "I\\s+want\\s+to\\s.*\\bso\\s+that\\b", NULL};

/* Whether the patterns of list (one a line, '#' comments and blank lines
 * skipped as bl_story_parser_new skips them) are those of want. */
static bool
same_patterns(const char *list, const char *const *want)
{
	const char *line = list;
	size_t k = 0;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *s = line;

		bl_trim(&s, &len);
		if (len && s[0] != '#') {
			if (want[k] == NULL || strlen(want[k]) != len ||
			    memcmp(want[k], s, len) != 0)
				return false;
			k++;
		}
		line = end ? end + 1 : NULL;
	}
	return want[k] == NULL;
}

bool
bl_story_scan_builtin(const char *templates, const char *openers)
{
	return same_patterns(templates, builtin_templates) &&
	       same_patterns(openers, builtin_openers);
}

struct bl_story_scan {
	pcre2_code *word; /* \w, for characters beyond ASCII */
};

struct bl_story_scan *
bl_story_scan_new(void)
{
	struct bl_story_scan *sc = bl_xcalloc(1, sizeof(*sc));
	PCRE2_SIZE erroff;
	int errcode;

	sc->word =
	        pcre2_compile((PCRE2_SPTR) "\\w", PCRE2_ZERO_TERMINATED,
	                      PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &errcode, &erroff, NULL);
	if (sc->word == NULL) {
		fputs("backlint: out of memory\n", stderr);
		exit(2);
	}
	(void)pcre2_jit_compile(sc->word, PCRE2_JIT_COMPLETE);
	return sc;
}

void
bl_story_scan_free(struct bl_story_scan *sc)
{
	if (sc == NULL)
		return;
	pcre2_code_free(sc->word);
	free(sc);
}

/* Marks of what failed at a position (struct cur's memo). */
enum {
	FAIL_VERB1 = 1,  /* template 1 from the verb on */
	FAIL_MEANS1 = 2, /* template 1 from the means on */
	FAIL_ADVERB = 4, /* template 1 from the adverbs on */
	FAIL_COMMA2 = 8, /* template 2 from the comma after its ends on */
	FAIL_VERB2 = 16, /* template 2 from "I" on */
	FAIL_MEANS3 = 32 /* template 3 from the means on */
};

/* One sentence being matched. */
struct cur {
	const unsigned char *s;
	size_t n;
	size_t t0;      /* where the closing \s*[.!]*\s*$ can start: at t0 or after */
	size_t last_nl; /* the last '\n' before t0, or NONE */
	const struct bl_story_scan *sc;
	pcre2_match_data *md; /* for the \w of characters beyond ASCII */
	int32_t word_cp;      /* the last of those asked, and the answer */
	bool word_is;
	bool all_so; /* template 1's words after the means ("so", "because") */
	bool hard;   /* a path failed after its verb: pcre2 may give up (see below) */
	size_t ov[6];
	unsigned char memo[BL_STORY_SCAN_MAX + 1];
};

/* The character of s[0, n) at i: its code point, and its length in *len
 * (0 past the end or on an invalid sequence, whose code point is -1). */
static int32_t
decode(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	size_t left = i < n ? n - i : 0, k, need;
	uint32_t cp;

	*len = 0;
	if (left == 0)
		return -1;
	s += i;
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return -1;
	need = s[0] < 0xE0 ? 1 : s[0] < 0xF0 ? 2 : 3;
	if (need >= left)
		return -1;
	cp = s[0] & (0x3F >> need);
	for (k = 1; k <= need; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return -1;
		cp = cp << 6 | (s[k] & 0x3F);
	}
	if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))) ||
	    (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
		return -1;
	*len = need + 1;
	return (int32_t)cp;
}

static int32_t
cp_at(const struct cur *c, size_t i, size_t *len)
{
	if (i < c->n && c->s[i] < 0x80) {
		*len = 1;
		return c->s[i];
	}
	return decode(c->s, c->n, i, len);
}

/* The start of the character that ends at i (i > 0). */
static size_t
prev_at(const struct cur *c, size_t i)
{
	size_t k = i - 1;

	while (k > 0 && i - k < 4 && (c->s[k] & 0xC0) == 0x80)
		k--;
	return k;
}

/* The code point of the character that ends at i: -1 at the start and
 * after an invalid sequence. */
static int32_t
cp_before(const struct cur *c, size_t i)
{
	size_t k, len;
	int32_t cp;

	if (i == 0)
		return -1;
	k = prev_at(c, i);
	cp = cp_at(c, k, &len);
	return k + len == i ? cp : -1;
}

/* pcre2's \s with UCP: Unicode separators and the horizontal and vertical
 * spaces. */
static bool
is_space(int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	switch (cp) {
	case 0x85:
	case 0xA0:
	case 0x1680:
	case 0x180E:
	case 0x2028:
	case 0x2029:
	case 0x202F:
	case 0x205F:
	case 0x3000: return true;
	default: return cp >= 0x2000 && cp <= 0x200A;
	}
}

static bool
ascii_word(unsigned char b)
{
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
	       b == '_';
}

static bool
is_word(struct cur *c, int32_t cp)
{
	unsigned char b[4] = {0, 0, 0, 0}; /* all set: pcre2's JIT may read past len */
	size_t len;

	if (cp < 0x80)
		return cp >= 0 && ascii_word((unsigned char)cp);
	if (cp == c->word_cp)
		return c->word_is;
	if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | cp >> 6);
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		len = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | cp >> 12);
		b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		len = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | cp >> 18);
		b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F));
		len = 4;
	}
	if (c->md == NULL && (c->md = pcre2_match_data_create(1, NULL)) == NULL) {
		fputs("backlint: out of memory\n", stderr);
		exit(2);
	}
	c->word_cp = cp;
	c->word_is = pcre2_match(c->sc->word, b, len, 0, PCRE2_NO_UTF_CHECK, c->md, NULL) >= 0;
	return c->word_is;
}

/* \b at i. */
static bool
boundary(struct cur *c, size_t i)
{
	bool before, at;
	int32_t cp;
	size_t len;

	if (i > 0 && c->s[i - 1] < 0x80)
		before = ascii_word(c->s[i - 1]);
	else
		before = (cp = cp_before(c, i)) >= 0 && is_word(c, cp);
	if (i < c->n && c->s[i] < 0x80)
		at = ascii_word(c->s[i]);
	else
		at = (cp = cp_at(c, i, &len)) >= 0 && is_word(c, cp);
	return before != at;
}

/* \s* from i: where the run of spaces ends. */
static size_t
skip_space(const struct cur *c, size_t i)
{
	size_t len;

	while (i < c->n) {
		if (c->s[i] == ' ')
			len = 1;
		else if (!is_space(cp_at(c, i, &len)))
			break;
		i += len;
	}
	return i;
}

/* \W* from i. */
static size_t
skip_nonword(struct cur *c, size_t i)
{
	size_t len;
	int32_t cp;

	while ((cp = cp_at(c, i, &len)) >= 0 && !is_word(c, cp))
		i += len;
	return i;
}

/* A pattern letter (lower case ASCII, or a character of its own) against
 * a subject character, caselessly as pcre2 compares them. */
static bool
same_letter(int32_t pat, int32_t cp)
{
	if (pat == cp)
		return true;
	if (pat < 'a' || pat > 'z')
		return false;
	return cp == pat - 'a' + 'A' || (pat == 's' && cp == 0x17F) || (pat == 'k' && cp == 0x212A);
}

/* Literal text w at i, caseless, a space in w standing for \s+ (always
 * followed by a letter, so the run is taken whole): the end, or NONE. */
static size_t
lit(const struct cur *c, size_t i, const char *w)
{
	const unsigned char *p = (const unsigned char *)w;
	size_t k = 0, plen, len;

	while (p[k] != '\0') {
		unsigned char b = i < c->n ? c->s[i] : 0;

		if (p[k] == ' ') {
			size_t j = skip_space(c, i);

			if (j == i)
				return NONE;
			i = j;
			k++;
		} else if (p[k] < 0x80 && b != 0 && b < 0x80) {
			/* ASCII both: equal, or the same letter in upper case. */
			if (b != p[k] && !(p[k] >= 'a' && p[k] <= 'z' && b == p[k] - 'a' + 'A'))
				return NONE;
			i++;
			k++;
		} else {
			if (!same_letter(decode(p, SIZE_MAX, k, &plen), cp_at(c, i, &len)))
				return NONE;
			i += len;
			k += plen;
		}
	}
	return i;
}

/* The length of the \s character at i, or 0. */
static size_t
space_at(const struct cur *c, size_t i)
{
	size_t len;

	return is_space(cp_at(c, i, &len)) ? len : 0;
}

/* (?<group>.+?)\s*[.!]*\s*$ from i: the group is the shortest run of
 * non-newline characters after which the closing part reaches the end. */
static size_t
rest_to_end(struct cur *c, size_t i)
{
	size_t len, end;
	int32_t cp = cp_at(c, i, &len);

	if (len == 0 || cp == '\n')
		return NONE;
	end = i + len;
	if (end < c->t0 && c->last_nl != NONE && c->last_nl >= end)
		c->hard = true;
	if (end < c->t0) {
		/* Up to t0, on the same line. */
		if (c->last_nl != NONE && c->last_nl >= end)
			return NONE;
		end = c->t0;
	}
	return end;
}

/* \b\s*(?<group>.+?)\s*[.!]*\s*$ after i, \s* giving back one character
 * at a time: sets ov[2k..2k+1]. */
static bool
group_to_end(struct cur *c, size_t i, int k)
{
	size_t x, end;

	if (!boundary(c, i))
		return false;
	for (x = skip_space(c, i);; x = prev_at(c, x)) {
		if ((end = rest_to_end(c, x)) != NONE) {
			c->ov[2 * k] = x;
			c->ov[2 * k + 1] = end;
			return true;
		}
		if (x == i)
			return false;
	}
}

/* (?<!\bW\s) at i: whether s before i is not the word w (caseless, a word
 * edge before it) and one space. */
static bool
not_after(struct cur *c, size_t i, const char *w)
{
	size_t k = strlen(w);
	int32_t cp = cp_before(c, i);

	if (cp < 0 || !is_space(cp))
		return true;
	i = prev_at(c, i);
	while (k > 0) {
		cp = cp_before(c, i);
		if (cp < 0 || !same_letter(w[--k], cp))
			return true;
		i = prev_at(c, i);
	}
	return !boundary(c, i);
}

/* Template 1's lone "so" at i: not after "do", "and", "or" or "not", not
 * before "much", "as", ..., and before a space and a word. Its end or
 * NONE. */
static size_t
lone_so(struct cur *c, size_t i)
{
	static const char *const after[] = {"much",  "many", "far",   "on",   "long", "called",
	                                    "often", "well", "forth", "good", "as",   NULL};
	size_t e, x, k, end, len;

	if ((e = lit(c, i, "so")) == NONE || (x = skip_space(c, e)) == e)
		return NONE;
	if (!not_after(c, i, "do") || !not_after(c, i, "and") || !not_after(c, i, "or") ||
	    !not_after(c, i, "not"))
		return NONE;
	for (k = 0; after[k] != NULL; k++)
		if ((end = lit(c, x, after[k])) != NONE && boundary(c, end))
			return NONE;
	return is_word(c, cp_at(c, x, &len)) && len > 0 ? e : NONE;
}

/* The words that open the ends, tried in the templates' order (those of
 * one first letter only: the others cannot match at z). */
static bool
ends_from(struct cur *c, size_t z)
{
	size_t e;

	if (!boundary(c, z))
		return false;
	switch (c->s[z] | 0x20) {
	case 's':
	case 0xC5 | 0x20: /* 'ſ' */
		if ((e = lit(c, z, "so that")) != NONE && group_to_end(c, e, 2))
			return true;
		if ((e = lit(c, z, "so as")) != NONE && group_to_end(c, e, 2))
			return true;
		return c->all_so && (e = lone_so(c, z)) != NONE && group_to_end(c, e, 2);
	case 'i': return (e = lit(c, z, "in order")) != NONE && group_to_end(c, e, 2);
	case 'b': return c->all_so && (e = lit(c, z, "because")) != NONE && group_to_end(c, e, 2);
	default: return false;
	}
}

/* Whether byte b may open a space, a comma or a character beyond ASCII.
 * The two tests below, true for few bytes, spare most characters of the
 * role and the means a closer look. */
static bool
opens_gap(unsigned char b)
{
	return b >= 0x80 || b == ' ' || (b >= '\t' && b <= '\r') || b == ',';
}

/* ... or a semicolon, or a word after the means: so, in, because. */
static bool
may_open_ends(unsigned char b)
{
	unsigned char l = b | 0x20;

	return opens_gap(b) || b == ';' || l == 's' || l == 'i' || l == 'b';
}

/* ... or a verb after the role: I, we, would, want, need. */
static bool
may_open_verb(unsigned char b)
{
	unsigned char l = b | 0x20;

	return opens_gap(b) || l == 'i' || l == 'w' || l == 'n';
}

/* (?:\s*[,;]?\s*\b(?:so\s+that|...)\b\s*(?<ends>.+?))? at i: the greedy
 * spaces and mark are taken whole, as the words after them open with a
 * letter. */
static bool
ends_at(struct cur *c, size_t i)
{
	size_t z;

	/* Most characters open neither spaces nor the words: said at once. */
	if (i < c->n && !may_open_ends(c->s[i]))
		return false;
	z = skip_space(c, i);
	if (z < c->n && (c->s[z] == ',' || c->s[z] == ';'))
		z = skip_space(c, z + 1);
	return z < c->n && ends_from(c, z);
}

/* (?<means>.+?)(?:...(?<ends>.+?))?\s*[.!]*\s*$ from i. */
static bool
means_from(struct cur *c, size_t i)
{
	unsigned mark = c->all_so ? FAIL_MEANS1 : FAIL_MEANS3;
	size_t e = i, len;
	int32_t cp;

	if (c->memo[i] & mark)
		return false;
	for (;;) {
		cp = cp_at(c, e, &len);
		if (len == 0 || cp == '\n')
			break;
		e += len;
		c->ov[4] = c->ov[5] = NONE;
		if (ends_at(c, e) || e >= c->t0) {
			c->ov[2] = i;
			c->ov[3] = e;
			return true;
		}
	}
	c->memo[i] |= mark;
	c->hard = true;
	return false;
}

/* \b\s*(?<means>...)... after the verb ending at i. */
static bool
means_after(struct cur *c, size_t i)
{
	size_t x;

	if (!boundary(c, i))
		return false;
	for (x = skip_space(c, i);; x = prev_at(c, x)) {
		if (means_from(c, x))
			return true;
		if (x == i)
			return false;
	}
}

/* The verbs of template 1 after "I" or "we", in the pattern's order. */
static const char *const verbs1[] = {
        "want",  "need",   "wish",   "would like", "would love", "would prefer", "be able",
        "like",  "love",   "prefer", "expect",     "require",    "cannot",       "can",
        "could", "should", "must",   "will",       "may",        "able",         NULL};
static const char *const adverbs1[] = {"only",   "also",  "really", "just", "do not",
                                       "don't",  "don’t", "do",     "am",   "would",
                                       "should", "must",  "will",   NULL};

/* (?:(?:only|...)\s+)*?(?:want|...) at i (after \s+): lazy, so the verb
 * is tried before one more adverb. */
static bool
adverbs_then_verb(struct cur *c, size_t i)
{
	size_t k, e, x;

	if (c->memo[i] & FAIL_ADVERB)
		return false;
	for (k = 0; verbs1[k] != NULL; k++)
		if ((e = lit(c, i, verbs1[k])) != NONE && means_after(c, e))
			return true;
	for (k = 0; adverbs1[k] != NULL; k++)
		if ((e = lit(c, i, adverbs1[k])) != NONE && (x = skip_space(c, e)) > e &&
		    adverbs_then_verb(c, x))
			return true;
	c->memo[i] |= FAIL_ADVERB;
	return false;
}

/* Template 1 from the verb at v: "I/we ... want" or "would like", "want",
 * "need". */
static bool
verb1_at(struct cur *c, size_t v)
{
	size_t a, e, x, len;
	int32_t cp;

	if (v >= c->n || (c->memo[v] & FAIL_VERB1))
		return false;
	/* Each alternative opens with i, w or n: nothing beyond ASCII. */
	switch (c->s[v] | 0x20) {
	case 'i':
	case 'w':
	case 'n': break;
	default: return false;
	}
	if (boundary(c, v)) {
		if ((a = lit(c, v, "i")) != NONE || (a = lit(c, v, "we")) != NONE) {
			/* (?:\s*(?:'|’)(?:m|d|re))? first taken, then left out. */
			x = skip_space(c, a);
			cp = cp_at(c, x, &len);
			if ((cp == '\'' || cp == 0x2019) &&
			    ((e = lit(c, x + len, "m")) != NONE ||
			     (e = lit(c, x + len, "d")) != NONE ||
			     (e = lit(c, x + len, "re")) != NONE) &&
			    (x = skip_space(c, e)) > e && adverbs_then_verb(c, x))
				return true;
			if ((x = skip_space(c, a)) > a && adverbs_then_verb(c, x))
				return true;
		}
		if ((e = lit(c, v, "would like")) != NONE && means_after(c, e))
			return true;
		if ((e = lit(c, v, "want")) != NONE && means_after(c, e))
			return true;
		if ((e = lit(c, v, "need")) != NONE && means_after(c, e))
			return true;
	}
	c->memo[v] |= FAIL_VERB1;
	return false;
}

/* \s*,?\s* after the role: taken whole, as what follows opens with a
 * letter. */
static size_t
after_role(const struct cur *c, size_t i)
{
	i = skip_space(c, i);
	if (i < c->n && c->s[i] == ',')
		i = skip_space(c, i + 1);
	return i;
}

/* The verbs of templates 2 and 3 after "I". */
static const char *const verbs23[] = {"want", "need", "would like", "can", "should be able", NULL};

/* Template 2 from \bI\s+(?:want|...)\b\s*(?<means>.+?)\s*[.!]*\s*$ at v. */
static bool
verb2_at(struct cur *c, size_t v)
{
	size_t a, e, x, k;

	if (c->memo[v] & FAIL_VERB2)
		return false;
	if (boundary(c, v) && (a = lit(c, v, "i")) != NONE && (x = skip_space(c, a)) > a)
		for (k = 0; verbs23[k] != NULL; k++)
			if ((e = lit(c, x, verbs23[k])) != NONE && group_to_end(c, e, 1))
				return true;
	c->memo[v] |= FAIL_VERB2;
	return false;
}

/* (?<role>[^.;]+?) (template 1) or (?<role>[^,.;]+?) (template 2) from
 * i, lazy: the shortest role after which the rest matches. */
static bool
role_from(struct cur *c, size_t i, int template)
{
	size_t e = i, len;
	int32_t cp;

	for (;;) {
		cp = cp_at(c, e, &len);
		if (len == 0 || cp == '.' || cp == ';' || (template == 1 && cp == ','))
			return false;
		e += len;
		if (e < c->n && !may_open_verb(c->s[e]))
			continue;
		if (template == 0 ? verb1_at(c, after_role(c, e)) : verb2_at(c, after_role(c, e))) {
			c->ov[0] = i;
			c->ov[1] = e;
			return true;
		}
	}
}

/* \s+ give-back from j down to just after i, each start tried with fn. */
static bool
spaces_then(struct cur *c, size_t i, int template)
{
	size_t j = skip_space(c, i);

	for (; j > i; j = prev_at(c, j))
		if (role_from(c, j, template))
			return true;
	return false;
}

/* as\s+(?:an?\s+|the\s+)?(?<role>...) from after "as" at i. */
static bool
as_role(struct cur *c, size_t i, int template)
{
	size_t j = skip_space(c, i), a, k;

	if (j == i)
		return false;
	for (k = j; k > i; k = prev_at(c, k)) {
		/* The article only where no space was given back. */
		if (k == j) {
			if ((a = lit(c, k, "an")) != NONE && spaces_then(c, a, template))
				return true;
			if ((a = lit(c, k, "a")) != NONE && spaces_then(c, a, template))
				return true;
			if ((a = lit(c, k, "the")) != NONE && spaces_then(c, a, template))
				return true;
		}
		if (role_from(c, k, template))
			return true;
	}
	return false;
}

/* Template 1: As a <role>, I want <means>, so that <ends>. */
static bool
template1(struct cur *c, size_t p)
{
	size_t a = lit(c, p, "as");

	c->all_so = true;
	return a != NONE && as_role(c, a, 0);
}

/* \s*,\s*as\s+... after template 2's ends at i. */
static bool
comma_as(struct cur *c, size_t i)
{
	size_t z = skip_space(c, i), a;

	if (z >= c->n || c->s[z] != ',' || (c->memo[z] & FAIL_COMMA2))
		return false;
	a = lit(c, skip_space(c, z + 1), "as");
	if (a != NONE && as_role(c, a, 1))
		return true;
	c->memo[z] |= FAIL_COMMA2;
	if (a != NONE)
		c->hard = true;
	return false;
}

/* Template 2: In order to <ends>, as a <role>, I want <means>. */
static bool
template2(struct cur *c, size_t p)
{
	size_t a = lit(c, p, "in order to"), j, x, e, len;
	int32_t cp;

	if (a == NONE || (j = skip_space(c, a)) == a)
		return false;
	for (x = j; x > a; x = prev_at(c, x))
		for (e = x;;) {
			cp = cp_at(c, e, &len);
			if (len == 0 || cp == '\n')
				break;
			e += len;
			if (comma_as(c, e)) {
				c->ov[4] = x;
				c->ov[5] = e;
				return true;
			}
		}
	return false;
}

/* Template 3: I want <means>, so that <ends>. */
static bool
template3(struct cur *c, size_t p)
{
	size_t a = lit(c, p, "i"), x, e, k;

	c->all_so = false;
	if (a == NONE || (x = skip_space(c, a)) == a)
		return false;
	for (k = 0; verbs23[k] != NULL; k++)
		if ((e = lit(c, x, verbs23[k])) != NONE && means_after(c, e))
			return true;
	return false;
}

static void
cur_init(struct cur *c, const struct bl_story_scan *sc, const char *s, size_t n)
{
	c->s = (const unsigned char *)s;
	c->n = n;
	c->sc = sc;
	c->md = NULL;
	c->word_cp = -1;
	c->word_is = false;
	c->all_so = true;
	c->hard = false;
}

/* Whether the whole of c is valid UTF-8, and where its closing
 * \s*[.!]*\s*$ can start (t0) and its last newline before that. A run of
 * more than four spaces makes the sentence hard. */
static bool
cur_prepare(struct cur *c)
{
	size_t i, len, t, spaces = 0;
	int32_t cp;

	for (i = 0; i < c->n; i += len) {
		if (c->s[i] < 0x80) {
			len = 1;
			cp = c->s[i];
		} else if ((cp = cp_at(c, i, &len)) < 0)
			return false;
		spaces = is_space(cp) ? spaces + 1 : 0;
		if (spaces > 4)
			c->hard = true;
	}
	t = c->n;
	while (t > 0 && is_space(cp_before(c, t)))
		t = prev_at(c, t);
	while (t > 0 && (c->s[t - 1] == '.' || c->s[t - 1] == '!'))
		t--;
	while (t > 0 && is_space(cp_before(c, t)))
		t = prev_at(c, t);
	c->t0 = t;
	c->last_nl = NONE;
	for (i = t; i > 0; i--)
		if (c->s[i - 1] == '\n') {
			c->last_nl = i - 1;
			break;
		}
	return true;
}

int
bl_story_scan_parse(const struct bl_story_scan *sc, const char *s, size_t n, size_t ov[6])
{
	struct cur c;
	int r = -1;
	size_t p, k;

	cur_init(&c, sc, s, n);
	memset(c.memo, 0, n + 1);
	for (k = 0; k < 6; k++)
		c.ov[k] = NONE;
	if (cur_prepare(&c)) {
		p = skip_nonword(&c, 0);
		if (template1(&c, p))
			r = 0;
		else if (template2(&c, p))
			r = 1;
		else if (template3(&c, p))
			r = 2;
	}
	pcre2_match_data_free(c.md);
	if (r >= 0 && c.hard)
		return BL_STORY_SCAN_HARD;
	for (k = 0; k < 6; k++)
		ov[k] = r >= 0 ? c.ov[k] : NONE;
	return r;
}

/* in\s+order\s+to\s.*,\s*as\s and I\s+want\s+to\s.*\bso\s+that\b from
 * after their first words at i: anywhere on the rest of the line. */
static bool
opener_far(struct cur *c, size_t i, bool so_that)
{
	size_t len, e;
	int32_t cp;

	for (;;) {
		if (so_that) {
			if (boundary(c, i) && (e = lit(c, i, "so that")) != NONE && boundary(c, e))
				return true;
		} else if (i < c->n && c->s[i] == ',') {
			e = lit(c, skip_space(c, i + 1), "as");
			if (e != NONE && space_at(c, e))
				return true;
		}
		cp = cp_at(c, i, &len);
		if (len == 0 || cp == '\n')
			return false;
		i += len;
	}
}

bool
bl_story_scan_opener(const struct bl_story_scan *sc, const char *s, size_t n)
{
	struct cur c;
	size_t p, a, w, e;
	bool r = false;

	cur_init(&c, sc, s, n);
	p = skip_nonword(&c, 0);
	if ((a = lit(&c, p, "as")) != NONE && (w = skip_space(&c, a)) > a) {
		/* as\s+(?:an?|the)\s, then as\s+\w+\s*, */
		r = ((e = lit(&c, w, "an")) != NONE && space_at(&c, e)) ||
		    ((e = lit(&c, w, "a")) != NONE && space_at(&c, e)) ||
		    ((e = lit(&c, w, "the")) != NONE && space_at(&c, e));
		if (!r) {
			size_t len;

			for (e = w; is_word(&c, cp_at(&c, e, &len)) && len > 0; e += len)
				;
			r = e > w && (e = skip_space(&c, e)) < n && s[e] == ',';
		}
	}
	if (!r && (a = lit(&c, p, "in order to")) != NONE && (w = space_at(&c, a)) > 0)
		r = opener_far(&c, a + w, false);
	if (!r && (a = lit(&c, p, "i want to")) != NONE && (w = space_at(&c, a)) > 0)
		r = opener_far(&c, a + w, true);
	pcre2_match_data_free(c.md);
	return r;
}
