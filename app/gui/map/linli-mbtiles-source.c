/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-mbtiles"

#include "config.h"

#include "linli-mbtiles-source.h"

#include "linli-file.h"
#include "linli-image-header.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include "linli-number.h"
#include "linli-sqlite.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* A raster basemap read from an MBTiles file: an SQLite database with a
 * `metadata` table of name/value pairs and a `tiles` table (or view) of
 * PNG or JPEG images keyed by zoom_level, tile_column and tile_row, where
 * rows count from the south (TMS), unlike the tiles libshumate asks for.
 *
 * Tiles are read in a GTask thread.  The connection is opened without
 * SQLite's own locking, so one mutex guards it and its prepared statement.
 * Past the file's deepest zoom level the tile of the deepest level is cut
 * and scaled up, since libshumate 1.0 asks for tiles at the viewport's zoom
 * whatever the source's maximum is.
 *
 * A tile is handed on only after its size was read from its header bytes:
 * a few kilobytes of PNG can claim 40,000 × 40,000 pixels, which the
 * renderer would decode into gigabytes.  Tiles of any size but 256 or 512
 * pixels, and blobs larger than such a tile can need, are refused; the
 * first refusal becomes the source's #LinliMbtilesSource:problem, so the
 * map says so once rather than for every tile.
 */

G_DEFINE_QUARK (linli-mbtiles-error-quark, linli_mbtiles_error)

#define TILE_SIZE    256
/* A 512-pixel tile of 16-bit RGBA is 2 MiB raw; no compressed tile needs more. */
#define MAX_TILE_BYTES (4 << 20)
#define MAX_ZOOM     30
#define OSM_CREDIT   "© OpenStreetMap contributors"
#define OSM_CREDIT_URI "https://www.openstreetmap.org/copyright"

struct _LinliMbtilesSource
{
  ShumateDataSource  parent_instance;

  char              *path;
  sqlite3           *db;
  sqlite3_stmt      *select_tile;      /* guarded by lock */
  GMutex             lock;

  char              *name;
  char              *format;
  char              *attribution;      /* as the metadata has it, maybe HTML */
  char              *attribution_text;
  char              *attribution_uri;
  guint              min_zoom;
  guint              max_zoom;
  gboolean           has_bounds;
  double             bounds[4];        /* west, south, east, north */
  guint              n_pending;
  char              *problem;          /* the first tile refused, said once */
};

static void linli_mbtiles_source_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LinliMbtilesSource, linli_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, linli_mbtiles_source_initable_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  PROP_PROBLEM,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  int x;
  int y;
  int z;
} TileRequest;

/* Auxiliary methods */

static void
append_entity (GString    *out,
               const char *entity,
               gsize       len)
{
  static const struct
  {
    const char *name;
    const char *text;
  } named[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "copy", "©" }, { "reg", "®" }, { "mdash", "—" }, { "ndash", "–" },
  };

  if (len > 1 && entity[0] == '#')
    {
      gboolean hex = entity[1] == 'x' || entity[1] == 'X';
      g_autofree char *digits = g_strndup (entity + (hex ? 2 : 1), len - (hex ? 2 : 1));
      char *end = NULL;
      guint64 c = g_ascii_strtoull (digits, &end, hex ? 16 : 10);

      if (*digits != '\0' && end != NULL && *end == '\0' && c > 0 && c <= 0x10ffff &&
          g_unichar_validate ((gunichar) c))
        {
          g_string_append_unichar (out, (gunichar) c);
          return;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (strlen (named[i].name) == len && strncmp (named[i].name, entity, len) == 0)
      {
        g_string_append (out, named[i].text);
        return;
      }
  /* Not an entity we know: keep it as written. */
  g_string_append_c (out, '&');
  g_string_append_len (out, entity, len);
  g_string_append_c (out, ';');
}

/* Pulls the value of href out of the inside of an <a …> tag. */
static char *
tag_href (const char *tag,
          gsize       len)
{
  g_autofree char *lower = g_ascii_strdown (tag, len);
  const char *href = strstr (lower, "href");
  const char *p;
  char quote;
  const char *end;

  if (href == NULL)
    return NULL;
  p = href + 4;
  while (*p == ' ')
    p++;
  if (*p++ != '=')
    return NULL;
  while (*p == ' ')
    p++;
  quote = *p;
  if (quote != '"' && quote != '\'')
    return NULL;
  end = strchr (p + 1, quote);
  if (end == NULL)
    return NULL;
  /* Same offsets in the original, which keeps the address's case. */
  return g_strndup (tag + (p + 1 - lower), end - p - 1);
}

static char *
metadata_lookup (GHashTable *metadata,
                 const char *key)
{
  const char *value = g_hash_table_lookup (metadata, key);
  g_autofree char *stripped = NULL;

  if (value == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (value));
  return *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
}

static gboolean
parse_zoom (const char *text,
            guint      *zoom)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, MAX_ZOOM, &value, NULL))
    return FALSE;
  *zoom = (guint) value;
  return TRUE;
}

