/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-format"

#include "config.h"

#include "linli-format-private.h"

#include "linli-number.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The sections of the project itself: settings, communities, compounds,
 * buildings (with their footprints) and sites. */

#define MAX_FOOTPRINT_POINTS 4096

/* Reading */

static gboolean
parse_settings (LinliFormatReader *l)
{
  /* The reach of each tier comes after, in LinliSiteTier order. */
  static const char *const names[] = { "walk-minutes", "walk-speed-kmh", "distance", "hide-names",
                                       "reach-street", "reach-community", "reach-station",
                                       "reach-neighbourhood", NULL };
  LinliReach reaches[LINLI_SITE_N_TIERS] = { { 0 } };
  LinliFormatAttrs a = { names, { NULL } };
  gboolean ok = _linli_format_read_attrs (l, &a);
  gboolean hide_names = FALSE;
  double minutes = LINLI_DEFAULT_WALK_MINUTES, speed = LINLI_DEFAULT_WALK_SPEED_KMH;
  LinliDistance distance = LINLI_DISTANCE_LINE;

  if (ok && a.values[0])
    ok = _linli_format_parse_double (l, "walk-minutes", a.values[0], 1, 120, &minutes);
  if (ok && a.values[1])
    ok = _linli_format_parse_double (l, "walk-speed-kmh", a.values[1], 1, 10, &speed);
  if (ok && a.values[2] && !linli_distance_from_string (a.values[2], &distance))
    {
      g_autofree char *q = quote_value (a.values[2]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("attribute “distance” must be “line” or “street”, not “%s”"), q);
    }
  if (ok && a.values[3])
    ok = _linli_format_parse_boolean (l, "hide-names", a.values[3], &hide_names);
  /* A file from before tiers had their own reach has none: every tier
   * follows the one walking rule. */
  for (guint t = 0; ok && t < LINLI_SITE_N_TIERS; t++)
    if (a.values[4 + t] != NULL && !linli_reach_from_string (a.values[4 + t], &reaches[t]))
      {
        g_autofree char *q = quote_value (a.values[4 + t]);
        ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                   _("attribute “%s” must be “project”, “gb-5”, “gb-10”, “gb-15” or minutes from 1 to 120, not “%s”"),
                   names[4 + t], q);
      }
  if (ok)
    {
      for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
        linli_project_set_tier_reach (l->project, t, &reaches[t]);
      linli_project_set_hide_names (l->project, hide_names);
      linli_project_set_distance (l->project, distance);
      linli_project_set_walk_minutes (l->project, minutes);
      linli_project_set_walk_speed (l->project, speed);
      ok = _linli_format_expect_empty (l, "settings");
    }
  _linli_format_attrs_clear (&a);
  return ok;
}

static gboolean
parse_community (LinliFormatReader *l)
{
  static const char *const names[] = { "id", "name", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  gboolean ok = _linli_format_read_attrs (l, &a) && _linli_format_require (l, &a, 0, "community") &&
                _linli_format_check_id (l, "id", a.values[0]) &&
                (a.values[1] == NULL || _linli_format_check_text (l, "name", a.values[1], MAX_NAME_LENGTH));

  if (ok && linli_project_find_community (l->project, a.values[0]) >= 0)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("duplicate community id “%s”"), a.values[0]);
  if (ok)
    {
      linli_project_add_community (l->project, a.values[0], a.values[1]);
      ok = _linli_format_expect_empty (l, "community");
    }
  _linli_format_attrs_clear (&a);
  return ok;
}

static gboolean
parse_compound (LinliFormatReader *l)
{
  static const char *const names[] = { "id", "name", "community", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  gboolean ok = _linli_format_read_attrs (l, &a) && _linli_format_require (l, &a, 0, "compound") &&
                _linli_format_require (l, &a, 2, "compound") && _linli_format_check_id (l, "id", a.values[0]) &&
                (a.values[1] == NULL || _linli_format_check_text (l, "name", a.values[1], MAX_NAME_LENGTH));
  int community = -1;

  if (ok && linli_project_find_compound (l->project, a.values[0]) >= 0)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("duplicate compound id “%s”"), a.values[0]);
  if (ok && (community = linli_project_find_community (l->project, a.values[2])) < 0)
    {
      g_autofree char *q = quote_value (a.values[2]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("compound “%s” refers to community “%s”, which is not defined before it"),
                 a.values[0], q);
    }
  if (ok)
    {
      linli_project_add_compound (l->project, a.values[0], a.values[1], community);
      ok = _linli_format_expect_empty (l, "compound");
    }
  _linli_format_attrs_clear (&a);
  return ok;
}

