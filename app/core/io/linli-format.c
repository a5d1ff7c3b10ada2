/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-format"

#include "config.h"

#include "linli-format-private.h"

#include "linli-number.h"
#include "linli-project-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (linli-format-error-quark, linli_format_error)

/* ------------------------------------------------------------------------ */
/* Loading                                                                   */
/* ------------------------------------------------------------------------ */

/* Reading: the helpers every section uses */

const char *
_linli_format_node_name (LinliFormatReader *l)
{
  return (const char *) xmlTextReaderConstName (l->x.reader);
}

void
_linli_format_attrs_clear (LinliFormatAttrs *a)
{
  for (guint i = 0; i < G_N_ELEMENTS (a->values); i++)
    {
      a->values[i] = NULL;
      g_clear_pointer (&a->owned[i], g_free);
    }
}

/* Collects the attributes of the current element; any name not in
 * @a->names is an error, so typos never pass silently.  Values are read
 * straight from the reader's node, which lives until the next read, so
 * no attribute is copied.
 */
gboolean
_linli_format_read_attrs (LinliFormatReader *l,
                          LinliFormatAttrs  *a)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (l->x.reader);
  guint n_names = 0, next = 0;

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return fail (l, LINLI_FORMAT_ERROR_MALFORMED, _("unreadable element"));
  /* The format has no namespaces; a declaration is an attribute we do not know. */
  if (node->nsDef != NULL || node->ns != NULL)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unknown attribute “%s” on <%s>"), "xmlns",
                 (const char *) node->name);

  while (a->names[n_names] != NULL)
    n_names++;

  for (xmlAttrPtr attr = node->properties; attr != NULL; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      guint i = n_names;

      /* Files written by Linli list attributes in table order, so the
       * search starts where the last one matched. */
      for (guint k = 0; k < n_names; k++)
        {
          guint c = (next + k) % n_names;

          if (a->names[c][0] == name[0] && strcmp (a->names[c], name) == 0)
            {
              i = c;
              next = c + 1;
              break;
            }
        }
      if (i == n_names || attr->ns != NULL)
        return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unknown attribute “%s” on <%s>"),
                     name, (const char *) node->name);

      g_clear_pointer (&a->owned[i], g_free);
      if (attr->children == NULL)
        {
          a->values[i] = "";
        }
      else if (attr->children->type == XML_TEXT_NODE && attr->children->next == NULL)
        {
          a->values[i] = (const char *) attr->children->content;
        }
      else
        {
          xmlChar *joined = xmlNodeListGetString (node->doc, attr->children, 1);

          a->owned[i] = g_strdup (joined ? (const char *) joined : "");
          xmlFree (joined);
          a->values[i] = a->owned[i];
        }
    }
  return TRUE;
}

gboolean
_linli_format_require (LinliFormatReader     *l,
                       LinliFormatAttrs      *a,
                       guint       index,
                       const char *element)
{
  if (a->values[index] == NULL)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<%s> lacks the required attribute “%s”"),
                 element, a->names[index]);
  return TRUE;
}

/* Lengths count characters, as the schema's maxLength does. */
gboolean
_linli_format_check_text (LinliFormatReader     *l,
                          const char *attr,
                          const char *value,
                          guint       max_length)
{
  if (strlen (value) > max_length && g_utf8_strlen (value, -1) > max_length)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("attribute “%s” is longer than %u characters"),
                 attr, max_length);
  return TRUE;
}

gboolean
_linli_format_check_id (LinliFormatReader     *l,
                        const char *attr,
                        const char *value)
{
  if (value[0] == '\0')
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("attribute “%s” must not be empty"), attr);
  return _linli_format_check_text (l, attr, value, MAX_ID_LENGTH);
}

gboolean
_linli_format_parse_double (LinliFormatReader     *l,
                            const char *attr,
                            const char *value,
                            double      min,
                            double      max,
                            double     *out)
{
  double v = NAN;

  /* As XML Schema's xsd:double, white space collapsed: the core's decimal
   * numbers with white space around them. */
  if (linli_number_parse_double (value, LINLI_NUMBER_ALLOW_SPACE, min, max, &v) != LINLI_NUMBER_OK)
    {
      g_autofree char *q = quote_value (value);
      return fail (l, LINLI_FORMAT_ERROR_INVALID,
                   _("attribute “%s” must be a number from %g to %g, not “%s”"), attr, min, max, q);
    }
  *out = v;
  return TRUE;
}

