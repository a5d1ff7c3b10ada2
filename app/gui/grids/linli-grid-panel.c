/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-grid-panel"

#include "config.h"

#include "linli-grid-panel.h"

#include <glib/gi18n-lib.h>

#include "linli-figures.h"
#include "linli-grid-assignment.h"
#include "linli-grid-edits.h"
#include "linli-grids.h"

/* The Grids page: the household range, a summary, the tools, a table with
 * one row per grid and what it holds (sortable by any column), an editor
 * for the selected grid, and the problems to look at, each a row that
 * shows the place on the map.  It reads every figure from the document's
 * grid assignment and follows ::grids-changed; it changes grids only
 * through the grid edits, so every change can be undone.
 */

/* At most this many buildings in no grid are listed one by one. */
#define MAX_PROBLEM_ROWS 200

typedef enum
{
  COL_CODE,
  COL_NAME,
  COL_COMMUNITY,
  COL_HOUSEHOLDS,
  COL_RESIDENTS,
  COL_BUILDINGS,
  COL_MEMBERS,
  COL_COMPACTNESS,
  COL_CONTIGUOUS,
  COL_IN_RANGE,
  COL_WORKER,
  COL_LOCKED,
  N_COLUMNS,
} Column;

static const struct
{
  const char *title;
  gboolean    numeric;
} columns[N_COLUMNS] = {
  { N_("Code"), FALSE },
  { N_("Name"), FALSE },
  { N_("Community"), FALSE },
  { N_("Households"), TRUE },
  { N_("Residents"), TRUE },
  { N_("Buildings"), TRUE },
  { N_("Party members"), TRUE },
  /* Translators: Polsby-Popper compactness of a grid, 1 for a circle */
  { N_("Compactness"), TRUE },
  /* Translators: whether a grid is one piece */
  { N_("Contiguous"), FALSE },
  { N_("In range"), FALSE },
  { N_("Grid worker"), FALSE },
  { N_("Locked"), FALSE },
};

typedef enum
{
  PROBLEM_NO_GRID,     /* a building in no grid */
  PROBLEM_MORE,        /* more buildings in no grid than listed: not activatable */
  PROBLEM_OVERLAP,     /* two grids sharing ground */
  PROBLEM_OUTSIDE,     /* a grid reaching out of its community */
  PROBLEM_PIECES,      /* a grid in more than one piece */
} ProblemKind;

typedef struct
{
  ProblemKind kind;
  guint       index;   /* building, or grid position */
} Problem;

typedef struct
{
  LinliGridPanel *self;
  Column          column;
} ColumnData;

struct _LinliGridPanel
{
  GtkWidget           parent_instance;

  GtkWidget          *scroller;
  GtkWidget          *box;
  GtkSpinButton      *min_spin;
  GtkSpinButton      *max_spin;
  GtkLabel           *summary_label;
  GtkColumnView      *column_view;
  GtkExpander        *editor_expander;
  GtkEntry           *name_entry;
  GtkEntry           *worker_entry;
  GtkEntry           *branch_entry;
  GtkCheckButton     *locked_check;
  GtkExpander        *problems_expander;
  GtkListBox         *problem_list;

  LinliDocument      *document;
  LinliProject       *project;            /* the document's, for short */
  LinliHistory       *history;            /* the document's, for short */
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GtkSorter          *sorters[N_COLUMNS];
  ColumnData          column_data[N_COLUMNS];
  GHashTable         *positions;          /* LinliGrid → position in the grids + 1: a lookup, rebuilt on change */
  GArray             *problems;           /* Problem, one per row of problem_list */
  LinliGrid          *selected;           /* owned by the project */
  gboolean            updating;           /* filling widgets from the model */
};

G_DEFINE_FINAL_TYPE (LinliGridPanel, linli_grid_panel, GTK_TYPE_WIDGET)

