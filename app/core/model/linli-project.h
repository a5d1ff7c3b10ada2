/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "linli-geo.h"
#include "linli-site.h"
#include "linli-streets.h"
#include "linli-water.h"

G_BEGIN_DECLS

#define LINLI_DEFAULT_WALK_MINUTES   10.0
#define LINLI_DEFAULT_WALK_SPEED_KMH 4.5

/* How far a site of one tier reaches.  GB 50180-2018 sets its life-circle
 * tiers as walking distances, shorter than minutes × speed because streets
 * detour; planners quote them beside their own walk. */
typedef enum
{
  LINLI_REACH_PROJECT,   /* the project's walk: its minutes × its speed */
  LINLI_REACH_WALK,      /* the tier's own minutes × the project's speed */
  LINLI_REACH_GB_5,      /* GB 50180-2018 5-minute life circle: 300 m */
  LINLI_REACH_GB_10,     /* 10-minute life circle: 500 m */
  LINLI_REACH_GB_15,     /* 15-minute life circle: 1,000 m (the standard says 800–1,000 m) */
  LINLI_N_REACH_RULES,
} LinliReachRule;

typedef struct
{
  LinliReachRule rule;
  double         minutes;  /* LINLI_REACH_WALK only: 1–120 */
} LinliReach;

typedef struct
{
  char *id;
  char *name;
} LinliCommunity;

typedef struct
{
  char *id;
  char *name;
  guint community;   /* index into the project's communities */
} LinliCompound;

/* Buildings are the hot data: a plain array of these, strings kept in one
 * string chunk, footprints in one shared array of points.
 */
typedef struct
{
  const char *id;
  const char *name;
  double      lat;
  double      lon;
  guint32     compound;        /* index into the project's compounds */
  guint32     households;
  guint32     residents;
  guint32     party_members;
  guint32     footprint_start; /* index into the footprint points */
  guint32     footprint_len;   /* 0 when the building has no footprint */
  guint32     flags;           /* LinliBuildingFlags */
  const char *kind;            /* what the source calls it (OSM building=*), "" when not known */
} LinliBuilding;

typedef enum
{
  LINLI_BUILDING_ESTIMATED = 1 << 0,  /* households and residents are estimates */
  LINLI_BUILDING_MEMBERS_UNKNOWN = 1 << 1,  /* the source gave no party members: party_members is 0
                                             * and means "not known", not "none" */
} LinliBuildingFlags;

/* How coverage measures the walk from a building to a site. */
typedef enum
{
  LINLI_DISTANCE_LINE,     /* straight line */
  LINLI_DISTANCE_STREET,   /* along the project's streets */
} LinliDistance;

#define LINLI_TYPE_PROJECT (linli_project_get_type ())
G_DECLARE_FINAL_TYPE (LinliProject, linli_project, LINLI, PROJECT, GObject)

LinliProject         *linli_project_new                (void) G_GNUC_WARN_UNUSED_RESULT;
LinliProject         *linli_project_copy               (LinliProject        *project) G_GNUC_WARN_UNUSED_RESULT;
LinliProject         *linli_project_copy_with_buildings (LinliProject        *src,
                                                         const LinliBuilding *buildings) G_GNUC_WARN_UNUSED_RESULT;

const char           *linli_project_get_name           (LinliProject *self);
void                  linli_project_set_name           (LinliProject *self,
                                                        const char   *name);
const char           *linli_project_get_attribution    (LinliProject *self);
void                  linli_project_set_attribution    (LinliProject *self,
                                                        const char   *attribution);
double                linli_project_get_walk_minutes   (LinliProject *self);
void                  linli_project_set_walk_minutes   (LinliProject *self,
                                                        double        minutes);
double                linli_project_get_walk_speed     (LinliProject *self);
void                  linli_project_set_walk_speed     (LinliProject *self,
                                                        double        kmh);
double                linli_project_get_coverage_radius (LinliProject *self);
void                  linli_project_get_tier_reach     (LinliProject  *self,
                                                        LinliSiteTier  tier,
                                                        LinliReach    *reach);
void                  linli_project_set_tier_reach     (LinliProject     *self,
                                                        LinliSiteTier     tier,
                                                        const LinliReach *reach);
double                linli_project_get_reach          (LinliProject  *self,
                                                        LinliSiteTier  tier);
double                linli_project_get_site_reach     (LinliProject *self,
                                                        LinliSite    *site);
double                linli_project_get_max_reach      (LinliProject *self);
gboolean              linli_project_has_tier_reaches   (LinliProject *self);
char                 *linli_project_describe_reach     (LinliProject  *self,
                                                        LinliDistance  distance) G_GNUC_WARN_UNUSED_RESULT;
gboolean              linli_reach_is_valid             (const LinliReach *reach);
gboolean              linli_reach_equal                (const LinliReach *a,
                                                        const LinliReach *b);
char                 *linli_reach_to_string            (const LinliReach *reach) G_GNUC_WARN_UNUSED_RESULT;
gboolean              linli_reach_from_string          (const char *string,
                                                        LinliReach *reach);
LinliDistance         linli_project_get_distance       (LinliProject *self);
void                  linli_project_set_distance       (LinliProject  *self,
                                                        LinliDistance  distance);
const char           *linli_distance_to_string         (LinliDistance distance);
gboolean              linli_distance_from_string       (const char    *string,
                                                        LinliDistance *distance);

