from django.contrib import admin
from django.urls import include, path

from .views import healthz

admin.site.site_header = "AidTracker administration"
admin.site.site_title = "AidTracker admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("ingest.urls")),
    path("", include("pledges.urls")),
]
