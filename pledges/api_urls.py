from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("pledges", api.PledgeViewSet, basename="api-pledge")
router.register("systems", api.SystemViewSet, basename="api-system")
router.register("countries", api.CountryViewSet, basename="api-country")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    *router.urls,
]
