/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-registry"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "linli-partners.h"
#include "linli-registry.h"
#include "linli-test-utils.h"

/* The registry of partner units on SQLite: what is saved comes back equal
 * (compared through a dump written here, field by field), a newer schema
 * is refused, two connections editing the same item are told so, and a
 * save that fails or is killed leaves the file as it was. */

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

static void
ignore_notice (void       *data,
               const char *message)
{
}

/* Random text, sometimes absent or empty, with quotes, SQL and Chinese. */
static char *
random_text (GRand    *rand,
             gboolean  optional)
{
  static const char *const pieces[] = {
    "拱宸桥", "社区", "'", "\"", "; DROP TABLE units; --", " ", "a", "%s", "\\", "医院",
  };
  GString *text;
  guint n;

  if (optional && g_rand_int_range (rand, 0, 4) == 0)
    return NULL;
  text = g_string_new (NULL);
  n = g_rand_int_range (rand, 0, 5);
  for (guint i = 0; i < n; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (text, FALSE);
}

/* Positive, with all 53 bits of the mantissa used, sometimes a whole
 * number (which SQLite stores as an integer). */
static double
random_quantity (GRand *rand)
{
  if (g_rand_boolean (rand))
    return g_rand_int_range (rand, 1, 1000);
  return g_rand_double_range (rand, 1e-6, 1e6);
}

static const char *
random_id (GRand            *rand,
           LinliPartners    *p,
           LinliPartnerList  list)
{
  guint n = linli_partners_get_n (p, list);

  if (n == 0)
    return NULL;
  return linli_partner_item_get_id (list,
                                    linli_partners_get (p, list, g_rand_int_range (rand, 0, n)));
}

/* A new random item of @list whose references point at existing items;
 * free it with linli_partner_item_free(). */
static gpointer
random_item (GRand            *rand,
             LinliPartners    *p,
             LinliPartnerList  list,
             const char       *id)
{
  switch (list)
    {
    case LINLI_PARTNER_LIST_CATEGORIES:
      {
        g_autofree char *name = random_text (rand, FALSE);
        LinliPartnerCategory c = { (char *) id, name, FALSE };

        return linli_partner_item_copy (list, &c);
      }
    case LINLI_PARTNER_LIST_UNITS:
      {
        g_autofree char *name = random_text (rand, FALSE), *address = random_text (rand, TRUE);
        g_autofree char *contact = random_text (rand, TRUE);
        char *measures[4] = { NULL };
        LinliPartnerResource res[4];
        LinliPartnerUnit u = { 0 };
        gpointer item;

        u.id = (char *) id;
        u.name = name;
        u.type = g_rand_int_range (rand, 0, LINLI_PARTNER_UNIT_N_TYPES);
        u.address = address;
        u.has_position = g_rand_boolean (rand);
        u.lat = u.has_position ? g_rand_double_range (rand, 18, 53) : 0;
        u.lon = u.has_position ? g_rand_double_range (rand, 73, 135) : 0;
        u.contact = contact;
        u.members = g_rand_int_range (rand, 0, 200);
        u.n_resources = g_rand_int_range (rand, 0, 5);
        for (guint k = 0; k < u.n_resources; k++)
          {
            const char *category = random_id (rand, p, LINLI_PARTNER_LIST_CATEGORIES);

            measures[k] = random_text (rand, TRUE);
            res[k] = (LinliPartnerResource) { (char *) category,
                                              random_quantity (rand), measures[k],
                                              random_quantity (rand),
                                              g_rand_int_range (rand, 0, 4) };
          }
        u.resources = res;
        item = linli_partner_item_copy (list, &u);
        for (guint k = 0; k < 4; k++)
          g_free (measures[k]);
        return item;
      }
    case LINLI_PARTNER_LIST_NEEDS:
      {
        g_autofree char *place = random_text (rand, FALSE), *note = random_text (rand, TRUE);
        LinliPartnerNeed n = { 0 };

        n.id = (char *) id;
        n.place_kind = g_rand_int_range (rand, 0, 3);
        n.place = place;
        n.category = (char *) random_id (rand, p, LINLI_PARTNER_LIST_CATEGORIES);
        n.quantity = random_quantity (rand);
        n.priority = g_rand_int_range (rand, 1, LINLI_PARTNER_MAX_PRIORITY + 1);
        n.note = note;
        n.period = g_rand_int_range (rand, 0, 4);
        return linli_partner_item_copy (list, &n);
      }
    case LINLI_PARTNER_LIST_RECORDS:
      {
        g_autofree char *place = random_text (rand, FALSE), *person = random_text (rand, TRUE);
        g_autofree char *note = random_text (rand, TRUE);
        g_autofree char *date = g_strdup_printf ("2026-%02d-%02d", g_rand_int_range (rand, 1, 13),
                                                 g_rand_int_range (rand, 1, 29));
        LinliServiceRecord r = { 0 };

        r.id = (char *) id;
        r.unit = (char *) random_id (rand, p, LINLI_PARTNER_LIST_UNITS);
        if (g_rand_boolean (rand))
          r.need = (char *) random_id (rand, p, LINLI_PARTNER_LIST_NEEDS);
        r.place_kind = g_rand_int_range (rand, 0, 3);
        r.place = place;
        r.category = (char *) random_id (rand, p, LINLI_PARTNER_LIST_CATEGORIES);
        r.date = date;
        r.hours = random_quantity (rand);
        r.person = person;
        r.note = note;
        return linli_partner_item_copy (list, &r);
      }
    case LINLI_PARTNER_LIST_EVALUATIONS:
    default:
      {
        g_autofree char *comment = random_text (rand, TRUE);
        LinliServiceEvaluation e = { 0 };

        e.id = (char *) id;
        e.record = (char *) random_id (rand, p, LINLI_PARTNER_LIST_RECORDS);
        e.score = g_rand_int_range (rand, 1, LINLI_PARTNER_MAX_SCORE + 1);
        e.comment = comment;
        return linli_partner_item_copy (list, &e);
      }
    }
}

static void
add_random (GRand            *rand,
            LinliPartners    *p,
            LinliPartnerList  list)
{
  g_autofree char *id = linli_partners_new_id (p, list);
  gpointer item = random_item (rand, p, list, id);

  linli_partners_insert (p, list, linli_partners_get_n (p, list), item);
  linli_partner_item_free (list, item);
}

/* Adds, changes or removes one random item. */
static void
edit_random (GRand         *rand,
             LinliPartners *p)
{
  LinliPartnerList list = g_rand_int_range (rand, 0, LINLI_PARTNER_N_LISTS);
  guint n = linli_partners_get_n (p, list);
  guint what = g_rand_int_range (rand, 0, 3);

  if (n == 0 || what == 0)
    add_random (rand, p, list);
  else if (what == 1)
    {
      guint i = g_rand_int_range (rand, 0, n);
      gconstpointer was = linli_partners_get (p, list, i);
      g_autofree char *id = g_strdup (linli_partner_item_get_id (list, was));
      gpointer item = random_item (rand, p, list, id);

      linli_partners_replace (p, list, i, item);
      linli_partner_item_free (list, item);
    }
  else
    linli_partners_remove (p, list, g_rand_int_range (rand, 0, n));
}

static LinliPartners *
random_partners (GRand *rand,
                 guint  n_items)
{
  LinliPartners *p = linli_partners_new ();

  for (guint i = 0; i < n_items; i++)
    add_random (rand, p, g_rand_int_range (rand, 0, LINLI_PARTNER_N_LISTS));
  return p;
}

typedef enum
{
  BACKEND_SQLITE,
  BACKEND_POSTGRESQL,
} Backend;

/* A place for registries: a directory of SQLite files, or a PostgreSQL
 * server on which each registry gets a schema of its own.  Each test runs
 * once on each backend. */
typedef struct
{
  Backend    backend;
  char      *dir;
  char      *path;     /* the test's first registry, as linli_registry_open() takes it */
  PGconn    *admin;    /* PostgreSQL: creates and drops the schemas */
  char      *server;   /* PostgreSQL: the connection string the schemas are added to */
  GPtrArray *schemas;  /* PostgreSQL: those created, dropped at the end */
} Fixture;

static guint n_schemas;

/* Connections of run_sql(), one per registry: connecting costs more than
 * the queries. */
static GHashTable *sql_connections;

/* A new registry location named @name: a file in the directory, or a new
 * schema on the server. */
static char *
make_location (Fixture    *f,
               const char *name)
{
  g_autofree char *schema = NULL;
  g_autofree char *sql = NULL;
  PGresult *result;

  if (f->backend == BACKEND_SQLITE)
    return g_build_filename (f->dir, name, NULL);
  schema = g_strdup_printf ("linli_test_%d_%u", (int) getpid (), n_schemas++);
  sql = g_strdup_printf ("CREATE SCHEMA %s", schema);
  result = PQexec (f->admin, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  g_ptr_array_add (f->schemas, g_strdup (schema));
  return g_strdup_printf ("%s options='-csearch_path=%s'", f->server, schema);
}

/* The PostgreSQL server the tests may use, from LINLI_TEST_POSTGRESQL (a
 * libpq connection string, empty for the PG* variables pg_virtualenv
 * sets), or %NULL with the reason it cannot be used. */
static PGconn *
connect_server (char **reason)
{
  const char *server = g_getenv ("LINLI_TEST_POSTGRESQL");
  g_autofree char *conninfo = NULL;
  PGconn *conn;

  if (server == NULL)
    {
      *reason = g_strdup ("LINLI_TEST_POSTGRESQL is not set (tests/meson.build sets it "
                          "when pg_virtualenv runs the test)");
      return NULL;
    }
  /* Never wait long for a server that is not there. */
  conninfo = g_strdup_printf ("connect_timeout=5 %s", server);
  conn = PQconnectdb (conninfo);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      *reason = g_strdup_printf ("no PostgreSQL server: %s", PQerrorMessage (conn));
      PQfinish (conn);
      return NULL;
    }
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  return conn;
}

typedef void (*TestFunc) (Fixture       *f,
                          gconstpointer  data);

/* A test and the backend it runs on: the data of each registered test. */
typedef struct
{
  Backend   backend;
  TestFunc  func;
} TestCase;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const TestCase *tc = data;

  f->backend = tc->backend;
  f->dir = g_dir_make_tmp ("test-registry-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->schemas = g_ptr_array_new_with_free_func (g_free);
  if (f->backend == BACKEND_POSTGRESQL)
    {
      g_autofree char *reason = NULL;

      f->admin = connect_server (&reason);
      if (f->admin == NULL)
        {
          g_test_skip (reason);
          return;
        }
      f->server = g_strdup_printf ("connect_timeout=5 %s", g_getenv ("LINLI_TEST_POSTGRESQL"));
    }
  f->path = make_location (f, "registry.sqlite");
}

/* Runs the test of @data unless set up skipped it: the PostgreSQL tests
 * are skipped when no server can be reached. */
static void
run_test (Fixture       *f,
          gconstpointer  data)
{
  const TestCase *tc = data;

  if (f->path != NULL)
    tc->func (f, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_hash_table_remove_all (sql_connections);
  for (guint i = 0; i < f->schemas->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP SCHEMA %s CASCADE",
                                              (char *) g_ptr_array_index (f->schemas, i));

      PQclear (PQexec (f->admin, sql));
    }
  g_clear_pointer (&f->admin, PQfinish);
  g_ptr_array_unref (f->schemas);
  g_free (f->server);
  g_free (f->dir);
  g_free (f->path);
}

/* The number of random cases of a test: a third on the server, where each
 * case creates a schema and its tables and each statement is a round trip;
 * test_same_as_sqlite() checks the server's results against SQLite's. */
static guint
n_cases (Fixture *f,
         guint    n)
{
  n = linli_test_cases (n);
  return f->backend == BACKEND_POSTGRESQL ? MAX (1, n / 3) : n;
}

/* What a fresh connection reads from @path, as a dump. */
static char *
dump_registry (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) registry = linli_registry_open (path, &error);
  g_autoptr (LinliPartners) p = linli_partners_new ();

  g_assert_no_error (error);
  linli_registry_load (registry, p, &error);
  g_assert_no_error (error);
  return linli_test_dump_partners (p);
}

