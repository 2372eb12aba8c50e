package fr.maillage.booking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the caller's organisation and person are found in the token (claim names differ between identity providers). */
@ConfigMapping(prefix = "maillage.security")
public interface SecurityConfig {
    /** Claim holding the partner (structure) id the caller acts for; required for partner-app and agent. */
    @WithDefault("org")
    String orgClaim();

    /** Claim holding the caller's directory person id (a volunteer's own shifts). */
    @WithDefault("person")
    String personClaim();
}
