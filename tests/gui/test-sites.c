/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The plan panel, the site editor and the site rows on their own, in a
 * plain GtkWindow with no LinliWindow around them: they take a document and
 * follow it by themselves. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "linli-building-row.h"
#include "linli-community-row.h"
#include "linli-document.h"
#include "linli-labels.h"
#include "linli-plan-panel.h"
#include "linli-project-edits.h"
#include "linli-site-editor.h"
#include "linli-site-row.h"

/* What the library says, in whatever language the test runs in. */
#define T(s) g_dgettext (GETTEXT_PACKAGE, s)

typedef struct
{
  LinliDocument *document;
  GtkWindow     *window;
  GtkBox        *box;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "sample.linli", NULL);
  g_autoptr (GError) error = NULL;

  f->document = linli_document_new_for_path (sample, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->document);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 400, 700);
  f->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_window_set_child (f->window, GTK_WIDGET (f->box));
  gtk_window_present (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  /* The widgets are gone: nothing of theirs may still hold the document. */
  g_assert_finalize_object (f->document);
}

/* A widget of a template, by its id. */
static gpointer
template_child (gpointer    widget,
                GType       type,
                const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, id);

  g_assert_nonnull (child);
  return child;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static gboolean
plan_button_sensitive (LinliPlanPanel *panel,
                       const char     *id)
{
  return gtk_widget_get_sensitive (template_child (panel, LINLI_TYPE_PLAN_PANEL, id));
}

static void
on_finished_cb (LinliPlanPanel *panel,
                GMainLoop      *loop)
{
  g_main_loop_quit (loop);
}

/* Activates @action on the panel and waits on the main loop until the run
 * it started has finished. */
static void
run_and_wait (LinliPlanPanel *panel,
              const char     *then_action)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gulong id = g_signal_connect (panel, "finished", G_CALLBACK (on_finished_cb), loop);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "plan.run", NULL));
  g_assert_true (linli_plan_panel_get_running (panel));
  /* While it runs, it can be stopped, not started again or accepted. */
  g_assert_false (plan_button_sensitive (panel, "run_button"));
  g_assert_true (plan_button_sensitive (panel, "cancel_button"));
  g_assert_false (plan_button_sensitive (panel, "accept_button"));
  if (then_action != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), then_action, NULL));
  g_main_loop_run (loop);
  g_signal_handler_disconnect (panel, id);
  g_assert_false (linli_plan_panel_get_running (panel));
}

/* A panel destroyed while its search runs: the search's end touches
 * nothing of the panel that is gone, and then lets it go. */
static void
test_plan_panel_destroyed_while_running (Fixture       *f,
                                         gconstpointer  data)
{
  LinliPlanPanel *panel = g_object_new (LINLI_TYPE_PLAN_PANEL, NULL);
  gint64 deadline;

  g_object_add_weak_pointer (G_OBJECT (panel), (gpointer *) &panel);
  gtk_box_append (f->box, GTK_WIDGET (panel));
  linli_plan_panel_set_document (panel, f->document);
  linli_plan_panel_set_k (panel, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "plan.run", NULL));
  g_assert_true (linli_plan_panel_get_running (panel));
  gtk_box_remove (f->box, GTK_WIDGET (panel));

  /* The worker still holds the panel; it goes once the search has ended. */
  deadline = g_get_monotonic_time () + 120 * G_TIME_SPAN_SECOND;
  while (panel != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (panel);
}

static guint
count_status (LinliProject    *project,
              LinliSiteStatus  status)
{
  guint n = 0;

  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    n += linli_site_get_status (linli_project_get_site (project, s)) == status;
  return n;
}

