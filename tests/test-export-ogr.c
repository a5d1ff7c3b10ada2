/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-test"

#include "config.h"

#include "linli-document.h"
#include "linli-export-ogr.h"
#include "linli-generator.h"
#include "linli-geo.h"
#include "linli-grid.h"
#include "linli-grids.h"
#include "linli-import-ogr.h"
#include "linli-partner-problem.h"
#include "linli-partners.h"
#include "linli-test-utils.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <string.h>

typedef struct
{
  char          *dir;
  LinliDocument *document;
  LinliProject  *project;
} Fixture;

/* A small generated district with streets, sites, grids and an
 * organisation, so that every field has something to say; made once for
 * all the tests, which only read it. */
static LinliDocument *district;

static LinliDocument *
make_district (void)
{
  LinliGeneratorOptions options;
  g_autoptr (LinliProject) project = NULL;

  linli_generator_options_init (&options);
  options.seed = 7;
  options.n_buildings = 150;
  options.center_lat = 30.28;
  options.center_lon = 120.12;
  options.streets = TRUE;
  options.organisation = TRUE;
  project = linli_generate_district (&options);
  linli_generator_add_grids (project, 7);
  linli_generator_add_partners (project, 7);
  return linli_document_new (project, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->document = district;
  f->project = linli_document_get_project (f->document);
  f->dir = g_dir_make_tmp ("linli-export-XXXXXX", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GPtrArray *
export (Fixture                     *f,
        const char                  *name,
        const LinliExportOgrOptions *options)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;
  GPtrArray *written = linli_export_ogr (f->document, path, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (written);
  return written;
}

static gboolean
contains_bytes (const char *data,
                gsize       len,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static int
field (OGRFeatureH  feature,
       const char  *name)
{
  int i = OGR_F_GetFieldIndex (feature, name);

  g_assert_cmpint (i, >=, 0);
  return i;
}

/* The GeoPackage's fields, read back with OGR, say what the document
 * says: counts, coverage, and walks checked against a brute-force walk
 * from the building to every site. */
static void
test_geopackage_fields (Fixture       *f,
                        gconstpointer  data)
{
  LinliExportOgrOptions options;
  g_autoptr (GPtrArray) written = NULL;
  const LinliCoverage *coverage = linli_document_get_coverage (f->document);
  LinliWalk *walk = linli_document_get_walk (f->document);
  const LinliProjection *proj = linli_project_get_projection (f->project);
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH feature;
  const int *building_grid =
    linli_grid_assignment_get_building_grids (linli_document_get_grid_assignment (f->document));
  guint b = 0, checked_walks = 0;

  g_assert_nonnull (walk);
  linli_export_ogr_options_init (&options);
  written = export (f, "out.gpkg", &options);
  g_assert_cmpuint (written->len, ==, 1);
  ds = GDALOpenEx (written->pdata[0], GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  g_assert_nonnull (GDALDatasetGetLayerByName (ds, "sites"));
  g_assert_nonnull (GDALDatasetGetLayerByName (ds, "streets"));
  layer = GDALDatasetGetLayerByName (ds, "buildings");
  g_assert_nonnull (layer);
  g_assert_cmpint (OGR_L_GetFeatureCount (layer, TRUE), ==, linli_project_get_n_buildings (f->project));

  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const LinliBuilding *building = linli_project_get_building (f->project, b);

      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, field (feature, "id")), ==, building->id);
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, field (feature, "name")), ==, building->name);
      g_assert_cmpint (OGR_F_GetFieldAsInteger (feature, field (feature, "households")), ==, building->households);
      g_assert_cmpint (OGR_F_GetFieldAsInteger (feature, field (feature, "covered")), ==,
                       linli_coverage_is_covered (coverage, b));
      g_assert_true (OGR_F_IsFieldSetAndNotNull (feature, field (feature, "chain")));
      /* The grid each building is assigned to, by id and name. */
      if (building_grid[b] >= 0)
        {
          LinliGrid *grid = linli_grids_get_grid (linli_project_get_grids (f->project), building_grid[b]);

          g_assert_cmpstr (OGR_F_GetFieldAsString (feature, field (feature, "grid_id")), ==, linli_grid_get_id (grid));
          g_assert_cmpstr (OGR_F_GetFieldAsString (feature, field (feature, "grid")), ==, linli_grid_get_name (grid));
        }
      else
        g_assert_false (OGR_F_IsFieldSetAndNotNull (feature, field (feature, "grid_id")));
      if (building->flags & LINLI_BUILDING_MEMBERS_UNKNOWN)
        g_assert_false (OGR_F_IsFieldSetAndNotNull (feature, field (feature, "members")));

      /* Every seventh building: the walk to each site one by one. */
      if (b % 7 == 0)
        {
          double best = INFINITY, x, y;

          linli_projection_forward (proj, building->lat, building->lon, &x, &y);
          for (guint s = 0; s < linli_project_get_n_sites (f->project); s++)
            {
              LinliSite *site = linli_project_get_site (f->project, s);
              double sx, sy;

              if (!linli_site_counts_for_coverage (site))
                continue;
              linli_projection_forward (proj, linli_site_get_lat (site), linli_site_get_lon (site), &sx, &sy);
              best = MIN (best, linli_walk_distance (walk, x, y, sx, sy));
            }
          if (isfinite (best))
            {
              g_assert_true (OGR_F_IsFieldSetAndNotNull (feature, field (feature, "walk_m")));
              g_assert_cmpfloat_with_epsilon (OGR_F_GetFieldAsDouble (feature, field (feature, "walk_m")), best,
                                              0.06);
              checked_walks++;
            }
          else
            g_assert_false (OGR_F_IsFieldSetAndNotNull (feature, field (feature, "walk_m")));
        }
      OGR_F_Destroy (feature);
      b++;
    }
  g_assert_cmpuint (b, ==, linli_project_get_n_buildings (f->project));
  g_assert_cmpuint (checked_walks, >, 5);

  /* Sites: the households each reaches, as the coverage counts them. */
  layer = GDALDatasetGetLayerByName (ds, "sites");
  g_assert_cmpint (OGR_L_GetFeatureCount (layer, TRUE), ==, linli_project_get_n_sites (f->project));
  OGR_L_ResetReading (layer);
  for (guint s = 0; (feature = OGR_L_GetNextFeature (layer)) != NULL; s++)
    {
      LinliSite *site = linli_project_get_site (f->project, s);
      OGRGeometryH point = OGR_F_GetGeometryRef (feature);

      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, field (feature, "id")), ==, linli_site_get_id (site));
      g_assert_cmpint (OGR_F_GetFieldAsInteger (feature, field (feature, "households")), ==,
                       linli_coverage_site_households (coverage, s));
      g_assert_cmpfloat (OGR_G_GetX (point, 0), ==, linli_site_get_lon (site));
      g_assert_cmpfloat (OGR_G_GetY (point, 0), ==, linli_site_get_lat (site));
      OGR_F_Destroy (feature);
    }

  /* Streets: one feature per segment. */
  layer = GDALDatasetGetLayerByName (ds, "streets");
  g_assert_cmpint (OGR_L_GetFeatureCount (layer, TRUE), ==,
                   linli_streets_get_n_segments (linli_project_get_streets (f->project)));
  GDALClose (ds);
}

