"""Markdown saved-reply files: one draft per heading's section, read as Markdown, placed in the file."""

from __future__ import annotations

import textwrap

import pytest

from replylint.engine.linter import analysis_text
from replylint.findings import Entry
from replylint.inputs.drafts import InputError
from replylint.inputs.formats import drafts_for
from replylint.inputs.settings import Reading


def drafts(name: str, text: str, layout: str | None = None):
    return list(drafts_for(name, textwrap.dedent(text), Reading(layout=layout)))


def where(draft, word: str) -> tuple[int, int]:
    return draft.locate(draft.text.index(word))


FENCED = """\
    # Replies

    ## Not a bug

    ```
    Thanks for the report. This is how the cache works.
    ```

    ### *Closing* a `stale` issue

    ~~~markdown
    Closing this for now; reopen it any time.
    ~~~
    """


def test_two_headings_over_one_fence_each_are_saved_replies_whatever_the_name():
    first, second = drafts("notes.md", FENCED)
    assert (first.entry, first.text) == (Entry("Not a bug", 1), "Thanks for the report. This is how the cache works.\n")
    assert where(first, "cache") == (6, 40)
    # Markup is dropped from the name; the heading itself is in no draft.
    assert (second.entry, second.text) == (
        Entry("Closing a stale issue", 2),
        "Closing this for now; reopen it any time.\n",
    )
    assert where(second, "reopen") == (12, 23)


def test_a_blockquoted_reply_is_linted_not_skipped_as_quoted_mail():
    text = """\
        ## Works for me

        > I tried it and it works.
        > You must have entered it wrong.

        ## Fixed

        > Thanks, it is fixed in 2.1.
        """
    draft, _ = drafts("a.md", text)
    assert draft.text == "I tried it and it works.\nYou must have entered it wrong.\n"
    assert analysis_text(draft) == draft.text  # nothing blanked
    assert where(draft, "You must") == (4, 3)


def test_by_name_sections_of_prose_are_replies_and_code_in_them_stays_skipped():
    text = """\
        ## Needs logs

        Could you send `your fault.log` from the app? We will look at it.

        ## Thanks

        Thanks, glad it works now.
        """
    first, second = drafts("canned-responses.md", text)
    assert first.entry == Entry("Needs logs", 1)
    assert analysis_text(first).strip().startswith("Could you send")
    assert "your fault" not in analysis_text(first)
    assert where(first, "Could") == (3, 1)
    assert (second.entry, second.text.strip()) == (Entry("Thanks", 2), "Thanks, glad it works now.")


def test_prose_introducing_deeper_headings_is_a_title_not_a_reply():
    text = """\
        # Saved replies

        Paste these into issues.

        ## Billing

        ### Refund sent

        Your refund is on its way.

        ### Card declined

        > Your bank declined the card.
        """
    assert [d.entry for d in drafts("a.md", text)] == [Entry("Refund sent", 1), Entry("Card declined", 2)]


def test_a_fence_with_a_code_language_is_not_a_reply_block():
    text = """\
        ## Install

        ```sh
        pip install thing
        ```

        ## Run

        ```python
        print("you must have entered it wrong")
        ```
        """
    (draft,) = drafts("guide.md", text)  # an ordinary document: one draft, as before
    assert draft.entry is None


def test_a_single_reply_file_stays_one_draft():
    (draft,) = drafts("replies.md", "# Hello\n\nThanks for writing in.\n")
    assert (draft.entry, draft.text) == (None, "# Hello\n\nThanks for writing in.\n")


def test_the_config_can_force_either_reading():
    text = "## One\n\nThanks, fixed.\n\n## Two\n\nThanks, shipped.\n"
    assert [d.entry for d in drafts("a.md", text)] == [None]
    assert [d.entry for d in drafts("a.md", text, "saved-replies")] == [Entry("One", 1), Entry("Two", 2)]
    assert [d.entry for d in drafts("SAVED_REPLIES.md", text, "markdown")] == [None]


def test_forcing_saved_replies_on_a_file_without_headings_is_an_error():
    with pytest.raises(InputError, match=r"^a\.md: no heading with a reply under it"):
        drafts("a.md", "Just one reply.\n", "saved-replies")


def test_crlf_files_keep_their_places():
    text = "## A\r\n\r\n> Thanks, fixed.\r\n\r\n## B\r\n\r\n> Sorry, we were slow.\r\n"
    first, second = drafts("a.md", text)
    assert where(first, "fixed") == (3, 11)
    assert where(second, "slow") == (7, 18)


LISTED = """\
    # Saved replies

    ### Triage

    - **Needs an example**

      _Label: needs-example_

      ```md
      Could you share a small example that shows the problem?
      ```

    - **Duplicate**

      ```
      This duplicates #12; follow that issue.
      ```
    """


def test_a_list_of_fenced_replies_gives_one_entry_per_fence_named_by_its_bold_label():
    first, second = drafts("docs.md", LISTED)
    assert (first.entry, first.text) == (
        Entry("Needs an example", 1),
        "Could you share a small example that shows the problem?\n",
    )
    assert where(first, "small") == (10, 21)
    assert (second.entry, where(second, "follow")) == (Entry("Duplicate", 2), (16, 24))


def test_a_file_named_as_replies_without_headings_reads_each_fence():
    text = "- Late\n\n  ```\n  Sorry, it is late.\n  ```\n- Done\n\n  ```text\n  Thanks, it is done.\n  ```\n"
    assert [(d.entry, d.text) for d in drafts("canned.md", text)] == [
        (Entry("Late", 1), "Sorry, it is late.\n"),
        (Entry("Done", 2), "Thanks, it is done.\n"),
    ]


def test_several_plain_fences_in_an_ordinary_document_stay_code():
    text = "## Install\n\n```\npip install a\n```\n\n```\npip install b\n```\n\n## Run\n\n```\nrun a\n```\n\n```\nrun b\n```\n"
    assert [d.entry for d in drafts("guide.md", text)] == [None]


def test_front_matter_is_neither_an_entry_nor_a_heading():
    text = "---\ntitle: Replies\n---\n\n## One\n\n> Thanks, fixed.\n\n## Two\n\n> Sorry, slow.\n"
    assert [(d.entry, where(d, "Thanks" if d.entry.index == 1 else "Sorry")) for d in drafts("a.md", text)] == [
        (Entry("One", 1), (7, 3)),
        (Entry("Two", 2), (11, 3)),
    ]
