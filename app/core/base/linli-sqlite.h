/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* SQLite for the core and the GUI: connections and statements whose
 * failures become a GError carrying sqlite3_errmsg(), and the one place
 * the cleanup functions for g_autoptr are declared.
 */

#define LINLI_SQLITE_ERROR (linli_sqlite_error_quark ())

typedef enum
{
  LINLI_SQLITE_ERROR_FAILED,
  LINLI_SQLITE_ERROR_CANT_OPEN,       /* SQLITE_CANTOPEN, SQLITE_PERM */
  LINLI_SQLITE_ERROR_NOT_A_DATABASE,  /* SQLITE_NOTADB */
  LINLI_SQLITE_ERROR_CORRUPT,         /* SQLITE_CORRUPT */
  LINLI_SQLITE_ERROR_BUSY,            /* SQLITE_BUSY, SQLITE_LOCKED */
  LINLI_SQLITE_ERROR_READ_ONLY,       /* SQLITE_READONLY */
  LINLI_SQLITE_ERROR_CONSTRAINT,      /* SQLITE_CONSTRAINT */
} LinliSqliteError;

typedef enum
{
  LINLI_SQLITE_OPEN_READ_ONLY,
  LINLI_SQLITE_OPEN_READ_WRITE,  /* created when missing */
} LinliSqliteOpenMode;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

GQuark        linli_sqlite_error_quark (void);

sqlite3      *linli_sqlite_open        (const char           *path,
                                        LinliSqliteOpenMode   mode,
                                        GError              **error) G_GNUC_WARN_UNUSED_RESULT;
sqlite3_stmt *linli_sqlite_prepare     (sqlite3              *db,
                                        const char           *sql,
                                        GError              **error) G_GNUC_WARN_UNUSED_RESULT;
int           linli_sqlite_step        (sqlite3_stmt         *stmt,
                                        GError              **error);
gboolean      linli_sqlite_exec        (sqlite3              *db,
                                        const char           *sql,
                                        GError              **error);
void          linli_sqlite_set_error   (GError              **error,
                                        sqlite3              *db,
                                        int                   rc);

G_END_DECLS
