/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-history"

#include "config.h"

#include "linli-org-edits.h"

#include <glib/gi18n-lib.h>

/* Branches, groups and member households share one kind of snapshot edit:
 * an id, the position in its list and two states, NULL meaning "no such
 * object".  What differs between the three lists is in a small table of
 * operations, so undo simply applies the other snapshot whatever the
 * list.  A secretary edit holds the name before and after.
 */

typedef struct
{
  const char *name;
  gpointer  (*copy)   (gconstpointer state);
  void      (*free)   (gpointer state);
  gpointer  (*find)   (LinliOrg   *org,
                       const char *id,
                       guint      *position);
  gpointer  (*create) (gconstpointer state);
  void      (*insert) (LinliOrg *org,
                       guint     position,
                       gpointer  item);
  void      (*remove) (LinliOrg *org,
                       gpointer  item);
  void      (*apply)  (gpointer      item,
                       gconstpointer state);
} ItemOps;

typedef struct
{
  LinliEdit      parent;
  const ItemOps *ops;
  char          *id;
  guint          position;
  gpointer       before;
  gpointer       after;
} ItemEdit;

typedef struct
{
  LinliEdit parent;
  guint     community;
  char     *secretary[2];   /* before, after */
} SecretaryEdit;

static const ItemOps branch_ops = {
  "branch",
  (gpointer) linli_branch_state_copy,
  (gpointer) linli_branch_state_free,
  (gpointer) linli_org_find_branch,
  (gpointer) linli_branch_new,
  (gpointer) linli_org_insert_branch,
  (gpointer) linli_org_remove_branch,
  (gpointer) linli_branch_apply_state,
};

static const ItemOps group_ops = {
  "party-group",
  (gpointer) linli_party_group_state_copy,
  (gpointer) linli_party_group_state_free,
  (gpointer) linli_org_find_group,
  (gpointer) linli_party_group_new,
  (gpointer) linli_org_insert_group,
  (gpointer) linli_org_remove_group,
  (gpointer) linli_party_group_apply_state,
};

static const ItemOps household_ops = {
  "member-household",
  (gpointer) linli_member_household_state_copy,
  (gpointer) linli_member_household_state_free,
  (gpointer) linli_org_find_household,
  (gpointer) linli_member_household_new,
  (gpointer) linli_org_insert_household,
  (gpointer) linli_org_remove_household,
  (gpointer) linli_member_household_apply_state,
};

/* Item edits */

static void
apply_item_state (LinliProject   *project,
                  const ItemEdit *self,
                  gconstpointer   state)
{
  LinliOrg *org = linli_project_get_org (project);
  gpointer item = self->ops->find (org, self->id, NULL);

  if (state == NULL)
    {
      if (item != NULL)
        self->ops->remove (org, item);
    }
  else if (item == NULL)
    {
      g_autoptr (GObject) created = self->ops->create (state);

      self->ops->insert (org, self->position, created);
    }
  else
    {
      self->ops->apply (item, state);
    }
}

static void
item_apply (LinliEdit    *edit,
            LinliProject *project)
{
  ItemEdit *self = (ItemEdit *) edit;

  apply_item_state (project, self, self->after);
}

static void
item_revert (LinliEdit    *edit,
             LinliProject *project)
{
  ItemEdit *self = (ItemEdit *) edit;

  apply_item_state (project, self, self->before);
}

static void
item_free (LinliEdit *edit)
{
  ItemEdit *self = (ItemEdit *) edit;

  g_free (self->id);
  if (self->before != NULL)
    self->ops->free (self->before);
  if (self->after != NULL)
    self->ops->free (self->after);
}

static const LinliEditClass item_edit_class = {
  .name = "organisation",
  .size = sizeof (ItemEdit),
  .apply = item_apply,
  .revert = item_revert,
  .free = item_free,
};

/* Applies and records a snapshot edit of the object @id. */
static void
push_item_edit (LinliHistory  *history,
                const ItemOps *ops,
                const char    *label,
                const char    *id,
                guint          position,
                gconstpointer  before,
                gconstpointer  after)
{
  ItemEdit *edit = linli_edit_new (&item_edit_class, label);

  edit->ops = ops;
  edit->id = g_strdup (id);
  edit->position = position;
  edit->before = before != NULL ? ops->copy (before) : NULL;
  edit->after = after != NULL ? ops->copy (after) : NULL;
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}

/* Secretary edits */

static void
secretary_apply (LinliEdit    *edit,
                 LinliProject *project)
{
  SecretaryEdit *self = (SecretaryEdit *) edit;

  linli_org_set_secretary (linli_project_get_org (project), self->community, self->secretary[1]);
}

static void
secretary_revert (LinliEdit    *edit,
                  LinliProject *project)
{
  SecretaryEdit *self = (SecretaryEdit *) edit;

  linli_org_set_secretary (linli_project_get_org (project), self->community, self->secretary[0]);
}

static void
secretary_free (LinliEdit *edit)
{
  SecretaryEdit *self = (SecretaryEdit *) edit;

  g_free (self->secretary[0]);
  g_free (self->secretary[1]);
}

