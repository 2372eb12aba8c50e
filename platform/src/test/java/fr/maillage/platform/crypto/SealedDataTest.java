package fr.maillage.platform.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class SealedDataTest {
    private static final String KEY_A = Base64.getEncoder().encodeToString("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes());
    private static final String KEY_B = Base64.getEncoder().encodeToString("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".getBytes());

    private static SealedData sealer(String key, String id, String previous) {
        return new SealedData(key, id, Optional.ofNullable(previous), new ObjectMapper());
    }

    @Test
    void readsTheKeyFromAFileWhenToldSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // quarkus:dev: maillage.sealing.key=file:../deploy/.run/jwt/sealing.key, the key of the local run (with its newline)
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("sealing.key"), KEY_A + "\n");
        String sealed = sealer("file:" + file, "1", null).seal("06 12 34 56 78");
        assertEquals("06 12 34 56 78", sealer(KEY_A, "1", null).open(sealed));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> sealer("file:" + dir.resolve("absent.key"), "1", null));
        assertTrue(missing.getMessage().contains("dev-keys.sh"), missing.getMessage());
    }

    @Test
    void sealsSoThatOnlyTheKeyOpens() {
        SealedData a = sealer(KEY_A, "1", null);
        String sealed = a.seal("06 12 34 56 78");
        assertTrue(sealed.startsWith("s1.1."), sealed);
        assertFalse(sealed.contains("06 12"), sealed);
        assertNotEquals(sealed, a.seal("06 12 34 56 78"), "a fresh nonce per value");
        assertEquals("06 12 34 56 78", a.open(sealed));
        assertThrows(SealedData.Unreadable.class, () -> sealer(KEY_B, "1", null).open(sealed));
        assertThrows(SealedData.Unreadable.class, () -> sealer(KEY_B, "2", null).open(sealed));
    }

    @Test
    void alteredValuesAreRefusedWithoutShowingThem() {
        SealedData a = sealer(KEY_A, "1", null);
        String sealed = a.seal("claire@example.org");
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        SealedData.Unreadable e = assertThrows(SealedData.Unreadable.class, () -> a.open(altered));
        assertFalse(e.getMessage().contains("claire"));
        assertThrows(SealedData.Unreadable.class, () -> a.open("s1.1.%%%"));
        assertThrows(SealedData.Unreadable.class, () -> a.open("claire@example.org"));
    }

    @Test
    void rotationKeepsOldValuesReadable() {
        String old = sealer(KEY_A, "1", null).seal("Claire");
        SealedData rotated = sealer(KEY_B, "2", "1:" + KEY_A);
        assertEquals("Claire", rotated.open(old));
        assertTrue(rotated.seal("x").startsWith("s1.2."));
    }

    @Test
    void jsonValuesRoundTrip() {
        SealedData a = sealer(KEY_A, "1", null);
        @SuppressWarnings("unchecked")
        Map<String, String> back = a.openJson(a.sealJson(Map.of("firstName", "Claire")), Map.class);
        assertEquals("Claire", back.get("firstName"));
    }

    @Test
    void refusesWeakKeys() {
        assertThrows(IllegalStateException.class, () -> sealer(Base64.getEncoder().encodeToString(new byte[16]), "1", null));
        assertThrows(IllegalStateException.class, () -> sealer("pas du base64 !", "1", null));
    }
}
