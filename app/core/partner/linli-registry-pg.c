/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-registry-pg"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <string.h>

#include "linli-registry-private.h"

/* The PostgreSQL backend of the registry, through libpq: the same tables
 * as the SQLite file (plus a column that keeps the order in which items
 * were first stored, which SQLite keeps in its rowid), the schema version
 * in a one-row table linli_meta (PostgreSQL has no user_version), and
 * every value bound as a parameter, never pasted into SQL.
 *
 * A save runs at REPEATABLE READ: the versions it reads are those of one
 * snapshot, and writing a row that another session changed, removed or
 * added since that snapshot fails on the server (could not serialize,
 * unique violation, deadlock), which is reported as a conflict.  Two
 * sessions saving the same item at once can therefore never both win. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PQconninfoOption, PQconninfoFree)

/* "LNRG", as the SQLite file's application id: the key of the advisory
 * lock that lets one session at a time create or migrate the tables. */
#define REGISTRY_LOCK_KEY "1280201287"
#define META_APPLICATION  "linli-registry"

/* The migrations in order, as for SQLite: the i-th brings a database of
 * schema version i to i + 1, and their number is the schema version of
 * linli_registry_schema_version().  Numbers are double precision (REAL is
 * single in PostgreSQL) and bigint, as SQLite keeps them. */
static const char *const pg_migrations[] = {
  "CREATE TABLE categories ("
  "  id text PRIMARY KEY NOT NULL, name text, builtin bigint NOT NULL,"
  "  version bigint NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY);"
  "CREATE TABLE units ("
  "  id text PRIMARY KEY NOT NULL, name text, type text NOT NULL, address text,"
  "  lat double precision, lon double precision, contact text, members bigint NOT NULL,"
  "  version bigint NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY);"
  "CREATE TABLE resources ("
  "  unit text NOT NULL REFERENCES units (id) ON DELETE CASCADE,"
  "  position bigint NOT NULL, category text, quantity double precision NOT NULL,"
  "  measure text, capacity double precision NOT NULL, period text NOT NULL,"
  "  PRIMARY KEY (unit, position));"
  "CREATE TABLE needs ("
  "  id text PRIMARY KEY NOT NULL, place_kind text NOT NULL, place text, category text,"
  "  quantity double precision NOT NULL, priority bigint NOT NULL, note text,"
  "  period text NOT NULL, version bigint NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY);"
  "CREATE TABLE records ("
  "  id text PRIMARY KEY NOT NULL, unit text, need text, place_kind text NOT NULL,"
  "  place text, category text, date text, hours double precision NOT NULL, person text,"
  "  note text, version bigint NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY);"
  "CREATE TABLE evaluations ("
  "  id text PRIMARY KEY NOT NULL, record text, score bigint NOT NULL, comment text,"
  "  version bigint NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY);",
};

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

/* A libpq message without its trailing newline. */
static char *
tidy_message (const char *message)
{
  return g_strstrip (g_strdup (message != NULL ? message : ""));
}

/* Turns a failed result (or none: the connection broke) into @error.  A
 * write refused because another session wrote the same rows at the same
 * moment is a conflict, like one found by comparing versions. */
static void
set_pg_error (LinliRegistry  *self,
              PGresult       *result,
              GError        **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY)
                                       : NULL;
  g_autofree char *message = tidy_message (primary != NULL ? primary : PQerrorMessage (self->pg));

  if (g_strcmp0 (state, "40001") == 0 || g_strcmp0 (state, "40P01") == 0 ||
      g_strcmp0 (state, "23505") == 0)
    g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_CONFLICT,
                 _("Someone else saved the same items of the registry at the same moment "
                   "(the server said: %s): load the registry again, then redo the edit"),
                 message);
  else
    g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_FAILED,
                 _("The registry server “%s” refused: %s"), self->location, message);
}

/* Runs @sql with @n_values text parameters (a %NULL value is SQL NULL).
 * Returns: (transfer full): the result, or %NULL with @error set */