static gboolean
is_postgresql (const char *path)
{
  return strstr (path, "search_path=") != NULL;
}

/* Runs @sql on the registry at @path, behind the back of the registry
 * code; returns the first column of the first row as an integer. */
static gint64
run_sql (const char *path,
         const char *sql,
         gboolean    returns_row)
{
  gint64 value = 0;

  if (is_postgresql (path))
    {
      PGconn *conn = g_hash_table_lookup (sql_connections, path);
      PGresult *result;

      if (conn == NULL)
        {
          conn = PQconnectdb (path);
          g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
          PQsetNoticeProcessor (conn, ignore_notice, NULL);
          g_hash_table_insert (sql_connections, g_strdup (path), conn);
        }
      result = PQexec (conn, sql);
      g_assert_cmpint (PQresultStatus (result), ==,
                       returns_row ? PGRES_TUPLES_OK : PGRES_COMMAND_OK);
      if (returns_row)
        {
          g_assert_cmpint (PQntuples (result), >=, 1);
          value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
        }
      PQclear (result);
    }
  else
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      if (returns_row)
        {
          g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          value = sqlite3_column_int64 (stmt, 0);
          sqlite3_finalize (stmt);
        }
      else
        g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
    }
  return value;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  run_sql (path, sql, FALSE);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  return run_sql (path, sql, TRUE);
}

