/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the GUI tests and bench-map share. */
#include "linli-gui-test-utils.h"

/**
 * linli_test_wait_ms:
 *
 * Lets GTK lay out and draw for a while: nothing is timed, it only gives
 * the main loop time to run.
 */
void
linli_test_wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}
