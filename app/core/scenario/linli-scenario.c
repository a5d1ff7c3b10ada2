/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-scenario"

#include "config.h"

#include "linli-scenario.h"

G_DEFINE_QUARK (linli-scenario-error-quark, linli_scenario_error)

/* Site state lists */

/**
 * linli_site_states_new:
 *
 * Returns: (transfer full) (element-type LinliSiteState): an empty list
 *   that frees its states
 */
GPtrArray *
linli_site_states_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) linli_site_state_free);
}

/**
 * linli_site_states_copy:
 * @states: (element-type LinliSiteState)
 *
 * Returns: (transfer full) (element-type LinliSiteState): a deep copy
 */
GPtrArray *
linli_site_states_copy (GPtrArray *states)
{
  GPtrArray *copy = linli_site_states_new ();

  for (guint i = 0; i < states->len; i++)
    g_ptr_array_add (copy, linli_site_state_copy (states->pdata[i]));
  return copy;
}

/* Maps each state's id to the state. */
static GHashTable *
index_states (GPtrArray *states)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < states->len; i++)
    {
      const LinliSiteState *state = states->pdata[i];

      g_hash_table_insert (index, state->id, (gpointer) state);
    }
  return index;
}

/* Decisions */

/**
 * linli_decisions_new:
 *
 * Returns: (transfer full): no decisions: the base as it is
 */
LinliDecisions *
linli_decisions_new (void)
{
  LinliDecisions *self = g_new0 (LinliDecisions, 1);

  self->sites = linli_site_states_new ();
  self->removed = g_ptr_array_new_with_free_func (g_free);
  return self;
}

LinliDecisions *
linli_decisions_copy (const LinliDecisions *self)
{
  LinliDecisions *copy = g_new0 (LinliDecisions, 1);

  copy->sites = linli_site_states_copy (self->sites);
  copy->removed = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->removed->len; i++)
    g_ptr_array_add (copy->removed, g_strdup (self->removed->pdata[i]));
  return copy;
}

void
linli_decisions_free (LinliDecisions *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->sites);
  g_ptr_array_unref (self->removed);
  g_free (self);
}

gboolean
linli_decisions_is_empty (const LinliDecisions *self)
{
  return self->sites->len == 0 && self->removed->len == 0;
}

/**
 * linli_decisions_diff:
 * @base: (element-type LinliSiteState): the base's sites
 * @sites: (element-type LinliSiteState): the sites of a scenario
 *
 * What turns @base into @sites: every site of @sites that the base lacks or
 * holds with other values, in the order of @sites, and the ids of the base
 * sites @sites lacks, in the base's order.
 *
 * Returns: (transfer full): the decisions
 */
LinliDecisions *
linli_decisions_diff (GPtrArray *base,
                      GPtrArray *sites)
{
  LinliDecisions *self = linli_decisions_new ();
  g_autoptr (GHashTable) in_base = index_states (base);
  g_autoptr (GHashTable) in_sites = index_states (sites);

  for (guint i = 0; i < sites->len; i++)
    {
      const LinliSiteState *state = sites->pdata[i];
      const LinliSiteState *was = g_hash_table_lookup (in_base, state->id);

      if (was == NULL || !linli_site_state_equal (was, state))
        g_ptr_array_add (self->sites, linli_site_state_copy (state));
    }
  for (guint i = 0; i < base->len; i++)
    {
      const LinliSiteState *state = base->pdata[i];

      if (!g_hash_table_contains (in_sites, state->id))
        g_ptr_array_add (self->removed, g_strdup (state->id));
    }
  return self;
}

/**
 * linli_decisions_apply:
 * @base: (element-type LinliSiteState): the base's sites
 *
 * The sites of the scenario: the base's in its order, each replaced by the
 * scenario's version when it has one and left out when it removes it, then
 * the sites the scenario adds in their order.  linli_decisions_diff() of
 * the result gives the decisions again, but for removals of sites the
 * base no longer has.
 *
 * Returns: (transfer full) (element-type LinliSiteState): the sites
 */
GPtrArray *
linli_decisions_apply (const LinliDecisions *self,
                       GPtrArray            *base)
{
  GPtrArray *sites = linli_site_states_new ();
  g_autoptr (GHashTable) decided = index_states (self->sites);
  g_autoptr (GHashTable) in_base = index_states (base);
  g_autoptr (GHashTable) removed = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->removed->len; i++)
    g_hash_table_add (removed, self->removed->pdata[i]);
  for (guint i = 0; i < base->len; i++)
    {
      const LinliSiteState *state = base->pdata[i];
      const LinliSiteState *now = g_hash_table_lookup (decided, state->id);

      if (g_hash_table_contains (removed, state->id))
        continue;
      g_ptr_array_add (sites, linli_site_state_copy (now != NULL ? now : state));
    }
  for (guint i = 0; i < self->sites->len; i++)
    {
      const LinliSiteState *state = self->sites->pdata[i];

      if (!g_hash_table_contains (in_base, state->id))
        g_ptr_array_add (sites, linli_site_state_copy (state));
    }
  return sites;
}