static void
set_unit_name (LinliPartners *p,
               guint          position,
               const char    *name)
{
  LinliPartnerUnit *u = linli_partner_item_copy (LINLI_PARTNER_LIST_UNITS,
                                                 linli_partners_get_unit (p, position));

  g_free (u->name);
  u->name = g_strdup (name);
  linli_partners_replace (p, LINLI_PARTNER_LIST_UNITS, position, u);
  linli_partner_item_free (LINLI_PARTNER_LIST_UNITS, u);
}

/* A registry at @path holding @n_items random items (at least three units,
 * a need and an evaluation), also returned. */
static LinliPartners *
make_registry (GRand      *rand,
               const char *path,
               guint       n_items)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) registry = linli_registry_open (path, &error);
  LinliPartners *p = random_partners (rand, n_items);

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    add_random (rand, p, LINLI_PARTNER_LIST_UNITS);
  add_random (rand, p, LINLI_PARTNER_LIST_NEEDS);
  add_random (rand, p, LINLI_PARTNER_LIST_RECORDS);
  add_random (rand, p, LINLI_PARTNER_LIST_EVALUATIONS);
  g_assert_true (linli_registry_save (registry, p, &error));
  g_assert_no_error (error);
  return p;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

/* Random lists saved and read back by another connection are equal, and
 * so are they after rounds of random edits saved by the first. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  guint n = n_cases (f, 12);

  for (guint c = 0; c < n; c++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (c);
      g_autofree char *name = g_strdup_printf ("registry-%u.sqlite", c);
      g_autofree char *path = make_location (f, name);
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliRegistry) registry = linli_registry_open (path, &error);
      g_autoptr (LinliPartners) p = random_partners (rand, g_rand_int_range (rand, 0, 80));
      g_autofree char *expected = linli_test_dump_partners (p);
      g_autofree char *read = NULL;

      g_assert_no_error (error);
      g_assert_true (linli_registry_save (registry, p, &error));
      g_assert_no_error (error);
      read = dump_registry (path);
      g_assert_cmpstr (read, ==, expected);
      /* Saving changes nothing in the lists saved. */
      g_clear_pointer (&read, g_free);
      read = linli_test_dump_partners (p);
      g_assert_cmpstr (read, ==, expected);

      for (guint round = 0; round < 4; round++)
        {
          g_autoptr (GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                 NULL);
          g_autoptr (LinliPartners) old = linli_partners_new ();
          g_autofree char *now = NULL, *again = NULL;
          guint n_edits = g_rand_int_range (rand, 0, 20);

          /* The versions of the units before the edits. */
          for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_UNITS); i++)
            {
              const char *id = linli_partners_get_unit (p, i)->id;

              gint64 v = linli_registry_get_version (registry, LINLI_PARTNER_LIST_UNITS, id);

              g_hash_table_insert (before, g_strdup (id), GSIZE_TO_POINTER (v));
            }
          linli_partners_copy_from (old, p);
          for (guint e = 0; e < n_edits; e++)
            edit_random (rand, p);
          g_assert_true (linli_registry_save (registry, p, &error));
          g_assert_no_error (error);
          now = linli_test_dump_partners (p);
          again = dump_registry (path);
          g_assert_cmpstr (again, ==, now);

          /* A unit's version went up by one when it changed, else stayed. */
          for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_UNITS); i++)
            {
              const LinliPartnerUnit *u = linli_partners_get_unit (p, i);
              gconstpointer was = linli_partners_find (old, LINLI_PARTNER_LIST_UNITS, u->id, NULL);
              gint64 v = linli_registry_get_version (registry, LINLI_PARTNER_LIST_UNITS, u->id);
              g_autofree char *sql = g_strdup_printf ("SELECT version FROM units WHERE id = '%s'",
                                                      u->id);

              g_assert_cmpint (query_int (path, sql), ==, v);
              if (was == NULL)
                g_assert_cmpint (v, ==, 1);
              else if (linli_partner_item_equal (LINLI_PARTNER_LIST_UNITS, was, u))
                g_assert_cmpint (v, ==, GPOINTER_TO_SIZE (g_hash_table_lookup (before, u->id)));
              else
                g_assert_cmpint (v, ==, GPOINTER_TO_SIZE (g_hash_table_lookup (before, u->id)) + 1);
            }
        }
    }
}

