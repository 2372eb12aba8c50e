package fr.maillage.offers.domain;

/** What the offer costs the person. */
public enum FeeKind implements Coded {
    GRATUIT("gratuit", "Gratuit"),
    GRATUIT_SOUS_CONDITION("gratuit_sous_condition", "Gratuit sous condition"),
    PAYANT("payant", "Payant");

    FeeKind(String code, String label) {
        Coded.define(this, code, label);
    }
}
