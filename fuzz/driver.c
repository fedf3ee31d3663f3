/*
 * Runs a fuzz target over files, without libFuzzer: each argument is an
 * input file or a folder of them (not recursive). Used by the tests to
 * replay the seed corpus and the inputs that once crashed.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int
run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (fp == NULL) {
		perror(path);
		return 1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap);
			if (buf == NULL)
				abort();
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	fclose(fp);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	int i, bad = 0;
	size_t runs = 0;

	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *de;
		char **names = NULL;
		size_t n = 0, k;

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
		if ((d = opendir(argv[i])) == NULL) {
			perror(argv[i]);
			bad = 1;
			continue;
		}
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			names = realloc(names, (n + 1) * sizeof(*names));
			if (names == NULL)
				abort();
			names[n] = malloc(strlen(argv[i]) + strlen(de->d_name) + 2);
			if (names[n] == NULL)
				abort();
			sprintf(names[n], "%s/%s", argv[i], de->d_name);
			n++;
		}
		closedir(d);
		if (n > 1)
			qsort(names, n, sizeof(*names), cmp_names);
		for (k = 0; k < n; k++) {
			bad |= run_file(names[k]);
			runs++;
			free(names[k]);
		}
		free(names);
	}
	bl_fuzz_cleanup();
	printf("%zu inputs run\n", runs);
	return bad;
}
