package fr.maillage.web.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.Dto;
import fr.maillage.web.api.StaffDto;
import fr.maillage.web.citizen.Format;

/**
 * What the staffing pages (permanences, absences) share: people's names from the directory (with the agent's token, once
 * per page), the people and places of the agent's structure for the forms' lists, and how a permanence's times read.
 */
@RequestScoped
public class Staffing {
    /** The directory's largest page (maillage.search.max-size, 100 by default). */
    static final int PEOPLE_SIZE = 100;

    @Inject
    Api api;
    @Inject
    Desk desk;

    private final Map<UUID, String> names = new HashMap<>();
    private List<StaffDto.Person> people;

    /** A person's name as the directory gives it to the agent; someone the agent may not see reads « Personne inconnue ». */
    String name(UUID personId) {
        if (personId == null) {
            return "Personne inconnue";
        }
        return names.computeIfAbsent(personId, id -> {
            // one call for the structure's people, then one per person outside it (someone staffing its places)
            for (StaffDto.Person p : people()) {
                if (id.equals(p.id())) {
                    return p.name();
                }
            }
            StaffDto.Person p = api.orNull(() -> api.agentRead(a -> a.person(id.toString())));
            return p == null ? "Personne inconnue" : p.name();
        });
    }

    /** The people of the agent's structure (the directory scopes the list to the token), by name. */
    List<StaffDto.Person> people() {
        if (people == null) {
            UUID org = desk.org();
            List<StaffDto.Person> list = api.orNull(() -> api.agentRead(a -> a.people(org == null ? null : org.toString(), 0,
                    PEOPLE_SIZE)).items());
            people = new ArrayList<>(list == null ? List.of() : list);
            people.sort(Comparator.comparing(StaffDto.Person::name, String.CASE_INSENSITIVE_ORDER));
        }
        return people;
    }

    /** A place to choose in a form: id and « name (commune) ». */
    public record PlaceChoice(UUID id, String label) {
    }

    /** The places of the agent's structure (directory), then those where its coming permanences take place. */
    List<PlaceChoice> places(List<StaffDto.Permanence> permanences) {
        Map<UUID, String> places = new LinkedHashMap<>();
        UUID org = desk.org();
        if (org != null) {
            List<Dto.Place> own = api.orNull(() -> api.agentRead(a -> a.placesOf(org.toString(), 100)).items());
            for (Dto.Place p : own == null ? List.<Dto.Place>of() : own) {
                places.put(p.id(), p.name() + (p.address() == null || p.address().commune() == null ? ""
                        : " (" + p.address().commune() + ")"));
            }
        }
        for (StaffDto.Permanence p : permanences) {
            if (p.placeId() != null) {
                places.putIfAbsent(p.placeId(), (p.placeName() == null ? "Lieu" : p.placeName())
                        + (p.placeCommune() == null ? "" : " (" + p.placeCommune() + ")"));
            }
        }
        List<PlaceChoice> choices = new ArrayList<>();
        places.forEach((id, label) -> choices.add(new PlaceChoice(id, label)));
        choices.sort(Comparator.comparing(PlaceChoice::label, String.CASE_INSENSITIVE_ORDER));
        return choices;
    }

    /** « mardi 8 décembre, de 9 h à 11 h 30 » */
    public static String when(java.time.OffsetDateTime start, java.time.OffsetDateTime end) {
        return TodayPage.capitalised(Format.shortDay(start)) + ", de " + Format.time(start) + " à " + Format.time(end);
    }
}
