from django.urls import path

from httpcache.front import tagged

from . import feeds, views

app_name = "events"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="list"),
    # Fixed addresses before events/<slug>/, which would otherwise take them.
    path("events/feed/", tagged(*views.EVENT_LISTS)(feeds.EventFeed()), name="feed"),
    path("events/feed/atom/", tagged(*views.EVENT_LISTS)(feeds.AtomEventFeed()), name="atom"),
    path("events/calendar.ics", views.events_calendar, name="calendar-feed"),
    path("events/<str:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("events/<str:slug>/calendar.ics", views.EventCalendarView.as_view(), name="calendar"),
    path("events/<str:slug>/world-clock/", views.EventWorldClockView.as_view(), name="world-clock"),
    path("events/<str:slug>/recording/", views.recording_redirect, name="recording"),
    path("topics/<str:slug>/", views.TopicDetailView.as_view(), name="topic"),
]
