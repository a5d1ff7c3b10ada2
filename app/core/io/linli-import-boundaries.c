/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-import"

#include "config.h"

#include "linli-import-boundaries.h"
#include "linli-import-ogr-private.h"
#include "linli-import-private.h"

#include "linli-file.h"
#include "linli-geos.h"
#include "linli-grid-edits.h"
#include "linli-grids.h"
#include "linli-json.h"
#include "linli-spatial.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Files of boundaries are a few megabytes; json-glib holds a whole file as
 * a tree ten times its size, so GeoJSON is held to less than the streamed
 * OpenStreetMap XML. */
#define MAX_GEOJSON_BYTES (32 * 1024 * 1024)
#define MAX_OSM_BYTES     (512 * 1024 * 1024)
#define MAX_POLYGONS      100000

/* As LINLI_BOUNDARY_MAX_POINTS and LINLI_BOUNDARY_MAX_RINGS say. */
#define TOO_MANY_POINTS N_("the outline has more than 100,000 points")
#define TOO_MANY_RINGS  N_("the outline has more than 1,000 rings")

/* What the reader gathers before matching. */
typedef struct
{
  LinliProject               *project;
  const LinliProjection      *projection;
  const LinliBoundaryOptions *options;
  GPtrArray                  *polygons;   /* LinliBoundaryPolygon */
  GPtrArray                  *names;      /* per polygon: a NULL-terminated char ** of its names */
  LinliPointIndex            *index;      /* of the buildings, in metres */
  double                     *xy;
  gboolean                    too_many;
} Reader;

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

static void
boundary_polygon_free (LinliBoundaryPolygon *p)
{
  g_free (p->source);
  g_free (p->name);
  g_free (p->kind);
  g_clear_pointer (&p->polygon, linli_polygon_unref);
  g_free (p->repaired);
  g_free (p->reason);
  g_free (p);
}

/* A name as compared: compatibility forms folded (full-width letters and
 * digits), case folded, no white space. */
static char *
fold_name (const char *name)
{
  g_autofree char *nfkc = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  nfkc = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (nfkc, -1);
  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  if (out->len == 0)
    return g_string_free (out, TRUE), NULL;
  return g_string_free (out, FALSE);
}

/* A community's name without what only says it is one: "翠苑社区居委会",
 * "翠苑社区" and "翠苑" name the same community. */
static char *
fold_community_name (const char *name)
{
  static const char *const suffixes[] = {
    "社区居民委员会", "社区居委会", "社区居委", "居民委员会", "居委会", "社区", NULL,
  };
  char *folded = fold_name (name);

  if (folded == NULL)
    return NULL;
  for (guint i = 0; suffixes[i] != NULL; i++)
    if (g_str_has_suffix (folded, suffixes[i]) && strlen (folded) > strlen (suffixes[i]))
      {
        folded[strlen (folded) - strlen (suffixes[i])] = '\0';
        break;
      }
  return folded;
}

/* What the polygon says it is, from its tags or properties. */
static char *
kind_of (const LinliTags *tags)
{
  static const char *const keys[] = { "boundary", "landuse", "place", "kind", NULL };

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = linli_tags_get (tags, keys[i]);

      if (value != NULL && value[0] != '\0' && strlen (value) < 256 && g_utf8_validate (value, -1, NULL))
        return g_strdup_printf ("%s=%s", keys[i], value);
    }
  return g_strdup ("");
}

static gboolean
is_residential (const LinliBoundaryPolygon *p)
{
  return strcmp (p->kind, "landuse=residential") == 0;
}

/* The names a polygon is known by: the caller's field, or name and
 * name:zh. */
