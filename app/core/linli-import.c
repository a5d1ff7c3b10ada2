/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-import"

#include "config.h"

#include "linli-import.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

G_DEFINE_QUARK (linli-import-error-quark, linli_import_error)

#define MAX_RING_POINTS 4096

void
linli_import_options_init (LinliImportOptions *options)
{
  options->crs = LINLI_CRS_WGS84;
  options->name = NULL;
  options->m2_per_household = 90;
  options->residents_per_household = 2.6;
}

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
          char *end;
          double v = g_ascii_strtod (json_node_get_string (node), &end);

          if (end != json_node_get_string (node) && *end == '\0' && isfinite (v))
            return v;
        }
    }
  return fallback;
}

static const char *
member_string (JsonObject *props,
               const char *name)
{
  JsonNode *node;

  if (props == NULL || !json_object_has_member (props, name))
    return NULL;
  node = json_object_get_member (props, name);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/* Reads a ring of [lon, lat] pairs into @points, converted to WGS84. */
static gboolean
read_ring (JsonArray                *ring,
           const LinliImportOptions *opts,
           GArray                   *points,
           const char              **reason)
{
  guint n = json_array_get_length (ring);

  g_array_set_size (points, 0);
  if (n > MAX_RING_POINTS)
    {
      *reason = N_("the outline has too many points");
      return FALSE;
    }
  for (guint k = 0; k < n; k++)
    {
      JsonNode *pair = json_array_get_element (ring, k);
      JsonArray *xy;
      LinliLatLon p;

      if (!JSON_NODE_HOLDS_ARRAY (pair) || json_array_get_length (xy = json_node_get_array (pair)) < 2)
        {
          *reason = N_("a point is not a [lon, lat] pair");
          return FALSE;
        }
      p.lon = json_array_get_double_element (xy, 0);
      p.lat = json_array_get_double_element (xy, 1);
      linli_crs_to_wgs84 (opts->crs, p.lat, p.lon, &p.lat, &p.lon);
      if (!linli_lat_lon_is_valid (p.lat, p.lon))
        {
          *reason = N_("a point lies outside the valid range of coordinates");
          return FALSE;
        }
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
    {
      *reason = N_("the outline has fewer than 3 points");
      return FALSE;
    }
  return TRUE;
}

/* Area (m²) and centroid of a ring, in a local projection at its first point. */
static double
ring_area_centroid (GArray *points,
                    double *lat,
                    double *lon)
{
  LinliProjection proj;
  double area = 0, cx = 0, cy = 0;
  const LinliLatLon *p = (const LinliLatLon *) points->data;

  linli_projection_init (&proj, p[0].lat, p[0].lon);
  for (guint k = 0; k < points->len; k++)
    {
      double x0, y0, x1, y1, cross;

      linli_projection_forward (&proj, p[k].lat, p[k].lon, &x0, &y0);
      linli_projection_forward (&proj, p[(k + 1) % points->len].lat, p[(k + 1) % points->len].lon, &x1, &y1);
      cross = x0 * y1 - x1 * y0;
      area += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
  area /= 2;
  if (fabs (area) < 1e-9)
    {
      /* A degenerate outline: its first point stands for it. */
      *lat = p[0].lat;
      *lon = p[0].lon;
      return 0;
    }
  linli_projection_inverse (&proj, cx / (6 * area), cy / (6 * area), lat, lon);
  return fabs (area);
}

/**
 * linli_import_geojson:
 * @path: a GeoJSON FeatureCollection of buildings (Polygon, MultiPolygon
 *   or Point geometries)
 * @options: coordinate system and estimate parameters
 * @report: (out caller-allocates) (optional): what was read
 *
 * Makes a project of the buildings in @path.  Properties used when present:
 * `name`, `households`, `residents`, `party_members`, `building:levels` or
 * `levels`, `height` (metres), `compound` and `community`.  Where households
 * are not given they are estimated as footprint area × storeys ÷ the floor
 * area per household (storeys from levels, else height ÷ 3 m, else 1), and
 * residents as households × residents per household; the report counts
 * them.  Nothing is returned half-read: an error names the file, the
 * feature and the reason.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
LinliProject *
linli_import_geojson (const char               *path,
                      const LinliImportOptions *options,
                      LinliImportReport        *report,
                      GError                  **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  g_autoptr (GError) local_error = NULL;
  LinliImportReport rep = { 0 };
  JsonNode *root;
  JsonArray *features;
  g_autofree char *basename = g_path_get_basename (path);

  if (!json_parser_load_from_mapped_file (parser, path, &local_error))
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, "%s: %s", path, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (member_string (json_node_get_object (root), "type"), "FeatureCollection") != 0 ||
      !json_object_has_member (json_node_get_object (root), "features") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "features")))
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                   _("%s: not a GeoJSON FeatureCollection"), path);
      return NULL;
    }
  features = json_object_get_array_member (json_node_get_object (root), "features");

  project = linli_project_new ();
  linli_project_set_name (project, options->name ? options->name : basename);
  rep.features = json_array_get_length (features);

  for (guint f = 0; f < rep.features; f++)
    {
      JsonNode *node = json_array_get_element (features, f);
      JsonObject *feature, *geometry, *props = NULL;
      const char *type, *reason = NULL;
      const char *community_id, *compound_id, *name;
      LinliBuilding b = { 0 };
      double area = 0, households, storeys;
      g_autofree char *id = NULL;
      int community, compound;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !json_object_has_member (feature = json_node_get_object (node), "geometry") ||
          !JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "geometry")))
        {
          rep.skipped++;
          continue;
        }
      geometry = json_object_get_object_member (feature, "geometry");
      if (json_object_has_member (feature, "properties") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")))
        props = json_object_get_object_member (feature, "properties");
      type = member_string (geometry, "type");

      if (g_strcmp0 (type, "Polygon") == 0 || g_strcmp0 (type, "MultiPolygon") == 0)
        {
          JsonNode *coords = json_object_get_member (geometry, "coordinates");
          JsonArray *polygon, *ring;

          /* The outer ring of the (first) polygon is the footprint. */
          if (coords == NULL || !JSON_NODE_HOLDS_ARRAY (coords) ||
              json_array_get_length (polygon = json_node_get_array (coords)) == 0)
            reason = N_("the geometry has no coordinates");
          else if (g_strcmp0 (type, "MultiPolygon") == 0 &&
                   (!JSON_NODE_HOLDS_ARRAY (json_array_get_element (polygon, 0)) ||
                    json_array_get_length (polygon = json_array_get_array_element (polygon, 0)) == 0))
            reason = N_("the geometry has no coordinates");
          if (reason == NULL && !JSON_NODE_HOLDS_ARRAY (json_array_get_element (polygon, 0)))
            reason = N_("the geometry has no coordinates");
          if (reason == NULL)
            {
              ring = json_array_get_array_element (polygon, 0);
              if (read_ring (ring, options, points, &reason))
                area = ring_area_centroid (points, &b.lat, &b.lon);
            }
        }
      else if (g_strcmp0 (type, "Point") == 0)
        {
          JsonArray *xy = json_object_get_array_member (geometry, "coordinates");

          g_array_set_size (points, 0);
          if (xy == NULL || json_array_get_length (xy) < 2)
            reason = N_("a point is not a [lon, lat] pair");
          else
            {
              linli_crs_to_wgs84 (options->crs, json_array_get_double_element (xy, 1),
                                  json_array_get_double_element (xy, 0), &b.lat, &b.lon);
              if (!linli_lat_lon_is_valid (b.lat, b.lon))
                reason = N_("a point lies outside the valid range of coordinates");
            }
        }
      else
        {
          rep.skipped++;
          continue;
        }
      if (reason != NULL)
        {
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                       _("%s: feature %u: %s"), path, f + 1, _(reason));
          return NULL;
        }

      /* Households as given, or estimated from floor area. */
      storeys = member_number (props, "building:levels", member_number (props, "levels", NAN));
      if (!(storeys >= 1))
        storeys = MAX (1, round (member_number (props, "height", 3) / 3.0));
      households = member_number (props, "households", NAN);
      if (!(households >= 0) || households > 1000000)
        {
          households = MAX (1, round (area * storeys / options->m2_per_household));
          households = MIN (households, 1000000);
          b.flags |= LINLI_BUILDING_ESTIMATED;
          rep.estimated++;
        }
      b.households = (guint32) households;
      b.residents = (guint32) CLAMP (member_number (props, "residents",
                                                    round (households * options->residents_per_household)),
                                     0, 1000000);
      b.party_members = (guint32) CLAMP (member_number (props, "party_members",
                                                        MAX (1, round (b.residents * 0.05))), 0, 1000000);

      community_id = member_string (props, "community");
      compound_id = member_string (props, "compound");
      if (compound_id == NULL)
        compound_id = community_id ? community_id : "imported";
      if (community_id == NULL)
        community_id = "imported";
      if ((community = linli_project_find_community (project, community_id)) < 0)
        community = linli_project_add_community (project, community_id,
                                                 g_str_equal (community_id, "imported") ? _("Imported buildings")
                                                                                        : community_id);
      if ((compound = linli_project_find_compound (project, compound_id)) < 0)
        compound = linli_project_add_compound (project, compound_id, compound_id, community);

      name = member_string (props, "name");
      id = g_strdup_printf ("f%u", f + 1);
      b.id = id;
      b.name = name;
      b.compound = compound;
      linli_project_add_building (project, &b, points->len >= 3 ? (LinliLatLon *) points->data : NULL,
                                  points->len >= 3 ? points->len : 0);
      rep.buildings++;
    }

  if (report != NULL)
    *report = rep;
  return g_steal_pointer (&project);
}
