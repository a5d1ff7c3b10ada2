/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-org"

#include "config.h"

#include "linli-org.h"

#include <stdlib.h>
#include <string.h>

/* One list of the chain: its objects in order, an index by id (ids never
 * change once an object is made, so the index needs no updating on
 * edits), and the next number for ids Linli makes ("b12", "pg3", "mh7").
 */
typedef struct
{
  GListStore *store;
  GHashTable *ids;      /* id (the object's own string) → object, borrowed */
  const char *prefix;
  guint       next_id;
} OrgList;

struct _LinliOrg
{
  GObject     parent_instance;

  GHashTable *secretaries;   /* community index → char * */
  OrgList     branches;
  OrgList     groups;
  OrgList     households;
  guint       serial;
};

G_DEFINE_FINAL_TYPE (LinliOrg, linli_org, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* Auxiliary methods */

static void
emit_changed (LinliOrg *self)
{
  self->serial++;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_item_changed_cb (LinliOrg *self,
                    GObject  *item)
{
  emit_changed (self);
}

/* A plain connection, not g_signal_connect_object(): that one watches
 * the org for every item, in a list GObject searches and grows one by one,
 * which made reading 400,000 items quadratic.  The org disconnects each
 * item itself when it drops it, and all of them when disposed. */
static void
connect_item (LinliOrg *self,
              gpointer  item)
{
  g_signal_connect_swapped (item, "changed", G_CALLBACK (on_item_changed_cb), self);
}

static void
org_list_init (OrgList    *list,
               GType       type,
               const char *prefix)
{
  list->store = g_list_store_new (type);
  list->ids = g_hash_table_new (g_str_hash, g_str_equal);
  list->prefix = prefix;
  list->next_id = 1;
}

static void
org_list_clear (OrgList *list)
{
  g_clear_object (&list->store);
  g_clear_pointer (&list->ids, g_hash_table_unref);
}

static guint
org_list_length (OrgList *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list->store));
}

/* Ids Linli makes are the prefix and a number; keep the next one past any read. */
static void
note_id (OrgList    *list,
         const char *id)
{
  gsize len = strlen (list->prefix);
  guint64 n;
  char *end;

  if (strncmp (id, list->prefix, len) != 0 || !g_ascii_isdigit (id[len]))
    return;
  n = g_ascii_strtoull (id + len, &end, 10);
  if (*end == '\0' && n < G_MAXUINT && n >= list->next_id)
    list->next_id = (guint) n + 1;
}

static gpointer
org_list_find (OrgList    *list,
               const char *id,
               guint      *position)
{
  gpointer item = id != NULL ? g_hash_table_lookup (list->ids, id) : NULL;

  if (item != NULL && position != NULL && !g_list_store_find (list->store, item, position))
    g_assert_not_reached ();
  return item;
}

static void
org_list_insert (LinliOrg   *self,
                 OrgList    *list,
                 guint       position,
                 gpointer    item,
                 const char *id)
{
  g_return_if_fail (id != NULL);
  g_return_if_fail (!g_hash_table_contains (list->ids, id));

  note_id (list, id);
  g_hash_table_insert (list->ids, (gpointer) id, item);
  connect_item (self, item);
  g_list_store_insert (list->store, MIN (position, org_list_length (list)), item);
  emit_changed (self);
}

static void
org_list_remove (LinliOrg   *self,
                 OrgList    *list,
                 gpointer    item,
                 const char *id)
{
  guint position;

  if (!g_list_store_find (list->store, item, &position))
    return;
  g_hash_table_remove (list->ids, id);
  g_signal_handlers_disconnect_by_data (item, self);
  g_list_store_remove (list->store, position);
  emit_changed (self);
}

static char *
org_list_new_id (OrgList *list)
{
  char *id;

  do
    id = g_strdup_printf ("%s%u", list->prefix, list->next_id++);
  while (g_hash_table_contains (list->ids, id) && (g_free (id), TRUE));
  return id;
}

static void
org_list_remove_all (LinliOrg *self,
                     OrgList  *list)
{
  guint n = org_list_length (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (list->store), i);

      g_signal_handlers_disconnect_by_data (item, self);
    }
  g_hash_table_remove_all (list->ids);
  g_list_store_remove_all (list->store);
}

