"""Boundaries (GeoJSON, WGS84 lon/lat) drawn as plain SVG paths: no JavaScript, no map tiles.

A pure function, so the detail page and the PDF (WeasyPrint renders inline SVG) draw the same
map and the projection is unit-tested on hand-made shapes. An equirectangular projection with
x scaled by cos(latitude) is exact enough for one municipality (a few km across); it keeps
angles and areas right to well under 1 % there, which is all an overview map needs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

Ring = list[list[float]]


def _polygons(geometry: dict | None) -> list[list[Ring]]:
    """The polygons (each a list of rings) of a Polygon or MultiPolygon; [] for anything else."""
    if not isinstance(geometry, dict):
        return []
    coordinates = geometry.get("coordinates") or []
    if geometry.get("type") == "Polygon":
        return [coordinates]
    if geometry.get("type") == "MultiPolygon":
        return list(coordinates)
    return []


def _points(polygons: Iterable[list[Ring]]) -> Iterable[tuple[float, float]]:
    for polygon in polygons:
        for ring in polygon:
            for point in ring:
                yield float(point[0]), float(point[1])


def _number(value: float) -> str:
    """Rounded to 1 decimal, written short: 10.0 -> "10", -0.0 -> "0"."""
    text = f"{round(value, 1):.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def geometry_to_svg_paths(
    geometries: list[dict | None] | None, width: int = 400, height: int = 300, margin: int = 10
) -> dict:
    """Project shapes into one SVG viewBox of `width` x `height`, with `margin` on every side.

    Longitude is scaled by cos(mid latitude of all shapes' bounding box); the shapes together
    are fitted (aspect kept) and centred in the viewBox; y is flipped (north up). Returns
    `{"viewbox": "0 0 W H", "width": W, "height": H, "paths": [d, ...]}` with one path `d` per
    input geometry, in input order ("" for a missing or empty one: the caller decides whether
    to draw anything at all). Rings are closed with "Z"; draw with fill-rule="evenodd" so holes
    stay holes.
    """
    shapes = [_polygons(g) for g in geometries or []]
    result = {"viewbox": f"0 0 {width} {height}", "width": width, "height": height, "paths": [""] * len(shapes)}
    points = [p for polygons in shapes for p in _points(polygons)]
    if not points:
        return result

    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
    min_x, max_x = min(lons) * kx, max(lons) * kx
    min_y, max_y = min(lats), max(lats)
    span_x, span_y = max_x - min_x, max_y - min_y
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    scales = [s for s in (inner_w / span_x if span_x else None, inner_h / span_y if span_y else None) if s]
    scale = min(scales) if scales else 0.0
    # Centre the fitted shapes in the inner box.
    left = margin + (inner_w - span_x * scale) / 2
    top = margin + (inner_h - span_y * scale) / 2

    def project(lon: float, lat: float) -> str:
        x = left + (lon * kx - min_x) * scale
        y = top + (max_y - lat) * scale
        return f"{_number(x)} {_number(y)}"

    for index, polygons in enumerate(shapes):
        parts = []
        for polygon in polygons:
            for ring in polygon:
                vertices = [project(float(p[0]), float(p[1])) for p in ring]
                if len(vertices) > 1 and vertices[0] == vertices[-1]:
                    vertices.pop()  # GeoJSON repeats the first point; "Z" closes the ring
                if vertices:
                    parts.append("M" + " L".join(vertices) + " Z")
        result["paths"][index] = " ".join(parts)
    return result
