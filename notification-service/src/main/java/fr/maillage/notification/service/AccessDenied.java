package fr.maillage.notification.service;

import io.quarkus.security.ForbiddenException;

/** 403 raised by this service's own rules (organisation, role for an operation): the message is the French detail. */
public class AccessDenied extends ForbiddenException {
    public AccessDenied(String detail) {
        super(detail);
    }
}
