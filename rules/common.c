/*
 * Helpers shared by the rule families: a hash table of item ids over the
 * backlog's summaries.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "rules.h"

uint64_t
bl_hash_str(const char *s)
{
	return bl_fnv(BL_FNV_OFFSET, s, strlen(s));
}

/* An id as compared: lower-cased when ignore-case is set, and with the
 * leading zeros of each number dropped when ignore-zero-padding is
 * ("US-007" is "US-7"). */
static char *
id_key(const struct bl_idtab *t, const char *id, struct bl_arena *a)
{
	size_t n = strlen(id), i, o = 0;
	char *k = bl_arena_alloc(a, n + 1);

	bool lead = false; /* in the leading zeros of a number */

	for (i = 0; i < n; i++) {
		char c = id[i];

		if (!isdigit((unsigned char)c))
			lead = false;
		else if (i == 0 || !isdigit((unsigned char)id[i - 1]))
			lead = true;
		if (t->zero_padding && lead && c == '0' && i + 1 < n &&
		    isdigit((unsigned char)id[i + 1]))
			continue;
		if (c != '0')
			lead = false;
		k[o++] = t->ignore_case && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	k[o] = '\0';
	return k;
}

/* Puts key k (index i) in the table unless it is there; returns the index
 * of the entry that holds it. */
static size_t
idtab_put(struct bl_idtab *t, size_t i)
{
	size_t h;

	for (h = bl_hash_str(t->key[i]) & (t->cap - 1); t->slot[h]; h = (h + 1) & (t->cap - 1))
		if (strcmp(t->key[t->slot[h] - 1], t->key[i]) == 0)
			return t->slot[h] - 1;
	t->slot[h] = i + 1;
	return i;
}

void
bl_idtab_build(struct bl_ctx *ctx, struct bl_idtab *t, const struct bl_backlog *b,
               void (*dup)(void *, size_t, size_t), void *arg)
{
	struct bl_arena *a = bl_ctx_scratch(ctx);
	size_t i, k, n = b->nitems;

	for (k = 0; k < b->nteams; k++)
		n += b->teams[k]->nids;
	t->ignore_case = bl_ctx_opt_int(ctx, BL_O_BACKLOG_DUPLICATE_ID_IGNORE_CASE) != 0;
	t->zero_padding = bl_ctx_opt_int(ctx, BL_O_BACKLOG_DUPLICATE_ID_IGNORE_ZERO_PADDING) != 0;
	t->scratch = a;
	t->nitems = b->nitems;
	t->nkeys = 0;
	t->by_number = NULL;
	t->cap = 16;
	while (t->cap < n * 2)
		t->cap *= 2;
	t->slot = bl_xcalloc(t->cap, sizeof(*t->slot));
	t->key = bl_arena_alloc(a, (n ? n : 1) * sizeof(*t->key));
	t->name = bl_arena_alloc(a, (n ? n : 1) * sizeof(*t->name));
	for (i = 0; i < b->nitems; i++) {
		size_t first;

		t->name[i] = b->items[i].id;
		t->key[i] = t->name[i] ? id_key(t, t->name[i], a) : NULL;
		if (t->key[i] == NULL)
			continue;
		first = idtab_put(t, i);
		if (first != i && dup != NULL)
			dup(arg, i, first);
	}
	for (k = 0; k < b->nteams; k++)
		for (n = 0; n < b->teams[k]->nids; n++, i++) {
			t->name[i] = b->teams[k]->ids[n];
			t->key[i] = id_key(t, t->name[i], a);
			idtab_put(t, i);
		}
	t->nkeys = i;
}

/* The entry of id, or SIZE_MAX. */
static size_t
idtab_get(const struct bl_idtab *t, const char *id)
{
	const char *k = id_key(t, id, t->scratch);
	size_t h;

	for (h = bl_hash_str(k) & (t->cap - 1); t->slot[h]; h = (h + 1) & (t->cap - 1))
		if (strcmp(t->key[t->slot[h] - 1], k) == 0)
			return t->slot[h] - 1;
	return SIZE_MAX;
}

size_t
bl_idtab_find(const struct bl_idtab *t, const struct bl_backlog *b, const char *id)
{
	size_t i = idtab_get(t, id);

	(void)b;
	return i < t->nitems ? i : SIZE_MAX;
}

bool
bl_idtab_has(const struct bl_idtab *t, const struct bl_backlog *b, const char *id)
{
	(void)b;
	return idtab_get(t, id) != SIZE_MAX;
}

/* Where the number of a key starts ("back-" of "back-208.1"), or 0 when it
 * is not a prefix and a number. */
static size_t
number_at(const char *k)
{
	const char *dash = strrchr(k, '-');
	size_t i;

	if (dash == NULL || dash == k || !isdigit((unsigned char)dash[1]))
		return 0;
	for (i = 1; dash[i]; i++)
		if (!isdigit((unsigned char)dash[i]) && dash[i] != '.')
			return 0;
	return (size_t)(dash - k) + 1;
}

/* The slot of the ids whose number is num in t->by_number (where the
 * chain of such ids starts, or an empty slot). */
static size_t
number_slot(const struct bl_idtab *t, const char *num)
{
	size_t h;

	for (h = bl_hash_str(num) & (t->ncap - 1); t->by_number[h]; h = (h + 1) & (t->ncap - 1)) {
		const char *k = t->key[t->by_number[h] - 1];

		if (strcmp(k + number_at(k), num) == 0)
			break;
	}
	return h;
}

/* Indexes the keys by their number, in the order of the keys, so that a
 * suggestion looks at the ids of one number instead of every id. */
static void
index_numbers(struct bl_idtab *t)
{
	size_t i, h, *tail;

	t->ncap = 16;
	while (t->ncap < t->nkeys * 2)
		t->ncap *= 2;
	t->by_number = bl_arena_alloc(t->scratch, t->ncap * sizeof(*t->by_number));
	tail = bl_arena_alloc(t->scratch, t->ncap * sizeof(*tail));
	t->next_number = bl_arena_alloc(t->scratch, (t->nkeys ? t->nkeys : 1) * sizeof(size_t));
	for (i = 0; i < t->nkeys; i++) {
		size_t q = t->key[i] ? number_at(t->key[i]) : 0;

		if (q == 0)
			continue;
		h = number_slot(t, t->key[i] + q);
		if (t->by_number[h] == 0)
			t->by_number[h] = i + 1;
		else
			t->next_number[tail[h] - 1] = i + 1;
		tail[h] = i + 1;
	}
}

const char *
bl_idtab_suggest(struct bl_idtab *t, const char *id)
{
	const char *k = id_key(t, id, t->scratch), *found = NULL, *found_key = NULL;
	size_t p = number_at(k), i;

	if (p == 0)
		return NULL;
	if (t->by_number == NULL)
		index_numbers(t);
	for (i = t->by_number[number_slot(t, k + p)]; i != 0; i = t->next_number[i - 1]) {
		const char *key = t->key[i - 1];

		if (found_key != NULL && strcmp(found_key, key) != 0)
			return NULL; /* two prefixes: no guess */
		if (found == NULL)   /* an item's id as written, before a file name's */
			found = t->name[i - 1];
		found_key = key;
	}
	return found;
}

bool
bl_backlogmd_item(struct bl_ctx *ctx, const struct bl_item *it)
{
	return bl_ctx_team(ctx) != NULL && it->origin == BL_ORIGIN_ITEM_FILE;
}

void
bl_report_unknown_id(struct bl_ctx *ctx, size_t rule, struct bl_idtab *t,
                     const struct bl_summary *it, const struct bl_ref *ref, bool dep,
                     const char *id)
{
	const char *meant = bl_idtab_suggest(t, id);
	struct bl_buf m = {0};

	bl_buf_printf(&m, dep ? "depends on '%s', which is" : "parent '%s' is", id);
	bl_buf_puts(&m, " not an item of this backlog; ");
	if (meant != NULL)
		bl_buf_printf(&m, "did you mean '%s'? (same number, another prefix)", meant);
	else if (it->team != NULL && it->team->nids > 0)
		bl_buf_puts(&m, "fix the id, or restore the item it names");
	else
		bl_buf_puts(&m, "fix the id or lint the files that define it");
	bl_report_ref(ctx, rule, ref, it->id, "%s", m.s);
	bl_buf_free(&m);
}

bool
bl_ends_with(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n >= k && memcmp(w + n - k, suf, k) == 0;
}

bool
bl_one_of(const char *w, const char *const *list)
{
	for (; *list != NULL; list++)
		if (bl_word_is(w, *list))
			return true;
	return false;
}

size_t
bl_stem(const char *w, size_t n, char *out)
{
	if (bl_ends_with(w, n, "'s"))
		n -= 2;
	if (n > 4 && bl_ends_with(w, n, "ies")) {
		memcpy(out, w, n - 3);
		memcpy(out + n - 3, "y", 2);
		return n - 2;
	}
	if (n > 5 && bl_ends_with(w, n, "ing"))
		n -= 3;
	else if (n > 4 && bl_ends_with(w, n, "ed"))
		n -= 2;
	else if (n > 4 && (bl_ends_with(w, n, "ses") || bl_ends_with(w, n, "xes") ||
	                   bl_ends_with(w, n, "ches") || bl_ends_with(w, n, "shes")))
		n -= 2;
	else if (n > 3 && bl_ends_with(w, n, "s") && !bl_ends_with(w, n, "ss"))
		n -= 1;
	memcpy(out, w, n);
	out[n] = '\0';
	return n;
}

bool
bl_content_word(const struct bl_wordset *stop, const struct bl_tokens *tk, size_t i, char *out,
                size_t *len)
{
	size_t n = tk->t[i].nlen;

	if (bl_wordset_span(stop, tk, i, 1) != NULL)
		return false;
	if (n >= BL_STEM_MAX)
		n = BL_STEM_MAX - 1;
	*len = bl_stem(bl_token_norm(tk, i), n, out);
	return true;
}

size_t
bl_content_key_tokens(struct bl_ctx *ctx, const struct bl_tokens *tk, struct bl_buf *b)
{
	const struct bl_wordset *stop = bl_ctx_words(ctx, BL_W_STOPWORDS);
	char small[256], *key, *p;
	size_t i, len, count = 0;

	if (tk->n == 0)
		return 0;
	/* Each stem with the space before it fits where its token's form
	 * and NUL do. */
	key = tk->normlen + 1 <= sizeof(small) ? small : bl_xmalloc(tk->normlen + 1);
	p = key;
	for (i = 0; i < tk->n; i++) {
		if (!bl_content_word(stop, tk, i, p + (count > 0), &len))
			continue;
		if (count++ > 0)
			*p++ = ' ';
		p += len;
	}
	if (count > 0)
		bl_buf_add(b, key, (size_t)(p - key));
	if (key != small)
		free(key);
	return count;
}

size_t
bl_content_key(struct bl_ctx *ctx, const char *s, size_t n, struct bl_buf *b)
{
	struct bl_tokens *tk = bl_ctx_tokens(ctx);

	bl_tokenize(tk, s, n);
	return bl_content_key_tokens(ctx, tk, b);
}

const char *
bl_summary_path(const struct bl_ctx *ctx, const struct bl_summary *s)
{
	return bl_engine_path(bl_ctx_engine(ctx), s->file_index);
}

void
bl_hashtab_init(struct bl_arena *a, struct bl_hashtab *t, size_t n)
{
	t->cap = 16;
	while (t->cap < n * 2)
		t->cap *= 2;
	t->hash = bl_arena_alloc(a, t->cap * sizeof(*t->hash));
	t->val = bl_arena_alloc(a, t->cap * sizeof(*t->val));
	memset(t->val, 0xff, t->cap * sizeof(*t->val));
}

size_t
bl_hashtab_put(struct bl_hashtab *t, uint64_t h, size_t val, bool (*same)(void *ud, size_t v),
               void *ud)
{
	size_t k;

	for (k = (size_t)h & (t->cap - 1); t->val[k] != SIZE_MAX; k = (k + 1) & (t->cap - 1))
		if (t->hash[k] == h && same(ud, t->val[k]))
			return t->val[k];
	t->hash[k] = h;
	t->val[k] = val;
	return val;
}

size_t
bl_hashtab_get(const struct bl_hashtab *t, uint64_t h, bool (*same)(void *ud, size_t v), void *ud)
{
	size_t k;

	for (k = (size_t)h & (t->cap - 1); t->val[k] != SIZE_MAX; k = (k + 1) & (t->cap - 1))
		if (t->hash[k] == h && same(ud, t->val[k]))
			return t->val[k];
	return SIZE_MAX;
}

void
bl_strtab_init(struct bl_ctx *ctx, struct bl_strtab *t, size_t n)
{
	t->arena = bl_ctx_scratch(ctx);
	t->n = 0;
	t->cap = 16;
	while (t->cap < n * 2)
		t->cap *= 2;
	t->key = bl_arena_alloc(t->arena, t->cap * sizeof(*t->key));
	t->val = bl_arena_alloc(t->arena, t->cap * sizeof(*t->val));
}

/* Doubles t's room, its keys put again. */
static void
strtab_grow(struct bl_strtab *t)
{
	const char **key = t->key;
	size_t *val = t->val, cap = t->cap, i, h;

	t->cap *= 2;
	t->key = bl_arena_alloc(t->arena, t->cap * sizeof(*t->key));
	t->val = bl_arena_alloc(t->arena, t->cap * sizeof(*t->val));
	for (i = 0; i < cap; i++) {
		if (key[i] == NULL)
			continue;
		for (h = bl_hash_str(key[i]) & (t->cap - 1); t->key[h] != NULL;
		     h = (h + 1) & (t->cap - 1))
			;
		t->key[h] = key[i];
		t->val[h] = val[i];
	}
}

/* The slot of key: its value when *found, else where to put it. */
static size_t
strtab_slot(const struct bl_strtab *t, const char *key, bool *found)
{
	size_t h;

	for (h = bl_hash_str(key) & (t->cap - 1); t->key[h] != NULL; h = (h + 1) & (t->cap - 1))
		if (strcmp(t->key[h], key) == 0) {
			*found = true;
			return h;
		}
	*found = false;
	return h;
}

size_t
bl_strtab_get(const struct bl_strtab *t, const char *key)
{
	bool found;
	size_t h = strtab_slot(t, key, &found);

	return found ? t->val[h] : SIZE_MAX;
}

size_t
bl_strtab_put(struct bl_strtab *t, const char *key, size_t val)
{
	bool found;
	size_t h = strtab_slot(t, key, &found);

	if (found)
		return t->val[h];
	if ((t->n + 1) * 2 > t->cap) {
		strtab_grow(t);
		h = strtab_slot(t, key, &found);
	}
	t->key[h] = key;
	t->val[h] = val;
	t->n++;
	return val;
}

bool
bl_words_within(const char *a, const char *b)
{
	while (*a) {
		size_t n = strcspn(a, " ");
		const char *p = b;
		bool found = false;

		while (*p && !found) {
			size_t m = strcspn(p, " ");

			found = m == n && memcmp(p, a, n) == 0;
			p += m + (p[m] == ' ');
		}
		if (!found)
			return false;
		a += n + (a[n] == ' ');
	}
	return true;
}

const char *
bl_status_category(struct bl_ctx *ctx, const struct bl_text *status)
{
	const struct bl_word *w;
	char buf[64];
	size_t i;

	if (status->s == NULL || status->len == 0 || status->len >= sizeof(buf))
		return NULL;
	for (i = 0; i < status->len; i++)
		buf[i] = status->s[i] == '-' || status->s[i] == '_' ? ' ' : status->s[i];
	w = bl_wordset_lookup(bl_ctx_words(ctx, BL_W_STATUSES), buf, i);
	return w != NULL ? w->value : NULL;
}

void
bl_report_diags(struct bl_ctx *ctx, const struct bl_file *f, enum bl_diag_kind kind, size_t rule)
{
	size_t i;

	for (i = 0; i < f->ndiags; i++)
		if (f->diags[i].kind == kind)
			bl_report(ctx, rule, f->diags[i].span, "%s", f->diags[i].message);
}