static char **
names_of (const LinliTags            *tags,
          const LinliBoundaryOptions *options,
          char                      **display)
{
  const char *keys[] = { "name", "name:zh", NULL };
  GPtrArray *names = g_ptr_array_new ();

  if (options->name_field != NULL)
    {
      keys[0] = options->name_field;
      keys[1] = NULL;
    }
  *display = NULL;
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = linli_tags_get (tags, keys[i]);

      if (value == NULL || value[0] == '\0' || strlen (value) > LINLI_IMPORT_MAX_NAME * 4 ||
          !g_utf8_validate (value, -1, NULL))
        continue;
      if (*display == NULL)
        *display = g_strdup (value);
      g_ptr_array_add (names, g_strdup (value));
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

static LinliBoundaryPolygon *
add_polygon (Reader          *r,
             const LinliTags *tags,
             const char      *source)
{
  LinliBoundaryPolygon *p = g_new0 (LinliBoundaryPolygon, 1);

  p->source = g_strdup (source);
  p->kind = kind_of (tags);
  p->match = LINLI_BOUNDARY_UNMATCHED;
  g_ptr_array_add (r->names, names_of (tags, r->options, &p->name));
  g_ptr_array_add (r->polygons, p);
  return p;
}

static void
skip (LinliBoundaryPolygon *p,
      char                 *reason)
{
  p->match = LINLI_BOUNDARY_SKIPPED;
  g_free (p->reason);
  p->reason = reason;
  g_clear_pointer (&p->polygon, linli_polygon_unref);
}

typedef struct
{
  const double *xy;
  double        min_x, min_y, max_x, max_y;
  gboolean      found;
} NearQuery;

static void
near_cb (guint    index,
         double   distance,
         gpointer user_data)
{
  NearQuery *q = user_data;
  double x = q->xy[2 * index], y = q->xy[2 * index + 1];

  if (x >= q->min_x && x <= q->max_x && y >= q->min_y && y <= q->max_y)
    q->found = TRUE;
}

/* Checks an outline as read and keeps it made valid, or says why not. */
static void
place_polygon (Reader               *r,
               LinliBoundaryPolygon *p,
               LinliPolygon         *polygon)
{
  LinliExtent extent, both;
  NearQuery q = { r->xy, 0, 0, 0, 0, FALSE };
  double x0, y0, x1, y1, b[4];
  g_autofree char *problem = NULL;
  g_autoptr (LinliPolygon) valid = NULL;

  linli_polygon_get_extent (polygon, &extent);

  /* Far from every building: another place, or another side of the
   * world; told before any work on the outline. */
  linli_projection_forward (r->projection, extent.min_lat, extent.min_lon, &x0, &y0);
  linli_projection_forward (r->projection, extent.max_lat, extent.max_lon, &x1, &y1);
  q.min_x = MIN (x0, x1) - LINLI_BOUNDARY_NEAR_METRES;
  q.max_x = MAX (x0, x1) + LINLI_BOUNDARY_NEAR_METRES;
  q.min_y = MIN (y0, y1) - LINLI_BOUNDARY_NEAR_METRES;
  q.max_y = MAX (y0, y1) + LINLI_BOUNDARY_NEAR_METRES;
  if (r->index != NULL && isfinite (q.min_x) && isfinite (q.max_y))
    linli_point_index_query_circle (r->index, (q.min_x + q.max_x) / 2, (q.min_y + q.max_y) / 2,
                                    hypot (q.max_x - q.min_x, q.max_y - q.min_y) / 2, near_cb, &q);
  if (!q.found)
    {
      skip (p, g_strdup_printf (_("no building of the project lies within %.0f km of it"),
                                LINLI_BOUNDARY_NEAR_METRES / 1000));
      return;
    }

  /* The project and the boundary together must stay measurable, or the
   * project would no longer save. */
  both = extent;
  if (linli_project_get_bounds (r->project, &b[0], &b[1], &b[2], &b[3]))
    {
      linli_extent_add (&both, b[0], b[1]);
      linli_extent_add (&both, b[2], b[3]);
    }
  if ((problem = linli_extent_check (&both)) != NULL)
    {
      skip (p, g_steal_pointer (&problem));
      return;
    }

  problem = linli_polygon_check (polygon, r->projection);
  if (problem == NULL)
    valid = linli_polygon_ref (polygon);
  else
    valid = linli_polygon_make_valid (polygon, r->projection);
  if (valid == NULL || linli_polygon_area (valid, r->projection) < 1.0)
    {
      skip (p, problem != NULL ? g_strdup_printf (_("the outline has no area once repaired (%s)"), problem)
                               : g_strdup (_("the outline has no area")));
      return;
    }
  if (linli_polygon_get_n_points (valid) > LINLI_BOUNDARY_MAX_POINTS ||
      linli_polygon_get_n_rings (valid) > LINLI_BOUNDARY_MAX_RINGS)
    {
      skip (p, g_strdup (linli_polygon_get_n_points (valid) > LINLI_BOUNDARY_MAX_POINTS ? _(TOO_MANY_POINTS)
                                                                                      : _(TOO_MANY_RINGS)));
      return;
    }
  {
    g_autofree char *again = linli_polygon_check (valid, r->projection);

    if (again != NULL)
      {
        skip (p, g_strdup_printf (_("the outline is not valid even once repaired: %s"), again));
        return;
      }
  }
  p->repaired = g_steal_pointer (&problem);
  p->polygon = g_steal_pointer (&valid);
}

/* ------------------------------------------------------------------------ */
/* GeoJSON                                                                   */
/* ------------------------------------------------------------------------ */

/* Properties as tags; GeoJSON cut from vector tiles in the Tilezen schema
 * says landuse=residential as kind "residential". */
static const char *
json_tag (gconstpointer data,
          const char   *key)
{
  const char *value = linli_import_json_string ((JsonObject *) data, key);

  if (value == NULL && strcmp (key, "landuse") == 0 &&
      g_strcmp0 (linli_import_json_string ((JsonObject *) data, "kind"), "residential") == 0)
    return "residential";
  return value;
}

/* The rings of a Polygon's coordinates into @points, @lengths and
 * @holes.  Sets @broken when a position cannot be read: the file is
 * broken then, not just the polygon. */
static const char *
read_json_polygon (JsonArray  *rings,
                   LinliCrs    crs,
                   GArray     *points,
                   GArray     *lengths,
                   GArray     *holes,
                   gboolean   *broken)
{
  guint n_rings = json_array_get_length (rings);

  if (n_rings == 0)
    return N_("a polygon has no rings");
  for (guint i = 0; i < n_rings; i++)
    {
      JsonNode *node = json_array_get_element (rings, i);
      JsonArray *ring;
      guint n, start = points->len;
      gboolean hole = i > 0;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return N_("a ring is not an array of points");
      ring = json_node_get_array (node);
      n = json_array_get_length (ring);
      /* Counted before reading, so a ring of a million points costs
       * nothing more than json-glib has spent already. */
      if (lengths->len >= LINLI_BOUNDARY_MAX_RINGS)
        return TOO_MANY_RINGS;
      if (points->len + n > LINLI_BOUNDARY_MAX_POINTS + lengths->len + 1)
        return TOO_MANY_POINTS;
      for (guint k = 0; k < n; k++)
        {
          LinliLatLon p;
          const char *reason = linli_import_json_position (json_array_get_element (ring, k), crs, &p);

          if (reason != NULL)
            {
              *broken = TRUE;
              return reason;
            }
          g_array_append_val (points, p);
        }
      /* GeoJSON closes rings by repeating the first point; Linli does not. */
      if (points->len - start >= 2)
        {
          LinliLatLon *a = &g_array_index (points, LinliLatLon, start);
          LinliLatLon *b = &g_array_index (points, LinliLatLon, points->len - 1);

          if (a->lat == b->lat && a->lon == b->lon)
            g_array_set_size (points, points->len - 1);
        }
      if (points->len - start < 3)
        return N_("a ring has fewer than 3 points");
      n = points->len - start;
      g_array_append_val (lengths, n);
      g_array_append_val (holes, hole);
    }
  return NULL;
}

static gboolean
read_geojson (Reader      *r,
              const char  *path,
              GError     **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  g_autoptr (GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) holes = g_array_new (FALSE, FALSE, sizeof (gboolean));
  JsonArray *features;
  guint n;

  parser = linli_json_load_file (path, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, error);
  if (parser == NULL || (features = linli_import_json_features (parser, path, error)) == NULL)
    return FALSE;
  n = json_array_get_length (features);
  for (guint f = 0; f < n; f++)
    {
      JsonNode *node = json_array_get_element (features, f);
      JsonObject *feature, *geometry, *props = NULL;
      LinliTags tags = { json_tag, NULL };
      g_autofree char *source = NULL;
      LinliBoundaryPolygon *p;
      const char *type, *reason = NULL;
      gboolean broken = FALSE;
      JsonNode *coords;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !json_object_has_member (feature = json_node_get_object (node), "geometry") ||
          !JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "geometry")))
        continue;
      geometry = json_object_get_object_member (feature, "geometry");
      type = linli_import_json_string (geometry, "type");
      if (g_strcmp0 (type, "Polygon") != 0 && g_strcmp0 (type, "MultiPolygon") != 0)
        continue;
      if (json_object_has_member (feature, "properties") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")))
        props = json_object_get_object_member (feature, "properties");
      tags.data = props;
      if (r->polygons->len >= MAX_POLYGONS)
        {
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                       _("%s: feature %u: more than %u polygons"), path, f + 1, MAX_POLYGONS);
          return FALSE;
        }
      /* TRANSLATORS: where a polygon came from: a GeoJSON feature's number. */
      source = g_strdup_printf (_("feature %u"), f + 1);
      p = add_polygon (r, &tags, source);

      g_array_set_size (points, 0);
      g_array_set_size (lengths, 0);
      g_array_set_size (holes, 0);
      coords = json_object_get_member (geometry, "coordinates");
      if (coords == NULL || !JSON_NODE_HOLDS_ARRAY (coords))
        reason = N_("the geometry has no coordinates");
      else if (type[0] == 'P')
        reason = read_json_polygon (json_node_get_array (coords), r->options->crs, points, lengths, holes,
                                    &broken);
      else
        {
          JsonArray *parts = json_node_get_array (coords);

          if (json_array_get_length (parts) == 0)
            reason = N_("the geometry has no coordinates");
          for (guint i = 0; reason == NULL && i < json_array_get_length (parts); i++)
            {
              JsonNode *part = json_array_get_element (parts, i);

              if (!JSON_NODE_HOLDS_ARRAY (part))
                reason = N_("a polygon is not an array of rings");
              else
                reason = read_json_polygon (json_node_get_array (part), r->options->crs, points, lengths,
                                            holes, &broken);
            }
        }
      /* A position out of range is a broken file, as the buildings
       * reader says; a polygon that is only unusable is skipped. */
      if (broken)
        {
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                       _("%s: feature %u: %s"), path, f + 1, _(reason));
          return FALSE;
        }
      if (reason != NULL)
        {
          skip (p, g_strdup (_(reason)));
          continue;
        }
      {
        g_autoptr (LinliPolygon) polygon = linli_polygon_new ((const LinliLatLon *) points->data,
                                                              (const guint *) lengths->data,
                                                              (const gboolean *) holes->data,
                                                              lengths->len);

        place_polygon (r, p, polygon);
      }
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* GIS files                                                                 */
/* ------------------------------------------------------------------------ */

