package fr.maillage.platform.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * The one OpenAPI filter of every service ({@code mp.openapi.filter} in the shared configuration; SmallRye takes a
 * single class): the error model first ({@link ProblemDocumentation}), then what all services answer alike, declared
 * once in components and referenced ({@link SharedComponents}).
 */
public class ApiDocumentation implements OASFilter {
    private final ProblemDocumentation problems = new ProblemDocumentation();
    private final SharedComponents shared = new SharedComponents();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        problems.filterOpenAPI(openAPI);
        shared.filterOpenAPI(openAPI);
    }

    /** The document's components, created when it has none yet. */
    static Components components(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        return openAPI.getComponents();
    }

    /** Every operation of every path of the document. */
    static List<Operation> operations(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return List.of();
        }
        return openAPI.getPaths().getPathItems().values().stream()
                .filter(item -> item.getOperations() != null)
                .flatMap(item -> item.getOperations().values().stream())
                .toList();
    }
}
