from django.contrib import admin
from django.db import models

from .models import TrendSignal


@admin.register(TrendSignal)
class TrendSignalAdmin(admin.ModelAdmin):
    list_display = ("title", "community", "kind", "ring", "horizon", "status", "observed_on")
    list_filter = ("community", "status", "kind", "ring", "horizon")
    search_fields = ("title", "description", "source")
    raw_id_fields = ("proposed_by", "curated_by")
    list_select_related = ("community",)
    date_hierarchy = "observed_on"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
