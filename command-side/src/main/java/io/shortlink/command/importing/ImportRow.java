package io.shortlink.command.importing;

/**
 * One data row of an import file as it was read, before any rule is applied: a row whose time or tags are wrong is
 * reported when it is imported, with its line.
 *
 * @param line      the file's line the row starts on (the header is line 1)
 * @param code      the code the link had, {@code null} when the file has none for it
 * @param createdAt the creation time as written, {@code null} when none
 * @param tags      the tags as written (separated by {@code |} or {@code ,}), {@code null} when none
 */
record ImportRow(long line, String url, String code, String createdAt, String title, String tags) {
}
