package dev.agentloop.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML config file into dotted keys with the line each value is on. Uses the node graph rather than
 * plain objects because only nodes keep their position in the file.
 *
 * <p>A list of scalars becomes one value, its YAML text ({@code [a, b]}). A list holding mappings (such as {@code
 * hooks.deny}) becomes one key per field of each item, numbered from 1: {@code hooks.deny.1.name}, {@code
 * hooks.deny.1.pattern}, ... Either way each entry knows the list it came from, so that a list in a higher layer
 * replaces the whole list of a lower one instead of merging item by item.
 */
final class YamlFile {

    /**
     * One scalar (or list of scalars, kept as its YAML text) and the 1-based line it is on.
     *
     * @param list the key of the list this entry belongs to; empty when it is not part of a list
     */
    record Entry(String value, int line, String list) {}

    private YamlFile() {}

    /**
     * @param file the file to read
     * @param shownAs how the file is named in messages, e.g. {@code config/agent.yaml}
     * @return dotted key to entry, in file order; empty for an empty file
     * @throws ConfigException naming the file and line when the YAML is malformed or not a mapping
     */
    static Map<String, Entry> read(Path file, String shownAs) {
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? shownAs : shownAs + ":" + (mark.getLine() + 1);
            String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
            throw new ConfigException(where + ": the YAML is malformed (" + problem.trim()
                    + "); fix the indentation or quoting on that line.");
        } catch (YAMLException e) {
            throw new ConfigException(shownAs + ": the YAML is malformed (" + e.getMessage() + ").");
        } catch (IOException e) {
            throw new ConfigException(shownAs + ": cannot be read (" + e.getMessage() + ").");
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        if (root == null) {
            return out;
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigException(shownAs + ":" + line(root)
                    + ": the file must be a mapping of sections (models:, loop:, database:, ...).");
        }
        flatten("", mapping, shownAs, "", out);
        return out;
    }

    private static void flatten(
            String prefix, MappingNode mapping, String shownAs, String list, Map<String, Entry> out) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ConfigException(shownAs + ":" + line(tuple.getKeyNode()) + ": keys must be plain names.");
            }
            String key = prefix + keyNode.getValue();
            Node value = tuple.getValueNode();
            Entry earlier = out.get(key);
            if (earlier != null) {
                throw new ConfigException(shownAs + ":" + line(keyNode) + ": '" + key + "' is given twice (also on"
                        + " line " + earlier.line() + "); keep one.");
            }
            if (value instanceof MappingNode nested) {
                flatten(key + ".", nested, shownAs, list, out);
            } else if (value instanceof ScalarNode scalar) {
                if (!Tag.NULL.equals(scalar.getTag())) {
                    out.put(key, new Entry(scalar.getValue(), line(scalar), list));
                }
            } else if (value instanceof SequenceNode sequence) {
                sequence(key, sequence, shownAs, list.isEmpty() ? key : list, out);
            }
        }
    }

    private static void sequence(
            String key, SequenceNode sequence, String shownAs, String list, Map<String, Entry> out) {
        boolean scalars = sequence.getValue().stream().allMatch(ScalarNode.class::isInstance);
        if (scalars) {
            StringBuilder text = new StringBuilder("[");
            for (Node item : sequence.getValue()) {
                if (text.length() > 1) {
                    text.append(", ");
                }
                text.append(((ScalarNode) item).getValue());
            }
            out.put(key, new Entry(text.append(']').toString(), line(sequence), list));
            return;
        }
        int index = 0;
        for (Node item : sequence.getValue()) {
            index++;
            if (item instanceof MappingNode mapping) {
                flatten(key + "." + index + ".", mapping, shownAs, list, out);
            } else if (item instanceof ScalarNode scalar) {
                out.put(key + "." + index, new Entry(scalar.getValue(), line(scalar), list));
            } else {
                throw new ConfigException(shownAs + ":" + line(item) + ": '" + key
                        + "' holds a list inside a list; write one mapping per item.");
            }
        }
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
