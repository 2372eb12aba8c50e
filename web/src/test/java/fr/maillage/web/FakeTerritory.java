package fr.maillage.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * offers-service's territory API as the contract of issue 20 gives it (/work/notes/ISSUE20.md §1–2), for the
 * /territoire pages: the caller's token must be a coordinator's or an admin's (401 without, 403 else); a coordinator
 * may ask its territories (claim {@code territory}) and what lies inside {@code dep:80}; the Pas-de-Calais (62) is
 * outside (403 naming {@code departement}); EPCI 200000000 has no commune (404 naming {@code epci}). Coverage of
 * the Val de Somme (EPCI 248000499): 4 communes, 2 without help; {@code size} above 100 refused like the platform's
 * paging would (400 naming {@code size}), so the pages read several pages. CSV with {@code Accept: text/csv}.
 */
@Path("/api/v1/territory")
public class FakeTerritory {
    static final String EPCI = "248000499";
    /** The queries received (path and query string), to check what the pages asked. */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    static final String[] ITEMS = {
            "{\"code\":\"80021\",\"name\":\"Aubigny\",\"epci\":\"248000499\",\"departement\":\"80\",\"population\":500,"
                    + "\"latitude\":49.9,\"longitude\":2.5,\"covered\":false,\"coverage\":null}",
            "{\"code\":\"80405\",\"name\":\"Hamelet\",\"epci\":\"248000499\",\"departement\":\"80\",\"population\":300,"
                    + "\"latitude\":49.9,\"longitude\":2.5,\"covered\":false,\"coverage\":null}",
            "{\"code\":\"80212\",\"name\":\"Corbie\",\"epci\":\"248000499\",\"departement\":\"80\",\"population\":6300,"
                    + "\"latitude\":49.9,\"longitude\":2.5,\"covered\":true,\"coverage\":{\"kind\":\"walk_in\",\"reach\":\"served\","
                    + "\"offerId\":null,\"placeId\":\"p1\",\"placeName\":\"Médiathèque de Corbie\",\"distanceKm\":null,\"nextAt\":null}}",
            "{\"code\":\"80338\",\"name\":\"Fouilloy\",\"epci\":\"248000499\",\"departement\":\"80\",\"population\":900,"
                    + "\"latitude\":49.89,\"longitude\":2.47,\"covered\":true,\"coverage\":{\"kind\":\"session\",\"reach\":\"distance\","
                    + "\"offerId\":\"o1\",\"placeId\":\"p2\",\"placeName\":\"France Services Corbie\",\"distanceKm\":3.2,"
                    + "\"nextAt\":\"2026-12-08T09:00:00+01:00\"}}" };

    static void reset() {
        CALLS.clear();
    }

