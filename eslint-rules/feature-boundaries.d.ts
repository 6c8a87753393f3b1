import type { Rule } from 'eslint';

/** Which features each feature may import (see feature-boundaries.js). */
export declare const FEATURE_DEPENDENCIES: Readonly<Record<string, readonly string[]>>;
export declare const featureBoundaries: Rule.RuleModule;
