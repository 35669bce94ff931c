"""Wording: how months, steps and counts of routes are said, the same in the CLI, the pages and the finder."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["experience_amount", "months_words", "short_months", "steps_words", "time_words"]


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


def short_months(months: int) -> str:
    """Months in the fewest words, for lists: "15 months", "2 years", "1 month"."""
    if months and months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' * (years != 1)}"
    return f"{months} month{'s' * (months != 1)}"


def _in(experience: Mapping[str, Any]) -> str:
    """Where the time is spent: "in your job now" for the job you start from, else "as a ..." with its title."""
    return "in your job now" if experience.get("at") == 0 else _as_a(str(experience["title"]))


def _as_a(title: str) -> str:
    """'Pharmacy technician' -> 'as a pharmacy technician'; 'Accuracy checking dispenser' -> 'as an ...'."""
    lowered = title if title[1:2].isupper() else title[:1].lower() + title[1:]
    return f"as {'an' if lowered[:1] in 'aeiou' else 'a'} {lowered}"


def _or_like(experience: Mapping[str, Any]) -> str:
    """' (or as a mental health pharmacy technician)' when one other job would do as well, ' (or in one of 4 other
    jobs)' when several would, else nothing: the route names one job, the others are routes of their own."""
    others = list(experience.get("others") or [])
    if not others:
        return ""
    return f" (or {_as_a(others[0])})" if len(others) == 1 else f" (or in one of {len(others)} other jobs)"


def time_words(training_months: int, experience: Iterable[Mapping[str, Any]], *, short: bool = False,
               step_months: Sequence[int] = ()) -> str:
    """A route's time with training and time in a job apart, the same in the CLI, pages, finder and cards.
    ``experience`` holds each stretch in a job a step asks for (``title``, ``months``, ``varies``, ``at_least``,
    ``at``: its step); with ``step_months`` the words say "then" only when that time comes after the training.

    >>> time_words(24, [])
    'about 24 months (2 years)'
    >>> time_words(24, [{"title": "Pharmacy technician", "months": 24, "varies": False}], short=True)
    "about 2 years' training, then usually 2 years as a pharmacy technician"
    >>> time_words(24, [{"title": "Pharmacy technician", "months": 0, "varies": True}], short=True)
    "about 2 years' training, then time as a pharmacy technician, which varies"
    >>> time_words(0, [{"title": "Aseptic pharmacy technician", "months": 0, "varies": True,
    ...                 "others": ["Mental health pharmacy technician"]}])
    'time as an aseptic pharmacy technician (or as a mental health pharmacy technician), which varies'
    >>> time_words(12, [{"title": "Pharmacy assistant", "months": 12, "varies": False, "at_least": True, "at": 0}],
    ...            short=True, step_months=[0, 12, 0])
    "about 1 year's training, plus at least 1 year in your job now"
    """
    say = short_months if short else months_words
    experience = list(experience)
    legs = [f"time {_in(e)}{_or_like(e)}, which varies" if e["varies"] or not e["months"]
            else f"{experience_amount(e, say)} {_in(e)}" for e in experience]
    if not legs:
        return f"about {say(training_months)}" if training_months else "no extra time"
    then = ", then ".join(legs)
    if not training_months:
        return then
    first_training = next((i for i, months in enumerate(step_months) if months), None)
    after = first_training is None or all(int(e.get("at", len(step_months))) >= first_training for e in experience)
    said = say(training_months)
    training = (f"{said}'{'' if said.endswith('s') else 's'} training" if short else f"{said} of training")
    return f"about {training}, {'then' if after else 'plus'} {then}"


def experience_amount(experience: Mapping[str, Any], say: Any = months_words) -> str:
    """ "usually 2 years" or "at least 12 months (1 year)" for a stretch in a job with a sourced figure."""
    return f"{'at least' if experience.get('at_least') else 'usually'} {say(int(experience['months']))}"


def steps_words(count: int) -> str:
    """ "1 step", "2 steps"."""
    return f"{count} step{'s' * (count != 1)}"


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"



def _routes_count(count: int) -> str:
    return "there is 1 route" if count == 1 else f"there are {count} routes"
