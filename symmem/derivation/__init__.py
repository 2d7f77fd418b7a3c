"""Step-checked derivations: rules make steps, an independent checker judges them."""

from symmem.derivation.claims import Claim, Context, Verdict
from symmem.derivation.core import Derivation, Step
from symmem.derivation.rules import RULES, Rule, register
from symmem.errors import DerivationError

__all__ = ["RULES", "Claim", "Context", "Derivation", "DerivationError", "Rule", "Step",
           "Verdict", "register"]
