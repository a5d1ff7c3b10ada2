/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-import"

#include "config.h"

#include "linli-import-private.h"
#include "linli-file.h"
#include "linli-number.h"
#include "linli-xml.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* OpenStreetMap XML (.osm), read with libxml2's streaming reader.
 *
 * Nodes usually come first, then ways, then relations, but nothing here
 * relies on it: node coordinates are kept by OSM id and every reference
 * is resolved at the end.  References to nodes or ways the file lacks
 * (an extract clipped at its edge) are counted, and what depends on them
 * is dropped: a building, or the points of a street (the rest of the
 * street stays).
 */


#define MAX_TAGS          5000     /* per element */
#define MAX_TAG_LENGTH    4096     /* bytes of a key or value; OSM allows 255 characters */
#define MAX_MEMBERS       100000   /* per relation; OSM allows 32,000 */

typedef struct
{
  gint64 id;
  double lat;
  double lon;
} OsmNode;

typedef enum
{
  WAY_BUILDING = 1 << 0,
  WAY_STREET   = 1 << 1,
  WAY_OUTER    = 1 << 2,   /* an outer ring of a building relation: not a building itself */
  WAY_AREA     = 1 << 3,   /* an area the areas filter took */
  WAY_PLACE    = 1 << 4,   /* a building or service position: its feature places a point */
  WAY_WATER    = 1 << 5,   /* a waterway line or a water area (see water) */
} WayFlags;

typedef struct
{
  gint64  id;
  guint32 refs_start;
  guint32 n_refs;
  guint32 feature;         /* index into features, or G_MAXUINT32 */
  guint8  flags;
  guint8  kind;            /* LinliStreetKind, for WAY_STREET */
  guint8  water;           /* for WAY_WATER: WATER_LINE or WATER_AREA | its kind */
} OsmWay;

typedef enum
{
  ROLE_OUTER,
  ROLE_INNER,
} MemberRole;

typedef struct
{
  gint64 ref;              /* a way */
  guint8 role;
} OsmMember;

typedef struct
{
  gint64  id;
  guint32 members_start;
  guint32 n_members;
  guint32 feature;
  guint8  water;           /* WATER_AREA | its kind, or 0 */
} OsmRelation;

typedef enum
{
  ELEMENT_NONE,            /* outside, or in one this reader does not use */
  ELEMENT_NODE,
  ELEMENT_WAY,
  ELEMENT_RELATION,
} Element;

typedef struct
{
  LinliImporter   *imp;
  LinliXml         x;               /* the guarded reader, the document and the error */

  GArray          *nodes;           /* OsmNode, sorted by id at the end */
  gboolean         nodes_sorted;
  GArray          *ways;            /* OsmWay, in file order */
  GArray          *refs;            /* gint64: the ways' node references */
  GArray          *relations;       /* OsmRelation */
  GArray          *members;         /* OsmMember */
  GPtrArray       *features;        /* tags (GPtrArray) of buildings and amenities */
  GPtrArray       *tags;            /* of the element being read: key, value, key, value … */

  /* The element being read. */
  Element          element;
  gint64           id;
  double           lat;
  double           lon;
  guint32          refs_start;
  guint32          members_start;

  /* Set by linli_import_osm_areas(): only the areas @area_filter takes
   * are kept, and given to @area_func instead of making buildings. */
  LinliOsmAreaFilter area_filter;
  LinliOsmAreaFunc   area_func;
  gpointer           area_data;
} OsmReader;

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

static const char *
tags_get (gconstpointer data,
          const char   *key)
{
  const GPtrArray *tags = data;

  for (guint i = 0; i + 1 < tags->len; i += 2)
    if (strcmp (g_ptr_array_index (tags, i), key) == 0)
      return g_ptr_array_index (tags, i + 1);
  return NULL;
}

/* The guarded reader's helpers, for this reader's errors. */
#define fail(r, ...) linli_xml_fail (&(r)->x, LINLI_IMPORT_ERROR_INVALID, __VA_ARGS__)
#define read_node(r, type) linli_xml_read (&(r)->x, (type))
#define quote_value(value) linli_xml_quote (value)

/* An OSM id as text, for messages: gettext cannot see through
 * G_GINT64_FORMAT. */
#define ID_BUF 24
static const char *
id_text (gint64  id,
         char   *buf)
{
  g_snprintf (buf, ID_BUF, "%" G_GINT64_FORMAT, id);
  return buf;
}
#define ID_TEXT(id) id_text ((id), (char[ID_BUF]) { 0 })

/* The attributes of the current element named in @names, into @values
 * (borrowed from the reader's node, or assembled into @owned). */
static void
read_attrs (OsmReader         *r,
            const char *const *names,
            const char       **values,
            char             **owned)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (r->x.reader);

  for (guint i = 0; names[i] != NULL; i++)
    {
      values[i] = NULL;
      g_clear_pointer (&owned[i], g_free);
    }
  for (xmlAttrPtr attr = node != NULL ? node->properties : NULL; attr != NULL; attr = attr->next)
    for (guint i = 0; names[i] != NULL; i++)
      if (strcmp ((const char *) attr->name, names[i]) == 0)
        {
          if (attr->children == NULL)
            values[i] = "";
          else if (attr->children->type == XML_TEXT_NODE && attr->children->next == NULL)
            values[i] = (const char *) attr->children->content;
          else
            {
              xmlChar *joined = xmlNodeListGetString (node->doc, attr->children, 1);

              owned[i] = g_strdup (joined ? (const char *) joined : "");
              xmlFree (joined);
              values[i] = owned[i];
            }
          break;
        }
}

static gboolean
parse_id (OsmReader  *r,
          const char *element,
          const char *attr,
          const char *value,
          gint64     *id)
{
  g_autofree char *q = NULL;

  if (value == NULL)
    return fail (r, _("<%s> lacks the attribute “%s”"), element, attr);
  if (g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, id, NULL))
    return TRUE;
  q = quote_value (value);
  return fail (r, _("attribute “%s” of <%s> must be a whole number, not “%s”"), attr, element, q);
}

