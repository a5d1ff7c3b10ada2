/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-partner"

#include "config.h"

#include "linli-partners.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* One list of the model: its items in order and an index by id.  Ids never
 * change once an item is made (replacing keeps the id), so the index only
 * follows inserts and removals. */
typedef struct
{
  GPtrArray  *items;
  GHashTable *ids;       /* id (the item's own string) → item, borrowed */
  guint       next_id;
} PartnerList;

struct _LinliPartners
{
  GObject     parent_instance;

  PartnerList lists[LINLI_PARTNER_N_LISTS];
  guint       serial;
  /* The registry the lists are a snapshot of, without password. */
  char       *registry;
  LinliPartnerAssignment *assignment;   /* the accepted one, or NULL */
  LinliPartnerRules      *rules;        /* never NULL */
};

G_DEFINE_FINAL_TYPE (LinliPartners, linli_partners, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* The prefixes of the ids Linli makes ("u12", "n3"). */
static const char *const id_prefixes[LINLI_PARTNER_N_LISTS] = { "cat", "u", "n", "r", "e" };

/* The built-in categories: stable ids, English names translated on show.
 * A street office's own categories come after these. */
static const struct
{
  const char *id;
  const char *name;
} builtin_categories[] = {
  { "venue", N_("Venue") },
  { "volunteers", N_("Volunteers") },
  { "medical-checks", N_("Medical checks") },
  { "tutoring", N_("Tutoring") },
  { "legal-advice", N_("Legal advice") },
  { "funds", N_("Funds") },
  { "elderly-care", N_("Elderly care") },
  { "child-care", N_("Child care") },
  { "cultural-activities", N_("Cultural activities") },
  { "sports", N_("Sports and fitness") },
  { "counselling", N_("Psychological counselling") },
  { "employment", N_("Employment help") },
  { "repairs", N_("Household repairs") },
  { "environment", N_("Environment and greening") },
};

/* ------------------------------------------------------------------------ */
/* Enumerations                                                              */
/* ------------------------------------------------------------------------ */

static const char *const unit_type_names[LINLI_PARTNER_UNIT_N_TYPES] = {
  "agency", "enterprise", "school", "hospital", "market", "property", "social", "other",
};

static const char *const unit_type_labels[LINLI_PARTNER_UNIT_N_TYPES] = {
  N_("Agency"), N_("Enterprise"), N_("School"), N_("Hospital"), N_("Market"),
  N_("Property company"), N_("Social organisation"), N_("Other"),
};

static const char *const place_kind_names[] = { "community", "compound", "grid" };
static const char *const period_names[] = { "week", "month", "quarter", "year" };

static gboolean
name_lookup (const char *const *names,
             guint              n_names,
             const char        *string,
             guint             *value)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i], string) == 0)
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * linli_partner_unit_type_to_string:
 * @type: a unit type
 *
 * Returns: (transfer none): the type's name in the file ("school")
 */
const char *
linli_partner_unit_type_to_string (LinliPartnerUnitType type)
{
  g_return_val_if_fail (type < LINLI_PARTNER_UNIT_N_TYPES, NULL);
  return unit_type_names[type];
}

/**
 * linli_partner_unit_type_from_string:
 * @string: a type's name in the file
 * @type: (out): the type
 *
 * Returns: whether @string names a unit type
 */
gboolean
linli_partner_unit_type_from_string (const char           *string,
                                     LinliPartnerUnitType *type)
{
  guint value;

  if (!name_lookup (unit_type_names, G_N_ELEMENTS (unit_type_names), string, &value))
    return FALSE;
  *type = value;
  return TRUE;
}

/**
 * linli_partner_unit_type_get_label:
 * @type: a unit type
 *
 * Returns: (transfer none): the type's translated name, to show
 */
const char *
linli_partner_unit_type_get_label (LinliPartnerUnitType type)
{
  g_return_val_if_fail (type < LINLI_PARTNER_UNIT_N_TYPES, NULL);
  return _(unit_type_labels[type]);
}

/**
 * linli_partner_place_kind_to_string:
 * @kind: a kind of place
 *
 * Returns: (transfer none): its name in the file ("compound")
 */
const char *
linli_partner_place_kind_to_string (LinliPartnerPlaceKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (place_kind_names), NULL);
  return place_kind_names[kind];
}

/**
 * linli_partner_place_kind_from_string:
 * @string: a kind's name in the file
 * @kind: (out): the kind
 *
 * Returns: whether @string names a kind of place
 */
