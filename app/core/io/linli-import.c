/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-import"

#include "config.h"

#include "linli-import-private.h"
#include "linli-json.h"

#include "linli-file.h"
#include "linli-geos.h"
#include "linli-number.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK (linli-import-error-quark, linli_import_error)

#define MAX_COUNT 1000000   /* households, residents or members of one building */

/* ------------------------------------------------------------------------ */
/* Options and report                                                        */
/* ------------------------------------------------------------------------ */

void
linli_import_options_init (LinliImportOptions *options)
{
  options->crs = LINLI_CRS_WGS84;
  options->name = NULL;
  options->m2_per_household = 90;
  options->residents_per_household = 2.6;
  options->streets_path = NULL;
  options->pois_path = NULL;
  options->join_tolerance = 2.0;
  options->add_suggested_sites = FALSE;
}

/**
 * linli_import_report_clear:
 *
 * Frees what a report holds (its suggestions) and zeroes it.
 */
void
linli_import_report_clear (LinliImportReport *report)
{
  g_clear_pointer (&report->suggestions, g_ptr_array_unref);
  memset (report, 0, sizeof *report);
}

/* ------------------------------------------------------------------------ */
/* Rules                                                                     */
/* ------------------------------------------------------------------------ */

static gboolean
str_in (const char        *value,
        const char *const *list)
{
  for (; value != NULL && *list != NULL; list++)
    if (strcmp (value, *list) == 0)
      return TRUE;
  return FALSE;
}

/* Highways people walk on.  FOOT_ONLY ones only with foot=yes (or
 * designated, permissive, official).  Not here, so never walkable:
 * corridor (indoor, often upstairs: it would join streets through
 * buildings at the wrong level), platform, elevator, bus_guideway,
 * raceway, construction, proposed and abandoned ways. */
static const struct
{
  const char      *highway;
  LinliStreetKind  kind;
  gboolean         foot_only;
} highway_rules[] = {
  { "footway", LINLI_STREET_FOOTWAY, FALSE },
  { "pedestrian", LINLI_STREET_PEDESTRIAN, FALSE },
  { "steps", LINLI_STREET_STEPS, FALSE },
  { "path", LINLI_STREET_PATH, FALSE },
  { "track", LINLI_STREET_PATH, FALSE },
  { "living_street", LINLI_STREET_LIVING_STREET, FALSE },
  { "residential", LINLI_STREET_RESIDENTIAL, FALSE },
  { "service", LINLI_STREET_SERVICE, FALSE },
  { "unclassified", LINLI_STREET_UNCLASSIFIED, FALSE },
  { "road", LINLI_STREET_UNCLASSIFIED, FALSE },
  { "tertiary", LINLI_STREET_TERTIARY, FALSE },
  { "tertiary_link", LINLI_STREET_TERTIARY, FALSE },
  { "secondary", LINLI_STREET_SECONDARY, FALSE },
  { "secondary_link", LINLI_STREET_SECONDARY, FALSE },
  { "primary", LINLI_STREET_PRIMARY, FALSE },
  { "primary_link", LINLI_STREET_PRIMARY, FALSE },
  { "cycleway", LINLI_STREET_PATH, TRUE },
  { "bridleway", LINLI_STREET_PATH, TRUE },
  { "trunk", LINLI_STREET_PRIMARY, TRUE },
  { "trunk_link", LINLI_STREET_PRIMARY, TRUE },
  { "motorway", LINLI_STREET_PRIMARY, TRUE },
  { "motorway_link", LINLI_STREET_PRIMARY, TRUE },
};

/**
 * linli_import_walkable:
 * @kind: (out): the kind of street
 *
 * The walkable-way rule.  A way is walkable when its `highway` is in
 * the table above (cycleways, bridleways, trunk roads and motorways only
 * with foot=yes, designated, permissive or official), or when it is a
 * pier (`man_made=pier`, a footway).  Never when foot=no, private,
 * use_sidepath or discouraged, nor when access=private or no unless foot
 * allows it, nor for a tertiary or larger road in a tunnel (tunnel=yes)
 * unless foot allows it.  A closed way with area=yes (a pedestrian square) counts
 * too: its outline is walked around and, through its shared nodes,
 * across.
 *
 * Returns: %TRUE if people can walk along it
 */
gboolean
linli_import_walkable (const LinliTags *tags,
                       LinliStreetKind *kind)
{
  static const char *const foot_yes[] = { "yes", "designated", "permissive", "official", NULL };
  static const char *const foot_no[] = { "no", "private", "use_sidepath", "discouraged", NULL };
  static const char *const access_no[] = { "private", "no", NULL };
  const char *highway = linli_tags_get (tags, "highway");
  const char *foot = linli_tags_get (tags, "foot");
  gboolean allowed = str_in (foot, foot_yes);

  if (str_in (foot, foot_no) || (!allowed && str_in (linli_tags_get (tags, "access"), access_no)))
    return FALSE;
  for (guint i = 0; highway != NULL && i < G_N_ELEMENTS (highway_rules); i++)
    if (strcmp (highway, highway_rules[i].highway) == 0)
      {
        if (highway_rules[i].foot_only && !allowed)
          return FALSE;
        /* Road tunnels (下穿隧道, river crossings) are for traffic unless
         * foot says otherwise; footways in tunnels are subways people use. */
        if (!allowed && highway_rules[i].kind >= LINLI_STREET_TERTIARY &&
            g_strcmp0 (linli_tags_get (tags, "tunnel"), "yes") == 0)
          return FALSE;
        *kind = highway_rules[i].kind;
        return TRUE;
      }
  if (g_strcmp0 (linli_tags_get (tags, "man_made"), "pier") == 0)
    {
      *kind = LINLI_STREET_FOOTWAY;
      return TRUE;
    }
  return FALSE;
}

/**
 * linli_import_is_residential:
 * @type: a building=* value, or %NULL
 *
 * The building types people live in.  Unknown (%NULL, "" or "yes", the
 * commonest value in China) counts as residential; any other type
 * (commercial, office, school, hotel, garage …) as not.
 */
gboolean
linli_import_is_residential (const char *type)
{
  static const char *const homes[] = {
    "yes", "residential", "apartments", "house", "detached", "semidetached_house", "terrace",
    "dormitory", "bungalow", "cabin", "farm", "houseboat", "static_caravan", "stilt_house",
    "trullo", "ger", NULL,
  };

  return type == NULL || type[0] == '\0' || str_in (type, homes);
}

/**
 * linli_import_parse_number:
 *
 * Reads a number as tags write it: "6", "6.5", "20 m", "6;7" (the first),
 * with the core's decimal syntax (linli_number_scan()) and no sign.
 *
 * Returns: the number, or NAN
 */
double
linli_import_parse_number (const char *text)
{
  const char *end;
  double v;

  if (text == NULL)
    return NAN;
  while (*text == ' ')
    text++;
  /* No sign: a count or a height is never negative. */
  if (*text == '-' || *text == '+' || !linli_number_scan (text, &end, &v))
    return NAN;
  while (*end == ' ')
    end++;
  if (!isfinite (v) || !(*end == '\0' || *end == ';' || strcmp (end, "m") == 0))
    return NAN;
  return v;
}

/* Existing service positions worth suggesting as sites, by tag.  GeoJSON
 * in the Tilezen schema names them by `kind`, which is the tag's value. */
