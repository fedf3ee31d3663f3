/* Whole-or-nothing output files (outfile.h). */
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

bool
bl_outfile_open(struct bl_outfile *o, const char *path)
{
	struct bl_buf tmp = {0};
	struct stat st;
	mode_t mode, mask;
	int fd;

	memset(o, 0, sizeof(*o));
	bl_buf_printf(&tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp.s);
	if (fd < 0) {
		bl_buf_free(&tmp);
		return false;
	}
	/* Keep the mode of the file replaced; a new file gets the usual one. */
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		mode = st.st_mode & 07777;
	} else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if (fchmod(fd, mode) != 0 || (o->fp = fdopen(fd, "w")) == NULL) {
		int saved = errno;

		close(fd);
		unlink(tmp.s);
		bl_buf_free(&tmp);
		errno = saved;
		return false;
	}
	o->tmp = tmp.s;
	o->path = bl_xstrdup(path);
	return true;
}

static void
release(struct bl_outfile *o)
{
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

bool
bl_outfile_commit(struct bl_outfile *o)
{
	bool ok = fflush(o->fp) == 0 && fsync(fileno(o->fp)) == 0;
	int saved = errno;

	if (fclose(o->fp) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (ok && rename(o->tmp, o->path) != 0) {
		ok = false;
		saved = errno;
	}
	if (!ok)
		unlink(o->tmp);
	release(o);
	errno = saved;
	return ok;
}

void
bl_outfile_abort(struct bl_outfile *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL)
		unlink(o->tmp);
	release(o);
}
