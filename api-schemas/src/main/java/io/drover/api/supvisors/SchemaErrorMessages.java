package io.drover.api.supvisors;

import io.drover.api.supvisors.RulesVocabulary.ValueRule;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rewrites the schema validator's verdicts ("cvc-enumeration-valid: Value 'SINGLE' is not facet-valid...") as
 * sentences about the rules file. The error key says what kind of rule was broken; the element, its text and its
 * attributes come from {@link ElementTracker}, so the result does not depend on the validator's wording or locale.
 */
final class SchemaErrorMessages {

    private static final int MAX_QUOTED = 40;

    /** The keys of an element the content model has no place for (2.4.a, c, d); 2.4.b is a missing element. */
    private static final String UNEXPECTED_ELEMENT = "cvc-complex-type.2.4";
    private static final String INCOMPLETE_CONTENT = "cvc-complex-type.2.4.b";

    /** The key of text written where only elements may be. */
    static final String MISPLACED_TEXT = "cvc-complex-type.2.3";

    private SchemaErrorMessages() {
    }

    /**
     * @param rawMessage the validator's message, starting with its error key
     * @param at         where the parse stands when the error is raised
     * @param reportedAttributes the attributes of this element already reported, so that each is named once
     */
    static Problem describe(String rawMessage, ElementTracker at, Set<String> reportedAttributes) {
        String key = keyOf(rawMessage);
        if (key.startsWith("cvc-enumeration-valid") || key.startsWith("cvc-minInclusive-valid")
                || key.startsWith("cvc-maxInclusive-valid") || key.startsWith("cvc-datatype-valid")
                || key.startsWith("cvc-type.3.1.3")) {
            // elements inside a value are reported on their own; the value they displaced is not a second problem
            return at.currentHasChildElements() ? elementsInValue(at) : badValue(at.current(), at.text(), rawMessage);
        }
        if (key.startsWith(UNEXPECTED_ELEMENT) && !key.equals(INCOMPLETE_CONTENT)) {
            return unexpectedElement(at);
        }
        if (key.startsWith(MISPLACED_TEXT)) {
            return textNotAllowed(at.current());
        }
        if (key.startsWith("cvc-type.3.1.2")) {
            return elementsInValue(at);
        }
        if (key.startsWith("cvc-complex-type.3.2.2") || key.startsWith("cvc-type.3.1.1")) {
            return unknownAttribute(at.current(), at.attributes(), reportedAttributes);
        }
        if (key.startsWith("cvc-complex-type.4")) {
            return missingAttribute(at.current());
        }
        if (key.startsWith("cvc-elt.1")) {
            return at.currentNamespace().isEmpty() ? wrongRoot(at.current()) : namespaced(at);
        }
        return new Problem("invalid rules file: " + withoutKey(rawMessage),
                "compare this element with the Supvisors rules file format");
    }

    private static Problem badValue(String element, String text, String rawMessage) {
        ValueRule rule = RulesVocabulary.valueRule(element).orElse(null);
        if (rule == null) {
            return new Problem("invalid value in <" + element + ">: " + withoutKey(rawMessage), null);
        }
        String value = text.strip();
        if (rule.isChoice()) {
            String choices = String.join(", ", rule.choices());
            if (value.isEmpty()) {
                return new Problem("<" + element + "> is empty; use one of " + choices,
                        "write one of these names, or remove the element to keep the default");
            }
            return new Problem(quote(text) + " is not " + rule.expected() + "; use one of " + choices,
                    choiceHint(text, rule.choices()));
        }
        if (value.isEmpty()) {
            return new Problem("<" + element + "> is empty; expected " + rule.expected(),
                    rule.hint() + ", or remove the element to keep the default");
        }
        return new Problem(element + " " + quote(value) + " is not " + rule.expected(), rule.hint());
    }

    private static String choiceHint(String text, List<String> choices) {
        String value = text.strip();
        for (String choice : choices) {
            if (choice.equals(value)) {
                return "remove the spaces around " + choice + "; Supvisors compares names exactly";
            }
            if (choice.equalsIgnoreCase(value)) {
                return "names are written in capitals: " + choice;
            }
        }
        String upper = value.toUpperCase(Locale.ROOT);
        List<String> close = choices.stream().filter(startsWith(upper)).toList();
        if (close.size() == 1) {
            return "did you mean " + close.get(0) + "?";
        }
        return "write one of these names exactly as shown";
    }

    private static Predicate<String> startsWith(String prefix) {
        return choice -> !prefix.isEmpty() && choice.startsWith(prefix);
    }