enum {
  SIGNAL_GRID_SELECTED,
  SIGNAL_BUILDING_ACTIVATED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* Auxiliary methods */

static LinliGrids *
panel_grids (LinliGridPanel *self)
{
  return linli_project_get_grids (self->project);
}

/* The figures of @grid, or %NULL when the assignment does not know it. */
static const LinliGridFigures *
grid_figures (LinliGridPanel *self,
              LinliGrid      *grid)
{
  const LinliGridAssignment *assignment;
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, grid));

  if (position == 0 || self->document == NULL)
    return NULL;
  assignment = linli_document_get_grid_assignment (self->document);
  if (position - 1 >= linli_grid_assignment_get_n_grids (assignment))
    return NULL;
  return linli_grid_assignment_get_figures (assignment, position - 1);
}

static const char *
yes_no (gboolean yes)
{
  return yes ? "✔" : "✘";
}

static char *
cell_text (LinliGridPanel *self,
           LinliGrid      *grid,
           Column          column)
{
  const LinliGridFigures *f = grid_figures (self, grid);
  guint community = linli_grid_get_community (grid);

  switch (column)
    {
    case COL_CODE:
      return g_strdup (linli_grid_get_code (grid) ? linli_grid_get_code (grid) : "");
    case COL_NAME:
      return g_strdup (linli_grid_get_name (grid) ? linli_grid_get_name (grid) : "");
    case COL_COMMUNITY:
      return g_strdup (community < linli_project_get_n_communities (self->project)
                       ? linli_project_get_community (self->project, community)->name : "");
    case COL_WORKER:
      return g_strdup (linli_project_person (self->project, linli_grid_get_worker (grid)));
    case COL_LOCKED:
      return g_strdup (linli_grid_get_locked (grid) ? "🔒" : "");
    case COL_HOUSEHOLDS:
    case COL_RESIDENTS:
    case COL_BUILDINGS:
    case COL_MEMBERS:
    case COL_COMPACTNESS:
    case COL_CONTIGUOUS:
    case COL_IN_RANGE:
    case N_COLUMNS:
    default:
      break;
    }
  if (f == NULL)
    return g_strdup ("");
  switch (column)
    {
    /* The columns are narrow: a sum with estimates in it says so in a
     * word, and a count of members with unknowns in it reads as a lower
     * bound; the cell's tooltip says how many buildings (cell_tooltip()). */
    case COL_HOUSEHOLDS:
      return linli_format_estimated (f->households, f->estimated_buildings > 0, 1);
    case COL_RESIDENTS:
      return linli_format_estimated (f->residents, f->estimated_buildings > 0, 1);
    case COL_BUILDINGS: return g_strdup_printf ("%u", f->buildings);
    case COL_MEMBERS:
      if (f->members_unknown == 0 || (f->members_unknown >= f->buildings && f->party_members == 0))
        return linli_format_members (f->party_members, f->members_unknown, f->buildings);
      /* TRANSLATORS: at least this many party members, some buildings' not known */
      return g_strdup_printf (_("≥ %u"), f->party_members);
    case COL_COMPACTNESS: return g_strdup_printf ("%.2f", f->polsby_popper);
    case COL_CONTIGUOUS: return g_strdup (yes_no (f->contiguous));
    case COL_IN_RANGE: return g_strdup (yes_no (f->in_range));
    case COL_CODE:
    case COL_NAME:
    case COL_COMMUNITY:
    case COL_WORKER:
    case COL_LOCKED:
    case N_COLUMNS:
    default:
      return g_strdup ("");
    }
}

static double
cell_number (LinliGridPanel *self,
             LinliGrid      *grid,
             Column          column)
{
  const LinliGridFigures *f = grid_figures (self, grid);

  if (f == NULL)
    return -1;
  switch (column)
    {
    case COL_HOUSEHOLDS: return f->households;
    case COL_RESIDENTS: return f->residents;
    case COL_BUILDINGS: return f->buildings;
    case COL_MEMBERS: return f->party_members;
    case COL_COMPACTNESS: return f->polsby_popper;
    case COL_CONTIGUOUS: return f->contiguous;
    case COL_IN_RANGE: return f->in_range;
    case COL_LOCKED: return linli_grid_get_locked (grid);
    case COL_CODE:
    case COL_NAME:
    case COL_COMMUNITY:
    case COL_WORKER:
    case N_COLUMNS:
    default:
      return 0;
    }
}

