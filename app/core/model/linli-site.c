/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-site"

#include "linli-site.h"

#include <math.h>

struct _LinliSite
{
  GObject        parent_instance;
  LinliSiteState state;
  guint          change_freeze;   /* inside linli_site_apply_state() */
  gboolean       change_pending;
};

G_DEFINE_FINAL_TYPE (LinliSite, linli_site, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_TIER,
  PROP_STATUS,
  PROP_LAT,
  PROP_LON,
  PROP_CAPACITY,
  PROP_SERVICES,
  PROP_EXTRA_SERVICES,
  PROP_COST,
  PROP_PLAN_RULE,
  PROP_ADDRESS,
  PROP_AREA,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static const char *tier_names[] = { "street", "community", "station", "neighbourhood" };
static const char *status_names[] = { "existing", "candidate", "planned" };
static const char *plan_rule_names[] = { "allowed", "required", "forbidden" };
static const char *service_names[] = { "childcare", "elderly", "health", "food", "leisure", "affairs" };

G_STATIC_ASSERT (G_N_ELEMENTS (tier_names) == LINLI_SITE_N_TIERS);
G_STATIC_ASSERT (G_N_ELEMENTS (status_names) == LINLI_SITE_N_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (service_names) == LINLI_N_SERVICES);
G_STATIC_ASSERT (G_N_ELEMENTS (plan_rule_names) == LINLI_SITE_N_PLAN_RULES);

/* Auxiliary methods */

/* One "changed" per edit, however many properties it touched. */
static void
emit_changed (LinliSite *self)
{
  if (self->change_freeze > 0)
    self->change_pending = TRUE;
  else
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

const char *
linli_site_tier_to_string (LinliSiteTier tier)
{
  g_return_val_if_fail (tier < LINLI_SITE_N_TIERS, NULL);
  return tier_names[tier];
}

gboolean
linli_site_tier_from_string (const char    *str,
                             LinliSiteTier *tier)
{
  for (guint i = 0; i < G_N_ELEMENTS (tier_names); i++)
    if (g_strcmp0 (str, tier_names[i]) == 0)
      {
        *tier = i;
        return TRUE;
      }
  return FALSE;
}

const char *
linli_site_status_to_string (LinliSiteStatus status)
{
  g_return_val_if_fail (status < LINLI_SITE_N_STATUSES, NULL);
  return status_names[status];
}

gboolean
linli_site_status_from_string (const char      *str,
                               LinliSiteStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (str, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
linli_site_plan_rule_to_string (LinliSitePlanRule rule)
{
  g_return_val_if_fail (rule < LINLI_SITE_N_PLAN_RULES, NULL);
  return plan_rule_names[rule];
}

gboolean
linli_site_plan_rule_from_string (const char        *str,
                                  LinliSitePlanRule *rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (plan_rule_names); i++)
    if (g_strcmp0 (str, plan_rule_names[i]) == 0)
      {
        *rule = i;
        return TRUE;
      }
  return FALSE;
}

const char *
linli_service_to_string (LinliServices service)
{
  for (guint i = 0; i < LINLI_N_SERVICES; i++)
    if (service == (1u << i))
      return service_names[i];
  g_return_val_if_reached (NULL);
}

gboolean
linli_service_from_string (const char    *str,
                           LinliServices *service)
{
  for (guint i = 0; i < LINLI_N_SERVICES; i++)
    if (g_strcmp0 (str, service_names[i]) == 0)
      {
        *service = 1u << i;
        return TRUE;
      }
  return FALSE;
}

LinliSiteState *
linli_site_state_copy (const LinliSiteState *state)
{
  LinliSiteState *copy = g_new (LinliSiteState, 1);

  *copy = *state;
  copy->id = g_strdup (state->id);
  copy->name = g_strdup (state->name);
  copy->extra_services = g_strdup (state->extra_services);
  copy->address = g_strdup (state->address);
  return copy;
}

void
linli_site_state_clear (LinliSiteState *state)
{
  g_clear_pointer (&state->id, g_free);
  g_clear_pointer (&state->name, g_free);
  g_clear_pointer (&state->extra_services, g_free);
  g_clear_pointer (&state->address, g_free);
}

void
linli_site_state_free (LinliSiteState *state)
{
  if (state == NULL)
    return;
  linli_site_state_clear (state);
  g_free (state);
}

/* A missing text and an empty one are the same to a reader of the site. */
static gboolean
text_equal (const char *a,
            const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

/* Any area that is not positive means "not given", as the setter has it. */
static gboolean
area_equal (double a,
            double b)
{
  return a == b || (!(a > 0) && !(b > 0));
}

/**
 * linli_site_state_equal:
 *
 * Returns: whether @a and @b hold the same values, ids aside
 */
gboolean
linli_site_state_equal (const LinliSiteState *a,
                        const LinliSiteState *b)
{
  return a->lat == b->lat && a->lon == b->lon && a->tier == b->tier && a->status == b->status &&
         a->capacity == b->capacity && a->services == b->services && a->cost == b->cost &&
         a->plan_rule == b->plan_rule && text_equal (a->name, b->name) &&
         text_equal (a->extra_services, b->extra_services) && text_equal (a->address, b->address) &&
         area_equal (a->area, b->area);
}

/* GObject overrides */

static void
linli_site_finalize (GObject *object)
{
  LinliSite *self = LINLI_SITE (object);

  linli_site_state_clear (&self->state);
  G_OBJECT_CLASS (linli_site_parent_class)->finalize (object);
}

static void
linli_site_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LinliSite *self = LINLI_SITE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->state.id); break;
    case PROP_NAME: g_value_set_string (value, self->state.name); break;
    case PROP_TIER: g_value_set_uint (value, self->state.tier); break;
    case PROP_STATUS: g_value_set_uint (value, self->state.status); break;
    case PROP_LAT: g_value_set_double (value, self->state.lat); break;
    case PROP_LON: g_value_set_double (value, self->state.lon); break;
    case PROP_CAPACITY: g_value_set_uint (value, self->state.capacity); break;
    case PROP_SERVICES: g_value_set_uint (value, self->state.services); break;
    case PROP_EXTRA_SERVICES: g_value_set_string (value, self->state.extra_services); break;
    case PROP_COST: g_value_set_double (value, self->state.cost); break;
    case PROP_PLAN_RULE: g_value_set_uint (value, self->state.plan_rule); break;
    case PROP_ADDRESS: g_value_set_string (value, self->state.address); break;
    case PROP_AREA: g_value_set_double (value, self->state.area); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_site_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LinliSite *self = LINLI_SITE (object);

  switch (prop_id)
    {
    case PROP_NAME: linli_site_set_name (self, g_value_get_string (value)); break;
    case PROP_TIER: linli_site_set_tier (self, g_value_get_uint (value)); break;
    case PROP_STATUS: linli_site_set_status (self, g_value_get_uint (value)); break;
    case PROP_CAPACITY: linli_site_set_capacity (self, g_value_get_uint (value)); break;
    case PROP_SERVICES: linli_site_set_services (self, g_value_get_uint (value)); break;
    case PROP_EXTRA_SERVICES: linli_site_set_extra_services (self, g_value_get_string (value)); break;
    case PROP_COST: linli_site_set_cost (self, g_value_get_double (value)); break;
    case PROP_PLAN_RULE: linli_site_set_plan_rule (self, g_value_get_uint (value)); break;
    case PROP_ADDRESS: linli_site_set_address (self, g_value_get_string (value)); break;
    case PROP_AREA: linli_site_set_area (self, g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_site_class_init (LinliSiteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = linli_site_finalize;
  object_class->get_property = linli_site_get_property;
  object_class->set_property = linli_site_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_TIER] = g_param_spec_uint ("tier", NULL, NULL, 0, LINLI_SITE_N_TIERS - 1, 0, rw);
  properties[PROP_STATUS] = g_param_spec_uint ("status", NULL, NULL, 0, LINLI_SITE_N_STATUSES - 1, 0, rw);
  properties[PROP_LAT] = g_param_spec_double ("lat", NULL, NULL, -90, 90, 0, ro);
  properties[PROP_LON] = g_param_spec_double ("lon", NULL, NULL, -180, 180, 0, ro);
  properties[PROP_CAPACITY] = g_param_spec_uint ("capacity", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_SERVICES] = g_param_spec_uint ("services", NULL, NULL, 0, LINLI_SERVICES_ALL, 0, rw);
  properties[PROP_EXTRA_SERVICES] = g_param_spec_string ("extra-services", NULL, NULL, NULL, rw);
  properties[PROP_COST] = g_param_spec_double ("cost", NULL, NULL, -1, G_MAXDOUBLE, -1, rw);
  properties[PROP_PLAN_RULE] = g_param_spec_uint ("plan-rule", NULL, NULL, 0, LINLI_SITE_N_PLAN_RULES - 1, 0, rw);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, rw);
  properties[PROP_AREA] = g_param_spec_double ("area", NULL, NULL, -1, LINLI_SITE_MAX_AREA, -1, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LinliSite::changed:
   *
   * Emitted once after each edit of the site, however many of its
   * properties the edit touched.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
linli_site_init (LinliSite *self)
{
  self->state.cost = -1;
  self->state.area = -1;
}

/* Public API */

/**
 * linli_site_new:
 * @state: the values of the new site; its id must be set
 *
 * Returns: (transfer full): a new site
 */
LinliSite *
linli_site_new (const LinliSiteState *state)
{
  LinliSite *self;

  g_return_val_if_fail (state != NULL && state->id != NULL, NULL);

  self = g_object_new (LINLI_TYPE_SITE, NULL);
  self->state.id = g_strdup (state->id);
  self->state.name = g_strdup ("");
  self->state.lat = state->lat;  /* as given, −0 included */
  self->state.lon = state->lon;
  /* Through the setters, so a new site is normalised as an edited one is. */
  linli_site_apply_state (self, state);
  return self;
}

const char *
linli_site_get_id (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), NULL);
  return self->state.id;
}

const char *
linli_site_get_name (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), NULL);
  return self->state.name;
}

void
linli_site_set_name (LinliSite  *self,
                     const char *name)
{
  g_return_if_fail (LINLI_IS_SITE (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->state.name, name) == 0)
    return;
  g_free (self->state.name);
  self->state.name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  emit_changed (self);
}

LinliSiteTier
linli_site_get_tier (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), 0);
  return self->state.tier;
}

