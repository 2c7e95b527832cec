// Types of bin/fresh.js (plain JavaScript: it runs before tsx or dist/ is chosen).
export declare const STAMP_FILE: string;
export declare function isTestFile(name: string): boolean;
export declare function sourceStamp(root: string): { newest: number; entries: number };
export declare function distIsFresh(root: string, dist?: string): boolean;
