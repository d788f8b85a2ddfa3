"""A made-up directory of any size as an Open Referral UK ndjson feed (fully nested
services), for the 2,000-entry test and the 10,000-entry benchmark: varied names, terms,
ages, opening times, charges and places around Leeds. Deterministic for a given seed."""

from __future__ import annotations

import json
import random
import uuid
from typing import Any

from localoffer.taxonomy import seed

_WORDS = ["speech", "language", "autism", "sensory", "play", "swimming", "transport",
          "college", "apprenticeship", "housing", "respite", "short", "breaks", "dyslexia",
          "hearing", "sight", "wheelchair", "music", "youth", "club", "therapy", "advice",
          "mediation", "forum", "nursery", "childminder", "physio", "counselling",
          "mentoring", "travel", "training", "employment", "drama", "football", "art"]
_KINDS = ["Support group", "Drop-in", "Clinic", "Club", "Service", "Course", "Team"]
_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
CENTRE = (53.7997, -1.5492)
CATEGORY_IDS = [t.id for t in seed.TERMS if t.taxonomy is seed.CATEGORIES]
NEED_IDS = [t.id for t in seed.TERMS if t.taxonomy is seed.AREAS_OF_NEED]


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def organisations(count: int, rng: random.Random) -> list[dict[str, Any]]:
    return [{"id": _id(rng), "name": f"Provider {n} of the borough",
             "description": f"Provider {n} runs services for children and young people",
             "organization_identifiers": [{"identifier_scheme": "GB-CHC",
                                           "identifier_type": "Charity number",
                                           "identifier": f"{1_100_000 + n}"}]}
            for n in range(count)]


def service(n: int, orgs: list[dict[str, Any]], rng: random.Random) -> dict[str, Any]:
    words = rng.sample(_WORDS, 3)
    name = f"{words[0].title()} {words[1]} {rng.choice(_KINDS).lower()} {n}"
    minimum = rng.randint(0, 16)
    days = sorted(rng.sample(_DAYS, rng.randint(1, 5)), key=_DAYS.index)
    opens = rng.choice([8, 9, 10, 13, 16])
    free = rng.random() < 0.6
    sid = _id(rng)
    return {
        "id": sid, "name": name,
        "description": f"{name}: {' '.join(rng.sample(_WORDS, 8))} for families and young "
                       "people with special educational needs and disabilities.",
        "status": "active" if rng.random() < 0.9 else "temporarily closed",
        "url": f"https://directory.example/services/{n}",
        "minimum_age": minimum, "maximum_age": rng.randint(minimum, 25),
        "organization": rng.choice(orgs),
        "attributes": [{"taxonomy_term_id": t} for t in
                       {rng.choice(CATEGORY_IDS), rng.choice(NEED_IDS), rng.choice(NEED_IDS)}],
        "schedules": [{"id": _id(rng), "freq": "WEEKLY", "byday": ",".join(days),
                       "opens_at": f"{opens:02d}:00", "closes_at": f"{opens + 3:02d}:30"}],
        "cost_options": [{"id": _id(rng), "option": "Per session",
                          "amount": 0 if free else rng.choice([5, 10, 25])}],
        "contacts": [{"id": _id(rng), "name": "Duty officer",
                      "phones": [{"number": "0113 496 0000"}]}],
        "service_areas": [{"service_area": "The whole borough"}],
        "service_at_locations": [_place(rng) for _ in range(rng.randint(1, 2))],
    }


def _place(rng: random.Random) -> dict[str, Any]:
    lat = CENTRE[0] + rng.uniform(-0.25, 0.25)
    lon = CENTRE[1] + rng.uniform(-0.4, 0.4)
    return {"id": _id(rng), "location": {
        "id": _id(rng), "name": "Community centre", "latitude": round(lat, 5),
        "longitude": round(lon, 5), "addresses": [{"address_1": "1 Market Street",
                                                   "city": "Leeds", "postal_code": "LS1 4AP"}]}}


def ndjson_feed(count: int, *, seed_value: int = 13, organisation_count: int = 50) -> bytes:
    rng = random.Random(seed_value)
    orgs = organisations(organisation_count, rng)
    return b"".join(json.dumps(service(n, orgs, rng)).encode() + b"\n" for n in range(count))