void
linli_site_set_tier (LinliSite    *self,
                     LinliSiteTier tier)
{
  g_return_if_fail (LINLI_IS_SITE (self));
  g_return_if_fail (tier < LINLI_SITE_N_TIERS);

  if (self->state.tier == tier)
    return;
  self->state.tier = tier;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIER]);
  emit_changed (self);
}

LinliSiteStatus
linli_site_get_status (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), 0);
  return self->state.status;
}

void
linli_site_set_status (LinliSite      *self,
                       LinliSiteStatus status)
{
  g_return_if_fail (LINLI_IS_SITE (self));
  g_return_if_fail (status < LINLI_SITE_N_STATUSES);

  if (self->state.status == status)
    return;
  self->state.status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  emit_changed (self);
}

double
linli_site_get_lat (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), 0);
  return self->state.lat;
}

double
linli_site_get_lon (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), 0);
  return self->state.lon;
}

void
linli_site_set_position (LinliSite *self,
                         double     lat,
                         double     lon)
{
  gboolean lat_changed, lon_changed;

  g_return_if_fail (LINLI_IS_SITE (self));

  lat_changed = self->state.lat != lat;
  lon_changed = self->state.lon != lon;
  if (!lat_changed && !lon_changed)
    return;

  self->state.lat = lat;
  self->state.lon = lon;
  g_object_freeze_notify (G_OBJECT (self));
  if (lat_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAT]);
  if (lon_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LON]);
  g_object_thaw_notify (G_OBJECT (self));
  emit_changed (self);
}