/* GObject overrides */

static void
linli_org_dispose (GObject *object)
{
  LinliOrg *self = LINLI_ORG (object);

  /* Items may outlive the org (a list view holds them): they must not call it. */
  if (self->branches.store != NULL)
    {
      org_list_remove_all (self, &self->branches);
      org_list_remove_all (self, &self->groups);
      org_list_remove_all (self, &self->households);
    }
  org_list_clear (&self->branches);
  org_list_clear (&self->groups);
  org_list_clear (&self->households);
  G_OBJECT_CLASS (linli_org_parent_class)->dispose (object);
}

static void
linli_org_finalize (GObject *object)
{
  LinliOrg *self = LINLI_ORG (object);

  g_clear_pointer (&self->secretaries, g_hash_table_unref);
  G_OBJECT_CLASS (linli_org_parent_class)->finalize (object);
}

static void
linli_org_class_init (LinliOrgClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = linli_org_dispose;
  object_class->finalize = linli_org_finalize;

  /**
   * LinliOrg::changed:
   *
   * Emitted after any change: a secretary set, a branch, group or member
   * household added, removed or changed.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
linli_org_init (LinliOrg *self)
{
  self->secretaries = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  org_list_init (&self->branches, LINLI_TYPE_BRANCH, "b");
  org_list_init (&self->groups, LINLI_TYPE_PARTY_GROUP, "pg");
  org_list_init (&self->households, LINLI_TYPE_MEMBER_HOUSEHOLD, "mh");
}

/* Public API */

/**
 * linli_org_new:
 *
 * Returns: (transfer full): an empty organisation chain
 */
LinliOrg *
linli_org_new (void)
{
  return g_object_new (LINLI_TYPE_ORG, NULL);
}

/**
 * linli_org_copy_from:
 *
 * Replaces everything in @self by a copy of @source, and emits
 * #LinliOrg::changed once.
 */
void
linli_org_copy_from (LinliOrg *self,
                     LinliOrg *source)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n;

  g_return_if_fail (LINLI_IS_ORG (self));
  g_return_if_fail (LINLI_IS_ORG (source));

  g_hash_table_remove_all (self->secretaries);
  g_hash_table_iter_init (&iter, source->secretaries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->secretaries, key, g_strdup (value));

  /* Filled directly rather than through the insert functions: one signal
   * for the whole copy instead of one per object. */
  org_list_remove_all (self, &self->branches);
  org_list_remove_all (self, &self->groups);
  org_list_remove_all (self, &self->households);
  n = org_list_length (&source->branches);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LinliBranch) from = g_list_model_get_item (G_LIST_MODEL (source->branches.store), i);
      g_autoptr (LinliBranch) copy = linli_branch_new (linli_branch_get_state (from));

      g_hash_table_insert (self->branches.ids, (gpointer) linli_branch_get_id (copy), copy);
      connect_item (self, copy);
      g_list_store_append (self->branches.store, copy);
    }
  n = org_list_length (&source->groups);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LinliPartyGroup) from = g_list_model_get_item (G_LIST_MODEL (source->groups.store), i);
      g_autoptr (LinliPartyGroup) copy = linli_party_group_new (linli_party_group_get_state (from));

      g_hash_table_insert (self->groups.ids, (gpointer) linli_party_group_get_id (copy), copy);
      connect_item (self, copy);
      g_list_store_append (self->groups.store, copy);
    }
  n = org_list_length (&source->households);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LinliMemberHousehold) from =
        g_list_model_get_item (G_LIST_MODEL (source->households.store), i);
      g_autoptr (LinliMemberHousehold) copy = linli_member_household_new (linli_member_household_get_state (from));

      g_hash_table_insert (self->households.ids, (gpointer) linli_member_household_get_id (copy), copy);
      connect_item (self, copy);
      g_list_store_append (self->households.store, copy);
    }
  self->branches.next_id = source->branches.next_id;
  self->groups.next_id = source->groups.next_id;
  self->households.next_id = source->households.next_id;
  emit_changed (self);
}

