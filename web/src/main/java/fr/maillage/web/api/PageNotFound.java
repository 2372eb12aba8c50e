package fr.maillage.web.api;

/** What the address names does not exist (or no longer): the 404 page. */
public class PageNotFound extends RuntimeException {
    public PageNotFound() {
        super("not found", null, false, false);
    }
}
