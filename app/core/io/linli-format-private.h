/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/xmlreader.h>

#include "linli-file.h"
#include "linli-format.h"
#include "linli-geo.h"
#include "linli-xml.h"

G_BEGIN_DECLS

/* The `.linli` format is a table of sections (linli-format.c), each read
 * and written by its own sibling file through the shared helpers below:
 * linli-format-project.c for the settings, communities, compounds,
 * buildings and sites, linli-format-streets.c for the streets,
 * linli-format-water.c for rivers, canals and lakes, linli-format-org.c for the party organisation,
 * linli-format-partners.c for the partner units and their lists,
 * linli-format-scenarios.c for the scenarios.  A new kind
 * of data adds a LinliFormatSection in a file of its own and one line to
 * the table; sections come in the table's order, each at most once.
 */

#define MAX_ID_LENGTH        256
#define MAX_NAME_LENGTH      1024
#define MAX_COUNT            1000000u   /* households, residents or members of one building */

/* What a load reads into, and the state its sections share. */
typedef struct
{
  LinliXml      x;             /* the guarded reader, the document and the error */
  LinliProject *project;
  LinliExtent   extent;        /* of the positions read so far */
  int           last_compound; /* of the building before, or -1 */
  GHashTable   *building_ids;  /* id → index + 1 */
  GHashTable   *site_ids;
  GArray       *points;        /* LinliLatLon: a footprint being read */
  LinliStreets *streets;       /* read so far, while in <streets> */
  GArray       *indices;       /* guint32: a way being read */
} LinliFormatReader;

/* Attributes of the element the reader is on, by name. */
typedef struct
{
  const char *const *names;
  const char        *values[16];  /* borrowed from the reader's current node */
  char              *owned[16];   /* values that had to be assembled */
} LinliFormatAttrs;

/* Where a document being written goes: @out, and on into @file in chunks
 * when there is one, so saving a large district never holds the whole
 * document in memory. */
typedef struct
{
  GString          *out;
  LinliFileWriter  *file;       /* NULL: everything stays in @out */
  GError          **error;
} LinliFormatWriter;

typedef struct
{
  const char *name;   /* the section's element */
  /* Reads the section; the reader is on its start element. */
  gboolean  (*read)  (LinliFormatReader *reader);
  /* Writes the section, or nothing when it would be empty and may be left out. */
  gboolean  (*write) (LinliFormatWriter *writer,
                      LinliProject      *project);
} LinliFormatSection;

typedef gboolean (*LinliFormatItemFunc) (LinliFormatReader *reader);

extern const LinliFormatSection _linli_format_settings_section;
extern const LinliFormatSection _linli_format_communities_section;
extern const LinliFormatSection _linli_format_compounds_section;
extern const LinliFormatSection _linli_format_buildings_section;
extern const LinliFormatSection _linli_format_sites_section;
extern const LinliFormatSection _linli_format_streets_section;
extern const LinliFormatSection _linli_format_water_section;
extern const LinliFormatSection _linli_format_grids_section;
extern const LinliFormatSection _linli_format_org_section;
extern const LinliFormatSection _linli_format_partners_section;
extern const LinliFormatSection _linli_format_scenarios_section;

/* The guarded reader's helpers, for the sections. */
#define fail(l, code, ...) linli_xml_fail (&(l)->x, (code), __VA_ARGS__)
#define read_node(l, type) linli_xml_read (&(l)->x, (type))
#define quote_value(value) linli_xml_quote (value)

G_GNUC_INTERNAL const char *_linli_format_node_name      (LinliFormatReader *l);
G_GNUC_INTERNAL void        _linli_format_attrs_clear    (LinliFormatAttrs  *a);
G_GNUC_INTERNAL gboolean    _linli_format_read_attrs     (LinliFormatReader *l,
                                                          LinliFormatAttrs  *a);
G_GNUC_INTERNAL gboolean    _linli_format_require        (LinliFormatReader *l,
                                                          LinliFormatAttrs  *a,
                                                          guint              index,
                                                          const char        *element);