static gboolean
parse_coordinate (OsmReader  *r,
                  const char *attr,
                  const char *value,
                  double      limit,
                  double     *out)
{
  g_autofree char *q = NULL;

  if (value == NULL)
    return fail (r, _("<node> lacks the attribute “%s”"), attr);
  /* The core's decimal numbers: no hex, "inf" or "nan". */
  if (linli_number_parse_double (value, LINLI_NUMBER_FLAGS_NONE, -limit, limit, out) ==
      LINLI_NUMBER_OK)
    return TRUE;
  q = quote_value (value);
  return fail (r, _("attribute “%s” must be a number from %g to %g, not “%s”"), attr, -limit, limit, q);
}

static gboolean
has_any (GPtrArray         *tags,
         const char *const *keys)
{
  for (; *keys != NULL; keys++)
    if (tags_get (tags, *keys) != NULL)
      return TRUE;
  return FALSE;
}

static const char *const amenity_keys[] = { "amenity", "office", "healthcare", NULL };

static gboolean
is_building (GPtrArray *tags)
{
  const char *building = tags_get (tags, "building");

  return building != NULL && strcmp (building, "no") != 0;
}

static gboolean
is_building_part (GPtrArray *tags)
{
  const char *part = tags_get (tags, "building:part");

  return !is_building (tags) && part != NULL && strcmp (part, "no") != 0;
}

/* Water: waterway=river|canal|stream|drain|ditch ways are lines;
 * natural=water, waterway=riverbank and landuse=reservoir|basin closed
 * ways and multipolygons are areas.  Kept in a byte: which of the two,
 * and the kind. */
#define WATER_LINE 0x40
#define WATER_AREA 0x80
#define WATER_KIND 0x3f

