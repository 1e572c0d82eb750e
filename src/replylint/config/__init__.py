"""replylint.toml and [tool.replylint] to a frozen Config; knows no reader."""
