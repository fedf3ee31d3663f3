/*
 * deps/: dependencies between items. Independent stories can be ordered
 * freely; a dependency must at least name an item that exists (unknown),
 * must not loop back on itself (cycle), should be one of a few (too-many),
 * and should be recorded where tools see it rather than only in prose
 * (textual).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "rules.h"

void
bl_check_deps_unknown(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct bl_idtab t;
	size_t i, j;

	bl_idtab_build(ctx, &t, b, NULL, NULL);
	for (i = 0; i < b->nitems; i++)
		for (j = 0; j < b->items[i].ndeps; j++) {
			const struct bl_dep *d = &b->items[i].deps[j];

			if (!bl_idtab_has(&t, b, d->id))
				bl_report_unknown_id(ctx, BL_R_DEPS_UNKNOWN, &t, &b->items[i],
				                     &d->ref, true, d->id);
		}
	free(t.slot);
}

/* deps/cycle: a longer loop shows its first CYCLE_HEAD and last
 * CYCLE_TAIL items only. */
#define CYCLE_HEAD 5
#define CYCLE_TAIL 4

/* Appends the cycle stack[from..top] -> stack[from] to msg, eliding the
 * middle of a long one so that each message stays short. */
static void
cycle_path(struct bl_buf *msg, const struct bl_backlog *b, const size_t *stack, size_t from,
           size_t top)
{
	size_t len = top - from + 1, k;

	for (k = 0; k < len; k++) {
		if (len > CYCLE_HEAD + CYCLE_TAIL + 1 && k == CYCLE_HEAD) {
			bl_buf_printf(msg, "... %zu more ... -> ", len - CYCLE_HEAD - CYCLE_TAIL);
			k = len - CYCLE_TAIL;
		}
		bl_buf_printf(msg, "%s -> ", b->items[stack[from + k]].id);
	}
	bl_buf_puts(msg, b->items[stack[from]].id);
}

/*
 * An iterative depth-first search over the dependency graph: each item is
 * a node, each dependency on a known id an edge. An edge that reaches an
 * item still on the stack closes a cycle, reported there once; the search
 * visits every node and edge once, whatever the depth.
 */
void
bl_check_deps_cycle(struct bl_ctx *ctx, const struct bl_backlog *b)
{
	struct bl_idtab t;
	size_t n = b->nitems, nedges = 0, i, j, root;
	size_t *first, *target, *stack, *next, *pos, *seen;
	unsigned char *state; /* 0 unvisited, 1 on the stack, 2 done */
	struct bl_buf msg = {0};

	for (i = 0; i < n; i++)
		nedges += b->items[i].ndeps;
	if (nedges == 0)
		return;
	bl_idtab_build(ctx, &t, b, NULL, NULL);
	first = bl_xcalloc(n + 1, sizeof(*first));
	target = bl_xcalloc(nedges, sizeof(*target));
	seen = bl_xcalloc(n, sizeof(*seen));
	/* Each edge's target item; unknown ids (deps/unknown) and repeats of
	 * an edge, which would report one cycle twice, are no edge. */
	for (i = 0; i < n; i++) {
		first[i + 1] = first[i] + b->items[i].ndeps;
		for (j = 0; j < b->items[i].ndeps; j++) {
			size_t w = bl_idtab_find(&t, b, b->items[i].deps[j].id);

			if (w != SIZE_MAX && seen[w] == i + 1)
				w = SIZE_MAX;
			else if (w != SIZE_MAX)
				seen[w] = i + 1;
			target[first[i] + j] = w;
		}
	}
	free(t.slot);
	free(seen);
	stack = bl_xcalloc(n, sizeof(*stack));
	next = bl_xcalloc(n, sizeof(*next));
	pos = bl_xcalloc(n, sizeof(*pos));
	state = bl_xcalloc(n, 1);
	for (root = 0; root < n; root++) {
		size_t top = 0;

		if (state[root] != 0 || b->items[root].id == NULL)
			continue;
		stack[0] = root;
		next[0] = 0;
		pos[root] = 0;
		state[root] = 1;
		for (;;) {
			size_t v = stack[top], w;

			if (next[top] == b->items[v].ndeps) {
				state[v] = 2;
				if (top == 0)
					break;
				top--;
				continue;
			}
			j = next[top]++;
			w = target[first[v] + j];
			if (w == SIZE_MAX || state[w] == 2)
				continue;
			if (state[w] == 0) {
				top++;
				stack[top] = w;
				next[top] = 0;
				pos[w] = top;
				state[w] = 1;
				continue;
			}
			msg.len = 0;
			bl_buf_puts(&msg, "");
			if (w == v) {
				bl_report_ref(
				        ctx, BL_R_DEPS_CYCLE, &b->items[v].deps[j].ref,
				        b->items[v].id,
				        "dependency cycle %s -> %s: the item depends on itself; "
				        "drop the dependency",
				        b->items[v].id, b->items[v].id);
				continue;
			}
			cycle_path(&msg, b, stack, pos[w], top);
			bl_report_ref(
			        ctx, BL_R_DEPS_CYCLE, &b->items[v].deps[j].ref, b->items[v].id,
			        "dependency cycle %s; one of these must be done first: drop or "
			        "reverse a dependency",
			        msg.s);
		}
	}
	bl_buf_free(&msg);
	free(first);
	free(target);
	free(stack);
	free(next);
	free(pos);
	free(state);
}

