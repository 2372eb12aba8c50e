package fr.maillage.web.citizen;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.TemplateInstance;

import fr.maillage.web.api.ApiRefusal;
import fr.maillage.web.api.ApiUnavailable;
import fr.maillage.web.api.Dto;
import fr.maillage.web.http.WidgetFraming;

/**
 * The widget for commune websites (issue 22): {@code /widget?commune=<INSEE>} is a small page meant for an iframe — the
 * help near that commune as the search page finds it ({@link NearbyHelp}, same calls, same formatting), each line with a
 * link to its page on Maillage opening in a new window, and « Voir toute l'aide près de … ». Its own tiny stylesheet,
 * no script, no cookie. Who may frame it: {@link WidgetFraming}. {@code /widget/integrer} tells a webmaster how to embed
 * it.
 */
@Path("/widget")
@Produces(MediaType.TEXT_HTML)
public class WidgetPages {
    static final int DEFAULT_RADIUS = 20;
    static final int MAX_RADIUS = 50;
    static final int DEFAULT_MAX = 5;
    static final int MAX_MAX = 20;
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");
    /** An example commune for the embedding page when none is asked: Romagné (Ille-et-Vilaine). */
    static final String EXAMPLE_INSEE = "35243";

    @Inject
    Communes communes;
    @Inject
    NearbyHelp help;
    @Inject
    WidgetFraming framing;
    @ConfigProperty(name = "maillage.web.public-url")
    String publicUrl;

    /** The widget: the commune, the help near it (or {@code error}: what is wrong, in plain French). */
    public record WidgetView(Dto.Commune commune, int radius, List<NearbyHelp.Result> results, String allHelpUrl,
            String error) {
    }

    /** The embedding page: the snippet for {@code commune} (the example one unless asked), and whether anyone may frame. */
    public record EmbedView(Form form, Dto.Commune commune, String widgetUrl, String snippet, boolean framable) {
    }

    @GET
    public Response widget(@QueryParam("commune") String insee, @QueryParam("rayon") String rayon,
            @QueryParam("max") String max) {
        if (insee == null || insee.isBlank()) {
            return error(400, "Indiquez le code INSEE de la commune dans l'adresse, par exemple /widget?commune=" + EXAMPLE_INSEE
                    + ".");
        }
        if (!Communes.INSEE.matcher(insee.strip()).matches()) {
            return error(400, "« " + clip(insee) + " » n'est pas un code INSEE de commune (5 caractères, par exemple "
                    + EXAMPLE_INSEE + ").");
        }
        Integer radius = bounded(rayon, DEFAULT_RADIUS, MAX_RADIUS);
        if (radius == null) {
            return error(400, "Le rayon doit être un nombre entier de kilomètres, de 1 à " + MAX_RADIUS + ".");
        }
        Integer count = bounded(max, DEFAULT_MAX, MAX_MAX);
        if (count == null) {
            return error(400, "Le nombre de résultats (max) doit être un nombre entier, de 1 à " + MAX_MAX + ".");
        }
        try {
            Dto.Commune commune = communes.byCode(insee);
            if (commune == null) {
                return error(404, "Nous ne connaissons pas de commune au code INSEE « " + clip(insee) + " ».");
            }
            List<NearbyHelp.Result> results = help.near(commune.code(), null, radius, count);
            return page(200, new WidgetView(commune, radius, results, allHelp(commune, radius), null));
        } catch (ApiRefusal refusal) {
            return error(400, refusal.detail());
        } catch (ApiUnavailable e) {
            return Response.fromResponse(error(503, "Le service est momentanément indisponible. Réessayez dans quelques"
                    + " minutes.")).header("Retry-After", "60").build();
        }
    }

    @GET
    @Path("/integrer")
    public TemplateInstance embed(@QueryParam("commune") String typed, @QueryParam("insee") String insee) {
        Form form = new Form().label("commune", "Commune").set("commune", typed);
        Dto.Commune commune = null;
        if ((typed != null && !typed.isBlank()) || (insee != null && !insee.isBlank())) {
            Communes.Resolved resolved = communes.resolve(typed, insee, c -> "/widget/integrer?insee=" + Links.enc(c.code()));
            commune = resolved.commune();
            if (commune == null) {
                form.error("commune", resolved.notFound() ? "Nous ne trouvons pas cette commune. Vérifiez l'orthographe, ou"
                        + " tapez son code postal (5 chiffres)." : "Plusieurs communes portent ce nom : tapez aussi le code"
                                + " postal, par exemple « Saint-Aubin (35140) ».");
            } else {
                form.set("commune", commune.label());
            }
        }
        String code = commune == null ? EXAMPLE_INSEE : commune.code();
        String name = commune == null ? "Romagné" : commune.nom();
        String url = publicUrl.replaceAll("/+$", "") + WidgetFraming.PATH + "?commune=" + Links.enc(code);
        String snippet = "<iframe src=\"" + url + "\"\n        title=\"Aide au numérique près de " + name + " (Maillage)\"\n"
                + "        width=\"100%\" height=\"480\" loading=\"lazy\" referrerpolicy=\"no-referrer\"></iframe>";
        return Templates.embed(new EmbedView(form, commune, url, snippet, !framing.origins().isEmpty()));
    }

    /** « Voir toute l'aide près de … »: the search page for the commune, at the search's distance that covers the radius. */
    static String allHelp(Dto.Commune commune, int radius) {
        int distance = NearbyOffers.distances().stream().filter(d -> d >= radius).findFirst().orElse(MAX_RADIUS);
        return Links.search(commune.nom(), commune.code(), "", distance);
    }

    /** The parameter as a whole number from 1 to {@code max}; absent → {@code fallback}; anything else → null. */
    static Integer bounded(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.strip();
        if (!NUMBER.matcher(v).matches()) {
            return null;
        }
        int n = Integer.parseInt(v);
        return n >= 1 && n <= max ? n : null;
    }

    private static String clip(String s) {
        String t = s.strip();
        return t.length() > 20 ? t.substring(0, 20) + "…" : t;
    }

    private static Response error(int status, String message) {
        return page(status, new WidgetView(null, 0, List.of(), null, message));
    }

    private static Response page(int status, WidgetView v) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.widget(v).render()).build();
    }
}
