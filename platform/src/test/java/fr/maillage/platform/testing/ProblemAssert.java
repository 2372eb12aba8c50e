package fr.maillage.platform.testing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.specification.ResponseSpecification;

/**
 * The one problem+json shape every service answers (platform's error model), as REST Assured expectations:
 * {@code .then().spec(ProblemAssert.problem(422, "name"))}.
 */
public final class ProblemAssert {
    public static final String TYPE_BASE = "https://maillage.fr/problemes/";

    private ProblemAssert() {
    }

    /** Status, content type, a type from the catalogue, a French title and detail, the instance, a violations list. */
    public static ResponseSpecification problem(int status) {
        return new ResponseSpecBuilder()
                .expectStatusCode(status)
                .expectContentType("application/problem+json")
                .expectBody("type", startsWith(TYPE_BASE))
                .expectBody("title", not(emptyOrNullString()))
                .expectBody("status", equalTo(status))
                .expectBody("detail", not(emptyOrNullString()))
                .expectBody("violations", notNullValue())
                .expectBody("violations", everyItem(hasKey("field")))
                .build();
    }

    /** As {@link #problem(int)}, naming {@code field} as the first field at fault. */
    public static ResponseSpecification problem(int status, String field) {
        return new ResponseSpecBuilder().addResponseSpecification(problem(status))
                .expectBody("field", equalTo(field)).build();
    }
}
