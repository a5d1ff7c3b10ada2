/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-history"

#include "config.h"

#include "linli-history.h"

#include <glib/gi18n-lib.h>

/* Every edit is kept as the state before and after it.  A site edit holds
 * two snapshots of the site, NULL meaning "no such site", so adding,
 * deleting, moving and editing are one kind of step and undo simply
 * applies the other snapshot.
 */
typedef enum
{
  STEP_SITE,
  STEP_WALK,
  STEP_GROUP,
} StepKind;

typedef struct
{
  StepKind        kind;
  char           *label;
  char           *site_id;
  guint           position;   /* where the site sits in the list */
  LinliSiteState *before;
  LinliSiteState *after;
  double          walk_before[2];
  double          walk_after[2];
  LinliDistance   distance_before;
  LinliDistance   distance_after;
  GPtrArray      *children;   /* STEP_GROUP: the steps, in the order done */
} Step;

struct _LinliHistory
{
  GObject       parent_instance;
  LinliProject *project;
  GPtrArray    *steps;      /* Step */
  guint         done;       /* steps[0..done) are applied */
  int           saved;      /* value of done when last saved, -1 if never reachable */
  Step         *group;      /* being filled between begin_group and end_group */
  guint         group_depth;
};

G_DEFINE_FINAL_TYPE (LinliHistory, linli_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->label);
  g_free (step->site_id);
  linli_site_state_free (step->before);
  linli_site_state_free (step->after);
  g_clear_pointer (&step->children, g_ptr_array_unref);
  g_free (step);
}

