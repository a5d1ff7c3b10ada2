/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-partner-panel.h"

G_BEGIN_DECLS

/* The panel's insides, for its tests (they fill in the editor). */

#define PARTNER_MAX_COLUMNS 6

typedef struct
{
  LinliPartnerPanel *panel;
  LinliPartnerTable  table;
  guint              column;
} PartnerColumn;

typedef struct
{
  GtkColumnView      *view;
  GtkSearchEntry     *search;
  GtkStringList      *ids;             /* the items' ids, in the list's order */
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorters[PARTNER_MAX_COLUMNS];
  char               *needle;          /* casefolded search text, or NULL */
} PartnerTableView;

/* One resource item of the unit editor, a row of its resources grid. */
typedef struct
{
  GtkDropDown   *category;
  GtkSpinButton *quantity;
  GtkEntry      *measure;
  GtkSpinButton *capacity;
  GtkDropDown   *period;
  GtkWidget     *remove;
} PartnerResourceRow;

struct _LinliPartnerPanel
{
  GtkWidget             parent_instance;

  GtkWidget            *box;
  GtkStack             *stack;
  GtkSearchEntry       *units_search;
  GtkSearchEntry       *needs_search;
  GtkColumnView        *units_view;
  GtkColumnView        *needs_view;
  GtkLabel             *proposal_label;
  GtkLabel             *accepted_label;
  GtkListBox           *pairs_list;
  GtkListBox           *proposal_pairs_list;
  GtkLabel             *rules_label;
  GtkListBox           *rules_list;
  GtkEntry             *max_distance_entry;
  GtkCheckButton       *every_community_check;
  GtkSpinButton        *community_minimum_spin;
  GtkCheckButton       *straight_check;
  gboolean              syncing_options;  /* the option widgets are being set from the model */

  LinliDocument        *document;
  LinliProject         *project;       /* the document's, for short */
  LinliHistory         *history;
  LinliPartners        *partners;
  PartnerTableView      tables[LINLI_PARTNER_N_TABLES];
  PartnerColumn         columns[LINLI_PARTNER_N_TABLES][PARTNER_MAX_COLUMNS];

  GHashTable           *used;          /* unit id → what the accepted assignment uses a month */
  GHashTable           *met;           /* need id → what it meets, per month */
  LinliPartnerProposal *proposal;
  guint                 proposal_serial;  /* the lists' serial it was made for */

  /* The editor dialog, while it is open. */
  GtkWidget            *editor;
  LinliPartnerTable     editor_table;
  char                 *editor_id;     /* NULL: adding */
  GtkEntry             *editor_name;
  GtkDropDown          *editor_type;
  GtkEntry             *editor_address;
  GtkEntry             *editor_position;
  GtkEntry             *editor_contact;
  GtkSpinButton        *editor_members;
  GtkDropDown          *editor_category;
  GtkSpinButton        *editor_quantity;
  GtkDropDown          *editor_period;
  GtkDropDown          *editor_place;
  GtkSpinButton        *editor_priority;
  GtkEntry             *editor_note;
  GtkGrid              *editor_resources_grid;
  GtkWidget            *editor_add_resource;
  GtkLabel             *editor_problem;
  GPtrArray            *editor_resources;   /* PartnerResourceRow, one per grid row */
  GPtrArray            *editor_place_ids;   /* "kind:id" per place choice */
  GPtrArray            *editor_category_ids;
};

G_END_DECLS
