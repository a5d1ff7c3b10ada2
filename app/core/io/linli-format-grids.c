/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-format"

#include "config.h"

#include "linli-format-private.h"

#include "linli-geos.h"
#include "linli-grids.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The <grids> section: the household range, the boundaries drawn or
 * imported for communities and compounds, and the grids.  Outlines are
 * <ring> elements of "lon,lat" pairs, holes marked; each must make a valid
 * polygon (no ring crossing itself or another), checked with GEOS. */

#define MAX_RING_POINTS   100000
#define MAX_RINGS         1000
#define MAX_GRIDS         100000
#define MAX_HOUSEHOLDS    1000000

/* Reading */

/* Reads the <ring> children of the current element into a polygon; the
 * water section reads its areas with it too. */
LinliPolygon *
_linli_format_read_polygon (LinliFormatReader *l,
                            const char        *element,
                            const char        *what)
{
  static const char *const names[] = { "hole", NULL };
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  g_autoptr (GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) holes = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr (GArray) ring = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  g_autoptr (LinliPolygon) polygon = NULL;
  g_autofree char *problem = NULL;
  int type;
  int line;

  if (xmlTextReaderIsEmptyElement (l->x.reader))
    {
      fail (l, LINLI_FORMAT_ERROR_INVALID, _("%s has no outline"), what);
      return NULL;
    }
  line = linli_xml_line (&l->x);
  for (;;)
    {
      LinliFormatAttrs a = { names, { NULL } };
      gboolean hole = FALSE, ok;

      if (!read_node (l, &type))
        return NULL;
      if (type == XML_READER_TYPE_END_ELEMENT)
        break;
      if (type != XML_READER_TYPE_ELEMENT || strcmp (_linli_format_node_name (l), "ring") != 0)
        {
          fail (l, LINLI_FORMAT_ERROR_INVALID, _("<%s> may hold only <ring> elements"), element);
          return NULL;
        }
      ok = _linli_format_read_attrs (l, &a)
           && (a.values[0] == NULL || _linli_format_parse_boolean (l, "hole", a.values[0], &hole));
      _linli_format_attrs_clear (&a);
      if (!ok)
        return NULL;
      if (lengths->len == 0 && hole)
        {
          fail (l, LINLI_FORMAT_ERROR_INVALID, _("the first <ring> of %s is a hole"), what);
          return NULL;
        }
      if (lengths->len >= MAX_RINGS)
        {
          fail (l, LINLI_FORMAT_ERROR_INVALID, _("%s has more than %u rings"), what, MAX_RINGS);
          return NULL;
        }
      g_array_set_size (ring, 0);
      if (!_linli_format_read_points (l, "ring", MAX_RING_POINTS, ring))
        return NULL;
      g_array_append_vals (points, ring->data, ring->len);
      g_array_append_val (lengths, ring->len);
      g_array_append_val (holes, hole);
    }
  if (lengths->len == 0)
    {
      fail (l, LINLI_FORMAT_ERROR_INVALID, _("%s has no outline"), what);
      return NULL;
    }

  polygon = linli_polygon_new ((LinliLatLon *) points->data, (guint *) lengths->data,
                               (gboolean *) holes->data, lengths->len);
  {
    LinliProjection projection;
    LinliExtent extent;

    linli_polygon_get_extent (polygon, &extent);
    linli_projection_init (&projection, (extent.min_lat + extent.max_lat) / 2,
                           (extent.min_lon + extent.max_lon) / 2);
    problem = linli_polygon_check (polygon, &projection);
  }
  if (problem != NULL)
    {
      g_set_error (&l->x.error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_INVALID,
                   _("%s:%d: the outline of %s is not a valid polygon: %s"), l->x.display_name,
                   line, what, problem);
      return NULL;
    }
  return g_steal_pointer (&polygon);
}

