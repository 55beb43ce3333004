"""The CLI's documentation: every command explains itself and is in the README."""

from pathlib import Path

from click.testing import CliRunner

from kb.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    for name, command in cli.commands.items():
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example:" in result.output, f"kb {name} --help gives no example"
        assert f"`kb {name}" in README, f"kb {name} is not documented in README.md"


def test_readme_starts_with_the_two_commands():
    first_section = README.split("## ", 2)[1]
    assert "make demo" in first_section and "make test" in first_section


def test_serve_without_a_database_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such database" in result.output
