package fr.maillage.directory.service;

/** The outcome of a create-or-replace: the entity, and whether it was created by this call. */
public record Written<T>(T entity, boolean created) {
}
