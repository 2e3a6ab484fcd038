package dev.agentloop.core.internal.role;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads a model's JSON answer and its fields, turning every problem into one clear sentence. */
final class Json {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /** The answer's top-level object; a single Markdown code fence around it is tolerated. */
    static JsonNode object(String answer) throws OutputFormatException {
        if (answer == null || answer.isBlank()) {
            throw new OutputFormatException("the answer was empty; a JSON object was expected");
        }
        String text = answer.strip();
        if (text.startsWith("```")) {
            int firstNewline = text.indexOf('\n');
            int closing = text.lastIndexOf("```");
            if (firstNewline > 0 && closing > firstNewline) {
                text = text.substring(firstNewline + 1, closing).strip();
            }
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String problem = String.valueOf(e.getOriginalMessage());
            if (problem.contains("end-of-input")) {
                problem = "the JSON ends early (truncated): " + problem;
            }
            // a limit of the parser (nesting depth, number or string length) has no location
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new OutputFormatException("the answer is not valid JSON (" + firstLine(problem) + where + ")");
        }
        if (node == null || !node.isObject()) {
            throw new OutputFormatException("the answer must be a JSON object, not "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return node;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String requiredText(JsonNode node, String field, String where) throws OutputFormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new OutputFormatException(where + "field \"" + field + "\" is missing");
        }
        if (!value.isTextual()) {
            throw new OutputFormatException(where + "field \"" + field + "\" must be a string");
        }
        if (value.asText().isBlank()) {
            throw new OutputFormatException(where + "field \"" + field + "\" must not be empty");
        }
        return value.asText();
    }

    static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString();
    }

    static boolean optionalBoolean(JsonNode node, String field, boolean otherwise) throws OutputFormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw new OutputFormatException("field \"" + field + "\" must be true or false");
        }
        return value.asBoolean();
    }

    static int optionalInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToInt() ? value.asInt() : 0;
    }

    /** A list of strings; a single string counts as a list of one. */
    static List<String> texts(JsonNode node, String field) throws OutputFormatException {
        JsonNode value = node.get(field);
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (value.isTextual()) {
            out.add(value.asText());
            return out;
        }
        if (!value.isArray()) {
            throw new OutputFormatException("field \"" + field + "\" must be a list of strings");
        }
        for (JsonNode item : value) {
            out.add(item.isTextual() ? item.asText() : item.toString());
        }
        return out;
    }

    /** The objects of a list field; {@code required} makes a missing or empty list an error. */
    static List<JsonNode> objects(JsonNode node, String field, boolean required) throws OutputFormatException {
        JsonNode value = node.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            if (required) {
                throw new OutputFormatException("field \"" + field + "\" is missing");
            }
            return out;
        }
        if (!value.isArray()) {
            throw new OutputFormatException("field \"" + field + "\" must be a list of objects");
        }
        int i = 0;
        for (JsonNode item : value) {
            i++;
            if (!item.isObject()) {
                throw new OutputFormatException(field + "[" + i + "] must be an object");
            }
            out.add(item);
        }
        if (required && out.isEmpty()) {
            throw new OutputFormatException("field \"" + field + "\" must not be an empty list");
        }
        return out;
    }
}
