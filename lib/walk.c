/*
 * Directory walking with scandir and lstat, in name order. Paths git
 * ignores are asked of libgit2, with the repository each folder belongs
 * to: the one the walk starts in, opened once, and any repository nested
 * below it (a folder holding .git), opened once when the walk enters it.
 */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load.h"
#include "util.h"

/*
 * backlint asks libgit2 for ignore rules only and never opens a connection,
 * but libgit2's initialisation loads the system's CA certificates for HTTPS
 * through mbedtls: 8 ms and 56 M instructions at every start, more than
 * linting a hundred items. This definition takes the place of mbedtls's
 * for backlint's process (the executable's symbols come first), so that
 * the certificates are not read; with a libgit2 built on another TLS
 * library it is never called.
 */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);

int
mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

struct bl_walker {
	struct bl_walk_calls c;
	bool git; /* libgit2 is set up: on the first walk */
};

/* The repository whose ignore rules hold in a folder of the walk, and that
 * folder's path in its work tree ("" or ending in '/'). */
struct repo {
	git_repository *git; /* NULL: none, nothing is ignored */
	const char *rel;
};

struct bl_walker *
bl_walker_new(const struct bl_walk_calls *calls)
{
	struct bl_walker *w = bl_xcalloc(1, sizeof(*w));

	w->c = *calls;
	return w;
}

void
bl_walker_free(struct bl_walker *w)
{
	if (w == NULL)
		return;
	if (w->git)
		git_libgit2_shutdown();
	free(w);
}

/* Whether git ignores path rel/name (a folder's when dir). */
static bool
ignored(const struct repo *r, const char *name, bool dir)
{
	struct bl_buf p = {0};
	int ign = 0;

	if (r->git == NULL)
		return false;
	bl_buf_printf(&p, "%s%s%s", r->rel, name, dir ? "/" : "");
	if (git_ignore_path_is_ignored(&ign, r->git, p.s) < 0)
		ign = 0; /* unreadable rules: keep the path */
	bl_buf_free(&p);
	return ign == 1;
}

/* Whether folder dir is named backlog, as Backlog.md's folder is. */
static bool
backlog_folder(const char *dir)
{
	const char *base = strrchr(dir, '/');

	return strcmp(base ? base + 1 : dir, "backlog") == 0;
}

/* Whether parent/name is a folder Backlog.md keeps beside its tasks. */
static bool
backlog_dir(const char *parent, const char *name, const char *which)
{
	return backlog_folder(parent) && strcmp(name, which) == 0;
}

/* Whether name is a project's own documentation folder. */
static bool
docs_dir(const char *name)
{
	return bl_strcaseeq(name, "docs") || bl_strcaseeq(name, "doc");
}

/* Whether name is a markdown file every project keeps beside its code
 * (README.md, CHANGELOG.markdown, ...). */
