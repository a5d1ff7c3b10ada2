/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-export-ogr"

#include "config.h"

#include "linli-export-ogr.h"
#include "linli-import-ogr-private.h"
#include "linli-import.h"

#include "linli-grid.h"
#include "linli-grids.h"
#include "linli-org.h"
#include "linli-org-check.h"
#include "linli-partner-assign.h"
#include "linli-partner-problem.h"
#include "linli-partner-tables.h"
#include "linli-partners.h"

#include <cpl_conv.h>
#include <errno.h>
#include <cpl_error.h>
#include <gdal.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <string.h>

static const struct
{
  LinliExportOgrFormat format;
  const char          *driver;
  const char          *suffix;
} formats[] = {
  { LINLI_EXPORT_OGR_GPKG, "GPKG", ".gpkg" },
  { LINLI_EXPORT_OGR_SHAPEFILE, "ESRI Shapefile", ".shp" },
  { LINLI_EXPORT_OGR_GEOJSON, "GeoJSON", ".geojson" },
};

static const char *const layer_names[] = { "buildings", "sites", "streets", "grids", "assignments" };

/* ------------------------------------------------------------------------ */
/* Options                                                                   */
/* ------------------------------------------------------------------------ */

void
linli_export_ogr_options_init (LinliExportOgrOptions *options)
{
  memset (options, 0, sizeof *options);
  options->format = LINLI_EXPORT_OGR_GPKG;
  options->layers = LINLI_EXPORT_OGR_BUILDINGS | LINLI_EXPORT_OGR_SITES | LINLI_EXPORT_OGR_STREETS |
                    LINLI_EXPORT_OGR_GRIDS | LINLI_EXPORT_OGR_ASSIGNMENTS;
}

/**
 * linli_export_ogr_format_from_path:
 *
 * The format a file name asks for: .gpkg, .shp, .geojson or .json.
 *
 * Returns: %FALSE when the name ends in none of them
 */
gboolean
linli_export_ogr_format_from_path (const char           *path,
                                   LinliExportOgrFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].suffix))
      {
        *format = formats[i].format;
        return TRUE;
      }
  if (g_str_has_suffix (lower, ".json"))
    {
      *format = LINLI_EXPORT_OGR_GEOJSON;
      return TRUE;
    }
  return FALSE;
}

/**
 * linli_export_ogr_layers_parse:
 * @list: "buildings,sites,streets,grids,assignments", any of them,
 *   comma-separated
 *
 * Returns: %FALSE with @error set on an unknown or empty list
 */
