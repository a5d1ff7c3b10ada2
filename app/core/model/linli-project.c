/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-project"

#include "config.h"

#include "linli-project.h"
#include "linli-project-private.h"

#include "linli-grids.h"
#include "linli-org.h"
#include "linli-partners.h"
#include "linli-scenarios.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct _LinliProject
{
  GObject         parent_instance;

  char           *name;
  char           *attribution;
  double          walk_minutes;
  double          walk_speed;
  LinliReach      reach[LINLI_SITE_N_TIERS];  /* all LINLI_REACH_PROJECT until set */
  LinliDistance   distance;
  LinliStreets   *streets;
  guint           streets_serial;
  LinliWater     *water;

  GArray         *communities;   /* LinliCommunity */
  GArray         *compounds;     /* LinliCompound */
  GArray         *buildings;     /* LinliBuilding */
  GArray         *footprints;    /* LinliLatLon */
  GStringChunk   *strings;
  GHashTable     *community_ids; /* id → index + 1 */
  GHashTable     *compound_ids;  /* id → index + 1 */

  GListStore     *sites;
  guint           next_site_id;

  LinliGrids     *grids;
  LinliOrg       *org;
  LinliPartners  *partners;
  LinliScenarios *scenarios;
  gboolean        hide_names;
  guint           change_freeze;  /* inside linli_project_freeze_changed() */
  gboolean        change_pending;
  guint           base_serial;    /* goes up with every edit of buildings, compounds, communities */

  gboolean        projection_valid;
  LinliProjection projection;
};

G_DEFINE_FINAL_TYPE (LinliProject, linli_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ATTRIBUTION,
  PROP_WALK_MINUTES,
  PROP_WALK_SPEED,
  PROP_DISTANCE,
  PROP_HIDE_NAMES,
  N_PROPS,
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Auxiliary methods */

/* Site edits say "changed" here, so that many of them at once (a switch of
 * scenario) can say it once. */
static void
emit_site_changed (LinliProject *self)
{
  if (self->change_freeze > 0)
    self->change_pending = TRUE;
  else
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* An edit of the base data changes what coverage counts (households,
 * communities) without adding buildings, so those who keep figures compare
 * the serial. */
static void
emit_base_changed (LinliProject *self)
{
  self->base_serial++;
  emit_site_changed (self);
}

static void
rebuild_ids (GHashTable *ids,
             GArray     *array,
             gsize       id_offset)
{
  g_hash_table_remove_all (ids);
  for (guint i = 0; i < array->len; i++)
    {
      const char *id = *(char **) (array->data + (gsize) i * g_array_get_element_size (array) + id_offset);

      g_hash_table_replace (ids, g_strdup (id), GUINT_TO_POINTER (i + 1));
    }
}

/* Callbacks */

static void
on_site_changed_cb (LinliProject *self,
                    LinliSite    *site)
{
  emit_site_changed (self);
}

/* GObject overrides */

static void
clear_community (gpointer data)
{
  LinliCommunity *c = data;

  g_free (c->id);
  g_free (c->name);
}

static void
clear_compound (gpointer data)
{
  LinliCompound *c = data;

  g_free (c->id);
  g_free (c->name);
}

static void
linli_project_dispose (GObject *object)
{
  LinliProject *self = LINLI_PROJECT (object);

  if (self->sites != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sites));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (LinliSite) site = g_list_model_get_item (G_LIST_MODEL (self->sites), i);
          g_signal_handlers_disconnect_by_data (site, self);
        }
    }
  g_clear_object (&self->sites);
  g_clear_object (&self->grids);
  g_clear_object (&self->org);
  g_clear_object (&self->partners);
  g_clear_object (&self->scenarios);
  G_OBJECT_CLASS (linli_project_parent_class)->dispose (object);
}

static void
linli_project_finalize (GObject *object)
{
  LinliProject *self = LINLI_PROJECT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->attribution, g_free);
  g_clear_pointer (&self->communities, g_array_unref);
  g_clear_pointer (&self->compounds, g_array_unref);
  g_clear_pointer (&self->buildings, g_array_unref);
  g_clear_pointer (&self->footprints, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->community_ids, g_hash_table_unref);
  g_clear_pointer (&self->compound_ids, g_hash_table_unref);
  g_clear_pointer (&self->streets, linli_streets_free);
  g_clear_pointer (&self->water, linli_water_free);
  G_OBJECT_CLASS (linli_project_parent_class)->finalize (object);
}

