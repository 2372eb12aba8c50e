package fr.maillage.web.citizen;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.vertx.ext.web.Router;

import fr.maillage.web.api.ApiUnavailable;
import fr.maillage.web.api.PageNotFound;

/**
 * Errors as pages in plain French, never a stack trace: unknown address or id (404), the API down or refusing web
 * (503, « réessayez dans quelques minutes »), a form sent without its CSRF token or with an old one (400: « rechargez
 * la page »), anything else (500). Logs name the exception's class only: messages and addresses may hold a token.
 */
@ApplicationScoped
public class ErrorPages {
    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    public record ErrorView(int status, String title, String message, boolean retry) {
    }

    static ErrorView notFound() {
        return new ErrorView(404, "Page introuvable",
                "Cette page n'existe pas ou plus. Si vous avez suivi un lien reçu par SMS ou par e-mail, il a peut-être expiré"
                        + " ou le rendez-vous a été supprimé.", false);
    }

    static ErrorView unavailable() {
        return new ErrorView(503, "Service momentanément indisponible",
                "Nous n'arrivons pas à joindre le service en ce moment. Votre demande n'a pas été enregistrée."
                        + " Réessayez dans quelques minutes.", true);
    }

    static ErrorView expiredForm() {
        return new ErrorView(400, "Formulaire expiré",
                "Pour votre sécurité, ce formulaire n'est plus valable (il a été ouvert il y a longtemps, ou les cookies sont"
                        + " bloqués). Revenez à la page précédente, rechargez-la, puis envoyez à nouveau le formulaire.", false);
    }

    static ErrorView internal() {
        return new ErrorView(500, "Une erreur s'est produite",
                "Nous n'avons pas pu afficher cette page. Réessayez dans quelques minutes.", true);
    }

    /**
     * Too many forms from one address (see CitizenLimits): 429, Retry-After, and how long to wait in words. The form was
     * not sent to the API.
     */
    public static Response tooManyForms(long seconds) {
        long minutes = (seconds + 59) / 60;
        String wait = seconds < 30 ? seconds + (seconds > 1 ? " secondes" : " seconde")
                : minutes + (minutes > 1 ? " minutes" : " minute");
        ErrorView v = new ErrorView(429, "Trop de demandes",
                "Beaucoup de formulaires ont été envoyés depuis votre connexion en peu de temps. Pour que les places restent"
                        + " ouvertes à tous, votre demande n'a pas été enregistrée. Attendez " + wait
                        + " puis réessayez. Si vous avez besoin d'aide, appelez le lieu d'accueil.", true);
        return Response.status(429).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(v).render()).header("Retry-After", Long.toString(seconds)).build();
    }

    static Response page(ErrorView v) {
        Response.ResponseBuilder r = Response.status(v.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(v).render());
        if (v.status() == 503) {
            r.header("Retry-After", "60");
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response pageNotFound(PageNotFound e) {
        return page(notFound());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(notFound());
    }

    /**
     * Signed in, but not as an agent or an administrator (a volunteer, a coordinator): the desk is not for them; on the
     * volunteers' pages (/benevole), not as a volunteer with a directory person.
     */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, jakarta.ws.rs.core.UriInfo uri) {
        if (uri != null && uri.getPath() != null && uri.getPath().matches("/?benevole(/.*)?")) {
            return page(new ErrorView(403, "Accès réservé aux bénévoles",
                    "Ces pages sont réservées aux bénévoles et conseillers qui assurent des permanences. Votre compte n'y a"
                            + " pas accès. Vous pouvez vous déconnecter ou revenir au site public.", false));
        }
        if (uri != null && uri.getPath() != null && uri.getPath().matches("/?territoire(/.*)?")) {
            return page(new ErrorView(403, "Accès réservé à la coordination des territoires",
                    "Ces pages sont réservées aux personnes qui coordonnent un territoire (intercommunalité, département) et aux"
                            + " administrateurs. Votre compte n'y a pas accès. Vous pouvez vous déconnecter ou revenir au site"
                            + " public.", false));
        }
        return page(new ErrorView(403, "Accès réservé aux agents",
                "Ces pages sont réservées aux agents des structures (France Services, mairies) et aux administrateurs. Votre"
                        + " compte n'y a pas accès. Vous pouvez vous déconnecter ou revenir au site public.", false));
    }

    @ServerExceptionMapper
    public Response unavailable(ApiUnavailable e) {
        LOG.warnf("API unavailable: %s", e.getMessage());
        return page(unavailable());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (e instanceof NotAllowedException || status == 405) {
            return page(new ErrorView(405, "Action impossible ici", "Cette adresse ne s'utilise pas ainsi. Revenez à l'accueil.",
                    false));
        }
        if (status >= 400 && status < 500) {
            return page(new ErrorView(status, "Demande incomprise",
                    "Nous n'avons pas compris cette demande. Revenez à la page précédente et réessayez.", false));
        }
        LOG.errorf("Page failed: %s", e.getClass().getName());
        return page(internal());
    }

    @ServerExceptionMapper
    public Response any(Throwable e) {
        StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        LOG.errorf("Page failed: %s at %s", e.getClass().getName(), where);
        return page(internal());
    }

    /** The CSRF filter refuses a form with a bare 400: give the person a page that says what to do. */
    @ServerResponseFilter
    public void csrfRefusal(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 400 && !response.hasEntity() && "POST".equals(request.getMethod())) {
            response.setEntity(Templates.error(expiredForm()).render(), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }

    /** Addresses no page answers (after the pages and the static files): the same 404 page. */
    void fallback(@Observes Router router) {
        router.route().last().handler(rc -> {
            if (rc.response().ended()) {
                return;
            }
            rc.response().setStatusCode(404).putHeader("Content-Type", "text/html; charset=UTF-8")
                    .end(Templates.error(notFound()).render());
        });
    }
}