static void
ogr_polygon_cb (const LinliTags *tags,
                const char      *source,
                LinliPolygon    *polygon,
                const char      *problem,
                gpointer         user_data)
{
  Reader *r = user_data;
  LinliBoundaryPolygon *p;

  if (r->polygons->len >= MAX_POLYGONS)
    {
      r->too_many = TRUE;
      return;
    }
  p = add_polygon (r, tags, source);
  if (polygon == NULL)
    skip (p, g_strdup (_(problem)));
  else
    place_polygon (r, p, polygon);
}

/* ------------------------------------------------------------------------ */
/* OpenStreetMap                                                             */
/* ------------------------------------------------------------------------ */

static gboolean
osm_filter_cb (const LinliTags *tags)
{
  const char *place = linli_tags_get (tags, "place");

  return linli_tags_get (tags, "boundary") != NULL ||
         g_strcmp0 (linli_tags_get (tags, "landuse"), "residential") == 0 ||
         g_strcmp0 (place, "neighbourhood") == 0 || g_strcmp0 (place, "suburb") == 0 ||
         g_strcmp0 (place, "quarter") == 0;
}

static void
osm_area_cb (const LinliOsmArea *area,
             gpointer            user_data)
{
  Reader *r = user_data;
  LinliBoundaryPolygon *p;
  g_autoptr (GArray) points = NULL;
  g_autoptr (GArray) lengths = NULL;
  g_autoptr (GArray) holes = NULL;
  g_autofree guint *owner = NULL;
  guint total = 0;

  if (r->polygons->len >= MAX_POLYGONS)
    {
      r->too_many = TRUE;
      return;
    }
  p = add_polygon (r, area->tags, area->source);
  if (area->problem != NULL)
    {
      skip (p, g_strdup (_(area->problem)));
      return;
    }
  for (guint i = 0; i < area->outer->len; i++)
    total += ((GArray *) g_ptr_array_index (area->outer, i))->len;
  for (guint i = 0; i < area->inner->len; i++)
    total += ((GArray *) g_ptr_array_index (area->inner, i))->len;
  if (total > LINLI_BOUNDARY_MAX_POINTS || area->outer->len + area->inner->len > LINLI_BOUNDARY_MAX_RINGS)
    {
      skip (p, g_strdup (total > LINLI_BOUNDARY_MAX_POINTS ? _(TOO_MANY_POINTS) : _(TOO_MANY_RINGS)));
      return;
    }

  /* A relation lists its inner rings apart from the outer ones: each hole
   * goes after the outer ring holding its first point. */
  owner = g_new0 (guint, MAX (area->inner->len, 1));
  for (guint i = 0; i < area->inner->len; i++)
    {
      GArray *hole = g_ptr_array_index (area->inner, i);
      const LinliLatLon *first = &g_array_index (hole, LinliLatLon, 0);

      owner[i] = G_MAXUINT;
      for (guint o = 0; o < area->outer->len && hole->len > 0; o++)
        {
          GArray *ring = g_ptr_array_index (area->outer, o);
          g_autoptr (LinliPolygon) outer = linli_polygon_new_simple ((const LinliLatLon *) ring->data,
                                                                     ring->len);

          if (linli_polygon_contains (outer, first->lat, first->lon))
            {
              owner[i] = o;
              break;
            }
        }
    }
  points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  holes = g_array_new (FALSE, FALSE, sizeof (gboolean));
  for (guint o = 0; o < area->outer->len; o++)
    for (guint i = 0; i <= area->inner->len; i++)
      {
        GArray *ring = i == 0 ? g_ptr_array_index (area->outer, o) : g_ptr_array_index (area->inner, i - 1);
        gboolean hole = i > 0;

        if (hole && owner[i - 1] != o)
          continue;
        /* Rings of two points or fewer are lines; GEOS says so when asked. */
        if (ring->len < 3)
          {
            skip (p, g_strdup (_("a ring has fewer than 3 points")));
            return;
          }
        g_array_append_vals (points, ring->data, ring->len);
        g_array_append_val (lengths, ring->len);
        g_array_append_val (holes, hole);
      }
  {
    g_autoptr (LinliPolygon) polygon = linli_polygon_new ((const LinliLatLon *) points->data,
                                                          (const guint *) lengths->data,
                                                          (const gboolean *) holes->data, lengths->len);

    place_polygon (r, p, polygon);
  }
}

