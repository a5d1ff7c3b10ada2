/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-format"

#include "config.h"

#include "linli-format.h"

#include "linli-file.h"
#include "linli-number.h"
#include "linli-xml.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (linli-format-error-quark, linli_format_error)

#define MAX_ID_LENGTH        256
#define MAX_NAME_LENGTH      1024
#define MAX_FOOTPRINT_POINTS 4096
#define MAX_STREET_NODES (16u * 1024 * 1024)
#define MAX_WAY_NODES 100000
#define MAX_COUNT            1000000u   /* households, residents or members of one building */

/* ------------------------------------------------------------------------ */
/* Loading                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct
{
  LinliXml         x;             /* the guarded reader, the document and the error */
  int              last_compound; /* of the building before, or -1 */
  LinliProject    *project;
  LinliStreets    *streets;       /* read so far */
  GHashTable      *building_ids;
  GHashTable      *site_ids;
  LinliExtent      extent;        /* of the positions read so far */
} Loader;

/* Attributes of the element the reader is on, by name. */
typedef struct
{
  const char *const *names;
  const char        *values[16];  /* borrowed from the reader's current node */
  char              *owned[16];   /* values that had to be assembled */
} Attrs;

/* The guarded reader's helpers, for this loader. */
#define fail(l, code, ...) linli_xml_fail (&(l)->x, (code), __VA_ARGS__)
#define read_node(l, type) linli_xml_read (&(l)->x, (type))
#define quote_value(value) linli_xml_quote (value)

static const char *
node_name (Loader *l)
{
  return (const char *) xmlTextReaderConstName (l->x.reader);
}

static void
attrs_clear (Attrs *a)
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
static gboolean
read_attrs (Loader *l,
            Attrs  *a)
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

static gboolean
require (Loader     *l,
         Attrs      *a,
         guint       index,
         const char *element)
{
  if (a->values[index] == NULL)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<%s> lacks the required attribute “%s”"),
                 element, a->names[index]);
  return TRUE;
}

/* Lengths count characters, as the schema's maxLength does. */
static gboolean
check_text (Loader     *l,
            const char *attr,
            const char *value,
            guint       max_length)
{
  if (strlen (value) > max_length && g_utf8_strlen (value, -1) > max_length)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("attribute “%s” is longer than %u characters"),
                 attr, max_length);
  return TRUE;
}

static gboolean
check_id (Loader     *l,
          const char *attr,
          const char *value)
{
  if (value[0] == '\0')
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("attribute “%s” must not be empty"), attr);
  return check_text (l, attr, value, MAX_ID_LENGTH);
}