static PGresult *
pg_exec (LinliRegistry       *self,
         const char          *sql,
         int                  n_values,
         const char *const   *values,
         GError             **error)
{
  PGresult *result = PQexecParams (self->pg, sql, n_values, NULL, values, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (result);

  if (result != NULL && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK))
    return result;
  set_pg_error (self, result, error);
  PQclear (result);
  return NULL;
}

static gboolean
pg_run (LinliRegistry  *self,
        const char     *sql,
        GError        **error)
{
  g_autoptr (PGresult) result = pg_exec (self, sql, 0, NULL, error);

  return result != NULL;
}

static char *
value_text (const PGresult *result,
            int             row,
            int             column)
{
  if (PQgetisnull (result, row, column))
    return NULL;
  return g_strdup (PQgetvalue (result, row, column));
}

static double
value_double (const PGresult *result,
              int             row,
              int             column)
{
  return g_ascii_strtod (PQgetvalue (result, row, column), NULL);
}

static gint64
value_int (const PGresult *result,
           int             row,
           int             column)
{
  return g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

/* Parameters are sent as text; a double in the 17 digits that give it
 * back exactly. */
static void
add_double (GPtrArray *values,
            double     x)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ptr_array_add (values, g_strdup (g_ascii_dtostr (buffer, sizeof buffer, x)));
}

static void
add_int (GPtrArray *values,
         gint64     x)
{
  g_ptr_array_add (values, g_strdup_printf ("%" G_GINT64_FORMAT, x));
}

static void
add_text (GPtrArray  *values,
          const char *text)
{
  g_ptr_array_add (values, g_strdup (text));
}

/* ------------------------------------------------------------------------ */
/* The backend                                                               */
/* ------------------------------------------------------------------------ */

static gboolean
pg_begin (LinliRegistry  *self,
          GError        **error)
{
  return pg_run (self, "BEGIN ISOLATION LEVEL REPEATABLE READ", error);
}

static gboolean
pg_commit (LinliRegistry  *self,
           GError        **error)
{
  g_autoptr (PGresult) result = pg_exec (self, "COMMIT", 0, NULL, error);

  if (result == NULL)
    return FALSE;
  /* A transaction that had failed ends in a rollback, which COMMIT
   * reports as success. */
  if (g_strcmp0 (PQcmdStatus (result), "COMMIT") != 0)
    {
      g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_FAILED,
                   _("The registry server “%s” did not keep the save"), self->location);
      return FALSE;
    }
  return TRUE;
}

static void
pg_rollback (LinliRegistry *self)
{
  if (PQtransactionStatus (self->pg) != PQTRANS_IDLE)
    PQclear (PQexec (self->pg, "ROLLBACK"));
}

static gboolean
pg_stored_version (LinliRegistry     *self,
                   LinliPartnerList   list,
                   const char        *id,
                   gint64            *version,
                   GError           **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version FROM %s WHERE id = $1",
                                          linli_registry_table_names[list]);
  const char *values[] = { id };
  g_autoptr (PGresult) result = pg_exec (self, sql, 1, values, error);

  if (result == NULL)
    return FALSE;
  *version = PQntuples (result) > 0 ? value_int (result, 0, 0) : 0;
  return TRUE;
}

static gboolean
pg_remove (LinliRegistry     *self,
           LinliPartnerList   list,
           const char        *id,
           GError           **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = $1",
                                          linli_registry_table_names[list]);
  const char *values[] = { id };
  g_autoptr (PGresult) result = pg_exec (self, sql, 1, values, error);

  return result != NULL;
}