gboolean
_linli_format_parse_uint (LinliFormatReader     *l,
                          const char *attr,
                          const char *value,
                          guint       max,
                          guint      *out)
{
  guint64 v = 0;

  /* As xsd:nonNegativeInteger, white space collapsed: "+5", " 5 " and
   * "-0" are counts too. */
  if (linli_number_parse_count (value, LINLI_NUMBER_ALLOW_SPACE | LINLI_NUMBER_INTEGER, max, &v) !=
      LINLI_NUMBER_OK)
    {
      g_autofree char *q = quote_value (value);
      return fail (l, LINLI_FORMAT_ERROR_INVALID,
                   _("attribute “%s” must be a whole number from 0 to %u, not “%s”"), attr, max, q);
    }
  *out = (guint) v;
  return TRUE;
}

gboolean
_linli_format_parse_boolean (LinliFormatReader     *l,
                             const char *attr,
                             const char *value,
                             gboolean   *out)
{
  if (strcmp (value, "true") == 0 || strcmp (value, "1") == 0)
    *out = TRUE;
  else if (strcmp (value, "false") == 0 || strcmp (value, "0") == 0)
    *out = FALSE;
  else
    {
      g_autofree char *q = quote_value (value);
      return fail (l, LINLI_FORMAT_ERROR_INVALID,
                   _("attribute “%s” must be “true” or “false”, not “%s”"), attr, q);
    }
  return TRUE;
}

/* Every position widens the extent of what was read, which must stay
 * where the projection can measure (linli_extent_check()); the element
 * that takes it too far is the one blamed. */
gboolean
_linli_format_check_extent (LinliFormatReader *l,
                            double  lat,
                            double  lon)
{
  g_autofree char *problem = NULL;

  if (linli_extent_add (&l->extent, lat, lon) &&
      (problem = linli_extent_check (&l->extent)) != NULL)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, "%s", problem);
  return TRUE;
}

gboolean
_linli_format_parse_position (LinliFormatReader *l,
                              LinliFormatAttrs  *a,
                              guint   lat_index,
                              guint   lon_index,
                              double *lat,
                              double *lon)
{
  return _linli_format_parse_double (l, "lat", a->values[lat_index], -90, 90, lat) &&
         _linli_format_parse_double (l, "lon", a->values[lon_index], -180, 180, lon) &&
         _linli_format_check_extent (l, *lat, *lon);
}

/* Skips to the end of an element that must have no children. */
gboolean
_linli_format_expect_empty (LinliFormatReader     *l,
                            const char *element)
{
  int type;

  if (xmlTextReaderIsEmptyElement (l->x.reader))
    return TRUE;
  if (!read_node (l, &type))
    return FALSE;
  if (type != XML_READER_TYPE_END_ELEMENT)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<%s> must be empty"), element);
  return TRUE;
}

/* Reads the text of @element as "lon,lat" pairs separated by spaces, at
 * least @min_points and at most @max_points of them, into @points, and
 * then the end of the element. */
