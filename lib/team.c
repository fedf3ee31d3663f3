/*
 * Finding Backlog.md's config.yml for a file: in each folder from the
 * file's own up to the current directory (or the root), a folder named
 * "backlog" holding config.yml, or a "backlog/config.yml" beside it. The
 * answer is cached per folder, so a walk reads each settings file once.
 */
#include "team.h"

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
