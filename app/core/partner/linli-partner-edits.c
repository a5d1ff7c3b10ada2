/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-history"

#include "config.h"

#include "linli-partner-edits.h"

#include "linli-grids.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>


/* Every list shares one kind of snapshot edit: the list, the item's id,
 * its position and its value before and after. */

typedef struct
{
  LinliEdit        parent;
  LinliPartnerList list;
  char            *id;
  guint            position;
  gpointer         before;
  gpointer         after;
} ItemEdit;

static LinliPartners *
project_partners (LinliProject *project)
{
  return linli_project_get_partners (project);
}

/* Item edits */

static void
apply_item (LinliProject   *project,
            const ItemEdit *self,
            gconstpointer   value)
{
  LinliPartners *partners = project_partners (project);
  guint position;
  gconstpointer item = linli_partners_find (partners, self->list, self->id, &position);

  if (value == NULL)
    {
      if (item != NULL)
        linli_partners_remove (partners, self->list, position);
    }
  else if (item == NULL)
    linli_partners_insert (partners, self->list, self->position, value);
  else
    linli_partners_replace (partners, self->list, position, value);
}

static void
item_apply (LinliEdit    *edit,
            LinliProject *project)
{
  ItemEdit *self = (ItemEdit *) edit;

  apply_item (project, self, self->after);
}

static void
item_revert (LinliEdit    *edit,
             LinliProject *project)
{
  ItemEdit *self = (ItemEdit *) edit;

  apply_item (project, self, self->before);
}

static void
item_free (LinliEdit *edit)
{
  ItemEdit *self = (ItemEdit *) edit;

  g_free (self->id);
  linli_partner_item_free (self->list, self->before);
  linli_partner_item_free (self->list, self->after);
}

static const LinliEditClass item_edit_class = {
  .name = "partners",
  .size = sizeof (ItemEdit),
  .apply = item_apply,
  .revert = item_revert,
  .free = item_free,
};

static void push_assignment_edit (LinliHistory                 *history,
                                  const char                   *label,
                                  const LinliPartnerAssignment *after);

/* An accepted assignment no longer answers the lists once a unit or a need
 * changed: it stays, marked out of date in the same step, until the office
 * accepts another; undoing the change brings the mark back as it was. */
static void
mark_out_of_date (LinliHistory     *history,
                  LinliPartnerList  list)
{
  LinliPartners *partners = project_partners (linli_history_get_project (history));
  const LinliPartnerAssignment *a = linli_partners_get_assignment (partners);
  g_autoptr (LinliPartnerAssignment) marked = NULL;

  if (a == NULL || a->out_of_date ||
      (list != LINLI_PARTNER_LIST_UNITS && list != LINLI_PARTNER_LIST_NEEDS))
    return;
  marked = linli_partner_assignment_copy (a);
  marked->out_of_date = TRUE;
  push_assignment_edit (history, "", marked);
}

static void
push_item_edit (LinliHistory     *history,
                LinliPartnerList  list,
                const char       *label,
                guint             position,
                gconstpointer     before,
                gconstpointer     after)
{
  ItemEdit *edit = linli_edit_new (&item_edit_class, label);

  linli_history_begin_group (history, label);
  mark_out_of_date (history, list);

  edit->list = list;
  edit->id = g_strdup (linli_partner_item_get_id (list, before != NULL ? before : after));
  edit->position = position;
  edit->before = before != NULL ? linli_partner_item_copy (list, before) : NULL;
  edit->after = after != NULL ? linli_partner_item_copy (list, after) : NULL;
  linli_history_push (history, (LinliEdit *) edit, TRUE);
  linli_history_end_group (history);
}

/* Assignment edits: the accepted assignment before and after, whole. */

typedef struct
{
  LinliEdit               parent;
  LinliPartnerAssignment *before;
  LinliPartnerAssignment *after;
} AssignmentEdit;

static void
assignment_apply (LinliEdit    *edit,
                  LinliProject *project)
{
  linli_partners_set_assignment (project_partners (project), ((AssignmentEdit *) edit)->after);
}

