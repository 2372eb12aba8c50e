package fr.maillage.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation with its own, stricter allowance on top of the general ones ({@link RateLimits}): a bucket per caller
 * (verified token subject, or client address when anonymous) and client address, sized by
 * {@code maillage.rate-limit.<name>.per-second} and {@code .burst}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {
    /** The bucket's name in the configuration, e.g. {@code booking-create}. */
    String value();
}
