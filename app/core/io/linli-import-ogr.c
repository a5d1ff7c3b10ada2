/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-import-ogr"

#include "config.h"

#include "linli-import-ogr.h"
#include "linli-import-ogr-private.h"
#include "linli-import-csv-private.h"
#include "linli-import-private.h"

#include "linli-file.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <string.h>

/* The drivers Linli opens files with.  CSV stays with Linli's own strict
 * reader; anything that could reach the network or run code is left out. */
static const char *const allowed_drivers[] = {
  "ESRI Shapefile", "GPKG", "KML", "LIBKML", "GML", "DXF", "OpenFileGDB", "XLSX", "ODS", "GeoJSON", NULL,
};

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

/* What GDAL says outside a call that collects it (a .prj it cannot read
 * while a layer is opened) is for debugging: the call's own checks tell
 * the planner what went wrong. */
static void CPL_STDCALL
gdal_log_cb (CPLErr      class,
             CPLErrorNum number,
             const char *message)
{
  g_debug ("GDAL (%d): %s", number, message);
}

static gpointer
register_drivers (gpointer data)
{
  CPLSetErrorHandler (gdal_log_cb);
  /* Nothing read may make GDAL fetch a schema or a file from the network,
   * nor list a whole folder of siblings on every open. */
  CPLSetConfigOption ("GDAL_HTTP_TIMEOUT", "1");
  CPLSetConfigOption ("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".linli-none");
  CPLSetConfigOption ("GML_SKIP_RESOLVE_ELEMS", "ALL");
  CPLSetConfigOption ("GML_DOWNLOAD_WFS_SCHEMA", "NO");
  CPLSetConfigOption ("GDAL_XML_VALIDATION", "NO");
  CPLSetConfigOption ("OGR_XLSX_HEADERS", "FORCE");
  CPLSetConfigOption ("OGR_ODS_HEADERS", "FORCE");
  CPLSetConfigOption ("OGR_XLSX_FIELD_TYPES", "STRING");
  CPLSetConfigOption ("OGR_ODS_FIELD_TYPES", "STRING");
  GDALAllRegister ();
  return NULL;
}

/**
 * _linli_ogr_register:
 *
 * Registers GDAL's drivers once, with the settings Linli reads and writes
 * files under.
 */
void
_linli_ogr_register (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, register_drivers, NULL);
}

/* GDAL reports through a handler stack per thread; each call into it here
 * pushes one that keeps the first failure's message for the GError. */
typedef struct
{
  char *message;
} GdalErrors;

static void CPL_STDCALL
gdal_error_cb (CPLErr      class,
               CPLErrorNum number,
               const char *message)
{
  GdalErrors *errors = CPLGetErrorHandlerUserData ();

  if (class >= CE_Failure && errors != NULL && errors->message == NULL)
    errors->message = g_utf8_make_valid (message ? message : "", -1);
}

static void
gdal_errors_push (GdalErrors *errors)
{
  errors->message = NULL;
  CPLPushErrorHandlerEx (gdal_error_cb, errors);
  CPLErrorReset ();
}

static void
gdal_errors_pop (GdalErrors *errors)
{
  CPLPopErrorHandler ();
  g_clear_pointer (&errors->message, g_free);
}

static gboolean
has_suffix (const char        *path,
            const char *const *suffixes)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (; *suffixes != NULL; suffixes++)
    if (g_str_has_suffix (lower, *suffixes))
      return TRUE;
  return FALSE;
}

/* Text from a layer as UTF-8.  GDAL recodes Shapefile attributes by their
 * .cpg or the ENCODING asked for; a .dbf without either hands over its raw
 * bytes, which in Chinese data are nearly always GBK. */
static char *
to_utf8 (const char *text)
{
  char *converted;

  if (text == NULL)
    return NULL;
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  converted = g_convert (text, -1, "UTF-8", "GB18030", NULL, NULL, NULL);
  if (converted != NULL)
    return converted;
  return g_utf8_make_valid (text, -1);
}

/* The bytes an .xlsx, .ods or .kmz would unzip to, by their zip
 * directory, so that a zip bomb is refused before any driver inflates it;
 * then by inflating each member, at most the fence's worth, because GDAL
 * reads a member to the end of its data whatever size the directory gives
 * (a member that says 2 KB and inflates to 600 MB is read whole). */
static gboolean
check_unzipped_size (const char  *path,
                     GError     **error)
{
  static const char *const zipped[] = { ".xlsx", ".ods", ".kmz", ".zip", NULL };
  g_autofree char *vsi = NULL, *buffer = NULL;
  const VSIDIREntry *entry;
  VSIDIR *dir;
  guint64 total = 0;
  guint members = 0;

  if (!has_suffix (path, zipped))
    return TRUE;
  vsi = g_strconcat ("/vsizip/", path, NULL);
  dir = VSIOpenDir (vsi, -1, NULL);
  while (dir != NULL && (entry = VSIGetNextDirEntry (dir)) != NULL)
    {
      if (entry->bModeKnown && VSI_ISREG (entry->nMode) && entry->bSizeKnown)
        total += (guint64) entry->nSize;
      if (++members > 100000 || total > LINLI_OGR_MAX_UNZIPPED)
        {
          VSICloseDir (dir);
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                       _("%s: unpacks to more than %u MB; refused as a possible zip bomb"), path,
                       LINLI_OGR_MAX_UNZIPPED / (1024 * 1024));
          return FALSE;
        }
    }
  if (dir != NULL)
    VSICloseDir (dir);

  total = 0;
  buffer = g_malloc (1024 * 1024);
  dir = VSIOpenDir (vsi, -1, NULL);
  while (dir != NULL && (entry = VSIGetNextDirEntry (dir)) != NULL)
    {
      g_autofree char *member = NULL;
      VSILFILE *file;
      size_t got;

      if (!entry->bModeKnown || !VSI_ISREG (entry->nMode))
        continue;
      member = g_strconcat (vsi, "/", entry->pszName, NULL);
      file = VSIFOpenL (member, "rb");
      while (file != NULL && total <= LINLI_OGR_MAX_UNZIPPED &&
             (got = VSIFReadL (buffer, 1, 1024 * 1024, file)) > 0)
        total += got;
      if (file != NULL)
        VSIFCloseL (file);
      if (total > LINLI_OGR_MAX_UNZIPPED)
        {
          VSICloseDir (dir);
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                       _("%s: unpacks to more than %u MB, though its zip directory says less; refused as a "
                         "possible zip bomb"), path, LINLI_OGR_MAX_UNZIPPED / (1024 * 1024));
          return FALSE;
        }
    }
  if (dir != NULL)
    VSICloseDir (dir);
  return TRUE;
}

/* Whether @data, a file's start, is an ASCII DXF drawing: "0", a line
 * break and SECTION, after any blanks. */
static gboolean
looks_like_dxf (const char *data,
                gsize       length)
{
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i >= length || data[i] != '0')
    return FALSE;
  i++;
  while (i < length && (data[i] == ' ' || data[i] == '\r' || data[i] == '\n'))
    i++;
  return length - i >= 7 && strncmp (data + i, "SECTION", 7) == 0;
}