static gboolean
parse_bounds (const char *text,
              double     *bounds)
{
  g_auto (GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (linli_number_parse_double (parts[i], LINLI_NUMBER_ALLOW_SPACE, -INFINITY, INFINITY,
                                   &bounds[i]) != LINLI_NUMBER_OK)
      return FALSE;
  return bounds[0] < bounds[2] && bounds[1] < bounds[3];
}

/* Refuses a tile before any decoder sees it: larger than a tile can be,
 * not a PNG or JPEG image, or not 256 or 512 pixels square by its header.
 * @data may be NULL when the blob was too large to be read at all. */
static gboolean
check_tile (const char    *path,
            int            x,
            int            y,
            int            z,
            const guint8  *data,
            gint64         length,
            GError       **error)
{
  g_autoptr (GError) header_error = NULL;
  g_autofree char *display = NULL;
  guint width, height;

  if (data != NULL && length <= MAX_TILE_BYTES &&
      linli_image_header_size (data, (gsize) length, &width, &height, &header_error) &&
      width == height && (width == 256 || width == 512))
    return TRUE;

  display = g_filename_display_name (path);
  if (data == NULL || length > MAX_TILE_BYTES)
    {
      g_autofree char *size = g_format_size ((guint64) length);

      g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_UNSUPPORTED,
                   _("“%s”: tile %d/%d/%d holds %s, more than a map tile needs; it is not drawn"),
                   display, z, x, y, size);
    }
  else if (header_error != NULL)
    g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_INVALID,
                 _("“%s”: tile %d/%d/%d is not a PNG or JPEG image (%s); it is not drawn"),
                 display, z, x, y, header_error->message);
  else
    g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_UNSUPPORTED,
                 _("“%s”: tile %d/%d/%d is %u × %u pixels; Linli draws tiles of 256 or 512 pixels only"),
                 display, z, x, y, width, height);
  return FALSE;
}

/* The first tile of the file, checked as every tile will be: a file made
 * of tiles Linli refuses is refused as a whole, with one message. */
static gboolean
check_first_tile (LinliMbtilesSource  *self,
                  GError             **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  const guint8 *data;
  int z, x, y;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT zoom_level, tile_column, tile_row, length(tile_data), "
                          "CASE WHEN length(tile_data) <= ?1 THEN tile_data END FROM tiles LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return TRUE;
  sqlite3_bind_int (stmt, 1, MAX_TILE_BYTES);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  z = sqlite3_column_int (stmt, 0);
  x = sqlite3_column_int (stmt, 1);
  y = sqlite3_column_int (stmt, 2);
  if (z >= 0 && z <= MAX_ZOOM)
    y = (1 << z) - 1 - y;
  data = sqlite3_column_blob (stmt, 4);
  /* An empty tile is only missing, as when it is asked for. */
  if (data == NULL && sqlite3_column_int64 (stmt, 3) <= 0)
    return TRUE;
  return check_tile (self->path, x, y, z, data,
                     data != NULL ? sqlite3_column_bytes (stmt, 4) : sqlite3_column_int64 (stmt, 3), error);
}

