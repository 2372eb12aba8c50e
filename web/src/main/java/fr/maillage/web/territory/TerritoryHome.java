package fr.maillage.web.territory;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import fr.maillage.web.citizen.BookingPages;

/**
 * « Mes territoires » (/territoire): for a coordinator, the territories of the token, each with its coverage map and its
 * indicators; for an administrator (no territory in the token), the pages with a territory to type.
 */
@Path("/territoire")
@Produces(MediaType.TEXT_HTML)
public class TerritoryHome {
    @Inject
    Coordinator who;

    public record View(String name, boolean admin, List<Selection> territories) {
    }

    @GET
    public Response page() {
        return Response.ok(TerritoryTemplates.home(new View(who.name(), who.admin(), who.territories()))).build();
    }

    /** The site's one OIDC sign-out path (/agent/deconnexion), then the public home page. */
    @GET
    @Path("deconnexion")
    public Response signOut() {
        return BookingPages.seeOther("/agent/deconnexion");
    }
}