static gboolean
read_points (LinliFormatReader *l,
             const char        *element,
             guint              min_points,
             guint              max_points,
             GArray            *points)
{
  const char *p;
  int type;

  if (xmlTextReaderIsEmptyElement (l->x.reader))
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<%s> is empty"), element);
  if (!read_node (l, &type))
    return FALSE;
  if (type != XML_READER_TYPE_TEXT && type != XML_READER_TYPE_CDATA)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<%s> must hold only “lon,lat” pairs"), element);

  p = (const char *) xmlTextReaderConstValue (l->x.reader);
  while (p != NULL)
    {
      LinliLatLon pt;
      const char *end;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      if (!linli_number_scan (p, &end, &pt.lon) || *end != ',')
        return fail (l, LINLI_FORMAT_ERROR_INVALID,
                     _("<%s> point %u is not a “lon,lat” pair"), element, points->len + 1);
      p = end + 1;
      if (!linli_number_scan (p, &end, &pt.lat) || (*end != '\0' && !g_ascii_isspace (*end)))
        return fail (l, LINLI_FORMAT_ERROR_INVALID,
                     _("<%s> point %u is not a “lon,lat” pair"), element, points->len + 1);
      if (!linli_lat_lon_is_valid (pt.lat, pt.lon))
        return fail (l, LINLI_FORMAT_ERROR_INVALID,
                     _("<%s> point %u lies outside the valid range of coordinates"), element,
                     points->len + 1);
      if (!_linli_format_check_extent (l, pt.lat, pt.lon))
        return FALSE;
      if (points->len >= max_points)
        return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<%s> has more than %u points"), element,
                     max_points);
      g_array_append_val (points, pt);
      p = end;
    }
  if (points->len < min_points)
    return fail (l, LINLI_FORMAT_ERROR_INVALID,
                 min_points == 3 ? _("<%s> needs at least 3 points")
                                 : _("<%s> needs at least 2 points"),
                 element);

  if (!read_node (l, &type))
    return FALSE;
  if (type != XML_READER_TYPE_END_ELEMENT)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<%s> must hold only “lon,lat” pairs"), element);
  return TRUE;
}

/* An outline's ring or footprint: at least 3 points. */
gboolean
_linli_format_read_points (LinliFormatReader *l,
                           const char        *element,
                           guint              max_points,
                           GArray            *points)
{
  return read_points (l, element, 3, max_points, points);
}

/* A line: at least 2 points. */
gboolean
_linli_format_read_line (LinliFormatReader *l,
                         const char        *element,
                         guint              max_points,
                         GArray            *points)
{
  return read_points (l, element, 2, max_points, points);
}

/* Reads a list section whose children are one of @items, each through
 * @func; anything else in it is an error. */
gboolean
_linli_format_read_list (LinliFormatReader   *l,
                         const char          *list,
                         const char *const   *items,
                         LinliFormatItemFunc  func)
{
  static const char *const no_names[] = { NULL };
  LinliFormatAttrs a = { no_names, { NULL } };
  int type;

  if (!_linli_format_read_attrs (l, &a))
    return FALSE;
  if (xmlTextReaderIsEmptyElement (l->x.reader))
    return TRUE;
  for (;;)
    {
      gboolean known = FALSE;

      if (!read_node (l, &type))
        return FALSE;
      if (type == XML_READER_TYPE_END_ELEMENT)
        return TRUE;
      if (type != XML_READER_TYPE_ELEMENT)
        return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected text in <%s>"), list);
      for (guint i = 0; items[i] != NULL && !known; i++)
        known = g_strcmp0 (_linli_format_node_name (l), items[i]) == 0;
      if (!known)
        return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected <%s> in <%s>"),
                     _linli_format_node_name (l), list);
      if (!func (l))
        return FALSE;
    }
}

/* The sections of a project file, in the order they come. */
static const LinliFormatSection *const sections[] = {
  &_linli_format_settings_section,
  &_linli_format_communities_section,
  &_linli_format_compounds_section,
  &_linli_format_buildings_section,
  &_linli_format_sites_section,
  &_linli_format_streets_section,
  &_linli_format_water_section,
  &_linli_format_grids_section,
  &_linli_format_org_section,
  &_linli_format_partners_section,
  &_linli_format_scenarios_section,
};

/* "settings, communities, …": the order, for messages. */
static char *
section_order (void)
{
  GString *order = g_string_new (NULL);

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    g_string_append_printf (order, "%s%s", s > 0 ? ", " : "", sections[s]->name);
  return g_string_free (order, FALSE);
}