/* Guesses the format from the first tile, for files whose metadata does
 * not say. */
static char *
sniff_format (sqlite3 *db)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  const guchar *data;
  int n;

  /* The first bytes are enough, whatever the size of the blob. */
  if (sqlite3_prepare_v2 (db, "SELECT substr(tile_data, 1, 16) FROM tiles LIMIT 1", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  data = sqlite3_column_blob (stmt, 0);
  n = sqlite3_column_bytes (stmt, 0);
  if (data == NULL)
    return NULL;
  if (n >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return g_strdup ("png");
  if (n >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return g_strdup ("jpg");
  if (n >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return g_strdup ("webp");
  /* Vector tiles are gzipped protocol buffers. */
  if (n >= 2 && data[0] == 0x1f && data[1] == 0x8b)
    return g_strdup ("pbf");
  return NULL;
}

static gboolean
read_metadata (LinliMbtilesSource  *self,
               const char          *display,
               GError             **error)
{
  g_autoptr (GHashTable) metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *format = NULL;
  g_autofree char *first_link = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean has_min, has_max;
  int rc;

  /* The metadata table is required by the specification, but tiles alone
   * are still worth showing. */
  if ((stmt = linli_sqlite_prepare (self->db, "SELECT name, value FROM metadata", NULL)) != NULL)
    {
      while ((rc = linli_sqlite_step (stmt, &local_error)) == SQLITE_ROW)
        {
          const char *key = (const char *) sqlite3_column_text (stmt, 0);
          const char *value = (const char *) sqlite3_column_text (stmt, 1);

          if (key != NULL && value != NULL && g_utf8_validate (value, -1, NULL))
            g_hash_table_replace (metadata, g_ascii_strdown (key, -1), g_strdup (value));
        }
      if (rc != SQLITE_DONE)
        {
          g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_INVALID,
                       _("Could not read the metadata of “%s”: %s"), display, local_error->message);
          return FALSE;
        }
    }

  format = metadata_lookup (metadata, "format");
  if (format == NULL)
    format = sniff_format (self->db);
  if (format != NULL)
    {
      char *lower = g_ascii_strdown (format, -1);

      g_free (format);
      format = g_str_equal (lower, "jpeg") ? g_strdup ("jpg") : g_strdup (lower);
      g_free (lower);
    }
  if (format == NULL)
    {
      g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_INVALID,
                   _("“%s” holds no tiles whose format Linli recognises"), display);
      return FALSE;
    }
  if (g_str_equal (format, "pbf") || g_str_equal (format, "mvt"))
    {
      g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_UNSUPPORTED,
                   _("“%s” holds vector tiles, which are not supported: choose an MBTiles file of "
                     "PNG or JPEG images"), display);
      return FALSE;
    }
  if (!g_str_equal (format, "png") && !g_str_equal (format, "jpg"))
    {
      g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_UNSUPPORTED,
                   _("“%s” holds tiles in the format “%s”; Linli draws PNG and JPEG tiles only"),
                   display, format);
      return FALSE;
    }
  self->format = g_steal_pointer (&format);

  {
    g_autofree char *min_text = metadata_lookup (metadata, "minzoom");
    g_autofree char *max_text = metadata_lookup (metadata, "maxzoom");

    has_min = parse_zoom (min_text, &self->min_zoom);
    has_max = parse_zoom (max_text, &self->max_zoom);
  }
  if (!has_min || !has_max)
    {
      g_autoptr (sqlite3_stmt) range = NULL;

      g_clear_error (&local_error);
      range = linli_sqlite_prepare (self->db, "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles",
                                    &local_error);
      if (range == NULL || linli_sqlite_step (range, &local_error) != SQLITE_ROW)
        {
          g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_INVALID,
                       _("Could not read the tiles of “%s”: %s"), display,
                       local_error != NULL ? local_error->message : _("no result"));
          return FALSE;
        }
      if (sqlite3_column_type (range, 0) == SQLITE_NULL)
        {
          g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_INVALID,
                       _("“%s” holds no tiles"), display);
          return FALSE;
        }
      if (!has_min)
        self->min_zoom = (guint) CLAMP (sqlite3_column_int (range, 0), 0, MAX_ZOOM);
      if (!has_max)
        self->max_zoom = (guint) CLAMP (sqlite3_column_int (range, 1), 0, MAX_ZOOM);
    }
  if (self->min_zoom > self->max_zoom)
    {
      guint swap = self->min_zoom;

      self->min_zoom = self->max_zoom;
      self->max_zoom = swap;
    }

  {
    g_autofree char *bounds = metadata_lookup (metadata, "bounds");

    self->has_bounds = parse_bounds (bounds, self->bounds);
  }
  self->name = metadata_lookup (metadata, "name");
  if (self->name == NULL)
    self->name = g_path_get_basename (self->path);
  self->attribution = metadata_lookup (metadata, "attribution");

  /* What the map shows as its credit: the file's own attribution, or the
   * credit OpenStreetMap asks for when the file is named after it but says
   * nothing, or else at least which file it is. */
  self->attribution_text = linli_mbtiles_html_to_text (self->attribution, &first_link);
  if (first_link != NULL && (g_str_has_prefix (first_link, "https://") || g_str_has_prefix (first_link, "http://")))
    self->attribution_uri = g_steal_pointer (&first_link);
  if (self->attribution_text == NULL || *self->attribution_text == '\0')
    {
      g_autofree char *lower_name = g_utf8_strdown (self->name, -1);
      g_autofree char *description = metadata_lookup (metadata, "description");
      g_autofree char *lower_description = description ? g_utf8_strdown (description, -1) : NULL;

      g_free (self->attribution_text);
      if (strstr (lower_name, "openstreetmap") != NULL ||
          (lower_description != NULL && strstr (lower_description, "openstreetmap") != NULL))
        {
          self->attribution_text = g_strdup (OSM_CREDIT);
          g_free (self->attribution_uri);
          self->attribution_uri = g_strdup (OSM_CREDIT_URI);
        }
      else
        {
          g_autofree char *basename = g_path_get_basename (self->path);

          self->attribution_text = g_filename_display_name (basename);
        }
    }
  return TRUE;
}