/* A file of a newer schema, or a database that is no registry, is refused
 * with a message naming the versions and left as it was. */
static void
test_newer_schema (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) registry = linli_registry_open (f->path, &error);
  g_autofree char *other = make_location (f, "other.sqlite");
  gboolean pg = f->backend == BACKEND_POSTGRESQL;
  guint version = linli_registry_schema_version ();
  g_autofree char *newer = g_strdup_printf ("%u", version + 1);
  g_autofree char *ours = g_strdup_printf ("%u", version);
  g_autofree char *sql = g_strdup_printf (pg ? "UPDATE linli_meta SET schema_version = %u"
                                             : "PRAGMA user_version = %u", version + 1);
  /* Where each backend keeps its schema version, and how many tables the
   * registry's schema holds. */
  const char *schema_sql = pg ? "SELECT schema_version FROM linli_meta" : "PRAGMA user_version";
  const char *count_sql = pg ? "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
                             : "SELECT count(*) FROM sqlite_master";

  g_assert_no_error (error);
  g_assert_cmpuint (version, >=, 1);
  g_clear_pointer (&registry, linli_registry_close);
  g_assert_cmpint (query_int (f->path, schema_sql), ==, version);

  exec_sql (f->path, sql);
  registry = linli_registry_open (f->path, &error);
  g_assert_null (registry);
  g_assert_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, newer));
  g_assert_nonnull (strstr (error->message, ours));
  g_assert_cmpint (query_int (f->path, schema_sql), ==, version + 1);
  g_clear_error (&error);

  exec_sql (other, pg ? "CREATE TABLE t (x integer); INSERT INTO t VALUES (1)"
                      : "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  registry = linli_registry_open (other, &error);
  g_assert_null (registry);
  g_assert_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_NOT_A_REGISTRY);
  g_assert_cmpint (query_int (other, count_sql), ==, 1);
  if (!pg)
    g_assert_cmpint (query_int (other, "PRAGMA user_version"), ==, 0);
}

/* Two connections to one file: edits of different items both land; an
 * item changed, removed or added by the other since loading is a conflict
 * that names it, and nothing of that save is written. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autoptr (LinliPartners) start = make_registry (rand, f->path, 40);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) a = linli_registry_open (f->path, &error);
  g_autoptr (LinliRegistry) b = linli_registry_open (f->path, &error);
  g_autoptr (LinliPartners) pa = linli_partners_new ();
  g_autoptr (LinliPartners) pb = linli_partners_new ();
  g_autoptr (LinliPartners) both = linli_partners_new ();
  g_autofree char *after_a = NULL, *now = NULL, *expected = NULL;
  const LinliPartnerList units = LINLI_PARTNER_LIST_UNITS;
  const char *unit0;

  g_assert_no_error (error);
  g_assert_true (linli_registry_load (a, pa, &error));
  g_assert_true (linli_registry_load (b, pb, &error));
  g_assert_no_error (error);
  unit0 = linli_partners_get_unit (start, 0)->id;

  /* Different units: both saved, the registry holds both edits. */
  set_unit_name (pa, 1, "甲");
  set_unit_name (pb, 2, "乙");
  g_assert_true (linli_registry_save (a, pa, &error));
  g_assert_true (linli_registry_save (b, pb, &error));
  g_assert_no_error (error);
  linli_partners_copy_from (both, start);
  set_unit_name (both, 1, "甲");
  set_unit_name (both, 2, "乙");
  expected = linli_test_dump_partners (both);
  now = dump_registry (f->path);
  g_assert_cmpstr (now, ==, expected);

  /* The same unit: the second save is refused whole. */
  g_assert_true (linli_registry_load (a, pa, &error));
  g_assert_true (linli_registry_load (b, pb, &error));
  set_unit_name (pa, 0, "甲方");
  g_assert_true (linli_registry_save (a, pa, &error));
  g_assert_no_error (error);
  after_a = dump_registry (f->path);
  add_random (rand, pb, LINLI_PARTNER_LIST_CATEGORIES);
  set_unit_name (pb, 0, "乙方");
  g_assert_false (linli_registry_save (b, pb, &error));
  g_assert_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, unit0));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_clear_pointer (&now, g_free);
  now = dump_registry (f->path);
  g_assert_cmpstr (now, ==, after_a);
  /* Saving again does not slip through: the conflict stays until B loads. */
  g_assert_false (linli_registry_save (b, pb, &error));
  g_assert_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_CONFLICT);
  g_clear_error (&error);
  /* Loaded again, B sees A's edit and can redo its own. */
  g_assert_true (linli_registry_load (b, pb, &error));
  g_clear_pointer (&now, g_free);
  now = linli_test_dump_partners (pb);
  g_assert_cmpstr (now, ==, after_a);
  g_assert_cmpstr (linli_partners_get_unit (pb, 0)->name, ==, "甲方");
  set_unit_name (pb, 0, "乙方");
  g_assert_true (linli_registry_save (b, pb, &error));
  g_assert_no_error (error);

  /* Removed by one, changed by the other. */
  g_assert_true (linli_registry_load (a, pa, &error));
  g_assert_true (linli_registry_load (b, pb, &error));
  linli_partners_remove (pa, LINLI_PARTNER_LIST_NEEDS, 0);
  g_assert_true (linli_registry_save (a, pa, &error));
  {
    LinliPartnerNeed *n = linli_partner_item_copy (LINLI_PARTNER_LIST_NEEDS,
                                                   linli_partners_get_need (pb, 0));

    g_assert_cmpstr (n->id, ==, linli_partners_get_need (pb, 0)->id);
    n->quantity += 1;
    linli_partners_replace (pb, LINLI_PARTNER_LIST_NEEDS, 0, n);
    linli_partner_item_free (LINLI_PARTNER_LIST_NEEDS, n);
  }
  g_assert_false (linli_registry_save (b, pb, &error));
  g_assert_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_CONFLICT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Removed by both: no edit is lost, both saves go through. */
  g_assert_true (linli_registry_load (a, pa, &error));
  g_assert_true (linli_registry_load (b, pb, &error));
  g_assert_cmpstr (linli_partners_get_need (pa, 0)->id, ==, linli_partners_get_need (pb, 0)->id);
  linli_partners_remove (pa, LINLI_PARTNER_LIST_NEEDS, 0);
  linli_partners_remove (pb, LINLI_PARTNER_LIST_NEEDS, 0);
  g_assert_true (linli_registry_save (a, pa, &error));
  g_assert_true (linli_registry_save (b, pb, &error));
  g_assert_no_error (error);
  g_clear_pointer (&now, g_free);
  g_clear_pointer (&expected, g_free);
  now = dump_registry (f->path);
  expected = linli_test_dump_partners (pb);
  g_assert_cmpstr (now, ==, expected);

  /* The same new id added by both. */
  g_assert_true (linli_registry_load (a, pa, &error));
  g_assert_true (linli_registry_load (b, pb, &error));
  add_random (rand, pa, LINLI_PARTNER_LIST_UNITS);
  add_random (rand, pb, LINLI_PARTNER_LIST_UNITS);
  g_assert_cmpstr (linli_partners_get_unit (pa, linli_partners_get_n (pa, units) - 1)->id, ==,
                   linli_partners_get_unit (pb, linli_partners_get_n (pb, units) - 1)->id);
  g_assert_true (linli_registry_save (a, pa, &error));
  g_assert_false (linli_registry_save (b, pb, &error));
  g_assert_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_CONFLICT);
  g_test_message ("%s", error->message);
}

