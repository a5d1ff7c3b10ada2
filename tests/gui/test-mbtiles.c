/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MBTiles basemaps: the data source on small files the test writes, the
 * settings key file, and a window that shows the tiles under the district
 * and drops them again, driven through the preferences. */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "linli-gui-test-utils.h"
#include "linli-image-header.h"
#include "linli-mbtiles-source.h"
#include "linli-preferences.h"
#include "linli-settings.h"
#include "linli-window-private.h"

#define MIN_Z 1
#define MAX_Z 3

/* The one tile the test file leaves out. */
#define HOLE_X 3
#define HOLE_Y 0
#define HOLE_Z 2

static char *tmp_dir;

/* Auxiliary methods */

/* A distinct colour for every tile of zoom levels 1 to 3, none near Linli's
 * street colour. */
static guint32
tile_rgb (int x,
          int y,
          int z)
{
  return ((guint32) (40 + 60 * z) << 16) | ((guint32) (20 + 28 * x) << 8) | (guint32) (20 + 28 * y);
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
solid_png_sized (guint32 rgb,
                 int     width,
                 int     height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png_cb, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static GBytes *
solid_png (guint32 rgb)
{
  return solid_png_sized (rgb, 256, 256);
}

static void
append_be32 (GByteArray *out,
             guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (out, b, 4);
}

static guint32
crc32_of (const guint8 *data,
          gsize         len)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return crc ^ 0xffffffff;
}

static void
append_chunk (GByteArray   *out,
              const char   *type,
              const guint8 *data,
              gsize         len)
{
  gsize start;

  append_be32 (out, (guint32) len);
  start = out->len;
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (out, data, (guint) len);
  append_be32 (out, crc32_of (out->data + start, len + 4));
}

/* The start of a PNG that claims @width × @height pixels of 8-bit RGB:
 * the few kilobytes a decompression bomb begins with, as far as any
 * decoder reads before it allocates the image. */
static GBytes *
bomb_png (guint32 width,
          guint32 height)
{
  GByteArray *out = g_byte_array_new ();
  guint8 ihdr[13] = { width >> 24, (width >> 16) & 0xff, (width >> 8) & 0xff, width & 0xff,
                      height >> 24, (height >> 16) & 0xff, (height >> 8) & 0xff, height & 0xff,
                      8, 2, 0, 0, 0 };
  /* A zlib stream of a few zero bytes: valid, far too short. */
  static const guint8 idat[] = { 0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01 };

  g_byte_array_append (out, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  append_chunk (out, "IHDR", ihdr, sizeof ihdr);
  for (int i = 0; i < 100; i++)
    append_chunk (out, "IDAT", idat, sizeof idat);
  append_chunk (out, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (out);
}

/* The same for JPEG: an APP0 segment, then a baseline frame header. */
static GBytes *
bomb_jpeg (guint width,
           guint height)
{
  const guint8 bytes[] = {
    0xff, 0xd8,
    0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3,
    1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
    0xff, 0xd9,
  };

  return g_bytes_new (bytes, sizeof bytes);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Writes an MBTiles file: the given metadata (NULL-terminated name, value
 * pairs), and when @with_tiles every tile of zoom levels 1 to 3 but the
 * hole, rows numbered from the south as the format wants. */
typedef struct
{
  int     x, y, z;
  GBytes *bytes;
} Replacement;

static char *
write_mbtiles_with (const char        *name,
                    gboolean           with_tiles,
                    const char       **metadata,
                    const Replacement *replacements,
                    guint              n_replacements)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT)");
  exec_sql (db, "BEGIN");
  for (guint i = 0; metadata != NULL && metadata[i] != NULL; i += 2)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO metadata VALUES (?1, ?2)", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, metadata[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, metadata[i + 1], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  if (with_tiles)
    {
      exec_sql (db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)");
      exec_sql (db, "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)");
      for (int z = MIN_Z; z <= MAX_Z; z++)
        for (int x = 0; x < (1 << z); x++)
          for (int y = 0; y < (1 << z); y++)
            {
              g_autoptr (GBytes) png = NULL;

              if (z == HOLE_Z && x == HOLE_X && y == HOLE_Y)
                continue;
              for (guint r = 0; r < n_replacements; r++)
                if (replacements[r].x == x && replacements[r].y == y && replacements[r].z == z)
                  png = g_bytes_ref (replacements[r].bytes);
              if (png == NULL)
                png = solid_png (tile_rgb (x, y, z));
              g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL),
                               ==, SQLITE_OK);
              sqlite3_bind_int (stmt, 1, z);
              sqlite3_bind_int (stmt, 2, x);
              sqlite3_bind_int (stmt, 3, (1 << z) - 1 - y);
              sqlite3_bind_blob (stmt, 4, g_bytes_get_data (png, NULL), (int) g_bytes_get_size (png), SQLITE_TRANSIENT);
              g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
              sqlite3_finalize (stmt);
            }
    }
  exec_sql (db, "COMMIT");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return path;
}

static char *
write_mbtiles (const char  *name,
               gboolean     with_tiles,
               const char **metadata)
{
  return write_mbtiles_with (name, with_tiles, metadata, NULL, 0);
}