    /** An element that has no place where it is written. */
    static Problem unexpectedElement(ElementTracker at) {
        return at.currentNamespace().isEmpty() ? unexpectedElement(at.current(), at.parent()) : namespaced(at);
    }

    private static Problem namespaced(ElementTracker at) {
        return new Problem("<" + at.current() + "> is in the XML namespace '" + at.currentNamespace()
                + "'; rules file elements have no namespace",
                "remove the xmlns declaration and the namespace prefix; Supvisors reads no other XML vocabulary");
    }

    private static Problem unexpectedElement(String element, String parent) {
        List<String> allowed = RulesVocabulary.childrenOf(parent);
        if (allowed.contains(element)) {
            return new Problem("<" + element + "> is written twice in this <" + parent + ">",
                    "each setting appears at most once in an element; keep the one you mean");
        }
        if ("program".equals(element) && "application".equals(parent)) {
            return new Problem("<program> must be inside <programs>",
                    "put the program rules of this application in one <programs> ... </programs> element");
        }
        var retired = RulesVocabulary.retired(element);
        if (retired.isPresent()) {
            return new Problem("<" + element + "> is not part of the Supvisors rules format any more", retired.get());
        }
        String mayHold = allowed.isEmpty() ? "<" + parent + "> holds a value, not elements"
                : "<" + parent + "> may hold " + tags(allowed);
        if (RulesVocabulary.isKnownElement(element)) {
            return new Problem("<" + element + "> is not allowed in <" + parent + ">",
                    "<" + element + "> belongs in " + tags(RulesVocabulary.parentsOf(element)) + "; " + mayHold);
        }
        return new Problem("unknown element <" + element + "> in <" + parent + ">", mayHold);
    }

    private static Problem textNotAllowed(String element) {
        return new Problem("text is not allowed directly inside <" + element + ">",
                "write each value inside its own element, for example <start_sequence>1</start_sequence>");
    }

    private static Problem elementsInValue(ElementTracker at) {
        // depending on the validator the error comes at the inner element or at the end of the value element
        String valueElement = RulesVocabulary.childrenOf(at.current()).isEmpty()
                && RulesVocabulary.isKnownElement(at.current()) ? at.current() : at.parent();
        return new Problem("<" + valueElement + "> holds a value, not elements",
                "write the value as plain text, for example <" + valueElement + ">...</" + valueElement + ">");
    }

    private static Problem unknownAttribute(String element, List<String> written, Set<String> reported) {
        List<String> allowed = RulesVocabulary.attributesOf(element);
        String attribute = written.stream()
                .filter(name -> !allowed.contains(name) && !reported.contains(name))
                .findFirst()
                .orElse("?");
        reported.add(attribute);
        String hint = allowed.isEmpty() ? "<" + element + "> takes no attributes"
                : "<" + element + "> takes only " + String.join(" and ", allowed.stream().map(a -> a + "=\"...\"")
                .toList());
        return new Problem("<" + element + "> has no attribute '" + attribute + "'", hint);
    }

    private static Problem missingAttribute(String element) {
        if ("alias".equals(element)) {
            return new Problem("<alias> needs a name attribute",
                    "write <alias name=\"servers\">server_1,server_2</alias>");
        }
        return new Problem("<" + element + "> misses a required attribute", null);
    }

    private static Problem wrongRoot(String element) {
        return new Problem("the outermost element is <" + element + ">; a Supvisors rules file has <root>",
                "put the <alias>, <model> and <application> elements inside <root> ... </root>");
    }

    private static String tags(List<String> names) {
        return String.join(", ", names.stream().map(name -> "<" + name + ">").toList());
    }

    /** The validator's error key ("cvc-complex-type.2.4.a"), or empty when the message has none. */
    static String keyOf(String rawMessage) {
        if (rawMessage == null || !rawMessage.startsWith("cvc-")) {
            return "";
        }
        int colon = rawMessage.indexOf(':');
        return colon < 0 ? rawMessage : rawMessage.substring(0, colon);
    }

    private static String withoutKey(String rawMessage) {
        String key = keyOf(rawMessage);
        return key.isEmpty() ? String.valueOf(rawMessage) : rawMessage.substring(key.length() + 1).strip();
    }

    /** The text between quotes, cut when long, with line breaks and tabs made visible. */
    static String quote(String text) {
        String shown = text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED - 3) + "...";
        return "'" + shown.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t") + "'";
    }
}
