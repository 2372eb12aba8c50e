package fr.maillage.notification.domain;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;

/**
 * Where a webhook may be sent: only to public addresses. ONE check, used when a subscription is created or changed
 * ({@link #check}) and again before every delivery ({@link #check} then {@link #firstRefused} on the addresses the
 * name resolves to), so that a receiver pointing (or later re-pointed) at the platform's own network is refused
 * rather than called (server-side request forgery: databases, the cloud metadata endpoint, internal admin pages).
 * <p>
 * Address literals are read by the IPAddress library (com.github.seancfoley:ipaddress), which understands every
 * spelling a resolver or an HTTP client may accept: decimal {@code 2130706433}, hexadecimal {@code 0x7f000001},
 * octal {@code 0177.0.0.1}, short {@code 127.1}, IPv6 with an embedded IPv4 ({@code ::ffff:a.b.c.d}, {@code ::a.b.c.d},
 * NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}), zone ids. Names: a trailing dot is ignored ({@code localhost.}
 * is {@code localhost}), names without a dot, {@code localhost} and the private-use suffixes ({@code .local},
 * {@code .internal}, {@code .svc}...) are refused, and so are names whose last label is numeric (an address spelled in
 * a way no library reads the same). Ports outside 1..65535 are refused.
 * <p>
 * {@code allowInsecureLocalhost} (development and tests only) lets through a receiver on this machine spelled plainly:
 * {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, in http:// or https://. Every other spelling of a loopback
 * address stays refused.
 */
