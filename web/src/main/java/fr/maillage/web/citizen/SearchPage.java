package fr.maillage.web.citizen;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.TemplateInstance;

import fr.maillage.web.api.Api;
import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.Dto;

/**
 * « Trouver de l'aide près de chez moi »: the search form, and under it the results for a commune, a need and a
 * distance — appointments (offers with a next free slot) and places one can walk into (opening hours, open now, phone),
 * together, nearest first.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SearchPage {
    static final List<Integer> DISTANCES = List.of(5, 10, 20, 50);
    static final int DEFAULT_DISTANCE = 20;
    static final int MAX_RESULTS = 30;

    @Inject
    Api api;
    @Inject
    Communes communes;
    @Inject
    NearbyHelp help;

    public record View(Form form, List<Dto.Theme> themes, List<Integer> distances, int distance, String theme,
            boolean searched, Dto.Commune commune, List<Communes.Choice> choices, List<NearbyHelp.Result> results, String themeLabel) {
    }

    @GET
    public TemplateInstance search(@QueryParam("commune") String communeParam, @QueryParam("insee") String insee,
            @QueryParam("theme") String themeParam, @QueryParam("distance") String distanceParam) {
        List<Dto.Theme> themes = api.themes();
        String theme = themes.stream().map(Dto.Theme::code).filter(c -> c.equals(themeParam)).findFirst().orElse("");
        int distance = distance(distanceParam);
        Form form = new Form().label("commune", "Commune").set("commune", communeParam).set("theme", theme)
                .set("distance", String.valueOf(distance));
        if ((communeParam == null || communeParam.isBlank()) && (insee == null || insee.isBlank())) {
            return Templates.search(new View(form, themes, DISTANCES, distance, theme, false, null, List.of(), List.of(), null));
        }
        Communes.Resolved resolved = communes.resolve(communeParam, insee, c -> Links.search(c.nom(), c.code(), theme, distance));
        Dto.Commune commune = resolved.commune();
        List<Communes.Choice> choices = resolved.choices();
        if (resolved.notFound()) {
            form.error("commune", "Nous ne trouvons pas cette commune. Vérifiez l'orthographe, ou tapez son code postal"
                    + " (5 chiffres).");
        }
        if (commune == null) {
            return Templates.search(new View(form, themes, DISTANCES, distance, theme, true, null, choices, List.of(), null));
        }
        form.set("commune", commune.nom());
        List<NearbyHelp.Result> results;
        try {
            results = help.near(commune.code(), theme.isEmpty() ? null : theme, distance, MAX_RESULTS);
        } catch (ApiRefusal refusal) {
            form.error("commune", refusal.detail());
            results = List.of();
        }
        return Templates.search(new View(form, themes, DISTANCES, distance, theme, true, commune, List.of(), results,
                theme.isEmpty() ? null : api.themeLabel(theme)));
    }

    static int distance(String value) {
        try {
            int d = Integer.parseInt(value == null ? "" : value.trim());
            return DISTANCES.contains(d) ? d : DEFAULT_DISTANCE;
        } catch (NumberFormatException e) {
            return DEFAULT_DISTANCE;
        }
    }
}
