/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-format"

#include "config.h"

#include "linli-format-private.h"

#include <glib/gi18n-lib.h>

/* The streets section: <node lat lon/> elements numbered from 0 in order,
 * then <way kind nodes="0 1 2"/> elements through nodes defined before
 * them.  Ways that share a node meet there; nothing else connects them. */

#define MAX_STREET_NODES (16u * 1024 * 1024)
#define MAX_WAY_NODES    100000

/* Reading */

static gboolean
parse_street_node (LinliFormatReader *l)
{
  static const char *const names[] = { "lat", "lon", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  double lat, lon;
  gboolean ok = _linli_format_read_attrs (l, &a) && _linli_format_require (l, &a, 0, "node") && _linli_format_require (l, &a, 1, "node") &&
                _linli_format_parse_position (l, &a, 0, 1, &lat, &lon) && _linli_format_expect_empty (l, "node");

  if (ok && linli_streets_get_n_nodes (l->streets) >= MAX_STREET_NODES)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("<streets> has more than %u nodes"), MAX_STREET_NODES);
  if (ok)
    linli_streets_add_node (l->streets, lat, lon);
  _linli_format_attrs_clear (&a);
  return ok;
}

static gboolean
parse_street_way (LinliFormatReader *l,
                  GArray *indices)
{
  static const char *const names[] = { "kind", "nodes", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliStreetKind kind = LINLI_STREET_FOOTWAY;
  guint n_nodes = linli_streets_get_n_nodes (l->streets);
  gboolean ok = _linli_format_read_attrs (l, &a) && _linli_format_require (l, &a, 0, "way") && _linli_format_require (l, &a, 1, "way");

  if (ok && !linli_street_kind_from_string (a.values[0], &kind))
    {
      g_autofree char *q = quote_value (a.values[0]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unknown street kind “%s”"), q);
    }
  g_array_set_size (indices, 0);
  for (const char *p = ok ? a.values[1] : ""; ok && *p != '\0';)
    {
      guint64 v = 0;
      const char *start;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p >= '0' && *p <= '9' && p - start < 10)
        v = v * 10 + (guint64) (*p++ - '0');
      if (p == start || (*p != '\0' && !g_ascii_isspace (*p)))
        ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                   _("<way> nodes must be node numbers separated by spaces"));
      else if (v >= n_nodes)
        {
          g_autofree char *number = g_strndup (start, p - start);

          ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                     _("<way> refers to node %s, but only %u nodes come before it"), number, n_nodes);
        }
      else if (indices->len >= MAX_WAY_NODES)
        ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("<way> has more than %u nodes"), MAX_WAY_NODES);
      else
        {
          guint32 v32 = (guint32) v;

          g_array_append_val (indices, v32);
        }
    }
  if (ok && indices->len < 2)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("<way> needs at least 2 nodes"));
  if (ok)
    ok = _linli_format_expect_empty (l, "way");
  if (ok)
    linli_streets_add_way (l->streets, kind, (const guint32 *) indices->data, indices->len);
  _linli_format_attrs_clear (&a);
  return ok;
}

static gboolean
street_item (LinliFormatReader *l)
{
  if (g_strcmp0 (_linli_format_node_name (l), "node") == 0)
    return parse_street_node (l);
  return parse_street_way (l, l->indices);
}

/* Nodes, then ways through nodes defined before them.  The project gets
 * the streets once they are all read, and only if there are any. */
static gboolean
read_streets (LinliFormatReader *l)
{
  static const char *const items[] = { "node", "way", NULL };
  gboolean ok;

  l->streets = linli_streets_new ();
  ok = _linli_format_read_list (l, "streets", items, street_item);
  if (ok && linli_streets_get_n_nodes (l->streets) > 0)
    linli_project_set_streets (l->project, g_steal_pointer (&l->streets));
  g_clear_pointer (&l->streets, linli_streets_free);
  return ok;
}

/* Writing */

/* Nodes first, each numbered by its place; then ways by node numbers. */
static gboolean
write_streets (LinliFormatWriter *w,
               LinliProject      *project)
{
  const LinliStreets *streets = linli_project_get_streets (project);
  GString *out = w->out;
  guint n_nodes = linli_streets_get_n_nodes (streets);
  const LinliLatLon *nodes = linli_streets_get_nodes (streets);

  if (n_nodes == 0)
    return TRUE;
  g_string_append (out, "  <streets>\n");
  for (guint i = 0; i < n_nodes; i++)
    {
      g_string_append (out, "    <node");
      _linli_format_append_coord (out, "lat", nodes[i].lat);
      _linli_format_append_coord (out, "lon", nodes[i].lon);
      g_string_append (out, "/>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  for (guint way = 0; way < linli_streets_get_n_ways (streets); way++)
    {
      LinliStreetKind kind;
      guint n;
      const guint32 *list = linli_streets_get_way (streets, way, &kind, &n);

      g_string_append (out, "    <way");
      _linli_format_append_attr (out, "kind", linli_street_kind_to_string (kind));
      g_string_append (out, " nodes=\"");
      for (guint k = 0; k < n; k++)
        {
          if (k > 0)
            g_string_append_c (out, ' ');
          _linli_format_append_uint (out, list[k]);
        }
      g_string_append (out, "\"/>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  g_string_append (out, "  </streets>\n");
  return TRUE;
}

const LinliFormatSection _linli_format_streets_section = { "streets", read_streets, write_streets };
