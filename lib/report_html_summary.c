/*
 * The html reporter's summaries of the backlog (lib/report_html.c makes
 * the page): items by stage, type and status, findings by family (a bar
 * chart), the files that did not parse, readiness of the open work by
 * status (a stacked bar), the INVEST scorecard per item grouped by status,
 * and persona coverage. Long lists are cut with counts: at most
 * MAX_PER_STATUS items of one status and MAX_GROUPS statuses or personas
 * are listed; nothing is dropped without saying how many.
 */
#include "report_html_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_PER_STATUS 200
#define MAX_GROUPS 40 /* statuses, personas shown */

static const char *const rank_names[] = {"open", "ready", "started", "other", "done", "archived"};

/* Where item s is in the workflow (RANK_...). */
static unsigned
rank_of(const struct bl_summary *s)
{
	if (s->state == BL_ITEM_ARCHIVED)
		return RANK_ARCHIVED;
	switch (s->stage) {
	case BL_STAGE_OPEN: return RANK_OPEN;
	case BL_STAGE_READY: return RANK_READY;
	case BL_STAGE_STARTED: return RANK_STARTED;
	case BL_STAGE_DONE: return RANK_DONE;
	default: return RANK_OTHER;
	}
}

/* INVEST letters; which rule speaks for which is the registry's
 * (struct bl_rule.invest). */
enum { INV_I, INV_N, INV_V, INV_E, INV_S, INV_T, INV__COUNT };
static const char invest_letters[] = "INVEST";
static const char *const invest_names[] = {"Independent", "Negotiable", "Valuable",
                                           "Estimable",   "Small",      "Testable"};

int
bl_html_invest_letter(const struct bl_rule *r)
{
	const char *l = r->invest != 0 ? strchr(invest_letters, r->invest) : NULL;

	return l != NULL ? (int)(l - invest_letters) : -1;
}

size_t
bl_html_tally_add(struct tally *t, const char *name, size_t k)
{
	size_t i;

	/* Names that differ only in ASCII case are one ("Member", "member"). */
	for (i = 0; i < t->n; i++)
		if (strcasecmp(t->names[i], name) == 0) {
			t->counts[i] += k;
			return i;
		}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->names = bl_xrealloc(t->names, t->cap * sizeof(*t->names));
		t->counts = bl_xrealloc(t->counts, t->cap * sizeof(*t->counts));
	}
	t->names[t->n] = name;
	t->counts[t->n] = k;
	return t->n++;
}

void
bl_html_tally_free(struct tally *t)
{
	free(t->names);
	free(t->counts);
}

/* Items grouped by a name (their status, their role), in O(n log n)
 * whatever the number of names: a hostile backlog may give each item its
 * own status. */
struct keyed {
	const char *name;
	size_t item;
	unsigned rank; /* groups of a lower rank come first; same name, other rank: apart */
};

struct group {
	const char *name;
	unsigned rank;
	const struct keyed *k; /* its items, in file order */
	size_t n;
	size_t extra; /* what the caller counts (undeclared roles) */
	bool mark;    /* what the caller marks (a declared persona) */
};

struct grouping {
	struct keyed *k;
	size_t nk;
	struct group *g;
	size_t ng;
};

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	c = strcasecmp(x->name, y->name);
	return c ? c : x->item < y->item ? -1 : x->item > y->item;
}