/* The points of each entity of an ASCII DXF drawing, counted before GDAL
 * reads it: GDAL's DXF reader grows a polyline one point at a time, so a
 * polyline of a million vertices costs it a reallocation per point, quick
 * with glibc's realloc in place but quadratic wherever the block has to
 * move.  Each coordinate pair starts with group code 10; a POLYLINE's
 * VERTEX entities count towards it until its SEQEND.  Refused, with the
 * line where the entity starts, past the fences of a feature and of a
 * layer (the drawing counts as one). */
static gboolean
check_dxf_points (const char  *path,
                  GError     **error)
{
  g_autoptr (GMappedFile) file = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *data, *end, *line;
  guint64 total = 0, points = 0;
  guint number = 0, entity_line = 0;
  gboolean code_line = TRUE, is_10 = FALSE, is_0 = FALSE, in_polyline = FALSE;

  file = linli_file_map (path, &local_error);
  if (file == NULL)
    return TRUE;   /* GDAL says why it cannot open it */
  data = g_mapped_file_get_contents (file);
  end = data + g_mapped_file_get_length (file);
  if (data == NULL || !looks_like_dxf (data, end - data))
    return TRUE;
  for (line = data; line < end; code_line = !code_line)
    {
      const char *next = memchr (line, '\n', end - line);
      const char *stop = next ? next : end;
      const char *a = line, *b = stop;

      number++;
      while (a < b && g_ascii_isspace (*a))
        a++;
      while (b > a && g_ascii_isspace (b[-1]))
        b--;
      if (code_line)
        {
          is_0 = b - a == 1 && a[0] == '0';
          is_10 = b - a == 2 && a[0] == '1' && a[1] == '0';
          if (is_10)
            {
              points++;
              total++;
            }
        }
      else if (is_0)
        {
          gboolean vertex = b - a == 6 && strncmp (a, "VERTEX", 6) == 0;
          gboolean seqend = b - a == 6 && strncmp (a, "SEQEND", 6) == 0;

          /* A new entity, unless it is a vertex or the end of the
           * polyline the points so far belong to. */
          if (!(in_polyline && (vertex || seqend)))
            {
              points = 0;
              entity_line = number;
            }
          if (b - a == 8 && strncmp (a, "POLYLINE", 8) == 0)
            in_polyline = TRUE;
          else if (seqend || !vertex)
            in_polyline = FALSE;
        }
      if (points > LINLI_OGR_MAX_FEATURE_POINTS || total > LINLI_OGR_MAX_VERTICES)
        {
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                       points > LINLI_OGR_MAX_FEATURE_POINTS
                         ? _("%s:%u: an entity of more than %u points; refused")
                         : _("%s:%u: more than %u points in the drawing; refused"),
                       path, entity_line, points > LINLI_OGR_MAX_FEATURE_POINTS ? LINLI_OGR_MAX_FEATURE_POINTS
                                                                               : LINLI_OGR_MAX_VERTICES);
          return FALSE;
        }
      line = next ? next + 1 : end;
    }
  return TRUE;
}

/**
 * _linli_ogr_open:
 * @encoding: (nullable): of Shapefile attributes, or %NULL for the .cpg's
 *
 * Opens @path read-only with the drivers Linli allows, after checking it
 * is a regular file (or a FileGDB folder), no zip bomb and no DXF
 * drawing of more points than Linli takes.
 *
 * Returns: (transfer full): the dataset (GDALClose() it), or %NULL with
 *   @error set
 */
GDALDatasetH
_linli_ogr_open (const char  *path,
                 const char  *encoding,
                 GError     **error)
{
  static const char *const shapefiles[] = { ".shp", ".dbf", NULL };
  g_autofree char *option = NULL;
  const char *open_options[2] = { NULL, NULL };
  GdalErrors errors;
  GDALDatasetH ds;

  _linli_ogr_register ();
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) && !linli_file_check_regular (path, error))
    return NULL;
  if (!check_unzipped_size (path, error) || !check_dxf_points (path, error))
    return NULL;
  if (encoding != NULL && encoding[0] != '\0' && has_suffix (path, shapefiles))
    {
      option = g_strconcat ("ENCODING=", encoding, NULL);
      open_options[0] = option;
    }
  gdal_errors_push (&errors);
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, allowed_drivers, open_options, NULL);
  if (ds == NULL)
    g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                 _("%s: not a file Linli reads through GDAL (Shapefile, GeoPackage, KML, GML, DXF, "
                   "FileGDB, Excel or ODS)%s%s"),
                 path, errors.message ? ": " : "", errors.message ? errors.message : "");
  gdal_errors_pop (&errors);
  return ds;
}

static LinliOgrGeometry
geometry_of (OGRwkbGeometryType type)
{
  switch (wkbFlatten (type))
    {
    case wkbNone:
      return LINLI_OGR_GEOMETRY_NONE;
    case wkbPoint:
    case wkbMultiPoint:
      return LINLI_OGR_GEOMETRY_POINT;
    case wkbLineString:
    case wkbMultiLineString:
    case wkbCircularString:
    case wkbCompoundCurve:
    case wkbMultiCurve:
      return LINLI_OGR_GEOMETRY_LINE;
    case wkbPolygon:
    case wkbMultiPolygon:
    case wkbCurvePolygon:
    case wkbMultiSurface:
      return LINLI_OGR_GEOMETRY_POLYGON;
    default:
      return LINLI_OGR_GEOMETRY_MIXED;
    }
}

static OGRLayerH
find_layer (GDALDatasetH  ds,
            const char   *path,
            const char   *name,
            GError      **error)
{
  OGRLayerH layer;

  if (GDALDatasetGetLayerCount (ds) == 0)
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, _("%s: the file has no layers"),
                   path);
      return NULL;
    }
  layer = name ? GDALDatasetGetLayerByName (ds, name) : GDALDatasetGetLayer (ds, 0);
  if (layer == NULL)
    g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, _("%s: no layer named “%s”"), path,
                 name);
  return layer;
}

static char **
layer_fields (OGRLayerH layer)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  int n = OGR_FD_GetFieldCount (defn);
  char **fields = g_new0 (char *, n + 1);

  for (int i = 0; i < n; i++)
    fields[i] = to_utf8 (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)));
  return fields;
}

/* ------------------------------------------------------------------------ */
/* Coordinates                                                               */
/* ------------------------------------------------------------------------ */

/* How one layer's coordinates become WGS84: PROJ from the layer's system
 * (or the caller's) to EPSG:4326 in longitude, latitude order, then
 * Linli's own GCJ-02 transform when the caller says the result is GCJ-02. */
typedef struct
{
  OGRSpatialReferenceH         source;
  OGRSpatialReferenceH         target;
  OGRCoordinateTransformationH transform;  /* NULL: the coordinates are degrees already */
  LinliCrs                     crs;
  gboolean                     projected;    /* the source system is in metres (or feet) */
  guint64                      small;        /* points read that would pass for degrees */
  guint64                      read;         /* points read */
  GArray                      *x, *y;
  int                         *ok;
  guint                        ok_len;
} Coords;

