/** Types of build-cli.mjs (a plain script, so that bin/lab.js can run it without tsx). */
export declare const BUNDLE: string;
export declare const SOURCE_DIRS: readonly string[];
export declare function isStale(bundle?: string, dirs?: readonly string[]): boolean;
export declare function buildCli(outfile?: string): Promise<void>;
