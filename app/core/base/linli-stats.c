/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-stats"

#include "linli-stats.h"

#include <math.h>
#include <string.h>

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/**
 * linli_stats_median:
 * @samples: (element-type double): the measurements; sorted in place
 *
 * Returns: their median, NAN when there are none
 */
double
linli_stats_median (GArray *samples)
{
  g_return_val_if_fail (samples != NULL, NAN);

  if (samples->len == 0)
    return NAN;
  g_array_sort (samples, compare_double);
  if (samples->len % 2 == 1)
    return g_array_index (samples, double, samples->len / 2);
  return (g_array_index (samples, double, samples->len / 2 - 1) +
          g_array_index (samples, double, samples->len / 2)) / 2;
}

/**
 * linli_stats_resident_mib:
 *
 * Returns: the resident memory of this process in MiB, from /proc, or NAN
 */
double
linli_stats_resident_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return NAN;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtod (line + 6, NULL) / 1024.0 : NAN;
}
