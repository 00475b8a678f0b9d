from __future__ import annotations

from daicho.domain import diff_records


def test_first_revision_lists_only_values_that_are_set() -> None:
    changes = diff_records(None, {"a": 1, "b": None, "c": [], "d": {"e": None}})
    assert [(c.path, c.kind) for c in changes] == [("a", "added")]


def test_nested_changes_are_addressed_by_path() -> None:
    before = {"owner": "a", "datasets": [{"name": "x", "legal_basis": None}], "tags": ["p"]}
    after = {
        "owner": "b",
        "datasets": [{"name": "x", "legal_basis": "consent"}],
        "tags": ["p", "q"],
    }
    changes = {c.path: (c.before, c.after, c.kind) for c in diff_records(before, after)}
    assert changes == {
        "owner": ("a", "b", "changed"),
        "datasets[0].legal_basis": (None, "consent", "added"),
        "tags": (["p"], ["p", "q"], "changed"),
    }


def test_removed_list_items_are_reported() -> None:
    changes = diff_records({"models": [{"n": 1}, {"n": 2}]}, {"models": [{"n": 1}]})
    assert [(c.path, c.kind) for c in changes] == [("models[1].n", "removed")]


def test_identical_records_have_no_changes() -> None:
    record = {"a": {"b": [1, 2]}, "c": "x"}
    assert diff_records(record, dict(record)) == []


def test_set_field_appends_one_past_the_end_and_refuses_gaps() -> None:
    import pytest

    from daicho.domain import UserError, set_field

    body: dict[str, object] = {"datasets": [{"name": "a"}]}
    set_field(body, "datasets[1].name", "b")
    set_field(body, "datasets[0].source", "web")
    assert body == {"datasets": [{"name": "a", "source": "web"}, {"name": "b"}]}
    with pytest.raises(UserError, match="does not name a field"):
        set_field(body, "datasets[5].name", "gap")
