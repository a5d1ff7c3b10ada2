/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-history"

#include "config.h"

#include "linli-history.h"

#include <glib/gi18n-lib.h>

/* The history knows nothing of what an edit changes: each edit is a
 * #LinliEdit with its own class (apply, revert, merge, free), so every part
 * of the model adds its own kinds of edit.  A group is itself an edit that
 * applies its children in order and reverts them in reverse.
 */

struct _LinliHistory
{
  GObject       parent_instance;
  LinliProject *project;
  GPtrArray    *steps;      /* LinliEdit */
  guint         done;       /* steps[0..done) are applied */
  int           saved;      /* value of done when last saved, -1 if never reachable */
  LinliEdit    *group;      /* being filled between begin_group and end_group */
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

/* Groups */

typedef struct
{
  LinliEdit  parent;
  GPtrArray *children;   /* LinliEdit, in the order done */
} GroupEdit;

static void
group_apply (LinliEdit    *edit,
             LinliProject *project)
{
  GroupEdit *group = (GroupEdit *) edit;

  for (guint k = 0; k < group->children->len; k++)
    linli_edit_apply (g_ptr_array_index (group->children, k), project);
}

static void
group_revert (LinliEdit    *edit,
              LinliProject *project)
{
  GroupEdit *group = (GroupEdit *) edit;

  for (guint k = group->children->len; k > 0; k--)
    linli_edit_revert (g_ptr_array_index (group->children, k - 1), project);
}

static void
group_free (LinliEdit *edit)
{
  GroupEdit *group = (GroupEdit *) edit;

  g_ptr_array_unref (group->children);
}

static const LinliEditClass group_class = {
  .name = "group",
  .size = sizeof (GroupEdit),
  .apply = group_apply,
  .revert = group_revert,
  .free = group_free,
};

/* Auxiliary methods */

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

/* GObject overrides */

static void
linli_history_finalize (GObject *object)
{
  LinliHistory *self = LINLI_HISTORY (object);

  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->group, linli_edit_free);
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
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) linli_edit_free);
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
  return ((LinliEdit *) g_ptr_array_index (self->steps, self->done - 1))->label;
}

const char *
linli_history_get_redo_label (LinliHistory *self)
{
  if (self->done >= self->steps->len)
    return NULL;
  return ((LinliEdit *) g_ptr_array_index (self->steps, self->done))->label;
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
  linli_edit_revert (g_ptr_array_index (self->steps, self->done), self->project);
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
  linli_edit_apply (g_ptr_array_index (self->steps, self->done), self->project);
  self->done++;
  notify_all (self, u, r, m);
  return TRUE;
}

/**
 * linli_history_push:
 * @edit: (transfer full): an edit made with linli_edit_new()
 * @apply: whether to apply it now; %FALSE when the change is already made
 *   (as after a drag)
 *
 * Records @edit as the next step, dropping whatever could be redone.  Inside
 * a group it joins the group.  When the step before can take it (its class
 * merges, nothing was saved or undone in between), the two become one step.
 */
void
linli_history_push (LinliHistory *self,
                    LinliEdit    *edit,
                    gboolean      apply)
{
  gboolean u, r, m;

  g_return_if_fail (LINLI_IS_HISTORY (self));
  g_return_if_fail (edit != NULL && edit->klass != NULL);

  if (apply)
    linli_edit_apply (edit, self->project);

  /* Inside a group, steps collect until the group ends. */
  if (self->group != NULL)
    {
      g_ptr_array_add (((GroupEdit *) self->group)->children, edit);
      return;
    }

  u = linli_history_get_can_undo (self);
  r = linli_history_get_can_redo (self);
  m = linli_history_get_modified (self);
  if (self->done > 0 && self->done == self->steps->len && self->saved != (int) self->done)
    {
      LinliEdit *last = g_ptr_array_index (self->steps, self->done - 1);

      if (last->klass == edit->klass && last->klass->merge != NULL && last->klass->merge (last, edit))
        {
          linli_edit_free (edit);
          notify_all (self, u, r, m);
          return;
        }
    }

  /* A new edit drops the redo branch; a save point inside it is lost. */
  if (self->saved > (int) self->done)
    self->saved = -1;
  g_ptr_array_set_size (self->steps, self->done);
  g_ptr_array_add (self->steps, edit);
  self->done++;
  notify_all (self, u, r, m);
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
  GroupEdit *group;

  g_return_if_fail (LINLI_IS_HISTORY (self));

  if (self->group_depth++ > 0)
    return;
  group = linli_edit_new (&group_class, label);
  group->children = g_ptr_array_new_with_free_func ((GDestroyNotify) linli_edit_free);
  self->group = &group->parent;
}

/**
 * linli_history_end_group:
 *
 * Ends the group begun last; an empty group leaves no step.
 */
void
linli_history_end_group (LinliHistory *self)
{
  LinliEdit *group;

  g_return_if_fail (LINLI_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;
  group = g_steal_pointer (&self->group);
  if (((GroupEdit *) group)->children->len == 0)
    linli_edit_free (group);
  else
    linli_history_push (self, group, FALSE);
}

/* Edits */

/**
 * linli_edit_new:
 * @klass: what kind of edit; static, it outlives the edit
 * @label: what the edit is called in the Undo menu
 *
 * Allocates an edit of @klass->size bytes, zeroed but for the #LinliEdit
 * at its start.  The caller fills in its own fields.
 *
 * Returns: (transfer full): the edit, to be given to linli_history_push()
 */
gpointer
linli_edit_new (const LinliEditClass *klass,
                const char           *label)
{
  LinliEdit *edit;

  g_return_val_if_fail (klass != NULL && klass->size >= sizeof (LinliEdit), NULL);
  g_return_val_if_fail (klass->apply != NULL && klass->revert != NULL, NULL);

  edit = g_malloc0 (klass->size);
  edit->klass = klass;
  edit->label = g_strdup (label);
  return edit;
}

void
linli_edit_apply (LinliEdit    *edit,
                  LinliProject *project)
{
  edit->klass->apply (edit, project);
}

void
linli_edit_revert (LinliEdit    *edit,
                   LinliProject *project)
{
  edit->klass->revert (edit, project);
}

void
linli_edit_free (LinliEdit *edit)
{
  if (edit == NULL)
    return;
  if (edit->klass->free != NULL)
    edit->klass->free (edit);
  g_free (edit->label);
  g_free (edit);
}