static gboolean
column_is_text (Column column)
{
  return column == COL_CODE || column == COL_NAME || column == COL_COMMUNITY || column == COL_WORKER;
}

/* The one place that says which of the panel's actions can run now. */
static void
update_actions (LinliGridPanel *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grid-panel.apply", self->selected != NULL);
  gtk_widget_set_sensitive (gtk_expander_get_child (self->editor_expander), self->selected != NULL);
}

static void
fill_editor (LinliGridPanel *self)
{
  LinliGrid *grid = self->selected;
  gboolean hidden = self->project != NULL && linli_project_get_hide_names (self->project);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry),
                         grid && linli_grid_get_name (grid) ? linli_grid_get_name (grid) : "");
  /* With names hidden, the worker's name stays out of the window too. */
  gtk_editable_set_text (GTK_EDITABLE (self->worker_entry),
                         grid && !hidden && linli_grid_get_worker (grid) ? linli_grid_get_worker (grid) : "");
  gtk_entry_set_placeholder_text (self->worker_entry, hidden ? _("(hidden)") : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->worker_entry), !hidden);
  gtk_editable_set_text (GTK_EDITABLE (self->branch_entry),
                         grid && linli_grid_get_branch (grid) ? linli_grid_get_branch (grid) : "");
  gtk_check_button_set_active (self->locked_check, grid != NULL && linli_grid_get_locked (grid));
  self->updating = FALSE;
  update_actions (self);
}

static void
fill_range (LinliGridPanel *self)
{
  LinliGrids *grids = panel_grids (self);

  self->updating = TRUE;
  gtk_spin_button_set_value (self->min_spin, linli_grids_get_min_households (grids));
  gtk_spin_button_set_value (self->max_spin, linli_grids_get_max_households (grids));
  self->updating = FALSE;
}

static void
add_problem (LinliGridPanel *self,
             ProblemKind     kind,
             guint           index,
             const char     *text)
{
  GtkWidget *label = gtk_label_new (text);
  Problem problem = { kind, index };

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 8);
  gtk_widget_set_margin_end (label, 8);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_box_append (self->problem_list, label);
  if (kind == PROBLEM_MORE)
    gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->problem_list, self->problems->len),
                                      FALSE);
  g_array_append_val (self->problems, problem);
}

static const char *
grid_title (LinliGrid *grid)
{
  return linli_grid_get_code (grid) ? linli_grid_get_code (grid) : linli_grid_get_id (grid);
}

