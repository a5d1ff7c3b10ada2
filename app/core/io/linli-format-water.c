/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-format"

#include "config.h"

#include "linli-format-private.h"

#include "linli-water.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The <water> section: waterways as <line kind name width> elements whose
 * text is "lon,lat" pairs (at least 2), then water areas as <area kind
 * name> elements of <ring> children as grids have (each a valid polygon,
 * checked with GEOS).  The project gets the water once it is all read. */

/* Reading */

static gboolean
parse_line (LinliFormatReader *l,
            LinliWater        *water)
{
  enum { KIND, NAME, WIDTH };
  static const char *const names[] = { "kind", "name", "width", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliWaterwayKind kind = LINLI_WATERWAY_RIVER;
  double width = 0;
  g_autofree char *name = NULL;
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  gboolean ok = _linli_format_read_attrs (l, &a) && _linli_format_require (l, &a, KIND, "line")
                && (a.values[NAME] == NULL
                    || _linli_format_check_text (l, "name", a.values[NAME], MAX_NAME_LENGTH))
                && (a.values[WIDTH] == NULL
                    || _linli_format_parse_double (l, "width", a.values[WIDTH], 0, LINLI_WATER_MAX_WIDTH,
                                                   &width));

  if (ok && !linli_waterway_kind_from_string (a.values[KIND], &kind))
    {
      g_autofree char *q = quote_value (a.values[KIND]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unknown waterway kind “%s”"), q);
    }
  if (ok && linli_water_get_n_lines (water) >= LINLI_WATER_MAX_LINES)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("<water> has more than %u lines"),
               LINLI_WATER_MAX_LINES);
  if (ok)
    name = g_strdup (a.values[NAME]);
  _linli_format_attrs_clear (&a);
  if (!ok || !_linli_format_read_line (l, "line", LINLI_WATER_MAX_LINE_POINTS, points))
    return FALSE;
  linli_water_add_line (water, kind, name, width, (LinliLatLon *) points->data, points->len);
  return TRUE;
}

static gboolean
parse_area (LinliFormatReader *l,
            LinliWater        *water)
{
  enum { KIND, NAME };
  static const char *const names[] = { "kind", "name", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliWaterAreaKind kind = LINLI_WATER_AREA_WATER;
  g_autofree char *name = NULL;
  g_autofree char *what = NULL;
  g_autoptr (LinliPolygon) polygon = NULL;
  gboolean ok = _linli_format_read_attrs (l, &a) && _linli_format_require (l, &a, KIND, "area")
                && (a.values[NAME] == NULL
                    || _linli_format_check_text (l, "name", a.values[NAME], MAX_NAME_LENGTH));

  if (ok && !linli_water_area_kind_from_string (a.values[KIND], &kind))
    {
      g_autofree char *q = quote_value (a.values[KIND]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unknown water area kind “%s”"), q);
    }
  if (ok && linli_water_get_n_areas (water) >= LINLI_WATER_MAX_AREAS)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("<water> has more than %u areas"),
               LINLI_WATER_MAX_AREAS);
  if (ok)
    {
      name = g_strdup (a.values[NAME]);
      /* TRANSLATORS: the water area numbered %u in the file, counting from 1. */
      what = g_strdup_printf (_("water area %u"), linli_water_get_n_areas (water) + 1);
    }
  _linli_format_attrs_clear (&a);
  if (!ok || (polygon = _linli_format_read_polygon (l, "area", what)) == NULL)
    return FALSE;
  linli_water_add_area (water, kind, name, polygon);
  return TRUE;
}

static gboolean
read_water (LinliFormatReader *l)
{
  static const char *const no_names[] = { NULL };
  LinliFormatAttrs a = { no_names, { NULL } };
  g_autoptr (LinliWater) water = linli_water_new ();
  gboolean areas = FALSE;

  if (!_linli_format_read_attrs (l, &a))
    return FALSE;
  if (xmlTextReaderIsEmptyElement (l->x.reader))
    return TRUE;
  for (;;)
    {
      const char *name;
      int type;

      if (!read_node (l, &type))
        return FALSE;
      if (type == XML_READER_TYPE_END_ELEMENT)
        break;
      if (type != XML_READER_TYPE_ELEMENT)
        return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected text in <%s>"), "water");
      name = _linli_format_node_name (l);
      /* Lines, then areas, as the schema says and as saving writes them. */
      if (strcmp (name, "line") == 0 && !areas)
        {
          if (!parse_line (l, water))
            return FALSE;
        }
      else if (strcmp (name, "area") == 0)
        {
          areas = TRUE;
          if (!parse_area (l, water))
            return FALSE;
        }
      else if (strcmp (name, "line") == 0)
        return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<line> comes after <area> in <water>"));
      else
        return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected <%s> in <%s>"), name, "water");
    }
  linli_project_set_water (l->project, g_steal_pointer (&water));
  return TRUE;
}

/* Writing */

static gboolean
write_water (LinliFormatWriter *w,
             LinliProject      *project)
{
  const LinliWater *water = linli_project_get_water (project);
  GString *out = w->out;

  if (linli_water_is_empty (water))
    return TRUE;
  g_string_append (out, "  <water>\n");
  for (guint i = 0; i < linli_water_get_n_lines (water); i++)
    {
      LinliWaterwayKind kind;
      const char *name;
      double width;
      guint n;
      const LinliLatLon *points = linli_water_get_line (water, i, &kind, &name, &width, &n);

      g_string_append (out, "    <line");
      _linli_format_append_attr (out, "kind", linli_waterway_kind_to_string (kind));
      if (name != NULL)
        _linli_format_append_attr (out, "name", name);
      if (width > 0)
        _linli_format_append_number (out, "width", width);
      g_string_append_c (out, '>');
      _linli_format_append_points (out, points, n);
      g_string_append (out, "</line>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  for (guint i = 0; i < linli_water_get_n_areas (water); i++)
    {
      LinliWaterAreaKind kind;
      const char *name;
      LinliPolygon *polygon = linli_water_get_area (water, i, &kind, &name);

      g_string_append (out, "    <area");
      _linli_format_append_attr (out, "kind", linli_water_area_kind_to_string (kind));
      if (name != NULL)
        _linli_format_append_attr (out, "name", name);
      g_string_append_c (out, '>');
      _linli_format_append_polygon (out, polygon);
      g_string_append (out, "</area>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  g_string_append (out, "  </water>\n");
  return TRUE;
}

const LinliFormatSection _linli_format_water_section = {
  .name = "water",
  .read = read_water,
  .write = write_water,
};
