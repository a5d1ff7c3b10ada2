/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-generator"

#include "linli-generator.h"
#include "linli-generator-private.h"

#include <math.h>
#include <string.h>

#include "linli-spatial.h"

/* The generator works in four passes, all driven by one GRand:
 *
 *  1. plan compounds one after another, each with its buildings laid out in
 *     rows in the compound's own frame, until the wanted number of buildings
 *     is reached;
 *  2. cut the sequence of compounds into communities of 10,000–30,000
 *     residents;
 *  3. pack the compounds of each community, with non-residential blocks
 *     between them, into a rectangle, and pack the communities into the
 *     district, leaving streets between all blocks;
 *     Streets run along the middle of those gaps, with a gated lane into
 *     each compound (from one side only, so walking around a compound is
 *     a detour, as in life);
 *  4. write everything into the project and place the sites: the centres
 *     first, then just enough existing stations to reach a realistic share
 *     of covered households, then the candidates.
 *
 * Nothing depends on hash table iteration order; the hash tables here are
 * only asked whether a name is taken.
 */

/* Auxiliary methods */

typedef enum
{
  KIND_LANE,    /* 2–3 storey lane houses (里弄、平房) */
  KIND_WALKUP,  /* 6-storey walk-up slabs (多层) */
  KIND_TOWER,   /* 18–33 storey towers (高层) */
  N_KINDS,
} Kind;

typedef struct
{
  double pitch_x;   /* slot width, east–west, metres */
  double pitch_y;   /* row spacing, north–south, metres */
  guint  cols_min;  /* slots per row */
  guint  cols_max;
  guint  size_min;  /* buildings per compound */
  guint  size_max;
} KindShape;

/* Walk-ups are slabs of up to 60 × 12 m with 25 m between rows; towers of
 * about 25 × 25 m stand 35–45 m apart; lane houses are small and dense.
 */
static const KindShape kind_shapes[N_KINDS] = {
  [KIND_LANE] = { 16, 13, 4, 8, 15, 40 },
  [KIND_WALKUP] = { 72, 37, 1, 4, 8, 40 },
  [KIND_TOWER] = { 62, 70, 2, 4, 5, 16 },
};

/* Communities are cut so that none leaves the 10,000–30,000 range; this
 * relies on no compound holding more than MAX_COMPOUND_RESIDENTS residents
 * (40 walk-ups of 56 households at 3.0 residents, some replaced by towers,
 * stay below it).
 */
#define MIN_COMMUNITY_RESIDENTS 10000
#define MAX_COMMUNITY_RESIDENTS 30000
#define MAX_COMPOUND_RESIDENTS  8000

typedef struct
{
  Kind    kind;
  guint32 households;
  guint32 residents;
  guint32 party_members;
  double  x;            /* centre; compound frame, then district frame */
  double  y;
  float   w;            /* footprint, east–west and north–south */
  float   h;
} PlanBuilding;

typedef struct
{
  guint       first;     /* first building */
  guint       n;         /* number of buildings */
  Kind        kind;
  guint       residents;
  double      x;         /* south-west corner; community frame, then district frame */
  double      y;
  double      w;
  double      h;
  guint       community;
  guint       number;    /* 1-based within its community */
  const char *name;
} PlanCompound;

typedef struct
{
  guint       first;     /* first compound */
  guint       n;         /* number of compounds */
  double      x;
  double      y;
  double      w;
  double      h;
  const char *name;
} PlanCommunity;

typedef struct
{
  double w;
  double h;
  int    index;     /* of the compound or community; -1 for a non-residential block */
} Block;

typedef struct
{
  GRand           *rng;
  double           lane_share;
  LinliProject    *project;
  LinliProjection  proj;
  GArray          *buildings;     /* PlanBuilding */
  GArray          *compounds;     /* PlanCompound */
  GArray          *communities;   /* PlanCommunity */
  GStringChunk    *strings;
  GHashTable      *used_names;    /* set of every name given out */
  GHashTable      *base_counts;   /* compound base name → times used */
  GPtrArray       *community_bases;
  guint            next_community_base;
  guint            n_sites;
  gboolean         streets;
  gboolean         canal;
  double           canal_x1, canal_x2, canal_y, canal_width;  /* district frame; width 0: none */
  GArray          *lines;         /* Line: street centre lines, community frame then district */

  /* Coverage of the sites placed so far, in metres around the centre. */
  LinliPointIndex *building_index;
  guint8          *covered;
  double           radius;
  guint64          households;
  guint64          households_covered;
} Generator;

static const char * const district_names[] = {
  "拱宸桥", "米市巷", "湖墅", "小河", "和睦", "大关", "上塘", "祥符", "半山", "康桥",
  "石桥", "东新", "文晖", "潮鸣", "长庆", "天水", "武林", "朝晖", "闸弄口", "凯旋",
  "采荷", "四季青", "笕桥", "彭埠", "九堡", "丁桥", "南星", "紫阳", "清波", "湖滨",
  "小营", "望江", "北山", "翠苑", "文新", "古荡", "蒋村", "留下", "转塘", "长河",
};

static const char * const community_names[] = {
  "朝晖", "和睦", "文晖", "德胜", "大关", "新华", "东园", "西园", "南苑", "北苑",
  "长征", "红旗", "胜利", "光明", "幸福", "建设", "友谊", "和平", "团结", "青年",
  "桃源", "翠苑", "紫荆", "运河", "拱北", "香积", "华丰", "新风", "德苑", "瓜山",
  "永庆", "蔡马", "信义", "叶青", "明月", "春晖", "阳光", "锦绣", "康乐", "安居",
  "兴隆", "振华", "育才", "景华", "枫林", "桂花", "梅园", "兰亭", "竹林", "松林",
  "柳营", "杨柳", "荷花", "石塘", "湖光", "清泰", "新塘", "三塘", "双桥", "东方",
  "北城", "西溪", "复兴", "望江", "海月", "金沙", "银湖", "碧水", "文锦", "宝善",
  "仁和", "庆丰", "丰收", "国强", "民生", "永和", "和谐", "新民", "惠民", "利民",
  "安民", "福星", "瑞祥", "吉祥", "长寿", "常青", "绿园", "翠竹", "紫薇", "丹桂",
};

/* Further community names are made by pairing these. */
static const char * const name_first[] = {
  "新", "东", "西", "南", "北", "和", "安", "康", "福", "兴", "永", "长", "华", "文", "明",
  "德", "春", "秋", "金", "银", "青", "翠", "宝", "庆", "瑞", "嘉", "锦", "绿", "景", "望",
};

static const char * const name_second[] = {
  "华", "园", "苑", "城", "桥", "塘", "湾", "河", "阳", "泰", "丰", "兴", "安", "和",
  "宁", "乐", "康", "平", "林", "山", "湖", "溪", "港", "源", "庄", "坊", "景", "晖",
};

