"""The project's YAML files: one-line errors naming the file, and the expected shape."""

import pytest

from kb.yamlfile import read_yaml


class Bad(Exception):
    pass


def test_reads_a_mapping_or_a_list_and_an_empty_file_as_empty(tmp_path):
    mapping, listed, empty = tmp_path / "m.yml", tmp_path / "l.yml", tmp_path / "e.yml"
    mapping.write_text("a: 1\n")
    listed.write_text("- x\n- y\n")
    empty.write_text("")
    assert read_yaml(mapping, "settings", Bad) == {"a": 1}
    assert read_yaml(listed, "entries", Bad, expected=list) == ["x", "y"]
    assert read_yaml(empty, "entries", Bad, expected=list) == []


@pytest.mark.parametrize("text, problem", [
    ("a: [1,\nb: 2\n", "not valid YAML"),
    ("- just\n- a list\n", "settings must be a mapping"),
])
def test_bad_files_give_one_line_errors_naming_the_file(tmp_path, text, problem):
    path = tmp_path / "settings.yml"
    path.write_text(text)
    with pytest.raises(Bad) as raised:
        read_yaml(path, "settings", Bad)
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message
    with pytest.raises(Bad, match="cannot read settings"):
        read_yaml(tmp_path / "missing.yml", "settings", Bad)