static char *
write_raster (void)
{
  const char *metadata[] = {
    "name", "Test tiles", "format", "png", "minzoom", "1", "maxzoom", "3",
    "bounds", "-180,-85.05,180,85.05",
    "attribution", "<a href=\"https://example.org/tiles\">&copy; Test <b>Tiles</b></a> &amp; friends",
    NULL,
  };

  return write_mbtiles ("test.mbtiles", TRUE, metadata);
}

/* What the data source answered for one tile. */
typedef struct
{
  gboolean  done;
  GBytes   *bytes;
  GError   *error;
  GBytes   *received;      /* through received-data, for this tile */
  gboolean  received_before_done;
  int       x, y, z;
} Fetch;

static void
on_received_data_cb (ShumateDataSource *source,
                     int                x,
                     int                y,
                     int                z,
                     GBytes            *bytes,
                     Fetch             *fetch)
{
  if (x != fetch->x || y != fetch->y || z != fetch->z)
    return;
  g_clear_pointer (&fetch->received, g_bytes_unref);
  fetch->received = g_bytes_ref (bytes);
  fetch->received_before_done = !fetch->done;
}

static void
on_tile_data_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &fetch->error);
  fetch->done = TRUE;
}

static void
fetch (LinliMbtilesSource *source,
       int                 x,
       int                 y,
       int                 z,
       Fetch              *f)
{
  gulong handler;
  guint refs = g_atomic_int_get ((int *) &G_OBJECT (source)->ref_count);

  memset (f, 0, sizeof *f);
  f->x = x;
  f->y = y;
  f->z = z;
  handler = g_signal_connect (source, "received-data", G_CALLBACK (on_received_data_cb), f);
  shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), x, y, z, NULL, on_tile_data_cb, f);
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (source, handler);
  g_assert_cmpuint (linli_mbtiles_source_get_n_pending (source), ==, 0);
  /* The worker thread lets go of its task (and the task of the source)
   * just after the callback has run: wait for it, or a finalize check
   * races with it. */
  while ((guint) g_atomic_int_get ((int *) &G_OBJECT (source)->ref_count) > refs)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
fetch_clear (Fetch *f)
{
  g_clear_pointer (&f->bytes, g_bytes_unref);
  g_clear_pointer (&f->received, g_bytes_unref);
  g_clear_error (&f->error);
}

static void
assert_error_names_file (const GError *error,
                         const char   *path)
{
  g_assert_nonnull (error);
  if (strstr (error->message, path) == NULL)
    g_error ("the message “%s” does not name %s", error->message, path);
}

/* The colour of a decoded tile at one of its pixels. */
static guint32
tile_pixel (GBytes *png,
            int     x,
            int     y)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = gdk_texture_new_from_bytes (png, &error);
  g_autofree guchar *pixels = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 256);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 256);
  pixels = g_malloc (256 * 256 * 4);
  gdk_texture_download (texture, pixels, 256 * 4);
  return linli_test_pixel_at (texture, pixels, x, y);
}

/* Tests: the data source */

static void
test_metadata (void)
{
  g_autofree char *path = write_raster ();
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliMbtilesSource) source = linli_mbtiles_source_new (path, &error);
  g_autoptr (ShumateMapSource) renderer = NULL;
  double w, s, e, n;

  g_assert_no_error (error);
  g_assert_cmpstr (linli_mbtiles_source_get_path (source), ==, path);
  g_assert_cmpstr (linli_mbtiles_source_get_name (source), ==, "Test tiles");
  g_assert_cmpstr (linli_mbtiles_source_get_format (source), ==, "png");
  g_assert_cmpuint (linli_mbtiles_source_get_min_zoom (source), ==, MIN_Z);
  g_assert_cmpuint (linli_mbtiles_source_get_max_zoom (source), ==, MAX_Z);
  g_assert_true (g_str_has_prefix (linli_mbtiles_source_get_attribution (source), "<a href="));
  g_assert_cmpstr (linli_mbtiles_source_get_attribution_text (source), ==, "© Test Tiles & friends");
  g_assert_cmpstr (linli_mbtiles_source_get_attribution_uri (source), ==, "https://example.org/tiles");
  g_assert_true (linli_mbtiles_source_get_bounds (source, &w, &s, &e, &n));
  g_assert_cmpfloat (w, ==, -180);
  g_assert_cmpfloat (s, ==, -85.05);
  g_assert_cmpfloat (e, ==, 180);
  g_assert_cmpfloat (n, ==, 85.05);

  /* The renderer carries the same facts. */
  renderer = linli_mbtiles_source_new_renderer (source);
  g_assert_true (SHUMATE_IS_RASTER_RENDERER (renderer));
  g_assert_cmpstr (shumate_map_source_get_name (renderer), ==, "Test tiles");
  g_assert_cmpstr (shumate_map_source_get_license (renderer), ==, "© Test Tiles & friends");
  g_assert_cmpstr (shumate_map_source_get_license_uri (renderer), ==, "https://example.org/tiles");
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (renderer), ==, MIN_Z);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (renderer), ==, MAX_Z);
  g_assert_cmpuint (shumate_map_source_get_tile_size (renderer), ==, 256);
  g_assert_cmpint (shumate_map_source_get_projection (renderer), ==, SHUMATE_MAP_PROJECTION_MERCATOR);

  g_clear_object (&renderer);
  g_assert_finalize_object (g_steal_pointer (&source));
  g_unlink (path);
}