static void
linli_project_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LinliProject *self = LINLI_PROJECT (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_ATTRIBUTION: g_value_set_string (value, self->attribution); break;
    case PROP_WALK_MINUTES: g_value_set_double (value, self->walk_minutes); break;
    case PROP_WALK_SPEED: g_value_set_double (value, self->walk_speed); break;
    case PROP_DISTANCE: g_value_set_int (value, self->distance); break;
    case PROP_HIDE_NAMES: g_value_set_boolean (value, self->hide_names); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_project_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LinliProject *self = LINLI_PROJECT (object);

  switch (prop_id)
    {
    case PROP_NAME: linli_project_set_name (self, g_value_get_string (value)); break;
    case PROP_ATTRIBUTION: linli_project_set_attribution (self, g_value_get_string (value)); break;
    case PROP_WALK_MINUTES: linli_project_set_walk_minutes (self, g_value_get_double (value)); break;
    case PROP_WALK_SPEED: linli_project_set_walk_speed (self, g_value_get_double (value)); break;
    case PROP_DISTANCE: linli_project_set_distance (self, g_value_get_int (value)); break;
    case PROP_HIDE_NAMES: linli_project_set_hide_names (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_project_class_init (LinliProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = linli_project_dispose;
  object_class->finalize = linli_project_finalize;
  object_class->get_property = linli_project_get_property;
  object_class->set_property = linli_project_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  /* Whose data the project holds, for maps that show it, e.g. "© OpenStreetMap contributors". */
  properties[PROP_ATTRIBUTION] = g_param_spec_string ("attribution", NULL, NULL, "", rw);
  properties[PROP_WALK_MINUTES] = g_param_spec_double ("walk-minutes", NULL, NULL, 1, 120,
                                                       LINLI_DEFAULT_WALK_MINUTES, rw);
  properties[PROP_WALK_SPEED] = g_param_spec_double ("walk-speed", NULL, NULL, 1, 10,
                                                     LINLI_DEFAULT_WALK_SPEED_KMH, rw);
  /* A LinliDistance. */
  properties[PROP_DISTANCE] = g_param_spec_int ("distance", NULL, NULL, LINLI_DISTANCE_LINE,
                                                LINLI_DISTANCE_STREET, LINLI_DISTANCE_LINE, rw);
  properties[PROP_HIDE_NAMES] = g_param_spec_boolean ("hide-names", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LinliProject::changed:
   *
   * Emitted after anything that coverage depends on changed: a site was
   * added, removed or edited, or the walking settings changed.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
linli_project_init (LinliProject *self)
{
  self->name = g_strdup ("");
  self->attribution = g_strdup ("");
  self->walk_minutes = LINLI_DEFAULT_WALK_MINUTES;
  self->walk_speed = LINLI_DEFAULT_WALK_SPEED_KMH;
  self->distance = LINLI_DISTANCE_LINE;
  self->streets = linli_streets_new ();
  self->water = linli_water_new ();
  self->communities = g_array_new (FALSE, FALSE, sizeof (LinliCommunity));
  g_array_set_clear_func (self->communities, clear_community);
  self->compounds = g_array_new (FALSE, FALSE, sizeof (LinliCompound));
  g_array_set_clear_func (self->compounds, clear_compound);
  self->buildings = g_array_new (FALSE, FALSE, sizeof (LinliBuilding));
  self->footprints = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  self->strings = g_string_chunk_new (64 * 1024);
  self->community_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->compound_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sites = g_list_store_new (LINLI_TYPE_SITE);
  self->next_site_id = 1;
  self->grids = linli_grids_new ();
  self->scenarios = linli_scenarios_new ();
  self->org = linli_org_new ();
  self->partners = linli_partners_new ();
}

/* Public API */

/* Loaders */

/* Asks the kernel to back a large array with huge pages: a district's
 * buildings and outlines take tens of megabytes, and faulting them in 4 KB
 * at a time costs more than reading them. */
static void
advise_huge_pages (gpointer data,
                   gsize    size)
{
#ifdef MADV_HUGEPAGE
  guintptr page = (guintptr) sysconf (_SC_PAGESIZE);
  guintptr start = ((guintptr) data + page - 1) & ~(page - 1);
  guintptr end = ((guintptr) data + size) & ~(page - 1);

  if (size >= 4 * 1024 * 1024 && end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

static void
reserve_array (GArray **array,
               guint    element_size,
               guint    n)
{
  if ((*array)->len > 0 || n == 0)
    return;
  g_array_unref (*array);
  *array = g_array_sized_new (FALSE, FALSE, element_size, n);
  advise_huge_pages ((*array)->data, (gsize) n * element_size);
}

/**
 * _linli_project_reserve:
 * @n_buildings: buildings expected, at most
 * @n_footprint_points: outline points expected, at most
 *
 * Makes room before a load adds buildings, so their arrays neither grow
 * step by step nor fault in page by page.  Room not used costs address
 * space only.  Does nothing once buildings are there.
 */
void
_linli_project_reserve (LinliProject *self,
                        guint         n_buildings,
                        guint         n_footprint_points)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));

  reserve_array (&self->buildings, sizeof (LinliBuilding), MIN (n_buildings, 4u * 1024 * 1024));
  reserve_array (&self->footprints, sizeof (LinliLatLon), MIN (n_footprint_points, 32u * 1024 * 1024));
}

/**
 * linli_project_new:
 *
 * Returns: (transfer full): an empty project with the default walking settings
 */
LinliProject *
linli_project_new (void)
{
  return g_object_new (LINLI_TYPE_PROJECT, NULL);
}

const char *
linli_project_get_name (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  return self->name;
}

void
linli_project_set_name (LinliProject *self,
                        const char   *name)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
linli_project_get_attribution (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  return self->attribution;
}

void
linli_project_set_attribution (LinliProject *self,
                               const char   *attribution)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));

  if (attribution == NULL)
    attribution = "";
  if (g_strcmp0 (self->attribution, attribution) == 0)
    return;
  g_free (self->attribution);
  self->attribution = g_strdup (attribution);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTRIBUTION]);
}

double
linli_project_get_walk_minutes (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  return self->walk_minutes;
}

void
linli_project_set_walk_minutes (LinliProject *self,
                                double        minutes)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (minutes >= 1 && minutes <= 120);

  if (self->walk_minutes == minutes)
    return;
  self->walk_minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WALK_MINUTES]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

double
linli_project_get_walk_speed (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  return self->walk_speed;
}

void
linli_project_set_walk_speed (LinliProject *self,
                              double        kmh)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (kmh >= 1 && kmh <= 10);

  if (self->walk_speed == kmh)
    return;
  self->walk_speed = kmh;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WALK_SPEED]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/**
 * linli_project_get_coverage_radius:
 *
 * Returns: the straight-line coverage radius in metres: walk minutes × speed
 */
double
linli_project_get_coverage_radius (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  return self->walk_minutes * self->walk_speed * 1000.0 / 60.0;
}

/* The GB 50180-2018 life-circle tiers as walking distances in metres. */
static double
reach_metres (LinliProject     *self,
              const LinliReach *reach)
{
  switch (reach->rule)
    {
    case LINLI_REACH_WALK: return reach->minutes * self->walk_speed * 1000.0 / 60.0;
    case LINLI_REACH_GB_5: return 300.0;
    case LINLI_REACH_GB_10: return 500.0;
    case LINLI_REACH_GB_15: return 1000.0;
    case LINLI_REACH_PROJECT:
    case LINLI_N_REACH_RULES:
    default:
      return linli_project_get_coverage_radius (self);
    }
}

/**
 * linli_reach_is_valid:
 *
 * Returns: whether @reach names a rule, with minutes from 1 to 120 when it
 *   is the tier's own walk
 */
gboolean
linli_reach_is_valid (const LinliReach *reach)
{
  if (reach == NULL || reach->rule >= LINLI_N_REACH_RULES)
    return FALSE;
  return reach->rule != LINLI_REACH_WALK || (reach->minutes >= 1 && reach->minutes <= 120);
}

