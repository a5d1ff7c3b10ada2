/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writes a raster MBTiles file for trying basemaps by hand and for
 * screenshots: either a test pattern (each tile labelled z/x/y over a pale
 * ground) or, given GeoJSON files, their polygons and lines drawn in plain
 * map colours.  Built, never run by `meson test`.
 *
 *   make-mbtiles --bbox=W,S,E,N --zoom=12-17 [--name=NAME] [--attribution=TEXT]
 *                [--geojson=FILE]... OUT.mbtiles
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#define TILE 256

/* One shape to draw, in Web Mercator units of [0, 1]. */
typedef struct
{
  gboolean  polygon;
  guint32   fill;          /* 0xRRGGBB, polygons */
  guint32   stroke;        /* lines */
  double    width_m;       /* line width on the ground, metres */
  double    box[4];        /* min x, min y, max x, max y */
  GArray   *rings;         /* of GArray of double pairs */
} Shape;

static void
clear_ring (gpointer data)
{
  g_array_unref (*(GArray **) data);
}

static void
shape_free (gpointer data)
{
  Shape *shape = data;

  g_array_unref (shape->rings);
  g_free (shape);
}

static void
mercator (double  lon,
          double  lat,
          double *mx,
          double *my)
{
  double phi = CLAMP (lat, -85.05112878, 85.05112878) * G_PI / 180;

  *mx = (lon + 180.0) / 360.0;
  *my = (1.0 - log (tan (G_PI / 4 + phi / 2)) / G_PI) / 2.0;
}

static GArray *
read_ring (JsonArray *coords,
           double    *box)
{
  GArray *ring = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < json_array_get_length (coords); i++)
    {
      JsonArray *pt = json_array_get_array_element (coords, i);
      double mx, my;

      if (pt == NULL || json_array_get_length (pt) < 2)
        continue;
      mercator (json_array_get_double_element (pt, 0), json_array_get_double_element (pt, 1), &mx, &my);
      g_array_append_val (ring, mx);
      g_array_append_val (ring, my);
      box[0] = MIN (box[0], mx);
      box[1] = MIN (box[1], my);
      box[2] = MAX (box[2], mx);
      box[3] = MAX (box[3], my);
    }
  return ring;
}

/* Plain colours in the spirit of common street maps. */
static void
style_for (const char *kind,
           gboolean    polygon,
           Shape      *shape)
{
  static const struct
  {
    const char *kind;
    guint32     colour;
    double      width_m;
  } styles[] = {
    { "park", 0xc8e6b0, 0 }, { "grass", 0xcfeac0, 0 }, { "garden", 0xcfeac0, 0 },
    { "forest", 0xadd19e, 0 }, { "natural_wood", 0xadd19e, 0 }, { "recreation_ground", 0xd5f0c8, 0 },
    { "pitch", 0xaae0cb, 0 }, { "water", 0xaad3df, 0 }, { "riverbank", 0xaad3df, 0 },
    { "residential", 0xe6e2dc, 0 }, { "commercial", 0xf2dad9, 0 }, { "retail", 0xfad8d2, 0 },
    { "school", 0xf6eec6, 0 }, { "hospital", 0xf6e0e0, 0 }, { "pedestrian", 0xeeeeee, 0 },
    { "parking", 0xeeeeee, 0 }, { "pier", 0xf2efe9, 0 },
    { "major_road", 0xfcd6a4, 14 }, { "minor_road", 0xffffff, 8 }, { "path", 0xfa8072, 1.5 },
    { "rail", 0x999999, 3 }, { "ferry", 0x6688cc, 2 },
  };

  shape->fill = 0xe8e4dc;
  shape->stroke = 0xffffff;
  shape->width_m = 6;
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (styles); i++)
    if (g_str_equal (kind, styles[i].kind))
      {
        shape->fill = styles[i].colour;
        shape->stroke = styles[i].colour;
        if (!polygon)
          shape->width_m = styles[i].width_m;
      }
}

static void
add_geometry (GPtrArray  *shapes,
              JsonObject *geometry,
              const char *kind)
{
  const char *type = json_object_get_string_member_with_default (geometry, "type", "");
  JsonArray *coords = json_object_get_array_member (geometry, "coordinates");
  gboolean multi = g_str_has_prefix (type, "Multi");
  gboolean polygon = g_str_has_suffix (type, "Polygon");

  if (coords == NULL || (!polygon && !g_str_has_suffix (type, "LineString")))
    return;
  for (guint p = 0; p < (multi ? json_array_get_length (coords) : 1); p++)
    {
      JsonArray *part = multi ? json_array_get_array_element (coords, p) : coords;
      Shape *shape = g_new0 (Shape, 1);

      shape->polygon = polygon;
      shape->box[0] = shape->box[1] = INFINITY;
      shape->box[2] = shape->box[3] = -INFINITY;
      shape->rings = g_array_new (FALSE, FALSE, sizeof (GArray *));
      g_array_set_clear_func (shape->rings, clear_ring);
      style_for (kind, polygon, shape);
      if (polygon)
        for (guint r = 0; r < json_array_get_length (part); r++)
          {
            GArray *ring = read_ring (json_array_get_array_element (part, r), shape->box);
            g_array_append_val (shape->rings, ring);
          }
      else
        {
          GArray *ring = read_ring (part, shape->box);
          g_array_append_val (shape->rings, ring);
        }
      g_ptr_array_add (shapes, shape);
    }
}