static const char * const compound_prefixes[] = {
  "锦绣", "和平", "香樟", "翠竹", "金都", "阳光", "绿城", "碧水", "紫金", "东方",
  "春江", "明月", "桂花", "枫丹", "玉泉", "望湖", "湖畔", "运河", "嘉禾", "康城",
  "景华", "丽景", "富春", "天水", "朝阳", "文澜", "杨柳", "樱花", "海棠", "兰亭",
  "芳草", "清水", "荷塘", "长乐", "永安", "安居", "怡景", "雅居", "星河", "金色",
  "银座", "世纪", "新城", "宝石", "松鹤", "白云", "青枫", "梧桐", "银杏", "紫荆",
  "丹桂", "秀水", "半山", "西子", "南湖", "东湖", "左岸", "理想", "蓝天", "和睦",
  "德胜", "大关", "小河", "胜利", "红星", "建华", "工人", "米市", "仓基", "稻香",
  "沈塘", "信义", "仁和", "宝善", "长寿", "吉祥", "瑞景", "华丰", "新华", "朝晖",
  "文晖", "潮鸣", "凤起", "庆春", "现代", "幸福", "万家", "九洲", "五洲", "钱塘",
};

static const char * const lane_suffixes[] = { "里", "坊", "弄", "巷", "村", "台" };
static const char * const walkup_suffixes[] = {
  "新村", "苑", "家园", "小区", "北苑", "南苑", "东苑", "西苑",
};
static const char * const tower_suffixes[] = {
  "花园", "府", "名苑", "华庭", "嘉园", "公寓", "雅苑", "城", "湾",
};

static const char * const street_names[] = {
  "湖墅路", "上塘路", "莫干山路", "丽水路", "登云路", "金华路", "大关路", "东新路", "石祥路",
  "杭行路", "文一路", "文二路", "文三路", "学院路", "教工路", "体育场路", "环城北路",
  "中山北路", "建国北路", "凤起路", "庆春路", "秋涛路", "新塘路", "德胜路", "香积寺路",
  "祥园路", "长浜路", "舟山东路", "湖州街", "台州路", "绍兴路", "沈半路", "隐秀路",
  "晓风路", "小河路", "通益路", "丰潭路", "古墩路", "余杭塘路", "花园岗街",
};

static const char * const extra_services[] = {
  "图书室", "法律咨询", "老年食堂", "四点半课堂", "党员活动室", "志愿者驿站", "心理咨询",
};

static double
round7 (double v)
{
  return round (v * 1e7) / 1e7;
}

/* A whole number from @lo to @hi, both included. */
static guint
int_range (GRand *rng,
           guint  lo,
           guint  hi)
{
  return (guint) g_rand_int_range (rng, (gint32) lo, (gint32) hi + 1);
}

static const char *
pick (GRand              *rng,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (rng, 0, (gint32) n)];
}

static void
shuffle (GRand    *rng,
         gpointer *items,
         guint     n)
{
  for (guint i = n; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rng, 0, (gint32) i);
      gpointer tmp = items[i - 1];

      items[i - 1] = items[j];
      items[j] = tmp;
    }
}

/* Appends @n in Chinese numerals, as in 二, 十一, 一百零五. */
static void
append_chinese_number (GString *s,
                       guint    n)
{
  static const char * const digits[] = {
    "零", "一", "二", "三", "四", "五", "六", "七", "八", "九",
  };
  static const char * const units[] = { "", "十", "百", "千" };
  guint d[4];
  gboolean started = FALSE, zero = FALSE;

  if (n == 0 || n >= 10000)
    {
      g_string_append_printf (s, "%u", n);
      return;
    }
  d[0] = n / 1000;
  d[1] = n / 100 % 10;
  d[2] = n / 10 % 10;
  d[3] = n % 10;
  for (guint i = 0; i < 4; i++)
    {
      guint unit = 3 - i;

      if (d[i] == 0)
        {
          zero = started;
          continue;
        }
      if (zero)
        g_string_append (s, digits[0]);
      zero = FALSE;
      /* 十一, not 一十一. */
      if (!(d[i] == 1 && unit == 1 && !started))
        g_string_append (s, digits[d[i]]);
      g_string_append (s, units[unit]);
      started = TRUE;
    }
}

/* Records @name as used; returns the stored copy, or %NULL if it was taken. */
static const char *
claim_name (Generator  *gen,
            const char *name)
{
  const char *stored;

  if (g_hash_table_contains (gen->used_names, name))
    return NULL;
  stored = g_string_chunk_insert_const (gen->strings, name);
  g_hash_table_add (gen->used_names, (gpointer) stored);
  return stored;
}

static const char *
make_district_name (Generator *gen)
{
  const char *place = pick (gen->rng, district_names, G_N_ELEMENTS (district_names));
  g_autofree char *name = g_strconcat (place, "街道", NULL);

  return g_string_chunk_insert_const (gen->strings, name);
}

/* Community names come from the curated list in a shuffled order, then
 * from pairs of characters, then again with a number: 朝晖二社区.
 */
static void
init_community_bases (Generator *gen)
{
  GPtrArray *pairs = g_ptr_array_new ();

  gen->community_bases = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (community_names); i++)
    g_ptr_array_add (gen->community_bases, (gpointer) community_names[i]);
  shuffle (gen->rng, gen->community_bases->pdata, gen->community_bases->len);

  for (guint i = 0; i < G_N_ELEMENTS (name_first); i++)
    for (guint j = 0; j < G_N_ELEMENTS (name_second); j++)
      {
        g_autofree char *pair = NULL;

        if (g_strcmp0 (name_first[i], name_second[j]) == 0)
          continue;
        pair = g_strconcat (name_first[i], name_second[j], NULL);
        g_ptr_array_add (pairs, (gpointer) g_string_chunk_insert_const (gen->strings, pair));
      }
  shuffle (gen->rng, pairs->pdata, pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    g_ptr_array_add (gen->community_bases, pairs->pdata[i]);
  g_ptr_array_unref (pairs);
}

static const char *
make_community_name (Generator *gen)
{
  g_autoptr (GString) s = g_string_new (NULL);

  for (;;)
    {
      guint i = gen->next_community_base++;
      guint round_ = i / gen->community_bases->len;
      const char *stored;

      g_string_assign (s, g_ptr_array_index (gen->community_bases, i % gen->community_bases->len));
      if (round_ > 0)
        append_chinese_number (s, round_ + 1);
      g_string_append (s, "社区");
      stored = claim_name (gen, s->str);
      if (stored != NULL)
        return stored;
    }
}

static const char *
make_compound_name (Generator *gen,
                    Kind       kind)
{
  const char * const *suffixes;
  guint n_suffixes;
  g_autofree char *base = NULL;
  g_autoptr (GString) s = g_string_new (NULL);
  const char *stored;
  guint count;

  switch (kind)
    {
    case KIND_LANE:
      suffixes = lane_suffixes;
      n_suffixes = G_N_ELEMENTS (lane_suffixes);
      break;
    case KIND_WALKUP:
      suffixes = walkup_suffixes;
      n_suffixes = G_N_ELEMENTS (walkup_suffixes);
      break;
    case KIND_TOWER:
    case N_KINDS:
    default:
      suffixes = tower_suffixes;
      n_suffixes = G_N_ELEMENTS (tower_suffixes);
      break;
    }

  /* Try a few fresh names, then number the last one: 锦绣苑二区, 星河湾三期. */
  for (guint attempt = 0; attempt < 6; attempt++)
    {
      const char *prefix = pick (gen->rng, compound_prefixes, G_N_ELEMENTS (compound_prefixes));
      const char *suffix = pick (gen->rng, suffixes, n_suffixes);

      g_free (base);
      base = g_strconcat (prefix, suffix, NULL);
      stored = claim_name (gen, base);
      if (stored != NULL)
        {
          g_hash_table_insert (gen->base_counts, (gpointer) stored, GUINT_TO_POINTER (1));
          return stored;
        }
    }

  count = GPOINTER_TO_UINT (g_hash_table_lookup (gen->base_counts, base));
  for (;;)
    {
      count++;
      g_string_assign (s, base);
      append_chinese_number (s, count);
      g_string_append (s, kind == KIND_TOWER || g_str_has_suffix (base, "区") ? "期" : "区");
      stored = claim_name (gen, s->str);
      if (stored != NULL)
        break;
    }
  g_hash_table_insert (gen->base_counts,
                       (gpointer) g_string_chunk_insert_const (gen->strings, base),
                       GUINT_TO_POINTER (count));
  return stored;
}

