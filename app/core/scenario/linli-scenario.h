/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "linli-site.h"

G_BEGIN_DECLS

#define LINLI_SCENARIO_ERROR (linli_scenario_error_quark ())

typedef enum
{
  LINLI_SCENARIO_ERROR_FAILED,
  LINLI_SCENARIO_ERROR_NOT_FOUND,   /* no scenario of that name or id */
  LINLI_SCENARIO_ERROR_NAME,        /* a name that is empty, too long, reserved or taken */
  LINLI_SCENARIO_ERROR_TOO_MANY,
} LinliScenarioError;

GQuark linli_scenario_error_quark (void);

/* The id of the base, the current state (现状) every scenario starts from. */
#define LINLI_SCENARIO_BASE_ID       "base"
#define LINLI_SCENARIO_MAX_NAME      200      /* characters */
#define LINLI_SCENARIO_MAX_NOTE      1024     /* characters */
#define LINLI_SCENARIOS_MAX          1000     /* scenarios in one project */

/* A scenario's decisions on top of the base's sites: the sites it adds or
 * changes, each as the whole site it is in the scenario, and the ids of the
 * base sites it removes.  Whether a site is added or changed is told by the
 * base: a site whose id the base has is changed, any other is added.  So a
 * decision about a base site deleted since stays harmless: a change becomes
 * an addition, a removal does nothing. */
typedef struct
{
  GPtrArray *sites;     /* (element-type LinliSiteState) */
  GPtrArray *removed;   /* (element-type utf8) */
} LinliDecisions;

LinliDecisions *linli_decisions_new      (void) G_GNUC_WARN_UNUSED_RESULT;
LinliDecisions *linli_decisions_copy     (const LinliDecisions *self) G_GNUC_WARN_UNUSED_RESULT;
void            linli_decisions_free     (LinliDecisions *self);
gboolean        linli_decisions_is_empty (const LinliDecisions *self);
LinliDecisions *linli_decisions_diff     (GPtrArray *base,
                                          GPtrArray *sites) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray      *linli_decisions_apply    (const LinliDecisions *self,
                                          GPtrArray            *base) G_GNUC_WARN_UNUSED_RESULT;
void            linli_decisions_count    (const LinliDecisions *self,
                                          GPtrArray            *base,
                                          guint                *added,
                                          guint                *changed,
                                          guint                *removed);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliDecisions, linli_decisions_free)

GPtrArray      *linli_site_states_new    (void) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray      *linli_site_states_copy   (GPtrArray *states) G_GNUC_WARN_UNUSED_RESULT;

#define LINLI_TYPE_SCENARIO (linli_scenario_get_type ())
G_DECLARE_FINAL_TYPE (LinliScenario, linli_scenario, LINLI, SCENARIO, GObject)

LinliScenario        *linli_scenario_new           (const char           *id,
                                                    const char           *name,
                                                    const char           *note,
                                                    const LinliDecisions *decisions) G_GNUC_WARN_UNUSED_RESULT;
LinliScenario        *linli_scenario_copy          (LinliScenario *self) G_GNUC_WARN_UNUSED_RESULT;

const char           *linli_scenario_get_id        (LinliScenario *self);
const char           *linli_scenario_get_name      (LinliScenario *self);
void                  linli_scenario_set_name      (LinliScenario *self,
                                                    const char    *name);
const char           *linli_scenario_get_note      (LinliScenario *self);
void                  linli_scenario_set_note      (LinliScenario *self,
                                                    const char    *note);
const LinliDecisions *linli_scenario_get_decisions (LinliScenario *self);
void                  linli_scenario_set_decisions (LinliScenario        *self,
                                                    const LinliDecisions *decisions);

G_END_DECLS
