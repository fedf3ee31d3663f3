/*
 * Unit tests of the word matcher: tokenising (Unicode letters, inner
 * apostrophes and hyphens, byte offsets), word sets (phrases, values,
 * case folding beyond ASCII, removal, growth), and lookups of the longest
 * phrase at a token.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "util.h"
#include "words.h"

/* The tokeniser knows Unicode letters while a word set exists. */
static int
setup(void **state)
{
	*state = bl_wordset_new();
	return 0;
}

static int
teardown(void **state)
{
	bl_wordset_free(*state);
	return 0;
}

static void
test_tokenize(void **state)
{
	static const char s[] = "As an R&D-manager, I don’t want café/Bücher: log-in 42x!";
	struct bl_tokens tk = {0};
	static const char *const want[] = {"as",   "an",   "r",      "d-manager", "i",  "don't",
	                                   "want", "café", "bücher", "log-in",    "42x"};
	size_t i;

	(void)state;
	bl_tokenize(&tk, s, sizeof(s) - 1);
	assert_int_equal(tk.n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < tk.n; i++)
		assert_string_equal(bl_token_norm(&tk, i), want[i]);
	/* Offsets are bytes of the text: "don’t" is 7 bytes long. */
	assert_int_equal(tk.t[5].off, 21);
	assert_int_equal(tk.t[5].len, 7);
	assert_memory_equal(s + tk.t[7].off, "café", tk.t[7].len);
	/* Each token carries the hash of its lower-cased form. */
	for (i = 0; i < tk.n; i++)
		assert_true(tk.t[i].hash ==
		            bl_fnv(BL_FNV_OFFSET, bl_token_norm(&tk, i), tk.t[i].nlen));
	/* Lower-casing may lengthen a character (U+023A is 2 bytes, its lower
	 * case 3); invalid bytes split words. */
	bl_tokenize(&tk, "\xc8\xba\xc8\xba\xc8\xba\xc8\xba x\xffy", 12);
	assert_int_equal(tk.n, 3);
	assert_string_equal(bl_token_norm(&tk, 0),
	                    "\xe2\xb1\xa5\xe2\xb1\xa5\xe2\xb1\xa5\xe2\xb1\xa5");
	assert_string_equal(bl_token_norm(&tk, 2), "y");
	/* A reused buffer starts afresh. */
	bl_tokenize(&tk, "", 0);
	assert_int_equal(tk.n, 0);
	bl_tokenize(&tk, "--- ... ---", 11);
	assert_int_equal(tk.n, 0);
	bl_tokens_free(&tk);
}

static void
test_set(void **state)
{
	struct bl_wordset *ws = *state;
	struct bl_tokens tk = {0};
	const struct bl_word *w;
	static const char s[] = "The END USER and the ÉQUIPE wants a Passion  Fruit";

	bl_wordset_load(ws, "# comment\n\nuser\nend user\n  équipe  \npassion fruit = maracuja\n");
	assert_int_equal(bl_wordset_count(ws), 4);
	bl_tokenize(&tk, s, sizeof(s) - 1);
	/* The longest phrase wins at a token. */
	w = bl_wordset_at(ws, &tk, 1);
	assert_non_null(w);
	assert_string_equal(w->key, "end user");
	assert_int_equal(w->ntok, 2);
	assert_null(w->value);
	assert_non_null(bl_wordset_at(ws, &tk, 2)); /* "user" alone */
	assert_null(bl_wordset_at(ws, &tk, 0));
	/* Case folding beyond ASCII. */
	w = bl_wordset_at(ws, &tk, 5);
	assert_non_null(w);
	assert_string_equal(w->key, "équipe");
	w = bl_wordset_at(ws, &tk, 8);
	assert_non_null(w);
	assert_string_equal(w->value, "maracuja");
	assert_null(bl_wordset_span(ws, &tk, 8, 1));
	/* Whole-text lookups normalise spacing and case. */
	assert_non_null(bl_wordset_lookup(ws, "  End   User ", 13));
	assert_null(bl_wordset_lookup(ws, "end users", 9));
	/* Removal, and adding again. */
	assert_true(bl_wordset_remove(ws, "END USER", 8));
	assert_false(bl_wordset_remove(ws, "end user", 8));
	assert_int_equal(bl_wordset_count(ws), 3);
	w = bl_wordset_at(ws, &tk, 1);
	assert_null(w);
	bl_wordset_add(ws, "end user", 8, "persona");
	w = bl_wordset_at(ws, &tk, 1);
	assert_non_null(w);
	assert_string_equal(w->value, "persona");
	bl_tokens_free(&tk);
}