guint
linli_site_get_capacity (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), 0);
  return self->state.capacity;
}

void
linli_site_set_capacity (LinliSite *self,
                         guint      capacity)
{
  g_return_if_fail (LINLI_IS_SITE (self));

  capacity = MIN (capacity, LINLI_SITE_MAX_CAPACITY);
  if (self->state.capacity == capacity)
    return;
  self->state.capacity = capacity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPACITY]);
  emit_changed (self);
}

guint
linli_site_get_services (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), 0);
  return self->state.services;
}

void
linli_site_set_services (LinliSite *self,
                         guint      services)
{
  g_return_if_fail (LINLI_IS_SITE (self));

  services &= LINLI_SERVICES_ALL;
  if (self->state.services == services)
    return;
  self->state.services = services;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICES]);
  emit_changed (self);
}

const char *
linli_site_get_extra_services (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), NULL);
  return self->state.extra_services;
}

void
linli_site_set_extra_services (LinliSite  *self,
                               const char *extra)
{
  g_return_if_fail (LINLI_IS_SITE (self));

  if (extra != NULL && *extra == '\0')
    extra = NULL;
  if (g_strcmp0 (self->state.extra_services, extra) == 0)
    return;
  g_free (self->state.extra_services);
  self->state.extra_services = g_strdup (extra);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRA_SERVICES]);
  emit_changed (self);
}

