/*
 * Markdown trees in an arena: cmark allocates each node, each buffer and
 * each growth of a buffer on its own, and frees them one by one, which
 * costs a markdown backlog about as much as the parse itself. While
 * bl_md_parse() parses, what cmark asks for is carved from the caller's
 * arena instead, and freeing it is a no-op: the arena goes at once.
 *
 * cmark's allocator callbacks take no argument, so the arena being parsed
 * into is the thread's. What cmark allocates for a tree once it is parsed
 * (iterators, text it joins) comes from malloc as before, and is freed by
 * cmark_node_free() and cmark_iter_free(): every block carries a header
 * saying which it is, and its size, for realloc.
 */
#include "load_md.h"

#include <stdlib.h>
#include <string.h>

#include <cmark.h>

/* The arena of the parse running on this thread, or NULL. */
static _Thread_local struct bl_arena *parsing;

union head {
	struct {
		size_t size; /* bytes asked for */
		bool heap;   /* from malloc, not from an arena */
	} h;
	max_align_t align; /* what follows is aligned as malloc's */
};

static void *
block(size_t n, bool clear)
{
	union head *hd;

	if (n > SIZE_MAX - sizeof(*hd))
		return NULL;
	if (parsing != NULL) {
		hd = bl_arena_alloc(parsing, sizeof(*hd) + n);
		hd->h.heap = false;
	} else {
		hd = clear ? calloc(1, sizeof(*hd) + n) : malloc(sizeof(*hd) + n);
		if (hd == NULL)
			return NULL;
		hd->h.heap = true;
	}
	hd->h.size = n;
	return hd + 1;
}

static void *
tree_calloc(size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return block(n * size, true);
}

static void *
tree_realloc(void *p, size_t n)
{
	union head *hd = p != NULL ? (union head *)p - 1 : NULL;
	void *q;

	if (hd == NULL)
		return block(n, false);
	if (hd->h.heap && parsing == NULL) {
		if (n > SIZE_MAX - sizeof(*hd))
			return NULL;
		hd = realloc(hd, sizeof(*hd) + n);
		if (hd == NULL)
			return NULL;
		hd->h.size = n;
		return hd + 1;
	}
	/* A smaller size keeps the block (its header keeps the size it has
	 * room for). */
	if (n <= hd->h.size)
		return p;
	q = block(n, false);
	if (q != NULL) {
		memcpy(q, p, hd->h.size);
		if (hd->h.heap)
			free(hd);
	}
	return q;
}

static void
tree_free(void *p)
{
	union head *hd = p != NULL ? (union head *)p - 1 : NULL;

	if (hd != NULL && hd->h.heap)
		free(hd);
}

static cmark_mem tree_mem = {tree_calloc, tree_realloc, tree_free};

cmark_node *
bl_md_parse(struct bl_arena *a, const char *s, size_t len)
{
	struct bl_arena *outer = parsing;
	cmark_parser *p;
	cmark_node *doc;

	parsing = a;
	p = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS, &tree_mem);
	cmark_parser_feed(p, s, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	parsing = outer;
	return doc;
}
