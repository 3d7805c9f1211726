/** The employers room's public face: nothing other rooms need yet. */
export {};
