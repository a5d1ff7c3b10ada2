/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-partner-assign.h"

G_BEGIN_DECLS

/* The assignment as linear programs solved by GLPK's simplex: with groups
 * the most of their minimums (into @groups, may be NULL), then the most
 * priority-weighted quantity, then the least quantity × distance, each
 * held while the next is solved.  A reference for tests and the benchmark
 * only. */
void linli_assign_glpk (const LinliAssignProblem *p,
                        double                   *groups,
                        double                   *weighted,
                        double                   *distance);

/* The same with every pair's quantity a whole number, solved by GLPK's
 * branch and bound: the reference for whole units (包保), where each pair
 * is a unit taking on a place or not. */
void linli_assign_glpk_integer (const LinliAssignProblem *p,
                                double                   *weighted,
                                double                   *distance);

G_END_DECLS
