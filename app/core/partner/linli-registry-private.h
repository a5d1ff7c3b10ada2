/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "linli-registry.h"

G_BEGIN_DECLS

/* Shared by the registry (linli-registry.c, which holds the SQLite backend)
 * and its PostgreSQL backend (linli-registry-pg.c). */

/* What a backend provides.  The bookkeeping of versions and the conflict
 * checks are shared, so a second backend (a PostgreSQL server) only stores
 * and reads rows.  A stored version of 0 means the item is not stored. */
typedef struct
{
  gboolean (*begin)          (LinliRegistry     *self,
                              GError           **error);
  gboolean (*commit)         (LinliRegistry     *self,
                              GError           **error);
  void     (*rollback)       (LinliRegistry     *self);
  /* Appends every stored item to @partners (whose lists are empty) and
   * enters each into self->known with its version. */
  gboolean (*load)           (LinliRegistry     *self,
                              LinliPartners     *partners,
                              GError           **error);
  gboolean (*stored_version) (LinliRegistry     *self,
                              LinliPartnerList   list,
                              const char        *id,
                              gint64            *version,
                              GError           **error);
  /* Inserts @item when @version is 1, else updates the stored row. */
  gboolean (*write)          (LinliRegistry     *self,
                              LinliPartnerList   list,
                              gconstpointer      item,
                              gint64             version,
                              GError           **error);
  gboolean (*remove)         (LinliRegistry     *self,
                              LinliPartnerList   list,
                              const char        *id,
                              GError           **error);
  void     (*close)          (LinliRegistry     *self);
} LinliRegistryBackend;

/* An item as this connection last loaded or saved it. */
typedef struct
{
  LinliPartnerList list;
  gint64           version;
  gpointer         item;
} Known;

struct _LinliRegistry
{
  const LinliRegistryBackend *backend;
  sqlite3                    *db;
  struct pg_conn             *pg;
  /* Where the registry is, without any password: shown in messages and
   * recorded in the plans that take a snapshot of it. */
  char                       *location;
  GHashTable                 *known[LINLI_PARTNER_N_LISTS];  /* id → Known */
};

/* The tables of the lists, and their columns but id and version in the
 * order both backends bind them. */
extern const char *const linli_registry_table_names[LINLI_PARTNER_N_LISTS];
extern const char *const linli_registry_table_columns[LINLI_PARTNER_N_LISTS];

LinliRegistry *linli_registry_new         (const LinliRegistryBackend  *backend,
                                           const char                  *location);
void           linli_registry_known_set   (LinliRegistry               *self,
                                           LinliPartnerList             list,
                                           gconstpointer                item,
                                           gint64                       version);
void           linli_registry_set_bad_row (GError                     **error,
                                           const char                  *table,
                                           const char                  *id,
                                           const char                  *reason);
/* Whether @keyword is one of libpq's connection keywords. */
gboolean       linli_registry_postgresql_is_keyword (const char *keyword);

G_END_DECLS