/**
 * linli_decisions_count:
 * @base: (element-type LinliSiteState): the base's sites
 * @added: (out) (optional): sites the base lacks
 * @changed: (out) (optional): base sites with other values
 * @removed: (out) (optional): base sites left out
 *
 * Counts the decisions as they bear on @base.
 */
void
linli_decisions_count (const LinliDecisions *self,
                       GPtrArray            *base,
                       guint                *added,
                       guint                *changed,
                       guint                *removed)
{
  g_autoptr (GHashTable) in_base = index_states (base);
  guint a = 0, c = 0, r = 0;

  for (guint i = 0; i < self->sites->len; i++)
    {
      const LinliSiteState *state = self->sites->pdata[i];

      if (g_hash_table_contains (in_base, state->id))
        c++;
      else
        a++;
    }
  for (guint i = 0; i < self->removed->len; i++)
    r += g_hash_table_contains (in_base, self->removed->pdata[i]);
  if (added)
    *added = a;
  if (changed)
    *changed = c;
  if (removed)
    *removed = r;
}

/* The scenario object */

struct _LinliScenario
{
  GObject         parent_instance;

  char           *id;
  char           *name;
  char           *note;
  LinliDecisions *decisions;
};

G_DEFINE_FINAL_TYPE (LinliScenario, linli_scenario, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_NOTE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
linli_scenario_finalize (GObject *object)
{
  LinliScenario *self = LINLI_SCENARIO (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->decisions, linli_decisions_free);
  G_OBJECT_CLASS (linli_scenario_parent_class)->finalize (object);
}

static void
linli_scenario_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LinliScenario *self = LINLI_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_scenario_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LinliScenario *self = LINLI_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_dup_string (value); break;
    case PROP_NAME: linli_scenario_set_name (self, g_value_get_string (value)); break;
    case PROP_NOTE: linli_scenario_set_note (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_scenario_class_init (LinliScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = linli_scenario_finalize;
  object_class->get_property = linli_scenario_get_property;
  object_class->set_property = linli_scenario_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                             G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
linli_scenario_init (LinliScenario *self)
{
  self->name = g_strdup ("");
  self->decisions = linli_decisions_new ();
}

/**
 * linli_scenario_new:
 * @id: unique in the project, never "base"
 * @note: (nullable): what the scenario is about
 * @decisions: (nullable): its decisions; none when %NULL
 *
 * Returns: (transfer full): a new scenario
 */
LinliScenario *
linli_scenario_new (const char           *id,
                    const char           *name,
                    const char           *note,
                    const LinliDecisions *decisions)
{
  LinliScenario *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (g_strcmp0 (id, LINLI_SCENARIO_BASE_ID) != 0, NULL);

  self = g_object_new (LINLI_TYPE_SCENARIO, "id", id, "name", name, "note", note, NULL);
  if (decisions != NULL)
    linli_scenario_set_decisions (self, decisions);
  return self;
}

/**
 * linli_scenario_copy:
 *
 * Returns: (transfer full): a scenario with the same id, name, note and decisions
 */
LinliScenario *
linli_scenario_copy (LinliScenario *self)
{
  g_return_val_if_fail (LINLI_IS_SCENARIO (self), NULL);
  return linli_scenario_new (self->id, self->name, self->note, self->decisions);
}

const char *
linli_scenario_get_id (LinliScenario *self)
{
  g_return_val_if_fail (LINLI_IS_SCENARIO (self), NULL);
  return self->id;
}

const char *
linli_scenario_get_name (LinliScenario *self)
{
  g_return_val_if_fail (LINLI_IS_SCENARIO (self), NULL);
  return self->name;
}

void
linli_scenario_set_name (LinliScenario *self,
                         const char    *name)
{
  g_return_if_fail (LINLI_IS_SCENARIO (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
linli_scenario_get_note (LinliScenario *self)
{
  g_return_val_if_fail (LINLI_IS_SCENARIO (self), NULL);
  return self->note;
}

void
linli_scenario_set_note (LinliScenario *self,
                         const char    *note)
{
  g_return_if_fail (LINLI_IS_SCENARIO (self));

  /* An empty note is no note, so a round trip through a file keeps it. */
  if (note != NULL && note[0] == '\0')
    note = NULL;
  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/**
 * linli_scenario_get_decisions:
 *
 * Returns: (transfer none): the decisions as stored.  For the active
 *   scenario the project's sites are the truth and these are stale; ask
 *   linli_scenario_project_dup_decisions() instead.
 */
const LinliDecisions *
linli_scenario_get_decisions (LinliScenario *self)
{
  g_return_val_if_fail (LINLI_IS_SCENARIO (self), NULL);
  return self->decisions;
}

void
linli_scenario_set_decisions (LinliScenario        *self,
                              const LinliDecisions *decisions)
{
  g_return_if_fail (LINLI_IS_SCENARIO (self));
  g_return_if_fail (decisions != NULL);

  if (decisions == self->decisions)
    return;
  linli_decisions_free (self->decisions);
  self->decisions = linli_decisions_copy (decisions);
}
