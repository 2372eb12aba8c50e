package fr.maillage.directory.events;

import java.util.List;
import java.util.UUID;

import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.domain.Person;
import fr.maillage.directory.domain.Place;
import fr.maillage.platform.territory.Territories;

/**
 * The {@code data} of the directory's events: full snapshots, shaped by the contracts agreed between
 * services (see the JSON Schemas in META-INF/events). Consumers ignore fields they do not know.
 */
public final class Snapshots {
    public static final String PARTNERS = "directory.partners.v1";
    public static final String PLACES = "directory.places.v1";
    public static final String PEOPLE = "directory.people.v1";

    private Snapshots() {
    }

    public record PartnerData(UUID id, String name, List<String> typologies, String siret, String rna,
            List<String> programmes, String email, String phone, String website, boolean deleted) {
        public static PartnerData of(Partner p, boolean deleted) {
            return new PartnerData(p.id, p.name, List.copyOf(p.typologies), p.siret, p.rna, List.copyOf(p.programmes), p.email,
                    p.phone, p.website, deleted);
        }
    }

    public record Address(String street, String complement, String postalCode, String inseeCode, String commune) {
    }

    /** timeZone (issue 21): IANA zone of the place's territory, from address.inseeCode (Europe/Paris by default). */
    public record PlaceData(UUID id, UUID partnerId, String name, Address address, String timeZone, Double latitude,
            Double longitude,
            String openingHours, String phone, String email, List<String> services, List<String> publics,
            List<String> priseEnCharge, List<String> frais, List<String> programmes, List<String> modalitesAcces,
            List<String> modalitesAccompagnement, String itinerance, String servedEpci, List<String> servedCommunes,
            String priseRdvUrl, boolean deleted) {
        public static PlaceData of(Place p, String communeName, boolean deleted) {
            return new PlaceData(p.id, p.partnerId, p.name,
                    new Address(p.street, p.complement, p.postalCode, p.inseeCode, communeName),
                    Territories.zoneOf(p.inseeCode).getId(), p.latitude, p.longitude,
                    p.openingHours, p.phone, p.email, List.copyOf(p.services), List.copyOf(p.publics),
                    List.copyOf(p.priseEnCharge), List.copyOf(p.frais), List.copyOf(p.programmes),
                    List.copyOf(p.modalitesAcces), List.copyOf(p.modalitesAccompagnement), p.itinerance, p.servedEpci,
                    List.copyOf(p.servedCommunes), p.priseRdvUrl, deleted);
        }
    }

    public record PersonData(UUID id, String role, String firstName, String lastName, String phone, String email,
            boolean notifySms, boolean notifyEmail, List<UUID> placeIds, UUID partnerId, boolean deleted) {
        public static PersonData of(Person p, boolean deleted) {
            return new PersonData(p.id, p.role, p.firstName, p.lastName, p.phone, p.email, p.notifySms, p.notifyEmail,
                    List.copyOf(p.placeIds), p.partnerId, deleted);
        }
    }
}