static void
coords_clear (Coords *c)
{
  g_clear_pointer (&c->transform, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&c->source, OSRDestroySpatialReference);
  g_clear_pointer (&c->target, OSRDestroySpatialReference);
  g_clear_pointer (&c->x, g_array_unref);
  g_clear_pointer (&c->y, g_array_unref);
  g_clear_pointer (&c->ok, g_free);
}

/* OSRSetFromUserInput() also reads files and URLs; a coordinate system
 * given to Linli is only ever a code, WKT, PROJJSON or a PROJ string. */
static gboolean
crs_input_allowed (const char *input)
{
  const char *colon = strchr (input, ':');

  if (input[0] == '+' || strchr (input, '[') != NULL || input[0] == '{')
    return TRUE;
  if (g_str_has_prefix (input, "urn:ogc:def:crs:"))
    return TRUE;
  if (colon == NULL || colon == input)
    return FALSE;
  for (const char *p = input; p < colon; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;
  for (const char *p = colon + 1; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return colon[1] != '\0';
}

/**
 * _linli_ogr_srs_from_string:
 * @input: an EPSG code ("EPSG:4549"), WKT, PROJJSON or a PROJ string
 *
 * Returns: (transfer full) (nullable): the system in longitude, latitude
 *   (easting, northing) order, or %NULL when PROJ does not know it
 */
OGRSpatialReferenceH
_linli_ogr_srs_from_string (const char *input)
{
  OGRSpatialReferenceH srs;

  _linli_ogr_register ();
  if (!crs_input_allowed (input))
    return NULL;
  srs = OSRNewSpatialReference (NULL);
  if (OSRSetFromUserInput (srs, input) != OGRERR_NONE)
    {
      OSRDestroySpatialReference (srs);
      return NULL;
    }
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

static gboolean
coords_init (Coords                *c,
             OGRLayerH              layer,
             const char            *path,
             const LinliOgrOptions *options,
             GError               **error)
{
  OGRSpatialReferenceH given = OGR_L_GetSpatialRef (layer);
  GdalErrors errors;
  gboolean ok = TRUE;

  memset (c, 0, sizeof *c);
  c->crs = options->crs;
  c->x = g_array_new (FALSE, FALSE, sizeof (double));
  c->y = g_array_new (FALSE, FALSE, sizeof (double));
  gdal_errors_push (&errors);
  if (options->source_crs != NULL && options->source_crs[0] != '\0')
    {
      if ((c->source = _linli_ogr_srs_from_string (options->source_crs)) == NULL)
        {
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                       _("%s: “%s” is no coordinate system PROJ knows (give an EPSG code, WKT or a PROJ "
                         "string)"),
                       path, options->source_crs);
          ok = FALSE;
        }
    }
  else if (given != NULL)
    c->source = OSRClone (given);

  if (ok && c->source != NULL)
    {
      c->projected = OSRIsProjected (c->source);
      c->target = OSRNewSpatialReference (NULL);
      OSRImportFromEPSG (c->target, 4326);
      OSRSetAxisMappingStrategy (c->source, OAMS_TRADITIONAL_GIS_ORDER);
      OSRSetAxisMappingStrategy (c->target, OAMS_TRADITIONAL_GIS_ORDER);
      c->transform = OCTNewCoordinateTransformation (c->source, c->target);
      if (c->transform == NULL)
        {
          g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                       _("%s: layer “%s”: its coordinate system cannot be transformed to WGS84%s%s"), path,
                       OGR_L_GetName (layer), errors.message ? ": " : "",
                       errors.message ? errors.message : "");
          ok = FALSE;
        }
    }
  gdal_errors_pop (&errors);
  return ok;
}

/* Reads the points of a curve (a line or a ring) as WGS84 into @out, after
 * the limits.  Returns an untranslated reason, or NULL. */
static const char *
coords_read (Coords      *c,
             OGRGeometryH curve,
             GArray      *out,
             guint64     *vertices)
{
  int n = OGR_G_GetPointCount (curve);

  g_array_set_size (out, 0);
  if (n <= 0)
    return NULL;
  if ((guint) n > LINLI_OGR_MAX_FEATURE_POINTS)
    return N_("the geometry has too many points");
  *vertices += n;
  if (*vertices > LINLI_OGR_MAX_VERTICES)
    return N_("the layer has too many points in all");
  g_array_set_size (c->x, n);
  g_array_set_size (c->y, n);
  OGR_G_GetPoints (curve, c->x->data, sizeof (double), c->y->data, sizeof (double), NULL, 0);
  c->read += n;
  for (int i = 0; c->projected && i < n; i++)
    c->small += fabs (g_array_index (c->x, double, i)) <= 180 && fabs (g_array_index (c->y, double, i)) <= 90;
  if (c->transform != NULL)
    {
      if ((guint) n > c->ok_len)
        {
          c->ok = g_renew (int, c->ok, n);
          c->ok_len = n;
        }
      if (!OCTTransformEx (c->transform, n, (double *) c->x->data, (double *) c->y->data, NULL, c->ok))
        return N_("the coordinates cannot be transformed to WGS84 (is the coordinate system right?)");
    }
  for (int i = 0; i < n; i++)
    {
      double lon = g_array_index (c->x, double, i), lat = g_array_index (c->y, double, i);
      LinliLatLon p;

      if (!isfinite (lat) || !isfinite (lon) || fabs (lat) > 90 || fabs (lon) > 180)
        return c->transform != NULL
                 ? N_("the coordinates fall outside the world after the transformation (is the coordinate "
                      "system right?)")
                 : N_("the layer has no coordinate system and its coordinates are not degrees: give one "
                      "(an EPSG code such as EPSG:4549, WKT or a PROJ string)");
      linli_crs_to_wgs84 (c->crs, lat, lon, &p.lat, &p.lon);
      g_array_append_val (out, p);
    }
  return NULL;
}

/* Curves and surfaces (DXF arcs, GeoPackage curve polygons) as straight
 * segments; other geometries as they are. */
static OGRGeometryH
linear (OGRGeometryH  geometry,
        OGRGeometryH *owned)
{
  *owned = NULL;
  if (geometry != NULL && OGR_GT_IsNonLinear (OGR_G_GetGeometryType (geometry)))
    geometry = *owned = OGR_G_GetLinearGeometry (geometry, 0, NULL);
  return geometry;
}

/* ------------------------------------------------------------------------ */
/* Layers                                                                    */
/* ------------------------------------------------------------------------ */

/**
 * linli_ogr_handles:
 *
 * Whether @path is a file to read through GDAL, by its name: .shp, .dbf,
 * .gpkg, .kml, .kmz, .gml, .dxf, .gdb, .xlsx, .ods.  GeoJSON, OpenStreetMap
 * XML and CSV keep Linli's own readers.
 */
gboolean
linli_ogr_handles (const char *path)
{
  static const char *const suffixes[] = {
    ".shp", ".dbf", ".gpkg", ".kml", ".kmz", ".gml", ".dxf", ".gdb", ".gdb/", ".xlsx", ".ods", NULL,
  };

  return path != NULL && has_suffix (path, suffixes);
}

void
linli_ogr_options_init (LinliOgrOptions *options)
{
  memset (options, 0, sizeof *options);
  options->crs = LINLI_CRS_WGS84;
  options->role = LINLI_OGR_ROLE_AUTO;
}

void
linli_ogr_layer_info_free (LinliOgrLayerInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_strfreev (info->fields);
  g_free (info->crs_name);
  g_free (info->crs_code);
  g_free (info);
}

/**
 * linli_ogr_geometry_to_string:
 *
 * Returns: a translated word for what a layer holds
 */
const char *
linli_ogr_geometry_to_string (LinliOgrGeometry geometry)
{
  switch (geometry)
    {
    case LINLI_OGR_GEOMETRY_NONE:
      return _("table");
    case LINLI_OGR_GEOMETRY_POINT:
      return _("points");
    case LINLI_OGR_GEOMETRY_LINE:
      return _("lines");
    case LINLI_OGR_GEOMETRY_POLYGON:
      return _("polygons");
    case LINLI_OGR_GEOMETRY_MIXED:
    default:
      return _("mixed");
    }
}

/**
 * linli_ogr_list_layers:
 * @options: (nullable): only the encoding is used
 *
 * Lists the layers of a GIS file: name, what they hold, feature count
 * (when the driver knows it without reading), fields and coordinate
 * system.
 *
 * Returns: (transfer full) (element-type LinliOgrLayerInfo): the layers,
 *   or %NULL with @error set
 */
GPtrArray *
linli_ogr_list_layers (const char             *path,
                       const LinliOgrOptions  *options,
                       GError                **error)
{
  g_autoptr (GPtrArray) layers = g_ptr_array_new_with_free_func ((GDestroyNotify) linli_ogr_layer_info_free);
  GDALDatasetH ds;
  int n;

  g_return_val_if_fail (path != NULL, NULL);

  ds = _linli_ogr_open (path, options ? options->encoding : NULL, error);
  if (ds == NULL)
    return NULL;
  n = GDALDatasetGetLayerCount (ds);
  if ((guint) n > LINLI_OGR_MAX_LAYERS)
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                   _("%s: more than %u layers"), path, LINLI_OGR_MAX_LAYERS);
      GDALClose (ds);
      return NULL;
    }
  for (int i = 0; i < n; i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (ds, i);
      OGRSpatialReferenceH srs = OGR_L_GetSpatialRef (layer);
      LinliOgrLayerInfo *info = g_new0 (LinliOgrLayerInfo, 1);
      GIntBig count;

      info->name = to_utf8 (OGR_L_GetName (layer));
      info->geometry = geometry_of (OGR_L_GetGeomType (layer));
      count = OGR_L_GetFeatureCount (layer, FALSE);
      info->n_features = count;
      info->fields = layer_fields (layer);
      if (srs != NULL)
        {
          const char *authority = OSRGetAuthorityName (srs, NULL);
          const char *code = OSRGetAuthorityCode (srs, NULL);

          info->crs_name = to_utf8 (OSRGetName (srs));
          if (authority != NULL && code != NULL)
            info->crs_code = g_strdup_printf ("%s:%s", authority, code);
        }
      g_ptr_array_add (layers, info);
    }
  GDALClose (ds);
  return g_steal_pointer (&layers);
}