static const struct
{
  const char    *key;
  const char    *value;
  LinliSiteTier  tier;
  guint          services;
  const char    *label;
} amenity_rules[] = {
  { "amenity", "townhall", LINLI_SITE_TIER_STREET, LINLI_SERVICE_AFFAIRS, N_("Town hall") },
  { "amenity", "community_centre", LINLI_SITE_TIER_COMMUNITY, LINLI_SERVICE_AFFAIRS | LINLI_SERVICE_LEISURE,
    N_("Community centre") },
  { "office", "government", LINLI_SITE_TIER_COMMUNITY, LINLI_SERVICE_AFFAIRS, N_("Government office") },
  { "amenity", "social_centre", LINLI_SITE_TIER_NEIGHBOURHOOD, LINLI_SERVICE_LEISURE, N_("Social centre") },
  { "amenity", "social_facility", LINLI_SITE_TIER_STATION, LINLI_SERVICE_ELDERLY, N_("Social facility") },
  { "amenity", "clinic", LINLI_SITE_TIER_STATION, LINLI_SERVICE_HEALTH, N_("Clinic") },
  { "amenity", "doctors", LINLI_SITE_TIER_STATION, LINLI_SERVICE_HEALTH, N_("Doctors") },
  { "healthcare", "centre", LINLI_SITE_TIER_STATION, LINLI_SERVICE_HEALTH, N_("Health centre") },
  { "healthcare", "clinic", LINLI_SITE_TIER_STATION, LINLI_SERVICE_HEALTH, N_("Clinic") },
  { "amenity", "childcare", LINLI_SITE_TIER_STATION, LINLI_SERVICE_CHILDCARE, N_("Childcare") },
};

/* Chinese names say the tier better than tags do. */
static const struct
{
  const char    *part;
  LinliSiteTier  tier;
} name_tiers[] = {
  { "服务站", LINLI_SITE_TIER_STATION },
  { "邻里", LINLI_SITE_TIER_NEIGHBOURHOOD },
  { "街道", LINLI_SITE_TIER_STREET },
  { "社区", LINLI_SITE_TIER_COMMUNITY },
  { "居委", LINLI_SITE_TIER_COMMUNITY },
  { "居民委员会", LINLI_SITE_TIER_COMMUNITY },
};

/**
 * linli_import_tier_from_name:
 *
 * The tier a Chinese name says: …服务站 station, …邻里… neighbourhood,
 * …街道… street, …社区…, …居委… or …居民委员会… community.
 *
 * Returns: %TRUE if @name says one
 */
gboolean
linli_import_tier_from_name (const char    *name,
                             LinliSiteTier *tier)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (name_tiers); i++)
    if (strstr (name, name_tiers[i].part) != NULL)
      {
        *tier = name_tiers[i].tier;
        return TRUE;
      }
  return FALSE;
}

static char *
clamp_text (const char *text)
{
  if (text == NULL)
    return NULL;
  if (strlen (text) > LINLI_IMPORT_MAX_NAME && g_utf8_strlen (text, -1) > LINLI_IMPORT_MAX_NAME)
    return g_utf8_substring (text, 0, LINLI_IMPORT_MAX_NAME);
  return g_strdup (text);
}

/* ------------------------------------------------------------------------ */
/* The importer                                                              */
/* ------------------------------------------------------------------------ */

void
linli_importer_init (LinliImporter            *imp,
                     const LinliImportOptions *options,
                     const char               *path)
{
  g_autofree char *basename = linli_import_name_for_path (path);
  g_autofree char *name = clamp_text (options->name ? options->name : basename);

  memset (imp, 0, sizeof *imp);
  imp->options = options;
  imp->project = linli_project_new ();
  imp->streets = linli_streets_new ();
  imp->water = linli_water_new ();
  imp->site_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp->report.suggestions = g_ptr_array_new_with_free_func (g_object_unref);
  imp->display_name = g_strdup (path);
  linli_project_set_name (imp->project, name);
}

void
linli_importer_clear (LinliImporter *imp)
{
  g_clear_object (&imp->project);
  g_clear_pointer (&imp->streets, linli_streets_free);
  g_clear_pointer (&imp->water, linli_water_free);
  g_clear_pointer (&imp->site_ids, g_hash_table_unref);
  g_clear_pointer (&imp->display_name, g_free);
  g_clear_pointer (&imp->street_node_index, g_hash_table_unref);
  linli_import_report_clear (&imp->report);
}

static gboolean
valid_count (double v)
{
  return v >= 0 && v <= MAX_COUNT;
}

/**
 * linli_importer_add_building:
 * @area: of the footprint in m², 0 when there is none
 *
 * Adds a building, estimating what the source does not say.  The rule:
 * storeys are the given levels (1 to 300), else height ÷ 3 m (rounded, at
 * least 1), else 1.  Households not given are estimated as footprint area
 * × storeys ÷ the floor area per household (at least 1) for residential
 * types (linli_import_is_residential()) and as 0 for others; residents not
 * given are households × residents per household; party members not given
 * are not invented: they are 0 and the building carries
 * %LINLI_BUILDING_MEMBERS_UNKNOWN.  Buildings with estimated households
 * carry %LINLI_BUILDING_ESTIMATED.  The building=* value is kept as the
 * building's kind.  A building without a name is named by its address
 * (street and house number) where the source gives one, else numbered
 * ("Building 12", translated), never by an internal id.
 */
void
linli_importer_add_building (LinliImporter            *imp,
                             const LinliBuildingFacts *facts,
                             double                    lat,
                             double                    lon,
                             double                    area,
                             const LinliLatLon        *footprint,
                             guint                     n_footprint)
{
  const LinliImportOptions *opts = imp->options;
  const char *community_id = facts->community, *compound_id = facts->compound;
  g_autofree char *name = clamp_text (facts->name);
  LinliBuilding b = { 0 };
  double households = facts->households, storeys = facts->storeys;
  int community, compound;

  /* Readers range-check what they read and linli_ring_clean() keeps a
   * position within its outline; anything else is skipped, not kept. */
  if (!linli_lat_lon_is_valid (lat, lon))
    {
      imp->report.skipped++;
      return;
    }
  if (!(storeys >= 1 && storeys <= 300))
    storeys = MAX (1, round ((facts->height > 0 && facts->height <= 1000 ? facts->height : 3) / 3.0));
  if (!valid_count (households))
    {
      if (linli_import_is_residential (facts->type))
        households = MIN (MAX (1, round (area * storeys / opts->m2_per_household)), MAX_COUNT);
      else
        {
          households = 0;
          imp->report.not_residential++;
        }
      b.flags |= LINLI_BUILDING_ESTIMATED;
      imp->report.estimated++;
    }
  else if (facts->estimated)
    {
      b.flags |= LINLI_BUILDING_ESTIMATED;
      imp->report.estimated++;
    }
  b.households = (guint32) households;
  b.residents = (guint32) (valid_count (facts->residents)
                           ? facts->residents
                           : MIN (round (households * opts->residents_per_household), MAX_COUNT));
  if (valid_count (facts->party_members))
    b.party_members = (guint32) facts->party_members;
  else
    b.flags |= LINLI_BUILDING_MEMBERS_UNKNOWN;

  /* A name people can read: the source's, else the address, else a number. */
  if (name == NULL || name[0] == '\0')
    {
      g_free (name);
      if (facts->street != NULL && facts->street[0] != '\0')
        {
          g_autofree char *address = g_strconcat (facts->street, facts->housenumber ? facts->housenumber : "",
                                                  NULL);
          name = clamp_text (address);
        }
      else
        /* Translators: the name of an imported building the data left unnamed, e.g. "楼栋 12" */
        name = g_strdup_printf (_("Building %u"), linli_project_get_n_buildings (imp->project) + 1);
    }

  /* Communities and compounds as the source names them, else one of each. */
  if (compound_id == NULL)
    compound_id = community_id ? community_id : "imported";
  if (community_id == NULL)
    community_id = "imported";
  if ((community = linli_project_find_community (imp->project, community_id)) < 0)
    community = linli_project_add_community (imp->project, community_id,
                                             g_str_equal (community_id, "imported") ? _("Imported buildings")
                                                                                    : community_id);
  if ((compound = linli_project_find_compound (imp->project, compound_id)) < 0)
    compound = linli_project_add_compound (imp->project, compound_id,
                                           g_str_equal (compound_id, "imported") ? _("Imported buildings")
                                                                                 : compound_id,
                                           community);

  b.id = facts->id;
  b.name = name;
  b.kind = facts->type;
  b.lat = lat;
  b.lon = lon;
  b.compound = compound;
  if (n_footprint < 3 || n_footprint > LINLI_IMPORT_MAX_RING_POINTS)
    n_footprint = 0;
  linli_project_add_building (imp->project, &b, n_footprint ? footprint : NULL, n_footprint);
  imp->report.buildings++;
}

