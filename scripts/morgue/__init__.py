"""morgue: a static-site publishing pipeline for news archives.

The library is the product; the ``morgue`` command (:mod:`morgue.cli`) and the MkDocs plugin
(:mod:`morgue.site`) are thin layers over it::

    from morgue import sources, pipeline, frontmatter
    for doc in sources.read(Path("scrape.txt")):
        print(frontmatter.dumps(pipeline.convert(doc).article))
"""

__version__ = "0.1.0"