/* Pass 1: compounds and their buildings */

/* Lane compounds take @lane_share; the rest are walk-ups and towers, 3:2. */
static Kind
pick_kind (GRand  *rng,
           double  lane_share)
{
  double r = g_rand_double (rng);

  if (r < lane_share)
    return KIND_LANE;
  return (r - lane_share) < 0.6 * (1 - lane_share) ? KIND_WALKUP : KIND_TOWER;
}

static void
plan_building (Generator *gen,
               Kind       kind,
               double     cx,
               double     cy,
               double     slot_w,
               double     slot_h)
{
  GRand *rng = gen->rng;
  PlanBuilding b = { 0 };
  double w, h, jx, jy, per_household, member_share;

  b.kind = kind;
  switch (kind)
    {
    case KIND_LANE:
      b.households = int_range (rng, 2, 6);
      w = g_rand_double_range (rng, 8, 14);
      h = g_rand_double_range (rng, 6, 10);
      break;

    case KIND_WALKUP:
      {
        double r = g_rand_double (rng);
        guint units = r < 0.15 ? 2 : r < 0.5 ? 3 : 4;
        guint floors = int_range (rng, 5, 7);

        /* Each unit (单元) has two flats per floor and is about 15 m wide. */
        b.households = units * 2 * floors;
        w = units * g_rand_double_range (rng, 14, 16);
        h = g_rand_double_range (rng, 11, 13);
      }
      break;

    case KIND_TOWER:
    case N_KINDS:
    default:
      {
        guint floors = int_range (rng, 18, 33);
        guint per_floor = int_range (rng, 2, 4);

        b.households = floors * per_floor;
        w = 16 + 3 * per_floor + g_rand_double_range (rng, -1.5, 1.5);
        h = g_rand_double_range (rng, 21, 26);
      }
      break;
    }

  /* Not inside MAX (), which would draw the random number twice. */
  per_household = g_rand_double_range (rng, 2.2, 3.0);
  b.residents = MAX (1, (guint32) lround (b.households * per_household));
  member_share = g_rand_double_range (rng, 0.03, 0.08);
  b.party_members = MAX (1, (guint32) lround (b.residents * member_share));

  /* Not every building sits in the middle of its slot. */
  jx = MAX (0, (slot_w - w) / 4);
  jy = MAX (0, (slot_h - h) / 4);
  b.x = cx + (jx > 0 ? g_rand_double_range (rng, -jx, jx) : 0);
  b.y = cy + (jy > 0 ? g_rand_double_range (rng, -jy, jy) : 0);
  b.w = (float) w;
  b.h = (float) h;
  g_array_append_val (gen->buildings, b);
}

/* Lays out @size buildings in rows, in the compound's own frame with the
 * south-west corner at 0, 0.  A compound is mostly of one kind; some have
 * one row of another kind, older or newer than the rest.
 */
static void
plan_compound (Generator *gen,
               Kind       kind,
               guint      size)
{
  GRand *rng = gen->rng;
  const KindShape *shape = &kind_shapes[kind];
  PlanCompound c = { 0 };
  Kind other = kind;
  guint cols, n_other = 0, other_cols = 0, n_main;
  double margin, inner_w, y;

  c.first = gen->buildings->len;
  c.n = size;
  c.kind = kind;

  /* About as deep as wide. */
  cols = (guint) lround (sqrt (size * shape->pitch_y / shape->pitch_x) *
                         g_rand_double_range (rng, 0.8, 1.25));
  cols = CLAMP (cols, shape->cols_min, shape->cols_max);
  cols = CLAMP (cols, 1, size);
  inner_w = cols * shape->pitch_x;

  if (size >= 10 && g_rand_double (rng) < 0.25)
    {
      if (kind == KIND_WALKUP)
        other = g_rand_boolean (rng) ? KIND_LANE : KIND_TOWER;
      else
        other = KIND_WALKUP;
      other_cols = (guint) floor (inner_w / kind_shapes[other].pitch_x);
      n_other = MIN (other_cols, size / 4);
    }
  n_main = size - n_other;

  margin = g_rand_double_range (rng, 6, 12);
  y = margin;
  for (guint placed = 0; placed < n_main; placed += cols)
    {
      guint in_row = MIN (cols, n_main - placed);

      for (guint j = 0; j < in_row; j++)
        plan_building (gen, kind, margin + (j + 0.5) * shape->pitch_x, y + shape->pitch_y / 2,
                       shape->pitch_x, shape->pitch_y);
      y += shape->pitch_y;
    }
  if (n_other > 0)
    {
      double pitch_x = inner_w / other_cols;
      double pitch_y = kind_shapes[other].pitch_y;

      for (guint j = 0; j < n_other; j++)
        plan_building (gen, other, margin + (j + 0.5) * pitch_x, y + pitch_y / 2, pitch_x, pitch_y);
      y += pitch_y;
    }

  c.w = inner_w + 2 * margin;
  c.h = y + margin;
  for (guint i = c.first; i < c.first + c.n; i++)
    c.residents += g_array_index (gen->buildings, PlanBuilding, i).residents;
  c.name = make_compound_name (gen, kind);
  g_array_append_val (gen->compounds, c);
}

static void
plan_compounds (Generator *gen,
                guint      n_buildings)
{
  guint done = 0;
  Kind kind = pick_kind (gen->rng, gen->lane_share);

  while (done < n_buildings)
    {
      const KindShape *shape;
      guint remaining = n_buildings - done;
      guint size;

      /* Neighbouring compounds tend to be of the same age. */
      if (done > 0 && g_rand_double (gen->rng) >= 0.5)
        kind = pick_kind (gen->rng, gen->lane_share);
      shape = &kind_shapes[kind];
      size = int_range (gen->rng, shape->size_min, shape->size_max);

      /* Hit the wanted number exactly without leaving a compound of fewer
       * than 5 buildings at the end; only a district of fewer than 5
       * buildings has a smaller compound.
       */
      if (size >= remaining)
        size = remaining;
      else if (remaining - size < 5)
        size = remaining <= shape->size_max ? remaining : remaining - 5;

      plan_compound (gen, kind, size);
      done += size;
    }
}

/* Pass 2: communities */