/* A save that fails at its last item, after many writes in the same
 * transaction, leaves the file as it was. */
static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  g_autoptr (LinliPartners) start = make_registry (rand, f->path, 60);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) a = linli_registry_open (f->path, &error);
  g_autoptr (LinliRegistry) b = linli_registry_open (f->path, &error);
  g_autoptr (LinliPartners) pa = linli_partners_new ();
  g_autoptr (LinliPartners) pb = linli_partners_new ();
  g_autofree char *before = NULL, *after = NULL;
  guint last;
  LinliServiceEvaluation *e;

  g_assert_no_error (error);
  g_assert_true (linli_registry_load (a, pa, &error));
  g_assert_true (linli_registry_load (b, pb, &error));
  last = linli_partners_get_n (pa, LINLI_PARTNER_LIST_EVALUATIONS) - 1;
  e = linli_partner_item_copy (LINLI_PARTNER_LIST_EVALUATIONS,
                               linli_partners_get_evaluation (pa, last));
  e->score = e->score % LINLI_PARTNER_MAX_SCORE + 1;
  linli_partners_replace (pa, LINLI_PARTNER_LIST_EVALUATIONS, last, e);
  g_assert_true (linli_registry_save (a, pa, &error));
  g_assert_no_error (error);
  before = dump_registry (f->path);

  /* Evaluations are written last: everything else of B's save is in the
   * transaction when the conflict is found. */
  for (guint i = 0; i < 50; i++)
    edit_random (rand, pb);
  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    add_random (rand, pb, l);
  if (linli_partners_find (pb, LINLI_PARTNER_LIST_EVALUATIONS, e->id, &last) == NULL)
    {
      linli_partners_insert (pb, LINLI_PARTNER_LIST_EVALUATIONS, 0, e);
      last = 0;
    }
  else
    {
      gconstpointer theirs = linli_partners_get_evaluation (pb, last);
      LinliServiceEvaluation *mine = linli_partner_item_copy (LINLI_PARTNER_LIST_EVALUATIONS,
                                                              theirs);

      g_free (mine->comment);
      mine->comment = g_strdup ("乙的评价");
      linli_partners_replace (pb, LINLI_PARTNER_LIST_EVALUATIONS, last, mine);
      linli_partner_item_free (LINLI_PARTNER_LIST_EVALUATIONS, mine);
    }
  linli_partner_item_free (LINLI_PARTNER_LIST_EVALUATIONS, e);
  g_assert_false (linli_registry_save (b, pb, &error));
  g_assert_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_CONFLICT);
  after = dump_registry (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* A row the model cannot hold is refused with its table, id and reason,
 * and the lists loaded into are left as they were. */
static void
test_bad_row (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  g_autoptr (LinliPartners) start = make_registry (rand, f->path, 20);
  g_autoptr (LinliPartners) p = random_partners (rand, 10);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) registry = NULL;
  g_autofree char *before = linli_test_dump_partners (p), *after = NULL, *sql = NULL;
  const char *id = linli_partners_get_unit (start, 1)->id;

  sql = g_strdup_printf ("UPDATE units SET type = 'spaceship' WHERE id = '%s'", id);
  exec_sql (f->path, sql);
  registry = linli_registry_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (linli_registry_load (registry, p, &error));
  g_assert_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_NOT_A_REGISTRY);
  g_assert_nonnull (strstr (error->message, id));
  g_assert_nonnull (strstr (error->message, "units"));
  after = linli_test_dump_partners (p);
  g_assert_cmpstr (after, ==, before);
}