static void
test_plan_panel_alone (Fixture       *f,
                       gconstpointer  data)
{
  LinliProject *project = linli_document_get_project (f->document);
  LinliHistory *history = linli_document_get_history (f->document);
  LinliPlanPanel *panel = g_object_ref (linli_plan_panel_new ());
  guint planned_before = count_status (project, LINLI_SITE_STATUS_PLANNED);
  const char **ids;
  const double *adds;
  g_autoptr (GPtrArray) proposed = g_ptr_array_new_with_free_func (g_free);
  guint n;

  gtk_widget_set_vexpand (GTK_WIDGET (panel), TRUE);
  gtk_box_append (f->box, GTK_WIDGET (panel));

  /* With no document there is nothing to plan. */
  g_assert_false (plan_button_sensitive (panel, "run_button"));
  linli_plan_panel_set_document (panel, f->document);
  g_assert_true (plan_button_sensitive (panel, "run_button"));
  g_assert_false (plan_button_sensitive (panel, "cancel_button"));
  g_assert_false (plan_button_sensitive (panel, "accept_button"));

  linli_plan_panel_set_problem (panel, LINLI_PLAN_MCLP);
  linli_plan_panel_set_k (panel, 2);

  /* Stopped at once: no result, nothing to accept, ready to run again. */
  run_and_wait (panel, "plan.cancel");
  g_assert_null (linli_plan_panel_get_result (panel));
  g_assert_cmpuint (linli_plan_panel_get_proposal (panel, &ids, &adds), ==, 0);
  g_assert_true (plan_button_sensitive (panel, "run_button"));
  g_assert_false (plan_button_sensitive (panel, "accept_button"));

  run_and_wait (panel, NULL);
  g_assert_nonnull (linli_plan_panel_get_result (panel));
  n = linli_plan_panel_get_proposal (panel, &ids, &adds);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <=, 2);
  for (guint i = 0; i < n; i++)
    {
      LinliSite *site = linli_project_find_site (project, ids[i], NULL);

      g_assert_nonnull (site);
      g_assert_cmpint (linli_site_get_status (site), ==, LINLI_SITE_STATUS_CANDIDATE);
      g_ptr_array_add (proposed, g_strdup (ids[i]));
    }
  g_assert_true (plan_button_sensitive (panel, "run_button"));
  g_assert_true (plan_button_sensitive (panel, "accept_button"));

  /* Accept: one step in the history, every proposed site planned. */
  g_assert_false (linli_history_get_can_undo (history));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "plan.accept", NULL));
  g_assert_true (linli_history_get_can_undo (history));
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, T ("Accept Plan"));
  g_assert_cmpuint (count_status (project, LINLI_SITE_STATUS_PLANNED), ==, planned_before + n);
  for (guint i = 0; i < proposed->len; i++)
    g_assert_cmpint (linli_site_get_status (linli_project_find_site (project, g_ptr_array_index (proposed, i), NULL)),
                     ==, LINLI_SITE_STATUS_PLANNED);
  /* Nothing is left to accept. */
  g_assert_cmpuint (linli_plan_panel_get_proposal (panel, &ids, &adds), ==, 0);
  g_assert_false (plan_button_sensitive (panel, "accept_button"));

  /* One undo takes the whole plan back, and it was the only step. */
  g_assert_true (linli_history_undo (history));
  g_assert_false (linli_history_get_can_undo (history));
  g_assert_cmpuint (count_status (project, LINLI_SITE_STATUS_PLANNED), ==, planned_before);

  gtk_box_remove (f->box, GTK_WIDGET (panel));
  g_assert_finalize_object (panel);
}

/* The proposal list's checks decide whether there is anything to accept. */
static void
test_plan_accept_follows_checks (Fixture       *f,
                                 gconstpointer  data)
{
  LinliPlanPanel *panel = linli_plan_panel_new ();
  GtkWidget *list;
  GtkWidget *row;
  GtkCheckButton *check;

  gtk_box_append (f->box, GTK_WIDGET (panel));
  linli_plan_panel_set_document (panel, f->document);
  linli_plan_panel_set_problem (panel, LINLI_PLAN_MCLP);
  linli_plan_panel_set_k (panel, 1);
  run_and_wait (panel, NULL);
  g_assert_true (plan_button_sensitive (panel, "accept_button"));

  list = template_child (panel, LINLI_TYPE_PLAN_PANEL, "proposal_list");
  row = gtk_widget_get_first_child (list);
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  /* The row holds the check, then the site's name. */
  check = GTK_CHECK_BUTTON (gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))));
  gtk_check_button_set_active (check, FALSE);
  g_assert_false (plan_button_sensitive (panel, "accept_button"));
  /* Activated anyway (by a shortcut, say), it does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (panel), "plan.accept", NULL);
  g_assert_false (linli_history_get_can_undo (linli_document_get_history (f->document)));
  gtk_check_button_set_active (check, TRUE);
  g_assert_true (plan_button_sensitive (panel, "accept_button"));
}

/* The first candidate site of the sample. */
static LinliSite *
first_candidate (LinliProject *project)
{
  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    if (linli_site_get_status (linli_project_get_site (project, s)) == LINLI_SITE_STATUS_CANDIDATE)
      return linli_project_get_site (project, s);
  g_assert_not_reached ();
}

