// Types of scripts/build.mjs (plain JavaScript: `prepare` runs it before anything else is built).
export declare function buildDist(o?: { root?: string; out?: string }): Promise<{ files: number; ms: number; out: string }>;