/**
 * linli_importer_add_suggestion:
 * @id: the site id to give it (made unique if taken)
 * @source: where it comes from, said in the site's extra services
 *
 * The amenity rule.  Tags that mark an existing service position make a
 * suggested site, status existing:
 *
 * | tag                      | tier          | services         |
 * |--------------------------|---------------|------------------|
 * | amenity=townhall         | street        | affairs          |
 * | amenity=community_centre | community     | affairs, leisure |
 * | office=government        | community     | affairs          |
 * | amenity=social_centre    | neighbourhood | leisure          |
 * | amenity=social_facility  | station       | elderly (childcare when social_facility:for=child or juvenile) |
 * | amenity=clinic, doctors; healthcare=centre, clinic | station | health |
 * | amenity=childcare        | station       | childcare        |
 *
 * A Chinese name overrides the tier: …服务站 station, …邻里… neighbourhood,
 * …街道… street, …社区… or …居委… community.  Hospitals, schools and
 * kindergartens are services of their own, not positions, and are left out.
 *
 * Returns: %TRUE if the tags made a suggestion
 */
gboolean
linli_importer_add_suggestion (LinliImporter   *imp,
                               const LinliTags *tags,
                               double           lat,
                               double           lon,
                               const char      *id,
                               const char      *source)
{
  LinliSiteState st = { 0 };
  const char *name = linli_tags_get (tags, "name");
  g_autofree char *unique = NULL;
  g_autofree char *given = NULL;
  g_autofree char *raw_note = NULL;
  g_autofree char *note = NULL;
  guint rule;

  for (rule = 0; rule < G_N_ELEMENTS (amenity_rules); rule++)
    if (g_strcmp0 (linli_tags_get (tags, amenity_rules[rule].key), amenity_rules[rule].value) == 0)
      break;
  if (rule == G_N_ELEMENTS (amenity_rules) || !linli_lat_lon_is_valid (lat, lon))
    return FALSE;

  if (name == NULL || name[0] == '\0')
    name = linli_tags_get (tags, "name:zh");
  st.tier = amenity_rules[rule].tier;
  st.services = amenity_rules[rule].services;
  if (st.services == LINLI_SERVICE_ELDERLY &&
      str_in (linli_tags_get (tags, "social_facility:for"), (const char *const[]) { "child", "juvenile", NULL }))
    st.services = LINLI_SERVICE_CHILDCARE;
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (name_tiers); i++)
    if (strstr (name, name_tiers[i].part) != NULL)
      {
        st.tier = name_tiers[i].tier;
        break;
      }

  unique = g_strdup (id);
  for (guint n = 2; g_hash_table_contains (imp->site_ids, unique); n++)
    {
      g_free (unique);
      unique = g_strdup_printf ("%s-%u", id, n);
    }
  g_hash_table_add (imp->site_ids, g_strdup (unique));

  given = clamp_text (name != NULL && name[0] != '\0' ? name : _(amenity_rules[rule].label));
  raw_note = g_strdup_printf (_("Found in %s (%s=%s)"), source, amenity_rules[rule].key,
                              amenity_rules[rule].value);
  note = clamp_text (raw_note);
  st.id = unique;
  st.name = given;
  st.status = LINLI_SITE_STATUS_EXISTING;
  st.lat = lat;
  st.lon = lon;
  st.extra_services = note;
  st.cost = -1;
  st.plan_rule = LINLI_SITE_PLAN_ALLOWED;
  g_ptr_array_add (imp->report.suggestions, linli_site_new (&st));
  return TRUE;
}

/* Water */

/* Water reaching farther than this from the buildings, streets and sites
 * is cut off: a river can run for hundreds of kilometres. */
#define WATER_MARGIN_M 2000.0
#define WATER_MAX_RINGS       1000     /* as the file format's outlines */
#define WATER_MAX_RING_POINTS 100000

/**
 * linli_importer_add_water_line:
 * @name: (nullable): the waterway's name, cut to the longest a file holds
 * @width: metres, NAN or 0 when not known
 *
 * Adds a waterway; one beyond what a project file holds is counted as
 * skipped.
 */
void
linli_importer_add_water_line (LinliImporter     *imp,
                               LinliWaterwayKind  kind,
                               const char        *name,
                               double             width,
                               const LinliLatLon *points,
                               guint              n_points)
{
  g_autofree char *clamped = clamp_text (name);

  gboolean valid = n_points >= 2 && n_points <= LINLI_WATER_MAX_LINE_POINTS &&
                   linli_water_get_n_lines (imp->water) < LINLI_WATER_MAX_LINES;

  /* Beyond 85° the projection measures nothing: such a waterway is left out. */
  for (guint i = 0; valid && i < n_points; i++)
    valid = linli_lat_lon_is_valid (points[i].lat, points[i].lon);
  if (!valid)
    {
      imp->report.water_skipped++;
      return;
    }
  if (!(width > 0 && width <= LINLI_WATER_MAX_WIDTH))
    width = 0;
  linli_water_add_line (imp->water, kind, clamped, width, points, n_points);
}

/* @polygon with its points rounded to 7 decimals, as files keep them. */
static LinliPolygon *
round_polygon (const LinliPolygon *polygon)
{
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  g_autoptr (GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) holes = g_array_new (FALSE, FALSE, sizeof (gboolean));

  for (guint r = 0; r < linli_polygon_get_n_rings (polygon); r++)
    {
      guint n;
      const LinliLatLon *p = linli_polygon_get_ring (polygon, r, &n);
      gboolean hole = linli_polygon_ring_is_hole (polygon, r);

      for (guint k = 0; k < n; k++)
        {
          LinliLatLon q = { round (p[k].lat * 1e7) / 1e7, round (p[k].lon * 1e7) / 1e7 };

          g_array_append_val (points, q);
        }
      g_array_append_val (lengths, n);
      g_array_append_val (holes, hole);
    }
  return linli_polygon_new ((LinliLatLon *) points->data, (guint *) lengths->data,
                            (gboolean *) holes->data, lengths->len);
}

static gboolean
fits_file (const LinliPolygon *polygon)
{
  if (linli_polygon_get_n_rings (polygon) > WATER_MAX_RINGS)
    return FALSE;
  for (guint r = 0; r < linli_polygon_get_n_rings (polygon); r++)
    {
      guint n;

      linli_polygon_get_ring (polygon, r, &n);
      if (n > WATER_MAX_RING_POINTS || n < 3)
        return FALSE;
    }
  return TRUE;
}

/* @polygon as a file can hold it: few enough rings and points, and valid
 * once rounded as a file keeps it; %NULL when it cannot be made so. */
static LinliPolygon *
water_polygon_for_file (const LinliPolygon    *polygon,
                        const LinliProjection *projection)
{
  g_autoptr (LinliPolygon) current = linli_polygon_ref ((LinliPolygon *) polygon);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr (LinliPolygon) rounded = NULL;
      g_autofree char *problem = NULL;

      if (!fits_file (current))
        return NULL;
      rounded = round_polygon (current);
      problem = linli_polygon_check (rounded, projection);
      if (problem == NULL)
        return g_steal_pointer (&rounded);
      /* Rounding can make a narrow outline touch itself: repair, try again. */
      g_clear_pointer (&current, linli_polygon_unref);
      current = linli_polygon_make_valid (rounded, projection);
      if (current == NULL)
        return NULL;
    }
  return NULL;
}