static gboolean
parse_double (Loader     *l,
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

static gboolean
parse_uint (Loader     *l,
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

static gboolean
parse_boolean (Loader     *l,
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
static gboolean
check_extent (Loader *l,
              double  lat,
              double  lon)
{
  g_autofree char *problem = NULL;

  if (linli_extent_add (&l->extent, lat, lon) &&
      (problem = linli_extent_check (&l->extent)) != NULL)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, "%s", problem);
  return TRUE;
}

static gboolean
parse_position (Loader *l,
                Attrs  *a,
                guint   lat_index,
                guint   lon_index,
                double *lat,
                double *lon)
{
  return parse_double (l, "lat", a->values[lat_index], -90, 90, lat) &&
         parse_double (l, "lon", a->values[lon_index], -180, 180, lon) &&
         check_extent (l, *lat, *lon);
}

/* Skips to the end of an element that must have no children. */
static gboolean
expect_empty (Loader     *l,
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

static gboolean
parse_settings (Loader *l)
{
  static const char *const names[] = { "walk-minutes", "walk-speed-kmh", "distance", NULL };
  Attrs a = { names, { NULL } };
  gboolean ok = read_attrs (l, &a);
  double minutes = LINLI_DEFAULT_WALK_MINUTES, speed = LINLI_DEFAULT_WALK_SPEED_KMH;
  LinliDistance distance = LINLI_DISTANCE_LINE;

  if (ok && a.values[0])
    ok = parse_double (l, "walk-minutes", a.values[0], 1, 120, &minutes);
  if (ok && a.values[1])
    ok = parse_double (l, "walk-speed-kmh", a.values[1], 1, 10, &speed);
  if (ok && a.values[2] && !linli_distance_from_string (a.values[2], &distance))
    {
      g_autofree char *q = quote_value (a.values[2]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("attribute “distance” must be “line” or “street”, not “%s”"), q);
    }
  if (ok)
    {
      linli_project_set_distance (l->project, distance);
      linli_project_set_walk_minutes (l->project, minutes);
      linli_project_set_walk_speed (l->project, speed);
      ok = expect_empty (l, "settings");
    }
  attrs_clear (&a);
  return ok;
}

static gboolean
parse_community (Loader *l)
{
  static const char *const names[] = { "id", "name", NULL };
  Attrs a = { names, { NULL } };
  gboolean ok = read_attrs (l, &a) && require (l, &a, 0, "community") &&
                check_id (l, "id", a.values[0]) &&
                (a.values[1] == NULL || check_text (l, "name", a.values[1], MAX_NAME_LENGTH));

  if (ok && linli_project_find_community (l->project, a.values[0]) >= 0)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("duplicate community id “%s”"), a.values[0]);
  if (ok)
    {
      linli_project_add_community (l->project, a.values[0], a.values[1]);
      ok = expect_empty (l, "community");
    }
  attrs_clear (&a);
  return ok;
}

static gboolean
parse_compound (Loader *l)
{
  static const char *const names[] = { "id", "name", "community", NULL };
  Attrs a = { names, { NULL } };
  gboolean ok = read_attrs (l, &a) && require (l, &a, 0, "compound") &&
                require (l, &a, 2, "compound") && check_id (l, "id", a.values[0]) &&
                (a.values[1] == NULL || check_text (l, "name", a.values[1], MAX_NAME_LENGTH));
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
      ok = expect_empty (l, "compound");
    }
  attrs_clear (&a);
  return ok;
}

static gboolean
parse_footprint (Loader *l,
                 GArray *points)
{
  const char *p;
  int type;

  if (xmlTextReaderIsEmptyElement (l->x.reader))
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<footprint> is empty"));
  if (!read_node (l, &type))
    return FALSE;
  if (type != XML_READER_TYPE_TEXT && type != XML_READER_TYPE_CDATA)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<footprint> must hold only “lon,lat” pairs"));

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
                     _("<footprint> point %u is not a “lon,lat” pair"), points->len + 1);
      p = end + 1;
      if (!linli_number_scan (p, &end, &pt.lat) || (*end != '\0' && !g_ascii_isspace (*end)))
        return fail (l, LINLI_FORMAT_ERROR_INVALID,
                     _("<footprint> point %u is not a “lon,lat” pair"), points->len + 1);
      if (!linli_lat_lon_is_valid (pt.lat, pt.lon))
        return fail (l, LINLI_FORMAT_ERROR_INVALID,
                     _("<footprint> point %u lies outside the valid range of coordinates"),
                     points->len + 1);
      if (!check_extent (l, pt.lat, pt.lon))
        return FALSE;
      if (points->len >= MAX_FOOTPRINT_POINTS)
        return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<footprint> has more than %u points"),
                     MAX_FOOTPRINT_POINTS);
      g_array_append_val (points, pt);
      p = end;
    }
  if (points->len < 3)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<footprint> needs at least 3 points"));

  if (!read_node (l, &type))
    return FALSE;
  if (type != XML_READER_TYPE_END_ELEMENT)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<footprint> must hold only “lon,lat” pairs"));
  return TRUE;
}