static void
fill_problems (LinliGridPanel *self)
{
  const LinliGridAssignment *assignment = linli_document_get_grid_assignment (self->document);
  LinliGrids *grids = panel_grids (self);
  guint n_grids = linli_grid_assignment_get_n_grids (assignment), n;
  const guint *unassigned;
  const LinliGridOverlap *overlaps;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problem_list))))
    gtk_list_box_remove (self->problem_list, child);
  g_array_set_size (self->problems, 0);
  if (n_grids != linli_grids_get_n_grids (grids))
    return;

  for (guint g = 0; g < n_grids; g++)
    {
      const LinliGridFigures *f = linli_grid_assignment_get_figures (assignment, g);
      LinliGrid *grid = linli_grids_get_grid (grids, g);
      g_autofree char *text = NULL;

      if (f->outside_community)
        {
          text = g_strdup_printf (_("Grid %s reaches out of its community"), grid_title (grid));
          add_problem (self, PROBLEM_OUTSIDE, g, text);
          g_clear_pointer (&text, g_free);
        }
      if (!f->contiguous)
        {
          text = g_strdup_printf (_("Grid %s is in more than one piece"), grid_title (grid));
          add_problem (self, PROBLEM_PIECES, g, text);
        }
    }
  overlaps = linli_grid_assignment_get_overlaps (assignment, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;

      if (overlaps[i].a >= n_grids || overlaps[i].b >= n_grids)
        continue;
      text = g_strdup_printf (_("Grids %s and %s overlap by %.0f m²"),
                              grid_title (linli_grids_get_grid (grids, overlaps[i].a)),
                              grid_title (linli_grids_get_grid (grids, overlaps[i].b)), overlaps[i].area);
      add_problem (self, PROBLEM_OVERLAP, i, text);
    }
  unassigned = linli_grid_assignment_get_unassigned (assignment, &n);
  /* With no grids at all, every building is in none: that is no news. */
  if (n_grids == 0)
    n = 0;
  for (guint i = 0; i < MIN (n, MAX_PROBLEM_ROWS); i++)
    {
      const LinliBuilding *b = linli_project_get_building (self->project, unassigned[i]);
      const LinliCompound *compound = linli_project_get_compound (self->project, b->compound);
      g_autofree char *text = g_strdup_printf (_("%s %s is in no grid"), compound->name,
                                               b->name[0] ? b->name : b->id);

      add_problem (self, PROBLEM_NO_GRID, unassigned[i], text);
    }
  if (n > MAX_PROBLEM_ROWS)
    {
      g_autofree char *text = g_strdup_printf (_("… and %u more buildings in no grid"), n - MAX_PROBLEM_ROWS);

      add_problem (self, PROBLEM_MORE, 0, text);
    }
}

static void
fill_summary (LinliGridPanel *self)
{
  g_autofree char *text = linli_grid_panel_get_summary (self);

  gtk_label_set_text (self->summary_label, text);
}

/* Everything the page shows, brought up to date after the grids, the
 * boundaries or the buildings changed. */
static void
refresh (LinliGridPanel *self)
{
  LinliGrids *grids = panel_grids (self);
  LinliGrid *keep = self->selected;
  guint n = linli_grids_get_n_grids (grids);

  g_hash_table_remove_all (self->positions);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (self->positions, linli_grids_get_grid (grids, i), GUINT_TO_POINTER (i + 1));
  if (keep != NULL && !g_hash_table_contains (self->positions, keep))
    keep = NULL;

  /* Figures changed under unchanged items: the rows are bound again, and
   * sorted by the figures as they are now. */
  self->updating = TRUE;
  gtk_sort_list_model_set_model (self->sort_model, NULL);
  gtk_sort_list_model_set_model (self->sort_model, linli_grids_get_list (grids));
  for (guint c = 0; c < N_COLUMNS; c++)
    gtk_sorter_changed (self->sorters[c], GTK_SORTER_CHANGE_DIFFERENT);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (keep != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)); i++)
      {
        g_autoptr (LinliGrid) item = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

        if (item == keep)
          {
            gtk_single_selection_set_selected (self->selection, i);
            break;
          }
      }
  self->updating = FALSE;

  if (keep != self->selected)
    {
      self->selected = keep;
      g_signal_emit (self, signals[SIGNAL_GRID_SELECTED], 0, keep);
    }
  fill_range (self);
  fill_summary (self);
  fill_problems (self);
  fill_editor (self);
}

/* Callbacks */

static void
on_grids_changed_cb (LinliGridPanel *self)
{
  refresh (self);
}

static void
on_selection_changed_cb (LinliGridPanel *self)
{
  LinliGrid *grid;

  if (self->updating)
    return;
  grid = gtk_single_selection_get_selected_item (self->selection);
  if (grid == self->selected)
    return;
  self->selected = grid;
  fill_editor (self);
  g_signal_emit (self, signals[SIGNAL_GRID_SELECTED], 0, grid);
}

static void
on_range_changed_cb (LinliGridPanel *self)
{
  guint min = (guint) gtk_spin_button_get_value_as_int (self->min_spin);
  guint max = (guint) gtk_spin_button_get_value_as_int (self->max_spin);
  LinliGrids *grids;

  if (self->updating || self->history == NULL)
    return;
  grids = panel_grids (self);
  /* A range upside down is left until the other end follows. */
  if (min > max ||
      (min == linli_grids_get_min_households (grids) && max == linli_grids_get_max_households (grids)))
    return;
  linli_grid_edits_set_range (self->history, min, max);
}