/* Linli → GeoPackage → Linli gives the same buildings and streets. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  LinliExportOgrOptions options;
  LinliImportOptions import_options;
  LinliOgrOptions ogr;
  g_autoptr (GPtrArray) written = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) back = NULL;
  g_autoptr (LinliProject) streets = NULL;

  linli_export_ogr_options_init (&options);
  written = export (f, "trip.gpkg", &options);
  linli_import_options_init (&import_options);
  linli_ogr_options_init (&ogr);
  ogr.layer = "buildings";
  back = linli_import_ogr (written->pdata[0], &ogr, &import_options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linli_project_get_n_buildings (back), ==, linli_project_get_n_buildings (f->project));
  for (guint b = 0; b < linli_project_get_n_buildings (f->project); b++)
    {
      const LinliBuilding *x = linli_project_get_building (f->project, b);
      const LinliBuilding *y = linli_project_get_building (back, b);
      const LinliCompound *cx = linli_project_get_compound (f->project, x->compound);
      const LinliCompound *cy = linli_project_get_compound (back, y->compound);
      guint nx, ny;
      const LinliLatLon *rx = linli_project_get_footprint (f->project, b, &nx);
      const LinliLatLon *ry = linli_project_get_footprint (back, b, &ny);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpuint (x->households, ==, y->households);
      g_assert_cmpuint (x->residents, ==, y->residents);
      g_assert_cmpuint (x->party_members, ==, y->party_members);
      g_assert_cmpuint (x->flags & LINLI_BUILDING_MEMBERS_UNKNOWN, ==, y->flags & LINLI_BUILDING_MEMBERS_UNKNOWN);
      g_assert_cmpuint (x->flags & LINLI_BUILDING_ESTIMATED, ==, y->flags & LINLI_BUILDING_ESTIMATED);
      g_assert_cmpstr (x->kind, ==, y->kind);
      g_assert_cmpstr (cx->name, ==, cy->name);
      g_assert_cmpstr (linli_project_get_community (f->project, cx->community)->name, ==,
                       linli_project_get_community (back, cy->community)->name);
      g_assert_cmpuint (nx, ==, ny);
      for (guint i = 0; i < nx; i++)
        {
          g_assert_cmpfloat (rx[i].lat, ==, ry[i].lat);
          g_assert_cmpfloat (rx[i].lon, ==, ry[i].lon);
        }
      if (nx == 0)
        {
          g_assert_cmpfloat (x->lat, ==, y->lat);
          g_assert_cmpfloat (x->lon, ==, y->lon);
        }
    }

  /* Streets come back segment by segment, joined at their shared nodes:
   * the same nodes, the same length and the same kinds. */
  ogr.layer = "streets";
  import_options.join_tolerance = 0;
  streets = linli_import_ogr (written->pdata[0], &ogr, &import_options, NULL, &error);
  g_assert_no_error (error);
  {
    const LinliStreets *a = linli_project_get_streets (f->project), *c = linli_project_get_streets (streets);
    double kinds_a[LINLI_STREET_N_KINDS] = { 0 }, kinds_c[LINLI_STREET_N_KINDS] = { 0 };

    g_assert_cmpuint (linli_streets_get_n_segments (c), ==, linli_streets_get_n_segments (a));
    g_assert_cmpfloat_with_epsilon (linli_streets_get_length (c), linli_streets_get_length (a), 1e-6);
    for (guint pass = 0; pass < 2; pass++)
      {
        const LinliStreets *s = pass ? c : a;
        double *kinds = pass ? kinds_c : kinds_a;

        for (guint w = 0; w < linli_streets_get_n_ways (s); w++)
          {
            LinliStreetKind kind;
            guint n;

            linli_streets_get_way (s, w, &kind, &n);
            kinds[kind] += n - 1;
          }
      }
    for (guint k = 0; k < LINLI_STREET_N_KINDS; k++)
      g_assert_cmpfloat (kinds_a[k], ==, kinds_c[k]);
  }
}

