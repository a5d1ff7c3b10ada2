/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-scenario"

#include "config.h"

#include "linli-scenarios.h"

#include <glib/gi18n-lib.h>

struct _LinliScenarios
{
  GObject     parent_instance;

  GListStore *list;      /* LinliScenario */
  char       *active;    /* NULL: the base */
  GPtrArray  *base;      /* LinliSiteState; NULL while the base is active */
  guint       next_id;
  guint       serial;
};

G_DEFINE_FINAL_TYPE (LinliScenarios, linli_scenarios, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVE,
  N_PROPS,
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Auxiliary methods */

/* Ids Linli makes are "scenario-" and a number; keep the next one past any read. */
static void
note_id (LinliScenarios *self,
         const char     *id)
{
  guint64 n;
  char *end;

  if (!g_str_has_prefix (id, "scenario-") || !g_ascii_isdigit (id[9]))
    return;
  n = g_ascii_strtoull (id + 9, &end, 10);
  if (*end == '\0' && n < G_MAXUINT && n >= self->next_id)
    self->next_id = n + 1;
}

/* GObject overrides */

static void
linli_scenarios_dispose (GObject *object)
{
  LinliScenarios *self = LINLI_SCENARIOS (object);

  g_clear_object (&self->list);
  G_OBJECT_CLASS (linli_scenarios_parent_class)->dispose (object);
}

static void
linli_scenarios_finalize (GObject *object)
{
  LinliScenarios *self = LINLI_SCENARIOS (object);

  g_clear_pointer (&self->active, g_free);
  g_clear_pointer (&self->base, g_ptr_array_unref);
  G_OBJECT_CLASS (linli_scenarios_parent_class)->finalize (object);
}

static void
linli_scenarios_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LinliScenarios *self = LINLI_SCENARIOS (object);

  switch (prop_id)
    {
    case PROP_ACTIVE: g_value_set_string (value, self->active); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_scenarios_class_init (LinliScenariosClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = linli_scenarios_dispose;
  object_class->finalize = linli_scenarios_finalize;
  object_class->get_property = linli_scenarios_get_property;

  /**
   * LinliScenarios:active:
   *
   * The id of the active scenario, %NULL for the base.
   */
  properties[PROP_ACTIVE] = g_param_spec_string ("active", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LinliScenarios::changed:
   *
   * Emitted after any change: a scenario added, removed, renamed, or
   * another one made active.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
linli_scenarios_init (LinliScenarios *self)
{
  self->list = g_list_store_new (LINLI_TYPE_SCENARIO);
  self->next_id = 1;
}

/**
 * linli_scenarios_new:
 *
 * Returns: (transfer full): no scenarios, the base active
 */
LinliScenarios *
linli_scenarios_new (void)
{
  return g_object_new (LINLI_TYPE_SCENARIOS, NULL);
}

/**
 * linli_scenarios_copy_from:
 *
 * Replaces everything in @self by a copy of @source: the scenarios, which
 * is active and the base's sites.
 */
void
linli_scenarios_copy_from (LinliScenarios *self,
                           LinliScenarios *source)
{
  guint n;

  g_return_if_fail (LINLI_IS_SCENARIOS (self));
  g_return_if_fail (LINLI_IS_SCENARIOS (source));

  g_list_store_remove_all (self->list);
  n = linli_scenarios_get_n (source);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LinliScenario) copy = linli_scenario_copy (linli_scenarios_get (source, i));
      g_list_store_append (self->list, copy);
    }
  self->next_id = source->next_id;
  linli_scenarios_set_state (self, source->active, source->base);
  linli_scenarios_changed (self);
}

/**
 * linli_scenarios_get_list:
 *
 * Returns: (transfer none): the scenarios, a list of #LinliScenario; the
 *   base is not in it
 */
GListModel *
linli_scenarios_get_list (LinliScenarios *self)
{
  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), NULL);
  return G_LIST_MODEL (self->list);
}

guint
linli_scenarios_get_n (LinliScenarios *self)
{
  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->list));
}

/**
 * linli_scenarios_get:
 *
 * Returns: (transfer none) (nullable): the scenario at @position
 */
LinliScenario *
linli_scenarios_get (LinliScenarios *self,
                     guint           position)
{
  g_autoptr (LinliScenario) scenario = NULL;

  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), NULL);

  scenario = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  return scenario;  /* The store keeps its own reference. */
}

/**
 * linli_scenarios_find:
 * @position: (out) (optional): where it is in the list
 *
 * Returns: (transfer none) (nullable): the scenario with @id
 */