/* The longest phrase at a token, among phrases that share their first
 * words, end where the text does, or hold letters beyond ASCII; and many
 * phrases at once, whose filters then have most bits set. */
static void
test_phrases(void **state)
{
	struct bl_wordset *ws = *state;
	struct bl_tokens tk = {0};
	const struct bl_word *w;
	static const char s[] = "Log in via the Log In Page, log in with SSO. ÉQUIPE Verte log";
	char word[48];
	int i;

	bl_wordset_load(ws, "log\nlog in\nlog in with sso = sign-on\nlog in page now\n"
	                    "équipe verte\nthe log in\n");
	bl_tokenize(&tk, s, sizeof(s) - 1);
	/* "log in via": the two-word phrase, as no longer one goes on. */
	w = bl_wordset_at(ws, &tk, 0);
	assert_non_null(w);
	assert_string_equal(w->key, "log in");
	/* "the Log In Page,": the phrase at "the" covers "log in" too. */
	w = bl_wordset_at(ws, &tk, 3);
	assert_non_null(w);
	assert_string_equal(w->key, "the log in");
	/* "log in page now" needs a word the text has not. */
	w = bl_wordset_at(ws, &tk, 4);
	assert_non_null(w);
	assert_string_equal(w->key, "log in");
	w = bl_wordset_at(ws, &tk, 7);
	assert_non_null(w);
	assert_string_equal(w->value, "sign-on");
	assert_int_equal(w->ntok, 4);
	w = bl_wordset_at(ws, &tk, 11);
	assert_non_null(w);
	assert_string_equal(w->key, "équipe verte");
	/* The last token: only a word of one fits. */
	w = bl_wordset_at(ws, &tk, tk.n - 1);
	assert_non_null(w);
	assert_string_equal(w->key, "log");
	assert_null(bl_wordset_at(ws, &tk, tk.n));
	assert_null(bl_wordset_at(ws, &tk, 2));
	/* A span is exact: no shorter or longer entry stands for it. */
	assert_non_null(bl_wordset_span(ws, &tk, 7, 2));
	assert_null(bl_wordset_span(ws, &tk, 7, 3));
	assert_null(bl_wordset_span(ws, &tk, 3, 2));
	/* Removing the longest leaves the shorter ones. */
	assert_true(bl_wordset_remove(ws, "Log In With SSO", 15));
	w = bl_wordset_at(ws, &tk, 7);
	assert_non_null(w);
	assert_string_equal(w->key, "log in");
	/* Thousands of phrases: each found, and none from the words of two. */
	for (i = 0; i < 3000; i++) {
		snprintf(word, sizeof(word), "w%d x%d", i, i);
		bl_wordset_add(ws, word, strlen(word), NULL);
	}
	for (i = 0; i < 3000; i++) {
		snprintf(word, sizeof(word), "W%d X%d x%d", i, i, i + 1);
		bl_tokenize(&tk, word, strlen(word));
		w = bl_wordset_at(ws, &tk, 0);
		assert_non_null(w);
		assert_int_equal(w->ntok, 2);
		assert_null(bl_wordset_at(ws, &tk, 1));
		snprintf(word, sizeof(word), "w%d x%d", i, i + 1);
		bl_tokenize(&tk, word, strlen(word));
		assert_null(bl_wordset_at(ws, &tk, 0));
	}
	bl_tokens_free(&tk);
}

