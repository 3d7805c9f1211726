/**
 * A named list of reactions: a room offers one on its public face (a case ended, a consent
 * withdrawn) and another room registers what it does then, so the first never imports the second.
 * Registering again under a name replaces the reaction (several apps in one process, as in tests).
 * Reactions run in registration order, inside the caller's transaction.
 */
export interface Hook<Args extends unknown[]> {
  register(name: string, reaction: (...args: Args) => Promise<void>): void;
  run(...args: Args): Promise<void>;
}

export function createHook<Args extends unknown[]>(): Hook<Args> {
  const reactions = new Map<string, (...args: Args) => Promise<void>>();
  return {
    register(name, reaction) {
      reactions.set(name, reaction);
    },
    async run(...args) {
      for (const reaction of reactions.values()) await reaction(...args);
    },
  };
}