/* ------------------------------------------------------------------------ */
/* The mapping                                                               */
/* ------------------------------------------------------------------------ */

static const char *const field_names[LINLI_OGR_N_FIELDS] = {
  "id", "name", "compound", "community", "households", "residents", "party_members", "storeys", "height",
  "type", "estimated",
};

const char *
linli_ogr_field_to_string (LinliOgrField field)
{
  g_return_val_if_fail (field < LINLI_OGR_N_FIELDS, NULL);
  return field_names[field];
}

gboolean
linli_ogr_field_from_string (const char    *string,
                             LinliOgrField *field)
{
  for (guint i = 0; i < LINLI_OGR_N_FIELDS; i++)
    if (g_strcmp0 (string, field_names[i]) == 0)
      {
        *field = i;
        return TRUE;
      }
  return FALSE;
}

void
linli_ogr_mapping_init (LinliOgrMapping *mapping)
{
  for (guint i = 0; i < LINLI_OGR_N_FIELDS; i++)
    mapping->fields[i] = -1;
}

/* The fields a building list does not have, as _linli_csv_header_key()
 * leaves their names: exact names first, then parts. */
static const struct
{
  LinliOgrField field;
  const char   *exact[16];
  const char   *parts[6];
} extra_guesses[] = {
  { LINLI_OGR_FIELD_STOREYS,
    { "floors", "floor", "storeys", "stories", "storey", "levels", "building:levels", "层数", "楼层", "楼层数",
      "地上层数", "总层数", "建筑层数", NULL },
    { "层数", "floors", "storeys", "levels", NULL } },
  { LINLI_OGR_FIELD_HEIGHT,
    { "height", "高度", "建筑高度", "楼高", "height_m", NULL },
    { "高度", "height", NULL } },
  { LINLI_OGR_FIELD_TYPE,
    { "type", "kind", "building", "highway", "fclass", "用途", "类型", "建筑类型", "建筑用途", "性质",
      "道路等级", NULL },
    { "用途", "类型", NULL } },
  { LINLI_OGR_FIELD_ESTIMATED,
    { "estimated", "估算", "户数估算", NULL },
    { NULL } },
};

/**
 * linli_ogr_mapping_guess:
 * @fields: (array zero-terminated=1): the layer's field names
 *
 * Maps fields by their names, in English or Chinese, as a building list's
 * columns are (linli_csv_mapping_guess(): 户数, 常住人口, 党员数, 小区, 社区,
 * 名称 …), and then storeys (层数, floors), height (高度), type (用途,
 * 类型, highway) and the estimate mark Linli exports (estimated).  Each field maps to one thing at most.
 */
