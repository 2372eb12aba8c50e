package fr.maillage.notification.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Where a webhook may be sent: only to public addresses. A subscription's host is checked as a literal
 * when it is created, and every name is resolved again before each delivery, so that a receiver name
 * pointing (or later re-pointed) at the platform's own network is refused rather than called
 * (server-side request forgery: databases, the cloud metadata endpoint, internal admin pages).
 * Residual risk, documented in the README: a name re-resolved by the HTTP client between the check and the
 * connection (DNS rebinding within seconds); an egress firewall is the complete answer.
 */
public final class WebhookDestination {
    private WebhookDestination() {
    }

    /** The first address a delivery must not reach, if any; loopback passes only when {@code allowLoopback}. */
    public static Optional<InetAddress> firstInternal(InetAddress[] addresses, boolean allowLoopback) {
        for (InetAddress a : addresses) {
            if (a.isLoopbackAddress() ? !allowLoopback : isInternal(a)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * Loopback, private (RFC 1918, IPv6 unique local fc00::/7), link-local (169.254/16 with the cloud metadata
     * endpoint, fe80::/10), shared address space 100.64/10 (RFC 6598), "this network" 0/8, multicast, broadcast.
     */
    public static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first & 0xff) == 255;
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        return false;
    }
}