/**
 * linli_reach_equal:
 *
 * Returns: whether @a and @b reach as far by the same rule; minutes count
 *   only for the tier's own walk
 */
gboolean
linli_reach_equal (const LinliReach *a,
                   const LinliReach *b)
{
  return a->rule == b->rule && (a->rule != LINLI_REACH_WALK || a->minutes == b->minutes);
}

/**
 * linli_reach_to_string:
 *
 * Returns: (transfer full): the rule as the file writes it: "project",
 *   "gb-5", "gb-10", "gb-15", or the tier's own minutes as a number
 */
char *
linli_reach_to_string (const LinliReach *reach)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (linli_reach_is_valid (reach), NULL);
  switch (reach->rule)
    {
    case LINLI_REACH_GB_5: return g_strdup ("gb-5");
    case LINLI_REACH_GB_10: return g_strdup ("gb-10");
    case LINLI_REACH_GB_15: return g_strdup ("gb-15");
    case LINLI_REACH_WALK: return g_strdup (g_ascii_dtostr (buf, sizeof buf, reach->minutes));
    case LINLI_REACH_PROJECT:
    case LINLI_N_REACH_RULES:
    default:
      return g_strdup ("project");
    }
}

/**
 * linli_reach_from_string:
 * @reach: (out): the rule read
 *
 * Reads what linli_reach_to_string() writes.  Minutes must be a plain
 * decimal number from 1 to 120.
 *
 * Returns: %TRUE if @string is a rule
 */
gboolean
linli_reach_from_string (const char *string,
                         LinliReach *reach)
{
  static const struct { const char *name; LinliReachRule rule; } names[] = {
    { "project", LINLI_REACH_PROJECT },
    { "gb-5", LINLI_REACH_GB_5 },
    { "gb-10", LINLI_REACH_GB_10 },
    { "gb-15", LINLI_REACH_GB_15 },
  };
  char *end = NULL;
  double minutes;

  if (string == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (string, names[i].name) == 0)
      {
        reach->rule = names[i].rule;
        reach->minutes = 0;
        return TRUE;
      }
  /* Only digits and one point: no signs, exponents, spaces, inf or nan. */
  if (string[0] == '\0' || strspn (string, "0123456789.") != strlen (string) ||
      strlen (string) > 32)
    return FALSE;
  minutes = g_ascii_strtod (string, &end);
  if (end == NULL || *end != '\0' || !(minutes >= 1 && minutes <= 120))
    return FALSE;
  reach->rule = LINLI_REACH_WALK;
  reach->minutes = minutes;
  return TRUE;
}

/**
 * linli_project_get_tier_reach:
 * @reach: (out): the tier's rule
 *
 * Gets how far sites of @tier reach.  A tier not set follows the project's
 * walk (%LINLI_REACH_PROJECT), as in files from before tiers had their own.
 */
void
linli_project_get_tier_reach (LinliProject  *self,
                              LinliSiteTier  tier,
                              LinliReach    *reach)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (tier < LINLI_SITE_N_TIERS);
  *reach = self->reach[tier];
}

/**
 * linli_project_set_tier_reach:
 *
 * Sets how far sites of @tier reach; emits #LinliProject::changed.
 */
void
linli_project_set_tier_reach (LinliProject     *self,
                              LinliSiteTier     tier,
                              const LinliReach *reach)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (tier < LINLI_SITE_N_TIERS);
  g_return_if_fail (linli_reach_is_valid (reach));

  if (linli_reach_equal (&self->reach[tier], reach))
    return;
  self->reach[tier] = *reach;
  if (reach->rule != LINLI_REACH_WALK)
    self->reach[tier].minutes = 0;
  emit_site_changed (self);
}

/**
 * linli_project_get_reach:
 *
 * Returns: how far a site of @tier reaches, in metres: straight-line radius
 *   or walk along streets, whichever the project measures
 */
double
linli_project_get_reach (LinliProject  *self,
                         LinliSiteTier  tier)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  g_return_val_if_fail (tier < LINLI_SITE_N_TIERS, 0);
  return reach_metres (self, &self->reach[tier]);
}

/**
 * linli_project_get_site_reach:
 *
 * Returns: how far @site reaches, by its tier's rule, in metres
 */
double
linli_project_get_site_reach (LinliProject *self,
                              LinliSite    *site)
{
  g_return_val_if_fail (LINLI_IS_SITE (site), 0);
  return linli_project_get_reach (self, linli_site_get_tier (site));
}

/**
 * linli_project_get_max_reach:
 *
 * Returns: the longest reach of any tier, in metres
 */
double
linli_project_get_max_reach (LinliProject *self)
{
  double max = 0;

  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    max = MAX (max, reach_metres (self, &self->reach[t]));
  return max;
}

/**
 * linli_project_has_tier_reaches:
 *
 * Returns: whether some tier has a rule of its own rather than the
 *   project's walk
 */
gboolean
linli_project_has_tier_reaches (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), FALSE);
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    if (self->reach[t].rule != LINLI_REACH_PROJECT)
      return TRUE;
  return FALSE;
}

static char *
describe_one (LinliProject     *self,
              const LinliReach *reach)
{
  switch (reach->rule)
    {
    case LINLI_REACH_GB_5:
      /* Translators: a GB 50180-2018 life-circle tier as a coverage rule */
      return g_strdup (_("GB 50180 5-minute circle, 300 m"));
    case LINLI_REACH_GB_10:
      /* Translators: a GB 50180-2018 life-circle tier as a coverage rule */
      return g_strdup (_("GB 50180 10-minute circle, 500 m"));
    case LINLI_REACH_GB_15:
      /* Translators: a GB 50180-2018 life-circle tier as a coverage rule */
      return g_strdup (_("GB 50180 15-minute circle, 1,000 m"));
    case LINLI_REACH_WALK:
      /* Translators: a tier's own walk as a coverage rule */
      return g_strdup_printf (_("%.0f min = %.0f m"), reach->minutes, reach_metres (self, reach));
    case LINLI_REACH_PROJECT:
    case LINLI_N_REACH_RULES:
    default:
      return g_strdup_printf (_("%.0f min = %.0f m"), self->walk_minutes,
                              linli_project_get_coverage_radius (self));
    }
}

