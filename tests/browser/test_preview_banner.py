"""The banner ``mkdocs serve`` shows while the data is broken: accessible and readable on a phone.

The banner's HTML is put into a built page the way the hook puts it (at the top of the article), so the theme's
styles apply as in the preview.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from pathfinder.problems import Problem
from pathfinder.site.preview import BANNER_ID, problems_banner

from .conftest import axe_violations, describe_violations

_PROBLEMS = [
    Problem("pathways/roles/a-very-long-stage-identifier-that-will-not-fit-on-a-phone-screen.yaml", 12, 5,
            "unknown-stage", "no stage has the id 'pharmacy-techncian'; did you mean 'pharmacy-technician'?"),
    Problem("pathways/training/trainee-pharmacy-technician.yaml", 7, 19, "yaml-syntax",
            "YAML syntax: mapping values are not allowed in this context"),
]


@pytest.mark.parametrize("width", [390, 1280])
def test_banner_is_accessible_and_fits_the_screen(guarded_page: Page, base_url: str, width: int) -> None:
    guarded_page.set_viewport_size({"width": width, "height": 844})
    guarded_page.goto(base_url + "careers/pharmacy-technician/")
    guarded_page.evaluate("html => document.querySelector('article').insertAdjacentHTML('afterbegin', html)",
                          problems_banner(_PROBLEMS))
    banner = guarded_page.locator(f"#{BANNER_ID}")
    assert banner.get_attribute("role") == "alert"
    assert guarded_page.get_by_role("heading", level=2).first.inner_text().startswith(banner.locator(
        "[role=heading]").inner_text())
    assert banner.locator("li").count() == len(_PROBLEMS)
    box = banner.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert guarded_page.evaluate("document.documentElement.scrollWidth") <= width
    violations = axe_violations(guarded_page)
    assert violations == [], describe_violations(violations)
