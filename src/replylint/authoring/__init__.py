"""Tools for pack writers: the example harness, evaluation on labelled drafts, the scoreboard."""
