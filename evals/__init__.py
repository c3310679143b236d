"""Evaluation suites for lexmemo: goldens (data), metrics (pure functions), suites, runner and reports.

Run ``lexmemo eval --suite all --report evals/reports/latest`` or ``python -m evals.runner``.
"""