/* The union of @rings (GArrays of LinliLatLon), each repaired. */
static LinliPolygon *
union_of_rings (GPtrArray             *rings,
                const LinliProjection *projection)
{
  g_autoptr (GPtrArray) parts = NULL;

  parts = g_ptr_array_new_with_free_func ((GDestroyNotify) linli_polygon_unref);
  for (guint i = 0; rings != NULL && i < rings->len; i++)
    {
      GArray *ring = g_ptr_array_index (rings, i);
      g_autoptr (LinliPolygon) simple = NULL;
      LinliPolygon *valid;

      if (ring->len < 3)
        continue;
      simple = linli_polygon_new_simple ((LinliLatLon *) ring->data, ring->len);
      valid = linli_polygon_make_valid (simple, projection);
      if (valid != NULL)
        g_ptr_array_add (parts, valid);
    }
  if (parts->len == 0)
    return NULL;
  if (parts->len == 1)
    return linli_polygon_ref (g_ptr_array_index (parts, 0));
  return linli_polygon_union ((LinliPolygon **) parts->pdata, parts->len, projection);
}

/**
 * linli_importer_add_water_area:
 * @name: (nullable): the area's name
 * @outer: (element-type GArray): the outer rings, as arrays of
 *   #LinliLatLon not closed by repeating their first point
 * @inner: (element-type GArray) (nullable): the inner rings (islands)
 *
 * Adds a water area: the outer rings less the inner ones, each repaired
 * where it crosses itself.  An area with nothing left, or more rings or
 * points than a project file holds, is counted as skipped.
 */
void
linli_importer_add_water_area (LinliImporter      *imp,
                               LinliWaterAreaKind  kind,
                               const char         *name,
                               GPtrArray          *outer,
                               GPtrArray          *inner)
{
  g_autofree char *clamped = clamp_text (name);
  g_autoptr (LinliPolygon) outline = NULL;
  g_autoptr (LinliPolygon) islands = NULL;
  g_autoptr (LinliPolygon) kept = NULL;
  LinliProjection projection;
  LinliExtent extent;
  guint n_points = 0;

  for (guint i = 0; outer != NULL && i < outer->len; i++)
    n_points += ((GArray *) g_ptr_array_index (outer, i))->len;
  for (guint i = 0; inner != NULL && i < inner->len; i++)
    n_points += ((GArray *) g_ptr_array_index (inner, i))->len;
  if (outer == NULL || outer->len == 0 || outer->len + (inner ? inner->len : 0) > WATER_MAX_RINGS ||
      n_points > WATER_MAX_RINGS * 100u ||
      linli_water_get_n_areas (imp->water) >= LINLI_WATER_MAX_AREAS)
    {
      imp->report.water_skipped++;
      return;
    }
  linli_extent_init (&extent);
  for (guint i = 0; i < outer->len; i++)
    {
      GArray *ring = g_ptr_array_index (outer, i);

      for (guint k = 0; k < ring->len; k++)
        linli_extent_add (&extent, g_array_index (ring, LinliLatLon, k).lat,
                          g_array_index (ring, LinliLatLon, k).lon);
    }
  linli_projection_init (&projection, (extent.min_lat + extent.max_lat) / 2,
                         (extent.min_lon + extent.max_lon) / 2);
  outline = union_of_rings (outer, &projection);
  islands = union_of_rings (inner, &projection);
  if (outline != NULL && islands != NULL)
    {
      LinliPolygon *rest = linli_polygon_difference (outline, islands, &projection);

      linli_polygon_unref (outline);
      outline = rest;
    }
  kept = outline != NULL ? water_polygon_for_file (outline, &projection) : NULL;
  if (kept == NULL)
    {
      imp->report.water_skipped++;
      return;
    }
  linli_water_add_area (imp->water, kind, clamped, kept);
}

/* Keeps the water within WATER_MARGIN_M of everything else the file gave
 * (buildings, streets, suggested sites), cut at that frame, and gives it
 * to the project. */
static void
finish_water (LinliImporter *imp)
{
  LinliExtent extent;
  LinliProjection projection;
  double margin_lat, margin_lon;
  g_autoptr (LinliWater) kept = NULL;
  g_autoptr (LinliWater) rounded = NULL;
  guint before;

  if (linli_water_is_empty (imp->water))
    return;
  before = linli_water_get_n_lines (imp->water) + linli_water_get_n_areas (imp->water);
  linli_extent_init (&extent);
  for (guint i = 0; i < linli_project_get_n_buildings (imp->project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (imp->project, i);

      linli_extent_add (&extent, b->lat, b->lon);
    }
  {
    const LinliStreets *streets = linli_project_get_streets (imp->project);
    const LinliLatLon *nodes = linli_streets_get_nodes (streets);

    for (guint i = 0; i < linli_streets_get_n_nodes (streets); i++)
      linli_extent_add (&extent, nodes[i].lat, nodes[i].lon);
  }
  for (guint i = 0; i < imp->report.suggestions->len; i++)
    {
      LinliSite *site = g_ptr_array_index (imp->report.suggestions, i);

      linli_extent_add (&extent, linli_site_get_lat (site), linli_site_get_lon (site));
    }
  /* Water alone: kept as it is, for the extent check to judge. */
  if (extent.min_lat > extent.max_lat)
    kept = linli_water_copy (imp->water);
  else
    {
      linli_projection_init (&projection, (extent.min_lat + extent.max_lat) / 2,
                             (extent.min_lon + extent.max_lon) / 2);
      margin_lat = WATER_MARGIN_M / projection.m_per_deg_lat;
      margin_lon = WATER_MARGIN_M / projection.m_per_deg_lon;
      extent.min_lat = MAX (extent.min_lat - margin_lat, -LINLI_GEO_MAX_LAT);
      extent.max_lat = MIN (extent.max_lat + margin_lat, LINLI_GEO_MAX_LAT);
      extent.min_lon = MAX (extent.min_lon - margin_lon, -180);
      extent.max_lon = MIN (extent.max_lon + margin_lon, 180);
      kept = linli_water_clip (imp->water, &extent, &projection);
    }
  /* Positions rounded as files keep them (cutting made new ones), so the
   * project saves and loads back the same; an area that rounding leaves
   * invalid is repaired or, failing that, dropped. */
  rounded = linli_water_new ();
  for (guint i = 0; i < linli_water_get_n_lines (kept); i++)
    {
      LinliWaterwayKind kind;
      const char *name;
      double width;
      guint n;
      const LinliLatLon *p = linli_water_get_line (kept, i, &kind, &name, &width, &n);
      g_autofree LinliLatLon *q = g_new (LinliLatLon, n);

      for (guint k = 0; k < n; k++)
        {
          q[k].lat = round (p[k].lat * 1e7) / 1e7;
          q[k].lon = round (p[k].lon * 1e7) / 1e7;
        }
      linli_water_add_line (rounded, kind, name, width, q, n);
    }
  for (guint i = 0; i < linli_water_get_n_areas (kept); i++)
    {
      LinliWaterAreaKind kind;
      const char *name;
      LinliPolygon *polygon = linli_water_get_area (kept, i, &kind, &name);
      LinliExtent e;
      LinliProjection local;
      g_autoptr (LinliPolygon) for_file = NULL;

      linli_polygon_get_extent (polygon, &e);
      linli_projection_init (&local, (e.min_lat + e.max_lat) / 2, (e.min_lon + e.max_lon) / 2);
      for_file = water_polygon_for_file (polygon, &local);
      if (for_file != NULL)
        linli_water_add_area (rounded, kind, name, for_file);
    }
  imp->report.water_lines = linli_water_get_n_lines (rounded);
  imp->report.water_areas = linli_water_get_n_areas (rounded);
  /* Cut lines may come back as more pieces than went in. */
  if (imp->report.water_lines + imp->report.water_areas < before)
    imp->report.water_skipped += before - imp->report.water_lines - imp->report.water_areas;
  linli_project_set_water (imp->project, g_steal_pointer (&rounded));
}

/**
 * linli_importer_finish:
 *
 * Joins the streets' near-misses (within the options' join tolerance),
 * gives the project its streets and, when asked, the suggested sites, and
 * hands over the report.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
LinliProject *
linli_importer_finish (LinliImporter      *imp,
                       LinliImportReport  *report,
                       GError            **error)
{
  if (linli_streets_get_n_ways (imp->streets) > 0)
    {
      const LinliLatLon *nodes = linli_streets_get_nodes (imp->streets);
      double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
      LinliProjection proj;

      for (guint i = 0; i < linli_streets_get_n_nodes (imp->streets); i++)
        {
          min_lat = MIN (min_lat, nodes[i].lat);
          max_lat = MAX (max_lat, nodes[i].lat);
          min_lon = MIN (min_lon, nodes[i].lon);
          max_lon = MAX (max_lon, nodes[i].lon);
        }
      linli_projection_init (&proj, (min_lat + max_lat) / 2, (min_lon + max_lon) / 2);
      if (imp->options->join_tolerance > 0)
        imp->report.street_joins = linli_streets_join (imp->streets, &proj, imp->options->join_tolerance);
      if (linli_streets_get_n_nodes (imp->streets) > LINLI_IMPORT_MAX_STREET_NODES)
        {
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                       _("%s: the streets have more than %u nodes, more than a project holds"),
                       imp->display_name, LINLI_IMPORT_MAX_STREET_NODES);
          return NULL;
        }

      imp->report.street_ways = linli_streets_get_n_ways (imp->streets);
      imp->report.street_nodes = linli_streets_get_n_nodes (imp->streets);
      imp->report.street_km = linli_streets_get_length (imp->streets) / 1000;
      linli_project_set_streets (imp->project, g_steal_pointer (&imp->streets));
    }

  finish_water (imp);
  if (imp->options->add_suggested_sites)
    for (guint i = 0; i < imp->report.suggestions->len; i++)
      linli_project_add_site (imp->project, g_ptr_array_index (imp->report.suggestions, i));

  /* What the projection cannot measure is refused here rather than
   * written to a file that will not open; the suggestions count whether
   * added or not, so a preview and its import agree. */
  {
    g_autofree char *problem = NULL;
    LinliExtent extent;

    linli_extent_init (&extent);
    for (guint i = 0; i < imp->report.suggestions->len; i++)
      {
        LinliSite *site = g_ptr_array_index (imp->report.suggestions, i);

        linli_extent_add (&extent, linli_site_get_lat (site), linli_site_get_lon (site));
      }
    problem = linli_project_check_positions (imp->project, &extent);

    if (problem != NULL)
      {
        g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, "%s: %s",
                     imp->display_name, problem);
        return NULL;
      }
  }

  if (report != NULL)
    {
      *report = imp->report;
      memset (&imp->report, 0, sizeof imp->report);
    }
  return g_steal_pointer (&imp->project);
}