void
bl_check_deps_too_many(struct bl_ctx *ctx, const struct bl_item *it)
{
	long max = bl_ctx_opt_int(ctx, BL_O_DEPS_TOO_MANY_MAX);
	struct bl_span at = it->span;

	if (max < 0 || it->ndepends <= (size_t)max)
		return;
	if (it->depends[0].span.line != 0) {
		const struct bl_span *last = &it->depends[it->ndepends - 1].span;

		at = it->depends[0].span;
		if (last->line > at.line || (last->line == at.line && last->end_col > at.end_col)) {
			at.end_line = last->end_line;
			at.end_col = last->end_col;
		}
	}
	bl_report(ctx, BL_R_DEPS_TOO_MANY, at,
	          "%s depends on %zu items (more than %ld): it is hard to schedule independently; "
	          "split it, or question whether each dependency is real",
	          bl_type_name(it->type), it->ndepends, max);
}

/*
 * deps/textual: "blocked by US-12" in prose. A phrase of the
 * dependency-phrases word list, then within MAX_GAP words an id-like
 * token; further ids joined by "and", "or" or commas count too.
 */
#define MAX_GAP 2

/* Standards, documents and names written like ids ("SHA-256", "UTF-8",
 * an architecture decision record "ADR-6"): never items. */
static const char *const not_ids[] = {
        "adr", "aes", "cve", "covid", "din", "ecma", "es",  "http", "ie",  "ieee", "ipv",
        "iso", "md",  "mp",  "pci",   "pep", "rfc",  "rsa", "sha",  "utf", "wcag",
};

/* Words after "after US-4" that make it an event still to come ("after
 * US-4 is done", "after US-4 lands"): the item waits for it. A past tense
 * ("after US-4 shipped") or a clause that describes the present ("After
 * US-4, the page loads faster") is history, not a dependency. */
static const char *const event_words[] = {
        "are", "completes", "finishes", "get",   "gets",   "goes", "has",   "have",
        "is",  "land",      "lands",    "merge", "merges", "ship", "ships", "will",
};

/* Words just before a phrase that deny it: "no dependency on US-3",
 * "does not depend on US-3", "no longer blocked by US-3". */
static const char *const negations[] = {
        "aren't", "cannot", "didn't", "doesn't", "don't",   "isn't",
        "never",  "no",     "not",    "won't",   "without",
};

/* Words that name an item in a lower-case or capitalised id ("task-7"). */
static const char *const item_words[] = {
        "bug", "card", "epic",  "feat",  "feature", "issue",  "item",
        "pbi", "req",  "spike", "story", "task",    "ticket", "us",
};

static bool
in_list(const char *w, size_t n, const char *const *list, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strlen(list[i]) == n && bl_strncaseeq(w, n, list[i]))
			return true;
	return false;
}

/* Whether a[0, n) and b[0, n) are equal, ASCII case-insensitively. */
static bool
caseeq(const char *a, const char *b, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		char x = a[k], y = b[k];

		if (x >= 'A' && x <= 'Z')
			x = (char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (char)(y + 32);
		if (x != y)
			return false;
	}
	return true;
}

/* The letters before the first digit or separator of an id, or 0. */
static size_t
id_prefix(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
		k++;
	return k;
}

