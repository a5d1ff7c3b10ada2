/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-registry"

#include "config.h"

#include "linli-registry.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "linli-registry-private.h"
#include "linli-sqlite.h"

G_DEFINE_QUARK (linli-registry-error-quark, linli_registry_error)

static void
known_free (gpointer data)
{
  Known *k = data;

  linli_partner_item_free (k->list, k->item);
  g_free (k);
}

static void
known_reset (LinliRegistry *self)
{
  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    {
      g_clear_pointer (&self->known[l], g_hash_table_unref);
      self->known[l] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, known_free);
    }
}

static void
known_set (GHashTable       *known,
           LinliPartnerList  list,
           gconstpointer     item,
           gint64            version)
{
  Known *k = g_new0 (Known, 1);

  k->list = list;
  k->version = version;
  k->item = linli_partner_item_copy (list, item);
  g_hash_table_replace (known, g_strdup (linli_partner_item_get_id (list, item)), k);
}

void
linli_registry_known_set (LinliRegistry    *self,
                          LinliPartnerList  list,
                          gconstpointer     item,
                          gint64            version)
{
  known_set (self->known[list], list, item, version);
}

/* A registry on @backend, whose connection the caller sets. */
LinliRegistry *
linli_registry_new (const LinliRegistryBackend *backend,
                    const char                 *location)
{
  LinliRegistry *self = g_new0 (LinliRegistry, 1);

  self->backend = backend;
  self->location = g_strdup (location);
  known_reset (self);
  return self;
}

static const char *
list_noun (LinliPartnerList list)
{
  switch (list)
    {
    case LINLI_PARTNER_LIST_CATEGORIES:
      return _("Category");
    case LINLI_PARTNER_LIST_UNITS:
      return _("Partner unit");
    case LINLI_PARTNER_LIST_NEEDS:
      return _("Need");
    case LINLI_PARTNER_LIST_RECORDS:
      return _("Service record");
    case LINLI_PARTNER_LIST_EVALUATIONS:
    default:
      return _("Evaluation");
    }
}

/* The conflict message names the item and both versions, so whoever saves
 * knows which edit of theirs was not written and why. */
static void
set_conflict (GError           **error,
              LinliPartnerList   list,
              const char        *id,
              gint64             here,
              gint64             there)
{
  g_autofree char *h = g_strdup_printf ("%" G_GINT64_FORMAT, here);
  g_autofree char *t = g_strdup_printf ("%" G_GINT64_FORMAT, there);

  if (here == 0)
    g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_CONFLICT,
                 _("%s “%s” was added to the registry by someone else since it was loaded: "
                   "load the registry again, then redo the edit"), list_noun (list), id);
  else if (there == 0)
    g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_CONFLICT,
                 _("%s “%s” was removed from the registry by someone else since it was loaded: "
                   "load the registry again, then redo the edit"), list_noun (list), id);
  else
    g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_CONFLICT,
                 _("%s “%s” was changed in the registry by someone else since it was loaded "
                   "(version %s there, %s here): load the registry again, then redo the edit"),
                 list_noun (list), id, t, h);
}

/**
 * linli_registry_load:
 * @self: a registry
 * @partners: the lists to overwrite
 *
 * Replaces everything @partners holds by what the registry stores, read in
 * one transaction, and remembers each item's version for the next save;
 * @partners then names the registry (linli_partners_get_registry()).  The
 * rules of proposals, the plan's and not the registry's, stay where their
 * unit and need do (linli_partners_keep_rules()).
 * On failure @partners and the remembered versions are left as they were.
 *
 * Returns: whether the registry could be read
 */
