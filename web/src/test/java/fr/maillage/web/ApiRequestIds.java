package fr.maillage.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** The X-Request-Id of every call the fake API (FakeApi, web's own test port) receives from web's REST clients. */
@Provider
public class ApiRequestIds implements ContainerRequestFilter {
    public static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/api/v1/")) {
            SEEN.add(String.valueOf(request.getHeaderString("X-Request-Id")));
        }
    }
}