static gboolean
parse_building (Loader *l,
                GArray *points)
{
  enum { ID, NAME, COMPOUND, LAT, LON, HOUSEHOLDS, RESIDENTS, MEMBERS, ESTIMATED };
  static const char *const names[] = { "id", "name", "compound", "lat", "lon", "households",
                                       "residents", "party-members", "estimated", NULL };
  Attrs a = { names, { NULL } };
  LinliBuilding b = { 0 };
  int compound = -1;
  guint index = 0;
  gboolean ok = read_attrs (l, &a) && require (l, &a, ID, "building") &&
                require (l, &a, COMPOUND, "building") && require (l, &a, LAT, "building") &&
                require (l, &a, LON, "building") && check_id (l, "id", a.values[ID]) &&
                (a.values[NAME] == NULL || check_text (l, "name", a.values[NAME], MAX_NAME_LENGTH)) &&
                parse_position (l, &a, LAT, LON, &b.lat, &b.lon) &&
                (a.values[HOUSEHOLDS] == NULL ||
                 parse_uint (l, "households", a.values[HOUSEHOLDS], MAX_COUNT, &b.households)) &&
                (a.values[RESIDENTS] == NULL ||
                 parse_uint (l, "residents", a.values[RESIDENTS], MAX_COUNT, &b.residents)) &&
                (a.values[MEMBERS] == NULL ||
                 parse_uint (l, "party-members", a.values[MEMBERS], MAX_COUNT, &b.party_members));

  if (ok && a.values[ESTIMATED])
    {
      gboolean estimated = FALSE;

      if ((ok = parse_boolean (l, "estimated", a.values[ESTIMATED], &estimated)) && estimated)
        b.flags |= LINLI_BUILDING_ESTIMATED;
    }
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
      b.compound = compound;
      l->last_compound = compound;
      index = linli_project_add_building (l->project, &b, NULL, 0);
      g_hash_table_add (l->building_ids, (gpointer) linli_project_get_building (l->project, index)->id);
    }
  attrs_clear (&a);

  if (ok && !xmlTextReaderIsEmptyElement (l->x.reader))
    {
      int type;

      g_array_set_size (points, 0);
      ok = read_node (l, &type);
      if (ok && type == XML_READER_TYPE_ELEMENT && g_strcmp0 (node_name (l), "footprint") == 0)
        {
          ok = parse_footprint (l, points) && read_node (l, &type);
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
parse_services (Loader     *l,
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

static gboolean
parse_site (Loader *l)
{
  enum { ID, NAME, TIER, STATUS, LAT, LON, CAPACITY, COST, SERVICES, EXTRA, PLAN };
  static const char *const names[] = { "id", "name", "tier", "status", "lat", "lon", "capacity",
                                       "cost", "services", "extra-services", "plan", NULL };
  Attrs a = { names, { NULL } };
  LinliSiteState st = { 0 };
  gboolean ok = read_attrs (l, &a) && require (l, &a, ID, "site") && require (l, &a, TIER, "site") &&
                require (l, &a, STATUS, "site") && require (l, &a, LAT, "site") &&
                require (l, &a, LON, "site") && check_id (l, "id", a.values[ID]) &&
                (a.values[NAME] == NULL || check_text (l, "name", a.values[NAME], MAX_NAME_LENGTH)) &&
                (a.values[EXTRA] == NULL ||
                 check_text (l, "extra-services", a.values[EXTRA], MAX_NAME_LENGTH)) &&
                parse_position (l, &a, LAT, LON, &st.lat, &st.lon);

  st.cost = -1;
  if (ok && !linli_site_tier_from_string (a.values[TIER], &st.tier))
    {
      g_autofree char *q = quote_value (a.values[TIER]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unknown site tier “%s”"), q);
    }
  if (ok && !linli_site_status_from_string (a.values[STATUS], &st.status))
    {
      g_autofree char *q = quote_value (a.values[STATUS]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unknown site status “%s”"), q);
    }
  if (ok && a.values[CAPACITY])
    ok = parse_uint (l, "capacity", a.values[CAPACITY], 10 * MAX_COUNT, &st.capacity);
  if (ok && a.values[COST])
    ok = parse_double (l, "cost", a.values[COST], 0, 1e12, &st.cost);
  if (ok && a.values[SERVICES])
    ok = parse_services (l, a.values[SERVICES], &st.services);
  if (ok && a.values[PLAN] && !linli_site_plan_rule_from_string (a.values[PLAN], &st.plan_rule))
    {
      g_autofree char *q = quote_value (a.values[PLAN]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unknown plan rule “%s”"), q);
    }
  if (ok && g_hash_table_contains (l->site_ids, a.values[ID]))
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("duplicate site id “%s”"), a.values[ID]);
  if (ok)
    ok = expect_empty (l, "site");
  if (ok)
    {
      g_autoptr (LinliSite) site = NULL;

      st.id = (char *) a.values[ID];
      st.name = (char *) a.values[NAME];
      st.extra_services = (char *) a.values[EXTRA];
      site = linli_site_new (&st);
      linli_project_add_site (l->project, site);
      g_hash_table_add (l->site_ids, g_strdup (st.id));
    }
  attrs_clear (&a);
  return ok;
}

static gboolean
parse_street_node (Loader *l)
{
  static const char *const names[] = { "lat", "lon", NULL };
  Attrs a = { names, { NULL } };
  double lat, lon;
  gboolean ok = read_attrs (l, &a) && require (l, &a, 0, "node") && require (l, &a, 1, "node") &&
                parse_position (l, &a, 0, 1, &lat, &lon) && expect_empty (l, "node");

  if (ok && linli_streets_get_n_nodes (l->streets) >= MAX_STREET_NODES)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("<streets> has more than %u nodes"), MAX_STREET_NODES);
  if (ok)
    linli_streets_add_node (l->streets, lat, lon);
  attrs_clear (&a);
  return ok;
}

static gboolean
parse_street_way (Loader *l,
                  GArray *indices)
{
  static const char *const names[] = { "kind", "nodes", NULL };
  Attrs a = { names, { NULL } };
  LinliStreetKind kind = LINLI_STREET_FOOTWAY;
  guint n_nodes = linli_streets_get_n_nodes (l->streets);
  gboolean ok = read_attrs (l, &a) && require (l, &a, 0, "way") && require (l, &a, 1, "way");

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
    ok = expect_empty (l, "way");
  if (ok)
    linli_streets_add_way (l->streets, kind, (const guint32 *) indices->data, indices->len);
  attrs_clear (&a);
  return ok;
}

static gboolean
street_item (Loader *l,
             GArray *points)
{
  g_autoptr (GArray) indices = NULL;

  if (g_strcmp0 (node_name (l), "node") == 0)
    return parse_street_node (l);
  indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  return parse_street_way (l, indices);
}

typedef gboolean (*ItemParser) (Loader *l, GArray *points);

static gboolean
parse_list (Loader     *l,
            const char *list,
            const char *item,
            ItemParser  parser,
            GArray     *points)
{
  static const char *const no_names[] = { NULL };
  Attrs a = { no_names, { NULL } };
  int type;

  if (!read_attrs (l, &a))
    return FALSE;
  if (xmlTextReaderIsEmptyElement (l->x.reader))
    return TRUE;
  for (;;)
    {
      if (!read_node (l, &type))
        return FALSE;
      if (type == XML_READER_TYPE_END_ELEMENT)
        return TRUE;
      if (type != XML_READER_TYPE_ELEMENT ||
          (g_strcmp0 (node_name (l), item) != 0 &&
           !(parser == street_item && g_strcmp0 (node_name (l), "way") == 0)))
        {
          if (type == XML_READER_TYPE_ELEMENT)
            return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected <%s> in <%s>"),
                         node_name (l), list);
          return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected text in <%s>"), list);
        }
      if (!parser (l, points))
        return FALSE;
    }
}

static gboolean
community_item (Loader *l, GArray *points)
{
  return parse_community (l);
}

static gboolean
compound_item (Loader *l, GArray *points)
{
  return parse_compound (l);
}

static gboolean
site_item (Loader *l, GArray *points)
{
  return parse_site (l);
}

static gboolean
parse_root (Loader *l)
{
  static const char *const names[] = { "version", "name", "attribution", NULL };
  static const struct { const char *list, *item; ItemParser parser; } sections[] = {
    { "settings", NULL, NULL },
    { "communities", "community", community_item },
    { "compounds", "compound", compound_item },
    { "buildings", "building", parse_building },
    { "sites", "site", site_item },
    { "streets", "node", street_item },   /* and <way> */
  };
  Attrs a = { names, { NULL } };
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  guint next_section = 0;
  gboolean ok;
  int type;

  if (!read_node (l, &type))
    return FALSE;
  if (type == XML_READER_TYPE_NONE)
    return fail (l, LINLI_FORMAT_ERROR_MALFORMED, _("the file is empty"));
  if (type != XML_READER_TYPE_ELEMENT || g_strcmp0 (node_name (l), "linli") != 0)
    return fail (l, LINLI_FORMAT_ERROR_INVALID, _("not a Linli project: the root element is not <linli>"));

  ok = read_attrs (l, &a) && require (l, &a, 0, "linli");
  if (ok && g_strcmp0 (a.values[0], "1") != 0)
    {
      g_autofree char *q = quote_value (a.values[0]);
      ok = fail (l, LINLI_FORMAT_ERROR_VERSION,
                 _("format version “%s” is not supported; this Linli reads version %d"), q,
                 LINLI_FORMAT_VERSION);
    }
  if (ok && a.values[1])
    ok = check_text (l, "name", a.values[1], MAX_NAME_LENGTH);
  if (ok && a.values[2])
    ok = check_text (l, "attribution", a.values[2], MAX_NAME_LENGTH);
  if (ok)
    {
      linli_project_set_name (l->project, a.values[1]);
      linli_project_set_attribution (l->project, a.values[2]);
    }
  attrs_clear (&a);
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

          name = node_name (l);
          for (s = next_section; s < G_N_ELEMENTS (sections); s++)
            if (g_strcmp0 (name, sections[s].list) == 0)
              break;
          if (s == G_N_ELEMENTS (sections))
            return fail (l, LINLI_FORMAT_ERROR_INVALID,
                         _("unexpected <%s> in <linli> (sections come once each, in the order "
                           "settings, communities, compounds, buildings, sites, streets)"), name);
          next_section = s + 1;
          if (s == 0)
            ok = parse_settings (l);
          else
            ok = parse_list (l, sections[s].list, sections[s].item, sections[s].parser, points);
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
 * schema in data/linli-1.rng says plus what it cannot: ranges, unique ids
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
  Loader l = { 0 };
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
  l.last_compound = -1;
  l.project = project;
  linli_extent_init (&l.extent);
  l.building_ids = g_hash_table_new (g_str_hash, g_str_equal);
  l.site_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  l.streets = linli_streets_new ();
  ok = parse_root (&l);
  if (ok && linli_streets_get_n_nodes (l.streets) > 0)
    linli_project_set_streets (project, g_steal_pointer (&l.streets));
  g_clear_pointer (&l.streets, linli_streets_free);

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
static void
append_escaped (GString    *out,
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

static void
append_attr (GString    *out,
             const char *name,
             const char *value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  append_escaped (out, value);
  g_string_append_c (out, '"');
}

/* Appends @value with 7 decimals, as "%.7f" would, without printf: saving
 * writes millions of coordinates.  Rounding is to the nearest 1e-7, which
 * for every value read from a file (7 decimals at most) gives back its text. */
static void
append_fixed7 (GString *out,
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

static void
append_uint (GString *out,
             guint    value)
{
  char buf[16];
  char *p = buf + sizeof buf;

  do
    *--p = (char) ('0' + value % 10);
  while ((value /= 10) > 0);
  g_string_append_len (out, p, buf + sizeof buf - p);
}

static void
append_coord (GString    *out,
              const char *name,
              double      value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  append_fixed7 (out, value);
  g_string_append_c (out, '"');
}

static void
append_number (GString    *out,
               const char *name,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, " %s=\"%s\"", name, g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}

/* Where a document being written goes: a file, in chunks, so saving a
 * large district never holds the whole document in memory. */
typedef struct
{
  LinliFileWriter *writer;
  GError         **error;
} Sink;

#define SINK_CHUNK (1 << 20)

/* The file helpers speak G_IO_ERROR; a save fails in this domain. */
static void
set_save_error (GError **error,
                GError  *io_error)
{
  g_set_error_literal (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_FAILED, io_error->message);
  g_error_free (io_error);
}

static gboolean
sink_flush (Sink    *sink,
            GString *out)
{
  GError *io_error = NULL;

  if (!linli_file_writer_write (sink->writer, out->str, out->len, &io_error))
    {
      set_save_error (sink->error, io_error);
      return FALSE;
    }
  g_string_truncate (out, 0);
  return TRUE;
}

/* Nodes first, each numbered by its place; then ways by node numbers. */
static gboolean
write_streets (const LinliStreets *streets,
               GString            *out,
               Sink               *sink)
{
  guint n_nodes = linli_streets_get_n_nodes (streets);
  const LinliLatLon *nodes = linli_streets_get_nodes (streets);

  if (n_nodes == 0)
    return TRUE;
  g_string_append (out, "  <streets>\n");
  for (guint i = 0; i < n_nodes; i++)
    {
      g_string_append (out, "    <node");
      append_coord (out, "lat", nodes[i].lat);
      append_coord (out, "lon", nodes[i].lon);
      g_string_append (out, "/>\n");
      if (sink != NULL && out->len >= SINK_CHUNK && !sink_flush (sink, out))
        return FALSE;
    }
  for (guint w = 0; w < linli_streets_get_n_ways (streets); w++)
    {
      LinliStreetKind kind;
      guint n;
      const guint32 *list = linli_streets_get_way (streets, w, &kind, &n);

      g_string_append (out, "    <way");
      append_attr (out, "kind", linli_street_kind_to_string (kind));
      g_string_append (out, " nodes=\"");
      for (guint k = 0; k < n; k++)
        {
          if (k > 0)
            g_string_append_c (out, ' ');
          append_uint (out, list[k]);
        }
      g_string_append (out, "\"/>\n");
      if (sink != NULL && out->len >= SINK_CHUNK && !sink_flush (sink, out))
        return FALSE;
    }
  g_string_append (out, "  </streets>\n");
  return TRUE;
}

/* Writes @project as a version 1 document into @out, and on into @sink
 * whenever a chunk is full, if there is one. */
static gboolean
write_document (LinliProject *project,
                GString      *out,
                Sink         *sink)
{
  guint n_buildings = linli_project_get_n_buildings (project);
  guint n_sites = linli_project_get_n_sites (project);

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<linli version=\"1\"");
  append_attr (out, "name", linli_project_get_name (project));
  if (linli_project_get_attribution (project)[0] != '\0')
    append_attr (out, "attribution", linli_project_get_attribution (project));
  g_string_append (out, ">\n  <settings");
  append_number (out, "walk-minutes", linli_project_get_walk_minutes (project));
  append_number (out, "walk-speed-kmh", linli_project_get_walk_speed (project));
  if (linli_project_get_distance (project) != LINLI_DISTANCE_LINE)
    append_attr (out, "distance", linli_distance_to_string (linli_project_get_distance (project)));
  g_string_append (out, "/>\n  <communities>\n");
  for (guint i = 0; i < linli_project_get_n_communities (project); i++)
    {
      const LinliCommunity *c = linli_project_get_community (project, i);

      g_string_append (out, "    <community");
      append_attr (out, "id", c->id);
      append_attr (out, "name", c->name);
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "  </communities>\n  <compounds>\n");
  for (guint i = 0; i < linli_project_get_n_compounds (project); i++)
    {
      const LinliCompound *c = linli_project_get_compound (project, i);

      g_string_append (out, "    <compound");
      append_attr (out, "id", c->id);
      append_attr (out, "name", c->name);
      append_attr (out, "community", linli_project_get_community (project, c->community)->id);
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "  </compounds>\n  <buildings>\n");
  for (guint i = 0; i < n_buildings; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      const LinliLatLon *fp;
      guint n_fp;

      g_string_append (out, "    <building");
      append_attr (out, "id", b->id);
      if (b->name[0])
        append_attr (out, "name", b->name);
      append_attr (out, "compound", linli_project_get_compound (project, b->compound)->id);
      append_coord (out, "lat", b->lat);
      append_coord (out, "lon", b->lon);
      g_string_append (out, " households=\"");
      append_uint (out, b->households);
      g_string_append (out, "\" residents=\"");
      append_uint (out, b->residents);
      g_string_append (out, "\" party-members=\"");
      append_uint (out, b->party_members);
      g_string_append_c (out, '"');
      if (b->flags & LINLI_BUILDING_ESTIMATED)
        g_string_append (out, " estimated=\"true\"");
      fp = linli_project_get_footprint (project, i, &n_fp);
      if (n_fp == 0)
        {
          g_string_append (out, "/>\n");
          if (sink != NULL && out->len >= SINK_CHUNK && !sink_flush (sink, out))
            return FALSE;
          continue;
        }
      g_string_append (out, "><footprint>");
      for (guint k = 0; k < n_fp; k++)
        {
          if (k > 0)
            g_string_append_c (out, ' ');
          append_fixed7 (out, fp[k].lon);
          g_string_append_c (out, ',');
          append_fixed7 (out, fp[k].lat);
        }
      g_string_append (out, "</footprint></building>\n");
      if (sink != NULL && out->len >= SINK_CHUNK && !sink_flush (sink, out))
        return FALSE;
    }
  g_string_append (out, "  </buildings>\n  <sites>\n");
  for (guint i = 0; i < n_sites; i++)
    {
      LinliSite *site = linli_project_get_site (project, i);
      guint services = linli_site_get_services (site);

      g_string_append (out, "    <site");
      append_attr (out, "id", linli_site_get_id (site));
      append_attr (out, "name", linli_site_get_name (site));
      append_attr (out, "tier", linli_site_tier_to_string (linli_site_get_tier (site)));
      append_attr (out, "status", linli_site_status_to_string (linli_site_get_status (site)));
      append_coord (out, "lat", linli_site_get_lat (site));
      append_coord (out, "lon", linli_site_get_lon (site));
      if (linli_site_get_capacity (site) > 0)
        g_string_append_printf (out, " capacity=\"%u\"", linli_site_get_capacity (site));
      if (linli_site_get_cost (site) >= 0)
        append_number (out, "cost", linli_site_get_cost (site));
      if (services != 0)
        {
          g_string_append (out, " services=\"");
          for (guint k = 0, first = 1; k < LINLI_N_SERVICES; k++)
            if (services & (1u << k))
              {
                g_string_append_printf (out, "%s%s", first ? "" : " ",
                                        linli_service_to_string (1u << k));
                first = 0;
              }
          g_string_append_c (out, '"');
        }
      if (linli_site_get_extra_services (site))
        append_attr (out, "extra-services", linli_site_get_extra_services (site));
      if (linli_site_get_plan_rule (site) != LINLI_SITE_PLAN_ALLOWED)
        append_attr (out, "plan", linli_site_plan_rule_to_string (linli_site_get_plan_rule (site)));
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "  </sites>\n");
  return write_streets (linli_project_get_streets (project), out, sink) &&
         (g_string_append (out, "</linli>\n"), sink == NULL || sink_flush (sink, out));
}

/**
 * linli_format_save_bytes:
 *
 * Writes the project as a version 1 `.linli` document.  Coordinates are
 * written with 7 decimals (about 1 cm).
 *
 * Returns: (transfer full): the document
 */
GBytes *
linli_format_save_bytes (LinliProject *project)
{
  GString *out = g_string_sized_new (256 + (gsize) linli_project_get_n_buildings (project) * 200);

  write_document (project, out, NULL);
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
  g_autoptr (GString) out = g_string_sized_new (SINK_CHUNK + 4096);
  GError *io_error = NULL;
  Sink sink = { NULL, error };

  if (!check_saveable (project, path, error))
    return FALSE;
  sink.writer = linli_file_writer_new (path, &io_error);
  if (sink.writer == NULL)
    {
      set_save_error (error, io_error);
      return FALSE;
    }
  if (!write_document (project, out, &sink))
    {
      linli_file_writer_abort (sink.writer);
      return FALSE;
    }
  if (!linli_file_writer_commit (sink.writer, &io_error))
    {
      set_save_error (error, io_error);
      return FALSE;
    }
  return TRUE;
}