static void
assert_editor_shows (LinliSiteEditor *editor,
                     LinliSite       *site)
{
  guint services = linli_site_get_services (site);
  static const char *const checks[LINLI_N_SERVICES] = {
    "childcare_check", "elderly_check", "health_check", "meals_check", "leisure_check", "affairs_check",
  };

  g_assert_cmpstr (gtk_editable_get_text (template_child (editor, LINLI_TYPE_SITE_EDITOR, "name_entry")), ==,
                   linli_site_get_name (site));
  g_assert_cmpuint (gtk_drop_down_get_selected (template_child (editor, LINLI_TYPE_SITE_EDITOR, "tier_dropdown")),
                    ==, linli_site_get_tier (site));
  g_assert_cmpuint (gtk_drop_down_get_selected (template_child (editor, LINLI_TYPE_SITE_EDITOR, "status_dropdown")),
                    ==, linli_site_get_status (site));
  g_assert_cmpuint (gtk_drop_down_get_selected (template_child (editor, LINLI_TYPE_SITE_EDITOR, "plan_dropdown")),
                    ==, linli_site_get_plan_rule (site));
  /* Only a candidate is something a plan may open. */
  g_assert_true (gtk_widget_get_sensitive (template_child (editor, LINLI_TYPE_SITE_EDITOR, "plan_dropdown")) ==
                 (linli_site_get_status (site) == LINLI_SITE_STATUS_CANDIDATE));
  g_assert_cmpfloat (gtk_spin_button_get_value (template_child (editor, LINLI_TYPE_SITE_EDITOR, "capacity_spin")),
                     ==, linli_site_get_capacity (site));
  g_assert_cmpfloat (gtk_spin_button_get_value (template_child (editor, LINLI_TYPE_SITE_EDITOR, "cost_spin")),
                     ==, linli_site_get_cost (site));
  for (guint i = 0; i < LINLI_N_SERVICES; i++)
    g_assert_true (gtk_check_button_get_active (template_child (editor, LINLI_TYPE_SITE_EDITOR, checks[i])) ==
                   ((services & (1u << i)) != 0));
}

