/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-meeting"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "linli-figures.h"
#include "linli-meeting.h"
#include "linli-project-edits.h"

/* The meeting mode's layer over the map: a title bar, a large legend and a
 * strip of key figures, and the list of prepared views the presenter steps
 * through with the arrow keys or a remote's Page Up and Page Down.  It
 * moves the window's own map and asks the window's own painter for the
 * legend, so the room sees what the planner saw.  The middle of the map is
 * left to the pointer: the layer itself is never picked, only its bars.
 */

/* The legend's scale: twice the window's at 1080 px tall. */
#define LEGEND_SCALE_PER_PX (2.0 / 1080)
#define LEGEND_SCALE_MIN    1.2
#define LEGEND_SCALE_MAX    2.4
/* The legend keeps this far from the free area's edges, and to this share
 * of its width. */
#define LEGEND_MARGIN_PX    16.0
#define LEGEND_MAX_WIDTH_SHARE 0.45
/* What a fitted view keeps free around its box, as a share of the free
 * area's shorter side. */
#define FIT_MARGIN_SHARE    0.07
/* The legend takes its width from the fitted area while this much is left. */
#define FIT_MIN_WIDTH_SHARE 0.55
/* Below this height (a 1280 × 800 projector) the type is smaller. */
#define COMPACT_BELOW_PX    1000

struct _LinliMeeting
{
  GtkWidget           parent_instance;

  /* Template children */
  GtkWidget          *top_bar;
  GtkLabel           *title_label;
  GtkLabel           *position_label;
  GtkSwitch          *names_switch;
  GtkDrawingArea     *legend_area;
  GtkFlowBox         *strip;

  LinliDocument      *document;
  GSignalGroup       *document_signals;
  GSignalGroup       *project_signals;
  ShumateMap         *map;              /* weak: the window's */
  LinliMapLayer      *layer;            /* weak: the window's */
  GListStore         *views;
  GtkEventController *keys;             /* on the root while rooted */
  GtkWidget          *keys_root;

  gboolean            active;
  guint               position;
  LinliMeetingView   *shown;            /* the view that had ::shown */
  char               *title;
  char              **proposal;         /* the ids of the proposed sites */
  guint               refresh_id;
  guint               fit_id;
  int                 fitted[4];        /* width, height, top and bottom it was fitted for */
  gboolean            updating_switch;
  gboolean            show_legend;

  /* The painter's settings before the meeting, put back after it. */
  LinliBuildingColors saved_colors;
  gboolean            saved_show_grids;
};

G_DEFINE_FINAL_TYPE (LinliMeeting, linli_meeting, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACTIVE,
  PROP_POSITION,
  PROP_SHOW_LEGEND,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_COLLECT_VIEWS,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* Auxiliary methods */

static LinliPainter *
meeting_painter (LinliMeeting *self)
{
  return self->layer != NULL ? linli_map_layer_get_painter (self->layer) : NULL;
}

static void
update_title (LinliMeeting *self)
{
  LinliMeetingView *view = linli_meeting_get_current_view (self);
  const char *name = self->document != NULL
                     ? linli_project_get_name (linli_document_get_project (self->document)) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->views));
  g_autofree char *position = NULL;

  g_free (self->title);
  if (view == NULL)
    self->title = g_strdup (name != NULL ? name : "");
  else if (name == NULL || name[0] == '\0')
    self->title = g_strdup (linli_meeting_view_get_title (view));
  else
    /* Translators: the meeting mode's title: the project's name, then the view's */
    self->title = g_strdup_printf (_("%s — %s"), name, linli_meeting_view_get_title (view));
  gtk_label_set_text (self->title_label, self->title);
  /* Translators: which view of how many the meeting shows, "2 / 7" */
  position = n > 0 ? g_strdup_printf (_("%u / %u"), self->position + 1, n) : g_strdup ("");
  gtk_label_set_text (self->position_label, position);
}

static GtkWidget *
figure_card (const LinliFigure *figure)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *value = linli_figure_format (figure, figure->value);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *label = gtk_label_new (figure->label);

  /* The key names the card, for whoever looks one up. */
  gtk_widget_set_name (card, figure->key);
  gtk_widget_add_css_class (card, "meeting-figure");
  gtk_widget_add_css_class (value_label, "meeting-figure-value");
  gtk_widget_add_css_class (label, "meeting-figure-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_box_append (GTK_BOX (card), value_label);
  gtk_box_append (GTK_BOX (card), label);
  return card;
}