/**
 * linli_project_describe_reach:
 * @distance: how coverage measures walks, as in force (straight line when
 *   the project has no streets)
 *
 * Words the coverage rule in force for a legend: the project's walk when
 * every tier follows it, else each of the street, community and station
 * tiers with its own rule (the neighbourhood tier too when it differs from
 * the station tier), and how walks are measured.
 *
 * Returns: (transfer full): the translated rule
 */
char *
linli_project_describe_reach (LinliProject  *self,
                              LinliDistance  distance)
{
  static const char *const tier_labels[] = {
    N_("street centres"), N_("community centres"), N_("stations"), N_("neighbourhood centres"),
  };
  g_autoptr (GString) text = NULL;

  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);

  if (!linli_project_has_tier_reaches (self))
    {
      if (distance == LINLI_DISTANCE_STREET)
        /* Translators: the coverage rule shown in the legend */
        return g_strdup_printf (_("%.0f min walk at %.1f km/h = %.0f m, along streets"),
                                self->walk_minutes, self->walk_speed,
                                linli_project_get_coverage_radius (self));
      /* Translators: the coverage rule shown in the legend */
      return g_strdup_printf (_("%.0f min walk at %.1f km/h = %.0f m, straight line"),
                              self->walk_minutes, self->walk_speed,
                              linli_project_get_coverage_radius (self));
    }

  text = g_string_new (NULL);
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    {
      g_autofree char *one = NULL;

      if (t == LINLI_SITE_TIER_NEIGHBOURHOOD &&
          reach_metres (self, &self->reach[t]) == reach_metres (self, &self->reach[LINLI_SITE_TIER_STATION]))
        continue;
      one = describe_one (self, &self->reach[t]);
      /* One tier a line, so a legend stays narrow. */
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: one tier's coverage rule in the legend, e.g. "stations: 5 min = 375 m" */
      g_string_append_printf (text, _("%s: %s"), _(tier_labels[t]), one);
    }
  if (distance == LINLI_DISTANCE_STREET)
    /* Translators: the per-tier coverage rules, measured along streets */
    return g_strdup_printf (_("%s\nwalking at %.1f km/h along streets"), text->str, self->walk_speed);
  /* Translators: the per-tier coverage rules, measured as straight lines */
  return g_strdup_printf (_("%s\nwalking at %.1f km/h, straight line"), text->str, self->walk_speed);
}

/**
 * linli_project_get_distance:
 *
 * Returns: how coverage measures walks: straight line or along streets.
 *   Along streets needs streets; without them it falls back to the line.
 */
LinliDistance
linli_project_get_distance (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), LINLI_DISTANCE_LINE);
  return self->distance;
}

void
linli_project_set_distance (LinliProject  *self,
                            LinliDistance  distance)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (distance == LINLI_DISTANCE_LINE || distance == LINLI_DISTANCE_STREET);

  if (self->distance == distance)
    return;
  self->distance = distance;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTANCE]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

const char *
linli_distance_to_string (LinliDistance distance)
{
  return distance == LINLI_DISTANCE_STREET ? "street" : "line";
}

gboolean
linli_distance_from_string (const char    *string,
                            LinliDistance *distance)
{
  if (g_strcmp0 (string, "line") == 0)
    *distance = LINLI_DISTANCE_LINE;
  else if (g_strcmp0 (string, "street") == 0)
    *distance = LINLI_DISTANCE_STREET;
  else
    return FALSE;
  return TRUE;
}

/**
 * linli_project_get_streets:
 *
 * Returns: (transfer none): the walkable streets; empty if none were imported
 */
const LinliStreets *
linli_project_get_streets (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  return self->streets;
}

/**
 * linli_project_set_streets:
 * @streets: (transfer full): the new street network
 *
 * Replaces the streets.  Coverage and walking graphs made before notice by
 * the serial number, which goes up.
 */
void
linli_project_set_streets (LinliProject *self,
                           LinliStreets *streets)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (streets != NULL);

  linli_streets_free (self->streets);
  self->streets = streets;
  self->streets_serial++;
  self->projection_valid = FALSE;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

gboolean
linli_project_has_streets (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), FALSE);
  return linli_streets_get_n_segments (self->streets) > 0;
}

guint
linli_project_get_streets_serial (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  return self->streets_serial;
}

/**
 * linli_project_get_water:
 *
 * Returns: (transfer none): the rivers, canals and lakes; empty if none
 *   were imported
 */
const LinliWater *
linli_project_get_water (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  return self->water;
}

/**
 * linli_project_set_water:
 * @water: (transfer full): the new water
 *
 * Replaces the water.  Coverage does not depend on it, so no signal: it
 * is set when a project is made or loaded, and read when grids are
 * proposed and the map is drawn.
 */
void
linli_project_set_water (LinliProject *self,
                         LinliWater   *water)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (water != NULL);

  linli_water_free (self->water);
  self->water = water;
}

gboolean
linli_project_has_water (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), FALSE);
  return !linli_water_is_empty (self->water);
}

guint
linli_project_add_community (LinliProject *self,
                             const char   *id,
                             const char   *name)
{
  LinliCommunity c;

  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  g_return_val_if_fail (id != NULL, 0);

  c.id = g_strdup (id);
  c.name = g_strdup (name ? name : "");
  g_array_append_val (self->communities, c);
  g_hash_table_replace (self->community_ids, g_strdup (id), GUINT_TO_POINTER (self->communities->len));
  return self->communities->len - 1;
}

guint
linli_project_get_n_communities (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  return self->communities->len;
}

const LinliCommunity *
linli_project_get_community (LinliProject *self,
                             guint         index)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  g_return_val_if_fail (index < self->communities->len, NULL);
  return &g_array_index (self->communities, LinliCommunity, index);
}

/**
 * linli_project_find_community:
 *
 * Returns: the index of the community with @id, or -1
 */
int
linli_project_find_community (LinliProject *self,
                              const char   *id)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), -1);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->community_ids, id)) - 1;
}

guint
linli_project_add_compound (LinliProject *self,
                            const char   *id,
                            const char   *name,
                            guint         community)
{
  LinliCompound c;

  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  g_return_val_if_fail (id != NULL, 0);
  g_return_val_if_fail (community < self->communities->len, 0);

  c.id = g_strdup (id);
  c.name = g_strdup (name ? name : "");
  c.community = community;
  g_array_append_val (self->compounds, c);
  g_hash_table_replace (self->compound_ids, g_strdup (id), GUINT_TO_POINTER (self->compounds->len));
  return self->compounds->len - 1;
}