static void
test_site_editor_alone (Fixture       *f,
                        gconstpointer  data)
{
  LinliProject *project = linli_document_get_project (f->document);
  LinliHistory *history = linli_document_get_history (f->document);
  LinliSiteEditor *editor = g_object_ref (LINLI_SITE_EDITOR (linli_site_editor_new ()));
  LinliSite *site = first_candidate (project);
  g_autofree char *name = g_strdup (linli_site_get_name (site));
  guint capacity = linli_site_get_capacity (site);
  GtkEntry *entry = template_child (editor, LINLI_TYPE_SITE_EDITOR, "name_entry");
  GtkSpinButton *capacity_spin = template_child (editor, LINLI_TYPE_SITE_EDITOR, "capacity_spin");
  g_autoptr (LinliSiteState) state = NULL;
  guint notified = 0;

  gtk_box_append (f->box, GTK_WIDGET (editor));
  g_signal_connect_swapped (editor, "notify::site", G_CALLBACK (count_cb), &notified);

  /* With no site there is nothing to edit. */
  linli_site_editor_set_document (editor, f->document);
  g_assert_false (gtk_widget_get_sensitive (template_child (editor, LINLI_TYPE_SITE_EDITOR, "box")));
  linli_site_editor_set_site (editor, site);
  linli_site_editor_set_site (editor, site);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (linli_site_editor_get_site (editor) == site);
  g_assert_true (gtk_widget_get_sensitive (template_child (editor, LINLI_TYPE_SITE_EDITOR, "box")));
  assert_editor_shows (editor, site);
  g_assert_false (linli_history_get_can_undo (history));

  /* Edits in the widgets become steps in the history. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "幸福里党群服务站");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (linli_site_get_name (site), ==, "幸福里党群服务站");
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, T ("Edit Site"));
  gtk_spin_button_set_value (capacity_spin, capacity + 1234);
  g_assert_cmpuint (linli_site_get_capacity (site), ==, capacity + 1234);
  g_assert_cmpstr (linli_site_get_name (site), ==, "幸福里党群服务站");

  /* Undo restores the site, and the widgets follow. */
  g_assert_true (linli_history_undo (history));
  g_assert_cmpuint (linli_site_get_capacity (site), ==, capacity);
  g_assert_cmpstr (linli_site_get_name (site), ==, "幸福里党群服务站");
  assert_editor_shows (editor, site);
  g_assert_true (linli_history_undo (history));
  g_assert_cmpstr (linli_site_get_name (site), ==, name);
  g_assert_false (linli_history_get_can_undo (history));
  assert_editor_shows (editor, site);

  /* A change made elsewhere shows in every widget, and writes nothing back. */
  state = linli_site_dup_state (site);
  g_free (state->name);
  state->name = g_strdup ("外部修改的站点");
  state->tier = LINLI_SITE_TIER_NEIGHBOURHOOD;
  state->status = LINLI_SITE_STATUS_PLANNED;
  state->capacity = 4321;
  state->cost = 250000;
  state->services = LINLI_SERVICE_HEALTH | LINLI_SERVICE_AFFAIRS;
  linli_project_edits_change_site (history, "Outside", site, state);
  g_assert_cmpstr (linli_history_get_undo_label (history), ==, "Outside");
  assert_editor_shows (editor, site);
  g_assert_cmpstr (linli_site_get_name (site), ==, "外部修改的站点");
  g_assert_true (linli_history_undo (history));
  g_assert_false (linli_history_get_can_undo (history));
  assert_editor_shows (editor, site);

  gtk_box_remove (f->box, GTK_WIDGET (editor));
  g_assert_finalize_object (editor);
}

/* A site removed (by undoing its addition) is let go by the editor. */
static void
test_site_editor_lets_removed_site_go (Fixture       *f,
                                       gconstpointer  data)
{
  LinliHistory *history = linli_document_get_history (f->document);
  LinliSiteEditor *editor = LINLI_SITE_EDITOR (linli_site_editor_new ());
  LinliSiteState state = { 0 };
  LinliSite *site;

  gtk_box_append (f->box, GTK_WIDGET (editor));
  linli_site_editor_set_document (editor, f->document);
  state.name = (char *) "临时站点";
  state.tier = LINLI_SITE_TIER_STATION;
  state.status = LINLI_SITE_STATUS_PLANNED;
  state.lat = linli_site_get_lat (linli_project_get_site (linli_document_get_project (f->document), 0));
  state.lon = linli_site_get_lon (linli_project_get_site (linli_document_get_project (f->document), 0));
  state.cost = -1;
  site = linli_project_edits_add_site (history, &state);
  linli_site_editor_set_site (editor, site);
  g_assert_true (linli_site_editor_get_site (editor) == site);
  g_assert_true (linli_history_undo (history));
  g_assert_null (linli_site_editor_get_site (editor));
  g_assert_false (gtk_widget_get_sensitive (template_child (editor, LINLI_TYPE_SITE_EDITOR, "box")));
  g_assert_cmpstr (gtk_editable_get_text (template_child (editor, LINLI_TYPE_SITE_EDITOR, "name_entry")), ==, "");
}

