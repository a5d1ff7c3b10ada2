/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-org"

#include "config.h"

#include "linli-party-group.h"

#include <string.h>

struct _LinliPartyGroup
{
  GObject              parent_instance;
  LinliPartyGroupState state;
};

G_DEFINE_FINAL_TYPE (LinliPartyGroup, linli_party_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_BRANCH,
  PROP_LEADER,
  PROP_N_BUILDINGS,
  N_PROPS,
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Group states */

/**
 * linli_party_group_state_copy:
 *
 * Returns: (transfer full): a deep copy of @state
 */
LinliPartyGroupState *
linli_party_group_state_copy (const LinliPartyGroupState *state)
{
  LinliPartyGroupState *copy = g_new0 (LinliPartyGroupState, 1);

  copy->id = g_strdup (state->id);
  copy->name = g_strdup (state->name);
  copy->branch = g_strdup (state->branch);
  copy->leader = g_strdup (state->leader);
  copy->n_buildings = state->n_buildings;
  copy->buildings = state->n_buildings > 0 ? g_memdup2 (state->buildings, state->n_buildings * sizeof (guint))
                                           : NULL;
  return copy;
}

void
linli_party_group_state_clear (LinliPartyGroupState *state)
{
  g_clear_pointer (&state->id, g_free);
  g_clear_pointer (&state->name, g_free);
  g_clear_pointer (&state->branch, g_free);
  g_clear_pointer (&state->leader, g_free);
  g_clear_pointer (&state->buildings, g_free);
  state->n_buildings = 0;
}

void
linli_party_group_state_free (LinliPartyGroupState *state)
{
  if (state == NULL)
    return;
  linli_party_group_state_clear (state);
  g_free (state);
}

static gboolean
same_buildings (const LinliPartyGroupState *a,
                const LinliPartyGroupState *b)
{
  return a->n_buildings == b->n_buildings &&
         (a->n_buildings == 0 || memcmp (a->buildings, b->buildings, a->n_buildings * sizeof (guint)) == 0);
}

gboolean
linli_party_group_state_equal (const LinliPartyGroupState *a,
                               const LinliPartyGroupState *b)
{
  return g_strcmp0 (a->id, b->id) == 0 && g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->branch, b->branch) == 0 && g_strcmp0 (a->leader, b->leader) == 0 &&
         same_buildings (a, b);
}

/* GObject overrides */

static void
linli_party_group_finalize (GObject *object)
{
  LinliPartyGroup *self = LINLI_PARTY_GROUP (object);

  linli_party_group_state_clear (&self->state);
  G_OBJECT_CLASS (linli_party_group_parent_class)->finalize (object);
}

static void
linli_party_group_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LinliPartyGroup *self = LINLI_PARTY_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->state.id); break;
    case PROP_NAME: g_value_set_string (value, self->state.name); break;
    case PROP_BRANCH: g_value_set_string (value, self->state.branch); break;
    case PROP_LEADER: g_value_set_string (value, self->state.leader); break;
    case PROP_N_BUILDINGS: g_value_set_uint (value, self->state.n_buildings); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_party_group_class_init (LinliPartyGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = linli_party_group_finalize;
  object_class->get_property = linli_party_group_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_BRANCH] = g_param_spec_string ("branch", NULL, NULL, NULL, flags);
  /* A person's name: show it through linli_project_person(). */
  properties[PROP_LEADER] = g_param_spec_string ("leader", NULL, NULL, NULL, flags);
  properties[PROP_N_BUILDINGS] = g_param_spec_uint ("n-buildings", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LinliPartyGroup::changed:
   *
   * Emitted once after linli_party_group_apply_state() changed anything.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
linli_party_group_init (LinliPartyGroup *self)
{
}

/* Public API */

/**
 * linli_party_group_new:
 *
 * Returns: (transfer full): a group holding a copy of @state
 */
LinliPartyGroup *
linli_party_group_new (const LinliPartyGroupState *state)
{
  LinliPartyGroup *self = g_object_new (LINLI_TYPE_PARTY_GROUP, NULL);
  LinliPartyGroupState *copy = linli_party_group_state_copy (state);

  self->state = *copy;
  g_free (copy);
  return self;
}

const LinliPartyGroupState *
linli_party_group_get_state (LinliPartyGroup *self)
{
  g_return_val_if_fail (LINLI_IS_PARTY_GROUP (self), NULL);
  return &self->state;
}

const char *
linli_party_group_get_id (LinliPartyGroup *self)
{
  g_return_val_if_fail (LINLI_IS_PARTY_GROUP (self), NULL);
  return self->state.id;
}

const char *
linli_party_group_get_name (LinliPartyGroup *self)
{
  g_return_val_if_fail (LINLI_IS_PARTY_GROUP (self), NULL);
  return self->state.name;
}

const char *
linli_party_group_get_branch (LinliPartyGroup *self)
{
  g_return_val_if_fail (LINLI_IS_PARTY_GROUP (self), NULL);
  return self->state.branch;
}

const char *
linli_party_group_get_leader (LinliPartyGroup *self)
{
  g_return_val_if_fail (LINLI_IS_PARTY_GROUP (self), NULL);
  return self->state.leader;
}

/**
 * linli_party_group_get_buildings:
 * @n_buildings: (out): how many
 *
 * Returns: (transfer none) (array length=n_buildings): the group's
 *   buildings, indices into the project's buildings
 */
const guint *
linli_party_group_get_buildings (LinliPartyGroup *self,
                                 guint           *n_buildings)
{
  g_return_val_if_fail (LINLI_IS_PARTY_GROUP (self), NULL);
  *n_buildings = self->state.n_buildings;
  return self->state.buildings;
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
 * linli_party_group_apply_state:
 *
 * Makes the group what @state says (its id excepted), notifying each
 * property that changed and then emitting #LinliPartyGroup::changed once.
 */
void
linli_party_group_apply_state (LinliPartyGroup            *self,
                               const LinliPartyGroupState *state)
{
  GObject *object = G_OBJECT (self);
  gboolean changed = FALSE;

  g_return_if_fail (LINLI_IS_PARTY_GROUP (self));

  g_object_freeze_notify (object);
  if (take_string (&self->state.name, state->name))
    g_object_notify_by_pspec (object, properties[PROP_NAME]), changed = TRUE;
  if (take_string (&self->state.branch, state->branch))
    g_object_notify_by_pspec (object, properties[PROP_BRANCH]), changed = TRUE;
  if (take_string (&self->state.leader, state->leader))
    g_object_notify_by_pspec (object, properties[PROP_LEADER]), changed = TRUE;
  if (!same_buildings (&self->state, state))
    {
      gboolean count_changed = self->state.n_buildings != state->n_buildings;

      g_free (self->state.buildings);
      self->state.n_buildings = state->n_buildings;
      self->state.buildings = state->n_buildings > 0
                                ? g_memdup2 (state->buildings, state->n_buildings * sizeof (guint))
                                : NULL;
      if (count_changed)
        g_object_notify_by_pspec (object, properties[PROP_N_BUILDINGS]);
      changed = TRUE;
    }
  g_object_thaw_notify (object);
  if (changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}
