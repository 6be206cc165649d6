from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "AidTracker administration"
admin.site.site_title = "AidTracker admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("pledges.api_urls")),
    path("", include("ingest.urls")),
    path("", include("pledges.urls")),
]
