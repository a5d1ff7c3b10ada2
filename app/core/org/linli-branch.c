/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-org"

#include "config.h"

#include "linli-branch.h"

#include <string.h>

struct _LinliBranch
{
  GObject          parent_instance;
  LinliBranchState state;
};

G_DEFINE_FINAL_TYPE (LinliBranch, linli_branch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_COMPOUND,
  PROP_GRID,
  PROP_SECRETARY,
  PROP_MEMBERS,
  N_PROPS,
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Kinds */

/**
 * linli_branch_kind_to_string:
 *
 * Returns: "compound" or "grid", as the file writes it
 */
const char *
linli_branch_kind_to_string (LinliBranchKind kind)
{
  return kind == LINLI_BRANCH_GRID ? "grid" : "compound";
}

gboolean
linli_branch_kind_from_string (const char      *string,
                               LinliBranchKind *kind)
{
  if (g_strcmp0 (string, "compound") == 0)
    *kind = LINLI_BRANCH_COMPOUND;
  else if (g_strcmp0 (string, "grid") == 0)
    *kind = LINLI_BRANCH_GRID;
  else
    return FALSE;
  return TRUE;
}

/* Branch states */

/**
 * linli_branch_state_copy:
 *
 * Returns: (transfer full): a deep copy of @state
 */
LinliBranchState *
linli_branch_state_copy (const LinliBranchState *state)
{
  LinliBranchState *copy = g_new0 (LinliBranchState, 1);

  copy->id = g_strdup (state->id);
  copy->name = g_strdup (state->name);
  copy->kind = state->kind;
  copy->compound = state->compound;
  copy->grid = g_strdup (state->grid);
  copy->secretary = g_strdup (state->secretary);
  copy->members = state->members;
  return copy;
}

void
linli_branch_state_clear (LinliBranchState *state)
{
  g_clear_pointer (&state->id, g_free);
  g_clear_pointer (&state->name, g_free);
  g_clear_pointer (&state->grid, g_free);
  g_clear_pointer (&state->secretary, g_free);
}

void
linli_branch_state_free (LinliBranchState *state)
{
  if (state == NULL)
    return;
  linli_branch_state_clear (state);
  g_free (state);
}

gboolean
linli_branch_state_equal (const LinliBranchState *a,
                          const LinliBranchState *b)
{
  return g_strcmp0 (a->id, b->id) == 0 && g_strcmp0 (a->name, b->name) == 0 && a->kind == b->kind &&
         a->compound == b->compound && g_strcmp0 (a->grid, b->grid) == 0 &&
         g_strcmp0 (a->secretary, b->secretary) == 0 && a->members == b->members;
}

/* GObject overrides */

static void
linli_branch_finalize (GObject *object)
{
  LinliBranch *self = LINLI_BRANCH (object);

  linli_branch_state_clear (&self->state);
  G_OBJECT_CLASS (linli_branch_parent_class)->finalize (object);
}

static void
linli_branch_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LinliBranch *self = LINLI_BRANCH (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->state.id); break;
    case PROP_NAME: g_value_set_string (value, self->state.name); break;
    case PROP_KIND: g_value_set_int (value, self->state.kind); break;
    case PROP_COMPOUND: g_value_set_uint (value, self->state.compound); break;
    case PROP_GRID: g_value_set_string (value, self->state.grid); break;
    case PROP_SECRETARY: g_value_set_string (value, self->state.secretary); break;
    case PROP_MEMBERS: g_value_set_uint (value, self->state.members); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_branch_class_init (LinliBranchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = linli_branch_finalize;
  object_class->get_property = linli_branch_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* A LinliBranchKind. */
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, LINLI_BRANCH_COMPOUND, LINLI_BRANCH_GRID,
                                            LINLI_BRANCH_COMPOUND, flags);
  properties[PROP_COMPOUND] = g_param_spec_uint ("compound", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_GRID] = g_param_spec_string ("grid", NULL, NULL, NULL, flags);
  /* A person's name: show it through linli_project_person(). */
  properties[PROP_SECRETARY] = g_param_spec_string ("secretary", NULL, NULL, NULL, flags);
  properties[PROP_MEMBERS] = g_param_spec_uint ("members", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LinliBranch::changed:
   *
   * Emitted once after linli_branch_apply_state() changed anything.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
linli_branch_init (LinliBranch *self)
{
}

/* Public API */

/**
 * linli_branch_new:
 *
 * Returns: (transfer full): a branch holding a copy of @state
 */
LinliBranch *
linli_branch_new (const LinliBranchState *state)
{
  LinliBranch *self = g_object_new (LINLI_TYPE_BRANCH, NULL);
  LinliBranchState *copy = linli_branch_state_copy (state);

  self->state = *copy;
  g_free (copy);
  return self;
}

const LinliBranchState *
linli_branch_get_state (LinliBranch *self)
{
  g_return_val_if_fail (LINLI_IS_BRANCH (self), NULL);
  return &self->state;
}

const char *
linli_branch_get_id (LinliBranch *self)
{
  g_return_val_if_fail (LINLI_IS_BRANCH (self), NULL);
  return self->state.id;
}

const char *
linli_branch_get_name (LinliBranch *self)
{
  g_return_val_if_fail (LINLI_IS_BRANCH (self), NULL);
  return self->state.name;
}

LinliBranchKind
linli_branch_get_kind (LinliBranch *self)
{
  g_return_val_if_fail (LINLI_IS_BRANCH (self), LINLI_BRANCH_COMPOUND);
  return self->state.kind;
}

guint
linli_branch_get_compound (LinliBranch *self)
{
  g_return_val_if_fail (LINLI_IS_BRANCH (self), 0);
  return self->state.compound;
}

const char *
linli_branch_get_grid (LinliBranch *self)
{
  g_return_val_if_fail (LINLI_IS_BRANCH (self), NULL);
  return self->state.grid;
}

const char *
linli_branch_get_secretary (LinliBranch *self)
{
  g_return_val_if_fail (LINLI_IS_BRANCH (self), NULL);
  return self->state.secretary;
}

guint
linli_branch_get_members (LinliBranch *self)
{
  g_return_val_if_fail (LINLI_IS_BRANCH (self), 0);
  return self->state.members;
}

static gboolean
take_string (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/**
 * linli_branch_apply_state:
 *
 * Makes the branch what @state says (its id excepted), notifying each
 * property that changed and then emitting #LinliBranch::changed once.
 */
void
linli_branch_apply_state (LinliBranch            *self,
                          const LinliBranchState *state)
{
  GObject *object = G_OBJECT (self);
  gboolean changed = FALSE;

  g_return_if_fail (LINLI_IS_BRANCH (self));

  g_object_freeze_notify (object);
  if (take_string (&self->state.name, state->name))
    g_object_notify_by_pspec (object, properties[PROP_NAME]), changed = TRUE;
  if (self->state.kind != state->kind)
    {
      self->state.kind = state->kind;
      g_object_notify_by_pspec (object, properties[PROP_KIND]), changed = TRUE;
    }
  if (self->state.compound != state->compound)
    {
      self->state.compound = state->compound;
      g_object_notify_by_pspec (object, properties[PROP_COMPOUND]), changed = TRUE;
    }
  if (take_string (&self->state.grid, state->grid))
    g_object_notify_by_pspec (object, properties[PROP_GRID]), changed = TRUE;
  if (take_string (&self->state.secretary, state->secretary))
    g_object_notify_by_pspec (object, properties[PROP_SECRETARY]), changed = TRUE;
  if (self->state.members != state->members)
    {
      self->state.members = state->members;
      g_object_notify_by_pspec (object, properties[PROP_MEMBERS]), changed = TRUE;
    }
  g_object_thaw_notify (object);
  if (changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}