gboolean
linli_registry_load (LinliRegistry  *self,
                     LinliPartners  *partners,
                     GError        **error)
{
  g_autoptr (LinliPartners) loaded = linli_partners_new ();
  GHashTable *old[LINLI_PARTNER_N_LISTS];

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (LINLI_IS_PARTNERS (partners), FALSE);

  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    while (linli_partners_get_n (loaded, l) > 0)
      linli_partners_remove (loaded, l, linli_partners_get_n (loaded, l) - 1);
  /* The backend's load fills self->known afresh; what was known before
   * comes back when the load fails. */
  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    old[l] = g_steal_pointer (&self->known[l]);
  known_reset (self);
  if (!self->backend->begin (self, error))
    goto fail;
  if (!self->backend->load (self, loaded, error))
    {
      self->backend->rollback (self);
      goto fail;
    }
  if (!self->backend->commit (self, error))
    goto fail;
  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    g_hash_table_unref (old[l]);
  /* The lists say where they came from, so a plan that keeps them as its
   * snapshot records the registry (never with a password). */
  linli_partners_set_registry (loaded, self->location);
  linli_partners_keep_rules (loaded, linli_partners_get_rules (partners));
  linli_partners_copy_from (partners, loaded);
  return TRUE;

fail:
  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    {
      g_hash_table_unref (self->known[l]);
      self->known[l] = old[l];
    }
  return FALSE;
}

typedef struct
{
  LinliPartnerList list;
  gpointer         item;     /* NULL: removed */
  char            *id;
  gint64           version;
} Pending;

static void
pending_free (gpointer p)
{
  Pending *pending = p;

  if (pending->item != NULL)
    linli_partner_item_free (pending->list, pending->item);
  g_free (pending->id);
  g_free (pending);
}

static gboolean
save_in_transaction (LinliRegistry  *self,
                     LinliPartners  *partners,
                     GPtrArray      *pending,
                     GError        **error)
{
  /* Removals first, the lists that refer to others before those they
   * refer to, then additions and changes in the opposite order. */
  for (int l = LINLI_PARTNER_N_LISTS - 1; l >= 0; l--)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->known[l]);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Known *k = value;
          gint64 stored;
          Pending *p;

          if (linli_partners_find (partners, l, key, NULL) != NULL)
            continue;
          if (!self->backend->stored_version (self, l, key, &stored, error))
            return FALSE;
          /* Removed by someone else too: both agree, no edit is lost. */
          if (stored != 0 && stored != k->version)
            {
              set_conflict (error, l, key, k->version, stored);
              return FALSE;
            }
          if (stored != 0 && !self->backend->remove (self, l, key, error))
            return FALSE;
          p = g_new0 (Pending, 1);
          p->list = l;
          p->id = g_strdup (key);
          g_ptr_array_add (pending, p);
        }
    }
  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    for (guint i = 0; i < linli_partners_get_n (partners, l); i++)
      {
        gconstpointer item = linli_partners_get (partners, l, i);
        const char *id = linli_partner_item_get_id (l, item);
        Known *k = g_hash_table_lookup (self->known[l], id);
        gint64 expected = k != NULL ? k->version : 0;
        gint64 stored;
        Pending *p;

        if (k != NULL && linli_partner_item_equal (l, k->item, item))
          continue;
        if (!self->backend->stored_version (self, l, id, &stored, error))
          return FALSE;
        if (stored != expected)
          {
            set_conflict (error, l, id, expected, stored);
            return FALSE;
          }
        if (!self->backend->write (self, l, item, stored + 1, error))
          return FALSE;
        p = g_new0 (Pending, 1);
        p->list = l;
        p->id = g_strdup (id);
        p->item = linli_partner_item_copy (l, item);
        p->version = stored + 1;
        g_ptr_array_add (pending, p);
      }
  return TRUE;
}

/**
 * linli_registry_save:
 * @self: a registry
 * @partners: the lists as edited since the last load or save
 *
 * Writes every item of @partners that differs from what this connection
 * last loaded or saved, and removes every item it knew that @partners no
 * longer holds, all in one transaction.  When someone else changed, added
 * or removed one of those items in between, nothing is written and @error
 * names the item (%LINLI_REGISTRY_ERROR_CONFLICT).
 *
 * Returns: whether everything was written
 */
