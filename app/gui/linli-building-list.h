/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One row of a building list: just the building's index in the project. */
#define LINLI_TYPE_BUILDING_ITEM (linli_building_item_get_type ())
G_DECLARE_FINAL_TYPE (LinliBuildingItem, linli_building_item, LINLI, BUILDING_ITEM, GObject)

guint linli_building_item_get_index (LinliBuildingItem *self);

/* A GListModel over an array of building indices.  Items are made only
 * when a view asks for them, so a list of 300,000 rows costs one array.
 */
#define LINLI_TYPE_BUILDING_LIST (linli_building_list_get_type ())
G_DECLARE_FINAL_TYPE (LinliBuildingList, linli_building_list, LINLI, BUILDING_LIST, GObject)

LinliBuildingList *linli_building_list_new         (void) G_GNUC_WARN_UNUSED_RESULT;
void               linli_building_list_set_indices (LinliBuildingList *self,
                                                    const guint       *indices,
                                                    guint              n_indices);

G_END_DECLS
