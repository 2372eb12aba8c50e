package fr.maillage.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "maillage")
public interface DirectoryConfig {
    Communes communes();

    @WithName("import")
    Import importing();

    Search search();


    interface Communes {
        /** communes.csv (format in shared/data/README.md); relative to the working directory. */
        @WithDefault("../shared/data/communes.csv")
        String file();

        /** Load (or reload when its checksum changed) at startup. */
        @WithDefault("true")
        boolean loadAtStartup();
    }

    interface Import {
        /** Largest accepted import file, in bytes. */
        @WithDefault("5242880")
        int maxBytes();

        /** Most rows accepted in one import. */
        @WithDefault("5000")
        int maxRows();
    }

    interface Search {
        @WithDefault("20")
        int defaultSize();

        @WithDefault("100")
        int maxSize();

        /** Largest radius a search or a coverage computation may ask for. */
        @WithDefault("200")
        double maxRadiusKm();

        /** A place's coordinates further than this from its commune's centre are refused. */
        @WithDefault("50")
        double maxDistanceFromCommuneKm();

        /** "Open at" is evaluated in Java on at most this many candidates. */
        @WithDefault("5000")
        int maxOpenAtCandidates();
    }
}
