/*
 * Finding Backlog.md's config.yml for a file: in each folder from the
 * file's own up to the current directory (or the root), a folder named
 * "backlog" holding config.yml, or a "backlog/config.yml" beside it. The
 * answer is cached per folder, so a walk reads each settings file once.
 */
#include "team.h"

#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

struct slot {
	char *dir;                  /* NULL: empty */
	const struct bl_team *team; /* may be NULL */
};

struct bl_teams {
	const struct bl_load_opts *opts;
	struct slot *slot;
	size_t cap, n;
	struct bl_file **files; /* settings files read */
	size_t nfiles;
};

struct bl_teams *
bl_teams_new(const struct bl_load_opts *opts)
{
	struct bl_teams *t = bl_xcalloc(1, sizeof(*t));

	t->opts = opts;
	t->cap = 64;
	t->slot = bl_xcalloc(t->cap, sizeof(*t->slot));
	return t;
}

void
bl_teams_free(struct bl_teams *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->cap; i++)
		free(t->slot[i].dir);
	for (i = 0; i < t->nfiles; i++)
		bl_file_free(t->files[i]);
	free(t->files);
	free(t->slot);
	free(t);
}

static struct slot *
find(struct bl_teams *t, const char *dir)
{
	size_t h;

	for (h = bl_fnv(BL_FNV_OFFSET, dir, strlen(dir)) & (t->cap - 1); t->slot[h].dir != NULL;
	     h = (h + 1) & (t->cap - 1))
		if (strcmp(t->slot[h].dir, dir) == 0)
			break;
	return &t->slot[h];
}

static void
put(struct bl_teams *t, const char *dir, const struct bl_team *team)
{
	struct slot *s;

	if ((t->n + 1) * 2 > t->cap) {
		struct slot *old = t->slot;
		size_t oldcap = t->cap, i;

		t->cap *= 2;
		t->slot = bl_xcalloc(t->cap, sizeof(*t->slot));
		for (i = 0; i < oldcap; i++)
			if (old[i].dir != NULL)
				*find(t, old[i].dir) = old[i];
		free(old);
	}
	s = find(t, dir);
	s->dir = bl_xstrdup(dir);
	s->team = team;
	t->n++;
}

/* The id a Backlog.md item file's name gives ("task-12.1 - Title.md"),
 * or 0: its length. */
static size_t
name_id(const char *name)
{
	const char *dash = strstr(name, " - ");
	size_t n = dash ? (size_t)(dash - name) : strlen(name), i = 0;

	if (!dash && (n < 4 || strcmp(name + n - 3, ".md") != 0))
		return 0;
	if (!dash)
		n -= 3;
	while (i < n && isalpha((unsigned char)name[i]))
		i++;
	if (i == 0 || i + 1 >= n || name[i] != '-')
		return 0;
	for (i++; i < n; i++)
		if (!isdigit((unsigned char)name[i]) &&
		    !(name[i] == '.' && i + 1 < n && isdigit((unsigned char)name[i + 1])))
			return 0;
	return isdigit((unsigned char)name[n - 1]) ? n : 0;
}

/* Adds the ids of the item files in Backlog.md's folders under dir (the
 * folder config.yml is in) to the settings read from it: names only, no
 * file is read. */
static void
backlog_ids(struct bl_file *cfg, const char *dir)
{
	static const char *const folders[] = {"tasks",         "drafts",         "completed",
	                                      "archive/tasks", "archive/drafts", NULL};
	size_t i;

	for (i = 0; folders[i] != NULL; i++) {
		struct bl_buf p = {0};
		struct dirent *de;
		DIR *d;

		bl_buf_printf(&p, "%s/%s", dir, folders[i]);
		d = opendir(p.s);
		bl_buf_free(&p);
		if (d == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			size_t n = name_id(de->d_name);

			if (n > 0)
				*(const char **)bl_arena_push(cfg->arena, (void **)&cfg->team.ids,
				                              &cfg->team.nids, &cfg->team.capids,
				                              sizeof(char *)) =
				        bl_arena_strndup(cfg->arena, de->d_name, n);
		}
		closedir(d);
	}
}

/* The settings in file path, if it is a readable Backlog.md config. */
static const struct bl_team *
read_config(struct bl_teams *t, const char *path)
{
	struct stat st;
	struct bl_load_opts opts = *t->opts;
	struct bl_file *f;
	char err[256];

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	opts.explicit_file = false;
	opts.personas_only = false;
	f = bl_load_path(path, &opts, err, sizeof(err));
	if (f == NULL)
		return NULL;
	if (!f->is_team_config) {
		bl_file_free(f);
		return NULL;
	}
	{
		const char *slash = strrchr(path, '/');
		char *dir = slash ? bl_xstrndup(path, (size_t)(slash - path)) : bl_xstrdup(".");

		backlog_ids(f, dir);
		free(dir);
	}
	t->files = bl_xrealloc(t->files, (t->nfiles + 1) * sizeof(*t->files));
	t->files[t->nfiles++] = f;
	return &f->team;
}

/* The settings for folder dir ("" is the current folder). */
static const struct bl_team *
for_dir(struct bl_teams *t, const char *dir)
{
	struct slot *s = find(t, dir);
	const struct bl_team *team;
	const char *base = strrchr(dir, '/');
	struct bl_buf p = {0};
	char *parent;

	if (s->dir != NULL)
		return s->team;
	base = base ? base + 1 : dir;
	if (strcmp(base, "backlog") == 0) {
		bl_buf_printf(&p, "%s/config.yml", dir);
		team = read_config(t, p.s);
	} else {
		bl_buf_printf(&p, "%s%sbacklog/config.yml", dir, *dir ? "/" : "");
		team = read_config(t, p.s);
	}
	bl_buf_free(&p);
	/* Up to the root, or to the current folder for a relative path. */
	if (team == NULL && *dir != '\0' && strcmp(dir, "/") != 0 && strcmp(base, "..") != 0) {
		const char *slash = strrchr(dir, '/');

		parent = slash == NULL  ? bl_xstrdup("")
		         : slash == dir ? bl_xstrdup("/")
		                        : bl_xstrndup(dir, (size_t)(slash - dir));
		team = for_dir(t, parent);
		free(parent);
	}
	put(t, dir, team);
	return team;
}

const struct bl_team *
bl_teams_for(struct bl_teams *t, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? bl_xstrdup("") : bl_xstrndup(path, (size_t)(slash - path));
	const struct bl_team *team;

	/* "examples/" walks give "examples//x": trailing slashes collapse. */
	while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
		dir[strlen(dir) - 1] = '\0';
	team = for_dir(t, dir);
	free(dir);
	return team;
}
