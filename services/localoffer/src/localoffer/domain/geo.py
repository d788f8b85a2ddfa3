"""Distances on the Earth's surface: the exact (haversine) distance and the bounding
box that an index can answer before it. Pure."""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)


@dataclass(frozen=True)
class BoundingBox:
    south: float
    north: float
    west: float
    east: float


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_m: float) -> BoundingBox:
    """The smallest latitude/longitude box holding every point within `radius_m` of the
    centre (away from the poles, which England is)."""
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    dlon = math.degrees(radius_m / (EARTH_RADIUS_M * math.cos(math.radians(lat))))
    return BoundingBox(lat - dlat, lat + dlat, lon - dlon, lon + dlon)


# --- distances from precomputed points: the unit vector of each location ------------------
# A location is stored with the point on the unit sphere its latitude and longitude give;
# the straight-line (chord) distance between two such points grows with the great-circle
# distance, so "within r metres" and "nearest first" become sums of squares in SQL (no
# trigonometry per row), and the exact distance follows from the chord alone.


@dataclass(frozen=True)
class UnitVector:
    x: float
    y: float
    z: float


def unit_vector(lat: float, lon: float) -> UnitVector:
    phi, lmb = math.radians(lat), math.radians(lon)
    return UnitVector(math.cos(phi) * math.cos(lmb), math.cos(phi) * math.sin(lmb),
                      math.sin(phi))


def chord_squared_within(radius_m: float) -> float:
    """The squared chord (unit sphere) of a great-circle distance of `radius_m`."""
    half_angle = min(math.pi / 2, radius_m / (2 * EARTH_RADIUS_M))
    return (2 * math.sin(half_angle)) ** 2


def metres_from_chord_squared(chord_squared: float) -> float:
    """The great-circle distance in metres whose squared chord is `chord_squared`: the
    same figure `haversine_m` gives for the two points."""
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(max(0.0, chord_squared)) / 2))
