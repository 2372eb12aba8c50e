package fr.maillage.offers.domain;

/** What the offer costs the person. */
public enum FeeKind implements Coded {
    GRATUIT("gratuit", "Gratuit"),
    GRATUIT_SOUS_CONDITION("gratuit_sous_condition", "Gratuit sous condition"),
    PAYANT("payant", "Payant");

    private final String code;
    private final String label;

    FeeKind(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }
}
