/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "linli-coverage.h"
#include "linli-grid-assignment.h"
#include "linli-org-check.h"
#include "linli-polygon.h"
#include "linli-history.h"
#include "linli-project.h"
#include "linli-walk.h"

G_BEGIN_DECLS

#define LINLI_TYPE_DOCUMENT (linli_document_get_type ())
G_DECLARE_FINAL_TYPE (LinliDocument, linli_document, LINLI, DOCUMENT, GObject)

LinliDocument       *linli_document_new                (LinliProject *project,
                                                        GFile        *file) G_GNUC_WARN_UNUSED_RESULT;
LinliDocument       *linli_document_new_for_path       (const char  *path,
                                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;

LinliProject        *linli_document_get_project        (LinliDocument *self);
LinliHistory        *linli_document_get_history        (LinliDocument *self);
GFile               *linli_document_get_file           (LinliDocument *self);
gboolean             linli_document_get_modified       (LinliDocument *self);
void                 linli_document_mark_unsaved       (LinliDocument *self);
gboolean             linli_document_save               (LinliDocument  *self,
                                                        GFile          *file,
                                                        GError        **error);

const LinliCoverage *linli_document_get_coverage       (LinliDocument *self);
const LinliCoverage *linli_document_get_line_coverage  (LinliDocument *self);
LinliWalk           *linli_document_get_walk           (LinliDocument *self);
const double        *linli_document_get_node_distances (LinliDocument *self);
guint                linli_document_get_n_estimated    (LinliDocument *self);

const LinliGridAssignment *linli_document_get_grid_assignment    (LinliDocument *self);
LinliPolygon        *linli_document_get_community_boundary (LinliDocument *self,
                                                            guint          community,
                                                            gboolean      *derived);
const LinliOrgCheck *linli_document_get_org_check      (LinliDocument *self);
GPtrArray           *linli_document_get_violations     (LinliDocument *self);

G_END_DECLS
