package fr.maillage.system.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, item 5: every command of the partner guide (docs/partners.md) works as written on the stack that
 * {@code deploy/maillage up} starts (the system tests' stack has the same ports and demo data).
 *
 * <p>The guide's convention, stated in the guide itself: every block fenced {@code ```bash} is a command to type, in
 * order, in one shell; blocks fenced {@code ```sh} (starting and stopping the sandbox), {@code ```json},
 * {@code ```text} and other languages are not run. The test extracts the {@code bash} blocks in order and runs them in
 * ONE {@code bash -euo pipefail} process (the blocks pass values on through shell variables: TOKEN, SLOT_ID,
 * BOOKING_ID, CURSOR…). The commands assert by themselves ({@code curl --fail-with-body}, {@code jq -e 'select(…)'}),
 * so a wrong answer fails as well as a transport error; the test fails with the failing block, where it is in the
 * guide, the command that failed and what the block printed.
 */
class PartnerGuideTest {
    private static final Path GUIDE = Path.of("../docs/partners.md");
    /** Opening fence of a block the test runs; closing fence. Only top-level fences: an indented one would be missed. */
    private static final Pattern OPEN = Pattern.compile("^(\\s*)```bash\\s*$");
    private static final Pattern CLOSE = Pattern.compile("^\\s*```\\s*$");
    private static final String MARK = "@@guide-block ";
    private static final String END = "@@guide-end@@";
    private static final long TIMEOUT_SECONDS = 180;

    /** What the guide must keep running, whatever else changes in it: its seven steps' key calls. */
    private static final List<String> STEPS = List.of(
            "grant_type=client_credentials",
            "/communes", "/places?insee=", "/offers?near=", "/offers/next-available",
            "Idempotency-Key: $IDEMPOTENCY_KEY", "idempotent-replayed: true", "/bookings/$BOOKING_ID\"", "/cancel",
            "POST \"$API/webhooks\"", "signingSecret",
            "/events?after=",
            "problemes/regle-non-respectee", "trop-de-requetes", "Retry-After");

    record Block(int number, int line, String source) {
    }

    @Test
    void everyBashBlockOfThePartnerGuideRunsAsWrittenAgainstTheStack(@TempDir Path workDir) throws Exception {
        List<Block> blocks = bashBlocks(Files.readAllLines(GUIDE, StandardCharsets.UTF_8));
        assertTrue(blocks.size() >= 15, "the guide should have its commands in ```bash blocks, found " + blocks.size());
        String all = String.join("\n", blocks.stream().map(Block::source).toList());
        for (String step : STEPS) {
            assertTrue(all.contains(step), "no ```bash block of docs/partners.md runs « " + step + " » any more");
        }

        Path script = workDir.resolve("guide.sh");
        Files.writeString(script, script(blocks), StandardCharsets.UTF_8);
        Path output = workDir.resolve("guide.out");
        long t0 = System.nanoTime();
        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", script.toString())
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = bash.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        String transcript = Files.readString(output, StandardCharsets.UTF_8);
        // The transcript goes to the test's output: what a partner sees when following the guide (no secret is printed).
        System.out.println("--- docs/partners.md, " + blocks.size() + " bash blocks, " + seconds + " s ---\n" + transcript);

        if (!finished || bash.exitValue() != 0 || !transcript.contains(END)) {
            fail(failure(blocks, transcript, finished ? "exit " + bash.exitValue() : "no end after " + TIMEOUT_SECONDS + " s"));
        }
        assertEquals(blocks.size(), count(transcript, MARK), "every block ran once");
    }

    /** The ```bash blocks of the guide, in order, with the line of their opening fence. */
    static List<Block> bashBlocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = OPEN.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            assertEquals("", open.group(1), "docs/partners.md:" + (i + 1) + ": a ```bash block must start at the margin");
            int start = i + 1;
            StringBuilder source = new StringBuilder();
            for (i = start; i < lines.size() && !CLOSE.matcher(lines.get(i)).matches(); i++) {
                source.append(lines.get(i)).append('\n');
            }
            assertTrue(i < lines.size(), "docs/partners.md:" + start + ": a ```bash block is not closed");
            blocks.add(new Block(blocks.size() + 1, start, source.toString()));
        }
        return blocks;
    }

    /**
     * One script: a marker before each block (so that the output can be cut per block), the blocks as they are, and an
     * ERR trap naming the command that failed (set -e then stops the script there).
     */
    static String script(List<Block> blocks) {
        StringBuilder script = new StringBuilder();
        script.append("trap 'printf \"\\n@@guide-failed: %s@@\\n\" \"$BASH_COMMAND\"' ERR\n");
        for (Block block : blocks) {
            script.append("printf '\\n").append(MARK).append(block.number()).append("@@\\n'\n");
            script.append(block.source());
        }
        script.append("printf '\\n").append(END).append("\\n'\n");
        return script.toString();
    }

    /** The failing block (the last one whose marker was printed), its source and its output. */
    static String failure(List<Block> blocks, String transcript, String how) {
        int at = transcript.lastIndexOf(MARK);
        if (at < 0) {
            return "the guide's script failed before its first block (" + how + "):\n" + transcript;
        }
        int numberEnd = transcript.indexOf("@@", at + MARK.length());
        Block block = blocks.get(Integer.parseInt(transcript.substring(at + MARK.length(), numberEnd)) - 1);
        String out = transcript.substring(numberEnd + 2).strip();
        if (out.length() > 6000) {
            out = "…" + out.substring(out.length() - 6000);
        }
        return "docs/partners.md, block " + block.number() + " (line " + block.line() + ") failed (" + how + ").\n"
                + "--- the block ---\n" + block.source() + "--- what it printed ---\n" + out;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
