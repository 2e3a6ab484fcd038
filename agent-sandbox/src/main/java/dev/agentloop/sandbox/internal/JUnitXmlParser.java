package dev.agentloop.sandbox.internal;

import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestStatus;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parses a JUnit XML report (pytest's {@code --junitxml}, the JUnit console launcher's) into test cases. The file
 * was written inside the sandbox, so it is untrusted: DOCTYPEs and external entities are refused.
 */
public final class JUnitXmlParser {

    /** pytest's message for a test file it could not import. */
    static final String COLLECTION_FAILURE = "collection failure";

    private JUnitXmlParser() {}

    /** The parsed cases and whether any of them stands for a file that could not be collected. */
    public record Parsed(List<TestCaseResult> cases, List<TestCaseResult> collectionErrors) {}

    /**
     * @throws IllegalArgumentException when the text is not a JUnit XML report
     */
    public static Parsed parse(String xml) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not a JUnit XML report: " + e.getMessage(), e);
        }
        List<TestCaseResult> cases = new ArrayList<>();
        List<TestCaseResult> collection = new ArrayList<>();
        NodeList testcases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            Element tc = (Element) testcases.item(i);
            String name = tc.getAttribute("name");
            String suite = tc.getAttribute("classname");
            Duration time = seconds(tc.getAttribute("time"));
            TestStatus status = TestStatus.PASSED;
            String message = "";
            String trace = "";
            for (Node child = tc.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (!(child instanceof Element e)) {
                    continue;
                }
                switch (e.getTagName()) {
                    case "failure" -> {
                        status = TestStatus.FAILED;
                        message = e.getAttribute("message");
                        trace = e.getTextContent();
                    }
                    case "error" -> {
                        status = TestStatus.ERRORED;
                        message = e.getAttribute("message");
                        trace = e.getTextContent();
                    }
                    case "skipped" -> {
                        status = TestStatus.SKIPPED;
                        message = e.getAttribute("message");
                        trace = e.getTextContent();
                    }
                    default -> {
                        // system-out, system-err, properties: not part of the case's outcome
                    }
                }
                if (status != TestStatus.PASSED) {
                    break;
                }
            }
            if (message.isBlank() && !trace.isBlank()) {
                message = lastErrorLine(trace);
            }
            TestCaseResult result = new TestCaseResult(name, suite, status, message, trace, time);
            if (status == TestStatus.ERRORED && COLLECTION_FAILURE.equals(result.message())) {
                collection.add(result);
            } else {
                cases.add(result);
            }
        }
        return new Parsed(cases, collection);
    }

    /** The most telling line of a Python traceback: the last {@code E   ...Error: ...} or {@code XError: ...}. */
    public static String lastErrorLine(String trace) {
        String[] lines = trace.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.startsWith("E ")) {
                line = line.substring(1).strip();
            }
            if (line.matches("^[A-Za-z_][\\w.]*(Error|Exception|Exit|Interrupt)\\b.*")) {
                return line;
            }
        }
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return "";
    }

    private static Duration seconds(String value) {
        try {
            return value.isBlank() ? Duration.ZERO : Duration.ofNanos((long) (Double.parseDouble(value) * 1e9));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
