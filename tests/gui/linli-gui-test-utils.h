/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void linli_test_wait_ms (guint ms);

G_END_DECLS
