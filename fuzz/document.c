/* Fuzz target: the backlog-document loader (a markdown file of items
 * under headings, personas sections), and, for inputs of odd length, the
 * personas-only reading of a documents folder. A document is also read
 * in sections (bl_load_opts.md_section, the way a large one is read, its
 * items taken as they come when the first byte is odd): what the loader
 * understands must be the same, or the target aborts. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "report.h"

static void
take(void *arg, struct bl_file *f)
{
	bl_dump_texts((FILE *)arg, f);
}

/* Everything the loader understood of data, in a string (free it). */
static char *
reading(const uint8_t *data, size_t size, size_t section, bool take_items)
{
	struct bl_load_opts o = bl_fuzz_opts();
	struct bl_file *f;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	if (out == NULL)
		abort();
	o.explicit_file = true;
	o.md_section = section;
	if (take_items) {
		o.items_read = take;
		o.arg = out;
	}
	f = bl_load_buffer("docs/backlog.md", (const char *)data, size, &o);
	bl_dump_texts(out, f);
	bl_dump_personas(out, f);
	fprintf(out, "backlog %d, %zu items\n", f->is_backlog, f->nitems + f->ndropped);
	bl_file_free(f);
	fclose(out);
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *whole, *parts;

	if (size % 2 == 1) {
		struct bl_load_opts o = bl_fuzz_opts();
		struct bl_file *f;

		o.explicit_file = true;
		o.personas_only = true;
		f = bl_load_buffer("docs/backlog.md", (const char *)data, size, &o);
		bl_dump_personas(bl_fuzz_null(), f);
		bl_file_free(f);
		return 0;
	}
	/* The whole reading dumps every item (bl_dump_texts ends each with
	 * bl_dump_item) and the personas. */
	whole = reading(data, size, (size_t)1 << 40, false);
	if (size > 0) {
		parts = reading(data, size, 1 + data[0] % 64, data[0] % 2 == 1);
		if (strcmp(whole, parts) != 0) {
			fprintf(stderr,
			        "read in sections of %d bytes, the document reads differently\n",
			        1 + data[0] % 64);
			abort();
		}
		free(parts);
	}
	free(whole);
	return 0;
}