/* The strip shows every key figure of the document, in the order the
 * domains add them. */
static void
fill_strip (LinliMeeting *self)
{
  GtkWidget *child;
  g_autoptr (LinliFigures) figures = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->strip))) != NULL)
    gtk_flow_box_remove (self->strip, child);
  if (self->document == NULL)
    return;
  figures = linli_figures_collect (self->document);
  for (guint i = 0; i < linli_figures_get_n (figures); i++)
    gtk_flow_box_append (self->strip, figure_card (linli_figures_get (figures, i)));
}

static gboolean
refresh_cb (gpointer data)
{
  LinliMeeting *self = LINLI_MEETING (data);

  self->refresh_id = 0;
  fill_strip (self);
  return G_SOURCE_REMOVE;
}

/* The document's signals come in the middle of its own updates, and
 * several at once: the figures are read once it is done. */
static void
queue_refresh (LinliMeeting *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT, refresh_cb, self, NULL);
}

static void
update_switch (LinliMeeting *self)
{
  gboolean hide = self->document != NULL &&
                  linli_project_get_hide_names (linli_document_get_project (self->document));

  self->updating_switch = TRUE;
  gtk_switch_set_active (self->names_switch, hide);
  self->updating_switch = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->names_switch), self->document != NULL);
}

static int
bar_height (GtkWidget *bar,
            int        width)
{
  int height;

  if (!gtk_widget_get_visible (bar))
    return 0;
  gtk_widget_measure (bar, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
  return height;
}

/* The painter's own legend, drawn larger: the same rows the window, PNG and
 * PDF show for the same colours.  The painter keeps its legend small on a
 * small map; here it is drawn for a large one, measured, and scaled to what
 * the room needs and the free area holds. */
static cairo_surface_t *
record_legend (LinliMeeting *self,
               double        extents[4])
{
  LinliMapView big;
  cairo_surface_t *recording;
  cairo_t *cr;

  if (meeting_painter (self) == NULL)
    return NULL;
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (recording);
  linli_map_view_init (&big, 0, 0, 0, 4096, 4096);
  linli_painter_draw_legend (meeting_painter (self), cr, &big);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (recording, &extents[0], &extents[1],
                                       &extents[2], &extents[3]);
  if (extents[2] <= 0 || extents[3] <= 0)
    g_clear_pointer (&recording, cairo_surface_destroy);
  return recording;
}

/* How much larger than the painter draws it the legend is in a free area of
 * @width × @height: twice at 1080 px tall, less if it would not fit. */
static double
legend_scale (LinliMeeting *self,
              const double  extents[4],
              double        width,
              double        height)
{
  double scale = CLAMP (gtk_widget_get_height (GTK_WIDGET (self)) * LEGEND_SCALE_PER_PX,
                        LEGEND_SCALE_MIN, LEGEND_SCALE_MAX);

  return MIN (scale, MIN ((height - 2 * LEGEND_MARGIN_PX) / extents[3],
                          LEGEND_MAX_WIDTH_SHARE * width / extents[2]));
}

/* The width the legend takes from the left of the free area, margins
 * included, or 0 when it is hidden. */
static double
legend_width (LinliMeeting *self,
              double        width,
              double        height)
{
  double extents[4], scale;
  cairo_surface_t *recording;

  if (!self->show_legend || (recording = record_legend (self, extents)) == NULL)
    return 0;
  cairo_surface_destroy (recording);
  scale = legend_scale (self, extents, width, height);
  return extents[2] * scale + 2 * LEGEND_MARGIN_PX;
}

static void
draw_legend (LinliMeeting *self,
             cairo_t      *cr,
             int           width,
             int           height)
{
  double extents[4], scale;
  cairo_surface_t *recording = record_legend (self, extents);

  if (recording == NULL)
    return;
  scale = legend_scale (self, extents, width, height);
  cairo_save (cr);
  cairo_translate (cr, LEGEND_MARGIN_PX, height - LEGEND_MARGIN_PX - extents[3] * scale);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, recording, -extents[0], -extents[1]);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (recording);
}