static bool
prose_file(const char *name)
{
	static const char *const stems[] = {
	        "readme",          "changelog", "changes", "history", "news",    "contributing",
	        "code_of_conduct", "security",  "license", "authors", "support", "hacking",
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	if (dot == NULL || !(bl_strcaseeq(dot, ".md") || bl_strcaseeq(dot, ".markdown")))
		return false;
	for (i = 0; i < sizeof(stems) / sizeof(stems[0]); i++)
		if (bl_strncaseeq(name, (size_t)(dot - name), stems[i]))
			return true;
	return false;
}

/* Whether folder name in parent is a team's own beside Backlog.md's
 * (backlog/notes/, backlog/memory/): Backlog.md reads its items from
 * tasks/, drafts/, completed/, archive/ and milestones/ only, so what
 * lies elsewhere in its folder is read as documents are. */
static bool
own_folder(const char *parent, const char *name)
{
	static const char *const items[] = {"tasks", "drafts", "completed", "archive",
	                                    "milestones"};
	struct bl_buf p = {0};
	struct stat st;
	size_t i;
	bool cfg;

	if (!backlog_folder(parent))
		return false;
	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		if (strcmp(name, items[i]) == 0)
			return false;
	bl_buf_printf(&p, "%s/config.yml", parent);
	cfg = stat(p.s, &st) == 0 && S_ISREG(st.st_mode);
	bl_buf_free(&p);
	return cfg;
}

static bool
skip_dir(const char *parent, const char *name)
{
	if (name[0] == '.' || strcmp(name, "node_modules") == 0 || strcmp(name, "vendor") == 0)
		return true;
	/* Decision records are not items. */
	return backlog_dir(parent, name, "decisions");
}

/* The repository of folder dir when it holds one of its own (.git, a
 * folder or a file naming one), or NULL. */
static git_repository *
nested_repo(const char *dir)
{
	struct bl_buf p = {0};
	git_repository *git = NULL;
	struct stat st;

	bl_buf_printf(&p, "%s/.git", dir);
	if (lstat(p.s, &st) == 0 &&
	    git_repository_open_ext(&git, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0)
		git = NULL;
	bl_buf_free(&p);
	if (git != NULL && git_repository_is_bare(git)) {
		git_repository_free(git);
		git = NULL;
	}
	return git;
}

unsigned
bl_walk_path_flags(const char *path)
{
	unsigned flags = 0;
	const char *s = path, *slash;
	char prev[8] = "", name[8];

	while ((slash = strchr(s, '/')) != NULL) {
		size_t n = (size_t)(slash - s);

		/* Only short names matter: "backlog", "docs", "doc". */
		memcpy(name, s, n < sizeof(name) ? n : 0);
		name[n < sizeof(name) ? n : 0] = '\0';
		if (n > 0 && backlog_dir(prev, name, "docs"))
			flags |= BL_WALK_DOCS;
		else if (n > 0 && docs_dir(name))
			flags |= BL_WALK_PROSE;
		if (n > 0)
			memcpy(prev, name, sizeof(prev));
		s = slash + 1;
	}
	return prose_file(s) ? flags | BL_WALK_PROSE : flags;
}

static void walk(const struct bl_walker *w, const char *dir, const struct repo *r, int depth,
                 unsigned flags);

/* Walks folder path (name in dir) unless git ignores it. */
static void
walk_dir(const struct bl_walker *w, const char *dir, const char *name, const char *path,
         const struct repo *r, int depth, unsigned flags)
{
	struct repo sub = {NULL, ""};
	struct bl_buf rel = {0};

	if (skip_dir(dir, name) || depth >= 64)
		return;
	if (ignored(r, name, true)) {
		w->c.skipped(w->c.arg, path, "ignored by git");
		return;
	}
	if (backlog_dir(dir, name, "docs") || own_folder(dir, name))
		flags |= BL_WALK_DOCS;
	else if (docs_dir(name))
		flags |= BL_WALK_PROSE;
	sub.git = nested_repo(path);
	if (sub.git == NULL && r->git != NULL) {
		bl_buf_printf(&rel, "%s%s/", r->rel, name);
		sub.git = r->git;
		sub.rel = rel.s;
	}
	walk(w, path, &sub, depth + 1, flags);
	if (sub.git != r->git)
		git_repository_free(sub.git);
	bl_buf_free(&rel);
}

/* Hands on file path (name in a folder), unless git ignores it. */
static void
walk_file(const struct bl_walker *w, const char *name, const char *path, const struct repo *r,
          struct stat *st, unsigned flags)
{
	bool link = S_ISLNK(st->st_mode);

	if (name[0] == '.' || !bl_load_wants(name) || !(S_ISREG(st->st_mode) || link))
		return;
	if (prose_file(name))
		flags |= BL_WALK_PROSE;
	if (ignored(r, name, false))
		w->c.skipped(w->c.arg, path, "ignored by git");
	else if (S_ISREG(st->st_mode))
		w->c.file(w->c.arg, path, flags);
	else if (stat(path, st) != 0)
		/* Dangling, or a loop of links: a backlog file that cannot
		 * be read. */
		w->c.err(w->c.arg, path,
		         errno == ELOOP ? "symbolic link loop" : "dangling symbolic link");
	else if (S_ISREG(st->st_mode))
		w->c.file(w->c.arg, path, flags);
}

static void
walk(const struct bl_walker *w, const char *dir, const struct repo *r, int depth, unsigned flags)
{
	struct dirent **names;
	int n, i;

	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0) {
		w->c.err(w->c.arg, dir, strerror(errno));
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
			if (S_ISDIR(st.st_mode))
				walk_dir(w, dir, name, p.s, r, depth, flags);
			else
				walk_file(w, name, p.s, r, &st, flags);
		}
		bl_buf_free(&p);
		free(names[i]);
	}
	free(names);
}

/* The repository root lies in, and root's path in its work tree: none
 * outside a work tree, or when git ignores root itself (a folder named on
 * the command line is walked as named). */
static void
root_repo(const char *root, struct repo *r, struct bl_buf *rel)
{
	const char *wd;
	char *real;
	size_t n;
	int ign = 0;

	r->git = NULL;
	r->rel = "";
	if (git_repository_open_ext(&r->git, root, 0, NULL) < 0) {
		r->git = NULL;
		return;
	}
	wd = git_repository_workdir(r->git);
	real = realpath(root, NULL);
	if (wd != NULL && real != NULL) {
		bl_buf_printf(rel, "%s/", real);
		n = strlen(wd);
		if (strncmp(rel->s, wd, n) == 0)
			r->rel = rel->s + n;
		else
			wd = NULL; /* in the repository's .git */
	}
	if (real == NULL)
		wd = NULL;
	free(real);
	if (wd != NULL && *r->rel != '\0' &&
	    git_ignore_path_is_ignored(&ign, r->git, r->rel) == 0 && ign == 1)
		wd = NULL;
	if (wd == NULL) {
		git_repository_free(r->git);
		r->git = NULL;
		r->rel = "";
	}
}

bool
bl_walk(struct bl_walker *w, const char *root)
{
	struct stat st;
	struct repo r;
	struct bl_buf rel = {0};

	if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode))
		return false;
	if (!w->git) {
		git_libgit2_init();
		/* backlint reads a repository's ignore rules and runs nothing
		 * it configures: a checkout owned by another user (a CI
		 * container's) is read as git would read its own. */
		git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
		w->git = true;
	}
	root_repo(root, &r, &rel);
	walk(w, root, &r, 0, 0);
	git_repository_free(r.git);
	bl_buf_free(&rel);
	return true;
}