static void
assignment_revert (LinliEdit    *edit,
                   LinliProject *project)
{
  linli_partners_set_assignment (project_partners (project), ((AssignmentEdit *) edit)->before);
}

static void
assignment_free (LinliEdit *edit)
{
  AssignmentEdit *self = (AssignmentEdit *) edit;

  g_clear_pointer (&self->before, linli_partner_assignment_free);
  g_clear_pointer (&self->after, linli_partner_assignment_free);
}

static const LinliEditClass assignment_edit_class = {
  .name = "partner-assignment",
  .size = sizeof (AssignmentEdit),
  .apply = assignment_apply,
  .revert = assignment_revert,
  .free = assignment_free,
};

static void
push_assignment_edit (LinliHistory                 *history,
                      const char                   *label,
                      const LinliPartnerAssignment *after)
{
  LinliPartners *partners = project_partners (linli_history_get_project (history));
  const LinliPartnerAssignment *before = linli_partners_get_assignment (partners);
  AssignmentEdit *edit = linli_edit_new (&assignment_edit_class, label);

  edit->before = before != NULL ? linli_partner_assignment_copy (before) : NULL;
  edit->after = after != NULL ? linli_partner_assignment_copy (after) : NULL;
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}

/* Rules edits: the rules of proposals before and after, whole. */

typedef struct
{
  LinliEdit          parent;
  LinliPartnerRules *before;
  LinliPartnerRules *after;
} RulesEdit;

static void
rules_apply (LinliEdit    *edit,
             LinliProject *project)
{
  linli_partners_set_rules (project_partners (project), ((RulesEdit *) edit)->after);
}

static void
rules_revert (LinliEdit    *edit,
              LinliProject *project)
{
  linli_partners_set_rules (project_partners (project), ((RulesEdit *) edit)->before);
}

static void
rules_free (LinliEdit *edit)
{
  RulesEdit *self = (RulesEdit *) edit;

  g_clear_pointer (&self->before, linli_partner_rules_free);
  g_clear_pointer (&self->after, linli_partner_rules_free);
}

static const LinliEditClass rules_edit_class = {
  .name = "partner-rules",
  .size = sizeof (RulesEdit),
  .apply = rules_apply,
  .revert = rules_revert,
  .free = rules_free,
};

static void
push_rules_edit (LinliHistory            *history,
                 const char              *label,
                 const LinliPartnerRules *after)
{
  LinliPartners *partners = project_partners (linli_history_get_project (history));
  RulesEdit *edit = linli_edit_new (&rules_edit_class, label);

  edit->before = linli_partner_rules_copy (linli_partners_get_rules (partners));
  edit->after = linli_partner_rules_copy (after);
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}

/* Drops the rules of unit or need @id. */
static void
drop_rules_of (LinliHistory     *history,
               LinliPartners    *partners,
               LinliPartnerList  list,
               const char       *id)
{
  g_autoptr (LinliPartnerRules) rules = linli_partner_rules_copy (linli_partners_get_rules (partners));

  if (linli_partner_rules_drop (rules, list == LINLI_PARTNER_LIST_UNITS ? id : NULL,
                                list == LINLI_PARTNER_LIST_NEEDS ? id : NULL) > 0)
    push_rules_edit (history, "", rules);
}

/* Drops the pairs of unit or need @id from the accepted assignment, which
 * is out of date from then on. */
static void
drop_pairs_of (LinliHistory     *history,
               LinliPartners    *partners,
               LinliPartnerList  list,
               const char       *id)
{
  const LinliPartnerAssignment *a = linli_partners_get_assignment (partners);
  g_autoptr (LinliPartnerAssignment) thinned = NULL;
  guint kept = 0;

  if (a == NULL)
    return;
  thinned = linli_partner_assignment_copy (a);
  for (guint i = 0; i < thinned->n_pairs; i++)
    {
      LinliPartnerPair *pair = &thinned->pairs[i];
      const char *ref = list == LINLI_PARTNER_LIST_UNITS ? pair->unit : pair->need;

      if (g_strcmp0 (ref, id) == 0)
        {
          g_free (pair->unit);
          g_free (pair->need);
          g_free (pair->category);
          continue;
        }
      thinned->pairs[kept++] = *pair;
    }
  if (kept == thinned->n_pairs)
    return;
  thinned->n_pairs = kept;
  thinned->out_of_date = TRUE;
  push_assignment_edit (history, "", thinned);
}