G_GNUC_INTERNAL gboolean    _linli_format_check_text     (LinliFormatReader *l,
                                                          const char        *attr,
                                                          const char        *value,
                                                          guint              max_length);
G_GNUC_INTERNAL gboolean    _linli_format_check_id       (LinliFormatReader *l,
                                                          const char        *attr,
                                                          const char        *value);
G_GNUC_INTERNAL gboolean    _linli_format_parse_double   (LinliFormatReader *l,
                                                          const char        *attr,
                                                          const char        *value,
                                                          double             min,
                                                          double             max,
                                                          double            *out);
G_GNUC_INTERNAL gboolean    _linli_format_parse_uint     (LinliFormatReader *l,
                                                          const char        *attr,
                                                          const char        *value,
                                                          guint              max,
                                                          guint             *out);
G_GNUC_INTERNAL gboolean    _linli_format_parse_boolean  (LinliFormatReader *l,
                                                          const char        *attr,
                                                          const char        *value,
                                                          gboolean          *out);
G_GNUC_INTERNAL gboolean    _linli_format_check_extent   (LinliFormatReader *l,
                                                          double             lat,
                                                          double             lon);
G_GNUC_INTERNAL gboolean    _linli_format_parse_position (LinliFormatReader *l,
                                                          LinliFormatAttrs  *a,
                                                          guint              lat_index,
                                                          guint              lon_index,
                                                          double            *lat,
                                                          double            *lon);
G_GNUC_INTERNAL gboolean    _linli_format_expect_empty   (LinliFormatReader *l,
                                                          const char        *element);
G_GNUC_INTERNAL gboolean    _linli_format_read_points    (LinliFormatReader *l,
                                                          const char        *element,
                                                          guint              max_points,
                                                          GArray            *points);
G_GNUC_INTERNAL gboolean    _linli_format_read_line      (LinliFormatReader *l,
                                                          const char        *element,
                                                          guint              max_points,
                                                          GArray            *points);
G_GNUC_INTERNAL LinliPolygon *_linli_format_read_polygon (LinliFormatReader *l,
                                                          const char        *element,
                                                          const char        *what);
G_GNUC_INTERNAL gboolean    _linli_format_read_list      (LinliFormatReader   *l,
                                                          const char          *list,
                                                          const char *const   *items,
                                                          LinliFormatItemFunc  func);

G_GNUC_INTERNAL gboolean    _linli_format_read_site_state (LinliFormatReader *l,
                                                           const char        *element,
                                                           LinliSiteState    *st);
G_GNUC_INTERNAL void        _linli_format_append_site    (GString              *out,
                                                          const char           *element,
                                                          const LinliSiteState *st);

G_GNUC_INTERNAL void        _linli_format_append_escaped (GString    *out,
                                                          const char *value);
G_GNUC_INTERNAL void        _linli_format_append_attr    (GString    *out,
                                                          const char *name,
                                                          const char *value);
G_GNUC_INTERNAL void        _linli_format_append_fixed7  (GString *out,
                                                          double   value);
G_GNUC_INTERNAL void        _linli_format_append_uint    (GString *out,
                                                          guint    value);
G_GNUC_INTERNAL void        _linli_format_append_coord   (GString    *out,
                                                          const char *name,
                                                          double      value);
G_GNUC_INTERNAL void        _linli_format_append_number  (GString    *out,
                                                          const char *name,
                                                          double      value);
G_GNUC_INTERNAL void        _linli_format_append_points  (GString           *out,
                                                          const LinliLatLon *points,
                                                          guint              n_points);
G_GNUC_INTERNAL void        _linli_format_append_polygon (GString            *out,
                                                          const LinliPolygon *polygon);
G_GNUC_INTERNAL gboolean    _linli_format_writer_flush   (LinliFormatWriter *w);

/* Writes what is collected on to the file once a chunk is full. */
#define LINLI_FORMAT_CHUNK (1 << 20)

static inline gboolean
_linli_format_writer_step (LinliFormatWriter *w)
{
  return w->file == NULL || w->out->len < LINLI_FORMAT_CHUNK || _linli_format_writer_flush (w);
}

G_END_DECLS
