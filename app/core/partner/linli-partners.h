/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "linli-partner-rules.h"

G_BEGIN_DECLS

/* Partner units (共建单位) and the lists a street office keeps of them: the
 * categories of what is offered and needed, the units with their resource
 * items (资源清单), the needs of communities, compounds and grids (需求清单),
 * the services delivered (服务清单) and their evaluations (评价清单).
 *
 * Every item is a plain value with a stable string id; what refers to
 * another item (a need to its category, a record to its unit) refers by
 * id, so a registry can later store the same values.  Places are referred
 * to by the id of a community, compound or grid of the project.
 */

/* What kind of organisation a unit is. */
typedef enum
{
  LINLI_PARTNER_UNIT_AGENCY,        /* 机关 */
  LINLI_PARTNER_UNIT_ENTERPRISE,    /* 企业 */
  LINLI_PARTNER_UNIT_SCHOOL,        /* 学校 */
  LINLI_PARTNER_UNIT_HOSPITAL,      /* 医院 */
  LINLI_PARTNER_UNIT_MARKET,        /* 市场 */
  LINLI_PARTNER_UNIT_PROPERTY,      /* 物业 */
  LINLI_PARTNER_UNIT_SOCIAL,        /* 社会组织 */
  LINLI_PARTNER_UNIT_OTHER,
} LinliPartnerUnitType;

#define LINLI_PARTNER_UNIT_N_TYPES (LINLI_PARTNER_UNIT_OTHER + 1)

const char *linli_partner_unit_type_to_string   (LinliPartnerUnitType  type);
gboolean    linli_partner_unit_type_from_string (const char           *string,
                                                 LinliPartnerUnitType *type);
const char *linli_partner_unit_type_get_label   (LinliPartnerUnitType  type);

/* Where a need is. */
typedef enum
{
  LINLI_PARTNER_PLACE_COMMUNITY,
  LINLI_PARTNER_PLACE_COMPOUND,
  LINLI_PARTNER_PLACE_GRID,
} LinliPartnerPlaceKind;

const char *linli_partner_place_kind_to_string   (LinliPartnerPlaceKind  kind);
gboolean    linli_partner_place_kind_from_string (const char            *string,
                                                  LinliPartnerPlaceKind *kind);

/* The period a resource item's capacity and a need's quantity are given for. */
typedef enum
{
  LINLI_PARTNER_PERIOD_WEEK,
  LINLI_PARTNER_PERIOD_MONTH,
  LINLI_PARTNER_PERIOD_QUARTER,
  LINLI_PARTNER_PERIOD_YEAR,
} LinliPartnerPeriod;

const char *linli_partner_period_to_string   (LinliPartnerPeriod  period);
gboolean    linli_partner_period_from_string (const char         *string,
                                              LinliPartnerPeriod *period);
double      linli_partner_period_per_month   (LinliPartnerPeriod  period);

/* The lists the model holds; the generic accessors and the edits take one. */
typedef enum
{
  LINLI_PARTNER_LIST_CATEGORIES,
  LINLI_PARTNER_LIST_UNITS,
  LINLI_PARTNER_LIST_NEEDS,
  LINLI_PARTNER_LIST_RECORDS,
  LINLI_PARTNER_LIST_EVALUATIONS,
} LinliPartnerList;

#define LINLI_PARTNER_N_LISTS (LINLI_PARTNER_LIST_EVALUATIONS + 1)

/* A category of what units offer and places need.  The built-in ones have
 * stable ids and English names that are translated when shown; a street
 * office adds its own, whose names are shown as given. */
typedef struct
{
  char     *id;
  char     *name;
  gboolean  builtin;
} LinliPartnerCategory;

/* One resource item of a unit: @quantity of what it has (30 volunteers, one
 * hall) and the @capacity it can give per @period in the category's measure
 * (120 hours a month), which is what the assignment shares out. */
typedef struct
{
  char               *category;
  double              quantity;
  char               *measure;    /* as the office writes it ("hours", "次"); may be NULL */
  double              capacity;
  LinliPartnerPeriod  period;
} LinliPartnerResource;

typedef struct
{
  char                 *id;
  char                 *name;
  LinliPartnerUnitType  type;
  char                 *address;
  gboolean              has_position;
  double                lat;
  double                lon;
  char                 *contact;     /* a person: shown through linli_project_person() */

  guint                 members;     /* party members reporting (双报到) */
  LinliPartnerResource *resources;
  guint                 n_resources;
} LinliPartnerUnit;

/* A need of a place: @quantity per @period of a category, and a priority
 * (1 lowest … 100); met quantity counts priority times over. */
typedef struct
{
  char                  *id;
  LinliPartnerPlaceKind  place_kind;
  char                  *place;      /* id of the community, compound or grid */
  char                  *category;
  double                 quantity;
  guint                  priority;
  char                  *note;
  LinliPartnerPeriod     period;
} LinliPartnerNeed;

#define LINLI_PARTNER_MAX_PRIORITY 100u

/* A service delivered (服务清单): by which unit, to which place, in which
 * category, on which day (YYYY-MM-DD), how many hours, by whom (a person). */
typedef struct
{
  char                  *id;
  char                  *unit;
  char                  *need;        /* the need it answered, or NULL */
  LinliPartnerPlaceKind  place_kind;
  char                  *place;
  char                  *category;
  char                  *date;
  double                 hours;
  char                  *person;      /* personal data */
  char                  *note;
} LinliServiceRecord;