gboolean
linli_registry_save (LinliRegistry  *self,
                     LinliPartners  *partners,
                     GError        **error)
{
  g_autoptr (GPtrArray) pending = g_ptr_array_new_with_free_func (pending_free);

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (LINLI_IS_PARTNERS (partners), FALSE);

  if (!self->backend->begin (self, error))
    return FALSE;
  if (!save_in_transaction (self, partners, pending, error))
    {
      self->backend->rollback (self);
      return FALSE;
    }
  if (!self->backend->commit (self, error))
    {
      self->backend->rollback (self);
      return FALSE;
    }
  /* Only what was committed becomes the known state. */
  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = g_ptr_array_index (pending, i);

      if (p->item == NULL)
        g_hash_table_remove (self->known[p->list], p->id);
      else
        known_set (self->known[p->list], p->list, p->item, p->version);
    }
  return TRUE;
}

/**
 * linli_registry_get_version:
 * @id: an item's id
 *
 * Returns: the version of the item as this connection last loaded or saved
 *   it, 0 when it knows none
 */
gint64
linli_registry_get_version (LinliRegistry    *self,
                            LinliPartnerList  list,
                            const char       *id)
{
  Known *k;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (list < LINLI_PARTNER_N_LISTS, 0);

  k = g_hash_table_lookup (self->known[list], id);
  return k != NULL ? k->version : 0;
}

/**
 * linli_registry_close:
 * @self: (nullable): a registry
 *
 * Closes the connection; what was not saved is not written.
 */
void
linli_registry_close (LinliRegistry *self)
{
  if (self == NULL)
    return;
  self->backend->close (self);
  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    g_clear_pointer (&self->known[l], g_hash_table_unref);
  g_free (self->location);
  g_free (self);
}

/* ------------------------------------------------------------------------ */
/* The SQLite backend                                                        */
/* ------------------------------------------------------------------------ */

/* "LNRG": marks a file as a registry, so another SQLite database is
 * refused rather than given tables. */
#define REGISTRY_APPLICATION_ID 0x4c4e5247

/* The migrations in order: the i-th brings a file of schema version i to
 * i + 1.  A released one is never edited, only followed by another. */
static const char *const migrations[] = {
  "CREATE TABLE categories ("
  "  id TEXT PRIMARY KEY NOT NULL, name TEXT, builtin INTEGER NOT NULL,"
  "  version INTEGER NOT NULL);"
  "CREATE TABLE units ("
  "  id TEXT PRIMARY KEY NOT NULL, name TEXT, type TEXT NOT NULL, address TEXT,"
  "  lat REAL, lon REAL, contact TEXT, members INTEGER NOT NULL,"
  "  version INTEGER NOT NULL);"
  "CREATE TABLE resources ("
  "  unit TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, category TEXT, quantity REAL NOT NULL, measure TEXT,"
  "  capacity REAL NOT NULL, period TEXT NOT NULL, PRIMARY KEY (unit, position));"
  "CREATE TABLE needs ("
  "  id TEXT PRIMARY KEY NOT NULL, place_kind TEXT NOT NULL, place TEXT, category TEXT,"
  "  quantity REAL NOT NULL, priority INTEGER NOT NULL, note TEXT, period TEXT NOT NULL,"
  "  version INTEGER NOT NULL);"
  "CREATE TABLE records ("
  "  id TEXT PRIMARY KEY NOT NULL, unit TEXT, need TEXT, place_kind TEXT NOT NULL,"
  "  place TEXT, category TEXT, date TEXT, hours REAL NOT NULL, person TEXT, note TEXT,"
  "  version INTEGER NOT NULL);"
  "CREATE TABLE evaluations ("
  "  id TEXT PRIMARY KEY NOT NULL, record TEXT, score INTEGER NOT NULL, comment TEXT,"
  "  version INTEGER NOT NULL);",
};

/**
 * linli_registry_schema_version:
 *
 * Returns: the schema version this build creates and reads
 */
guint
linli_registry_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

const char *const linli_registry_table_names[LINLI_PARTNER_N_LISTS] = {
  "categories", "units", "needs", "records", "evaluations",
};

