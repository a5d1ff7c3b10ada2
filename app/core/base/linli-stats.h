/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Small measuring helpers for the benchmarks (linli-tool bench, bench-map). */

double linli_stats_median       (GArray *samples);
double linli_stats_resident_mib (void);
double linli_stats_peak_resident_mib (void);

G_END_DECLS
