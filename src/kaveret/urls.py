from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from kaveret.api import api
from kaveret.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("", include("kaveret.ecosystem.urls")),
    path("communities/", include("kaveret.communities.urls")),
    path("network/", include("kaveret.network.urls")),
    path("knowledge/", include("kaveret.knowledge.urls")),
    path("trends/", include("kaveret.trends.urls")),
    path("notifications/", include("kaveret.notifications.urls")),
    path("challenges/", include("kaveret.challenges.urls")),
    path("calls/", include("kaveret.calls.urls")),
    path("partnerships/", include("kaveret.partnerships.urls")),
    path("measurement/", include("kaveret.measurement.urls")),
    path("", include("kaveret.matching.urls")),
    path("accounts/", include("allauth.urls")),
    path("tasks/<str:task_id>/", core_views.task_status, name="task_status"),
    path("admin/", admin.site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    prefix_default_language=False,
)