void
linli_ogr_mapping_guess (LinliOgrMapping   *mapping,
                         const char *const *fields)
{
  static const struct
  {
    LinliCsvField csv;
    LinliOgrField ogr;
  } from_csv[] = {
    { LINLI_CSV_FIELD_ID, LINLI_OGR_FIELD_ID },
    { LINLI_CSV_FIELD_NAME, LINLI_OGR_FIELD_NAME },
    { LINLI_CSV_FIELD_COMPOUND, LINLI_OGR_FIELD_COMPOUND },
    { LINLI_CSV_FIELD_COMMUNITY, LINLI_OGR_FIELD_COMMUNITY },
    { LINLI_CSV_FIELD_HOUSEHOLDS, LINLI_OGR_FIELD_HOUSEHOLDS },
    { LINLI_CSV_FIELD_RESIDENTS, LINLI_OGR_FIELD_RESIDENTS },
    { LINLI_CSV_FIELD_PARTY_MEMBERS, LINLI_OGR_FIELD_PARTY_MEMBERS },
  };
  guint n = fields ? g_strv_length ((char **) fields) : 0;
  g_autoptr (LinliCsvTable) table = _linli_csv_table_new ("", "UTF-8", fields, n);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n, 1));
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  LinliCsvMapping csv;

  linli_ogr_mapping_init (mapping);
  linli_csv_mapping_guess (&csv, table);
  for (guint i = 0; i < G_N_ELEMENTS (from_csv); i++)
    if (csv.columns[from_csv[i].csv] >= 0)
      {
        mapping->fields[from_csv[i].ogr] = csv.columns[from_csv[i].csv];
        used[csv.columns[from_csv[i].csv]] = TRUE;
      }
  /* An address taken as the join key names a building when nothing else does. */
  if (mapping->fields[LINLI_OGR_FIELD_NAME] < 0 && csv.columns[LINLI_CSV_FIELD_KEY] >= 0)
    {
      mapping->fields[LINLI_OGR_FIELD_NAME] = csv.columns[LINLI_CSV_FIELD_KEY];
      used[csv.columns[LINLI_CSV_FIELD_KEY]] = TRUE;
    }
  /* Coordinates in a layer's fields are not what its geometry says. */
  for (guint f = 0; f < 2; f++)
    {
      int c = csv.columns[f == 0 ? LINLI_CSV_FIELD_LAT : LINLI_CSV_FIELD_LON];

      if (c >= 0)
        used[c] = TRUE;
    }

  for (guint c = 0; c < n; c++)
    g_ptr_array_add (keys, _linli_csv_header_key (fields[c]));
  for (guint g = 0; g < G_N_ELEMENTS (extra_guesses); g++)
    for (guint c = 0; c < n && mapping->fields[extra_guesses[g].field] < 0; c++)
      for (guint k = 0; !used[c] && extra_guesses[g].exact[k] != NULL; k++)
        if (g_str_equal (keys->pdata[c], extra_guesses[g].exact[k]))
          {
            mapping->fields[extra_guesses[g].field] = c;
            used[c] = TRUE;
          }
  for (guint g = 0; g < G_N_ELEMENTS (extra_guesses); g++)
    for (guint c = 0; c < n && mapping->fields[extra_guesses[g].field] < 0; c++)
      for (guint k = 0; !used[c] && extra_guesses[g].parts[k] != NULL; k++)
        if (strstr (keys->pdata[c], extra_guesses[g].parts[k]) != NULL)
          {
            mapping->fields[extra_guesses[g].field] = c;
            used[c] = TRUE;
          }
}

/**
 * linli_ogr_mapping_parse:
 * @fields: (array zero-terminated=1): the layer's field names
 * @assignment: "WHAT=FIELD", e.g. "households=HU_NUM", "storeys=层数" or
 *   "name=none"
 *
 * Sets what one field is, overriding the guess.
 *
 * Returns: %FALSE with @error set if WHAT or FIELD is unknown
 */
gboolean
linli_ogr_mapping_parse (LinliOgrMapping   *mapping,
                         const char *const *fields,
                         const char        *assignment,
                         GError           **error)
{
  g_auto (GStrv) parts = g_strsplit (assignment, "=", 2);
  LinliOgrField what;

  if (parts[0] == NULL || parts[1] == NULL || !linli_ogr_field_from_string (g_strstrip (parts[0]), &what))
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED,
                   _("“%s”: give WHAT=FIELD, WHAT one of id, name, compound, community, households, "
                     "residents, party_members, storeys, height, type, estimated"),
                   assignment);
      return FALSE;
    }
  g_strstrip (parts[1]);
  if (g_str_equal (parts[1], "none"))
    {
      mapping->fields[what] = -1;
      return TRUE;
    }
  for (guint c = 0; fields != NULL && fields[c] != NULL; c++)
    if (g_str_equal (fields[c], parts[1]))
      {
        mapping->fields[what] = c;
        return TRUE;
      }
  g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED, _("“%s”: the layer has no field “%s”"),
               assignment, parts[1]);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Reading a layer                                                           */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char   *path;
  GDALDatasetH  ds;
  OGRLayerH     layer;
  char         *layer_name;
  char        **fields;
  Coords        coords;
  GArray       *points;   /* LinliLatLon */
  guint64       vertices;
} LayerReader;

static gboolean
layer_reader_open (LayerReader           *r,
                   const char            *path,
                   const LinliOgrOptions *options,
                   GError               **error)
{
  memset (r, 0, sizeof *r);
  r->path = path;
  r->points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  if ((r->ds = _linli_ogr_open (path, options->encoding, error)) == NULL ||
      (r->layer = find_layer (r->ds, path, options->layer, error)) == NULL)
    return FALSE;
  r->layer_name = to_utf8 (OGR_L_GetName (r->layer));
  r->fields = layer_fields (r->layer);
  if (!coords_init (&r->coords, r->layer, path, options, error))
    return FALSE;
  OGR_L_ResetReading (r->layer);
  return TRUE;
}

static void
layer_reader_close (LayerReader *r)
{
  coords_clear (&r->coords);
  g_clear_pointer (&r->points, g_array_unref);
  g_clear_pointer (&r->fields, g_strfreev);
  g_clear_pointer (&r->layer_name, g_free);
  g_clear_pointer (&r->ds, GDALClose);
}

static gboolean
feature_error (LayerReader  *r,
               guint         feature,
               const char   *reason,
               GError      **error)
{
  g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, _("%s: layer “%s”: feature %u: %s"),
               r->path, r->layer_name, feature, _(reason));
  return FALSE;
}

/* The next feature, with GDAL's failures (a damaged record) as errors
 * rather than a silent end of the layer. */
static OGRFeatureH
next_feature (LayerReader  *r,
              guint         number,
              gboolean     *failed,
              GError      **error)
{
  GdalErrors errors;
  OGRFeatureH feature;

  *failed = FALSE;
  if (number > LINLI_OGR_MAX_FEATURES)
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                   _("%s: layer “%s”: more than %u features"), r->path, r->layer_name,
                   LINLI_OGR_MAX_FEATURES);
      *failed = TRUE;
      return NULL;
    }
  gdal_errors_push (&errors);
  feature = OGR_L_GetNextFeature (r->layer);
  if (errors.message != NULL)
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                   _("%s: layer “%s”: feature %u: %s"), r->path, r->layer_name, number, errors.message);
      g_clear_pointer (&feature, OGR_F_Destroy);
      *failed = TRUE;
    }
  gdal_errors_pop (&errors);
  return feature;
}

static char *
field_text (OGRFeatureH feature,
            int         field)
{
  if (field < 0 || field >= OGR_F_GetFieldCount (feature) || !OGR_F_IsFieldSetAndNotNull (feature, field))
    return NULL;
  return to_utf8 (OGR_F_GetFieldAsString (feature, field));
}

/* The outer ring of a polygon, or of a multipolygon's first polygon, as
 * GeoJSON's reader takes them; r->points holds it without the repeated
 * closing point. */
