/* Fuzz target: the backlog-document loader (a markdown file of items
 * under headings, personas sections), and, for inputs of odd length, the
 * personas-only reading of a documents folder. */
#include "fuzz.h"
#include "report.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bl_load_opts o = bl_fuzz_opts();
	struct bl_file *f;
	size_t i;

	o.explicit_file = true;
	o.personas_only = size % 2 == 1;
	f = bl_load_buffer("docs/backlog.md", (const char *)data, size, &o);
	for (i = 0; i < f->nitems; i++)
		bl_dump_item(bl_fuzz_null(), f, &f->items[i]);
	bl_dump_personas(bl_fuzz_null(), f);
	bl_file_free(f);
	return 0;
}