static gboolean
check_sqlite_header (const char  *path,
                     const char  *display,
                     GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char head[16];
  gssize n = -1;
  int fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      do
        n = read (fd, head, sizeof head);
      while (n < 0 && errno == EINTR);
      close (fd);
    }
  if (n < 0)
    {
      int saved = errno;

      g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_FAILED, _("Could not open “%s”: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  if (n < (gssize) sizeof head || memcmp (head, magic, sizeof head) != 0)
    {
      g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_INVALID,
                   _("“%s” is not an MBTiles file: it is not an SQLite database"), display);
      return FALSE;
    }
  return TRUE;
}

/* Reads one stored tile; the caller holds the lock. */
static GBytes *
read_stored_tile (LinliMbtilesSource  *self,
                  int                  x,
                  int                  y,
                  int                  z,
                  GError             **error)
{
  gint64 n = (gint64) 1 << z;
  GBytes *bytes = NULL;
  int rc;

  sqlite3_reset (self->select_tile);
  sqlite3_bind_int (self->select_tile, 1, z);
  sqlite3_bind_int64 (self->select_tile, 2, x);
  sqlite3_bind_int64 (self->select_tile, 3, n - 1 - y);
  sqlite3_bind_int (self->select_tile, 4, MAX_TILE_BYTES);
  rc = sqlite3_step (self->select_tile);
  if (rc == SQLITE_ROW)
    {
      /* The blob itself is read only when it is small enough (length()
       * counts the characters of a text value: its bytes are the size). */
      const void *data = sqlite3_column_blob (self->select_tile, 1);
      gint64 len = data != NULL ? sqlite3_column_bytes (self->select_tile, 1)
                                : sqlite3_column_int64 (self->select_tile, 0);

      if (len <= 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Tile %d/%d/%d is empty"), z, x, y);
      else if (check_tile (self->path, x, y, z, data, len, error))
        bytes = g_bytes_new (data, (gsize) len);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No tile %d/%d/%d"), z, x, y);
  else
    g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_FAILED, _("Could not read tile %d/%d/%d: %s"),
                 z, x, y, sqlite3_errmsg (self->db));
  sqlite3_reset (self->select_tile);
  return bytes;
}

/* Cuts the part of an ancestor tile that (x, y) covers, dz levels deeper,
 * and scales it up to a whole tile. */
static GBytes *
overzoom (GBytes  *ancestor,
          int      x,
          int      y,
          int      dz,
          GError **error)
{
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (ancestor);
  g_autoptr (GdkPixbuf) src = gdk_pixbuf_new_from_stream (stream, NULL, error);
  g_autoptr (GdkPixbuf) dest = NULL;
  gint64 n = (gint64) 1 << dz;
  double scale_x, scale_y;
  char *buffer = NULL;
  gsize len = 0;

  if (src == NULL)
    return NULL;
  scale_x = (double) TILE_SIZE * n / gdk_pixbuf_get_width (src);
  scale_y = (double) TILE_SIZE * n / gdk_pixbuf_get_height (src);
  dest = gdk_pixbuf_new (GDK_COLORSPACE_RGB, gdk_pixbuf_get_has_alpha (src), 8, TILE_SIZE, TILE_SIZE);
  gdk_pixbuf_scale (src, dest, 0, 0, TILE_SIZE, TILE_SIZE,
                    -(double) (x % n) * TILE_SIZE, -(double) (y % n) * TILE_SIZE,
                    scale_x, scale_y, GDK_INTERP_BILINEAR);
  if (!gdk_pixbuf_save_to_buffer (dest, &buffer, &len, "png", error, "compression", "1", NULL))
    return NULL;
  return g_bytes_new_take (buffer, len);
}

static GBytes *
read_tile (LinliMbtilesSource  *self,
           int                  x,
           int                  y,
           int                  z,
           GError             **error)
{
  g_autoptr (GBytes) ancestor = NULL;
  int dz;

  if (z < 0 || z > MAX_ZOOM || x < 0 || y < 0 || x >= (1 << z) || y >= (1 << z) ||
      (guint) z < self->min_zoom)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No tile %d/%d/%d"), z, x, y);
      return NULL;
    }
  if ((guint) z <= self->max_zoom)
    {
      GBytes *bytes;

      g_mutex_lock (&self->lock);
      bytes = read_stored_tile (self, x, y, z, error);
      g_mutex_unlock (&self->lock);
      return bytes;
    }

  dz = z - (int) self->max_zoom;
  g_mutex_lock (&self->lock);
  ancestor = read_stored_tile (self, x >> dz, y >> dz, (int) self->max_zoom, error);
  g_mutex_unlock (&self->lock);
  if (ancestor == NULL)
    return NULL;
  return overzoom (ancestor, x, y, dz, error);
}

