/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-crs.h"
#include "linli-project.h"

G_BEGIN_DECLS

/* Bringing planners' data in (issue 6).  So far: GeoJSON buildings. */

#define LINLI_IMPORT_ERROR (linli_import_error_quark ())

typedef enum
{
  LINLI_IMPORT_ERROR_FAILED,
  LINLI_IMPORT_ERROR_INVALID,
} LinliImportError;

typedef struct
{
  LinliCrs    crs;               /* of the coordinates in the file */
  const char *name;              /* of the district; NULL: the file's name */
  double      m2_per_household;  /* gross floor area per household, for estimates */
  double      residents_per_household;
} LinliImportOptions;

typedef struct
{
  guint features;     /* in the file */
  guint buildings;    /* imported */
  guint skipped;      /* not polygons or points, or with no usable position */
  guint estimated;    /* buildings whose households were estimated */
} LinliImportReport;

GQuark        linli_import_error_quark     (void);
void          linli_import_options_init    (LinliImportOptions *options);
LinliProject *linli_import_geojson         (const char               *path,
                                            const LinliImportOptions *options,
                                            LinliImportReport        *report,
                                            GError                  **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
