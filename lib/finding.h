/*
 * A finding, and its severity: what the engine makes, the findings log
 * (lib/flog.h) keeps and the reports show. Apart from the engine so that
 * the log needs nothing of it.
 */
#ifndef BL_FINDING_H
#define BL_FINDING_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum bl_severity { BL_SEV_OFF = 0, BL_SEV_INFO, BL_SEV_WARNING, BL_SEV_ERROR };

const char *bl_severity_name(enum bl_severity s);
/* Parses "error", "warning", "info", "off"; -1 if unknown. */
int bl_severity_parse(const char *s);

struct bl_finding {
	size_t rule; /* index in the registry */
	enum bl_severity severity;
	char *message;
	const char *path;  /* interned per file */
	size_t file_index; /* order of the file in the run */
	struct bl_span span;
	char *item_id;     /* NULL for file-level findings */
	char *line;        /* part of the source line at span.line */
	uint32_t line_off; /* byte offset of that part in the line */
	/* A span that ends on a later line: its end_col + 1 counted in
	 * characters of that line (0: not known, read it as bytes). */
	uint32_t end_chars;
};

/* A copy of fd that owns its strings (the engine's next finding lives only
 * until the next call); freed by bl_finding_free. */
void bl_finding_copy(struct bl_finding *c, const struct bl_finding *fd);
void bl_finding_free(struct bl_finding *fd);

#endif
