/*
 * The floor of a lint: what any tool must do to read a backlog, and
 * nothing of backlint's. It walks the paths given, reads each .md,
 * .markdown, .yml, .yaml and .txt file whole, runs libyaml's parser over
 * a YAML file and over a markdown file's front matter (events only, no
 * tree), parses the markdown body with cmark and walks its tree once, and
 * prints how many files, events and nodes it saw. bench/measure.py times
 * backlint against it in the same run.
 *
 *   floor PATH...
 */
#define _POSIX_C_SOURCE 200809L

#include <cmark.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

struct count {
	unsigned long files, events, nodes;
};

/* The file at path, whole, in *len bytes (NULL when it cannot be read). */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (fp == NULL)
		return NULL;
	do {
		if (n + 65536 > cap) {
			char *p;

			cap = cap ? cap * 2 : 65536;
			p = realloc(buf, cap + 1);
			if (p == NULL) {
				free(buf);
				fclose(fp);
				return NULL;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void
yaml_events(const char *s, size_t n, struct count *c)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int done = 0;

	if (!yaml_parser_initialize(&p))
		return;
	yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev))
			break;
		done = ev.type == YAML_STREAM_END_EVENT;
		c->events++;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
}

static void
markdown(const char *s, size_t n, struct count *c)
{
	size_t body = 0;
	cmark_node *doc;
	cmark_iter *it;

	/* Front matter: "---" on the first line up to the next "---" line. */
	if (n >= 4 && strncmp(s, "---\n", 4) == 0) {
		const char *end = strstr(s + 4, "\n---");

		if (end != NULL) {
			yaml_events(s + 4, (size_t)(end + 1 - (s + 4)), c);
			body = (size_t)(end + 4 - s);
			while (body < n && s[body] != '\n')
				body++;
		}
	}
	doc = cmark_parse_document(s + body, n - body, CMARK_OPT_SOURCEPOS);
	it = cmark_iter_new(doc);
	while (cmark_iter_next(it) != CMARK_EVENT_DONE)
		c->nodes++;
	cmark_iter_free(it);
	cmark_node_free(doc);
}

static int
ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && strcmp(s + n - k, suf) == 0;
}

static void
file(const char *path, struct count *c)
{
	size_t n;
	char *s;

	if (!ends_with(path, ".md") && !ends_with(path, ".markdown") && !ends_with(path, ".yml") &&
	    !ends_with(path, ".yaml") && !ends_with(path, ".txt"))
		return;
	s = slurp(path, &n);
	if (s == NULL)
		return;
	c->files++;
	if (ends_with(path, ".yml") || ends_with(path, ".yaml"))
		yaml_events(s, n, c);
	else if (!ends_with(path, ".txt"))
		markdown(s, n, c);
	free(s);
}

static void
walk(const char *path, struct count *c)
{
	struct dirent **names;
	struct stat st;
	int n, i;

	if (stat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		file(path, c);
		return;
	}
	n = scandir(path, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
			char *sub = malloc(len);

			if (sub != NULL) {
				snprintf(sub, len, "%s/%s", path, names[i]->d_name);
				walk(sub, c);
				free(sub);
			}
		}
		free(names[i]);
	}
	free(n >= 0 ? names : NULL);
}

int
main(int argc, char **argv)
{
	struct count c = {0, 0, 0};
	int i;

	for (i = 1; i < argc; i++)
		walk(argv[i], &c);
	printf("%lu files, %lu YAML events, %lu markdown nodes\n", c.files, c.events, c.nodes);
	return 0;
}
