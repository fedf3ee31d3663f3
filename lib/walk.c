/*
 * Directory walking with scandir and lstat, in name order.
 */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load.h"
#include "util.h"

/* Whether parent/name is a folder Backlog.md keeps beside its tasks. */
static bool
backlog_dir(const char *parent, const char *name, const char *which)
{
	const char *base = strrchr(parent, '/');

	base = base ? base + 1 : parent;
	return strcmp(base, "backlog") == 0 && strcmp(name, which) == 0;
}

static bool
skip_dir(const char *parent, const char *name)
{
	if (name[0] == '.' || strcmp(name, "node_modules") == 0 || strcmp(name, "vendor") == 0)
		return true;
	/* Decision records are not items. */
	return backlog_dir(parent, name, "decisions");
}

static void
walk(const char *dir, int depth, unsigned flags, void (*file)(void *, const char *, unsigned),
     void (*err)(void *, const char *, const char *), void *arg)
{
	struct dirent **names;
	int n, i;

	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0) {
		err(arg, dir, strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		struct bl_buf p = {0};
		struct stat st;

		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
			free(names[i]);
			continue;
		}
		bl_buf_puts(&p, dir);
		if (p.len && p.s[p.len - 1] != '/')
			bl_buf_putc(&p, '/');
		bl_buf_puts(&p, name);
		if (lstat(p.s, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				if (!skip_dir(dir, name) && depth < 64)
					walk(p.s, depth + 1,
					     flags | (backlog_dir(dir, name, "docs") ? BL_WALK_DOCS
					                                             : 0u),
					     file, err, arg);
			} else if (name[0] != '.' && bl_load_wants(name)) {
				bool link = S_ISLNK(st.st_mode);

				if (S_ISREG(st.st_mode))
					file(arg, p.s, flags);
				else if (link && stat(p.s, &st) != 0)
					/* Dangling, or a loop of links: a backlog
					 * file that cannot be read. */
					err(arg, p.s,
					    errno == ELOOP ? "symbolic link loop"
					                   : "dangling symbolic link");
				else if (link && S_ISREG(st.st_mode))
					file(arg, p.s, flags);
			}
		}
		bl_buf_free(&p);
		free(names[i]);
	}
	free(names);
}

bool
bl_walk(const char *root, void (*file)(void *, const char *, unsigned),
        void (*err)(void *, const char *, const char *), void *arg)
{
	struct stat st;

	if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode))
		return false;
	walk(root, 0, 0, file, err, arg);
	return true;
}