/* Callbacks */

static void
read_tile_thread_cb (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  LinliMbtilesSource *self = source_object;
  TileRequest *request = task_data;
  GError *error = NULL;
  GBytes *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;
  bytes = read_tile (self, request->x, request->y, request->z, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/* Back in the main thread with the tile's bytes. */
static void
on_tile_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LinliMbtilesSource *self = LINLI_MBTILES_SOURCE (object);
  g_autoptr (GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (task);
  g_autoptr (GBytes) bytes = NULL;
  GError *error = NULL;

  self->n_pending--;
  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      if (self->problem == NULL && error->domain == LINLI_MBTILES_ERROR &&
          (error->code == LINLI_MBTILES_ERROR_UNSUPPORTED || error->code == LINLI_MBTILES_ERROR_INVALID))
        {
          self->problem = g_strdup (error->message);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
        }
      g_task_return_error (task, error);
      return;
    }
  /* ShumateRasterRenderer draws only the bytes it hears of through
   * received-data, matched to the tiles it still waits for, and it stops
   * waiting when the task completes: so the signal comes first. */
  g_signal_emit_by_name (self, "received-data", request->x, request->y, request->z, bytes);
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

/* ShumateDataSource overrides */

static void
linli_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                          int                  x,
                                          int                  y,
                                          int                  zoom_level,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  LinliMbtilesSource *self = LINLI_MBTILES_SOURCE (source);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GTask) read = NULL;
  TileRequest *request = g_new (TileRequest, 1);

  g_task_set_source_tag (task, linli_mbtiles_source_get_tile_data_async);
  request->x = x;
  request->y = y;
  request->z = zoom_level;
  g_task_set_task_data (task, request, g_free);

  read = g_task_new (self, cancellable, on_tile_read_cb, g_steal_pointer (&task));
  g_task_set_source_tag (read, read_tile_thread_cb);
  g_task_set_task_data (read, g_memdup2 (request, sizeof *request), g_free);
  self->n_pending++;
  g_task_run_in_thread (read, read_tile_thread_cb);
}

