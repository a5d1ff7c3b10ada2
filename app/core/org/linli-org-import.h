/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-history.h"
#include "linli-import-csv.h"

G_BEGIN_DECLS

/* The organisation's lists from spreadsheets: committees, branches,
 * building party groups and member households, each read with the CSV
 * table of linli-import-csv.h, its columns guessed from Chinese or
 * English headers (or set by hand), and applied as one undoable step.
 * Buildings are named by id, or by name (within the row's compound when
 * there is a compound column); compounds and communities by id or name;
 * branches by id or name; grids by id, code or name.  A row whose id is
 * already in the project changes that object; other rows add one.
 * Errors read "FILE:LINE: reason", and leave the project untouched.
 */

#define LINLI_ORG_ERROR (linli_org_error_quark ())

typedef enum
{
  LINLI_ORG_ERROR_FAILED,
  LINLI_ORG_ERROR_INVALID,
} LinliOrgError;

typedef enum
{
  LINLI_ORG_LIST_COMMITTEES,
  LINLI_ORG_LIST_BRANCHES,
  LINLI_ORG_LIST_GROUPS,
  LINLI_ORG_LIST_HOUSEHOLDS,
} LinliOrgList;

typedef enum
{
  LINLI_ORG_FIELD_ID,
  LINLI_ORG_FIELD_NAME,        /* of a branch or group; a member household's person */
  LINLI_ORG_FIELD_COMMUNITY,
  LINLI_ORG_FIELD_KIND,        /* compound or grid (小区, 网格) */
  LINLI_ORG_FIELD_COMPOUND,
  LINLI_ORG_FIELD_GRID,
  LINLI_ORG_FIELD_SECRETARY,
  LINLI_ORG_FIELD_MEMBERS,
  LINLI_ORG_FIELD_BRANCH,
  LINLI_ORG_FIELD_LEADER,
  LINLI_ORG_FIELD_BUILDINGS,   /* a group's, separated by 、 , ; or spaces */
  LINLI_ORG_FIELD_ROOM,        /* a member household's unit and room */
  LINLI_ORG_N_FIELDS,
} LinliOrgField;

typedef struct
{
  int columns[LINLI_ORG_N_FIELDS];   /* 0-based, or -1 */
} LinliOrgMapping;

/* What an import did: rows of the file, the entries they held (blank
 * rows aside), and of those how many added an object and how many
 * changed one already in the project (every committee row changes one),
 * or, when an import was refused, would have. */
typedef struct
{
  guint n_rows;
  guint n_entries;
  guint n_added;
  guint n_changed;
  guint n_invalid;   /* entries that cannot be read: an import refuses the list */
} LinliOrgImportReport;

/* The project's objects by id and by name, for many checks of lists. */
typedef struct _LinliOrgIndex LinliOrgIndex;

GQuark       linli_org_error_quark        (void);
const char  *linli_org_field_to_string    (LinliOrgField field);
gboolean     linli_org_field_from_string  (const char    *string,
                                           LinliOrgField *field);
const char  *linli_org_field_get_label    (LinliOrgList  list,
                                           LinliOrgField field);
gboolean     linli_org_list_has_field     (LinliOrgList  list,
                                           LinliOrgField field);
gboolean     linli_org_list_needs_field   (LinliOrgList  list,
                                           LinliOrgField field);
const char  *linli_org_list_get_label     (LinliOrgList  list);
LinliOrgList linli_org_list_guess         (const LinliCsvTable *table);
gboolean     linli_org_list_from_string   (const char   *string,
                                           LinliOrgList *list);
void         linli_org_mapping_guess      (LinliOrgMapping     *mapping,
                                           LinliOrgList         list,
                                           const LinliCsvTable *table);
gboolean     linli_org_mapping_parse      (LinliOrgMapping     *mapping,
                                           LinliOrgList         list,
                                           const LinliCsvTable *table,
                                           const char          *assignment,
                                           GError             **error);
LinliOrgIndex *linli_org_index_new       (LinliProject *project) G_GNUC_WARN_UNUSED_RESULT;
void         linli_org_index_free         (LinliOrgIndex *index);
gboolean     linli_org_import_check       (LinliOrgIndex          *index,
                                           LinliOrgList            list,
                                           const LinliCsvTable    *table,
                                           const LinliOrgMapping  *mapping,
                                           LinliOrgImportReport   *report,
                                           GPtrArray             **reasons,
                                           GError                **error);
gboolean     linli_org_import_csv         (LinliHistory          *history,
                                           LinliOrgList           list,
                                           const LinliCsvTable   *table,
                                           const LinliOrgMapping *mapping,
                                           LinliOrgImportReport  *report,
                                           GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliOrgIndex, linli_org_index_free)

G_END_DECLS