static gboolean
sqlite_begin (LinliRegistry  *self,
              GError        **error)
{
  /* IMMEDIATE takes the write lock at once: two writers wait for each
   * other (busy timeout) rather than fail at their first write. */
  return linli_sqlite_exec (self->db, "BEGIN IMMEDIATE", error);
}

static gboolean
sqlite_commit (LinliRegistry  *self,
               GError        **error)
{
  return linli_sqlite_exec (self->db, "COMMIT", error);
}

static void
sqlite_rollback (LinliRegistry *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static gboolean
step_done (sqlite3_stmt  *stmt,
           GError       **error)
{
  return linli_sqlite_step (stmt, error) == SQLITE_DONE;
}

/* A stored row that the model cannot hold: the file was written by
 * something else, or damaged. */
void
linli_registry_set_bad_row (GError     **error,
                            const char  *table,
                            const char  *id,
                            const char  *reason)
{
  g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_NOT_A_REGISTRY,
               _("Row “%s” of table %s of the registry cannot be read: %s"),
               id != NULL ? id : "", table, reason);
}

static gboolean
sqlite_stored_version (LinliRegistry     *self,
                       LinliPartnerList   list,
                       const char        *id,
                       gint64            *version,
                       GError           **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version FROM %s WHERE id = ?",
                                          linli_registry_table_names[list]);
  g_autoptr (sqlite3_stmt) stmt = linli_sqlite_prepare (self->db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  rc = linli_sqlite_step (stmt, error);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *version = 0;
  else
    return FALSE;
  return TRUE;
}

static gboolean
sqlite_remove (LinliRegistry     *self,
               LinliPartnerList   list,
               const char        *id,
               GError           **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?",
                                          linli_registry_table_names[list]);
  g_autoptr (sqlite3_stmt) stmt = linli_sqlite_prepare (self->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  return step_done (stmt, error);
}

