"""The postcode directory the LA loads (ONS postcode directory layout): never an outside
geocoder."""

from sqlalchemy import Column, Float, String, Table

from localoffer.db import metadata

postcode = Table(
    "postcode", metadata,
    Column("postcode", String(8), primary_key=True),  # canonical: "SW1A 1AA"
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("local_authority_district", String(9)),    # ONS code, e.g. E09000033
)
