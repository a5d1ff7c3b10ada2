/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a colour is seen: with normal sight, or by a dichromat. */
typedef enum
{
  LINLI_VISION_NORMAL,
  LINLI_VISION_PROTANOPIA,
  LINLI_VISION_DEUTERANOPIA,
  LINLI_VISION_TRITANOPIA,
  LINLI_VISION_N,
} LinliVision;

const char *linli_vision_name        (LinliVision vision);
void        linli_color_simulate     (guint       rgb,
                                      LinliVision vision,
                                      double      linear[3]);
void        linli_color_to_lab       (guint       rgb,
                                      LinliVision vision,
                                      double      lab[3]);
double      linli_color_delta_e76    (guint       a,
                                      guint       b,
                                      LinliVision vision);
guint       linli_color_over         (guint       fg,
                                      guint       bg,
                                      double      alpha);

G_END_DECLS
