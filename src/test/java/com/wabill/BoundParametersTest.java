package com.wabill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.wabill.testsupport.FastTest;

/**
 * Issue 8, security: SQL is written with bound parameters only. No SQL text in the main sources is glued to a value
 * with {@code +}: a string literal that reads like SQL never has a non-literal on either side of a {@code +}. The
 * one exception is COPY, whose table and column names are identifiers written in the code.
 */
@FastTest
class BoundParametersTest {

    /** Text that reads like SQL: starts with a statement, or has a condition, an assignment or a placeholder. */
    private static final Pattern SQL = Pattern.compile("(?is)^\"\\s*(select|insert|update|delete|with|copy)\\s"
            + "|\\bwhere\\s+[a-z_.]+\\s*(=|<|>|!=|\\bin\\b|\\bbetween\\b|\\bis\\b|\\blike\\b|\\band\\b)"
            + "|\\b(and|or)\\s+[a-z_.]+\\s*(=|<|>|!=)\\s*[?'(]|\\bset\\s+[a-z_]+\\s*=|\\bvalues\\s*\\(|\\bfrom\\s+[a-z_]+\\s+"
            + "(where|group|order|join|union)\\b|\\bunion\\s+(all\\s+)?select\\b|=\\s*\\?");
    /** file → why its concatenation is no value. */
    private static final Map<String, String> ALLOWED = Map.of(
            "ledger/CopyStream.java", "COPY <table> (<columns>): identifiers given by the code, not values");

    @Test
    void noSqlTextIsConcatenatedWithAValue() throws IOException {
        List<String> found = new ArrayList<>();
        Path main = Path.of("src/main/java/com/wabill");
        try (Stream<Path> s = Files.walk(main)) {
            for (Path file : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                String rel = main.relativize(file).toString();
                if (ALLOWED.containsKey(rel)) continue;
                for (String hit : concatenatedSql(Files.readString(file))) found.add(rel + ": " + hit);
            }
        }
        assertThat(found).as("SQL built by concatenating values (use ? and bind them)").isEmpty();
    }

    @Test
    void theCheckFindsConcatenatedValues() {
        assertThat(concatenatedSql("String q = \"select * from t where id = \" + id;")).hasSize(1);
        assertThat(concatenatedSql("jdbc.update(\"delete from t where a = '\" + a + \"'\");")).hasSize(1);
        assertThat(concatenatedSql("String q = \"select a from t\"\n    + \" where id = ?\"; // + x")).isEmpty();
        assertThat(concatenatedSql("log.info(\"Billing \" + from + \" to \" + to);")).isEmpty();
    }

    /** The SQL literals of {@code source} that a {@code +} joins to something that is not a literal. */
    static List<String> concatenatedSql(String source) {
        // tokens: string literals (L), '+' (P), anything else (X); comments and char literals skipped
        List<String> literals = new ArrayList<>();
        List<Character> kinds = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"') {
                boolean block = source.startsWith("\"\"\"", i);
                int j = i + (block ? 3 : 1);
                while (j < n && !(block ? source.startsWith("\"\"\"", j) : source.charAt(j) == '"')) {
                    if (source.charAt(j) == '\\') j++;
                    j++;
                }
                literals.add(source.substring(i, Math.min(n, j + 1)));
                kinds.add('L');
                i = j + (block ? 3 : 1);
            } else if (c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != '\'') {
                    if (source.charAt(j) == '\\') j++;
                    j++;
                }
                i = j + 1;
                literals.add(null);
                kinds.add('X');
            } else if (c == '+') {
                literals.add(null);
                kinds.add(i + 1 < n && (source.charAt(i + 1) == '+' || source.charAt(i + 1) == '=') ? 'X' : 'P');
                i += i + 1 < n && (source.charAt(i + 1) == '+' || source.charAt(i + 1) == '=') ? 2 : 1;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                literals.add(null);
                kinds.add('X');
                i++;
            }
        }
        List<String> hits = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            if (kinds.get(k) != 'P') continue;
            boolean leftLiteral = k > 0 && kinds.get(k - 1) == 'L';
            boolean rightLiteral = k + 1 < kinds.size() && kinds.get(k + 1) == 'L';
            if (leftLiteral && !rightLiteral && SQL.matcher(literals.get(k - 1)).find()) hits.add(literals.get(k - 1));
            if (rightLiteral && !leftLiteral && SQL.matcher(literals.get(k + 1)).find()) hits.add(literals.get(k + 1));
        }
        return hits;
    }
}
