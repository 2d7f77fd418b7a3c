"""Step-checked derivations: rules make steps, an independent checker judges them."""

from symmem.derivation.core import Derivation, DerivationError, Step
from symmem.derivation.rules import RULES, Rule, register
from symmem.derivation.verify import Verdict

__all__ = ["RULES", "Derivation", "DerivationError", "Rule", "Step", "Verdict", "register"]