gboolean
linli_export_ogr_layers_parse (const char  *list,
                               guint       *layers,
                               GError     **error)
{
  g_auto (GStrv) parts = g_strsplit (list, ",", -1);

  *layers = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint k;

      g_strstrip (parts[i]);
      for (k = 0; k < G_N_ELEMENTS (layer_names); k++)
        if (g_str_equal (parts[i], layer_names[k]))
          break;
      if (k == G_N_ELEMENTS (layer_names))
        {
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED,
                       _("“%s” is not a layer: give buildings, sites, streets, grids or assignments"),
                       parts[i]);
          return FALSE;
        }
      *layers |= 1u << k;
    }
  if (*layers == 0)
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED,
                   _("no layer: give buildings, sites, streets, grids or assignments"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* What the layers say                                                       */
/* ------------------------------------------------------------------------ */

/* The walks along streets from every building and street node to the
 * nearest existing or planned site, and which site that is, from the
 * document's walking graph (NULL without streets). */
typedef struct
{
  LinliWalkNearest *nearest;
  double           *building_walk;
  guint            *building_site;   /* project site index, G_MAXUINT: none */
  const double     *node_walk;
} Walks;

static void
walks_init (Walks         *w,
            LinliDocument *document)
{
  LinliProject *project = linli_document_get_project (document);
  const LinliProjection *proj = linli_project_get_projection (project);
  LinliWalk *walk = linli_document_get_walk (document);
  g_autoptr (GArray) site_of_source = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = linli_project_get_n_buildings (project);

  memset (w, 0, sizeof *w);
  if (walk == NULL)
    return;
  w->nearest = linli_walk_nearest_new (walk);
  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    {
      LinliSite *site = linli_project_get_site (project, s);
      double lat = linli_site_get_lat (site), lon = linli_site_get_lon (site), x, y;

      if (!linli_site_counts_for_coverage (site) || !linli_lat_lon_is_valid (lat, lon))
        continue;
      linli_projection_forward (proj, lat, lon, &x, &y);
      linli_walk_nearest_add_source (w->nearest, x, y);
      g_array_append_val (site_of_source, s);
    }
  linli_walk_nearest_recompute (w->nearest);
  w->building_walk = g_new (double, MAX (n, 1));
  w->building_site = g_new (guint, MAX (n, 1));
  for (guint b = 0; b < n; b++)
    {
      guint source;

      w->building_walk[b] = linli_walk_nearest_building (w->nearest, b, &source);
      w->building_site[b] = source < site_of_source->len ? g_array_index (site_of_source, guint, source)
                                                         : G_MAXUINT;
    }
  w->node_walk = linli_walk_nearest_get_node_distances (w->nearest);
}

static void
walks_clear (Walks *w)
{
  g_clear_pointer (&w->nearest, linli_walk_nearest_free);
  g_clear_pointer (&w->building_walk, g_free);
  g_clear_pointer (&w->building_site, g_free);
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct
{
  LinliDocument               *document;
  LinliProject                *project;
  const LinliExportOgrOptions *options;
  const char                  *driver;
  OGRSpatialReferenceH         srs;
  OGRCoordinateTransformationH transform;   /* NULL: WGS84 out */
  char                        *message;     /* GDAL's first failure */
  const char                  *display_path;
} Writer;

static void CPL_STDCALL
writer_error_cb (CPLErr      class,
                 CPLErrorNum number,
                 const char *message)
{
  Writer *w = CPLGetErrorHandlerUserData ();

  if (class >= CE_Failure && w->message == NULL)
    w->message = g_utf8_make_valid (message ? message : "", -1);
}

static gboolean
gdal_failed (Writer      *w,
             const char  *path,
             GError     **error)
{
  g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED, _("%s: cannot be written: %s"), path,
               w->message ? w->message : _("GDAL gave no reason"));
  return FALSE;
}

static void
add_field (OGRLayerH     layer,
           const char   *name,
           OGRFieldType  type)
{
  OGRFieldDefnH field = OGR_Fld_Create (name, type);

  if (type == OFTString)
    OGR_Fld_SetWidth (field, 254);   /* a .dbf holds no more */
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
}

static void
set_text (OGRFeatureH  feature,
          const char  *field,
          const char  *value)
{
  int i = OGR_F_GetFieldIndex (feature, field);

  if (i < 0)
    return;
  if (value == NULL || value[0] == '\0')
    OGR_F_SetFieldNull (feature, i);
  else
    OGR_F_SetFieldString (feature, i, value);
}

static void
set_int (OGRFeatureH  feature,
         const char  *field,
         gint64       value)
{
  int i = OGR_F_GetFieldIndex (feature, field);

  if (i >= 0)
    OGR_F_SetFieldInteger64 (feature, i, value);
}

static void
set_real (OGRFeatureH  feature,
          const char  *field,
          double       value)
{
  int i = OGR_F_GetFieldIndex (feature, field);

  if (i < 0)
    return;
  if (isfinite (value))
    OGR_F_SetFieldDouble (feature, i, round (value * 10) / 10);
  else
    OGR_F_SetFieldNull (feature, i);
}

static OGRGeometryH
point_geometry (double lat,
                double lon)
{
  OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

  OGR_G_SetPoint_2D (point, 0, lon, lat);
  return point;
}

/* Adds @feature with @geometry (taken) in the output system. */
static gboolean
add_feature (Writer       *w,
             OGRLayerH     layer,
             OGRFeatureH   feature,
             OGRGeometryH  geometry)
{
  if (w->transform != NULL && OGR_G_Transform (geometry, w->transform) != OGRERR_NONE)
    {
      OGR_G_DestroyGeometry (geometry);
      if (w->message == NULL)
        w->message = g_strdup (_("a position cannot be transformed to the coordinate system asked for"));
      return FALSE;
    }
  OGR_F_SetGeometryDirectly (feature, geometry);
  return OGR_L_CreateFeature (layer, feature) == OGRERR_NONE;
}

static OGRLayerH
create_layer (Writer             *w,
              GDALDatasetH        ds,
              const char         *name,
              OGRwkbGeometryType  type)
{
  g_autofree char *encoding = NULL;
  const char *options[2] = { NULL, NULL };

  if (g_str_equal (w->driver, "ESRI Shapefile"))
    {
      encoding = g_strconcat ("ENCODING=", w->options->encoding ? w->options->encoding : "UTF-8", NULL);
      options[0] = encoding;
    }
  return GDALDatasetCreateLayer (ds, name, w->srs, type, (char **) options);
}

static gboolean
write_buildings (Writer       *w,
                 GDALDatasetH  ds,
                 const char   *name,
                 gboolean      footprints)
{
  LinliProject *project = w->project;
  const LinliCoverage *coverage = linli_document_get_coverage (w->document);
  LinliGrids *grids = linli_project_get_grids (project);
  gboolean with_grids = linli_grids_get_n_grids (grids) > 0;
  gboolean with_chain = !linli_org_is_empty (linli_project_get_org (project));
  const int *building_grid = NULL;
  const LinliOrgCheck *check = NULL;
  Walks walks;
  OGRLayerH layer;
  gboolean ok = TRUE;

  layer = create_layer (w, ds, name, footprints ? wkbPolygon : wkbPoint);
  if (layer == NULL)
    return FALSE;
  add_field (layer, "id", OFTString);
  add_field (layer, "name", OFTString);
  add_field (layer, "community", OFTString);
  add_field (layer, "compound", OFTString);
  add_field (layer, "households", OFTInteger);
  add_field (layer, "residents", OFTInteger);
  add_field (layer, "members", OFTInteger);
  add_field (layer, "estimated", OFTInteger);
  add_field (layer, "kind", OFTString);
  add_field (layer, "covered", OFTInteger);
  add_field (layer, "covers", OFTInteger);
  add_field (layer, "walk_m", OFTReal);
  add_field (layer, "nearest", OFTString);
  if (with_grids)
    {
      const LinliGridAssignment *assignment = linli_document_get_grid_assignment (w->document);

      add_field (layer, "grid_id", OFTString);
      add_field (layer, "grid", OFTString);
      building_grid = linli_grid_assignment_get_building_grids (assignment);
    }
  if (with_chain)
    {
      add_field (layer, "chain", OFTString);
      check = linli_document_get_org_check (w->document);
    }

  walks_init (&walks, w->document);
  for (guint b = 0; ok && b < linli_project_get_n_buildings (project); b++)
    {
      const LinliBuilding *building = linli_project_get_building (project, b);
      const LinliCompound *compound = linli_project_get_compound (project, building->compound);
      const LinliCommunity *community = linli_project_get_community (project, compound->community);
      OGRFeatureH feature;
      OGRGeometryH geometry;
      guint n;
      const LinliLatLon *ring = linli_project_get_footprint (project, b, &n);

      if ((n > 0) != footprints)
        continue;
      feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      set_text (feature, "id", building->id);
      set_text (feature, "name", building->name);
      set_text (feature, "community", community->name);
      set_text (feature, "compound", compound->name);
      set_int (feature, "households", building->households);
      set_int (feature, "residents", building->residents);
      if (building->flags & LINLI_BUILDING_MEMBERS_UNKNOWN)
        OGR_F_SetFieldNull (feature, OGR_F_GetFieldIndex (feature, "members"));
      else
        set_int (feature, "members", building->party_members);
      set_int (feature, "estimated", (building->flags & LINLI_BUILDING_ESTIMATED) != 0);
      set_text (feature, "kind", building->kind);
      if (coverage != NULL && b < linli_coverage_get_n_buildings (coverage))
        {
          set_int (feature, "covered", linli_coverage_is_covered (coverage, b));
          set_int (feature, "covers", linli_coverage_get_cover_count (coverage, b));
        }
      if (walks.building_walk != NULL)
        {
          set_real (feature, "walk_m", walks.building_walk[b]);
          if (walks.building_site[b] != G_MAXUINT)
            set_text (feature, "nearest",
                      linli_site_get_id (linli_project_get_site (project, walks.building_site[b])));
        }
      if (building_grid != NULL && building_grid[b] >= 0)
        {
          LinliGrid *grid = linli_grids_get_grid (grids, building_grid[b]);

          set_text (feature, "grid_id", linli_grid_get_id (grid));
          set_text (feature, "grid", linli_grid_get_name (grid));
        }
      if (check != NULL && b < check->n_buildings)
        set_text (feature, "chain", linli_chain_status_to_string (check->chain[b]));

      if (footprints)
        {
          OGRGeometryH linear_ring = OGR_G_CreateGeometry (wkbLinearRing);

          for (guint i = 0; i <= n; i++)
            OGR_G_AddPoint_2D (linear_ring, ring[i % n].lon, ring[i % n].lat);
          geometry = OGR_G_CreateGeometry (wkbPolygon);
          OGR_G_AddGeometryDirectly (geometry, linear_ring);
        }
      else
        geometry = point_geometry (building->lat, building->lon);
      ok = add_feature (w, layer, feature, geometry);
      OGR_F_Destroy (feature);
    }
  walks_clear (&walks);
  return ok;
}

static char *
services_text (guint services)
{
  GString *out = g_string_new (NULL);

  for (guint bit = 0; bit < 32; bit++)
    if (services & (1u << bit))
      {
        const char *name = linli_service_to_string (1u << bit);

        if (name == NULL)
          continue;
        if (out->len > 0)
          g_string_append_c (out, ',');
        g_string_append (out, name);
      }
  return g_string_free (out, FALSE);
}

static gboolean
write_sites (Writer       *w,
             GDALDatasetH  ds,
             const char   *name)
{
  LinliProject *project = w->project;
  const LinliCoverage *coverage = linli_document_get_coverage (w->document);
  OGRLayerH layer = create_layer (w, ds, name, wkbPoint);
  gboolean ok = TRUE;

  if (layer == NULL)
    return FALSE;
  add_field (layer, "id", OFTString);
  add_field (layer, "name", OFTString);
  add_field (layer, "tier", OFTString);
  add_field (layer, "status", OFTString);
  add_field (layer, "services", OFTString);
  add_field (layer, "address", OFTString);
  add_field (layer, "capacity", OFTInteger);
  add_field (layer, "households", OFTInteger);
  add_field (layer, "reach_m", OFTReal);
  for (guint s = 0; ok && s < linli_project_get_n_sites (project); s++)
    {
      LinliSite *site = linli_project_get_site (project, s);
      g_autofree char *services = services_text (linli_site_get_services (site));
      OGRFeatureH feature;

      if (!linli_lat_lon_is_valid (linli_site_get_lat (site), linli_site_get_lon (site)))
        continue;
      feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      set_text (feature, "id", linli_site_get_id (site));
      set_text (feature, "name", linli_site_get_name (site));
      set_text (feature, "tier", linli_site_tier_to_string (linli_site_get_tier (site)));
      set_text (feature, "status", linli_site_status_to_string (linli_site_get_status (site)));
      set_text (feature, "services", services);
      set_text (feature, "address", linli_site_get_address (site));
      set_int (feature, "capacity", linli_site_get_capacity (site));
      if (coverage != NULL && s < linli_coverage_get_n_sites (coverage))
        {
          set_int (feature, "households", linli_coverage_site_households (coverage, s));
          set_real (feature, "reach_m", linli_coverage_get_site_reach (coverage, s));
        }
      ok = add_feature (w, layer, feature,
                        point_geometry (linli_site_get_lat (site), linli_site_get_lon (site)));
      OGR_F_Destroy (feature);
    }
  return ok;
}

/* Each street segment between two nodes, so that a GIS can colour it by
 * the walk from its middle to the nearest site. */
static gboolean
write_streets (Writer       *w,
               GDALDatasetH  ds,
               const char   *name)
{
  LinliProject *project = w->project;
  const LinliStreets *streets = linli_project_get_streets (project);
  const LinliProjection *proj = linli_project_get_projection (project);
  OGRLayerH layer = create_layer (w, ds, name, wkbLineString);
  const LinliLatLon *nodes;
  Walks walks;
  gboolean ok = TRUE;

  if (layer == NULL)
    return FALSE;
  add_field (layer, "kind", OFTString);
  add_field (layer, "length_m", OFTReal);
  add_field (layer, "walk_m", OFTReal);
  if (streets == NULL)
    return TRUE;
  nodes = linli_streets_get_nodes (streets);
  walks_init (&walks, w->document);
  for (guint way = 0; ok && way < linli_streets_get_n_ways (streets); way++)
    {
      LinliStreetKind kind;
      guint n;
      const guint32 *index = linli_streets_get_way (streets, way, &kind, &n);

      for (guint k = 0; ok && k + 1 < n; k++)
        {
          const LinliLatLon *a = &nodes[index[k]], *b = &nodes[index[k + 1]];
          OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
          OGRGeometryH line = OGR_G_CreateGeometry (wkbLineString);
          double length = linli_projection_distance (proj, a->lat, a->lon, b->lat, b->lon);

          set_text (feature, "kind", linli_street_kind_to_string (kind));
          set_real (feature, "length_m", length);
          if (walks.node_walk != NULL)
            set_real (feature, "walk_m", MIN (walks.node_walk[index[k]], walks.node_walk[index[k + 1]]) +
                                           length / 2);
          OGR_G_AddPoint_2D (line, a->lon, a->lat);
          OGR_G_AddPoint_2D (line, b->lon, b->lat);
          ok = add_feature (w, layer, feature, line);
          OGR_F_Destroy (feature);
        }
    }
  walks_clear (&walks);
  return ok;
}

/* Each grid's outline (a multipolygon: a grid may come in pieces) with
 * its figures; the grid worker's name only when the project shows names. */
static gboolean
write_grids (Writer       *w,
             GDALDatasetH  ds,
             const char   *name)
{
  LinliProject *project = w->project;
  LinliGrids *grids = linli_project_get_grids (project);
  const LinliGridAssignment *assignment = linli_document_get_grid_assignment (w->document);
  gboolean hide = linli_project_get_hide_names (project);
  OGRLayerH layer = create_layer (w, ds, name, wkbMultiPolygon);
  gboolean ok = TRUE;

  if (layer == NULL)
    return FALSE;
  add_field (layer, "id", OFTString);
  add_field (layer, "code", OFTString);
  add_field (layer, "name", OFTString);
  add_field (layer, "community", OFTString);
  add_field (layer, "worker", OFTString);
  add_field (layer, "branch", OFTString);
  add_field (layer, "buildings", OFTInteger);
  add_field (layer, "households", OFTInteger);
  add_field (layer, "residents", OFTInteger);
  add_field (layer, "members", OFTInteger);
  add_field (layer, "area_m2", OFTReal);
  add_field (layer, "in_range", OFTInteger);
  for (guint g = 0; ok && g < linli_grids_get_n_grids (grids); g++)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, g);
      const LinliPolygon *polygon = linli_grid_get_polygon (grid);
      guint community = linli_grid_get_community (grid);
      OGRGeometryH multi, part = NULL;
      OGRFeatureH feature;

      if (polygon == NULL)
        continue;
      feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      set_text (feature, "id", linli_grid_get_id (grid));
      set_text (feature, "code", linli_grid_get_code (grid));
      set_text (feature, "name", linli_grid_get_name (grid));
      if (community < linli_project_get_n_communities (project))
        set_text (feature, "community", linli_project_get_community (project, community)->name);
      if (!hide)
        set_text (feature, "worker", linli_grid_get_worker (grid));
      set_text (feature, "branch", linli_grid_get_branch (grid));
      if (assignment != NULL && g < linli_grid_assignment_get_n_grids (assignment))
        {
          const LinliGridFigures *figures = linli_grid_assignment_get_figures (assignment, g);

          set_int (feature, "buildings", figures->buildings);
          set_int (feature, "households", figures->households);
          set_int (feature, "residents", figures->residents);
          /* A lower bound only where some buildings' members are unknown. */
          if (figures->members_unknown == 0)
            set_int (feature, "members", figures->party_members);
          set_real (feature, "area_m2", figures->area);
          set_int (feature, "in_range", figures->in_range);
        }
      multi = OGR_G_CreateGeometry (wkbMultiPolygon);
      for (guint r = 0; r < linli_polygon_get_n_rings (polygon); r++)
        {
          guint n;
          const LinliLatLon *ring = linli_polygon_get_ring (polygon, r, &n);
          OGRGeometryH linear = OGR_G_CreateGeometry (wkbLinearRing);

          if (!linli_polygon_ring_is_hole (polygon, r))
            {
              if (part != NULL)
                OGR_G_AddGeometryDirectly (multi, part);
              part = OGR_G_CreateGeometry (wkbPolygon);
            }
          for (guint k = 0; k < n; k++)
            OGR_G_AddPoint_2D (linear, ring[k].lon, ring[k].lat);
          if (n > 0)
            OGR_G_AddPoint_2D (linear, ring[0].lon, ring[0].lat);   /* rings are stored open */
          if (part != NULL)
            OGR_G_AddGeometryDirectly (part, linear);
          else
            OGR_G_DestroyGeometry (linear);
        }
      if (part != NULL)
        OGR_G_AddGeometryDirectly (multi, part);
      ok = add_feature (w, layer, feature, multi);
      OGR_F_Destroy (feature);
    }
  return ok;
}

