/* Fuzz target: the item-file loader (front matter and markdown), and the
 * model dump of what it read. */
#include "fuzz.h"
#include "report.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bl_load_opts o = bl_fuzz_opts();
	struct bl_file *f;
	size_t i;

	o.explicit_file = true;
	f = bl_load_buffer("backlog/tasks/task-1 - Fuzz.md", (const char *)data, size, &o);
	for (i = 0; i < f->nitems; i++)
		bl_dump_item(bl_fuzz_null(), f, &f->items[i]);
	bl_file_free(f);
	return 0;
}
