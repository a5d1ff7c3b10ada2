/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-history"

#include "config.h"

#include "linli-project-edits.h"

#include <glib/gi18n-lib.h>

/* A site edit holds two snapshots of the site, NULL meaning "no such site",
 * so adding, deleting, moving and editing are one kind of edit and undo
 * simply applies the other snapshot.  A rule edit holds the walking time,
 * speed, measure and each tier's reach before and after.
 */

typedef struct
{
  LinliEdit       parent;
  char           *site_id;
  guint           position;   /* where the site sits in the list */
  LinliSiteState *before;
  LinliSiteState *after;
  gboolean        nudge;      /* one step of a keyboard move: merges with the next */
} SiteEdit;

typedef struct
{
  LinliEdit     parent;
  double        minutes[2];   /* before, after */
  double        speed[2];
  LinliDistance distance[2];
  LinliReach    reach[2][LINLI_SITE_N_TIERS];
} RuleEdit;

typedef struct
{
  LinliEdit parent;
  gboolean  hide[2];          /* before, after */
} HideNamesEdit;

/* Site edits */

static void
apply_site_state (LinliProject         *project,
                  const char           *id,
                  guint                 position,
                  const LinliSiteState *state)
{
  LinliSite *site = linli_project_find_site (project, id, NULL);

  if (state == NULL)
    {
      if (site != NULL)
        linli_project_remove_site (project, site);
    }
  else if (site == NULL)
    {
      g_autoptr (LinliSite) created = linli_site_new (state);
      linli_project_insert_site (project, position, created);
    }
  else
    {
      linli_site_apply_state (site, state);
    }
}

static void
site_apply (LinliEdit    *edit,
            LinliProject *project)
{
  SiteEdit *self = (SiteEdit *) edit;

  apply_site_state (project, self->site_id, self->position, self->after);
}

static void
site_revert (LinliEdit    *edit,
             LinliProject *project)
{
  SiteEdit *self = (SiteEdit *) edit;

  apply_site_state (project, self->site_id, self->position, self->before);
}

static gboolean
site_merge (LinliEdit       *edit,
            const LinliEdit *next)
{
  SiteEdit *self = (SiteEdit *) edit;
  const SiteEdit *other = (const SiteEdit *) next;

  if (!self->nudge || !other->nudge || g_strcmp0 (self->site_id, other->site_id) != 0 ||
      self->after == NULL || other->after == NULL)
    return FALSE;
  linli_site_state_free (self->after);
  self->after = linli_site_state_copy (other->after);
  return TRUE;
}

static void
site_free (LinliEdit *edit)
{
  SiteEdit *self = (SiteEdit *) edit;

  g_free (self->site_id);
  linli_site_state_free (self->before);
  linli_site_state_free (self->after);
}

static const LinliEditClass site_edit_class = {
  .name = "site",
  .size = sizeof (SiteEdit),
  .apply = site_apply,
  .revert = site_revert,
  .merge = site_merge,
  .free = site_free,
};

static SiteEdit *
site_edit_new (const char           *label,
               const char           *id,
               guint                 position,
               const LinliSiteState *before,
               const LinliSiteState *after)
{
  SiteEdit *edit = linli_edit_new (&site_edit_class, label);

  edit->site_id = g_strdup (id);
  edit->position = position;
  edit->before = before ? linli_site_state_copy (before) : NULL;
  edit->after = after ? linli_site_state_copy (after) : NULL;
  return edit;
}

/* Rule edits */

static void
rule_set (LinliProject  *project,
          const RuleEdit *self,
          guint          which)
{
  linli_project_set_walk_minutes (project, self->minutes[which]);
  linli_project_set_walk_speed (project, self->speed[which]);
  linli_project_set_distance (project, self->distance[which]);
  /* Tiers changed together are one change for what follows the project. */
  linli_project_freeze_changed (project);
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    linli_project_set_tier_reach (project, t, &self->reach[which][t]);
  linli_project_thaw_changed (project);
}

static void
rule_apply (LinliEdit    *edit,
            LinliProject *project)
{
  rule_set (project, (RuleEdit *) edit, 1);
}

static void
rule_revert (LinliEdit    *edit,
             LinliProject *project)
{
  rule_set (project, (RuleEdit *) edit, 0);
}