/**
 * linli_importer_place_ring:
 * @points: (element-type LinliLatLon): a ring, not closed by repeating its
 *   first point; cleaned in place by linli_ring_clean()
 *
 * Area (m²) and position of an outline, which is repaired when it crosses
 * itself and emptied when it has no area; the report counts both.
 *
 * Returns: the area
 */
double
linli_importer_place_ring (LinliImporter *imp,
                           GArray        *points,
                           double        *lat,
                           double        *lon)
{
  guint n = points->len;
  double area;

  switch (linli_ring_clean ((LinliLatLon *) points->data, &n, lat, lon, &area))
    {
    case LINLI_RING_REPAIRED:
      imp->report.repaired++;
      break;
    case LINLI_RING_DEGENERATE:
      imp->report.degenerate++;
      break;
    case LINLI_RING_SIMPLE:
    default:
      break;
    }
  g_array_set_size (points, n);
  return area;
}

/* ------------------------------------------------------------------------ */
/* GeoJSON                                                                   */
/* ------------------------------------------------------------------------ */

typedef enum
{
  ROLE_BUILDINGS,   /* polygons and points are buildings; walkable lines streets */
  ROLE_STREETS,     /* walkable lines (and walkable area polygons) */
  ROLE_POIS,        /* points and polygons that are service positions */
} Role;

typedef struct
{
  LinliImporter *imp;
  GHashTable    *node_index;   /* LinliLatLon → street node index + 1 */
  GArray        *points;       /* LinliLatLon */
  GArray        *indices;      /* guint32 */
} GeoJsonReader;

static double
member_number (JsonObject *props,
               const char *name,
               double      fallback)
{
  JsonNode *node;

  if (props == NULL || !json_object_has_member (props, name))
    return fallback;
  node = json_object_get_member (props, name);
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
        return json_node_get_double (node);
      if (type == G_TYPE_STRING)
        {
          double v;

          if (linli_number_parse_double (json_node_get_string (node), LINLI_NUMBER_ALLOW_SPACE,
                                         -INFINITY, INFINITY, &v) == LINLI_NUMBER_OK)
            return v;
        }
    }
  return fallback;
}

/**
 * linli_import_json_string:
 *
 * Returns: (nullable): the member @name of @object when it is a string
 */
const char *
linli_import_json_string (JsonObject *object,
                          const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static const char *
member_string (JsonObject *props,
               const char *name)
{
  return linli_import_json_string (props, name);
}

/* Properties as tags.  GeoJSON cut from vector tiles in the Tilezen schema
 * has no tags: roads give their highway value in `kind_detail`, points of
 * interest their amenity (or office) value in `kind`. */
static const char *
geojson_tag (gconstpointer data,
             const char   *key)
{
  static const char *const road_kinds[] = { "path", "minor_road", "major_road", "highway", NULL };
  JsonObject *props = (JsonObject *) data;
  const char *value = member_string (props, key);

  if (value != NULL || props == NULL)
    return value;
  if (strcmp (key, "highway") == 0 || strcmp (key, "man_made") == 0)
    return str_in (member_string (props, "kind"), road_kinds) ? member_string (props, "kind_detail") : NULL;
  if (strcmp (key, "amenity") == 0 || strcmp (key, "office") == 0 || strcmp (key, "healthcare") == 0)
    return member_string (props, "kind");
  if (strcmp (key, "tunnel") == 0 && json_object_has_member (props, "is_tunnel"))
    {
      JsonNode *node = json_object_get_member (props, "is_tunnel");

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
          json_node_get_boolean (node))
        return "yes";
    }
  return NULL;
}

/**
 * linli_import_json_position:
 *
 * Reads one GeoJSON [lon, lat] pair in @crs, converted to WGS84.
 *
 * Returns: (nullable): why it cannot be read (untranslated), or %NULL
 */
const char *
linli_import_json_position (JsonNode    *pair,
                            LinliCrs     crs,
                            LinliLatLon *p)
{
  JsonArray *xy;
  JsonNode *x, *y;

  if (pair == NULL || !JSON_NODE_HOLDS_ARRAY (pair) || json_array_get_length (xy = json_node_get_array (pair)) < 2 ||
      !JSON_NODE_HOLDS_VALUE (x = json_array_get_element (xy, 0)) ||
      !JSON_NODE_HOLDS_VALUE (y = json_array_get_element (xy, 1)) ||
      (json_node_get_value_type (x) != G_TYPE_DOUBLE && json_node_get_value_type (x) != G_TYPE_INT64) ||
      (json_node_get_value_type (y) != G_TYPE_DOUBLE && json_node_get_value_type (y) != G_TYPE_INT64))
    return N_("a point is not a [lon, lat] pair");
  linli_crs_to_wgs84 (crs, json_node_get_double (y), json_node_get_double (x), &p->lat, &p->lon);
  if (!linli_lat_lon_is_valid (p->lat, p->lon))
    return N_("a point lies outside the valid range of coordinates");
  return NULL;
}

static const char *
read_position (JsonNode                 *pair,
               const LinliImportOptions *opts,
               LinliLatLon              *p)
{
  return linli_import_json_position (pair, opts->crs, p);
}

