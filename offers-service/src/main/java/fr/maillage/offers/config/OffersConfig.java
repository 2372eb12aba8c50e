package fr.maillage.offers.config;

import java.time.Period;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of offers-service (prefix {@code maillage}). */
@ConfigMapping(prefix = "maillage")
public interface OffersConfig {
    Communes communes();

    Planning planning();

    Search search();


    interface Communes {
        /** communes.csv (see shared/data/README.md); relative paths resolve against the working directory. */
        @WithDefault("../shared/data/communes.csv")
        String file();
    }

    interface Planning {
        /** How far ahead sessions are materialised (and published to booking); extended by the rolling planner. */
        @WithDefault("P90D")
        Period window();

        /** No schedule may ask for a date beyond today + horizon (422). */
        @WithDefault("P2Y")
        Period horizon();

        /** A schedule producing more sessions than this within the window is refused (422). */
        @WithDefault("3000")
        int maxSessionsPerOffer();

        /** Cron of the rolling planner, Europe/Paris. */
        @WithDefault("0 15 3 * * ?")
        String rollingCron();
    }

    interface Search {
        @WithDefault("20")
        double defaultRadiusKm();

        @WithDefault("200")
        double maxRadiusKm();

        @WithDefault("100")
        int maxPageSize();

        /** Longest from..to range of a session listing. */
        @WithDefault("P366D")
        Period maxRange();
    }
}
