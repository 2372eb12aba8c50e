package fr.maillage.web.api;

/** The API did not answer usefully (down, timeout, 5xx, or web's own token refused): a polite error page, never a trace. */
public class ApiUnavailable extends RuntimeException {
    public ApiUnavailable(String why) {
        super(why, null, false, false);
    }
}