static const LinliEditClass rule_edit_class = {
  .name = "walking-rule",
  .size = sizeof (RuleEdit),
  .apply = rule_apply,
  .revert = rule_revert,
};

static RuleEdit *
rule_edit_new (LinliProject *project)
{
  RuleEdit *edit = linli_edit_new (&rule_edit_class, _("Change Walking Rule"));

  edit->minutes[0] = edit->minutes[1] = linli_project_get_walk_minutes (project);
  edit->speed[0] = edit->speed[1] = linli_project_get_walk_speed (project);
  edit->distance[0] = edit->distance[1] = linli_project_get_distance (project);
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    {
      linli_project_get_tier_reach (project, t, &edit->reach[0][t]);
      edit->reach[1][t] = edit->reach[0][t];
    }
  return edit;
}

/* Hide-names edits */

static void
hide_names_apply (LinliEdit    *edit,
                  LinliProject *project)
{
  linli_project_set_hide_names (project, ((HideNamesEdit *) edit)->hide[1]);
}

static void
hide_names_revert (LinliEdit    *edit,
                   LinliProject *project)
{
  linli_project_set_hide_names (project, ((HideNamesEdit *) edit)->hide[0]);
}

static const LinliEditClass hide_names_edit_class = {
  .name = "hide-names",
  .size = sizeof (HideNamesEdit),
  .apply = hide_names_apply,
  .revert = hide_names_revert,
};

/* Public API */

/**
 * linli_project_edits_add_site:
 * @state: the new site; a fresh id is given if its id is %NULL or taken
 *
 * Returns: (transfer none): the site added to the project
 */
LinliSite *
linli_project_edits_add_site (LinliHistory         *history,
                              const LinliSiteState *state)
{
  LinliProject *project = linli_history_get_project (history);
  g_autoptr (LinliSiteState) copy = linli_site_state_copy (state);
  guint position = linli_project_get_n_sites (project);

  /* Ids are unique: a taken one would make this an edit of another site. */
  if (copy->id == NULL || linli_project_find_site (project, copy->id, NULL) != NULL)
    {
      g_free (copy->id);
      copy->id = linli_project_new_site_id (project);
    }
  linli_history_push (history, (LinliEdit *) site_edit_new (_("Add Site"), copy->id, position, NULL, copy),
                      TRUE);
  return linli_project_find_site (project, copy->id, NULL);
}

void
linli_project_edits_remove_site (LinliHistory *history,
                                 LinliSite    *site)
{
  LinliProject *project = linli_history_get_project (history);
  g_autoptr (LinliSiteState) before = linli_site_dup_state (site);
  guint position = 0;

  linli_project_find_site (project, before->id, &position);
  linli_history_push (history, (LinliEdit *) site_edit_new (_("Delete Site"), before->id, position, before, NULL),
                      TRUE);
}

/**
 * linli_project_edits_change_site:
 * @label: what the edit is called in the Undo menu
 * @state: the new values; the id is ignored
 *
 * Applies @state to @site and records the change; nothing is recorded if
 * the site stays the same.
 */
void
linli_project_edits_change_site (LinliHistory         *history,
                                 const char           *label,
                                 LinliSite            *site,
                                 const LinliSiteState *state)
{
  g_autoptr (LinliSiteState) before = linli_site_dup_state (site);

  linli_site_apply_state (site, state);
  linli_project_edits_record_site (history, label, site, before);
}

/**
 * linli_project_edits_nudge_site:
 * @state: the new values, as for linli_project_edits_change_site()
 *
 * A step of a keyboard move: consecutive nudges of one site undo as one
 * "Move Site".
 */
void
linli_project_edits_nudge_site (LinliHistory         *history,
                                LinliSite            *site,
                                const LinliSiteState *state)
{
  LinliProject *project = linli_history_get_project (history);
  g_autoptr (LinliSiteState) before = linli_site_dup_state (site);
  g_autoptr (LinliSiteState) after = NULL;
  SiteEdit *edit;
  guint position = 0;

  linli_site_apply_state (site, state);
  after = linli_site_dup_state (site);
  if (linli_site_state_equal (before, after))
    return;
  linli_project_find_site (project, after->id, &position);
  edit = site_edit_new (_("Move Site"), after->id, position, before, after);
  edit->nudge = TRUE;
  linli_history_push (history, (LinliEdit *) edit, FALSE);
}