static gboolean
write_resources (LinliRegistry           *self,
                 const LinliPartnerUnit  *u,
                 GError                 **error)
{
  const char *unit[] = { u->id };
  g_autoptr (PGresult) deleted = pg_exec (self, "DELETE FROM resources WHERE unit = $1", 1, unit,
                                          error);

  if (deleted == NULL)
    return FALSE;
  for (guint k = 0; k < u->n_resources; k++)
    {
      const LinliPartnerResource *r = &u->resources[k];
      g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (PGresult) result = NULL;

      add_text (values, u->id);
      add_int (values, k);
      add_text (values, r->category);
      add_double (values, r->quantity);
      add_text (values, r->measure);
      add_double (values, r->capacity);
      add_text (values, linli_partner_period_to_string (r->period));
      result = pg_exec (self,
                        "INSERT INTO resources (unit, position, category, quantity, measure,"
                        " capacity, period) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        values->len, (const char *const *) values->pdata, error);
      if (result == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The values of @item for the columns of linli_registry_table_columns[]. */
static void
add_item_values (GPtrArray        *values,
                 LinliPartnerList  list,
                 gconstpointer     item)
{
  switch (list)
    {
    case LINLI_PARTNER_LIST_CATEGORIES:
      {
        const LinliPartnerCategory *x = item;

        add_text (values, x->name);
        add_int (values, x->builtin ? 1 : 0);
      }
      break;
    case LINLI_PARTNER_LIST_UNITS:
      {
        const LinliPartnerUnit *x = item;

        add_text (values, x->name);
        add_text (values, linli_partner_unit_type_to_string (x->type));
        add_text (values, x->address);
        if (x->has_position)
          {
            add_double (values, x->lat);
            add_double (values, x->lon);
          }
        else
          {
            add_text (values, NULL);
            add_text (values, NULL);
          }
        add_text (values, x->contact);
        add_int (values, x->members);
      }
      break;
    case LINLI_PARTNER_LIST_NEEDS:
      {
        const LinliPartnerNeed *x = item;

        add_text (values, linli_partner_place_kind_to_string (x->place_kind));
        add_text (values, x->place);
        add_text (values, x->category);
        add_double (values, x->quantity);
        add_int (values, x->priority);
        add_text (values, x->note);
        add_text (values, linli_partner_period_to_string (x->period));
      }
      break;
    case LINLI_PARTNER_LIST_RECORDS:
      {
        const LinliServiceRecord *x = item;

        add_text (values, x->unit);
        add_text (values, x->need);
        add_text (values, linli_partner_place_kind_to_string (x->place_kind));
        add_text (values, x->place);
        add_text (values, x->category);
        add_text (values, x->date);
        add_double (values, x->hours);
        add_text (values, x->person);
        add_text (values, x->note);
      }
      break;
    case LINLI_PARTNER_LIST_EVALUATIONS:
    default:
      {
        const LinliServiceEvaluation *x = item;

        add_text (values, x->record);
        add_int (values, x->score);
        add_text (values, x->comment);
      }
      break;
    }
}

static gboolean
pg_write (LinliRegistry     *self,
          LinliPartnerList   list,
          gconstpointer      item,
          gint64             version,
          GError           **error)
{
  g_auto (GStrv) columns = g_strsplit (linli_registry_table_columns[list], ", ", -1);
  guint n = g_strv_length (columns);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (PGresult) result = NULL;

  add_item_values (values, list, item);
  g_assert (values->len == n);
  add_text (values, linli_partner_item_get_id (list, item));
  add_int (values, version);
  if (version == 1)
    {
      g_string_append_printf (sql, "INSERT INTO %s (%s, id, version) VALUES (",
                              linli_registry_table_names[list],
                              linli_registry_table_columns[list]);
      for (guint i = 0; i < n + 2; i++)
        g_string_append_printf (sql, i == 0 ? "$%u" : ", $%u", i + 1);
      g_string_append (sql, ")");
    }
  else
    {
      /* The version read is checked again by the update itself, so a row
       * changed in between is not overwritten whatever the isolation. */
      g_string_append_printf (sql, "UPDATE %s SET ", linli_registry_table_names[list]);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (sql, "%s = $%u, ", columns[i], i + 1);
      g_string_append_printf (sql, "version = $%u WHERE id = $%u AND version = $%u",
                              n + 2, n + 1, n + 3);
      add_int (values, version - 1);
    }
  result = pg_exec (self, sql->str, values->len, (const char *const *) values->pdata, error);
  if (result == NULL)
    return FALSE;
  if (g_strcmp0 (PQcmdTuples (result), "1") != 0)
    {
      g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_CONFLICT,
                   _("Someone else saved “%s” in the registry at the same moment: "
                     "load the registry again, then redo the edit"),
                   linli_partner_item_get_id (list, item));
      return FALSE;
    }
  if (list == LINLI_PARTNER_LIST_UNITS)
    return write_resources (self, item, error);
  return TRUE;
}

static void
resources_free (gpointer data)
{
  g_array_unref (data);
}

static void
resource_clear (gpointer data)
{
  LinliPartnerResource *r = data;

  g_free (r->category);
  g_free (r->measure);
}

/* Every unit's resources, read at once: unit id → GArray of
 * LinliPartnerResource in their order. */
static GHashTable *
load_resources (LinliRegistry  *self,
                GError        **error)
{
  g_autoptr (PGresult) result = NULL;
  g_autoptr (GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      resources_free);

  result = pg_exec (self,
                    "SELECT unit, category, quantity, measure, capacity, period FROM resources"
                    " ORDER BY unit, position", 0, NULL, error);
  if (result == NULL)
    return NULL;
  for (int row = 0; row < PQntuples (result); row++)
    {
      const char *unit = PQgetvalue (result, row, 0);
      GArray *resources = g_hash_table_lookup (all, unit);
      LinliPartnerResource r = { 0 };

      if (!linli_partner_period_from_string (PQgetvalue (result, row, 5), &r.period))
        {
          linli_registry_set_bad_row (error, "resources", unit, _("unknown period"));
          return NULL;
        }
      if (resources == NULL)
        {
          resources = g_array_new (FALSE, TRUE, sizeof (LinliPartnerResource));
          g_array_set_clear_func (resources, resource_clear);
          g_hash_table_insert (all, g_strdup (unit), resources);
        }
      r.category = value_text (result, row, 1);
      r.quantity = value_double (result, row, 2);
      r.measure = value_text (result, row, 3);
      r.capacity = value_double (result, row, 4);
      g_array_append_val (resources, r);
    }
  return g_steal_pointer (&all);
}

/* Reads row @row of @list's table (id first, version last, the columns of
 * linli_registry_table_columns[] between) into a new item; a unit takes
 * its resources out of @resources. */
static gpointer
load_row (LinliPartnerList   list,
          const PGresult    *r,
          int                row,
          GHashTable        *resources,
          GError           **error)
{
  const char *table = linli_registry_table_names[list];
  const char *id = PQgetvalue (r, row, 0);
  const char *reason = NULL;
  gpointer item = NULL;
  int c = 1;

  switch (list)
    {
    case LINLI_PARTNER_LIST_CATEGORIES:
      {
        LinliPartnerCategory *x = g_new0 (LinliPartnerCategory, 1);

        item = x;
        x->id = g_strdup (id);
        x->name = value_text (r, row, c++);
        x->builtin = value_int (r, row, c++) != 0;
      }
      break;
    case LINLI_PARTNER_LIST_UNITS:
      {
        LinliPartnerUnit *x = g_new0 (LinliPartnerUnit, 1);
        gpointer key = NULL, value = NULL;

        item = x;
        x->id = g_strdup (id);
        x->name = value_text (r, row, c++);
        if (!linli_partner_unit_type_from_string (PQgetvalue (r, row, c++), &x->type))
          reason = _("unknown unit type");
        x->address = value_text (r, row, c++);
        x->has_position = !PQgetisnull (r, row, c) && !PQgetisnull (r, row, c + 1);
        x->lat = x->has_position ? value_double (r, row, c) : 0;
        c++;
        x->lon = x->has_position ? value_double (r, row, c) : 0;
        c++;
        x->contact = value_text (r, row, c++);
        x->members = (guint) CLAMP (value_int (r, row, c), 0, G_MAXUINT);
        c++;
        if (g_hash_table_steal_extended (resources, id, &key, &value))
          {
            GArray *array = value;

            /* The array's contents move into the unit. */
            g_array_set_clear_func (array, NULL);
            x->n_resources = array->len;
            x->resources = (LinliPartnerResource *) g_array_free (array, FALSE);
            g_free (key);
          }
      }
      break;
    case LINLI_PARTNER_LIST_NEEDS:
      {
        LinliPartnerNeed *x = g_new0 (LinliPartnerNeed, 1);

        item = x;
        x->id = g_strdup (id);
        if (!linli_partner_place_kind_from_string (PQgetvalue (r, row, c++), &x->place_kind))
          reason = _("unknown kind of place");
        x->place = value_text (r, row, c++);
        x->category = value_text (r, row, c++);
        x->quantity = value_double (r, row, c++);
        x->priority = (guint) CLAMP (value_int (r, row, c), 1, LINLI_PARTNER_MAX_PRIORITY);
        c++;
        x->note = value_text (r, row, c++);
        if (!linli_partner_period_from_string (PQgetvalue (r, row, c++), &x->period))
          reason = _("unknown period");
      }
      break;
    case LINLI_PARTNER_LIST_RECORDS:
      {
        LinliServiceRecord *x = g_new0 (LinliServiceRecord, 1);

        item = x;
        x->id = g_strdup (id);
        x->unit = value_text (r, row, c++);
        x->need = value_text (r, row, c++);
        if (!linli_partner_place_kind_from_string (PQgetvalue (r, row, c++), &x->place_kind))
          reason = _("unknown kind of place");
        x->place = value_text (r, row, c++);
        x->category = value_text (r, row, c++);
        x->date = value_text (r, row, c++);
        x->hours = value_double (r, row, c++);
        x->person = value_text (r, row, c++);
        x->note = value_text (r, row, c++);
      }
      break;
    case LINLI_PARTNER_LIST_EVALUATIONS:
    default:
      {
        LinliServiceEvaluation *x = g_new0 (LinliServiceEvaluation, 1);

        item = x;
        x->id = g_strdup (id);
        x->record = value_text (r, row, c++);
        x->score = (guint) CLAMP (value_int (r, row, c), 1, LINLI_PARTNER_MAX_SCORE);
        c++;
        x->comment = value_text (r, row, c++);
      }
      break;
    }
  if (reason == NULL && value_int (r, row, c) < 1)
    reason = _("no version");
  if (reason != NULL)
    {
      linli_registry_set_bad_row (error, table, id, reason);
      linli_partner_item_free (list, item);
      return NULL;
    }
  return item;
}

static gboolean
pg_load (LinliRegistry  *self,
         LinliPartners  *partners,
         GError        **error)
{
  g_autoptr (GHashTable) resources = load_resources (self, error);

  if (resources == NULL)
    return FALSE;
  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id, %s, version FROM %s ORDER BY seq",
                                              linli_registry_table_columns[l],
                                              linli_registry_table_names[l]);
      g_autoptr (PGresult) result = pg_exec (self, sql, 0, NULL, error);

      if (result == NULL)
        return FALSE;
      for (int row = 0; row < PQntuples (result); row++)
        {
          const char *id = PQgetvalue (result, row, 0);
          gpointer item;

          /* The schema forbids it, but the tables may have been written by
           * something else under the same schema version. */
          if (linli_partners_find (partners, l, id, NULL) != NULL)
            {
              linli_registry_set_bad_row (error, linli_registry_table_names[l], id,
                                          _("the id is given twice"));
              return FALSE;
            }
          item = load_row (l, result, row, resources, error);
          if (item == NULL)
            return FALSE;
          linli_partners_insert (partners, l, linli_partners_get_n (partners, l), item);
          linli_registry_known_set (self, l, item,
                                    value_int (result, row, PQnfields (result) - 1));
          linli_partner_item_free (l, item);
        }
    }
  return TRUE;
}

static void
pg_close (LinliRegistry *self)
{
  g_clear_pointer (&self->pg, PQfinish);
}

static const LinliRegistryBackend pg_backend = {
  pg_begin,
  pg_commit,
  pg_rollback,
  pg_load,
  pg_stored_version,
  pg_write,
  pg_remove,
  pg_close,
};

/* ------------------------------------------------------------------------ */
/* Opening                                                                   */
/* ------------------------------------------------------------------------ */

static void
ignore_notice (void       *data,
               const char *message)
{
}

gboolean
linli_registry_postgresql_is_keyword (const char *keyword)
{
  g_autoptr (PQconninfoOption) options = PQconndefaults ();

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_strcmp0 (o->keyword, keyword) == 0)
      return TRUE;
  return FALSE;
}