/* ------------------------------------------------------------------------ */
/* Matching                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const LinliPolygon *polygon;
  const LinliBuilding *buildings;
  guint              *per_compound;   /* buildings inside, by compound */
} InsideQuery;

static void
inside_cb (guint    index,
           double   distance,
           gpointer user_data)
{
  InsideQuery *q = user_data;
  const LinliBuilding *b = &q->buildings[index];

  if (linli_polygon_contains (q->polygon, b->lat, b->lon))
    q->per_compound[b->compound]++;
}

typedef struct
{
  guint  polygon;
  guint  target;
  guint  inside;
  double share;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *p = a, *q = b;

  if (p->share != q->share)
    return p->share > q->share ? -1 : 1;
  if (p->inside != q->inside)
    return p->inside > q->inside ? -1 : 1;
  if (p->polygon != q->polygon)
    return p->polygon < q->polygon ? -1 : 1;
  return p->target < q->target ? -1 : p->target > q->target;
}

static void
set_match (LinliBoundaryPolygon *p,
           LinliBoundaryMatch    how,
           gboolean              compound,
           guint                 index,
           guint                 inside,
           guint                 total)
{
  p->match = how;
  p->compound = compound;
  p->index = index;
  p->inside = inside;
  p->total = total;
  g_clear_pointer (&p->reason, g_free);
}