/**
 * linli_org_is_empty:
 *
 * Returns: %TRUE when there is nothing to save: no secretary, branch,
 *   group or member household
 */
gboolean
linli_org_is_empty (LinliOrg *self)
{
  g_return_val_if_fail (LINLI_IS_ORG (self), TRUE);
  return g_hash_table_size (self->secretaries) == 0 && org_list_length (&self->branches) == 0 &&
         org_list_length (&self->groups) == 0 && org_list_length (&self->households) == 0;
}

/**
 * linli_org_get_serial:
 *
 * Returns: a number that changes with every change, for caches
 */
guint
linli_org_get_serial (LinliOrg *self)
{
  g_return_val_if_fail (LINLI_IS_ORG (self), 0);
  return self->serial;
}

/* Committees */

/**
 * linli_org_get_secretary:
 * @community: index into the project's communities
 *
 * Returns: (nullable): the name of the secretary of the community's party
 *   committee (社区党委书记), %NULL if none is recorded; a person's name, so
 *   show it through linli_project_person()
 */
const char *
linli_org_get_secretary (LinliOrg *self,
                         guint     community)
{
  g_return_val_if_fail (LINLI_IS_ORG (self), NULL);
  return g_hash_table_lookup (self->secretaries, GUINT_TO_POINTER (community));
}

/**
 * linli_org_set_secretary:
 * @secretary: (nullable): the name, or %NULL (or "") for none
 */