static void
on_alarm (int signum)
{
  kill (getpid (), SIGKILL);
}

/* The child of test_killed_writer(): loads the registry, edits much of it,
 * writes the dump of its edited lists beside the registry, and is killed
 * by SIGKILL after the delay the parent gave, while saving or after. */
static void
killed_writer_child (void)
{
  const char *path = g_getenv ("TEST_REGISTRY_PATH");
  const char *delay_text = g_getenv ("TEST_REGISTRY_DELAY");
  guint delay = delay_text != NULL ? (guint) g_ascii_strtoull (delay_text, NULL, 10) : 0;
  g_autoptr (GRand) rand = g_rand_new_with_seed (delay);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) registry = NULL;
  g_autoptr (LinliPartners) p = linli_partners_new ();
  g_autofree char *dump = NULL, *dump_path = NULL;
  struct itimerval timer = { { 0, 0 }, { delay / 1000, (delay % 1000) * 1000 } };

  /* Only ever run by test_killed_writer(). */
  if (!g_test_subprocess ())
    return;
  registry = linli_registry_open (path, &error);
  dump_path = g_strdup (g_getenv ("TEST_REGISTRY_DUMP"));
  g_assert_no_error (error);
  g_assert_true (linli_registry_load (registry, p, &error));
  for (guint i = 0; i < linli_test_cases (600); i++)
    edit_random (rand, p);
  dump = linli_test_dump_partners (p);
  g_assert_true (g_file_set_contents (dump_path, dump, -1, NULL));
  signal (SIGALRM, on_alarm);
  g_assert_cmpint (setitimer (ITIMER_REAL, &timer, NULL), ==, 0);
  linli_registry_save (registry, p, &error);
  for (;;)
    pause ();
}

/* A writer killed at various moments of a save leaves the registry either
 * as it was or with the whole save, and the next writer goes on. */
static void
test_killed_writer (Fixture       *f,
                    gconstpointer  data)
{
  /* Under the sanitizers only the first: each child costs a second there. */
  static const guint delays_ms[] = { 3, 1, 10, 30, 200 };
  guint n_delays = MIN (linli_test_cases (G_N_ELEMENTS (delays_ms)), G_N_ELEMENTS (delays_ms));
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  g_autoptr (LinliPartners) start = make_registry (rand, f->path, linli_test_cases (1500));
  g_autofree char *dump_path = g_build_filename (f->dir, "after", NULL);
  guint n_before = 0, n_after = 0;

  g_setenv ("TEST_REGISTRY_PATH", f->path, TRUE);
  g_setenv ("TEST_REGISTRY_DUMP", dump_path, TRUE);
  for (guint i = 0; i < n_delays; i++)
    {
      g_autofree char *delay = g_strdup_printf ("%u", delays_ms[i]);
      g_autofree char *before = dump_registry (f->path), *after = NULL, *now = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliRegistry) registry = NULL;
      g_autoptr (LinliPartners) p = linli_partners_new ();

      g_setenv ("TEST_REGISTRY_DELAY", delay, TRUE);
      g_unlink (dump_path);
      g_test_trap_subprocess ("/registry/killed-writer/subprocess", 60 * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();
      g_assert_true (g_file_get_contents (dump_path, &after, NULL, NULL));
      g_assert_cmpstr (after, !=, before);
      now = dump_registry (f->path);
      if (g_strcmp0 (now, before) == 0)
        n_before++;
      else
        {
          g_assert_cmpstr (now, ==, after);
          n_after++;
        }
      /* The next writer is not locked out. */
      registry = linli_registry_open (f->path, &error);
      g_assert_no_error (error);
      g_assert_true (linli_registry_load (registry, p, &error));
      set_unit_name (p, 0, delay);
      g_assert_true (linli_registry_save (registry, p, &error));
      g_assert_no_error (error);
    }
  g_test_message ("killed before the commit %u times, after it %u times", n_before, n_after);
  g_unsetenv ("TEST_REGISTRY_PATH");
  g_unsetenv ("TEST_REGISTRY_DELAY");
  g_unsetenv ("TEST_REGISTRY_DUMP");
}

/* The same registry reached through each form of URI its backend takes,
 * and its location, shown and recorded in plans, never with a password. */
static void
test_location (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (23);
  g_autoptr (LinliPartners) start = make_registry (rand, f->path, 10);
  g_autofree char *expected = dump_registry (f->path);
  g_autoptr (GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  const char *password = g_getenv ("PGPASSWORD");

  if (f->backend == BACKEND_SQLITE)
    {
      g_ptr_array_add (uris, g_strconcat ("sqlite:", f->path, NULL));
      g_ptr_array_add (uris, g_strconcat ("sqlite://", f->path, NULL));
    }
  else
    {
      g_autofree char *schema = g_strdup (strstr (f->path, "search_path=") +
                                          strlen ("search_path="));
      g_autofree char *user = g_uri_escape_string (PQuser (f->admin), NULL, FALSE);
      g_autofree char *secret = g_uri_escape_string (password != NULL ? password : "", NULL,
                                                     FALSE);

      /* The schema name ends at the closing quote of the options. */
      *strchr (schema, '\'') = '\0';
      g_ptr_array_add (uris, g_strdup_printf ("postgresql://%s:%s@%s:%s/%s?options="
                                              "-csearch_path%%3D%s", user, secret,
                                              PQhost (f->admin), PQport (f->admin),
                                              PQdb (f->admin), schema));
      g_ptr_array_add (uris, g_strdup_printf ("postgres://%s@%s:%s/%s?password=%s&options="
                                              "-csearch_path%%3D%s", user, PQhost (f->admin),
                                              PQport (f->admin), PQdb (f->admin), secret, schema));
      g_ptr_array_add (uris, g_strdup_printf ("host=%s port=%s dbname=%s password='%s' "
                                              "options='-csearch_path=%s'", PQhost (f->admin),
                                              PQport (f->admin), PQdb (f->admin),
                                              password != NULL ? password : "", schema));
    }
  for (guint i = 0; i < uris->len; i++)
    {
      const char *uri = g_ptr_array_index (uris, i);
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliRegistry) registry = linli_registry_open (uri, &error);
      g_autoptr (LinliPartners) p = linli_partners_new ();
      g_autofree char *dump = NULL;
      const char *location;

      g_assert_no_error (error);
      g_assert_true (linli_registry_load (registry, p, &error));
      dump = linli_test_dump_partners (p);
      g_assert_cmpstr (dump, ==, expected);
      location = linli_registry_get_location (registry);
      g_test_message ("%s", location);
      /* The lists loaded say where they came from. */
      g_assert_cmpstr (linli_partners_get_registry (p), ==, location);
      if (f->backend == BACKEND_SQLITE)
        g_assert_cmpstr (location, ==, f->path);
      else
        {
          g_assert_null (strstr (location, "password"));
          if (password != NULL && *password != '\0')
            g_assert_null (strstr (location, password));
          /* The location opens the same registry again. */
          g_clear_pointer (&dump, g_free);
          dump = dump_registry (location);
          g_assert_cmpstr (dump, ==, expected);
        }
    }
}

