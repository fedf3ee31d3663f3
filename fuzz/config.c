/* Fuzz target: the configuration loader (.backlint.yml). A configuration
 * that loads is applied to an engine (severities, options, word lists,
 * custom pattern rules) which then lints a small backlog. */
#include <string.h>

#include "config.h"
#include "engine.h"
#include "fuzz.h"
#include "rules.h"

static const char backlog[] = "stories:\n"
                              "  - id: US-1\n"
                              "    title: Renew a loan\n"
                              "    story: As a member, I want to renew a loan online, so that I "
                              "keep the book longer.\n"
                              "    status: in progress\n"
                              "    estimate: 3\n"
                              "    acceptance_criteria:\n"
                              "      - A loan with no holds can be renewed once\n"
                              "  - id: US-2\n"
                              "    title: TBD\n"
                              "    story: As a user, I want the system to use Redis\n"
                              "    depends_on: [US-1, US-9]\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bl_engine *e = bl_engine_new(&bl_registry);
	struct bl_config *c;
	char err[512];

	c = bl_config_parse("repo/.backlint.yml", (const char *)data, size, e, err, sizeof(err));
	if (c == NULL) {
		if (err[0] == '\0')
			__builtin_trap(); /* an error says what it is */
		bl_engine_free(e);
		return 0;
	}
	bl_config_add_custom(c, e);
	bl_config_apply(c, e);
	bl_config_print(c, e, bl_fuzz_null());
	bl_config_skips(c, "repo/backlog/a.yml");
	bl_fuzz_lint(e, "repo/backlog/a.yml", backlog, sizeof(backlog) - 1, size % 2 == 1,
	             (unsigned)size);
	bl_config_free(c);
	return 0;
}