guint
linli_project_get_n_compounds (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  return self->compounds->len;
}

const LinliCompound *
linli_project_get_compound (LinliProject *self,
                            guint         index)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  g_return_val_if_fail (index < self->compounds->len, NULL);
  return &g_array_index (self->compounds, LinliCompound, index);
}

int
linli_project_find_compound (LinliProject *self,
                             const char   *id)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), -1);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->compound_ids, id)) - 1;
}

/**
 * linli_project_add_building:
 * @building: the building; its strings are copied, its footprint fields ignored
 * @footprint: (nullable): outline points, or %NULL
 * @n_footprint: number of outline points
 *
 * Returns: the index of the new building
 */
guint
linli_project_add_building (LinliProject        *self,
                            const LinliBuilding *building,
                            const LinliLatLon   *footprint,
                            guint                n_footprint)
{
  LinliBuilding b;

  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  g_return_val_if_fail (building->compound < self->compounds->len, 0);

  b = *building;
  b.id = g_string_chunk_insert (self->strings, building->id ? building->id : "");
  b.name = g_string_chunk_insert (self->strings, building->name ? building->name : "");
  /* Kinds repeat ("residential", "apartments"): one copy of each. */
  b.kind = g_string_chunk_insert_const (self->strings, building->kind ? building->kind : "");
  b.footprint_start = self->footprints->len;
  b.footprint_len = footprint != NULL ? n_footprint : 0;
  if (b.footprint_len > 0)
    g_array_append_vals (self->footprints, footprint, n_footprint);
  g_array_append_val (self->buildings, b);
  self->projection_valid = FALSE;
  return self->buildings->len - 1;
}

/**
 * linli_project_set_footprint:
 * @footprint: (array length=n_footprint): outline points
 *
 * Gives a building its outline.  Meant for loaders, once per building:
 * the points of an outline set before stay in memory until the project goes.
 */
void
linli_project_set_footprint (LinliProject      *self,
                             guint              building,
                             const LinliLatLon *footprint,
                             guint              n_footprint)
{
  LinliBuilding *b;

  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (building < self->buildings->len);

  b = &g_array_index (self->buildings, LinliBuilding, building);
  b->footprint_start = self->footprints->len;
  b->footprint_len = footprint != NULL ? n_footprint : 0;
  if (b->footprint_len > 0)
    g_array_append_vals (self->footprints, footprint, n_footprint);
}

/**
 * linli_project_set_building_flags:
 * @flags: #LinliBuildingFlags
 *
 * Sets what is known of how a building's figures were obtained.  Coverage
 * does not depend on it, so no signal.
 */
void
linli_project_set_building_flags (LinliProject *self,
                                  guint         building,
                                  guint32       flags)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (building < self->buildings->len);

  g_array_index (self->buildings, LinliBuilding, building).flags = flags;
}

guint
linli_project_get_n_buildings (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  return self->buildings->len;
}

const LinliBuilding *
linli_project_get_building (LinliProject *self,
                            guint         index)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  g_return_val_if_fail (index < self->buildings->len, NULL);
  return &g_array_index (self->buildings, LinliBuilding, index);
}

/**
 * linli_project_get_buildings:
 *
 * Returns: (transfer none): the array of all buildings, valid until the next
 * building is added
 */
const LinliBuilding *
linli_project_get_buildings (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  return (const LinliBuilding *) self->buildings->data;
}

const LinliLatLon *
linli_project_get_footprint (LinliProject *self,
                             guint         building,
                             guint        *n_points)
{
  const LinliBuilding *b;

  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  g_return_val_if_fail (building < self->buildings->len, NULL);

  b = &g_array_index (self->buildings, LinliBuilding, building);
  *n_points = b->footprint_len;
  if (b->footprint_len == 0)
    return NULL;
  return &g_array_index (self->footprints, LinliLatLon, b->footprint_start);
}

guint
linli_project_building_community (LinliProject *self,
                                  guint         building)
{
  const LinliBuilding *b = linli_project_get_building (self, building);

  return g_array_index (self->compounds, LinliCompound, b->compound).community;
}

/* Base data edits */

/**
 * linli_project_get_base_serial:
 *
 * Returns: a number that goes up whenever a building's fields, a compound
 *   or a community change in place, so that figures kept from before can
 *   tell they are stale even though no building was added
 */
guint
linli_project_get_base_serial (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  return self->base_serial;
}

/**
 * linli_project_set_building_fields:
 * @fields: the new name, compound, households, residents, party members
 *   and flags; its id, position and footprint fields are ignored
 *
 * Changes what can be edited of a building and emits #LinliProject::changed
 * (held back by linli_project_freeze_changed()).  A name already held by
 * the project is kept as is, so undo and redo do not copy names again.
 */
void
linli_project_set_building_fields (LinliProject        *self,
                                   guint                building,
                                   const LinliBuilding *fields)
{
  LinliBuilding *b;
  const char *name;

  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (building < self->buildings->len);
  g_return_if_fail (fields->compound < self->compounds->len);

  b = &g_array_index (self->buildings, LinliBuilding, building);
  name = fields->name ? fields->name : "";
  if (name != b->name && strcmp (name, b->name) != 0)
    b->name = g_string_chunk_insert (self->strings, name);
  b->compound = fields->compound;
  b->households = fields->households;
  b->residents = fields->residents;
  b->party_members = fields->party_members;
  b->flags = fields->flags;
  emit_base_changed (self);
}

/**
 * linli_project_insert_community:
 * @index: where it goes; compounds of the communities from there on follow
 * @id: an id no community has
 *
 * Adds a community in the middle of the list, as undoing its removal does.
 */
void
linli_project_insert_community (LinliProject *self,
                                guint         index,
                                const char   *id,
                                const char   *name)
{
  LinliCommunity c;

  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (index <= self->communities->len);
  g_return_if_fail (id != NULL && linli_project_find_community (self, id) < 0);

  c.id = g_strdup (id);
  c.name = g_strdup (name ? name : "");
  g_array_insert_val (self->communities, index, c);
  for (guint k = 0; k < self->compounds->len; k++)
    {
      LinliCompound *compound = &g_array_index (self->compounds, LinliCompound, k);

      if (compound->community >= index)
        compound->community++;
    }
  rebuild_ids (self->community_ids, self->communities, G_STRUCT_OFFSET (LinliCommunity, id));
  emit_base_changed (self);
}