/* Moves the map so the current view fills the area between the bars. */
static void
fit_current (LinliMeeting *self)
{
  LinliMeetingView *view = linli_meeting_get_current_view (self);
  ShumateViewport *viewport;
  ShumateMapSource *source;
  graphene_rect_t area;
  LinliMapView fitted;
  double lat, lon, zoom, margin, dx, dy, legend;
  int width, height;

  if (view == NULL || self->map == NULL || !linli_meeting_get_free_area (self, &area))
    return;
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  self->fitted[0] = width;
  self->fitted[1] = height;
  self->fitted[2] = (int) area.origin.y;
  self->fitted[3] = height - (int) (area.origin.y + area.size.height);
  /* The box goes beside the legend, where nothing covers it, unless that
   * leaves too little of the map. */
  legend = legend_width (self, area.size.width, area.size.height);
  if (legend > 0 && area.size.width - legend >= FIT_MIN_WIDTH_SHARE * area.size.width)
    {
      area.origin.x += legend;
      area.size.width -= legend;
    }
  margin = FIT_MARGIN_SHARE * MIN (area.size.width, area.size.height);
  if (!linli_meeting_view_compute (view, (int) area.size.width, (int) area.size.height, margin,
                                   &fitted))
    return;
  /* The free area's middle is off the map's middle by the difference of
   * the bars: the map's centre is the point that far from the view's. */
  dx = width / 2.0 - (area.origin.x + area.size.width / 2);
  dy = height / 2.0 - (area.origin.y + area.size.height / 2);
  linli_map_view_from_pixels (&fitted, fitted.width / 2.0 + dx, fitted.height / 2.0 + dy,
                              &lat, &lon);
  viewport = shumate_map_get_viewport (self->map);
  source = shumate_viewport_get_reference_map_source (viewport);
  zoom = fitted.zoom;
  /* The painter's zoom is on 256-pixel tiles, the viewport's on its
   * reference source's. */
  if (source != NULL)
    zoom -= log2 (shumate_map_source_get_tile_size (source) / 256.0);
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_map_center_on (self->map, lat, lon);
  g_debug ("fit %s to %d×%d, free %g+%g %g×%g: zoom %g at %g, %g",
           linli_meeting_view_get_title (view), width, height, area.origin.x, area.origin.y,
           area.size.width, area.size.height, zoom, lat, lon);
}

static gboolean
fit_cb (gpointer data)
{
  LinliMeeting *self = LINLI_MEETING (data);

  gboolean compact = gtk_widget_get_height (GTK_WIDGET (self)) < COMPACT_BELOW_PX;

  self->fit_id = 0;
  /* Smaller type on a smaller screen.  If the bars change height with it,
   * the next allocation fits again. */
  if (compact && !gtk_widget_has_css_class (GTK_WIDGET (self), "compact"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
  else if (!compact && gtk_widget_has_css_class (GTK_WIDGET (self), "compact"))
    gtk_widget_remove_css_class (GTK_WIDGET (self), "compact");
  if (self->active)
    fit_current (self);
  return G_SOURCE_REMOVE;
}

static void
queue_fit (LinliMeeting *self)
{
  if (self->fit_id == 0)
    self->fit_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, fit_cb, self, NULL);
}

static void
show_view (LinliMeeting *self)
{
  LinliMeetingView *view = linli_meeting_get_current_view (self);

  if (self->shown != NULL && self->shown != view)
    {
      g_autoptr (LinliMeetingView) old = g_steal_pointer (&self->shown);

      g_signal_emit_by_name (old, "hidden");
    }
  if (view != NULL && meeting_painter (self) != NULL)
    {
      /* Each view starts from the window's own settings. */
      linli_painter_set_building_colors (meeting_painter (self), self->saved_colors);
      linli_painter_set_show_grids (meeting_painter (self), self->saved_show_grids);
      linli_meeting_view_apply (view, meeting_painter (self));
    }
  fit_current (self);
  update_title (self);
  if (view != NULL && self->shown != view)
    {
      self->shown = g_object_ref (view);
      g_signal_emit_by_name (view, "shown");
    }
}

/* Callbacks */

static void
on_names_switch_cb (LinliMeeting *self)
{
  gboolean hide = gtk_switch_get_active (self->names_switch);
  LinliProject *project;

  if (self->updating_switch || self->document == NULL)
    return;
  project = linli_document_get_project (self->document);
  if (linli_project_get_hide_names (project) != hide)
    linli_project_edits_set_hide_names (linli_document_get_history (self->document), hide);
}

static void
on_painter_changed_cb (LinliMeeting *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->legend_area));
}

