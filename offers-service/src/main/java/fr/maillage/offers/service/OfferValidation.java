package fr.maillage.offers.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.maillage.offers.domain.Coded;
import fr.maillage.platform.problem.Problem;
import fr.maillage.platform.problem.Violation;
import fr.maillage.offers.domain.OfferType;
import fr.maillage.offers.domain.PlaceRef;
import fr.maillage.offers.domain.Schedule;
import fr.maillage.offers.domain.SchedulePlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

/**
 * Checks a whole offer command, every problem reported at once (422 naming each field, in French): its own
 * constraints (Bean Validation on {@link OfferCommand}), the references to the read models ({@link ReferenceChecks})
 * and the schedule ({@link SchedulePlanner#validate}). Problems are listed in the order of the form.
 */
@ApplicationScoped
public class OfferValidation {
    private static final List<String> ORDER = List.of("placeId", "partnerId", "title", "description", "type", "themes",
            "publics", "level", "modality", "fees.kind", "fees.priceCents", "capacity", "sessionDurationMinutes",
            "servedCommunes", "staffIds", "bookingRules.allowedBookers", "bookingRules.minDelayMinutes",
            "bookingRules.maxDelayDays", "bookingRules.cancelUntilMinutes", "bookingRules.rescheduleUntilMinutes",
            "bookingRules.reminderOffsetsMinutes", "schedule");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    /** What the checks established: the offer's place and partner, its served communes and schedule. */
    public record Checked(PlaceRef place, UUID partnerId, List<String> servedCommunes, Schedule schedule) {
    }

    private final Validator validator;
    private final ReferenceChecks references;

    OfferValidation(Validator validator, ReferenceChecks references) {
        this.validator = validator;
        this.references = references;
    }

    /** @throws Problem 422 listing every problem */
    public Checked check(OfferCommand c, LocalDate horizonEnd) {
        List<Violation> v = new ArrayList<>(validator.validate(c).stream().map(OfferValidation::violation)
                .sorted(Comparator.comparingInt((Violation x) -> rank(x.field())).thenComparing(x -> indexes(x.field())))
                .toList());
        PlaceRef place = c.placeId() == null ? null : references.place(c.placeId(), "placeId", v);
        UUID partnerId = c.partnerId() != null ? c.partnerId() : place == null ? null : place.partnerId;
        if (partnerId == null && place != null) {
            v.add(new Violation("partnerId", "La structure porteuse est obligatoire (le lieu n'en indique pas)."));
        } else if (partnerId != null) {
            references.partner(partnerId, c.partnerId() == null ? place : null, v);
        }
        List<String> served = c.servedCommunes() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(c.servedCommunes().stream().filter(Objects::nonNull).toList()));
        references.communes(served, v);
        Schedule schedule = c.schedule() == null ? Schedule.empty() : c.schedule();
        OfferType type = Coded.parse(OfferType.class, c.type()).orElse(null);
        v.addAll(SchedulePlanner.validate(schedule, type, c.sessionDurationMinutes(), horizonEnd));
        for (int i = 0; i < schedule.rules().size(); i++) {
            Schedule.Rule rule = schedule.rules().get(i);
            if (rule != null && rule.placeId() != null) {
                references.place(rule.placeId(), "schedule.rules[" + i + "].placeId", v);
            }
        }
        for (int i = 0; i < schedule.oneOffs().size(); i++) {
            Schedule.OneOff o = schedule.oneOffs().get(i);
            if (o != null && o.placeId() != null) {
                references.place(o.placeId(), "schedule.oneOffs[" + i + "].placeId", v);
            }
        }
        if (!v.isEmpty()) {
            List<Violation> sorted = new ArrayList<>(v);
            sorted.sort(Comparator.comparingInt(x -> rank(x.field()))); // stable: keeps the order within a field
            throw Problem.ruleBroken(sorted);
        }
        return new Checked(place, partnerId, served, schedule);
    }

    /** The field as the client wrote it: fees.priceCents, themes[1], bookingRules.reminderOffsetsMinutes[0]. */
    static Violation violation(ConstraintViolation<?> cv) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : cv.getPropertyPath()) {
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return new Violation(field.isEmpty() ? "body" : field.toString(), cv.getMessage());
    }

    private static int rank(String field) {
        String name = INDEX.matcher(field).replaceAll("");
        for (int i = ORDER.size() - 1; i >= 0; i--) {
            if (name.equals(ORDER.get(i)) || name.startsWith(ORDER.get(i) + ".")) {
                return i;
            }
        }
        return ORDER.size();
    }

    private static String indexes(String field) {
        StringBuilder key = new StringBuilder();
        Matcher m = INDEX.matcher(field);
        while (m.find()) {
            key.append(String.format("%010d", Long.parseLong(m.group(1))));
        }
        return key.toString();
    }
}