/* The partner units' optimal assignment to the needs of places, solved
 * as `linli-tool assign` solves it (every need, no distance limit, walks
 * along the streets where there are any): a line
 * from each unit to the place it serves, one per flow.  Units are
 * organisations; their contacts, who are people, are left out. */
static gboolean
write_assignments (Writer       *w,
                   GDALDatasetH  ds,
                   const char   *name)
{
  LinliProject *project = w->project;
  LinliPartners *partners = linli_project_get_partners (project);
  g_autoptr (LinliPartnerProblem) pp = linli_partner_problem_new (project, 0);
  g_autoptr (LinliAssignResult) result = NULL;
  g_autoptr (GError) local_error = NULL;
  OGRLayerH layer = create_layer (w, ds, name, wkbLineString);
  gboolean ok = TRUE;

  if (layer == NULL)
    return FALSE;
  linli_partner_problem_use_streets (pp, project);
  add_field (layer, "unit", OFTString);
  add_field (layer, "unit_name", OFTString);
  add_field (layer, "need", OFTString);
  add_field (layer, "place_kind", OFTString);
  add_field (layer, "place", OFTString);
  add_field (layer, "place_name", OFTString);
  add_field (layer, "category", OFTString);
  add_field (layer, "quantity", OFTReal);
  add_field (layer, "measure", OFTString);
  add_field (layer, "distance_m", OFTReal);
  add_field (layer, "fixed", OFTInteger);
  if (pp->problem.n_units == 0 || pp->problem.n_needs == 0)
    return TRUE;
  result = linli_assign_solve (&pp->problem, &local_error);
  if (result == NULL)
    {
      if (w->message == NULL)
        w->message = g_strdup (local_error->message);
      return FALSE;
    }
  for (guint f = 0; ok && f < result->n_flows; f++)
    {
      const LinliAssignFlow *flow = &result->flows[f];
      const LinliPartnerUnit *unit =
        linli_partners_get_unit (partners, g_array_index (pp->unit_positions, guint, flow->unit));
      const LinliPartnerNeed *need =
        linli_partners_get_need (partners, g_array_index (pp->need_positions, guint, flow->need));
      guint resource = g_array_index (pp->offer_resources, guint, flow->offer);
      const LinliLatLon *from = &pp->problem.units[flow->unit];
      const LinliLatLon *to = &pp->problem.needs[flow->need].position;
      OGRFeatureH feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH line = OGR_G_CreateGeometry (wkbLineString);

      set_text (feature, "unit", unit->id);
      set_text (feature, "unit_name", unit->name);
      set_text (feature, "need", need->id);
      set_text (feature, "place_kind", linli_partner_place_kind_to_string (need->place_kind));
      set_text (feature, "place", need->place);
      set_text (feature, "place_name", linli_partner_place_name (project, need->place_kind, need->place));
      set_text (feature, "category", linli_partners_category_label (partners, need->category));
      /* Quantities are shares of a month, often fractions: written whole,
       * so that they add up to what each unit gives. */
      OGR_F_SetFieldDouble (feature, OGR_F_GetFieldIndex (feature, "quantity"), flow->quantity);
      set_text (feature, "measure", resource < unit->n_resources ? unit->resources[resource].measure : NULL);
      set_real (feature, "distance_m", flow->distance);
      set_int (feature, "fixed", flow->fixed);
      OGR_G_AddPoint_2D (line, from->lon, from->lat);
      OGR_G_AddPoint_2D (line, to->lon, to->lat);
      ok = add_feature (w, layer, feature, line);
      OGR_F_Destroy (feature);
    }
  return ok;
}

