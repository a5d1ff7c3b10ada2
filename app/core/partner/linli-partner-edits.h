/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-history.h"
#include "linli-partners.h"

G_BEGIN_DECLS

/* Undoable edits of the partner lists.  Each add, change and removal is a
 * snapshot edit of one item (its value before and after, %NULL meaning
 * "not there"), so undo applies the other snapshot.
 *
 * References stay whole: removing a unit removes its service records and
 * their evaluations, removing a record its evaluations, and removing a
 * need clears the records' reference to it, all in the same undo step.  A
 * category in use, and a built-in category, cannot be removed; a built-in
 * category cannot be renamed.
 *
 * What the file reader would refuse is refused here: an item that refers
 * to a category, unit, need, record or place that does not exist, or holds
 * a number or a date out of the format's ranges, is not added (%NULL) or
 * changed (%FALSE).
 */


char     *linli_partner_edits_add    (LinliHistory     *history,
                                      LinliPartnerList  list,
                                      gconstpointer     item) G_GNUC_WARN_UNUSED_RESULT;
gboolean  linli_partner_edits_change (LinliHistory     *history,
                                      LinliPartnerList  list,
                                      gconstpointer     item);
gboolean  linli_partner_edits_remove (LinliHistory     *history,
                                      LinliPartnerList  list,
                                      const char       *id);

/* The accepted assignment is set, cleared and thinned out by one undoable
 * edit each; removing a unit or a need drops its pairs in the same step. */
gboolean  linli_partner_edits_set_assignment (LinliHistory                  *history,
                                              const LinliPartnerAssignment  *assignment);
gboolean  linli_partner_edits_remove_pair    (LinliHistory                  *history,
                                              guint                          index);

/* All the lists replaced by copies of another's, as one step (a registry
 * loaded into the plan). */
void      linli_partner_edits_replace_all    (LinliHistory                  *history,
                                              LinliPartners                 *source,
                                              const char                    *label);

/* The rules of proposals (pairs always or never made, and the options)
 * are set by one undoable edit each; removing a unit or a need drops its
 * rules in the same step. */
gboolean  linli_partner_edits_set_rules      (LinliHistory                  *history,
                                              const LinliPartnerRules       *rules);
gboolean  linli_partner_edits_set_pair_rule  (LinliHistory                  *history,
                                              const char                    *unit,
                                              const char                    *need,
                                              LinliPartnerRuleKind           kind);
gboolean  linli_partner_edits_release_pair   (LinliHistory                  *history,
                                              const char                    *unit,
                                              const char                    *need);

G_END_DECLS
