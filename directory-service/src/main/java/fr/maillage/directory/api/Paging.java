package fr.maillage.directory.api;

import fr.maillage.directory.config.DirectoryConfig;
import fr.maillage.platform.api.PageRequest;
import fr.maillage.platform.api.QueryParams;

/** Page and size from query parameters, with the directory's default size and maximum (maillage.search.*). */
final class Paging {
    private Paging() {
    }

    static PageRequest of(String page, String size, DirectoryConfig config) {
        return of(QueryParams.integer("page", page), QueryParams.integer("size", size), config);
    }

    static PageRequest of(Integer page, Integer size, DirectoryConfig config) {
        return QueryParams.page(page == null ? 0 : page, size == null ? config.search().defaultSize() : size,
                config.search().maxSize());
    }
}