gboolean
linli_partner_place_kind_from_string (const char            *string,
                                      LinliPartnerPlaceKind *kind)
{
  guint value;

  if (!name_lookup (place_kind_names, G_N_ELEMENTS (place_kind_names), string, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

/**
 * linli_partner_period_to_string:
 * @period: a period
 *
 * Returns: (transfer none): its name in the file ("month")
 */
const char *
linli_partner_period_to_string (LinliPartnerPeriod period)
{
  g_return_val_if_fail (period < G_N_ELEMENTS (period_names), NULL);
  return period_names[period];
}

/**
 * linli_partner_period_from_string:
 * @string: a period's name in the file
 * @period: (out): the period
 *
 * Returns: whether @string names a period
 */
gboolean
linli_partner_period_from_string (const char         *string,
                                  LinliPartnerPeriod *period)
{
  guint value;

  if (!name_lookup (period_names, G_N_ELEMENTS (period_names), string, &value))
    return FALSE;
  *period = value;
  return TRUE;
}

/**
 * linli_partner_period_per_month:
 * @period: a period
 *
 * Returns: how many months @period is, to bring capacities and needs
 *   given per week, quarter or year to one period (a week is 12/52 month)
 */
double
linli_partner_period_per_month (LinliPartnerPeriod period)
{
  static const double months[] = { 12.0 / 52.0, 1, 3, 12 };

  g_return_val_if_fail (period < G_N_ELEMENTS (months), 1);
  return months[period];
}

/**
 * linli_partner_date_is_valid:
 * @date: (nullable): a date as text
 *
 * Returns: whether @date is a real calendar day written YYYY-MM-DD
 */
gboolean
linli_partner_date_is_valid (const char *date)
{
  guint y, m, d;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;
  y = (guint) g_ascii_strtoull (date, NULL, 10);
  m = (guint) g_ascii_strtoull (date + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (date + 8, NULL, 10);
  return y >= 1 && g_date_valid_dmy (d, m, y);
}

/* ------------------------------------------------------------------------ */
/* Items                                                                     */
/* ------------------------------------------------------------------------ */

static LinliPartnerCategory *
category_copy (const LinliPartnerCategory *c)
{
  LinliPartnerCategory *copy = g_new0 (LinliPartnerCategory, 1);

  copy->id = g_strdup (c->id);
  copy->name = g_strdup (c->name);
  copy->builtin = c->builtin;
  return copy;
}

static void
category_free (LinliPartnerCategory *c)
{
  g_free (c->id);
  g_free (c->name);
  g_free (c);
}

static gboolean
category_equal (const LinliPartnerCategory *a,
                const LinliPartnerCategory *b)
{
  return g_strcmp0 (a->id, b->id) == 0 && g_strcmp0 (a->name, b->name) == 0 &&
         !a->builtin == !b->builtin;
}

static LinliPartnerUnit *
unit_copy (const LinliPartnerUnit *u)
{
  LinliPartnerUnit *copy = g_new0 (LinliPartnerUnit, 1);

  *copy = *u;
  copy->id = g_strdup (u->id);
  copy->name = g_strdup (u->name);
  copy->address = g_strdup (u->address);
  copy->contact = g_strdup (u->contact);
  copy->resources = g_new0 (LinliPartnerResource, MAX (u->n_resources, 1));
  for (guint i = 0; i < u->n_resources; i++)
    {
      copy->resources[i] = u->resources[i];
      copy->resources[i].category = g_strdup (u->resources[i].category);
      copy->resources[i].measure = g_strdup (u->resources[i].measure);
    }
  return copy;
}

static void
unit_free (LinliPartnerUnit *u)
{
  for (guint i = 0; i < u->n_resources; i++)
    {
      g_free (u->resources[i].category);
      g_free (u->resources[i].measure);
    }
  g_free (u->resources);
  g_free (u->id);
  g_free (u->name);
  g_free (u->address);
  g_free (u->contact);
  g_free (u);
}

static gboolean
unit_equal (const LinliPartnerUnit *a,
            const LinliPartnerUnit *b)
{
  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->name, b->name) != 0 || a->type != b->type ||
      g_strcmp0 (a->address, b->address) != 0 || !a->has_position != !b->has_position ||
      (a->has_position && (a->lat != b->lat || a->lon != b->lon)) ||
      g_strcmp0 (a->contact, b->contact) != 0 || a->members != b->members ||
      a->n_resources != b->n_resources)
    return FALSE;
  for (guint i = 0; i < a->n_resources; i++)
    {
      const LinliPartnerResource *r = &a->resources[i], *s = &b->resources[i];

      if (g_strcmp0 (r->category, s->category) != 0 || r->quantity != s->quantity ||
          g_strcmp0 (r->measure, s->measure) != 0 || r->capacity != s->capacity ||
          r->period != s->period)
        return FALSE;
    }
  return TRUE;
}

static LinliPartnerNeed *
need_copy (const LinliPartnerNeed *n)
{
  LinliPartnerNeed *copy = g_new0 (LinliPartnerNeed, 1);

  *copy = *n;
  copy->id = g_strdup (n->id);
  copy->place = g_strdup (n->place);
  copy->category = g_strdup (n->category);
  copy->note = g_strdup (n->note);
  return copy;
}

static void
need_free (LinliPartnerNeed *n)
{
  g_free (n->id);
  g_free (n->place);
  g_free (n->category);
  g_free (n->note);
  g_free (n);
}

static gboolean
need_equal (const LinliPartnerNeed *a,
            const LinliPartnerNeed *b)
{
  return g_strcmp0 (a->id, b->id) == 0 && a->place_kind == b->place_kind &&
         g_strcmp0 (a->place, b->place) == 0 && g_strcmp0 (a->category, b->category) == 0 &&
         a->quantity == b->quantity && a->priority == b->priority &&
         g_strcmp0 (a->note, b->note) == 0 && a->period == b->period;
}

static LinliServiceRecord *
record_copy (const LinliServiceRecord *r)
{
  LinliServiceRecord *copy = g_new0 (LinliServiceRecord, 1);

  *copy = *r;
  copy->id = g_strdup (r->id);
  copy->unit = g_strdup (r->unit);
  copy->need = g_strdup (r->need);
  copy->place = g_strdup (r->place);
  copy->category = g_strdup (r->category);
  copy->date = g_strdup (r->date);
  copy->person = g_strdup (r->person);
  copy->note = g_strdup (r->note);
  return copy;
}

static void
record_free (LinliServiceRecord *r)
{
  g_free (r->id);
  g_free (r->unit);
  g_free (r->need);
  g_free (r->place);
  g_free (r->category);
  g_free (r->date);
  g_free (r->person);
  g_free (r->note);
  g_free (r);
}

static gboolean
record_equal (const LinliServiceRecord *a,
              const LinliServiceRecord *b)
{
  return g_strcmp0 (a->id, b->id) == 0 && g_strcmp0 (a->unit, b->unit) == 0 &&
         g_strcmp0 (a->need, b->need) == 0 && a->place_kind == b->place_kind &&
         g_strcmp0 (a->place, b->place) == 0 && g_strcmp0 (a->category, b->category) == 0 &&
         g_strcmp0 (a->date, b->date) == 0 && a->hours == b->hours &&
         g_strcmp0 (a->person, b->person) == 0 && g_strcmp0 (a->note, b->note) == 0;
}

static LinliServiceEvaluation *
evaluation_copy (const LinliServiceEvaluation *e)
{
  LinliServiceEvaluation *copy = g_new0 (LinliServiceEvaluation, 1);

  *copy = *e;
  copy->id = g_strdup (e->id);
  copy->record = g_strdup (e->record);
  copy->comment = g_strdup (e->comment);
  return copy;
}

static void
evaluation_free (LinliServiceEvaluation *e)
{
  g_free (e->id);
  g_free (e->record);
  g_free (e->comment);
  g_free (e);
}

static gboolean
evaluation_equal (const LinliServiceEvaluation *a,
                  const LinliServiceEvaluation *b)
{
  return g_strcmp0 (a->id, b->id) == 0 && g_strcmp0 (a->record, b->record) == 0 &&
         a->score == b->score && g_strcmp0 (a->comment, b->comment) == 0;
}

/* What the generic functions do for each list; every item starts with its id. */
static const struct
{
  gpointer (*copy)  (gconstpointer item);
  void     (*free)  (gpointer item);
  gboolean (*equal) (gconstpointer a,
                     gconstpointer b);
} item_ops[LINLI_PARTNER_N_LISTS] = {
  { (gpointer) category_copy, (gpointer) category_free, (gpointer) category_equal },
  { (gpointer) unit_copy, (gpointer) unit_free, (gpointer) unit_equal },
  { (gpointer) need_copy, (gpointer) need_free, (gpointer) need_equal },
  { (gpointer) record_copy, (gpointer) record_free, (gpointer) record_equal },
  { (gpointer) evaluation_copy, (gpointer) evaluation_free, (gpointer) evaluation_equal },
};

/**
 * linli_partner_item_copy:
 * @list: which list @item belongs to
 * @item: a #LinliPartnerCategory, #LinliPartnerUnit, #LinliPartnerNeed,
 *   #LinliServiceRecord or #LinliServiceEvaluation as @list says
 *
 * Returns: (transfer full): a deep copy, freed with linli_partner_item_free()
 */
gpointer
linli_partner_item_copy (LinliPartnerList list,
                         gconstpointer    item)
{
  g_return_val_if_fail (list < LINLI_PARTNER_N_LISTS, NULL);
  g_return_val_if_fail (item != NULL, NULL);
  return item_ops[list].copy (item);
}

/**
 * linli_partner_item_free:
 * @list: which list @item belongs to
 * @item: (nullable): an item made by linli_partner_item_copy()
 *
 * Frees @item and everything it holds.
 */
void
linli_partner_item_free (LinliPartnerList list,
                         gpointer         item)
{
  g_return_if_fail (list < LINLI_PARTNER_N_LISTS);
  if (item != NULL)
    item_ops[list].free (item);
}

/**
 * linli_partner_item_equal:
 * @list: which list the items belong to
 * @a: an item
 * @b: another item of the same list
 *
 * Returns: whether every field of @a and @b is the same
 */
gboolean
linli_partner_item_equal (LinliPartnerList list,
                          gconstpointer    a,
                          gconstpointer    b)
{
  g_return_val_if_fail (list < LINLI_PARTNER_N_LISTS, FALSE);
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  return item_ops[list].equal (a, b);
}

/**
 * linli_partner_item_get_id:
 * @list: which list @item belongs to
 * @item: an item
 *
 * Returns: (transfer none): the item's id
 */
const char *
linli_partner_item_get_id (LinliPartnerList list,
                           gconstpointer    item)
{
  g_return_val_if_fail (list < LINLI_PARTNER_N_LISTS, NULL);
  g_return_val_if_fail (item != NULL, NULL);
  /* Every item struct starts with its id. */
  return *(char *const *) item;
}

/* ------------------------------------------------------------------------ */
/* Auxiliary methods                                                         */
/* ------------------------------------------------------------------------ */

static void
emit_changed (LinliPartners *self)
{
  self->serial++;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Ids Linli makes are the prefix and a number; keep the next one past any used. */
static void
note_id (PartnerList *pl,
         const char  *prefix,
         const char  *id)
{
  gsize len = strlen (prefix);
  guint64 n;
  char *end;

  if (strncmp (id, prefix, len) != 0 || !g_ascii_isdigit (id[len]))
    return;
  n = g_ascii_strtoull (id + len, &end, 10);
  if (*end == '\0' && n < G_MAXUINT && n >= pl->next_id)
    pl->next_id = (guint) n + 1;
}

static void
list_clear_items (PartnerList     *pl,
                  LinliPartnerList list)
{
  g_hash_table_remove_all (pl->ids);
  for (guint i = 0; i < pl->items->len; i++)
    item_ops[list].free (g_ptr_array_index (pl->items, i));
  g_ptr_array_set_size (pl->items, 0);
}

static void
add_builtin_categories (LinliPartners *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_categories); i++)
    {
      LinliPartnerCategory c = { (char *) builtin_categories[i].id,
                                 (char *) builtin_categories[i].name, TRUE };
      LinliPartnerCategory *copy = category_copy (&c);

      g_ptr_array_add (self->lists[LINLI_PARTNER_LIST_CATEGORIES].items, copy);
      g_hash_table_insert (self->lists[LINLI_PARTNER_LIST_CATEGORIES].ids, copy->id, copy);
    }
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                         */
/* ------------------------------------------------------------------------ */

static void
linli_partners_finalize (GObject *object)
{
  LinliPartners *self = LINLI_PARTNERS (object);

  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    {
      list_clear_items (&self->lists[l], l);
      g_clear_pointer (&self->lists[l].items, g_ptr_array_unref);
      g_clear_pointer (&self->lists[l].ids, g_hash_table_unref);
    }
  g_clear_pointer (&self->registry, g_free);
  g_clear_pointer (&self->assignment, linli_partner_assignment_free);
  g_clear_pointer (&self->rules, linli_partner_rules_free);
  G_OBJECT_CLASS (linli_partners_parent_class)->finalize (object);
}

static void
linli_partners_class_init (LinliPartnersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = linli_partners_finalize;

  /**
   * LinliPartners::changed:
   *
   * Emitted after any list changed.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
linli_partners_init (LinliPartners *self)
{
  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    {
      self->lists[l].items = g_ptr_array_new ();
      self->lists[l].ids = g_hash_table_new (g_str_hash, g_str_equal);
      self->lists[l].next_id = 1;
    }
  add_builtin_categories (self);
  self->rules = linli_partner_rules_new ();
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

/**
 * linli_partners_new:
 *
 * Returns: (transfer full): lists with the built-in categories and nothing else
 */
LinliPartners *
linli_partners_new (void)
{
  return g_object_new (LINLI_TYPE_PARTNERS, NULL);
}

/**
 * linli_partners_copy_from:
 * @self: the lists to overwrite
 * @source: the lists to copy
 *
 * Makes @self hold copies of everything @source holds, and say the same
 * registry.
 */
void
linli_partners_copy_from (LinliPartners *self,
                          LinliPartners *source)
{
  g_return_if_fail (LINLI_IS_PARTNERS (self));
  g_return_if_fail (LINLI_IS_PARTNERS (source));

  if (self == source)
    return;
  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    {
      PartnerList *to = &self->lists[l], *from = &source->lists[l];

      list_clear_items (to, l);
      for (guint i = 0; i < from->items->len; i++)
        {
          gpointer copy = item_ops[l].copy (g_ptr_array_index (from->items, i));

          g_ptr_array_add (to->items, copy);
          g_hash_table_insert (to->ids, (gpointer) linli_partner_item_get_id (l, copy), copy);
        }
      to->next_id = from->next_id;
    }
  g_free (self->registry);
  self->registry = g_strdup (source->registry);
  g_clear_pointer (&self->assignment, linli_partner_assignment_free);
  if (source->assignment != NULL)
    self->assignment = linli_partner_assignment_copy (source->assignment);
  linli_partner_rules_free (self->rules);
  self->rules = linli_partner_rules_copy (source->rules);
  emit_changed (self);
}

/**
 * linli_partners_is_empty:
 * @self: the partner lists
 *
 * Returns: whether the lists hold nothing but the built-in categories, so
 *   that a file need not have a section for them
 */
gboolean
linli_partners_is_empty (LinliPartners *self)
{
  PartnerList *categories;

  g_return_val_if_fail (LINLI_IS_PARTNERS (self), TRUE);

  if (self->assignment != NULL || !linli_partner_rules_is_default (self->rules))
    return FALSE;
  for (guint l = LINLI_PARTNER_LIST_UNITS; l < LINLI_PARTNER_N_LISTS; l++)
    if (self->lists[l].items->len > 0)
      return FALSE;
  categories = &self->lists[LINLI_PARTNER_LIST_CATEGORIES];
  if (categories->items->len != G_N_ELEMENTS (builtin_categories))
    return FALSE;
  for (guint i = 0; i < categories->items->len; i++)
    {
      const LinliPartnerCategory *c = g_ptr_array_index (categories->items, i);

      if (!c->builtin || g_strcmp0 (c->name, builtin_categories[i].name) != 0)
        return FALSE;
    }
  return TRUE;
}

/**
 * linli_partners_get_serial:
 * @self: the partner lists
 *
 * Returns: a number that grows with every change
 */
guint
linli_partners_get_serial (LinliPartners *self)
{
  g_return_val_if_fail (LINLI_IS_PARTNERS (self), 0);
  return self->serial;
}

/**
 * linli_partners_get_n:
 * @self: the partner lists
 * @list: which list
 *
 * Returns: how many items @list holds
 */
guint
linli_partners_get_n (LinliPartners    *self,
                      LinliPartnerList  list)
{
  g_return_val_if_fail (LINLI_IS_PARTNERS (self), 0);
  g_return_val_if_fail (list < LINLI_PARTNER_N_LISTS, 0);
  return self->lists[list].items->len;
}

/**
 * linli_partners_get:
 * @self: the partner lists
 * @list: which list
 * @position: the item's position in @list
 *
 * Returns: (transfer none): the item, valid until the list changes
 */
gconstpointer
linli_partners_get (LinliPartners    *self,
                    LinliPartnerList  list,
                    guint             position)
{
  g_return_val_if_fail (LINLI_IS_PARTNERS (self), NULL);
  g_return_val_if_fail (list < LINLI_PARTNER_N_LISTS, NULL);
  g_return_val_if_fail (position < self->lists[list].items->len, NULL);
  return g_ptr_array_index (self->lists[list].items, position);
}

/**
 * linli_partners_find:
 * @self: the partner lists
 * @list: which list
 * @id: (nullable): an item's id
 * @position: (out) (optional): where the item is
 *
 * Returns: (transfer none) (nullable): the item with @id, or %NULL
 */
gconstpointer
linli_partners_find (LinliPartners    *self,
                     LinliPartnerList  list,
                     const char       *id,
                     guint            *position)
{
  gpointer item;

  g_return_val_if_fail (LINLI_IS_PARTNERS (self), NULL);
  g_return_val_if_fail (list < LINLI_PARTNER_N_LISTS, NULL);

  item = id != NULL ? g_hash_table_lookup (self->lists[list].ids, id) : NULL;
  if (item != NULL && position != NULL &&
      !g_ptr_array_find (self->lists[list].items, item, position))
    g_assert_not_reached ();
  return item;
}

/**
 * linli_partners_insert:
 * @self: the partner lists
 * @list: which list
 * @position: where to insert; past the end appends
 * @item: the item to insert a copy of; its id must be new to @list
 *
 * Inserts a copy of @item.  References are not checked here: the edits
 * and the file reader keep them whole.
 */
void
linli_partners_insert (LinliPartners    *self,
                       LinliPartnerList  list,
                       guint             position,
                       gconstpointer     item)
{
  PartnerList *pl;
  gpointer copy;
  const char *id;

  g_return_if_fail (LINLI_IS_PARTNERS (self));
  g_return_if_fail (list < LINLI_PARTNER_N_LISTS);
  g_return_if_fail (item != NULL);
  id = linli_partner_item_get_id (list, item);
  g_return_if_fail (id != NULL && id[0] != '\0');
  pl = &self->lists[list];
  g_return_if_fail (!g_hash_table_contains (pl->ids, id));

  copy = item_ops[list].copy (item);
  note_id (pl, id_prefixes[list], id);
  g_hash_table_insert (pl->ids, (gpointer) linli_partner_item_get_id (list, copy), copy);
  g_ptr_array_insert (pl->items, (int) MIN (position, pl->items->len), copy);
  emit_changed (self);
}

/**
 * linli_partners_replace:
 * @self: the partner lists
 * @list: which list
 * @position: the item to replace
 * @item: what it becomes; its id must be the one it has
 *
 * Replaces the item at @position by a copy of @item.
 */
void
linli_partners_replace (LinliPartners    *self,
                        LinliPartnerList  list,
                        guint             position,
                        gconstpointer     item)
{
  PartnerList *pl;
  gpointer old, copy;

  g_return_if_fail (LINLI_IS_PARTNERS (self));
  g_return_if_fail (list < LINLI_PARTNER_N_LISTS);
  g_return_if_fail (item != NULL);
  pl = &self->lists[list];
  g_return_if_fail (position < pl->items->len);
  old = g_ptr_array_index (pl->items, position);
  g_return_if_fail (g_strcmp0 (linli_partner_item_get_id (list, old),
                               linli_partner_item_get_id (list, item)) == 0);


  if (item_ops[list].equal (old, item))
    return;
  copy = item_ops[list].copy (item);
  /* Replace, not insert: the key is the old item's string, freed below. */
  g_hash_table_replace (pl->ids, (gpointer) linli_partner_item_get_id (list, copy), copy);
  pl->items->pdata[position] = copy;
  item_ops[list].free (old);
  emit_changed (self);
}

/**
 * linli_partners_remove:
 * @self: the partner lists
 * @list: which list
 * @position: the item to remove
 *
 * Removes and frees the item at @position.
 */
void
linli_partners_remove (LinliPartners    *self,
                       LinliPartnerList  list,
                       guint             position)
{
  PartnerList *pl;
  gpointer item;

  g_return_if_fail (LINLI_IS_PARTNERS (self));
  g_return_if_fail (list < LINLI_PARTNER_N_LISTS);
  pl = &self->lists[list];
  g_return_if_fail (position < pl->items->len);

  item = g_ptr_array_steal_index (pl->items, position);
  g_hash_table_remove (pl->ids, linli_partner_item_get_id (list, item));
  item_ops[list].free (item);
  emit_changed (self);
}

/**
 * linli_partners_new_id:
 * @self: the partner lists
 * @list: which list
 *
 * Returns: (transfer full): an id no item of @list has ("u12")
 */
char *
linli_partners_new_id (LinliPartners    *self,
                       LinliPartnerList  list)
{
  PartnerList *pl;
  char *id;

  g_return_val_if_fail (LINLI_IS_PARTNERS (self), NULL);
  g_return_val_if_fail (list < LINLI_PARTNER_N_LISTS, NULL);
  pl = &self->lists[list];

  do
    id = g_strdup_printf ("%s%u", id_prefixes[list], pl->next_id++);
  while (g_hash_table_contains (pl->ids, id) && (g_free (id), TRUE));
  return id;
}

/**
 * linli_partners_category_label:
 * @self: the partner lists
 * @id: a category's id
 *
 * Returns: (transfer none): the category's name to show: translated for a
 *   built-in one, as given for a street office's own, the id when there is
 *   no such category
 */
const char *
linli_partners_category_label (LinliPartners *self,
                               const char    *id)
{
  const LinliPartnerCategory *c;

  g_return_val_if_fail (LINLI_IS_PARTNERS (self), NULL);

  c = linli_partners_find (self, LINLI_PARTNER_LIST_CATEGORIES, id, NULL);
  if (c == NULL)
    return id;
  if (c->builtin)
    return _(c->name);
  return c->name != NULL && c->name[0] != '\0' ? c->name : c->id;
}

/**
 * linli_partners_category_in_use:
 * @self: the partner lists
 * @id: a category's id
 *
 * Returns: whether any resource item, need or service record is of category @id
 */
gboolean
linli_partners_category_in_use (LinliPartners *self,
                                const char    *id)
{
  g_return_val_if_fail (LINLI_IS_PARTNERS (self), FALSE);

  for (guint i = 0; i < linli_partners_get_n (self, LINLI_PARTNER_LIST_UNITS); i++)
    {
      const LinliPartnerUnit *u = linli_partners_get_unit (self, i);

      for (guint r = 0; r < u->n_resources; r++)
        if (g_strcmp0 (u->resources[r].category, id) == 0)
          return TRUE;
    }
  for (guint i = 0; i < linli_partners_get_n (self, LINLI_PARTNER_LIST_NEEDS); i++)
    if (g_strcmp0 (linli_partners_get_need (self, i)->category, id) == 0)
      return TRUE;
  for (guint i = 0; i < linli_partners_get_n (self, LINLI_PARTNER_LIST_RECORDS); i++)
    if (g_strcmp0 (linli_partners_get_record (self, i)->category, id) == 0)
      return TRUE;
  return FALSE;
}

/**
 * linli_partners_get_registry:
 * @self: the partner lists
 *
 * Returns: (nullable): the registry the lists are a snapshot of (a path or
 *   a connection string without password), %NULL when they are the plan's
 *   own
 */
const char *
linli_partners_get_registry (LinliPartners *self)
{
  g_return_val_if_fail (LINLI_IS_PARTNERS (self), NULL);

  return self->registry;
}

/**
 * linli_partners_set_registry:
 * @self: the partner lists
 * @registry: (nullable): where they were taken from, without password
 *
 * Records which registry the lists are a snapshot of; the plan keeps it
 * in its file so that it still opens, and says where its lists came from,
 * without the registry.
 */
void
linli_partners_set_registry (LinliPartners *self,
                             const char    *registry)
{
  g_return_if_fail (LINLI_IS_PARTNERS (self));

  if (g_strcmp0 (self->registry, registry) == 0)
    return;
  g_free (self->registry);
  self->registry = g_strdup (registry);
  emit_changed (self);
}

/* ------------------------------------------------------------------------ */
/* The accepted assignment                                                   */
/* ------------------------------------------------------------------------ */

/**
 * linli_partner_assignment_copy:
 * @assignment: an assignment
 *
 * Returns: (transfer full): a deep copy, freed with linli_partner_assignment_free()
 */
LinliPartnerAssignment *
linli_partner_assignment_copy (const LinliPartnerAssignment *assignment)
{
  LinliPartnerAssignment *copy;

  g_return_val_if_fail (assignment != NULL, NULL);

  copy = g_new0 (LinliPartnerAssignment, 1);
  copy->n_pairs = assignment->n_pairs;
  copy->straight_line = assignment->straight_line;
  copy->out_of_date = assignment->out_of_date;
  copy->pairs = g_new0 (LinliPartnerPair, MAX (assignment->n_pairs, 1));
  for (guint i = 0; i < assignment->n_pairs; i++)
    {
      const LinliPartnerPair *from = &assignment->pairs[i];

      copy->pairs[i] = (LinliPartnerPair) { g_strdup (from->unit), g_strdup (from->need),
                                            g_strdup (from->category), from->quantity,
                                            from->distance };
    }
  return copy;
}

/**
 * linli_partner_assignment_free:
 * @assignment: (nullable): an assignment made by linli_partner_assignment_copy()
 *
 * Frees @assignment and its pairs.
 */
void
linli_partner_assignment_free (LinliPartnerAssignment *assignment)
{
  if (assignment == NULL)
    return;
  for (guint i = 0; i < assignment->n_pairs; i++)
    {
      g_free (assignment->pairs[i].unit);
      g_free (assignment->pairs[i].need);
      g_free (assignment->pairs[i].category);
    }
  g_free (assignment->pairs);
  g_free (assignment);
}

/**
 * linli_partner_assignment_equal:
 * @a: (nullable): an assignment
 * @b: (nullable): another
 *
 * Returns: whether both are %NULL or hold the same pairs in the same order
 *   and the same flags
 */
gboolean
linli_partner_assignment_equal (const LinliPartnerAssignment *a,
                                const LinliPartnerAssignment *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->n_pairs != b->n_pairs || a->straight_line != b->straight_line ||
      a->out_of_date != b->out_of_date)
    return FALSE;
  for (guint i = 0; i < a->n_pairs; i++)
    if (g_strcmp0 (a->pairs[i].unit, b->pairs[i].unit) != 0 ||
        g_strcmp0 (a->pairs[i].need, b->pairs[i].need) != 0 ||
        g_strcmp0 (a->pairs[i].category, b->pairs[i].category) != 0 ||
        a->pairs[i].quantity != b->pairs[i].quantity ||
        a->pairs[i].distance != b->pairs[i].distance)
      return FALSE;
  return TRUE;
}

/**
 * linli_partners_get_assignment:
 * @self: the partner lists
 *
 * Returns: (transfer none) (nullable): the accepted assignment, or %NULL
 *   when none was accepted
 */
const LinliPartnerAssignment *
linli_partners_get_assignment (LinliPartners *self)
{
  g_return_val_if_fail (LINLI_IS_PARTNERS (self), NULL);
  return self->assignment;
}

/**
 * linli_partners_set_assignment:
 * @self: the partner lists
 * @assignment: (nullable): the assignment to keep a copy of, or %NULL for none
 *
 * Sets the accepted assignment as it is, flags included.  References are
 * not checked here: the edits and the file reader keep them whole.
 */
void
linli_partners_set_assignment (LinliPartners                *self,
                               const LinliPartnerAssignment *assignment)
{
  g_return_if_fail (LINLI_IS_PARTNERS (self));

  if (linli_partner_assignment_equal (self->assignment, assignment))
    return;
  g_clear_pointer (&self->assignment, linli_partner_assignment_free);
  if (assignment != NULL)
    self->assignment = linli_partner_assignment_copy (assignment);
  emit_changed (self);
}

/* ------------------------------------------------------------------------ */
/* The rules of proposals                                                    */
/* ------------------------------------------------------------------------ */

/**
 * linli_partners_get_rules:
 * @self: the partner lists
 *
 * Returns: (transfer none): the pairs fixed and forbidden and the options
 *   proposals are made with
 */
const LinliPartnerRules *
linli_partners_get_rules (LinliPartners *self)
{
  g_return_val_if_fail (LINLI_IS_PARTNERS (self), NULL);
  return self->rules;
}

/**
 * linli_partners_keep_rules:
 * @self: the partner lists
 * @rules: rules made for other lists of the same plan
 *
 * Sets @rules' options, and those of its pairs whose unit and need @self
 * holds: the rules of proposals are the plan's, so lists taken from a
 * registry keep them where they still apply.
 */
void
linli_partners_keep_rules (LinliPartners           *self,
                           const LinliPartnerRules *rules)
{
  g_autoptr (LinliPartnerRules) kept = NULL;

  g_return_if_fail (LINLI_IS_PARTNERS (self));
  g_return_if_fail (rules != NULL);

  kept = linli_partner_rules_copy (rules);
  for (guint i = kept->n_rules; i-- > 0;)
    {
      g_autofree char *unit = g_strdup (kept->rules[i].unit);
      g_autofree char *need = g_strdup (kept->rules[i].need);

      if (linli_partners_find (self, LINLI_PARTNER_LIST_UNITS, unit, NULL) == NULL ||
          linli_partners_find (self, LINLI_PARTNER_LIST_NEEDS, need, NULL) == NULL)
        linli_partner_rules_release (kept, unit, need);
    }
  linli_partners_set_rules (self, kept);
}

/**
 * linli_partners_set_rules:
 * @self: the partner lists
 * @rules: the rules to keep a copy of
 *
 * Sets the rules as they are.  References are not checked here: the edits
 * and the file reader keep them whole.
 */
void
linli_partners_set_rules (LinliPartners           *self,
                          const LinliPartnerRules *rules)
{
  g_return_if_fail (LINLI_IS_PARTNERS (self));
  g_return_if_fail (rules != NULL);

  if (linli_partner_rules_equal (self->rules, rules))
    return;
  linli_partner_rules_free (self->rules);
  self->rules = linli_partner_rules_copy (rules);
  emit_changed (self);
}
