"""The ``tandau`` command line by role (Typer): JSON out, messages in kk, ru and en.

Owns: the root app (:mod:`.main`) and its sub-apps — ``tandau admin``
(:mod:`.admin`: create, ceremony, voter list, credentials, open/close, paper,
tally, decrypt, publish), ``tandau trustee`` (:mod:`.trustee`, each ceremony
and decryption step on files for an offline laptop), ``tandau voter``
(:mod:`.voter`), ``tandau auditor`` (:mod:`.auditor`, :mod:`.compare`),
``tandau record`` (:mod:`.record`), ``tandau law`` (:mod:`.law`) and ``tandau
demo`` (:mod:`.demo`); the commission's board steps shared by ``admin`` and the
demo (:mod:`.steps`, :mod:`.results`); files, keys, databases and output
(:mod:`.files`, :mod:`.keys`, :mod:`.database`, :mod:`.output`,
:mod:`.progress`); and its messages and errors (:mod:`.messages`, :mod:`.errors`).

May import: every layer below (admin, storage, law, board, protocol, crypto,
i18n), ``tandau.schema`` and ``tandau_verify``; never ``tandau.web`` (they are
side by side; ``tandau.entry`` joins them).  Runs a key ceremony in process
only through ``tandau.admin.driver`` (import-linter).

Entry points: ``tandau.cli.main.app``; JSON goes to standard output, messages
to standard error (``output.emit``, ``output.say``).  Guide: ``docs/guides/cli.md``.
"""
