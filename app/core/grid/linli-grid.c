/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-grid"

#include "config.h"

#include "linli-grid.h"

struct _LinliGrid
{
  GObject        parent_instance;
  LinliGridState state;
};

G_DEFINE_FINAL_TYPE (LinliGrid, linli_grid, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_WORKER,
  PROP_BRANCH,
  PROP_POLYGON,
  PROP_LOCKED,
  N_PROPS,
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Grid states */

/**
 * linli_grid_state_copy:
 *
 * Returns: (transfer full): a deep copy of @state
 */
LinliGridState *
linli_grid_state_copy (const LinliGridState *state)
{
  LinliGridState *copy = g_new0 (LinliGridState, 1);

  copy->id = g_strdup (state->id);
  copy->code = g_strdup (state->code);
  copy->name = g_strdup (state->name);
  copy->community = state->community;
  copy->worker = g_strdup (state->worker);
  copy->branch = g_strdup (state->branch);
  copy->polygon = state->polygon != NULL ? linli_polygon_ref (state->polygon) : NULL;
  copy->locked = state->locked;
  return copy;
}

void
linli_grid_state_clear (LinliGridState *state)
{
  g_clear_pointer (&state->id, g_free);
  g_clear_pointer (&state->code, g_free);
  g_clear_pointer (&state->name, g_free);
  g_clear_pointer (&state->worker, g_free);
  g_clear_pointer (&state->branch, g_free);
  g_clear_pointer (&state->polygon, linli_polygon_unref);
}

void
linli_grid_state_free (LinliGridState *state)
{
  if (state == NULL)
    return;
  linli_grid_state_clear (state);
  g_free (state);
}

gboolean
linli_grid_state_equal (const LinliGridState *a,
                        const LinliGridState *b)
{
  return g_strcmp0 (a->id, b->id) == 0 && g_strcmp0 (a->code, b->code) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 && a->community == b->community &&
         g_strcmp0 (a->worker, b->worker) == 0 && g_strcmp0 (a->branch, b->branch) == 0 &&
         linli_polygon_equal (a->polygon, b->polygon) && !a->locked == !b->locked;
}

/* GObject overrides */

static void
linli_grid_finalize (GObject *object)
{
  LinliGrid *self = LINLI_GRID (object);

  linli_grid_state_clear (&self->state);
  G_OBJECT_CLASS (linli_grid_parent_class)->finalize (object);
}

static void
linli_grid_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LinliGrid *self = LINLI_GRID (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->state.id);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->state.code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->state.name);
      break;
    case PROP_WORKER:
      g_value_set_string (value, self->state.worker);
      break;
    case PROP_BRANCH:
      g_value_set_string (value, self->state.branch);
      break;
    case PROP_POLYGON:
      g_value_set_boxed (value, self->state.polygon);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->state.locked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_grid_class_init (LinliGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = linli_grid_finalize;
  object_class->get_property = linli_grid_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_WORKER] = g_param_spec_string ("worker", NULL, NULL, NULL, flags);
  properties[PROP_BRANCH] = g_param_spec_string ("branch", NULL, NULL, NULL, flags);
  properties[PROP_POLYGON] = g_param_spec_boxed ("polygon", NULL, NULL, LINLI_TYPE_POLYGON, flags);
  properties[PROP_LOCKED] = g_param_spec_boolean ("locked", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LinliGrid::changed:
   *
   * Emitted once after linli_grid_apply_state() changed anything.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
linli_grid_init (LinliGrid *self)
{
}

/**
 * linli_grid_new:
 *
 * Returns: (transfer full): a grid holding a copy of @state
 */
LinliGrid *
linli_grid_new (const LinliGridState *state)
{
  LinliGrid *self = g_object_new (LINLI_TYPE_GRID, NULL);
  LinliGridState *copy = linli_grid_state_copy (state);

  self->state = *copy;
  g_free (copy);
  return self;
}

const LinliGridState *
linli_grid_get_state (LinliGrid *self)
{
  g_return_val_if_fail (LINLI_IS_GRID (self), NULL);
  return &self->state;
}

const char *
linli_grid_get_id (LinliGrid *self)
{
  g_return_val_if_fail (LINLI_IS_GRID (self), NULL);
  return self->state.id;
}

const char *
linli_grid_get_code (LinliGrid *self)
{
  g_return_val_if_fail (LINLI_IS_GRID (self), NULL);
  return self->state.code;
}

const char *
linli_grid_get_name (LinliGrid *self)
{
  g_return_val_if_fail (LINLI_IS_GRID (self), NULL);
  return self->state.name;
}

guint
linli_grid_get_community (LinliGrid *self)
{
  g_return_val_if_fail (LINLI_IS_GRID (self), 0);
  return self->state.community;
}

const char *
linli_grid_get_worker (LinliGrid *self)
{
  g_return_val_if_fail (LINLI_IS_GRID (self), NULL);
  return self->state.worker;
}

const char *
linli_grid_get_branch (LinliGrid *self)
{
  g_return_val_if_fail (LINLI_IS_GRID (self), NULL);
  return self->state.branch;
}

/**
 * linli_grid_get_polygon:
 *
 * Returns: (transfer none): the grid's outline
 */
LinliPolygon *
linli_grid_get_polygon (LinliGrid *self)
{
  g_return_val_if_fail (LINLI_IS_GRID (self), NULL);
  return self->state.polygon;
}

gboolean
linli_grid_get_locked (LinliGrid *self)
{
  g_return_val_if_fail (LINLI_IS_GRID (self), FALSE);
  return self->state.locked;
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
 * linli_grid_apply_state:
 *
 * Makes the grid what @state says (its id excepted), notifying each
 * property that changed and then emitting #LinliGrid::changed once.
 */
void
linli_grid_apply_state (LinliGrid            *self,
                        const LinliGridState *state)
{
  gboolean changed = FALSE;

  g_return_if_fail (LINLI_IS_GRID (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (take_string (&self->state.code, state->code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]), changed = TRUE;
  if (take_string (&self->state.name, state->name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]), changed = TRUE;
  if (take_string (&self->state.worker, state->worker))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKER]), changed = TRUE;
  if (take_string (&self->state.branch, state->branch))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRANCH]), changed = TRUE;
  if (!linli_polygon_equal (self->state.polygon, state->polygon))
    {
      g_clear_pointer (&self->state.polygon, linli_polygon_unref);
      self->state.polygon = state->polygon != NULL ? linli_polygon_ref (state->polygon) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLYGON]);
      changed = TRUE;
    }
  if (!self->state.locked != !state->locked)
    {
      self->state.locked = state->locked;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
      changed = TRUE;
    }
  if (self->state.community != state->community)
    self->state.community = state->community, changed = TRUE;
  g_object_thaw_notify (G_OBJECT (self));
  if (changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}