/* Matches by name at one level: each target takes the polygon named as it
 * is that holds most of its buildings. */
static void
match_by_name (Reader   *r,
               gboolean  compound,
               guint   **inside,      /* per polygon: buildings inside by target */
               guint    *totals,
               int      *taken_by)    /* per target: polygon or -1 */
{
  LinliProject *project = r->project;
  guint n_targets = compound ? linli_project_get_n_compounds (project) : linli_project_get_n_communities (project);
  g_autoptr (GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Names shared by two targets are set to G_MAXUINT: ambiguous. */
  for (guint t = 0; t < n_targets; t++)
    {
      const char *name = compound ? linli_project_get_compound (project, t)->name
                                  : linli_project_get_community (project, t)->name;
      char *key = compound ? fold_name (name) : fold_community_name (name);
      gpointer old;

      if (key == NULL)
        continue;
      if (g_hash_table_lookup_extended (by_name, key, NULL, &old))
        {
          g_hash_table_insert (by_name, key, GUINT_TO_POINTER (G_MAXUINT));
          continue;
        }
      g_hash_table_insert (by_name, key, GUINT_TO_POINTER (t + 1));
    }

  for (guint i = 0; i < r->polygons->len; i++)
    {
      LinliBoundaryPolygon *p = g_ptr_array_index (r->polygons, i);
      char **names = g_ptr_array_index (r->names, i);

      if (p->match != LINLI_BOUNDARY_UNMATCHED)
        continue;
      /* Without --as, a residential area named as both a community and a
       * compound is the compound; any other area the community. */
      if (r->options->as == LINLI_BOUNDARY_AS_ANY && !compound && is_residential (p))
        continue;
      for (guint k = 0; names[k] != NULL; k++)
        {
          g_autofree char *key = compound ? fold_name (names[k]) : fold_community_name (names[k]);
          guint t = key ? GPOINTER_TO_UINT (g_hash_table_lookup (by_name, key)) : 0;
          guint in;

          if (t == 0)
            continue;
          if (t == G_MAXUINT)
            {
              g_free (p->reason);
              p->reason = g_strdup_printf (compound ? _("two compounds have the name “%s”")
                                                    : _("two communities have the name “%s”"), names[k]);
              break;
            }
          t--;
          in = inside[i] != NULL ? inside[i][t] : 0;
          if (taken_by[t] >= 0)
            {
              LinliBoundaryPolygon *other = g_ptr_array_index (r->polygons, taken_by[t]);

              if (in <= other->inside)
                {
                  g_free (p->reason);
                  p->reason = g_strdup_printf (_("%s has the same name and holds at least as many of its "
                                                 "buildings"), other->source);
                  break;
                }
              other->match = LINLI_BOUNDARY_UNMATCHED;
              other->reason = g_strdup_printf (_("%s has the same name and holds more of its buildings"),
                                               p->source);
            }
          set_match (p, LINLI_BOUNDARY_BY_NAME, compound, t, in, totals[t]);
          taken_by[t] = i;
          break;
        }
    }
}

/* Matches the polygons left to the targets left at one level, when they
 * hold at least @share (or more than half, for @strict) of a target's
 * buildings: the best shares first. */
static void
match_by_buildings (Reader    *r,
                    gboolean   compound,
                    guint    **inside,
                    guint     *totals,
                    int       *taken_by,
                    double     share,
                    gboolean   strict)
{
  LinliProject *project = r->project;
  guint n_targets = compound ? linli_project_get_n_compounds (project) : linli_project_get_n_communities (project);
  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));

  for (guint i = 0; i < r->polygons->len; i++)
    {
      LinliBoundaryPolygon *p = g_ptr_array_index (r->polygons, i);

      if (p->match != LINLI_BOUNDARY_UNMATCHED || inside[i] == NULL)
        continue;
      if (r->options->as == LINLI_BOUNDARY_AS_ANY && !(compound && is_residential (p)))
        continue;
      for (guint t = 0; t < n_targets; t++)
        {
          Candidate c = { i, t, inside[i][t], totals[t] > 0 ? (double) inside[i][t] / totals[t] : 0 };

          if (taken_by[t] < 0 && c.inside > 0 && (strict ? c.share > share : c.share >= share))
            g_array_append_val (candidates, c);
        }
    }
  g_array_sort (candidates, compare_candidates);
  for (guint k = 0; k < candidates->len; k++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, k);
      LinliBoundaryPolygon *p = g_ptr_array_index (r->polygons, c->polygon);

      if (taken_by[c->target] >= 0 || p->match != LINLI_BOUNDARY_UNMATCHED)
        continue;
      set_match (p, LINLI_BOUNDARY_BY_BUILDINGS, compound, c->target, c->inside, totals[c->target]);
      taken_by[c->target] = c->polygon;
    }
}