/* A Shapefile in CGCS2000 / Gauss–Krüger zone 40 with GBK attributes:
 * the .cpg says so, the .dbf holds GBK bytes, and the coordinates are
 * the test's own Gauss–Krüger series of the buildings' corners. */
static void
test_shapefile_gbk_crs (Fixture       *f,
                        gconstpointer  data)
{
  LinliExportOgrOptions options;
  g_autoptr (GPtrArray) written = NULL;
  g_autofree char *dbf = g_build_filename (f->dir, "gk.dbf", NULL);
  g_autofree char *cpg = g_build_filename (f->dir, "gk.cpg", NULL);
  g_autofree char *dbf_bytes = NULL, *cpg_text = NULL;
  const LinliBuilding *first = linli_project_get_building (f->project, 0);
  g_autofree char *gbk_name = g_convert (first->name, -1, "GBK", "UTF-8", NULL, NULL, NULL);
  gsize len;
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH feature;
  guint b = 0;

  linli_export_ogr_options_init (&options);
  options.format = LINLI_EXPORT_OGR_SHAPEFILE;
  options.layers = LINLI_EXPORT_OGR_BUILDINGS;
  options.crs = "EPSG:4549";
  options.encoding = "GBK";
  written = export (f, "gk.shp", &options);
  g_assert_cmpuint (written->len, ==, 1);
  g_assert_true (g_file_get_contents (cpg, &cpg_text, NULL, NULL));
  g_assert_nonnull (strstr (cpg_text, "936") ? cpg_text : strstr (cpg_text, "GBK"));
  g_assert_true (g_file_get_contents (dbf, &dbf_bytes, &len, NULL));
  g_assert_nonnull (gbk_name);
  g_assert_true (contains_bytes (dbf_bytes, len, gbk_name));

  ds = GDALOpenEx (written->pdata[0], GDAL_OF_VECTOR, NULL, NULL, NULL);
  layer = GDALDatasetGetLayer (ds, 0);
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH ring = OGR_G_GetGeometryRef (OGR_F_GetGeometryRef (feature), 0);
      guint n;
      const LinliLatLon *points = linli_project_get_footprint (f->project, b, &n);

      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, "name")), ==,
                       linli_project_get_building (f->project, b)->name);
      g_assert_cmpint (OGR_G_GetPointCount (ring), ==, n + 1);
      for (guint i = 0; i < n; i++)
        {
          double e, no, best = INFINITY;

          /* A Shapefile turns outer rings clockwise: match by position. */
          linli_test_gauss_kruger (points[i].lat, points[i].lon, 120, &e, &no);
          for (int k = 0; k < OGR_G_GetPointCount (ring); k++)
            best = MIN (best, hypot (e - OGR_G_GetX (ring, k), no - OGR_G_GetY (ring, k)));
          g_assert_cmpfloat (best, <, 0.1);
        }
      OGR_F_Destroy (feature);
      b++;
    }
  g_assert_cmpuint (b, ==, linli_project_get_n_buildings (f->project));
  GDALClose (ds);
}