LinliScenario *
linli_scenarios_find (LinliScenarios *self,
                      const char     *id,
                      guint          *position)
{
  guint n;

  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), NULL);

  n = linli_scenarios_get_n (self);
  for (guint i = 0; id != NULL && i < n; i++)
    {
      LinliScenario *scenario = linli_scenarios_get (self, i);

      if (g_strcmp0 (linli_scenario_get_id (scenario), id) == 0)
        {
          if (position)
            *position = i;
          return scenario;
        }
    }
  return NULL;
}

/**
 * linli_scenarios_find_by_name:
 *
 * Returns: (transfer none) (nullable): the scenario named @name
 */
LinliScenario *
linli_scenarios_find_by_name (LinliScenarios *self,
                              const char     *name)
{
  guint n;

  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), NULL);

  n = linli_scenarios_get_n (self);
  for (guint i = 0; name != NULL && i < n; i++)
    {
      LinliScenario *scenario = linli_scenarios_get (self, i);

      if (g_strcmp0 (linli_scenario_get_name (scenario), name) == 0)
        return scenario;
    }
  return NULL;
}

void
linli_scenarios_insert (LinliScenarios *self,
                        guint           position,
                        LinliScenario  *scenario)
{
  g_return_if_fail (LINLI_IS_SCENARIOS (self));
  g_return_if_fail (LINLI_IS_SCENARIO (scenario));
  g_return_if_fail (linli_scenarios_find (self, linli_scenario_get_id (scenario), NULL) == NULL);

  position = MIN (position, linli_scenarios_get_n (self));
  note_id (self, linli_scenario_get_id (scenario));
  g_list_store_insert (self->list, position, scenario);
  linli_scenarios_changed (self);
}

void
linli_scenarios_remove (LinliScenarios *self,
                        LinliScenario  *scenario)
{
  guint position;

  g_return_if_fail (LINLI_IS_SCENARIOS (self));
  g_return_if_fail (g_strcmp0 (linli_scenario_get_id (scenario), self->active) != 0);

  if (!g_list_store_find (self->list, scenario, &position))
    g_return_if_reached ();
  g_list_store_remove (self->list, position);
  linli_scenarios_changed (self);
}

/**
 * linli_scenarios_new_id:
 *
 * Returns: (transfer full): an id no scenario has
 */
char *
linli_scenarios_new_id (LinliScenarios *self)
{
  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), NULL);

  for (;;)
    {
      char *id = g_strdup_printf ("scenario-%u", self->next_id++);

      if (linli_scenarios_find (self, id, NULL) == NULL)
        return id;
      g_free (id);
    }
}

/**
 * linli_scenarios_new_name:
 * @stem: (nullable): the name to start from; "Scenario" when %NULL
 *
 * Returns: (transfer full): @stem, or @stem with the first number after it
 *   that makes a name no scenario has
 */
char *
linli_scenarios_new_name (LinliScenarios *self,
                          const char     *stem)
{
  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), NULL);

  if (stem == NULL)
    stem = _("Scenario");
  if (linli_scenarios_find_by_name (self, stem) == NULL &&
      linli_scenarios_check_name (self, stem, NULL, NULL))
    return g_strdup (stem);
  for (guint i = 2;; i++)
    {
      /* TRANSLATORS: a scenario's name made unique: the name, then a number */
      g_autofree char *name = g_strdup_printf (_("%s %u"), stem, i);

      if (linli_scenarios_find_by_name (self, name) == NULL)
        return g_steal_pointer (&name);
    }
}

/**
 * linli_scenarios_check_name:
 * @renamed: (nullable): the scenario that would take @name, which may keep
 *   its own
 *
 * Checks that @name can name a scenario: not empty, at most
 * %LINLI_SCENARIO_MAX_NAME characters, not the base's id or name, and no
 * other scenario's.
 *
 * Returns: %TRUE if it can, else %FALSE with @error set
 */
gboolean
linli_scenarios_check_name (LinliScenarios *self,
                            const char     *name,
                            LinliScenario  *renamed,
                            GError        **error)
{
  LinliScenario *other;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), FALSE);

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_NAME,
                           _("a scenario’s name must be text"));
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (name));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_NAME,
                           _("a scenario needs a name"));
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > LINLI_SCENARIO_MAX_NAME)
    {
      g_set_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_NAME,
                   _("a scenario’s name is at most %u characters"), LINLI_SCENARIO_MAX_NAME);
      return FALSE;
    }
  if (g_strcmp0 (name, LINLI_SCENARIO_BASE_ID) == 0 ||
      g_strcmp0 (name, linli_scenarios_base_name ()) == 0)
    {
      g_set_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_NAME,
                   _("“%s” is the name of the current state"), name);
      return FALSE;
    }
  other = linli_scenarios_find_by_name (self, name);
  if (other != NULL && other != renamed)
    {
      g_set_error (error, LINLI_SCENARIO_ERROR, LINLI_SCENARIO_ERROR_NAME,
                   _("there is already a scenario named “%s”"), name);
      return FALSE;
    }
  return TRUE;
}