static void
load_geojson (GPtrArray  *polygons,
              GPtrArray  *lines,
              const char *path)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *features;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("%s: %s", path, error->message);
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "features");
  for (guint i = 0; features != NULL && i < json_array_get_length (features); i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);
      JsonObject *props = json_object_get_object_member (feature, "properties");
      JsonObject *geometry = json_object_get_object_member (feature, "geometry");
      const char *kind = props ? json_object_get_string_member_with_default (props, "kind", NULL) : NULL;
      const char *type;

      if (geometry == NULL)
        continue;
      type = json_object_get_string_member_with_default (geometry, "type", "");
      add_geometry (g_str_has_suffix (type, "Polygon") ? polygons : lines, geometry, kind);
    }
}

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

static void
trace (cairo_t     *cr,
       const Shape *shape,
       double       scale,
       double       ox,
       double       oy)
{
  for (guint r = 0; r < shape->rings->len; r++)
    {
      GArray *ring = g_array_index (shape->rings, GArray *, r);

      for (guint k = 0; k + 1 < ring->len; k += 2)
        {
          double x = g_array_index (ring, double, k) * scale - ox;
          double y = g_array_index (ring, double, k + 1) * scale - oy;

          if (k == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      if (shape->polygon)
        cairo_close_path (cr);
    }
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
draw_tile (GPtrArray *polygons,
           GPtrArray *lines,
           int        x,
           int        y,
           int        z,
           double     m_per_unit)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, TILE, TILE);
  cairo_t *cr = cairo_create (surface);
  double scale = (double) TILE * (1 << z);
  double ox = (double) x * TILE, oy = (double) y * TILE;
  double tile_box[4] = { (double) x / (1 << z), (double) y / (1 << z), (double) (x + 1) / (1 << z),
                         (double) (y + 1) / (1 << z) };
  GByteArray *png = g_byte_array_new ();

  set_rgb (cr, 0xf2efe9);
  cairo_paint (cr);
  if (polygons->len == 0 && lines->len == 0)
    {
      /* The test pattern: the tile's edge and its name. */
      g_autofree char *label = g_strdup_printf ("%d/%d/%d", z, x, y);

      set_rgb (cr, 0xd6cfbf);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, 0.5, 0.5, TILE - 1, TILE - 1);
      cairo_stroke (cr);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 11);
      set_rgb (cr, 0xa09880);
      cairo_move_to (cr, 6, 16);
      cairo_show_text (cr, label);
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint pass = 0; pass < 3; pass++)
    {
      GPtrArray *shapes = pass == 0 ? polygons : lines;

      for (guint i = 0; i < shapes->len; i++)
        {
          const Shape *shape = g_ptr_array_index (shapes, i);
          double width_px = MAX (shape->width_m / (m_per_unit / scale), shape->polygon ? 0 : 0.8);
          double pad = width_px / scale;

          if (shape->box[2] + pad < tile_box[0] || shape->box[0] - pad > tile_box[2] ||
              shape->box[3] + pad < tile_box[1] || shape->box[1] - pad > tile_box[3])
            continue;
          cairo_new_path (cr);
          trace (cr, shape, scale, ox, oy);
          if (shape->polygon)
            {
              set_rgb (cr, shape->fill);
              cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
              cairo_fill (cr);
            }
          else if (pass == 1)
            {
              /* Casing first, for roads wider than a hairline. */
              if (width_px < 3)
                continue;
              set_rgb (cr, 0xb8b0a4);
              cairo_set_line_width (cr, width_px + 1.5);
              cairo_stroke (cr);
            }
          else
            {
              set_rgb (cr, shape->stroke);
              cairo_set_line_width (cr, width_px);
              cairo_stroke (cr);
            }
        }
    }
  cairo_destroy (cr);
  if (cairo_surface_write_to_png_stream (surface, append_png_cb, png) != CAIRO_STATUS_SUCCESS)
    g_error ("could not encode a tile");
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *bbox = NULL;
  g_autofree char *zoom = g_strdup ("12-17");
  g_autofree char *name = NULL;
  g_autofree char *attribution = NULL;
  g_auto (GStrv) geojson = NULL;
  GOptionEntry entries[] = {
    { "bbox", 0, 0, G_OPTION_ARG_STRING, &bbox, "Area to cover, in degrees", "W,S,E,N" },
    { "zoom", 0, 0, G_OPTION_ARG_STRING, &zoom, "Zoom levels (default 12-17)", "MIN-MAX" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "The metadata's name", "NAME" },
    { "attribution", 0, 0, G_OPTION_ARG_STRING, &attribution, "The metadata's attribution", "TEXT" },
    { "geojson", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &geojson, "Draw this file's polygons and lines", "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("OUT.mbtiles");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) polygons = g_ptr_array_new_with_free_func (shape_free);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (shape_free);
  double w, s, e, n, min_x, min_y, max_x, max_y, m_per_unit;
  int zmin, zmax;
  guint n_tiles = 0;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || bbox == NULL ||
      sscanf (bbox, "%lf,%lf,%lf,%lf", &w, &s, &e, &n) != 4 || sscanf (zoom, "%d-%d", &zmin, &zmax) != 2 ||
      zmin < 0 || zmax > 19 || zmin > zmax)
    {
      g_printerr ("%s\n", error ? error->message : g_option_context_get_help (context, TRUE, NULL));
      return 2;
    }
  for (guint i = 0; geojson != NULL && geojson[i] != NULL; i++)
    load_geojson (polygons, lines, geojson[i]);
  mercator (w, n, &min_x, &min_y);
  mercator (e, s, &max_x, &max_y);
  /* Metres on the ground per Mercator unit at the area's latitude. */
  m_per_unit = 40075016.686 * cos ((s + n) / 2 * G_PI / 180);

  g_unlink (argv[1]);
  if (sqlite3_open (argv[1], &db) != SQLITE_OK)
    g_error ("%s: %s", argv[1], sqlite3_errmsg (db));
  exec_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT)");
  exec_sql (db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)");
  exec_sql (db, "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)");
  exec_sql (db, "BEGIN");
  {
    g_autofree char *bounds = g_strdup_printf ("%.6f,%.6f,%.6f,%.6f", w, s, e, n);
    g_autofree char *minzoom = g_strdup_printf ("%d", zmin);
    g_autofree char *maxzoom = g_strdup_printf ("%d", zmax);
    const char *metadata[] = {
      "name", name ? name : (geojson ? "GeoJSON basemap" : "Linli test pattern"),
      "format", "png", "type", "baselayer", "version", "1", "bounds", bounds,
      "minzoom", minzoom, "maxzoom", maxzoom,
      "attribution", attribution ? attribution : (geojson ? NULL : "Linli test pattern, no map data"),
    };

    for (guint i = 0; i < G_N_ELEMENTS (metadata); i += 2)
      {
        if (metadata[i + 1] == NULL)
          continue;
        sqlite3_prepare_v2 (db, "INSERT INTO metadata VALUES (?1, ?2)", -1, &stmt, NULL);
        sqlite3_bind_text (stmt, 1, metadata[i], -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 2, metadata[i + 1], -1, SQLITE_STATIC);
        if (sqlite3_step (stmt) != SQLITE_DONE)
          g_error ("%s", sqlite3_errmsg (db));
        sqlite3_finalize (stmt);
      }
  }
  for (int z = zmin; z <= zmax; z++)
    {
      int x0 = (int) floor (min_x * (1 << z)), x1 = (int) floor (max_x * (1 << z));
      int y0 = (int) floor (min_y * (1 << z)), y1 = (int) floor (max_y * (1 << z));

      for (int x = x0; x <= x1; x++)
        for (int y = y0; y <= y1; y++)
          {
            g_autoptr (GBytes) png = draw_tile (polygons, lines, x, y, z, m_per_unit);

            sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL);
            sqlite3_bind_int (stmt, 1, z);
            sqlite3_bind_int (stmt, 2, x);
            sqlite3_bind_int (stmt, 3, (1 << z) - 1 - y);
            sqlite3_bind_blob (stmt, 4, g_bytes_get_data (png, NULL), (int) g_bytes_get_size (png),
                               SQLITE_TRANSIENT);
            if (sqlite3_step (stmt) != SQLITE_DONE)
              g_error ("%s", sqlite3_errmsg (db));
            sqlite3_finalize (stmt);
            n_tiles++;
          }
    }
  exec_sql (db, "COMMIT");
  sqlite3_close (db);
  g_print ("%s: %u tiles, zoom %d-%d\n", argv[1], n_tiles, zmin, zmax);
  return 0;
}
