/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-sqlite"

#include "config.h"

#include "linli-sqlite.h"

#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (linli-sqlite-error-quark, linli_sqlite_error)

/**
 * linli_sqlite_set_error:
 * @db: (nullable): the connection that failed, for its message
 * @rc: what SQLite returned
 *
 * Sets @error to SQLite's message for @rc: sqlite3_errmsg() of @db, or
 * sqlite3_errstr() without one, with a code of %LINLI_SQLITE_ERROR.
 */
void
linli_sqlite_set_error (GError  **error,
                        sqlite3  *db,
                        int       rc)
{
  LinliSqliteError code;

  switch (rc & 0xff)
    {
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      code = LINLI_SQLITE_ERROR_CANT_OPEN;
      break;
    case SQLITE_NOTADB:
      code = LINLI_SQLITE_ERROR_NOT_A_DATABASE;
      break;
    case SQLITE_CORRUPT:
      code = LINLI_SQLITE_ERROR_CORRUPT;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = LINLI_SQLITE_ERROR_BUSY;
      break;
    case SQLITE_READONLY:
      code = LINLI_SQLITE_ERROR_READ_ONLY;
      break;
    case SQLITE_CONSTRAINT:
      code = LINLI_SQLITE_ERROR_CONSTRAINT;
      break;
    default:
      code = LINLI_SQLITE_ERROR_FAILED;
      break;
    }
  if (db != NULL && sqlite3_errcode (db) != SQLITE_OK)
    g_set_error_literal (error, LINLI_SQLITE_ERROR, code, sqlite3_errmsg (db));
  else
    g_set_error_literal (error, LINLI_SQLITE_ERROR, code, sqlite3_errstr (rc));
}

/**
 * linli_sqlite_open:
 * @path: the database file
 * @mode: read only, or read and write (then created when missing)
 *
 * Opens a connection for one thread at a time (SQLite's own mutex is off:
 * guard a connection shared between threads with a lock) and reads the
 * file's header, so a file that is no database is refused here rather than
 * at the first query.
 *
 * Returns: (transfer full): the connection, or %NULL with @error saying
 *   "Could not open “PATH”: reason"
 */
sqlite3 *
linli_sqlite_open (const char           *path,
                   LinliSqliteOpenMode   mode,
                   GError              **error)
{
  g_autoptr (sqlite3) db = NULL;
  g_autoptr (sqlite3_stmt) probe = NULL;
  g_autofree char *display = NULL;
  int flags = SQLITE_OPEN_NOMUTEX;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (mode == LINLI_SQLITE_OPEN_READ_WRITE)
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  else
    flags |= SQLITE_OPEN_READONLY;
  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      /* Another connection opening or closing the same file (a WAL file
       * being recovered or checkpointed) holds a lock for a moment: wait
       * for it rather than fail the probe below. */
      sqlite3_busy_timeout (db, 5000);
      rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master LIMIT 1", -1, &probe, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (probe);
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return g_steal_pointer (&db);
    }
  linli_sqlite_set_error (error, db, rc);
  display = g_filename_display_name (path);
  g_prefix_error (error, _("Could not open “%s”: "), display);
  return NULL;
}

/**
 * linli_sqlite_prepare:
 * @sql: one statement
 *
 * Returns: (transfer full): the statement, or %NULL with @error set to
 *   sqlite3_errmsg(), e.g. "no such table: tiles"
 */
sqlite3_stmt *
linli_sqlite_prepare (sqlite3     *db,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      linli_sqlite_set_error (error, db, rc);
      return NULL;
    }
  return stmt;
}

/**
 * linli_sqlite_step:
 *
 * Steps @stmt once.
 *
 * Returns: %SQLITE_ROW or %SQLITE_DONE; any other result code with @error
 *   set to sqlite3_errmsg()
 */
int
linli_sqlite_step (sqlite3_stmt  *stmt,
                   GError       **error)
{
  int rc;

  g_return_val_if_fail (stmt != NULL, SQLITE_MISUSE);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    linli_sqlite_set_error (error, sqlite3_db_handle (stmt), rc);
  return rc;
}

/**
 * linli_sqlite_exec:
 * @sql: statements without results, e.g. "CREATE TABLE …; INSERT …"
 *
 * Returns: %TRUE on success, else %FALSE with @error set to SQLite's message
 */
gboolean
linli_sqlite_exec (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  char *message = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      linli_sqlite_set_error (error, db, rc);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}
