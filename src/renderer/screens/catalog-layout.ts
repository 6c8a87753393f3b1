/**
 * Every catalog row is this tall, in CSS pixels (styles.css `.catalog-row`
 * agrees): the windowed list places rows by arithmetic, never by measuring.
 * A module of its own so the browser test can check it without the screen.
 */
export const CATALOG_ROW_HEIGHT = 64;
