package fr.maillage.offers.service;

import java.util.List;
import java.util.UUID;

import fr.maillage.platform.problem.Violation;
import fr.maillage.offers.domain.PlaceRef;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an offer names must be known to the catalogue: places and partners from the read models of the directory's
 * events, communes from the reference table. Each check adds a French violation naming the field.
 */
@ApplicationScoped
public class ReferenceChecks {
    private final ReferenceData reference;

    ReferenceChecks(ReferenceData reference) {
        this.reference = reference;
    }

    /**
     * A place must be in the read model of directory.places.v1. One created in the directory a moment ago may not
     * have reached it yet (the directory publishes through its outbox, offers consumes asynchronously, and not at
     * all while Kafka or this service is away): the client is told to check the id or retry shortly.
     *
     * @return the place, null when unknown or deleted
     */
    public PlaceRef place(UUID id, String field, List<Violation> v) {
        PlaceRef place = PlaceRef.findById(id);
        if (place == null) {
            v.add(new Violation(field, "Lieu inconnu : " + id + " n'est pas dans l'annuaire, ou vient d'y être créé et n'est"
                    + " pas encore parvenu au catalogue des offres (quelques secondes au plus). Vérifiez l'identifiant, ou"
                    + " réessayez dans un instant."));
            return null;
        }
        if (place.deleted) {
            v.add(new Violation(field, "Lieu retiré de l'annuaire : " + id + " n'existe plus ; choisissez un autre lieu."));
            return null;
        }
        return place;
    }

    /**
     * The offer's partner must be known to the catalogue (see {@link ReferenceData#partner}), as its places are.
     *
     * @param placeOf the place whose partner it is by default, null when the request names the partner
     */
    public void partner(UUID id, PlaceRef placeOf, List<Violation> v) {
        switch (reference.partner(id)) {
            case KNOWN -> {
            }
            case DELETED -> v.add(new Violation("partnerId", placeOf == null
                    ? "Structure retirée de l'annuaire : " + id + " n'existe plus ; une offre ne peut pas lui être rattachée."
                    : "La structure porteuse du lieu " + placeOf.id + " (" + id + ") a été retirée de l'annuaire : indiquez"
                            + " dans partnerId la structure qui porte l'offre."));
            case UNKNOWN -> v.add(new Violation("partnerId", "Structure inconnue : " + id + " n'est pas dans l'annuaire, ou"
                    + " vient d'y être créée et n'est pas encore parvenue au catalogue des offres (quelques secondes au plus)."
                    + " Vérifiez l'identifiant, ou réessayez dans un instant."));
        }
    }

    /** @param codes served communes, without duplicates nor nulls (violations name their index there) */
    public void communes(List<String> codes, List<Violation> v) {
        for (String unknown : reference.unknownCommunes(codes)) {
            v.add(new Violation("servedCommunes[" + codes.indexOf(unknown) + "]", "Commune inconnue : le code INSEE « "
                    + unknown + " » n'existe pas."));
        }
    }
}