/**
 * linli_project_remove_community:
 *
 * Removes a community no compound belongs to; the compounds of later
 * communities follow.  What else refers to communities by index (grids,
 * boundaries, committees) is the caller's to keep right.
 */
void
linli_project_remove_community (LinliProject *self,
                                guint         index)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (index < self->communities->len);

  for (guint k = 0; k < self->compounds->len; k++)
    g_return_if_fail (g_array_index (self->compounds, LinliCompound, k).community != index);
  g_array_remove_index (self->communities, index);
  for (guint k = 0; k < self->compounds->len; k++)
    {
      LinliCompound *compound = &g_array_index (self->compounds, LinliCompound, k);

      if (compound->community > index)
        compound->community--;
    }
  rebuild_ids (self->community_ids, self->communities, G_STRUCT_OFFSET (LinliCommunity, id));
  emit_base_changed (self);
}

void
linli_project_set_community_name (LinliProject *self,
                                  guint         index,
                                  const char   *name)
{
  LinliCommunity *c;

  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (index < self->communities->len);

  c = &g_array_index (self->communities, LinliCommunity, index);
  if (g_strcmp0 (c->name, name ? name : "") == 0)
    return;
  g_free (c->name);
  c->name = g_strdup (name ? name : "");
  emit_base_changed (self);
}

/**
 * linli_project_insert_compound:
 * @index: where it goes; buildings of the compounds from there on follow
 * @id: an id no compound has
 */
void
linli_project_insert_compound (LinliProject *self,
                               guint         index,
                               const char   *id,
                               const char   *name,
                               guint         community)
{
  LinliCompound c;

  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (index <= self->compounds->len);
  g_return_if_fail (community < self->communities->len);
  g_return_if_fail (id != NULL && linli_project_find_compound (self, id) < 0);

  c.id = g_strdup (id);
  c.name = g_strdup (name ? name : "");
  c.community = community;
  g_array_insert_val (self->compounds, index, c);
  if (index + 1 < self->compounds->len)
    for (guint i = 0; i < self->buildings->len; i++)
      {
        LinliBuilding *b = &g_array_index (self->buildings, LinliBuilding, i);

        if (b->compound >= index)
          b->compound++;
      }
  rebuild_ids (self->compound_ids, self->compounds, G_STRUCT_OFFSET (LinliCompound, id));
  emit_base_changed (self);
}

/**
 * linli_project_remove_compound:
 *
 * Removes a compound no building belongs to; the buildings of later
 * compounds follow.  What else refers to compounds by index (boundaries,
 * branches) is the caller's to keep right.
 */
void
linli_project_remove_compound (LinliProject *self,
                               guint         index)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (index < self->compounds->len);

  for (guint i = 0; i < self->buildings->len; i++)
    g_return_if_fail (g_array_index (self->buildings, LinliBuilding, i).compound != index);
  g_array_remove_index (self->compounds, index);
  if (index < self->compounds->len)
    for (guint i = 0; i < self->buildings->len; i++)
      {
        LinliBuilding *b = &g_array_index (self->buildings, LinliBuilding, i);

        if (b->compound > index)
          b->compound--;
      }
  rebuild_ids (self->compound_ids, self->compounds, G_STRUCT_OFFSET (LinliCompound, id));
  emit_base_changed (self);
}

/**
 * linli_project_set_compound:
 * @community: the community it now belongs to
 *
 * Renames a compound or moves it, with its buildings, to another community.
 */
void
linli_project_set_compound (LinliProject *self,
                            guint         index,
                            const char   *name,
                            guint         community)
{
  LinliCompound *c;

  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (index < self->compounds->len);
  g_return_if_fail (community < self->communities->len);

  c = &g_array_index (self->compounds, LinliCompound, index);
  if (g_strcmp0 (c->name, name ? name : "") == 0 && c->community == community)
    return;
  g_free (c->name);
  c->name = g_strdup (name ? name : "");
  c->community = community;
  emit_base_changed (self);
}

GListModel *
linli_project_get_sites (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->sites);
}

guint
linli_project_get_n_sites (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->sites));
}

/**
 * linli_project_get_site:
 *
 * Returns: (transfer none): the site at @position
 */
LinliSite *
linli_project_get_site (LinliProject *self,
                        guint         position)
{
  g_autoptr (LinliSite) site = NULL;

  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);

  site = g_list_model_get_item (G_LIST_MODEL (self->sites), position);
  return site;  /* The store keeps its own reference. */
}

/**
 * linli_project_find_site:
 * @position: (out) (optional): where the site is in the list
 *
 * Returns: (transfer none) (nullable): the site with @id
 */
LinliSite *
linli_project_find_site (LinliProject *self,
                         const char   *id,
                         guint        *position)
{
  guint n;

  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);

  n = linli_project_get_n_sites (self);
  for (guint i = 0; i < n; i++)
    {
      LinliSite *site = linli_project_get_site (self, i);

      if (g_strcmp0 (linli_site_get_id (site), id) == 0)
        {
          if (position)
            *position = i;
          return site;
        }
    }
  return NULL;
}

void
linli_project_insert_site (LinliProject *self,
                           guint         position,
                           LinliSite    *site)
{
  const char *id;

  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (LINLI_IS_SITE (site));

  /* Keep generated ids ahead of any "site-N" already in the project. */
  id = linli_site_get_id (site);
  if (g_str_has_prefix (id, "site-"))
    {
      guint64 n = g_ascii_strtoull (id + 5, NULL, 10);

      if (n >= self->next_site_id && n < G_MAXUINT)
        self->next_site_id = n + 1;
    }

  position = MIN (position, linli_project_get_n_sites (self));
  g_signal_connect_object (site, "changed", G_CALLBACK (on_site_changed_cb), self, G_CONNECT_SWAPPED);
  g_list_store_insert (self->sites, position, site);
  emit_site_changed (self);
}

void
linli_project_add_site (LinliProject *self,
                        LinliSite    *site)
{
  linli_project_insert_site (self, G_MAXUINT, site);
}