/* The legend and the scale bar (with the data's credit), which the figures
 * would otherwise cover. */
static void
draw_legend_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        data)
{
  LinliMeeting *self = LINLI_MEETING (data);
  LinliPainter *painter = meeting_painter (self);
  double scale = CLAMP (gtk_widget_get_height (GTK_WIDGET (self)) * LEGEND_SCALE_PER_PX,
                        LEGEND_SCALE_MIN, LEGEND_SCALE_MAX);
  LinliMapView view;

  if (painter == NULL || !linli_map_layer_get_view (self->layer, &view))
    return;
  if (self->show_legend)
    draw_legend (self, cr, width, height);
  /* A unit of the scaled drawing is @scale px: the same ground in fewer
   * units is a zoom level log2 (@scale) lower. */
  view.width = (int) (width / scale);
  view.height = (int) (height / scale);
  view.zoom -= log2 (scale);
  view.scale_factor = 1;
  cairo_scale (cr, scale, scale);
  linli_painter_draw_scale_bar (painter, cr, &view);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   LinliMeeting          *self)
{
  if (!self->active || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    /* Presenter remotes send Page Up and Page Down (some also B, for a
     * black screen, which is left to the remote's own button). */
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_space:
      linli_meeting_step (self, 1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_BackSpace:
      linli_meeting_step (self, -1);
      return TRUE;
    case GDK_KEY_Home:
      linli_meeting_go (self, 0);
      return TRUE;
    case GDK_KEY_End:
      if (g_list_model_get_n_items (G_LIST_MODEL (self->views)) > 0)
        linli_meeting_go (self, g_list_model_get_n_items (G_LIST_MODEL (self->views)) - 1);
      return TRUE;
    case GDK_KEY_l:
    case GDK_KEY_L:
      linli_meeting_set_show_legend (self, !linli_meeting_get_show_legend (self));
      return TRUE;
    case GDK_KEY_Escape:
      /* The window owns the mode: its action puts everything back. */
      gtk_widget_activate_action (GTK_WIDGET (self), "win.meeting", NULL);
      return TRUE;
    default:
      return FALSE;
    }
}

/* GtkWidget overrides */

static void
linli_meeting_root (GtkWidget *widget)
{
  LinliMeeting *self = LINLI_MEETING (widget);

  GTK_WIDGET_CLASS (linli_meeting_parent_class)->root (widget);
  /* Keys are caught on their way down from the window, before the widget
   * with the focus (the map pans with arrow keys) sees them, and only
   * while the meeting is on. */
  self->keys_root = GTK_WIDGET (gtk_widget_get_root (widget));
  self->keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  g_signal_connect (self->keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (self->keys_root, self->keys);
}

static void
linli_meeting_unroot (GtkWidget *widget)
{
  LinliMeeting *self = LINLI_MEETING (widget);

  if (self->keys != NULL)
    gtk_widget_remove_controller (self->keys_root, self->keys);
  self->keys = NULL;
  self->keys_root = NULL;
  GTK_WIDGET_CLASS (linli_meeting_parent_class)->unroot (widget);
}

/* The layer covers the map; only its bars take the pointer. */
static gboolean
linli_meeting_contains (GtkWidget *widget,
                        double     x,
                        double     y)
{
  return FALSE;
}

static void
linli_meeting_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  LinliMeeting *self = LINLI_MEETING (widget);
  GtkWidget *bars[] = { self->top_bar, GTK_WIDGET (self->strip) };

  *minimum = *natural = 0;
  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    {
      int min, nat;

      gtk_widget_measure (bars[i], orientation, for_size, &min, &nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
      else
        {
          *minimum += min;
          *natural += nat;
        }
    }
}

static void
linli_meeting_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  LinliMeeting *self = LINLI_MEETING (widget);
  int top = bar_height (self->top_bar, width);
  int bottom = bar_height (GTK_WIDGET (self->strip), width);

  /* On a screen too low for both bars the figures give way to the map. */
  if (top + bottom > height)
    bottom = MAX (height - top, 0);
  gtk_widget_size_allocate (self->top_bar, &(GtkAllocation) { 0, 0, width, top }, -1);
  gtk_widget_size_allocate (GTK_WIDGET (self->strip),
                            &(GtkAllocation) { 0, height - bottom, width, bottom }, -1);
  gtk_widget_size_allocate (GTK_WIDGET (self->legend_area),
                            &(GtkAllocation) { 0, top, width, MAX (height - top - bottom, 0) }, -1);

  /* A new size (full screen coming on) or new bars: fit the view again,
   * once the layout is done. */
  if (self->active && (self->fitted[0] != width || self->fitted[1] != height ||
                       self->fitted[2] != top || self->fitted[3] != bottom))
    queue_fit (self);
}

/* GObject overrides */

static void
linli_meeting_dispose (GObject *object)
{
  LinliMeeting *self = LINLI_MEETING (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->fit_id, g_source_remove);
  if (self->layer != NULL)
    g_signal_handlers_disconnect_by_data (linli_map_layer_get_painter (self->layer), self);
  g_clear_weak_pointer (&self->layer);
  g_clear_weak_pointer (&self->map);
  g_clear_object (&self->shown);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->project_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->views);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_MEETING);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (linli_meeting_parent_class)->dispose (object);
}