/* Every tile comes back as the very bytes stored, for the (x, y, z) asked,
 * through received-data first and then the callback: rows flipped right. */
static void
test_tiles (void)
{
  g_autofree char *path = write_raster ();
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliMbtilesSource) source = linli_mbtiles_source_new (path, &error);
  const int cases[][3] = { { 0, 0, 1 }, { 1, 0, 1 }, { 0, 1, 1 }, { 2, 1, 2 }, { 1, 2, 3 }, { 6, 3, 3 }, { 7, 0, 3 } };
  Fetch f;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int x = cases[i][0], y = cases[i][1], z = cases[i][2];
      g_autoptr (GBytes) expected = solid_png (tile_rgb (x, y, z));

      fetch (source, x, y, z, &f);
      g_assert_no_error (f.error);
      g_assert_nonnull (f.bytes);
      g_assert_true (g_bytes_equal (f.bytes, expected));
      g_assert_nonnull (f.received);
      g_assert_true (f.received_before_done);
      g_assert_true (g_bytes_equal (f.received, expected));
      fetch_clear (&f);
    }

  /* The hole, a zoom level below the file's and a tile outside the world
   * are not found, and nothing is received for them. */
  fetch (source, HOLE_X, HOLE_Y, HOLE_Z, &f);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (f.bytes);
  g_assert_null (f.received);
  fetch_clear (&f);
  fetch (source, 0, 0, 0, &f);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (f.received);
  fetch_clear (&f);
  fetch (source, 8, 0, 3, &f);
  g_assert_error (f.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  fetch_clear (&f);

  g_assert_finalize_object (g_steal_pointer (&source));
  g_unlink (path);
}

/* Deeper than the file goes, a tile is cut from its ancestor at the
 * deepest level and scaled up. */
static void
test_overzoom (void)
{
  g_autofree char *path = write_raster ();
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliMbtilesSource) source = linli_mbtiles_source_new (path, &error);
  const int cases[][3] = { { 13, 9, 5 }, { 2, 5, 4 }, { 1000, 700, 12 } };
  Fetch f;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int x = cases[i][0], y = cases[i][1], z = cases[i][2], dz = z - MAX_Z;
      guint32 want = tile_rgb (x >> dz, y >> dz, MAX_Z);

      fetch (source, x, y, z, &f);
      g_assert_no_error (f.error);
      g_assert_nonnull (f.received);
      g_assert_true (linli_test_colour_near (tile_pixel (f.bytes, 0, 0), want));
      g_assert_true (linli_test_colour_near (tile_pixel (f.bytes, 128, 128), want));
      g_assert_true (linli_test_colour_near (tile_pixel (f.bytes, 255, 255), want));
      fetch_clear (&f);
    }
  g_assert_finalize_object (g_steal_pointer (&source));
  g_unlink (path);
}

/* Files that cannot be a raster basemap fail to open, saying which file
 * and why. */
static void
test_errors (void)
{
  const char *vector[] = { "name", "Vector", "format", "pbf", NULL };
  const char *webp[] = { "name", "WebP", "format", "webp", NULL };
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.mbtiles", NULL);
  g_autofree char *garbage = g_build_filename (tmp_dir, "garbage.mbtiles", NULL);
  g_autofree char *no_tiles = write_mbtiles ("no-tiles.mbtiles", FALSE, vector);
  g_autofree char *pbf = write_mbtiles ("vector.mbtiles", TRUE, vector);
  g_autofree char *webp_path = write_mbtiles ("webp.mbtiles", TRUE, webp);
  GError *error = NULL;

  g_assert_null (linli_mbtiles_source_new (missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  assert_error_names_file (error, missing);
  g_clear_error (&error);

  g_assert_null (linli_mbtiles_source_new (tmp_dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (garbage, "This is not a database, only some text that is long enough "
                                               "to fill what SQLite reads as its header.\n", -1, NULL));
  g_assert_null (linli_mbtiles_source_new (garbage, &error));
  g_assert_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_INVALID);
  assert_error_names_file (error, garbage);
  g_assert_nonnull (strstr (error->message, "SQLite"));
  g_clear_error (&error);

  g_assert_null (linli_mbtiles_source_new (no_tiles, &error));
  g_assert_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_INVALID);
  assert_error_names_file (error, no_tiles);
  g_assert_nonnull (strstr (error->message, "tiles"));
  g_clear_error (&error);

  g_assert_null (linli_mbtiles_source_new (pbf, &error));
  g_assert_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_UNSUPPORTED);
  assert_error_names_file (error, pbf);
  g_assert_nonnull (strstr (error->message, "vector"));
  g_clear_error (&error);

  g_assert_null (linli_mbtiles_source_new (webp_path, &error));
  g_assert_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_UNSUPPORTED);
  assert_error_names_file (error, webp_path);
  g_clear_error (&error);

  g_unlink (garbage);
  g_unlink (no_tiles);
  g_unlink (pbf);
  g_unlink (webp_path);
}

static void
count_problem_cb (GObject    *object,
                  GParamSpec *pspec,
                  guint      *count)
{
  (*count)++;
}

