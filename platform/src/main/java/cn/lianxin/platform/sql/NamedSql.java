package cn.lianxin.platform.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A statement written with named parameters ({@code :member}), as JDBC runs it: each parameter replaced by {@code ?}
 * and the names in the order of the question marks (a name used twice is bound twice). Casts ({@code ::jsonb}),
 * string literals, quoted identifiers, comments and dollar-quoted bodies are left as they are. Parsed once per text:
 * the services' statements are constants, their values parameters.
 */
public record NamedSql(String jdbc, List<String> parameters) {

    /** Enough for every statement text of a service; a text beyond it is parsed again each time, not remembered. */
    private static final int REMEMBERED = 2_000;
    private static final Map<String, NamedSql> PARSED = new ConcurrentHashMap<>();

    public NamedSql {
        parameters = List.copyOf(parameters);
    }

    public static NamedSql parse(String sql) {
        NamedSql parsed = PARSED.get(sql);
        if (parsed == null) {
            parsed = translate(sql);
            if (PARSED.size() < REMEMBERED) {
                PARSED.put(sql, parsed);
            }
        }
        return parsed;
    }

    private static NamedSql translate(String sql) {
        StringBuilder jdbc = new StringBuilder(sql.length());
        List<String> names = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = closing(sql, i + 1, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                end = sql.indexOf('\n', i);
                end = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                end = sql.indexOf(tag, i + tag.length());
                end = end < 0 ? n : end + tag.length();
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                end = i + 2; // a cast
            } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                end = i + 2;
                while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                jdbc.append('?');
                i = end;
                continue;
            } else {
                end = i + 1;
            }
            jdbc.append(sql, i, end);
            i = end;
        }
        return new NamedSql(jdbc.toString(), names);
    }

    /** The index after the quote that closes the one before {@code from} (a doubled quote is part of the text). */
    private static int closing(String sql, int from, char quote) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** {@code $$} or {@code $tag$} starting at {@code at}; null when the dollar is not one ({@code $1}). */
    private static String dollarTag(String sql, int at) {
        int i = at + 1;
        while (i < sql.length() && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? sql.substring(at, i + 1) : null;
    }
}
