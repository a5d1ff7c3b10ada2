/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Whom a party branch (支部) serves: a compound (小区党支部) or a grid
 * (网格党支部). */
typedef enum
{
  LINLI_BRANCH_COMPOUND,
  LINLI_BRANCH_GRID,
} LinliBranchKind;

const char *linli_branch_kind_to_string   (LinliBranchKind  kind);
gboolean    linli_branch_kind_from_string (const char      *string,
                                           LinliBranchKind *kind);

/* What a branch is, as one value: what the file stores and what an undo
 * step brings back. */
typedef struct
{
  char            *id;
  char            *name;
  LinliBranchKind  kind;
  guint            compound;   /* kind COMPOUND: index into the project's compounds */
  char            *grid;       /* kind GRID: id of the grid it serves */
  char            *secretary;  /* a person's name, or NULL */
  guint            members;    /* party members on its roll */
} LinliBranchState;

LinliBranchState *linli_branch_state_copy  (const LinliBranchState *state)
  G_GNUC_WARN_UNUSED_RESULT;
void              linli_branch_state_free  (LinliBranchState *state);
void              linli_branch_state_clear (LinliBranchState *state);
gboolean          linli_branch_state_equal (const LinliBranchState *a,
                                            const LinliBranchState *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliBranchState, linli_branch_state_free)

#define LINLI_TYPE_BRANCH (linli_branch_get_type ())
G_DECLARE_FINAL_TYPE (LinliBranch, linli_branch, LINLI, BRANCH, GObject)

LinliBranch            *linli_branch_new           (const LinliBranchState *state)
  G_GNUC_WARN_UNUSED_RESULT;
const LinliBranchState *linli_branch_get_state     (LinliBranch *self);
const char             *linli_branch_get_id        (LinliBranch *self);
const char             *linli_branch_get_name      (LinliBranch *self);
LinliBranchKind         linli_branch_get_kind      (LinliBranch *self);
guint                   linli_branch_get_compound  (LinliBranch *self);
const char             *linli_branch_get_grid      (LinliBranch *self);
const char             *linli_branch_get_secretary (LinliBranch *self);
guint                   linli_branch_get_members   (LinliBranch *self);
void                    linli_branch_apply_state   (LinliBranch            *self,
                                                    const LinliBranchState *state);

G_END_DECLS