/* Several layers in single-layer formats: a file each, named after it. */
static void
test_geojson_files (Fixture       *f,
                    gconstpointer  data)
{
  LinliExportOgrOptions options;
  g_autoptr (GPtrArray) written = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *bad = g_build_filename (f->dir, "x.geojson", NULL);

  linli_export_ogr_options_init (&options);
  options.format = LINLI_EXPORT_OGR_GEOJSON;
  options.layers = LINLI_EXPORT_OGR_BUILDINGS | LINLI_EXPORT_OGR_SITES;
  written = export (f, "out.geojson", &options);
  g_assert_cmpuint (written->len, ==, 2);
  g_assert_true (g_str_has_suffix (written->pdata[0], "out-buildings.geojson"));
  g_assert_true (g_str_has_suffix (written->pdata[1], "out-sites.geojson"));
  for (guint i = 0; i < written->len; i++)
    g_assert_true (g_file_test (written->pdata[i], G_FILE_TEST_IS_REGULAR));

  /* GeoJSON is WGS84 only; nothing is written. */
  options.crs = "EPSG:4549";
  g_assert_null (linli_export_ogr (f->document, bad, &options, &error));
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

/* A failure leaves no file and no temporary folder behind. */
static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  LinliExportOgrOptions options;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "out.gpkg", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no", "out.gpkg", NULL);
  g_autoptr (GDir) d = NULL;
  guint layers;

  linli_export_ogr_options_init (&options);
  options.crs = "EPSG:999999";
  g_assert_null (linli_export_ogr (f->document, path, &options, &error));
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED);
  g_clear_error (&error);
  options.crs = NULL;
  g_assert_null (linli_export_ogr (f->document, missing, &options, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  d = g_dir_open (f->dir, 0, NULL);
  g_assert_null (g_dir_read_name (d));

  g_assert_true (linli_export_ogr_layers_parse ("buildings, streets", &layers, &error));
  g_assert_cmpuint (layers, ==, LINLI_EXPORT_OGR_BUILDINGS | LINLI_EXPORT_OGR_STREETS);
  g_assert_true (linli_export_ogr_layers_parse ("grids", &layers, &error));
  g_assert_cmpuint (layers, ==, LINLI_EXPORT_OGR_GRIDS);
  g_assert_false (linli_export_ogr_layers_parse ("buildings,roads", &layers, &error));
  g_assert_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED);
}