/* Reads a ring of [lon, lat] pairs into r->points, converted to WGS84. */
static const char *
read_ring (GeoJsonReader *r,
           JsonArray     *ring)
{
  GArray *points = r->points;
  guint n = json_array_get_length (ring);
  const char *reason;

  g_array_set_size (points, 0);
  if (n > LINLI_IMPORT_MAX_RING_POINTS)
    return N_("the outline has too many points");
  for (guint k = 0; k < n; k++)
    {
      LinliLatLon p;

      if ((reason = read_position (json_array_get_element (ring, k), r->imp->options, &p)) != NULL)
        return reason;
      g_array_append_val (points, p);
    }
  /* GeoJSON closes rings by repeating the first point; Linli does not. */
  if (points->len >= 2)
    {
      LinliLatLon *a = &g_array_index (points, LinliLatLon, 0);
      LinliLatLon *b = &g_array_index (points, LinliLatLon, points->len - 1);

      if (a->lat == b->lat && a->lon == b->lon)
        g_array_set_size (points, points->len - 1);
    }
  if (points->len < 3)
    return N_("the outline has fewer than 3 points");
  return NULL;
}

/* The outer ring of a Polygon, or of a MultiPolygon's first polygon. */
static const char *
outer_ring (JsonObject  *geometry,
            gboolean     multi,
            JsonArray  **ring)
{
  JsonNode *coords = json_object_get_member (geometry, "coordinates");
  JsonArray *polygon;

  if (coords == NULL || !JSON_NODE_HOLDS_ARRAY (coords) ||
      json_array_get_length (polygon = json_node_get_array (coords)) == 0)
    return N_("the geometry has no coordinates");
  if (multi && (!JSON_NODE_HOLDS_ARRAY (json_array_get_element (polygon, 0)) ||
                json_array_get_length (polygon = json_array_get_array_element (polygon, 0)) == 0))
    return N_("the geometry has no coordinates");
  if (!JSON_NODE_HOLDS_ARRAY (json_array_get_element (polygon, 0)))
    return N_("the geometry has no coordinates");
  *ring = json_array_get_array_element (polygon, 0);
  return NULL;
}

/* g_double_hash() folds the bits of nearby coordinates onto few buckets;
 * this mixes them (MurmurHash3's finaliser).  Adding 0.0 makes −0 and +0,
 * which compare equal, hash alike. */
static guint
node_hash (gconstpointer key)
{
  const LinliLatLon *p = key;
  double lat = p->lat + 0.0, lon = p->lon + 0.0;
  guint64 a, b;

  memcpy (&a, &lat, sizeof a);
  memcpy (&b, &lon, sizeof b);
  a ^= b * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  a ^= a >> 33;
  a *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  a ^= a >> 33;
  a *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  a ^= a >> 33;
  return (guint) a;
}

static gboolean
node_equal (gconstpointer a,
            gconstpointer b)
{
  const LinliLatLon *p = a, *q = b;

  return p->lat == q->lat && p->lon == q->lon;
}

/**
 * linli_importer_add_street:
 * @points: (array length=n_points): the line, in WGS84
 *
 * Adds a line as a street way for readers that hold their own points (GIS
 * layers through GDAL).  As with GeoJSON lines, points with the same
 * coordinates become one node, which is how lines that meet are connected;
 * repeated points in a row are dropped.
 *
 * Returns: %FALSE when the line has fewer than 2 distinct points (nothing
 *   is added)
 */
gboolean
linli_importer_add_street (LinliImporter     *imp,
                           LinliStreetKind    kind,
                           const LinliLatLon *points,
                           guint              n_points)
{
  g_autoptr (GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint distinct = 0;

  for (guint k = 0; k < n_points; k++)
    if (k == 0 || !node_equal (&points[k], &points[k - 1]))
      distinct++;
  if (distinct < 2)
    return FALSE;
  if (imp->street_node_index == NULL)
    imp->street_node_index = g_hash_table_new_full (node_hash, node_equal, g_free, NULL);
  for (guint k = 0; k < n_points; k++)
    {
      guint32 index;

      if (k > 0 && node_equal (&points[k], &points[k - 1]))
        continue;
      index = GPOINTER_TO_UINT (g_hash_table_lookup (imp->street_node_index, &points[k]));
      if (index == 0)
        {
          index = linli_streets_add_node (imp->streets, points[k].lat, points[k].lon) + 1;
          g_hash_table_insert (imp->street_node_index, g_memdup2 (&points[k], sizeof points[k]),
                               GUINT_TO_POINTER (index));
        }
      index--;
      g_array_append_val (indices, index);
    }
  linli_streets_add_way (imp->streets, kind, (const guint32 *) indices->data, indices->len);
  return TRUE;
}

/* Adds a line as a street way.  Points with the same coordinates become
 * one node, which is how lines that meet are connected.  Sets *added to
 * FALSE for a line that repeats one point only. */
static const char *
add_line (GeoJsonReader   *r,
          JsonArray       *line,
          LinliStreetKind  kind,
          gboolean        *added)
{
  guint n = json_array_get_length (line);
  const char *reason;

  *added = FALSE;
  if (n > LINLI_IMPORT_MAX_WAY_NODES)
    return N_("the line has too many points");
  if (n < 2)
    return N_("the line has fewer than 2 points");
  g_array_set_size (r->points, 0);
  for (guint k = 0; k < n; k++)
    {
      LinliLatLon p;

      if ((reason = read_position (json_array_get_element (line, k), r->imp->options, &p)) != NULL)
        return reason;
      if (r->points->len == 0 || !node_equal (&p, &g_array_index (r->points, LinliLatLon, r->points->len - 1)))
        g_array_append_val (r->points, p);
    }
  if (r->points->len < 2)
    return NULL;

  g_array_set_size (r->indices, 0);
  for (guint k = 0; k < r->points->len; k++)
    {
      LinliLatLon *p = &g_array_index (r->points, LinliLatLon, k);
      guint32 index = GPOINTER_TO_UINT (g_hash_table_lookup (r->node_index, p));

      if (index == 0)
        {
          index = linli_streets_add_node (r->imp->streets, p->lat, p->lon) + 1;
          g_hash_table_insert (r->node_index, g_memdup2 (p, sizeof *p), GUINT_TO_POINTER (index));
        }
      index--;
      g_array_append_val (r->indices, index);
    }
  linli_streets_add_way (r->imp->streets, kind, (const guint32 *) r->indices->data, r->indices->len);
  *added = TRUE;
  return NULL;
}

/* The lines of a LineString or MultiLineString, or the outer ring of a
 * walkable area polygon. */
static const char *
add_lines (GeoJsonReader   *r,
           JsonObject      *geometry,
           const char      *type,
           LinliStreetKind  kind,
           gboolean        *added)
{
  JsonNode *coords = json_object_get_member (geometry, "coordinates");
  JsonArray *array;
  const char *reason;
  gboolean one;

  *added = FALSE;
  if (coords == NULL || !JSON_NODE_HOLDS_ARRAY (coords))
    return N_("the geometry has no coordinates");
  array = json_node_get_array (coords);
  if (g_str_equal (type, "LineString"))
    return add_line (r, array, kind, added);
  if (g_str_equal (type, "Polygon") || g_str_equal (type, "MultiPolygon"))
    {
      JsonArray *ring;

      if ((reason = outer_ring (geometry, g_str_equal (type, "MultiPolygon"), &ring)) != NULL)
        return reason;
      return add_line (r, ring, kind, added);
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *part = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_ARRAY (part))
        return N_("a line is not an array of points");
      if ((reason = add_line (r, json_node_get_array (part), kind, &one)) != NULL)
        return reason;
      *added |= one;
    }
  return NULL;
}

/* Where a feature is: a point, or the centroid of its outer ring, whose
 * area it gives too; r->points holds the ring. */
