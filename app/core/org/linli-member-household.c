/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-org"

#include "config.h"

#include "linli-member-household.h"

struct _LinliMemberHousehold
{
  GObject                   parent_instance;
  LinliMemberHouseholdState state;
};

G_DEFINE_FINAL_TYPE (LinliMemberHousehold, linli_member_household, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_BUILDING,
  PROP_ROOM,
  PROP_NAME,
  N_PROPS,
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Member household states */

/**
 * linli_member_household_state_copy:
 *
 * Returns: (transfer full): a deep copy of @state
 */
LinliMemberHouseholdState *
linli_member_household_state_copy (const LinliMemberHouseholdState *state)
{
  LinliMemberHouseholdState *copy = g_new0 (LinliMemberHouseholdState, 1);

  copy->id = g_strdup (state->id);
  copy->building = state->building;
  copy->room = g_strdup (state->room);
  copy->name = g_strdup (state->name);
  return copy;
}

void
linli_member_household_state_clear (LinliMemberHouseholdState *state)
{
  g_clear_pointer (&state->id, g_free);
  g_clear_pointer (&state->room, g_free);
  g_clear_pointer (&state->name, g_free);
}

void
linli_member_household_state_free (LinliMemberHouseholdState *state)
{
  if (state == NULL)
    return;
  linli_member_household_state_clear (state);
  g_free (state);
}

gboolean
linli_member_household_state_equal (const LinliMemberHouseholdState *a,
                                    const LinliMemberHouseholdState *b)
{
  return g_strcmp0 (a->id, b->id) == 0 && a->building == b->building &&
         g_strcmp0 (a->room, b->room) == 0 && g_strcmp0 (a->name, b->name) == 0;
}

/* GObject overrides */

static void
linli_member_household_finalize (GObject *object)
{
  LinliMemberHousehold *self = LINLI_MEMBER_HOUSEHOLD (object);

  linli_member_household_state_clear (&self->state);
  G_OBJECT_CLASS (linli_member_household_parent_class)->finalize (object);
}

static void
linli_member_household_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LinliMemberHousehold *self = LINLI_MEMBER_HOUSEHOLD (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->state.id); break;
    case PROP_BUILDING: g_value_set_uint (value, self->state.building); break;
    case PROP_ROOM: g_value_set_string (value, self->state.room); break;
    case PROP_NAME: g_value_set_string (value, self->state.name); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_member_household_class_init (LinliMemberHouseholdClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = linli_member_household_finalize;
  object_class->get_property = linli_member_household_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_BUILDING] = g_param_spec_uint ("building", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ROOM] = g_param_spec_string ("room", NULL, NULL, NULL, flags);
  /* A person's name: show it through linli_project_person(). */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LinliMemberHousehold::changed:
   *
   * Emitted once after linli_member_household_apply_state() changed anything.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
linli_member_household_init (LinliMemberHousehold *self)
{
}

/* Public API */

/**
 * linli_member_household_new:
 *
 * Returns: (transfer full): a member household holding a copy of @state
 */
LinliMemberHousehold *
linli_member_household_new (const LinliMemberHouseholdState *state)
{
  LinliMemberHousehold *self = g_object_new (LINLI_TYPE_MEMBER_HOUSEHOLD, NULL);
  LinliMemberHouseholdState *copy = linli_member_household_state_copy (state);

  self->state = *copy;
  g_free (copy);
  return self;
}

const LinliMemberHouseholdState *
linli_member_household_get_state (LinliMemberHousehold *self)
{
  g_return_val_if_fail (LINLI_IS_MEMBER_HOUSEHOLD (self), NULL);
  return &self->state;
}

const char *
linli_member_household_get_id (LinliMemberHousehold *self)
{
  g_return_val_if_fail (LINLI_IS_MEMBER_HOUSEHOLD (self), NULL);
  return self->state.id;
}

guint
linli_member_household_get_building (LinliMemberHousehold *self)
{
  g_return_val_if_fail (LINLI_IS_MEMBER_HOUSEHOLD (self), 0);
  return self->state.building;
}

const char *
linli_member_household_get_room (LinliMemberHousehold *self)
{
  g_return_val_if_fail (LINLI_IS_MEMBER_HOUSEHOLD (self), NULL);
  return self->state.room;
}

const char *
linli_member_household_get_name (LinliMemberHousehold *self)
{
  g_return_val_if_fail (LINLI_IS_MEMBER_HOUSEHOLD (self), NULL);
  return self->state.name;
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
 * linli_member_household_apply_state:
 *
 * Makes the household what @state says (its id excepted), notifying each
 * property that changed and then emitting #LinliMemberHousehold::changed
 * once.
 */
void
linli_member_household_apply_state (LinliMemberHousehold            *self,
                                    const LinliMemberHouseholdState *state)
{
  GObject *object = G_OBJECT (self);
  gboolean changed = FALSE;

  g_return_if_fail (LINLI_IS_MEMBER_HOUSEHOLD (self));

  g_object_freeze_notify (object);
  if (self->state.building != state->building)
    {
      self->state.building = state->building;
      g_object_notify_by_pspec (object, properties[PROP_BUILDING]), changed = TRUE;
    }
  if (take_string (&self->state.room, state->room))
    g_object_notify_by_pspec (object, properties[PROP_ROOM]), changed = TRUE;
  if (take_string (&self->state.name, state->name))
    g_object_notify_by_pspec (object, properties[PROP_NAME]), changed = TRUE;
  g_object_thaw_notify (object);
  if (changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}
