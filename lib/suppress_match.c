/*
 * Matching findings against a file's suppression directives
 * (lib/suppress.c builds the table): line directives and item parts by
 * binary search, range directives as ESLint reads them (the last disable
 * or enable before the finding's line that names its rule decides).
 */
#include "suppress.h"

#include <stdlib.h>
#include <string.h>

bool
bl_sup_name_matches(const struct bl_suppress *s, const struct bl_sup_name *n, const char *rule_id)
{
	const char *key = s->pool + n->key;
	size_t len;

	if (n->every)
		return true;
	if (!n->family)
		return strcmp(rule_id, key) == 0;
	len = strlen(key);
	return strncmp(rule_id, key, len) == 0 && rule_id[len] == '/';
}

/* Marks the names of d that match rule_id; whether there were any. */
static bool
use(struct bl_suppress *s, const struct bl_sup_dir *d, const char *rule_id)
{
	uint32_t i;
	bool hit = false;

	for (i = 0; i < d->nnames; i++)
		if (bl_sup_name_matches(s, &s->names[d->name0 + i], rule_id)) {
			s->names[d->name0 + i].used = true;
			hit = true;
		}
	return hit;
}

/* The number of entries of idx (sorted by first line) with first <= line. */
static size_t
upper(const struct bl_suppress *s, const uint32_t *idx, size_t n, uint32_t line)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->dirs[idx[mid]].first <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
bl_suppress_match(struct bl_suppress *s, uint32_t line, const char *rule_id)
{
	bool hit = false;
	size_t i;

	if (s == NULL || line == 0)
		return false;
	/* Line directives: those whose line is this one. */
	for (i = upper(s, s->points, s->npoints, line); i > 0; i--) {
		const struct bl_sup_dir *d = &s->dirs[s->points[i - 1]];

		if (d->first != line)
			break;
		hit |= use(s, d, rule_id);
	}
	/* Item parts: disjoint but for items on one line, so only the last
	 * few starting at or before this line can hold it. */
	for (i = upper(s, s->items, s->nitems, line); i > 0; i--) {
		const struct bl_sup_dir *d = &s->dirs[s->items[i - 1]];

		if (d->last < line)
			break;
		hit |= use(s, d, rule_id);
	}
	/* The whole file. */
	for (i = 0; i < s->nothers; i++) {
		const struct bl_sup_dir *d = &s->dirs[s->others[i]];

		if (d->kind == BL_SUP_FILE)
			hit |= use(s, d, rule_id);
	}
	/* Ranges: the last disable or enable before it naming the rule. */
	for (i = s->nothers; i > 0; i--) {
		const struct bl_sup_dir *d = &s->dirs[s->others[i - 1]];
		uint32_t j;
		bool names = false;

		if (d->kind == BL_SUP_FILE || d->first > line)
			continue;
		for (j = 0; j < d->nnames && !names; j++)
			names = bl_sup_name_matches(s, &s->names[d->name0 + j], rule_id);
		if (!names)
			continue;
		if (d->kind == BL_SUP_DISABLE)
			hit |= use(s, d, rule_id);
		break;
	}
	return hit;
}