/* A tile whose header claims 40,000 × 40,000 pixels (a few kilobytes that
 * decode into gigabytes) is refused before anything decodes it: it never
 * reaches the renderer (the only thing that makes textures of the tiles),
 * nor the overzoom's own decoder.  So are tiles of other sizes than 256 or
 * 512 pixels and blobs larger than a tile can need; the first refusal is
 * the source's problem, said once. */
static void
test_tile_size_refused (void)
{
  const char *metadata[] = { "name", "Bombs", "format", "png", "minzoom", "1", "maxzoom", "3", NULL };
  g_autoptr (GBytes) big_png = bomb_png (40000, 40000);
  g_autoptr (GBytes) big_jpeg = bomb_jpeg (40000, 40000);
  g_autoptr (GBytes) wide = solid_png_sized (tile_rgb (5, 5, 3), 512, 256);
  g_autoptr (GBytes) tile512 = solid_png_sized (tile_rgb (7, 0, 3), 512, 512);
  g_autoptr (GBytes) huge_blob = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliMbtilesSource) source = NULL;
  g_autofree char *path = NULL;
  guint problems = 0;
  Fetch f;

  /* A real 256-pixel PNG header followed by 5 MB: larger than any tile. */
  {
    g_autoptr (GBytes) head = solid_png (0);
    GByteArray *blob = g_byte_array_sized_new (5 << 20);

    g_byte_array_append (blob, g_bytes_get_data (head, NULL), (guint) g_bytes_get_size (head));
    g_byte_array_set_size (blob, 5 << 20);
    huge_blob = g_byte_array_free_to_bytes (blob);
  }
  {
    const Replacement replacements[] = {
      { 1, 2, 3, big_png }, { 6, 3, 3, big_jpeg }, { 5, 5, 3, wide }, { 7, 0, 3, tile512 }, { 2, 1, 2, huge_blob },
    };

    path = write_mbtiles_with ("bombs.mbtiles", TRUE, metadata, replacements, G_N_ELEMENTS (replacements));
  }
  source = linli_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  g_signal_connect (source, "notify::problem", G_CALLBACK (count_problem_cb), &problems);
  g_assert_null (linli_mbtiles_source_get_problem (source));

  fetch (source, 1, 2, 3, &f);
  g_assert_error (f.error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_UNSUPPORTED);
  assert_error_names_file (f.error, path);
  g_assert_nonnull (strstr (f.error->message, "40000 × 40000"));
  g_assert_null (f.bytes);
  g_assert_null (f.received);
  g_assert_cmpuint (problems, ==, 1);
  g_assert_cmpstr (linli_mbtiles_source_get_problem (source), ==, f.error->message);
  fetch_clear (&f);

  /* The JPEG, the tile that is not square, the blob too large, and a tile
   * cut from the bomb for a deeper zoom: refused, nothing received, and
   * the problem is not said again. */
  {
    const int cases[][4] = {
      { 6, 3, 3, LINLI_MBTILES_ERROR_UNSUPPORTED }, { 5, 5, 3, LINLI_MBTILES_ERROR_UNSUPPORTED },
      { 2, 1, 2, LINLI_MBTILES_ERROR_UNSUPPORTED }, { 2, 4, 4, LINLI_MBTILES_ERROR_UNSUPPORTED },
      { 9, 17, 6, LINLI_MBTILES_ERROR_UNSUPPORTED },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        fetch (source, cases[i][0], cases[i][1], cases[i][2], &f);
        g_assert_error (f.error, LINLI_MBTILES_ERROR, cases[i][3]);
        assert_error_names_file (f.error, path);
        g_assert_null (f.bytes);
        g_assert_null (f.received);
        fetch_clear (&f);
      }
  }
  g_assert_cmpuint (problems, ==, 1);

  /* Tiles of 256 and 512 pixels are drawn as before. */
  fetch (source, 0, 0, 1, &f);
  g_assert_no_error (f.error);
  g_assert_nonnull (f.received);
  fetch_clear (&f);
  fetch (source, 7, 0, 3, &f);
  g_assert_no_error (f.error);
  g_assert_true (g_bytes_equal (f.received, tile512));
  fetch_clear (&f);

  g_assert_finalize_object (g_steal_pointer (&source));
  g_unlink (path);
}

/* A file whose tiles are all bombs is refused when it is opened, with one
 * message that says what is wrong, and a window keeps its own drawing. */
static void
test_bomb_file_refused (void)
{
  const char *metadata[] = { "name", "Bomb", "format", "png", NULL };
  g_autoptr (GBytes) bomb = bomb_png (40000, 40000);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) replacements = g_ptr_array_new_with_free_func (g_free);

  for (int z = MIN_Z; z <= MAX_Z; z++)
    for (int x = 0; x < (1 << z); x++)
      for (int y = 0; y < (1 << z); y++)
        {
          Replacement *r = g_new (Replacement, 1);

          *r = (Replacement) { x, y, z, bomb };
          g_ptr_array_add (replacements, r);
        }
  {
    g_autofree Replacement *flat = g_new (Replacement, replacements->len);

    for (guint i = 0; i < replacements->len; i++)
      flat[i] = *(Replacement *) g_ptr_array_index (replacements, i);
    path = write_mbtiles_with ("bomb.mbtiles", TRUE, metadata, flat, replacements->len);
  }
  g_assert_null (linli_mbtiles_source_new (path, &error));
  g_assert_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_UNSUPPORTED);
  assert_error_names_file (error, path);
  g_assert_nonnull (strstr (error->message, "40000 × 40000"));
  g_assert_nonnull (strstr (error->message, "256 or 512"));
  g_unlink (path);
}

