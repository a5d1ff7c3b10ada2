/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "linli-partners.h"
#include "linli-project.h"

G_BEGIN_DECLS

/* What every fuzz harness shares: the libFuzzer entry point, GLib
 * messages turned into crashes, one temporary file per role and process
 * (the readers take paths), the round trip through the .linli format, and
 * for the list readers whether two partner lists are equal and how many
 * lines an input has.
 */

int          LLVMFuzzerTestOneInput (const uint8_t *data,
                                     size_t         size);

void         fuzz_init              (void);
const char  *fuzz_write_temp        (const char    *role,
                                     const void    *data,
                                     gsize          size);
void         fuzz_round_trip        (LinliProject  *project);
gboolean     fuzz_partners_equal    (LinliPartners *a,
                                     LinliPartners *b);
guint        fuzz_count_lines       (const uint8_t *data,
                                     size_t         size);

G_END_DECLS
