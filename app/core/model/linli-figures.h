/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "linli-document.h"

G_BEGIN_DECLS

/*
 * The key figures of a document: what a meeting compares between two
 * scenarios, what the figure strip of the meeting mode shows and what the
 * first table of a report lists.  Each domain adds its own figures
 * (coverage and sites, grids, the organisation chain, later partner units),
 * so the readers only walk the list and never name a figure they do not
 * compare themselves.
 */

typedef enum
{
  LINLI_FIGURE_COUNT,   /* a whole number: households, stations */
  LINLI_FIGURE_SHARE,   /* a fraction in [0, 1], shown in per cent */
  LINLI_FIGURE_YUAN,    /* money */
} LinliFigureUnit;

/* Which way a change is an improvement, for the colours of a comparison. */
typedef enum
{
  LINLI_FIGURE_NEUTRAL,
  LINLI_FIGURE_HIGHER_BETTER,
  LINLI_FIGURE_LOWER_BETTER,
} LinliFigureSense;

typedef struct
{
  const char      *key;     /* stable, ASCII: "households-covered" */
  const char      *group;   /* stable, ASCII: "coverage", "sites", "grids", "chain" */
  char            *label;   /* translated */
  double           value;   /* NAN where it cannot be told (a cost not given) */
  LinliFigureUnit  unit;
  LinliFigureSense sense;
} LinliFigure;

typedef struct _LinliFigures LinliFigures;

LinliFigures      *linli_figures_collect  (LinliDocument *document) G_GNUC_WARN_UNUSED_RESULT;
LinliFigures      *linli_figures_new      (void) G_GNUC_WARN_UNUSED_RESULT;
void               linli_figures_free     (LinliFigures *self);
void               linli_figures_add      (LinliFigures    *self,
                                           const char      *key,
                                           const char      *group,
                                           const char      *label,
                                           double           value,
                                           LinliFigureUnit  unit,
                                           LinliFigureSense sense);
guint              linli_figures_get_n    (const LinliFigures *self);
const LinliFigure *linli_figures_get      (const LinliFigures *self,
                                           guint               i);
const LinliFigure *linli_figures_lookup   (const LinliFigures *self,
                                           const char         *key);

char              *linli_figure_format         (const LinliFigure *figure,
                                                double             value) G_GNUC_WARN_UNUSED_RESULT;
char              *linli_figure_format_change  (const LinliFigure *figure,
                                                double             before,
                                                double             after) G_GNUC_WARN_UNUSED_RESULT;
char              *linli_figure_format_percent_change (double before,
                                                       double after) G_GNUC_WARN_UNUSED_RESULT;
int                linli_figure_judge_change   (const LinliFigure *figure,
                                                double             before,
                                                double             after);

char              *linli_format_count          (guint64 n) G_GNUC_WARN_UNUSED_RESULT;
char              *linli_format_members        (guint members,
                                                guint buildings_unknown,
                                                guint buildings) G_GNUC_WARN_UNUSED_RESULT;
char              *linli_format_estimated      (guint64 n,
                                                guint   buildings_estimated,
                                                guint   buildings) G_GNUC_WARN_UNUSED_RESULT;

/* The providers each domain defines; linli_figures_collect() calls them in
 * this order. */
void               linli_figures_add_coverage  (LinliFigures  *self,
                                                LinliDocument *document);
void               linli_figures_add_grids     (LinliFigures  *self,
                                                LinliDocument *document);
void               linli_figures_add_chain     (LinliFigures  *self,
                                                LinliDocument *document);
void               linli_figures_add_partners  (LinliFigures  *self,
                                                LinliDocument *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliFigures, linli_figures_free)

G_END_DECLS