/* A device, a named pipe or an empty file is no basemap, and is said to be
 * what it is: not "no tiles table", and no wait on the pipe. */
static void
test_not_a_database (void)
{
  g_autofree char *fifo = g_build_filename (tmp_dir, "pipe.mbtiles", NULL);
  g_autofree char *empty = g_build_filename (tmp_dir, "empty.mbtiles", NULL);
  GError *error = NULL;

  g_assert_null (linli_mbtiles_source_new ("/dev/zero", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  assert_error_names_file (error, "/dev/zero");
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (linli_mbtiles_source_new (fifo, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  assert_error_names_file (error, fifo);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_null (linli_mbtiles_source_new (empty, &error));
  g_assert_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_INVALID);
  assert_error_names_file (error, empty);
  g_assert_nonnull (strstr (error->message, "not an SQLite database"));
  g_clear_error (&error);

  g_unlink (fifo);
  g_unlink (empty);
}

/* The sizes read from headers are those gdk-pixbuf decodes, for PNG and
 * JPEG images it writes; any prefix of an image gives the same size or an
 * error, never another size. */
static void
test_image_header (void)
{
  const int sizes[][2] = { { 1, 1 }, { 17, 300 }, { 256, 256 }, { 512, 512 }, { 1000, 3 }, { 256, 512 } };
  const char *types[] = { "png", "jpeg" };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint t = 0; t < G_N_ELEMENTS (types); t++)
      {
        g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, sizes[s][0], sizes[s][1]);
        g_autoptr (GdkPixbuf) decoded = NULL;
        g_autoptr (GInputStream) stream = NULL;
        g_autoptr (GBytes) bytes = NULL;
        g_autoptr (GError) error = NULL;
        g_autofree char *buffer = NULL;
        gsize len = 0;
        guint w = 0, h = 0;

        gdk_pixbuf_fill (pixbuf, 0x336699ff);
        g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, types[t], &error, NULL));
        bytes = g_bytes_new (buffer, len);
        stream = g_memory_input_stream_new_from_bytes (bytes);
        decoded = gdk_pixbuf_new_from_stream (stream, NULL, &error);
        g_assert_no_error (error);

        g_assert_true (linli_image_header_size ((const guint8 *) buffer, len, &w, &h, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (w, ==, gdk_pixbuf_get_width (decoded));
        g_assert_cmpuint (h, ==, gdk_pixbuf_get_height (decoded));

        for (gsize n = 0; n < MIN (len, 1024); n++)
          {
            g_autofree guint8 *prefix = g_memdup2 (buffer, n);
            guint pw = 0, ph = 0;

            if (linli_image_header_size (prefix, n, &pw, &ph, NULL))
              {
                g_assert_cmpuint (pw, ==, w);
                g_assert_cmpuint (ph, ==, h);
              }
          }
      }

  /* The bombs of the tests above, by their headers. */
  {
    g_autoptr (GBytes) png = bomb_png (40000, 30000);
    g_autoptr (GBytes) jpeg = bomb_jpeg (40000, 30000);
    guint w, h;

    g_assert_true (linli_image_header_size (g_bytes_get_data (png, NULL), g_bytes_get_size (png), &w, &h, NULL));
    g_assert_cmpuint (w, ==, 40000);
    g_assert_cmpuint (h, ==, 30000);
    g_assert_true (linli_image_header_size (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), &w, &h, NULL));
    g_assert_cmpuint (w, ==, 40000);
    g_assert_cmpuint (h, ==, 30000);
  }
}

/* Without metadata the zoom range comes from the tiles, the format from
 * the first tile, and the credit from the name or else the file name. */
