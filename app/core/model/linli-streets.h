/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "linli-geo.h"

G_BEGIN_DECLS

/* The walkable street network as imported: nodes (WGS84) and ways, each a
 * list of node indices.  Ways that share a node are connected there.  The
 * walking graph (linli-walk.h) is built from this; the project file keeps it
 * (see data/linli-1.rng, <streets>).
 */

typedef enum
{
  LINLI_STREET_FOOTWAY,
  LINLI_STREET_PATH,
  LINLI_STREET_PEDESTRIAN,
  LINLI_STREET_STEPS,
  LINLI_STREET_LIVING_STREET,
  LINLI_STREET_RESIDENTIAL,
  LINLI_STREET_SERVICE,
  LINLI_STREET_UNCLASSIFIED,
  LINLI_STREET_TERTIARY,
  LINLI_STREET_SECONDARY,
  LINLI_STREET_PRIMARY,        /* primary and larger, where walking is allowed */
  LINLI_STREET_N_KINDS,
} LinliStreetKind;

typedef struct _LinliStreets LinliStreets;

const char   *linli_street_kind_to_string   (LinliStreetKind kind);
gboolean      linli_street_kind_from_string (const char      *string,
                                             LinliStreetKind *kind);

LinliStreets *linli_streets_new             (void) G_GNUC_WARN_UNUSED_RESULT;
LinliStreets *linli_streets_copy            (const LinliStreets *streets) G_GNUC_WARN_UNUSED_RESULT;
void          linli_streets_free            (LinliStreets *streets);

guint         linli_streets_add_node        (LinliStreets *streets,
                                             double        lat,
                                             double        lon);
void          linli_streets_add_way         (LinliStreets    *streets,
                                             LinliStreetKind  kind,
                                             const guint32   *nodes,
                                             guint            n_nodes);

guint              linli_streets_get_n_nodes    (const LinliStreets *streets);
const LinliLatLon *linli_streets_get_nodes      (const LinliStreets *streets);
guint              linli_streets_get_n_ways     (const LinliStreets *streets);
const guint32     *linli_streets_get_way        (const LinliStreets *streets,
                                                 guint               way,
                                                 LinliStreetKind    *kind,
                                                 guint              *n_nodes);
guint              linli_streets_get_n_segments (const LinliStreets *streets);
double             linli_streets_get_length     (const LinliStreets *streets);
gboolean           linli_streets_equal          (const LinliStreets *a,
                                                 const LinliStreets *b);

guint              linli_streets_join           (LinliStreets          *streets,
                                                 const LinliProjection *projection,
                                                 double                 tolerance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliStreets, linli_streets_free)

G_END_DECLS
