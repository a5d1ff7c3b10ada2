/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-org"

#include "config.h"

#include "linli-org.h"

struct _LinliOrg
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (LinliOrg, linli_org, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
linli_org_class_init (LinliOrgClass *klass)
{
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
linli_org_init (LinliOrg *self)
{
}

LinliOrg *
linli_org_new (void)
{
  return g_object_new (LINLI_TYPE_ORG, NULL);
}

void
linli_org_copy_from (LinliOrg *self,
                     LinliOrg *source)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

gboolean
linli_org_is_empty (LinliOrg *self)
{
  return TRUE;
}
