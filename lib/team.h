/*
 * Team settings that apply to a backlog file: for now Backlog.md's
 * backlog/config.yml (its statuses and definition of done), found by
 * walking up from the file's folder and read once per folder.
 */
#ifndef BL_TEAM_H
#define BL_TEAM_H

#include "load.h"
#include "model.h"

struct bl_teams;

/* A cache of team settings; opts loads the settings files. */
struct bl_teams *bl_teams_new(const struct bl_load_opts *opts);
void bl_teams_free(struct bl_teams *t);
/* The settings for the file at path, or NULL when there are none. The
 * result lives as long as t. */
const struct bl_team *bl_teams_for(struct bl_teams *t, const char *path);

#endif