static void
plan_communities (Generator *gen)
{
  guint64 remaining = 0;
  guint start = 0;
  guint n_compounds = gen->compounds->len;

  for (guint i = 0; i < n_compounds; i++)
    remaining += g_array_index (gen->compounds, PlanCompound, i).residents;

  while (start < n_compounds)
    {
      PlanCommunity comm = { 0 };
      guint64 target, sum = 0;
      guint end = start;

      /* Take the rest when it fits in one community; split what would fit in
       * two evenly; otherwise aim somewhere in the middle of the range.  The
       * cut goes at the compound boundary closest to the target, so it misses
       * by at most half a compound (4,000 residents): halves of 30,000–48,000
       * and targets of 15,000–22,000 both stay within 10,000–30,000, and what
       * is left after a target is at least 22,000.
       */
      if (remaining <= MAX_COMMUNITY_RESIDENTS)
        target = remaining;
      else if (remaining <= 48000)
        target = remaining / 2;
      else
        target = int_range (gen->rng, 15000, 22000);

      while (end < n_compounds)
        {
          guint r = g_array_index (gen->compounds, PlanCompound, end).residents;

          if (sum + r <= target)
            {
              sum += r;
              end++;
              continue;
            }
          if (end == start || sum + r - target < target - sum)
            {
              sum += r;
              end++;
            }
          break;
        }

      comm.first = start;
      comm.n = end - start;
      comm.name = make_community_name (gen);
      for (guint i = start; i < end; i++)
        {
          PlanCompound *c = &g_array_index (gen->compounds, PlanCompound, i);

          c->community = gen->communities->len;
          c->number = i - start + 1;
        }
      g_array_append_val (gen->communities, comm);
      remaining -= sum;
      start = end;
    }
}

/* Pass 3: layout */

typedef enum
{
  LINE_DISTRICT,
  LINE_COMMUNITY,
  LINE_COMPOUND,
} LineLevel;

/* An axis-parallel street centre line. */
typedef struct
{
  double    x1, y1, x2, y2;   /* x1 <= x2, y1 <= y2 */
  int       community;        /* whose frame it is in; -1: the district's */
  LineLevel level;
} Line;

static void
add_line (Generator *gen,
          double     x1,
          double     y1,
          double     x2,
          double     y2,
          int        community,
          LineLevel  level)
{
  Line l = { MIN (x1, x2), MIN (y1, y2), MAX (x1, x2), MAX (y1, y2), community, level };

  if (gen->streets)
    g_array_append_val (gen->lines, l);
}

/* Streets in the gaps of a packing made by pack_blocks(): one between each
 * two rows across the whole width, one between each two blocks of a row,
 * each reaching 20 m past its ends so that it crosses the streets there.
 */
static void
add_gap_streets (Generator   *gen,
                 const Block *blocks,
                 const double *xy,
                 guint        n,
                 double       width,
                 double       height,
                 int          community,
                 LineLevel    level)
{
  guint row_start = 0;

  while (row_start < n)
    {
      guint row_end = row_start + 1;
      double y0 = xy[2 * row_start + 1], row_h = blocks[row_start].h;

      while (row_end < n && xy[2 * row_end + 1] == y0)
        {
          row_h = MAX (row_h, blocks[row_end].h);
          row_end++;
        }
      for (guint i = row_start; i + 1 < row_end; i++)
        {
          double x = (xy[2 * i] + blocks[i].w + xy[2 * (i + 1)]) / 2;

          add_line (gen, x, y0 - 20, x, y0 + row_h + 20, community, level);
        }
      if (row_end < n)
        {
          double y = (y0 + row_h + xy[2 * row_end + 1]) / 2;

          add_line (gen, -20, y, width + 20, y, community, level);
        }
      row_start = row_end;
    }
  (void) height;
}

/* Packs @blocks left to right in rows no wider than about @width, with
 * streets of 20–40 m between them, storing each block's south-west corner
 * in @xy and the size of the packed rectangle in @out_w and @out_h.
 */
static void
pack_blocks (GRand       *rng,
             const Block *blocks,
             guint        n,
             double       width,
             double      *xy,
             double      *out_w,
             double      *out_h)
{
  double x = 0, y = 0, row_h = 0, max_w = 0;

  for (guint i = 0; i < n; i++)
    {
      if (x > 0 && x + blocks[i].w > width)
        {
          y += row_h + g_rand_double_range (rng, 20, 40);
          x = 0;
          row_h = 0;
        }
      xy[2 * i] = x;
      xy[2 * i + 1] = y;
      max_w = MAX (max_w, x + blocks[i].w);
      row_h = MAX (row_h, blocks[i].h);
      x += blocks[i].w + g_rand_double_range (rng, 20, 40);
    }
  *out_w = max_w;
  *out_h = y + row_h;
}

static double
packing_width (GRand       *rng,
               const Block *blocks,
               guint        n)
{
  double area = 0, widest = 0, width;

  for (guint i = 0; i < n; i++)
    {
      area += (blocks[i].w + 30) * (blocks[i].h + 30);
      widest = MAX (widest, blocks[i].w);
    }
  width = sqrt (area) * g_rand_double_range (rng, 1.0, 1.3);
  return MAX (widest, width);
}

/* Residential land is only part of a city: schools, parks, markets,
 * offices and workshops take blocks between the compounds.
 */
#define NON_RESIDENTIAL_MIN 1.0
#define NON_RESIDENTIAL_MAX 2.0

static void
layout_community (Generator     *gen,
                  PlanCommunity *comm)
{
  GRand *rng = gen->rng;
  g_autoptr (GArray) blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  g_autofree double *xy = NULL;
  double ratio = g_rand_double_range (rng, NON_RESIDENTIAL_MIN, NON_RESIDENTIAL_MAX);
  double residential = 0, other = 0;

  for (guint i = comm->first; i < comm->first + comm->n; i++)
    {
      const PlanCompound *c = &g_array_index (gen->compounds, PlanCompound, i);
      Block b = { c->w, c->h, (int) i };

      g_array_append_val (blocks, b);
      residential += c->w * c->h;
    }
  while (other < ratio * residential)
    {
      Block b = { 0, 0, -1 };
      guint at;

      /* One draw per statement: the order in which an initializer list or
       * the arguments of a call are evaluated is unspecified in C.
       */
      b.w = g_rand_double_range (rng, 80, 320);
      b.h = g_rand_double_range (rng, 80, 320);
      at = int_range (rng, 0, blocks->len);
      g_array_insert_val (blocks, at, b);
      other += b.w * b.h;
    }

  xy = g_new (double, 2 * blocks->len);
  pack_blocks (rng, (Block *) blocks->data, blocks->len,
               packing_width (rng, (Block *) blocks->data, blocks->len), xy, &comm->w, &comm->h);
  add_gap_streets (gen, (Block *) blocks->data, xy, blocks->len, comm->w, comm->h,
                   (int) (comm - (PlanCommunity *) gen->communities->data), LINE_COMMUNITY);
  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *b = &g_array_index (blocks, Block, i);
      PlanCompound *c;

      if (b->index < 0)
        continue;
      c = &g_array_index (gen->compounds, PlanCompound, b->index);
      c->x = xy[2 * i];
      c->y = xy[2 * i + 1];
      /* A lane through the gate on the west or south side, along the
       * compound's long axis, ending 15 m short of the far side. */
      if (c->w >= c->h)
        add_line (gen, c->x - 20, c->y + c->h / 2, c->x + c->w - 15, c->y + c->h / 2,
                  (int) c->community, LINE_COMPOUND);
      else
        add_line (gen, c->x + c->w / 2, c->y - 20, c->x + c->w / 2, c->y + c->h - 15,
                  (int) c->community, LINE_COMPOUND);
    }
}