static void
match (Reader              *r,
       LinliBoundaryImport *result)
{
  LinliProject *project = r->project;
  LinliGrids *grids = linli_project_get_grids (project);
  guint n_buildings = linli_project_get_n_buildings (project);
  guint n_compounds = linli_project_get_n_compounds (project);
  guint n_communities = linli_project_get_n_communities (project);
  const LinliBuilding *buildings = linli_project_get_buildings (project);
  g_autofree guint *compound_totals = g_new0 (guint, MAX (n_compounds, 1));
  g_autofree guint *community_totals = g_new0 (guint, MAX (n_communities, 1));
  g_autofree int *compound_taken = g_new (int, MAX (n_compounds, 1));
  g_autofree int *community_taken = g_new (int, MAX (n_communities, 1));
  guint n = r->polygons->len;
  g_autofree guint **by_compound = g_new0 (guint *, MAX (n, 1));
  g_autofree guint **by_community = g_new0 (guint *, MAX (n, 1));
  gboolean communities = r->options->as != LINLI_BOUNDARY_AS_COMPOUND;
  gboolean compounds = r->options->as != LINLI_BOUNDARY_AS_COMMUNITY;

  for (guint b = 0; b < n_buildings; b++)
    {
      compound_totals[buildings[b].compound]++;
      community_totals[linli_project_get_compound (project, buildings[b].compound)->community]++;
    }
  for (guint t = 0; t < n_compounds; t++)
    compound_taken[t] = -1;
  for (guint t = 0; t < n_communities; t++)
    community_taken[t] = -1;

  /* Buildings inside each usable polygon, by compound and community. */
  for (guint i = 0; i < n; i++)
    {
      LinliBoundaryPolygon *p = g_ptr_array_index (r->polygons, i);
      InsideQuery q = { p->polygon, buildings, NULL };
      LinliExtent extent;
      double x0, y0, x1, y1;

      if (p->polygon == NULL)
        continue;
      by_compound[i] = g_new0 (guint, MAX (n_compounds, 1));
      by_community[i] = g_new0 (guint, MAX (n_communities, 1));
      q.per_compound = by_compound[i];
      linli_polygon_get_extent (p->polygon, &extent);
      linli_projection_forward (r->projection, extent.min_lat, extent.min_lon, &x0, &y0);
      linli_projection_forward (r->projection, extent.max_lat, extent.max_lon, &x1, &y1);
      linli_point_index_query_circle (r->index, (x0 + x1) / 2, (y0 + y1) / 2,
                                      hypot (x1 - x0, y1 - y0) / 2 + 1, inside_cb, &q);
      for (guint t = 0; t < n_compounds; t++)
        by_community[i][linli_project_get_compound (project, t)->community] += by_compound[i][t];
    }

  /* Names first, at both levels, then buildings: a compound named in the
   * file is a better match than one a residential area happens to hold. */
  if (compounds)
    match_by_name (r, TRUE, by_compound, compound_totals, compound_taken);
  if (communities)
    match_by_name (r, FALSE, by_community, community_totals, community_taken);
  if (compounds)
    match_by_buildings (r, TRUE, by_compound, compound_totals, compound_taken,
                        LINLI_BOUNDARY_COMPOUND_SHARE, FALSE);
  if (r->options->as == LINLI_BOUNDARY_AS_COMMUNITY)
    match_by_buildings (r, FALSE, by_community, community_totals, community_taken, 0.5, TRUE);

  for (guint i = 0; i < n; i++)
    {
      LinliBoundaryPolygon *p = g_ptr_array_index (r->polygons, i);

      switch (p->match)
        {
        case LINLI_BOUNDARY_BY_NAME:
        case LINLI_BOUNDARY_BY_BUILDINGS:
          p->replaces = (p->compound ? linli_grids_get_compound_boundary (grids, p->index)
                                     : linli_grids_get_community_boundary (grids, p->index)) != NULL;
          result->n_matched++;
          break;
        case LINLI_BOUNDARY_UNMATCHED:
          if (p->reason == NULL)
            p->reason = g_strdup (p->name == NULL ? _("it has no name and holds most of no compound's buildings")
                                                  : _("no community or compound has its name, and it holds "
                                                      "most of no compound's buildings"));
          result->n_unmatched++;
          break;
        case LINLI_BOUNDARY_SKIPPED:
        default:
          result->n_skipped++;
          break;
        }
      g_free (by_compound[i]);
      g_free (by_community[i]);
    }

  for (guint t = 0; t < n_communities; t++)
    if (community_taken[t] < 0 && linli_grids_get_community_boundary (grids, t) == NULL)
      g_array_append_val (result->communities_left, t);
  for (guint t = 0; t < n_compounds; t++)
    if (compound_taken[t] < 0 && linli_grids_get_compound_boundary (grids, t) == NULL)
      g_array_append_val (result->compounds_left, t);
}

/* ------------------------------------------------------------------------ */
/* Entry points                                                              */
/* ------------------------------------------------------------------------ */

void
linli_boundary_options_init (LinliBoundaryOptions *options)
{
  options->crs = LINLI_CRS_WGS84;
  options->as = LINLI_BOUNDARY_AS_ANY;
  options->name_field = NULL;
  options->layer = NULL;
  options->source_crs = NULL;
}

