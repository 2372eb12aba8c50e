package fr.maillage.platform.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

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
}