/* A canal across the district, in the widest gap between two rows of
 * communities: between the northern edge of the row below and the
 * district road in the middle of the gap, 2 m from the blocks and 4 m
 * from the road's centre line, running 300 m past the district on either
 * side.  Made from the layout alone, with no random numbers, so that the
 * rest of a district comes out the same with or without it.  With one
 * row, it runs 40 m south of the ring road. */
static void
lay_canal (Generator   *gen,
           const Block *blocks,
           const double *xy,
           guint        n,
           double       width)
{
  double best_gap = -1, lo = -70, hi = -30;
  guint row_start = 0;

  while (row_start < n)
    {
      guint row_end = row_start + 1;
      double y0 = xy[2 * row_start + 1], row_h = blocks[row_start].h;

      while (row_end < n && xy[2 * row_end + 1] == y0)
        {
          row_h = MAX (row_h, blocks[row_end].h);
          row_end++;
        }
      if (row_end < n && xy[2 * row_end + 1] - (y0 + row_h) > best_gap)
        {
          best_gap = xy[2 * row_end + 1] - (y0 + row_h);
          lo = y0 + row_h + 2;
          hi = y0 + row_h + best_gap / 2 - 4;
        }
      row_start = row_end;
    }
  if (hi - lo < 2)
    return;
  gen->canal_y = (lo + hi) / 2;
  gen->canal_width = hi - lo;
  gen->canal_x1 = -300;
  gen->canal_x2 = width + 300;
}

static void
layout_district (Generator *gen)
{
  guint n = gen->communities->len;
  g_autofree Block *blocks = g_new (Block, n);
  g_autofree double *xy = g_new (double, 2 * n);
  double w, h;

  for (guint i = 0; i < n; i++)
    {
      PlanCommunity *comm = &g_array_index (gen->communities, PlanCommunity, i);

      layout_community (gen, comm);
      blocks[i].w = comm->w;
      blocks[i].h = comm->h;
      blocks[i].index = (int) i;
    }
  pack_blocks (gen->rng, blocks, n, packing_width (gen->rng, blocks, n), xy, &w, &h);
  add_gap_streets (gen, blocks, xy, n, w, h, -1, LINE_DISTRICT);
  if (gen->canal)
    lay_canal (gen, blocks, xy, n, w);
  /* A ring road round the district. */
  add_line (gen, -20, -20, w + 20, -20, -1, LINE_DISTRICT);
  add_line (gen, -20, h + 20, w + 20, h + 20, -1, LINE_DISTRICT);
  add_line (gen, -20, -20, -20, h + 20, -1, LINE_DISTRICT);
  add_line (gen, w + 20, -20, w + 20, h + 20, -1, LINE_DISTRICT);
  for (guint i = 0; gen->streets && i < gen->lines->len; i++)
    {
      Line *l = &g_array_index (gen->lines, Line, i);
      double dx = l->community < 0 ? -w / 2
                  : xy[2 * l->community] - w / 2;
      double dy = l->community < 0 ? -h / 2
                  : xy[2 * l->community + 1] - h / 2;

      l->x1 += dx;
      l->x2 += dx;
      l->y1 += dy;
      l->y2 += dy;
    }

  gen->canal_y -= h / 2;
  gen->canal_x1 -= w / 2;
  gen->canal_x2 -= w / 2;

  /* Move everything into the district frame, centred on 0, 0. */
  for (guint i = 0; i < n; i++)
    {
      PlanCommunity *comm = &g_array_index (gen->communities, PlanCommunity, i);

      comm->x = xy[2 * i] - w / 2;
      comm->y = xy[2 * i + 1] - h / 2;
      for (guint k = comm->first; k < comm->first + comm->n; k++)
        {
          PlanCompound *c = &g_array_index (gen->compounds, PlanCompound, k);

          c->x += comm->x;
          c->y += comm->y;
          for (guint j = c->first; j < c->first + c->n; j++)
            {
              PlanBuilding *b = &g_array_index (gen->buildings, PlanBuilding, j);

              b->x += c->x;
              b->y += c->y;
            }
        }
    }
}

/* Pass 4: the project */

static void
to_lat_lon (Generator *gen,
            double     x,
            double     y,
            double    *lat,
            double    *lon)
{
  linli_projection_inverse (&gen->proj, x, y, lat, lon);
  *lat = round7 (*lat);
  *lon = round7 (*lon);
}

static void
write_project (Generator *gen)
{
  g_autofree double *xy = g_new (double, 2 * MAX (gen->buildings->len, 1));

  for (guint i = 0; i < gen->communities->len; i++)
    {
      const PlanCommunity *comm = &g_array_index (gen->communities, PlanCommunity, i);
      char id[32];

      g_snprintf (id, sizeof id, "c%u", i + 1);
      linli_project_add_community (gen->project, id, comm->name);
    }

  for (guint i = 0; i < gen->compounds->len; i++)
    {
      const PlanCompound *c = &g_array_index (gen->compounds, PlanCompound, i);
      const char *suffix = c->kind == KIND_TOWER ? "号楼" : c->kind == KIND_WALKUP ? "幢" : "号";
      char id[48];

      g_snprintf (id, sizeof id, "c%u-k%u", c->community + 1, c->number);
      linli_project_add_compound (gen->project, id, c->name, c->community);

      for (guint j = 0; j < c->n; j++)
        {
          guint index = c->first + j;
          const PlanBuilding *p = &g_array_index (gen->buildings, PlanBuilding, index);
          LinliBuilding b = { 0 };
          LinliLatLon fp[4];
          char bid[32], name[32];

          /* Counter-clockwise from the south-west corner. */
          to_lat_lon (gen, p->x - p->w / 2, p->y - p->h / 2, &fp[0].lat, &fp[0].lon);
          to_lat_lon (gen, p->x + p->w / 2, p->y - p->h / 2, &fp[1].lat, &fp[1].lon);
          to_lat_lon (gen, p->x + p->w / 2, p->y + p->h / 2, &fp[2].lat, &fp[2].lon);
          to_lat_lon (gen, p->x - p->w / 2, p->y + p->h / 2, &fp[3].lat, &fp[3].lon);

          g_snprintf (bid, sizeof bid, "b%06u", index + 1);
          g_snprintf (name, sizeof name, "%u%s", j + 1, suffix);
          b.id = bid;
          b.name = name;
          b.lat = round7 ((fp[0].lat + fp[1].lat + fp[2].lat + fp[3].lat) / 4);
          b.lon = round7 ((fp[0].lon + fp[1].lon + fp[2].lon + fp[3].lon) / 4);
          b.compound = i;
          b.households = p->households;
          b.residents = p->residents;
          b.party_members = p->party_members;
          linli_project_add_building (gen->project, &b, fp, 4);

          xy[2 * index] = p->x;
          xy[2 * index + 1] = p->y;
          gen->households += p->households;
        }
    }

  gen->building_index = linli_point_index_new (xy, gen->buildings->len, gen->radius);
  gen->covered = g_new0 (guint8, MAX (gen->buildings->len, 1));
}