void
linli_org_set_secretary (LinliOrg   *self,
                         guint       community,
                         const char *secretary)
{
  g_return_if_fail (LINLI_IS_ORG (self));

  if (secretary != NULL && secretary[0] == '\0')
    secretary = NULL;
  if (g_strcmp0 (linli_org_get_secretary (self, community), secretary) == 0)
    return;
  if (secretary == NULL)
    g_hash_table_remove (self->secretaries, GUINT_TO_POINTER (community));
  else
    g_hash_table_insert (self->secretaries, GUINT_TO_POINTER (community), g_strdup (secretary));
  emit_changed (self);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/**
 * linli_org_list_committees:
 * @n: (out): how many
 *
 * Returns: (transfer full) (array length=n): the communities whose
 *   committee has a secretary recorded, in increasing order
 */
guint *
linli_org_list_committees (LinliOrg *self,
                           guint    *n)
{
  guint *keys = g_new (guint, g_hash_table_size (self->secretaries) + 1);
  GHashTableIter iter;
  gpointer key;
  guint k = 0;

  g_hash_table_iter_init (&iter, self->secretaries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    keys[k++] = GPOINTER_TO_UINT (key);
  qsort (keys, k, sizeof (guint), compare_uint);
  *n = k;
  return keys;
}

/* Branches */

/**
 * linli_org_get_branches:
 *
 * Returns: (transfer none): the branches, a list of #LinliBranch
 */
GListModel *
linli_org_get_branches (LinliOrg *self)
{
  g_return_val_if_fail (LINLI_IS_ORG (self), NULL);
  return G_LIST_MODEL (self->branches.store);
}

/**
 * linli_org_find_branch:
 * @position: (out) (optional): where it is in the list (a linear search)
 *
 * Returns: (transfer none) (nullable): the branch with @id
 */
LinliBranch *
linli_org_find_branch (LinliOrg   *self,
                       const char *id,
                       guint      *position)
{
  g_return_val_if_fail (LINLI_IS_ORG (self), NULL);
  return org_list_find (&self->branches, id, position);
}

/**
 * linli_org_insert_branch:
 *
 * Adds @branch at @position (or at the end); its id must be new.
 */
void
linli_org_insert_branch (LinliOrg    *self,
                         guint        position,
                         LinliBranch *branch)
{
  g_return_if_fail (LINLI_IS_ORG (self));
  g_return_if_fail (LINLI_IS_BRANCH (branch));
  org_list_insert (self, &self->branches, position, branch, linli_branch_get_id (branch));
}

void
linli_org_remove_branch (LinliOrg    *self,
                         LinliBranch *branch)
{
  g_return_if_fail (LINLI_IS_ORG (self));
  g_return_if_fail (LINLI_IS_BRANCH (branch));
  org_list_remove (self, &self->branches, branch, linli_branch_get_id (branch));
}

/**
 * linli_org_new_branch_id:
 *
 * Returns: (transfer full): an id no branch has
 */
char *
linli_org_new_branch_id (LinliOrg *self)
{
  g_return_val_if_fail (LINLI_IS_ORG (self), NULL);
  return org_list_new_id (&self->branches);
}

/* Groups */

/**
 * linli_org_get_groups:
 *
 * Returns: (transfer none): the building party groups, a list of
 *   #LinliPartyGroup
 */
GListModel *
linli_org_get_groups (LinliOrg *self)
{
  g_return_val_if_fail (LINLI_IS_ORG (self), NULL);
  return G_LIST_MODEL (self->groups.store);
}

/**
 * linli_org_find_group:
 * @position: (out) (optional): where it is in the list (a linear search)
 *
 * Returns: (transfer none) (nullable): the group with @id
 */
LinliPartyGroup *
linli_org_find_group (LinliOrg   *self,
                      const char *id,
                      guint      *position)
{
  g_return_val_if_fail (LINLI_IS_ORG (self), NULL);
  return org_list_find (&self->groups, id, position);
}

void
linli_org_insert_group (LinliOrg        *self,
                        guint            position,
                        LinliPartyGroup *group)
{
  g_return_if_fail (LINLI_IS_ORG (self));
  g_return_if_fail (LINLI_IS_PARTY_GROUP (group));
  org_list_insert (self, &self->groups, position, group, linli_party_group_get_id (group));
}

void
linli_org_remove_group (LinliOrg        *self,
                        LinliPartyGroup *group)
{
  g_return_if_fail (LINLI_IS_ORG (self));
  g_return_if_fail (LINLI_IS_PARTY_GROUP (group));
  org_list_remove (self, &self->groups, group, linli_party_group_get_id (group));
}

/**
 * linli_org_new_group_id:
 *
 * Returns: (transfer full): an id no group has
 */
char *
linli_org_new_group_id (LinliOrg *self)
{
  g_return_val_if_fail (LINLI_IS_ORG (self), NULL);
  return org_list_new_id (&self->groups);
}

/* Member households */

/**
 * linli_org_get_households:
 *
 * Returns: (transfer none): the member households with plaques, a list of
 *   #LinliMemberHousehold
 */
GListModel *
linli_org_get_households (LinliOrg *self)
{
  g_return_val_if_fail (LINLI_IS_ORG (self), NULL);
  return G_LIST_MODEL (self->households.store);
}

/**
 * linli_org_find_household:
 * @position: (out) (optional): where it is in the list (a linear search)
 *
 * Returns: (transfer none) (nullable): the member household with @id
 */
LinliMemberHousehold *
linli_org_find_household (LinliOrg   *self,
                          const char *id,
                          guint      *position)
{
  g_return_val_if_fail (LINLI_IS_ORG (self), NULL);
  return org_list_find (&self->households, id, position);
}

void
linli_org_insert_household (LinliOrg             *self,
                            guint                 position,
                            LinliMemberHousehold *household)
{
  g_return_if_fail (LINLI_IS_ORG (self));
  g_return_if_fail (LINLI_IS_MEMBER_HOUSEHOLD (household));
  org_list_insert (self, &self->households, position, household, linli_member_household_get_id (household));
}

void
linli_org_remove_household (LinliOrg             *self,
                            LinliMemberHousehold *household)
{
  g_return_if_fail (LINLI_IS_ORG (self));
  g_return_if_fail (LINLI_IS_MEMBER_HOUSEHOLD (household));
  org_list_remove (self, &self->households, household, linli_member_household_get_id (household));
}

/**
 * linli_org_new_household_id:
 *
 * Returns: (transfer full): an id no member household has
 */
char *
linli_org_new_household_id (LinliOrg *self)
{
  g_return_val_if_fail (LINLI_IS_ORG (self), NULL);
  return org_list_new_id (&self->households);
}
