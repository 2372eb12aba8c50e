package fr.maillage.platform.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import fr.maillage.platform.problem.Problem;

/**
 * Describes the error model once in every service's OpenAPI document (hence once in the gateway's merged one): the
 * {@code Problem} schema in components, and every 4xx/5xx response of every operation answering it as
 * {@code application/problem+json}. Resources only declare which statuses an operation answers and why.
 */
public class ProblemDocumentation implements OASFilter {
    static final String REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ApiDocumentation.components(openAPI).addSchema("Problem", problemSchema());
        for (Operation operation : ApiDocumentation.operations(openAPI)) {
            if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                operation.getResponses().getAPIResponses().forEach((status, response) -> describe(status, response));
            }
        }
    }

    private static void describe(String status, APIResponse response) {
        if (response.getRef() != null || status.length() != 3 || !(status.startsWith("4") || status.startsWith("5"))) {
            return;
        }
        Content content = response.getContent();
        MediaType existing = content == null || content.getMediaTypes() == null ? null
                : content.getMediaTypes().get(Problem.MEDIA_TYPE);
        MediaType problem = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF));
        if (existing != null && existing.getExamples() != null) {
            problem.setExamples(existing.getExamples());
        }
        if (existing != null && existing.getExample() != null) {
            problem.setExample(existing.getExample());
        }
        response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem));
    }

    private static Schema problemSchema() {
        Schema violation = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).example("phone"))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .example("indiquez un numéro de téléphone français, par exemple 06 12 34 56 78"))
                .required(List.of("field", "message"));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("Erreur RFC 9457 (application/problem+json), la même pour tout le système : detail explique "
                        + "en français quoi corriger, field nomme le premier champ en cause, violations les liste tous. "
                        + "Certaines réponses ajoutent des membres (par exemple nextSlots sur un créneau complet).")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uri")
                        .example(Problem.Kind.RULE_BROKEN.type()))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .example(Problem.Kind.RULE_BROKEN.title))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).example(422))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .example("phone : indiquez un numéro de téléphone français, par exemple 06 12 34 56 78"))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .example("/api/v1/bookings"))
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("absent quand aucun champ n'est en cause").example("phone"))
                .addProperty("violations", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(violation)
                        .description("toujours présent, éventuellement vide"))
                .required(List.of("type", "title", "status", "detail", "violations"))
                .additionalPropertiesBoolean(true);
    }
}