static void
on_problem_list_row_activated_cb (LinliGridPanel *self,
                                  GtkListBoxRow  *row)
{
  linli_grid_panel_activate_problem (self, gtk_list_box_row_get_index (row));
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnData               *data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), columns[data->column].numeric ? 1.0 : 0.0);
  /* Numbers are never cut short, so a mark beside one stays readable;
   * names give way instead. */
  if (!columns[data->column].numeric)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (columns[data->column].numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

/* The whole story of a marked cell: how many buildings are estimated or
 * have party members unknown; NULL for the other cells. */
static char *
cell_tooltip (LinliGridPanel *self,
              LinliGrid      *grid,
              Column          column)
{
  const LinliGridFigures *f = grid_figures (self, grid);

  if (f == NULL)
    return NULL;
  if (column == COL_HOUSEHOLDS && f->estimated_buildings > 0)
    return linli_format_estimated (f->households, f->estimated_buildings, f->buildings);
  if (column == COL_RESIDENTS && f->estimated_buildings > 0)
    return linli_format_estimated (f->residents, f->estimated_buildings, f->buildings);
  if (column == COL_MEMBERS && f->members_unknown > 0)
    return linli_format_members (f->party_members, f->members_unknown, f->buildings);
  return NULL;
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnData               *data)
{
  LinliGrid *grid = gtk_list_item_get_item (item);
  g_autofree char *text = cell_text (data->self, grid, data->column);
  g_autofree char *tooltip = cell_tooltip (data->self, grid, data->column);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), tooltip);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  ColumnData *data = user_data;
  LinliGrid *ga = (LinliGrid *) a, *gb = (LinliGrid *) b;

  if (column_is_text (data->column))
    {
      g_autofree char *ta = cell_text (data->self, ga, data->column);
      g_autofree char *tb = cell_text (data->self, gb, data->column);

      return g_utf8_collate (ta, tb);
    }
  else
    {
      double na = cell_number (data->self, ga, data->column), nb = cell_number (data->self, gb, data->column);

      return na < nb ? GTK_ORDERING_SMALLER : na > nb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    }
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LinliGridPanel *self = LINLI_GRID_PANEL (widget);
  g_autoptr (LinliGridState) state = NULL;
  const char *branch;

  if (self->selected == NULL || self->history == NULL)
    return;
  state = linli_grid_state_copy (linli_grid_get_state (self->selected));
  g_free (state->name);
  state->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  if (!linli_project_get_hide_names (self->project))
    {
      const char *worker = gtk_editable_get_text (GTK_EDITABLE (self->worker_entry));

      g_free (state->worker);
      state->worker = worker[0] != '\0' ? g_strdup (worker) : NULL;
    }
  branch = gtk_editable_get_text (GTK_EDITABLE (self->branch_entry));
  g_free (state->branch);
  state->branch = branch[0] != '\0' ? g_strdup (branch) : NULL;
  state->locked = gtk_check_button_get_active (self->locked_check);
  if (linli_grid_state_equal (state, linli_grid_get_state (self->selected)))
    return;
  linli_grid_edits_change (self->history, _("Change Grid"), self->selected, state);
}

/* GObject overrides */

static void
linli_grid_panel_dispose (GObject *object)
{
  LinliGridPanel *self = LINLI_GRID_PANEL (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->document);
  g_clear_object (&self->project);
  g_clear_object (&self->history);
  self->selected = NULL;
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_clear_object (&self->sorters[c]);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_GRID_PANEL);
  G_OBJECT_CLASS (linli_grid_panel_parent_class)->dispose (object);
}

static void
linli_grid_panel_finalize (GObject *object)
{
  LinliGridPanel *self = LINLI_GRID_PANEL (object);

  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_array_unref);
  G_OBJECT_CLASS (linli_grid_panel_parent_class)->finalize (object);
}

