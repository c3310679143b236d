"""lexmemo: offline-first legal-memo assistant for Chinese e-commerce platform liability.

Importing the package has no side effects: models, indexes and the corpus load lazily.
"""

__version__ = "0.1.0"