void
linli_project_remove_site (LinliProject *self,
                           LinliSite    *site)
{
  guint position;

  g_return_if_fail (LINLI_IS_PROJECT (self));

  if (!g_list_store_find (self->sites, site, &position))
    g_return_if_reached ();
  g_signal_handlers_disconnect_by_data (site, self);
  g_list_store_remove (self->sites, position);
  emit_site_changed (self);
}

/**
 * linli_project_freeze_changed:
 *
 * Holds back #LinliProject::changed for changes of sites until the matching
 * linli_project_thaw_changed(), which emits it once if any happened: what
 * follows the project (coverage, walks) then catches up once, not once a
 * site.  Calls nest.
 */
void
linli_project_freeze_changed (LinliProject *self)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));
  self->change_freeze++;
}

void
linli_project_thaw_changed (LinliProject *self)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));
  g_return_if_fail (self->change_freeze > 0);

  if (--self->change_freeze == 0 && self->change_pending)
    {
      self->change_pending = FALSE;
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }
}

/**
 * linli_project_new_site_id:
 *
 * Returns: (transfer full): an id no site of the project has
 */
char *
linli_project_new_site_id (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);

  for (;;)
    {
      char *id = g_strdup_printf ("site-%u", self->next_site_id++);

      /* Nor a site of the base or of another scenario: switching would
       * take one for the other. */
      if (linli_project_find_site (self, id, NULL) == NULL &&
          !linli_scenarios_uses_site_id (self->scenarios, id))
        return id;
      g_free (id);
    }
}

/**
 * linli_project_get_bounds:
 *
 * The box "fit to data" shows: buildings, sites and the nodes of the
 * walkable streets, so that a project of streets and sites alone, or
 * streets reaching past the last building, is seen whole.
 *
 * Returns: %TRUE if the project has buildings, sites or streets, with
 *   their bounding box
 */
gboolean
linli_project_get_bounds (LinliProject *self,
                          double       *min_lat,
                          double       *min_lon,
                          double       *max_lat,
                          double       *max_lon)
{
  double a = INFINITY, b = INFINITY, c = -INFINITY, d = -INFINITY;
  guint n_sites;

  g_return_val_if_fail (LINLI_IS_PROJECT (self), FALSE);

  for (guint i = 0; i < self->buildings->len; i++)
    {
      const LinliBuilding *bl = &g_array_index (self->buildings, LinliBuilding, i);

      /* A building with no valid position takes no part in the extent. */
      if (!linli_lat_lon_is_valid (bl->lat, bl->lon))
        continue;
      a = MIN (a, bl->lat);
      b = MIN (b, bl->lon);
      c = MAX (c, bl->lat);
      d = MAX (d, bl->lon);
    }
  n_sites = linli_project_get_n_sites (self);
  for (guint i = 0; i < n_sites; i++)
    {
      LinliSite *site = linli_project_get_site (self, i);

      a = MIN (a, linli_site_get_lat (site));
      b = MIN (b, linli_site_get_lon (site));
      c = MAX (c, linli_site_get_lat (site));
      d = MAX (d, linli_site_get_lon (site));
    }
  if (self->streets != NULL)
    {
      const LinliLatLon *nodes = linli_streets_get_nodes (self->streets);
      guint n_nodes = linli_streets_get_n_nodes (self->streets);

      for (guint i = 0; i < n_nodes; i++)
        {
          a = MIN (a, nodes[i].lat);
          b = MIN (b, nodes[i].lon);
          c = MAX (c, nodes[i].lat);
          d = MAX (d, nodes[i].lon);
        }
    }
  if (!isfinite (a))
    return FALSE;
  *min_lat = a;
  *min_lon = b;
  *max_lat = c;
  *max_lon = d;
  return TRUE;
}

/**
 * linli_project_check_positions:
 * @extent: (inout) (nullable): positions to check with the project's, as
 *   linli_extent_add() left them; widened by the project's
 *
 * Checks what a file of the project must hold to load again: every
 * building, outline point, site and street node at a valid position, and
 * all of them together where the projection can measure them
 * (linli_extent_check()).
 *
 * Returns: (transfer full) (nullable): %NULL, or why not, translated
 */
char *
linli_project_check_positions (LinliProject *self,
                               LinliExtent  *extent)
{
  LinliExtent own;
  guint n_sites;

  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);

  if (extent == NULL)
    {
      linli_extent_init (&own);
      extent = &own;
    }
  for (guint i = 0; i < self->buildings->len; i++)
    {
      const LinliBuilding *b = &g_array_index (self->buildings, LinliBuilding, i);

      if (!linli_lat_lon_is_valid (b->lat, b->lon))
        return g_strdup_printf (_("building “%s” has no valid position"), b->id);
      linli_extent_add (extent, b->lat, b->lon);
      for (guint k = 0; k < b->footprint_len; k++)
        {
          const LinliLatLon *p = &g_array_index (self->footprints, LinliLatLon,
                                                 b->footprint_start + k);

          if (!linli_lat_lon_is_valid (p->lat, p->lon))
            return g_strdup_printf (_("the outline of building “%s” has a point outside the valid "
                                      "range of coordinates"), b->id);
          linli_extent_add (extent, p->lat, p->lon);
        }
    }
  n_sites = linli_project_get_n_sites (self);
  for (guint i = 0; i < n_sites; i++)
    {
      LinliSite *site = linli_project_get_site (self, i);
      double lat = linli_site_get_lat (site), lon = linli_site_get_lon (site);

      if (!linli_lat_lon_is_valid (lat, lon))
        return g_strdup_printf (_("site “%s” has no valid position"), linli_site_get_id (site));
      linli_extent_add (extent, lat, lon);
    }
  /* linli_streets_add_node() and linli_water_add_line() take valid
   * positions only, and polygons are checked where they are read. */
  linli_water_get_extent (self->water, extent);
  for (guint i = 0; i < linli_streets_get_n_nodes (self->streets); i++)
    {
      const LinliLatLon *p = &linli_streets_get_nodes (self->streets)[i];

      linli_extent_add (extent, p->lat, p->lon);
    }
  return linli_extent_check (extent);
}

/**
 * linli_project_get_projection:
 *
 * Returns: the local metric projection centred on the buildings' bounding
 * box, or the streets' when there are no buildings; it changes only when
 * buildings are added or the streets replaced.
 */
