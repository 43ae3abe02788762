export declare const lintConfig: { rules: Record<string, string> };
export declare const lintResolver: { resolveRule(pkg: string, ruleName: string): unknown; resolveConfig(pkg: string, configName: string): unknown };
export declare function setKnownActivities(topics: string[] | null): void;
export declare function setKnownFunctions(names: string[] | null): void;