static guint8
water_of (GPtrArray *tags)
{
  static const struct { const char *key, *value; guint8 water; } rules[] = {
    { "waterway", "river", WATER_LINE | LINLI_WATERWAY_RIVER },
    { "waterway", "canal", WATER_LINE | LINLI_WATERWAY_CANAL },
    { "waterway", "stream", WATER_LINE | LINLI_WATERWAY_STREAM },
    { "waterway", "drain", WATER_LINE | LINLI_WATERWAY_DRAIN },
    { "waterway", "ditch", WATER_LINE | LINLI_WATERWAY_DITCH },
    { "natural", "water", WATER_AREA | LINLI_WATER_AREA_WATER },
    { "waterway", "riverbank", WATER_AREA | LINLI_WATER_AREA_RIVERBANK },
    { "landuse", "reservoir", WATER_AREA | LINLI_WATER_AREA_RESERVOIR },
    { "landuse", "basin", WATER_AREA | LINLI_WATER_AREA_BASIN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_strcmp0 (tags_get (tags, rules[i].key), rules[i].value) == 0)
      return rules[i].water;
  return 0;
}

static const char *
water_name (GPtrArray *tags)
{
  const char *name = tags_get (tags, "name");

  return name != NULL && name[0] != '\0' ? name : tags_get (tags, "name:zh");
}

/* Keeps the tags of the element just read as a feature's. */
static guint32
keep_feature (OsmReader *r)
{
  g_ptr_array_add (r->features, r->tags);
  r->tags = g_ptr_array_new_with_free_func (g_free);
  return r->features->len - 1;
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */
/* ------------------------------------------------------------------------ */

static gboolean
begin_element (OsmReader  *r,
               const char *name)
{
  static const char *const names[] = { "id", "lat", "lon", "action", "visible", NULL };
  const char *values[G_N_ELEMENTS (names)];
  char *owned[G_N_ELEMENTS (names)] = { NULL };
  gboolean ok = TRUE;

  r->element = ELEMENT_NONE;
  g_ptr_array_set_size (r->tags, 0);
  if (strcmp (name, "node") != 0 && strcmp (name, "way") != 0 && strcmp (name, "relation") != 0)
    return TRUE;   /* bounds, changeset, note, meta …: not used */

  read_attrs (r, names, values, owned);
  ok = parse_id (r, name, "id", values[0], &r->id);
  /* JOSM keeps deleted objects with action="delete"; history files keep
   * old versions with visible="false". */
  if (ok && (g_strcmp0 (values[3], "delete") == 0 || g_strcmp0 (values[4], "false") == 0))
    goto out;
  if (ok && name[0] == 'n')
    {
      ok = parse_coordinate (r, "lat", values[1], 90, &r->lat) &&
           parse_coordinate (r, "lon", values[2], 180, &r->lon);
      if (ok && r->nodes->len > 0)
        {
          gint64 last = g_array_index (r->nodes, OsmNode, r->nodes->len - 1).id;

          if (r->id == last)
            ok = fail (r, _("node %s appears twice"), ID_TEXT (r->id));
          else if (r->id < last)
            r->nodes_sorted = FALSE;
        }
      r->element = ELEMENT_NODE;
    }
  else if (ok && name[0] == 'w')
    {
      r->refs_start = r->refs->len;
      r->element = ELEMENT_WAY;
    }
  else if (ok)
    {
      r->members_start = r->members->len;
      r->element = ELEMENT_RELATION;
    }

out:
  for (guint i = 0; i < G_N_ELEMENTS (owned); i++)
    g_free (owned[i]);
  return ok;
}

static gboolean
read_child (OsmReader  *r,
            const char *name)
{
  static const char *const tag_names[] = { "k", "v", NULL };
  static const char *const nd_names[] = { "ref", NULL };
  static const char *const member_names[] = { "type", "ref", "role", NULL };
  const char *values[4];
  char *owned[4] = { NULL };
  gboolean ok = TRUE;

  if (r->element == ELEMENT_NONE)
    return TRUE;
  if (strcmp (name, "tag") == 0)
    {
      read_attrs (r, tag_names, values, owned);
      if (values[0] == NULL || values[1] == NULL)
        ok = fail (r, _("<tag> lacks the attribute “%s”"), values[0] == NULL ? "k" : "v");
      else if (strlen (values[0]) > MAX_TAG_LENGTH || strlen (values[1]) > MAX_TAG_LENGTH)
        ok = fail (r, _("a tag is longer than %u bytes"), MAX_TAG_LENGTH);
      else if (r->tags->len >= 2 * MAX_TAGS)
        ok = fail (r, _("an element has more than %u tags"), MAX_TAGS);
      else
        {
          g_ptr_array_add (r->tags, g_strdup (values[0]));
          g_ptr_array_add (r->tags, g_strdup (values[1]));
        }
    }
  else if (strcmp (name, "nd") == 0 && r->element == ELEMENT_WAY)
    {
      gint64 ref;

      read_attrs (r, nd_names, values, owned);
      ok = parse_id (r, "nd", "ref", values[0], &ref);
      if (ok && r->refs->len - r->refs_start >= LINLI_IMPORT_MAX_WAY_NODES)
        ok = fail (r, _("way %s has more than %u nodes"), ID_TEXT (r->id), LINLI_IMPORT_MAX_WAY_NODES);
      if (ok && r->refs->len >= G_MAXUINT32 - LINLI_IMPORT_MAX_WAY_NODES)
        ok = fail (r, _("the file has too many node references"));
      if (ok)
        g_array_append_val (r->refs, ref);
    }
  else if (strcmp (name, "member") == 0 && r->element == ELEMENT_RELATION)
    {
      OsmMember m;

      read_attrs (r, member_names, values, owned);
      if (values[0] == NULL)
        ok = fail (r, _("<member> lacks the attribute “%s”"), "type");
      ok = ok && parse_id (r, "member", "ref", values[1], &m.ref);
      if (ok && r->members->len - r->members_start >= MAX_MEMBERS)
        ok = fail (r, _("relation %s has more than %u members"), ID_TEXT (r->id), MAX_MEMBERS);
      /* Only ways make rings; other members and roles do not matter here. */
      if (ok && strcmp (values[0], "way") == 0 &&
          (values[2] == NULL || values[2][0] == '\0' || strcmp (values[2], "outer") == 0 ||
           strcmp (values[2], "inner") == 0))
        {
          m.role = g_strcmp0 (values[2], "inner") == 0 ? ROLE_INNER : ROLE_OUTER;
          g_array_append_val (r->members, m);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (owned); i++)
    g_free (owned[i]);
  return ok;
}

static void
end_element (OsmReader *r)
{
  LinliImporter *imp = r->imp;

  switch (r->element)
    {
    case ELEMENT_NODE:
      {
        OsmNode n = { r->id, r->lat, r->lon };

        g_array_append_val (r->nodes, n);
        if (r->tags->len > 0 && has_any (r->tags, amenity_keys))
          {
            LinliTags tags = { tags_get, r->tags };
            g_autofree char *id = g_strdup_printf ("osm-node-%" G_GINT64_FORMAT, r->id);
            g_autofree char *source = g_strdup_printf (_("OpenStreetMap node %s"), ID_TEXT (r->id));

            linli_importer_add_suggestion (imp, &tags, r->lat, r->lon, id, source);
          }
        imp->report.features++;
        break;
      }
    case ELEMENT_WAY:
      {
        OsmWay w = { r->id, r->refs_start, r->refs->len - r->refs_start, G_MAXUINT32, 0, 0, 0 };
        LinliTags tags = { tags_get, r->tags };
        LinliStreetKind kind;

        if (r->area_filter != NULL)
          {
            if (r->area_filter (&tags))
              {
                w.flags |= WAY_AREA;
                w.feature = keep_feature (r);
              }
            g_array_append_val (r->ways, w);
            imp->report.features++;
            break;
          }
        if (is_building (r->tags))
          w.flags |= WAY_BUILDING;
        else if (is_building_part (r->tags))
          imp->report.building_parts++;
        if (linli_import_walkable (&tags, &kind))
          {
            w.flags |= WAY_STREET;
            w.kind = kind;
          }
        if ((w.flags & WAY_BUILDING) || has_any (r->tags, amenity_keys))
          w.flags |= WAY_PLACE;
        if ((w.water = water_of (r->tags)) != 0)
          w.flags |= WAY_WATER;
        if (w.flags & (WAY_PLACE | WAY_WATER))
          w.feature = keep_feature (r);
        g_array_append_val (r->ways, w);
        imp->report.features++;
        break;
      }
    case ELEMENT_RELATION:
      {
        OsmRelation rel = { r->id, r->members_start, r->members->len - r->members_start, G_MAXUINT32,
                            0 };
        const char *type = tags_get (r->tags, "type");
        LinliTags tags = { tags_get, r->tags };

        /* Boundary relations are rings of outer and inner ways as
         * multipolygons are. */
        if (r->area_filter != NULL)
          {
            if ((g_strcmp0 (type, "multipolygon") == 0 || g_strcmp0 (type, "boundary") == 0) &&
                r->area_filter (&tags))
              {
                rel.feature = keep_feature (r);
                g_array_append_val (r->relations, rel);
              }
            else
              g_array_set_size (r->members, r->members_start);
            imp->report.features++;
            break;
          }
        /* Multipolygons only: a type=building relation groups parts whose
         * outline way is tagged as the building itself. */
        if (g_strcmp0 (type, "multipolygon") == 0 && (water_of (r->tags) & WATER_AREA))
          rel.water = water_of (r->tags);
        if (g_strcmp0 (type, "multipolygon") == 0 &&
            (is_building (r->tags) || has_any (r->tags, amenity_keys) || rel.water != 0))
          {
            rel.feature = keep_feature (r);
            g_array_append_val (r->relations, rel);
          }
        else
          {
            if (is_building_part (r->tags))
              imp->report.building_parts++;
            g_array_set_size (r->members, r->members_start);
          }
        imp->report.features++;
        break;
      }
    case ELEMENT_NONE:
      break;
    }
  r->element = ELEMENT_NONE;
}

static gboolean
read_document (OsmReader *r)
{
  int type;

  /* The root. */
  do
    if (!read_node (r, &type))
      return FALSE;
  while (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_NONE);
  if (type == XML_READER_TYPE_NONE)
    return fail (r, _("no root element"));
  if (strcmp ((const char *) xmlTextReaderConstName (r->x.reader), "osm") != 0)
    {
      g_autofree char *q = quote_value ((const char *) xmlTextReaderConstName (r->x.reader));
      return fail (r, _("not an OpenStreetMap file: the root element is <%s>, not <osm>"), q);
    }
  if (xmlTextReaderIsEmptyElement (r->x.reader))
    r->x.root_closed = TRUE;

  while (!r->x.root_closed)
    {
      int depth;

      if (!read_node (r, &type))
        return FALSE;
      if (type == XML_READER_TYPE_NONE)
        return fail (r, _("the file ends before <osm> is closed"));
      depth = xmlTextReaderDepth (r->x.reader);
      if (type == XML_READER_TYPE_ELEMENT && depth == 1)
        {
          if (!begin_element (r, (const char *) xmlTextReaderConstName (r->x.reader)))
            return FALSE;
          if (xmlTextReaderIsEmptyElement (r->x.reader))
            end_element (r);
        }
      else if (type == XML_READER_TYPE_ELEMENT && depth == 2)
        {
          if (!read_child (r, (const char *) xmlTextReaderConstName (r->x.reader)))
            return FALSE;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT && depth == 1)
        end_element (r);
      else if (type == XML_READER_TYPE_END_ELEMENT && depth == 0)
        r->x.root_closed = TRUE;
    }

  /* Anything after the root is an error for libxml2; read on to hear it. */
  if (!read_node (r, &type))
    return FALSE;
  if (type != XML_READER_TYPE_NONE)
    return fail (r, _("content after the end of <osm>"));
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Resolving                                                                 */
/* ------------------------------------------------------------------------ */

static int
compare_nodes (gconstpointer a,
               gconstpointer b)
{
  gint64 p = ((const OsmNode *) a)->id, q = ((const OsmNode *) b)->id;

  return p < q ? -1 : p > q;
}

typedef struct
{
  gint64  id;
  guint32 index;
} IdIndex;

static int
compare_id_index (gconstpointer a,
                  gconstpointer b)
{
  gint64 p = ((const IdIndex *) a)->id, q = ((const IdIndex *) b)->id;

  return p < q ? -1 : p > q;
}

/* The node's place in the sorted nodes, or G_MAXUINT32. */
static guint32
find_node (OsmReader *r,
           gint64     id)
{
  const OsmNode *nodes = (const OsmNode *) r->nodes->data;
  guint lo = 0, hi = r->nodes->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (nodes[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < r->nodes->len && nodes[lo].id == id ? lo : G_MAXUINT32;
}

static guint32
find_way (const IdIndex *ways,
          guint          n,
          gint64         id)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ways[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < n && ways[lo].id == id ? ways[lo].index : G_MAXUINT32;
}

/* The way's nodes as places in the sorted nodes, into @out.
 *
 * Returns: how many references are missing (none are put in @out)
 */
static guint
resolve_way (OsmReader    *r,
             const OsmWay *w,
             GArray       *out)
{
  const gint64 *refs = &g_array_index (r->refs, gint64, w->refs_start);
  guint missing = 0;

  g_array_set_size (out, 0);
  for (guint i = 0; i < w->n_refs; i++)
    {
      guint32 node = find_node (r, refs[i]);

      if (node == G_MAXUINT32)
        missing++;
      else
        g_array_append_val (out, node);
    }
  return missing;
}

static void
ring_points (OsmReader *r,
             GArray    *ring,
             GArray    *points)
{
  g_array_set_size (points, 0);
  /* The closing node repeats the first; Linli rings do not. */
  for (guint i = 0; i + 1 < ring->len; i++)
    {
      const OsmNode *n = &g_array_index (r->nodes, OsmNode, g_array_index (ring, guint32, i));
      LinliLatLon p = { n->lat, n->lon };

      g_array_append_val (points, p);
    }
}

static gboolean
is_closed (GArray *ring)
{
  return ring->len >= 4 && g_array_index (ring, guint32, 0) == g_array_index (ring, guint32, ring->len - 1);
}

typedef struct
{
  guint32 node;
  guint32 segment;
} End;

static int
compare_ends (gconstpointer a,
              gconstpointer b)
{
  const End *p = a, *q = b;

  if (p->node != q->node)
    return p->node < q->node ? -1 : 1;
  return p->segment < q->segment ? -1 : p->segment > q->segment;
}

/* Joins @segments (GArrays of node places) end to end into closed rings,
 * added to @rings; what does not close is dropped.
 *
 * Returns: the number of rings that did not close
 */
static guint
assemble_rings (GPtrArray *segments,
                GPtrArray *rings)
{
  guint n = segments->len, open = 0;
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n, 1));
  g_autofree End *ends = g_new (End, 2 * MAX (n, 1));

  for (guint s = 0; s < n; s++)
    {
      GArray *seg = g_ptr_array_index (segments, s);

      ends[2 * s] = (End) { g_array_index (seg, guint32, 0), s };
      ends[2 * s + 1] = (End) { g_array_index (seg, guint32, seg->len - 1), s };
    }
  qsort (ends, 2 * n, sizeof (End), compare_ends);

  for (guint s = 0; s < n; s++)
    {
      GArray *ring;

      if (used[s])
        continue;
      used[s] = TRUE;
      ring = g_array_copy (g_ptr_array_index (segments, s));
      while (g_array_index (ring, guint32, 0) != g_array_index (ring, guint32, ring->len - 1))
        {
          guint32 last = g_array_index (ring, guint32, ring->len - 1);
          guint lo = 0, hi = 2 * n;
          GArray *next = NULL;

          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if (ends[mid].node < last)
                lo = mid + 1;
              else
                hi = mid;
            }
          for (; lo < 2 * n && ends[lo].node == last; lo++)
            if (!used[ends[lo].segment])
              {
                used[ends[lo].segment] = TRUE;
                next = g_ptr_array_index (segments, ends[lo].segment);
                break;
              }
          if (next == NULL)
            break;
          if (g_array_index (next, guint32, 0) == last)
            g_array_append_vals (ring, &g_array_index (next, guint32, 1), next->len - 1);
          else
            for (guint i = next->len - 1; i-- > 0;)
              g_array_append_val (ring, g_array_index (next, guint32, i));
        }
      if (is_closed (ring))
        g_ptr_array_add (rings, ring);
      else
        {
          g_array_unref (ring);
          open++;
        }
    }
  return open;
}

/* Streets: one Linli node per OSM node used, so ways that share an OSM
 * node are connected there.  A missing node cuts the way; the pieces with
 * two nodes or more stay. */
static void
add_street (OsmReader    *r,
            const OsmWay *w,
            guint32      *street_of,
            GArray       *run)
{
  LinliImporter *imp = r->imp;
  const gint64 *refs = &g_array_index (r->refs, gint64, w->refs_start);
  gboolean any = FALSE;

  g_array_set_size (run, 0);
  for (guint i = 0; i <= w->n_refs; i++)
    {
      guint32 node = i < w->n_refs ? find_node (r, refs[i]) : G_MAXUINT32;

      if (node != G_MAXUINT32)
        {
          const OsmNode *n = &g_array_index (r->nodes, OsmNode, node);

          if (street_of[node] == G_MAXUINT32)
            street_of[node] = linli_streets_add_node (imp->streets, n->lat, n->lon);
          if (run->len == 0 || g_array_index (run, guint32, run->len - 1) != street_of[node])
            g_array_append_val (run, street_of[node]);
          continue;
        }
      if (i < w->n_refs)
        imp->report.missing_refs++;
      if (run->len >= 2)
        {
          linli_streets_add_way (imp->streets, w->kind, (const guint32 *) run->data, run->len);
          any = TRUE;
        }
      g_array_set_size (run, 0);
    }
  if (!any)
    imp->report.incomplete++;
}

static void
facts_from_tags (GPtrArray          *tags,
                 const char         *id,
                 LinliBuildingFacts *facts)
{
  const char *name = tags_get (tags, "name");

  memset (facts, 0, sizeof *facts);
  facts->id = id;
  facts->name = name != NULL && name[0] != '\0' ? name : tags_get (tags, "name:zh");
  facts->type = tags_get (tags, "building");
  facts->street = tags_get (tags, "addr:street");
  facts->housenumber = tags_get (tags, "addr:housenumber");
  facts->storeys = linli_import_parse_number (tags_get (tags, "building:levels"));
  facts->height = linli_import_parse_number (tags_get (tags, "height"));
  /* The number of flats, where mapped, is the number of households. */
  facts->households = linli_import_parse_number (tags_get (tags, "building:flats"));
  facts->residents = NAN;
  facts->party_members = NAN;
}

static void
add_way_feature (OsmReader *r,
                 OsmWay    *w,
                 GArray    *nodes,
                 GArray    *points)
{
  LinliImporter *imp = r->imp;
  GPtrArray *tags = g_ptr_array_index (r->features, w->feature);
  LinliTags lt = { tags_get, tags };
  gboolean building = (w->flags & WAY_BUILDING) && !(w->flags & WAY_OUTER);
  guint missing = resolve_way (r, w, nodes);
  double lat, lon, area;

  if (missing > 0 || !is_closed (nodes))
    {
      if (building && missing > 0)
        {
          imp->report.missing_refs += missing;
          imp->report.incomplete++;
          imp->report.skipped++;
        }
      else if (building)
        {
          imp->report.unclosed++;
          imp->report.skipped++;
        }
      return;
    }
  ring_points (r, nodes, points);
  area = linli_importer_place_ring (imp, points, &lat, &lon);
  if (building)
    {
      g_autofree char *id = g_strdup_printf ("w%" G_GINT64_FORMAT, w->id);
      LinliBuildingFacts facts;

      facts_from_tags (tags, id, &facts);
      linli_importer_add_building (imp, &facts, lat, lon, area, (const LinliLatLon *) points->data, points->len);
    }
  {
    g_autofree char *id = g_strdup_printf ("osm-way-%" G_GINT64_FORMAT, w->id);
    g_autofree char *source = g_strdup_printf (_("OpenStreetMap way %s"), ID_TEXT (w->id));

    linli_importer_add_suggestion (imp, &lt, lat, lon, id, source);
  }
}

/* A multipolygon: outer rings joined from member ways, the largest one the
 * footprint and position; the area is that of the outer rings less that
 * of the inner ones. */
static void
add_relation_feature (OsmReader         *r,
                      const OsmRelation *rel,
                      const IdIndex     *way_ids,
                      GArray            *points)
{
  LinliImporter *imp = r->imp;
  GPtrArray *tags = g_ptr_array_index (r->features, rel->feature);
  LinliTags lt = { tags_get, tags };
  gboolean building = is_building (tags);
  g_autoptr (GPtrArray) outer = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (GPtrArray) inner = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (GPtrArray) outer_rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (GPtrArray) inner_rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (GArray) best = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  guint missing = 0;
  double area = 0, best_area = -1, lat = 0, lon = 0;

  for (guint m = 0; m < rel->n_members; m++)
    {
      const OsmMember *member = &g_array_index (r->members, OsmMember, rel->members_start + m);
      guint32 way = find_way (way_ids, r->ways->len, member->ref);
      GArray *nodes;
      guint lost;

      if (way == G_MAXUINT32)
        {
          missing++;
          continue;
        }
      nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
      lost = resolve_way (r, &g_array_index (r->ways, OsmWay, way), nodes);
      missing += lost;
      if (lost > 0 || nodes->len < 2)
        g_array_unref (nodes);
      else
        g_ptr_array_add (member->role == ROLE_INNER ? inner : outer, nodes);
    }
  assemble_rings (outer, outer_rings);
  assemble_rings (inner, inner_rings);

  for (guint i = 0; i < outer_rings->len; i++)
    {
      double a, la, lo;

      ring_points (r, g_ptr_array_index (outer_rings, i), points);
      a = linli_importer_place_ring (imp, points, &la, &lo);
      area += a;
      if (a > best_area)
        {
          best_area = a;
          lat = la;
          lon = lo;
          g_array_set_size (best, 0);
          g_array_append_vals (best, points->data, points->len);
        }
    }
  for (guint i = 0; i < inner_rings->len; i++)
    {
      double la, lo;

      ring_points (r, g_ptr_array_index (inner_rings, i), points);
      area -= linli_importer_place_ring (imp, points, &la, &lo);
    }
  area = MAX (area, 0);

  if (building)
    imp->report.missing_refs += missing;
  if (outer_rings->len == 0)
    {
      if (building && missing > 0)
        imp->report.incomplete++;
      else if (building)
        imp->report.unclosed++;
      if (building)
        imp->report.skipped++;
      return;
    }
  if (building)
    {
      g_autofree char *id = g_strdup_printf ("r%" G_GINT64_FORMAT, rel->id);
      LinliBuildingFacts facts;

      facts_from_tags (tags, id, &facts);
      linli_importer_add_building (imp, &facts, lat, lon, area, (const LinliLatLon *) best->data, best->len);
    }
  {
    g_autofree char *id = g_strdup_printf ("osm-relation-%" G_GINT64_FORMAT, rel->id);
    g_autofree char *source = g_strdup_printf (_("OpenStreetMap relation %s"), ID_TEXT (rel->id));

    linli_importer_add_suggestion (imp, &lt, lat, lon, id, source);
  }
}

/* Water: a waterway's nodes as a line (a missing node cuts it, as it
 * does a street; pieces of two nodes or more stay), a closed way as an
 * area. */
static void
add_water_way (OsmReader *r,
               OsmWay    *w,
               GArray    *nodes,
               GArray    *points)
{
  LinliImporter *imp = r->imp;
  GPtrArray *tags = g_ptr_array_index (r->features, w->feature);
  const char *name = water_name (tags);

  if (w->water & WATER_LINE)
    {
      const gint64 *refs = &g_array_index (r->refs, gint64, w->refs_start);
      double width = linli_import_parse_number (tags_get (tags, "width"));
      gboolean any = FALSE;

      g_array_set_size (points, 0);
      for (guint i = 0; i <= w->n_refs; i++)
        {
          guint32 node = i < w->n_refs ? find_node (r, refs[i]) : G_MAXUINT32;

          if (node != G_MAXUINT32)
            {
              const OsmNode *n = &g_array_index (r->nodes, OsmNode, node);
              LinliLatLon p = { n->lat, n->lon };

              g_array_append_val (points, p);
              continue;
            }
          if (points->len >= 2)
            {
              linli_importer_add_water_line (imp, w->water & WATER_KIND, name, width,
                                             (const LinliLatLon *) points->data, points->len);
              any = TRUE;
            }
          g_array_set_size (points, 0);
        }
      if (!any)
        imp->report.water_skipped++;
      return;
    }
  if (resolve_way (r, w, nodes) > 0 || !is_closed (nodes))
    {
      imp->report.water_skipped++;
      return;
    }
  {
    g_autoptr (GPtrArray) outer = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
    GArray *ring = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));

    ring_points (r, nodes, ring);
    g_ptr_array_add (outer, ring);
    linli_importer_add_water_area (imp, w->water & WATER_KIND, name, outer, NULL);
  }
}

/* A water multipolygon: its outer ways joined into rings, less its inner
 * ones.  One cut at the extract's edge is skipped: a wrong outline would
 * be a wrong barrier. */
static void
add_water_relation (OsmReader         *r,
                    const OsmRelation *rel,
                    const IdIndex     *way_ids)
{
  LinliImporter *imp = r->imp;
  GPtrArray *tags = g_ptr_array_index (r->features, rel->feature);
  GDestroyNotify unref = (GDestroyNotify) g_array_unref;
  g_autoptr (GPtrArray) outer = g_ptr_array_new_with_free_func (unref);
  g_autoptr (GPtrArray) inner = g_ptr_array_new_with_free_func (unref);
  g_autoptr (GPtrArray) outer_rings = g_ptr_array_new_with_free_func (unref);
  g_autoptr (GPtrArray) inner_rings = g_ptr_array_new_with_free_func (unref);
  g_autoptr (GPtrArray) outer_points = g_ptr_array_new_with_free_func (unref);
  g_autoptr (GPtrArray) inner_points = g_ptr_array_new_with_free_func (unref);
  guint missing = 0, open;

  for (guint m = 0; m < rel->n_members; m++)
    {
      const OsmMember *member = &g_array_index (r->members, OsmMember, rel->members_start + m);
      guint32 way = find_way (way_ids, r->ways->len, member->ref);
      GArray *way_nodes;

      if (way == G_MAXUINT32)
        {
          missing++;
          continue;
        }
      way_nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
      if (resolve_way (r, &g_array_index (r->ways, OsmWay, way), way_nodes) > 0 ||
          way_nodes->len < 2)
        {
          missing++;
          g_array_unref (way_nodes);
        }
      else
        g_ptr_array_add (member->role == ROLE_INNER ? inner : outer, way_nodes);
    }
  open = assemble_rings (outer, outer_rings);
  assemble_rings (inner, inner_rings);
  if (missing > 0 || open > 0 || outer_rings->len == 0)
    {
      imp->report.water_skipped++;
      return;
    }
  for (guint k = 0; k < 2; k++)
    {
      GPtrArray *from = k == 0 ? outer_rings : inner_rings;

      for (guint i = 0; i < from->len; i++)
        {
          GArray *ring = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));

          ring_points (r, g_ptr_array_index (from, i), ring);
          g_ptr_array_add (k == 0 ? outer_points : inner_points, ring);
        }
    }
  linli_importer_add_water_area (imp, rel->water & WATER_KIND, water_name (tags), outer_points,
                                 inner_points);
}

