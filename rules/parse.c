/*
 * parse/: what the loader could not read, reported where it stopped.
 */
#include "rules.h"

static void
diags(struct bl_ctx *ctx, const struct bl_file *f, enum bl_diag_kind kind, size_t rule)
{
	size_t i;

	for (i = 0; i < f->ndiags; i++)
		if (f->diags[i].kind == kind)
			bl_report(ctx, rule, f->diags[i].span, "%s", f->diags[i].message);
}

void
bl_check_parse_yaml(struct bl_ctx *ctx, const struct bl_file *f)
{
	diags(ctx, f, BL_DIAG_YAML, BL_R_PARSE_YAML);
}

void
bl_check_parse_front_matter(struct bl_ctx *ctx, const struct bl_file *f)
{
	diags(ctx, f, BL_DIAG_FRONT_MATTER, BL_R_PARSE_FRONT_MATTER);
}

void
bl_check_parse_encoding(struct bl_ctx *ctx, const struct bl_file *f)
{
	diags(ctx, f, BL_DIAG_ENCODING, BL_R_PARSE_ENCODING);
}

void
bl_check_parse_too_large(struct bl_ctx *ctx, const struct bl_file *f)
{
	diags(ctx, f, BL_DIAG_TOO_LARGE, BL_R_PARSE_TOO_LARGE);
}

void
bl_check_parse_too_deep(struct bl_ctx *ctx, const struct bl_file *f)
{
	diags(ctx, f, BL_DIAG_TOO_DEEP, BL_R_PARSE_TOO_DEEP);
}
