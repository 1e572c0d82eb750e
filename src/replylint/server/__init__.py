"""Long-lived servers on top of replylint.api: the MCP server for agents (and the language server for editors)."""