/* Areas: each closed way and each relation the filter took, with its
 * rings, to the areas callback. */
static void
emit_area (OsmReader  *r,
           guint32     feature,
           const char *what,
           gint64      id,
           GPtrArray  *outer_rings,
           GPtrArray  *inner_rings,
           const char *problem)
{
  GPtrArray *tags = g_ptr_array_index (r->features, feature);
  LinliTags lt = { tags_get, tags };
  g_autofree char *source = g_strdup_printf ("%s %s", what, ID_TEXT (id));
  g_autoptr (GPtrArray) outer = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (GPtrArray) inner = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  LinliOsmArea area = { &lt, source, outer, inner, problem };

  for (guint k = 0; k < 2; k++)
    {
      GPtrArray *from = k == 0 ? outer_rings : inner_rings;

      for (guint i = 0; from != NULL && i < from->len; i++)
        {
          GArray *points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));

          ring_points (r, g_ptr_array_index (from, i), points);
          g_ptr_array_add (k == 0 ? outer : inner, points);
        }
    }
  r->area_func (&area, r->area_data);
}

static void
resolve_areas (OsmReader     *r,
               const IdIndex *way_ids,
               GArray        *nodes)
{
  for (guint i = 0; i < r->ways->len; i++)
    {
      OsmWay *w = &g_array_index (r->ways, OsmWay, i);
      g_autoptr (GPtrArray) rings = g_ptr_array_new ();
      guint missing;

      if (!(w->flags & WAY_AREA))
        continue;
      missing = resolve_way (r, w, nodes);
      if (missing > 0)
        emit_area (r, w->feature, "way", w->id, NULL, NULL, N_("nodes are missing from the file"));
      else if (!is_closed (nodes))
        emit_area (r, w->feature, "way", w->id, NULL, NULL, N_("the way does not close"));
      else
        {
          g_ptr_array_add (rings, nodes);
          emit_area (r, w->feature, "way", w->id, rings, NULL, NULL);
        }
    }
  for (guint i = 0; i < r->relations->len; i++)
    {
      const OsmRelation *rel = &g_array_index (r->relations, OsmRelation, i);
      g_autoptr (GPtrArray) outer = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      g_autoptr (GPtrArray) inner = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      g_autoptr (GPtrArray) outer_rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      g_autoptr (GPtrArray) inner_rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      guint missing = 0, open;

      for (guint m = 0; m < rel->n_members; m++)
        {
          const OsmMember *member = &g_array_index (r->members, OsmMember, rel->members_start + m);
          guint32 way = find_way (way_ids, r->ways->len, member->ref);
          GArray *way_nodes;

          if (way == G_MAXUINT32)
            {
              missing++;
              continue;
            }
          way_nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
          if (resolve_way (r, &g_array_index (r->ways, OsmWay, way), way_nodes) > 0 || way_nodes->len < 2)
            {
              missing++;
              g_array_unref (way_nodes);
            }
          else
            g_ptr_array_add (member->role == ROLE_INNER ? inner : outer, way_nodes);
        }
      open = assemble_rings (outer, outer_rings);
      assemble_rings (inner, inner_rings);
      /* A boundary cut at the extract's edge would be a wrong outline, not
       * a smaller one. */
      if (missing > 0)
        emit_area (r, rel->feature, "relation", rel->id, NULL, NULL, N_("member ways or nodes are missing from the file"));
      else if (open > 0 || outer_rings->len == 0)
        emit_area (r, rel->feature, "relation", rel->id, NULL, NULL, N_("its outer ways do not close into rings"));
      else
        emit_area (r, rel->feature, "relation", rel->id, outer_rings, inner_rings, NULL);
    }
}