static const char *
read_place (GeoJsonReader *r,
            JsonObject    *geometry,
            const char    *type,
            double        *lat,
            double        *lon,
            double        *area)
{
  const char *reason;

  *area = 0;
  g_array_set_size (r->points, 0);
  if (g_str_equal (type, "Point"))
    {
      LinliLatLon p;

      if ((reason = read_position (json_object_get_member (geometry, "coordinates"), r->imp->options, &p)) != NULL)
        return reason;
      *lat = p.lat;
      *lon = p.lon;
      return NULL;
    }
  else
    {
      JsonArray *ring;

      if ((reason = outer_ring (geometry, g_str_equal (type, "MultiPolygon"), &ring)) != NULL ||
          (reason = read_ring (r, ring)) != NULL)
        return reason;
      *area = linli_importer_place_ring (r->imp, r->points, lat, lon);
      return NULL;
    }
}

static gboolean
is_building_part (JsonObject *props)
{
  const char *part = member_string (props, "building:part");

  return g_strcmp0 (member_string (props, "kind"), "building_part") == 0 ||
         (part != NULL && g_strcmp0 (part, "no") != 0 && member_string (props, "building") == NULL);
}

static char *
suggestion_id (JsonObject *props,
               guint       feature)
{
  double osm_id = member_number (props, "osm_id", NAN);

  if (osm_id >= 1 && osm_id < 9007199254740992.0 && osm_id == floor (osm_id))
    return g_strdup_printf ("poi-%.0f", osm_id);
  return g_strdup_printf ("poi-f%u", feature);
}

/**
 * linli_import_json_features:
 *
 * Returns: (transfer none) (nullable): the features of a GeoJSON
 *   FeatureCollection parsed into @parser, or %NULL with @error set
 */
JsonArray *
linli_import_json_features (JsonParser  *parser,
                            const char  *path,
                            GError     **error)
{
  JsonNode *root = json_parser_get_root (parser);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (member_string (json_node_get_object (root), "type"), "FeatureCollection") != 0 ||
      !json_object_has_member (json_node_get_object (root), "features") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "features")))
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                   _("%s: not a GeoJSON FeatureCollection"), path);
      return NULL;
    }
  return json_object_get_array_member (json_node_get_object (root), "features");
}

static gboolean
read_geojson_file (GeoJsonReader  *r,
                   const char     *path,
                   Role            role,
                   GError        **error)
{
  LinliImporter *imp = r->imp;
  g_autoptr (JsonParser) parser = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  JsonArray *features;
  guint n_features;

  parser = linli_json_load_file (path, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, error);
  if (parser == NULL || (features = linli_import_json_features (parser, path, error)) == NULL)
    return FALSE;
  n_features = json_array_get_length (features);
  imp->report.features += n_features;

  for (guint f = 0; f < n_features; f++)
    {
      JsonNode *node = json_array_get_element (features, f);
      JsonObject *feature, *geometry, *props = NULL;
      LinliTags tags = { geojson_tag, NULL };
      const char *type, *reason = NULL;
      gboolean areal, linear, used = FALSE;
      LinliStreetKind kind;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !json_object_has_member (feature = json_node_get_object (node), "geometry") ||
          !JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "geometry")))
        {
          imp->report.skipped++;
          continue;
        }
      geometry = json_object_get_object_member (feature, "geometry");
      if (json_object_has_member (feature, "properties") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")))
        props = json_object_get_object_member (feature, "properties");
      /* OpenStreetMap data must say so wherever it is shown (ODbL). */
      if (props != NULL && (json_object_has_member (props, "osm_id") || json_object_has_member (props, "@id")))
        linli_project_set_attribution (imp->project, LINLI_OSM_ATTRIBUTION);
      tags.data = props;
      type = member_string (geometry, "type");
      areal = g_strcmp0 (type, "Polygon") == 0 || g_strcmp0 (type, "MultiPolygon") == 0;
      linear = g_strcmp0 (type, "LineString") == 0 || g_strcmp0 (type, "MultiLineString") == 0;

      if (role == ROLE_BUILDINGS && (areal || g_strcmp0 (type, "Point") == 0))
        {
          g_autofree char *id = g_strdup_printf ("f%u", f + 1);
          const char *building = member_string (props, "building");
          LinliBuildingFacts facts = { 0 };
          double lat, lon, area;

          if (is_building_part (props))
            {
              imp->report.building_parts++;
              continue;
            }
          if (g_strcmp0 (building, "no") == 0)
            {
              imp->report.skipped++;
              continue;
            }
          if ((reason = read_place (r, geometry, type, &lat, &lon, &area)) == NULL)
            {
              g_autofree char *sid = suggestion_id (props, f + 1);
              g_autofree char *source = g_strdup_printf (_("%s, feature %u"), basename, f + 1);

              facts.id = id;
              facts.name = member_string (props, "name");
              if (facts.name == NULL || facts.name[0] == '\0')
                facts.name = member_string (props, "name:zh");
              facts.street = member_string (props, "addr:street");
              facts.housenumber = member_string (props, "addr:housenumber");
              facts.type = building ? building
                                    : (g_strcmp0 (member_string (props, "kind"), "building") == 0
                                         ? member_string (props, "kind_detail") : NULL);
              facts.community = member_string (props, "community");
              facts.compound = member_string (props, "compound");
              facts.storeys = member_number (props, "building:levels", member_number (props, "levels", NAN));
              facts.height = member_number (props, "height", NAN);
              facts.households = member_number (props, "households", NAN);
              facts.residents = member_number (props, "residents", NAN);
              facts.party_members = member_number (props, "party_members", NAN);
              linli_importer_add_building (imp, &facts, lat, lon, area, (const LinliLatLon *) r->points->data,
                                           r->points->len);
              linli_importer_add_suggestion (imp, &tags, lat, lon, sid, source);
              used = TRUE;
            }
        }
      else if ((linear && role != ROLE_POIS) || (areal && role == ROLE_STREETS))
        {
          if (linli_import_walkable (&tags, &kind))
            reason = add_lines (r, geometry, type, kind, &used);
        }
      else if (role == ROLE_POIS && (areal || g_strcmp0 (type, "Point") == 0))
        {
          double lat, lon, area;

          if ((reason = read_place (r, geometry, type, &lat, &lon, &area)) == NULL)
            {
              g_autofree char *sid = suggestion_id (props, f + 1);
              g_autofree char *source = g_strdup_printf (_("%s, feature %u"), basename, f + 1);

              used = linli_importer_add_suggestion (imp, &tags, lat, lon, sid, source);
            }
        }

      if (reason != NULL)
        {
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                       _("%s: feature %u: %s"), path, f + 1, _(reason));
          return FALSE;
        }
      if (!used)
        imp->report.skipped++;
    }
  return TRUE;
}

