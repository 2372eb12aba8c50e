package fr.maillage.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the identity provider puts the organisation, the person and a coordinator's territories in a token. */
@ConfigMapping(prefix = "maillage.security")
public interface SecurityConfig {
    /** Claim carrying the organisation (directory partner id) a partner app or an agent acts for. */
    @WithDefault("org")
    String orgClaim();

    /** Claim carrying a volunteer's directory person id. */
    @WithDefault("person")
    String personClaim();

    /** Claim carrying a coordinator's territories ({@code epci:<SIREN>}, {@code dep:<code>}; one value or an array). */
    @WithDefault("territory")
    String territoryClaim();
}