static const char *
read_outer_ring (LayerReader  *r,
                 OGRGeometryH  geometry)
{
  OGRGeometryH polygon = geometry;
  const char *reason;

  if (wkbFlatten (OGR_G_GetGeometryType (polygon)) == wkbMultiPolygon)
    {
      if (OGR_G_GetGeometryCount (polygon) == 0)
        return N_("the geometry has no coordinates");
      polygon = OGR_G_GetGeometryRef (polygon, 0);
    }
  if (OGR_G_GetGeometryCount (polygon) == 0)
    return N_("the geometry has no coordinates");
  if ((reason = coords_read (&r->coords, OGR_G_GetGeometryRef (polygon, 0), r->points, &r->vertices)) != NULL)
    return reason;
  if (r->points->len >= 2)
    {
      LinliLatLon *a = &g_array_index (r->points, LinliLatLon, 0);
      LinliLatLon *b = &g_array_index (r->points, LinliLatLon, r->points->len - 1);

      if (a->lat == b->lat && a->lon == b->lon)
        g_array_set_size (r->points, r->points->len - 1);
    }
  if (r->points->len > LINLI_IMPORT_MAX_RING_POINTS)
    return N_("the outline has too many points");
  if (r->points->len < 3)
    return N_("the outline has fewer than 3 points");
  return NULL;
}

/* A point's position, the first of a multipoint's. */
static const char *
read_point (LayerReader  *r,
            OGRGeometryH  geometry,
            LinliLatLon  *p)
{
  const char *reason;

  if (wkbFlatten (OGR_G_GetGeometryType (geometry)) == wkbMultiPoint)
    {
      if (OGR_G_GetGeometryCount (geometry) == 0)
        return N_("the geometry has no coordinates");
      geometry = OGR_G_GetGeometryRef (geometry, 0);
    }
  if ((reason = coords_read (&r->coords, geometry, r->points, &r->vertices)) != NULL)
    return reason;
  if (r->points->len == 0)
    return N_("the geometry has no coordinates");
  *p = g_array_index (r->points, LinliLatLon, 0);
  return NULL;
}

static const char *
ogr_tag (gconstpointer data,
         const char   *key)
{
  return g_str_equal (key, "highway") ? data : NULL;
}

/* The kind of a street from its type field: Linli's own kind, or an
 * OpenStreetMap highway=* value where the data gives one (through the walkable-way rule), else
 * an unclassified street; a planner who hands lines as streets means
 * people walk them. */
static gboolean
street_kind (const char      *type,
             LinliStreetKind *kind)
{
  LinliTags tags = { ogr_tag, type };

  /* Linli's own kinds first: what an export wrote comes back the same. */
  if (type != NULL && linli_street_kind_from_string (type, kind))
    return TRUE;
  if (type != NULL && linli_import_walkable (&tags, kind))
    return TRUE;
  if (type != NULL && g_str_equal (type, "no"))
    return FALSE;
  *kind = LINLI_STREET_UNCLASSIFIED;
  return TRUE;
}

static const char *
read_lines (LayerReader     *r,
            LinliImporter   *imp,
            OGRGeometryH     geometry,
            LinliStreetKind  kind,
            gboolean        *used)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  const char *reason;

  if (type == wkbLineString)
    {
      if ((reason = coords_read (&r->coords, geometry, r->points, &r->vertices)) != NULL)
        return reason;
      *used |= linli_importer_add_street (imp, kind, (const LinliLatLon *) r->points->data, r->points->len);
      return NULL;
    }
  if (type == wkbPolygon)
    return OGR_G_GetGeometryCount (geometry) > 0
             ? read_lines (r, imp, OGR_G_GetGeometryRef (geometry, 0), kind, used)
             : NULL;
  for (int i = 0; i < OGR_G_GetGeometryCount (geometry); i++)
    if ((reason = read_lines (r, imp, OGR_G_GetGeometryRef (geometry, i), kind, used)) != NULL)
      return reason;
  return NULL;
}

static gboolean
is_closed_line (OGRGeometryH geometry)
{
  int n;

  if (wkbFlatten (OGR_G_GetGeometryType (geometry)) != wkbLineString ||
      (n = OGR_G_GetPointCount (geometry)) < 4)
    return FALSE;
  return OGR_G_GetX (geometry, 0) == OGR_G_GetX (geometry, n - 1) &&
         OGR_G_GetY (geometry, 0) == OGR_G_GetY (geometry, n - 1);
}

/* One feature of the layer into the importer. */
static const char *
import_feature (LayerReader           *r,
                LinliImporter         *imp,
                const LinliOgrOptions *options,
                const LinliOgrMapping *mapping,
                OGRFeatureH            feature,
                guint                  number,
                gboolean              *used)
{
  OGRGeometryH owned = NULL, geometry = linear (OGR_F_GetGeometryRef (feature), &owned);
  char *text[LINLI_OGR_N_FIELDS] = { NULL };
  LinliOgrGeometry kind;
  const char *reason = NULL;

  *used = FALSE;
  if (geometry == NULL || OGR_G_IsEmpty (geometry))
    return NULL;
  kind = geometry_of (OGR_G_GetGeometryType (geometry));
  for (guint f = 0; f < LINLI_OGR_N_FIELDS; f++)
    text[f] = field_text (feature, mapping->fields[f]);

  /* A DXF drawing or a KML file keeps building outlines as closed lines. */
  if (options->role == LINLI_OGR_ROLE_BUILDINGS && is_closed_line (geometry))
    {
      OGRGeometryH polygon = OGR_G_CreateGeometry (wkbPolygon);
      OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);

      for (int i = 0; i < OGR_G_GetPointCount (geometry); i++)
        OGR_G_AddPoint_2D (ring, OGR_G_GetX (geometry, i), OGR_G_GetY (geometry, i));
      OGR_G_AddGeometryDirectly (polygon, ring);
      g_clear_pointer (&owned, OGR_G_DestroyGeometry);
      geometry = owned = polygon;
      kind = LINLI_OGR_GEOMETRY_POLYGON;
    }

  if ((kind == LINLI_OGR_GEOMETRY_POLYGON || kind == LINLI_OGR_GEOMETRY_POINT) &&
      options->role != LINLI_OGR_ROLE_STREETS)
    {
      g_autofree char *id = text[LINLI_OGR_FIELD_ID] ? g_strdup (text[LINLI_OGR_FIELD_ID])
                                                      : g_strdup_printf ("f%u", number);
      LinliBuildingFacts facts = { 0 };
      LinliLatLon p = { 0 };
      double lat = 0, lon = 0, area = 0;

      if (kind == LINLI_OGR_GEOMETRY_POINT)
        {
          if ((reason = read_point (r, geometry, &p)) == NULL)
            {
              lat = p.lat;
              lon = p.lon;
              g_array_set_size (r->points, 0);
            }
        }
      else if ((reason = read_outer_ring (r, geometry)) == NULL)
        area = linli_importer_place_ring (imp, r->points, &lat, &lon);
      if (reason == NULL)
        {
          facts.id = id;
          facts.name = text[LINLI_OGR_FIELD_NAME];
          facts.type = text[LINLI_OGR_FIELD_TYPE];
          facts.community = text[LINLI_OGR_FIELD_COMMUNITY];
          facts.compound = text[LINLI_OGR_FIELD_COMPOUND];
          facts.storeys = linli_import_parse_number (text[LINLI_OGR_FIELD_STOREYS]);
          facts.height = linli_import_parse_number (text[LINLI_OGR_FIELD_HEIGHT]);
          facts.households = linli_import_parse_number (text[LINLI_OGR_FIELD_HOUSEHOLDS]);
          facts.residents = linli_import_parse_number (text[LINLI_OGR_FIELD_RESIDENTS]);
          facts.party_members = linli_import_parse_number (text[LINLI_OGR_FIELD_PARTY_MEMBERS]);
          facts.estimated = text[LINLI_OGR_FIELD_ESTIMATED] != NULL &&
                            (g_str_equal (text[LINLI_OGR_FIELD_ESTIMATED], "1") ||
                             g_ascii_strcasecmp (text[LINLI_OGR_FIELD_ESTIMATED], "true") == 0);
          linli_importer_add_building (imp, &facts, lat, lon, area, (const LinliLatLon *) r->points->data,
                                       r->points->len);
          *used = TRUE;
        }
    }
  else if ((kind == LINLI_OGR_GEOMETRY_LINE && options->role != LINLI_OGR_ROLE_BUILDINGS) ||
           (kind == LINLI_OGR_GEOMETRY_POLYGON && options->role == LINLI_OGR_ROLE_STREETS))
    {
      LinliStreetKind street;

      if (street_kind (text[LINLI_OGR_FIELD_TYPE], &street))
        reason = read_lines (r, imp, geometry, street, used);
    }
  /* A collection (mixed) is left unused, so counted as skipped: its parts
   * one by one would split one feature into several buildings. */
  for (guint f = 0; f < LINLI_OGR_N_FIELDS; f++)
    g_free (text[f]);
  g_clear_pointer (&owned, OGR_G_DestroyGeometry);
  return reason;
}