static void
linli_meeting_finalize (GObject *object)
{
  LinliMeeting *self = LINLI_MEETING (object);

  g_free (self->title);
  g_strfreev (self->proposal);
  G_OBJECT_CLASS (linli_meeting_parent_class)->finalize (object);
}

static void
linli_meeting_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LinliMeeting *self = LINLI_MEETING (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, linli_meeting_get_show_legend (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_meeting_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LinliMeeting *self = LINLI_MEETING (object);

  switch (prop_id)
    {
    case PROP_SHOW_LEGEND:
      linli_meeting_set_show_legend (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_meeting_class_init (LinliMeetingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_meeting_dispose;
  object_class->finalize = linli_meeting_finalize;
  object_class->get_property = linli_meeting_get_property;
  object_class->set_property = linli_meeting_set_property;
  widget_class->root = linli_meeting_root;
  widget_class->unroot = linli_meeting_unroot;
  widget_class->contains = linli_meeting_contains;
  widget_class->measure = linli_meeting_measure;
  widget_class->size_allocate = linli_meeting_size_allocate;

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LinliMeeting::collect-views:
   * @views: (element-type LinliMeetingView): the views so far
   *
   * Emitted when the meeting starts, after the default views (district,
   * communities, proposal) are in @views: append more, such as a scenario's
   * before and after.
   */
  signals[SIGNAL_COLLECT_VIEWS] = g_signal_new ("collect-views", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 1, G_TYPE_LIST_STORE);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-meeting.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliMeeting, top_bar);
  gtk_widget_class_bind_template_child (widget_class, LinliMeeting, title_label);
  gtk_widget_class_bind_template_child (widget_class, LinliMeeting, position_label);
  gtk_widget_class_bind_template_child (widget_class, LinliMeeting, names_switch);
  gtk_widget_class_bind_template_child (widget_class, LinliMeeting, legend_area);
  gtk_widget_class_bind_template_child (widget_class, LinliMeeting, strip);
  gtk_widget_class_set_css_name (widget_class, "meeting");
}

static void
linli_meeting_init (LinliMeeting *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->views = g_list_store_new (LINLI_TYPE_MEETING_VIEW);
  self->title = g_strdup ("");
  self->show_legend = TRUE;
  self->document_signals = g_signal_group_new (LINLI_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "coverage-changed",
                                 G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "grids-changed",
                                 G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "checks-changed",
                                 G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  self->project_signals = g_signal_group_new (LINLI_TYPE_PROJECT);
  g_signal_group_connect_object (self->project_signals, "notify::hide-names",
                                 G_CALLBACK (update_switch), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->project_signals, "notify::name",
                                 G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->names_switch, "notify::active",
                           G_CALLBACK (on_names_switch_cb), self, G_CONNECT_SWAPPED);
  gtk_drawing_area_set_draw_func (self->legend_area, draw_legend_cb, self, NULL);
  update_switch (self);
}

/* Public API */

LinliMeeting *
linli_meeting_new (void)
{
  return g_object_new (LINLI_TYPE_MEETING, NULL);
}

/**
 * linli_meeting_set_document:
 * @document: (nullable): the document the meeting shows
 *
 * The figures and the names switch follow @document.  A meeting under way
 * starts again from its first view, as the views of one project mean
 * nothing for another.
 */
void
linli_meeting_set_document (LinliMeeting  *self,
                            LinliDocument *document)
{
  g_return_if_fail (LINLI_IS_MEETING (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  g_signal_group_set_target (self->document_signals, document);
  g_signal_group_set_target (self->project_signals,
                             document != NULL ? linli_document_get_project (document) : NULL);
  update_switch (self);
  fill_strip (self);
  if (self->active)
    linli_meeting_start (self);
  else
    update_title (self);
}

/**
 * linli_meeting_set_map:
 * @map: the map the meeting moves
 * @layer: the layer of @map whose painter draws the district
 *
 * Both stay the caller's; the meeting only moves @map and asks @layer's
 * painter for the legend and the views' colours.
 */
void
linli_meeting_set_map (LinliMeeting  *self,
                       ShumateMap    *map,
                       LinliMapLayer *layer)
{
  g_return_if_fail (LINLI_IS_MEETING (self));
  g_return_if_fail (SHUMATE_IS_MAP (map));
  g_return_if_fail (LINLI_IS_MAP_LAYER (layer));

  if (self->layer != NULL)
    g_signal_handlers_disconnect_by_data (linli_map_layer_get_painter (self->layer), self);
  g_set_weak_pointer (&self->map, map);
  g_set_weak_pointer (&self->layer, layer);
  g_signal_connect_object (linli_map_layer_get_painter (layer), "changed",
                           G_CALLBACK (on_painter_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * linli_meeting_get_views:
 *
 * Returns: (transfer none): the views the presenter steps through, a list
 *   of #LinliMeetingView that others may append to
 */
GListStore *
linli_meeting_get_views (LinliMeeting *self)
{
  g_return_val_if_fail (LINLI_IS_MEETING (self), NULL);
  return self->views;
}

/* The defaults, then whatever #LinliMeeting::collect-views adds. */
static void
make_views (LinliMeeting *self)
{
  guint n = self->proposal != NULL ? g_strv_length (self->proposal) : 0;

  g_list_store_remove_all (self->views);
  if (self->document != NULL)
    linli_meeting_views_append_defaults (self->views, self->document,
                                         (const char **) self->proposal, n);
  g_signal_emit (self, signals[SIGNAL_COLLECT_VIEWS], 0, self->views);
}

/**
 * linli_meeting_set_proposal:
 * @ids: (array length=n) (nullable): the sites a plan proposes
 * @n: how many
 *
 * The proposal the window holds, for the proposal's view.  During a
 * meeting the views are made again, and the presenter stays at the same
 * step.
 */
void
linli_meeting_set_proposal (LinliMeeting  *self,
                            const char   **ids,
                            guint          n)
{
  guint n_views;

  g_return_if_fail (LINLI_IS_MEETING (self));

  g_clear_pointer (&self->proposal, g_strfreev);
  self->proposal = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    self->proposal[i] = g_strdup (ids[i]);
  if (!self->active)
    return;
  make_views (self);
  n_views = g_list_model_get_n_items (G_LIST_MODEL (self->views));
  if (self->position >= n_views && n_views > 0)
    {
      self->position = n_views - 1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
    }
  show_view (self);
}

/**
 * linli_meeting_start:
 *
 * Makes the views afresh (the defaults, with the proposal given by
 * linli_meeting_set_proposal(), then whatever
 * #LinliMeeting::collect-views adds), remembers the painter's settings and
 * shows the first view.
 */
void
linli_meeting_start (LinliMeeting *self)
{
  g_return_if_fail (LINLI_IS_MEETING (self));

  if (self->active && self->shown != NULL)
    {
      g_autoptr (LinliMeetingView) old = g_steal_pointer (&self->shown);

      g_signal_emit_by_name (old, "hidden");
    }
  if (!self->active && meeting_painter (self) != NULL)
    {
      self->saved_colors = linli_painter_get_building_colors (meeting_painter (self));
      self->saved_show_grids = linli_painter_get_show_grids (meeting_painter (self));
    }
  make_views (self);
  self->position = 0;
  if (!self->active)
    {
      self->active = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  fill_strip (self);
  show_view (self);
}

/**
 * linli_meeting_stop:
 *
 * Ends the meeting: the current view is told it is hidden and the painter
 * gets its settings back.  The map stays where it is; the window decides
 * where it goes.
 */
void
linli_meeting_stop (LinliMeeting *self)
{
  g_return_if_fail (LINLI_IS_MEETING (self));

  if (!self->active)
    return;
  if (self->shown != NULL)
    {
      g_autoptr (LinliMeetingView) old = g_steal_pointer (&self->shown);

      g_signal_emit_by_name (old, "hidden");
    }
  if (meeting_painter (self) != NULL)
    {
      linli_painter_set_building_colors (meeting_painter (self), self->saved_colors);
      linli_painter_set_show_grids (meeting_painter (self), self->saved_show_grids);
    }
  g_clear_handle_id (&self->fit_id, g_source_remove);
  memset (self->fitted, 0, sizeof self->fitted);
  self->active = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

gboolean
linli_meeting_get_active (LinliMeeting *self)
{
  g_return_val_if_fail (LINLI_IS_MEETING (self), FALSE);
  return self->active;
}

guint
linli_meeting_get_position (LinliMeeting *self)
{
  g_return_val_if_fail (LINLI_IS_MEETING (self), 0);
  return self->position;
}

/**
 * linli_meeting_get_current_view:
 *
 * Returns: (transfer none) (nullable): the view shown, or %NULL when there
 *   are none
 */
LinliMeetingView *
linli_meeting_get_current_view (LinliMeeting *self)
{
  g_autoptr (LinliMeetingView) view = NULL;

  g_return_val_if_fail (LINLI_IS_MEETING (self), NULL);

  view = g_list_model_get_item (G_LIST_MODEL (self->views), self->position);
  /* The list holds it. */
  return view;
}

/**
 * linli_meeting_go:
 * @position: the view to show
 *
 * Returns: %FALSE when there is no such view or the meeting is off
 */
gboolean
linli_meeting_go (LinliMeeting *self,
                  guint         position)
{
  g_return_val_if_fail (LINLI_IS_MEETING (self), FALSE);

  if (!self->active || position >= g_list_model_get_n_items (G_LIST_MODEL (self->views)))
    return FALSE;
  if (self->position != position)
    {
      self->position = position;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
    }
  show_view (self);
  return TRUE;
}

/**
 * linli_meeting_step:
 * @delta: +1 for the next view, -1 for the previous one
 *
 * Steps through the views, stopping at either end: a remote pressed once
 * too often does not jump from the last community back to the district.
 *
 * Returns: whether the view changed
 */
gboolean
linli_meeting_step (LinliMeeting *self,
                    int           delta)
{
  gint64 target;

  g_return_val_if_fail (LINLI_IS_MEETING (self), FALSE);

  target = (gint64) self->position + delta;
  if (target < 0 || target >= g_list_model_get_n_items (G_LIST_MODEL (self->views)))
    return FALSE;
  return linli_meeting_go (self, (guint) target);
}

/**
 * linli_meeting_get_title:
 *
 * Returns: the title shown: the project's name and the view's
 */
const char *
linli_meeting_get_title (LinliMeeting *self)
{
  g_return_val_if_fail (LINLI_IS_MEETING (self), NULL);
  return self->title;
}

/**
 * linli_meeting_get_free_area:
 * @area: (out caller-allocates): the part of the map between the title bar
 *   and the figures, in the meeting's (and the map's) coordinates
 *
 * Returns: %FALSE before the meeting has a size
 */
gboolean
linli_meeting_get_free_area (LinliMeeting    *self,
                             graphene_rect_t *area)
{
  int width, height, top, bottom;

  g_return_val_if_fail (LINLI_IS_MEETING (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  top = gtk_widget_get_height (self->top_bar);
  bottom = gtk_widget_get_height (GTK_WIDGET (self->strip));
  if (width <= 0 || height - top - bottom <= 0)
    return FALSE;
  graphene_rect_init (area, 0, top, width, height - top - bottom);
  return TRUE;
}

gboolean
linli_meeting_get_show_legend (LinliMeeting *self)
{
  g_return_val_if_fail (LINLI_IS_MEETING (self), FALSE);
  return self->show_legend;
}

/**
 * linli_meeting_set_show_legend:
 *
 * Shows or hides the large legend (L in the meeting).
 */
void
linli_meeting_set_show_legend (LinliMeeting *self,
                               gboolean      show)
{
  g_return_if_fail (LINLI_IS_MEETING (self));

  if (self->show_legend == !!show)
    return;
  self->show_legend = !!show;
  gtk_widget_queue_draw (GTK_WIDGET (self->legend_area));
  /* The view takes the room the legend leaves, or makes room for it. */
  if (self->active)
    fit_current (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}