/* Writes one dataset at @path holding the layers in @layers. */
static gboolean
write_dataset (Writer      *w,
               const char  *path,
               const char  *layer_name,
               guint        layers,
               GError     **error)
{
  GDALDriverH driver = GDALGetDriverByName (w->driver);
  LinliProject *project = w->project;
  gboolean single = w->options->format != LINLI_EXPORT_OGR_GPKG;
  gboolean with_footprints = FALSE, without = FALSE;
  GDALDatasetH ds;
  gboolean ok = TRUE;

  for (guint b = 0; b < linli_project_get_n_buildings (project); b++)
    {
      guint n;

      linli_project_get_footprint (project, b, &n);
      if (n > 0)
        with_footprints = TRUE;
      else
        without = TRUE;
    }
  ds = driver ? GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL) : NULL;
  if (ds == NULL)
    return gdal_failed (w, w->display_path, error);
  if (GDALDatasetTestCapability (ds, ODsCTransactions))
    GDALDatasetStartTransaction (ds, FALSE);
  if (layers & LINLI_EXPORT_OGR_BUILDINGS)
    {
      /* A layer holds one kind of geometry: buildings without an outline
       * go into a point layer beside the outlines. */
      if (with_footprints || !without)
        ok = write_buildings (w, ds, single ? layer_name : "buildings", TRUE);
      if (ok && without)
        ok = write_buildings (w, ds,
                              single ? layer_name : (with_footprints ? "building_points" : "buildings"),
                              FALSE);
    }
  if (ok && (layers & LINLI_EXPORT_OGR_SITES))
    ok = write_sites (w, ds, single ? layer_name : "sites");
  if (ok && (layers & LINLI_EXPORT_OGR_STREETS))
    ok = write_streets (w, ds, single ? layer_name : "streets");
  if (ok && (layers & LINLI_EXPORT_OGR_GRIDS))
    ok = write_grids (w, ds, single ? layer_name : "grids");
  if (ok && (layers & LINLI_EXPORT_OGR_ASSIGNMENTS))
    ok = write_assignments (w, ds, single ? layer_name : "assignments");
  if (ok && GDALDatasetTestCapability (ds, ODsCTransactions))
    ok = GDALDatasetCommitTransaction (ds) == OGRERR_NONE;
  GDALClose (ds);
  if (ok && w->message != NULL)
    ok = FALSE;
  return ok || gdal_failed (w, w->display_path, error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

/**
 * linli_export_ogr:
 * @document: the project with its coverage, walks, grids and checks
 * @path: the file to write; for Shapefile and GeoJSON with several
 *   layers, STEM-buildings.shp, STEM-sites.shp … beside it
 * @options: format, layers, coordinate system and Shapefile encoding
 *
 * Writes the layers a GIS opens.  Buildings: id, name, community,
 * compound, households, residents, members (party members; empty when not
 * known), estimated (1 when households were estimated), kind, covered (1
 * or 0), covers (sites within reach), walk_m (along streets to the nearest
 * existing or planned site, empty without streets or when none is
 * reachable) and nearest (that site's id), grid (its name, when the
 * project has grids; grid_id its id) and chain (the organisation chain's
 * status, when it has an organisation); their outlines, or points for
 * buildings without one (a layer `building_points` beside). Sites: id,
 * name, tier, status, services, address, capacity, households (within
 * reach) and reach_m.  Streets: every segment between two nodes with its
 * kind, length_m and walk_m from its middle to the nearest site.
 * Assignments (when the project has partner units and needs): the optimal
 * assignment linli_assign_solve() gives, a line from unit to place per
 * flow, with unit, unit_name, need, place_kind, place, place_name,
 * category, quantity (per month), measure, distance_m and fixed.
 *
 * Everything is written into a temporary folder beside @path and moved
 * into place only when all is written, so a failure leaves no half file.
 *
 * Returns: (transfer full) (element-type utf8): the files written (main
 *   files: .gpkg, .shp, .geojson), or %NULL with @error set
 */
GPtrArray *
linli_export_ogr (LinliDocument               *document,
                  const char                  *path,
                  const LinliExportOgrOptions *options,
                  GError                     **error)
{
  static const char *const shapefile_parts[] = { ".shp", ".shx", ".dbf", ".prj", ".cpg" };
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) moves = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = NULL, *base = NULL, *stem = NULL, *tmp = NULL;
  Writer w = { 0 };
  gboolean ok = TRUE;
  guint layers;

  g_return_val_if_fail (LINLI_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (path != NULL && options != NULL, NULL);

  /* A project without grids has no grid layer to give. */
  layers = options->layers;
  if (linli_grids_get_n_grids (linli_project_get_grids (linli_document_get_project (document))) == 0)
    layers &= ~(guint) LINLI_EXPORT_OGR_GRIDS;
  /* Nor one without partner units and needs an assignment layer. */
  if (linli_partners_get_n (linli_project_get_partners (linli_document_get_project (document)),
                            LINLI_PARTNER_LIST_UNITS) == 0 ||
      linli_partners_get_n (linli_project_get_partners (linli_document_get_project (document)),
                            LINLI_PARTNER_LIST_NEEDS) == 0)
    layers &= ~(guint) LINLI_EXPORT_OGR_ASSIGNMENTS;
  if (layers == 0)
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED, _("no layer to write"));
      return NULL;
    }
  if (options->format == LINLI_EXPORT_OGR_GEOJSON && options->crs != NULL && options->crs[0] != '\0' &&
      !g_str_equal (options->crs, "EPSG:4326"))
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED,
                   _("GeoJSON is in WGS84 only (RFC 7946); write a GeoPackage or Shapefile for %s"),
                   options->crs);
      return NULL;
    }

  _linli_ogr_register ();
  w.document = document;
  w.project = linli_document_get_project (document);
  w.options = options;
  w.display_path = path;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == options->format)
      w.driver = formats[i].driver;
  w.srs = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (w.srs, 4326);
  OSRSetAxisMappingStrategy (w.srs, OAMS_TRADITIONAL_GIS_ORDER);
  CPLPushErrorHandlerEx (writer_error_cb, &w);
  if (options->crs != NULL && options->crs[0] != '\0' && !g_str_equal (options->crs, "EPSG:4326"))
    {
      OGRSpatialReferenceH target = _linli_ogr_srs_from_string (options->crs);

      if (target == NULL)
        {
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED,
                       _("“%s” is no coordinate system PROJ knows (give an EPSG code, WKT or a PROJ string)"),
                       options->crs);
          ok = FALSE;
        }
      else
        {
          w.transform = OCTNewCoordinateTransformation (w.srs, target);
          OSRDestroySpatialReference (w.srs);
          w.srs = target;
          if (w.transform == NULL)
            {
              g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED,
                           _("WGS84 cannot be transformed to %s"), options->crs);
              ok = FALSE;
            }
        }
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  stem = g_strdup (base);
  if (strrchr (stem, '.') != NULL)
    *strrchr (stem, '.') = '\0';
  if (ok)
    {
      tmp = g_build_filename (dir, ".linli-export-XXXXXX", NULL);
      if (g_mkdtemp (tmp) == NULL)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), _("%s: cannot be written: %s"),
                       path, g_strerror (errno));
          g_clear_pointer (&tmp, g_free);
          ok = FALSE;
        }
    }

  if (ok && options->format == LINLI_EXPORT_OGR_GPKG)
    {
      g_autofree char *out = g_build_filename (tmp, base, NULL);

      ok = write_dataset (&w, out, NULL, layers, error);
      g_ptr_array_add (moves, g_strdup (base));
      g_ptr_array_add (written, g_strdup (path));
    }
  else if (ok)
    {
      guint n_layers = 0;
      const char *suffix = options->format == LINLI_EXPORT_OGR_SHAPEFILE ? ".shp" : ".geojson";
      gboolean with = FALSE, without = FALSE, mixed;

      for (guint k = 0; k < G_N_ELEMENTS (layer_names); k++)
        n_layers += (layers >> k) & 1;
      for (guint b = 0; b < linli_project_get_n_buildings (w.project); b++)
        {
          guint n;

          linli_project_get_footprint (w.project, b, &n);
          with |= n > 0;
          without |= n == 0;
        }
      mixed = with && without;
      for (guint k = 0; ok && k < G_N_ELEMENTS (layer_names); k++)
        {
          g_autofree char *name = NULL, *out = NULL, *name_stem = NULL, *points_name = NULL;

          if (!(layers & (1u << k)))
            continue;
          name_stem = n_layers > 1 ? g_strdup_printf ("%s-%s", stem, layer_names[k]) : g_strdup (stem);
          name = g_strconcat (name_stem, suffix, NULL);
          out = g_build_filename (tmp, name, NULL);
          if (k == 0 && mixed)
            {
              /* Outlines and points cannot share a file of one layer: the
               * buildings without an outline go into STEM-points beside. */
              g_autofree char *points_stem = g_strconcat (name_stem, "-points", NULL);
              g_autofree char *points_out = NULL;
              GDALDriverH driver = GDALGetDriverByName (w.driver);
              GDALDatasetH ds = GDALCreate (driver, out, 0, 0, 0, GDT_Unknown, NULL);

              points_name = g_strconcat (points_stem, suffix, NULL);
              points_out = g_build_filename (tmp, points_name, NULL);
              ok = ds != NULL && write_buildings (&w, ds, name_stem, TRUE);
              g_clear_pointer (&ds, GDALClose);
              if (ok)
                ds = GDALCreate (driver, points_out, 0, 0, 0, GDT_Unknown, NULL);
              ok = ok && ds != NULL && write_buildings (&w, ds, points_stem, FALSE);
              g_clear_pointer (&ds, GDALClose);
              if (!ok || w.message != NULL)
                ok = gdal_failed (&w, path, error);
            }
          else
            ok = write_dataset (&w, out, name_stem, 1u << k, error);
          g_ptr_array_add (moves, g_strdup (name));
          g_ptr_array_add (written, g_build_filename (dir, name, NULL));
          if (points_name != NULL)
            {
              g_ptr_array_add (moves, g_strdup (points_name));
              g_ptr_array_add (written, g_build_filename (dir, points_name, NULL));
            }
        }
    }
  CPLPopErrorHandler ();

  /* All written: move every file of every output into place. */
  for (guint i = 0; ok && i < moves->len; i++)
    {
      const char *name = moves->pdata[i];
      g_autofree char *name_stem = g_strndup (name, strrchr (name, '.') - name);
      gboolean shapefile = g_str_has_suffix (name, ".shp");

      for (guint p = 0; ok && p < (shapefile ? G_N_ELEMENTS (shapefile_parts) : 1); p++)
        {
          g_autofree char *part = shapefile ? g_strconcat (name_stem, shapefile_parts[p], NULL)
                                            : g_strdup (name);
          g_autofree char *from = g_build_filename (tmp, part, NULL);
          g_autofree char *to = g_build_filename (dir, part, NULL);

          if (!g_file_test (from, G_FILE_TEST_EXISTS))
            continue;
          if (g_rename (from, to) != 0)
            {
              g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                           _("%s: cannot be written: %s"), to, g_strerror (errno));
              ok = FALSE;
            }
        }
    }
  if (tmp != NULL)
    remove_tree (tmp);
  g_clear_pointer (&w.transform, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&w.srs, OSRDestroySpatialReference);
  g_free (w.message);
  return ok ? g_steal_pointer (&written) : NULL;
}