/* The grids as a polygon layer: one feature per grid with the figures the
 * document's assignment gives, each grid's outline holding the buildings
 * the assignment puts in it; the worker's name only while names show. */
static void
test_grids_layer (Fixture       *f,
                  gconstpointer  data)
{
  LinliGrids *grids = linli_project_get_grids (f->project);
  const LinliGridAssignment *assignment = linli_document_get_grid_assignment (f->document);
  const int *building_grid = linli_grid_assignment_get_building_grids (assignment);
  guint n_grids = linli_grids_get_n_grids (grids), workers = 0, inside = 0, assigned = 0;
  LinliExportOgrOptions options;

  g_assert_cmpuint (n_grids, >, 1);
  linli_export_ogr_options_init (&options);
  options.layers = LINLI_EXPORT_OGR_GRIDS;
  for (int hide = 0; hide < 2; hide++)
    {
      g_autofree char *name = g_strdup_printf ("grids-%d.gpkg", hide);
      g_autoptr (GPtrArray) written = NULL;
      GDALDatasetH ds;
      OGRLayerH layer;
      OGRFeatureH feature;
      guint g = 0;

      linli_project_set_hide_names (f->project, hide);
      written = export (f, name, &options);
      ds = GDALOpenEx (written->pdata[0], GDAL_OF_VECTOR, NULL, NULL, NULL);
      g_assert_nonnull (ds);
      g_assert_null (GDALDatasetGetLayerByName (ds, "buildings"));
      layer = GDALDatasetGetLayerByName (ds, "grids");
      g_assert_nonnull (layer);
      g_assert_cmpint (OGR_L_GetFeatureCount (layer, TRUE), ==, n_grids);
      OGR_L_ResetReading (layer);
      while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
        {
          LinliGrid *grid = linli_grids_get_grid (grids, g);
          const LinliGridFigures *figures = linli_grid_assignment_get_figures (assignment, g);
          OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
          const char *worker = linli_grid_get_worker (grid);

          g_assert_cmpstr (OGR_F_GetFieldAsString (feature, field (feature, "id")), ==, linli_grid_get_id (grid));
          g_assert_cmpint (OGR_F_GetFieldAsInteger (feature, field (feature, "households")), ==, figures->households);
          g_assert_cmpint (OGR_F_GetFieldAsInteger (feature, field (feature, "buildings")), ==, figures->buildings);
          if (hide || worker == NULL || worker[0] == '\0')
            g_assert_false (OGR_F_IsFieldSetAndNotNull (feature, field (feature, "worker")));
          else
            {
              g_assert_cmpstr (OGR_F_GetFieldAsString (feature, field (feature, "worker")), ==, worker);
              workers++;
            }
          /* The outline as written holds the buildings assigned to it. */
          for (guint b = 0; !hide && b < linli_project_get_n_buildings (f->project); b++)
            if (building_grid[b] == (int) g)
              {
                const LinliBuilding *building = linli_project_get_building (f->project, b);
                OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

                OGR_G_SetPoint_2D (point, 0, building->lon, building->lat);
                inside += OGR_G_Intersects (geometry, point);
                assigned++;
                OGR_G_DestroyGeometry (point);
              }
          OGR_F_Destroy (feature);
          g++;
        }
      g_assert_cmpuint (g, ==, n_grids);
      GDALClose (ds);
    }
  linli_project_set_hide_names (f->project, FALSE);
  g_test_message ("%u of %u assigned buildings inside their grid's written outline; %u workers", inside, assigned,
                  workers);
  g_assert_cmpuint (assigned, >, 0);
  g_assert_cmpuint (inside, ==, assigned);
}

/* The partner units' assignment as lines, read back with OGR and checked
 * against the project's lists alone: each line runs from its unit's
 * position to its place's, its length is the walk or straight line the
 * problem measured between them (the district has streets: some are
 * walks), no unit gives more than it has of a category nor a need gets more than
 * it asks, and with no distance limit every category is met as far as
 * the one side allows (a complete bipartite flow: met = min(supply,
 * demand)). */