static const LinliEditClass secretary_edit_class = {
  .name = "committee",
  .size = sizeof (SecretaryEdit),
  .apply = secretary_apply,
  .revert = secretary_revert,
  .free = secretary_free,
};

/* What refers to a compound or building refers by index: an index past
 * the end is a program's mistake, refused before it is recorded. */
static gboolean
branch_valid (LinliProject           *project,
              const LinliBranchState *state)
{
  return state->kind != LINLI_BRANCH_COMPOUND || state->compound < linli_project_get_n_compounds (project);
}

static gboolean
group_valid (LinliProject               *project,
             const LinliPartyGroupState *state)
{
  guint n = linli_project_get_n_buildings (project);

  for (guint k = 0; k < state->n_buildings; k++)
    if (state->buildings[k] >= n)
      return FALSE;
  return TRUE;
}

static gboolean
household_valid (LinliProject                    *project,
                 const LinliMemberHouseholdState *state)
{
  return state->building < linli_project_get_n_buildings (project);
}

/* Public API */

/**
 * linli_org_edits_set_secretary:
 * @community: index into the project's communities
 * @secretary: (nullable): the name of the committee's secretary, or %NULL
 *
 * Sets who is secretary of the community's party committee, recorded;
 * nothing is recorded when it stays the same.
 */
void
linli_org_edits_set_secretary (LinliHistory *history,
                               guint         community,
                               const char   *secretary)
{
  LinliOrg *org = linli_project_get_org (linli_history_get_project (history));
  const char *before = linli_org_get_secretary (org, community);
  SecretaryEdit *edit;

  if (secretary != NULL && secretary[0] == '\0')
    secretary = NULL;
  if (g_strcmp0 (before, secretary) == 0)
    return;
  edit = linli_edit_new (&secretary_edit_class, _("Change Committee Secretary"));
  edit->community = community;
  edit->secretary[0] = g_strdup (before);
  edit->secretary[1] = g_strdup (secretary);
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}

/**
 * linli_org_edits_add_branch:
 * @state: the new branch; a fresh id is given if its id is %NULL or taken
 *
 * Returns: (transfer none): the branch added
 */
LinliBranch *
linli_org_edits_add_branch (LinliHistory           *history,
                            const LinliBranchState *state)
{
  LinliProject *project = linli_history_get_project (history);
  LinliOrg *org = linli_project_get_org (project);
  g_autoptr (LinliBranchState) copy = NULL;

  g_return_val_if_fail (branch_valid (project, state), NULL);
  copy = linli_branch_state_copy (state);

  /* Ids are unique: a taken one would make this an edit of another branch. */
  if (copy->id == NULL || linli_org_find_branch (org, copy->id, NULL) != NULL)
    {
      g_free (copy->id);
      copy->id = linli_org_new_branch_id (org);
    }
  push_item_edit (history, &branch_ops, _("Add Branch"), copy->id,
                  g_list_model_get_n_items (linli_org_get_branches (org)), NULL, copy);
  return linli_org_find_branch (org, copy->id, NULL);
}

/**
 * linli_org_edits_remove_branch:
 *
 * Removes @branch and, in the same undo step, takes it from every group
 * that named it.
 */
void
linli_org_edits_remove_branch (LinliHistory *history,
                               LinliBranch  *branch)
{
  LinliOrg *org = linli_project_get_org (linli_history_get_project (history));
  GListModel *groups = linli_org_get_groups (org);
  g_autoptr (LinliBranchState) before = linli_branch_state_copy (linli_branch_get_state (branch));
  guint n = g_list_model_get_n_items (groups);
  guint position = 0;

  linli_history_begin_group (history, _("Delete Branch"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LinliPartyGroup) group = g_list_model_get_item (groups, i);

      if (g_strcmp0 (linli_party_group_get_branch (group), before->id) == 0)
        {
          g_autoptr (LinliPartyGroupState) detached =
            linli_party_group_state_copy (linli_party_group_get_state (group));

          g_clear_pointer (&detached->branch, g_free);
          push_item_edit (history, &group_ops, _("Delete Branch"), detached->id, i,
                          linli_party_group_get_state (group), detached);
        }
    }
  linli_org_find_branch (org, before->id, &position);
  push_item_edit (history, &branch_ops, _("Delete Branch"), before->id, position, before, NULL);
  linli_history_end_group (history);
}

/**
 * linli_org_edits_change_branch:
 * @state: the new values; the id is ignored
 *
 * Nothing is recorded if the branch stays the same.
 */
void
linli_org_edits_change_branch (LinliHistory           *history,
                               LinliBranch            *branch,
                               const LinliBranchState *state)
{
  LinliProject *project = linli_history_get_project (history);
  LinliOrg *org = linli_project_get_org (project);
  const LinliBranchState *before = linli_branch_get_state (branch);
  g_autoptr (LinliBranchState) after = NULL;
  guint position = 0;

  g_return_if_fail (branch_valid (project, state));
  after = linli_branch_state_copy (state);

  g_free (after->id);
  after->id = g_strdup (before->id);
  if (linli_branch_state_equal (before, after))
    return;
  linli_org_find_branch (org, before->id, &position);
  push_item_edit (history, &branch_ops, _("Change Branch"), before->id, position, before, after);
}

