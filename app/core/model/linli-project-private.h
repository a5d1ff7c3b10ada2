/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-project.h"

G_BEGIN_DECLS

/* For loaders: room for about this many buildings and footprint points,
 * asked for before the first building is added. */
void _linli_project_reserve (LinliProject *self,
                             guint         n_buildings,
                             guint         n_footprint_points);

G_END_DECLS