static gboolean
parse_boundary (LinliFormatReader *l)
{
  static const char *const names[] = { "community", "compound", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliGrids *grids = linli_project_get_grids (l->project);
  g_autoptr (LinliPolygon) polygon = NULL;
  g_autofree char *what = NULL;
  gboolean ok = _linli_format_read_attrs (l, &a);
  gboolean compound = FALSE;
  int index = -1;

  if (ok && (a.values[0] == NULL) == (a.values[1] == NULL))
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
               _("<boundary> needs either a “community” or a “compound” attribute"));
  if (ok && a.values[0] != NULL)
    {
      index = linli_project_find_community (l->project, a.values[0]);
      what = g_strdup_printf (_("the boundary of community “%s”"), a.values[0]);
    }
  else if (ok)
    {
      compound = TRUE;
      index = linli_project_find_compound (l->project, a.values[1]);
      what = g_strdup_printf (_("the boundary of compound “%s”"), a.values[1]);
    }
  if (ok && index < 0)
    {
      g_autofree char *q = quote_value (compound ? a.values[1] : a.values[0]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 compound ? _("<boundary> refers to compound “%s”, which is not defined")
                          : _("<boundary> refers to community “%s”, which is not defined"), q);
    }
  if (ok && (compound ? linli_grids_get_compound_boundary (grids, index)
                      : linli_grids_get_community_boundary (grids, index)) != NULL)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("%s is given twice"), what);
  _linli_format_attrs_clear (&a);
  if (!ok || (polygon = _linli_format_read_polygon (l, "boundary", what)) == NULL)
    return FALSE;
  if (compound)
    linli_grids_set_compound_boundary (grids, index, polygon);
  else
    linli_grids_set_community_boundary (grids, index, polygon);
  return TRUE;
}

static gboolean
parse_grid (LinliFormatReader *l)
{
  enum { ID, CODE, NAME, COMMUNITY, WORKER, BRANCH, LOCKED };
  static const char *const names[] = { "id", "code", "name", "community", "worker", "branch",
                                       "locked", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliGrids *grids = linli_project_get_grids (l->project);
  LinliGridState state = { 0 };
  g_autofree char *what = NULL;
  gboolean ok = _linli_format_read_attrs (l, &a) && _linli_format_require (l, &a, ID, "grid")
                && _linli_format_require (l, &a, COMMUNITY, "grid")
                && _linli_format_check_id (l, "id", a.values[ID])
                && (a.values[CODE] == NULL || _linli_format_check_text (l, "code", a.values[CODE], MAX_ID_LENGTH))
                && (a.values[NAME] == NULL || _linli_format_check_text (l, "name", a.values[NAME], MAX_NAME_LENGTH))
                && (a.values[WORKER] == NULL
                    || _linli_format_check_text (l, "worker", a.values[WORKER], MAX_NAME_LENGTH))
                && (a.values[BRANCH] == NULL || _linli_format_check_id (l, "branch", a.values[BRANCH]))
                && (a.values[LOCKED] == NULL
                    || _linli_format_parse_boolean (l, "locked", a.values[LOCKED], &state.locked));
  int community = -1;

  if (ok && linli_grids_get_n_grids (grids) >= MAX_GRIDS)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("more than %u grids"), MAX_GRIDS);
  if (ok && linli_grids_find (grids, a.values[ID], NULL) != NULL)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("duplicate grid id “%s”"), a.values[ID]);
  if (ok && (community = linli_project_find_community (l->project, a.values[COMMUNITY])) < 0)
    {
      g_autofree char *q = quote_value (a.values[COMMUNITY]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("grid “%s” refers to community “%s”, which is not defined"), a.values[ID], q);
    }
  if (ok)
    {
      state.id = g_strdup (a.values[ID]);
      state.code = g_strdup (a.values[CODE]);
      state.name = g_strdup (a.values[NAME]);
      state.community = community;
      state.worker = g_strdup (a.values[WORKER]);
      state.branch = g_strdup (a.values[BRANCH]);
      what = g_strdup_printf (_("grid “%s”"), a.values[ID]);
    }
  _linli_format_attrs_clear (&a);
  if (ok)
    ok = (state.polygon = _linli_format_read_polygon (l, "grid", what)) != NULL;
  if (ok)
    {
      g_autoptr (LinliGrid) grid = linli_grid_new (&state);
      linli_grids_insert (grids, G_MAXUINT, grid);
    }
  linli_grid_state_clear (&state);
  return ok;
}

static gboolean
parse_grid_item (LinliFormatReader *l)
{
  if (strcmp (_linli_format_node_name (l), "boundary") == 0)
    return parse_boundary (l);
  return parse_grid (l);
}

