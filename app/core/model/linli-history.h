/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-project.h"

G_BEGIN_DECLS

/* An edit is one undoable change.  Each part of the model defines its own
 * kinds of edit with a static #LinliEditClass and a struct that starts with
 * a #LinliEdit, and records them with linli_history_push(); the history
 * never needs to know what they change.  Edits of sites and of the walking
 * rule are in linli-project-edits.h.
 */
typedef struct _LinliEdit LinliEdit;

typedef struct
{
  const char *name;                            /* for debugging */
  gsize       size;                            /* of the whole struct */
  void      (*apply)  (LinliEdit       *edit,
                       LinliProject    *project);
  void      (*revert) (LinliEdit       *edit,
                       LinliProject    *project);
  /* Optional: takes @next into @edit, which it directly follows, when the
   * two are one change to a planner (a site nudged step by step).  @next is
   * already applied; return %FALSE to keep them apart. */
  gboolean  (*merge)  (LinliEdit       *edit,
                       const LinliEdit *next);
  /* Optional: frees what the edit's own fields hold, not the edit. */
  void      (*free)   (LinliEdit       *edit);
} LinliEditClass;

struct _LinliEdit
{
  const LinliEditClass *klass;
  char                 *label;
};

gpointer      linli_edit_new                (const LinliEditClass *klass,
                                             const char           *label) G_GNUC_WARN_UNUSED_RESULT;
void          linli_edit_apply              (LinliEdit    *edit,
                                             LinliProject *project);
void          linli_edit_revert             (LinliEdit    *edit,
                                             LinliProject *project);
void          linli_edit_free               (LinliEdit *edit);

#define LINLI_TYPE_HISTORY (linli_history_get_type ())
G_DECLARE_FINAL_TYPE (LinliHistory, linli_history, LINLI, HISTORY, GObject)

LinliHistory *linli_history_new             (LinliProject *project) G_GNUC_WARN_UNUSED_RESULT;
LinliProject *linli_history_get_project     (LinliHistory *self);

gboolean      linli_history_get_can_undo    (LinliHistory *self);
gboolean      linli_history_get_can_redo    (LinliHistory *self);
gboolean      linli_history_get_modified    (LinliHistory *self);
const char   *linli_history_get_undo_label  (LinliHistory *self);
const char   *linli_history_get_redo_label  (LinliHistory *self);
void          linli_history_set_saved       (LinliHistory *self);

gboolean      linli_history_undo            (LinliHistory *self);
gboolean      linli_history_redo            (LinliHistory *self);
void          linli_history_push            (LinliHistory *self,
                                             LinliEdit    *edit,
                                             gboolean      apply);
void          linli_history_begin_group     (LinliHistory *self,
                                             const char   *label);
void          linli_history_end_group       (LinliHistory *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliEdit, linli_edit_free)

G_END_DECLS
