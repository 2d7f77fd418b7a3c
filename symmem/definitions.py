"""The definitions the membrane course starts from, in one place.

A derivation states them as its premises (``derivations/electrochemical_potential.py``)
and the step checker lets a student's line write them out (``symmem check --steps``):

* the electrochemical potential on each side,
  μ̃_i = μ° + RT ln c_i + zFψ_i and μ̃_o = μ° + RT ln c_o + zFψ_o;
* its difference for one mole moved from outside to inside, Δμ̃ = μ̃_i − μ̃_o;
* the membrane potential, inside relative to outside, V = ψ_i − ψ_o.
"""

from __future__ import annotations

import sympy as sp

from symmem.symbols import sym

__all__ = ["DEFINITIONS", "MEMBRANE_POTENTIAL", "MU_DIFFERENCE", "MU_IN", "MU_OUT"]

_R, _T, _F, _z, _mu0 = sym("R"), sym("T"), sym("F"), sym("z"), sym("mu0")

#: μ̃_i = μ° + RT ln c_i + zFψ_i
MU_IN = sp.Eq(sym("mu_in"), _mu0 + _R * _T * sp.log(sym("c_in")) + _z * _F * sym("psi_in"))
#: μ̃_o = μ° + RT ln c_o + zFψ_o
MU_OUT = sp.Eq(sym("mu_out"),
               _mu0 + _R * _T * sp.log(sym("c_out")) + _z * _F * sym("psi_out"))
#: Δμ̃ = μ̃_i − μ̃_o (outside → inside)
MU_DIFFERENCE = sp.Eq(sym("dmu"), sym("mu_in") - sym("mu_out"))
#: V = ψ_i − ψ_o
MEMBRANE_POTENTIAL = sp.Eq(sym("V"), sym("psi_in") - sym("psi_out"))

DEFINITIONS = (MU_IN, MU_OUT, MU_DIFFERENCE, MEMBRANE_POTENTIAL)