/* The labels of the Undo menu, per list. */
static const char *
label_for (LinliPartnerList list,
           guint            action)
{
  static const char *const labels[LINLI_PARTNER_N_LISTS][3] = {
    { N_("Add Category"), N_("Change Category"), N_("Remove Category") },
    { N_("Add Partner Unit"), N_("Change Partner Unit"), N_("Remove Partner Unit") },
    { N_("Add Need"), N_("Change Need"), N_("Remove Need") },
    { N_("Add Service Record"), N_("Change Service Record"), N_("Remove Service Record") },
    { N_("Add Evaluation"), N_("Change Evaluation"), N_("Remove Evaluation") },
  };

  return _(labels[list][action]);
}

/* Removes the evaluations of record @record_id. */
static void
remove_evaluations_of (LinliHistory  *history,
                       LinliPartners *partners,
                       const char    *record_id)
{
  for (guint i = linli_partners_get_n (partners, LINLI_PARTNER_LIST_EVALUATIONS); i-- > 0;)
    {
      const LinliServiceEvaluation *e = linli_partners_get_evaluation (partners, i);

      if (g_strcmp0 (e->record, record_id) == 0)
        push_item_edit (history, LINLI_PARTNER_LIST_EVALUATIONS, "", i, e, NULL);
    }
}

/* What the file reader refuses is refused here too, so that no edit makes
 * a project that saves into a file the loader would not read back: every
 * reference resolves, numbers are finite and within the format's ranges,
 * dates are real days. */
static gboolean
place_exists (LinliProject          *project,
              LinliPartnerPlaceKind  kind,
              const char            *place)
{
  switch (kind)
    {
    case LINLI_PARTNER_PLACE_COMMUNITY:
      return linli_project_find_community (project, place) >= 0;
    case LINLI_PARTNER_PLACE_COMPOUND:
      return linli_project_find_compound (project, place) >= 0;
    case LINLI_PARTNER_PLACE_GRID:
      return linli_grids_find (linli_project_get_grids (project), place, NULL) != NULL;
    default:
      return FALSE;
    }
}

static gboolean
quantity_valid (double value,
                double max)
{
  return isfinite (value) && value >= 0 && value <= max;
}

static gboolean
item_valid (LinliProject     *project,
            LinliPartnerList  list,
            gconstpointer     item)
{
  LinliPartners *partners = project_partners (project);
  const LinliPartnerList categories = LINLI_PARTNER_LIST_CATEGORIES;

  switch (list)
    {
    case LINLI_PARTNER_LIST_CATEGORIES:
      return TRUE;
    case LINLI_PARTNER_LIST_UNITS:
      {
        const LinliPartnerUnit *u = item;

        if (u->type >= LINLI_PARTNER_UNIT_N_TYPES ||
            (u->has_position && !linli_lat_lon_is_valid (u->lat, u->lon)))
          return FALSE;
        for (guint r = 0; r < u->n_resources; r++)
          if (linli_partners_find (partners, categories, u->resources[r].category, NULL) == NULL ||
              !quantity_valid (u->resources[r].quantity, 1e9) ||
              !quantity_valid (u->resources[r].capacity, 1e9) ||
              u->resources[r].period > LINLI_PARTNER_PERIOD_YEAR)
            return FALSE;
        return TRUE;
      }
    case LINLI_PARTNER_LIST_NEEDS:
      {
        const LinliPartnerNeed *n = item;

        return place_exists (project, n->place_kind, n->place) &&
               linli_partners_find (partners, categories, n->category, NULL) != NULL &&
               quantity_valid (n->quantity, 1e9) && n->priority >= 1 &&
               n->priority <= LINLI_PARTNER_MAX_PRIORITY && n->period <= LINLI_PARTNER_PERIOD_YEAR;
      }
    case LINLI_PARTNER_LIST_RECORDS:
      {
        const LinliServiceRecord *s = item;

        return linli_partners_find (partners, LINLI_PARTNER_LIST_UNITS, s->unit, NULL) != NULL &&
               (s->need == NULL ||
                linli_partners_find (partners, LINLI_PARTNER_LIST_NEEDS, s->need, NULL) != NULL) &&
               place_exists (project, s->place_kind, s->place) &&
               linli_partners_find (partners, categories, s->category, NULL) != NULL &&
               linli_partner_date_is_valid (s->date) && quantity_valid (s->hours, 1e6);
      }
    case LINLI_PARTNER_LIST_EVALUATIONS:
      {
        const LinliServiceEvaluation *e = item;

        return linli_partners_find (partners, LINLI_PARTNER_LIST_RECORDS, e->record, NULL) &&
               e->score >= 1 && e->score <= LINLI_PARTNER_MAX_SCORE;

      }
    default:
      return FALSE;
    }
}

