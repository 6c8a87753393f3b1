/**
 * Every catalog row is this tall, in CSS pixels (styles.css `.catalog-row`
 * agrees): the windowed list places rows by arithmetic, never by measuring.
 * A module of its own so the browser test can check it without the screen.
 */
export const CATALOG_ROW_HEIGHT = 64;

/** Below this width (a 1024-pixel counter screen) the catalog drops its category and THC columns (styles.css matches it). */
export const NARROW_SCREEN = '(max-width: 1200px)';