/* Ids must be unique per type, or references mean nothing. */
static gboolean
check_unique (OsmReader     *r,
              const IdIndex *ids,
              guint          n,
              const char    *what)
{
  for (guint i = 1; i < n; i++)
    if (ids[i].id == ids[i - 1].id)
      {
        g_set_error (&r->x.error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                     _("%s: %s %s appears twice"), r->x.display_name, what, ID_TEXT (ids[i].id));
        return FALSE;
      }
  return TRUE;
}

static gboolean
resolve (OsmReader *r)
{
  g_autofree IdIndex *way_ids = g_new (IdIndex, MAX (r->ways->len, 1));
  g_autofree IdIndex *relation_ids = g_new (IdIndex, MAX (r->relations->len, 1));
  g_autofree guint32 *street_of = NULL;
  g_autoptr (GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));

  if (!r->nodes_sorted)
    {
      g_array_sort (r->nodes, compare_nodes);
      for (guint i = 1; i < r->nodes->len; i++)
        if (g_array_index (r->nodes, OsmNode, i).id == g_array_index (r->nodes, OsmNode, i - 1).id)
          {
            g_set_error (&r->x.error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                         _("%s: %s %s appears twice"), r->x.display_name, "node",
                         ID_TEXT (g_array_index (r->nodes, OsmNode, i).id));
            return FALSE;
          }
    }
  for (guint i = 0; i < r->ways->len; i++)
    way_ids[i] = (IdIndex) { g_array_index (r->ways, OsmWay, i).id, i };
  qsort (way_ids, r->ways->len, sizeof (IdIndex), compare_id_index);
  for (guint i = 0; i < r->relations->len; i++)
    relation_ids[i] = (IdIndex) { g_array_index (r->relations, OsmRelation, i).id, i };
  qsort (relation_ids, r->relations->len, sizeof (IdIndex), compare_id_index);
  if (!check_unique (r, way_ids, r->ways->len, "way") ||
      !check_unique (r, relation_ids, r->relations->len, "relation"))
    return FALSE;

  if (r->area_filter != NULL)
    {
      resolve_areas (r, way_ids, nodes);
      return TRUE;
    }

  /* The outer ways of a building multipolygon are parts of it, whatever
   * their own tags say. */
  for (guint i = 0; i < r->relations->len; i++)
    {
      const OsmRelation *rel = &g_array_index (r->relations, OsmRelation, i);

      if (!is_building (g_ptr_array_index (r->features, rel->feature)))
        continue;
      for (guint m = 0; m < rel->n_members; m++)
        {
          const OsmMember *member = &g_array_index (r->members, OsmMember, rel->members_start + m);
          guint32 way = find_way (way_ids, r->ways->len, member->ref);

          if (way != G_MAXUINT32 && member->role == ROLE_OUTER)
            g_array_index (r->ways, OsmWay, way).flags |= WAY_OUTER;
        }
    }

  for (guint i = 0; i < r->ways->len; i++)
    {
      OsmWay *w = &g_array_index (r->ways, OsmWay, i);

      if (w->flags & WAY_PLACE)
        add_way_feature (r, w, nodes, points);
      if (w->flags & WAY_WATER)
        add_water_way (r, w, nodes, points);
      if (w->flags & WAY_STREET)
        {
          if (street_of == NULL)
            {
              street_of = g_new (guint32, MAX (r->nodes->len, 1));
              memset (street_of, 0xff, sizeof (guint32) * MAX (r->nodes->len, 1));
            }
          add_street (r, w, street_of, nodes);
        }
    }
  for (guint i = 0; i < r->relations->len; i++)
    {
      const OsmRelation *rel = &g_array_index (r->relations, OsmRelation, i);
      GPtrArray *tags = g_ptr_array_index (r->features, rel->feature);

      if (is_building (tags) || has_any (tags, amenity_keys))
        add_relation_feature (r, rel, way_ids, points);
      if (rel->water != 0)
        add_water_relation (r, rel, way_ids);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Entry point                                                               */
/* ------------------------------------------------------------------------ */

/* Reads @path; with @filter set, only the areas it takes, to @func. */
static LinliProject *
read_osm_file (const char               *path,
               const LinliImportOptions *options,
               LinliOsmAreaFilter        filter,
               LinliOsmAreaFunc          func,
               gpointer                  user_data,
               LinliImportReport        *report,
               GError                  **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *data;
  gsize length;
  LinliImporter imp;
  OsmReader r = { 0 };
  LinliProject *project = NULL;
  gsize i = 0;
  gboolean ok;

  if (report != NULL)
    memset (report, 0, sizeof *report);
  mapped = linli_file_map (path, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED, "%s", local_error->message);
      return NULL;
    }
  data = g_mapped_file_get_contents (mapped);
  length = g_mapped_file_get_length (mapped);
  if (data == NULL)
    data = "";
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i == length)
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, _("%s:1: the file is empty"), path);
      return NULL;
    }
  /* libxml2 would call this an empty document. */
  if (data[i] != '<')
    {
      int line = 1;

      for (gsize k = 0; k < i; k++)
        line += data[k] == '\n';
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                   _("%s:%d: not XML: an OpenStreetMap file starts with “<”"), path, line);
      return NULL;
    }

  if (!linli_xml_open (&r.x, data, length, path, "osm", LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                       LINLI_IMPORT_ERROR_FAILED))
    {
      g_propagate_error (error, r.x.error);
      linli_xml_close (&r.x);
      return NULL;
    }
  r.x.skip_text = TRUE;

  linli_importer_init (&imp, options, path);
  linli_project_set_attribution (imp.project, LINLI_OSM_ATTRIBUTION);
  r.imp = &imp;
  r.area_filter = filter;
  r.area_func = func;
  r.area_data = user_data;
  r.nodes = g_array_new (FALSE, FALSE, sizeof (OsmNode));
  r.nodes_sorted = TRUE;
  r.ways = g_array_new (FALSE, FALSE, sizeof (OsmWay));
  r.refs = g_array_new (FALSE, FALSE, sizeof (gint64));
  r.relations = g_array_new (FALSE, FALSE, sizeof (OsmRelation));
  r.members = g_array_new (FALSE, FALSE, sizeof (OsmMember));
  r.features = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  r.tags = g_ptr_array_new_with_free_func (g_free);
  ok = read_document (&r) && resolve (&r);
  if (ok)
    project = linli_importer_finish (&imp, report, &r.x.error);

  linli_xml_close (&r.x);
  g_array_unref (r.nodes);
  g_array_unref (r.ways);
  g_array_unref (r.refs);
  g_array_unref (r.relations);
  g_array_unref (r.members);
  g_ptr_array_unref (r.features);
  g_ptr_array_unref (r.tags);
  linli_importer_clear (&imp);
  if (r.x.error != NULL)
    {
      g_propagate_error (error, r.x.error);
      g_clear_object (&project);
      return NULL;
    }
  return project;
}