    /** The caller's claims when a coordinator or an admin, else null; "anonymous" for no token. */
    static JsonNode caller(String authorization) {
        try {
            String[] parts = authorization.substring("Bearer ".length()).split("\\.");
            return FakeDesk.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (RuntimeException | java.io.IOException e) {
            return null;
        }
    }

    static boolean has(JsonNode claims, String group) {
        for (JsonNode g : claims.path("groups")) {
            if (g.asText().equals(group)) {
                return true;
            }
        }
        return false;
    }

    /** null when the caller may read the territory, else the refusal. */
    static Response refuse(String authorization, String departement, String epci, String commune) {
        JsonNode claims = caller(authorization);
        if (claims == null) {
            return FakeDesk.unauthorized();
        }
        if (!has(claims, "coordinator") && !has(claims, "admin")) {
            return FakeApi.problem(403, null, "Réservé aux coordinateurs et aux administrateurs.");
        }
        int given = (departement == null ? 0 : 1) + (epci == null ? 0 : 1) + (commune == null ? 0 : 1);
        if (given != 1) {
            return FakeApi.problem(400, "departement", "Indiquez exactement un territoire : departement, epci ou commune.");
        }
        if ("200000000".equals(epci)) {
            return FakeApi.problem(404, "epci", "Aucune commune connue pour l'EPCI 200000000.");
        }
        if ("62".equals(departement) && !has(claims, "admin")) {
            return FakeApi.problem(403, "departement", "Ce territoire ne fait pas partie de ceux que vous coordonnez : département 62.");
        }
        return null;
    }

    static String territory(String departement, String epci, String commune) {
        if (epci != null) {
            return "{\"type\":\"epci\",\"code\":\"" + epci + "\",\"name\":\"CC du Val de Somme\",\"departement\":\"80\"}";
        }
        if (commune != null) {
            return "{\"type\":\"commune\",\"code\":\"" + commune + "\",\"name\":\"Fouilloy\",\"departement\":\"80\"}";
        }
        return "{\"type\":\"departement\",\"code\":\"" + departement + "\",\"name\":\"" + ("80".equals(departement) ? "Somme"
                : "Département " + departement) + "\",\"departement\":\"" + departement + "\"}";
    }

    @GET
    @Path("coverage")
    public Response coverage(@QueryParam("departement") String departement, @QueryParam("epci") String epci,
            @QueryParam("theme") String theme, @QueryParam("radiusKm") Double radiusKm, @QueryParam("days") Integer days,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @HeaderParam("Accept") String accept,
            @HeaderParam("Authorization") String authorization) {
        CALLS.add("coverage departement=" + departement + " epci=" + epci + " theme=" + theme + " radiusKm=" + radiusKm
                + " days=" + days + " page=" + page + " size=" + size + " accept=" + accept);
        Response refused = refuse(authorization, departement, epci, null);
        if (refused != null) {
            return refused;
        }
        if (accept != null && accept.contains("text/csv")) {
            return Response.ok(("code_insee;commune;epci;departement;population;couverte;moyen;lieu;distance_km;prochaine_disponibilite\n"
                    + "80021;Aubigny;248000499;80;500;non;;;;\n").getBytes(StandardCharsets.UTF_8))
                    .type("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"couverture-epci-" + epci + ".csv\"").build();
        }
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (s > 100) {
            return FakeApi.problem(400, "size", "size doit être compris entre 1 et 100.");
        }
        // pages of 2 when asked 2, else everything: the pages must read all of them
        List<String> items = new ArrayList<>();
        for (int i = p * s; i < Math.min(ITEMS.length, (p + 1) * s); i++) {
            items.add(ITEMS[i]);
        }
        String body = "{\"territory\":" + territory(departement, epci, null) + ",\"theme\":" + (theme == null ? "null" : "\"" + theme + "\"")
                + ",\"radiusKm\":" + radiusKm + ",\"days\":" + days + ",\"computedAt\":\"2026-12-06T18:30:00+01:00\","
                + "\"communes\":4,\"population\":8000,\"coveredCommunes\":2,\"coveredPopulation\":7200,\"uncoveredCommunes\":2,"
                + "\"uncoveredPopulation\":800,\"uncoveredShareOfPopulation\":0.1,\"items\":[" + String.join(",", items)
                + "],\"page\":" + p + ",\"size\":" + s + ",\"total\":4}";
        return Response.ok(body).type("application/json").header("X-Total-Count", "4").build();
    }

    @GET
    @Path("indicators")
    public Response indicators(@QueryParam("departement") String departement, @QueryParam("epci") String epci,
            @QueryParam("commune") String commune, @QueryParam("theme") String theme, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("table") String table, @HeaderParam("Accept") String accept,
            @HeaderParam("Authorization") String authorization) {
        CALLS.add("indicators departement=" + departement + " epci=" + epci + " commune=" + commune + " theme=" + theme
                + " from=" + from + " to=" + to + " table=" + table + " accept=" + accept);
        Response refused = refuse(authorization, departement, epci, commune);
        if (refused != null) {
            return refused;
        }
        String f = from == null ? "2025-12-07" : from;
        String t = to == null ? "2026-12-06" : to;
        if (accept != null && accept.contains("text/csv")) {
            String body = "offres".equals(table) ? "offre;lieu;seances;places;reservees;remplissage\nAtelier;Médiathèque;8;40;31;0,775\n"
                    : "code_insee;commune;population;demandes\nTotal;;8000;120\n80338;Fouilloy;900;<5\n";
            return Response.ok(body.getBytes(StandardCharsets.UTF_8)).type("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"indicateurs-epci-" + epci + "-" + f + "-" + t
                            + ("offres".equals(table) ? "-offres" : "") + ".csv\"").build();
        }
        String body = "{\"territory\":" + territory(departement, epci, commune) + ",\"from\":\"" + f + "\",\"to\":\"" + t + "\","
                + "\"theme\":null,\"secrecyThreshold\":5,\"totals\":{\"demand\":120,\"bookings\":98,\"attended\":70,"
                + "\"noShows\":9,\"noShowRate\":0.1139,\"cancellations\":14,\"waitlisted\":22,\"leftOnWaitingList\":6,"
                + "\"refusedFull\":null,\"unmetDemand\":9,\"referrals\":31,\"referralOutcomes\":{\"attended\":12,\"no_show\":null}},"
                + "\"demandByTheme\":[{\"theme\":\"aide_demarches\",\"label\":\"Aide aux démarches administratives\",\"demand\":80,"
                + "\"bookings\":70,\"unmetDemand\":6},{\"theme\":\"impots\",\"label\":\"Impôts en ligne\",\"demand\":40,"
                + "\"bookings\":28,\"unmetDemand\":null}],"
                + "\"communes\":[{\"code\":\"80212\",\"name\":\"Corbie\",\"population\":6300,\"demand\":60,\"bookings\":50,"
                + "\"unmetDemand\":5,\"referrals\":12},{\"code\":\"80338\",\"name\":\"Fouilloy\",\"population\":900,\"demand\":null,"
                + "\"bookings\":null,\"unmetDemand\":null,\"referrals\":0}],"
                + "\"offers\":[{\"offerId\":\"o1\",\"title\":\"Atelier démarches\",\"placeId\":\"p1\",\"placeName\":\"Médiathèque de Corbie\","
                + "\"communeCode\":\"80212\",\"sessions\":8,\"capacity\":40,\"confirmed\":31,\"fillRate\":0.775}],"
                + "\"places\":[{\"placeId\":\"p1\",\"name\":\"Médiathèque de Corbie\",\"communeCode\":\"80212\",\"sessions\":8,"
                + "\"capacity\":40,\"confirmed\":31,\"fillRate\":0.775}]}";
        return Response.ok(body).type("application/json").build();
    }
}
