/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sqlite helper: failures become GErrors carrying SQLite's message. */
#include <glib/gstdio.h>
#include <string.h>

#include "linli-sqlite.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("linli-sqlite-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);

  g_unlink (journal);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Writes, then reads back read-only, through the helpers alone. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3) db = linli_sqlite_open (f->path, LINLI_SQLITE_OPEN_READ_WRITE, &error);
  g_autoptr (sqlite3) ro = NULL;
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autoptr (sqlite3_stmt) select = NULL;
  guint n = 0;
  int rc;

  g_assert_no_error (error);
  g_assert_true (linli_sqlite_exec (db, "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)", &error));
  g_assert_no_error (error);
  insert = linli_sqlite_prepare (db, "INSERT INTO t (k, v) VALUES (?1, ?2)", &error);
  g_assert_no_error (error);
  for (int k = 1; k <= 3; k++)
    {
      g_autofree char *v = g_strdup_printf ("value %d", k);

      sqlite3_reset (insert);
      sqlite3_bind_int (insert, 1, k);
      sqlite3_bind_text (insert, 2, v, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (linli_sqlite_step (insert, &error), ==, SQLITE_DONE);
      g_assert_no_error (error);
    }

  ro = linli_sqlite_open (f->path, LINLI_SQLITE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  select = linli_sqlite_prepare (ro, "SELECT k, v FROM t ORDER BY k", &error);
  g_assert_no_error (error);
  while ((rc = linli_sqlite_step (select, &error)) == SQLITE_ROW)
    {
      g_autofree char *want = g_strdup_printf ("value %u", ++n);

      g_assert_cmpint (sqlite3_column_int (select, 0), ==, n);
      g_assert_cmpstr ((const char *) sqlite3_column_text (select, 1), ==, want);
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  /* Writing through a read-only connection fails with SQLite's reason. */
  g_assert_false (linli_sqlite_exec (ro, "INSERT INTO t (k, v) VALUES (9, 'x')", &error));
  g_assert_error (error, LINLI_SQLITE_ERROR, LINLI_SQLITE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "readonly"));
}

/* Each failure is a GError with SQLite's own message and a code to act on. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3) db = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autofree char *text = g_build_filename (f->dir, "text.db", NULL);

  /* A missing file, read only: not created. */
  g_assert_null (linli_sqlite_open (missing, LINLI_SQLITE_OPEN_READ_ONLY, &error));
  g_assert_error (error, LINLI_SQLITE_ERROR, LINLI_SQLITE_ERROR_CANT_OPEN);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_nonnull (strstr (error->message, "unable to open"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Some other file: refused when opened, not at the first query. */
  g_assert_true (g_file_set_contents (text, "This is not a database, but it is long enough to have a header. "
                                      "This is not a database, but it is long enough to have a header.", -1, NULL));
  g_assert_null (linli_sqlite_open (text, LINLI_SQLITE_OPEN_READ_ONLY, &error));
  g_assert_error (error, LINLI_SQLITE_ERROR, LINLI_SQLITE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "not a database"));
  g_clear_error (&error);
  g_unlink (text);

  db = linli_sqlite_open (f->path, LINLI_SQLITE_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_null (linli_sqlite_prepare (db, "SELECT * FROM nowhere", &error));
  g_assert_error (error, LINLI_SQLITE_ERROR, LINLI_SQLITE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "no such table: nowhere");
  g_clear_error (&error);
  g_assert_null (linli_sqlite_prepare (db, "SELEC 1", &error));
  g_assert_nonnull (strstr (error->message, "syntax error"));
  g_clear_error (&error);

  /* A step that breaks a constraint. */
  g_assert_true (linli_sqlite_exec (db, "CREATE TABLE u (k INTEGER PRIMARY KEY); INSERT INTO u VALUES (1)", &error));
  stmt = linli_sqlite_prepare (db, "INSERT INTO u VALUES (1)", &error);
  g_assert_no_error (error);
  g_assert_cmpint (linli_sqlite_step (stmt, &error) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_error (error, LINLI_SQLITE_ERROR, LINLI_SQLITE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "UNIQUE constraint failed: u.k"));
  g_clear_error (&error);
  g_assert_false (linli_sqlite_exec (db, "INSERT INTO u VALUES (1)", &error));
  g_assert_error (error, LINLI_SQLITE_ERROR, LINLI_SQLITE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "UNIQUE constraint failed: u.k"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sqlite/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/sqlite/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  return g_test_run ();
}