/**
 * linli_import_osm:
 * @path: an OpenStreetMap XML file (.osm), as JOSM, the OSM API, Overpass
 *   or osmium write it
 * @options: estimate parameters, join tolerance and whether to add the
 *   suggested sites; the coordinate system is always WGS84
 * @report: (out caller-allocates) (optional): what was read; clear it with
 *   linli_import_report_clear()
 *
 * Makes a project of an OpenStreetMap extract:
 *
 * - Buildings: closed ways and multipolygon relations tagged `building`
 *   (not "no").  A relation's outer member ways are joined end to end into
 *   rings; the largest is the footprint and its centroid the position, and
 *   the area for the estimate is that of the outer rings less the inner
 *   ones.  `building:part` outlines, unclosed ways and outlines with
 *   missing nodes are counted and skipped.  `building:levels`, `height`
 *   and the `building` type feed the household estimate of
 *   linli_importer_add_building(); `building:flats`, where mapped, gives
 *   the households.  All buildings go to one community and compound,
 *   "imported".
 * - Streets: ways walkable by linli_import_walkable(), one street node per
 *   OSM node used, so ways sharing a node are connected; then near-misses
 *   are joined by linli_streets_join() within the options' tolerance.
 * - Water: `waterway=river|canal|stream|drain|ditch` ways as lines (with
 *   their `name` and `width`), `natural=water`, `waterway=riverbank` and
 *   `landuse=reservoir|basin` closed ways and multipolygons as areas (outer
 *   rings less inner ones, repaired where they cross themselves), kept
 *   within 2 km of the buildings, streets and service positions.
 * - Service positions: nodes, closed ways (centroid) and multipolygons
 *   tagged as linli_importer_add_suggestion() says, returned in the
 *   report and added as existing sites when @add_suggested_sites is set.
 *
 * The reader refuses DOCTYPEs and entities, as the project loader does.
 * Nothing is returned half-read: an error says "FILE:LINE: reason".
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
LinliProject *
linli_import_osm (const char               *path,
                  const LinliImportOptions *options,
                  LinliImportReport        *report,
                  GError                  **error)
{
  g_return_val_if_fail (path != NULL && options != NULL, NULL);

  return read_osm_file (path, options, NULL, NULL, NULL, report, error);
}

/**
 * linli_import_osm_areas:
 * @path: an OpenStreetMap XML file
 * @filter: which areas to keep, by their tags
 * @func: called once for each area kept, after the whole file is read
 *
 * Reads @path with the same guarded reader and the same ring assembly as
 * linli_import_osm(), for areas instead of buildings: closed ways, and
 * relations of type multipolygon or boundary, whose tags @filter takes.
 * An area whose rings cannot be made (a way that does not close, members
 * missing from the file) is still given to @func, with the problem.
 *
 * Returns: %FALSE with @error set ("FILE:LINE: reason") when the file
 *   cannot be read; @func has then been called for nothing
 */
gboolean
linli_import_osm_areas (const char         *path,
                        LinliOsmAreaFilter  filter,
                        LinliOsmAreaFunc    func,
                        gpointer            user_data,
                        GError            **error)
{
  g_autoptr (LinliProject) project = NULL;
  LinliImportOptions options;

  g_return_val_if_fail (path != NULL && filter != NULL && func != NULL, FALSE);

  linli_import_options_init (&options);
  options.join_tolerance = 0;
  project = read_osm_file (path, &options, filter, func, user_data, NULL, error);
  return project != NULL;
}
