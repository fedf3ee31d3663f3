/* Fuzz target: the YAML backlog loader, reading the whole file or (inputs
 * of odd length) handing items over as they are read and dropping them;
 * every third input is read as team settings (backlog/config.yml). */
#include "fuzz.h"
#include "report.h"

static void
items_read(void *arg, struct bl_file *f)
{
	size_t i, *n = arg;

	for (i = 0; i < f->nitems; i++)
		bl_dump_item(bl_fuzz_null(), f, &f->items[i]);
	*n += f->nitems;
}

static void
items_undone(void *arg, struct bl_file *f)
{
	(void)f;
	*(size_t *)arg = 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bl_load_opts o = bl_fuzz_opts();
	struct bl_file *f;
	size_t i, n = 0;

	o.explicit_file = true;
	if (size % 2 == 1) {
		o.items_read = items_read;
		o.items_undone = items_undone;
		o.arg = &n;
	}
	f = bl_load_buffer(size % 3 == 0 ? "backlog/config.yml" : "backlog.yml", (const char *)data,
	                   size, &o);
	if (f->ndropped != n)
		__builtin_trap(); /* the loader and its caller disagree */
	for (i = 0; i < f->nitems; i++)
		bl_dump_item(bl_fuzz_null(), f, &f->items[i]);
	bl_file_free(f);
	return 0;
}