const LinliProjection *
linli_project_get_projection (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);

  if (!self->projection_valid)
    {
      double a = INFINITY, b = INFINITY, c = -INFINITY, d = -INFINITY;

      for (guint i = 0; i < self->buildings->len; i++)
        {
          const LinliBuilding *bl = &g_array_index (self->buildings, LinliBuilding, i);

          if (!linli_lat_lon_is_valid (bl->lat, bl->lon))
            continue;
          a = MIN (a, bl->lat);
          b = MIN (b, bl->lon);
          c = MAX (c, bl->lat);
          d = MAX (d, bl->lon);
        }
      /* With no buildings, about the streets: their walks are measured too. */
      if (!isfinite (a))
        {
          const LinliLatLon *nodes = linli_streets_get_nodes (self->streets);

          for (guint i = 0; i < linli_streets_get_n_nodes (self->streets); i++)
            {
              a = MIN (a, nodes[i].lat);
              b = MIN (b, nodes[i].lon);
              c = MAX (c, nodes[i].lat);
              d = MAX (d, nodes[i].lon);
            }
        }
      if (isfinite (a))
        linli_projection_init (&self->projection, (a + c) / 2, (b + d) / 2);
      else
        linli_projection_init (&self->projection, 0, 0);
      self->projection_valid = TRUE;
    }
  return &self->projection;
}

/**
 * linli_project_copy_with_buildings:
 * @buildings: (nullable) (array): one per building of @src, to take the
 *   place of its figures (ids, names and compounds are copied as given);
 *   %NULL copies them as they are
 *
 * Returns: (transfer full): a new project with everything @src has:
 *   settings, attribution, streets, water, communities, compounds, buildings with
 *   their footprints and flags, copies of its sites, its grids and
 *   boundaries, its party organisation and its scenarios
 */
LinliProject *
linli_project_copy_with_buildings (LinliProject        *src,
                                   const LinliBuilding *buildings)
{
  LinliProject *copy;
  guint n_sites;

  g_return_val_if_fail (LINLI_IS_PROJECT (src), NULL);
  copy = linli_project_new ();
  n_sites = linli_project_get_n_sites (src);

  linli_project_set_name (copy, linli_project_get_name (src));
  linli_project_set_attribution (copy, linli_project_get_attribution (src));
  linli_project_set_walk_minutes (copy, linli_project_get_walk_minutes (src));
  linli_project_set_walk_speed (copy, linli_project_get_walk_speed (src));
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    linli_project_set_tier_reach (copy, t, &src->reach[t]);
  linli_project_set_distance (copy, linli_project_get_distance (src));
  linli_project_set_streets (copy, linli_streets_copy (linli_project_get_streets (src)));
  linli_project_set_water (copy, linli_water_copy (src->water));
  for (guint c = 0; c < linli_project_get_n_communities (src); c++)
    {
      const LinliCommunity *community = linli_project_get_community (src, c);

      linli_project_add_community (copy, community->id, community->name);
    }
  for (guint k = 0; k < linli_project_get_n_compounds (src); k++)
    {
      const LinliCompound *compound = linli_project_get_compound (src, k);

      linli_project_add_compound (copy, compound->id, compound->name, compound->community);
    }
  for (guint i = 0; i < linli_project_get_n_buildings (src); i++)
    {
      guint n_points = 0;
      const LinliLatLon *footprint = linli_project_get_footprint (src, i, &n_points);

      linli_project_add_building (copy, buildings ? &buildings[i] : linli_project_get_building (src, i),
                                  footprint, n_points);
    }
  for (guint s = 0; s < n_sites; s++)
    {
      g_autoptr (LinliSiteState) state = linli_site_dup_state (linli_project_get_site (src, s));
      g_autoptr (LinliSite) site = linli_site_new (state);

      linli_project_add_site (copy, site);
    }
  linli_grids_copy_from (copy->grids, src->grids);
  linli_org_copy_from (copy->org, src->org);
  linli_partners_copy_from (copy->partners, src->partners);
  linli_scenarios_copy_from (copy->scenarios, src->scenarios);
  linli_project_set_hide_names (copy, src->hide_names);
  return copy;
}

LinliProject *
linli_project_copy (LinliProject *project)
{
  return linli_project_copy_with_buildings (project, NULL);
}

/* Sub-models */

/**
 * linli_project_get_grids:
 *
 * Returns: (transfer none): the project's grids and boundaries
 */
LinliGrids *
linli_project_get_grids (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  return self->grids;
}

/**
 * linli_project_get_org:
 *
 * Returns: (transfer none): the project's party organisation chain
 */
LinliOrg *
linli_project_get_org (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  return self->org;
}

/**
 * linli_project_get_partners:
 *
 * Returns: (transfer none): the project's partner units and their lists
 */
LinliPartners *
linli_project_get_partners (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  return self->partners;
}

/**
 * linli_project_get_scenarios:
 *
 * Returns: (transfer none): the project's scenarios; the project's sites
 *   are always those of the active one
 */
LinliScenarios *
linli_project_get_scenarios (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), NULL);
  return self->scenarios;
}

/* Personal data */

/**
 * linli_project_get_hide_names:
 *
 * Returns: whether people's names (party members, plaque households, grid
 *   workers, secretaries, contacts) are hidden wherever they would be shown
 *   or exported
 */
gboolean
linli_project_get_hide_names (LinliProject *self)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), FALSE);
  return self->hide_names;
}

void
linli_project_set_hide_names (LinliProject *self,
                              gboolean      hide)
{
  g_return_if_fail (LINLI_IS_PROJECT (self));

  hide = !!hide;
  if (self->hide_names == hide)
    return;
  self->hide_names = hide;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_NAMES]);
}

/**
 * linli_project_person:
 * @name: (nullable): a person's name as stored
 *
 * What to show for a person's name: the name, or a placeholder when the
 * project hides names.  Every view and export of a person's name goes
 * through this.
 *
 * Returns: (transfer none): the text to show; "" for no name
 */
const char *
linli_project_person (LinliProject *self,
                      const char   *name)
{
  g_return_val_if_fail (LINLI_IS_PROJECT (self), "");

  if (name == NULL || name[0] == '\0')
    return "";
  return self->hide_names ? _("(hidden)") : name;
}
