/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-stats"

#include "linli-stats.h"

#include <math.h>
#include <string.h>
#include <sys/resource.h>

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

/**
 * linli_stats_peak_resident_mib:
 *
 * The most resident memory this process has held so far, as the kernel
 * counts it for getrusage() (ru_maxrss) and `/usr/bin/time -v` prints it:
 * what a machine must have for the run, where the resident size at one
 * moment misses the peaks in between.
 *
 * Returns: the peak resident memory in MiB, or NAN
 */
double
linli_stats_peak_resident_mib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return NAN;
  /* Linux counts in KiB. */
  return usage.ru_maxrss / 1024.0;
}
