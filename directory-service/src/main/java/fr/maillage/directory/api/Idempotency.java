package fr.maillage.directory.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import fr.maillage.platform.problem.Problem;

/**
 * Idempotency-Key on POST (CONVENTIONS.md): the key determines the id of the created resource, so a
 * partner app retrying a POST after a lost answer gets the resource created by the first attempt
 * instead of a duplicate. Keys are scoped to the client (token subject): two clients choosing the same
 * key create two resources, and one never receives the other's resource as a "replay".
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private Idempotency() {
    }

    /** The id a keyed POST by {@code client} creates, or null without a key. */
    public static UUID id(String collection, String client, String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        if (key.length() > 200) {
            throw Problem.badRequest(HEADER, "la clé d'idempotence ne doit pas dépasser 200 caractères");
        }
        return UUID.nameUUIDFromBytes(("maillage:" + collection + ":" + client + ":" + key.strip()).getBytes(StandardCharsets.UTF_8));
    }
}
