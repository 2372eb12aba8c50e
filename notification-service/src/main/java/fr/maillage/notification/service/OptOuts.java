package fr.maillage.notification.service;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Numbers that said STOP. They receive nothing but what the service owes them (see essential rows). */
@ApplicationScoped
public class OptOuts {
    private final EntityManager em;

    OptOuts(EntityManager em) {
        this.em = em;
    }

    /** @return true if the number was not opted out yet. */
    @Transactional
    public boolean optOut(String e164, String source) {
        return em.createNativeQuery("INSERT INTO sms_opt_out (phone, source) VALUES (:p, :s) ON CONFLICT DO NOTHING")
                .setParameter("p", e164).setParameter("s", source).executeUpdate() == 1;
    }

    /**
     * A text the person sent back (any provider's inbound SMS): « STOP » (also « stop », « Stop SMS », « ARRÊT ») opts the
     * number out, « START » opts it back in, anything else is ignored.
     * @return {@code opted_out}, {@code opted_in} or {@code ignored}
     */
    @Transactional
    public String reply(String e164, String text) {
        String word = text == null ? "" : java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").trim().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z ]", "").trim();
        if (word.equals("STOP") || word.startsWith("STOP ") || word.equals("ARRET") || word.equals("STOPSMS")) {
            optOut(e164, "sms");
            return "opted_out";
        }
        if (word.equals("START")) {
            optIn(e164);
            return "opted_in";
        }
        return "ignored";
    }

    /** @return true if the number was opted out. */
    @Transactional
    public boolean optIn(String e164) {
        return em.createNativeQuery("DELETE FROM sms_opt_out WHERE phone = :p").setParameter("p", e164)
                .executeUpdate() == 1;
    }

    @Transactional
    public boolean isOptedOut(String e164) {
        return !among(List.of(e164)).isEmpty();
    }

    /** The opted-out numbers among {@code numbers}: one query per worker batch. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Set<String> among(Collection<String> numbers) {
        if (numbers.isEmpty()) {
            return Set.of();
        }
        List<String> rows = em.createNativeQuery("SELECT phone FROM sms_opt_out WHERE phone = ANY (cast(:p AS text[]))")
                .setParameter("p", numbers.toArray(String[]::new)).getResultList();
        return new HashSet<>(rows);
    }
}