/**
 * linli_import_geojson:
 * @path: a GeoJSON FeatureCollection of buildings (Polygon, MultiPolygon
 *   or Point geometries); walkable lines in it become streets
 * @options: coordinate system, estimate parameters and the optional
 *   @streets_path and @pois_path files
 * @report: (out caller-allocates) (optional): what was read; clear it with
 *   linli_import_report_clear()
 *
 * Makes a project of the buildings in @path.  Properties used when present:
 * `name`, `households`, `residents`, `party_members`, `building:levels` or
 * `levels`, `height` (metres), `building` (the type; in the Tilezen schema
 * `kind_detail` of a `kind` "building"), `compound` and `community`.
 * Building parts (`building:part`, Tilezen `kind` "building_part") are
 * counted and skipped, as are features with `building` "no".  Households
 * not given are estimated as linli_importer_add_building() says, and the
 * buildings flagged %LINLI_BUILDING_ESTIMATED.
 *
 * Lines (LineString, MultiLineString) in @path or in @streets_path become
 * streets if walkable by linli_import_walkable() (from `highway`, `foot`,
 * `access`, or Tilezen `kind_detail`); lines sharing a point are connected
 * there, and near-misses are joined by linli_streets_join().  Points and
 * polygons in @pois_path, and buildings in @path, that are existing
 * service positions by linli_importer_add_suggestion() (from `amenity`,
 * `office`, `healthcare`, or Tilezen `kind`) are returned in the report's
 * suggestions and added as sites when @add_suggested_sites is set.
 *
 * Nothing is returned half-read: an error names the file, the feature and
 * the reason.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
LinliProject *
linli_import_geojson (const char               *path,
                      const LinliImportOptions *options,
                      LinliImportReport        *report,
                      GError                  **error)
{
  LinliImporter imp;
  GeoJsonReader r;
  LinliProject *project = NULL;

  g_return_val_if_fail (path != NULL && options != NULL, NULL);

  if (report != NULL)
    memset (report, 0, sizeof *report);
  linli_importer_init (&imp, options, path);
  r.imp = &imp;
  r.node_index = g_hash_table_new_full (node_hash, node_equal, g_free, NULL);
  r.points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  r.indices = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (read_geojson_file (&r, path, ROLE_BUILDINGS, error) &&
      (options->streets_path == NULL || read_geojson_file (&r, options->streets_path, ROLE_STREETS, error)) &&
      (options->pois_path == NULL || read_geojson_file (&r, options->pois_path, ROLE_POIS, error)))
    project = linli_importer_finish (&imp, report, error);

  g_hash_table_unref (r.node_index);
  g_array_unref (r.points);
  g_array_unref (r.indices);
  linli_importer_clear (&imp);
  return project;
}

/* ------------------------------------------------------------------------ */
/* Any file                                                                  */
/* ------------------------------------------------------------------------ */

/**
 * linli_import_guess_format:
 *
 * Tells OpenStreetMap XML from GeoJSON by the file's first character
 * (`<` or `{`), or by its name when it cannot be read.
 */
LinliImportFormat
linli_import_guess_format (const char *path)
{
  FILE *file = linli_file_check_regular (path, NULL) ? fopen (path, "rb") : NULL;
  char head[256];
  size_t n = 0, i = 0;

  /* Not a regular file: the reader chosen by name says so. */
  if (file != NULL)
    {
      n = fread (head, 1, sizeof head, file);
      fclose (file);
    }
  if (n >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < n && g_ascii_isspace (head[i]))
    i++;
  if (i < n)
    return head[i] == '<' ? LINLI_IMPORT_FORMAT_OSM : LINLI_IMPORT_FORMAT_GEOJSON;
  return g_str_has_suffix (path, ".osm") ? LINLI_IMPORT_FORMAT_OSM : LINLI_IMPORT_FORMAT_GEOJSON;
}

/**
 * linli_import_name_for_path:
 * @path: a file being imported
 *
 * The name a district imported from @path gets: the file's name without
 * its directory and without the extensions of the formats Linli reads
 * (`.geojson`, `.json`, `.osm`, `.xml`, `.csv`, `.txt`, in any case and
 * combination such as `.osm.xml`), so that 老城区.geojson gives 老城区.  A
 * name that would be empty keeps the file's name.
 *
 * Returns: (transfer full): the name
 */
char *
linli_import_name_for_path (const char *path)
{
  static const char *const extensions[] = { ".geojson", ".json", ".osm", ".xml", ".csv", ".txt" };
  char *name = g_path_get_basename (path);
  gboolean cut = TRUE;

  while (cut)
    {
      size_t len = strlen (name);

      cut = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
        {
          size_t ext = strlen (extensions[i]);

          if (len > ext && g_ascii_strcasecmp (name + len - ext, extensions[i]) == 0)
            {
              name[len - ext] = '\0';
              cut = TRUE;
              break;
            }
        }
    }
  return name;
}

/**
 * linli_import_file:
 *
 * Imports @path with linli_import_osm() or linli_import_geojson(), as
 * linli_import_guess_format() says.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
LinliProject *
linli_import_file (const char               *path,
                   const LinliImportOptions *options,
                   LinliImportReport        *report,
                   GError                  **error)
{
  if (linli_import_guess_format (path) == LINLI_IMPORT_FORMAT_OSM)
    return linli_import_osm (path, options, report, error);
  return linli_import_geojson (path, options, report, error);
}

/* The first GeoJSON file in @dir, by name, that starts with one of
 * @prefixes and is not @chosen; or NULL. */
static char *
find_companion (const char        *dir,
                const char        *chosen,
                const char *const *prefixes)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *best = NULL;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_suffix (name, ".geojson") || strcmp (name, chosen) == 0 ||
          (best != NULL && strcmp (name, best) >= 0))
        continue;
      for (const char *const *p = prefixes; *p != NULL; p++)
        if (g_str_has_prefix (name, *p))
          {
            g_free (best);
            best = g_strdup (name);
            break;
          }
    }
  return best ? g_build_filename (dir, best, NULL) : NULL;
}

/**
 * linli_import_find_companions:
 * @path: a GeoJSON file of buildings
 * @streets_path: (out) (transfer full) (nullable): roads*.geojson or
 *   streets*.geojson beside it
 * @pois_path: (out) (transfer full) (nullable): pois*.geojson beside it
 *
 * Finds the files that extracts cut from vector tiles put beside their
 * buildings, for the @streets_path and @pois_path options.  A file that is
 * itself one of them (roads…, streets…, pois…) has none.
 */
void
linli_import_find_companions (const char  *path,
                              char       **streets_path,
                              char       **pois_path)
{
  static const char *const streets_names[] = { "roads", "streets", NULL };
  static const char *const pois_names[] = { "pois", NULL };
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  *streets_path = NULL;
  *pois_path = NULL;
  if (g_str_has_prefix (base, "roads") || g_str_has_prefix (base, "streets") || g_str_has_prefix (base, "pois"))
    return;
  *streets_path = find_companion (dir, base, streets_names);
  *pois_path = find_companion (dir, base, pois_names);
}

/**
 * linli_import_streets_into:
 * @project: the project to give streets
 * @path: OpenStreetMap XML or GeoJSON with walkable ways
 * @report: (out caller-allocates) (optional): what the file held
 *
 * For a project whose buildings came from elsewhere (a building list, the
 * planning bureau): reads @path as linli_import_file() does and keeps
 * only its walkable streets, which replace @project's.  The file's
 * buildings and service positions are not taken.  OpenStreetMap data add
 * their attribution.
 *
 * Returns: (transfer full): a copy of @project with the new streets, or
 *   %NULL with @error set (also when the file has no walkable streets);
 *   @project itself is not changed
 */
LinliProject *
linli_import_streets_into (LinliProject             *project,
                           const char               *path,
                           const LinliImportOptions *options,
                           LinliImportReport        *report,
                           GError                  **error)
{
  g_autoptr (LinliProject) source = NULL;
  LinliProject *copy;
  const char *theirs, *ours;
  LinliImportOptions opts;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);
  g_return_val_if_fail (path != NULL && options != NULL, NULL);

  opts = *options;
  opts.add_suggested_sites = FALSE;
  source = linli_import_file (path, &opts, report, error);
  if (source == NULL)
    return NULL;
  if (!linli_project_has_streets (source))
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                   _("%s: no walkable streets in the file"), path);
      return NULL;
    }

  copy = linli_project_copy (project);
  linli_project_set_streets (copy, linli_streets_copy (linli_project_get_streets (source)));
  {
    g_autofree char *problem = linli_project_check_positions (copy, NULL);

    if (problem != NULL)
      {
        g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, "%s: %s",
                     path, problem);
        g_object_unref (copy);
        return NULL;
      }
  }
  theirs = linli_project_get_attribution (source);
  ours = linli_project_get_attribution (copy);
  if (theirs[0] != '\0' && strstr (ours, theirs) == NULL)
    {
      g_autofree char *both = ours[0] != '\0' ? g_strconcat (ours, "; ", theirs, NULL) : g_strdup (theirs);

      linli_project_set_attribution (copy, both);
    }
  return copy;
}