/**
 * linli_import_ogr:
 * @path: a GIS file GDAL reads (see linli_ogr_handles())
 * @options: the layer, its coordinate system, encoding, role and mapping
 * @import_options: the estimate parameters and the district's name, as for
 *   GeoJSON; their coordinate system is not used (@options says it)
 * @report: (out caller-allocates) (optional): what was read
 *
 * Makes a project of one layer of @path.  Polygons and points become
 * buildings (the outer ring of a multipolygon's first polygon, as GeoJSON's
 * reader takes it), lines streets (walkable by their type field when it
 * holds OpenStreetMap highway=* values, else all of them), unless the role
 * says buildings or streets only; with the buildings role, closed lines
 * (DXF, KML) are outlines too.  What each field is comes from the mapping,
 * guessed from the field names when not given (linli_ogr_mapping_guess());
 * households not given are estimated as linli_importer_add_building() says.
 *
 * Coordinates are transformed from the layer's coordinate system, or the
 * one @options names, to WGS84 by PROJ in longitude, latitude order; a
 * layer with none must be in degrees, and a layer in a projected system
 * whose every point would pass for degrees is refused as being in the
 * wrong one.  Nothing is returned half-read: an
 * error names the file, the layer, the feature and the reason.  Layers of
 * more than %LINLI_OGR_MAX_FEATURES features or %LINLI_OGR_MAX_VERTICES
 * points, and features of more than %LINLI_OGR_MAX_FEATURE_POINTS, are
 * refused.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
LinliProject *
linli_import_ogr (const char               *path,
                  const LinliOgrOptions    *options,
                  const LinliImportOptions *import_options,
                  LinliImportReport        *report,
                  GError                  **error)
{
  LinliImporter imp;
  LayerReader r;
  LinliOgrMapping guessed;
  const LinliOgrMapping *mapping;
  LinliProject *project = NULL;
  gboolean failed = FALSE;
  guint number = 0;

  g_return_val_if_fail (path != NULL && options != NULL && import_options != NULL, NULL);

  if (report != NULL)
    memset (report, 0, sizeof *report);
  if (!layer_reader_open (&r, path, options, error))
    {
      layer_reader_close (&r);
      return NULL;
    }
  mapping = options->mapping;
  if (mapping == NULL)
    {
      linli_ogr_mapping_guess (&guessed, (const char *const *) r.fields);
      mapping = &guessed;
    }

  linli_importer_init (&imp, import_options, path);
  while (!failed)
    {
      OGRFeatureH feature = next_feature (&r, number + 1, &failed, error);
      const char *reason;
      gboolean used;

      if (feature == NULL)
        break;
      number++;
      imp.report.features++;
      reason = import_feature (&r, &imp, options, mapping, feature, number, &used);
      OGR_F_Destroy (feature);
      if (reason != NULL)
        failed = !feature_error (&r, number, reason, error);
      else if (!used)
        imp.report.skipped++;
    }
  /* Degrees read as metres land near the equator off Africa, valid but
   * wrong: a projected system whose points all pass for degrees is the
   * wrong system. */
  if (!failed && r.coords.read > 0 && r.coords.small == r.coords.read)
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                   _("%s: layer “%s”: the coordinates look like degrees, but the coordinate system is in "
                     "metres (is it right?)"),
                   path, r.layer_name);
      failed = TRUE;
    }
  if (!failed)
    project = linli_importer_finish (&imp, report, error);
  linli_importer_clear (&imp);
  layer_reader_close (&r);
  return project;
}