/* @conninfo as a keyword string without its password, values quoted as
 * libpq reads them; %NULL when libpq cannot parse it. */
static char *
location_without_password (const char  *conninfo,
                           char       **message)
{
  g_autoptr (PQconninfoOption) options = PQconninfoParse (conninfo, message);
  g_autoptr (GString) location = g_string_new (NULL);

  if (options == NULL)
    return NULL;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (o->val == NULL || strcmp (o->keyword, "password") == 0)
        continue;
      if (location->len > 0)
        g_string_append_c (location, ' ');
      g_string_append_printf (location, "%s='", o->keyword);
      for (const char *v = o->val; *v != '\0'; v++)
        {
          if (*v == '\'' || *v == '\\')
            g_string_append_c (location, '\\');
          g_string_append_c (location, *v);
        }
      g_string_append_c (location, '\'');
    }
  return g_string_free (g_steal_pointer (&location), FALSE);
}

/* The registry's schema version in the current schema of the session: 0
 * for a schema without tables, refused for tables that are not a
 * registry's or of a newer schema.  Runs inside the migration's
 * transaction. */
static gboolean
check_database (LinliRegistry  *self,
                gint64         *schema,
                GError        **error)
{
  g_autoptr (PGresult) where = NULL;
  g_autoptr (PGresult) meta = NULL;
  g_autoptr (PGresult) tables = NULL;

  where = pg_exec (self,
                   "SELECT current_schema(), EXISTS (SELECT 1 FROM pg_catalog.pg_tables"
                   " WHERE schemaname = current_schema() AND tablename = 'linli_meta'),"
                   " (SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                   " ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
                   " AND c.relkind IN ('r', 'v', 'm', 'p', 'f'))", 0, NULL, error);
  if (where == NULL)
    return FALSE;
  if (PQgetisnull (where, 0, 0))
    {
      g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_FAILED,
                   _("The registry “%s” has no schema to keep its tables in: create the "
                     "schema its search_path names first"), self->location);
      return FALSE;
    }
  if (strcmp (PQgetvalue (where, 0, 1), "t") != 0)
    {
      if (value_int (where, 0, 2) > 0)
        {
          g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_NOT_A_REGISTRY,
                       _("“%s” is a database but not a registry of partner units: its schema "
                         "“%s” holds other tables"), self->location, PQgetvalue (where, 0, 0));
          return FALSE;
        }
      *schema = 0;
      return TRUE;
    }
  meta = pg_exec (self, "SELECT application, schema_version FROM linli_meta", 0, NULL, error);
  if (meta == NULL)
    return FALSE;
  if (PQntuples (meta) != 1 || strcmp (PQgetvalue (meta, 0, 0), META_APPLICATION) != 0)
    {
      g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_NOT_A_REGISTRY,
                   _("“%s” is a database but not a registry of partner units"), self->location);
      return FALSE;
    }
  *schema = value_int (meta, 0, 1);
  if (*schema > (gint64) G_N_ELEMENTS (pg_migrations))
    {
      g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_NEWER_SCHEMA,
                   _("The registry “%s” has schema version %s, newer than version %u which "
                     "this version of Linli knows: open it with a newer Linli"),
                   self->location, PQgetvalue (meta, 0, 1), (guint) G_N_ELEMENTS (pg_migrations));
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (LinliRegistry  *self,
         GError        **error)
{
  g_autofree char *version = g_strdup_printf ("%u", (guint) G_N_ELEMENTS (pg_migrations));
  const char *values[] = { version };
  gint64 schema = 0;

  /* The advisory lock makes sessions that open a new database at the same
   * moment create its tables one after the other; the second finds them. */
  if (!pg_run (self, "BEGIN", error) ||
      !pg_run (self, "SELECT pg_advisory_xact_lock (" REGISTRY_LOCK_KEY ")", error) ||
      !check_database (self, &schema, error))
    goto fail;
  if (schema == 0 &&
      (!pg_run (self, "CREATE TABLE linli_meta (application text NOT NULL,"
                      " schema_version bigint NOT NULL)", error) ||
       !pg_run (self, "INSERT INTO linli_meta VALUES ('" META_APPLICATION "', 0)", error)))
    goto fail;
  for (gint64 v = schema; v < (gint64) G_N_ELEMENTS (pg_migrations); v++)
    {
      /* PQexec, not PQexecParams: a migration is several statements. */
      g_autoptr (PGresult) result = PQexec (self->pg, pg_migrations[v]);

      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          set_pg_error (self, result, error);
          goto fail;
        }
    }
  if (schema < (gint64) G_N_ELEMENTS (pg_migrations))
    {
      g_autoptr (PGresult) result = pg_exec (self, "UPDATE linli_meta SET schema_version = $1",
                                             1, values, error);

      if (result == NULL)
        goto fail;
    }
  if (pg_commit (self, error))
    return TRUE;

