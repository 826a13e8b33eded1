from django.urls import URLPattern, path

from . import map_views

urlpatterns: list[URLPattern] = [
    path("map/", map_views.map_page, name="map"),
    path("map/data.json", map_views.map_data, name="map_data"),
    path("map/actors.csv", map_views.map_nodes_csv, name="map_nodes_csv"),
    path("map/relations.csv", map_views.map_relations_csv, name="map_relations_csv"),
    path("map/map.graphml", map_views.map_graphml, name="map_graphml"),
]
