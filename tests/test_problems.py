"""Problem reporters: errors and warnings in text, and GitHub workflow commands that a file name cannot forge."""

from __future__ import annotations

import pytest

from pathfinder.problems import Problem, report


def test_warnings_print_as_warnings_and_are_counted_apart() -> None:
    problems = [Problem("a.yaml", 3, 5, "stale-review", "old", "warning"), Problem("a.yaml", 1, 1, "x", "bad")]
    lines = report(problems).splitlines()
    assert lines[0] == "a.yaml:1:1: error[x]: bad"
    assert lines[1] == "a.yaml:3:5: warning[stale-review]: old"
    assert lines[2] == "1 error and 1 warning in 1 file"
    assert report(problems, "github").splitlines()[1].startswith("::warning file=a.yaml,line=3,col=5,")


@pytest.mark.parametrize("name", [
    "roles/x\n::error file=forged.yaml::forged.yaml",
    "roles/x,title=forged.yaml",
    "roles/x\r::stop-commands::token.yaml",
    "roles/x::forged.yaml",
])
def test_a_hostile_file_name_cannot_start_or_change_a_workflow_command(name: str) -> None:
    line = Problem(name, 1, 1, "code", "message\n::error::forged").as_github()
    assert "\n" not in line and "\r" not in line
    command, _, message = line.partition("::")[2].partition("::")
    properties = dict(part.split("=", 1) for part in command.removeprefix("error ").split(","))
    assert set(properties) == {"file", "line", "col", "title"}
    assert properties["line"] == "1" and properties["title"] == "code"
    assert ":" not in properties["file"] and message.startswith("message%0A")


def test_text_reports_are_one_line_and_show_hidden_characters_escaped() -> None:
    line = Problem("roles/x\n.yaml", 1, 1, "code", "title: \"Pharmacy \u202e\x1b[31m: x\"").as_text()
    assert line.isprintable() and "\\u202e" in line and "\\x1b" in line and "\\n" in line