/* One of the two sessions of test_race(). */
typedef struct
{
  const char    *path;
  guint          seed;
  const char    *name;
  GMutex        *mutex;
  GCond         *cond;
  guint         *n_ready;
  LinliPartners *p;
  gboolean       saved;
  GError        *error;
} Racer;

static gpointer
racer_run (gpointer data)
{
  Racer *r = data;
  g_autoptr (GRand) rand = g_rand_new_with_seed (r->seed);
  g_autoptr (LinliRegistry) registry = linli_registry_open (r->path, &r->error);

  g_assert_no_error (r->error);
  r->p = linli_partners_new ();
  g_assert_true (linli_registry_load (registry, r->p, &r->error));
  /* Both rename the first unit, and each edits more at random, so both
   * saves write many rows before or after the one they share. */
  for (guint i = 0; i < 30; i++)
    edit_random (rand, r->p);
  if (linli_partners_get_n (r->p, LINLI_PARTNER_LIST_UNITS) == 0)
    add_random (rand, r->p, LINLI_PARTNER_LIST_UNITS);
  set_unit_name (r->p, 0, r->name);
  g_mutex_lock (r->mutex);
  (*r->n_ready)++;
  g_cond_broadcast (r->cond);
  while (*r->n_ready < 2)
    g_cond_wait (r->cond, r->mutex);
  g_mutex_unlock (r->mutex);
  r->saved = linli_registry_save (registry, r->p, &r->error);
  return NULL;
}

/* Two sessions that load the same registry and save the same unit at the
 * same moment: exactly one wins, the other is told of a conflict, and the
 * registry holds the winner's lists exactly. */
static void
test_race (Fixture       *f,
           gconstpointer  data)
{
  guint n_rounds = n_cases (f, 8);
  guint n_first = 0;

  for (guint round = 0; round < n_rounds; round++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (round);
      g_autofree char *name = g_strdup_printf ("race-%u.sqlite", round);
      g_autofree char *path = make_location (f, name);
      g_autoptr (LinliPartners) start = make_registry (rand, path, 60);
      g_autofree char *now = NULL, *winner = NULL;
      GMutex mutex;
      GCond cond;
      guint n_ready = 0;
      Racer racers[2] = {
        { path, 2 * round + 1, "甲", &mutex, &cond, &n_ready, NULL, FALSE, NULL },
        { path, 2 * round + 2, "乙", &mutex, &cond, &n_ready, NULL, FALSE, NULL },
      };
      GThread *threads[2];

      g_mutex_init (&mutex);
      g_cond_init (&cond);
      for (guint i = 0; i < 2; i++)
        threads[i] = g_thread_new ("racer", racer_run, &racers[i]);
      for (guint i = 0; i < 2; i++)
        g_thread_join (threads[i]);
      g_mutex_clear (&mutex);
      g_cond_clear (&cond);

      g_assert_true (racers[0].saved != racers[1].saved);
      for (guint i = 0; i < 2; i++)
        {
          if (racers[i].saved)
            {
              g_assert_no_error (racers[i].error);
              winner = linli_test_dump_partners (racers[i].p);
              n_first += i == 0;
            }
          else
            {
              g_assert_error (racers[i].error, LINLI_REGISTRY_ERROR,
                              LINLI_REGISTRY_ERROR_CONFLICT);
              g_test_message ("%s", racers[i].error->message);
            }
          g_clear_error (&racers[i].error);
          g_clear_object (&racers[i].p);
        }
      now = dump_registry (path);
      g_assert_cmpstr (now, ==, winner);
    }
  g_test_message ("the first session won %u of %u races", n_first, n_rounds);
}

/* Checks that @a and @b know the same version of every item of @p. */
static void
assert_same_versions (LinliRegistry *a,
                      LinliRegistry *b,
                      LinliPartners *p)
{
  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    for (guint i = 0; i < linli_partners_get_n (p, l); i++)
      {
        const char *id = linli_partner_item_get_id (l, linli_partners_get (p, l, i));

        g_assert_cmpint (linli_registry_get_version (a, l, id), >=, 1);
        g_assert_cmpint (linli_registry_get_version (a, l, id), ==,
                         linli_registry_get_version (b, l, id));
      }
}

/* The same saves, edits and conflicts on an SQLite file and on the
 * server give the same lists, versions and outcomes. */
