/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-project.h"

G_BEGIN_DECLS

/* The generator's siblings. */

/* Share of buildings the generator leaves without a party member. */
#define LINLI_GENERATOR_NO_MEMBER_SHARE 0.04

G_GNUC_INTERNAL void _linli_generate_org (LinliProject *project,
                                          guint32       seed);

G_GNUC_INTERNAL char *_linli_generator_person_name (GRand *rng) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
