"""The test suite, by what it covers:

  tests/unit/     the logic of the citynet package on its own (no MkDocs)
  tests/build/    strict MkDocs builds of the site (fixtures in tests/build/conftest.py)
  tests/browser/  the built site in Debian's Chromium (fixtures in tests/browser/conftest.py)

Shared helpers are plain functions in tests/support.py and the fixture reports in
tests/invalid_reports.py; pytest puts this folder on the import path because this file is here.
"""
