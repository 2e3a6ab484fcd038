package dev.agentloop.cli.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Localization over a group of instances: how often the gold file (and function) came first or among the first five,
 * and how often runs read and changed a gold file. Shares are of all the instances, so one without a ranking counts
 * as a miss.
 *
 * @param instances instances measured
 * @param ranked of which had a ranking
 * @param fileTop1 a gold file came first
 * @param fileTop5 a gold file was among the first five
 * @param functionTop1 a gold function came first
 * @param functionTop5 a gold function was among the first five
 * @param readGold the run read a gold file
 * @param editedGold the run changed a gold file
 */
public record LocalizationFigures(
        int instances,
        int ranked,
        int fileTop1,
        int fileTop5,
        int functionTop1,
        int functionTop5,
        int readGold,
        int editedGold) {

    /** The figures of these localizations. */
    public static LocalizationFigures of(List<Localization> all) {
        return new LocalizationFigures(
                all.size(),
                count(all, Localization::ranked),
                count(all, Localization::fileTop1),
                count(all, Localization::fileTop5),
                count(all, Localization::functionTop1),
                count(all, Localization::functionTop5),
                count(all, Localization::readGold),
                count(all, Localization::editedGold));
    }

    private static int count(List<Localization> all, java.util.function.Predicate<Localization> p) {
        return (int) all.stream().filter(p).count();
    }

    /** {@code part} of the instances in per cent, e.g. {@code 87%}; {@code -} when there are none. */
    public String percent(int part) {
        return instances == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / instances);
    }

    void writeTo(ObjectNode n) {
        n.put("instances", instances);
        n.put("ranked", ranked);
        n.put("file_top1", share(fileTop1));
        n.put("file_top5", share(fileTop5));
        n.put("function_top1", share(functionTop1));
        n.put("function_top5", share(functionTop5));
        n.put("read_gold", share(readGold));
        n.put("edited_gold", share(editedGold));
    }

    private double share(int part) {
        return instances == 0 ? 0 : Math.round(10_000.0 * part / instances) / 10_000.0;
    }
}