static void
test_sparse_metadata (void)
{
  const char *osm[] = { "name", "OpenStreetMap Hangzhou", NULL };
  const char *other[] = { "description", "Tiles for a test", NULL };
  g_autofree char *osm_path = write_mbtiles ("osm.mbtiles", TRUE, osm);
  g_autofree char *other_path = write_mbtiles ("other.mbtiles", TRUE, other);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliMbtilesSource) source = NULL;

  source = linli_mbtiles_source_new (osm_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (linli_mbtiles_source_get_format (source), ==, "png");
  g_assert_cmpuint (linli_mbtiles_source_get_min_zoom (source), ==, MIN_Z);
  g_assert_cmpuint (linli_mbtiles_source_get_max_zoom (source), ==, MAX_Z);
  g_assert_null (linli_mbtiles_source_get_attribution (source));
  g_assert_cmpstr (linli_mbtiles_source_get_attribution_text (source), ==, "© OpenStreetMap contributors");
  g_assert_false (linli_mbtiles_source_get_bounds (source, NULL, NULL, NULL, NULL));
  g_assert_finalize_object (g_steal_pointer (&source));

  source = linli_mbtiles_source_new (other_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (linli_mbtiles_source_get_name (source), ==, "other.mbtiles");
  g_assert_cmpstr (linli_mbtiles_source_get_attribution_text (source), ==, "other.mbtiles");
  g_assert_null (linli_mbtiles_source_get_attribution_uri (source));
  g_assert_finalize_object (g_steal_pointer (&source));

  g_unlink (osm_path);
  g_unlink (other_path);
}

static void
test_html_to_text (void)
{
  const struct
  {
    const char *html;
    const char *text;
    const char *link;
  } cases[] = {
    { "© OpenStreetMap contributors", "© OpenStreetMap contributors", NULL },
    { "<a href=\"https://www.openstreetmap.org/copyright\" target=\"_blank\">&copy; OpenStreetMap contributors</a>",
      "© OpenStreetMap contributors", "https://www.openstreetmap.org/copyright" },
    { "<A HREF='https://a.example/X'>A</A> | <a href=\"https://b.example\">B</a>", "A | B", "https://a.example/X" },
    { "Open<b>Street</b>Map<br>line&nbsp;two", "OpenStreetMap line two", NULL },
    { "  spaced \n\t out  ", "spaced out", NULL },
    { "&#169; &#xA9; &unknown; & alone", "© © &unknown; & alone", NULL },
    { "cut <a href=\"x", "cut", NULL },
    { "", "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *link = NULL;
      g_autofree char *text = linli_mbtiles_html_to_text (cases[i].html, &link);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (link, ==, cases[i].link);
    }
  g_assert_null (linli_mbtiles_html_to_text (NULL, NULL));
}

/* Tests: settings */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_settings_round_trip (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "config", "linli", NULL);
  g_autofree char *path = g_build_filename (dir, "settings.ini", NULL);
  g_autoptr (LinliSettings) settings = linli_settings_new_for_path (path);
  g_autoptr (LinliSettings) again = NULL;
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *odd_path = g_build_filename (tmp_dir, "no-utf8-\xff.mbtiles", NULL);
  const char *chinese = "/地图 文件/杭州.mbtiles";
  guint notifies = 0;

  /* No file yet: the defaults, and no error. */
  g_assert_true (linli_settings_load (settings, &error));
  g_assert_no_error (error);
  g_assert_cmpint (linli_settings_get_basemap (settings), ==, LINLI_BASEMAP_OWN);
  g_assert_null (linli_settings_get_mbtiles_file (settings));
  g_assert_null (linli_settings_get_basemap_file (settings));

  /* Properties notify on real changes only. */
  g_signal_connect (settings, "notify", G_CALLBACK (count_notify_cb), &notifies);
  linli_settings_set_mbtiles_file (settings, chinese);
  linli_settings_set_mbtiles_file (settings, chinese);
  linli_settings_set_basemap (settings, LINLI_BASEMAP_MBTILES);
  linli_settings_set_basemap (settings, LINLI_BASEMAP_MBTILES);
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_cmpstr (linli_settings_get_basemap_file (settings), ==, chinese);

  /* Saved (making the folder), loaded into fresh settings: the same. */
  g_assert_true (linli_settings_save (settings, &error));
  g_assert_no_error (error);
  again = linli_settings_new_for_path (path);
  g_assert_true (linli_settings_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (linli_settings_get_basemap (again), ==, LINLI_BASEMAP_MBTILES);
  g_assert_cmpstr (linli_settings_get_mbtiles_file (again), ==, chinese);

  /* Own drawing remembers the file; keys of other versions survive; a
   * path that is not UTF-8 comes back byte for byte. */
  g_assert_true (g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error));
  g_key_file_set_string (key_file, "Future", "Key", "kept");
  g_assert_true (g_key_file_save_to_file (key_file, path, &error));
  g_assert_true (linli_settings_load (again, &error));
  linli_settings_set_basemap (again, LINLI_BASEMAP_OWN);
  linli_settings_set_mbtiles_file (again, odd_path);
  g_assert_true (linli_settings_save (again, &error));
  g_assert_no_error (error);
  g_assert_true (linli_settings_load (settings, &error));
  g_assert_cmpint (linli_settings_get_basemap (settings), ==, LINLI_BASEMAP_OWN);
  g_assert_cmpstr (linli_settings_get_mbtiles_file (settings), ==, odd_path);
  g_assert_null (linli_settings_get_basemap_file (settings));
  g_clear_pointer (&key_file, g_key_file_unref);
  key_file = g_key_file_new ();
  g_assert_true (g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error));
  {
    g_autofree char *kept = g_key_file_get_value (key_file, "Future", "Key", NULL);
    g_assert_cmpstr (kept, ==, "kept");
  }

  /* A damaged file is an error that names it, and the defaults apply. */
  g_assert_true (g_file_set_contents (path, "[Basemap\nKind=mbtiles\n", -1, NULL));
  g_assert_false (linli_settings_load (again, &error));
  g_assert_nonnull (error);
  assert_error_names_file (error, path);
  g_assert_cmpint (linli_settings_get_basemap (again), ==, LINLI_BASEMAP_OWN);
  g_clear_error (&error);

  /* A save that fails (the file's name is taken by a folder) names the
   * file, never a temporary file beside it, and leaves none. */
  {
    g_autofree char *parent = g_build_filename (tmp_dir, "blocked", NULL);
    g_autofree char *blocked = g_build_filename (parent, "settings.ini", NULL);
    g_autoptr (LinliSettings) stuck = linli_settings_new_for_path (blocked);
    g_autoptr (GDir) d = NULL;

    g_assert_cmpint (g_mkdir_with_parents (blocked, 0700), ==, 0);
    g_assert_false (linli_settings_save (stuck, &error));
    assert_error_names_file (error, blocked);
    g_assert_null (strstr (error->message, "settings.ini."));
    g_clear_error (&error);
    d = g_dir_open (parent, 0, NULL);
    g_assert_cmpstr (g_dir_read_name (d), ==, "settings.ini");
    g_assert_null (g_dir_read_name (d));
    g_rmdir (blocked);
    g_rmdir (parent);
    g_assert_finalize_object (g_steal_pointer (&stuck));
  }

  g_unlink (path);
  g_rmdir (dir);
  {
    g_autofree char *parent = g_path_get_dirname (dir);
    g_rmdir (parent);
  }
  g_assert_finalize_object (g_steal_pointer (&again));
}