static gboolean
parse_building (LinliFormatReader *l)
{
  GArray *points = l->points;
  enum { ID, NAME, COMPOUND, LAT, LON, HOUSEHOLDS, RESIDENTS, MEMBERS, ESTIMATED, KIND, MEMBERS_UNKNOWN };
  static const char *const names[] = { "id", "name", "compound", "lat", "lon", "households",
                                       "residents", "party-members", "estimated", "kind",
                                       "party-members-unknown", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliBuilding b = { 0 };
  int compound = -1;
  guint index = 0;
  gboolean ok = _linli_format_read_attrs (l, &a) && _linli_format_require (l, &a, ID, "building") &&
                _linli_format_require (l, &a, COMPOUND, "building") && _linli_format_require (l, &a, LAT, "building") &&
                _linli_format_require (l, &a, LON, "building") && _linli_format_check_id (l, "id", a.values[ID]) &&
                (a.values[NAME] == NULL || _linli_format_check_text (l, "name", a.values[NAME], MAX_NAME_LENGTH)) &&
                _linli_format_parse_position (l, &a, LAT, LON, &b.lat, &b.lon) &&
                (a.values[HOUSEHOLDS] == NULL ||
                 _linli_format_parse_uint (l, "households", a.values[HOUSEHOLDS], MAX_COUNT, &b.households)) &&
                (a.values[RESIDENTS] == NULL ||
                 _linli_format_parse_uint (l, "residents", a.values[RESIDENTS], MAX_COUNT, &b.residents)) &&
                (a.values[MEMBERS] == NULL ||
                 _linli_format_parse_uint (l, "party-members", a.values[MEMBERS], MAX_COUNT, &b.party_members));

  if (ok && a.values[ESTIMATED])
    {
      gboolean estimated = FALSE;

      if ((ok = _linli_format_parse_boolean (l, "estimated", a.values[ESTIMATED], &estimated)) && estimated)
        b.flags |= LINLI_BUILDING_ESTIMATED;
    }
  if (ok && a.values[MEMBERS_UNKNOWN])
    {
      gboolean unknown = FALSE;

      if ((ok = _linli_format_parse_boolean (l, "party-members-unknown", a.values[MEMBERS_UNKNOWN], &unknown)) &&
          unknown)
        b.flags |= LINLI_BUILDING_MEMBERS_UNKNOWN;
    }
  if (ok && a.values[KIND])
    ok = _linli_format_check_text (l, "kind", a.values[KIND], MAX_NAME_LENGTH);
  if (ok && g_hash_table_contains (l->building_ids, a.values[ID]))
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("duplicate building id “%s”"), a.values[ID]);
  /* Buildings of one compound come together: most lookups are the last one. */
  if (ok && l->last_compound >= 0 &&
      strcmp (linli_project_get_compound (l->project, l->last_compound)->id, a.values[COMPOUND]) == 0)
    compound = l->last_compound;
  else if (ok && (compound = linli_project_find_compound (l->project, a.values[COMPOUND])) < 0)
    {
      g_autofree char *q = quote_value (a.values[COMPOUND]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("building “%s” refers to compound “%s”, which is not defined"), a.values[ID], q);
    }

  /* Add the building now, while its attributes are still readable: the
   * reader frees them once it moves on to a footprint. */
  if (ok)
    {
      b.id = a.values[ID];
      b.name = a.values[NAME];
      b.kind = a.values[KIND];
      b.compound = compound;
      l->last_compound = compound;
      index = linli_project_add_building (l->project, &b, NULL, 0);
      g_hash_table_insert (l->building_ids, (gpointer) linli_project_get_building (l->project, index)->id,
                           GUINT_TO_POINTER (index + 1));
    }
  _linli_format_attrs_clear (&a);

  if (ok && !xmlTextReaderIsEmptyElement (l->x.reader))
    {
      int type;

      g_array_set_size (points, 0);
      ok = read_node (l, &type);
      if (ok && type == XML_READER_TYPE_ELEMENT && g_strcmp0 (_linli_format_node_name (l), "footprint") == 0)
        {
          ok = _linli_format_read_points (l, "footprint", MAX_FOOTPRINT_POINTS, points) && read_node (l, &type);
          if (ok)
            linli_project_set_footprint (l->project, index, (LinliLatLon *) points->data, points->len);
        }
      if (ok && type != XML_READER_TYPE_END_ELEMENT)
        ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                   _("<building> may hold only one <footprint>"));
    }
  return ok;
}

