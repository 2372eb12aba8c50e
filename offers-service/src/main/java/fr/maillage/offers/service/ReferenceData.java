package fr.maillage.offers.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/**
 * Lookups in the communes reference table. The search near a commune reads one commune per request: the
 * communes found are cached (Caffeine, at most every commune of France, each entry re-read after an hour so
 * that a reference file loaded by another replica reaches this one too); unknown codes are not cached (a
 * commune added by a new reference file is found at once). {@link CommuneLoader} empties the cache when it
 * loads a new file.
 */
@ApplicationScoped
public class ReferenceData {
    public record Commune(String inseeCode, String name, Double latitude, Double longitude) {
    }

    /** What the catalogue knows of a directory partner. */
    public enum PartnerStatus { KNOWN, DELETED, UNKNOWN }

    private final EntityManager em;
    private final DataSource dataSource;
    private final LoadingCache<String, Commune> communes = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(Duration.ofHours(1))
            .build(this::read);

    ReferenceData(EntityManager em, DataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    /** Forgets the cached communes (the reference table was reloaded). */
    public void invalidateCommunes() {
        communes.invalidateAll();
    }

    @SuppressWarnings("unchecked")
    public List<String> unknownCommunes(List<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        List<String> known = em.createNativeQuery("SELECT insee_code FROM commune_ref WHERE insee_code = ANY(:c)", String.class)
                .setParameter("c", codes.toArray(String[]::new)).getResultList();
        List<String> unknown = new ArrayList<>(codes);
        unknown.removeAll(known);
        return unknown;
    }

    /**
     * A partner is known when the read model of directory.partners.v1 holds it (deleted when its last event says
     * so). One that has not reached that read model yet is known all the same when a place of the read model of
     * directory.places.v1 names it: the directory keeps no place without its partner, and its partners and places
     * come on two topics, consumed independently, so a new partner's place may well arrive before the partner.
     */
    public PartnerStatus partner(UUID id) {
        List<?> deleted = em.createNativeQuery("SELECT deleted FROM partner_ref WHERE id = :id")
                .setParameter("id", id).getResultList();
        if (!deleted.isEmpty()) {
            return Boolean.TRUE.equals(deleted.get(0)) ? PartnerStatus.DELETED : PartnerStatus.KNOWN;
        }
        List<?> place = em.createNativeQuery("SELECT 1 FROM place_ref WHERE partner_id = :id AND NOT deleted LIMIT 1")
                .setParameter("id", id).getResultList();
        return place.isEmpty() ? PartnerStatus.UNKNOWN : PartnerStatus.KNOWN;
    }

    public Optional<Commune> commune(String inseeCode) {
        return Optional.ofNullable(communes.get(inseeCode));
    }

    /**
     * @return the commune, null when unknown (not cached then); a database failure is a PersistenceException, as
     *         from Hibernate (503 when the database is unreachable, see DatabaseUnavailableMapper)
     */
    private Commune read(String inseeCode) {
        try (Connection con = dataSource.getConnection();
                PreparedStatement ps = con.prepareStatement(
                        "SELECT insee_code, name, latitude, longitude FROM commune_ref WHERE insee_code = ?")) {
            ps.setString(1, inseeCode);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Commune(rs.getString(1), rs.getString(2), nullableDouble(rs, 3), nullableDouble(rs, 4));
            }
        } catch (SQLException e) {
            throw new PersistenceException("Reading commune " + inseeCode + " failed: " + e.getMessage(), e);
        }
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