/* Whether id t starts with the letters w[0, p), and no more letters. */
static bool
same_prefix(const struct bl_text *t, const char *w, size_t p)
{
	return t->s != NULL && t->len > p && id_prefix(t->s, t->len) == p && caseeq(t->s, w, p);
}

struct textual {
	const struct bl_item *it;
	const char **done; /* ids reported for the item: each is reported once */
	size_t ndone, capdone;
};

/*
 * Whether token i of tk over s is an id: "#12", or letters, a hyphen and
 * digits ("US-12", "task-7"). Lower-case and capitalised prefixes must be
 * a word for an item or the prefix of the item's own id or of one of its
 * dependencies ("lib-4" beside "lib-3"); upper-case ones must not be a
 * standard ("SHA-256"). *from receives the id's first byte ('#'
 * included).
 */
static bool
id_token(const struct textual *tx, const struct bl_tokens *tk, size_t i, const char *s,
         size_t *from)
{
	const char *w = s + tk->t[i].off;
	size_t n = tk->t[i].len, p = id_prefix(w, n), k, upper = 0;

	*from = tk->t[i].off;
	if (p == 0) {
		for (k = 0; k < n; k++)
			if (w[k] < '0' || w[k] > '9')
				return false;
		if (n > 7 || tk->t[i].off == 0 || s[tk->t[i].off - 1] != '#')
			return false;
		*from = tk->t[i].off - 1;
		return true;
	}
	if (p + 1 >= n || w[p] != '-' || p > 12)
		return false;
	for (k = p + 1; k < n; k++)
		if (w[k] < '0' || w[k] > '9')
			return false;
	for (k = 0; k < p; k++)
		upper += w[k] >= 'A' && w[k] <= 'Z';
	if (upper == p && p > 1)
		return !in_list(w, p, not_ids, sizeof(not_ids) / sizeof(not_ids[0]));
	if (upper > 1)
		return false; /* mixed case: "iOS-14" */
	if (in_list(w, p, item_words, sizeof(item_words) / sizeof(item_words[0])))
		return true;
	if (same_prefix(&tx->it->id, w, p))
		return true;
	for (k = 0; k < tx->it->ndepends; k++)
		if (same_prefix(&tx->it->depends[k], w, p))
			return true;
	return false;
}

/* The digits that end id s[0, n), or NULL when it does not end in digits
 * after a separator or a '#'. */
