"""Checking student algebra: safe parsing, equivalence, named mistakes, batch grading.

>>> from symmem.checking import check
>>> check("nernst", "RT/(zF) ln(c_o/c_i)").verdict
'correct'
"""

from symmem.checking.compare import compare
from symmem.checking.judge import FEEDBACK, Result, check
from symmem.checking.questions import QUESTIONS, Question, question

__all__ = ["FEEDBACK", "QUESTIONS", "Question", "Result", "check", "compare", "question"]
