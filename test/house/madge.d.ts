// The part of madge's API the cycle story uses (the package ships no types).
declare module 'madge' {
  interface MadgeResult {
    circular(): string[][];
  }
  export default function madge(path: string, config?: Record<string, unknown>): Promise<MadgeResult>;
}