/* What the row should say of @site, from the document's coverage. */
static char *
expected_detail (LinliDocument *document,
                 LinliSite     *site)
{
  const LinliCoverage *coverage = linli_document_get_coverage (document);
  guint position;
  g_autofree char *households = NULL;

  g_assert_true (g_list_store_find (G_LIST_STORE (linli_project_get_sites (linli_document_get_project (document))),
                                    site, &position));
  households = linli_format_count (linli_coverage_site_households (coverage, position));
  return g_strdup_printf (T ("%s · %s · %s households within reach"), linli_site_status_label (linli_site_get_status (site)),
                          linli_site_tier_label (linli_site_get_tier (site)), households);
}

static guint64
site_households (LinliDocument *document,
                 LinliSite     *site)
{
  guint position;

  g_assert_true (g_list_store_find (G_LIST_STORE (linli_project_get_sites (linli_document_get_project (document))),
                                    site, &position));
  return linli_coverage_site_households (linli_document_get_coverage (document), position);
}

static void
test_site_row_follows (Fixture       *f,
                       gconstpointer  data)
{
  LinliProject *project = linli_document_get_project (f->document);
  LinliHistory *history = linli_document_get_history (f->document);
  LinliSiteRow *row = g_object_ref (LINLI_SITE_ROW (linli_site_row_new ()));
  LinliSite *site = linli_project_get_site (project, 0);
  GtkLabel *name_label = template_child (row, LINLI_TYPE_SITE_ROW, "name_label");
  GtkLabel *detail_label = template_child (row, LINLI_TYPE_SITE_ROW, "detail_label");
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  guint64 households_before;
  g_autoptr (LinliSiteState) state = NULL;

  gtk_box_append (f->box, GTK_WIDGET (row));
  g_assert_cmpint (linli_site_get_status (site), !=, LINLI_SITE_STATUS_CANDIDATE);

  /* Without a document the households are not known. */
  linli_site_row_set_site (row, site);
  g_assert_cmpstr (gtk_label_get_text (name_label), ==, linli_site_get_name (site));
  g_assert_nonnull (strstr (gtk_label_get_text (detail_label), "–"));
  linli_site_row_set_document (row, f->document);
  before = expected_detail (f->document, site);
  g_assert_cmpstr (gtk_label_get_text (detail_label), ==, before);
  households_before = site_households (f->document, site);
  g_assert_cmpuint (households_before, >, 0);

  /* A longer walk reaches more households: the row follows the coverage. */
  linli_project_edits_set_walk (history, 2 * linli_project_get_walk_minutes (project),
                                linli_project_get_walk_speed (project));
  g_assert_cmpuint (site_households (f->document, site), >, households_before);
  expected = expected_detail (f->document, site);
  g_assert_cmpstr (gtk_label_get_text (detail_label), ==, expected);
  g_assert_true (linli_history_undo (history));
  g_assert_cmpstr (gtk_label_get_text (detail_label), ==, before);

  /* A site that stops counting covers nobody; its name follows too. */
  state = linli_site_dup_state (site);
  g_free (state->name);
  state->name = g_strdup ("改名后的中心");
  state->status = LINLI_SITE_STATUS_CANDIDATE;
  linli_project_edits_change_site (history, "Outside", site, state);
  g_assert_cmpstr (gtk_label_get_text (name_label), ==, "改名后的中心");
  g_clear_pointer (&expected, g_free);
  expected = expected_detail (f->document, site);
  g_assert_cmpstr (gtk_label_get_text (detail_label), ==, expected);
  g_assert_cmpstr (gtk_label_get_text (detail_label), !=, before);
  g_assert_true (linli_history_undo (history));
  g_assert_cmpstr (gtk_label_get_text (detail_label), ==, before);

  /* Let go of the site: the row shows nothing and no longer follows. */
  linli_site_row_set_site (row, NULL);
  g_assert_cmpstr (gtk_label_get_text (name_label), ==, "");
  g_assert_true (linli_history_redo (history));
  g_assert_cmpstr (gtk_label_get_text (name_label), ==, "");

  gtk_box_remove (f->box, GTK_WIDGET (row));
  g_assert_finalize_object (row);
}

