package fr.maillage.directory.api;

import fr.maillage.directory.config.DirectoryConfig;

/** Page and size from query parameters, checked against the configured bounds. */
public record Paging(int page, int size) {
    public static Paging of(String page, String size, DirectoryConfig config) {
        return of(Params.integer("page", page), Params.integer("size", size), config);
    }

    public static Paging of(Integer page, Integer size, DirectoryConfig config) {
        int p = page == null ? 0 : page;
        int s = size == null ? config.search().defaultSize() : size;
        if (p < 0) {
            throw new ProblemMapper.BadRequestException("page", "la page commence à 0 (reçu " + p + ")");
        }
        if (s < 1 || s > config.search().maxSize()) {
            throw new ProblemMapper.BadRequestException("size",
                    "la taille de page doit être comprise entre 1 et " + config.search().maxSize() + " (reçu " + s + ")");
        }
        return new Paging(p, s);
    }

    public int offset() {
        return page * size;
    }
}
