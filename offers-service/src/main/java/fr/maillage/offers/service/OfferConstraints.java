package fr.maillage.offers.service;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Collection;

import fr.maillage.offers.domain.BookingRules;
import fr.maillage.offers.domain.Coded;
import fr.maillage.offers.domain.FeeKind;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The Bean Validation constraints of {@link OfferCommand} that the standard ones do not express. */
public final class OfferConstraints {
    static final String REMINDER = "Un rappel est donné en minutes avant la séance, entre 1 et 43200 (30 jours).";

    private OfferConstraints() {
    }

    /**
     * One of the codes of a {@link Coded} enumeration: « {unknown} « x » : valeurs possibles a, b, c. ». Null is
     * accepted, unless {@code required} says what to write (followed by the codes) or {@code nullIsUnknown}.
     */
    @Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
    @Retention(RUNTIME)
    @Constraint(validatedBy = CodeValidator.class)
    public @interface Code {
        @SuppressWarnings("rawtypes")
        Class<? extends Enum> value();

        String unknown();

        String required() default "";

        boolean nullIsUnknown() default false;

        String message() default "Valeur inconnue.";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class CodeValidator implements ConstraintValidator<Code, String> {
        private Code code;

        @Override
        public void initialize(Code annotation) {
            this.code = annotation;
        }

        @Override
        @SuppressWarnings({ "unchecked", "rawtypes" })
        public boolean isValid(String value, ConstraintValidatorContext context) {
            Class type = code.value();
            String codes = Coded.codes(type);
            String message;
            if (value == null && !code.required().isEmpty()) {
                message = code.required() + " (" + codes + ").";
            } else if (value == null && !code.nullIsUnknown() || value != null && Coded.parse(type, value).isPresent()) {
                return true;
            } else {
                message = code.unknown() + " « " + value + " » : valeurs possibles " + codes + ".";
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(literal(message)).addConstraintViolation();
            return false;
        }
    }

    /** A list without null elements (reported on the list itself). */
    @Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT })
    @Retention(RUNTIME)
    @Constraint(validatedBy = NoNullElementValidator.class)
    public @interface NoNullElement {
        String message();

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class NoNullElementValidator implements ConstraintValidator<NoNullElement, Collection<?>> {
        @Override
        public boolean isValid(Collection<?> value, ConstraintValidatorContext context) {
            return value == null || value.stream().allMatch(e -> e != null);
        }
    }

    /**
     * A list whose values are distinct: a value given twice is a client's mistake, never a meaning (two reminders at
     * the same offset would send the same message twice). Reported on the list itself; nulls are left to the other
     * constraints.
     */
    @Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT })
    @Retention(RUNTIME)
    @Constraint(validatedBy = DistinctValidator.class)
    public @interface Distinct {
        String message();

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class DistinctValidator implements ConstraintValidator<Distinct, Collection<?>> {
        @Override
        public boolean isValid(Collection<?> values, ConstraintValidatorContext context) {
            if (values == null) {
                return true;
            }
            java.util.Set<Object> seen = new java.util.HashSet<>();
            for (Object value : values) {
                if (value != null && !seen.add(value instanceof String text ? text.strip() : value)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A price (> 0, in cents) for a paying offer, none for a free one; the kind defaults to gratuit. */
    @Target({ TYPE })
    @Retention(RUNTIME)
    @Constraint(validatedBy = PriceMatchesKindValidator.class)
    public @interface PriceMatchesKind {
        String message() default "Prix incohérent avec le tarif.";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class PriceMatchesKindValidator implements ConstraintValidator<PriceMatchesKind, OfferCommand.Fees> {
        @Override
        public boolean isValid(OfferCommand.Fees fees, ConstraintValidatorContext context) {
            if (fees == null) {
                return true;
            }
            FeeKind kind = Coded.parse(FeeKind.class, fees.kind() == null ? FeeKind.GRATUIT.code() : fees.kind()).orElse(null);
            Integer price = fees.priceCents();
            if (kind == FeeKind.PAYANT && (price == null || price <= 0)) {
                return violation(context, "priceCents", "Une offre payante indique son prix en centimes (> 0).");
            }
            if (kind != null && kind != FeeKind.PAYANT && price != null && price != 0) {
                return violation(context, "priceCents", "Un prix n'a de sens que pour une offre payante.");
            }
            return true;
        }
    }

    /** The minimum booking delay is below the maximum one (defaults for the missing one). */
    @Target({ TYPE })
    @Retention(RUNTIME)
    @Constraint(validatedBy = DelaysInOrderValidator.class)
    public @interface DelaysInOrder {
        String message() default "Le délai minimum doit être inférieur au délai maximum.";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class DelaysInOrderValidator implements ConstraintValidator<DelaysInOrder, OfferCommand.BookingRulesCommand> {
        @Override
        public boolean isValid(OfferCommand.BookingRulesCommand r, ConstraintValidatorContext context) {
            if (r == null) {
                return true;
            }
            BookingRules d = BookingRules.defaults();
            int min = r.minDelayMinutes() == null ? d.minDelayMinutes() : r.minDelayMinutes();
            int max = r.maxDelayDays() == null ? d.maxDelayDays() : r.maxDelayDays();
            // An out-of-range maximum is reported by its own constraint.
            return max < 1 || max > 730 || min < max * 1440
                    || violation(context, "minDelayMinutes", "Le délai minimum doit être inférieur au délai maximum.");
        }
    }

    private static boolean violation(ConstraintValidatorContext context, String property, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(literal(message)).addPropertyNode(property).addConstraintViolation();
        return false;
    }

    /** A message template that interpolates nothing: a client's value may contain { } $ or \. */
    static String literal(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
