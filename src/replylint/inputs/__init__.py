"""Paths and bytes to drafts: files, formats, Markdown, HTML, placeholders and collections."""
