/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-index-list.h"
#include "linli-org-panel.h"

G_BEGIN_DECLS

/* The panel's insides, for its tests (they fill in the editor). */

#define MAX_COLUMNS 5

typedef struct
{
  LinliOrgPanel *panel;
  LinliOrgTable  table;
  guint          column;
} Column;

typedef struct
{
  GtkColumnView      *view;
  GtkSearchEntry     *search;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorters[MAX_COLUMNS];
  char               *needle;          /* casefolded search text, or NULL */
} Table;

struct _LinliOrgPanel
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkStack       *stack;
  GtkSearchEntry *committees_search;
  GtkSearchEntry *branches_search;
  GtkSearchEntry *groups_search;
  GtkSearchEntry *households_search;
  GtkColumnView  *committees_view;
  GtkColumnView  *branches_view;
  GtkColumnView  *groups_view;
  GtkColumnView  *households_view;

  LinliDocument  *document;
  LinliProject   *project;             /* the document's, for short */
  LinliHistory   *history;
  LinliIndexList *committees;          /* every community */
  Table           tables[LINLI_ORG_N_TABLES];
  Column          columns[LINLI_ORG_N_TABLES][MAX_COLUMNS];
  gpointer        shown;               /* the row last shown on the map */

  /* The editor dialog, while it is open. */
  GtkWidget      *editor;
  LinliOrgTable   editor_table;
  GObject        *editor_item;         /* NULL: adding */
  GtkEntry       *editor_name;
  GtkEntry       *editor_person;
  GtkDropDown    *editor_choice;       /* branch: what it serves; group: its branch */
  GtkSpinButton  *editor_members;
  GtkEntry       *editor_buildings;
  GtkEntry       *editor_room;
};

G_END_DECLS