static void
test_same_as_sqlite (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (17);
  g_autofree char *file = g_build_filename (f->dir, "same.sqlite", NULL);
  const char *paths[2] = { file, f->path };
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) lite = linli_registry_open (file, &error);
  g_autoptr (LinliRegistry) pg = linli_registry_open (f->path, &error);
  g_autoptr (LinliPartners) p = random_partners (rand, 100);
  guint n_rounds = linli_test_cases (6);

  g_assert_no_error (error);
  add_random (rand, p, LINLI_PARTNER_LIST_UNITS);
  for (guint round = 0; round <= n_rounds; round++)
    {
      g_autofree char *expected = NULL, *from_lite = NULL, *from_pg = NULL;

      for (guint e = 0; round > 0 && e < 25; e++)
        edit_random (rand, p);
      g_assert_true (linli_registry_save (lite, p, &error));
      g_assert_true (linli_registry_save (pg, p, &error));
      g_assert_no_error (error);
      expected = linli_test_dump_partners (p);
      from_lite = dump_registry (file);
      from_pg = dump_registry (f->path);
      g_assert_cmpstr (from_lite, ==, expected);
      g_assert_cmpstr (from_pg, ==, expected);
      assert_same_versions (lite, pg, p);
    }

  /* A second session on each edits the first unit; the first session's
   * save of the same unit then fails the same way on both. */
  if (linli_partners_get_n (p, LINLI_PARTNER_LIST_UNITS) == 0)
    add_random (rand, p, LINLI_PARTNER_LIST_UNITS);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr (LinliRegistry) other = linli_registry_open (paths[k], &error);
      g_autoptr (LinliPartners) q = linli_partners_new ();

      g_assert_true (linli_registry_load (other, q, &error));
      set_unit_name (q, 0, "另一人");
      g_assert_true (linli_registry_save (other, q, &error));
      g_assert_no_error (error);
    }
  set_unit_name (p, 0, "我");
  g_assert_false (linli_registry_save (lite, p, &error));
  g_assert_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (linli_registry_save (pg, p, &error));
  g_assert_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_CONFLICT);
  g_clear_error (&error);
  {
    g_autofree char *from_lite = dump_registry (file), *from_pg = dump_registry (f->path);

    g_assert_cmpstr (from_lite, ==, from_pg);
  }
}

/* The rules of proposals are the plan's: a load keeps its options, and
 * its pairs whose unit and need the registry holds, and drops the others. */
static void
test_rules_kept (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  g_autoptr (LinliPartners) start = make_registry (rand, f->path, 20);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) registry = linli_registry_open (f->path, &error);
  g_autoptr (LinliPartners) plan = linli_partners_new ();
  g_autoptr (LinliPartnerRules) rules = linli_partner_rules_new ();
  const LinliPartnerRules *kept;
  const char *unit, *need;

  g_assert_no_error (error);
  if (linli_partners_get_n (start, LINLI_PARTNER_LIST_UNITS) == 0 ||
      linli_partners_get_n (start, LINLI_PARTNER_LIST_NEEDS) == 0)
    {
      g_test_skip ("the random registry has no unit or no need");
      return;
    }
  unit = linli_partners_get_unit (start, 0)->id;
  need = linli_partners_get_need (start, 0)->id;
  rules->max_distance = 800;
  rules->straight_line = TRUE;
  linli_partner_rules_set (rules, unit, need, LINLI_PARTNER_RULE_FORBIDDEN);
  linli_partner_rules_set (rules, "no-such-unit", need, LINLI_PARTNER_RULE_FIXED);
  linli_partner_rules_set (rules, unit, "no-such-need", LINLI_PARTNER_RULE_FIXED);
  linli_partners_set_rules (plan, rules);

  g_assert_true (linli_registry_load (registry, plan, &error));
  g_assert_no_error (error);
  kept = linli_partners_get_rules (plan);
  g_assert_cmpfloat (kept->max_distance, ==, 800);
  g_assert_true (kept->straight_line);
  g_assert_cmpuint (kept->n_rules, ==, 1);
  g_assert_cmpint (linli_partner_rules_find (kept, unit, need), ==, 0);
  g_assert_true (kept->rules[0].kind == LINLI_PARTNER_RULE_FORBIDDEN);
}

static const TestCase same_case = { BACKEND_POSTGRESQL, test_same_as_sqlite };

/* The data of the tests added, freed when they have run. */
static GPtrArray *test_cases;

static void
add_test (const char *name,
          TestFunc    func)
{
  static const char *const backend_names[] = { "sqlite", "postgresql" };

  for (Backend b = BACKEND_SQLITE; b <= BACKEND_POSTGRESQL; b++)
    {
      g_autofree char *path = g_strdup_printf ("/registry/%s/%s", backend_names[b], name);
      TestCase *tc = g_new0 (TestCase, 1);

      tc->backend = b;
      tc->func = func;
      g_ptr_array_add (test_cases, tc);
      g_test_add (path, Fixture, tc, fixture_set_up, run_test, fixture_tear_down);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sql_connections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) PQfinish);
  test_cases = g_ptr_array_new_with_free_func (g_free);

  add_test ("round-trip", test_round_trip);
  add_test ("newer-schema", test_newer_schema);
  add_test ("conflict", test_conflict);
  add_test ("location", test_location);
  add_test ("race", test_race);
  add_test ("rollback", test_rollback);
  add_test ("bad-row", test_bad_row);
  add_test ("killed-writer", test_killed_writer);
  add_test ("rules-kept", test_rules_kept);
  g_test_add_func ("/registry/killed-writer/subprocess", killed_writer_child);
  g_test_add ("/registry/postgresql/same-as-sqlite", Fixture, &same_case, fixture_set_up,
              run_test, fixture_tear_down);
  status = g_test_run ();
  g_ptr_array_unref (test_cases);
  g_hash_table_unref (sql_connections);
  return status;
}
