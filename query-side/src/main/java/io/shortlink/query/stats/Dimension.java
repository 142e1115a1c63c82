package io.shortlink.query.stats;

/** What the clicks of a link are broken down by; {@link #column} is the name stored in link_stats_dimension. */
enum Dimension {
    REFERRER("referrer"),
    COUNTRY("country"),
    BROWSER("browser"),
    OPERATING_SYSTEM("os"),
    DEVICE("device");

    final String column;

    Dimension(String column) {
        this.column = column;
    }

    static Dimension ofColumn(String column) {
        for (Dimension dimension : values()) {
            if (dimension.column.equals(column)) {
                return dimension;
            }
        }
        throw new IllegalArgumentException("No dimension " + column);
    }
}