double
linli_site_get_cost (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), -1);
  return self->state.cost;
}

void
linli_site_set_cost (LinliSite *self,
                     double     cost)
{
  g_return_if_fail (LINLI_IS_SITE (self));

  if (!(cost >= 0))
    cost = -1;
  cost = MIN (cost, LINLI_SITE_MAX_COST);
  if (self->state.cost == cost)
    return;
  self->state.cost = cost;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST]);
  emit_changed (self);
}

LinliSitePlanRule
linli_site_get_plan_rule (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), LINLI_SITE_PLAN_ALLOWED);
  return self->state.plan_rule;
}

/**
 * linli_site_set_plan_rule:
 *
 * Whether plans must open this candidate, may not, or decide; it matters
 * only while the site is a candidate.
 */
void
linli_site_set_plan_rule (LinliSite         *self,
                          LinliSitePlanRule  rule)
{
  g_return_if_fail (LINLI_IS_SITE (self));
  g_return_if_fail (rule < LINLI_SITE_N_PLAN_RULES);

  if (self->state.plan_rule == rule)
    return;
  self->state.plan_rule = rule;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN_RULE]);
  emit_changed (self);
}

const char *
linli_site_get_address (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), NULL);
  return self->state.address;
}

/**
 * linli_site_set_address:
 * @address: (nullable): the street address, or %NULL or "" for none
 *
 * Sets where the site is, as people write it; an empty address is none.
 */
void
linli_site_set_address (LinliSite  *self,
                        const char *address)
{
  g_return_if_fail (LINLI_IS_SITE (self));

  if (address != NULL && *address == '\0')
    address = NULL;
  if (g_strcmp0 (self->state.address, address) == 0)
    return;
  g_free (self->state.address);
  self->state.address = g_strdup (address);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
  emit_changed (self);
}

double
linli_site_get_area (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), -1);
  return self->state.area;
}

/**
 * linli_site_set_area:
 * @area: the floor area in m², or zero, a negative number or NaN for not given
 *
 * Sets the site's floor area, clamped to what the file format accepts.  No
 * site has no floor at all, so zero means "not given" too: a state built
 * from `{ 0 }` then does not claim an area of 0 m².
 */
void
linli_site_set_area (LinliSite *self,
                     double     area)
{
  g_return_if_fail (LINLI_IS_SITE (self));

  if (!(area > 0))
    area = -1;
  area = MIN (area, LINLI_SITE_MAX_AREA);
  if (self->state.area == area)
    return;
  self->state.area = area;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA]);
  emit_changed (self);
}

/**
 * linli_site_counts_for_coverage:
 *
 * Existing and planned sites serve residents; candidates are only
 * proposals and do not count in the coverage figures.
 */
gboolean
linli_site_counts_for_coverage (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), FALSE);
  return self->state.status != LINLI_SITE_STATUS_CANDIDATE;
}

LinliSiteState *
linli_site_dup_state (LinliSite *self)
{
  g_return_val_if_fail (LINLI_IS_SITE (self), NULL);
  return linli_site_state_copy (&self->state);
}

/**
 * linli_site_apply_state:
 * @state: values to take; its id is ignored
 *
 * Sets every editable value of the site at once, notifying each that changed.
 */
void
linli_site_apply_state (LinliSite            *self,
                        const LinliSiteState *state)
{
  g_return_if_fail (LINLI_IS_SITE (self));

  self->change_freeze++;
  g_object_freeze_notify (G_OBJECT (self));
  linli_site_set_name (self, state->name);
  linli_site_set_tier (self, state->tier);
  linli_site_set_status (self, state->status);
  linli_site_set_position (self, state->lat, state->lon);
  linli_site_set_capacity (self, state->capacity);
  linli_site_set_services (self, state->services);
  linli_site_set_extra_services (self, state->extra_services);
  linli_site_set_cost (self, state->cost);
  linli_site_set_plan_rule (self, MIN (state->plan_rule, LINLI_SITE_N_PLAN_RULES - 1));
  linli_site_set_address (self, state->address);
  linli_site_set_area (self, state->area);
  g_object_thaw_notify (G_OBJECT (self));
  if (--self->change_freeze == 0 && self->change_pending)
    {
      self->change_pending = FALSE;
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }
}