/* Public API */

/**
 * linli_partner_edits_add:
 * @history: the project's history
 * @list: which list
 * @item: the item to add; a fresh id is given when its id is %NULL or taken
 *
 * Adds a copy of @item at the end of @list, recorded.  A built-in
 * category cannot be added (the flag is cleared).
 *
 * Returns: (transfer full) (nullable): the id of the item added, or %NULL
 *   when it refers to something that does not exist or has a number or
 *   date the file would refuse
 */
char *
linli_partner_edits_add (LinliHistory     *history,
                         LinliPartnerList  list,
                         gconstpointer     item)
{
  LinliPartners *partners = project_partners (linli_history_get_project (history));
  gpointer copy;
  char **id;
  char *result;

  g_return_val_if_fail (LINLI_IS_HISTORY (history), NULL);
  g_return_val_if_fail (list < LINLI_PARTNER_N_LISTS, NULL);
  g_return_val_if_fail (item != NULL, NULL);

  if (!item_valid (linli_history_get_project (history), list, item))
    return NULL;
  copy = linli_partner_item_copy (list, item);
  /* Every item starts with its id. */
  id = (char **) copy;
  if (*id == NULL || (*id)[0] == '\0' || linli_partners_find (partners, list, *id, NULL) != NULL)
    {
      g_free (*id);
      *id = linli_partners_new_id (partners, list);
    }
  if (list == LINLI_PARTNER_LIST_CATEGORIES)
    ((LinliPartnerCategory *) copy)->builtin = FALSE;
  push_item_edit (history, list, label_for (list, 0), linli_partners_get_n (partners, list), NULL,
                  copy);
  result = g_strdup (*id);
  linli_partner_item_free (list, copy);
  return result;
}

/**
 * linli_partner_edits_change:
 * @history: the project's history
 * @list: which list
 * @item: what the item with @item's id becomes
 *
 * Changes an item, recorded; nothing is recorded when it stays the same.
 *
 * Returns: %FALSE when there is no such item, it is a built-in category, or
 *   the change would make it refer to something that does not exist or
 *   hold a number or date the file would refuse
 */