/**
 * linli_boundary_import_read:
 * @project: the project whose communities and compounds get boundaries;
 *   not changed
 * @path: GeoJSON (Polygon and MultiPolygon features) or OpenStreetMap XML
 *   (closed ways and multipolygon or boundary relations tagged
 *   `boundary=*`, `landuse=residential` or `place=neighbourhood`,
 *   `suburb` or `quarter`), told apart by the first character; or a GIS
 *   file GDAL reads (linli_ogr_handles(): the polygons of the options'
 *   layer, named by their `name` field or the field guessed as the name)
 * @options: coordinates, what the polygons are, where their names are
 *
 * Reads the polygons of @path and matches them to @project:
 *
 * - to a community whose name equals the polygon's (`name` or `name:zh`,
 *   or the caller's field), also once suffixes such as 社区 or 居委会 are
 *   stripped from both; with %LINLI_BOUNDARY_AS_COMMUNITY also to the
 *   community more than half of whose buildings it holds;
 * - to a compound whose name equals the polygon's, or, for residential
 *   areas (or all polygons with %LINLI_BOUNDARY_AS_COMPOUND), to the
 *   compound at least %LINLI_BOUNDARY_COMPOUND_SHARE of whose buildings
 *   it holds, when no polygon has its name.  The best shares are matched
 *   first; each polygon and each target is matched once.
 *
 * Where two polygons have a target's name, the one holding more of its
 * buildings wins.  Polygons with no building within
 * %LINLI_BOUNDARY_NEAR_METRES of their extent, with no area once made
 * valid, with more points than a project file holds, or that would make
 * the project unmeasurable, are skipped with the reason; outlines that
 * cross themselves are repaired with GEOS MakeValid and say so.
 *
 * Returns: (transfer full): the matches, or %NULL with @error set ("FILE:
 *   feature N: reason" or "FILE:LINE: reason") when the file cannot be read
 */
LinliBoundaryImport *
linli_boundary_import_read (LinliProject               *project,
                            const char                 *path,
                            const LinliBoundaryOptions *options,
                            GError                    **error)
{
  g_autoptr (LinliBoundaryImport) result = NULL;
  g_autoptr (GError) local_error = NULL;
  Reader r = { 0 };
  guint n_buildings;
  const LinliBuilding *buildings;
  gboolean osm, gis, ok;
  GStatBuf st;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);
  g_return_val_if_fail (path != NULL && options != NULL, NULL);

  if (!linli_file_check_regular (path, &local_error))
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED, "%s", local_error->message);
      return NULL;
    }
  gis = linli_ogr_handles (path);
  osm = !gis && linli_import_guess_format (path) == LINLI_IMPORT_FORMAT_OSM;
  /* GDAL's readers stream and have limits of their own. */
  if (!gis && g_stat (path, &st) == 0 && (guint64) st.st_size > (osm ? MAX_OSM_BYTES : MAX_GEOJSON_BYTES))
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                   _("%s: the file is larger than %u MB, more than a file of boundaries needs"), path,
                   (osm ? MAX_OSM_BYTES : MAX_GEOJSON_BYTES) / (1024 * 1024));
      return NULL;
    }

  r.project = project;
  r.projection = linli_project_get_projection (project);
  r.options = options;
  r.polygons = g_ptr_array_new_with_free_func ((GDestroyNotify) boundary_polygon_free);
  r.names = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  n_buildings = linli_project_get_n_buildings (project);
  buildings = linli_project_get_buildings (project);
  r.xy = g_new (double, 2 * MAX (n_buildings, 1));
  for (guint b = 0; b < n_buildings; b++)
    linli_projection_forward (r.projection, buildings[b].lat, buildings[b].lon, &r.xy[2 * b], &r.xy[2 * b + 1]);
  if (n_buildings > 0)
    r.index = linli_point_index_new (r.xy, n_buildings, 250);

  if (gis)
    {
      LinliOgrOptions ogr;

      linli_ogr_options_init (&ogr);
      ogr.layer = options->layer;
      ogr.source_crs = options->source_crs;
      ogr.crs = options->crs;
      ok = _linli_ogr_foreach_polygon (path, &ogr, ogr_polygon_cb, &r, error);
      if (ok && r.too_many)
        {
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                       _("%s: more than %u polygons"), path, MAX_POLYGONS);
          ok = FALSE;
        }
    }
  else if (osm)
    {
      ok = linli_import_osm_areas (path, osm_filter_cb, osm_area_cb, &r, error);
      if (ok && r.too_many)
        {
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                       _("%s: more than %u areas"), path, MAX_POLYGONS);
          ok = FALSE;
        }
    }
  else
    ok = read_geojson (&r, path, error);

  if (ok)
    {
      result = g_new0 (LinliBoundaryImport, 1);
      result->communities_left = g_array_new (FALSE, FALSE, sizeof (guint));
      result->compounds_left = g_array_new (FALSE, FALSE, sizeof (guint));
      if (r.index != NULL)
        match (&r, result);
      else
        for (guint i = 0; i < r.polygons->len; i++)
          result->n_skipped += ((LinliBoundaryPolygon *) g_ptr_array_index (r.polygons, i))->match ==
                               LINLI_BOUNDARY_SKIPPED;
      result->polygons = g_steal_pointer (&r.polygons);
    }

  g_clear_pointer (&r.polygons, g_ptr_array_unref);
  g_ptr_array_unref (r.names);
  g_clear_pointer (&r.index, linli_point_index_free);
  g_free (r.xy);
  return g_steal_pointer (&result);
}