/**
 * linli_org_edits_add_group:
 * @state: the new group; a fresh id is given if its id is %NULL or taken
 *
 * Returns: (transfer none): the group added
 */
LinliPartyGroup *
linli_org_edits_add_group (LinliHistory               *history,
                           const LinliPartyGroupState *state)
{
  LinliProject *project = linli_history_get_project (history);
  LinliOrg *org = linli_project_get_org (project);
  g_autoptr (LinliPartyGroupState) copy = NULL;

  g_return_val_if_fail (group_valid (project, state), NULL);
  copy = linli_party_group_state_copy (state);

  if (copy->id == NULL || linli_org_find_group (org, copy->id, NULL) != NULL)
    {
      g_free (copy->id);
      copy->id = linli_org_new_group_id (org);
    }
  push_item_edit (history, &group_ops, _("Add Party Group"), copy->id,
                  g_list_model_get_n_items (linli_org_get_groups (org)), NULL, copy);
  return linli_org_find_group (org, copy->id, NULL);
}

void
linli_org_edits_remove_group (LinliHistory    *history,
                              LinliPartyGroup *group)
{
  LinliOrg *org = linli_project_get_org (linli_history_get_project (history));
  g_autoptr (LinliPartyGroupState) before = linli_party_group_state_copy (linli_party_group_get_state (group));
  guint position = 0;

  linli_org_find_group (org, before->id, &position);
  push_item_edit (history, &group_ops, _("Delete Party Group"), before->id, position, before, NULL);
}

/**
 * linli_org_edits_change_group:
 * @state: the new values; the id is ignored
 *
 * Nothing is recorded if the group stays the same.
 */
void
linli_org_edits_change_group (LinliHistory               *history,
                              LinliPartyGroup            *group,
                              const LinliPartyGroupState *state)
{
  LinliProject *project = linli_history_get_project (history);
  LinliOrg *org = linli_project_get_org (project);
  const LinliPartyGroupState *before = linli_party_group_get_state (group);
  g_autoptr (LinliPartyGroupState) after = NULL;
  guint position = 0;

  g_return_if_fail (group_valid (project, state));
  after = linli_party_group_state_copy (state);

  g_free (after->id);
  after->id = g_strdup (before->id);
  if (linli_party_group_state_equal (before, after))
    return;
  linli_org_find_group (org, before->id, &position);
  push_item_edit (history, &group_ops, _("Change Party Group"), before->id, position, before, after);
}

/**
 * linli_org_edits_add_household:
 * @state: the new member household; a fresh id is given if its id is
 *   %NULL or taken
 *
 * Returns: (transfer none): the member household added
 */
LinliMemberHousehold *
linli_org_edits_add_household (LinliHistory                    *history,
                               const LinliMemberHouseholdState *state)
{
  LinliProject *project = linli_history_get_project (history);
  LinliOrg *org = linli_project_get_org (project);
  g_autoptr (LinliMemberHouseholdState) copy = NULL;

  g_return_val_if_fail (household_valid (project, state), NULL);
  copy = linli_member_household_state_copy (state);

  if (copy->id == NULL || linli_org_find_household (org, copy->id, NULL) != NULL)
    {
      g_free (copy->id);
      copy->id = linli_org_new_household_id (org);
    }
  push_item_edit (history, &household_ops, _("Add Member Household"), copy->id,
                  g_list_model_get_n_items (linli_org_get_households (org)), NULL, copy);
  return linli_org_find_household (org, copy->id, NULL);
}

void
linli_org_edits_remove_household (LinliHistory         *history,
                                  LinliMemberHousehold *household)
{
  LinliOrg *org = linli_project_get_org (linli_history_get_project (history));
  g_autoptr (LinliMemberHouseholdState) before =
    linli_member_household_state_copy (linli_member_household_get_state (household));
  guint position = 0;

  linli_org_find_household (org, before->id, &position);
  push_item_edit (history, &household_ops, _("Delete Member Household"), before->id, position, before, NULL);
}

/**
 * linli_org_edits_change_household:
 * @state: the new values; the id is ignored
 *
 * Nothing is recorded if the member household stays the same.
 */
void
linli_org_edits_change_household (LinliHistory                    *history,
                                  LinliMemberHousehold            *household,
                                  const LinliMemberHouseholdState *state)
{
  LinliProject *project = linli_history_get_project (history);
  LinliOrg *org = linli_project_get_org (project);
  const LinliMemberHouseholdState *before = linli_member_household_get_state (household);
  g_autoptr (LinliMemberHouseholdState) after = NULL;
  guint position = 0;

  g_return_if_fail (household_valid (project, state));
  after = linli_member_household_state_copy (state);

  g_free (after->id);
  after->id = g_strdup (before->id);
  if (linli_member_household_state_equal (before, after))
    return;
  linli_org_find_household (org, before->id, &position);
  push_item_edit (history, &household_ops, _("Change Member Household"), before->id, position, before, after);
}
