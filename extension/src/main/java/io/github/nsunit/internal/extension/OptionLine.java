package io.github.nsunit.internal.extension;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line of JVM options as a shell would, without its expansions: words are separated by whitespace, and
 * a part in double or single quotes is kept whole, quotes removed, so {@code -Dx="a b"} and {@code '-Dx=a b'} are
 * both the one option {@code -Dx=a b}. Inside one kind of quote the other is an ordinary character; there is no
 * escape character, so a backslash (a Windows-style path) stays as written.
 */
final class OptionLine {
    static final String ACCEPTED = "options separated by spaces, a value with spaces in double or single quotes,"
            + " e.g. -Xmx256m -Dname=\"a b\"";

    private OptionLine() {
    }

    /** The words of {@code line}; throws IllegalArgumentException for a quote that is never closed. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true; // "" is an empty word, as in a shell
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the " + (quote == '"' ? "double" : "single") + " quote is never"
                    + " closed: expected " + ACCEPTED);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
