package fr.maillage.web.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * A form whose POSTs count against the sender's address in the bucket {@link #value()} ({@code booking}, {@code code},
 * {@code self}): see {@link CitizenLimits}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Limited {
    @Nonbinding
    String value() default "";
}
