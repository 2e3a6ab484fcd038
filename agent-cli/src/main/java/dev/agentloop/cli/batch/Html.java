package dev.agentloop.cli.batch;

import org.apache.commons.text.StringEscapeUtils;

/** Escaping for text put into HTML and SVG (attributes are always double-quoted). */
final class Html {

    private Html() {}

    static String escape(String s) {
        return StringEscapeUtils.escapeHtml4(s);
    }
}