/* A few buildings have no party member, a hole the organisation checks
 * find.  Drawn from random numbers of their own, so everything else comes
 * out as it did before. */
static void
leave_without_members (Generator *gen,
                       guint32    seed)
{
  g_autoptr (GRand) rng = g_rand_new_with_seed (seed ^ 0x6d656d30u);

  for (guint i = 0; i < gen->buildings->len; i++)
    if (g_rand_double (rng) < LINLI_GENERATOR_NO_MEMBER_SHARE)
      g_array_index (gen->buildings, PlanBuilding, i).party_members = 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static guint32
street_node (Generator    *gen,
             LinliStreets *net,
             GHashTable   *nodes,
             double        x,
             double        y)
{
  /* Centimetres, each in 32 bits: the key is exact for any district. */
  gint64 key = (gint64) (((guint64) (guint32) (gint32) llround (x * 100) << 32) |
                         (guint32) (gint32) llround (y * 100));
  gpointer value;
  double lat, lon;
  gint64 *stored;

  if (g_hash_table_lookup_extended (nodes, &key, NULL, &value))
    return GPOINTER_TO_UINT (value);
  to_lat_lon (gen, x, y, &lat, &lon);
  stored = g_new (gint64, 1);
  *stored = key;
  value = GUINT_TO_POINTER (linli_streets_add_node (net, lat, lon));
  g_hash_table_insert (nodes, stored, value);
  return GPOINTER_TO_UINT (value);
}

/* Cuts the centre lines where they cross, so crossings are junctions, and
 * writes them as ways. */
static void
write_streets (Generator *gen)
{
  static const LinliStreetKind kinds[] = {
    [LINE_DISTRICT] = LINLI_STREET_SECONDARY,
    [LINE_COMMUNITY] = LINLI_STREET_RESIDENTIAL,
    [LINE_COMPOUND] = LINLI_STREET_SERVICE,
  };
  const double cell = 64;
  guint n = gen->lines->len;
  g_autoptr (GPtrArray) cuts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (GHashTable) nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (LinliStreets) net = linli_streets_new ();
  g_autofree guint *cell_start = NULL;
  g_autofree guint *cell_items = NULL;
  double min_x = INFINITY, max_x = -INFINITY;
  guint n_cells;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      const Line *l = &g_array_index (gen->lines, Line, i);
      GArray *c = g_array_new (FALSE, FALSE, sizeof (double));
      double a = l->y1 == l->y2 ? l->x1 : l->y1, b = l->y1 == l->y2 ? l->x2 : l->y2;

      g_array_append_val (c, a);
      g_array_append_val (c, b);
      g_ptr_array_add (cuts, c);
      min_x = MIN (min_x, l->x1);
      max_x = MAX (max_x, l->x2);
    }

  /* Vertical lines by cell of x. */
  n_cells = (guint) ((max_x - min_x) / cell) + 1;
  cell_start = g_new0 (guint, n_cells + 1);
  for (guint i = 0; i < n; i++)
    {
      const Line *l = &g_array_index (gen->lines, Line, i);

      if (l->x1 == l->x2 && l->y1 != l->y2)
        cell_start[(guint) ((l->x1 - min_x) / cell) + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    cell_start[c + 1] += cell_start[c];
  cell_items = g_new (guint, MAX (cell_start[n_cells], 1));
  {
    g_autofree guint *fill = g_memdup2 (cell_start, sizeof (guint) * (n_cells + 1));

    for (guint i = 0; i < n; i++)
      {
        const Line *l = &g_array_index (gen->lines, Line, i);

        if (l->x1 == l->x2 && l->y1 != l->y2)
          cell_items[fill[(guint) ((l->x1 - min_x) / cell)]++] = i;
      }
  }

  for (guint i = 0; i < n; i++)
    {
      const Line *h = &g_array_index (gen->lines, Line, i);

      if (h->y1 != h->y2)
        continue;
      for (guint c = (guint) ((h->x1 - min_x) / cell); c <= (guint) ((h->x2 - min_x) / cell); c++)
        for (guint k = cell_start[c]; k < cell_start[c + 1]; k++)
          {
            const Line *v = &g_array_index (gen->lines, Line, cell_items[k]);

            if (v->x1 >= h->x1 && v->x1 <= h->x2 && h->y1 >= v->y1 && h->y1 <= v->y2)
              {
                g_array_append_val (g_ptr_array_index (cuts, i), v->x1);
                g_array_append_val (g_ptr_array_index (cuts, cell_items[k]), h->y1);
              }
          }
    }

  for (guint i = 0; i < n; i++)
    {
      const Line *l = &g_array_index (gen->lines, Line, i);
      GArray *c = g_ptr_array_index (cuts, i);
      gboolean horizontal = l->y1 == l->y2;

      g_array_sort (c, compare_doubles);
      g_array_set_size (list, 0);
      for (guint k = 0; k < c->len; k++)
        {
          double t = g_array_index (c, double, k);
          guint32 node;

          if (k > 0 && t == g_array_index (c, double, k - 1))
            continue;
          node = horizontal ? street_node (gen, net, nodes, t, l->y1)
                            : street_node (gen, net, nodes, l->x1, t);
          if (list->len == 0 || g_array_index (list, guint32, list->len - 1) != node)
            g_array_append_val (list, node);
        }
      if (list->len >= 2)
        linli_streets_add_way (net, kinds[l->level], (const guint32 *) list->data, list->len);
    }
  linli_project_set_streets (gen->project, g_steal_pointer (&net));
}

/* The canal as the project's water: a straight waterway with gentle
 * bends, so that it reads as a river on the map. */
static void
write_water (Generator *gen)
{
  g_autoptr (LinliWater) water = NULL;
  g_autoptr (GArray) points = NULL;
  guint n;

  if (gen->canal_width <= 0)
    return;
  n = MAX (2, (guint) ((gen->canal_x2 - gen->canal_x1) / 100) + 1);
  points = g_array_sized_new (FALSE, FALSE, sizeof (LinliLatLon), n);
  for (guint i = 0; i < n; i++)
    {
      double x = gen->canal_x1 + (gen->canal_x2 - gen->canal_x1) * i / (n - 1);
      LinliLatLon p;

      to_lat_lon (gen, x, gen->canal_y, &p.lat, &p.lon);
      g_array_append_val (points, p);
    }
  water = linli_water_new ();
  linli_water_add_line (water, LINLI_WATERWAY_CANAL, "运河", round (gen->canal_width * 10) / 10,
                        (LinliLatLon *) points->data, points->len);
  linli_project_set_water (gen->project, g_steal_pointer (&water));
}

static void
mark_covered_cb (guint    index,
                 double   distance,
                 gpointer user_data)
{
  Generator *gen = user_data;

  if (!gen->covered[index])
    {
      gen->covered[index] = TRUE;
      gen->households_covered += g_array_index (gen->buildings, PlanBuilding, index).households;
    }
}

static void
add_site (Generator      *gen,
          const char     *name,
          LinliSiteTier   tier,
          LinliSiteStatus status,
          double          x,
          double          y,
          guint           capacity,
          guint           services,
          const char     *extra,
          double          cost)
{
  g_autofree char *id = g_strdup_printf ("site-%u", ++gen->n_sites);
  g_autoptr (LinliSite) site = NULL;
  LinliSiteState state = { 0 };

  state.id = id;
  state.name = (char *) name;
  state.tier = tier;
  state.status = status;
  to_lat_lon (gen, x, y, &state.lat, &state.lon);
  state.capacity = capacity;
  state.services = services;
  state.extra_services = (char *) extra;
  state.cost = cost;
  site = linli_site_new (&state);
  linli_project_add_site (gen->project, site);

  if (status != LINLI_SITE_STATUS_CANDIDATE)
    linli_point_index_query_circle (gen->building_index, x, y, gen->radius, mark_covered_cb, gen);
}

/* A point in the street just outside a random corner of @c, between
 * @min_offset and @max_offset metres from the compound in each direction.
 */
static void
street_corner (GRand              *rng,
               const PlanCompound *c,
               double              min_offset,
               double              max_offset,
               double             *x,
               double             *y)
{
  guint corner = int_range (rng, 0, 3);  /* 0 south-west, 1 south-east, 2 north-east, 3 north-west */
  double offset = g_rand_double_range (rng, min_offset, max_offset);

  *x = corner == 1 || corner == 2 ? c->x + c->w + offset : c->x - offset;
  *y = corner >= 2 ? c->y + c->h + offset : c->y - offset;
}

/* A point in the street before the middle of a random side of @c, where
 * the gate usually is.
 */
static void
street_gate (GRand              *rng,
             const PlanCompound *c,
             double             *x,
             double             *y)
{
  guint side = int_range (rng, 0, 3);  /* 0 south, 1 east, 2 north, 3 west */
  double offset = g_rand_double_range (rng, 6, 9);

  switch (side)
    {
    case 0:
      *x = c->x + c->w / 2;
      *y = c->y - offset;
      break;
    case 1:
      *x = c->x + c->w + offset;
      *y = c->y + c->h / 2;
      break;
    case 2:
      *x = c->x + c->w / 2;
      *y = c->y + c->h + offset;
      break;
    default:
      *x = c->x - offset;
      *y = c->y + c->h / 2;
      break;
    }
}

static gboolean
compound_is_covered (Generator          *gen,
                     const PlanCompound *c)
{
  return gen->covered[c->first + c->n / 2];
}

static char *
make_extra_services (GRand *rng)
{
  guint n = G_N_ELEMENTS (extra_services);
  guint a = int_range (rng, 0, n - 1);
  guint b = (a + int_range (rng, 1, n - 1)) % n;

  return g_strconcat (extra_services[a], "、", extra_services[b], NULL);
}

static guint
some_services (GRand *rng,
               guint  always,
               double p)
{
  guint services = always;

  for (guint k = 0; k < LINLI_N_SERVICES; k++)
    if (g_rand_double (rng) < p)
      services |= 1u << k;
  return services;
}

static double
round_cost (double yuan)
{
  return round (yuan / 10000) * 10000;
}

static void
place_centres (Generator  *gen,
               const char *district_name)
{
  GRand *rng = gen->rng;
  g_autofree char *street_name = NULL;
  g_autofree char *extra = NULL;
  const PlanCompound *nearest = NULL;
  double best = INFINITY, x, y;

  /* The street centre stands by the compound nearest the middle. */
  for (guint i = 0; i < gen->compounds->len; i++)
    {
      const PlanCompound *c = &g_array_index (gen->compounds, PlanCompound, i);
      double cx = c->x + c->w / 2, cy = c->y + c->h / 2;

      if (cx * cx + cy * cy < best)
        {
          best = cx * cx + cy * cy;
          nearest = c;
        }
    }
  if (nearest == NULL)
    return;
  street_corner (rng, nearest, 8, 12, &x, &y);
  if (g_str_has_suffix (district_name, "街道"))
    street_name = g_strconcat (district_name, "党群服务中心", NULL);
  else
    street_name = g_strconcat (district_name, "街道党群服务中心", NULL);
  extra = make_extra_services (rng);
  claim_name (gen, street_name);
  add_site (gen, street_name, LINLI_SITE_TIER_STREET, LINLI_SITE_STATUS_EXISTING, x, y,
            int_range (rng, 80, 150) * 100, LINLI_SERVICES_ALL, extra, -1);

  /* Each community's centre stands at a street corner by one of its
   * compounds; they are often old offices, not in the middle.
   */
  for (guint i = 0; i < gen->communities->len; i++)
    {
      const PlanCommunity *comm = &g_array_index (gen->communities, PlanCommunity, i);
      const PlanCompound *c = &g_array_index (gen->compounds, PlanCompound,
                                              comm->first + int_range (rng, 0, comm->n - 1));
      g_autofree char *name = g_strconcat (comm->name, "党群服务中心", NULL);
      g_autofree char *more = make_extra_services (rng);

      street_corner (rng, c, 8, 12, &x, &y);
      claim_name (gen, name);
      add_site (gen, name, LINLI_SITE_TIER_COMMUNITY, LINLI_SITE_STATUS_EXISTING, x, y,
                int_range (rng, 20, 50) * 100, LINLI_SERVICES_ALL, more, -1);
    }
}

/* Adds stations by uncovered compounds, in a random order, until a
 * realistic share of households lies within the walking radius: most
 * districts have gaps, which is what planning is for.
 */
static void
place_stations (Generator *gen)
{
  GRand *rng = gen->rng;
  double target = g_rand_double_range (rng, 0.60, 0.75);
  guint n = gen->compounds->len;
  g_autofree gpointer *order = g_new (gpointer, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    order[i] = &g_array_index (gen->compounds, PlanCompound, i);
  shuffle (rng, order, n);

  for (guint i = 0; i < n; i++)
    {
      const PlanCompound *c = order[i];
      g_autofree char *name = NULL;
      guint capacity, services;
      double x, y;

      if (gen->households_covered >= target * gen->households)
        break;
      if (compound_is_covered (gen, c))
        continue;
      name = g_strconcat (c->name, "党群服务站", NULL);
      if (claim_name (gen, name) == NULL)
        continue;
      street_gate (rng, c, &x, &y);
      capacity = int_range (rng, 10, 30) * 50;
      services = some_services (rng, LINLI_SERVICE_AFFAIRS | LINLI_SERVICE_LEISURE, 0.4);
      add_site (gen, name, LINLI_SITE_TIER_STATION, LINLI_SITE_STATUS_EXISTING, x, y,
                capacity, services, NULL, -1);
    }
}

/* Candidates are what a community can get hold of: vacant rooms in a
 * compound, its old committee office, shops along a street, rooms in
 * resettlement housing.  Most are where coverage is missing.
 */
static void
place_candidates (Generator *gen)
{
  GRand *rng = gen->rng;
  g_autoptr (GArray) uncovered = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GString) name = g_string_new (NULL);

  for (guint i = 0; i < gen->communities->len; i++)
    {
      const PlanCommunity *comm = &g_array_index (gen->communities, PlanCommunity, i);
      g_autofree char *short_name = g_strndup (comm->name, strlen (comm->name) - strlen ("社区"));
      guint n = int_range (rng, 3, 6);
      gboolean office_used = FALSE;

      g_array_set_size (uncovered, 0);
      for (guint k = comm->first; k < comm->first + comm->n; k++)
        if (!compound_is_covered (gen, &g_array_index (gen->compounds, PlanCompound, k)))
          g_array_append_val (uncovered, k);

      for (guint j = 0; j < n; j++)
        {
          const PlanCompound *c;
          const char *street;
          LinliSiteTier tier = LINLI_SITE_TIER_STATION;
          double cost, x, y;
          guint capacity, services, type;
          guint k;

          if (uncovered->len > 0 && g_rand_double (rng) < 0.7)
            k = g_array_index (uncovered, guint, int_range (rng, 0, uncovered->len - 1));
          else
            k = comm->first + int_range (rng, 0, comm->n - 1);
          c = &g_array_index (gen->compounds, PlanCompound, k);

          type = int_range (rng, 0, 3);
          if (type == 1 && office_used)
            type = 0;
          switch (type)
            {
            case 0:
              g_string_printf (name, "%s闲置用房", c->name);
              cost = g_rand_double_range (rng, 200000, 800000);
              capacity = int_range (rng, 6, 24) * 50;
              services = some_services (rng, LINLI_SERVICE_AFFAIRS, 0.3);
              break;
            case 1:
              g_string_printf (name, "原%s居委会办公楼", short_name);
              tier = g_rand_boolean (rng) ? LINLI_SITE_TIER_NEIGHBOURHOOD : LINLI_SITE_TIER_STATION;
              cost = g_rand_double_range (rng, 300000, 1500000);
              capacity = int_range (rng, 10, 40) * 50;
              services = some_services (rng, LINLI_SERVICE_AFFAIRS | LINLI_SERVICE_ELDERLY, 0.5);
              office_used = TRUE;
              break;
            case 2:
              street = pick (rng, street_names, G_N_ELEMENTS (street_names));
              g_string_printf (name, "%s%u号沿街商铺", street, int_range (rng, 1, 400));
              cost = g_rand_double_range (rng, 400000, 1600000);
              capacity = int_range (rng, 6, 30) * 50;
              services = some_services (rng, LINLI_SERVICE_AFFAIRS, 0.4);
              break;
            default:
              g_string_printf (name, "%s配套用房", c->name);
              tier = LINLI_SITE_TIER_NEIGHBOURHOOD;
              cost = g_rand_double_range (rng, 1200000, 3000000);
              capacity = int_range (rng, 30, 80) * 50;
              services = some_services (rng, LINLI_SERVICE_AFFAIRS | LINLI_SERVICE_ELDERLY |
                                        LINLI_SERVICE_HEALTH, 0.6);
              break;
            }
          if (claim_name (gen, name->str) == NULL)
            {
              /* The same rooms were already offered; number this lot. */
              for (guint lot = 2;; lot++)
                {
                  g_autoptr (GString) numbered = g_string_new (name->str);

                  g_string_append (numbered, "（");
                  append_chinese_number (numbered, lot);
                  g_string_append (numbered, "）");
                  if (claim_name (gen, numbered->str) != NULL)
                    {
                      g_string_assign (name, numbered->str);
                      break;
                    }
                }
            }

          if (g_rand_boolean (rng))
            street_corner (rng, c, 6, 10, &x, &y);
          else
            street_gate (rng, c, &x, &y);
          add_site (gen, name->str, tier, LINLI_SITE_STATUS_CANDIDATE, x, y, capacity, services,
                    NULL, round_cost (cost));
        }
    }
}

/* Public API */

/**
 * linli_generator_options_init:
 * @options: the options to fill
 *
 * Sets @options to a 2,500-building district in Hangzhou with seed 1.
 */
void
linli_generator_options_init (LinliGeneratorOptions *options)
{
  g_return_if_fail (options != NULL);

  options->seed = 1;
  options->n_buildings = 2500;
  options->center_lat = 30.29;
  options->center_lon = 120.155;
  options->name = NULL;
  options->lane_share = 0.25;
  options->streets = TRUE;
  options->organisation = TRUE;
  options->canal = FALSE;
}

/**
 * linli_generate_district:
 * @options: what to generate
 *
 * Makes a synthetic but plausible Chinese urban district around the given
 * centre: communities of 10,000–30,000 residents laid out side by side,
 * compounds of 5–40 lane houses, walk-ups or towers separated by streets,
 * a street centre, a centre per community, some existing stations and a
 * few candidate sites per community.  The same options always give the
 * same district; no global random state is used.
 *
 * Returns: (transfer full): the new project
 */
LinliProject *
linli_generate_district (const LinliGeneratorOptions *options)
{
  Generator gen = { 0 };
  const char *district_name;
  guint n_buildings;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (linli_lat_lon_is_valid (options->center_lat, options->center_lon), NULL);

  n_buildings = MAX (options->n_buildings, 1);
  gen.rng = g_rand_new_with_seed (options->seed);
  gen.lane_share = CLAMP (options->lane_share, 0.0, 1.0);
  gen.project = linli_project_new ();
  linli_projection_init (&gen.proj, options->center_lat, options->center_lon);
  gen.buildings = g_array_sized_new (FALSE, FALSE, sizeof (PlanBuilding), n_buildings);
  gen.compounds = g_array_new (FALSE, FALSE, sizeof (PlanCompound));
  gen.communities = g_array_new (FALSE, FALSE, sizeof (PlanCommunity));
  gen.strings = g_string_chunk_new (64 * 1024);
  gen.used_names = g_hash_table_new (g_str_hash, g_str_equal);
  gen.base_counts = g_hash_table_new (g_str_hash, g_str_equal);
  gen.radius = linli_project_get_coverage_radius (gen.project);
  gen.streets = options->streets;
  gen.canal = options->canal;
  gen.lines = g_array_new (FALSE, FALSE, sizeof (Line));

  if (options->name != NULL && options->name[0] != '\0')
    district_name = g_string_chunk_insert_const (gen.strings, options->name);
  else
    district_name = make_district_name (&gen);
  linli_project_set_name (gen.project, district_name);
  init_community_bases (&gen);

  plan_compounds (&gen, n_buildings);
  plan_communities (&gen);
  layout_district (&gen);
  leave_without_members (&gen, options->seed);
  write_project (&gen);
  write_streets (&gen);
  write_water (&gen);
  place_centres (&gen, district_name);
  place_stations (&gen);
  place_candidates (&gen);
  if (options->organisation)
    _linli_generate_org (gen.project, options->seed);

  g_debug ("%u buildings in %u compounds and %u communities, %u sites, "
           "%.1f %% of households covered",
           gen.buildings->len, gen.compounds->len, gen.communities->len, gen.n_sites,
           100.0 * gen.households_covered / MAX (gen.households, 1));

  g_clear_pointer (&gen.lines, g_array_unref);
  g_clear_pointer (&gen.building_index, linli_point_index_free);
  g_clear_pointer (&gen.covered, g_free);
  g_clear_pointer (&gen.community_bases, g_ptr_array_unref);
  g_clear_pointer (&gen.used_names, g_hash_table_unref);
  g_clear_pointer (&gen.base_counts, g_hash_table_unref);
  g_clear_pointer (&gen.strings, g_string_chunk_free);
  g_clear_pointer (&gen.communities, g_array_unref);
  g_clear_pointer (&gen.compounds, g_array_unref);
  g_clear_pointer (&gen.buildings, g_array_unref);
  g_clear_pointer (&gen.rng, g_rand_free);
  return gen.project;
}
