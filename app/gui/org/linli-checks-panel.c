/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-checks-panel"

#include "config.h"

#include "linli-checks-panel.h"

#include <glib/gi18n-lib.h>

/* The checks page: what the document's checks found (the organisation
 * chain's holes and the grids'), filterable by rule with counts, each
 * finding taking the map to its place when activated; and the chain's
 * figures per community and for the district.  It follows the document's
 * ::checks-changed and keeps nothing of its own: rows point into the
 * document's list of violations, which they hold on to. */

/* A row: one violation of a list the row keeps alive. */
#define LINLI_TYPE_CHECKS_ROW (linli_checks_row_get_type ())
G_DECLARE_FINAL_TYPE (LinliChecksRow, linli_checks_row, LINLI, CHECKS_ROW, GObject)

struct _LinliChecksRow
{
  GObject    parent_instance;
  GPtrArray *violations;
  guint      index;
};

G_DEFINE_FINAL_TYPE (LinliChecksRow, linli_checks_row, G_TYPE_OBJECT)

static void
linli_checks_row_finalize (GObject *object)
{
  g_clear_pointer (&LINLI_CHECKS_ROW (object)->violations, g_ptr_array_unref);
  G_OBJECT_CLASS (linli_checks_row_parent_class)->finalize (object);
}

static void
linli_checks_row_class_init (LinliChecksRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = linli_checks_row_finalize;
}

static void
linli_checks_row_init (LinliChecksRow *self)
{
}

static const LinliViolation *
row_violation (LinliChecksRow *row)
{
  return row->violations->pdata[row->index];
}

struct _LinliChecksPanel
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkGrid            *figures_grid;
  GtkDropDown        *rule_dropdown;
  GtkListView        *list_view;

  LinliDocument      *document;
  GListStore         *rows;          /* LinliChecksRow */
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GPtrArray          *rules;         /* the dropdown's rules after "all"; static strings */
  const char         *rule;          /* shown, or NULL for all */
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (LinliChecksPanel, linli_checks_panel, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SHOW_LOCATION,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* Auxiliary methods */

/**
 * linli_checks_rule_get_label:
 * @rule: a rule name, as a #LinliViolation has it
 *
 * Returns: what the rule asks, in the user's language; @rule itself for a
 *   rule this list does not know
 */
const char *
linli_checks_rule_get_label (const char *rule)
{
  static const struct { const char *rule; const char *label; } labels[] = {
    { "building-no-member", N_("Buildings with no party member") },
    { "building-members-unknown", N_("Buildings with party members unknown") },
    { "building-no-group", N_("Buildings with members in no group") },
    { "compound-no-branch", N_("Compounds with no branch") },
    { "grid-no-branch", N_("Grids with no branch") },
    { "grid-no-worker", N_("Grids with no worker") },
    { "group-no-leader", N_("Groups with no leader") },
    { "group-no-household", N_("Groups with no plaque household") },
    { "dangling-reference", N_("References to something missing") },
    { "building-no-grid", N_("Buildings in no grid") },
    { "building-in-two-grids", N_("Buildings in two grids") },
    { "grid-overlap", N_("Overlapping grids") },
    { "grid-out-of-range", N_("Grids outside the household range") },
    { "grid-not-contiguous", N_("Grids in pieces") },
    { "grid-outside-community", N_("Grids outside their community") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (rule, labels[i].rule) == 0)
      return _(labels[i].label);
  return rule;
}

static GtkWidget *
figure_label (const char *text,
              gboolean    numeric,
              gboolean    bold)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (bold)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
add_figures_row (LinliChecksPanel      *self,
                 int                    row,
                 const char            *name,
                 const LinliOrgFigures *f,
                 gboolean               bold)
{
  double shares[3] = {
    linli_org_figures_share (f->compounds_with_branch, f->compounds),
    linli_org_figures_share (f->buildings_with_group, f->buildings),
    linli_org_figures_member_share (f),
  };
  GtkWidget *label = figure_label (name, FALSE, bold);

  gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (self->figures_grid, label, 0, row, 1, 1);
  for (guint k = 0; k < 3; k++)
    {
      /* Translators: a share in the organisation figures, e.g. "85 %" */
      g_autofree char *text = g_strdup_printf (_("%.0f %%"), 100 * shares[k]);

      /* The share with a member is over the buildings whose members are
       * known; how many are not stands beside it. */
      if (k == 2 && f->buildings_members_unknown > 0)
        {
          guint unknown = f->buildings_members_unknown;
          char *known = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u unknown)",
                                                      "%s (%u unknown)", unknown),
                                         text, unknown);

          g_free (text);
          text = known;
        }

      gtk_grid_attach (self->figures_grid, figure_label (text, TRUE, bold), k + 1, row, 1, 1);
    }
}

