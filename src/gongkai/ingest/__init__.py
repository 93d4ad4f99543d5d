"""The import pipeline: readers → cleaning → extraction, and screening of the text that comes out.

Pure functions over bytes and text, with no database and no Django models: ``readers`` gets the
text out of an uploaded file, ``cleaning`` turns a web copy back into the document, ``extract``
reads its GB/T 9704 elements (with ``elements`` and ``dates``), and ``screening`` finds what must
not be published. This is a plain package, not a Django app; ``publishing`` uses it
(``publishing.importing`` writes the drafts) and it imports nothing from publishing.
"""