static gboolean
parse_root (LinliFormatReader *l)
{
  static const char *const names[] = { "version", "name", "attribution", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  guint next_section = 0;
  gboolean ok;
  int type;

  if (!read_node (l, &type))
    return FALSE;
  if (type == XML_READER_TYPE_NONE)
    return fail (l, LINLI_FORMAT_ERROR_MALFORMED, _("the file is empty"));
  if (type != XML_READER_TYPE_ELEMENT || g_strcmp0 (_linli_format_node_name (l), "linli") != 0)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("not a Linli project: the root element is not <linli>"));

  ok = _linli_format_read_attrs (l, &a) && _linli_format_require (l, &a, 0, "linli");
  /* Version 1 is version 2 without water, grids and organisation. */
  if (ok && g_strcmp0 (a.values[0], G_STRINGIFY (LINLI_FORMAT_VERSION)) != 0
      && g_strcmp0 (a.values[0], "1") != 0)
    {
      g_autofree char *q = quote_value (a.values[0]);
      ok = fail (l, LINLI_FORMAT_ERROR_VERSION,
                 _("format version “%s” is not supported; this Linli reads version %d"), q,
                 LINLI_FORMAT_VERSION);
    }
  if (ok && a.values[1])
    ok = _linli_format_check_text (l, "name", a.values[1], MAX_NAME_LENGTH);
  if (ok && a.values[2])
    ok = _linli_format_check_text (l, "attribution", a.values[2], MAX_NAME_LENGTH);
  if (ok)
    {
      linli_project_set_name (l->project, a.values[1]);
      linli_project_set_attribution (l->project, a.values[2]);
    }
  _linli_format_attrs_clear (&a);
  if (!ok)
    return FALSE;

  if (!xmlTextReaderIsEmptyElement (l->x.reader))
    {
      for (;;)
        {
          const char *name;
          guint s;

          if (!read_node (l, &type))
            return FALSE;
          if (type == XML_READER_TYPE_END_ELEMENT)
            break;
          if (type != XML_READER_TYPE_ELEMENT)
            return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected text in <linli>"));

          name = _linli_format_node_name (l);
          for (s = next_section; s < G_N_ELEMENTS (sections); s++)
            if (g_strcmp0 (name, sections[s]->name) == 0)
              break;
          if (s == G_N_ELEMENTS (sections))
            {
              g_autofree char *order = section_order ();

              return fail (l, LINLI_FORMAT_ERROR_INVALID,
                           _("unexpected <%s> in <linli> (sections come once each, in the order %s)"), name,
                           order);
            }
          next_section = s + 1;
          ok = sections[s]->read (l);
          if (!ok)
            return FALSE;
        }
    }

  /* Anything after the root element is a parse error for libxml2; read to
   * the end so it is reported. */
  if (!read_node (l, &type))
    return FALSE;
  if (type != XML_READER_TYPE_NONE)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("content after the end of <linli>"));
  return TRUE;
}






/**
 * linli_format_load_data:
 * @data: the file's bytes
 * @length: their number
 * @display_name: the name errors give for the file, usually its path
 * @error: return location for an error naming the file, line and reason
 *
 * Reads a project with libxml2's streaming reader, checking everything the
 * schema in data/linli-2.rng says plus what it cannot: ranges, unique ids
 * and references.  Nothing is shared with any other project, so a failed
 * load leaves every open project as it was.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
LinliProject *
linli_format_load_data (const char  *data,
                        gsize        length,
                        const char  *display_name,
                        GError     **error)
{
  g_autoptr (LinliProject) project = NULL;
  LinliFormatReader l = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  /* libxml2 calls an empty file "extra content"; say it plainly. */
  {
    gsize i = 0;

    while (i < length && g_ascii_isspace (data[i]))
      i++;
    if (i == length)
      {
        g_set_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_MALFORMED,
                     _("%s:1: the file is empty"), display_name);
        return NULL;
      }
  }

  if (!linli_xml_open (&l.x, data, length, display_name, "linli", LINLI_FORMAT_ERROR,
                       LINLI_FORMAT_ERROR_MALFORMED, LINLI_FORMAT_ERROR_FAILED))
    {
      g_propagate_error (error, l.x.error);
      linli_xml_close (&l.x);
      return NULL;
    }
  project = linli_project_new ();
  /* A <building> element takes at least 100 bytes, an outline point 16:
   * room for what the file could hold, in address space only. */
  _linli_project_reserve (project, (guint) MIN (length / 100, G_MAXUINT),
                          (guint) MIN (length / 16, G_MAXUINT));
  l.last_compound = -1;
  l.project = project;
  linli_extent_init (&l.extent);
  l.building_ids = g_hash_table_new (g_str_hash, g_str_equal);
  l.site_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  l.points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  l.indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  ok = parse_root (&l);
  g_clear_pointer (&l.streets, linli_streets_free);
  g_array_unref (l.points);
  g_array_unref (l.indices);

  g_hash_table_unref (l.building_ids);
  g_hash_table_unref (l.site_ids);
  linli_xml_close (&l.x);
  if (!ok)
    {
      g_assert (l.x.error != NULL);
      g_propagate_error (error, l.x.error);
      return NULL;
    }
  return g_steal_pointer (&project);
}

