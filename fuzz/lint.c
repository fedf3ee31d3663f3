/* Fuzz target: the whole lint of one file, rules and output included. The
 * first byte chooses: bits 0-1 the form (markdown item file, markdown
 * document, YAML, story list), bit 2 whether a YAML backlog is checked as
 * it is read, bit 3 reporting unused directives, bits 4-6 the output
 * format, bit 7 whether it carries the rules' documentation. The rest is
 * the file. For inputs of even length the findings go to sorted runs every
 * few (bl_engine_set_spill), as a file with thousands would. */
#include "engine.h"
#include "fuzz.h"
#include "rules.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {"backlog/tasks/task-1 - Fuzz.md", "docs/backlog.md",
	                                    "backlog.yml", "stories.txt"};
	struct bl_engine *e;
	unsigned mode;

	if (size == 0)
		return 0;
	mode = data[0];
	e = bl_engine_new(&bl_registry);
	bl_engine_report_unused_disables(e, mode & 8);
	if (size % 2 == 0)
		bl_engine_set_spill(e, 1 + size % 7, 1 + size % 5);
	bl_fuzz_lint(e, paths[mode % 4], (const char *)data + 1, size - 1, mode & 4, mode >> 4);
	return 0;
}
