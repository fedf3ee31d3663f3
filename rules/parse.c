/*
 * parse/: what the loader could not read, reported where it stopped.
 */
#include "common.h"
#include "rules.h"

#include <string.h>

void
bl_check_parse_yaml(struct bl_ctx *ctx, const struct bl_file *f)
{
	bl_report_diags(ctx, f, BL_DIAG_YAML, BL_R_PARSE_YAML);
}

void
bl_check_parse_front_matter(struct bl_ctx *ctx, const struct bl_file *f)
{
	bl_report_diags(ctx, f, BL_DIAG_FRONT_MATTER, BL_R_PARSE_FRONT_MATTER);
}

void
bl_check_parse_unquoted_value(struct bl_ctx *ctx, const struct bl_file *f)
{
	bl_report_diags(ctx, f, BL_DIAG_UNQUOTED, BL_R_PARSE_UNQUOTED_VALUE);
}

void
bl_check_parse_encoding(struct bl_ctx *ctx, const struct bl_file *f)
{
	bl_report_diags(ctx, f, BL_DIAG_ENCODING, BL_R_PARSE_ENCODING);
}

void
bl_check_parse_too_large(struct bl_ctx *ctx, const struct bl_file *f)
{
	bl_report_diags(ctx, f, BL_DIAG_TOO_LARGE, BL_R_PARSE_TOO_LARGE);
}

void
bl_check_parse_too_deep(struct bl_ctx *ctx, const struct bl_file *f)
{
	bl_report_diags(ctx, f, BL_DIAG_TOO_DEEP, BL_R_PARSE_TOO_DEEP);
}

/* Whether path is Backlog.md's settings file, backlog/config.yml. */
static bool
backlog_settings(const char *path)
{
	size_t n = strlen(path);
	static const char tail[] = "backlog/config.yml";

	return n >= sizeof(tail) - 1 && strcmp(path + n - (sizeof(tail) - 1), tail) == 0 &&
	       (n == sizeof(tail) - 1 || path[n - sizeof(tail)] == '/');
}

void
bl_check_parse_no_items(struct bl_ctx *ctx, const struct bl_file *f)
{
	/* A file that could not be read says so through the rules above; one
	 * that declares personas, or Backlog.md's settings (in a folder of any
	 * name), is a team file. */
	if (f->nitems + f->ndropped > 0 || f->ndiags > 0 || f->npersonas > 0 || f->is_team_config ||
	    backlog_settings(f->path))
		return;
	bl_report(ctx, BL_R_PARSE_NO_ITEMS, bl_file_span(f, 0, 0),
	          "no backlog item found, so nothing here was checked: backlint reads markdown "
	          "items (front matter, or headings with a story, criteria or metadata), YAML "
	          "lists of items and files of one user story a line");
}