static GBytes *
linli_mbtiles_source_get_tile_data_finish (ShumateDataSource  *source,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GInitable */

static gboolean
linli_mbtiles_source_initable_init (GInitable     *initable,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  LinliMbtilesSource *self = LINLI_MBTILES_SOURCE (initable);
  g_autofree char *display = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GError) local_error = NULL;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (self->path != NULL, FALSE);

  display = g_filename_display_name (self->path);
  /* Not a folder, a device or a named pipe, which SQLite would read or
   * wait on; and an SQLite database by its first bytes, or SQLite takes
   * an empty file or /dev/zero for an empty database. */
  if (!linli_file_check_regular (self->path, error) || !check_sqlite_header (self->path, display, error))
    return FALSE;

  /* Opening reads the header: that tells a database from any other file. */
  self->db = linli_sqlite_open (self->path, LINLI_SQLITE_OPEN_READ_ONLY, &local_error);
  if (g_error_matches (local_error, LINLI_SQLITE_ERROR, LINLI_SQLITE_ERROR_NOT_A_DATABASE))
    {
      g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_INVALID,
                   _("“%s” is not an MBTiles file: it is not an SQLite database"), display);
      return FALSE;
    }
  if (self->db == NULL)
    {
      g_set_error_literal (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_FAILED,
                           local_error->message);
      return FALSE;
    }

  stmt = linli_sqlite_prepare (self->db,
                               "SELECT 1 FROM sqlite_master WHERE name = 'tiles' AND type IN ('table', 'view')",
                               &local_error);
  if (stmt != NULL)
    rc = linli_sqlite_step (stmt, &local_error);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_INVALID,
                   _("“%s” is not an MBTiles file: it has no tiles table"), display);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_INVALID,
                   _("“%s” is not an MBTiles file: %s"), display, local_error->message);
      return FALSE;
    }

  if (!read_metadata (self, display, error) || !check_first_tile (self, error))
    return FALSE;

  self->select_tile = linli_sqlite_prepare (self->db,
                                            "SELECT length(tile_data), CASE WHEN length(tile_data) <= ?4 "
                                            "THEN tile_data END FROM tiles "
                                            "WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                                            &local_error);
  if (self->select_tile == NULL)
    {
      g_set_error (error, LINLI_MBTILES_ERROR, LINLI_MBTILES_ERROR_INVALID,
                   _("“%s” is not an MBTiles file: %s"), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
linli_mbtiles_source_initable_iface_init (GInitableIface *iface)
{
  iface->init = linli_mbtiles_source_initable_init;
}

/* GObject overrides */

static void
linli_mbtiles_source_finalize (GObject *object)
{
  LinliMbtilesSource *self = LINLI_MBTILES_SOURCE (object);

  /* Every tile read holds a reference: no thread uses the connection now. */
  g_clear_pointer (&self->select_tile, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->attribution, g_free);
  g_clear_pointer (&self->attribution_text, g_free);
  g_clear_pointer (&self->attribution_uri, g_free);
  g_clear_pointer (&self->problem, g_free);
  G_OBJECT_CLASS (linli_mbtiles_source_parent_class)->finalize (object);
}

static void
linli_mbtiles_source_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LinliMbtilesSource *self = LINLI_MBTILES_SOURCE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_mbtiles_source_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LinliMbtilesSource *self = LINLI_MBTILES_SOURCE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_mbtiles_source_class_init (LinliMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = linli_mbtiles_source_finalize;
  object_class->get_property = linli_mbtiles_source_get_property;
  object_class->set_property = linli_mbtiles_source_set_property;
  source_class->get_tile_data_async = linli_mbtiles_source_get_tile_data_async;
  source_class->get_tile_data_finish = linli_mbtiles_source_get_tile_data_finish;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                               G_PARAM_STATIC_STRINGS);
  /**
   * LinliMbtilesSource:problem:
   *
   * Why the first tile that was refused was refused (too large, not an
   * image, not 256 or 512 pixels), or %NULL: set once, never again.
   */
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
linli_mbtiles_source_init (LinliMbtilesSource *self)
{
  g_mutex_init (&self->lock);
}

/* Public API */

/**
 * linli_mbtiles_source_new:
 * @path: an MBTiles file of PNG or JPEG tiles
 *
 * Opens @path read-only and reads its metadata.
 *
 * Returns: (transfer full) (nullable): the source, or %NULL with @error
 *   naming the file and what is wrong with it
 */
LinliMbtilesSource *
linli_mbtiles_source_new (const char  *path,
                          GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_initable_new (LINLI_TYPE_MBTILES_SOURCE, NULL, error, "path", path, NULL);
}

const char *
linli_mbtiles_source_get_path (LinliMbtilesSource *self)
{
  g_return_val_if_fail (LINLI_IS_MBTILES_SOURCE (self), NULL);
  return self->path;
}

/**
 * linli_mbtiles_source_get_name:
 *
 * Returns: the metadata's name, or else the file's name
 */
const char *
linli_mbtiles_source_get_name (LinliMbtilesSource *self)
{
  g_return_val_if_fail (LINLI_IS_MBTILES_SOURCE (self), NULL);
  return self->name;
}

/**
 * linli_mbtiles_source_get_format:
 *
 * Returns: "png" or "jpg"
 */
const char *
linli_mbtiles_source_get_format (LinliMbtilesSource *self)
{
  g_return_val_if_fail (LINLI_IS_MBTILES_SOURCE (self), NULL);
  return self->format;
}

guint
linli_mbtiles_source_get_min_zoom (LinliMbtilesSource *self)
{
  g_return_val_if_fail (LINLI_IS_MBTILES_SOURCE (self), 0);
  return self->min_zoom;
}

guint
linli_mbtiles_source_get_max_zoom (LinliMbtilesSource *self)
{
  g_return_val_if_fail (LINLI_IS_MBTILES_SOURCE (self), 0);
  return self->max_zoom;
}

/**
 * linli_mbtiles_source_get_attribution:
 *
 * Returns: (nullable): the metadata's attribution as written, often HTML
 */
const char *
linli_mbtiles_source_get_attribution (LinliMbtilesSource *self)
{
  g_return_val_if_fail (LINLI_IS_MBTILES_SOURCE (self), NULL);
  return self->attribution;
}

/**
 * linli_mbtiles_source_get_attribution_text:
 *
 * Returns: the credit to show on the map, as plain text: the metadata's
 *   attribution, or "© OpenStreetMap contributors" for a file named after
 *   OpenStreetMap that has none, or else the file's name
 */
const char *
linli_mbtiles_source_get_attribution_text (LinliMbtilesSource *self)
{
  g_return_val_if_fail (LINLI_IS_MBTILES_SOURCE (self), NULL);
  return self->attribution_text;
}

/**
 * linli_mbtiles_source_get_attribution_uri:
 *
 * Returns: (nullable): the first web link of the attribution
 */
const char *
linli_mbtiles_source_get_attribution_uri (LinliMbtilesSource *self)
{
  g_return_val_if_fail (LINLI_IS_MBTILES_SOURCE (self), NULL);
  return self->attribution_uri;
}

/**
 * linli_mbtiles_source_get_bounds:
 *
 * Returns: whether the metadata gives valid bounds, in degrees
 */
gboolean
linli_mbtiles_source_get_bounds (LinliMbtilesSource *self,
                                 double             *west,
                                 double             *south,
                                 double             *east,
                                 double             *north)
{
  g_return_val_if_fail (LINLI_IS_MBTILES_SOURCE (self), FALSE);

  if (!self->has_bounds)
    return FALSE;
  if (west)
    *west = self->bounds[0];
  if (south)
    *south = self->bounds[1];
  if (east)
    *east = self->bounds[2];
  if (north)
    *north = self->bounds[3];
  return TRUE;
}

/**
 * linli_mbtiles_source_get_problem:
 *
 * Returns: (nullable): the reason the first refused tile was refused, or
 *   %NULL if none was
 */
const char *
linli_mbtiles_source_get_problem (LinliMbtilesSource *self)
{
  g_return_val_if_fail (LINLI_IS_MBTILES_SOURCE (self), NULL);
  return self->problem;
}

/**
 * linli_mbtiles_source_get_n_pending:
 *
 * Returns: how many tile reads have been asked for and not answered yet
 */
guint
linli_mbtiles_source_get_n_pending (LinliMbtilesSource *self)
{
  g_return_val_if_fail (LINLI_IS_MBTILES_SOURCE (self), 0);
  return self->n_pending;
}

/**
 * linli_mbtiles_source_new_renderer:
 *
 * Wraps the source in a raster renderer carrying its name, credit and zoom
 * range, in 256-pixel Web Mercator tiles.
 *
 * Returns: (transfer full): a #ShumateRasterRenderer
 */
ShumateMapSource *
linli_mbtiles_source_new_renderer (LinliMbtilesSource *self)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (LINLI_IS_MBTILES_SOURCE (self), NULL);

  id = g_strconcat ("linli-mbtiles:", self->path, NULL);
  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (id, self->name, self->attribution_text,
                                                               self->attribution_uri, self->min_zoom,
                                                               self->max_zoom, TILE_SIZE,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               SHUMATE_DATA_SOURCE (self)));
}

/**
 * linli_mbtiles_html_to_text:
 * @html: (nullable): an attribution, plain or with simple HTML
 * @first_link: (out) (optional) (nullable): the address of its first link
 *
 * Drops the tags, decodes the common entities and folds white space, for
 * showing an MBTiles attribution in a plain label.
 *
 * Returns: (nullable): the text, or %NULL for %NULL
 */
char *
linli_mbtiles_html_to_text (const char  *html,
                            char       **first_link)
{
  static const char *inline_tags[] = { "a", "b", "i", "em", "strong", "span", "small", "sup", "sub", NULL };
  g_autoptr (GString) out = NULL;
  gboolean space = FALSE;

  if (first_link != NULL)
    *first_link = NULL;
  if (html == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = html; *p != '\0';)
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          const char *name = p[1] == '/' ? p + 2 : p + 1;
          gsize name_len = 0;
          g_autofree char *tag = NULL;

          if (end == NULL)
            break;
          while (g_ascii_isalnum (name[name_len]))
            name_len++;
          tag = g_ascii_strdown (name, name_len);
          if (first_link != NULL && *first_link == NULL && p[1] != '/' && g_str_equal (tag, "a"))
            *first_link = tag_href (p + 2, end - p - 2);
          /* Inline tags join words (<b>Open</b>Street); a line break or a
           * block reads as a space. */
          if (!g_strv_contains (inline_tags, tag))
            space = TRUE;
          p = end + 1;
          continue;
        }
      if (g_ascii_isspace (*p) || g_str_has_prefix (p, "&nbsp;"))
        {
          space = TRUE;
          p += *p == '&' ? 6 : 1;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (*p == '&')
        {
          const char *semi = strchr (p, ';');

          if (semi != NULL && semi - p <= 10 && semi - p > 1)
            {
              append_entity (out, p + 1, semi - p - 1);
              p = semi + 1;
              continue;
            }
        }
      g_string_append_c (out, *p);
      p++;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