/**
 * linli_ogr_read_table:
 * @options: the layer (a sheet of a workbook), encoding and coordinate
 *   system
 *
 * Reads a layer's attributes as a building or site list: one column per
 * field, one row per feature, numbered from 2 as a spreadsheet's rows are
 * (the first holds the header).  A layer with geometry gets two more
 * columns, `wgs84lat` and `wgs84lon`: each feature's point (or the centre
 * of its outline) transformed to WGS84 as linli_import_ogr() does, which
 * the column guesses take as latitude and longitude.  Excel and ODS sheets
 * thus go through the same column mapping and checks as a CSV file.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
LinliCsvTable *
linli_ogr_read_table (const char             *path,
                      const LinliOgrOptions  *options,
                      GError                **error)
{
  g_autoptr (LinliCsvTable) table = NULL;
  g_autoptr (GPtrArray) header = g_ptr_array_new ();
  LayerReader r;
  gboolean with_place, failed = FALSE;
  guint n_fields, number = 0;

  g_return_val_if_fail (path != NULL && options != NULL, NULL);

  if (!layer_reader_open (&r, path, options, error))
    {
      layer_reader_close (&r);
      return NULL;
    }
  n_fields = g_strv_length (r.fields);
  with_place = OGR_L_GetGeomType (r.layer) != wkbNone;
  for (guint i = 0; i < n_fields; i++)
    g_ptr_array_add (header, r.fields[i]);
  if (with_place)
    {
      g_ptr_array_add (header, (gpointer) "wgs84lat");
      g_ptr_array_add (header, (gpointer) "wgs84lon");
    }
  table = _linli_csv_table_new (path, "UTF-8", (const char *const *) header->pdata, header->len);

  while (!failed)
    {
      OGRFeatureH feature = next_feature (&r, number + 1, &failed, error);
      g_autoptr (GPtrArray) cells = NULL;
      const char *reason = NULL;

      if (feature == NULL)
        break;
      number++;
      cells = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < n_fields; i++)
        g_ptr_array_add (cells, field_text (feature, i));
      if (with_place)
        {
          OGRGeometryH owned = NULL, geometry = linear (OGR_F_GetGeometryRef (feature), &owned);
          char *lat = NULL, *lon = NULL;

          if (geometry != NULL && !OGR_G_IsEmpty (geometry))
            {
              LinliLatLon p;

              switch (geometry_of (OGR_G_GetGeometryType (geometry)))
                {
                case LINLI_OGR_GEOMETRY_POINT:
                  reason = read_point (&r, geometry, &p);
                  break;
                case LINLI_OGR_GEOMETRY_POLYGON:
                  if ((reason = read_outer_ring (&r, geometry)) == NULL)
                    {
                      guint n = r.points->len;
                      double area;

                      linli_ring_clean ((LinliLatLon *) r.points->data, &n, &p.lat, &p.lon, &area);
                    }
                  break;
                default:
                  reason = N_("the geometry is neither a point nor a polygon");
                  break;
                }
              if (reason == NULL)
                {
                  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

                  lat = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.8f", p.lat));
                  lon = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.8f", p.lon));
                }
            }
          g_clear_pointer (&owned, OGR_G_DestroyGeometry);
          g_ptr_array_add (cells, lat);
          g_ptr_array_add (cells, lon);
        }
      OGR_F_Destroy (feature);
      if (reason != NULL)
        failed = !feature_error (&r, number, reason, error);
      else if (!_linli_csv_table_add_row (table, (const char *const *) cells->pdata, number + 1, error))
        failed = TRUE;
    }
  layer_reader_close (&r);
  return failed ? NULL : g_steal_pointer (&table);
}

/* ------------------------------------------------------------------------ */
/* Polygons for the boundary reader                                          */
/* ------------------------------------------------------------------------ */

typedef struct
{
  char       **fields;
  char       **values;   /* of the current feature */
  int          name;     /* the guessed name field, or -1 */
} FeatureTags;

static const char *
feature_tag (gconstpointer data,
             const char   *key)
{
  const FeatureTags *t = data;

  for (guint i = 0; t->fields[i] != NULL; i++)
    if (g_str_equal (t->fields[i], key))
      return t->values[i];
  if (g_str_equal (key, "name") && t->name >= 0)
    return t->values[t->name];
  return NULL;
}

/* Every ring of a polygon or multipolygon into @points, @lengths and
 * @holes (the first ring of each polygon is its outline). */
static const char *
read_rings (LayerReader  *r,
            OGRGeometryH  geometry,
            GArray       *points,
            GArray       *lengths,
            GArray       *holes)
{
  const char *reason;

  if (wkbFlatten (OGR_G_GetGeometryType (geometry)) == wkbMultiPolygon)
    {
      for (int i = 0; i < OGR_G_GetGeometryCount (geometry); i++)
        if ((reason = read_rings (r, OGR_G_GetGeometryRef (geometry, i), points, lengths, holes)) != NULL)
          return reason;
      return NULL;
    }
  for (int k = 0; k < OGR_G_GetGeometryCount (geometry); k++)
    {
      guint n;
      gboolean hole = k > 0;

      if ((reason = coords_read (&r->coords, OGR_G_GetGeometryRef (geometry, k), r->points, &r->vertices)) != NULL)
        return reason;
      n = r->points->len;
      if (n >= 2 && ((LinliLatLon *) r->points->data)[0].lat == ((LinliLatLon *) r->points->data)[n - 1].lat &&
          ((LinliLatLon *) r->points->data)[0].lon == ((LinliLatLon *) r->points->data)[n - 1].lon)
        n--;
      if (n < 3)
        continue;
      g_array_append_vals (points, r->points->data, n);
      g_array_append_val (lengths, n);
      g_array_append_val (holes, hole);
    }
  return NULL;
}

/**
 * _linli_ogr_foreach_polygon:
 * @options: the layer, its coordinate system and encoding
 *
 * Calls @func for every polygon and multipolygon feature of a layer, in
 * order; other features are passed over.  A position that cannot be
 * transformed, or a layer beyond the limits, stops the read with @error
 * (file, layer, feature, reason).
 *
 * Returns: %FALSE with @error set when the file or layer cannot be read
 */
gboolean
_linli_ogr_foreach_polygon (const char            *path,
                            const LinliOgrOptions *options,
                            LinliOgrPolygonFunc    func,
                            gpointer               user_data,
                            GError               **error)
{
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  g_autoptr (GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) holes = g_array_new (FALSE, FALSE, sizeof (gboolean));
  LinliOgrMapping mapping;
  FeatureTags t = { 0 };
  LayerReader r;
  gboolean failed = FALSE;
  guint number = 0, n_fields;

  if (!layer_reader_open (&r, path, options, error))
    {
      layer_reader_close (&r);
      return FALSE;
    }
  linli_ogr_mapping_guess (&mapping, (const char *const *) r.fields);
  n_fields = g_strv_length (r.fields);
  t.fields = r.fields;
  t.name = mapping.fields[LINLI_OGR_FIELD_NAME];
  t.values = g_new0 (char *, n_fields + 1);
  while (!failed)
    {
      OGRFeatureH feature = next_feature (&r, number + 1, &failed, error);
      OGRGeometryH owned = NULL, geometry;
      const char *reason = NULL;

      if (feature == NULL)
        break;
      number++;
      geometry = linear (OGR_F_GetGeometryRef (feature), &owned);
      if (geometry != NULL && geometry_of (OGR_G_GetGeometryType (geometry)) == LINLI_OGR_GEOMETRY_POLYGON)
        {
          LinliTags tags = { feature_tag, &t };
          g_autofree char *source = g_strdup_printf (_("feature %u"), number);
          g_autoptr (LinliPolygon) polygon = NULL;

          for (guint i = 0; i < n_fields; i++)
            {
              g_free (t.values[i]);
              t.values[i] = field_text (feature, i);
            }
          g_array_set_size (points, 0);
          g_array_set_size (lengths, 0);
          g_array_set_size (holes, 0);
          reason = read_rings (&r, geometry, points, lengths, holes);
          if (reason == NULL && lengths->len > 0)
            polygon = linli_polygon_new ((const LinliLatLon *) points->data, (const guint *) lengths->data,
                                         (const gboolean *) holes->data, lengths->len);
          /* A position PROJ cannot place is a broken file; an empty
           * outline only an unusable polygon. */
          if (reason == NULL)
            func (&tags, source, polygon, polygon ? NULL : N_("the geometry has no coordinates"), user_data);
        }
      g_clear_pointer (&owned, OGR_G_DestroyGeometry);
      OGR_F_Destroy (feature);
      if (reason != NULL)
        failed = !feature_error (&r, number, reason, error);
    }
  g_strfreev (t.values);
  layer_reader_close (&r);
  return !failed;
}
