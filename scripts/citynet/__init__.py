"""Städtenetzwerke / City Networks: the site's logic, without MkDocs.

Loading data/ (project, read, records, load, schema, yamlio, ...), rendering the pages (render,
helpers, maps, timeline, jsonld), the open data (export), the command line (cli) and the source of
a site buildable without our hook (stage). scripts/hooks.py is the MkDocs glue around it; no
module of this package imports MkDocs. README.md has the module map.
"""
