/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  LINLI_SITE_TIER_STREET,        /* 街道党群服务中心 */
  LINLI_SITE_TIER_COMMUNITY,     /* 社区党群服务中心 */
  LINLI_SITE_TIER_STATION,       /* 小区/网格党群服务站 */
  LINLI_SITE_TIER_NEIGHBOURHOOD, /* 邻里中心 */
  LINLI_SITE_N_TIERS,
} LinliSiteTier;

typedef enum
{
  LINLI_SITE_STATUS_EXISTING,
  LINLI_SITE_STATUS_CANDIDATE,
  LINLI_SITE_STATUS_PLANNED,
  LINLI_SITE_N_STATUSES,
} LinliSiteStatus;

/* What plans may do with a candidate site. */
typedef enum
{
  LINLI_SITE_PLAN_ALLOWED,    /* the solver decides */
  LINLI_SITE_PLAN_REQUIRED,   /* every plan opens it */
  LINLI_SITE_PLAN_FORBIDDEN,  /* no plan opens it */
  LINLI_SITE_N_PLAN_RULES,
} LinliSitePlanRule;

/* The six functions of a "1+6+X" centre.  Extra services (the X) are free text. */
typedef enum
{
  LINLI_SERVICE_CHILDCARE = 1 << 0,
  LINLI_SERVICE_ELDERLY   = 1 << 1,
  LINLI_SERVICE_HEALTH    = 1 << 2,
  LINLI_SERVICE_FOOD      = 1 << 3,
  LINLI_SERVICE_LEISURE   = 1 << 4,
  LINLI_SERVICE_AFFAIRS   = 1 << 5,
} LinliServices;

#define LINLI_N_SERVICES 6
#define LINLI_SITE_MAX_CAPACITY 10000000u  /* households; what the file format accepts */
#define LINLI_SITE_MAX_COST     1e12       /* yuan */
#define LINLI_SITE_MAX_AREA     1e7        /* m²; what the file format accepts */
#define LINLI_SERVICES_ALL 0x3f

/* The plain values of a site, used to snapshot it for undo and to build it. */
typedef struct
{
  char           *id;
  char           *name;
  LinliSiteTier   tier;
  LinliSiteStatus status;
  double          lat;
  double          lon;
  guint           capacity;  /* households; 0 = not limited */
  guint           services;  /* LinliServices */
  char           *extra_services;
  double          cost;      /* negative = not given */
  LinliSitePlanRule plan_rule;
  char           *address;
  double          area;      /* floor area in m²; zero or negative = not given */
} LinliSiteState;

LinliSiteState *linli_site_state_copy  (const LinliSiteState *state);
void            linli_site_state_free  (LinliSiteState *state);
void            linli_site_state_clear (LinliSiteState *state);
gboolean        linli_site_state_equal (const LinliSiteState *a,
                                        const LinliSiteState *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliSiteState, linli_site_state_free)

const char *linli_site_tier_to_string     (LinliSiteTier tier);
gboolean    linli_site_tier_from_string   (const char    *str,
                                           LinliSiteTier *tier);
const char *linli_site_status_to_string   (LinliSiteStatus status);
gboolean    linli_site_status_from_string (const char      *str,
                                           LinliSiteStatus *status);
const char *linli_site_plan_rule_to_string   (LinliSitePlanRule rule);
gboolean    linli_site_plan_rule_from_string (const char        *str,
                                              LinliSitePlanRule *rule);
const char *linli_service_to_string       (LinliServices service);
gboolean    linli_service_from_string     (const char    *str,
                                           LinliServices *service);

#define LINLI_TYPE_SITE (linli_site_get_type ())
G_DECLARE_FINAL_TYPE (LinliSite, linli_site, LINLI, SITE, GObject)

LinliSite      *linli_site_new               (const LinliSiteState *state) G_GNUC_WARN_UNUSED_RESULT;

const char     *linli_site_get_id            (LinliSite *self);
const char     *linli_site_get_name          (LinliSite *self);
void            linli_site_set_name          (LinliSite  *self,
                                              const char *name);
LinliSiteTier   linli_site_get_tier          (LinliSite *self);
void            linli_site_set_tier          (LinliSite    *self,
                                              LinliSiteTier tier);
LinliSiteStatus linli_site_get_status        (LinliSite *self);
void            linli_site_set_status        (LinliSite      *self,
                                              LinliSiteStatus status);
double          linli_site_get_lat           (LinliSite *self);
double          linli_site_get_lon           (LinliSite *self);
void            linli_site_set_position      (LinliSite *self,
                                              double     lat,
                                              double     lon);
guint           linli_site_get_capacity      (LinliSite *self);
void            linli_site_set_capacity      (LinliSite *self,
                                              guint      capacity);
guint           linli_site_get_services      (LinliSite *self);
void            linli_site_set_services      (LinliSite *self,
                                              guint      services);
const char     *linli_site_get_extra_services (LinliSite *self);
void            linli_site_set_extra_services (LinliSite  *self,
                                               const char *extra);
double          linli_site_get_cost          (LinliSite *self);
void            linli_site_set_cost          (LinliSite *self,
                                              double     cost);
LinliSitePlanRule linli_site_get_plan_rule   (LinliSite *self);
void            linli_site_set_plan_rule     (LinliSite         *self,
                                              LinliSitePlanRule  rule);
const char     *linli_site_get_address       (LinliSite *self);
void            linli_site_set_address       (LinliSite  *self,
                                              const char *address);
double          linli_site_get_area          (LinliSite *self);
void            linli_site_set_area          (LinliSite *self,
                                              double     area);
gboolean        linli_site_counts_for_coverage (LinliSite *self);

LinliSiteState *linli_site_dup_state         (LinliSite *self) G_GNUC_WARN_UNUSED_RESULT;
void            linli_site_apply_state       (LinliSite            *self,
                                              const LinliSiteState *state);

G_END_DECLS
