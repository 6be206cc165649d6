from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("pledges/", views.pledge_list, name="pledge-list"),
    path("pledges/export.csv", views.pledge_export, name="pledge-export"),
    path("pledges/articles.json", views.article_count, name="article-count"),
    path("pledges/<int:pk>/", views.pledge_detail, name="pledge-detail"),
    path("exports/<uuid:pk>/", views.export_detail, name="export-detail"),
    path("exports/<uuid:pk>/pledges.csv", views.export_download, name="export-download"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<str:code>/", views.country_detail, name="country-detail"),
    path("coalitions/", views.coalition_list, name="coalition-list"),
    path("coalitions/<slug:slug>/", views.coalition_detail, name="coalition-detail"),
    path("systems/", views.system_list, name="system-list"),
    path("systems/<slug:slug>/", views.system_detail, name="system-detail"),
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
]
