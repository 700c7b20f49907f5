package com.wabill.report;

/** A value as the pages show it: formatted as in the CSV files, control characters (but tab and line breaks) replaced. */
final class Text {

    private Text() {
    }

    /** The template engine escapes markup; characters that HTML text may not hold become U+FFFD here. */
    static String of(Object value) {
        String s = CsvWriter.format(value);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return replaceControls(s);
        }
        return s;
    }

    private static String replaceControls(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '\uFFFD' : c);
        }
        return out.toString();
    }
}
