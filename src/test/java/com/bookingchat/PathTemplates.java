package com.bookingchat;

/** OpenAPI path templates ({@code /conversations/{sid}/messages}) matched against request paths. */
public final class PathTemplates {

    private PathTemplates() {
    }

    /** Whether {@code path} fills {@code template}: equal segments, and a non-empty one for each variable. */
    public static boolean matches(String template, String path) {
        String[] expected = template.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            boolean variable = expected[i].startsWith("{") && !actual[i].isEmpty();
            if (!variable && !expected[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }
}