/* What a community row should say, from the document's coverage. */
static char *
expected_share (LinliDocument *document,
                guint          community)
{
  const LinliCoverageTotals *ct = linli_coverage_get_community (linli_document_get_coverage (document), community);

  return g_strdup_printf ("%.1f %%", 100 * linli_coverage_totals_share (ct->households_covered, ct->households));
}

static void
test_community_row_follows (Fixture       *f,
                            gconstpointer  data)
{
  LinliProject *project = linli_document_get_project (f->document);
  LinliHistory *history = linli_document_get_history (f->document);
  LinliCommunityRow *row = g_object_ref (LINLI_COMMUNITY_ROW (linli_community_row_new ()));
  GtkLabel *name_label = template_child (row, LINLI_TYPE_COMMUNITY_ROW, "name_label");
  GtkLabel *value_label = template_child (row, LINLI_TYPE_COMMUNITY_ROW, "value_label");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint community = linli_project_get_n_communities (project) - 1;

  gtk_box_append (f->box, GTK_WIDGET (row));
  linli_community_row_set_document (row, f->document);
  g_assert_cmpstr (gtk_label_get_text (name_label), ==, "");
  linli_community_row_set_community (row, community);
  g_assert_cmpstr (gtk_label_get_text (name_label), ==, linli_project_get_community (project, community)->name);
  before = expected_share (f->document, community);
  g_assert_cmpstr (gtk_label_get_text (value_label), ==, before);

  linli_project_edits_set_walk (history, 2 * linli_project_get_walk_minutes (project),
                                linli_project_get_walk_speed (project));
  after = expected_share (f->document, community);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpstr (gtk_label_get_text (value_label), ==, after);
  g_assert_true (linli_history_undo (history));
  g_assert_cmpstr (gtk_label_get_text (value_label), ==, before);

  gtk_box_remove (f->box, GTK_WIDGET (row));
  g_assert_finalize_object (row);
}

static void
test_building_row (Fixture       *f,
                   gconstpointer  data)
{
  LinliProject *project = linli_document_get_project (f->document);
  LinliBuildingRow *row = g_object_ref (LINLI_BUILDING_ROW (linli_building_row_new ()));
  GtkLabel *name_label = template_child (row, LINLI_TYPE_BUILDING_ROW, "name_label");
  GtkLabel *detail_label = template_child (row, LINLI_TYPE_BUILDING_ROW, "detail_label");
  guint index = linli_project_get_n_buildings (project) / 2;
  const LinliBuilding *b = linli_project_get_building (project, index);
  g_autofree char *households = g_strdup_printf ("%u", b->households);

  gtk_box_append (f->box, GTK_WIDGET (row));
  linli_building_row_set_building (row, index);
  g_assert_cmpstr (gtk_label_get_text (name_label), ==, "");
  linli_building_row_set_document (row, f->document);
  g_assert_nonnull (strstr (gtk_label_get_text (name_label),
                            linli_project_get_compound (project, b->compound)->name));
  g_assert_nonnull (strstr (gtk_label_get_text (name_label), b->name[0] ? b->name : b->id));
  g_assert_nonnull (strstr (gtk_label_get_text (detail_label), households));
  /* An index the project does not have shows nothing. */
  linli_building_row_set_building (row, linli_project_get_n_buildings (project));
  g_assert_cmpstr (gtk_label_get_text (name_label), ==, "");

  gtk_box_remove (f->box, GTK_WIDGET (row));
  g_assert_finalize_object (row);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sites/plan-panel-alone", test_plan_panel_alone);
  ADD ("/sites/plan-accept-follows-checks", test_plan_accept_follows_checks);
  ADD ("/sites/plan-panel-destroyed-while-running", test_plan_panel_destroyed_while_running);
  ADD ("/sites/site-editor-alone", test_site_editor_alone);
  ADD ("/sites/site-editor-lets-removed-site-go", test_site_editor_lets_removed_site_go);
  ADD ("/sites/site-row-follows", test_site_row_follows);
  ADD ("/sites/community-row-follows", test_community_row_follows);
  ADD ("/sites/building-row", test_building_row);
#undef ADD

  return g_test_run ();
}
