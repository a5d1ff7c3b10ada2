/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-project.h"

G_BEGIN_DECLS

typedef struct
{
  guint32 seed;
  guint   n_buildings;   /* wanted number of buildings (approximate, ±10 %) */
  double  center_lat;    /* the district's centre */
  double  center_lon;
  char   *name;          /* district name; NULL picks one */
  double  lane_share;    /* share of compounds of old low-rise lane houses, 0–1 */
  gboolean streets;      /* lay out walkable streets in the gaps between blocks */
  gboolean organisation; /* committees, branches, party groups and member households */
  gboolean canal;        /* a canal across the district, between two rows of communities */
} LinliGeneratorOptions;

void          linli_generator_options_init (LinliGeneratorOptions *options);
LinliProject *linli_generate_district      (const LinliGeneratorOptions *options) G_GNUC_WARN_UNUSED_RESULT;
guint         linli_generator_add_grids    (LinliProject *project,
                                            guint32       seed);
guint         linli_generator_add_partners (LinliProject *project,
                                            guint32       seed);

G_END_DECLS
