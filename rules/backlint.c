/*
 * backlint/: the inline suppression directives themselves. The engine
 * parses a file's directives (lib/suppress.h) before its rules run and
 * applies them once the whole backlog is checked; these checks report the
 * directives that cannot do what their author meant: a rule name that is
 * no rule, a backlint- word that is no directive. Unused directives can
 * only be known after the backlog-wide rules, so the engine reports those
 * itself (bl_engine_report_unused_disables).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "rules.h"
#include "suppress.h"

/* How a directive is named in a message. */
static const char *
directive_name(enum bl_sup_kind k)
{
	return k == BL_SUP_ITEM ? "the backlint key" : bl_sup_kind_name(k);
}

/* Lower-cases s into buf (at most 63 bytes); false when it is longer. */
static bool
lower(const char *s, size_t n, char buf[64])
{
	size_t i;

	if (n > 63)
		return false;
	for (i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	buf[n] = '\0';
	return true;
}

/* Length of the family part of a rule id ("story" of "story/atomic"). */
static size_t
family_len(const char *id)
{
	const char *slash = strchr(id, '/');

	return slash ? (size_t)(slash - id) : strlen(id);
}

/*
 * The rule or family that a name which is neither most likely means, or
 * NULL: for an id, the nearest id; for a family, the nearest family or,
 * when written without a slash, the rule whose own name is nearest
 * ("atomc" -> "story/atomic"). Within a slip of the keyboard: one edit in
 * a short name, two in a long one. The suggestion is written into out.
 */
static const char *
suggest(struct bl_ctx *ctx, const struct bl_suppress *s, const struct bl_sup_name *nm,
        char out[128])
{
	const struct bl_engine *e = bl_ctx_engine(ctx);
	const char *written = bl_sup_str(s, nm->text), *name = bl_sup_str(s, nm->key);
	bool slash = strchr(written, '/') != NULL;
	size_t r, n, best = SIZE_MAX;
	char key[64], cand[64];

	if (!lower(name, strlen(name), key))
		return NULL;
	n = strlen(key);
	for (r = 0; r < bl_engine_nrules(e); r++) {
		const char *id = bl_engine_rule(e, r)->id;
		size_t fl = family_len(id), d;

		if (!nm->family) {
			d = bl_edit_distance(key, id);
			if (d < best)
				best = d, snprintf(out, 128, "%s", id);
			continue;
		}
		if (fl < sizeof(cand)) {
			memcpy(cand, id, fl);
			cand[fl] = '\0';
			d = bl_edit_distance(key, cand);
			if (d < best)
				best = d, snprintf(out, 128, "%s%s", cand, slash ? "/*" : "");
		}
		if (!slash && id[fl] == '/') {
			d = bl_edit_distance(key, id + fl + 1);
			if (d < best)
				best = d, snprintf(out, 128, "%s", id);
		}
	}
	if (best == SIZE_MAX || best > (n >= 8 ? 2u : 1u))
		return NULL;
	return out;
}

void
bl_check_backlint_unknown_rule(struct bl_ctx *ctx, const struct bl_file *f)
{
	const struct bl_suppress *s = bl_ctx_suppress(ctx);
	const struct bl_engine *e = bl_ctx_engine(ctx);
	size_t i, r;

	(void)f;
	if (s == NULL)
		return;
	for (i = 0; i < s->nnames; i++) {
		const struct bl_sup_name *n = &s->names[i];
		const char *written = bl_sup_str(s, n->text);
		char buf[128];
		const char *hint, *effect, *quoted;
		bool known = false, own = false;

		for (r = 0; r < bl_engine_nrules(e) && !known && !n->every; r++) {
			const char *id = bl_engine_rule(e, r)->id;

			if (!bl_sup_name_matches(s, n, id))
				continue;
			if (strncmp(id, "backlint/", 9) == 0)
				own = true;
			else
				known = true;
		}
		if (n->every || known)
			continue;
		quoted = bl_ctx_quote(ctx, written, n->len, 60);
		if (own) {
			bl_report(ctx, BL_R_BACKLINT_UNKNOWN_RULE, n->span,
			          "%s names '%s', but findings about directives cannot be "
			          "suppressed by a directive; turn the rule off with --rule or "
			          "the configuration",
			          directive_name(n->kind), quoted);
			continue;
		}
		hint = suggest(ctx, s, n, buf);
		effect = n->kind == BL_SUP_ENABLE ? "re-enables" : "suppresses";
		if (hint != NULL)
			bl_report(ctx, BL_R_BACKLINT_UNKNOWN_RULE, n->span,
			          "%s names '%s', which is not a rule%s; did you mean '%s'? "
			          "As written it %s nothing",
			          directive_name(n->kind), quoted, n->family ? " family" : "", hint,
			          effect);
		else
			bl_report(ctx, BL_R_BACKLINT_UNKNOWN_RULE, n->span,
			          "%s names '%s', which is neither a rule nor a rule family, so "
			          "it %s nothing; 'backlint --list-rules' lists the rules",
			          directive_name(n->kind), quoted, effect);
	}
}

/* The directive word nearest to a misspelt one, or NULL. */
static const char *
nearest_verb(const char *word, size_t len)
{
	char key[64];
	const char *best = NULL;
	size_t i, bestd = SIZE_MAX;

	if (!lower(word, len, key))
		return NULL;
	for (i = 0; bl_sup_verb(i) != NULL; i++) {
		size_t d = bl_edit_distance(key, bl_sup_verb(i));

		if (d < bestd)
			bestd = d, best = bl_sup_verb(i);
	}
	return bestd <= 3 ? best : NULL;
}

/* "backlint-disable-line-deps/unknown": a directive and a rule name
 * without the space between them; the two apart, or NULL. */
static const char *
run_together(struct bl_ctx *ctx, const char *word)
{
	size_t i, best = 0;

	for (i = 0; bl_sup_verb(i) != NULL; i++) {
		size_t n = strlen(bl_sup_verb(i));

		if (n > best && strncmp(word, bl_sup_verb(i), n) == 0 && word[n] == '-' &&
		    strchr(word + n, '/') != NULL)
			best = n;
	}
	if (best == 0)
		return NULL;
	return bl_arena_printf(bl_ctx_scratch(ctx), "%.*s %s", (int)best, word, word + best + 1);
}

void
bl_check_backlint_bad_directive(struct bl_ctx *ctx, const struct bl_file *f)
{
	const struct bl_suppress *s = bl_ctx_suppress(ctx);
	const size_t rule = BL_R_BACKLINT_BAD_DIRECTIVE;
	size_t i;

	(void)f;
	if (s == NULL)
		return;
	for (i = 0; i < s->nbad; i++) {
		const struct bl_sup_bad *b = &s->bad[i];
		const char *word = bl_ctx_quote(ctx, bl_sup_str(s, b->text), b->len, 40);
		const char *hint;

		switch (b->kind) {
		case BL_SUP_BAD_VERB:
			hint = run_together(ctx, bl_sup_str(s, b->text));
			if (hint != NULL) {
				bl_report(ctx, rule, b->span,
				          "'%s' runs the directive into its rule names, so it "
				          "suppresses nothing; write '%s'",
				          word, hint);
				break;
			}
			hint = nearest_verb(bl_sup_str(s, b->text), b->len);
			if (hint != NULL)
				bl_report(ctx, rule, b->span,
				          "'%s' is not a backlint directive; did you mean '%s'? As "
				          "written it suppresses nothing",
				          word, hint);
			else
				bl_report(ctx, rule, b->span,
				          "'%s' is not a backlint directive, so it suppresses "
				          "nothing; use backlint-disable, backlint-enable, "
				          "backlint-disable-line, backlint-disable-next-line or "
				          "backlint-disable-file",
				          word);
			break;
		case BL_SUP_BAD_KEY:
			bl_report(ctx, rule, b->span,
			          "the backlint key takes {disable: [RULE, ...]}; '%s' is not "
			          "understood, so it suppresses nothing",
			          word);
			break;
		case BL_SUP_EMPTY_KEY:
			bl_report(ctx, rule, b->span,
			          "the backlint key's disable list names no rule, so it suppresses "
			          "nothing; name the rules, e.g. {disable: [story/atomic]}");
			break;
		}
	}
}

/* Unused directives are known only after the backlog-wide rules: the
 * engine reports them (bl_engine_report_unused_disables). */
void
bl_check_backlint_unused_disable(struct bl_ctx *ctx, const struct bl_file *f)
{
	(void)ctx;
	(void)f;
}