static void
test_growth(void **state)
{
	struct bl_wordset *ws = *state;
	char word[32];
	int i;

	for (i = 0; i < 5000; i++) {
		snprintf(word, sizeof(word), "word%d", i);
		bl_wordset_add(ws, word, strlen(word), NULL);
	}
	for (i = 0; i < 5000; i += 2) {
		snprintf(word, sizeof(word), "word%d", i);
		assert_true(bl_wordset_remove(ws, word, strlen(word)));
	}
	assert_int_equal(bl_wordset_count(ws), 2500);
	for (i = 0; i < 5000; i++) {
		snprintf(word, sizeof(word), "WORD%d", i);
		if (i % 2)
			assert_non_null(bl_wordset_lookup(ws, word, strlen(word)));
		else
			assert_null(bl_wordset_lookup(ws, word, strlen(word)));
	}
}

static void
test_normalise(void **state)
{
	struct bl_buf b = {0};

	(void)state;
	assert_int_equal(bl_words_normalise(&b, " Product   OWNER's ", 19), 2);
	assert_string_equal(b.s, "product owner's");
	bl_buf_free(&b);
}

/* A part of a text read through the whole text's tokens, wherever it
 * cuts none of them, is what tokenising the part alone gives. */
static void
test_view(void **state)
{
	static const char *const texts[] = {
	        "As an R&D-manager, I don\u2019t want caf\u00e9/B\u00fccher: log-in 42x!",
	        "foo-bar -baz qux- 'quote' it's a-'b x--y",
	        "\xc8\xba\xc8\xba"
	        "A \xe2\x80\x94\xc3\xa9t\xc3\xa9 x\xffy \xe2\x80\x99s",
	        "line one\nline two\n\n- [ ] step, then US-12 (done)",
	};
	struct bl_tokens whole = {0}, part = {0}, view;
	struct bl_token t[64];
	size_t k, from, to, first, end, i, views = 0;

	(void)state;
	for (k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
		const char *s = texts[k];
		size_t n = strlen(s);

		bl_tokenize(&whole, s, n);
		for (from = 0; from <= n; from++)
			for (to = from; to <= n; to++) {
				if (!bl_tokens_within(&whole, from, to, &first, &end))
					continue;
				views++;
				assert_true(end - first <= 64);
				bl_tokens_view(&whole, first, end, from, t, &view);
				bl_tokenize(&part, s + from, to - from);
				assert_int_equal(view.n, part.n);
				assert_int_equal(view.normlen, part.normlen);
				for (i = 0; i < part.n; i++) {
					assert_memory_equal(&view.t[i], &part.t[i],
					                    sizeof(part.t[i]));
					assert_string_equal(bl_token_norm(&view, i),
					                    bl_token_norm(&part, i));
				}
			}
	}
	/* A cut through a token is refused: "bar" of "foo-bar" is no token. */
	bl_tokenize(&whole, "foo-bar baz", 11);
	assert_false(bl_tokens_within(&whole, 4, 11, &first, &end));
	assert_false(bl_tokens_within(&whole, 0, 5, &first, &end));
	assert_true(bl_tokens_within(&whole, 7, 11, &first, &end));
	assert_int_equal(first, 1);
	assert_int_equal(end, 2);
	assert_true(views > 100);
	/* A text without tokens, whose copy has no forms at all (the engine's
	 * cache copies none): its empty part is an empty view. */
	{
		struct bl_tokens none = {0};

		assert_true(bl_tokens_within(&none, 0, 0, &first, &end));
		bl_tokens_view(&none, first, end, 0, t, &view);
		assert_int_equal(view.n, 0);
		assert_int_equal(view.normlen, 0);
	}
	bl_tokens_free(&whole);
	bl_tokens_free(&part);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_tokenize, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_set, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_phrases, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_growth, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_normalise, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_view, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
