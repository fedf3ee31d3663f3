/*
 * --dump-model: what the loader understood, one JSON object per item per
 * line, after one object per persona the file declares. Loader golden
 * tests pin this output.
 */
#include "report.h"

#include <string.h>

static void
str(struct bl_buf *b, const char *key, const struct bl_text *t)
{
	bl_buf_printf(b, ",\"%s\":", key);
	if (t->s == NULL)
		bl_buf_puts(b, "null");
	else
		bl_buf_json_str(b, t->s, t->len);
}

static void
span_of(struct bl_buf *b, const struct bl_text *t)
{
	bl_buf_printf(b, "[%u,%u,%u,%u]", t->span.line, t->span.col, t->span.end_line,
	              t->span.end_col);
}

static void
span(struct bl_buf *b, const char *key, const struct bl_text *t)
{
	bl_buf_printf(b, ",\"%s\":", key);
	if (t->s == NULL)
		bl_buf_puts(b, "null");
	else
		span_of(b, t);
}

void
bl_dump_personas(FILE *out, const struct bl_file *f)
{
	struct bl_buf buf = {0}, *b = &buf;
	size_t i, j;

	for (i = 0; i < f->npersonas; i++) {
		const struct bl_persona *p = &f->personas[i];

		bl_buf_puts(b, "{\"file\":");
		bl_buf_json_str(b, f->path, strlen(f->path));
		bl_buf_printf(b, ",\"line\":%u,\"form\":\"persona\"", p->name.span.line);
		str(b, "name", &p->name);
		bl_buf_puts(b, ",\"aliases\":[");
		for (j = 0; j < p->naliases; j++) {
			if (j)
				bl_buf_putc(b, ',');
			bl_buf_json_str(b, p->aliases[j].s, p->aliases[j].len);
		}
		bl_buf_putc(b, ']');
		str(b, "description", &p->description);
		span(b, "name_span", &p->name);
		bl_buf_puts(b, ",\"alias_spans\":[");
		for (j = 0; j < p->naliases; j++) {
			if (j)
				bl_buf_putc(b, ',');
			span_of(b, &p->aliases[j]);
		}
		bl_buf_puts(b, "]}\n");
	}
	if (buf.s != NULL)
		fputs(buf.s, out);
	bl_buf_free(&buf);
}

void
bl_dump_item(FILE *out, const struct bl_file *f, const struct bl_item *it)
{
	static const char *const origins[] = {"item-file", "document", "yaml", "list"};
	struct bl_buf b = {0};
	size_t i, checked = 0;

	bl_buf_puts(&b, "{\"file\":");
	bl_buf_json_str(&b, f->path, strlen(f->path));
	bl_buf_printf(&b, ",\"line\":%u,\"form\":\"%s\"", it->span.line, origins[it->origin]);
	str(&b, "id", &it->id);
	str(&b, "title", &it->title);
	bl_buf_printf(&b, ",\"type\":\"%s\",\"type_inferred\":%s,\"type_source\":\"%s\"",
	              bl_type_name(it->type), it->type_inferred ? "true" : "false",
	              it->type_reason ? it->type_reason : "declared");
	str(&b, "status", &it->status);
	str(&b, "persona", &it->persona);
	str(&b, "role", &it->role);
	str(&b, "means", &it->means);
	str(&b, "ends", &it->ends);
	for (i = 0; i < it->ncriteria; i++)
		checked += it->criteria[i].checked == 1;
	bl_buf_printf(&b,
	              ",\"criteria\":%zu,\"criteria_checked\":%zu,\"scenarios\":", it->ncriteria,
	              checked);
	for (checked = 0, i = 0; i < it->ncriteria; i++)
		checked += it->criteria[i].kind != BL_CRIT_ITEM;
	bl_buf_printf(&b, "%zu,\"dod\":%zu", checked, it->ndod);
	str(&b, "estimate", &it->estimate);
	str(&b, "priority", &it->priority);
	bl_buf_puts(&b, ",\"depends_on\":[");
	for (i = 0; i < it->ndepends; i++) {
		if (i)
			bl_buf_putc(&b, ',');
		bl_buf_json_str(&b, it->depends[i].s, it->depends[i].len);
	}
	bl_buf_putc(&b, ']');
	str(&b, "parent", &it->parent);
	bl_buf_puts(&b, ",\"sections\":[");
	for (i = 0; i < it->nsections; i++) {
		if (i)
			bl_buf_putc(&b, ',');
		bl_buf_printf(&b, "\"%s\"", bl_section_name(it->sections[i].kind));
	}
	bl_buf_putc(&b, ']');
	span(&b, "story_span", &it->story);
	span(&b, "role_span", &it->role);
	span(&b, "means_span", &it->means);
	span(&b, "ends_span", &it->ends);
	bl_buf_puts(&b, "}\n");
	fputs(b.s, out);
	bl_buf_free(&b);
}
