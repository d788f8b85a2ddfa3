"""Pure checks of the SEN2 return's rows (R13.1): each row of each module against the items
of the DfE's SEN2 guide (2025 guide v1.4 item numbers). A check's `rule` is our id, `SEN2-`
and the guide item it enforces; the DfE's own validation rule numbers were not confirmed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from assessment.domain.identifiers import is_valid_uln, is_valid_upn

# 5.8a: the SEN type of each ranked need.
SEN_TYPES = ("SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD",
             "DS", "OTH")
# 1.6: CBDS ethnicity (main codes).
ETHNICITIES = ("WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
               "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT")
# 1.5: gender, ISO/IEC 5218 codes as the CBDS uses them (0 not known, 1 male, 2 female,
# 9 not specified); not confirmed against the 2027 guide.
GENDERS = ("0", "1", "2", "9")


@dataclass(frozen=True, slots=True)
class Check:
    """One failed validation: the row (module/table id), the guide item and why."""

    rule: str
    row: str
    field: str
    message: str


def age_on(born_on: date, day: date) -> int:
    return day.year - born_on.year - ((day.month, day.day) < (born_on.month, born_on.day))


def _check(rule: str, row: str, name: str, message: str) -> Check:
    return Check(rule=rule, row=row, field=name, message=message)


def check_row(module: str, row: dict[str, Any], census: date) -> list[Check]:
    return CHECKS.get(module, lambda _r, _c: [])(row, census)


def check_person(row: dict[str, Any], census: date) -> list[Check]:
    at = f"person/{row['persontableid']}"
    found = []
    born = date.fromisoformat(row["personbirthdate"])
    if born > census:
        found.append(_check("SEN2-1.3a", at, "personbirthdate", "born after the census date"))
    if age_on(born, date(census.year - 1, 1, 1)) > 25:
        found.append(_check("SEN2-1.3b", at, "personbirthdate",
                            "older than 25 at the start of the collection year"))
    if row["gendercurrent"] not in GENDERS:
        found.append(_check("SEN2-1.5", at, "gendercurrent", "gender missing or not a code"))
    if row["ethnicity"] not in ETHNICITIES:
        found.append(_check("SEN2-1.6", at, "ethnicity", "ethnicity missing or not a code"))
    if not row["postcode"]:
        found.append(_check("SEN2-1.7", at, "postcode", "postcode missing"))
    if row["upn"] and not is_valid_upn(row["upn"]):
        found.append(_check("SEN2-1.8", at, "upn", "UPN fails its check letter"))
    if row["uniquelearnernumber"] and not is_valid_uln(row["uniquelearnernumber"]):
        found.append(_check("SEN2-1.9", at, "uniquelearnernumber", "ULN fails its check digit"))
    if not (row["upn"] or row["uniquelearnernumber"] or row["upnunknown"]):
        found.append(_check("SEN2-1.10", at, "upnunknown",
                            "no UPN, no ULN and no reason they are unavailable"))
    return found


def _dates_in_order(at: str, rule: str, earlier: tuple[str, str], later: tuple[str, str],
                    row: dict[str, Any]) -> list[Check]:
    first, second = row.get(earlier[0], ""), row.get(later[0], "")
    if first and second and second < first:
        return [_check(rule, at, later[0], f"{later[1]} is before {earlier[1]}")]
    return []


def check_request(row: dict[str, Any], census: date) -> list[Check]:
    at = f"requests/{row['requeststableid']}"
    found = _dates_in_order(at, "SEN2-2.3a", ("receiveddate", "the request"),
                            ("requestoutcomedate", "the request's outcome"), row)
    if row["requestoutcomedate"] and row["requestoutcomedate"] > census.isoformat():
        found.append(_check("SEN2-2.3b", at, "requestoutcomedate", "after the census date"))
    if bool(row["requestoutcome"]) != bool(row["requestoutcomedate"]):
        found.append(_check("SEN2-2.4", at, "requestoutcome",
                            "an outcome needs its date and a date its outcome"))
    return found


def check_assessment(row: dict[str, Any], census: date) -> list[Check]:
    at = f"assessment/{row['assessmenttableid']}"
    found = []
    if row["assessmentoutcomedate"] and row["assessmentoutcomedate"] > census.isoformat():
        found.append(_check("SEN2-3.2", at, "assessmentoutcomedate", "after the census date"))
    if bool(row["assessmentoutcome"]) != bool(row["assessmentoutcomedate"]):
        found.append(_check("SEN2-3.1", at, "assessmentoutcome",
                            "an outcome needs its date and a date its outcome"))
    return found


def check_named_plan(row: dict[str, Any], census: date) -> list[Check]:
    at = f"namedplan/{row['namedplantableid']}"
    found = _dates_in_order(at, "SEN2-4.5", ("startdate", "the plan's start"),
                            ("ceasedate", "its cease date"), row)
    if row["ceasedate"] and not row["ceasereason"]:
        found.append(_check("SEN2-4.6", at, "ceasereason", "a ceased plan needs its reason"))
    return found


def check_placement(row: dict[str, Any], census: date) -> list[Check]:
    table = "placementdetail" if "placementdetailtableid" in row else "plandetail"
    at = f"{table}/{row[table + 'tableid']}"
    if not (row["urn"] or row["ukprn"] or row["sensetting"]):
        return [_check("SEN2-5.7", at, "sensetting",
                       "a placement needs a URN, a UKPRN or an SEN setting")]
    return []


def check_active_plan(row: dict[str, Any], census: date) -> list[Check]:
    at = f"activeplans/{row['activeplanstableid']}"
    if not row["requeststableid"]:
        return [_check("SEN2-5.1", at, "requeststableid",
                       "an active plan needs the request it came from (a plan imported or "
                       "moved in without one)")]
    return []


def check_sen_need(row: dict[str, Any], census: date) -> list[Check]:
    if row["sentype"] not in SEN_TYPES:
        return [_check("SEN2-5.8", f"senneed/{row['senneedtableid']}", "sentype",
                       "not an SEN type code")]
    return []


CHECKS = {"person": check_person, "requests": check_request, "assessment": check_assessment,
          "namedplan": check_named_plan, "plandetail": check_placement,
          "placementdetail": check_placement, "activeplans": check_active_plan,
          "senneed": check_sen_need}


def missing_primary_need(modules: Mapping[str, Sequence[dict[str, Any]]]) -> list[Check]:
    """5.8: every active plan has a primary need (rank 1)."""
    ranked = {r["activeplanstableid"] for r in modules["senneed"] if r["sentyperank"] == "1"}
    return [_check("SEN2-5.8a", f"activeplans/{r['activeplanstableid']}", "sentype",
                   "no primary need (SEN type rank 1) recorded")
            for r in modules["activeplans"] if r["activeplanstableid"] not in ranked]


def check_return(modules: Mapping[str, Sequence[dict[str, Any]]], census: date) -> list[Check]:
    """Every failed check of every row, module by module."""
    return [c for module, rows in modules.items() for row in rows
            for c in check_row(module, row, census)] + missing_primary_need(modules)
