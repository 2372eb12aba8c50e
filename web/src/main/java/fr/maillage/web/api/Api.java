package fr.maillage.web.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Calls to the public API with the outcome each page needs: reads turn 400/404 into the 404 page and anything else
 * that is not an answer into the "service unavailable" page; writes hand 4xx refusals to the page (problem+json, shown
 * next to the right field). Exceptions never carry the URL (which may hold a self-service token).
 */
@ApplicationScoped
public class Api {
    private static final Duration CACHE_FOR = Duration.ofMinutes(10);

    @Inject
    @RestClient
    MaillageApi api;
    @Inject
    @RestClient
    AgentApi agentApi;

    private volatile List<Dto.Theme> themes;
    private volatile Instant themesUntil = Instant.EPOCH;
    private final Map<String, Cached<String>> partnerNames = new ConcurrentHashMap<>();
    private volatile Cached<List<Dto.Partner>> partnerList;

    /** What the search page reads per result, kept ten minutes: an offer's structure, a walk-in place. */
    private final Cache<UUID, UUID> offerPartners = Caffeine.newBuilder().expireAfterWrite(CACHE_FOR).maximumSize(20_000)
            .build();
    private final Cache<UUID, Dto.Place> places = Caffeine.newBuilder().expireAfterWrite(CACHE_FOR).maximumSize(5_000).build();

    private record Cached<T>(T value, Instant until) {
    }

    /** A read: 400/404 → {@link PageNotFound}; other failures → {@link ApiUnavailable}. */
    public <T> T read(Function<MaillageApi, T> call) {
        return read(api, call);
    }

    /** A call whose 4xx the page explains ({@link ApiRefusal}); 5xx and no answer → {@link ApiUnavailable}. */
    public <T> T call(Function<MaillageApi, T> call) {
        return call(api, call);
    }

    /** A read as the signed-in agent (its token): 400/403/404 → {@link PageNotFound} (another organisation's data). */
    public <T> T agentRead(Function<AgentApi, T> call) {
        return read(agentApi, call);
    }

    /** A write as the signed-in agent: 4xx → {@link ApiRefusal} for the page, else {@link ApiUnavailable}. */
    public <T> T agentCall(Function<AgentApi, T> call) {
        return call(agentApi, call);
    }

    private static <C, T> T read(C client, Function<C, T> call) {
        try {
            return call.apply(client);
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            if (status == 404 || status == 400 || status == 403) {
                throw new PageNotFound();
            }
            throw new ApiUnavailable("API answered " + status);
        } catch (ProcessingException e) {
            throw new ApiUnavailable("API unreachable: " + e.getClass().getSimpleName());
        }
    }

    private static <C, T> T call(C client, Function<C, T> call) {
        try {
            return call.apply(client);
        } catch (WebApplicationException e) {
            Response r = e.getResponse();
            int status = r == null ? 500 : r.getStatus();
            if (status >= 500 || status == 401) {
                throw new ApiUnavailable("API answered " + status);
            }
            throw new ApiRefusal(status, problem(r));
        } catch (ProcessingException e) {
            throw new ApiUnavailable("API unreachable: " + e.getClass().getSimpleName());
        }
    }

    public void run(java.util.function.Consumer<MaillageApi> call) {
        call(a -> {
            call.accept(a);
            return null;
        });
    }

    private static Dto.Problem problem(Response r) {
        try {
            return r.readEntity(Dto.Problem.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The theme list (codes and labels), kept ten minutes: it changes with a deployment of offers-service only. */
    public List<Dto.Theme> themes() {
        if (themes == null || Instant.now().isAfter(themesUntil)) {
            themes = read(MaillageApi::themes);
            themesUntil = Instant.now().plus(CACHE_FOR);
        }
        return themes;
    }

    public String themeLabel(String code) {
        if (code == null) {
            return null;
        }
        try {
            return themes().stream().filter(t -> t.code().equals(code)).map(Dto.Theme::label).findFirst().orElse(code);
        } catch (RuntimeException e) {
            return code;
        }
    }

    /** The service of the national standard a theme belongs to (the directory filters places by it). */
    public String standardService(String code) {
        for (Dto.Theme t : themes()) {
            if (t.code().equals(code)) {
                return t.parent() == null ? t.label() : themeLabel(t.parent());
            }
        }
        return null;
    }

    /** A structure's name, kept ten minutes; null when unknown or the directory does not answer. */
    public String partnerName(Object id) {
        if (id == null) {
            return null;
        }
        String key = id.toString();
        Cached<String> c = partnerNames.get(key);
        if (c != null && Instant.now().isBefore(c.until())) {
            return c.value();
        }
        String name;
        try {
            name = api.partner(key).name();
        } catch (RuntimeException e) {
            name = null;
        }
        if (partnerNames.size() > 5000) {
            partnerNames.clear();
        }
        partnerNames.put(key, new Cached<>(name, Instant.now().plus(CACHE_FOR)));
        return name;
    }

    /**
     * The structure (partner id) running an offer, kept ten minutes (the search lists up to 50 offers: without it, one
     * call each on every search); null when unknown or the API does not answer (not kept then).
     */
    public UUID partnerOfOffer(UUID offerId) {
        if (offerId == null) {
            return null;
        }
        UUID partner = offerPartners.getIfPresent(offerId);
        if (partner == null) {
            Dto.Offer offer = orNull(() -> read(a -> a.offer(offerId.toString())));
            partner = offer == null ? null : offer.partnerId();
            if (partner != null) {
                offerPartners.put(offerId, partner);
            }
        }
        return partner;
    }

    /** A place as the search shows it, kept ten minutes; null when unknown or the API does not answer (not kept then). */
    public Dto.Place cachedPlace(UUID placeId) {
        if (placeId == null) {
            return null;
        }
        Dto.Place place = places.getIfPresent(placeId);
        if (place == null) {
            place = orNull(() -> read(a -> a.place(placeId.toString())));
            if (place != null) {
                places.put(placeId, place);
            }
        }
        return place;
    }

    /** The structures of the directory (name order as the API gives them), kept ten minutes: the orientation form's list. */
    public List<Dto.Partner> partners() {
        Cached<List<Dto.Partner>> c = partnerList;
        if (c == null || Instant.now().isAfter(c.until())) {
            List<Dto.Partner> list = read(a -> a.partners(0, 100)).items();
            partnerList = c = new Cached<>(list, Instant.now().plus(CACHE_FOR));
        }
        return c.value();
    }

    public <T> T orNull(Supplier<T> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
