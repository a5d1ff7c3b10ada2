/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "linli-partners.h"

G_BEGIN_DECLS

/* The registry of partner units: the five partner lists kept outside any
 * one plan, shared by the communities of a street office and edited by
 * several people at once.
 *
 * A registry is one interface over a backend (a struct of functions, see
 * LinliRegistryBackend in linli-registry-private.h): an SQLite file, the
 * embedded default, or a PostgreSQL server (or one that speaks its
 * protocol) when many people edit at once.  Every stored item carries a
 * version.  A connection
 * remembers the version and the value of each item as it last loaded or
 * saved it; saving writes only what differs from that, and refuses the
 * whole save when someone else changed, added or removed one of those
 * items in between, so an edit is never lost without a word.
 */

#define LINLI_REGISTRY_ERROR (linli_registry_error_quark ())

typedef enum
{
  LINLI_REGISTRY_ERROR_FAILED,
  LINLI_REGISTRY_ERROR_NOT_A_REGISTRY,
  LINLI_REGISTRY_ERROR_NEWER_SCHEMA,
  LINLI_REGISTRY_ERROR_CONFLICT,
} LinliRegistryError;

typedef struct _LinliRegistry LinliRegistry;

GQuark         linli_registry_error_quark    (void);

/* The schema version this build writes and reads. */
guint          linli_registry_schema_version (void);

LinliRegistry *linli_registry_open           (const char     *uri,
                                              GError        **error) G_GNUC_WARN_UNUSED_RESULT;
LinliRegistry *linli_registry_open_sqlite    (const char     *path,
                                              GError        **error) G_GNUC_WARN_UNUSED_RESULT;
LinliRegistry *linli_registry_open_postgresql (const char    *conninfo,
                                               GError       **error) G_GNUC_WARN_UNUSED_RESULT;
const char    *linli_registry_get_location   (LinliRegistry  *self);
void           linli_registry_close          (LinliRegistry  *self);

gboolean       linli_registry_load           (LinliRegistry  *self,
                                              LinliPartners  *partners,
                                              GError        **error);
gboolean       linli_registry_save           (LinliRegistry  *self,
                                              LinliPartners  *partners,
                                              GError        **error);
gint64         linli_registry_get_version    (LinliRegistry    *self,
                                              LinliPartnerList  list,
                                              const char       *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliRegistry, linli_registry_close)

G_END_DECLS