public final class WebhookDestination {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final Set<String> PLAIN_LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");
    private static final Set<String> PRIVATE_SUFFIXES = Set.of("localhost", "local", "localdomain", "internal",
            "intranet", "lan", "home", "corp", "private", "arpa", "svc", "invalid", "test", "onion");
    private static final List<IPAddress> INTERNAL_V4 = blocks("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
            "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    private static final List<IPAddress> INTERNAL_V6 = blocks("::/128", "::1/128", "100::/64", "2001::/23", "2001:db8::/32",
            "3fff::/20", "5f00::/16", "64:ff9b:1::/48", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    private WebhookDestination() {
    }

    /** Why a destination is refused; {@code malformed}: not a usable URL at all (400) rather than a forbidden one (422). */
    public static final class Refused extends Exception {
        private final boolean malformed;

        Refused(String message, boolean malformed) {
            super(message, null, false, false);
            this.malformed = malformed;
        }

        public boolean malformed() {
            return malformed;
        }
    }

    /**
     * A destination that passed {@link #check}: {@code host} without brackets, trailing dot or zone encoding,
     * lower case; {@code plainLoopback}: allowed on this machine because allow-insecure-localhost is on.
     */
    public record Target(URI uri, String host, int port, boolean plainLoopback) {
    }

    /** The check of a subscription's URL, at creation, change and before each delivery (no DNS lookup here). */
    public static Target check(String url, boolean allowInsecureLocalhost) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("Indiquez « url », l'adresse https:// qui recevra les événements.", true);
        }
        String text = url.trim();
        if (text.length() > 2000) {
            throw new Refused("« url » fait plus de 2000 caractères.", false);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new Refused("« url » n'est pas une adresse web valide.", true);
        }
        if (uri.isAbsolute() && uri.getHost() == null && uri.getRawAuthority() != null) {
            // java.net.URI reads no host in "127.1" or "1.2.3.4.5": other clients might, so an internal one is 422
            refuseInternalAuthority(uri.getRawAuthority());
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused("« url » doit être une adresse complète, par exemple https://partenaire.example.fr/webhooks.", true);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawUserInfo() != null) {
            throw new Refused("« url » ne doit pas contenir d'identifiants (user:motdepasse@) : les appels sont signés.", false);
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("« url » ne doit pas contenir de fragment (#...).", false);
        }
        int port = uri.getPort();
        if (port != -1 && (port < 1 || port > 65535)) {
            throw new Refused("« url » : le port doit être compris entre 1 et 65535.", false);
        }
        String host = normalise(uri.getHost());
        String spelled = uri.getHost().toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        // exactly as spelled: "localhost." or "127.1" are not the plain spellings the development flag lets through
        boolean plainLoopback = allowInsecureLocalhost && PLAIN_LOOPBACK.contains(spelled);
        if (!scheme.equals("https") && !(scheme.equals("http") && plainLoopback)) {
            throw new Refused("« url » doit commencer par https:// (les événements ne circulent pas en clair).", false);
        }
        if (!plainLoopback) {
            checkHost(host);
        }
        return new Target(uri, host, port == -1 ? (scheme.equals("https") ? 443 : 80) : port, plainLoopback);
    }

    /**
     * The first address (of those the target's name resolves to) a delivery must not reach, if any: internal ones,
     * except loopback for a plainly spelled local receiver when allowed.
     */
    public static Optional<InetAddress> firstRefused(Target target, InetAddress[] addresses) {
        for (InetAddress a : addresses) {
            boolean refused = target.plainLoopback() && a.isLoopbackAddress() ? false : isInternal(a);
            if (refused) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** An address of the platform's own network, or of any special-purpose range (see the class comment). */
    public static boolean isInternal(InetAddress a) {
        IPAddress address = new IPAddressString(a.getHostAddress()).getAddress();
        return address == null || isInternal(address);
    }

    static boolean isInternal(IPAddress address) {
        if (address.isIPv4()) {
            return within(INTERNAL_V4, address);
        }
        IPv6Address v6 = address.toIPv6().removeZone();
        if (within(INTERNAL_V6, v6)) {
            return true;
        }
        Optional<IPv4Address> embedded = embeddedIPv4(v6);
        return embedded.isPresent() && isInternal(embedded.get());
    }

    /** The IPv4 address an IPv6 one carries: mapped, compatible, translated, NAT64 well-known prefix, 6to4. */
    static Optional<IPv4Address> embeddedIPv4(IPv6Address v6) {
        if (v6.isIPv4Mapped() || v6.isIPv4Compatible() || v6.isWellKnownIPv4Translatable() || isTranslated(v6)) {
            return Optional.of(v6.getEmbeddedIPv4Address());
        }
        if (v6.is6To4()) {
            return Optional.of(v6.get6To4IPv4Address());
        }
        return Optional.empty();
    }

    /** ::ffff:0:a.b.c.d (RFC 2765 "IPv4-translated"). */
    private static boolean isTranslated(IPv6Address v6) {
        for (int i = 0; i < 4; i++) {
            if (v6.getSegment(i).getSegmentValue() != 0) {
                return false;
            }
        }
        return v6.getSegment(4).getSegmentValue() == 0xffff && v6.getSegment(5).getSegmentValue() == 0;
    }

    private static void checkHost(String host) throws Refused {
        if (host.isEmpty()) {
            throw new Refused("« url » doit être une adresse complète, par exemple https://partenaire.example.fr/webhooks.", true);
        }
        if (host.contains(":") || looksNumeric(host)) {
            IPAddress address = new IPAddressString(host).getAddress();
            if (address == null || address.isMultiple() || address.isPrefixed()) {
                throw new Refused("« url » : « " + host + " » n'est ni un nom de domaine ni une adresse IP.", false);
            }
            if (isInternal(address)) {
                throw internal();
            }
            return;
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new Refused("« url » : « " + host + " » n'est pas un nom de domaine valide.", false);
            }
        }
        if (labels.length < 2 || PRIVATE_SUFFIXES.contains(labels[labels.length - 1])) {
            throw internal();
        }
    }

    private static void refuseInternalAuthority(String authority) throws Refused {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host = hostPort.startsWith("[") ? hostPort.substring(0, hostPort.indexOf(']') + 1)
                : hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        try {
            checkHost(normalise(host));
        } catch (Refused e) {
            if (!e.malformed()) {
                throw e;
            }
        }
    }

    private static Refused internal() {
        return new Refused("« url » désigne une adresse interne ou réservée : indiquez l'adresse publique du récepteur.", false);
    }

    /** A name whose last label is a number (decimal, octal or 0x...) is an address, however it is spelled. */
    private static boolean looksNumeric(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1);
        return NUMERIC_LABEL.matcher(last).matches();
    }

    /** Lower case, without the IPv6 brackets, the zone's %25 encoding or the trailing dot(s) of a name. */
    static String normalise(String rawHost) {
        String h = rawHost.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1).replace("%25", "%");
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    private static boolean within(List<IPAddress> blocks, IPAddress address) {
        for (IPAddress block : blocks) {
            if (block.getIPVersion() == address.getIPVersion() && block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<IPAddress> blocks(String... cidrs) {
        return java.util.Arrays.stream(cidrs).map(c -> new IPAddressString(c).getAddress().toPrefixBlock()).toList();
    }
}