static const char *
id_number(const char *s, size_t n, size_t *len)
{
	size_t k = n;

	while (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9')
		k--;
	*len = n - k;
	if (k == n)
		return NULL;
	if (k > 0 && s[k - 1] != '-' && s[k - 1] != '_' && s[k - 1] != '#')
		return NULL;
	return s + k;
}

/* Whether id s[0, n) (as written in prose) is the dependency d, or the
 * item itself. "#12" is the item whose id ends in 12. */
static bool
same_id(const char *s, size_t n, const struct bl_text *d)
{
	const char *dn, *sn;
	size_t dl, sl;

	if (d->s == NULL)
		return false;
	if (d->len == n && caseeq(d->s, s, n))
		return true;
	if (s[0] != '#')
		return false;
	sn = s + 1;
	sl = n - 1;
	if (d->len == sl && memcmp(d->s, sn, sl) == 0)
		return true;
	dn = id_number(d->s, d->len, &dl);
	return dn != NULL && dl == sl && memcmp(dn, sn, sl) == 0;
}

/* Whether s[a, b) ends a sentence or a paragraph: a full stop, '!' or
 * '?' before a space, a semicolon, a blank line, or a line break before a
 * list item, a heading or a table row. A single line break is a wrapped
 * line of the same sentence. */
static bool
sentence_break(const char *s, size_t a, size_t b)
{
	size_t k, j;

	for (k = a; k < b; k++) {
		if (s[k] == ';' || ((s[k] == '.' || s[k] == '!' || s[k] == '?') &&
		                    (k + 1 == b || s[k + 1] == ' ' || s[k + 1] == '\n')))
			return true;
		if (s[k] != '\n')
			continue;
		for (j = k + 1; j < b && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'); j++)
			;
		if (j < b && strchr("\n-*+#>|", s[j]) != NULL)
			return true;
	}
	return false;
}

/* Whether the text s[a, b) only joins two ids of a list: ", ", " & ",
 * " / ", white space. */
static bool
joint(const char *s, size_t a, size_t b)
{
	size_t k;

	for (k = a; k < b; k++)
		if (strchr(" \t\r\n,&/#", s[k]) == NULL)
			return false;
	return true;
}

/* Whether the text between token i - 1 and token i only joins two ids of
 * a list. */
static bool
list_joint(const struct bl_tokens *tk, size_t i, const char *s)
{
	return joint(s, tk->t[i - 1].off + tk->t[i - 1].len, tk->t[i].off);
}

/* The end of a note in parentheses after an id that ends at byte e
 * ("task-364 (schema), task-367"), on the same line; e when there is
 * none. */
static size_t
aside_end(const char *s, size_t n, size_t e)
{
	size_t k = e;

	while (k < n && s[k] == ' ')
		k++;
	if (k >= n || s[k] != '(')
		return e;
	for (; k < n && s[k] != '\n'; k++)
		if (s[k] == ')')
			return k + 1;
	return e;
}

/* The ids a phrase names: "blocked by US-31, US-32 & #33". */
#define MAX_IDS 16

struct idlist {
	size_t from[MAX_IDS], to[MAX_IDS];
	size_t n;
};

/* Whether id s[0, n) names an ancestor of id d by its dotted parts
 * ("task-27" and "task-27.1" of "task-27.1.10"). */
static bool
ancestor_id(const char *s, size_t n, const struct bl_text *d)
{
	return d->s != NULL && n < d->len && d->s[n] == '.' && caseeq(d->s, s, n);
}

/* Whether the item depends on id s[0, n) already, is that item, or is
 * of its family: its parent, by key or by a dotted id, or one of its
 * parts ("task-27.1" of "task-27"), which an item waits for by nature. In
 * a Backlog.md backlog, whose ids are "task-12", "#12" is an issue of the
 * repository or an acceptance criterion, not an item. */
static bool
known_dep(struct bl_ctx *ctx, const struct bl_item *it, const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < it->ndepends; k++)
		if (same_id(s, n, &it->depends[k]))
			return true;
	if (s[0] == '#' && bl_ctx_team(ctx) != NULL)
		return true;
	if (it->id.s != NULL && n > it->id.len && s[it->id.len] == '.' &&
	    caseeq(s, it->id.s, it->id.len))
		return true;
	return same_id(s, n, &it->id) || same_id(s, n, &it->parent) || ancestor_id(s, n, &it->id);
}

/* Whether id s[0, n) was reported for the item already. */
static bool
reported(const struct textual *tx, const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < tx->ndone; k++)
		if (strlen(tx->done[k]) == n && caseeq(tx->done[k], s, n))
			return true;
	return false;
}

/* Whether id s[0, n) is one to report: not recorded, not the item's own
 * family, not reported before. */
static bool
missing_id(struct bl_ctx *ctx, const struct textual *tx, const char *s, size_t n)
{
	return !known_dep(ctx, tx->it, s, n) && !reported(tx, s, n);
}

static void
remember(struct bl_ctx *ctx, struct textual *tx, const char *s, size_t n)
{
	if (tx->ndone == tx->capdone) {
		const char **d;

		tx->capdone = tx->capdone ? tx->capdone * 2 : 8;
		d = bl_arena_alloc(bl_ctx_scratch(ctx), tx->capdone * sizeof(*d));
		if (tx->ndone)
			memcpy(d, tx->done, tx->ndone * sizeof(*d));
		tx->done = d;
	}
	tx->done[tx->ndone++] = bl_arena_strndup(bl_ctx_scratch(ctx), s, n);
}

/* Reports the ids of l that the item does not depend on yet, after the
 * phrase at t->s[at, ...); each id once for the item, whatever the texts
 * (a title and a story, or several sentences) that repeat it. */