/**
 * linli_project_edits_record_site:
 * @before: the site's state before an edit already made, such as a drag
 *
 * Records a change to @site made outside the history.  Nothing is recorded
 * if the site is unchanged.
 */
void
linli_project_edits_record_site (LinliHistory         *history,
                                 const char           *label,
                                 LinliSite            *site,
                                 const LinliSiteState *before)
{
  LinliProject *project = linli_history_get_project (history);
  g_autoptr (LinliSiteState) after = linli_site_dup_state (site);
  guint position = 0;

  if (linli_site_state_equal (before, after))
    return;
  linli_project_find_site (project, after->id, &position);
  linli_history_push (history, (LinliEdit *) site_edit_new (label, after->id, position, before, after), FALSE);
}

/**
 * linli_project_edits_set_walk:
 *
 * Changes the walking time and speed of the coverage rule, recorded.
 */
void
linli_project_edits_set_walk (LinliHistory *history,
                              double        minutes,
                              double        speed)
{
  LinliProject *project = linli_history_get_project (history);
  RuleEdit *edit;

  if (minutes == linli_project_get_walk_minutes (project) && speed == linli_project_get_walk_speed (project))
    return;
  edit = rule_edit_new (project);
  edit->minutes[1] = minutes;
  edit->speed[1] = speed;
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}

/**
 * linli_project_edits_set_distance:
 *
 * Changes how walks are measured (straight line or along streets), recorded.
 */
void
linli_project_edits_set_distance (LinliHistory  *history,
                                  LinliDistance  distance)
{
  LinliProject *project = linli_history_get_project (history);
  RuleEdit *edit;

  if (distance == linli_project_get_distance (project))
    return;
  edit = rule_edit_new (project);
  edit->distance[1] = distance;
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}

/**
 * linli_project_edits_set_reaches:
 * @reaches: (array fixed-size=4): the rule of each #LinliSiteTier
 *
 * Changes how far each tier's sites reach, recorded as one edit whatever
 * the number of tiers changed.
 */
void
linli_project_edits_set_reaches (LinliHistory     *history,
                                 const LinliReach *reaches)
{
  LinliProject *project = linli_history_get_project (history);
  gboolean changed = FALSE;
  RuleEdit *edit;

  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    {
      LinliReach now;

      g_return_if_fail (linli_reach_is_valid (&reaches[t]));
      linli_project_get_tier_reach (project, t, &now);
      changed |= !linli_reach_equal (&now, &reaches[t]);
    }
  if (!changed)
    return;
  edit = rule_edit_new (project);
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    edit->reach[1][t] = reaches[t];
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}

/**
 * linli_project_edits_set_tier_reach:
 *
 * Changes how far the sites of @tier reach, recorded.
 */
void
linli_project_edits_set_tier_reach (LinliHistory     *history,
                                    LinliSiteTier     tier,
                                    const LinliReach *reach)
{
  LinliProject *project = linli_history_get_project (history);
  LinliReach reaches[LINLI_SITE_N_TIERS];

  g_return_if_fail (tier < LINLI_SITE_N_TIERS);
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    linli_project_get_tier_reach (project, t, &reaches[t]);
  reaches[tier] = *reach;
  linli_project_edits_set_reaches (history, reaches);
}

/**
 * linli_project_edits_set_hide_names:
 * @hide: whether people's names are hidden in every view and export
 *
 * Turns the project-wide switch that hides people's names, recorded: it is
 * saved in the file, so turning it is a change to save (and to undo).
 */
void
linli_project_edits_set_hide_names (LinliHistory *history,
                                    gboolean      hide)
{
  LinliProject *project = linli_history_get_project (history);
  HideNamesEdit *edit;

  hide = !!hide;
  if (hide == linli_project_get_hide_names (project))
    return;
  edit = linli_edit_new (&hide_names_edit_class, hide ? _("Hide Names") : _("Show Names"));
  edit->hide[0] = !hide;
  edit->hide[1] = hide;
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}
