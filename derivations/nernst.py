"""The Nernst potential from the condition of no net driving force."""


from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

R, T, F, z, V, E = (sym(n) for n in ("R", "T", "F", "z", "V", "E"))
dmu, c_in, c_out = sym("dmu"), sym("c_in"), sym("c_out")


def build() -> Derivation:
    d = Derivation(
        "nernst", "The Nernst equation",
        "An ion is in equilibrium when moving it across the membrane costs no free energy. "
        "Setting the electrochemical potential difference to zero gives the one membrane "
        "potential at which that happens: the Nernst (equilibrium, reversal) potential.")
    d.use_law(law("electrochemical_potential_difference"),
              "Start from the free energy of moving one mole of ion from outside to inside.")
    d.apply("condition", {dmu: 0}, note="equilibrium",
            because="At equilibrium the move costs nothing: the difference is zero.")
    d.apply("solve", V, because="Solve for the membrane potential that balances the "
                                "concentration gradient.")
    d.apply("specialise", {V: E}, because="This particular potential is the equilibrium "
            "potential E of the ion.")
    d.apply("rewrite", "combine_logs", because="Recombine: flipping the ratio absorbs the minus "
            "sign, so E = RT/(zF) ln(c_o/c_i).")
    d.conclude(law("nernst"))
    return d