static void
textual_report(struct bl_ctx *ctx, struct textual *tx, const struct bl_text *t, size_t at,
               const struct idlist *l)
{
	const struct bl_item *it = tx->it;
	struct bl_buf ids = {0};
	size_t k, missing = 0, last = 0, end = 0;
	bool take[MAX_IDS];
	const char *quote;

	for (k = 0; k < l->n; k++) {
		size_t n = l->to[k] - l->from[k], m;

		take[k] = missing_id(ctx, tx, t->s + l->from[k], n);
		/* "US-3, US-3": the list's own repeats count once. */
		for (m = 0; m < k && take[k]; m++)
			take[k] = !(take[m] && l->to[m] - l->from[m] == n &&
			            caseeq(t->s + l->from[m], t->s + l->from[k], n));
		if (take[k]) {
			missing++;
			last = k;
		}
	}
	if (missing == 0)
		return;
	for (k = 0; k < l->n; k++) {
		if (!take[k])
			continue;
		if (ids.len > 0)
			bl_buf_puts(&ids, k == last ? " and " : ", ");
		bl_buf_add(&ids, t->s + l->from[k], l->to[k] - l->from[k]);
		remember(ctx, tx, t->s + l->from[k], l->to[k] - l->from[k]);
		end = l->to[k];
	}
	quote = bl_ctx_quote(ctx, t->s + at, end - at, 60);
	if (it->origin == BL_ORIGIN_LIST)
		bl_report(ctx, BL_R_DEPS_TEXTUAL, bl_text_subspan(it->file, t, at, end - at),
		          "says '%s' but a story list cannot record %s as a dependenc%s; keep the "
		          "story in a backlog file with depends_on, or make it independent",
		          quote, ids.s, missing > 1 ? "ies" : "y");
	else
		bl_report(ctx, BL_R_DEPS_TEXTUAL, bl_text_subspan(it->file, t, at, end - at),
		          "says '%s' but %s %s not in depends_on; add %s to the item's "
		          "dependencies so tools can see %s",
		          quote, ids.s, missing > 1 ? "are" : "is", missing > 1 ? "them" : "it",
		          missing > 1 ? "them" : "it");
	bl_buf_free(&ids);
}

/* The end of the id that token i starts: "TASK-33.3" reads on over its
 * dotted parts, which the tokens split. */
static size_t
id_end(const struct bl_tokens *tk, size_t i, const char *s, size_t n)
{
	size_t e = tk->t[i].off + tk->t[i].len;

	if (s[e - 1] < '0' || s[e - 1] > '9')
		return e;
	while (e + 1 < n && s[e] == '.' && s[e + 1] >= '0' && s[e + 1] <= '9')
		for (e++; e < n && s[e] >= '0' && s[e] <= '9'; e++)
			;
	return e;
}

/* The last token that starts before byte end, from token j on. */
static size_t
last_within(const struct bl_tokens *tk, size_t j, size_t end)
{
	while (j + 1 < tk->n && tk->t[j + 1].off < end)
		j++;
	return j;
}

/* Whether the phrase at token i is denied ("no dependency on", "does
 * not depend on") or is another item's ("US-5 still depends on US-4"):
 * one of the two words before it, in the same sentence, says so. */
static bool
not_ours(const struct textual *tx, const struct bl_tokens *tk, size_t i, const char *s)
{
	size_t k, from;

	for (k = i; k > 0 && k + 2 > i; k--) {
		const char *w = bl_token_norm(tk, k - 1);

		if (sentence_break(s, tk->t[k - 1].off + tk->t[k - 1].len, tk->t[k].off))
			return false;
		if (in_list(w, strlen(w), negations, sizeof(negations) / sizeof(negations[0])))
			return true;
		if (id_token(tx, tk, k - 1, s, &from) &&
		    !same_id(s + from, tk->t[k - 1].off + tk->t[k - 1].len - from, &tx->it->id))
			return true;
	}
	return false;
}

/* Whether the ids that end with token j are followed by an event still
 * to come: "after US-4 is done", "after US-4 (the new rules) lands". */
static bool
event_follows(const struct bl_tokens *tk, size_t j, const char *s, size_t n)
{
	size_t e = tk->t[j].off + tk->t[j].len, k = j + 1;
	const char *w;

	while (e < n && (s[e] == ' ' || s[e] == '\t'))
		e++;
	if (e < n && s[e] == '(') {
		const char *close = memchr(s + e, ')', n - e);

		if (close == NULL)
			return false;
		e = (size_t)(close - s) + 1;
	}
	while (k < tk->n && tk->t[k].off < e)
		k++;
	if (k >= tk->n || sentence_break(s, tk->t[k - 1].off + tk->t[k - 1].len, tk->t[k].off))
		return false;
	for (; e < tk->t[k].off; e++)
		if (strchr(" \t\r\n", s[e]) == NULL)
			return false;
	w = bl_token_norm(tk, k);
	return in_list(w, strlen(w), event_words, sizeof(event_words) / sizeof(event_words[0]));
}

