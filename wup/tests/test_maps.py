"""geometry_to_svg_paths: hand-made shapes whose SVG output is worked out by hand."""

from __future__ import annotations

from wup.maps import geometry_to_svg_paths


def _square(lon0: float, lat0: float, lon1: float, lat1: float) -> list:
    return [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]]


def test_a_square_at_60_degrees_north_is_drawn_as_a_square_centred_and_north_up():
    # given 2 degrees of longitude by 1 of latitude at 60 N, where cos(60) = 0.5: a square on the ground
    geometry = {"type": "Polygon", "coordinates": _square(0, 59.5, 2, 60.5)}
    # when it is drawn in 400 x 300 with a margin of 10
    result = geometry_to_svg_paths([geometry], width=400, height=300)
    # then it fills the 280 px inner height, is centred horizontally ((380 - 280) / 2 + 10 = 60),
    # and south (59.5) is at the bottom
    assert result["viewbox"] == "0 0 400 300"
    assert result["paths"] == ["M60 290 L340 290 L340 10 L60 10 Z"]


def test_shapes_are_fitted_together_and_rounded_to_one_decimal():
    # given two unit squares at the equator, one degree apart: together 3 wide, 1 high
    a = {"type": "Polygon", "coordinates": _square(0, 0, 1, 1)}
    b = {"type": "Polygon", "coordinates": _square(2, 0, 3, 1)}
    # when drawn together
    result = geometry_to_svg_paths([a, b])
    # then the scale is 380 / 3 = 126.67 px per degree, centred vertically (top 86.67)
    assert result["paths"] == [
        "M10 213.3 L136.7 213.3 L136.7 86.7 L10 86.7 Z",
        "M263.3 213.3 L390 213.3 L390 86.7 L263.3 86.7 Z",
    ]


def test_a_multipolygon_gives_one_path_with_a_subpath_per_ring():
    # given a MultiPolygon: a square with a hole, and a second square
    multi = {
        "type": "MultiPolygon",
        "coordinates": [
            _square(0, 0, 4, 4) + _square(1, 1, 2, 2),
            _square(6, 0, 8, 2),
        ],
    }
    # when drawn in a 100 x 60 box with a margin of 10 (inner 80 x 40, span 8 x 4: 10 px per degree)
    result = geometry_to_svg_paths([multi], width=100, height=60, margin=10)
    # then one path holds three closed rings (outer, hole, second polygon)
    assert result["viewbox"] == "0 0 100 60"
    assert result["paths"] == [
        "M10 50 L50 50 L50 10 L10 10 Z M20 40 L30 40 L30 30 L20 30 Z M70 50 L90 50 L90 30 L70 30 Z"
    ]


def test_no_geometry_gives_no_paths_but_a_viewbox():
    # given nothing, an empty list, missing geometries and a non-area geometry
    # when drawn, then there is nothing to draw, and one empty path per input keeps the order
    assert geometry_to_svg_paths(None) == {"viewbox": "0 0 400 300", "width": 400, "height": 300, "paths": []}
    assert geometry_to_svg_paths([])["paths"] == []
    assert geometry_to_svg_paths([None, {}])["paths"] == ["", ""]
    assert geometry_to_svg_paths([{"type": "Point", "coordinates": [4.7, 52.6]}])["paths"] == [""]


def test_a_missing_geometry_keeps_its_place_beside_a_drawn_one():
    # given a square and a missing geometry
    square = {"type": "Polygon", "coordinates": _square(0, 59.5, 2, 60.5)}
    # when drawn, then the missing one is an empty path in its place
    assert geometry_to_svg_paths([None, square])["paths"] == ["", "M60 290 L340 290 L340 10 L60 10 Z"]