static void
update_figures (LinliChecksPanel *self)
{
  GtkWidget *child;
  const LinliOrgCheck *check;
  LinliProject *project;
  const char *heads[] = { N_("Compounds with a branch"), N_("Buildings with a group"),
                          N_("Buildings with a member") };

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_grid))) != NULL)
    gtk_grid_remove (self->figures_grid, child);
  if (self->document == NULL)
    return;
  project = linli_document_get_project (self->document);
  check = linli_document_get_org_check (self->document);
  for (guint k = 0; k < 3; k++)
    {
      GtkWidget *head = gtk_label_new (_(heads[k]));

      gtk_label_set_wrap (GTK_LABEL (head), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (head), 9);
      gtk_label_set_justify (GTK_LABEL (head), GTK_JUSTIFY_RIGHT);
      gtk_label_set_xalign (GTK_LABEL (head), 1);
      gtk_widget_add_css_class (head, "caption");
      gtk_widget_add_css_class (head, "dim-label");
      gtk_grid_attach (self->figures_grid, head, k + 1, 0, 1, 1);
    }
  add_figures_row (self, 1, _("District"), &check->district, TRUE);
  for (guint c = 0; c < check->n_communities && c < linli_project_get_n_communities (project); c++)
    add_figures_row (self, c + 2, linli_project_get_community (project, c)->name, &check->communities[c], FALSE);
}

/* Fills the rule chooser with the rules that found something, each with
 * its count, keeping the rule shown if it still finds something. */
static void
update_rules (LinliChecksPanel *self,
              GPtrArray        *violations)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *all = NULL;
  guint selected = 0;

  g_ptr_array_set_size (self->rules, 0);
  for (guint i = 0; violations != NULL && i < violations->len; i++)
    {
      const LinliViolation *v = violations->pdata[i];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, v->rule));

      if (n == 0)
        g_ptr_array_add (self->rules, (gpointer) v->rule);
      g_hash_table_insert (counts, (gpointer) v->rule, GUINT_TO_POINTER (n + 1));
    }
  all = g_strdup_printf (_("All findings (%u)"), violations != NULL ? violations->len : 0);
  gtk_string_list_append (labels, all);
  for (guint r = 0; r < self->rules->len; r++)
    {
      const char *rule = self->rules->pdata[r];
      /* Translators: a rule of the checks and how many findings it has */
      g_autofree char *text = g_strdup_printf (_("%s (%u)"), linli_checks_rule_get_label (rule),
                                               GPOINTER_TO_UINT (g_hash_table_lookup (counts, rule)));

      gtk_string_list_append (labels, text);
      if (g_strcmp0 (rule, self->rule) == 0)
        selected = r + 1;
    }
  if (selected == 0)
    self->rule = NULL;
  self->updating = TRUE;
  gtk_drop_down_set_model (self->rule_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->rule_dropdown, selected);
  self->updating = FALSE;
}

/* Callbacks */

static void
on_checks_changed_cb (LinliChecksPanel *self)
{
  GPtrArray *violations = self->document != NULL ? linli_document_get_violations (self->document) : NULL;
  guint n = violations != NULL ? violations->len : 0;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      LinliChecksRow *row = g_object_new (LINLI_TYPE_CHECKS_ROW, NULL);

      row->violations = g_ptr_array_ref (violations);
      row->index = i;
      g_ptr_array_add (rows, row);
    }
  update_rules (self, violations);
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), rows->pdata, rows->len);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_figures (self);
}

static void
on_rule_changed_cb (LinliChecksPanel *self)
{
  guint selected = gtk_drop_down_get_selected (self->rule_dropdown);

  if (self->updating)
    return;
  self->rule = selected > 0 && selected <= self->rules->len ? self->rules->pdata[selected - 1] : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  LinliChecksPanel *self = user_data;

  return self->rule == NULL || g_strcmp0 (row_violation (item)->rule, self->rule) == 0;
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              LinliChecksPanel         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             LinliChecksPanel         *self)
{
  const LinliViolation *v = row_violation (gtk_list_item_get_item (list_item));
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), v->severity == LINLI_SEVERITY_ERROR
                                                  ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_set_tooltip_text (icon, linli_severity_get_label (v->severity));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (icon)), v->message);
}