static void
textual_scan(struct bl_ctx *ctx, struct textual *tx, const struct bl_text *t)
{
	const struct bl_wordset *ws = bl_ctx_words(ctx, BL_W_DEPENDENCY_PHRASES);
	const struct bl_tokens *tk;
	size_t i, from;

	if (t->s == NULL || t->len == 0)
		return;
	tk = bl_ctx_text_tokens(ctx, t->s, t->len);
	/* A finding needs an id after the phrase: most texts have none, and
	 * looking for one is cheaper than looking up every word. An id ends
	 * in a digit, which settles most words at once. */
	for (i = 1; i < tk->n; i++) {
		char last = t->s[tk->t[i].off + tk->t[i].len - 1];

		if (last >= '0' && last <= '9' && id_token(tx, tk, i, t->s, &from))
			break;
	}
	if (i >= tk->n)
		return;
	for (i = 0; i < tk->n; i++) {
		const struct bl_word *w = bl_wordset_at(ws, tk, i);
		struct idlist l;
		size_t j, end, gap;
		bool event;

		if (w == NULL)
			continue;
		end = i + w->ntok;
		event = w->value != NULL && strcmp(w->value, "event") == 0;
		gap = event || (w->value != NULL && strcmp(w->value, "next") == 0) ? 0 : MAX_GAP;
		for (j = end; j < tk->n && j <= end + gap; j++) {
			if (sentence_break(t->s, tk->t[j - 1].off + tk->t[j - 1].len, tk->t[j].off))
				break;
			if (id_token(tx, tk, j, t->s, &from) || bl_wordset_at(ws, tk, j) != NULL)
				break;
		}
		if (j >= tk->n || j > end + gap ||
		    sentence_break(t->s, tk->t[j - 1].off + tk->t[j - 1].len, tk->t[j].off) ||
		    !id_token(tx, tk, j, t->s, &from))
			continue;
		l.n = 0;
		l.from[l.n] = from;
		l.to[l.n++] = id_end(tk, j, t->s, t->len);
		j = last_within(tk, j, l.to[0]);
		/* "depends on US-3 and US-4", "blocked by #3, #4", "needs
		 * US-3 (rules), US-4 (fees)" */
		while (j + 1 < tk->n && l.n < MAX_IDS) {
			size_t e = aside_end(t->s, t->len, l.to[l.n - 1]),
			       k = last_within(tk, j, e) + 1;

			if (k >= tk->n || !joint(t->s, e, tk->t[k].off))
				break;
			if ((strcmp(bl_token_norm(tk, k), "and") == 0 ||
			     strcmp(bl_token_norm(tk, k), "or") == 0) &&
			    k + 1 < tk->n && list_joint(tk, k + 1, t->s))
				k++;
			if (!id_token(tx, tk, k, t->s, &from))
				break;
			l.from[l.n] = from;
			l.to[l.n] = id_end(tk, k, t->s, t->len);
			j = last_within(tk, k, l.to[l.n++]);
		}
		if (!not_ours(tx, tk, i, t->s) && (!event || event_follows(tk, j, t->s, t->len)))
			textual_report(ctx, tx, t, tk->t[i].off, &l);
		i = j;
	}
}

void
bl_check_deps_textual(struct bl_ctx *ctx, const struct bl_item *it)
{
	struct textual tx = {0};
	size_t i, k;

	tx.it = it;
	textual_scan(ctx, &tx, &it->title);
	textual_scan(ctx, &tx, &it->story);
	textual_scan(ctx, &tx, &it->description);
	textual_scan(ctx, &tx, &it->problem);
	textual_scan(ctx, &tx, &it->success);
	for (i = 0; i < it->nsections; i++)
		if (it->sections[i].kind != BL_SEC_NOTES)
			textual_scan(ctx, &tx, &it->sections[i].body);
	for (i = 0; i < it->ncriteria; i++) {
		textual_scan(ctx, &tx, &it->criteria[i].text);
		for (k = 0; k < it->criteria[i].nsteps; k++)
			textual_scan(ctx, &tx, &it->criteria[i].steps[k].text);
	}
	for (i = 0; i < it->ndod; i++)
		textual_scan(ctx, &tx, &it->dod[i].text);
}