gboolean
linli_partner_edits_change (LinliHistory     *history,
                            LinliPartnerList  list,
                            gconstpointer     item)
{
  LinliPartners *partners = project_partners (linli_history_get_project (history));
  gconstpointer before;
  guint position;

  g_return_val_if_fail (LINLI_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (list < LINLI_PARTNER_N_LISTS, FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  before = linli_partners_find (partners, list, linli_partner_item_get_id (list, item), &position);
  if (before == NULL)
    return FALSE;
  if (list == LINLI_PARTNER_LIST_CATEGORIES &&
      (((const LinliPartnerCategory *) before)->builtin ||
       ((const LinliPartnerCategory *) item)->builtin))
    return FALSE;
  if (!item_valid (linli_history_get_project (history), list, item))
    return FALSE;

  if (linli_partner_item_equal (list, before, item))
    return TRUE;
  push_item_edit (history, list, label_for (list, 1), position, before, item);
  return TRUE;
}

/**
 * linli_partner_edits_remove:
 * @history: the project's history
 * @list: which list
 * @id: the item's id
 *
 * Removes an item and what depends on it as one step, recorded.
 *
 * Returns: %FALSE when there is no such item, or it is a category that is
 *   built in or in use
 */
gboolean
linli_partner_edits_remove (LinliHistory     *history,
                            LinliPartnerList  list,
                            const char       *id)
{
  LinliPartners *partners = project_partners (linli_history_get_project (history));
  gconstpointer item;
  guint position;

  g_return_val_if_fail (LINLI_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (list < LINLI_PARTNER_N_LISTS, FALSE);

  item = linli_partners_find (partners, list, id, &position);
  if (item == NULL)
    return FALSE;
  if (list == LINLI_PARTNER_LIST_CATEGORIES &&
      (((const LinliPartnerCategory *) item)->builtin ||
       linli_partners_category_in_use (partners, id)))

    return FALSE;

  linli_history_begin_group (history, label_for (list, 2));
  if (list == LINLI_PARTNER_LIST_UNITS || list == LINLI_PARTNER_LIST_NEEDS)
    for (guint i = linli_partners_get_n (partners, LINLI_PARTNER_LIST_RECORDS); i-- > 0;)
      {
        const LinliServiceRecord *r = linli_partners_get_record (partners, i);

        if (list == LINLI_PARTNER_LIST_UNITS && g_strcmp0 (r->unit, id) == 0)
          {
            remove_evaluations_of (history, partners, r->id);
            push_item_edit (history, LINLI_PARTNER_LIST_RECORDS, "", i, r, NULL);
          }
        else if (list == LINLI_PARTNER_LIST_NEEDS && g_strcmp0 (r->need, id) == 0)
          {
            LinliServiceRecord *changed = linli_partner_item_copy (LINLI_PARTNER_LIST_RECORDS, r);

            g_clear_pointer (&changed->need, g_free);
            push_item_edit (history, LINLI_PARTNER_LIST_RECORDS, "", i, r, changed);
            linli_partner_item_free (LINLI_PARTNER_LIST_RECORDS, changed);
          }
      }
  if (list == LINLI_PARTNER_LIST_RECORDS)
    remove_evaluations_of (history, partners, id);
  if (list == LINLI_PARTNER_LIST_UNITS || list == LINLI_PARTNER_LIST_NEEDS)
    {
      drop_pairs_of (history, partners, list, id);
      drop_rules_of (history, partners, list, id);
    }

  /* Positions may have moved with the removals above. */
  item = linli_partners_find (partners, list, id, &position);
  push_item_edit (history, list, label_for (list, 2), position, item, NULL);
  linli_history_end_group (history);
  return TRUE;
}

/* Whether every pair refers to a unit, a need and a category that exist,
 * with numbers the file would read back. */
static gboolean
assignment_valid (LinliPartners                *partners,
                  const LinliPartnerAssignment *assignment)
{
  for (guint i = 0; i < assignment->n_pairs; i++)
    {
      const LinliPartnerPair *pair = &assignment->pairs[i];

      if (linli_partners_find (partners, LINLI_PARTNER_LIST_UNITS, pair->unit, NULL) == NULL ||
          linli_partners_find (partners, LINLI_PARTNER_LIST_NEEDS, pair->need, NULL) == NULL ||
          linli_partners_find (partners, LINLI_PARTNER_LIST_CATEGORIES, pair->category, NULL) ==
            NULL ||
          !quantity_valid (pair->quantity, 1e9) || !quantity_valid (pair->distance, 1e8))
        return FALSE;
    }
  return TRUE;
}

/**
 * linli_partner_edits_set_assignment:
 * @history: the project's history
 * @assignment: (nullable): the assignment to accept, or %NULL to clear it
 *
 * Accepts @assignment (it is stored as up to date, whatever its flag says)
 * or clears the accepted one, recorded as one step; nothing is recorded
 * when it stays the same.
 *
 * Returns: %FALSE when a pair refers to a unit, need or category that does
 *   not exist or holds a number the file would refuse
 */
gboolean
linli_partner_edits_set_assignment (LinliHistory                 *history,
                                    const LinliPartnerAssignment *assignment)
{
  LinliPartners *partners;
  g_autoptr (LinliPartnerAssignment) accepted = NULL;

  g_return_val_if_fail (LINLI_IS_HISTORY (history), FALSE);

  partners = project_partners (linli_history_get_project (history));
  if (assignment != NULL)
    {
      if (!assignment_valid (partners, assignment))
        return FALSE;
      accepted = linli_partner_assignment_copy (assignment);
      accepted->out_of_date = FALSE;
    }
  if (linli_partner_assignment_equal (linli_partners_get_assignment (partners), accepted))
    return TRUE;
  push_assignment_edit (history, accepted != NULL ? _("Accept Assignment") : _("Clear Assignment"),
                        accepted);
  return TRUE;
}

/**
 * linli_partner_edits_remove_pair:
 * @history: the project's history
 * @index: the pair's index in the accepted assignment
 *
 * Removes one pair from the accepted assignment, recorded.  The rest stays
 * as accepted, and up to date if it was.
 *
 * Returns: %FALSE when there is no accepted assignment or no such pair
 */
gboolean
linli_partner_edits_remove_pair (LinliHistory *history,
                                 guint         index)
{
  const LinliPartnerAssignment *a;
  g_autoptr (LinliPartnerAssignment) thinned = NULL;
  LinliPartnerPair removed;

  g_return_val_if_fail (LINLI_IS_HISTORY (history), FALSE);

  a = linli_partners_get_assignment (project_partners (linli_history_get_project (history)));
  if (a == NULL || index >= a->n_pairs)
    return FALSE;
  thinned = linli_partner_assignment_copy (a);
  removed = thinned->pairs[index];
  memmove (&thinned->pairs[index], &thinned->pairs[index + 1],
           (thinned->n_pairs - index - 1) * sizeof (LinliPartnerPair));
  thinned->n_pairs--;
  g_free (removed.unit);
  g_free (removed.need);
  g_free (removed.category);
  push_assignment_edit (history, _("Remove Assigned Pair"), thinned);
  return TRUE;
}

/* All the lists at once */

typedef struct
{
  LinliEdit      parent;
  LinliPartners *before;
  LinliPartners *after;
} ListsEdit;

static void
lists_apply (LinliEdit    *edit,
             LinliProject *project)
{
  linli_partners_copy_from (project_partners (project), ((ListsEdit *) edit)->after);
}

static void
lists_revert (LinliEdit    *edit,
              LinliProject *project)
{
  linli_partners_copy_from (project_partners (project), ((ListsEdit *) edit)->before);
}

static void
lists_free (LinliEdit *edit)
{
  ListsEdit *self = (ListsEdit *) edit;

  g_clear_object (&self->before);
  g_clear_object (&self->after);
}

static const LinliEditClass lists_edit_class = {
  .name = "partner-lists",
  .size = sizeof (ListsEdit),
  .apply = lists_apply,
  .revert = lists_revert,
  .free = lists_free,
};

/**
 * linli_partner_edits_replace_all:
 * @history: the project's history
 * @source: the lists to take, e.g. as a registry holds them
 * @label: what the step is called in the Undo menu
 *
 * Makes the project's partner lists copies of @source's (categories, the
 * four lists, the registry they name, the rules of proposals and the
 * accepted assignment), recorded as one step.
 */
void
linli_partner_edits_replace_all (LinliHistory  *history,
                                 LinliPartners *source,
                                 const char    *label)
{
  LinliPartners *partners;
  ListsEdit *edit;

  g_return_if_fail (LINLI_IS_HISTORY (history));
  g_return_if_fail (LINLI_IS_PARTNERS (source));

  partners = project_partners (linli_history_get_project (history));
  if (partners == source)
    return;
  edit = linli_edit_new (&lists_edit_class, label);
  edit->before = linli_partners_new ();
  linli_partners_copy_from (edit->before, partners);
  edit->after = linli_partners_new ();
  linli_partners_copy_from (edit->after, source);
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}

/* Whether every rule refers to a unit and a need that exist, once, and the
 * options are within what the file reads back. */
static gboolean
rules_valid (LinliPartners           *partners,
             const LinliPartnerRules *rules)
{
  if (!quantity_valid (rules->max_distance, LINLI_PARTNER_RULES_MAX_DISTANCE) ||
      !quantity_valid (rules->community_minimum, 1e9) || !(rules->community_minimum > 0) ||
      rules->n_rules > LINLI_PARTNER_RULES_MAX_RULES)
    return FALSE;
  for (guint i = 0; i < rules->n_rules; i++)
    {
      const LinliPartnerRule *rule = &rules->rules[i];

      if (linli_partners_find (partners, LINLI_PARTNER_LIST_UNITS, rule->unit, NULL) == NULL ||
          linli_partners_find (partners, LINLI_PARTNER_LIST_NEEDS, rule->need, NULL) == NULL ||
          rule->kind > LINLI_PARTNER_RULE_FORBIDDEN ||
          linli_partner_rules_find (rules, rule->unit, rule->need) != (int) i)
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_rules (LinliHistory            *history,
           const char              *label,
           const LinliPartnerRules *rules)
{
  LinliPartners *partners = project_partners (linli_history_get_project (history));

  if (!rules_valid (partners, rules))
    return FALSE;
  if (linli_partner_rules_equal (linli_partners_get_rules (partners), rules))
    return TRUE;
  push_rules_edit (history, label, rules);
  return TRUE;
}

/**
 * linli_partner_edits_set_rules:
 * @history: the project's history
 * @rules: the pairs fixed and forbidden and the options to propose with
 *
 * Sets the rules of proposals, recorded as one step; nothing is recorded
 * when they stay the same.
 *
 * Returns: %FALSE when a rule refers to a unit or need that does not
 *   exist, a pair has two rules, or an option is out of the file's ranges
 */
gboolean
linli_partner_edits_set_rules (LinliHistory            *history,
                               const LinliPartnerRules *rules)
{
  g_return_val_if_fail (LINLI_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);

  return set_rules (history, _("Change Proposal Options"), rules);
}

/**
 * linli_partner_edits_set_pair_rule:
 * @history: the project's history
 * @unit: a unit's id
 * @need: a need's id
 * @kind: always or never
 *
 * Makes proposals always pair @unit with @need (it serves the need first,
 * as much as it can, at any distance) or never, recorded.
 *
 * Returns: %FALSE when there is no such unit or need
 */
gboolean
linli_partner_edits_set_pair_rule (LinliHistory         *history,
                                   const char           *unit,
                                   const char           *need,
                                   LinliPartnerRuleKind  kind)
{
  LinliPartners *partners;
  g_autoptr (LinliPartnerRules) rules = NULL;

  g_return_val_if_fail (LINLI_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (kind <= LINLI_PARTNER_RULE_FORBIDDEN, FALSE);

  if (unit == NULL || need == NULL)
    return FALSE;
  partners = project_partners (linli_history_get_project (history));
  rules = linli_partner_rules_copy (linli_partners_get_rules (partners));
  linli_partner_rules_set (rules, unit, need, kind);
  return set_rules (history, kind == LINLI_PARTNER_RULE_FIXED ? _("Always Pair") : _("Never Pair"),
                    rules);
}

/**
 * linli_partner_edits_release_pair:
 * @history: the project's history
 * @unit: a unit's id
 * @need: a need's id
 *
 * Removes the rule of @unit and @need, recorded: proposals pair them as
 * they find best again.
 *
 * Returns: %FALSE when the pair has no rule
 */
gboolean
linli_partner_edits_release_pair (LinliHistory *history,
                                  const char   *unit,
                                  const char   *need)
{
  LinliPartners *partners;
  g_autoptr (LinliPartnerRules) rules = NULL;

  g_return_val_if_fail (LINLI_IS_HISTORY (history), FALSE);

  partners = project_partners (linli_history_get_project (history));
  rules = linli_partner_rules_copy (linli_partners_get_rules (partners));
  if (!linli_partner_rules_release (rules, unit, need))
    return FALSE;
  push_rules_edit (history, _("Release Pair"), rules);
  return TRUE;
}
