package fr.maillage.directory.api;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.maillage.directory.domain.Partner;
import fr.maillage.directory.service.PartnerService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/partners")
@Tag(name = "Partners", description = "Structures porteuses (mairies, CCAS, médiathèques, associations, France Services…)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnerResource {
    private final PartnerService partners;

    PartnerResource(PartnerService partners) {
        this.partners = partners;
    }

    @POST
    @Operation(summary = "Create a partner")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid request")
    public Response create(@Valid @NotNull PartnerRequest request) {
        Partner partner = partners.create(request);
        return Response.created(URI.create("/api/v1/partners/" + partner.id)).entity(PartnerResponse.of(partner)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a partner")
    @APIResponse(responseCode = "200", description = "The partner")
    @APIResponse(responseCode = "404", description = "Unknown partner")
    public PartnerResponse get(@PathParam("id") UUID id) {
        Partner partner = Partner.findById(id);
        if (partner == null) {
            throw new NotFoundException("Aucune structure avec l'identifiant " + id);
        }
        return PartnerResponse.of(partner);
    }
}