static void
notify_all (LinliHistory *self,
            gboolean      was_undo,
            gboolean      was_redo,
            gboolean      was_modified)
{
  if (was_undo != linli_history_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (was_redo != linli_history_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (was_modified != linli_history_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
push (LinliHistory *self,
      Step         *step)
{
  gboolean u = linli_history_get_can_undo (self);
  gboolean r = linli_history_get_can_redo (self);
  gboolean m = linli_history_get_modified (self);

  /* Inside a group, steps collect until the group ends. */
  if (self->group != NULL)
    {
      g_ptr_array_add (self->group->children, step);
      return;
    }

  /* A new edit drops the redo branch; a save point inside it is lost. */
  if (self->saved > (int) self->done)
    self->saved = -1;
  g_ptr_array_set_size (self->steps, self->done);
  g_ptr_array_add (self->steps, step);
  self->done++;
  notify_all (self, u, r, m);
}

static void
apply_site_state (LinliHistory         *self,
                  const char           *id,
                  guint                 position,
                  const LinliSiteState *state)
{
  LinliSite *site = linli_project_find_site (self->project, id, NULL);

  if (state == NULL)
    {
      if (site != NULL)
        linli_project_remove_site (self->project, site);
    }
  else if (site == NULL)
    {
      g_autoptr (LinliSite) created = linli_site_new (state);
      linli_project_insert_site (self->project, position, created);
    }
  else
    {
      linli_site_apply_state (site, state);
    }
}

static void
apply_step (LinliHistory *self,
            Step         *step,
            gboolean      forward)
{
  if (step->kind == STEP_SITE)
    {
      apply_site_state (self, step->site_id, step->position, forward ? step->after : step->before);
    }
  else if (step->kind == STEP_GROUP)
    {
      for (guint k = 0; k < step->children->len; k++)
        apply_step (self, g_ptr_array_index (step->children, forward ? k : step->children->len - 1 - k),
                    forward);
    }
  else
    {
      double *walk = forward ? step->walk_after : step->walk_before;

      linli_project_set_walk_minutes (self->project, walk[0]);
      linli_project_set_walk_speed (self->project, walk[1]);
      linli_project_set_distance (self->project, forward ? step->distance_after : step->distance_before);
    }
}

static Step *
site_step_new (const char           *label,
               const char           *id,
               guint                 position,
               const LinliSiteState *before,
               const LinliSiteState *after)
{
  Step *step = g_new0 (Step, 1);

  step->kind = STEP_SITE;
  step->label = g_strdup (label);
  step->site_id = g_strdup (id);
  step->position = position;
  step->before = before ? linli_site_state_copy (before) : NULL;
  step->after = after ? linli_site_state_copy (after) : NULL;
  return step;
}

/* GObject overrides */

static void
linli_history_finalize (GObject *object)
{
  LinliHistory *self = LINLI_HISTORY (object);

  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->group, step_free);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (linli_history_parent_class)->finalize (object);
}

static void
linli_history_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LinliHistory *self = LINLI_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO: g_value_set_boolean (value, linli_history_get_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, linli_history_get_can_redo (self)); break;
    case PROP_MODIFIED: g_value_set_boolean (value, linli_history_get_modified (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_history_class_init (LinliHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = linli_history_finalize;
  object_class->get_property = linli_history_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
linli_history_init (LinliHistory *self)
{
  self->steps = g_ptr_array_new_with_free_func (step_free);
}

/* Public API */

/**
 * linli_history_new:
 * @project: the project whose edits are recorded
 *
 * Returns: (transfer full): an empty history, with @project counted as saved
 */
LinliHistory *
linli_history_new (LinliProject *project)
{
  LinliHistory *self;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);

  self = g_object_new (LINLI_TYPE_HISTORY, NULL);
  self->project = g_object_ref (project);
  return self;
}

LinliProject *
linli_history_get_project (LinliHistory *self)
{
  g_return_val_if_fail (LINLI_IS_HISTORY (self), NULL);
  return self->project;
}

gboolean
linli_history_get_can_undo (LinliHistory *self)
{
  return self->done > 0;
}

gboolean
linli_history_get_can_redo (LinliHistory *self)
{
  return self->done < self->steps->len;
}

gboolean
linli_history_get_modified (LinliHistory *self)
{
  return self->saved != (int) self->done;
}

const char *
linli_history_get_undo_label (LinliHistory *self)
{
  if (self->done == 0)
    return NULL;
  return ((Step *) g_ptr_array_index (self->steps, self->done - 1))->label;
}

const char *
linli_history_get_redo_label (LinliHistory *self)
{
  if (self->done >= self->steps->len)
    return NULL;
  return ((Step *) g_ptr_array_index (self->steps, self->done))->label;
}

/**
 * linli_history_set_saved:
 *
 * Marks the current state as the one on disk.
 */
void
linli_history_set_saved (LinliHistory *self)
{
  gboolean m = linli_history_get_modified (self);

  self->saved = self->done;
  notify_all (self, linli_history_get_can_undo (self), linli_history_get_can_redo (self), m);
}

gboolean
linli_history_undo (LinliHistory *self)
{
  gboolean u = linli_history_get_can_undo (self);
  gboolean r = linli_history_get_can_redo (self);
  gboolean m = linli_history_get_modified (self);

  if (self->done == 0)
    return FALSE;
  self->done--;
  apply_step (self, g_ptr_array_index (self->steps, self->done), FALSE);
  notify_all (self, u, r, m);
  return TRUE;
}

gboolean
linli_history_redo (LinliHistory *self)
{
  gboolean u = linli_history_get_can_undo (self);
  gboolean r = linli_history_get_can_redo (self);
  gboolean m = linli_history_get_modified (self);

  if (self->done >= self->steps->len)
    return FALSE;
  apply_step (self, g_ptr_array_index (self->steps, self->done), TRUE);
  self->done++;
  notify_all (self, u, r, m);
  return TRUE;
}

/**
 * linli_history_add_site:
 * @state: the new site; a fresh id is given if its id is %NULL
 *
 * Returns: (transfer none): the site added to the project
 */
LinliSite *
linli_history_add_site (LinliHistory         *self,
                        const LinliSiteState *state)
{
  g_autoptr (LinliSiteState) copy = linli_site_state_copy (state);
  guint position = linli_project_get_n_sites (self->project);

  /* Ids are unique: a taken one would make this an edit of another site. */
  if (copy->id == NULL || linli_project_find_site (self->project, copy->id, NULL) != NULL)
    {
      g_free (copy->id);
      copy->id = linli_project_new_site_id (self->project);
    }
  apply_site_state (self, copy->id, position, copy);
  push (self, site_step_new (_("Add Site"), copy->id, position, NULL, copy));
  return linli_project_find_site (self->project, copy->id, NULL);
}

void
linli_history_remove_site (LinliHistory *self,
                           LinliSite    *site)
{
  g_autoptr (LinliSiteState) before = linli_site_dup_state (site);
  guint position = 0;

  linli_project_find_site (self->project, before->id, &position);
  push (self, site_step_new (_("Delete Site"), before->id, position, before, NULL));
  linli_project_remove_site (self->project, site);
}

/**
 * linli_history_edit_site:
 * @label: what the edit is called in the Undo menu
 * @state: the new values; the id is ignored
 *
 * Applies @state to @site and records the change.
 */
void
linli_history_edit_site (LinliHistory         *self,
                         const char           *label,
                         LinliSite            *site,
                         const LinliSiteState *state)
{
  g_autoptr (LinliSiteState) before = linli_site_dup_state (site);

  linli_site_apply_state (site, state);
  linli_history_record_site (self, label, site, before);
}

/**
 * linli_history_record_site:
 * @before: the site's state before an edit already made, such as a drag
 *
 * Records a change to @site made outside the history.  Nothing is recorded
 * if the site is unchanged.
 */
void
linli_history_record_site (LinliHistory         *self,
                           const char           *label,
                           LinliSite            *site,
                           const LinliSiteState *before)
{
  g_autoptr (LinliSiteState) after = linli_site_dup_state (site);
  guint position = 0;

  if (before->lat == after->lat && before->lon == after->lon && before->tier == after->tier &&
      before->status == after->status && before->capacity == after->capacity &&
      before->services == after->services && before->cost == after->cost &&
      before->plan_rule == after->plan_rule &&
      g_strcmp0 (before->name, after->name) == 0 &&
      g_strcmp0 (before->extra_services, after->extra_services) == 0)
    return;
  linli_project_find_site (self->project, after->id, &position);
  push (self, site_step_new (label, after->id, position, before, after));
}

/**
 * linli_history_set_walk:
 *
 * Changes the walking time and speed of the coverage rule, recorded.
 */
void
linli_history_set_walk (LinliHistory *self,
                        double        minutes,
                        double        speed)
{
  Step *step;

  if (minutes == linli_project_get_walk_minutes (self->project) &&
      speed == linli_project_get_walk_speed (self->project))
    return;
  step = g_new0 (Step, 1);
  step->kind = STEP_WALK;
  step->label = g_strdup (_("Change Walking Rule"));
  step->walk_before[0] = linli_project_get_walk_minutes (self->project);
  step->walk_before[1] = linli_project_get_walk_speed (self->project);
  step->walk_after[0] = minutes;
  step->walk_after[1] = speed;
  step->distance_before = step->distance_after = linli_project_get_distance (self->project);
  apply_step (self, step, TRUE);
  push (self, step);
}

/**
 * linli_history_set_distance:
 *
 * Changes how walks are measured (straight line or along streets), recorded.
 */
void
linli_history_set_distance (LinliHistory  *self,
                            LinliDistance  distance)
{
  Step *step;

  if (distance == linli_project_get_distance (self->project))
    return;
  step = g_new0 (Step, 1);
  step->kind = STEP_WALK;
  step->label = g_strdup (_("Change Walking Rule"));
  step->walk_before[0] = step->walk_after[0] = linli_project_get_walk_minutes (self->project);
  step->walk_before[1] = step->walk_after[1] = linli_project_get_walk_speed (self->project);
  step->distance_before = linli_project_get_distance (self->project);
  step->distance_after = distance;
  apply_step (self, step, TRUE);
  push (self, step);
}

/**
 * linli_history_begin_group:
 * @label: what the whole group is called in the Undo menu
 *
 * Starts a group: the edits until linli_history_end_group() undo and redo
 * as one step, as when a planner accepts several proposed sites at once.
 * Groups nest; only the outermost one counts.
 */
void
linli_history_begin_group (LinliHistory *self,
                           const char   *label)
{
  g_return_if_fail (LINLI_IS_HISTORY (self));

  if (self->group_depth++ > 0)
    return;
  self->group = g_new0 (Step, 1);
  self->group->kind = STEP_GROUP;
  self->group->label = g_strdup (label);
  self->group->children = g_ptr_array_new_with_free_func (step_free);
}

/**
 * linli_history_end_group:
 *
 * Ends the group begun last; an empty group leaves no step.
 */
void
linli_history_end_group (LinliHistory *self)
{
  Step *group;

  g_return_if_fail (LINLI_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;
  group = g_steal_pointer (&self->group);
  if (group->children->len == 0)
    step_free (group);
  else
    push (self, group);
}
