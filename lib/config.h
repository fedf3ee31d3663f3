/*
 * Configuration: .backlint.yml, read with libyaml and checked key by key.
 * A configuration sets rule severities and options, word lists, personas,
 * the team's statuses, definitions of done and ready, estimation, include
 * and exclude globs, whether done work is reported, and overrides by path glob; it may extend another
 * file. Errors name the file, line and column, with the likely key for a
 * misspelling.
 */
#ifndef BL_CONFIG_H
#define BL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "engine.h"
#include "load.h"
#include "model.h"

#define BL_CONFIG_NAME ".backlint.yml"

/* One "rule: setting" entry: a severity and/or options. */
struct bl_rule_setting {
	size_t rule;    /* index in the registry */
	int severity;   /* enum bl_severity, or -1 when not set */
	unsigned types; /* BL_TYPE_BIT()s the rule checks, or 0 when not set */
	struct bl_text *opt_names, *opt_values;
	size_t nopts;
};

struct bl_override {
	const char **globs;
	size_t nglobs;
	struct bl_rule_setting *rules;
	size_t nrules;
};

struct bl_words_change {
	size_t list; /* index in the registry's word lists */
	const char **add, **remove;
	size_t nadd, nremove;
};

/* A team rule: a pcre2 pattern searched in chosen fields of each item. */
struct bl_custom {
	const char *id; /* "team/no-jira-links" */
	struct bl_pattern *pattern;
	const char *source; /* the pattern as written */
	unsigned fields;    /* BL_CF_* bits */
	const char *message, *suggestion;
	int severity;
	struct bl_rule rule; /* its descriptor, registered with the engine */
};

#define BL_CF_TITLE 1u
#define BL_CF_STORY 2u
#define BL_CF_DESCRIPTION 4u
#define BL_CF_PROBLEM 8u
#define BL_CF_SUCCESS 16u
#define BL_CF_CRITERIA 32u
#define BL_CF_DOD 64u
#define BL_CF_ALL 127u

struct bl_config {
	struct bl_file *src;      /* the YAML text; owns every string below */
	const char *dir;          /* folder of the file: globs are relative to it */
	struct bl_config *parent; /* what it extends */
	const char **include, **exclude;
	size_t ninclude, nexclude;
	struct bl_rule_setting *rules;
	size_t nrules;
	struct bl_override *overrides;
	size_t noverrides;
	struct bl_words_change *words;
	size_t nwords;
	struct bl_team team; /* statuses, definition of done */
	const char **dor;    /* definition of ready */
	size_t ndor;
	const char **status_cat; /* category of each team status, or NULL */
	const char *scale, *max; /* estimation */
	struct bl_persona *personas;
	size_t npersonas;
	struct bl_section_alias *sections; /* the team's heading names */
	size_t nsections;
	struct bl_custom *custom;
	size_t ncustom;
	int include_done; /* 1 or 0: report on done work too; -1 when not set */
};

/*
 * Reads the configuration at path against the engine's registry. On error
 * returns NULL and writes "path:line:col: error: ..." to err.
 */
struct bl_config *bl_config_load(const char *path, const struct bl_engine *e, char *err,
                                 size_t errlen);
/* The same over data[0, len), as if read from path. */
struct bl_config *bl_config_parse(const char *path, const char *data, size_t len,
                                  const struct bl_engine *e, char *err, size_t errlen);
void bl_config_free(struct bl_config *c);

/* The nearest .backlint.yml at or above the folder of path (a file or a
 * folder), as a new string, or NULL. */
char *bl_config_find(const char *path);

/* Applies what is global to a run: rule options, word lists, estimation,
 * status categories and include_done. Severities are per file:
 * bl_config_severity. */
void bl_config_apply(const struct bl_config *c, struct bl_engine *e);

/*
 * The severity rule has in file path under c: the default, then each
 * configuration it extends, then c, then c's overrides whose globs match
 * path (relative to c's folder).
 */
enum bl_severity bl_config_severity(const struct bl_config *c, const struct bl_engine *e,
                                    size_t rule, const char *path);

/*
 * Which overrides of c and the configurations it extends match path, one
 * bit each in order (the extended first): files with the same bits have
 * the same severities under c. False when there are more than 64.
 */
bool bl_config_overrides_of(const struct bl_config *c, const char *path, uint64_t *bits);

/* Whether path (relative to c's folder) is excluded, or not included
 * when c has include globs. */
bool bl_config_skips(const struct bl_config *c, const char *path);

/* The heading names c declares (its own, else inherited); *n gets
 * their number. */
const struct bl_section_alias *bl_config_sections(const struct bl_config *c, size_t *n);

/* The team settings c declares (its own or inherited), or NULL. */
const struct bl_team *bl_config_team(const struct bl_config *c);

/* Writes the merged configuration as YAML. */
void bl_config_print(const struct bl_config *c, const struct bl_engine *e, FILE *out);

/* Registers c's custom rules (and those it extends) with the engine. */
void bl_config_add_custom(struct bl_config *c, struct bl_engine *e);

/* The commented starter file `backlint init` writes. */
extern const char bl_config_starter[];
/* backlint init: writes bl_config_starter to BL_CONFIG_NAME here (over an
 * existing one only with force); returns the exit status. */
int bl_config_init(bool force);

#endif