/**
 * linli_scenarios_get_active:
 *
 * Returns: (nullable): the id of the active scenario, %NULL for the base
 */
const char *
linli_scenarios_get_active (LinliScenarios *self)
{
  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), NULL);
  return self->active;
}

/**
 * linli_scenarios_get_active_scenario:
 *
 * Returns: (transfer none) (nullable): the active scenario, %NULL for the base
 */
LinliScenario *
linli_scenarios_get_active_scenario (LinliScenarios *self)
{
  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), NULL);
  return linli_scenarios_find (self, self->active, NULL);
}

/**
 * linli_scenarios_get_base:
 *
 * Returns: (transfer none) (nullable) (element-type LinliSiteState): the
 *   base's sites while a scenario is active; %NULL while the base is, for
 *   its sites are then the project's
 */
GPtrArray *
linli_scenarios_get_base (LinliScenarios *self)
{
  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), NULL);
  return self->base;
}

/**
 * linli_scenarios_set_state:
 * @active: (nullable): the id of a scenario in the list, or %NULL for the base
 * @base: (nullable) (element-type LinliSiteState): the base's sites,
 *   copied; given exactly when @active is not %NULL
 *
 * Sets which scenario is active.  It does not touch the project's sites:
 * switching is linli_scenario_project_switch(), which sets both.
 */
void
linli_scenarios_set_state (LinliScenarios *self,
                           const char     *active,
                           GPtrArray      *base)
{
  GPtrArray *copy;
  gboolean notify;

  g_return_if_fail (LINLI_IS_SCENARIOS (self));
  g_return_if_fail ((active == NULL) == (base == NULL));

  notify = g_strcmp0 (self->active, active) != 0;
  /* Copied before the old list goes: @base may be it. */
  copy = base != NULL ? linli_site_states_copy (base) : NULL;
  g_free (self->active);
  self->active = g_strdup (active);
  g_clear_pointer (&self->base, g_ptr_array_unref);
  self->base = copy;
  if (notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  linli_scenarios_changed (self);
}

/**
 * linli_scenarios_uses_site_id:
 *
 * Returns: whether a site of the base or a scenario's decision has @id,
 *   so a new site of the project takes another
 */
gboolean
linli_scenarios_uses_site_id (LinliScenarios *self,
                              const char     *id)
{
  guint n;

  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), FALSE);

  for (guint i = 0; self->base != NULL && i < self->base->len; i++)
    if (g_strcmp0 (((LinliSiteState *) self->base->pdata[i])->id, id) == 0)
      return TRUE;
  n = linli_scenarios_get_n (self);
  for (guint s = 0; s < n; s++)
    {
      const LinliDecisions *d = linli_scenario_get_decisions (linli_scenarios_get (self, s));

      for (guint i = 0; i < d->sites->len; i++)
        if (g_strcmp0 (((LinliSiteState *) d->sites->pdata[i])->id, id) == 0)
          return TRUE;
    }
  return FALSE;
}

/**
 * linli_scenarios_is_empty:
 *
 * Returns: whether there are no scenarios, so nothing needs saving
 */
gboolean
linli_scenarios_is_empty (LinliScenarios *self)
{
  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), TRUE);
  return linli_scenarios_get_n (self) == 0 && self->active == NULL;
}

guint
linli_scenarios_get_serial (LinliScenarios *self)
{
  g_return_val_if_fail (LINLI_IS_SCENARIOS (self), 0);
  return self->serial;
}

/**
 * linli_scenarios_changed:
 *
 * Says that something changed: a scenario's name, note or decisions
 * changed in place.  The functions above call it themselves.
 */
void
linli_scenarios_changed (LinliScenarios *self)
{
  g_return_if_fail (LINLI_IS_SCENARIOS (self));

  self->serial++;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/**
 * linli_scenarios_base_name:
 *
 * Returns: the base's name, translated: "Current State" (现状)
 */
const char *
linli_scenarios_base_name (void)
{
  return _("Current State");
}
