/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json-glib parses by recursion, one level of C stack per level of
 * nesting: 100,000 "[" overflow the stack.  Every JSON file the core
 * reads goes through linli_json_load_file(), which measures the nesting
 * first and refuses what is deeper than any GeoJSON needs.  Core-private. */

#define LINLI_JSON_MAX_DEPTH 64

gboolean    linli_json_check_depth (const char  *data,
                                    gsize        length,
                                    guint        max_depth,
                                    guint       *line);
JsonParser *linli_json_load_file   (const char  *path,
                                    GQuark       domain,
                                    int          code,
                                    GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