static void
test_assignments_layer (Fixture       *f,
                        gconstpointer  data)
{
  LinliPartners *partners = linli_project_get_partners (f->project);
  guint n_units = linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS);
  guint n_needs = linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS);
  g_autoptr (GHashTable) supply = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) demand = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) got = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) met = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (LinliPartnerProblem) pp = linli_partner_problem_new (f->project, 0);
  guint n_walks = linli_partner_problem_use_streets (pp, f->project);
  LinliExportOgrOptions options;
  g_autoptr (GPtrArray) written = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH feature;
  guint lines = 0, categories = 0;

  g_assert_cmpuint (n_units, >, 0);
  g_assert_cmpuint (n_needs, >, 0);
  g_assert_cmpuint (n_walks, >, 0);
  /* What each category can give and asks for a month, over the units and
   * places that have a position. */
  for (guint u = 0; u < n_units; u++)
    {
      const LinliPartnerUnit *unit = linli_partners_get_unit (partners, u);

      if (!unit->has_position)
        continue;
      for (guint r = 0; r < unit->n_resources; r++)
        {
          const LinliPartnerResource *res = &unit->resources[r];
          double *sum = g_hash_table_lookup (supply, res->category);
          /* A period is so many months long (a year 12). */
          double month = res->capacity / linli_partner_period_per_month (res->period);
          g_autofree char *unit_category = g_strconcat (unit->id, "\n", res->category, NULL);
          double *cap = g_hash_table_lookup (given, unit_category);

          if (sum == NULL)
            g_hash_table_insert (supply, g_strdup (res->category), sum = g_new0 (double, 1));
          *sum += month;
          if (cap == NULL)
            g_hash_table_insert (given, g_strdup (unit_category), cap = g_new0 (double, 1));
          *cap += month;
        }
    }
  for (guint n = 0; n < n_needs; n++)
    {
      const LinliPartnerNeed *need = linli_partners_get_need (partners, n);
      double *sum = g_hash_table_lookup (demand, need->category), *quantity;
      LinliLatLon position;

      if (!linli_partner_place_position (f->project, need->place_kind, need->place, &position))
        continue;
      if (sum == NULL)
        g_hash_table_insert (demand, g_strdup (need->category), sum = g_new0 (double, 1));
      quantity = g_new (double, 1);
      *quantity = need->quantity / linli_partner_period_per_month (need->period);
      *sum += *quantity;
      g_hash_table_insert (got, g_strdup (need->id), quantity);
    }

  linli_export_ogr_options_init (&options);
  options.layers = LINLI_EXPORT_OGR_ASSIGNMENTS;
  written = export (f, "assign.gpkg", &options);
  ds = GDALOpenEx (written->pdata[0], GDAL_OF_VECTOR, NULL, NULL, NULL);
  layer = GDALDatasetGetLayerByName (ds, "assignments");
  g_assert_nonnull (layer);
  g_assert_cmpint (GDALDatasetGetLayerCount (ds), ==, 1);
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *unit_id = OGR_F_GetFieldAsString (feature, field (feature, "unit"));
      const char *need_id = OGR_F_GetFieldAsString (feature, field (feature, "need"));
      const LinliPartnerUnit *unit = linli_partners_find (partners, LINLI_PARTNER_LIST_UNITS, unit_id, NULL);
      const LinliPartnerNeed *need = linli_partners_find (partners, LINLI_PARTNER_LIST_NEEDS, need_id, NULL);
      OGRGeometryH line = OGR_F_GetGeometryRef (feature);
      double quantity = OGR_F_GetFieldAsDouble (feature, field (feature, "quantity"));
      g_autofree char *unit_category = NULL;
      double *cap, *left, *sum;
      LinliLatLon place;

      g_assert_nonnull (unit);
      g_assert_nonnull (need);
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, field (feature, "unit_name")), ==, unit->name);
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, field (feature, "place")), ==, need->place);
      g_assert_cmpstr (OGR_F_GetFieldAsString (feature, field (feature, "category")), ==,
                       linli_partners_category_label (partners, need->category));
      g_assert_cmpfloat (quantity, >, 0);

      /* From the unit to the place. */
      g_assert_true (linli_partner_place_position (f->project, need->place_kind, need->place, &place));
      g_assert_cmpint (OGR_G_GetPointCount (line), ==, 2);
      g_assert_cmpfloat (OGR_G_GetX (line, 0), ==, unit->lon);
      g_assert_cmpfloat (OGR_G_GetY (line, 0), ==, unit->lat);
      g_assert_cmpfloat (OGR_G_GetX (line, 1), ==, place.lon);
      g_assert_cmpfloat (OGR_G_GetY (line, 1), ==, place.lat);
      /* Its length: the walk along the streets the problem measured
       * (itself checked against walks one by one in test-generator), or
       * the straight line. */
      {
        guint u = GPOINTER_TO_UINT (g_hash_table_lookup (pp->unit_index, unit->id)) - 1;
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (pp->need_index, need->id)) - 1;
        double want = pp->problem.distances != NULL
                      ? pp->problem.distances[(gsize) u * pp->problem.n_needs + n]
                      : linli_haversine_distance (unit->lat, unit->lon, place.lat, place.lon);

        g_assert_cmpfloat_with_epsilon (OGR_F_GetFieldAsDouble (feature, field (feature, "distance_m")),
                                        want, 0.051);
      }

      /* Within what the unit gives of the category and the need asks. */
      unit_category = g_strconcat (unit->id, "\n", need->category, NULL);
      cap = g_hash_table_lookup (given, unit_category);
      g_assert_nonnull (cap);
      *cap -= quantity;
      g_assert_cmpfloat (*cap, >=, -1e-6);
      left = g_hash_table_lookup (got, need->id);
      g_assert_nonnull (left);
      *left -= quantity;
      g_assert_cmpfloat (*left, >=, -1e-6);
      if ((sum = g_hash_table_lookup (met, need->category)) == NULL)
        g_hash_table_insert (met, g_strdup (need->category), sum = g_new0 (double, 1));
      *sum += quantity;
      OGR_F_Destroy (feature);
      lines++;
    }
  GDALClose (ds);
  g_assert_cmpuint (lines, >, 0);

  g_hash_table_iter_init (&iter, demand);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double *offered = g_hash_table_lookup (supply, key), *done = g_hash_table_lookup (met, key);
      double expected = MIN (*(double *) value, offered ? *offered : 0);


      g_assert_cmpfloat_with_epsilon (done ? *done : 0, expected, 1e-6 * MAX (1, expected));
      categories++;
    }
  g_test_message ("%u lines, %u categories met as far as supply and demand allow", lines, categories);

  /* The layer is named in a list like the others. */
  {
    guint layers;
    g_autoptr (GError) error = NULL;

    g_assert_true (linli_export_ogr_layers_parse ("assignments,grids", &layers, &error));
    g_assert_cmpuint (layers, ==, LINLI_EXPORT_OGR_ASSIGNMENTS | LINLI_EXPORT_OGR_GRIDS);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export-ogr/geopackage-fields", Fixture, NULL, fixture_setup, test_geopackage_fields,
              fixture_teardown);
  g_test_add ("/export-ogr/round-trip", Fixture, NULL, fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/export-ogr/shapefile-gbk-crs", Fixture, NULL, fixture_setup, test_shapefile_gbk_crs,
              fixture_teardown);
  g_test_add ("/export-ogr/geojson-files", Fixture, NULL, fixture_setup, test_geojson_files, fixture_teardown);
  g_test_add ("/export-ogr/failures", Fixture, NULL, fixture_setup, test_failures, fixture_teardown);
  g_test_add ("/export-ogr/grids", Fixture, NULL, fixture_setup, test_grids_layer, fixture_teardown);
  g_test_add ("/export-ogr/assignments", Fixture, NULL, fixture_setup, test_assignments_layer,
              fixture_teardown);
  district = make_district ();
  status = g_test_run ();
  g_assert_finalize_object (district);
  return status;
}
