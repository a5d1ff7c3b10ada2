/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Work in progress (issue 5): the planning model.  See linli-plan.c. */

G_END_DECLS
