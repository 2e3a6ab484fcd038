package dev.agentloop.core.testing;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A seeded fuzzer for the parsers that read what a model or a tool wrote: it feeds generated inputs (mutations of
 * valid samples: truncations, huge lines, odd Unicode, deep nesting, shuffled and repeated parts) to a target and
 * fails on the first exception that is not a documented one, or on an input the target does not finish within a
 * bound (a hang). The seed is fixed, so a failure names the input that reproduces it.
 */
public final class Fuzz {

    /** Inputs each fuzz test tries at least. */
    public static final int INPUTS = 10_000;

    /** What a target may take on one input before it counts as hanging. */
    private static final long BOUND_SECONDS = 10;

    private static final String[] ODD = {
        "\u0000",
        "\uFEFF",
        "\u200B",
        "\u202E",
        "\uD800",
        "\uDFFF",
        "\uD83D\uDE00",
        "e\u0301",
        "\u00A0",
        "\r",
        "\r\n",
        "\t",
        "\u2028",
        "\u0085",
        "\\",
        "\"",
        "'",
        "<",
        ">",
        "&",
        "]]>",
        "{",
        "}",
        "[",
        "]",
        ":",
        "#",
        "---",
        "...",
        "@@",
        "\n",
        "%",
        "$",
        "${",
        "\u00FF",
        "\uFFFF",
        "Ω",
        "日本",
        "؟"
    };

    private final Random random;

    private Fuzz(long seed) {
        this.random = new Random(seed);
    }

    public static Fuzz seeded(long seed) {
        return new Fuzz(seed);
    }

    /** The random source, for a test's own generator. */
    public Random random() {
        return random;
    }

    /** Counts of one fuzz run: inputs tried, and how many ended in each documented exception. */
    public record Report(int tried, Map<String, Integer> rejected) {
        public int accepted() {
            return tried
                    - rejected.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A target that reads one input; it may throw. */
    @FunctionalInterface
    public interface Target {
        void accept(String input) throws Exception;
    }

    /**
     * Runs {@code count} generated inputs through {@code target}.
     *
     * @param documented the exceptions the target documents for bad input (subclasses count)
     * @return the counts, for a report
     */
    public Report run(
            int count, Function<Fuzz, String> generator, Target target, Set<Class<? extends Throwable>> documented) {
        Map<String, Integer> rejected = new TreeMap<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < count; i++) {
                String input = generator.apply(this);
                Future<?> call = worker.submit(() -> {
                    target.accept(input);
                    return null;
                });
                try {
                    call.get(BOUND_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    call.cancel(true);
                    fail("input " + i + " did not finish in " + BOUND_SECONDS + " s: " + show(input));
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (documented.stream().noneMatch(type -> type.isInstance(cause))) {
                        throw new AssertionError(
                                "input " + i + " threw an undocumented " + cause + " for: " + show(input), cause);
                    }
                    rejected.merge(cause.getClass().getSimpleName(), 1, Integer::sum);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return new Report(count, rejected);
    }

    /** One of {@code samples}, mutated one to four times. */
    public String mutate(List<String> samples) {
        String s = samples.get(random.nextInt(samples.size()));
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            s = mutateOnce(s);
        }
        return s;
    }

    private String mutateOnce(String s) {
        int at = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
        switch (random.nextInt(10)) {
            case 0:
                return s.substring(0, at); // truncated
            case 1:
                return s.substring(at); // head cut off
            case 2:
                return s.substring(0, at) + odd() + s.substring(at);
            case 3:
                return s.substring(0, at) + "x".repeat(20_000 + random.nextInt(80_000)) + s.substring(at); // huge line
            case 4: {
                int end = at + random.nextInt(Math.max(1, s.length() - at + 1));
                return s.substring(0, at) + s.substring(Math.min(end, s.length())); // a part removed
            }
            case 5: {
                int end = Math.min(s.length(), at + random.nextInt(200));
                String part = s.substring(at, end);
                return s.substring(0, end) + part.repeat(1 + random.nextInt(50)) + s.substring(end); // repeated
            }
            case 6: {
                List<String> lines = new ArrayList<>(s.lines().toList());
                java.util.Collections.shuffle(lines, random);
                return String.join("\n", lines);
            }
            case 7: {
                int depth = 1 + random.nextInt(5_000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                return s.substring(0, at)
                        + open.repeat(depth)
                        + close.repeat(random.nextInt(depth + 1))
                        + s.substring(at); // deep nesting
            }
            case 8:
                return randomText(1 + random.nextInt(300));
            default: {
                char[] chars = s.toCharArray();
                for (int i = 0; i < Math.min(chars.length, 1 + random.nextInt(8)); i++) {
                    chars[random.nextInt(chars.length)] = (char) random.nextInt(0x3000);
                }
                return new String(chars);
            }
        }
    }

    /** An odd piece of text: a control character, a lone surrogate, a combining mark, a delimiter. */
    public String odd() {
        return ODD[random.nextInt(ODD.length)];
    }

    /** Random text mixing ASCII, delimiters and odd Unicode. */
    public String randomText(int length) {
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) {
            int kind = random.nextInt(4);
            b.append(kind == 0 ? odd() : kind == 1 ? Character.toString(32 + random.nextInt(95)) : " ");
        }
        return b.toString();
    }

    private static String show(String input) {
        String shown =
                input.length() > 400 ? input.substring(0, 200) + "…" + input.substring(input.length() - 200) : input;
        return shown.replace("\n", "\\n") + " (" + input.length() + " chars)";
    }
}