/* Tests: a window */

typedef struct
{
  int      x, y, z;
  gboolean got;
} Waiting;

static void
on_window_tile_cb (ShumateDataSource *source,
                   int                x,
                   int                y,
                   int                z,
                   GBytes            *bytes,
                   Waiting           *w)
{
  w->got |= x == w->x && y == w->y && z == w->z;
}

/* Renders the map as the PNG export does, and reads the pixel at the
 * given place. */
static guint32
map_pixel_at (LinliWindow *window,
              double       lat,
              double       lon)
{
  g_autofree char *png = g_build_filename (tmp_dir, "map.png", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  double x, y;
  int w, h;

  g_assert_true (linli_window_save_png (window, TRUE, png, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, pixels, w * 4);
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (window->map), GTK_WIDGET (window->map),
                                              lat, lon, &x, &y);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (x, <, w);
  g_assert_cmpfloat (y, <, h);
  g_unlink (png);
  return linli_test_pixel_at (texture, pixels, (int) round (x), (int) round (y));
}

static LinliWindow *
open_sample_window (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "sample.linli", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (sample);
  g_autoptr (GError) error = NULL;
  LinliWindow *window = g_object_ref_sink (linli_window_new (NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  g_assert_true (linli_window_open_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window->map)))
    g_main_context_iteration (NULL, TRUE);
  return window;
}

static void
close_window (LinliWindow *window)
{
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

/* Through the preferences, as a person would: a bad file is refused with
 * its reason and changes nothing; a good one shows its tiles under the
 * district in every open window, with the credit; own drawing takes them
 * away again, and choosing the file's radio button brings them back. */
static void
test_window_basemap (void)
{
  g_autofree char *path = write_raster ();
  g_autofree char *garbage = g_build_filename (tmp_dir, "garbage.mbtiles", NULL);
  g_autoptr (GFile) garbage_file = g_file_new_for_path (garbage);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (LinliPreferences) prefs = NULL;
  g_autofree char *saved = NULL;
  LinliSettings *settings = linli_settings_get_default ();
  LinliWindow *window = open_sample_window ();
  LinliWindow *second = open_sample_window ();
  ShumateViewport *viewport = shumate_map_get_viewport (window->map);
  /* Tile 1/2 at zoom 3, over North America: nowhere near the district. */
  Waiting waiting = { 1, 2, 3, FALSE };
  double lon = (waiting.x + 0.5) / 8 * 360 - 180;
  double lat = atan (sinh (G_PI * (1 - 2 * (waiting.y + 0.5) / 8))) * 180 / G_PI;
  guint32 own_colour;

  g_assert_null (window->basemap);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->attribution)));
  shumate_viewport_set_zoom_level (viewport, 3);
  shumate_map_center_on (window->map, lat, lon);
  linli_test_wait_ms (100);
  own_colour = map_pixel_at (window, lat, lon);
  g_assert_true (linli_test_colour_near (own_colour, LINLI_COLOR_STREET));

  prefs = g_object_ref_sink (linli_preferences_new (settings));
  g_assert_cmpstr (linli_preferences_get_basemap (prefs), ==, "own");
  g_assert_null (linli_preferences_get_error (prefs));

  /* A file that is no MBTiles file: refused, with the reason shown. */
  g_assert_true (g_file_set_contents (garbage, "not a database, but long enough to look like a header to SQLite.\n",
                                      -1, NULL));
  g_assert_false (linli_preferences_choose_mbtiles (prefs, garbage_file));
  g_assert_nonnull (linli_preferences_get_error (prefs));
  g_assert_nonnull (strstr (linli_preferences_get_error (prefs), garbage));
  g_assert_cmpint (linli_settings_get_basemap (settings), ==, LINLI_BASEMAP_OWN);
  g_assert_null (window->basemap);

  /* The test file: every window follows at once, and the choice is saved. */
  g_assert_true (linli_preferences_choose_mbtiles (prefs, file));
  g_assert_null (linli_preferences_get_error (prefs));
  g_assert_cmpstr (linli_preferences_get_basemap (prefs), ==, "mbtiles");
  g_assert_nonnull (window->basemap);
  g_assert_nonnull (second->basemap);
  g_assert_cmpstr (linli_mbtiles_source_get_path (second->basemap), ==, path);
  g_assert_nonnull (window->tile_layer);
  g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (window->tile_layer)) == GTK_WIDGET (window->layer));
  g_assert_false (linli_map_layer_get_draw_background (window->layer));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->attribution)));
  g_assert_cmpstr (gtk_label_get_text (window->attribution), ==, "© Test Tiles & friends");
  g_assert_true (g_file_get_contents (linli_settings_get_path (settings), &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "Kind=mbtiles"));
  g_assert_nonnull (strstr (saved, path));

  /* The tile under the chosen place arrives and is drawn there. */
  g_signal_connect (window->basemap, "received-data", G_CALLBACK (on_window_tile_cb), &waiting);
  for (int i = 0; i < 500 && !waiting.got; i++)
    linli_test_wait_ms (10);
  g_assert_true (waiting.got);
  linli_test_wait_ms (100);
  g_assert_true (linli_test_colour_near (map_pixel_at (window, lat, lon), tile_rgb (1, 2, 3)));

  /* Linli's own drawing again: the tile's colour is gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.basemap", "s", "own"));
  g_assert_cmpint (linli_settings_get_basemap (settings), ==, LINLI_BASEMAP_OWN);
  g_assert_null (window->basemap);
  g_assert_null (second->basemap);
  g_assert_null (window->tile_layer);
  g_assert_true (linli_map_layer_get_draw_background (window->layer));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->attribution)));
  linli_test_wait_ms (100);
  {
    guint32 pixel = map_pixel_at (window, lat, lon);

    g_assert_false (linli_test_colour_near (pixel, tile_rgb (1, 2, 3)));
    g_assert_true (linli_test_colour_near (pixel, LINLI_COLOR_STREET));
  }

  /* The MBTiles radio button takes the remembered file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.basemap", "s", "mbtiles"));
  g_assert_nonnull (window->basemap);
  g_assert_cmpstr (linli_mbtiles_source_get_path (window->basemap), ==, path);

  /* A window opened now starts with it too. */
  {
    LinliWindow *third = open_sample_window ();

    g_assert_nonnull (third->basemap);
    close_window (third);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.basemap", "s", "own"));
  g_assert_null (window->basemap);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_finalize_object (g_steal_pointer (&prefs));
  close_window (window);
  close_window (second);
  g_unlink (linli_settings_get_path (settings));
  g_unlink (garbage);
  g_unlink (path);
}

