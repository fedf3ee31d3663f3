/*
 * --dump-model: what the loader understood, one JSON object per item per
 * line, after one object per persona the file declares. Loader golden
 * tests pin this output. bl_dump_texts() writes all of it, for tests that
 * compare two readings.
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

/* "roles": the roles a role text names: "editor or reviewer" names two. */
static void
roles(struct bl_buf *b, const struct bl_text *r)
{
	size_t i, from = 0;

	bl_buf_puts(b, ",\"roles\":[");
	if (r->s != NULL) {
		/* i >= from: "a or or b" holds two " or " that overlap. */
		for (i = 0; i + 4 <= r->len; i++)
			if (i >= from && bl_strncaseeq(r->s + i, 4, " or ")) {
				bl_buf_json_str(b, r->s + from, i - from);
				bl_buf_putc(b, ',');
				from = i + 4;
			}
		bl_buf_json_str(b, r->s + from, r->len - from);
	}
	bl_buf_putc(b, ']');
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
	roles(&b, &it->role);
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

static void
dump_text(FILE *out, const char *name, const struct bl_text *t)
{
	if (t->s == NULL && t->span.line == 0)
		return;
	fprintf(out, " %s[%u:%u-%u:%u %d %u]=\"%.*s\"", name, t->span.line, t->span.col,
	        t->span.end_line, t->span.end_col, t->exact, t->exact ? t->off : 0, (int)t->len,
	        t->s ? t->s : "");
}

static void
dump_criteria(FILE *out, const char *name, const struct bl_criterion *c, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		fprintf(out, "\n  %s %d %d", name, (int)c[i].kind, c[i].checked);
		dump_text(out, "text", &c[i].text);
		for (k = 0; k < c[i].nsteps; k++) {
			fprintf(out, " step %d", (int)c[i].steps[k].kw);
			dump_text(out, "", &c[i].steps[k].text);
		}
	}
}

void
bl_dump_texts(FILE *out, const struct bl_file *f)
{
	size_t i, k;

	for (i = 0; i < f->nitems; i++) {
		const struct bl_item *it = &f->items[i];

		fprintf(out,
		        "item %u origin %d depth %d type %d%s (%s) template %d %d%d span "
		        "%u:%u-%u:%u",
		        it->index, (int)it->origin, it->depth, (int)it->type,
		        it->type_inferred ? " inferred" : "",
		        it->type_reason ? it->type_reason : "-", it->story_template,
		        it->story_from_section, it->story_parts_given, it->span.line, it->span.col,
		        it->span.end_line, it->span.end_col);
		dump_text(out, "id", &it->id);
		dump_text(out, "title", &it->title);
		dump_text(out, "type", &it->type_text);
		dump_text(out, "status", &it->status);
		dump_text(out, "estimate", &it->estimate);
		dump_text(out, "priority", &it->priority);
		dump_text(out, "parent", &it->parent);
		dump_text(out, "milestone", &it->milestone);
		dump_text(out, "created", &it->created);
		dump_text(out, "updated", &it->updated);
		dump_text(out, "persona", &it->persona);
		dump_text(out, "story", &it->story);
		dump_text(out, "role", &it->role);
		dump_text(out, "means", &it->means);
		dump_text(out, "ends", &it->ends);
		dump_text(out, "description", &it->description);
		dump_text(out, "problem", &it->problem);
		dump_text(out, "success", &it->success);
		dump_criteria(out, "criterion", it->criteria, it->ncriteria);
		dump_criteria(out, "dod", it->dod, it->ndod);
		for (k = 0; k < it->ndepends; k++)
			dump_text(out, "\n  depends", &it->depends[k]);
		for (k = 0; k < it->nlabels; k++)
			dump_text(out, "\n  label", &it->labels[k]);
		for (k = 0; k < it->nsections; k++) {
			fprintf(out, "\n  section %d", (int)it->sections[k].kind);
			dump_text(out, "name", &it->sections[k].name);
			dump_text(out, "body", &it->sections[k].body);
		}
		for (k = 0; k < it->nmeta; k++) {
			fprintf(out, "\n  meta %d", it->meta[k].kind);
			dump_text(out, "key", &it->meta[k].key);
			dump_text(out, "value", &it->meta[k].value);
		}
		fputc('\n', out);
		bl_dump_item(out, f, it);
	}
}
