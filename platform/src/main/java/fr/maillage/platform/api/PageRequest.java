package fr.maillage.platform.api;

/** A page of a list: {@code page} from 0, {@code size} from 1 to {@link QueryParams#MAX_PAGE_SIZE}. */
public record PageRequest(int page, int size) {
    public int offset() {
        return page * size;
    }
}