/**
 * linli_boundary_import_apply:
 * @history: the history of the project @self was read for
 *
 * Sets every matched boundary as one undoable step, "Import Boundaries".
 * Does nothing when nothing matched.
 */
void
linli_boundary_import_apply (LinliBoundaryImport *self,
                             LinliHistory        *history)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (LINLI_IS_HISTORY (history));

  if (self->n_matched == 0)
    return;
  linli_history_begin_group (history, _("Import Boundaries"));
  for (guint i = 0; i < self->polygons->len; i++)
    {
      LinliBoundaryPolygon *p = g_ptr_array_index (self->polygons, i);

      if (p->match == LINLI_BOUNDARY_BY_NAME || p->match == LINLI_BOUNDARY_BY_BUILDINGS)
        linli_grid_edits_set_boundary (history, p->compound, p->index, p->polygon);
    }
  linli_history_end_group (history);
}

static void
append_names (GString      *out,
              LinliProject *project,
              GArray       *indices,
              gboolean      compound)
{
  guint shown = MIN (indices->len, 20);

  for (guint k = 0; k < shown; k++)
    {
      guint t = g_array_index (indices, guint, k);

      g_string_append (out, k > 0 ? _(", ") : "  ");
      g_string_append (out, compound ? linli_project_get_compound (project, t)->name
                                     : linli_project_get_community (project, t)->name);
    }
  if (indices->len > shown)
    g_string_append_printf (out, _(" and %u more"), indices->len - shown);
  g_string_append_c (out, '\n');
}

/**
 * linli_boundary_import_describe:
 * @project: the project @self was read for
 *
 * The report, in the user's language: each match with why (name, or the
 * buildings inside), each polygon not used with why, and the communities
 * and compounds that will still have no boundary.
 *
 * Returns: (transfer full): the text, lines ending in newlines
 */
char *
linli_boundary_import_describe (LinliBoundaryImport *self,
                                LinliProject        *project)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append_printf (out, _("Polygons read: %u; matched %u, not matched %u, skipped %u\n"),
                          self->polygons->len, self->n_matched, self->n_unmatched, self->n_skipped);
  for (guint pass = 0; pass < 3; pass++)
    {
      gboolean header = FALSE;

      for (guint i = 0; i < self->polygons->len; i++)
        {
          LinliBoundaryPolygon *p = g_ptr_array_index (self->polygons, i);
          gboolean matched = p->match == LINLI_BOUNDARY_BY_NAME || p->match == LINLI_BOUNDARY_BY_BUILDINGS;
          const char *name = p->name != NULL ? p->name : _("(no name)");

          if ((pass == 0 && !matched) || (pass == 1 && p->match != LINLI_BOUNDARY_UNMATCHED) ||
              (pass == 2 && p->match != LINLI_BOUNDARY_SKIPPED))
            continue;
          if (!header)
            g_string_append (out, pass == 0 ? _("Matched:\n") : pass == 1 ? _("Not matched:\n") : _("Skipped:\n"));
          header = TRUE;
          if (matched)
            {
              const char *target = p->compound ? linli_project_get_compound (project, p->index)->name
                                               : linli_project_get_community (project, p->index)->name;

              if (p->compound)
                g_string_append_printf (out, p->match == LINLI_BOUNDARY_BY_NAME
                                               ? _("  %s “%s” → compound %s, by name (%u of its %u buildings inside)")
                                               : _("  %s “%s” → compound %s, by buildings (%u of its %u inside)"),
                                        p->source, name, target, p->inside, p->total);
              else
                g_string_append_printf (out, p->match == LINLI_BOUNDARY_BY_NAME
                                               ? _("  %s “%s” → community %s, by name (%u of its %u buildings inside)")
                                               : _("  %s “%s” → community %s, by buildings (%u of its %u inside)"),
                                        p->source, name, target, p->inside, p->total);
              if (p->replaces)
                g_string_append (out, _("; replaces its boundary"));
              if (p->repaired != NULL)
                g_string_append_printf (out, _("; repaired: %s"), p->repaired);
              g_string_append_c (out, '\n');
            }
          else
            g_string_append_printf (out, _("  %s “%s” (%s): %s\n"), p->source, name,
                                    p->kind[0] != '\0' ? p->kind : _("no kind"), p->reason);
        }
    }
  if (self->communities_left->len > 0)
    {
      g_string_append_printf (out, _("Communities still without a boundary (derived from their buildings): %u\n"),
                              self->communities_left->len);
      append_names (out, project, self->communities_left, FALSE);
    }
  if (self->compounds_left->len > 0)
    {
      g_string_append_printf (out, _("Compounds still without a boundary: %u\n"), self->compounds_left->len);
      append_names (out, project, self->compounds_left, TRUE);
    }
  return g_string_free (out, FALSE);
}

void
linli_boundary_import_free (LinliBoundaryImport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->polygons, g_ptr_array_unref);
  g_clear_pointer (&self->communities_left, g_array_unref);
  g_clear_pointer (&self->compounds_left, g_array_unref);
  g_free (self);
}