fail:
  pg_rollback (self);
  return FALSE;
}

/**
 * linli_registry_open_postgresql:
 * @conninfo: a `postgresql://` URI or a libpq keyword string; what it
 *   leaves out comes from the PG* environment variables as for psql
 *
 * Opens a registry kept by a PostgreSQL server, in the first schema of
 * the session's search_path (`options='-csearch_path=NAME'` puts it in a
 * schema of its own): tables created or migrated to this build's schema
 * version when the schema holds none of them yet, a registry of a newer
 * schema or a schema holding other tables refused and left untouched.
 * Connecting gives up after ten seconds unless @conninfo says otherwise.
 *
 * Returns: (transfer full): the registry, or %NULL with @error set
 */
LinliRegistry *
linli_registry_open_postgresql (const char  *conninfo,
                                GError     **error)
{
  /* Keywords after dbname override what the expanded string says, those
   * before it are defaults the string may override. */
  const char *const keywords[] = {
    "connect_timeout", "application_name", "dbname", "client_encoding", NULL,
  };
  const char *values[] = { "10", "linli", conninfo, "UTF8", NULL };
  g_autoptr (LinliRegistry) self = NULL;
  g_autofree char *location = NULL;
  char *message = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);
  g_assert (G_N_ELEMENTS (pg_migrations) == linli_registry_schema_version ());

  location = location_without_password (conninfo, &message);
  if (location == NULL)
    {
      g_autofree char *reason = tidy_message (message);

      PQfreemem (message);
      g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_FAILED,
                   _("Cannot read the address of the registry server: %s"), reason);
      return NULL;
    }
  self = linli_registry_new (&pg_backend, location);
  self->pg = PQconnectdbParams (keywords, values, TRUE);
  if (self->pg == NULL || PQstatus (self->pg) != CONNECTION_OK)
    {
      g_autofree char *reason = tidy_message (self->pg != NULL ? PQerrorMessage (self->pg)
                                                               : NULL);

      /* Everything but the password came from the environment: say
       * where libpq went. */
      if (*location == '\0' && self->pg != NULL)
        {
          g_free (self->location);
          self->location = g_strdup_printf ("host=%s port=%s dbname=%s",
                                            PQhost (self->pg), PQport (self->pg),
                                            PQdb (self->pg));
        }
      g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_FAILED,
                   _("Cannot connect to the registry server “%s”: %s"), self->location, reason);
      return NULL;
    }
  if (*location == '\0')
    {
      g_free (self->location);
      self->location = g_strdup_printf ("host=%s port=%s dbname=%s", PQhost (self->pg),
                                        PQport (self->pg), PQdb (self->pg));
    }
  /* Notices (a table already there, and the like) are not the user's. */
  PQsetNoticeProcessor (self->pg, ignore_notice, NULL);
  if (!migrate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}