static void
linli_grid_panel_class_init (LinliGridPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_grid_panel_dispose;
  object_class->finalize = linli_grid_panel_finalize;

  /**
   * LinliGridPanel::grid-selected:
   * @grid: (nullable): the grid now selected
   *
   * The selected grid changed, in the table or because it was removed:
   * the map should show it.
   */
  signals[SIGNAL_GRID_SELECTED] = g_signal_new ("grid-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, LINLI_TYPE_GRID);
  /**
   * LinliGridPanel::building-activated:
   * @building: the index of the building
   *
   * A building in no grid was picked in the list of problems: the map
   * should show it.
   */
  signals[SIGNAL_BUILDING_ACTIVATED] = g_signal_new ("building-activated", G_TYPE_FROM_CLASS (klass),
                                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                     G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-grid-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliGridPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, LinliGridPanel, box);
  gtk_widget_class_bind_template_child (widget_class, LinliGridPanel, min_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliGridPanel, max_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliGridPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LinliGridPanel, column_view);
  gtk_widget_class_bind_template_child (widget_class, LinliGridPanel, editor_expander);
  gtk_widget_class_bind_template_child (widget_class, LinliGridPanel, name_entry);
  gtk_widget_class_bind_template_child (widget_class, LinliGridPanel, worker_entry);
  gtk_widget_class_bind_template_child (widget_class, LinliGridPanel, branch_entry);
  gtk_widget_class_bind_template_child (widget_class, LinliGridPanel, locked_check);
  gtk_widget_class_bind_template_child (widget_class, LinliGridPanel, problems_expander);
  gtk_widget_class_bind_template_child (widget_class, LinliGridPanel, problem_list);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_list_row_activated_cb);
  gtk_widget_class_install_action (widget_class, "grid-panel.apply", NULL, apply_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
linli_grid_panel_init (LinliGridPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->positions = g_hash_table_new (NULL, NULL);
  self->problems = g_array_new (FALSE, FALSE, sizeof (Problem));

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      self->column_data[c].self = self;
      self->column_data[c].column = c;
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), &self->column_data[c]);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), &self->column_data[c]);
      column = gtk_column_view_column_new (_(columns[c].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (c == COL_NAME || c == COL_COMMUNITY)
        gtk_column_view_column_set_expand (column, TRUE);
      self->sorters[c] = GTK_SORTER (gtk_custom_sorter_new (compare_cb, &self->column_data[c], NULL));
      gtk_column_view_column_set_sorter (column, self->sorters[c]);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->min_spin, "value-changed", G_CALLBACK (on_range_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->max_spin, "value-changed", G_CALLBACK (on_range_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

/* Public API */

LinliGridPanel *
linli_grid_panel_new (void)
{
  return g_object_new (LINLI_TYPE_GRID_PANEL, NULL);
}

/**
 * linli_grid_panel_set_document:
 * @document: (nullable): the document whose grids to show
 *
 * Shows @document's grids and follows their changes.
 */
void
linli_grid_panel_set_document (LinliGridPanel *self,
                               LinliDocument  *document)
{
  g_return_if_fail (LINLI_IS_GRID_PANEL (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->document, document);
  g_clear_object (&self->project);
  g_clear_object (&self->history);
  self->selected = NULL;
  if (document == NULL)
    {
      self->updating = TRUE;
      gtk_sort_list_model_set_model (self->sort_model, NULL);
      self->updating = FALSE;
      g_hash_table_remove_all (self->positions);
      fill_editor (self);
      return;
    }
  self->project = g_object_ref (linli_document_get_project (document));
  self->history = g_object_ref (linli_document_get_history (document));
  g_signal_connect_object (document, "grids-changed", G_CALLBACK (on_grids_changed_cb), self, G_CONNECT_SWAPPED);
  /* Workers' names follow the switch that hides them. */
  g_signal_connect_object (self->project, "notify::hide-names", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
}

/**
 * linli_grid_panel_get_selected:
 *
 * Returns: (transfer none) (nullable): the grid selected in the table
 */
LinliGrid *
linli_grid_panel_get_selected (LinliGridPanel *self)
{
  g_return_val_if_fail (LINLI_IS_GRID_PANEL (self), NULL);
  return self->selected;
}

/**
 * linli_grid_panel_select:
 * @grid: (nullable): a grid of the document's project, or %NULL
 *
 * Selects @grid in the table, as a click on its row would.
 */
void
linli_grid_panel_select (LinliGridPanel *self,
                         LinliGrid      *grid)
{
  GListModel *model;

  g_return_if_fail (LINLI_IS_GRID_PANEL (self));

  if (grid == self->selected)
    return;
  model = G_LIST_MODEL (self->sort_model);
  for (guint i = 0; grid != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (LinliGrid) item = g_list_model_get_item (model, i);

      if (item == grid)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/**
 * linli_grid_panel_get_summary:
 *
 * Returns: (transfer full): the summary line: how many grids, how many out
 *   of range, buildings in no grid, overlapping pairs
 */
char *
linli_grid_panel_get_summary (LinliGridPanel *self)
{
  const LinliGridAssignment *assignment;
  guint n_unassigned = 0, n_overlaps = 0, n_grids;

  g_return_val_if_fail (LINLI_IS_GRID_PANEL (self), NULL);

  if (self->document == NULL)
    return g_strdup ("");
  assignment = linli_document_get_grid_assignment (self->document);
  n_grids = linli_grid_assignment_get_n_grids (assignment);
  linli_grid_assignment_get_unassigned (assignment, &n_unassigned);
  linli_grid_assignment_get_overlaps (assignment, &n_overlaps);
  if (n_grids == 0)
    return g_strdup (_("No grids yet: draw one on the map"));
  return g_strdup_printf (_("%u grids, %u out of range, %u buildings in no grid, %u overlapping pairs"),
                          n_grids, linli_grid_assignment_count_out_of_range (assignment), n_unassigned, n_overlaps);
}

/**
 * linli_grid_panel_get_n_problems:
 *
 * Returns: how many rows the list of problems has
 */
guint
linli_grid_panel_get_n_problems (LinliGridPanel *self)
{
  g_return_val_if_fail (LINLI_IS_GRID_PANEL (self), 0);
  return self->problems->len;
}

/**
 * linli_grid_panel_activate_problem:
 * @index: a row of the list of problems
 *
 * Shows the problem on the map: a building in no grid through
 * ::building-activated, a grid by selecting it.
 */
void
linli_grid_panel_activate_problem (LinliGridPanel *self,
                                   guint           index)
{
  const LinliGridAssignment *assignment;
  LinliGrids *grids;
  Problem *problem;
  guint n;

  g_return_if_fail (LINLI_IS_GRID_PANEL (self));

  if (index >= self->problems->len || self->document == NULL)
    return;
  problem = &g_array_index (self->problems, Problem, index);
  grids = panel_grids (self);
  assignment = linli_document_get_grid_assignment (self->document);
  switch (problem->kind)
    {
    case PROBLEM_NO_GRID:
      g_signal_emit (self, signals[SIGNAL_BUILDING_ACTIVATED], 0, (int) problem->index);
      break;
    case PROBLEM_OVERLAP:
      {
        const LinliGridOverlap *overlaps = linli_grid_assignment_get_overlaps (assignment, &n);

        if (problem->index < n && overlaps[problem->index].a < linli_grids_get_n_grids (grids))
          linli_grid_panel_select (self, linli_grids_get_grid (grids, overlaps[problem->index].a));
      }
      break;
    case PROBLEM_OUTSIDE:
    case PROBLEM_PIECES:
      if (problem->index < linli_grids_get_n_grids (grids))
        linli_grid_panel_select (self, linli_grids_get_grid (grids, problem->index));
      break;
    case PROBLEM_MORE:
    default:
      break;
    }
}
