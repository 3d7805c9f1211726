/**
 * The outcomes room's public face: nothing yet. Other rooms do not call it; it reacts to the
 * cases room's delivery of recommendations, and its figures are read over HTTP.
 */
export {};