/* A window whose remembered basemap has gone keeps Linli's own drawing. */
static void
test_window_missing_basemap (void)
{
  g_autofree char *missing = g_build_filename (tmp_dir, "gone.mbtiles", NULL);
  g_autoptr (GError) error = NULL;
  LinliSettings *settings = linli_settings_get_default ();
  LinliWindow *window = open_sample_window ();

  g_assert_false (linli_window_set_basemap_file (window, missing, &error));
  assert_error_names_file (error, missing);
  g_assert_null (window->basemap);
  g_assert_true (linli_map_layer_get_draw_background (window->layer));

  /* Through the settings: the window stays as it was, and says so. */
  linli_settings_set_mbtiles_file (settings, missing);
  linli_settings_set_basemap (settings, LINLI_BASEMAP_MBTILES);
  g_assert_null (window->basemap);
  g_assert_true (linli_map_layer_get_draw_background (window->layer));
  linli_settings_set_basemap (settings, LINLI_BASEMAP_OWN);
  linli_settings_set_mbtiles_file (settings, NULL);
  close_window (window);
}

static void
skip_no_display (void)
{
  g_test_skip ("no display (run under xvfb-run)");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *config = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("linli-mbtiles-XXXXXX", &error);
  g_assert_no_error (error);
  /* The settings the windows follow live here, not in the build tree. */
  config = g_build_filename (tmp_dir, "config-home", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  g_test_add_func ("/mbtiles/metadata", test_metadata);
  g_test_add_func ("/mbtiles/tiles", test_tiles);
  g_test_add_func ("/mbtiles/overzoom", test_overzoom);
  g_test_add_func ("/mbtiles/errors", test_errors);
  g_test_add_func ("/mbtiles/tile-size-refused", test_tile_size_refused);
  g_test_add_func ("/mbtiles/bomb-file-refused", test_bomb_file_refused);
  g_test_add_func ("/mbtiles/not-a-database", test_not_a_database);
  g_test_add_func ("/mbtiles/image-header", test_image_header);
  g_test_add_func ("/mbtiles/sparse-metadata", test_sparse_metadata);
  g_test_add_func ("/mbtiles/html-to-text", test_html_to_text);
  g_test_add_func ("/settings/round-trip", test_settings_round_trip);
  if (gtk_init_check ())
    {
      adw_init ();
      g_test_add_func ("/mbtiles/window-basemap", test_window_basemap);
      g_test_add_func ("/mbtiles/window-missing-basemap", test_window_missing_basemap);
    }
  else
    {
      g_test_add_func ("/mbtiles/window-basemap", skip_no_display);
    }

  status = g_test_run ();

  {
    g_autofree char *linli_config = g_build_filename (config, "linli", NULL);

    g_rmdir (linli_config);
    g_rmdir (config);
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}