static gboolean
write_resources (LinliRegistry           *self,
                 const LinliPartnerUnit  *u,
                 GError                 **error)
{
  g_autoptr (sqlite3_stmt) del = NULL;
  g_autoptr (sqlite3_stmt) ins = NULL;

  del = linli_sqlite_prepare (self->db, "DELETE FROM resources WHERE unit = ?", error);
  if (del == NULL)
    return FALSE;
  bind_text (del, 1, u->id);
  if (!step_done (del, error))
    return FALSE;
  ins = linli_sqlite_prepare (self->db,
                              "INSERT INTO resources (unit, position, category, quantity, measure,"
                              " capacity, period) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (ins == NULL)
    return FALSE;
  for (guint k = 0; k < u->n_resources; k++)
    {
      const LinliPartnerResource *r = &u->resources[k];

      sqlite3_reset (ins);
      bind_text (ins, 1, u->id);
      sqlite3_bind_int64 (ins, 2, k);
      bind_text (ins, 3, r->category);
      sqlite3_bind_double (ins, 4, r->quantity);
      bind_text (ins, 5, r->measure);
      sqlite3_bind_double (ins, 6, r->capacity);
      bind_text (ins, 7, linli_partner_period_to_string (r->period));
      if (!step_done (ins, error))
        return FALSE;
    }
  return TRUE;
}

/* The columns of each table but id and version, in the order the SQL of
 * sqlite_write() binds them (id is the last but one, version the last). */
const char *const linli_registry_table_columns[LINLI_PARTNER_N_LISTS] = {
  "name, builtin",
  "name, type, address, lat, lon, contact, members",
  "place_kind, place, category, quantity, priority, note, period",
  "unit, need, place_kind, place, category, date, hours, person, note",
  "record, score, comment",
};

static gboolean
sqlite_write (LinliRegistry     *self,
              LinliPartnerList   list,
              gconstpointer      item,
              gint64             version,
              GError           **error)
{
  g_auto (GStrv) columns = g_strsplit (linli_registry_table_columns[list], ", ", -1);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  guint n = g_strv_length (columns);
  int c = 1;

  if (version == 1)
    {
      g_string_append_printf (sql, "INSERT INTO %s (%s, id, version) VALUES (",
                              linli_registry_table_names[list],
                              linli_registry_table_columns[list]);
      for (guint i = 0; i < n + 2; i++)
        g_string_append (sql, i == 0 ? "?" : ", ?");
      g_string_append (sql, ")");
    }
  else
    {
      g_string_append_printf (sql, "UPDATE %s SET ", linli_registry_table_names[list]);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (sql, "%s = ?, ", columns[i]);
      /* The id is bound where the WHERE clause needs it. */
      g_string_append (sql, "version = ?2000 WHERE id = ?1000");
    }
  stmt = linli_sqlite_prepare (self->db, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  switch (list)
    {
    case LINLI_PARTNER_LIST_CATEGORIES:
      {
        const LinliPartnerCategory *x = item;

        bind_text (stmt, c++, x->name);
        sqlite3_bind_int (stmt, c++, x->builtin ? 1 : 0);
      }
      break;
    case LINLI_PARTNER_LIST_UNITS:
      {
        const LinliPartnerUnit *x = item;

        bind_text (stmt, c++, x->name);
        bind_text (stmt, c++, linli_partner_unit_type_to_string (x->type));
        bind_text (stmt, c++, x->address);
        if (x->has_position)
          {
            sqlite3_bind_double (stmt, c++, x->lat);
            sqlite3_bind_double (stmt, c++, x->lon);
          }
        else
          c += 2;
        bind_text (stmt, c++, x->contact);
        sqlite3_bind_int64 (stmt, c++, x->members);
      }
      break;
    case LINLI_PARTNER_LIST_NEEDS:
      {
        const LinliPartnerNeed *x = item;

        bind_text (stmt, c++, linli_partner_place_kind_to_string (x->place_kind));
        bind_text (stmt, c++, x->place);
        bind_text (stmt, c++, x->category);
        sqlite3_bind_double (stmt, c++, x->quantity);
        sqlite3_bind_int64 (stmt, c++, x->priority);
        bind_text (stmt, c++, x->note);
        bind_text (stmt, c++, linli_partner_period_to_string (x->period));
      }
      break;
    case LINLI_PARTNER_LIST_RECORDS:
      {
        const LinliServiceRecord *x = item;

        bind_text (stmt, c++, x->unit);
        bind_text (stmt, c++, x->need);
        bind_text (stmt, c++, linli_partner_place_kind_to_string (x->place_kind));
        bind_text (stmt, c++, x->place);
        bind_text (stmt, c++, x->category);
        bind_text (stmt, c++, x->date);
        sqlite3_bind_double (stmt, c++, x->hours);
        bind_text (stmt, c++, x->person);
        bind_text (stmt, c++, x->note);
      }
      break;
    case LINLI_PARTNER_LIST_EVALUATIONS:
    default:
      {
        const LinliServiceEvaluation *x = item;

        bind_text (stmt, c++, x->record);
        sqlite3_bind_int64 (stmt, c++, x->score);
        bind_text (stmt, c++, x->comment);
      }
      break;
    }
  g_assert (c == (int) n + 1);
  if (version == 1)
    {
      bind_text (stmt, c++, linli_partner_item_get_id (list, item));
      sqlite3_bind_int64 (stmt, c++, version);
    }
  else
    {
      bind_text (stmt, 1000, linli_partner_item_get_id (list, item));
      sqlite3_bind_int64 (stmt, 2000, version);
    }
  if (!step_done (stmt, error))
    return FALSE;
  if (list == LINLI_PARTNER_LIST_UNITS)
    return write_resources (self, item, error);
  return TRUE;
}

static gboolean
load_resources (LinliRegistry     *self,
                LinliPartnerUnit  *u,
                GError           **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GArray) resources = g_array_new (FALSE, TRUE, sizeof (LinliPartnerResource));
  int rc;

  stmt = linli_sqlite_prepare (self->db,
                               "SELECT category, quantity, measure, capacity, period FROM resources"
                               " WHERE unit = ? ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, u->id);
  while ((rc = linli_sqlite_step (stmt, error)) == SQLITE_ROW)
    {
      LinliPartnerResource r = { 0 };

      r.category = column_text (stmt, 0);
      r.quantity = sqlite3_column_double (stmt, 1);
      r.measure = column_text (stmt, 2);
      r.capacity = sqlite3_column_double (stmt, 3);
      g_array_append_val (resources, r);
      if (!linli_partner_period_from_string ((const char *) sqlite3_column_text (stmt, 4),
                                             &g_array_index (resources, LinliPartnerResource,
                                                             resources->len - 1).period))
        {
          linli_registry_set_bad_row (error, "resources", u->id, _("unknown period"));
          break;
        }
    }
  u->n_resources = resources->len;
  u->resources = (LinliPartnerResource *) g_array_free (g_steal_pointer (&resources), FALSE);
  return rc == SQLITE_DONE;
}

/* Reads one row of @list's table (id first, version last, the columns of
 * linli_registry_table_columns[] between) into a new item. */
static gpointer
load_row (LinliRegistry     *self,
          LinliPartnerList   list,
          sqlite3_stmt      *stmt,
          GError           **error)
{
  const char *table = linli_registry_table_names[list];
  const char *id = (const char *) sqlite3_column_text (stmt, 0);
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
        x->name = column_text (stmt, c++);
        x->builtin = sqlite3_column_int (stmt, c++) != 0;
      }
      break;
    case LINLI_PARTNER_LIST_UNITS:
      {
        LinliPartnerUnit *x = g_new0 (LinliPartnerUnit, 1);

        item = x;
        x->id = g_strdup (id);
        x->name = column_text (stmt, c++);
        if (!linli_partner_unit_type_from_string ((const char *) sqlite3_column_text (stmt, c++),
                                                  &x->type))
          reason = _("unknown unit type");
        x->address = column_text (stmt, c++);
        x->has_position = sqlite3_column_type (stmt, c) != SQLITE_NULL;
        x->lat = x->has_position ? sqlite3_column_double (stmt, c) : 0;
        c++;
        x->lon = x->has_position ? sqlite3_column_double (stmt, c) : 0;
        c++;
        x->contact = column_text (stmt, c++);
        x->members = (guint) CLAMP (sqlite3_column_int64 (stmt, c), 0, G_MAXUINT);
        c++;
        if (reason == NULL && !load_resources (self, x, error))
          {
            linli_partner_item_free (list, item);
            return NULL;
          }
      }
      break;
    case LINLI_PARTNER_LIST_NEEDS:
      {
        LinliPartnerNeed *x = g_new0 (LinliPartnerNeed, 1);

        item = x;
        x->id = g_strdup (id);
        if (!linli_partner_place_kind_from_string ((const char *) sqlite3_column_text (stmt, c++),
                                                   &x->place_kind))
          reason = _("unknown kind of place");
        x->place = column_text (stmt, c++);
        x->category = column_text (stmt, c++);
        x->quantity = sqlite3_column_double (stmt, c++);
        x->priority = (guint) CLAMP (sqlite3_column_int64 (stmt, c), 1, LINLI_PARTNER_MAX_PRIORITY);
        c++;
        x->note = column_text (stmt, c++);
        if (!linli_partner_period_from_string ((const char *) sqlite3_column_text (stmt, c++),
                                               &x->period))
          reason = _("unknown period");
      }
      break;
    case LINLI_PARTNER_LIST_RECORDS:
      {
        LinliServiceRecord *x = g_new0 (LinliServiceRecord, 1);

        item = x;
        x->id = g_strdup (id);
        x->unit = column_text (stmt, c++);
        x->need = column_text (stmt, c++);
        if (!linli_partner_place_kind_from_string ((const char *) sqlite3_column_text (stmt, c++),
                                                   &x->place_kind))
          reason = _("unknown kind of place");
        x->place = column_text (stmt, c++);
        x->category = column_text (stmt, c++);
        x->date = column_text (stmt, c++);
        x->hours = sqlite3_column_double (stmt, c++);
        x->person = column_text (stmt, c++);
        x->note = column_text (stmt, c++);
      }
      break;
    case LINLI_PARTNER_LIST_EVALUATIONS:
    default:
      {
        LinliServiceEvaluation *x = g_new0 (LinliServiceEvaluation, 1);

        item = x;
        x->id = g_strdup (id);
        x->record = column_text (stmt, c++);
        x->score = (guint) CLAMP (sqlite3_column_int64 (stmt, c), 1, LINLI_PARTNER_MAX_SCORE);
        c++;
        x->comment = column_text (stmt, c++);
      }
      break;
    }
  if (reason == NULL && sqlite3_column_int64 (stmt, c) < 1)
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
sqlite_load (LinliRegistry  *self,
             LinliPartners  *partners,
             GError        **error)
{
  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id, %s, version FROM %s ORDER BY rowid",
                                              linli_registry_table_columns[l],
                                              linli_registry_table_names[l]);
      g_autoptr (sqlite3_stmt) stmt = linli_sqlite_prepare (self->db, sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      while ((rc = linli_sqlite_step (stmt, error)) == SQLITE_ROW)
        {
          const char *id = (const char *) sqlite3_column_text (stmt, 0);
          gpointer item;

          /* The schema forbids both, but the file may have been written
           * by something else under the same schema version. */
          if (id == NULL || linli_partners_find (partners, l, id, NULL) != NULL)
            {
              linli_registry_set_bad_row (error, linli_registry_table_names[l], id,
                                          id == NULL ? _("no id") : _("the id is given twice"));
              return FALSE;
            }
          item = load_row (self, l, stmt, error);
          if (item == NULL)
            return FALSE;
          linli_partners_insert (partners, l, linli_partners_get_n (partners, l), item);
          known_set (self->known[l], l, item,
                     sqlite3_column_int64 (stmt, sqlite3_column_count (stmt) - 1));
          linli_partner_item_free (l, item);
        }
      if (rc != SQLITE_DONE)
        return FALSE;
    }
  return TRUE;
}

