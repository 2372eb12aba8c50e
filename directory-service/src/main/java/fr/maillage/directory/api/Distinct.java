package fr.maillage.directory.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A list whose values are distinct (a value given twice is a client's mistake, never a meaning): 400 naming the
 * list. Strings are compared as the service reads them (stripped); nulls are left to the other checks.
 */
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
@Constraint(validatedBy = Distinct.Validator.class)
public @interface Distinct {
    String message() default "chaque valeur ne doit figurer qu'une fois dans la liste";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Distinct, Collection<?>> {
        @Override
        public boolean isValid(Collection<?> values, ConstraintValidatorContext context) {
            if (values == null) {
                return true;
            }
            Set<Object> seen = new HashSet<>();
            for (Object value : values) {
                Object key = value instanceof String s ? s.strip() : value;
                if (key != null && !seen.add(key)) {
                    return false;
                }
            }
            return true;
        }
    }
}
