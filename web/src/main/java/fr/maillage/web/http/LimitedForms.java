package fr.maillage.web.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import fr.maillage.web.citizen.ErrorPages;

/**
 * Counts a {@link Limited} form against its sender's address when the page method is called, i.e. after the CSRF
 * filter (a form refused there costs nothing); over the limit, the 429 page instead of the method (nothing sent to the API).
 */
@Limited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class LimitedForms {
    @Inject
    CitizenLimits limits;
    @Inject
    CurrentVertxRequest request;

    @AroundInvoke
    Object limit(InvocationContext call) throws Exception {
        Limited limited = call.getMethod().getAnnotation(Limited.class);
        if (!limits.enabled() || limited == null || limited.value().isEmpty()) {
            return call.proceed();
        }
        long wait = limits.take(limited.value(),
                CitizenLimits.address(request.getCurrent() == null ? null : request.getCurrent().request()));
        return wait == 0 ? call.proceed() : ErrorPages.tooManyForms(wait);
    }
}