const LinliStreets   *linli_project_get_streets        (LinliProject *self);
void                  linli_project_set_streets        (LinliProject *self,
                                                        LinliStreets *streets);
gboolean              linli_project_has_streets        (LinliProject *self);
guint                 linli_project_get_streets_serial (LinliProject *self);

const LinliWater     *linli_project_get_water          (LinliProject *self);
void                  linli_project_set_water          (LinliProject *self,
                                                        LinliWater   *water);
gboolean              linli_project_has_water          (LinliProject *self);

guint                 linli_project_add_community      (LinliProject *self,
                                                        const char   *id,
                                                        const char   *name);
guint                 linli_project_get_n_communities  (LinliProject *self);
const LinliCommunity *linli_project_get_community      (LinliProject *self,
                                                        guint         index);
int                   linli_project_find_community     (LinliProject *self,
                                                        const char   *id);

guint                 linli_project_add_compound       (LinliProject *self,
                                                        const char   *id,
                                                        const char   *name,
                                                        guint         community);
guint                 linli_project_get_n_compounds    (LinliProject *self);
const LinliCompound  *linli_project_get_compound       (LinliProject *self,
                                                        guint         index);
int                   linli_project_find_compound      (LinliProject *self,
                                                        const char   *id);

guint                 linli_project_add_building       (LinliProject        *self,
                                                        const LinliBuilding *building,
                                                        const LinliLatLon   *footprint,
                                                        guint                n_footprint);
void                  linli_project_set_footprint      (LinliProject      *self,
                                                        guint              building,
                                                        const LinliLatLon *footprint,
                                                        guint              n_footprint);
void                  linli_project_set_building_flags (LinliProject *self,
                                                        guint         building,
                                                        guint32       flags);
guint                 linli_project_get_n_buildings    (LinliProject *self);
const LinliBuilding  *linli_project_get_building       (LinliProject *self,
                                                        guint         index);
const LinliBuilding  *linli_project_get_buildings      (LinliProject *self);
const LinliLatLon    *linli_project_get_footprint      (LinliProject *self,
                                                        guint         building,
                                                        guint        *n_points);
guint                 linli_project_building_community (LinliProject *self,
                                                        guint         building);

/* Changes of the base data, for undoable edits (linli-base-edits.h). */
guint                 linli_project_get_base_serial    (LinliProject *self);
void                  linli_project_set_building_fields (LinliProject        *self,
                                                         guint                building,
                                                         const LinliBuilding *fields);
void                  linli_project_insert_community   (LinliProject *self,
                                                        guint         index,
                                                        const char   *id,
                                                        const char   *name);
void                  linli_project_remove_community   (LinliProject *self,
                                                        guint         index);
void                  linli_project_set_community_name (LinliProject *self,
                                                        guint         index,
                                                        const char   *name);
void                  linli_project_insert_compound    (LinliProject *self,
                                                        guint         index,
                                                        const char   *id,
                                                        const char   *name,
                                                        guint         community);
void                  linli_project_remove_compound    (LinliProject *self,
                                                        guint         index);
void                  linli_project_set_compound       (LinliProject *self,
                                                        guint         index,
                                                        const char   *name,
                                                        guint         community);

GListModel           *linli_project_get_sites          (LinliProject *self);
guint                 linli_project_get_n_sites        (LinliProject *self);
LinliSite            *linli_project_get_site           (LinliProject *self,
                                                        guint         position);
LinliSite            *linli_project_find_site          (LinliProject *self,
                                                        const char   *id,
                                                        guint        *position);
void                  linli_project_insert_site        (LinliProject *self,
                                                        guint         position,
                                                        LinliSite    *site);
void                  linli_project_add_site           (LinliProject *self,
                                                        LinliSite    *site);
void                  linli_project_remove_site        (LinliProject *self,
                                                        LinliSite    *site);
char                 *linli_project_new_site_id        (LinliProject *self) G_GNUC_WARN_UNUSED_RESULT;
void                  linli_project_freeze_changed     (LinliProject *self);
void                  linli_project_thaw_changed       (LinliProject *self);

const LinliProjection *linli_project_get_projection    (LinliProject *self);
char                 *linli_project_check_positions    (LinliProject *self,
                                                        LinliExtent  *extent) G_GNUC_WARN_UNUSED_RESULT;
gboolean              linli_project_get_bounds         (LinliProject *self,
                                                        double       *min_lat,
                                                        double       *min_lon,
                                                        double       *max_lat,
                                                        double       *max_lon);

typedef struct _LinliGrids LinliGrids;
typedef struct _LinliOrg   LinliOrg;
typedef struct _LinliScenarios LinliScenarios;
typedef struct _LinliPartners LinliPartners;

LinliGrids           *linli_project_get_grids          (LinliProject *self);
LinliOrg             *linli_project_get_org            (LinliProject *self);
LinliScenarios       *linli_project_get_scenarios      (LinliProject *self);
LinliPartners        *linli_project_get_partners       (LinliProject *self);

gboolean              linli_project_get_hide_names     (LinliProject *self);
void                  linli_project_set_hide_names     (LinliProject *self,
                                                        gboolean      hide);
const char           *linli_project_person             (LinliProject *self,
                                                        const char   *name);

G_END_DECLS