static gboolean
parse_services (LinliFormatReader     *l,
                const char *value,
                guint      *services)
{
  g_auto (GStrv) words = g_strsplit_set (value, " \t\n\r", -1);

  *services = 0;
  for (guint i = 0; words[i] != NULL; i++)
    {
      LinliServices s;

      if (words[i][0] == '\0')
        continue;
      if (!linli_service_from_string (words[i], &s))
        {
          g_autofree char *q = quote_value (words[i]);
          return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unknown service “%s”"), q);
        }
      *services |= s;
    }
  return TRUE;
}

/**
 * _linli_format_read_site_state:
 * @element: the element the reader is on, for messages
 * @st: (out caller-allocates): the site read, to clear with linli_site_state_clear()
 *
 * Reads a site's attributes, as <site> has them, and its end: the sites
 * section and the scenarios section read sites alike.
 */
gboolean
_linli_format_read_site_state (LinliFormatReader *l,
                               const char        *element,
                               LinliSiteState    *st)
{
  enum { ID, NAME, TIER, STATUS, LAT, LON, CAPACITY, COST, SERVICES, EXTRA, PLAN, ADDRESS, AREA };
  static const char *const names[] = { "id", "name", "tier", "status", "lat", "lon", "capacity",
                                       "cost", "services", "extra-services", "plan", "address", "area",
                                       NULL };
  LinliFormatAttrs a = { names, { NULL } };
  gboolean ok;

  memset (st, 0, sizeof *st);
  ok = _linli_format_read_attrs (l, &a) && _linli_format_require (l, &a, ID, element) && _linli_format_require (l, &a, TIER, element) &&
                _linli_format_require (l, &a, STATUS, element) && _linli_format_require (l, &a, LAT, element) &&
                _linli_format_require (l, &a, LON, element) && _linli_format_check_id (l, "id", a.values[ID]) &&
                (a.values[NAME] == NULL || _linli_format_check_text (l, "name", a.values[NAME], MAX_NAME_LENGTH)) &&
                (a.values[EXTRA] == NULL ||
                 _linli_format_check_text (l, "extra-services", a.values[EXTRA], MAX_NAME_LENGTH)) &&
                (a.values[ADDRESS] == NULL ||
                 _linli_format_check_text (l, "address", a.values[ADDRESS], MAX_NAME_LENGTH)) &&
                _linli_format_parse_position (l, &a, LAT, LON, &st->lat, &st->lon);

  st->cost = -1;
  st->area = -1;
  if (ok && !linli_site_tier_from_string (a.values[TIER], &st->tier))
    {
      g_autofree char *q = quote_value (a.values[TIER]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unknown site tier “%s”"), q);
    }
  if (ok && !linli_site_status_from_string (a.values[STATUS], &st->status))
    {
      g_autofree char *q = quote_value (a.values[STATUS]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unknown site status “%s”"), q);
    }
  if (ok && a.values[CAPACITY])
    ok = _linli_format_parse_uint (l, "capacity", a.values[CAPACITY], 10 * MAX_COUNT, &st->capacity);
  if (ok && a.values[COST])
    ok = _linli_format_parse_double (l, "cost", a.values[COST], 0, 1e12, &st->cost);
  /* The writer leaves an area that is not given out; a stray area="0" reads as not given. */
  if (ok && a.values[AREA])
    ok = _linli_format_parse_double (l, "area", a.values[AREA], 0, LINLI_SITE_MAX_AREA, &st->area);
  if (ok && a.values[SERVICES])
    ok = parse_services (l, a.values[SERVICES], &st->services);
  if (ok && a.values[PLAN] && !linli_site_plan_rule_from_string (a.values[PLAN], &st->plan_rule))
    {
      g_autofree char *q = quote_value (a.values[PLAN]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unknown plan rule “%s”"), q);
    }
  if (ok)
    {
      st->id = g_strdup (a.values[ID]);
      st->name = g_strdup (a.values[NAME]);
      st->extra_services = g_strdup (a.values[EXTRA]);
      st->address = g_strdup (a.values[ADDRESS]);
    }
  _linli_format_attrs_clear (&a);
  if (ok)
    ok = _linli_format_expect_empty (l, element);
  if (!ok)
    linli_site_state_clear (st);
  return ok;
}

static gboolean
parse_site (LinliFormatReader *l)
{
  LinliSiteState st;
  g_autoptr (LinliSite) site = NULL;

  if (!_linli_format_read_site_state (l, "site", &st))
    return FALSE;
  if (g_hash_table_contains (l->site_ids, st.id))
    {
      fail (l, LINLI_FORMAT_ERROR_INVALID, _("duplicate site id “%s”"), st.id);
      linli_site_state_clear (&st);
      return FALSE;
    }
  site = linli_site_new (&st);
  linli_project_add_site (l->project, site);
  g_hash_table_add (l->site_ids, g_steal_pointer (&st.id));
  linli_site_state_clear (&st);
  return TRUE;
}

static gboolean
read_communities (LinliFormatReader *l)
{
  static const char *const items[] = { "community", NULL };

  return _linli_format_read_list (l, "communities", items, parse_community);
}

static gboolean
read_compounds (LinliFormatReader *l)
{
  static const char *const items[] = { "compound", NULL };

  return _linli_format_read_list (l, "compounds", items, parse_compound);
}

static gboolean
read_buildings (LinliFormatReader *l)
{
  static const char *const items[] = { "building", NULL };

  return _linli_format_read_list (l, "buildings", items, parse_building);
}

static gboolean
read_sites (LinliFormatReader *l)
{
  static const char *const items[] = { "site", NULL };

  return _linli_format_read_list (l, "sites", items, parse_site);
}

/* Writing */

static gboolean
write_settings (LinliFormatWriter *w,
                LinliProject      *project)
{
  GString *out = w->out;

  g_string_append (out, "  <settings");
  _linli_format_append_number (out, "walk-minutes", linli_project_get_walk_minutes (project));
  _linli_format_append_number (out, "walk-speed-kmh", linli_project_get_walk_speed (project));
  if (linli_project_get_distance (project) != LINLI_DISTANCE_LINE)
    _linli_format_append_attr (out, "distance", linli_distance_to_string (linli_project_get_distance (project)));
  if (linli_project_get_hide_names (project))
    g_string_append (out, " hide-names=\"true\"");
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    {
      LinliReach reach;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      linli_project_get_tier_reach (project, t, &reach);
      if (reach.rule == LINLI_REACH_PROJECT)
        continue;
      name = g_strconcat ("reach-", linli_site_tier_to_string (t), NULL);
      value = linli_reach_to_string (&reach);
      _linli_format_append_attr (out, name, value);
    }
  g_string_append (out, "/>\n");
  return TRUE;
}

static gboolean
write_communities (LinliFormatWriter *w,
                   LinliProject      *project)
{
  GString *out = w->out;

  g_string_append (out, "  <communities>\n");
  for (guint i = 0; i < linli_project_get_n_communities (project); i++)
    {
      const LinliCommunity *c = linli_project_get_community (project, i);

      g_string_append (out, "    <community");
      _linli_format_append_attr (out, "id", c->id);
      _linli_format_append_attr (out, "name", c->name);
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "  </communities>\n");
  return TRUE;
}

static gboolean
write_compounds (LinliFormatWriter *w,
                 LinliProject      *project)
{
  GString *out = w->out;

  g_string_append (out, "  <compounds>\n");
  for (guint i = 0; i < linli_project_get_n_compounds (project); i++)
    {
      const LinliCompound *c = linli_project_get_compound (project, i);

      g_string_append (out, "    <compound");
      _linli_format_append_attr (out, "id", c->id);
      _linli_format_append_attr (out, "name", c->name);
      _linli_format_append_attr (out, "community", linli_project_get_community (project, c->community)->id);
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "  </compounds>\n");
  return TRUE;
}

static gboolean
write_buildings (LinliFormatWriter *w,
                 LinliProject      *project)
{
  GString *out = w->out;
  guint n_buildings = linli_project_get_n_buildings (project);

  g_string_append (out, "  <buildings>\n");
  for (guint i = 0; i < n_buildings; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      const LinliLatLon *fp;
      guint n_fp;

      g_string_append (out, "    <building");
      _linli_format_append_attr (out, "id", b->id);
      if (b->name[0])
        _linli_format_append_attr (out, "name", b->name);
      _linli_format_append_attr (out, "compound", linli_project_get_compound (project, b->compound)->id);
      _linli_format_append_coord (out, "lat", b->lat);
      _linli_format_append_coord (out, "lon", b->lon);
      g_string_append (out, " households=\"");
      _linli_format_append_uint (out, b->households);
      g_string_append (out, "\" residents=\"");
      _linli_format_append_uint (out, b->residents);
      g_string_append (out, "\" party-members=\"");
      _linli_format_append_uint (out, b->party_members);
      g_string_append_c (out, '"');
      if (b->flags & LINLI_BUILDING_ESTIMATED)
        g_string_append (out, " estimated=\"true\"");
      if (b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN)
        g_string_append (out, " party-members-unknown=\"true\"");
      if (b->kind != NULL && b->kind[0])
        _linli_format_append_attr (out, "kind", b->kind);
      fp = linli_project_get_footprint (project, i, &n_fp);
      if (n_fp == 0)
        {
          g_string_append (out, "/>\n");
          if (!_linli_format_writer_step (w))
            return FALSE;
          continue;
        }
      g_string_append (out, "><footprint>");
      _linli_format_append_points (out, fp, n_fp);
      g_string_append (out, "</footprint></building>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  g_string_append (out, "  </buildings>\n");
  return TRUE;
}

/**
 * _linli_format_append_site:
 * @element: "site", or what the scenarios section calls a site
 *
 * Writes a site as one empty element with the attributes of <site>.
 */
void
_linli_format_append_site (GString              *out,
                           const char           *element,
                           const LinliSiteState *st)
{
  g_string_append_printf (out, "<%s", element);
  _linli_format_append_attr (out, "id", st->id);
  _linli_format_append_attr (out, "name", st->name);
  _linli_format_append_attr (out, "tier", linli_site_tier_to_string (st->tier));
  _linli_format_append_attr (out, "status", linli_site_status_to_string (st->status));
  _linli_format_append_coord (out, "lat", st->lat);
  _linli_format_append_coord (out, "lon", st->lon);
  if (st->capacity > 0)
    g_string_append_printf (out, " capacity=\"%u\"", st->capacity);
  if (st->cost >= 0)
    _linli_format_append_number (out, "cost", st->cost);
  if (st->services != 0)
    {
      g_string_append (out, " services=\"");
      for (guint k = 0, first = 1; k < LINLI_N_SERVICES; k++)
        if (st->services & (1u << k))
          {
            g_string_append_printf (out, "%s%s", first ? "" : " ", linli_service_to_string (1u << k));
            first = 0;
          }
      g_string_append_c (out, '"');
    }
  if (st->extra_services)
    _linli_format_append_attr (out, "extra-services", st->extra_services);
  if (st->plan_rule != LINLI_SITE_PLAN_ALLOWED)
    _linli_format_append_attr (out, "plan", linli_site_plan_rule_to_string (st->plan_rule));
  if (st->address != NULL && *st->address != '\0')
    _linli_format_append_attr (out, "address", st->address);
  if (st->area > 0)
    _linli_format_append_number (out, "area", st->area);
  g_string_append (out, "/>");
}

static gboolean
write_sites (LinliFormatWriter *w,
             LinliProject      *project)
{
  GString *out = w->out;
  guint n_sites = linli_project_get_n_sites (project);

  g_string_append (out, "  <sites>\n");
  for (guint i = 0; i < n_sites; i++)
    {
      g_autoptr (LinliSiteState) st = linli_site_dup_state (linli_project_get_site (project, i));

      g_string_append (out, "    ");
      _linli_format_append_site (out, "site", st);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "  </sites>\n");
  return TRUE;
}

/* Sections */

const LinliFormatSection _linli_format_settings_section = { "settings", parse_settings, write_settings };
const LinliFormatSection _linli_format_communities_section = { "communities", read_communities, write_communities };
const LinliFormatSection _linli_format_compounds_section = { "compounds", read_compounds, write_compounds };
const LinliFormatSection _linli_format_buildings_section = { "buildings", read_buildings, write_buildings };
const LinliFormatSection _linli_format_sites_section = { "sites", read_sites, write_sites };
