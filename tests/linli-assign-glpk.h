/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-partner-assign.h"

G_BEGIN_DECLS

/* The assignment as two linear programs solved by GLPK's simplex: the most
 * priority-weighted quantity, then the least quantity × distance with the
 * first held.  A reference for tests and the benchmark only. */
void linli_assign_glpk (const LinliAssignProblem *p,
                        double                   *weighted,
                        double                   *distance);

G_END_DECLS