static void
on_activate_cb (LinliChecksPanel *self,
                guint             position)
{
  linli_checks_panel_activate (self, position);
}

/* GObject overrides */

static void
linli_checks_panel_dispose (GObject *object)
{
  LinliChecksPanel *self = LINLI_CHECKS_PANEL (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_CHECKS_PANEL);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  G_OBJECT_CLASS (linli_checks_panel_parent_class)->dispose (object);
}

static void
linli_checks_panel_class_init (LinliChecksPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_checks_panel_dispose;

  /**
   * LinliChecksPanel::show-location:
   * @lat: where the finding lies
   * @lon:
   * @building: the building it concerns, or -1
   *
   * A finding was activated: the map should show it.
   */
  signals[SIGNAL_SHOW_LOCATION] = g_signal_new ("show-location", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                                G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-checks-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliChecksPanel, box);
  gtk_widget_class_bind_template_child (widget_class, LinliChecksPanel, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, LinliChecksPanel, rule_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LinliChecksPanel, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
linli_checks_panel_init (LinliChecksPanel *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rules = g_ptr_array_new ();
  self->rows = g_list_store_new (LINLI_TYPE_CHECKS_ROW);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                                  GTK_FILTER (self->filter));
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)))));
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rule_dropdown, "notify::selected", G_CALLBACK (on_rule_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_rules (self, NULL);
}

/* Public API */

LinliChecksPanel *
linli_checks_panel_new (void)
{
  return g_object_new (LINLI_TYPE_CHECKS_PANEL, NULL);
}

/**
 * linli_checks_panel_set_document:
 * @document: (nullable): the document whose checks to show
 */
void
linli_checks_panel_set_document (LinliChecksPanel *self,
                                 LinliDocument    *document)
{
  g_return_if_fail (LINLI_IS_CHECKS_PANEL (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  self->rule = NULL;
  if (document != NULL)
    g_signal_connect_object (document, "checks-changed", G_CALLBACK (on_checks_changed_cb), self,
                             G_CONNECT_SWAPPED);
  on_checks_changed_cb (self);
}

/**
 * linli_checks_panel_get_rows:
 *
 * Returns: (transfer none): the findings shown, after the rule filter
 */
GListModel *
linli_checks_panel_get_rows (LinliChecksPanel *self)
{
  g_return_val_if_fail (LINLI_IS_CHECKS_PANEL (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}

/**
 * linli_checks_panel_get_violation:
 * @position: a row of linli_checks_panel_get_rows()
 *
 * Returns: (transfer none) (nullable): the finding the row shows
 */
const LinliViolation *
linli_checks_panel_get_violation (LinliChecksPanel *self,
                                  guint             position)
{
  g_autoptr (LinliChecksRow) row = NULL;

  g_return_val_if_fail (LINLI_IS_CHECKS_PANEL (self), NULL);

  row = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  return row != NULL ? row_violation (row) : NULL;
}

/**
 * linli_checks_panel_set_rule:
 * @rule: (nullable): show only this rule's findings; %NULL for all
 */
void
linli_checks_panel_set_rule (LinliChecksPanel *self,
                             const char       *rule)
{
  g_return_if_fail (LINLI_IS_CHECKS_PANEL (self));

  for (guint r = 0; r < self->rules->len; r++)
    if (g_strcmp0 (rule, self->rules->pdata[r]) == 0)
      {
        gtk_drop_down_set_selected (self->rule_dropdown, r + 1);
        return;
      }
  gtk_drop_down_set_selected (self->rule_dropdown, 0);
}

/**
 * linli_checks_panel_activate:
 * @position: a row of linli_checks_panel_get_rows()
 *
 * Takes the map to the finding, as a click on its row does.
 */
void
linli_checks_panel_activate (LinliChecksPanel *self,
                             guint             position)
{
  const LinliViolation *v = linli_checks_panel_get_violation (self, position);

  if (v == NULL || !v->has_position)
    return;
  g_signal_emit (self, signals[SIGNAL_SHOW_LOCATION], 0, v->lat, v->lon,
                 v->subject == LINLI_SUBJECT_BUILDING ? (int) v->index : -1);
}
