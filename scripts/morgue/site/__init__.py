"""The MkDocs plugin (``plugins: [morgue]``) and what it renders: validation of every article's
frontmatter, the article header context, sanitising of rendered article HTML."""