/**
 * linli_format_load_file:
 * @path: the file to read
 * @error: return location for an error naming the file, line and reason
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
LinliProject *
linli_format_load_file (const char  *path,
                        GError     **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  GError *io_error = NULL;

  /* Mapped rather than read: no copy of a file that can be 100 MB.  Only
   * a regular file: not a folder, a device or a named pipe. */
  mapped = linli_file_map (path, &io_error);
  if (mapped == NULL)
    {
      g_set_error_literal (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_FAILED, io_error->message);
      g_error_free (io_error);
      return NULL;
    }
  return linli_format_load_data (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                                 path, error);
}

/* ------------------------------------------------------------------------ */
/* Saving                                                                    */
/* ------------------------------------------------------------------------ */

/* Escapes an attribute value.  Tabs and line breaks become character
 * references so they survive attribute normalisation; other control
 * characters cannot appear in XML 1.0 at all and are dropped.
 */
void
_linli_format_append_escaped (GString    *out,
                              const char *s)
{
  /* Most values need no escaping at all: append them in one go. */
  if (s != NULL && s[strcspn (s, "&<>\"\t\n\r\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                              "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f")] == '\0')
    {
      g_string_append (out, s);
      return;
    }
  for (; s != NULL && *s; s++)
    {
      switch (*s)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\t': g_string_append (out, "&#9;"); break;
        case '\n': g_string_append (out, "&#10;"); break;
        case '\r': g_string_append (out, "&#13;"); break;
        default:
          if ((guchar) *s >= 0x20)
            g_string_append_c (out, *s);
        }
    }
}

void
_linli_format_append_attr (GString    *out,
                           const char *name,
                           const char *value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  _linli_format_append_escaped (out, value);
  g_string_append_c (out, '"');
}

/* Appends @value with 7 decimals, as "%.7f" would, without printf: saving
 * writes millions of coordinates.  Rounding is to the nearest 1e-7, which
 * for every value read from a file (7 decimals at most) gives back its text. */
void
_linli_format_append_fixed7 (GString *out,
                             double   value)
{
  char buf[32];
  char *p = buf + sizeof buf;
  guint64 n;

  if (!isfinite (value) || fabs (value) >= 1e11)
    {
      char tmp[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, g_ascii_formatd (tmp, sizeof tmp, "%.7f", value));
      return;
    }
  n = (guint64) llround (fabs (value) * 1e7);
  for (int i = 0; i < 7; i++, n /= 10)
    *--p = (char) ('0' + n % 10);
  *--p = '.';
  do
    *--p = (char) ('0' + n % 10);
  while ((n /= 10) > 0);
  if (signbit (value))
    *--p = '-';
  g_string_append_len (out, p, buf + sizeof buf - p);
}

/* Appends "lon,lat lon,lat …", as <footprint> and <ring> hold them. */
void
_linli_format_append_points (GString           *out,
                             const LinliLatLon *points,
                             guint              n_points)
{
  for (guint k = 0; k < n_points; k++)
    {
      if (k > 0)
        g_string_append_c (out, ' ');
      _linli_format_append_fixed7 (out, points[k].lon);
      g_string_append_c (out, ',');
      _linli_format_append_fixed7 (out, points[k].lat);
    }
}

void
_linli_format_append_uint (GString *out,
                           guint    value)
{
  char buf[16];
  char *p = buf + sizeof buf;

  do
    *--p = (char) ('0' + value % 10);
  while ((value /= 10) > 0);
  g_string_append_len (out, p, buf + sizeof buf - p);
}

void
_linli_format_append_coord (GString    *out,
                            const char *name,
                            double      value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  _linli_format_append_fixed7 (out, value);
  g_string_append_c (out, '"');
}

void
_linli_format_append_number (GString    *out,
                             const char *name,
                             double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, " %s=\"%s\"", name, g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}







/* Where a document being written goes: a file, in chunks, so saving a
 * large district never holds the whole document in memory. */

/* The file helpers speak G_IO_ERROR; a save fails in this domain. */
static void
set_save_error (GError **error,
                GError  *io_error)
{
  g_set_error_literal (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_FAILED, io_error->message);
  g_error_free (io_error);
}

/* Writes what @w has collected on to its file. */
gboolean
_linli_format_writer_flush (LinliFormatWriter *w)
{
  GError *io_error = NULL;

  if (!linli_file_writer_write (w->file, w->out->str, w->out->len, &io_error))
    {
      set_save_error (w->error, io_error);
      return FALSE;
    }
  g_string_truncate (w->out, 0);
  return TRUE;
}

/* Writes @project as a document of this format's version into @w->out,
 * and on into @w->file whenever a chunk is full, if there is one. */
static gboolean
write_document (LinliFormatWriter *w,
                LinliProject      *project)
{
  g_string_append_printf (w->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<linli version=\"%d\"",
                          LINLI_FORMAT_VERSION);
  _linli_format_append_attr (w->out, "name", linli_project_get_name (project));
  if (linli_project_get_attribution (project)[0] != '\0')
    _linli_format_append_attr (w->out, "attribution", linli_project_get_attribution (project));
  g_string_append (w->out, ">\n");
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    if (!sections[s]->write (w, project) || !_linli_format_writer_step (w))
      return FALSE;
  g_string_append (w->out, "</linli>\n");
  return w->file == NULL || _linli_format_writer_flush (w);
}




/**
 * linli_format_save_bytes:
 *
 * Writes the project as a version 2 `.linli` document.  Coordinates are
 * written with 7 decimals (about 1 cm).
 *
 * Returns: (transfer full): the document
 */
GBytes *
linli_format_save_bytes (LinliProject *project)
{
  GString *out = g_string_sized_new (256 + (gsize) linli_project_get_n_buildings (project) * 200);
  LinliFormatWriter w = { out, NULL, NULL };

  write_document (&w, project);
  return g_string_free_to_bytes (out);
}

/* A file the loader would refuse is not written. */
static gboolean
check_saveable (LinliProject *project,
                const char   *path,
                GError      **error)
{
  g_autofree char *problem = linli_project_check_positions (project, NULL);

  if (problem == NULL)
    return TRUE;
  g_set_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_INVALID, _("Could not save “%s”: %s"),
               path, problem);
  return FALSE;
}

/**
 * linli_format_save_file:
 * @path: where to save
 *
 * Saves atomically and in chunks through a #LinliFileWriter: the document
 * goes to a temporary file beside @path, which is flushed to disk and then
 * renamed over @path, so a crash or a killed process leaves either the old
 * file or the new one, never a mix; the next save removes what a killed
 * one left.  An existing file keeps its permissions.  Errors name @path.
 *
 * Returns: %TRUE on success
 */
gboolean
linli_format_save_file (LinliProject *project,
                        const char   *path,
                        GError      **error)
{
  g_autoptr (GString) out = g_string_sized_new (LINLI_FORMAT_CHUNK + 4096);
  GError *io_error = NULL;
  LinliFormatWriter w = { out, NULL, error };

  if (!check_saveable (project, path, error))
    return FALSE;
  w.file = linli_file_writer_new (path, &io_error);
  if (w.file == NULL)
    {
      set_save_error (error, io_error);
      return FALSE;
    }
  if (!write_document (&w, project))
    {
      linli_file_writer_abort (w.file);
      return FALSE;
    }
  if (!linli_file_writer_commit (w.file, &io_error))
    {
      set_save_error (error, io_error);
      return FALSE;
    }
  return TRUE;
}
