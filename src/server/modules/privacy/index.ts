/** The privacy room's public face: nothing yet; other rooms do not call it. */
export {};
