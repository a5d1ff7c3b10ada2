/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-generator"

#include "linli-generator.h"

void
linli_generator_options_init (LinliGeneratorOptions *options)
{
  options->seed = 1;
  options->n_buildings = 2500;
  options->center_lat = 30.29;
  options->center_lon = 120.155;
  options->name = NULL;
}

LinliProject *
linli_generate_district (const LinliGeneratorOptions *options)
{
  return linli_project_new ();
}