static int
cmp_group_size(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Groups k[0, nk) (taken over) by rank and name, case aside; the groups
 * are left in that order (group_by_size sorts those of a rank by size). */
static void
group(struct grouping *gr, struct keyed *k, size_t nk)
{
	size_t i;

	memset(gr, 0, sizeof(*gr));
	gr->k = k;
	gr->nk = nk;
	if (nk > 1)
		qsort(k, nk, sizeof(*k), cmp_keyed);
	gr->g = bl_xcalloc(nk ? nk : 1, sizeof(*gr->g));
	for (i = 0; i < nk; i++) {
		if (gr->ng == 0 || gr->g[gr->ng - 1].rank != k[i].rank ||
		    strcasecmp(gr->g[gr->ng - 1].name, k[i].name) != 0) {
			gr->g[gr->ng].name = k[i].name;
			gr->g[gr->ng].rank = k[i].rank;
			gr->g[gr->ng].k = &k[i];
			gr->ng++;
		}
		gr->g[gr->ng - 1].n++;
	}
}

static void
group_by_size(struct grouping *gr)
{
	if (gr->ng > 1)
		qsort(gr->g, gr->ng, sizeof(*gr->g), cmp_group_size);
}

static void
grouping_free(struct grouping *gr)
{
	free(gr->k);
	free(gr->g);
}

static const char *
status_of(const struct bl_summary *s)
{
	return s->status != NULL ? s->status : "(no status)";
}

/* A horizontal bar chart: one bar per row, its label and number as text. */
static void
bars(struct bl_buf *b, const char *title, const char **labels, const size_t *values, size_t n)
{
	size_t i, max = 1;
	unsigned height = (unsigned)(n * 26 + 10);

	for (i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	bl_buf_printf(b, "<svg role=\"img\" width=\"640\" height=\"%u\" viewBox=\"0 0 640 %u\">",
	              height, height);
	bl_buf_puts(b, "<title>");
	bl_html_esc(b, title);
	bl_buf_puts(b, "</title>");
	for (i = 0; i < n; i++) {
		unsigned y = (unsigned)(i * 26 + 5), w = (unsigned)(values[i] * 380 / max);

		bl_buf_printf(b, "<text x=\"0\" y=\"%u\">", y + 16);
		bl_html_esc(b, labels[i]);
		bl_buf_printf(b,
		              "</text><rect x=\"150\" y=\"%u\" width=\"%u\" height=\"20\" "
		              "fill=\"#4a6fa5\"/><text x=\"%u\" y=\"%u\">%zu</text>",
		              y, w ? w : 1, 150 + (w ? w : 1) + 6, y + 16, values[i]);
	}
	bl_buf_puts(b, "</svg>\n");
}

/* Past the first MAX_GROUPS of groups [0, end): how many more, with how
 * many items. */
static void
more_groups(struct bl_buf *b, const struct grouping *gr, size_t end, const char *what)
{
	size_t i, items = 0;

	if (end <= MAX_GROUPS)
		return;
	for (i = MAX_GROUPS; i < end; i++)
		items += gr->g[i].n;
	bl_buf_printf(b, "<p class=\"muted\">%zu more %s, with %zu item%s, are not shown.</p>\n",
	              end - MAX_GROUPS, what, items, items == 1 ? "" : "s");
}

/* The number of groups before the first of rank or above (groups are in
 * rank order). */
static size_t
groups_before(const struct grouping *gr, unsigned rank)
{
	size_t i;

	for (i = 0; i < gr->ng && gr->g[i].rank < rank; i++)
		;
	return i;
}

/* Which part of the readiness bar item falls in: 0 no finding, 1 warnings
 * or info only, 2 an error. */
static unsigned
ready_part(const struct html *h, size_t item)
{
	unsigned worst = h->state[item].worst;

	return worst == BL_SEV_ERROR ? 2 : worst ? 1 : 0;
}

static const char *
has(size_t n)
{
	return n == 1 ? "has" : "have";
}

/* Open work by status: how many have no finding, warnings or info only,
 * an error; a stacked bar a status (the first MAX_GROUPS), each part
 * labelled with its count. Done and archived work is not planned: how
 * ready it is means nothing. */
static void
readiness(struct bl_buf *b, const struct html *h, const struct grouping *st)
{
	static const char *const part[] = {"clean", "warnings or notes", "errors"};
	static const char *const fill[] = {"#2f8f4e", "#d4a017", "#b22222"};
	size_t open = groups_before(st, RANK_DONE), i, j, k;
	size_t ng = open < MAX_GROUPS ? open : MAX_GROUPS, total[3] = {0, 0, 0}, all;
	unsigned height = (unsigned)(ng * 30 + 40);

	for (i = 0; i < open; i++)
		for (j = 0; j < st->g[i].n; j++)
			total[ready_part(h, st->g[i].k[j].item)]++;
	all = total[0] + total[1] + total[2];
	if (all == 0)
		bl_buf_puts(b, "<p>No open work.");
	else
		bl_buf_printf(b,
		              "<p>%zu of %zu item%s of open work %s no finding; %zu %s warnings "
		              "or notes only, %zu %s an error.",
		              total[0], all, all == 1 ? "" : "s", has(total[0]), total[1],
		              has(total[1]), total[2], has(total[2]));
	if (h->nrank[RANK_DONE] + h->nrank[RANK_ARCHIVED] > 0)
		bl_buf_printf(b, " Done (%zu) and archived (%zu) items are left out.",
		              h->nrank[RANK_DONE], h->nrank[RANK_ARCHIVED]);
	bl_buf_puts(b, "</p>\n");
	if (open == 0)
		return;

	bl_buf_printf(b, "<svg role=\"img\" width=\"640\" height=\"%u\" viewBox=\"0 0 640 %u\">",
	              height, height);
	bl_buf_puts(b, "<title>Readiness by status: items with no finding, with warnings or "
	               "notes, with errors</title>");
	for (k = 0; k < 3; k++)
		bl_buf_printf(b,
		              "<rect x=\"%u\" y=\"2\" width=\"12\" height=\"12\" fill=\"%s\"/>"
		              "<text x=\"%u\" y=\"13\">%s</text>",
		              (unsigned)(150 + k * 160), fill[k], (unsigned)(150 + k * 160 + 16),
		              part[k]);
	for (i = 0; i < ng; i++) {
		const struct group *g = &st->g[i];
		size_t count[3] = {0, 0, 0};
		unsigned x = 150, y = (unsigned)(i * 30 + 28);

		for (j = 0; j < g->n; j++)
			count[ready_part(h, g->k[j].item)]++;
		bl_buf_printf(b, "<text x=\"0\" y=\"%u\">", y + 15);
		bl_html_esc(b, g->name);
		bl_buf_puts(b, "</text>");
		for (k = 0; k < 3; k++) {
			unsigned w = (unsigned)(count[k] * 360 / g->n);

			if (count[k] == 0)
				continue;
			bl_buf_printf(b,
			              "<rect x=\"%u\" y=\"%u\" width=\"%u\" height=\"22\" "
			              "fill=\"%s\"><title>%s: %zu</title></rect>",
			              x, y, w ? w : 1, fill[k], part[k], count[k]);
			if (w >= 28)
				bl_buf_printf(b, "<text x=\"%u\" y=\"%u\" fill=\"#fff\">%zu</text>",
				              x + 4, y + 16, count[k]);
			x += w ? w : 1;
		}
		bl_buf_printf(b, "<text x=\"%u\" y=\"%u\">%zu / %zu / %zu</text>", x + 6, y + 16,
		              count[0], count[1], count[2]);
	}
	bl_buf_puts(b, "</svg>\n");
	more_groups(b, st, open, "statuses of open work");
}

/* A table of names and counts, sorted by count (then name). */
static void
count_table(struct bl_buf *b, const char *caption, const char *what, struct tally *t)
{
	size_t i, j;

	/* Insertion sort: these tables are short (types, statuses). */
	for (i = 1; i < t->n; i++)
		for (j = i; j > 0 && (t->counts[j] > t->counts[j - 1] ||
		                      (t->counts[j] == t->counts[j - 1] &&
		                       strcmp(t->names[j], t->names[j - 1]) < 0));
		     j--) {
			const char *n = t->names[j];
			size_t c = t->counts[j];

			t->names[j] = t->names[j - 1];
			t->counts[j] = t->counts[j - 1];
			t->names[j - 1] = n;
			t->counts[j - 1] = c;
		}
	bl_buf_puts(b, "<table><caption>");
	bl_html_esc(b, caption);
	bl_buf_puts(b, "</caption><tr><th scope=\"col\">");
	bl_html_esc(b, what);
	bl_buf_puts(b, "</th><th scope=\"col\" class=\"n\">items</th></tr>\n");
	for (i = 0; i < t->n; i++) {
		bl_buf_puts(b, "<tr><td>");
		bl_html_esc(b, t->names[i]);
		bl_buf_printf(b, "</td><td class=\"n\">%zu</td></tr>\n", t->counts[i]);
	}
	bl_buf_puts(b, "</table>\n");
}

/* Items by workflow stage: open, ready and started always, the others
 * when some item is there. */
static void
stage_table(struct bl_buf *b, const struct html *h)
{
	unsigned r;

	bl_buf_puts(b, "<table><caption>Items by stage</caption><tr><th scope=\"col\">stage</th>"
	               "<th scope=\"col\" class=\"n\">items</th></tr>\n");
	for (r = 0; r < RANK__COUNT; r++)
		if (h->nrank[r] > 0 || r < RANK_OTHER || r == RANK_DONE)
			bl_buf_printf(b, "<tr><td>%s</td><td class=\"n\">%zu</td></tr>\n",
			              rank_names[r], h->nrank[r]);
	bl_buf_puts(b, "</table>\n");
}

/* Items by status, in workflow order: the first MAX_GROUPS statuses. */
static void
status_table(struct bl_buf *b, const struct grouping *st)
{
	size_t ng = st->ng < MAX_GROUPS ? st->ng : MAX_GROUPS, i;

	bl_buf_puts(b,
	            "<table><caption>Items by status</caption><tr><th scope=\"col\">status</th>"
	            "<th scope=\"col\">stage</th><th scope=\"col\" class=\"n\">items</th></tr>\n");
	for (i = 0; i < ng; i++) {
		bl_buf_puts(b, "<tr><td>");
		bl_html_esc(b, st->g[i].name);
		bl_buf_printf(b, "</td><td>%s</td><td class=\"n\">%zu</td></tr>\n",
		              rank_names[st->g[i].rank], st->g[i].n);
	}
	bl_buf_puts(b, "</table>\n");
	more_groups(b, st, st->ng, "statuses");
}

/* How many items of g past the first `from` miss an INVEST letter. */
static size_t
missing_after(const struct html *h, const struct group *g, size_t from)
{
	size_t n = 0;

	for (; from < g->n; from++)
		n += h->state[g->k[from].item].failed != 0;
	return n;
}

/* Whether every rule of rule i's family (its id up to the '/') speaks for
 * the letter rule i speaks for: the legend names the family, not them. */
static bool
whole_family(const struct bl_registry *reg, size_t i)
{
	const char *id = reg->rules[i].id;
	size_t n = strcspn(id, "/") + 1, j;

	for (j = 0; j < reg->nrules; j++)
		if (strncmp(reg->rules[j].id, id, n) == 0 &&
		    reg->rules[j].invest != reg->rules[i].invest)
			return false;
	return true;
}

/* What speaks for letter in the legend: the families whose rules all do
 * ("deps/") and the other rules that do, in the registry's legend order
 * (what it does not list after, in the order of the rules). */
static void
legend(struct bl_buf *b, const struct bl_registry *reg, char letter)
{
	struct entry {
		const char *s;
		size_t n, rank;
	} *e = bl_xcalloc(reg->nrules + 1, sizeof(*e)), t;
	size_t ne = 0, nlisted = 0, i, k;

	while (reg->invest_order != NULL && reg->invest_order[nlisted] != NULL)
		nlisted++;
	for (i = 0; i < reg->nrules; i++) {
		const char *id = reg->rules[i].id;
		size_t n = whole_family(reg, i) ? strcspn(id, "/") + 1 : strlen(id);

		if (reg->rules[i].invest != letter)
			continue;
		for (k = 0; k < ne && !(e[k].n == n && strncmp(e[k].s, id, n) == 0); k++)
			;
		if (k < ne)
			continue; /* its family is named */
		for (k = 0; k < nlisted && !(strlen(reg->invest_order[k]) == n &&
		                             strncmp(reg->invest_order[k], id, n) == 0);
		     k++)
			;
		t.s = id;
		t.n = n;
		t.rank = k < nlisted ? k : nlisted + i;
		/* Sorted as they come: a few dozen rules. */
		for (k = ne++; k > 0 && e[k - 1].rank > t.rank; k--)
			e[k] = e[k - 1];
		e[k] = t;
	}
	for (i = 0; i < ne; i++) {
		if (i > 0)
			bl_buf_puts(b, ", ");
		bl_rep_xml(b, e[i].s, e[i].n);
	}
	if (ne == 0)
		bl_buf_puts(b, "no rule");
	free(e);
}

/* The INVEST scorecard: per status in workflow order, how many items meet
 * all six letters, and each item's letters (the first MAX_PER_STATUS, then
 * a count). Archived work is scored only when it is checked. */
static void
scorecard(struct bl_buf *b, const struct html *h, const struct grouping *st)
{
	size_t end = h->include_done ? st->ng : groups_before(st, RANK_ARCHIVED);
	size_t ng = end < MAX_GROUPS ? end : MAX_GROUPS, i, j;
	int l;

	bl_buf_puts(b, "<p>Each letter holds unless a finding of a rule that speaks for it "
	               "was reported on the item: ");
	for (l = 0; l < INV__COUNT; l++) {
		bl_buf_printf(b, "%s<strong>%c</strong>%s (", l > 0 ? ", " : "", invest_letters[l],
		              invest_names[l] + 1);
		legend(b, bl_engine_registry(h->e), invest_letters[l]);
		bl_buf_putc(b, ')');
	}
	bl_buf_puts(b, ". &#10003; holds, &#10007; does not.</p>\n");
	for (i = 0; i < ng; i++) {
		const struct group *g = &st->g[i];
		size_t shown = 0, all = 0;

		for (j = 0; j < g->n; j++)
			all += h->state[g->k[j].item].failed == 0;
		if (g->rank == RANK_DONE && (i == 0 || st->g[i - 1].rank != RANK_DONE) &&
		    !h->include_done)
			bl_buf_puts(b, "<p class=\"muted\">Done work is context: only the findings "
			               "about finished work (unchecked acceptance criteria or "
			               "definition of done, no estimate) are reported on it; "
			               "<code>--include-done</code> checks it all.</p>\n");
		bl_buf_puts(b, "<h3>");
		bl_html_esc(b, g->name);
		bl_buf_printf(b,
		              " <span class=\"muted\">(%s; %zu item%s, %zu meet%s all six)</span>"
		              "</h3>\n",
		              rank_names[g->rank], g->n, g->n == 1 ? "" : "s", all,
		              all == 1 ? "s" : "");
		bl_buf_puts(b, "<table><caption class=\"sr\">INVEST scorecard: ");
		bl_html_esc(b, g->name);
		bl_buf_puts(b,
		            "</caption><tr><th scope=\"col\">item</th><th scope=\"col\">type</th>");
		for (l = 0; l < INV__COUNT; l++)
			bl_buf_printf(b, "<th scope=\"col\" title=\"%s\">%c</th>", invest_names[l],
			              invest_letters[l]);
		bl_buf_puts(b, "</tr>\n");
		for (j = 0; j < g->n && shown < MAX_PER_STATUS; j++) {
			size_t x = g->k[j].item;
			const struct bl_summary *it = &h->items[x];
			const char *p;
			char *path;

			shown++;
			p = bl_engine_path(h->e, it->file_index);
			path = bl_rep_path(p ? p : "");
			bl_buf_puts(b, "<tr><th scope=\"row\"><a href=\"");
			bl_rep_uri(b, path);
			bl_buf_printf(b, "#L%u\">", it->ref.span.line);
			if (it->id != NULL)
				bl_html_esc(b, it->id);
			else {
				bl_html_esc(b, path);
				bl_buf_printf(b, ":%u", it->ref.span.line);
			}
			bl_buf_printf(b, "</a></th><td>%s</td>", bl_type_name(it->type));
			for (l = 0; l < INV__COUNT; l++)
				bl_buf_puts(b, h->state[x].failed & (1u << l)
				                       ? "<td class=\"no\">&#10007;</td>"
				                       : "<td class=\"ok\">&#10003;</td>");
			bl_buf_puts(b, "</tr>\n");
			free(path);
		}
		bl_buf_puts(b, "</table>\n");
		if (g->n > shown)
			bl_buf_printf(b,
			              "<p class=\"muted\">%zu more items with this status are not "
			              "listed (%zu of them miss a letter); the text or JSON report "
			              "lists their findings.</p>\n",
			              g->n - shown, missing_after(h, g, shown));
	}
	more_groups(b, st, end, "statuses");
	if (end < st->ng)
		bl_buf_printf(b,
		              "<p class=\"muted\">%zu archived item%s (in completed/ or archive/ "
		              "folders) %s not scored: nothing is reported on archived "
		              "work unless <code>--include-done</code>.</p>\n",
		              h->nrank[RANK_ARCHIVED], h->nrank[RANK_ARCHIVED] == 1 ? "" : "s",
		              h->nrank[RANK_ARCHIVED] == 1 ? "is" : "are");
}

/* The id of the first rule with flag (BL_RULE_...), or NULL. */
static const char *
flagged(const struct bl_engine *e, unsigned flag)
{
	size_t i;

	for (i = 0; i < bl_engine_nrules(e); i++)
		if (bl_engine_rule(e, i)->flags & flag)
			return bl_engine_rule(e, i)->id;
	return NULL;
}

/* Items per persona: the roles stories are written for (as written), and
 * the personas the backlog declares, with how many items the rule of
 * unknown personas found writing for a role among none of them. */
static void
personas(struct bl_buf *b, const struct html *h)
{
	const struct bl_persona_decl *decl;
	struct grouping gr;
	struct keyed *k;
	size_t ndecl, nk = 0, i, j, ng;
	const char *unknown = flagged(h->e, BL_RULE_PERSONA_UNKNOWN);

	decl = bl_engine_personas(h->e, &ndecl);
	k = bl_xcalloc(h->nitems + ndecl + 1, sizeof(*k));
	/* Archived work is no longer the backlog's. */
	for (i = 0; i < h->nitems; i++)
		if (h->items[i].role != NULL && h->items[i].state != BL_ITEM_ARCHIVED) {
			k[nk].name = h->items[i].role;
			k[nk++].item = i;
		}
	/* Declared personas: an entry each, marked (item SIZE_MAX). */
	for (i = 0; i < ndecl; i++) {
		k[nk].name = decl[i].name;
		k[nk++].item = SIZE_MAX;
	}
	if (nk == 0) {
		bl_buf_puts(b,
		            "<p>No item names a role, and the backlog declares no persona.</p>\n");
		free(k);
		return;
	}
	group(&gr, k, nk);
	for (i = 0; i < gr.ng; i++) {
		struct group *g = &gr.g[i];
		size_t items = 0;

		for (j = 0; j < g->n; j++) {
			if (g->k[j].item == SIZE_MAX) {
				/* Shown as the backlog declares it. */
				g->mark = true;
				g->name = g->k[j].name;
				continue;
			}
			items++;
			g->extra += h->state[g->k[j].item].unknown_persona;
		}
		g->n = items;
	}
	group_by_size(&gr);
	bl_buf_printf(b,
	              "<p>The backlog declares %zu persona%s. The last column counts the "
	              "items whose role %s found among none of them.%s</p>\n",
	              ndecl, ndecl == 1 ? "" : "s", unknown != NULL ? unknown : "no rule",
	              h->nrank[RANK_ARCHIVED] > 0 ? " Archived items are not counted." : "");
	bl_buf_puts(b, "<table><caption>Items per persona or role</caption><tr><th "
	               "scope=\"col\">persona or role</th><th scope=\"col\">declared</th><th "
	               "scope=\"col\" class=\"n\">items</th><th scope=\"col\" class=\"n\">not "
	               "a declared persona</th></tr>\n");
	ng = gr.ng < MAX_GROUPS ? gr.ng : MAX_GROUPS;
	for (i = 0; i < ng; i++) {
		const struct group *g = &gr.g[i];

		bl_buf_puts(b, "<tr><td>");
		bl_html_esc(b, g->name);
		bl_buf_printf(b,
		              "</td><td>%s</td><td class=\"n\">%zu</td><td class=\"n%s\">%zu</td>"
		              "</tr>\n",
		              g->mark ? "yes" : "", g->n, g->extra ? " no" : "", g->extra);
	}
	bl_buf_puts(b, "</table>\n");
	more_groups(b, &gr, gr.ng, "personas and roles");
	grouping_free(&gr);
}

void
bl_html_rank_items(struct html *h)
{
	size_t i;

	for (i = 0; i < h->nitems; i++)
		h->nrank[rank_of(&h->items[i])]++;
}

void
bl_html_header_counts(struct bl_buf *b, const struct html *h)
{
	size_t open = 0, stages = 0;
	unsigned r;
	const char *sep = " (";

	for (r = RANK_OPEN; r <= RANK_OTHER; r++) {
		open += h->nrank[r];
		stages += h->nrank[r] > 0;
	}
	bl_buf_printf(b, "<p class=\"muted\">%zu file%s", h->o.files, h->o.files == 1 ? "" : "s");
	if (h->nparse_files > 0)
		bl_buf_printf(b, " (%zu with a parse error)", h->nparse_files);
	bl_buf_printf(b, ": %zu item%s of open work", open, open == 1 ? "" : "s");
	/* By stage, when there is more than one. */
	for (r = RANK_OPEN; stages > 1 && r <= RANK_OTHER; r++)
		if (h->nrank[r] > 0) {
			bl_buf_printf(b, "%s%zu %s", sep, h->nrank[r], rank_names[r]);
			sep = ", ";
		}
	bl_buf_printf(b, "%s, %zu done", stages > 1 ? ")" : "", h->nrank[RANK_DONE]);
	if (h->nrank[RANK_ARCHIVED] > 0)
		bl_buf_printf(b, ", %zu archived", h->nrank[RANK_ARCHIVED]);
	bl_buf_puts(b, "; ");
}

/* The table of findings by family and severity, with a bar chart of them. */
static void
family_table(struct bl_buf *b, const struct html *h)
{
	const char **labels;
	size_t *values, i;

	bl_buf_puts(b, "<table><caption>Findings by family and severity</caption><tr><th "
	               "scope=\"col\">family</th><th scope=\"col\" class=\"n\">errors</th><th "
	               "scope=\"col\" class=\"n\">warnings</th><th scope=\"col\" "
	               "class=\"n\">info</th><th scope=\"col\" class=\"n\">all</th></tr>\n");
	labels = bl_xcalloc(h->families.n + 1, sizeof(*labels));
	values = bl_xcalloc(h->families.n + 1, sizeof(*values));
	for (i = 0; i < h->families.n; i++) {
		const char *id = h->families.names[i];
		size_t n = strcspn(id, "/");

		bl_buf_puts(b, "<tr><th scope=\"row\">");
		bl_rep_xml(b, id, n);
		bl_buf_printf(b,
		              "/</th><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td "
		              "class=\"n\">%zu</td><td class=\"n\">%zu</td></tr>\n",
		              h->family_sev[i][BL_SEV_ERROR], h->family_sev[i][BL_SEV_WARNING],
		              h->family_sev[i][BL_SEV_INFO], h->families.counts[i]);
		labels[i] = bl_xstrndup(id, n);
		values[i] = h->families.counts[i];
	}
	bl_buf_puts(b, "</table>\n</div>\n");
	if (h->families.n > 0)
		bars(b, "Findings per rule family", labels, values, h->families.n);
	for (i = 0; i < h->families.n; i++)
		free((char *)labels[i]);
	free(labels);
	free(values);
}

/* The files that did not parse, when some did not. */
static void
parse_errors(struct bl_buf *b, const struct html *h)
{
	if (h->nparse == 0)
		return;
	bl_buf_printf(b,
	              "<h3>Files with parse errors</h3>\n<p>%zu file%s could not be read, "
	              "or not whole: %s items are missing from these counts.</p>\n<ul "
	              "class=\"findings\">\n",
	              h->nparse_files, h->nparse_files == 1 ? "" : "s",
	              h->nparse_files == 1 ? "its" : "their");
	bl_buf_add(b, h->parse.s, h->parse.len);
	bl_buf_puts(b, "</ul>\n");
	if (h->nparse > BL_HTML_MAX_PER_RULE)
		bl_buf_printf(b, "<p class=\"muted\">%d of %zu shown.</p>\n", BL_HTML_MAX_PER_RULE,
		              h->nparse);
}

/* The summary section: items by stage, type and status, findings by
 * family, the files that did not parse. */
static void
summary(struct bl_buf *b, const struct html *h, struct tally *types,
        const struct grouping *statuses)
{
	bl_buf_puts(b, "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"tables\">\n");
	stage_table(b, h);
	count_table(b,
	            h->nrank[RANK_ARCHIVED] > 0 ? "Items by type, archived aside" : "Items by type",
	            "type", types);
	status_table(b, statuses);
	family_table(b, h);
	parse_errors(b, h);
	bl_buf_puts(b, "</section>\n");
}

void
bl_html_summaries(struct bl_buf *b, const struct html *h)
{
	struct tally types = {0};
	struct grouping statuses;
	struct keyed *k = bl_xcalloc(h->nitems + 1, sizeof(*k));
	size_t i;

	for (i = 0; i < h->nitems; i++) {
		k[i].name = status_of(&h->items[i]);
		k[i].item = i;
		k[i].rank = rank_of(&h->items[i]);
		if (k[i].rank != RANK_ARCHIVED)
			bl_html_tally_add(&types, bl_type_name(h->items[i].type), 1);
	}
	group(&statuses, k, h->nitems);
	group_by_size(&statuses);
	summary(b, h, &types, &statuses);
	bl_buf_puts(b, "<section id=\"readiness\">\n<h2>Readiness of open work by status</h2>\n");
	readiness(b, h, &statuses);
	bl_buf_puts(b, "</section>\n<section id=\"invest\">\n<h2>INVEST scorecard</h2>\n");
	scorecard(b, h, &statuses);
	bl_buf_puts(b, "</section>\n<section id=\"personas\">\n<h2>Persona coverage</h2>\n");
	personas(b, h);
	if (h->nvariants > 0) {
		bl_buf_puts(b, "<h3>Variants of one persona</h3>\n<ul class=\"findings\">\n");
		bl_buf_add(b, h->variants.s, h->variants.len);
		bl_buf_puts(b, "</ul>\n");
	}
	bl_buf_puts(b, "</section>\n");
	bl_html_tally_free(&types);
	grouping_free(&statuses);
}