static void
sqlite_close (LinliRegistry *self)
{
  g_clear_pointer (&self->db, sqlite3_close);
}

static const LinliRegistryBackend sqlite_backend = {
  sqlite_begin,
  sqlite_commit,
  sqlite_rollback,
  sqlite_load,
  sqlite_stored_version,
  sqlite_write,
  sqlite_remove,
  sqlite_close,
};

static gboolean
read_pragma (sqlite3     *db,
             const char  *sql,
             gint64      *value,
             GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = linli_sqlite_prepare (db, sql, error);

  if (stmt == NULL || linli_sqlite_step (stmt, error) != SQLITE_ROW)
    return FALSE;
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Refuses a file that is not a registry, or of a schema newer than this
 * build knows. */
static gboolean
check_file (sqlite3     *db,
            const char  *display,
            GError     **error)
{
  gint64 application_id, schema, n_tables;

  if (!read_pragma (db, "PRAGMA application_id", &application_id, error) ||
      !read_pragma (db, "PRAGMA user_version", &schema, error) ||
      !read_pragma (db, "SELECT count(*) FROM sqlite_master", &n_tables, error))
    return FALSE;
  if (application_id != REGISTRY_APPLICATION_ID && (application_id != 0 || n_tables > 0))
    {
      g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_NOT_A_REGISTRY,
                   _("“%s” is a database but not a registry of partner units"), display);
      return FALSE;
    }
  if (schema > (gint64) G_N_ELEMENTS (migrations))
    {
      g_autofree char *theirs = g_strdup_printf ("%" G_GINT64_FORMAT, schema);

      g_set_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_NEWER_SCHEMA,
                   _("The registry “%s” has schema version %s, newer than version %u which "
                     "this version of Linli knows: open it with a newer Linli"),
                   display, theirs, (guint) G_N_ELEMENTS (migrations));
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (sqlite3     *db,
         const char  *display,
         GError     **error)
{
  gint64 schema;

  if (!linli_sqlite_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* Checked again inside the transaction: another process may have
   * created or migrated the file since. */
  if (!check_file (db, display, error) ||
      !read_pragma (db, "PRAGMA user_version", &schema, error))
    goto fail;
  for (gint64 v = schema; v < (gint64) G_N_ELEMENTS (migrations); v++)
    if (!linli_sqlite_exec (db, migrations[v], error))
      goto fail;
  if (schema < (gint64) G_N_ELEMENTS (migrations))
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u;"
                                              "PRAGMA application_id = %d",
                                              (guint) G_N_ELEMENTS (migrations),
                                              REGISTRY_APPLICATION_ID);

      if (!linli_sqlite_exec (db, sql, error))
        goto fail;
    }
  if (linli_sqlite_exec (db, "COMMIT", error))
    return TRUE;

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * linli_registry_open_sqlite:
 * @path: the registry file, created when missing
 *
 * Opens a registry kept in an SQLite file: foreign keys on, write-ahead
 * log, so readers do not block the writer, and the schema brought to this
 * build's version by the migrations in order.  A file of a newer schema,
 * or a database that is no registry, is refused and left untouched.
 *
 * Returns: (transfer full): the registry, or %NULL with @error set
 */
LinliRegistry *
linli_registry_open_sqlite (const char  *path,
                            GError     **error)
{
  g_autoptr (sqlite3) db = NULL;
  g_autofree char *display = NULL;
  LinliRegistry *self;

  g_return_val_if_fail (path != NULL, NULL);

  db = linli_sqlite_open (path, LINLI_SQLITE_OPEN_READ_WRITE, error);
  if (db == NULL)
    return NULL;
  display = g_filename_display_name (path);
  /* Another connection writing waits up to ten seconds rather than
   * failing at once. */
  sqlite3_busy_timeout (db, 10000);
  if (!check_file (db, display, error) ||
      !linli_sqlite_exec (db, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL", error) ||
      !migrate (db, display, error))
    return NULL;

  self = linli_registry_new (&sqlite_backend, path);
  self->db = g_steal_pointer (&db);
  return self;
}

/* ------------------------------------------------------------------------ */
/* Choosing the backend                                                      */
/* ------------------------------------------------------------------------ */

/* Whether @uri is a libpq keyword string ("host=… dbname=…"): the text
 * before its first '=' is one of libpq's keywords.  A file name holding an
 * '=' is a path unless it starts with such a keyword. */
static gboolean
is_postgresql_keywords (const char *uri)
{
  const char *eq = strchr (uri, '=');
  g_autofree char *keyword = NULL;

  if (eq == NULL)
    return FALSE;
  keyword = g_strstrip (g_strndup (uri, eq - uri));
  return linli_registry_postgresql_is_keyword (keyword);
}

/**
 * linli_registry_open:
 * @uri: where the registry is: `postgresql://…`, `postgres://…` or a libpq
 *   keyword string (`host=… dbname=…`) for a PostgreSQL server,
 *   `sqlite:PATH` or a plain path for an SQLite file
 *
 * Opens the registry at @uri with the backend its form names.
 *
 * Returns: (transfer full): the registry, or %NULL with @error set
 */
LinliRegistry *
linli_registry_open (const char  *uri,
                     GError     **error)
{
  g_return_val_if_fail (uri != NULL, NULL);

  if (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://") ||
      is_postgresql_keywords (uri))
    return linli_registry_open_postgresql (uri, error);
  if (g_str_has_prefix (uri, "sqlite://"))
    return linli_registry_open_sqlite (uri + strlen ("sqlite://"), error);
  if (g_str_has_prefix (uri, "sqlite:"))
    return linli_registry_open_sqlite (uri + strlen ("sqlite:"), error);
  return linli_registry_open_sqlite (uri, error);
}

/**
 * linli_registry_get_location:
 * @self: a registry
 *
 * Returns: where the registry is, as a path or a libpq keyword string,
 *   never with a password: fit to show and to record in a plan
 */
const char *
linli_registry_get_location (LinliRegistry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->location;
}