static gboolean
read_grids (LinliFormatReader *l)
{
  static const char *const names[] = { "min-households", "max-households", NULL };
  static const char *const items[] = { "boundary", "grid", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliGrids *grids = linli_project_get_grids (l->project);
  guint min = LINLI_GRIDS_DEFAULT_MIN, max = LINLI_GRIDS_DEFAULT_MAX;
  gboolean ok = _linli_format_read_attrs (l, &a)
                && (a.values[0] == NULL
                    || _linli_format_parse_uint (l, "min-households", a.values[0], MAX_HOUSEHOLDS, &min))
                && (a.values[1] == NULL
                    || _linli_format_parse_uint (l, "max-households", a.values[1], MAX_HOUSEHOLDS, &max));

  _linli_format_attrs_clear (&a);
  if (ok && (min == 0 || min > max))
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
               _("the household range of grids, %u to %u, is empty"), min, max);
  if (!ok)
    return FALSE;
  linli_grids_set_range (grids, min, max);
  /* The list reader reads the attributes again: none it knows, so skip it
   * by reading the children here. */
  if (xmlTextReaderIsEmptyElement (l->x.reader))
    return TRUE;
  for (;;)
    {
      int type;

      if (!read_node (l, &type))
        return FALSE;
      if (type == XML_READER_TYPE_END_ELEMENT)
        return TRUE;
      if (type != XML_READER_TYPE_ELEMENT)
        return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected text in <%s>"), "grids");
      if (g_strv_contains (items, _linli_format_node_name (l)) == FALSE)
        return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected <%s> in <%s>"),
                     _linli_format_node_name (l), "grids");
      if (!parse_grid_item (l))
        return FALSE;
    }
}

/* Writing */

void
_linli_format_append_polygon (GString            *out,
                              const LinliPolygon *polygon)
{
  for (guint r = 0; r < linli_polygon_get_n_rings (polygon); r++)
    {
      guint n;
      const LinliLatLon *p = linli_polygon_get_ring (polygon, r, &n);

      g_string_append (out, linli_polygon_ring_is_hole (polygon, r) ? "<ring hole=\"true\">" : "<ring>");
      _linli_format_append_points (out, p, n);
      g_string_append (out, "</ring>");
    }
}

static gboolean
write_grids (LinliFormatWriter *w,
             LinliProject      *project)
{
  LinliGrids *grids = linli_project_get_grids (project);
  GString *out = w->out;
  guint n;
  g_autofree guint *communities = NULL;
  g_autofree guint *compounds = NULL;

  if (linli_grids_is_empty (grids))
    return TRUE;

  g_string_append (out, "  <grids min-households=\"");
  _linli_format_append_uint (out, linli_grids_get_min_households (grids));
  g_string_append (out, "\" max-households=\"");
  _linli_format_append_uint (out, linli_grids_get_max_households (grids));
  g_string_append (out, "\">\n");

  communities = linli_grids_list_boundaries (grids, FALSE, &n);
  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, "    <boundary");
      _linli_format_append_attr (out, "community", linli_project_get_community (project, communities[i])->id);
      g_string_append_c (out, '>');
      _linli_format_append_polygon (out,
                                    linli_grids_get_community_boundary (grids, communities[i]));
      g_string_append (out, "</boundary>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  compounds = linli_grids_list_boundaries (grids, TRUE, &n);
  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, "    <boundary");
      _linli_format_append_attr (out, "compound", linli_project_get_compound (project, compounds[i])->id);
      g_string_append_c (out, '>');
      _linli_format_append_polygon (out, linli_grids_get_compound_boundary (grids, compounds[i]));
      g_string_append (out, "</boundary>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }

  for (guint i = 0; i < linli_grids_get_n_grids (grids); i++)
    {
      const LinliGridState *s = linli_grid_get_state (linli_grids_get_grid (grids, i));

      g_string_append (out, "    <grid");
      _linli_format_append_attr (out, "id", s->id);
      if (s->code != NULL)
        _linli_format_append_attr (out, "code", s->code);
      if (s->name != NULL)
        _linli_format_append_attr (out, "name", s->name);
      _linli_format_append_attr (out, "community", linli_project_get_community (project, s->community)->id);
      if (s->worker != NULL)
        _linli_format_append_attr (out, "worker", s->worker);
      if (s->branch != NULL)
        _linli_format_append_attr (out, "branch", s->branch);
      if (s->locked)
        g_string_append (out, " locked=\"true\"");
      g_string_append_c (out, '>');
      _linli_format_append_polygon (out, s->polygon);
      g_string_append (out, "</grid>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  g_string_append (out, "  </grids>\n");
  return TRUE;
}

const LinliFormatSection _linli_format_grids_section = {
  .name = "grids",
  .read = read_grids,
  .write = write_grids,
};
