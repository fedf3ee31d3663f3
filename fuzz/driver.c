/*
 * Runs a fuzz target over files, without libFuzzer: each argument is an
 * input file or a folder of them (not recursive, in name order). Used by
 * the tests to replay the seed corpus and the inputs that once crashed.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util.h"

static int
run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct bl_buf b = {0};
	bool ok;

	if (fp == NULL) {
		perror(path);
		return 1;
	}
	ok = bl_buf_read(&b, fp);
	fclose(fp);
	if (!ok) {
		perror(path);
		bl_buf_free(&b);
		return 1;
	}
	/* pcre2's JIT, stopped at its match limit, reads a few bytes past
	 * the subject (the story target's inputs end where the buffer's
	 * bytes do): those bytes are set, for valgrind. */
	if (b.s != NULL)
		memset(b.s + b.len, 0, b.cap - b.len);
	LLVMFuzzerTestOneInput((const uint8_t *)(b.s ? b.s : ""), b.len);
	bl_buf_free(&b);
	return 0;
}

/* Hidden files (a folder's .keep) are not inputs. */
static int
visible(const struct dirent *de)
{
	return de->d_name[0] != '.';
}

int
main(int argc, char **argv)
{
	int i, k, n, bad = 0;
	size_t runs = 0;

	for (i = 1; i < argc; i++) {
		struct dirent **names;
		struct stat st;

		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			bad = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			bad |= run_file(argv[i]);
			runs++;
			continue;
		}
		if ((n = scandir(argv[i], &names, visible, alphasort)) < 0) {
			perror(argv[i]);
			bad = 1;
			continue;
		}
		for (k = 0; k < n; k++) {
			struct bl_buf path = {0};

			bl_buf_printf(&path, "%s/%s", argv[i], names[k]->d_name);
			bad |= run_file(path.s);
			runs++;
			bl_buf_free(&path);
			free(names[k]);
		}
		free(names);
	}
	bl_fuzz_cleanup();
	printf("%zu inputs run\n", runs);
	return bad;
}