/* An evaluation (评价清单) of a service record: a score 1–5 and a comment. */
typedef struct
{
  char  *id;
  char  *record;
  guint  score;
  char  *comment;
} LinliServiceEvaluation;

#define LINLI_PARTNER_MAX_SCORE 5u

gpointer  linli_partner_item_copy   (LinliPartnerList list,
                                     gconstpointer    item) G_GNUC_WARN_UNUSED_RESULT;
void      linli_partner_item_free   (LinliPartnerList list,
                                     gpointer         item);
gboolean  linli_partner_item_equal  (LinliPartnerList list,
                                     gconstpointer    a,
                                     gconstpointer    b);
const char *linli_partner_item_get_id (LinliPartnerList list,
                                       gconstpointer    item);

gboolean  linli_partner_date_is_valid (const char *date);

/* One pair of an accepted assignment: what unit @unit gives need @need, in
 * the need's category, per month, and how far apart they are. */
typedef struct
{
  char   *unit;
  char   *need;
  char   *category;
  double  quantity;   /* per month */
  double  distance;   /* metres */
} LinliPartnerPair;

/* The assignment a street office accepted (包保 as decided): its pairs, whether
 * the distances were straight lines, and whether units or needs changed
 * since it was accepted. */
typedef struct
{
  LinliPartnerPair *pairs;
  guint             n_pairs;
  gboolean          straight_line;
  gboolean          out_of_date;
} LinliPartnerAssignment;

LinliPartnerAssignment *linli_partner_assignment_copy  (const LinliPartnerAssignment *assignment)
  G_GNUC_WARN_UNUSED_RESULT;
void                    linli_partner_assignment_free  (LinliPartnerAssignment *assignment);
gboolean                linli_partner_assignment_equal (const LinliPartnerAssignment *a,
                                                        const LinliPartnerAssignment *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPartnerAssignment, linli_partner_assignment_free)

#define LINLI_TYPE_PARTNERS (linli_partners_get_type ())
G_DECLARE_FINAL_TYPE (LinliPartners, linli_partners, LINLI, PARTNERS, GObject)

LinliPartners *linli_partners_new              (void) G_GNUC_WARN_UNUSED_RESULT;
void           linli_partners_copy_from        (LinliPartners *self,
                                                LinliPartners *source);
gboolean       linli_partners_is_empty         (LinliPartners *self);
guint          linli_partners_get_serial       (LinliPartners *self);

guint          linli_partners_get_n            (LinliPartners    *self,
                                                LinliPartnerList  list);
gconstpointer  linli_partners_get              (LinliPartners    *self,
                                                LinliPartnerList  list,
                                                guint             position);
gconstpointer  linli_partners_find             (LinliPartners    *self,
                                                LinliPartnerList  list,
                                                const char       *id,
                                                guint            *position);
void           linli_partners_insert           (LinliPartners    *self,
                                                LinliPartnerList  list,
                                                guint             position,
                                                gconstpointer     item);
void           linli_partners_replace          (LinliPartners    *self,
                                                LinliPartnerList  list,
                                                guint             position,
                                                gconstpointer     item);
void           linli_partners_remove           (LinliPartners    *self,
                                                LinliPartnerList  list,
                                                guint             position);
char          *linli_partners_new_id           (LinliPartners    *self,
                                                LinliPartnerList  list) G_GNUC_WARN_UNUSED_RESULT;

const LinliPartnerAssignment *
               linli_partners_get_assignment   (LinliPartners                *self);
void           linli_partners_set_assignment   (LinliPartners                *self,
                                                const LinliPartnerAssignment *assignment);

const LinliPartnerRules *
               linli_partners_get_rules        (LinliPartners                *self);
void           linli_partners_set_rules        (LinliPartners                *self,
                                                const LinliPartnerRules      *rules);
void           linli_partners_keep_rules       (LinliPartners                *self,
                                                const LinliPartnerRules      *rules);

const char    *linli_partners_category_label   (LinliPartners *self,
                                                const char    *id);
gboolean       linli_partners_category_in_use  (LinliPartners *self,
                                                const char    *id);

const char    *linli_partners_get_registry     (LinliPartners *self);
void           linli_partners_set_registry     (LinliPartners *self,
                                                const char    *registry);

/* Typed getters of the generic ones, for readability. */
static inline const LinliPartnerCategory *
linli_partners_get_category (LinliPartners *self,
                             guint          position)
{
  return linli_partners_get (self, LINLI_PARTNER_LIST_CATEGORIES, position);
}

static inline const LinliPartnerUnit *
linli_partners_get_unit (LinliPartners *self,
                         guint          position)
{
  return linli_partners_get (self, LINLI_PARTNER_LIST_UNITS, position);
}

static inline const LinliPartnerNeed *
linli_partners_get_need (LinliPartners *self,
                         guint          position)
{
  return linli_partners_get (self, LINLI_PARTNER_LIST_NEEDS, position);
}

static inline const LinliServiceRecord *
linli_partners_get_record (LinliPartners *self,
                           guint          position)
{
  return linli_partners_get (self, LINLI_PARTNER_LIST_RECORDS, position);
}

static inline const LinliServiceEvaluation *
linli_partners_get_evaluation (LinliPartners *self,
                               guint          position)
{
  return linli_partners_get (self, LINLI_PARTNER_LIST_EVALUATIONS, position);
}

G_END_DECLS
