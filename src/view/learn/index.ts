/**
 * Compare and predict, the modes a reader asks for, as one chunk loaded on demand: one chunk
 * keeps the modules they share with the page from being split into many small ones that the
 * first visit would load.
 */
export { default as CompareView } from '../compare/CompareView';
export { default as PredictPanel } from '../predict/PredictPanel';
