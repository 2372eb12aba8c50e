package fr.maillage.web.citizen;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.Dto;

/**
 * The one search of offers near a commune, for a need, within a distance: the citizens' « Trouver de l'aide » and the
 * desk's « Prendre un rendez-vous pour quelqu'un » both use it (all partners' published offers, nearest first, each with
 * its next free session).
 */
@ApplicationScoped
public class NearbyOffers {
    static final int MAX_OFFERS = 50;

    @Inject
    Api api;

    /** Offers near the commune (INSEE code), for the theme (null: all needs), nearest first. 4xx → {@code ApiRefusal}. */
    public List<Dto.OfferHit> near(String insee, String theme, int distanceKm) {
        return api.call(a -> a.offersNear(insee, distanceKm, theme, MAX_OFFERS)).items();
    }

    /** An offer one books a session of (a next free session, not a walk-in offer). */
    public static boolean bookable(Dto.OfferHit o) {
        return o.nextSession() != null && !"acces_libre".equals(o.type());
    }

    /** The distances offered on the search forms, and the default one. */
    public static List<Integer> distances() {
        return SearchPage.DISTANCES;
    }

    public static int distance(String value) {
        return SearchPage.distance(value);
    }
}
