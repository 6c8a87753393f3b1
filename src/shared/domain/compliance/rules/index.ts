/** One rule pack per state; each file cites its primary sources (docs/compliance/<state>.md). */
export { arizona } from './arizona';
export { californiaRules } from './california';
export { colorado } from './colorado';
export { florida } from './florida';
export { illinois } from './illinois';
export { massachusetts } from './massachusetts';
export { michigan } from './michigan';
export { nevada } from './nevada';
export { newYork } from './new-york';
export { oregon } from './oregon';
export { washington } from './washington';
