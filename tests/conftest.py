"""Shared fixtures: the shipped questionnaire and a factory for complete assessments."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

from lia_desktop.assets import questionnaire as shipped_questionnaire
from lia_desktop.domain.model import Assessment


def pytest_configure(config):
    """The content cache of the test run is its own (and so are those of the commands it runs)."""
    if "LIA_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="lia-cache-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        os.environ["LIA_CACHE_DIR"] = folder


# A newsletter to existing customers where every answer favours legitimate interest.
FAVOURABLE = {
    "title": "Lentenieuwsbrief",
    "organisation": "Bakkerij Janssens bv",
    "assessor": "Tom Janssens",
    "assessment_date": "2026-03-15",
    "ctx_description": "Maandelijkse nieuwsbrief aan klanten met een klantenkaart.",
    "ctx_purpose": "Vaste klanten op de hoogte houden van nieuwe broden, zodat ze blijven komen.",
    "ctx_country": ["country_be"],
    "ctx_audience": "aud_b2c",
    "ctx_relationship": "rel_existing",
    "ctx_channels": ["ch_email"],
    "ctx_data": ["data_identity", "data_contact"],
    "ctx_sources": ["src_direct"],
    "ctx_data_age": "age_recent",
    "ctx_scale": "scale_small",
    "ctx_profiling": "prof_none",
    "ctx_disclosure": ["disc_none"],
    "ctx_children": "children_no",
    "ctx_special": "special_no",
    "e_sale": True,
    "e_similar": True,
    "e_optout_collect": True,
    "e_optout_message": True,
    "c1": "yes",
    "c2": "yes",
    "q01": "yes",
    "q02": "no",
    "q03": "yes",
    "q04": "q04_customer",
    "q05": "yes",
    "q06": "yes",
    "q07": "yes",
    "q08": "q08_direct",
    "q09": "no",
    "q10": "q10_necessary",
    "r4": "yes",
}


@pytest.fixture(scope="session")
def questionnaire():
    return shipped_questionnaire()


def make_assessment(language: str = "nl", safeguards: tuple[str, ...] = (), **changes) -> Assessment:
    """A complete assessment: FAVOURABLE with `changes` applied (None removes an answer)."""
    assessment = Assessment(language=language)
    for item_id, value in {**FAVOURABLE, **changes}.items():
        assessment.set_value(item_id, value)
    assessment.safeguards = list(safeguards)
    return assessment
