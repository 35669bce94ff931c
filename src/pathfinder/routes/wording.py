"""Wording: how months, steps and counts of routes are said, the same in the CLI, the pages and the finder."""

from __future__ import annotations

__all__ = ["months_words", "steps_words"]


def months_words(months: int) -> str:
    """Months in words, the same on every page, in the finder and in the command line.

    >>> [months_words(n) for n in (0, 1, 12, 18, 24)]
    ['no extra time', '1 month', '12 months (1 year)', '18 months (1 year 6 months)', '24 months (2 years)']
    """
    if months == 0:
        return "no extra time"
    plain = f"{months} month{'s' * (months != 1)}"
    years, rest = divmod(months, 12)
    if years == 0:
        return plain
    in_years = f"{years} year{'s' * (years != 1)}" + (f" {rest} month{'s' * (rest != 1)}" if rest else "")
    return f"{plain} ({in_years})"


def steps_words(count: int) -> str:
    """ "1 step", "2 steps"."""
    return f"{count} step{'s' * (count != 1)}"


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"



def _routes_count(count: int) -> str:
    return "there is 1 route" if count == 1 else f"there are {count} routes"
