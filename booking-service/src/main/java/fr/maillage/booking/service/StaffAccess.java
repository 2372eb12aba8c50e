package fr.maillage.booking.service;

import java.util.Optional;
import java.util.UUID;

import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may read and change what belongs to one person of the staff (their roster, their absences, their calendar
 * address): the person themselves (a volunteer whose token names them in its {@code person} claim), an agent or partner
 * app of the organisation the directory attaches them to, an admin. One rule for every staff resource of booking.
 */
@ApplicationScoped
public class StaffAccess {
    static final String WHOSE = "de la structure à laquelle l'annuaire rattache cette personne";

    private final Caller caller;
    private final People people;

    StaffAccess(Caller caller, People people) {
        this.caller = caller;
        this.people = people;
    }

    /**
     * The person named by the path (404 when the directory does not know them, or no longer), if the caller may act
     * for them (403 otherwise, saying who may).
     */
    public People.Person require(UUID personId) {
        Optional<UUID> self = caller.person();
        boolean volunteerOnly = Caller.VOLUNTEER.equals(caller.role());
        if (volunteerOnly && self.isPresent() && !self.get().equals(personId)) {
            // before looking the person up: a volunteer learns nothing about whether another person exists
            throw Problem.forbidden("personId", "Un bénévole ne gère que ce qui le concerne : indiquez votre propre "
                    + "identifiant de personne.");
        }
        People.Person person = people.find(personId).filter(People.Person::active).orElseThrow(() -> Problem.notFound(
                "personId", "Aucune personne " + personId + " dans l'annuaire (ou elle en a été retirée)."));
        if (self.isPresent() && self.get().equals(personId)) {
            return person;
        }
        if (volunteerOnly) {
            throw Problem.forbidden("Authorization", "Votre jeton de bénévole ne précise pas qui vous êtes dans l'annuaire "
                    + "(claim person) : il est nécessaire pour gérer vos permanences.");
        }
        caller.requireActsFor(WHOSE, person.partnerId());
        return person;
    }

    /** Whether the caller is the person named (a volunteer, or anyone whose token names them). */
    public boolean isSelf(UUID personId) {
        return caller.person().map(personId::equals).orElse(false);
    }
}
