/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "linli-project.h"

G_BEGIN_DECLS

/* What every fuzz harness shares: the libFuzzer entry point, GLib
 * messages turned into crashes, one temporary file per role and process
 * (the readers take paths), and the round trip through the .linli format.
 */

int          LLVMFuzzerTestOneInput (const uint8_t *data,
                                     size_t         size);

void         fuzz_init              (void);
const char  *fuzz_write_temp        (const char    *role,
                                     const void    *data,
                                     gsize          size);
void         fuzz_round_trip        (LinliProject  *project);

G_END_DECLS
